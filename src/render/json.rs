//! JSON output: the report, pretty-printed, with a trailing newline; never coloured.

use std::io::{self, Write};

use crate::report::Report;

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}
