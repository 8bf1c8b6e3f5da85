//! A minimal ZIP writer: stored entries (no compression), CRC-32, local headers, the central
//! directory and the end record, names flagged UTF-8. No clock and no randomness: the same
//! files and date give the same bytes. No ZIP64: at most 65,535 entries and 4 GiB in all,
//! far above a report of some tens of KB.

/// 2026-01-01 in MS-DOS date form ((year − 1980) << 9 | month << 5 | day).
pub const DOS_DATE: u16 = (46 << 9) | (1 << 5) | 1;
/// 00:00:00 in MS-DOS time form.
pub const DOS_TIME: u16 = 0;

/// CRC-32 (IEEE 802.3, as ZIP uses it), bit by bit: no 1 KB table in the wasm, and a report
/// of tens of KB takes well under a millisecond.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// The archive of `files` (name, content), in that order, each stored with `date` and `time`
/// (MS-DOS forms, e.g. [`DOS_DATE`] and [`DOS_TIME`]).
pub fn store(files: &[(&str, &[u8])], date: u16, time: u16) -> Vec<u8> {
    let mut out = Vec::new();
    let mut dir = Vec::new();
    for &(name, data) in files {
        let offset = out.len() as u32;
        // The fields from "version needed" to "extra field length", the same in both headers.
        let mut common = Vec::with_capacity(26);
        put16(&mut common, 20); // version needed: 2.0
        put16(&mut common, 0x0800); // flags: the name is UTF-8
        put16(&mut common, 0); // method: stored
        put16(&mut common, time);
        put16(&mut common, date);
        put32(&mut common, crc32(data));
        put32(&mut common, data.len() as u32); // compressed size
        put32(&mut common, data.len() as u32); // uncompressed size
        put16(&mut common, name.len() as u16);
        put16(&mut common, 0); // extra field length

        put32(&mut out, 0x0403_4b50);
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        put32(&mut dir, 0x0201_4b50);
        put16(&mut dir, 20); // version made by: 2.0, MS-DOS attributes
        dir.extend_from_slice(&common);
        dir.extend_from_slice(&[0; 10]); // comment length, disk number, internal and external attributes
        put32(&mut dir, offset);
        dir.extend_from_slice(name.as_bytes());
    }
    let dir_offset = out.len() as u32;
    out.extend_from_slice(&dir);
    put32(&mut out, 0x0605_4b50);
    put32(&mut out, 0); // this disk, the directory's disk
    put16(&mut out, files.len() as u16); // entries on this disk
    put16(&mut out, files.len() as u16); // entries in all
    put32(&mut out, dir.len() as u32);
    put32(&mut out, dir_offset);
    put16(&mut out, 0); // comment length
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn empty_archive_is_just_the_end_record() {
        let zip = store(&[], DOS_DATE, DOS_TIME);
        assert_eq!(
            zip,
            [0x50, 0x4b, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        );
    }

    #[test]
    fn one_entry_layout() {
        let zip = store(&[("a/文.txt", b"hi")], 0x5C21, 0x0123);
        let name = "a/文.txt".as_bytes();
        // Local header: 30 bytes, the name, the data.
        assert_eq!(&zip[0..4], b"PK\x03\x04");
        assert_eq!(&zip[6..8], &[0x00, 0x08]); // UTF-8 flag
        assert_eq!(&zip[8..10], &[0, 0]); // stored
        assert_eq!(&zip[10..12], &[0x23, 0x01]);
        assert_eq!(&zip[12..14], &[0x21, 0x5C]);
        assert_eq!(&zip[14..18], &crc32(b"hi").to_le_bytes());
        assert_eq!(&zip[18..26], &[2, 0, 0, 0, 2, 0, 0, 0]);
        assert_eq!(
            usize::from(u16::from_le_bytes([zip[26], zip[27]])),
            name.len()
        );
        assert_eq!(&zip[30..30 + name.len()], name);
        let dir = 30 + name.len() + 2;
        assert_eq!(&zip[30 + name.len()..dir], b"hi");
        // Central directory: 46 bytes and the name, pointing at offset 0.
        assert_eq!(&zip[dir..dir + 4], b"PK\x01\x02");
        assert_eq!(&zip[dir + 6..dir + 32], &zip[4..30]);
        assert_eq!(&zip[dir + 42..dir + 46], &[0, 0, 0, 0]);
        let end = dir + 46 + name.len();
        assert_eq!(&zip[end..end + 4], b"PK\x05\x06");
        assert_eq!(&zip[end + 10..end + 12], &[1, 0]);
        assert_eq!(
            u32::from_le_bytes([zip[end + 12], zip[end + 13], zip[end + 14], zip[end + 15]])
                as usize,
            end - dir
        );
        assert_eq!(
            u32::from_le_bytes([zip[end + 16], zip[end + 17], zip[end + 18], zip[end + 19]])
                as usize,
            dir
        );
        assert_eq!(zip.len(), end + 22);
    }
}
