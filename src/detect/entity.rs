//! `entity`: a named person, group, place or organisation on one side only, swapped for
//! another of its kind, or replaced by a generic phrase ("Kataib Hezbollah" → "fighters").
//! Name variants from the lexicon count as one entity (al-Sudani / Sudani / Al Sudani; US /
//! U.S. / United States; IRGC / Revolutionary Guard). Names that only describe a title
//! ("US" in "US Secretary of State") and names in headlines are not compared.

use super::{Detector, DetectorName, Signal};
use crate::profile::Profile;
use crate::profile::cues::{Cues, EntityCue, GenericCue, NameCue};

/// The entity detector.
pub struct Entity;

/// True if `surface` is part of `a`'s speaker while `b` names a speaker too: a change of
/// speaker is `attribution`'s to report, not a second time here.
fn in_speaker(a: &Cues, b: &Cues, surface: &str) -> bool {
    b.speaker.is_some()
        && a.speaker
            .as_ref()
            .is_some_and(|s| s.surface.contains(surface))
}

fn one_sided_entities<'a>(a: &'a Cues, b: &Cues) -> Vec<&'a EntityCue> {
    let mut out: Vec<&EntityCue> = Vec::new();
    for e in &a.entities {
        if e.descriptor
            || in_speaker(a, b, &e.surface)
            || b.entities.iter().any(|x| x.canonical == e.canonical)
            || out.iter().any(|x| x.canonical == e.canonical)
        {
            continue;
        }
        out.push(e);
    }
    out
}

fn one_sided_generics<'a>(a: &'a Cues, b: &Cues) -> Vec<&'a GenericCue> {
    a.generics
        .iter()
        .filter(|g| !b.generics.iter().any(|x| x.key == g.key) && !in_speaker(a, b, &g.surface))
        .collect()
}

fn one_sided_names<'a>(a: &'a Cues, b: &Cues) -> Vec<&'a NameCue> {
    a.names
        .iter()
        .filter(|n| {
            !n.descriptor && !n.key.iter().any(|w| b.has_word(w)) && !in_speaker(a, b, &n.surface)
        })
        .collect()
}

fn emit(out: &mut Vec<Signal>, side: &str, name: &str, kind: &str, generic: Option<&str>) {
    let other = if side == "left" { "right" } else { "left" };
    let (l, r) = match (side, generic) {
        ("left", g) => (name, g.unwrap_or("")),
        (_, g) => (g.unwrap_or(""), name),
    };
    let kind = if kind.is_empty() { "name" } else { kind };
    let (explanation, short) = match generic {
        Some(g) => (
            format!("the {side} names the {kind} '{name}'; the {other} says only '{g}'"),
            format!("named {kind} → generic: {name} → {g}"),
        ),
        None => (
            format!("the {kind} '{name}' is named only on the {side}"),
            format!("{kind} only on the {side}: {name}"),
        ),
    };
    out.push(Signal::framing(
        DetectorName::Entity,
        l,
        r,
        explanation,
        short,
    ));
}

impl Detector for Entity {
    fn name(&self) -> DetectorName {
        DetectorName::Entity
    }
    fn signals(&self, lp: &Profile, rp: &Profile, out: &mut Vec<Signal>) {
        let (l, r) = (&lp.cues, &rp.cues);
        if l.headline || r.headline {
            return;
        }
        let (el, er) = (one_sided_entities(l, r), one_sided_entities(r, l));
        let (mut gl, mut gr) = (one_sided_generics(l, r), one_sided_generics(r, l));
        let mut er_used = vec![false; er.len()];
        for e in &el {
            if let Some(k) = gr.iter().position(|g| g.kinds.contains(&e.kind)) {
                let g = gr.remove(k);
                emit(out, "left", &e.surface, &e.kind, Some(&g.surface));
            } else if let Some(k) = (0..er.len()).find(|&k| !er_used[k] && er[k].kind == e.kind) {
                er_used[k] = true;
                let f = er[k];
                out.push(Signal::framing(
                    DetectorName::Entity,
                    e.surface.as_str(),
                    f.surface.as_str(),
                    format!(
                        "a different {} is named: '{}' on the left, '{}' on the right",
                        e.kind, e.surface, f.surface
                    ),
                    format!("{} changed: {} → {}", e.kind, e.surface, f.surface),
                ));
            } else {
                emit(out, "left", &e.surface, &e.kind, None);
            }
        }
        for (k, f) in er.iter().enumerate() {
            if er_used[k] {
                continue;
            }
            if let Some(j) = gl.iter().position(|g| g.kinds.contains(&f.kind)) {
                let g = gl.remove(j);
                emit(out, "right", &f.surface, &f.kind, Some(&g.surface));
            } else {
                emit(out, "right", &f.surface, &f.kind, None);
            }
        }
        // Names the lexicon does not know: one signal per side, listing them.
        for (side, names) in [
            ("left", one_sided_names(l, r)),
            ("right", one_sided_names(r, l)),
        ] {
            if names.is_empty() {
                continue;
            }
            let list: Vec<String> = names.iter().map(|n| format!("'{}'", n.surface)).collect();
            let joined = names
                .iter()
                .map(|n| n.surface.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let (lv, rv) = if side == "left" {
                (joined.clone(), String::new())
            } else {
                (String::new(), joined.clone())
            };
            let (explanation, short) = if names.len() == 1 {
                (
                    format!("{} is named only on the {side}", list[0]),
                    format!("name only on the {side}: {joined}"),
                )
            } else {
                (
                    format!("{} are named only on the {side}", list.join(", ")),
                    format!("names only on the {side}: {joined}"),
                )
            };
            out.push(Signal::framing(
                DetectorName::Entity,
                lv,
                rv,
                explanation,
                short,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(a: &str, b: &str) -> Vec<Signal> {
        let mut out = Vec::new();
        Entity.signals(&Profile::new(a), &Profile::new(b), &mut out);
        out
    }

    #[test]
    fn named_group_becomes_generic() {
        let s = sig(
            "Rockets were fired by Kataib Hezbollah near the base.",
            "Rockets were fired by fighters near the base.",
        );
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(
            (s[0].left.as_str(), s[0].right.as_str()),
            ("Kataib Hezbollah", "fighters")
        );
    }

    #[test]
    fn variants_are_one_entity() {
        assert!(sig("Rubio called al-Sudani.", "Rubio called Al Sudani.").is_empty());
        assert!(sig("The U.S. envoy left.", "The United States envoy left.").is_empty());
    }
}
