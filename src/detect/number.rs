//! `number`: counts, money and percentages that disagree between aligned statements, a
//! conflict. Written numbers ("seven", "two dozen") and units ("$3.5 billion" equals
//! "3.5 billion dollars") are read by the profile; qualifiers set bounds ("about 240,000"
//! allows ±10%, "nearly" stays below, "more than" above), so "about 240,000" against
//! "238,000" agrees while against "200,000", or "nearly 1,000" against "more than 1,000",
//! it conflicts. Figures counting different nouns ("three hours", "two sides") are not
//! compared.

use super::{Detector, DetectorName, Signal};
use crate::profile::Profile;
use crate::profile::cues::NumberCue;

/// The number detector.
pub struct Number;

fn units_match(a: &NumberCue, b: &NumberCue) -> bool {
    a.unit == b.unit || a.unit.is_empty() || b.unit.is_empty()
}

fn nouns_match(a: &NumberCue, b: &NumberCue) -> bool {
    match (&a.noun, &b.noun) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// The two wordings can describe the same figure. Two plain figures (or two with the same
/// qualifier) must be equal; otherwise their bounds must overlap.
fn agree(a: &NumberCue, b: &NumberCue) -> bool {
    let eq = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(1.0);
    if a.qualifier == b.qualifier {
        return eq(a.value, b.value) && eq(a.high, b.high);
    }
    a.low <= b.high && b.low <= a.high
}

impl Detector for Number {
    fn name(&self) -> DetectorName {
        DetectorName::Number
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let (ln, rn) = (&l.cues.numbers, &r.cues.numbers);
        let matched = |a: &NumberCue, others: &[NumberCue]| {
            others
                .iter()
                .any(|b| units_match(a, b) && nouns_match(a, b) && agree(a, b))
        };
        let ul: Vec<&NumberCue> = ln.iter().filter(|a| !matched(a, rn)).collect();
        let mut ur: Vec<&NumberCue> = rn.iter().filter(|b| !matched(b, ln)).collect();
        // Pair each unmatched left figure with an unmatched right one: the same noun first,
        // then the first of a compatible unit whose noun does not differ.
        for a in ul {
            let pick = ur
                .iter()
                .position(|b| units_match(a, b) && a.noun.is_some() && a.noun == b.noun)
                .or_else(|| {
                    ur.iter()
                        .position(|b| units_match(a, b) && nouns_match(a, b))
                });
            let Some(k) = pick else { continue };
            let b = ur.remove(k);
            // Same qualifier on both sides ("an estimated"): show the figures alone.
            let (x, y, why) = if a.qualifier == b.qualifier {
                (&a.figure, &b.figure, "")
            } else {
                (
                    &a.raw,
                    &b.raw,
                    " (the ranges their wording allows do not overlap)",
                )
            };
            out.push(Signal::conflict(
                DetectorName::Number,
                x.as_str(),
                y.as_str(),
                format!("the figures disagree: '{x}' against '{y}'{why}"),
                format!("number changed: {x} → {y}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::SignalKind;

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
