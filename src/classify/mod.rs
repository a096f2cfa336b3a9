//! The one decision table that maps an aligned pair's signals to its relation. Mirrored in
//! docs/detectors.md; change both together.
//!
//! | score and signals of the aligned pair                                                   | relation       |
//! |-----------------------------------------------------------------------------------------|----------------|
//! | any `Conflict` (`number`, `date`, `negation`) and score ≥ `CONFLICT_MIN_SCORE`           | `contradicted` |
//! | else any `Conflict` or `Framing` (`attribution`, `intensity`, `hedge`, `quote`, `entity`, `loaded_term`) | `reframed` |
//! | else                                                                                    | `shared`       |
//!
//! A conflict only contradicts an *aligned claim*: below `CONFLICT_MIN_SCORE` the two
//! statements were paired by document context rather than by their own words, so differing
//! figures may belong to different claims; the pair is `reframed` and keeps the conflict
//! signal as evidence.
//!
//! Which statements are aligned at all is decided before, by the `lexical` score and the
//! matcher; a detector only says what kind of difference it found (`SignalKind`), never the
//! relation. Style-only differences emit no signal, so they stay `shared`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::detect::{Signal, SignalKind};

/// How an aligned pair relates. Omission is deliberately not a relation: an omitted
/// statement has no counterpart and lives in `only_left` / `only_right`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Same claim, differences of style only.
    Shared,
    /// Same claim, framed differently (speech verb, hedge, loaded term...).
    Reframed,
    /// Same claim, incompatible facts (number, date, polarity).
    Contradicted,
}

impl Relation {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Shared => "shared",
            Relation::Reframed => "reframed",
            Relation::Contradicted => "contradicted",
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The similarity from which a conflict makes a pair `contradicted`. The bundled fixtures'
/// contradictions score 0.79 and above, and a lone pair aligns only above the model
/// threshold (0.54). Context-only alignments of long articles go down to about 0.27; on the
/// seed articles the one "contradiction" below 0.5 (0.49: a "not" in a different claim) was
/// false. A one-sentence pair with two changed figures ("About 240,000 people fled on
/// Nov. 11." / "200,000 people fled on Nov. 18.") scores 0.49 too, so inside a document
/// such a pair would be `reframed`: "contradicted" is kept for pairs sure to be one claim.
pub const CONFLICT_MIN_SCORE: f32 = 0.5;

/// Applies the decision table to an aligned pair of similarity `score`.
pub fn decide(score: f32, signals: &[Signal]) -> Relation {
    if score < CONFLICT_MIN_SCORE && signals.iter().any(|s| s.kind == SignalKind::Conflict) {
        Relation::Reframed
    } else {
        classify(signals)
    }
}

/// Applies the decision table to a pair aligned on its own words (score at or above
/// `CONFLICT_MIN_SCORE`).
pub fn classify(signals: &[Signal]) -> Relation {
    if signals.iter().any(|s| s.kind == SignalKind::Conflict) {
        Relation::Contradicted
    } else if signals.iter().any(|s| s.kind == SignalKind::Framing) {
        Relation::Reframed
    } else {
        Relation::Shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::DetectorName;

    fn s(kind: SignalKind) -> Signal {
        Signal {
            detector: DetectorName::Hedge,
            kind,
            left: String::new(),
            right: String::new(),
            explanation: String::new(),
            short: String::new(),
        }
    }

    #[test]
    fn table() {
        assert_eq!(classify(&[]), Relation::Shared);
        assert_eq!(classify(&[s(SignalKind::Framing)]), Relation::Reframed);
        assert_eq!(
            classify(&[s(SignalKind::Framing), s(SignalKind::Conflict)]),
            Relation::Contradicted
        );
        assert_eq!(
            decide(0.9, &[s(SignalKind::Conflict)]),
            Relation::Contradicted
        );
        assert_eq!(decide(0.3, &[s(SignalKind::Conflict)]), Relation::Reframed);
        assert_eq!(decide(0.3, &[]), Relation::Shared);
    }
}
