//! `explain`: every detector's verdict on one pair of statements, with its score and its
//! signals, for teaching and debugging (`parallax explain "one" "two"`). The relation is
//! the one the decision table in `classify` gives.

use serde::Serialize;

use super::{DetectorName, DetectorSet, Signal, SignalKind};
use crate::classify::{Relation, decide};
use crate::profile::Profile;

/// One detector's verdict.
#[derive(Clone, Debug, Serialize)]
pub struct DetectorVerdict {
    /// The detector.
    pub detector: DetectorName,
    /// Its similarity score, for detectors that score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// `silent`, `framing`, `conflict`, or `scored` (a scoring detector with no signals).
    pub verdict: &'static str,
    /// What it found.
    pub signals: Vec<Signal>,
}

/// Every detector's verdict on one pair and the resulting relation.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    /// The left statement.
    pub left: String,
    /// The right statement.
    pub right: String,
    /// The similarity threshold above which `compare` aligns two statements on their own.
    pub threshold: f32,
    /// The relation the decision table gives if the two are aligned (with the lexical score).
    pub relation: Relation,
    /// One verdict per detector that ran, in canonical order.
    pub detectors: Vec<DetectorVerdict>,
}

/// Runs every detector of `set` on one pair.
///
/// ```
/// use parallax::{detect::{DetectorSet, explain}, profile::Profile};
/// let e = explain(
///     &Profile::new("Flights at Erbil airport were disrupted."),
///     &Profile::new("Flights at Erbil airport were not disrupted."),
///     &DetectorSet::all(),
/// );
/// assert_eq!(e.relation.as_str(), "contradicted");
/// ```
pub fn explain(left: &Profile, right: &Profile, set: &DetectorSet) -> Explanation {
    let mut all = Vec::new();
    let mut lexical = None;
    let detectors: Vec<DetectorVerdict> = set
        .iter()
        .map(|d| {
            let score = d.score(left, right);
            if d.name() == DetectorName::Lexical {
                lexical = score;
            }
            let mut signals = Vec::new();
            d.signals(left, right, &mut signals);
            let verdict = if signals.iter().any(|s| s.kind == SignalKind::Conflict) {
                "conflict"
            } else if !signals.is_empty() {
                "framing"
            } else if score.is_some() {
                "scored"
            } else {
                "silent"
            };
            all.extend(signals.iter().cloned());
            DetectorVerdict {
                detector: d.name(),
                score,
                verdict,
                signals,
            }
        })
        .collect();
    Explanation {
        left: left.text.clone(),
        right: right.text.clone(),
        threshold: crate::align::Model::shipped().threshold,
        // Without the lexical detector, judge the pair as aligned on its own words.
        relation: decide(lexical.unwrap_or(1.0), &all),
        detectors,
    }
}
