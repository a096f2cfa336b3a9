//! `hedge`: certainty markers added or removed ("reportedly", "allegedly", "may", "sources
//! say", "it is believed", "is expected to"). The lexicon's `[hedges]` list; "May" the month
//! is not a hedge.

use super::{Detector, DetectorName, Signal, one_sided};
use crate::profile::Profile;

/// The hedge detector.
pub struct Hedge;

impl Detector for Hedge {
    fn name(&self) -> DetectorName {
        DetectorName::Hedge
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let hl: Vec<&str> = l.cues.hedges.iter().map(String::as_str).collect();
        let hr: Vec<&str> = r.cues.hedges.iter().map(String::as_str).collect();
        let (only_l, only_r) = one_sided(&hl, &hr);
        for w in only_r {
            out.push(Signal::framing(
                DetectorName::Hedge,
                "",
                w,
                format!("the right statement hedges the claim with '{w}'"),
                format!("hedge added: {w}"),
            ));
        }
        for w in only_l {
            out.push(Signal::framing(
                DetectorName::Hedge,
                w,
                "",
                format!("the right statement drops the hedge '{w}' and states the claim as fact"),
                format!("hedge dropped: {w}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(a: &str, b: &str) -> Vec<Signal> {
        let mut out = Vec::new();
        Hedge.signals(&Profile::new(a), &Profile::new(b), &mut out);
        out
    }

    #[test]
    fn added_hedge() {
        let out = sig(
            "Sudani urged Washington.",
            "Sudani reportedly urged Washington.",
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].short, "hedge added: reportedly");
    }

    #[test]
    fn phrase_hedge_and_month() {
        assert_eq!(
            sig("Talks resume.", "Talks are expected to resume.")[0].right,
            "are expected to"
        );
        assert!(sig("Talks resume on May 5.", "Talks resume on 5 May.").is_empty());
    }
}
