//! The wire types of the JSON report, contract version 1 (../shared/report-contract.md,
//! docs/json-format.md). Kept apart from the domain types so that a refactor inside the
//! pipeline cannot rename a field users rely on; renderers read only these.

use serde::{Deserialize, Serialize};

use crate::align::Alignment;
use crate::classify::Relation;
use crate::detect::{DetectorName, Signal, SignalKind};
use crate::document::Metadata;

/// The whole report: documents and every pairwise comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Contract version, 1.
    pub version: u32,
    /// The inputs in the order given.
    pub documents: Vec<DocumentReport>,
    /// Every unordered pair `(i, j)`, `i < j`, in lexicographic order.
    pub comparisons: Vec<ComparisonReport>,
    /// With three or more documents: statements grouped into claims across all sources, the
    /// most divergent first (`claims::group`). Absent (empty) for two documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimReport>,
}

/// One claim of the N-way coverage matrix: the statements of every source that say it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimReport {
    /// The claim's shortest wording, exactly as one source has it.
    pub text: String,
    /// Index into `documents` of the source of `text`.
    pub source: usize,
    /// Per document (in `documents` order), the indices of its statements in this claim;
    /// empty when the source leaves the claim out.
    pub statements: Vec<Vec<usize>>,
    /// Per document, how it carries the claim.
    pub cells: Vec<Coverage>,
    /// In [0, 1]: absent and contradicted cells weigh 1, reframed 0.5, over the number of
    /// sources. Claims are ordered by it, descending.
    pub divergence: f64,
}

/// How one source carries one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Said as (most of) the other sources say it.
    Present,
    /// Said, but framed differently from most of the other sources.
    Reframed,
    /// Said, but with facts most of the other sources contradict.
    Contradicted,
    /// Not said, while another source says it.
    Absent,
}

impl Coverage {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Present => "present",
            Coverage::Reframed => "reframed",
            Coverage::Contradicted => "contradicted",
            Coverage::Absent => "absent",
        }
    }

    /// The cell's share of a claim's divergence.
    pub fn weight(self) -> f64 {
        match self {
            Coverage::Present => 0.0,
            Coverage::Reframed => 0.5,
            Coverage::Contradicted | Coverage::Absent => 1.0,
        }
    }
}

/// One input document and its statements.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    /// Label: file stem or `--label`.
    pub id: String,
    /// Path as given; `null` for stdin.
    pub path: Option<String>,
    /// Statements in document order.
    pub statements: Vec<StatementReport>,
    /// The extracted text the spans point into, when it differs from the file's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Title, outlet, author, date, url when known.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    pub meta: Metadata,
}

/// One statement: its byte span and exact text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementReport {
    /// Position in the document.
    pub index: usize,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Exactly `text[start..end]` of the document.
    pub text: String,
}

/// The comparison of documents `left` and `right`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparisonReport {
    /// Index into `documents`.
    pub left: usize,
    /// Index into `documents`.
    pub right: usize,
    /// Aligned statements, ordered by their first left statement.
    pub alignments: Vec<AlignmentReport>,
    /// Left statements the right document omits.
    pub only_left: Vec<usize>,
    /// Right statements the left document omits.
    pub only_right: Vec<usize>,
    /// Counts and the divergence score.
    pub summary: Summary,
}

/// One alignment with its relation and evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlignmentReport {
    /// Left statement indices.
    pub left: Vec<usize>,
    /// Right statement indices.
    pub right: Vec<usize>,
    /// `shared`, `reframed` or `contradicted`.
    pub relation: Relation,
    /// Similarity in [0, 1], rounded to 3 decimals so output is stable.
    pub score: f64,
    /// The evidence for the relation.
    pub signals: Vec<SignalReport>,
}

impl AlignmentReport {
    /// Builds the wire form of an alignment.
    pub fn new(a: &Alignment, relation: Relation, signals: Vec<Signal>) -> Self {
        AlignmentReport {
            left: a.left.clone(),
            right: a.right.clone(),
            relation,
            score: round3(a.score),
            signals: signals.into_iter().map(SignalReport::from).collect(),
        }
    }
}

/// One signal on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalReport {
    /// Detector name.
    pub detector: DetectorName,
    /// Evidence on the left.
    pub left: String,
    /// Evidence on the right.
    pub right: String,
    /// One-line explanation.
    pub explanation: String,
    /// `framing` or `conflict`.
    pub kind: SignalKind,
    /// Short label for narrow views.
    pub short: String,
}

impl From<Signal> for SignalReport {
    fn from(s: Signal) -> Self {
        SignalReport {
            detector: s.detector,
            left: s.left,
            right: s.right,
            explanation: s.explanation,
            kind: s.kind,
            short: s.short,
        }
    }
}

/// Counts per relation and a single divergence score for one comparison.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Alignments labelled shared.
    pub shared: usize,
    /// Alignments labelled reframed.
    pub reframed: usize,
    /// Alignments labelled contradicted.
    pub contradicted: usize,
    /// Left statements the right omits.
    pub only_left: usize,
    /// Right statements the left omits.
    pub only_right: usize,
    /// In [0, 1]: the share of all statements that are omitted (weight 1), in a contradicted
    /// alignment (weight 1) or in a reframed one (weight 0.5). 0 = same story, 1 = nothing shared.
    pub divergence: f64,
}

impl Summary {
    /// Computes the summary of a comparison of documents with `nl` and `nr` statements.
    pub fn of(c: &ComparisonReport, nl: usize, nr: usize) -> Self {
        let mut s = Summary {
            only_left: c.only_left.len(),
            only_right: c.only_right.len(),
            ..Default::default()
        };
        let mut weight = (s.only_left + s.only_right) as f64;
        for a in &c.alignments {
            let n = (a.left.len() + a.right.len()) as f64;
            match a.relation {
                Relation::Shared => s.shared += 1,
                Relation::Reframed => {
                    s.reframed += 1;
                    weight += 0.5 * n;
                }
                Relation::Contradicted => {
                    s.contradicted += 1;
                    weight += n;
                }
            }
        }
        let total = (nl + nr).max(1) as f64;
        s.divergence = round3((weight / total) as f32);
        s
    }

    /// True when anything diverges (used by `--exit-code`).
    pub fn diverges(&self) -> bool {
        self.reframed + self.contradicted + self.only_left + self.only_right > 0
    }
}

/// Rounds to 3 decimals through a decimal string, so JSON shows `0.71`, not `0.7099999785`.
pub fn round3(x: f32) -> f64 {
    format!("{:.3}", x).parse().unwrap_or(0.0)
}

impl Report {
    /// Checks the contract's invariants: spans slice the text, every statement lands in
    /// exactly one alignment or omission list per comparison, all pairs present. Returns the
    /// first violation.
    pub fn validate(&self, texts: &[&str]) -> Result<(), String> {
        for (d, t) in self.documents.iter().zip(texts) {
            let base = d.text.as_deref().unwrap_or(t);
            for s in &d.statements {
                if base.get(s.start..s.end) != Some(s.text.as_str()) {
                    return Err(format!(
                        "{}: statement {} does not slice the text",
                        d.id, s.index
                    ));
                }
            }
        }
        let n = self.documents.len();
        if self.comparisons.len() != n * n.saturating_sub(1) / 2 {
            return Err("not every pair is compared".into());
        }
        for c in &self.comparisons {
            for (side, count, only) in [
                (
                    "left",
                    self.documents[c.left].statements.len(),
                    &c.only_left,
                ),
                (
                    "right",
                    self.documents[c.right].statements.len(),
                    &c.only_right,
                ),
            ] {
                let mut seen = vec![0u32; count];
                for a in &c.alignments {
                    let idx = if side == "left" { &a.left } else { &a.right };
                    idx.iter().for_each(|&i| seen[i] += 1);
                }
                only.iter().for_each(|&i| seen[i] += 1);
                if let Some(i) = seen.iter().position(|&x| x != 1) {
                    return Err(format!(
                        "comparison {}-{}: {side} statement {i} appears {} times",
                        c.left, c.right, seen[i]
                    ));
                }
            }
        }
        Ok(())
    }
}
