//! Writing CSV cells for the files committees open in WPS and Excel (the roll-up and the
//! groups): one quoting rule, one formula guard.

/// One cell, quoted when it holds a comma, quote or line break (RFC 4180). Text a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@` first: a unit name in a hostile
/// file) gets a leading `'`, which spreadsheets show as plain text.
pub(crate) fn push_cell(out: &mut String, cell: &str) {
    let guarded;
    let cell = if cell.starts_with(['=', '+', '-', '@']) {
        guarded = format!("'{cell}");
        guarded.as_str()
    } else {
        cell
    };
    if cell.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}
