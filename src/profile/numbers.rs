//! Number mentions in a statement: digits with separators and scale words, written numbers,
//! money and percentages, each with its value so that "$3.5 billion" equals
//! "3.5 billion dollars".

use serde::Serialize;

use super::tokens::{Token, TokenKind, tokenize};
use crate::document::Span;

/// One number mentioned in a statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NumberMention {
    /// The words as written ("$3.5 billion", "seven", "40%").
    pub raw: String,
    /// Numeric value with scale words applied (3.5e9).
    pub value: f64,
    /// `"$"`, `"%"` or `""`.
    pub unit: String,
    /// An approximation word before it ("about", "nearly", "more than"), if any.
    pub approx: Option<String>,
    /// Byte span of `raw` relative to the statement.
    pub span: Span,
}

/// The value of a written number word (`"seven"` → 7): a `match`, which compiles to a
/// switch on the length and a few comparisons, where a scan of a table compared every word
/// of a statement with all of them.
fn written_word(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        _ => return None,
    })
}

const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("trillion", 1e12),
    ("bn", 1e9),
    ("m", 1e6),
];

const APPROX: &[&str] = &[
    "about",
    "around",
    "approximately",
    "nearly",
    "almost",
    "roughly",
    "some",
    "over",
    "under",
    "least",
    "than",
    "up",
    "estimated",
];

/// Extracts the numbers of a statement.
///
/// `"nearly $3.5 billion and 40 percent"` → values `[3.5e9 ($, approx "nearly"), 40 (%)]`
pub fn extract_numbers(text: &str) -> Vec<NumberMention> {
    extract_numbers_in(text, &tokenize(text))
}

/// The value of a written number token: `"seven"` → 7, `"twenty-five"` → 25.
fn written(norm: &str) -> Option<f64> {
    if !super::cues::has_hyphen(norm) {
        return written_word(norm);
    }
    match norm.split_once('-') {
        Some((tens, units)) => {
            let (t, u) = (written_word(tens)?, written_word(units)?);
            ((20.0..100.0).contains(&t) && u < 10.0).then_some(t + u)
        }
        None => written_word(norm),
    }
}

/// As `extract_numbers`, on tokens already made (`Profile` tokenizes once).
pub fn extract_numbers_in(text: &str, toks: &[Token]) -> Vec<NumberMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let base = match t.kind {
            TokenKind::Number => t.norm.parse::<f64>().ok(),
            TokenKind::Word => written(&t.norm),
            TokenKind::Punct => None,
        };
        let Some(mut value) = base else {
            i += 1;
            continue;
        };
        // "two dozen" → 24.
        let mut end = i + 1;
        if let Some(n) = toks.get(end)
            && n.norm == "dozen"
            && t.norm != "dozen"
        {
            value *= 12.0;
            end += 1;
        }
        let mut unit = String::new();
        if i > 0 && toks[i - 1].norm == "$" {
            unit.push('$');
        }
        if let Some(n) = toks.get(end)
            && let Some((_, s)) = SCALES.iter().find(|(w, _)| *w == n.norm)
        {
            value *= s;
            end += 1;
        }
        if let Some(n) = toks.get(end) {
            match n.norm.as_str() {
                "%" | "percent" | "per" => {
                    unit = "%".into();
                    end += if n.norm == "per" { 2 } else { 1 };
                }
                "dollars" | "dollar" | "usd" => {
                    unit = "$".into();
                    end += 1;
                }
                _ => {}
            }
        }
        // Lone written "one" is usually a pronoun ("one of the"): skip it.
        if t.kind == TokenKind::Word && t.norm == "one" && end == i + 1 {
            i += 1;
            continue;
        }
        let approx = (1..=2)
            .filter_map(|k| {
                // `i > 0` first: "5 dollars" at the start has a unit but no "$" before it.
                i.checked_sub(k + usize::from(!unit.is_empty() && i > 0 && toks[i - 1].norm == "$"))
            })
            .map(|k| toks[k].norm.as_str())
            .find(|w| APPROX.contains(w))
            .map(|w| match w {
                "than" | "least" | "up" => "more than".to_string(),
                other => other.to_string(),
            });
        let s = if !unit.is_empty() && i > 0 && toks[i - 1].norm == "$" {
            toks[i - 1].span.start
        } else {
            t.span.start
        };
        let e = toks[(end - 1).min(toks.len() - 1)].span.end;
        out.push(NumberMention {
            raw: text[s..e].to_string(),
            value,
            unit,
            approx,
            span: Span::new(s, e),
        });
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_equals_in_both_spellings() {
        let a = extract_numbers("a $3.5 billion deal");
        let b = extract_numbers("a 3.5 billion dollars deal");
        assert_eq!(a[0].value, b[0].value);
        assert_eq!(a[0].unit, "$");
        assert_eq!(b[0].unit, "$");
        assert_eq!(a[0].raw, "$3.5 billion");
    }

    #[test]
    fn unit_word_at_the_start_does_not_panic() {
        let n = extract_numbers("5 dollars a barrel");
        assert_eq!((n[0].value, n[0].unit.as_str()), (5.0, "$"));
    }

    #[test]
    fn written_and_dozen() {
        assert_eq!(extract_numbers("seven soldiers")[0].value, 7.0);
        assert_eq!(extract_numbers("two dozen rockets")[0].value, 24.0);
    }

    #[test]
    fn hyphenated_and_hundreds() {
        assert_eq!(extract_numbers("twenty-five rockets")[0].value, 25.0);
        assert_eq!(extract_numbers("three hundred troops")[0].value, 300.0);
        assert!(extract_numbers("a well-known fact").is_empty());
    }

    #[test]
    fn approximations_and_percent() {
        let n = extract_numbers("about 240,000 people, 40 percent");
        assert_eq!(n[0].value, 240000.0);
        assert_eq!(n[0].approx.as_deref(), Some("about"));
        assert_eq!(n[1].unit, "%");
    }
}
