//! The per-event summary kept for every event of a batch, the ranking of events by
//! divergence, the per-source totals across events (which outlet omits most, reframes most),
//! and the `summary.csv` / `summary.jsonl` encodings.
//!
//! Counts come from the N-way claim matrix (`claims::group`, computed here for two sources
//! too): a source "omits" a claim another source carries, "reframes" or "contradicts" it when
//! most of the other carriers say so. Event divergence is the mean of its pairwise divergences.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Event;
use crate::claims::{self, SourceTotals};
use crate::report::{Report, round3};

/// One source of one event in the summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceSummary {
    /// Label in the report.
    pub label: String,
    /// Outlet, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Statements found.
    pub statements: usize,
    /// Claim cells of this source.
    #[serde(flatten)]
    pub totals: SourceTotals,
}

impl SourceSummary {
    /// What per-source totals group by: the outlet, else the label.
    pub fn key(&self) -> &str {
        self.outlet.as_deref().unwrap_or(&self.label)
    }
}

/// What the batch keeps of one event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventSummary {
    /// Position in the ranking, from 1 (failed events come last); 0 (and not serialised)
    /// until ranked.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rank: usize,
    /// Event id.
    pub id: String,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Sources, in input order (empty when the event failed).
    pub sources: Vec<SourceSummary>,
    /// Statements over all sources.
    pub statements: usize,
    /// Claims over all sources.
    pub claims: usize,
    /// Document pairs compared.
    pub pairs: usize,
    /// Claim cells left out (a source lacks a claim another has).
    pub omissions: usize,
    /// Reframed claim cells.
    pub reframings: usize,
    /// Contradicted claim cells.
    pub contradictions: usize,
    /// Mean pairwise divergence, in [0, 1].
    pub divergence: f64,
    /// Why the event failed; `None` when it ran.
    #[serde(default)]
    pub error: Option<String>,
}

impl EventSummary {
    /// Summarises a finished report.
    pub fn of(event: &Event, report: &Report) -> Self {
        let n = report.documents.len();
        let claim_list;
        let claims = if report.claims.is_empty() {
            claim_list = claims::group(&report.documents, &report.comparisons);
            &claim_list
        } else {
            &report.claims
        };
        let totals = claims::totals(claims, n);
        let sources: Vec<SourceSummary> = report
            .documents
            .iter()
            .zip(totals)
            .map(|(d, totals)| SourceSummary {
                label: d.id.clone(),
                outlet: d.meta.outlet.clone(),
                statements: d.statements.len(),
                totals,
            })
            .collect();
        let mean = report
            .comparisons
            .iter()
            .map(|c| c.summary.divergence)
            .sum::<f64>()
            / report.comparisons.len().max(1) as f64;
        EventSummary {
            rank: 0,
            id: event.id.clone(),
            title: event.title.clone(),
            statements: sources.iter().map(|s| s.statements).sum(),
            omissions: sources.iter().map(|s| s.totals.omitted).sum(),
            reframings: sources.iter().map(|s| s.totals.reframed).sum(),
            contradictions: sources.iter().map(|s| s.totals.contradicted).sum(),
            sources,
            claims: claims.len(),
            pairs: report.comparisons.len(),
            divergence: round3(mean as f32),
            error: None,
        }
    }

    /// The summary of an event that could not run.
    pub fn failed(event: &Event, problem: String) -> Self {
        EventSummary {
            rank: 0,
            id: event.id.clone(),
            title: event.title.clone(),
            sources: Vec::new(),
            statements: 0,
            claims: 0,
            pairs: 0,
            omissions: 0,
            reframings: 0,
            contradictions: 0,
            divergence: 0.0,
            error: Some(problem),
        }
    }

    /// The source that omits most claims (first in input order on ties).
    pub fn most_omitting(&self) -> Option<&SourceSummary> {
        self.sources
            .iter()
            .rev()
            .max_by_key(|s| s.totals.omitted)
            .filter(|s| s.totals.omitted > 0)
    }

    /// CSV header matching [`EventSummary::csv_row`].
    pub const CSV_HEADER: &'static str = "rank,event,title,sources,statements,claims,pairs,divergence,omissions,reframings,contradictions,most_omitting,error";

    /// One CSV row (RFC 4180 quoting), without the line break.
    pub fn csv_row(&self) -> String {
        let most = self
            .most_omitting()
            .map(|s| format!("{} ({})", s.key(), s.totals.omitted))
            .unwrap_or_default();
        [
            self.rank.to_string(),
            csv_field(&self.id),
            csv_field(self.title.as_deref().unwrap_or("")),
            self.sources.len().to_string(),
            self.statements.to_string(),
            self.claims.to_string(),
            self.pairs.to_string(),
            format!("{:.3}", self.divergence),
            self.omissions.to_string(),
            self.reframings.to_string(),
            self.contradictions.to_string(),
            csv_field(&most),
            csv_field(self.error.as_deref().unwrap_or("")),
        ]
        .join(",")
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Sorts summaries into the ranking (divergence descending, then input order; failed events
/// last, in input order) and numbers them from 1. The sort is stable, so the ranking is the
/// same whatever order the events finished in.
pub fn rank(summaries: &mut [EventSummary]) {
    summaries.sort_by(|a, b| {
        a.error
            .is_some()
            .cmp(&b.error.is_some())
            .then(b.divergence.total_cmp(&a.divergence))
    });
    for (i, s) in summaries.iter_mut().enumerate() {
        s.rank = i + 1;
    }
}

/// One outlet (or label) over all the events it appears in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceTotal {
    /// Outlet, else label.
    pub source: String,
    /// Events it appears in.
    pub events: usize,
    /// Its statements.
    pub statements: usize,
    /// Claim cells over those events.
    #[serde(flatten)]
    pub totals: SourceTotals,
}

impl SourceTotal {
    /// Omitted claims per event it appears in.
    pub fn omitted_per_event(&self) -> f64 {
        self.totals.omitted as f64 / self.events.max(1) as f64
    }
}

/// Totals per outlet over the events that ran, most omissions first (then by name).
pub fn source_totals(summaries: &[EventSummary]) -> Vec<SourceTotal> {
    let mut by: BTreeMap<&str, SourceTotal> = BTreeMap::new();
    for s in summaries.iter().filter(|s| s.error.is_none()) {
        for src in &s.sources {
            let t = by.entry(src.key()).or_insert_with(|| SourceTotal {
                source: src.key().to_string(),
                ..Default::default()
            });
            t.events += 1;
            t.statements += src.statements;
            t.totals.present += src.totals.present;
            t.totals.reframed += src.totals.reframed;
            t.totals.contradicted += src.totals.contradicted;
            t.totals.omitted += src.totals.omitted;
        }
    }
    let mut out: Vec<SourceTotal> = by.into_values().collect();
    out.sort_by_key(|t| std::cmp::Reverse(t.totals.omitted));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: &str, divergence: f64, error: Option<&str>) -> EventSummary {
        EventSummary {
            divergence,
            error: error.map(str::to_string),
            ..EventSummary::failed(
                &Event {
                    id: id.into(),
                    title: None,
                    sources: vec![],
                    problem: None,
                },
                String::new(),
            )
        }
    }

    #[test]
    fn ranking_puts_most_divergent_first_and_failures_last() {
        let mut s = vec![
            summary("a", 0.2, None),
            summary("bad", 0.0, Some("x")),
            summary("b", 0.7, None),
            summary("c", 0.2, None),
        ];
        rank(&mut s);
        let ids: Vec<&str> = s.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "c", "bad"]);
        assert_eq!(s[3].rank, 4);
    }

    #[test]
    fn csv_fields_with_commas_and_quotes_are_quoted() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
    }
}
