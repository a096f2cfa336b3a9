//! `quote`: a direct quote on one side and a paraphrase on the other, quoted words altered,
//! or scare quotes ("resistance" in quotation marks) on one side only. Quotes are compared
//! on folded words, so curly against straight quotation marks is style.

use super::{Detector, DetectorName, Signal};
use crate::profile::Profile;
use crate::profile::cues::QuoteCue;

/// The quote detector.
pub struct Quote;

/// Share of `q`'s content stems found in `stems`.
fn coverage(q: &QuoteCue, stems: &[&str]) -> f32 {
    if q.stems.is_empty() {
        return 0.0;
    }
    let hit = q
        .stems
        .iter()
        .filter(|s| stems.contains(&s.as_str()))
        .count();
    hit as f32 / q.stems.len() as f32
}

fn content_stems(p: &Profile) -> Vec<&str> {
    p.tokens
        .iter()
        .filter(|t| !t.stop && t.kind != crate::profile::TokenKind::Punct)
        .map(|t| t.stem.as_str())
        .collect()
}

fn one_sided(q: &QuoteCue, other: &Profile, side: &str, out: &mut Vec<Signal>) {
    let other_side = if side == "left" { "right" } else { "left" };
    let cov = coverage(q, &content_stems(other));
    let words = q.key.split(' ').count();
    let (explanation, short) = if words <= 3 && cov >= 0.99 {
        (
            format!(
                "the {side} puts '{}' in quotation marks; the {other_side} uses the words plainly",
                q.surface
            ),
            format!("scare quotes on the {side}: {}", q.surface),
        )
    } else if cov >= 0.5 {
        (
            format!(
                "the {side} quotes directly (\"{}\"); the {other_side} paraphrases",
                q.surface
            ),
            format!("direct quote on the {side}, paraphrase on the {other_side}"),
        )
    } else {
        (
            format!(
                "the {side} quotes \"{}\"; the {other_side} has no such quote",
                q.surface
            ),
            format!("quote only on the {side}"),
        )
    };
    let (l, r) = if side == "left" {
        (q.surface.as_str(), "")
    } else {
        ("", q.surface.as_str())
    };
    out.push(Signal::framing(
        DetectorName::Quote,
        l,
        r,
        explanation,
        short,
    ));
}

impl Detector for Quote {
    fn name(&self) -> DetectorName {
        DetectorName::Quote
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let (lq, rq) = (&l.cues.quotes, &r.cues.quotes);
        let mut used = vec![false; rq.len()];
        for a in lq {
            if let Some(k) = rq.iter().position(|b| b.key == a.key) {
                used[k] = true;
                continue;
            }
            // The right quote sharing most of its words, if it shares a third.
            let best = rq
                .iter()
                .enumerate()
                .filter(|(k, _)| !used[*k])
                .map(|(k, b)| {
                    let bs: Vec<&str> = b.stems.iter().map(String::as_str).collect();
                    (
                        k,
                        coverage(a, &bs).max({
                            let as_: Vec<&str> = a.stems.iter().map(String::as_str).collect();
                            coverage(b, &as_)
                        }),
                    )
                })
                .filter(|(_, c)| *c >= 0.34)
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
            match best {
                Some((k, _)) => {
                    used[k] = true;
                    let b = &rq[k];
                    out.push(Signal::framing(
                        DetectorName::Quote,
                        a.surface.as_str(),
                        b.surface.as_str(),
                        format!(
                            "the quoted words differ: \"{}\" against \"{}\"",
                            a.surface, b.surface
                        ),
                        "quoted words altered".to_string(),
                    ));
                }
                None => one_sided(a, r, "left", out),
            }
        }
        for (k, b) in rq.iter().enumerate() {
            if !used[k] {
                one_sided(b, l, "right", out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(a: &str, b: &str) -> Vec<Signal> {
        let mut out = Vec::new();
        Quote.signals(&Profile::new(a), &Profile::new(b), &mut out);
        out
    }

    #[test]
    fn quote_against_paraphrase() {
        let s = sig(
            "\"We are committed to a responsible transition,\" the spokesman said.",
            "The spokesman said they were committed to a responsible transition.",
        );
        assert_eq!(s.len(), 1);
        assert!(s[0].explanation.contains("paraphrases"), "{:?}", s[0]);
    }

    #[test]
    fn curly_and_straight_quotes_are_silent() {
        assert!(sig("He said \"we are ready\".", "He said “we are ready”.").is_empty());
    }
}
