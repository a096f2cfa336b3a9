//! Word-level diff of two statement texts, shared by the table, Markdown and HTML renderers.
//!
//! The texts are cut into word, punctuation and whitespace tokens; only word and punctuation
//! tokens are diffed (similar's Myers over folded keys, so curly and straight quotes, dashes
//! and non-breaking spaces compare equal). Each side is then rebuilt from its own text, so a
//! side's runs concatenate back to exactly that text: no doubled spaces, and a run of changed
//! words separated by spaces is one highlight (`[-Secretary Rubio's-]`, not
//! `[-Secretary-] [-Rubio's-]`).

use std::borrow::Cow;

use similar::{Algorithm, DiffTag, capture_diff_slices};

use crate::document::{Pair, Span};
use crate::profile::fold;

/// What happened to a run of words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordOp {
    /// In both texts.
    Equal,
    /// Only in the left text.
    Removed,
    /// Only in the right text.
    Added,
}

/// A run of text (words and the whitespace between them) with its fate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordChange {
    /// What happened.
    pub op: WordOp,
    /// The text.
    pub text: String,
}

/// One diffable token: a word ("al-Sudani", "U.S.", "3.5") or one punctuation character.
#[derive(Debug)]
struct Tok<'a> {
    span: Span,
    /// The folded form; borrowed when folding changes nothing (plain lowercase ASCII), which
    /// is most words and saves an allocation per token.
    key: Cow<'a, str>,
}

/// Cuts `text` into diffable tokens; whitespace is skipped (it is re-read from the text).
///
/// `"the U.S.-led coalition, 3.5%"` → `["the", "U.S.-led", "coalition", ",", "3.5", "%"]`
fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            // Letters and digits, with inner joiners kept when a letter or digit follows:
            // "al-Sudani", "minister's", "U.S.", "240,000", "3.5".
            while let Some(&(j, n)) = chars.peek() {
                if n.is_alphanumeric() {
                    end = j + n.len_utf8();
                    chars.next();
                    continue;
                }
                let joiner = matches!(n, '-' | '\'' | '’' | '‑' | '.' | ',' | '&');
                let after = text[j + n.len_utf8()..].chars().next();
                if joiner && after.is_some_and(char::is_alphanumeric) {
                    end = j + n.len_utf8();
                    chars.next();
                    continue;
                }
                // A final period of a dotted initialism stays with it ("U.S." not "U.S" ".").
                if n == '.' && is_initialism(&text[i..j]) {
                    end = j + 1;
                    chars.next();
                    continue;
                }
                break;
            }
        }
        let raw = &text[i..end];
        let key = if raw
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`')
        {
            Cow::Borrowed(raw)
        } else {
            Cow::Owned(fold(raw))
        };
        out.push(Tok {
            span: Span::new(i, end),
            key,
        });
    }
    out
}

/// "U.S", "a.m", "D.C": letters in dotted groups of one or two.
fn is_initialism(s: &str) -> bool {
    s.contains('.')
        && s.split('.')
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic))
}

/// The op of every token on each side.
fn token_ops(lt: &[Tok], rt: &[Tok]) -> Pair<Vec<WordOp>> {
    let lk: Vec<&str> = lt.iter().map(|t| t.key.as_ref()).collect();
    let rk: Vec<&str> = rt.iter().map(|t| t.key.as_ref()).collect();
    // No deadline: a time limit would make output depend on machine speed, and statements
    // are capped in length by the segmenter.
    let ops = capture_diff_slices(Algorithm::Myers, &lk, &rk);
    let mut l = vec![WordOp::Equal; lt.len()];
    let mut r = vec![WordOp::Equal; rt.len()];
    for op in ops {
        match op.tag() {
            DiffTag::Equal => {}
            DiffTag::Delete => op.old_range().for_each(|i| l[i] = WordOp::Removed),
            DiffTag::Insert => op.new_range().for_each(|j| r[j] = WordOp::Added),
            DiffTag::Replace => {
                op.old_range().for_each(|i| l[i] = WordOp::Removed);
                op.new_range().for_each(|j| r[j] = WordOp::Added);
            }
        }
    }
    Pair::new(l, r)
}

/// Rebuilds one side from its text: changed tokens separated only by whitespace form one
/// run; whitespace around a run stays outside it.
fn runs(text: &str, toks: &[Tok], ops: &[WordOp]) -> Vec<WordChange> {
    let mut out: Vec<WordChange> = Vec::new();
    let mut push = |op: WordOp, s: &str| push_run(&mut out, op, s);
    let mut pos = 0;
    for (k, t) in toks.iter().enumerate() {
        let gap = &text[pos..t.span.start];
        // The gap joins a changed run only when changed tokens of the same op surround it.
        let gap_op = match k.checked_sub(1).map(|p| ops[p]) {
            Some(prev) if prev == ops[k] && prev != WordOp::Equal => prev,
            _ => WordOp::Equal,
        };
        push(gap_op, gap);
        push(ops[k], &text[t.span.start..t.span.end]);
        pos = t.span.end;
    }
    push(WordOp::Equal, &text[pos..]);
    out
}

/// Each side's runs: the left side holds `Equal` and `Removed` runs and concatenates back to
/// `left` exactly; the right side holds `Equal` and `Added` runs and concatenates to `right`.
///
/// `("Secretary Rubio's call", "The call")` →
/// left `[Removed "Secretary Rubio's", Equal " call"]`, right `[Added "The", Equal " call"]`
pub fn side_runs(left: &str, right: &str) -> Pair<Vec<WordChange>> {
    let (lt, rt) = (tokens(left), tokens(right));
    let ops = token_ops(&lt, &rt);
    Pair::new(runs(left, &lt, &ops.left), runs(right, &rt, &ops.right))
}

/// Diffs two texts word by word into one interleaved sequence (removed runs before the
/// added runs that replace them); `Equal` text is taken from the left side. Prefer
/// `side_runs` for side-by-side views: it keeps each side's own spacing and quotes.
///
/// `("Rubio urged Sudani", "Rubio stressed Sudani")` →
/// `[Equal "Rubio ", Removed "urged", Added "stressed", Equal " Sudani"]`
pub fn word_diff(left: &str, right: &str) -> Vec<WordChange> {
    let (lt, rt) = (tokens(left), tokens(right));
    let lk: Vec<&str> = lt.iter().map(|t| t.key.as_ref()).collect();
    let rk: Vec<&str> = rt.iter().map(|t| t.key.as_ref()).collect();
    let mut out: Vec<WordChange> = Vec::new();
    // Byte range covered by tokens `range` of one side.
    let bytes = |toks: &[Tok], range: std::ops::Range<usize>| -> (usize, usize) {
        if range.is_empty() {
            return (0, 0);
        }
        (toks[range.start].span.start, toks[range.end - 1].span.end)
    };
    let mut lpos = 0;
    for op in capture_diff_slices(Algorithm::Myers, &lk, &rk) {
        let (ls, le) = bytes(&lt, op.old_range());
        let (rs, re) = bytes(&rt, op.new_range());
        match op.tag() {
            DiffTag::Equal => {
                push_run(&mut out, WordOp::Equal, &left[lpos..le]);
                lpos = le;
            }
            DiffTag::Delete | DiffTag::Replace => {
                push_run(&mut out, WordOp::Equal, &left[lpos..ls]);
                push_run(&mut out, WordOp::Removed, &left[ls..le]);
                lpos = le;
                if op.tag() == DiffTag::Replace {
                    push_run(&mut out, WordOp::Added, &right[rs..re]);
                }
            }
            DiffTag::Insert => {
                if !out.is_empty() && !left[..lpos].ends_with(char::is_whitespace) {
                    push_run(&mut out, WordOp::Equal, " ");
                }
                push_run(&mut out, WordOp::Added, &right[rs..re]);
            }
        }
    }
    push_run(&mut out, WordOp::Equal, &left[lpos..]);
    out
}

/// Appends `s` to the last run if it has the same op, else starts a run.
fn push_run(out: &mut Vec<WordChange>, op: WordOp, s: &str) {
    if s.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(s),
        _ => out.push(WordChange {
            op,
            text: s.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(runs: &[WordChange]) -> String {
        runs.iter()
            .map(|w| match w.op {
                WordOp::Equal => w.text.clone(),
                WordOp::Removed => format!("[-{}-]", w.text),
                WordOp::Added => format!("{{+{}+}}", w.text),
            })
            .collect()
    }

    #[test]
    fn verb_swap() {
        let d = word_diff("Rubio urged Sudani", "Rubio stressed Sudani");
        let ops: Vec<_> = d.iter().map(|c| (c.op, c.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                (WordOp::Equal, "Rubio "),
                (WordOp::Removed, "urged"),
                (WordOp::Added, "stressed"),
                (WordOp::Equal, " Sudani")
            ]
        );
    }

    #[test]
    fn runs_of_changed_words_are_one_highlight() {
        let p = side_runs(
            "Secretary Rubio's Call with Iraqi Prime Minister al-Sudani",
            "Prime Minister al-Sudani Receives a Call",
        );
        assert_eq!(
            show(&p.left),
            "[-Secretary Rubio's Call with Iraqi-] Prime Minister al-Sudani"
        );
        assert_eq!(
            show(&p.right),
            "Prime Minister al-Sudani {+Receives a Call+}"
        );
    }

    #[test]
    fn sides_rebuild_their_own_text() {
        let (l, r) = (
            "the  U.S.-led coalition — “we agree.”",
            "the US-led coalition - \"we agree,\" he said",
        );
        let p = side_runs(l, r);
        assert_eq!(
            p.left.iter().map(|w| w.text.as_str()).collect::<String>(),
            l
        );
        assert_eq!(
            p.right.iter().map(|w| w.text.as_str()).collect::<String>(),
            r
        );
        assert!(p.left.iter().all(|w| w.op != WordOp::Added));
        assert!(p.right.iter().all(|w| w.op != WordOp::Removed));
    }

    #[test]
    fn curly_quotes_and_dashes_are_not_changes() {
        let p = side_runs(
            "the prime minister's office — said",
            "the prime minister’s office – said",
        );
        assert!(p.left.iter().all(|w| w.op == WordOp::Equal), "{:?}", p.left);
        assert!(
            p.right.iter().all(|w| w.op == WordOp::Equal),
            "{:?}",
            p.right
        );
    }

    #[test]
    fn punctuation_change_is_its_own_token() {
        let p = side_runs("in December.", "in December, he said.");
        assert_eq!(show(&p.left), "in December.");
        assert_eq!(show(&p.right), "in December{+, he said+}.");
    }

    #[test]
    fn tokens_keep_initialisms_numbers_and_names() {
        let t = "the U.S.-led coalition, 3.5% of 240,000 al-Sudani's U.S.";
        let keys: Vec<&str> = tokens(t)
            .iter()
            .map(|x| &t[x.span.start..x.span.end])
            .collect();
        assert_eq!(
            keys,
            [
                "the",
                "U.S.-led",
                "coalition",
                ",",
                "3.5",
                "%",
                "of",
                "240,000",
                "al-Sudani's",
                "U.S."
            ]
        );
    }

    proptest::proptest! {
        /// Each side rebuilds its own text exactly, holds only its own kind of change, and
        /// no changed run starts or ends with whitespace; never panics on any Unicode.
        #[test]
        fn sides_rebuild_any_text(l in "\\PC{0,80}", r in "\\PC{0,80}") {
            let p = side_runs(&l, &r);
            proptest::prop_assert_eq!(p.left.iter().map(|w| w.text.as_str()).collect::<String>(), l.clone());
            proptest::prop_assert_eq!(p.right.iter().map(|w| w.text.as_str()).collect::<String>(), r.clone());
            proptest::prop_assert!(p.left.iter().all(|w| w.op != WordOp::Added));
            proptest::prop_assert!(p.right.iter().all(|w| w.op != WordOp::Removed));
            for w in p.left.iter().chain(&p.right).filter(|w| w.op != WordOp::Equal) {
                proptest::prop_assert_eq!(w.text.trim(), w.text.as_str());
            }
            let _ = word_diff(&l, &r);
        }
    }
}
