//! The branch's self-check report (自查报告) as an editable `.docx`, made in the browser:
//! a stored-entry ZIP writer ([`zip`]), a tiny WordprocessingML writer ([`docx`], [`Block`])
//! and the report's sections ([`report_docx`]). Plain Rust, no XML or zip crate, so the
//! wasm that carries it stays small; the same input always gives the same bytes.

mod docx;
mod report;
pub mod zip;

/// XML escaping, which is HTML escaping too: the first screens use it for their markup.
pub(crate) use docx::push_escaped;

pub use docx::{docx, Block};
pub use report::{report_docx, DimensionRow, ItemRow, ReportContent};
