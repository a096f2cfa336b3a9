//! `hedge`: certainty markers added or removed ("reportedly", "allegedly", "may").

use super::{Detector, DetectorName, Signal, SignalKind, one_sided};
use crate::profile::Profile;

/// The hedge detector.
pub struct Hedge;

const HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "supposedly",
    "may",
    "might",
    "could",
    "possibly",
    "perhaps",
    "likely",
    "unconfirmed",
    "seemingly",
    "reported",
];

fn hedges(p: &Profile) -> Vec<&str> {
    p.words().filter(|w| HEDGES.contains(w)).collect()
}

impl Detector for Hedge {
    fn name(&self) -> DetectorName {
        DetectorName::Hedge
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let (hl, hr) = (hedges(l), hedges(r));
        let (only_l, only_r) = one_sided(&hl, &hr);
        for w in only_r {
            out.push(Signal {
                detector: DetectorName::Hedge,
                kind: SignalKind::Framing,
                left: String::new(),
                right: w.to_string(),
                explanation: format!("the right statement hedges the claim with '{w}'"),
                short: format!("hedge added: {w}"),
            });
        }
        for w in only_l {
            out.push(Signal {
                detector: DetectorName::Hedge,
                kind: SignalKind::Framing,
                left: w.to_string(),
                right: String::new(),
                explanation: format!(
                    "the right statement drops the hedge '{w}' and states the claim as fact"
                ),
                short: format!("hedge dropped: {w}"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_hedge() {
        let mut out = Vec::new();
        Hedge.signals(
            &Profile::new("Sudani urged Washington."),
            &Profile::new("Sudani reportedly urged Washington."),
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].short, "hedge added: reportedly");
    }
}
