//! `negation`: polarity flips between aligned statements ("were disrupted" / "were not
//! disrupted" / "no disruption"; "denied" / "admitted"; "failed to"), a conflict. Counts
//! negators and denying verbs on each side (the lexicon's `[negation]`): an odd difference
//! flips the claim, so "did not deny" and "confirmed" agree.

use super::{Detector, DetectorName, Signal};
use crate::profile::Profile;

/// The negation detector.
pub struct Negation;

impl Detector for Negation {
    fn name(&self) -> DetectorName {
        DetectorName::Negation
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let (nl, nr) = (&l.cues.negations, &r.cues.negations);
        if nl.len() % 2 == nr.len() % 2 {
            return;
        }
        let (neg_side, neg, other) = if nl.len() % 2 == 1 {
            ("left", nl[0].as_str(), &r.cues.affirmations)
        } else {
            ("right", nr[0].as_str(), &l.cues.affirmations)
        };
        let counter = other.first().map(String::as_str).unwrap_or("");
        let (left, right) = if neg_side == "left" {
            (neg, counter)
        } else {
            (counter, neg)
        };
        let explanation = if counter.is_empty() {
            format!("polarity flips: only the {neg_side} statement says '{neg}'")
        } else {
            format!("polarity flips: '{left}' on the left against '{right}' on the right")
        };
        out.push(Signal::conflict(
            DetectorName::Negation,
            left,
            right,
            explanation,
            format!("negation flipped: {neg}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::SignalKind;

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
        assert_eq!(s[0].right, "not");
    }

    #[test]
    fn same_polarity_is_silent() {
        assert!(sig("They did not attend.", "They did not attend the talks.").is_empty());
        assert!(sig("He did not deny it.", "He confirmed it.").is_empty());
    }
}
