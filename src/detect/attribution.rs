//! `attribution`: who is said to have said it, and how. Fires when the speech verb changes
//! tone ("stressed" → "said"; two neutral verbs such as "said" / "told" are style), when the
//! speaker changes ("the Secretary" → "the two sides"), when a named speaker becomes
//! unnamed sources, and when one side drops the attribution altogether.

use super::{Detector, DetectorName, Signal};
use crate::detect::lexicon::Tone;
use crate::profile::Profile;
use crate::profile::cues::{Cues, Speaker, SpeakerKind, SpeechCue};

/// The attribution detector.
pub struct Attribution;

/// Two speakers are the same unless both are identified and share nothing: a pronoun may
/// refer to anyone, "the spokesman" is "a government spokesman".
fn same_speaker(a: &Speaker, b: &Speaker) -> bool {
    if a.kind == SpeakerKind::Pronoun || b.kind == SpeakerKind::Pronoun {
        return true;
    }
    if a.entities.iter().any(|e| b.entities.contains(e)) {
        return true;
    }
    let sub = |x: &[String], y: &[String]| !x.is_empty() && x.iter().all(|w| y.contains(w));
    sub(&a.key, &b.key) || sub(&b.key, &a.key)
}

/// Verbs on the same intensity scale are left to `intensity`; same lemma or two neutral
/// verbs are style.
fn verb_change<'a>(l: &'a Cues, r: &'a Cues) -> Option<(&'a SpeechCue, &'a SpeechCue)> {
    let a = l
        .speech
        .iter()
        .find(|v| !r.speech.iter().any(|w| w.lemma == v.lemma))?;
    let b = r
        .speech
        .iter()
        .find(|w| !l.speech.iter().any(|v| v.lemma == w.lemma))?;
    if a.tone == Tone::Neutral && b.tone == Tone::Neutral {
        return None;
    }
    let on_scale = |c: &Cues, surface: &str| c.intensity.iter().any(|i| i.surface == surface);
    if on_scale(l, &a.surface) && on_scale(r, &b.surface) {
        return None;
    }
    // "denied" → "admitted" flips polarity: `negation` reports it as a conflict.
    let polar = |c: &Cues, s: &str| c.negations.iter().chain(&c.affirmations).any(|x| x == s);
    if polar(l, &a.surface) && polar(r, &b.surface) {
        return None;
    }
    Some((a, b))
}

impl Detector for Attribution {
    fn name(&self) -> DetectorName {
        DetectorName::Attribution
    }
    fn signals(&self, lp: &Profile, rp: &Profile, out: &mut Vec<Signal>) {
        let (l, r) = (&lp.cues, &rp.cues);
        if let Some((a, b)) = verb_change(l, r) {
            let (sa, sb) = (&a.surface, &b.surface);
            let tone = if a.tone == b.tone {
                String::new()
            } else {
                format!(" ({} → {})", a.tone.as_str(), b.tone.as_str())
            };
            out.push(Signal::framing(
                DetectorName::Attribution,
                sa.as_str(),
                sb.as_str(),
                format!("the speech verb changes from '{sa}' to '{sb}'{tone}"),
                format!("speech verb changed: {sa} → {sb}"),
            ));
        }
        match (&l.speaker, &r.speaker) {
            (Some(a), Some(b)) if !same_speaker(a, b) => {
                let (sa, sb) = (&a.surface, &b.surface);
                let (explanation, short) = match (a.kind, b.kind) {
                    (SpeakerKind::Named, SpeakerKind::Anonymous) => (
                        format!("the left names its source ('{sa}'); the right attributes the claim to unnamed '{sb}'"),
                        format!("named source → unnamed: {sa} → {sb}"),
                    ),
                    (SpeakerKind::Anonymous, SpeakerKind::Named) => (
                        format!("the left attributes the claim to unnamed '{sa}'; the right names its source ('{sb}')"),
                        format!("unnamed source → named: {sa} → {sb}"),
                    ),
                    _ => (
                        format!("the speaker changes from '{sa}' to '{sb}'"),
                        format!("speaker changed: {sa} → {sb}"),
                    ),
                };
                out.push(Signal::framing(
                    DetectorName::Attribution,
                    sa.as_str(),
                    sb.as_str(),
                    explanation,
                    short,
                ));
            }
            (Some(a), None) if r.speech.is_empty() => out.push(Signal::framing(
                DetectorName::Attribution,
                a.surface.as_str(),
                "",
                format!(
                    "the right statement drops the attribution to '{}' and states the claim directly",
                    a.surface
                ),
                format!("attribution dropped: {}", a.surface),
            )),
            (None, Some(b)) if l.speech.is_empty() => out.push(Signal::framing(
                DetectorName::Attribution,
                "",
                b.surface.as_str(),
                format!(
                    "the right statement attributes the claim to '{}'; the left states it directly",
                    b.surface
                ),
                format!("attribution added: {}", b.surface),
            )),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(a: &str, b: &str) -> Vec<Signal> {
        let mut out = Vec::new();
        Attribution.signals(&Profile::new(a), &Profile::new(b), &mut out);
        out
    }

    #[test]
    fn verb_change() {
        let out = sig(
            "Rubio stressed that Sudani must act.",
            "Rubio claimed that Sudani must act.",
        );
        assert_eq!(out[0].left, "stressed");
        assert_eq!(out[0].right, "claimed");
    }

    #[test]
    fn same_or_neutral_verb_silent() {
        assert!(sig("Rubio said so.", "Rubio says so.").is_empty());
        assert!(sig("Rubio said so.", "Rubio told reporters so.").is_empty());
    }
}
