//! Many events, many sources: runs `compare` on every event of a batch and summarises which
//! events diverge most and which sources omit, reframe or contradict most.
//!
//! Inputs (`manifest.rs`): a directory of event folders, a JSON or TOML manifest, or events
//! as JSON lines (`stream.rs`, the map step of a distributed job). Each event is read and
//! compared on its own (`run_event`), so one bad source fails its event, never the batch.
//! Reports are written atomically (`output.rs`: temporary file, then rename) and only a small
//! `EventSummary` is kept per event (`summary.rs`), so memory does not grow with the batch.
//! Events run in parallel with rayon and every output is assembled in input order, so the
//! bytes written never depend on the thread count.

pub mod manifest;
pub mod output;
pub mod stream;
pub mod summary;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::compare::{Options, compare};
use crate::document::Document;
use crate::input::{InputOptions, read};
use crate::report::Report;

pub use manifest::{Loaded, load};
pub use output::{REPORT_FILES, write_atomic, write_event};
pub use summary::{EventSummary, SourceSummary, SourceTotal, rank, source_totals};

/// One event: an id (also its output folder name), a title, and its sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Unique within the batch; a safe folder name.
    pub id: String,
    /// Headline of the event, if given.
    pub title: Option<String>,
    /// The sources, in the order given.
    pub sources: Vec<Source>,
    /// Set when the event itself is malformed (no sources, bad id...): it is reported, not run.
    pub problem: Option<String>,
}

/// One source of an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Label in the report (default: the file stem, or `source-N` for inline text).
    pub label: Option<String>,
    /// Outlet; per-source totals group by it (by label when absent).
    pub outlet: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// Where the text is.
    pub origin: Origin,
}

/// Where a source's text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file, read with the usual input readers (txt, md, html, json).
    Path(PathBuf),
    /// Inline text (JSON lines).
    Text(String),
}

/// Everything a batch can be told.
#[derive(Debug, Default)]
pub struct BatchOptions {
    /// How each comparison runs.
    pub compare: Options,
    /// How source files are read.
    pub input: InputOptions,
}

/// The result of one event.
#[derive(Debug)]
pub struct Outcome {
    /// The summary (with `error` set when the event failed).
    pub summary: EventSummary,
    /// The report, when the event succeeded.
    pub report: Option<Report>,
    /// Reader warnings, one line each, naming the source.
    pub warnings: Vec<String>,
}

/// Reads and compares one event. Never fails: a problem ends up in `summary.error`.
pub fn run_event(event: &Event, opts: &BatchOptions) -> Outcome {
    let mut warnings = Vec::new();
    let result = read_sources(event, opts, &mut warnings)
        .and_then(|docs| compare(&docs, &opts.compare).map_err(|e| e.to_string()));
    match result {
        Ok(report) => Outcome {
            summary: EventSummary::of(event, &report),
            report: Some(report),
            warnings,
        },
        Err(problem) => Outcome {
            summary: EventSummary::failed(event, problem),
            report: None,
            warnings,
        },
    }
}

fn read_sources(
    event: &Event,
    opts: &BatchOptions,
    warnings: &mut Vec<String>,
) -> Result<Vec<Document>, String> {
    if let Some(p) = &event.problem {
        return Err(p.clone());
    }
    if event.sources.len() < 2 {
        return Err(format!(
            "needs at least two sources, has {}",
            event.sources.len()
        ));
    }
    let mut docs = Vec::with_capacity(event.sources.len());
    for (i, s) in event.sources.iter().enumerate() {
        let mut doc = match &s.origin {
            Origin::Path(p) => {
                let name = p.to_string_lossy();
                let input = read(
                    &name,
                    s.label.as_deref(),
                    &mut std::io::empty(),
                    &opts.input,
                )
                .map_err(|e| e.to_string())?;
                warnings.extend(input.warnings.iter().map(|w| format!("{name}: {w}")));
                input.document
            }
            Origin::Text(t) => {
                let label = s
                    .label
                    .clone()
                    .unwrap_or_else(|| format!("source-{}", i + 1));
                if t.trim().is_empty() {
                    return Err(format!("{label}: no statements found (empty text)"));
                }
                Document::from_text(label, t.clone())
            }
        };
        if s.outlet.is_some() {
            doc.meta.outlet = s.outlet.clone();
        }
        if let Some(d) = &s.date {
            doc.meta.date = Some(crate::input::meta::normalize_date(d));
        }
        docs.push(doc);
    }
    // As `compare` does: `wire.txt` and `wire.html` in one event stay apart in the report.
    crate::document::unique_ids(&mut docs);
    Ok(docs)
}

/// Runs every event in parallel, calling `done` with each outcome as it finishes (from any
/// thread; use it to write files and tick a progress bar), and returns the summaries in
/// input order. Only summaries are kept, so memory stays flat however many events there are.
pub fn run_all(
    events: &[Event],
    opts: &BatchOptions,
    done: &(dyn Fn(&Event, Outcome) -> EventSummary + Sync),
) -> Vec<EventSummary> {
    events
        .par_iter()
        .map(|e| done(e, run_event(e, opts)))
        .collect()
}

/// Checks that an event id can name its output folder: not empty, no path separators or
/// control characters, not starting with a dot.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.trim().is_empty() {
        return Err("empty event id".into());
    }
    if id.starts_with('.')
        || id
            .chars()
            .any(|c| c == '/' || c == '\\' || c == ':' || c.is_control())
    {
        return Err(format!(
            "event id {id:?} cannot name a folder (no '/', '\\', ':', control characters or leading '.')"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_would_escape_the_output_folder_are_refused() {
        for bad in [
            "", " ", "..", "../x", "a/b", "a\\b", ".hidden", "a\nb", "c:x",
        ] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        for good in ["erbil-2025-10-28", "Event 7", "événement"] {
            assert!(check_id(good).is_ok(), "{good:?}");
        }
    }

    fn text(label: &str, t: &str) -> Source {
        Source {
            label: Some(label.into()),
            outlet: None,
            date: None,
            origin: Origin::Text(t.into()),
        }
    }

    #[test]
    fn repeated_labels_stay_apart() {
        let e = Event {
            id: "x".into(),
            title: None,
            sources: vec![
                text("wire", "Flights resumed."),
                text("wire", "Flights did not resume."),
            ],
            problem: None,
        };
        let o = run_event(&e, &BatchOptions::default());
        let ids: Vec<String> = o
            .report
            .unwrap()
            .documents
            .into_iter()
            .map(|d| d.id)
            .collect();
        assert_eq!(ids, ["wire", "wire-2"]);
        assert_eq!(o.summary.contradictions, 2, "{:?}", o.summary);
    }

    #[test]
    fn an_event_with_one_source_fails_alone() {
        let e = Event {
            id: "x".into(),
            title: None,
            sources: vec![Source {
                label: None,
                outlet: None,
                date: None,
                origin: Origin::Text("One statement.".into()),
            }],
            problem: None,
        };
        let o = run_event(&e, &BatchOptions::default());
        assert!(o.report.is_none());
        assert!(o.summary.error.as_deref().unwrap().contains("two sources"));
    }
}
