//! A `Profile` is everything the pair stages need to know about one statement, computed once
//! per statement so that the n×m alignment loop only compares ready-made profiles
//! (normalised tokens, stems, content-term ids, numbers, capitalised names).

mod fold;
mod numbers;
mod tokens;

use serde::Serialize;

pub use fold::fold;
pub use numbers::{NumberMention, extract_numbers};
pub use tokens::{Token, TokenKind, is_stopword, stem, tokenize};

/// The per-statement features. Owned by the statement's document, shared by all its pairs.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Profile {
    /// The statement text exactly as in the document.
    pub text: String,
    /// Tokens with spans relative to `text`.
    pub tokens: Vec<Token>,
    /// Sorted, deduplicated hashes of content stems (stop words removed): the sets the
    /// similarity features intersect.
    pub content: Vec<u64>,
    /// Numbers, money, percentages.
    pub numbers: Vec<NumberMention>,
    /// Folded, lowercased capitalised words that are not sentence-initial stop words
    /// ("al-sudani", "rubio", "baghdad"): candidate names.
    pub names: Vec<String>,
}

impl Profile {
    /// Builds the profile of one statement text.
    ///
    /// ```
    /// let p = parallax::profile::Profile::new("Rubio urged al-Sudani to disarm 3 militias.");
    /// assert!(p.names.contains(&"rubio".to_string()));
    /// assert_eq!(p.numbers[0].value, 3.0);
    /// ```
    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let mut content: Vec<u64> = tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct && !t.stop)
            .map(|t| hash_str(&t.stem))
            .collect();
        content.sort_unstable();
        content.dedup();
        let mut names = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Word || !t.capitalized {
                continue;
            }
            let first = tokens[..i].iter().all(|p| p.kind == TokenKind::Punct);
            if first && t.stop {
                continue;
            }
            if !t.stop && !names.contains(&t.norm) {
                names.push(t.norm.clone());
            }
        }
        Profile {
            text: text.to_string(),
            numbers: extract_numbers(text),
            tokens,
            content,
            names,
        }
    }

    /// The normalised word tokens, in order (punctuation dropped).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| t.norm.as_str())
    }

    /// True if the normalised word `w` occurs.
    pub fn has_word(&self, w: &str) -> bool {
        self.words().any(|x| x == w)
    }
}

/// FNV-1a: a fixed, platform-independent hash, so that nothing depends on a random seed.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Size of the intersection of two sorted, deduplicated slices.
///
/// Branch-free merge: this runs for every cell of the n×m score matrix, where a
/// `match` on the comparison mispredicts about half the time (docs/performance.md).
pub fn intersect_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}
