//! `intensity`: the force of a demand or description changes along one of the lexicon's
//! scales (asked < urged < pressed < demanded; discussed < agreed < signed; concerned <
//! worried < alarmed). Fires only when both statements use a word of the same scale at
//! different levels; two words of one level ("urged" / "called on") are style.

use super::{Detector, DetectorName, Signal};
use crate::profile::Profile;
use crate::profile::cues::IntensityCue;

/// The intensity detector.
pub struct Intensity;

impl Detector for Intensity {
    fn name(&self) -> DetectorName {
        DetectorName::Intensity
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let strongest = |cs: &'_ [IntensityCue], scale: &str| -> Option<usize> {
            cs.iter()
                .enumerate()
                .filter(|(_, c)| c.scale == scale)
                .max_by_key(|(i, c)| (c.level, std::cmp::Reverse(*i)))
                .map(|(i, _)| i)
        };
        let mut seen: Vec<&str> = Vec::new();
        for c in &l.cues.intensity {
            if seen.contains(&c.scale.as_str()) {
                continue;
            }
            seen.push(&c.scale);
            let (Some(a), Some(b)) = (
                strongest(&l.cues.intensity, &c.scale),
                strongest(&r.cues.intensity, &c.scale),
            ) else {
                continue;
            };
            let (a, b) = (&l.cues.intensity[a], &r.cues.intensity[b]);
            if a.level == b.level {
                continue;
            }
            let dir = if b.level > a.level {
                "stronger"
            } else {
                "weaker"
            };
            out.push(Signal::framing(
                DetectorName::Intensity,
                a.surface.as_str(),
                b.surface.as_str(),
                format!(
                    "the {} is {dir} on the right: '{}' becomes '{}'",
                    c.scale.replace('_', " "),
                    a.surface,
                    b.surface
                ),
                format!(
                    "{} {dir}: {} → {}",
                    c.scale.replace('_', " "),
                    a.surface,
                    b.surface
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(a: &str, b: &str) -> Vec<Signal> {
        let mut out = Vec::new();
        Intensity.signals(&Profile::new(a), &Profile::new(b), &mut out);
        out
    }

    #[test]
    fn urged_to_demanded_is_stronger() {
        let s = sig(
            "Rubio urged Baghdad to act.",
            "Rubio demanded that Baghdad act.",
        );
        assert_eq!(s.len(), 1);
        assert!(s[0].explanation.contains("stronger"), "{:?}", s[0]);
    }

    #[test]
    fn same_level_is_silent() {
        assert!(
            sig(
                "Rubio urged Baghdad to act.",
                "Rubio called on Baghdad to act."
            )
            .is_empty()
        );
    }
}
