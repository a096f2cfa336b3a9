//! The one decision table that maps an aligned pair's signals to its relation. Mirrored in
//! docs/detectors.md; change both together.
//!
//! | signals of the aligned pair                                           | relation       |
//! |-----------------------------------------------------------------------|----------------|
//! | any `Conflict` (`number`, `date`, `negation`)                         | `contradicted` |
//! | else any `Framing` (`attribution`, `intensity`, `hedge`, `quote`, `entity`, `loaded_term`) | `reframed` |
//! | else                                                                  | `shared`       |
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

/// Applies the decision table.
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
    }
}
