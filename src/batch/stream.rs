//! JSON lines in, JSON lines out: the map step of a distributed job (docs/scale.md).
//!
//! Each input line is one event, `{"id", "title", "sources": [{"label", "text", "outlet",
//! "date"}]}`; each output line is `{"line", "id", "title", "error", "summary", "report"}`
//! for the event on that input line, in input order (blank lines are skipped). Lines are
//! read in chunks, a chunk runs in parallel with rayon and is written in order before the
//! next is read, so memory is bounded by the chunk, not the stream, and the output bytes
//! never depend on the thread count. A malformed line fails alone: its output line carries
//! `error` and no report.

use std::io::{BufRead, Write};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::manifest::{EventSpec, malformed};
use super::{BatchOptions, EventSummary, run_event};
use crate::error::Result;
use crate::report::Report;

/// One output line.
#[derive(Debug, Serialize, Deserialize)]
pub struct StreamLine {
    /// 1-based line number of the event in the input.
    pub line: usize,
    /// Event id (`event-<line>` when the line has none).
    pub id: String,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Why the event failed; `null` when it ran.
    pub error: Option<String>,
    /// The event's summary (without a rank: ranking is a reduce step).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<EventSummary>,
    /// The report, as `parallax compare --format json` would print it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
}

/// What one event of the stream produced, for the caller to report.
#[derive(Debug)]
pub struct Done {
    /// 1-based input line.
    pub line: usize,
    /// Event id.
    pub id: String,
    /// Why it failed, if it did.
    pub error: Option<String>,
    /// Reader warnings.
    pub warnings: Vec<String>,
}

/// Events per chunk: enough to keep every thread busy, small enough to bound memory.
pub const CHUNK: usize = 256;

/// Reads events from `input` and writes one line per event to `out`; `done` hears about
/// every event, in input order, after its line is written. Chunks run on `pool` (default: the
/// global pool). Returns how many events failed.
/// Only an I/O error on `out` (or reading `input`) stops the stream.
pub fn stream(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    opts: &BatchOptions,
    chunk: usize,
    pool: Option<&rayon::ThreadPool>,
    done: &mut dyn FnMut(&Done),
) -> Result<usize> {
    let mut failed = 0;
    let mut line_no = 0;
    let mut eof = false;
    while !eof {
        let mut lines: Vec<(usize, Vec<u8>)> = Vec::with_capacity(chunk);
        while lines.len() < chunk.max(1) {
            let mut buf = Vec::new();
            if input.read_until(b'\n', &mut buf)? == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            if !buf.iter().all(u8::is_ascii_whitespace) {
                lines.push((line_no, buf));
            }
        }
        let run = || {
            lines
                .into_par_iter()
                .map(|(n, bytes)| one(n, &bytes, opts))
                .collect::<Result<Vec<(Vec<u8>, Done)>>>()
        };
        let results = match pool {
            Some(p) => p.install(run),
            None => run(),
        }?;
        for (bytes, d) in results {
            out.write_all(&bytes)?;
            failed += usize::from(d.error.is_some());
            done(&d);
        }
        out.flush()?;
    }
    Ok(failed)
}

/// Parses, runs and serialises one line.
fn one(line: usize, bytes: &[u8], opts: &BatchOptions) -> Result<(Vec<u8>, Done)> {
    let event = match serde_json::from_slice::<serde_json::Value>(bytes) {
        Err(e) => malformed(
            &serde_json::Value::Null,
            line - 1,
            &format!("not JSON: {e}"),
        ),
        Ok(v) => match EventSpec::deserialize(&v) {
            Ok(spec) => spec.into_event(None),
            Err(e) => malformed(&v, line - 1, &e.to_string()),
        },
    };
    let outcome = run_event(&event, opts);
    let error = outcome.summary.error.clone();
    let out = StreamLine {
        line,
        id: event.id.clone(),
        title: event.title.clone(),
        error: error.clone(),
        summary: outcome.report.is_some().then_some(outcome.summary),
        report: outcome.report,
    };
    let mut bytes = serde_json::to_vec(&out).map_err(std::io::Error::from)?;
    bytes.push(b'\n');
    Ok((
        bytes,
        Done {
            line,
            id: event.id,
            error,
            warnings: outcome.warnings,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, chunk: usize) -> (Vec<u8>, usize, Vec<usize>) {
        let mut out = Vec::new();
        let mut lines = Vec::new();
        let failed = stream(
            &mut input.as_bytes(),
            &mut out,
            &BatchOptions::default(),
            chunk,
            None,
            &mut |d| lines.push(d.line),
        )
        .unwrap();
        (out, failed, lines)
    }

    #[test]
    fn output_is_in_input_order_whatever_the_chunk_size() {
        let mut input = String::new();
        for i in 0..7 {
            input.push_str(&format!(
                "{{\"id\": \"e{i}\", \"sources\": [{{\"text\": \"{i} drones struck the airport.\"}}, {{\"text\": \"Two drones struck the airport.\"}}]}}\n"
            ));
            if i == 3 {
                input.push_str("\n{\"id\": 5}\n");
            }
        }
        let (one, failed, lines) = run(&input, 1);
        assert_eq!(failed, 1);
        assert_eq!(lines, [1, 2, 3, 4, 6, 7, 8, 9], "line 5 is blank");
        assert_eq!(one, run(&input, 3).0);
        assert_eq!(one, run(&input, CHUNK).0);
        let ids: Vec<String> = String::from_utf8(one)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<StreamLine>(l).unwrap().id)
            .collect();
        assert_eq!(ids, ["e0", "e1", "e2", "e3", "event-6", "e4", "e5", "e6"]);
    }
}
