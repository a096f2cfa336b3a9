//! `attribution`: the speech verb or speaker changes ("urged" → "stressed").

use super::{Detector, DetectorName, Signal, SignalKind};
use crate::profile::Profile;

/// The attribution detector.
pub struct Attribution;

/// Speech verbs by lemma, with their inflected forms.
const VERBS: &[(&str, &[&str])] = &[
    ("say", &["said", "says", "say", "saying"]),
    ("stress", &["stressed", "stresses", "stress", "stressing"]),
    ("urge", &["urged", "urges", "urge", "urging"]),
    ("claim", &["claimed", "claims", "claim", "claiming"]),
    ("insist", &["insisted", "insists", "insist", "insisting"]),
    ("warn", &["warned", "warns", "warn", "warning"]),
    (
        "emphasize",
        &[
            "emphasized",
            "emphasised",
            "emphasizes",
            "emphasises",
            "emphasize",
        ],
    ),
    ("reiterate", &["reiterated", "reiterates", "reiterate"]),
    ("ask", &["asked", "asks", "ask", "asking"]),
    ("demand", &["demanded", "demands", "demand", "demanding"]),
    ("press", &["pressed", "presses", "pressing"]),
    ("call", &["called", "calls"]),
    (
        "affirm",
        &["affirmed", "affirms", "reaffirmed", "reaffirms"],
    ),
    ("express", &["expressed", "expresses"]),
    ("discuss", &["discussed", "discusses"]),
    ("announce", &["announced", "announces"]),
    ("deny", &["denied", "denies"]),
    ("note", &["noted", "notes"]),
    ("tell", &["told", "tells"]),
];

fn verbs(p: &Profile) -> Vec<&'static str> {
    let mut v = Vec::new();
    for w in p.words() {
        if let Some((lemma, _)) = VERBS.iter().find(|(_, forms)| forms.contains(&w)) {
            if !v.contains(lemma) {
                v.push(*lemma);
            }
        }
    }
    v
}

fn surface<'a>(p: &'a Profile, lemma: &'a str) -> &'a str {
    let forms = VERBS
        .iter()
        .find(|(l, _)| *l == lemma)
        .map_or(&[][..], |x| x.1);
    p.words().find(|w| forms.contains(w)).unwrap_or(lemma)
}

impl Detector for Attribution {
    fn name(&self) -> DetectorName {
        DetectorName::Attribution
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let (vl, vr) = (verbs(l), verbs(r));
        let ol: Vec<_> = vl.iter().filter(|v| !vr.contains(v)).collect();
        let or: Vec<_> = vr.iter().filter(|v| !vl.contains(v)).collect();
        if let (Some(a), Some(b)) = (ol.first(), or.first()) {
            let (a, b) = (surface(l, a), surface(r, b));
            out.push(Signal {
                detector: DetectorName::Attribution,
                kind: SignalKind::Framing,
                left: a.to_string(),
                right: b.to_string(),
                explanation: format!("the speech verb changes from '{a}' to '{b}'"),
                short: format!("speech verb changed: {a} → {b}"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_change() {
        let mut out = Vec::new();
        Attribution.signals(
            &Profile::new("Rubio urged Sudani to act."),
            &Profile::new("Rubio stressed that Sudani must act."),
            &mut out,
        );
        assert_eq!(out[0].left, "urged");
        assert_eq!(out[0].right, "stressed");
    }

    #[test]
    fn same_verb_silent() {
        let mut out = Vec::new();
        Attribution.signals(
            &Profile::new("Rubio said so."),
            &Profile::new("Rubio says so."),
            &mut out,
        );
        assert!(out.is_empty());
    }
}
