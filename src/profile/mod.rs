//! A `Profile` is everything the pair stages need to know about one statement, computed once
//! per statement so that the n×m alignment loop only compares ready-made profiles
//! (normalised tokens, stems, content-term ids, numbers, capitalised names, and the `Cues`
//! the detectors compare: speech verbs, speaker, hedges, dates...).

pub mod cues;
pub mod dates;
pub mod features;
mod fold;
mod numbers;
mod tokens;

use std::sync::Arc;

use serde::Serialize;

use crate::detect::lexicon::Lexicon;

pub use cues::Cues;
pub use dates::{DateMention, DayNumber, parse_iso};
pub use features::{FEATURE_NAMES, PAIR_FEATURES, SimFeatures, TermWeights, pair_features};
pub use fold::fold;
pub use numbers::{NumberMention, extract_numbers, extract_numbers_in};
pub(crate) use tokens::norms;
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
    /// Similarity features (weighted stem sets, n-grams, sequence) for the alignment model.
    pub sim: SimFeatures,
    /// What the detectors compare (speech verbs, hedges, dates, entities...).
    pub cues: Cues,
}

/// What profiling needs besides the text: the lexicon and the document's date (which
/// resolves "Tuesday" or "yesterday"). `Default` is the built-in lexicon and no date.
#[derive(Clone, Debug)]
pub struct ProfileContext {
    /// The lexicon cues are read with.
    pub lexicon: Arc<Lexicon>,
    /// The document's publication date, if known.
    pub doc_date: Option<DayNumber>,
}

impl Default for ProfileContext {
    fn default() -> Self {
        ProfileContext {
            lexicon: Lexicon::builtin().clone(),
            doc_date: None,
        }
    }
}

impl ProfileContext {
    /// The context of a document: its date from the metadata (ISO `YYYY-MM-DD`).
    pub fn for_document(lexicon: Arc<Lexicon>, doc: &crate::document::Document) -> Self {
        ProfileContext {
            lexicon,
            doc_date: doc.meta.date.as_deref().and_then(parse_iso),
        }
    }
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
        Self::with_weights(text, crate::align::model::Model::shipped().weights())
    }

    /// Builds the profile with explicit term weights (training and evaluation of a model
    /// other than the shipped one).
    pub fn with_weights(text: &str, weights: &TermWeights) -> Self {
        Self::build(text, weights, Lexicon::builtin(), None)
    }

    /// Builds the profile with a lexicon and a document date (the shipped model's weights).
    pub fn with_context(text: &str, ctx: &ProfileContext) -> Self {
        Self::build(
            text,
            crate::align::model::Model::shipped().weights(),
            &ctx.lexicon,
            ctx.doc_date,
        )
    }

    fn build(
        text: &str,
        weights: &TermWeights,
        lex: &Lexicon,
        doc_date: Option<DayNumber>,
    ) -> Self {
        let tokens = tokenize(text);
        let mut names = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Word || !t.capitalized {
                continue;
            }
            let first = tokens[..i].iter().all(|p| p.kind == TokenKind::Punct);
            if first && t.stop {
                continue;
            }
            if !t.stop && !names.iter().any(|n: &String| n.as_str() == t.norm.as_str()) {
                names.push(String::from(t.norm.as_str()));
            }
        }
        let numbers = extract_numbers_in(text, &tokens);
        let sim = SimFeatures::new(text, &tokens, &numbers, &names, weights);
        // The content stems are the similarity features' stem set (the same words: neither
        // punctuation nor stop words), already sorted and deduplicated.
        let content = sim.stems.iter().map(|x| x.0).collect();
        let cues = cues::extract(text, &tokens, &numbers, lex, doc_date);
        Profile {
            cues,
            text: text.to_string(),
            numbers,
            tokens,
            content,
            names,
            sim,
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
