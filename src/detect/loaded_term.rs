//! `loaded_term`: evaluative wording for the same referent, from the lexicon's
//! `[loaded_terms]` (armed groups / factions / militias / terrorist militias / resistance;
//! government / regime; killed / martyrs). Fires when both statements name a referent and
//! one uses a charged word the other does not, with a word of another charge; two neutral
//! words for it ("armed groups" / "factions") are style.

use super::{Detector, DetectorName, Signal};
use crate::profile::Profile;
use crate::profile::cues::LoadedCue;

/// The loaded-term detector.
pub struct LoadedTerm;

impl Detector for LoadedTerm {
    fn name(&self) -> DetectorName {
        DetectorName::LoadedTerm
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let (lc, rc) = (&l.cues.loaded, &r.cues.loaded);
        let mut done: Vec<&str> = Vec::new();
        for a in lc {
            if done.contains(&a.referent.as_str()) {
                continue;
            }
            let on = |cs: &'_ [LoadedCue], k: &str| cs.iter().any(|c| c.key == k);
            // The first term of this referent on the left that the right does not use...
            let Some(a) = lc
                .iter()
                .find(|x| x.referent == a.referent && !on(rc, &x.key))
            else {
                continue;
            };
            // ...against the right's first term for it that the left does not use.
            let Some(b) = rc
                .iter()
                .find(|y| y.referent == a.referent && !on(lc, &y.key))
            else {
                continue;
            };
            done.push(&a.referent);
            // Same charge (two neutral words, or two pejorative ones) is not a reframing.
            if a.charge == b.charge {
                continue;
            }
            out.push(Signal::framing(
                DetectorName::LoadedTerm,
                a.surface.as_str(),
                b.surface.as_str(),
                format!(
                    "evaluative wording for {}: '{}' ({}) on the left, '{}' ({}) on the right",
                    a.referent.replace('_', " "),
                    a.surface,
                    a.charge.as_str(),
                    b.surface,
                    b.charge.as_str()
                ),
                format!("loaded term: {} → {}", a.surface, b.surface),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(a: &str, b: &str) -> Vec<Signal> {
        let mut out = Vec::new();
        LoadedTerm.signals(&Profile::new(a), &Profile::new(b), &mut out);
        out
    }

    #[test]
    fn militias_against_resistance() {
        let s = sig(
            "The militias fired rockets.",
            "The resistance fired rockets.",
        );
        assert_eq!(
            (s[0].left.as_str(), s[0].right.as_str()),
            ("militias", "resistance")
        );
    }

    #[test]
    fn neutral_synonyms_are_silent() {
        assert!(sig("Armed groups fired rockets.", "Factions fired rockets.").is_empty());
    }
}
