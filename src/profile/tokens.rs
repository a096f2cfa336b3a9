//! Word and number tokens with byte spans, normalised for matching: folded, possessive
//! dropped, dotted initialisms collapsed ("U.S." and "US" both give `us`), stemmed.
//!
//! `norm` and `stem` are `CompactString`s: words up to 24 bytes (all but a handful) are
//! stored inline, so a token costs no heap allocation. Two `String`s per token were most
//! of the allocator's work in profiling (docs/performance.md).

use std::sync::OnceLock;

use compact_str::CompactString;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use super::features::{nth, probe};
use crate::detect::lexicon::{Lexicon, WordId};
use crate::document::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens or apostrophes.
    Word,
    /// Digits, possibly with separators ("240,000", "3.5").
    Number,
    /// Anything else that is not whitespace.
    Punct,
}

/// One token of a statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Token {
    /// Byte span relative to the statement text.
    pub span: Span,
    /// Folded, lowercased form ("al-sudani", "us", "240000").
    pub norm: CompactString,
    /// Snowball stem of `norm` (equal to `norm` for numbers and punctuation).
    pub stem: CompactString,
    /// Kind.
    pub kind: TokenKind,
    /// True for function words (never for negators, hedges or numbers).
    pub stop: bool,
    /// First letter is uppercase in the original.
    pub capitalized: bool,
    /// `hash_str(norm)`, computed with the token (cached per word with the norm) so that the
    /// similarity sets do not hash every token again.
    #[serde(skip)]
    pub(crate) norm_hash: u64,
    /// `hash_str(stem)`, the same way.
    #[serde(skip)]
    pub(crate) stem_hash: u64,
    /// The built-in lexicon's id and phrase-start bits of `norm` (`Lexicon::word_entry`),
    /// cached per word like the norm: `Lexicon::view` reads it instead of a lookup.
    #[serde(skip)]
    pub(crate) builtin_word: (WordId, u16),
    /// The index of `stem` in the shipped model's term tables (`features::shipped_term`),
    /// cached per word the same way: building the features reads it instead of a lookup.
    #[serde(skip)]
    pub(crate) shipped_term: Option<u32>,
}

/// Function words. Deliberately without negators ("not", "no", "never"), modals used as
/// hedges, speech verbs and numbers: those are the signals (CRATES.md §3).
const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "into",
    "onto",
    "about",
    "over",
    "under",
    "between",
    "through",
    "during",
    "after",
    "before",
    "than",
    "then",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "they",
    "them",
    "their",
    "theirs",
    "we",
    "our",
    "ours",
    "you",
    "your",
    "i",
    "me",
    "my",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "having",
    "do",
    "does",
    "did",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "where",
    "when",
    "while",
    "also",
    "so",
    "such",
    "there",
    "here",
    "if",
    "both",
    "each",
    "other",
    "any",
    "all",
    "some",
    "own",
    "same",
    "up",
    "out",
    "off",
    "s",
    "'s",
    "very",
    "just",
    "more",
    "most",
    "only",
    "too",
    "upon",
    "via",
    "per",
    "amid",
    "within",
    "including",
    "its",
    "itself",
    "themselves",
    "himself",
    "herself",
    "will",
    "would",
];

/// True for a function word.
///
/// A hash set rather than a scan of the list: it runs for every token profiled, and
/// comparing each token with a hundred strings in turn was a visible share of profiling.
pub fn is_stopword(w: &str) -> bool {
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(w)
}

fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Snowball English stem of a folded word.
pub fn stem(w: &str) -> CompactString {
    stem_hashed(w, super::hash_str(w))
}

/// `stem` with `hash_str(w)` given: from the build-time table when it holds the word (the
/// stemmer's own answer, `build/stems.rs`), else from the stemmer.
fn stem_hashed(w: &str, hash: u64) -> CompactString {
    match known_stem(w, hash) {
        Some(s) => CompactString::from(s),
        None => CompactString::from(stemmer().stem(w).as_ref()),
    }
}

/// The build-time word → stem table (`build/stems.rs`), read in place.
mod table {
    include!(concat!(env!("OUT_DIR"), "/stems.rs"));
    /// The words end to end, `STEM_WORD_ENDS` their end offsets.
    pub static WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/stems.keys"));
    /// The distinct stems end to end, `STEM_ENDS` their end offsets; `STEM_OF[i]` is the
    /// index of word `i`'s stem.
    pub static STEMS: &str = include_str!(concat!(env!("OUT_DIR"), "/stems.stems"));
}

/// The stem of `w` from the build-time table (`hash` = `hash_str(w)`), if it holds `w`.
#[inline]
fn known_stem(w: &str, hash: u64) -> Option<&'static str> {
    let i = probe(&table::STEM_SLOTS, hash, |i| {
        nth(table::WORDS, &table::STEM_WORD_ENDS, i) == w
    })?;
    let stem = usize::from(table::STEM_OF[i]);
    Some(nth(table::STEMS, &table::STEM_ENDS, stem))
}

/// The norm, stem, stop-word flag, hashes and built-in lexicon entry of a token as written,
/// in one lookup.
///
/// Memoised per thread on the token as written (its kind follows from its text, so every
/// kind shares the cache): news vocabulary repeats, so most tokens cost one hash lookup
/// instead of folding, stemming and a stop-word lookup (stemming was the largest cost of
/// profiling a 5,000-word article, docs/performance.md). A word first seen in another
/// spelling of the same norm ("The" after "the") takes the stem from that entry instead of
/// running the stemmer again. The forms of a token depend only on its text, and the cache
/// cannot change a result, only skip recomputing it, so output stays the same at any
/// thread count.
fn token_forms(cache: &mut FormCache, raw: &str, kind: TokenKind, buf: &mut String) -> Forms {
    if let Some(f) = cache.get(raw) {
        // Inline for all but the longest words: copies, no allocation.
        return f.clone();
    }
    let norm = normalize(raw, kind, buf);
    // A word entry keyed by this norm holds its stem when its own norm is this norm (the
    // norm of a norm is not always itself: "x's's"); a word written as its norm was just
    // missed.
    let known = if kind != TokenKind::Word || norm.as_str() == raw {
        None
    } else {
        cache.get(norm.as_str())
    };
    let f = match known {
        Some(g) if g.kind == TokenKind::Word && g.norm == norm => g.clone(),
        _ => {
            let norm_hash = super::hash_str(&norm);
            let (stem, stop) = if kind == TokenKind::Word {
                (stem_hashed(&norm, norm_hash), is_stopword(&norm))
            } else {
                // Numbers and punctuation are their own stems, never stop words.
                (norm.clone(), false)
            };
            let stem_hash = super::hash_str(&stem);
            // The built-in lexicon and the shipped model may be built here, on first use,
            // while the cache is borrowed: neither tokenizes while it is built (the
            // lexicon's phrases go through `norms`, which does not use the cache).
            Forms {
                norm_hash,
                stem_hash,
                shipped_term: super::features::shipped_term(&stem, stem_hash),
                builtin_word: Lexicon::builtin().word_entry(&norm),
                kind,
                norm,
                stem,
                stop,
            }
        }
    };
    // Bounded: a pathological input of unique words must not grow memory without limit.
    if cache.len() >= 50_000 {
        cache.clear();
    }
    cache.insert(CompactString::from(raw), f.clone());
    f
}

/// A token's norm, stem, stop-word flag, their hashes and its built-in lexicon entry.
#[derive(Clone)]
struct Forms {
    kind: TokenKind,
    norm: CompactString,
    stem: CompactString,
    stop: bool,
    norm_hash: u64,
    stem_hash: u64,
    builtin_word: (WordId, u16),
    shipped_term: Option<u32>,
}

/// Word as written → its `Forms`. Fx, not SipHash: the keys are words of the text being
/// compared, and hashing them was a visible share of profiling (docs/performance.md).
type FormCache = rustc_hash::FxHashMap<CompactString, Forms>;

thread_local! {
    static CACHE: std::cell::RefCell<FormCache> = std::cell::RefCell::new(FormCache::default());
}

/// Splits a statement into tokens.
///
/// `"U.S. envoy’s 3.5% offer"` → norms `["us", "envoy", "3.5", "%", "offer"]`
pub fn tokenize(text: &str) -> Vec<Token> {
    // About one token per five bytes of news text: one allocation for most statements.
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    // One folding buffer for the whole statement (`normalize`).
    let mut buf = String::new();
    // The cache borrowed once per statement, not once per token.
    CACHE.with_borrow_mut(|cache| {
        split(text, |start, end, kind, capitalized| {
            let f = token_forms(cache, &text[start..end], kind, &mut buf);
            out.push(Token {
                span: Span::new(start, end),
                capitalized,
                norm: f.norm,
                stem: f.stem,
                kind,
                stop: f.stop,
                norm_hash: f.norm_hash,
                stem_hash: f.stem_hash,
                builtin_word: f.builtin_word,
                shipped_term: f.shipped_term,
            });
        });
    });
    out
}

/// The norms and kinds of a text's tokens, without stems (the lexicon's phrases).
pub(crate) fn norms(text: &str) -> Vec<(CompactString, TokenKind)> {
    let mut out = Vec::new();
    let mut buf = String::new();
    split(text, |start, end, kind, _| {
        out.push((normalize(&text[start..end], kind, &mut buf), kind));
    });
    out
}

/// The tokenizer proper: calls `f(start, end, kind, capitalized)` for each token in order.
///
/// Walks byte offsets, decoding a character only where the byte is not ASCII (a vector of
/// `char_indices` per statement was a tenth of tokenizing).
fn split(text: &str, mut f: impl FnMut(usize, usize, TokenKind, bool)) {
    let bytes = text.as_bytes();
    // The character starting at byte `p`, if any.
    let at = |p: usize| -> Option<char> {
        let &b = bytes.get(p)?;
        if b.is_ascii() {
            Some(char::from(b))
        } else {
            text[p..].chars().next()
        }
    };
    let mut i = 0;
    while let Some(c) = at(i) {
        let start = i;
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let mut j = i + c.len_utf8();
        let kind = if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            // Join letters/digits, inner apostrophes and hyphens, and periods inside initialisms
            // or numbers ("U.S.", "3.5", "a.m.").
            loop {
                // A run of ASCII letters and digits (most of a word) without decoding.
                while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                    j += 1;
                }
                let Some(d) = at(j) else {
                    break;
                };
                let after = j + d.len_utf8();
                if d.is_alphanumeric() {
                    j = after;
                    continue;
                }
                let next = at(after);
                if (matches!(d, '\'' | '’' | '-' | '‑' | '‐' | '.')
                    && next.is_some_and(char::is_alphanumeric))
                    || (d == ',' && numeric && next.is_some_and(|n| n.is_ascii_digit()))
                {
                    // An inner apostrophe, hyphen or period, or a thousands comma.
                    j = after + next.map_or(0, char::len_utf8);
                } else if d == '.' && is_initialism(&text[start..j]) {
                    // Trailing period of "U.S." belongs to the token.
                    j = after;
                    break;
                } else {
                    break;
                }
            }
            if bytes[start..j]
                .iter()
                .all(|&b| b.is_ascii_digit() || b == b',' || b == b'.')
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        } else {
            TokenKind::Punct
        };
        f(start, j, kind, c.is_uppercase());
        i = j;
    }
}

fn is_initialism(s: &str) -> bool {
    s.contains('.')
        && s.split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

/// The norm of one token, folded in `buf` (reused across the statement's tokens) and
/// copied out once.
fn normalize(raw: &str, kind: TokenKind, buf: &mut String) -> CompactString {
    // One ASCII mark other than the backquote (most punctuation) is its own norm.
    if kind == TokenKind::Punct && raw.len() == 1 && raw != "`" {
        return CompactString::from(raw);
    }
    buf.clear();
    // ASCII without a backquote (nearly every token) folds to its lowercase.
    if raw.is_ascii() && !raw.contains('`') {
        buf.push_str(raw);
        buf.make_ascii_lowercase();
    } else {
        super::fold::fold_into(raw, buf);
    }
    let w = buf;
    match kind {
        TokenKind::Number => w.retain(|c| c != ','),
        TokenKind::Punct => {}
        TokenKind::Word => {
            if w.contains('.') {
                w.retain(|c| c != '.');
            }
            for suffix in ["'s", "'"] {
                if w.len() > suffix.len() + 1 && w.ends_with(suffix) {
                    w.truncate(w.len() - suffix.len());
                    break;
                }
            }
        }
    }
    CompactString::from(w.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(t: &str) -> Vec<String> {
        tokenize(t)
            .into_iter()
            .map(|t| t.norm.into_string())
            .collect()
    }

    #[test]
    fn initialisms_and_possessives() {
        assert_eq!(
            norms("U.S. envoy’s 3.5% offer"),
            ["us", "envoy", "3.5", "%", "offer"]
        );
        assert_eq!(norms("US envoy's"), ["us", "envoy"]);
    }

    #[test]
    fn numbers_with_commas() {
        assert_eq!(norms("about 240,000 people"), ["about", "240000", "people"]);
    }

    #[test]
    fn spans_slice_the_text() {
        let t = "Al‑Sudani said “no” — twice.";
        for tok in tokenize(t) {
            assert!(!t[tok.span.start..tok.span.end].trim().is_empty());
        }
    }

    /// The tokenizer as first written, on a vector of `char_indices`: `split` walks bytes
    /// instead and must cut every text at the same places.
    fn reference_split(text: &str) -> Vec<(usize, usize, TokenKind, bool)> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let kind = if c.is_alphanumeric() {
                let numeric = c.is_ascii_digit();
                while j < chars.len() {
                    let (_, d) = chars[j];
                    let next = chars.get(j + 1).map(|x| x.1);
                    if d.is_alphanumeric() {
                        j += 1;
                    } else if (matches!(d, '\'' | '’' | '-' | '‑' | '‐' | '.')
                        && next.is_some_and(char::is_alphanumeric))
                        || (d == ',' && numeric && next.is_some_and(|n| n.is_ascii_digit()))
                    {
                        j += 2;
                    } else if d == '.' && is_initialism(&text[start..chars[j].0]) {
                        j += 1;
                        break;
                    } else {
                        break;
                    }
                }
                let raw = &text[start..chars.get(j).map_or(text.len(), |x| x.0)];
                if raw
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '.')
                {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                }
            } else {
                TokenKind::Punct
            };
            let end = chars.get(j).map_or(text.len(), |x| x.0);
            out.push((start, end, kind, c.is_uppercase()));
            i = j;
        }
        out
    }

    fn cuts(text: &str) -> Vec<(usize, usize, TokenKind, bool)> {
        let mut out = Vec::new();
        split(text, |s, e, k, c| out.push((s, e, k, c)));
        out
    }

    #[test]
    fn byte_walk_cuts_like_the_reference() {
        for t in [
            "U.S. envoy’s 3.5% offer",
            "Al‑Sudani said “no” — twice, at 3 p.m. on Oct. 21.",
            "240,000 people; x.y. ab.cd. É.U. naïve 1,2,3 a-b- c'd' ‘e’",
            "",
            " \u{a0}\u{2009}x",
        ] {
            assert_eq!(cuts(t), reference_split(t), "{t}");
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_walk_cuts_like_the_reference_on_any_text(
            t in "([a-zA-Z0-9]{0,4}[ .,'’‑‐\\-]{0,2}(É|é|ß|İ|\\u{a0}|“|ǅ|٣)?){0,12}|\\PC{0,40}"
        ) {
            proptest::prop_assert_eq!(cuts(&t), reference_split(&t));
        }
    }

    #[test]
    fn the_stem_table_holds_the_stemmers_answers() {
        let n = table::STEM_WORD_ENDS.len();
        assert!(n > 10_000, "the table is built: {n} words");
        for i in 0..n {
            let stem = usize::from(table::STEM_OF[i]);
            let (w, s) = (
                nth(table::WORDS, &table::STEM_WORD_ENDS, i),
                nth(table::STEMS, &table::STEM_ENDS, stem),
            );
            assert_eq!(stemmer().stem(w), s, "{w}");
            assert_eq!(known_stem(w, crate::profile::hash_str(w)), Some(s), "{w}");
        }
        // Words outside the table go to the stemmer.
        for w in ["zzqxing", "", "a", "unforeseeably"] {
            assert_eq!(stem(w), stemmer().stem(w).as_ref(), "{w}");
        }
    }

    #[test]
    fn negators_are_not_stopwords() {
        for w in ["not", "no", "never", "said", "may", "reportedly", "two"] {
            assert!(!is_stopword(w), "{w}");
        }
    }
}
