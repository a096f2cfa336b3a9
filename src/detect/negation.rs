//! `negation`: polarity flips between aligned statements ("were disrupted" / "were not
//! disrupted"; "denied" / "admitted"), a conflict.

use super::{Detector, DetectorName, Signal, SignalKind};
use crate::profile::Profile;

/// The negation detector.
pub struct Negation;

const NEGATORS: &[&str] = &[
    "not",
    "no",
    "never",
    "n't",
    "none",
    "nobody",
    "nothing",
    "neither",
    "nor",
    "without",
    "cannot",
    "didn't",
    "don't",
    "doesn't",
    "isn't",
    "wasn't",
    "weren't",
    "aren't",
    "won't",
    "hasn't",
    "haven't",
    "hadn't",
    "couldn't",
    "wouldn't",
    "shouldn't",
];

fn negations(p: &Profile) -> Vec<&str> {
    p.words().filter(|w| NEGATORS.contains(w)).collect()
}

impl Detector for Negation {
    fn name(&self) -> DetectorName {
        DetectorName::Negation
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let (nl, nr) = (negations(l), negations(r));
        if nl.len() % 2 != nr.len() % 2 {
            let (neg, side) = if nl.len() % 2 == 1 {
                (nl[0], "left")
            } else {
                (nr[0], "right")
            };
            let (left, right) = if side == "left" {
                (neg.to_string(), String::new())
            } else {
                (String::new(), neg.to_string())
            };
            out.push(Signal {
                detector: DetectorName::Negation,
                kind: SignalKind::Conflict,
                left,
                right,
                explanation: format!("polarity flips: only the {side} statement says '{neg}'"),
                short: format!("negation flipped: {neg}"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(a: &str, b: &str) -> Vec<Signal> {
        let mut out = Vec::new();
        Negation.signals(&Profile::new(a), &Profile::new(b), &mut out);
        out
    }

    #[test]
    fn flip_is_a_conflict() {
        let s = sig(
            "Flights at Erbil airport were disrupted.",
            "Flights at Erbil airport were not disrupted.",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].kind, SignalKind::Conflict);
    }

    #[test]
    fn same_polarity_is_silent() {
        assert!(sig("He did not agree.", "He didn't agree at all, not yet... no").len() <= 1);
        assert!(sig("They did not attend.", "They did not attend the talks.").is_empty());
    }
}
