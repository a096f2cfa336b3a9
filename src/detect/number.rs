//! `number`: counts, money and percentages that disagree between aligned statements.

use super::{Detector, DetectorName, Signal, SignalKind};
use crate::profile::{NumberMention, Profile};

/// The number detector.
pub struct Number;

fn same(a: &NumberMention, b: &NumberMention) -> bool {
    (a.value - b.value).abs() <= 1e-9 * a.value.abs().max(1.0)
        && (a.unit == b.unit || a.unit.is_empty() || b.unit.is_empty())
}

impl Detector for Number {
    fn name(&self) -> DetectorName {
        DetectorName::Number
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let ul: Vec<_> = l
            .numbers
            .iter()
            .filter(|a| !r.numbers.iter().any(|b| same(a, b)))
            .collect();
        let ur: Vec<_> = r
            .numbers
            .iter()
            .filter(|b| !l.numbers.iter().any(|a| same(a, b)))
            .collect();
        // A number on each side that the other lacks, of the same unit: they disagree.
        for a in &ul {
            if let Some(b) = ur.iter().find(|b| a.unit == b.unit) {
                out.push(Signal {
                    detector: DetectorName::Number,
                    kind: SignalKind::Conflict,
                    left: a.raw.clone(),
                    right: b.raw.clone(),
                    explanation: format!("the figures disagree: '{}' against '{}'", a.raw, b.raw),
                    short: format!("number changed: {} → {}", a.raw, b.raw),
                });
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(a: &str, b: &str) -> Vec<Signal> {
        let mut out = Vec::new();
        Number.signals(&Profile::new(a), &Profile::new(b), &mut out);
        out
    }

    #[test]
    fn different_counts_conflict() {
        let s = sig(
            "Seven soldiers were wounded.",
            "Five soldiers were wounded.",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].kind, SignalKind::Conflict);
    }

    #[test]
    fn equal_money_is_silent() {
        assert!(sig("a $3.5 billion deal", "a deal of 3.5 billion dollars").is_empty());
    }
}
