//! Writing a batch's files without ever leaving one half-written: each file is rendered in
//! memory, written to a temporary file in the same folder and renamed over the target
//! (atomic on the same file system). `REPORT_FILES` is the one list of per-event reports.

use std::io::Write;
use std::path::Path;

use super::summary::EventSummary;
use crate::error::Result;
use crate::render::{Format, RenderOptions, render};
use crate::report::Report;

/// The reports written into each event's folder, by file name and format: the one list to
/// extend when a renderer is added.
pub const REPORT_FILES: &[(&str, Format)] = &[
    ("report.json", Format::Json),
    ("report.md", Format::Markdown),
    ("report.html", Format::Html),
];

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let mut tmp = tempfile::NamedTempFile::new_in(dir.unwrap_or(Path::new(".")))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_data()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `out/<event id>/<file>` for every entry of [`REPORT_FILES`]. For a failed event
/// (no report), removes reports a previous run left there, so none is mistaken for this run's.
pub fn write_event(out: &Path, id: &str, report: Option<&Report>) -> Result<()> {
    let dir = out.join(id);
    match report {
        Some(report) => {
            std::fs::create_dir_all(&dir)?;
            let opts = RenderOptions::default();
            for (name, format) in REPORT_FILES {
                let mut buf = Vec::new();
                render(report, *format, &opts, &mut buf)?;
                write_atomic(&dir.join(name), &buf)?;
            }
        }
        None => {
            for (name, _) in REPORT_FILES {
                match std::fs::remove_file(dir.join(name)) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

/// `summary.csv`: a header, then one row per event in ranking order.
pub fn summary_csv(summaries: &[EventSummary]) -> Vec<u8> {
    let mut s = String::from(EventSummary::CSV_HEADER);
    s.push('\n');
    for e in summaries {
        s.push_str(&e.csv_row());
        s.push('\n');
    }
    s.into_bytes()
}

/// `summary.jsonl`: one JSON object per event in ranking order.
pub fn summary_jsonl(summaries: &[EventSummary]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for e in summaries {
        serde_json::to_writer(&mut out, e).map_err(std::io::Error::from)?;
        out.push(b'\n');
    }
    Ok(out)
}
