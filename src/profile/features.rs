//! Similarity features of one statement (`SimFeatures`), computed once when the statement is
//! profiled, and the pair features (`pair_features`) the alignment model reads. Everything
//! here is a sorted id set or a short sequence, so that scoring a pair costs a few merges
//! and one small LCS table (≈ µs), never string work.
//!
//! The term weights (`TermWeights`: IDF of content stems) come from the shipped model, which
//! derives them from training data only (see `align::model` and `docs/accuracy.md`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::tokens::{Token, TokenKind};
use super::{NumberMention, hash_str};

/// Number of pair features; the model's trees index into `[f32; PAIR_FEATURES]`.
pub const PAIR_FEATURES: usize = 45;

/// Names of the pair features, in order (written into the model file so that a model trained
/// on another feature list is rejected instead of silently misread).
pub const FEATURE_NAMES: [&str; PAIR_FEATURES] = [
    "idf_dice",
    "idf_cover_min",
    "idf_cover_max",
    "stem_dice",
    "stem_cover_min",
    "stem_cover_max",
    "word_jaccard",
    "bigram_dice",
    "char4_dice",
    "char4_cover_max",
    "lcs_max",
    "lcs_min",
    "len_ratio",
    "len_diff",
    "unmatched_idf_max",
    "unmatched_idf_share",
    "numbers_differ",
    "number_jaccard",
    "numbers_unmatched",
    "names_unmatched",
    "name_jaccard",
    "negation_differs",
    "len_min",
    "unmatched_count",
    "unmatched_idf_min_side",
    "unmatched_idf_max_side",
    "unmatched_run_max",
    "unmatched_run_min",
    "unmatched_cost_sum",
    "unmatched_cost_max",
    "unmatched_cost_side_max",
    "unmatched_cost_side_min",
    "matched_gain_sum",
    "matched_gain_min",
    "trigram_dice",
    "word_lcs_max",
    "word_lcs_min",
    "word_substring_max",
    "word_substring_min",
    "bigram_cover_min",
    "bigram_cover_max",
    "unmatched_edge_max",
    "unmatched_edge_min",
    "unmatched_words_max",
    "unmatched_words_min",
];

/// Inverse document frequencies of content stems, learnt from training sentences.
///
/// The shipped model's weights are read in place from tables compiled into the binary
/// (`in_place`, written by `build.rs`): their three maps are then empty, every lookup,
/// comparison and the serialised form read the compiled tables, and a clone holds
/// ordinary maps built from them. The maps are crate-private so that no caller can read
/// the empty ones: outside the crate, `weight`, `cost` and `gain` are the only way in.
#[derive(Debug, Default, Deserialize)]
pub struct TermWeights {
    /// IDF per stem (`ln((N + 1) / (df + 1)) + 1`), stems seen at least twice.
    #[serde(deserialize_with = "bulk_map")]
    pub(crate) idf: BTreeMap<String, f32>,
    /// Weight of a stem not in the table (rare, hence informative).
    pub default: f32,
    /// Supervised cost of a stem left unmatched: log-odds shift towards "not the same claim"
    /// among training pairs where the stem occurs on one side only (a TF-KLD-like weight);
    /// stems not in the table cost 0.
    #[serde(default, deserialize_with = "bulk_map")]
    pub(crate) cost: BTreeMap<String, f32>,
    /// Supervised gain of a stem found on both sides: log-odds shift towards "same claim"
    /// among training pairs sharing it; stems not in the table gain 0.
    #[serde(default, deserialize_with = "bulk_map")]
    pub(crate) gain: BTreeMap<String, f32>,
    /// The compiled tables these weights read instead of the three maps (shipped model).
    #[serde(skip)]
    pub(crate) in_place: Option<&'static StaticTerms>,
}

/// Term tables compiled into the binary and read where they lie (`build.rs` writes them):
/// the stems of the idf, cost and gain tables merged and sorted bytewise (the maps' order),
/// with a hash index, so that nothing is built per process.
pub struct StaticTerms {
    /// The stems, end to end.
    pub(crate) keys: &'static str,
    /// End offset of each stem in `keys`.
    pub(crate) ends: &'static [u32],
    /// Bits of each stem's idf, cost and gain (0 where absent).
    pub(crate) vals: &'static [[u32; 3]],
    /// Bit `t` set when the stem is in table `t` (idf, cost, gain).
    pub(crate) has: &'static [u8],
    /// Open-addressing hash table of stem indices (`term_hash`, linear probing, a power of
    /// two long, `u32::MAX` = empty): one probe or two per lookup, where a binary search
    /// over 17,000 stems took fifteen string comparisons.
    pub(crate) slots: &'static [u32],
}

/// The `i`th of the strings stored end to end in `all`, `ends` holding their end offsets
/// (the layout of the tables `build.rs` compiles in).
#[inline]
pub(crate) fn nth<'a>(all: &'a str, ends: &[u32], i: usize) -> &'a str {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &all[start..ends[i] as usize]
}

/// Looks `hash` up in an open-addressing table written by `build.rs` (`hash_slots`: linear
/// probing, a power of two long, `u32::MAX` = empty): the first index in its probe run that
/// `is` accepts.
#[inline]
pub(crate) fn probe(slots: &[u32], hash: u64, is: impl Fn(usize) -> bool) -> Option<usize> {
    let mask = slots.len() - 1;
    let mut at = hash as usize & mask;
    loop {
        let i = slots[at];
        if i == u32::MAX {
            return None;
        }
        if is(i as usize) {
            return Some(i as usize);
        }
        at = (at + 1) & mask;
    }
}

/// FNV-1a over a stem's bytes; `build.rs` places the stems with the same function.
#[inline]
fn term_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl std::fmt::Debug for StaticTerms {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "StaticTerms({} stems)", self.ends.len())
    }
}

impl StaticTerms {
    fn key(&self, i: usize) -> &str {
        nth(self.keys, self.ends, i)
    }

    /// Index of `stem`, from the hash table, with `term_hash(stem)` given (a token carries
    /// it: `hash_str` is the same function).
    #[inline]
    fn find_hashed(&self, stem: &str, hash: u64) -> Option<usize> {
        probe(self.slots, hash, |i| self.key(i) == stem)
    }

    /// `[idf, cost, gain]` of `stem`, `missing[t]` where table `t` does not hold it.
    #[inline]
    fn values(&self, stem: &str, missing: [f32; 3]) -> [f32; 3] {
        self.values_hashed(stem, term_hash(stem), missing)
    }

    /// `values` with `term_hash(stem)` given.
    #[inline]
    fn values_hashed(&self, stem: &str, hash: u64, missing: [f32; 3]) -> [f32; 3] {
        self.values_at(self.find_hashed(stem, hash), missing)
    }

    /// `values` of the stem at index `i` (`None`: a stem the tables do not hold).
    #[inline]
    fn values_at(&self, i: Option<usize>, missing: [f32; 3]) -> [f32; 3] {
        match i {
            Some(i) => {
                let (has, v) = (self.has[i], self.vals[i]);
                [0, 1, 2].map(|t| {
                    if has & (1 << t) != 0 {
                        f32::from_bits(v[t])
                    } else {
                        missing[t]
                    }
                })
            }
            None => missing,
        }
    }

    /// The entries of table `t`, in key order.
    fn entries(&self, t: usize) -> impl Iterator<Item = (&str, f32)> + '_ {
        (0..self.ends.len())
            .filter(move |&i| self.has[i] & (1 << t) != 0)
            .map(move |i| (self.key(i), f32::from_bits(self.vals[i][t])))
    }
}

impl TermWeights {
    /// Weights reading the compiled tables `terms` (the shipped model's).
    pub(crate) fn in_place(terms: &'static StaticTerms, default: f32) -> Self {
        TermWeights {
            default,
            in_place: Some(terms),
            ..TermWeights::default()
        }
    }

    /// Weight, cost and gain of a stem in none of the tables.
    fn missing(&self) -> [f32; 3] {
        [
            if self.default > 0.0 {
                self.default
            } else {
                1.0
            },
            0.0,
            0.0,
        ]
    }

    /// The entries of table `t` (idf, cost, gain), in key order, wherever they are held.
    fn entries(&self, t: usize) -> Box<dyn Iterator<Item = (&str, f32)> + '_> {
        match self.in_place {
            Some(terms) => Box::new(terms.entries(t)),
            None => {
                let map = [&self.idf, &self.cost, &self.gain][t];
                Box::new(map.iter().map(|(k, &v)| (k.as_str(), v)))
            }
        }
    }
}

impl Clone for TermWeights {
    /// Weights read in place clone into ordinary maps (only training and tests clone them).
    fn clone(&self) -> Self {
        let table = |t| self.entries(t).map(|(k, v)| (k.to_string(), v)).collect();
        TermWeights {
            idf: table(0),
            default: self.default,
            cost: table(1),
            gain: table(2),
            in_place: None,
        }
    }
}

impl PartialEq for TermWeights {
    /// Equal tables, wherever they are held.
    fn eq(&self, other: &Self) -> bool {
        self.default == other.default && (0..3).all(|t| self.entries(t).eq(other.entries(t)))
    }
}

impl Serialize for TermWeights {
    /// As the derived form would write the four fields (the compiled tables as maps).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Table<'a>(&'a TermWeights, usize);
        impl Serialize for Table<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.entries(self.1))
            }
        }
        let mut st = s.serialize_struct("TermWeights", 4)?;
        st.serialize_field("idf", &Table(self, 0))?;
        st.serialize_field("default", &self.default)?;
        st.serialize_field("cost", &Table(self, 1))?;
        st.serialize_field("gain", &Table(self, 2))?;
        st.end()
    }
}

/// Reads a term table as a list first, then builds the tree in bulk: the shipped tables
/// (~17,000 stems, written sorted) are parsed at every start of the binary, and inserting
/// them one by one spent most of that time comparing strings. The same map either way
/// (a repeated key keeps its last value, as with inserts).
fn bulk_map<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, f32>, D::Error> {
    struct Pairs;
    impl<'de> serde::de::Visitor<'de> for Pairs {
        type Value = Vec<(String, f32)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of stems to numbers")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut m: A,
        ) -> Result<Self::Value, A::Error> {
            let mut v = Vec::with_capacity(m.size_hint().unwrap_or(0));
            while let Some(e) = m.next_entry()? {
                v.push(e);
            }
            Ok(v)
        }
    }
    Ok(d.deserialize_map(Pairs)?.into_iter().collect())
}

impl TermWeights {
    /// The weight of one stem.
    pub fn weight(&self, stem: &str) -> f32 {
        match self.in_place {
            Some(t) => t.values(stem, self.missing())[0],
            None => self.idf.get(stem).copied().unwrap_or(self.missing()[0]),
        }
    }

    /// The cost of one stem left unmatched.
    pub fn cost(&self, stem: &str) -> f32 {
        match self.in_place {
            Some(t) => t.values(stem, self.missing())[1],
            None => self.cost.get(stem).copied().unwrap_or(0.0),
        }
    }

    /// The gain of one stem found on both sides.
    pub fn gain(&self, stem: &str) -> f32 {
        match self.in_place {
            Some(t) => t.values(stem, self.missing())[2],
            None => self.gain.get(stem).copied().unwrap_or(0.0),
        }
    }

    /// Fits `cost` from labelled pairs of content-stem lists: for each stem, the smoothed
    /// log-odds of "not equivalent" among pairs where it is unmatched, minus the base
    /// log-odds. Stems unmatched in fewer than `min_count` pairs are left out.
    pub fn fit_cost<'a>(
        pairs: impl IntoIterator<Item = (&'a [String], &'a [String], bool)>,
        min_count: usize,
        matched: bool,
    ) -> BTreeMap<String, f32> {
        let mut seen: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let (mut n, mut neg) = (0usize, 0usize);
        for (a, b, equivalent) in pairs {
            n += 1;
            neg += usize::from(!equivalent);
            let mut words: Vec<&str> = if matched {
                a.iter()
                    .filter(|w| b.contains(w))
                    .map(String::as_str)
                    .collect()
            } else {
                a.iter()
                    .filter(|w| !b.contains(w))
                    .chain(b.iter().filter(|w| !a.contains(w)))
                    .map(String::as_str)
                    .collect()
            };
            words.sort_unstable();
            words.dedup();
            for w in words {
                let e = seen.entry(w).or_default();
                e.0 += 1;
                e.1 += usize::from(!equivalent);
            }
        }
        if n == 0 {
            return BTreeMap::new();
        }
        let q = ((neg as f64 + 1.0) / (n as f64 + 2.0)).clamp(1e-3, 1.0 - 1e-3);
        let logit = |p: f64| (p / (1.0 - p)).ln();
        // m-estimate smoothing towards the base rate.
        let m = 8.0;
        seen.into_iter()
            .filter(|&(_, (c, _))| c >= min_count)
            .map(|(w, (c, bad))| {
                let p = (bad as f64 + m * q) / (c as f64 + m);
                let shift = (logit(p) - logit(q)) as f32;
                // Gains are towards "same claim": the opposite sign of a cost.
                (w.to_string(), round4(if matched { -shift } else { shift }))
            })
            .filter(|&(_, v)| v != 0.0)
            .collect()
    }

    /// IDF over a collection of sentences (each a list of content stems); stems seen fewer
    /// than `min_df` times fall back to `default` (the IDF of a stem seen once), which keeps
    /// the shipped table small.
    pub fn fit(sentences: impl IntoIterator<Item = Vec<String>>, min_df: usize) -> Self {
        let mut df: BTreeMap<String, usize> = BTreeMap::new();
        let mut n = 0usize;
        for s in sentences {
            n += 1;
            let mut s = s;
            s.sort();
            s.dedup();
            for w in s {
                *df.entry(w).or_default() += 1;
            }
        }
        let idf = |d: usize| (((n + 1) as f32) / ((d + 1) as f32)).ln() + 1.0;
        TermWeights {
            idf: df
                .into_iter()
                .filter(|&(_, d)| d >= min_df)
                .map(|(w, d)| (w, round4(idf(d))))
                .collect(),
            default: round4(idf(1)),
            cost: BTreeMap::new(),
            gain: BTreeMap::new(),
            in_place: None,
        }
    }
}

/// `[weight, cost, gain]` of `stem` under `weights`: one hash lookup in the compiled
/// tables when `weights` are read in place (the shipped model's), else the three lookups.
#[cfg(test)]
fn term_values<'a>(weights: &'a TermWeights) -> impl Fn(&str) -> [f32; 3] + 'a {
    let values = term_values_hashed(weights);
    move |stem| values(stem, term_hash(stem))
}

/// `term_values` with `term_hash(stem)` given (tokens carry it).
#[cfg(test)]
fn term_values_hashed<'a>(weights: &'a TermWeights) -> impl Fn(&str, u64) -> [f32; 3] + 'a {
    let values = token_values(weights);
    move |stem, hash| values(stem, hash, shipped_term(stem, hash))
}

/// `term_values_hashed`, taking a token's `shipped_term` as well: the stem's index in the
/// shipped model's tables, looked up once per word by the tokenizer's cache, which saves
/// the lookup when `weights` are the shipped ones (else it is ignored).
fn token_values<'a>(weights: &'a TermWeights) -> impl Fn(&str, u64, Option<u32>) -> [f32; 3] + 'a {
    let missing = weights.missing();
    let shipped = weights
        .in_place
        .is_some_and(|t| shipped_terms().is_some_and(|s| std::ptr::eq(t, s)));
    move |stem, hash, index| match weights.in_place {
        Some(t) if shipped => t.values_at(index.map(|i| i as usize), missing),
        Some(t) => t.values_hashed(stem, hash, missing),
        None => [weights.weight(stem), weights.cost(stem), weights.gain(stem)],
    }
}

/// The shipped model's compiled term tables.
fn shipped_terms() -> Option<&'static StaticTerms> {
    crate::align::model::Model::shipped().weights().in_place
}

/// The index of `stem` (`hash` = `hash_str(stem)`) in the shipped model's term tables, if
/// they hold it: what a token caches as its `shipped_term`.
pub(crate) fn shipped_term(stem: &str, hash: u64) -> Option<u32> {
    shipped_terms()?.find_hashed(stem, hash).map(|i| i as u32)
}

fn round4(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}

/// The per-statement similarity features.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SimFeatures {
    /// Content stems (stop words and punctuation removed): sorted, deduplicated hashes, each
    /// with its IDF weight and its unmatched cost.
    pub stems: Vec<(u64, f32)>,
    /// Stems of all words, stop words included, with their unmatched cost and matched gain
    /// (stop words matter there: "not", "would", "only", "also").
    pub terms: Vec<(u64, f32, f32)>,
    /// Word and number norm hashes in text order, stop words included (unmatched runs).
    pub wseq: Vec<u64>,
    /// Sum of the weights of `stems`.
    pub stem_weight: f32,
    /// All word and number norms, stop words included: sorted, deduplicated hashes.
    pub words: Vec<u64>,
    /// Adjacent word-stem bigrams (stop words included): sorted, deduplicated hashes.
    pub bigrams: Vec<u64>,
    /// Adjacent word-stem trigrams: sorted, deduplicated hashes.
    pub trigrams: Vec<u64>,
    /// Character 4-grams of the folded text with non-alphanumerics collapsed to one space.
    pub chars: Vec<u32>,
    /// Content stem hashes in text order (for the longest common subsequence).
    pub seq: Vec<u32>,
    /// `wseq` as (hash, position) sorted, first `SEQ_A` positions: pairs build their match
    /// bitmasks from two of these with one merge instead of comparing every two words.
    #[serde(skip)]
    pub wseq_sorted: Vec<(u64, u16)>,
    /// `seq` the same way.
    #[serde(skip)]
    pub seq_sorted: Vec<(u32, u16)>,
    /// Number values (bit patterns), sorted and deduplicated.
    pub numbers: Vec<u64>,
    /// Hashes of candidate names, sorted and deduplicated.
    pub names: Vec<u64>,
    /// Count of negators ("not", "no", "never", "n't"...), mod 2 matters.
    pub negations: u8,
    /// Number of word and number tokens.
    pub len: u32,
    /// Where each word's run of positions starts in `wseq_sorted`, and its end: the run of
    /// the `k`-th item of `words` is `word_runs[k]..word_runs[k + 1]` when `wseq` has at
    /// most `SEQ_A` words (pair features then build the word match masks from the shared
    /// words only, `word_masks`).
    #[serde(skip)]
    pub word_runs: Vec<u16>,
}

const NEGATORS: &[&str] = &[
    "not", "no", "never", "nor", "none", "nobody", "nothing", "neither",
];

impl SimFeatures {
    /// Builds the features from the statement's tokens, numbers and names.
    pub fn new(
        text: &str,
        tokens: &[Token],
        numbers: &[NumberMention],
        names: &[String],
        weights: &TermWeights,
    ) -> Self {
        // Sized once from the token count (an upper bound of each list), instead of growing
        // every list through several reallocations per statement.
        let n = tokens.len();
        let mut stems: Vec<(u64, f32)> = Vec::with_capacity(n);
        let mut terms: Vec<(u64, f32, f32)> = Vec::with_capacity(n);
        let mut wseq = Vec::with_capacity(n);
        let mut seq = Vec::with_capacity(n);
        let mut words = Vec::with_capacity(n);
        let mut bigrams = Vec::with_capacity(n);
        let mut negations = 0u8;
        let mut prev: Option<u64> = None;
        let mut prev2: Option<u64> = None;
        let mut trigrams = Vec::with_capacity(n);
        let mut len = 0;
        let values = token_values(weights);
        for t in tokens {
            if t.kind == TokenKind::Punct {
                continue;
            }
            len += 1;
            let (sh, nh) = (t.stem_hash, t.norm_hash);
            wseq.push(nh);
            if let Some(p) = prev {
                bigrams.push(p.rotate_left(17) ^ sh);
                if let Some(q) = prev2 {
                    trigrams.push(q.rotate_left(34) ^ p.rotate_left(17) ^ sh);
                }
            }
            prev2 = prev;
            prev = Some(sh);
            let [weight, cost, gain] = values(&t.stem, sh, t.shipped_term);
            terms.push((sh, cost, gain));
            // Every negator starts with 'n': one byte rejects most words before the list.
            let norm = t.norm.as_bytes();
            if norm.ends_with(b"n't")
                || norm.first() == Some(&b'n') && NEGATORS.contains(&t.norm.as_str())
            {
                negations = negations.saturating_add(1);
            }
            if !t.stop {
                stems.push((sh, weight));
                seq.push(sh as u32);
            }
        }
        stems.sort_unstable_by_key(|x| x.0);
        stems.dedup_by_key(|x| x.0);
        terms.sort_unstable_by_key(|x| x.0);
        terms.dedup_by_key(|x| x.0);
        let (wseq_sorted, seq_sorted) = (sorted_positions(&wseq), sorted_positions_u32(&seq));
        // The word set is `wseq_sorted`'s keys when it holds the whole sequence: no sort of
        // its own.
        // Its runs are where `word_runs` starts them: one pass gives both.
        let mut word_runs: Vec<u16> = Vec::with_capacity(wseq_sorted.len() + 1);
        for (k, x) in wseq_sorted.iter().enumerate() {
            if k == 0 || x.0 != wseq_sorted[k - 1].0 {
                word_runs.push(k as u16);
            }
        }
        word_runs.push(wseq_sorted.len() as u16);
        if wseq_sorted.len() == wseq.len() {
            words.extend(
                word_runs[..word_runs.len() - 1]
                    .iter()
                    .map(|&k| wseq_sorted[k as usize].0),
            );
        } else {
            words.extend_from_slice(&wseq);
            words.sort_unstable();
            words.dedup();
        }
        bigrams.sort_unstable();
        bigrams.dedup();
        trigrams.sort_unstable();
        trigrams.dedup();
        let mut nums: Vec<u64> = numbers.iter().map(|n| n.value.to_bits()).collect();
        nums.sort_unstable();
        nums.dedup();
        let mut names: Vec<u64> = names.iter().map(|n| hash_str(n)).collect();
        names.sort_unstable();
        names.dedup();
        SimFeatures {
            stem_weight: stems.iter().map(|x| x.1).sum(),
            stems,
            terms,
            wseq,
            words,
            bigrams,
            trigrams,
            chars: char_ngrams(text),
            wseq_sorted,
            seq_sorted,
            seq,
            numbers: nums,
            names,
            negations,
            len,
            word_runs,
        }
    }
}

/// Hashes of character 4-grams of the folded text, alphanumerics only, runs of anything
/// else collapsed to one space, with a space before and after.
///
/// Hashed as the characters come, four at a time (FNV-1a over the four code points): no
/// folded copy of the text and no vector of characters, and ASCII text (nearly all) is read
/// as bytes, where folding is lowercasing.
fn char_ngrams(text: &str) -> Vec<u32> {
    if text.is_ascii() {
        return sorted_set(ascii_ngrams(
            text.as_bytes(),
            Vec::with_capacity(text.len() + 2),
        ));
    }
    let mut g = Grams {
        last: [0; 3],
        seen: 0,
        space: false,
        out: Vec::with_capacity(text.len() + 2),
    };
    g.push(' ');
    for c in super::fold(text).chars() {
        g.step(c);
    }
    if !g.space {
        g.push(' ');
    }
    sorted_set(g.out)
}

/// `char_ngrams` of ASCII text, appended to `out` (which holds nothing yet: the leading
/// space is the state below): the same 4-grams and hashes as `Grams`, with the last three
/// characters in locals and the alphanumeric test on bytes, where `Grams` asks the Unicode
/// tables of every character.
fn ascii_ngrams(text: &[u8], mut out: Vec<u32>) -> Vec<u32> {
    #[inline(always)]
    fn hash(a: u32, b: u32, c: u32, d: u32) -> u32 {
        let mut h: u32 = 0x811c9dc5;
        for x in [a, b, c, d] {
            h ^= x;
            h = h.wrapping_mul(0x01000193);
        }
        h
    }
    const SPACE: u32 = b' ' as u32;
    // After the leading space: one character seen, and it is the collapsing space.
    let (mut l0, mut l1, mut l2) = (0u32, 0u32, SPACE);
    let mut seen = 1usize;
    let mut space = true;
    for &b in text {
        let c = if b.is_ascii_alphanumeric() {
            u32::from(b.to_ascii_lowercase())
        } else if !space {
            SPACE
        } else {
            continue;
        };
        if seen >= 3 {
            out.push(hash(l0, l1, l2, c));
        }
        (l0, l1, l2) = (l1, l2, c);
        seen += 1;
        space = c == SPACE;
    }
    if !space && seen >= 3 {
        out.push(hash(l0, l1, l2, SPACE));
    }
    out
}

/// `v` sorted and deduplicated, for hashes whose high bits are spread evenly (the 4-gram
/// hashes): a counting pass places each by its high bits into about one bucket per item,
/// then each bucket (one or two items, mostly) is sorted on its own. A comparison sort of
/// the hundred-odd 4-grams of a statement was a third of building its features.
fn sorted_set(mut v: Vec<u32>) -> Vec<u32> {
    // The counts live on the stack, sized to the usual statements (zeroing a larger
    // array cost more than the sort saved); longer texts take the comparison sort.
    match v.len() {
        32..=127 => bucket_sort::<65>(&v),
        128..=511 => bucket_sort::<257>(&v),
        _ => {
            v.sort_unstable();
            v.dedup();
            v
        }
    }
}

/// `sorted_set` with `B - 1` buckets (a power of two) by the high bits.
#[inline(always)]
fn bucket_sort<const B: usize>(v: &[u32]) -> Vec<u32> {
    let shift = u32::BITS - (B - 1).trailing_zeros();
    // Bucket starts, then (after the scatter) ends.
    let mut starts = [0u32; B];
    for &h in v {
        starts[(h >> shift) as usize + 1] += 1;
    }
    let crowded = starts.iter().any(|&c| c > 16);
    for b in 1..B {
        starts[b] += starts[b - 1];
    }
    let mut out = vec![0u32; v.len()];
    for &h in v {
        let b = (h >> shift) as usize;
        out[starts[b] as usize] = h;
        starts[b] += 1;
    }
    // Every item of a bucket is below every item of the next, so one insertion pass over the
    // whole array sorts each bucket in place and never crosses into the one before: no loop
    // per bucket (most hold one item or none). A crowded bucket (hashes that are not spread)
    // would make that pass quadratic: the comparison sort takes the array then.
    if crowded {
        out.sort_unstable();
    } else {
        for i in 1..out.len() {
            let x = out[i];
            let mut j = i;
            while j > 0 && out[j - 1] > x {
                out[j] = out[j - 1];
                j -= 1;
            }
            out[j] = x;
        }
    }
    out.dedup();
    out
}

/// The character 4-grams of `char_ngrams` as the characters come.
struct Grams {
    /// The last three characters pushed (oldest first).
    last: [u32; 3],
    /// How many characters were pushed.
    seen: usize,
    /// The last character pushed is the collapsing space.
    space: bool,
    out: Vec<u32>,
}

impl Grams {
    #[inline(always)]
    fn step(&mut self, c: char) {
        if c.is_alphanumeric() {
            self.push(c);
        } else if !self.space {
            self.push(' ');
        }
    }

    #[inline(always)]
    fn push(&mut self, c: char) {
        let c = c as u32;
        if self.seen >= 3 {
            let mut h: u32 = 0x811c9dc5;
            for x in [self.last[0], self.last[1], self.last[2], c] {
                h ^= x;
                h = h.wrapping_mul(0x01000193);
            }
            self.out.push(h);
        }
        self.last = [self.last[1], self.last[2], c];
        self.seen += 1;
        self.space = c == u32::from(b' ');
    }
}

/// Size of the intersection of two sorted, deduplicated slices, branch-free (see
/// `profile::intersect_count`: a `match` on the comparison mispredicts about half the time,
/// and the character 4-gram sets run to a hundred items a side).
#[inline(always)]
fn common<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// `common` four items a side at a time: all 16 comparisons of two blocks (which the
/// compiler turns into vector compares), then the block with the smaller last item moves on
/// (both when equal). Every equal pair meets in exactly one pair of blocks because both
/// sets are sorted and deduplicated; the short ends go through `common`. For the character
/// 4-gram sets (a third of `pair_features` as a merge) and the word, bigram and trigram
/// sets (a merge step waits for the previous comparison; a block step mostly does not).
#[inline(always)]
fn common_blocks<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    // Whole blocks as arrays (no slice-to-array conversion to check per step).
    let (ab, bb) = (a.as_chunks::<4>().0, b.as_chunks::<4>().0);
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < ab.len() && j < bb.len() {
        let (x, y) = (ab[i], bb[j]);
        let mut eq = 0u32;
        for xv in x {
            for yv in y {
                eq += u32::from(xv == yv);
            }
        }
        n += eq as usize;
        i += usize::from(x[3] <= y[3]);
        j += usize::from(y[3] <= x[3]);
    }
    n + common(&a[4 * i..], &b[4 * j..])
}

/// `if c { a } else { b }` on the bit patterns, without a branch.
#[inline]
fn pick(c: bool, a: f32, b: f32) -> f32 {
    let m = u32::from(c).wrapping_neg();
    f32::from_bits((m & a.to_bits()) | (!m & b.to_bits()))
}

fn ratio(num: f32, den: f32) -> f32 {
    if den > 0.0 { num / den } else { 0.0 }
}

fn dice(c: usize, a: usize, b: usize) -> f32 {
    ratio(2.0 * c as f32, (a + b) as f32)
}

/// How much of each sequence the order features read: the first `SEQ_A` items of the first
/// statement against the first `SEQ_B` of the second (a row of `SEQ_B` bits fits a `u128`).
const SEQ_A: usize = 255;
const SEQ_B: usize = 127;

/// `(item, position)` for the first `SEQ_A` items, sorted.
fn sorted_positions<T: Ord + Copy>(seq: &[T]) -> Vec<(T, u16)> {
    let mut v: Vec<(T, u16)> = seq
        .iter()
        .take(SEQ_A)
        .enumerate()
        .map(|(p, &x)| (x, p as u16))
        .collect();
    v.sort_unstable();
    v
}

/// `sorted_positions` of 32-bit items, each packed with its position into one `u64` (item
/// high, position low) so that the sort compares integers, not pairs: the same order.
fn sorted_positions_u32(seq: &[u32]) -> Vec<(u32, u16)> {
    let mut packed: Vec<u64> = seq
        .iter()
        .take(SEQ_A)
        .enumerate()
        .map(|(p, &x)| u64::from(x) << 16 | p as u64)
        .collect();
    packed.sort_unstable();
    packed
        .into_iter()
        .map(|k| ((k >> 16) as u32, k as u16))
        .collect()
}

/// Match bitmasks: `out[p]` has bit `q` set when item `p` of `a` equals item `q` of `b`
/// (`p < SEQ_A`, `q < SEQ_B`), from the two sorted position lists in one merge.
#[inline(always)]
fn match_masks<T: Ord + Copy>(a: &[(T, u16)], b: &[(T, u16)], out: &mut [u128]) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let x = a[i].0;
                let mut bits = 0u128;
                while j < b.len() && b[j].0 == x {
                    if (b[j].1 as usize) < SEQ_B {
                        bits |= 1u128 << b[j].1;
                    }
                    j += 1;
                }
                while i < a.len() && a[i].0 == x {
                    out[a[i].1 as usize] = bits;
                    i += 1;
                }
            }
        }
    }
}

/// Runs `f` on the match masks of `a` against `b` (one row per item of `a`, up to `SEQ_A`),
/// on the stack for the usual short statements.
#[inline(always)]
fn with_masks<T: Ord + Copy, R>(
    a: &[(T, u16)],
    b: &[(T, u16)],
    la: usize,
    f: impl FnOnce(&mut [u128]) -> R,
) -> R {
    with_masks_by(la, |m| match_masks(a, b, m), f)
}

/// Runs `f` on `la` (at most `SEQ_A`) zeroed match-mask rows once `fill` has set them.
#[inline(always)]
fn with_masks_by<R>(
    la: usize,
    fill: impl FnOnce(&mut [u128]),
    f: impl FnOnce(&mut [u128]) -> R,
) -> R {
    let la = la.min(SEQ_A);
    if la <= 64 {
        let mut buf = [0u128; 64];
        fill(&mut buf[..la]);
        f(&mut buf[..la])
    } else {
        let mut buf = vec![0u128; la];
        fill(&mut buf);
        f(&mut buf)
    }
}

/// `match_masks` of the word sequences of `a` and `b` from which words they share: bit `k`
/// of `am` when word `k` of `a.words` is in `b.words`, bit `p` of `bm` when word `p` of
/// `b.words` is in `a.words` (a `SideIndex` gives them). The shared words are the same in
/// the same (ascending) order on both sides, so the `i`-th bit of `am` and of `bm` name
/// one word; its positions are its run in each `wseq_sorted` (`word_runs`). Then each row
/// of that word in `a` gets the bits of its positions in `b` (below `SEQ_B`), which is what
/// the merge of `match_masks` sets; the other rows stay 0, as there. Only when both
/// statements have at most `SEQ_A` words, so that the runs cover `words` one to one.
#[inline(always)]
fn word_masks(a: &SimFeatures, b: &SimFeatures, am: u64, bm: u64, out: &mut [u128]) {
    let (mut x, mut y) = (am, bm);
    while x != 0 {
        let (k, p) = (x.trailing_zeros() as usize, y.trailing_zeros() as usize);
        x &= x - 1;
        y &= y - 1;
        fn run(f: &SimFeatures, k: usize) -> &[(u64, u16)] {
            &f.wseq_sorted[f.word_runs[k] as usize..f.word_runs[k + 1] as usize]
        }
        let mut bits = 0u128;
        for &(_, q) in run(b, p) {
            if (q as usize) < SEQ_B {
                bits |= 1u128 << q;
            }
        }
        for &(_, at) in run(a, k) {
            out[at as usize] = bits;
        }
    }
}

/// Bit-parallel longest common subsequence (Hyyrö 2004, after Allison & Dix) from the match
/// masks of `a` against a `b` of `lb` items: one 128-bit word is a row of the DP table, so a
/// row costs a few word operations. Exactly the table's result (`lcs_table` in the tests).
#[inline(always)]
fn lcs_masks(masks: &[u128], lb: usize) -> usize {
    if masks.is_empty() || lb == 0 {
        return 0;
    }
    let lb = lb.min(SEQ_B);
    let mut v: u128 = !0;
    for &m in masks {
        let u = v & m;
        v = v.wrapping_add(u) | (v & !m);
    }
    let low: u128 = (1u128 << lb) - 1;
    (!v & low).count_ones() as usize
}

/// Longest common contiguous run (a copied phrase), from the match masks: row by row, the
/// run ending at a match `(p, q)` is one longer than the run ending at `(p - 1, q - 1)` when
/// that is a match too, else 1. Only set bits are visited (a few per row), and one array of
/// run lengths serves every row, updated from the highest column down so that `q - 1` still
/// holds the previous row's value when `q` reads it.
#[inline(always)]
fn substring_masks(masks: &[u128]) -> usize {
    let mut run = [0u8; 128];
    let (mut prev, mut best) = (0u128, 0u8);
    for &row in masks {
        let mut bits = row;
        while bits != 0 {
            let q = 127 - bits.leading_zeros() as usize;
            bits ^= 1u128 << q;
            let len = if q > 0 && prev >> (q - 1) & 1 == 1 {
                run[q - 1] + 1
            } else {
                1
            };
            run[q] = len;
            best = best.max(len);
        }
        prev = row;
    }
    usize::from(best)
}

/// The pair features of two statements. Symmetric: swapping `a` and `b` gives the same
/// vector (directional measures enter as min and max), so alignment does not depend on
/// which document is on the left.
pub fn pair_features(a: &SimFeatures, b: &SimFeatures) -> [f32; PAIR_FEATURES] {
    pair_features_dispatch(a, b, None)
}

/// `pair_features` with the sizes of the four count-only intersections given (from a
/// `SideIndex`, which counts them for a whole row at once): the same vector, without those
/// four merges.
pub fn pair_features_counted(
    a: &SimFeatures,
    b: &SimFeatures,
    shared: &SharedCounts,
) -> [f32; PAIR_FEATURES] {
    pair_features_dispatch(a, b, Some(shared))
}

#[inline(always)]
fn pair_features_dispatch(
    a: &SimFeatures,
    b: &SimFeatures,
    shared: Option<&SharedCounts>,
) -> [f32; PAIR_FEATURES] {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("popcnt")
        && std::arch::is_x86_feature_detected!("bmi1")
        && std::arch::is_x86_feature_detected!("lzcnt")
    {
        // SAFETY: the CPU has every feature the function is compiled for (checked above).
        return unsafe { pair_features_avx2(a, b, shared) };
    }
    pair_features_in(a, b, shared)
}

/// `pair_features` compiled for AVX2 and the bit instructions (wider compares for the
/// 4-gram blocks, one instruction for the bit counts and scans of the match masks). The
/// same integer and float operations (no fused or reordered arithmetic), so the same bits.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt,bmi1,lzcnt")]
fn pair_features_avx2(
    a: &SimFeatures,
    b: &SimFeatures,
    shared: Option<&SharedCounts>,
) -> [f32; PAIR_FEATURES] {
    pair_features_in(a, b, shared)
}

#[inline(always)]
fn pair_features_in(
    a: &SimFeatures,
    b: &SimFeatures,
    shared: Option<&SharedCounts>,
) -> [f32; PAIR_FEATURES] {
    // The four intersections whose size is all the features read: given, or merged here.
    let count = |k: usize, x: &[u64], y: &[u64]| match shared {
        Some(c) => c.0[k] as usize,
        None => common_blocks(x, y),
    };
    // Weighted stem overlap, and the weights and costs left unmatched on each side.
    let StemSums {
        wc,
        nc,
        un_max,
        ua,
        ub,
    } = stem_sums(
        &a.stems,
        &b.stems,
        shared.and_then(|c| c.1.known.then_some(c.1.stems)),
    );
    // Supervised costs of unmatched terms and gains of shared ones.
    let TermSums {
        ca,
        cb,
        c_max,
        gain,
        gain_min,
    } = term_sums(
        &a.terms,
        &b.terms,
        shared.and_then(|c| c.1.known.then_some(c.1.terms)),
    );
    let ctg = count(SharedCounts::TRIGRAMS, &a.trigrams, &b.trigrams);
    // The word masks from the shared words when a `SideIndex` gave them, else by a merge.
    let words_known = shared
        .and_then(|c| c.1.known.then_some(c.1.words))
        .filter(|_| {
            a.words.len() <= 64
                && b.words.len() <= 64
                && a.wseq.len() <= SEQ_A
                && b.wseq.len() <= SEQ_A
        });
    let fill = |m: &mut [u128]| match words_known {
        Some((am, bm)) => word_masks(a, b, am, bm, m),
        None => match_masks(&a.wseq_sorted, &b.wseq_sorted, m),
    };
    let (wl, sub, runs) = with_masks_by(a.wseq.len(), fill, |m| {
        let l = lcs_masks(m, b.wseq.len());
        // When the masks cover both sequences whole, word `p` of `a` occurs in `b` exactly
        // when row `p` has a bit, and word `q` of `b` occurs in `a` when column `q` has one:
        // the unmatched runs without a search per word.
        let runs = (a.wseq.len() <= SEQ_A && b.wseq.len() <= SEQ_B).then(|| {
            let cols = m.iter().fold(0u128, |o, &r| o | r);
            (
                runs(m.iter().map(|&r| r != 0)),
                runs((0..b.wseq.len()).map(|q| cols >> q & 1 != 0)),
            )
        });
        (l as f32, substring_masks(m) as f32, runs)
    });
    let (wla, wlb) = (a.wseq.len() as f32, b.wseq.len() as f32);

    let ((run_a, edge_a, out_a), (run_b, edge_b, out_b)) = runs.unwrap_or_else(|| {
        (
            unmatched_runs(&a.wseq, &b.words),
            unmatched_runs(&b.wseq, &a.words),
        )
    });
    let (wa, wb) = (a.stem_weight, b.stem_weight);
    let (na, nb) = (a.stems.len(), b.stems.len());
    let cov_a = ratio(wc, wa);
    let cov_b = ratio(wc, wb);
    let scov_a = ratio(nc as f32, na as f32);
    let scov_b = ratio(nc as f32, nb as f32);

    let cw = count(SharedCounts::WORDS, &a.words, &b.words);
    let word_jaccard = ratio(cw as f32, (a.words.len() + b.words.len() - cw) as f32);
    let cbg = count(SharedCounts::BIGRAMS, &a.bigrams, &b.bigrams);
    let bg_a = ratio(cbg as f32, a.bigrams.len() as f32);
    let bg_b = ratio(cbg as f32, b.bigrams.len() as f32);
    let cch = match shared {
        Some(c) => c.0[SharedCounts::CHARS] as usize,
        None => common_blocks(&a.chars, &b.chars),
    };
    let l = with_masks(&a.seq_sorted, &b.seq_sorted, a.seq.len(), |m| {
        lcs_masks(m, b.seq.len())
    }) as f32;
    let (la, lb) = (a.seq.len() as f32, b.seq.len() as f32);

    let cn = common(&a.numbers, &b.numbers);
    let (nna, nnb) = (a.numbers.len(), b.numbers.len());
    let numbers_differ = (nna + nnb > 0 && cn < nna.max(nnb)) as u8 as f32;
    let number_jaccard = if nna + nnb == 0 {
        1.0
    } else {
        ratio(cn as f32, (nna + nnb - cn) as f32)
    };
    let cnm = common(&a.names, &b.names);
    let (nma, nmb) = (a.names.len(), b.names.len());
    let name_jaccard = if nma + nmb == 0 {
        1.0
    } else {
        ratio(cnm as f32, (nma + nmb - cnm) as f32)
    };
    let (lena, lenb) = (a.len as f32, b.len as f32);
    [
        ratio(2.0 * wc, wa + wb),
        cov_a.min(cov_b),
        cov_a.max(cov_b),
        dice(nc, na, nb),
        scov_a.min(scov_b),
        scov_a.max(scov_b),
        word_jaccard,
        dice(cbg, a.bigrams.len(), b.bigrams.len()),
        dice(cch, a.chars.len(), b.chars.len()),
        ratio(cch as f32, a.chars.len().min(b.chars.len()) as f32),
        ratio(l, la.max(lb)),
        ratio(l, la.min(lb)),
        ratio(lena.min(lenb), lena.max(lenb)),
        (lena - lenb).abs(),
        un_max,
        ratio(ua + ub, wa + wb),
        numbers_differ,
        number_jaccard,
        (nna + nnb - 2 * cn) as f32,
        (nma + nmb - 2 * cnm) as f32,
        name_jaccard,
        ((a.negations % 2) != (b.negations % 2)) as u8 as f32,
        lena.min(lenb),
        (na + nb - 2 * nc) as f32,
        ua.min(ub),
        ua.max(ub),
        run_a.max(run_b),
        run_a.min(run_b),
        ca + cb,
        c_max,
        ca.max(cb),
        ca.min(cb),
        gain,
        gain_min,
        dice(ctg, a.trigrams.len(), b.trigrams.len()),
        ratio(wl, wla.max(wlb)),
        ratio(wl, wla.min(wlb)),
        ratio(sub, wla.max(wlb)),
        ratio(sub, wla.min(wlb)),
        bg_a.min(bg_b),
        bg_a.max(bg_b),
        edge_a.max(edge_b),
        edge_a.min(edge_b),
        out_a.max(out_b),
        out_a.min(out_b),
    ]
}

/// Sizes of the word, bigram, trigram and character 4-gram intersections of two statements
/// (`SharedCounts::WORDS`... index it): the pair features read nothing else of those sets.
/// With them, which content stems and which terms each statement shares with the other
/// (`SharedCounts::masks`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SharedCounts(pub [u32; 4], pub SharedMasks);

/// Which of two statements' content stems (`stems`) and terms (`terms`) the other holds:
/// bit `k` of `.0` when item `k` of the first statement's set is in the second's, bit `p`
/// of `.1` when item `p` of the second's is in the first's (what `shared_bits` gives).
/// Only read when both sets have at most 64 items (the masked sums), and only when a
/// `SideIndex` computed them (the default has none: the features then merge the sets).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SharedMasks {
    /// Masks of the content stems (`SimFeatures::stems`).
    stems: (u64, u64),
    /// Masks of the terms (`SimFeatures::terms`).
    terms: (u64, u64),
    /// Masks of the words (`SimFeatures::words`).
    words: (u64, u64),
    /// Set by `SideIndex::counts`.
    known: bool,
}

impl SharedCounts {
    /// Index of the shared words.
    pub const WORDS: usize = 0;
    /// Index of the shared word bigrams.
    pub const BIGRAMS: usize = 1;
    /// Index of the shared word trigrams.
    pub const TRIGRAMS: usize = 2;
    /// Index of the shared character 4-grams.
    pub const CHARS: usize = 3;
}

/// Postings of one kind of set item: the statements (ascending) holding each item.
#[derive(Default)]
struct Postings {
    /// Item → its slot.
    slot: rustc_hash::FxHashMap<u64, u32>,
    /// Slot `s` lists `items[start[s]..start[s + 1]]`.
    start: Vec<u32>,
    items: Vec<u32>,
    /// The item's position in each listed statement's set, beside `items` (at most 255:
    /// only positions below 64 are read).
    pos: Vec<u8>,
}

impl Postings {
    fn new<'a, I: ExactSizeIterator<Item = u64> + 'a>(
        sets: impl Iterator<Item = I> + Clone,
    ) -> Self {
        // Sized once (the table would otherwise grow through a rehash per doubling).
        let total: usize = sets.clone().map(|s| s.len()).sum();
        let mut slot: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
        slot.reserve(total);
        // (slot, statement) in statement order, then a counting sort into compressed rows:
        // each list comes out ascending.
        let mut hits: Vec<(u32, u32, u8)> = Vec::with_capacity(total);
        for (j, set) in sets.enumerate() {
            for (p, k) in set.enumerate() {
                let next = slot.len() as u32;
                let s = *slot.entry(k).or_insert(next);
                hits.push((s, j as u32, p.min(255) as u8));
            }
        }
        let mut start = vec![0u32; slot.len() + 1];
        for &(s, _, _) in &hits {
            start[s as usize + 1] += 1;
        }
        for s in 1..start.len() {
            start[s] += start[s - 1];
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; hits.len()];
        let mut pos = vec![0u8; hits.len()];
        for &(s, j, p) in &hits {
            items[fill[s as usize] as usize] = j;
            pos[fill[s as usize] as usize] = p;
            fill[s as usize] += 1;
        }
        Postings {
            slot,
            start,
            items,
            pos,
        }
    }

    /// `count` of the words with `SharedCounts::WORDS`, and `mark` of them into the word
    /// masks, in one pass over the postings.
    #[inline]
    fn count_and_mark(&self, set: &[u64], counts: &mut [SharedCounts]) {
        for (k, key) in set.iter().enumerate() {
            if let Some(&s) = self.slot.get(key) {
                let (lo, hi) = (
                    self.start[s as usize] as usize,
                    self.start[s as usize + 1] as usize,
                );
                let bit = 1u64.checked_shl(k as u32).unwrap_or(0);
                for (&j, &p) in self.items[lo..hi].iter().zip(&self.pos[lo..hi]) {
                    let c = &mut counts[j as usize];
                    c.0[SharedCounts::WORDS] += 1;
                    c.1.words.0 |= bit;
                    c.1.words.1 |= 1u64.checked_shl(u32::from(p)).unwrap_or(0);
                }
            }
        }
    }

    /// Sets, for every statement `j` holding item `k` of `set` (`k < 64`), bit `k` of
    /// `mask(j).0` and bit `p` of `mask(j).1`, `p` the item's position in `j`'s set (when
    /// below 64). Over a sorted, deduplicated `set` against sorted, deduplicated sets,
    /// these are `shared_bits` of each pair.
    #[inline]
    fn mark(
        &self,
        set: impl Iterator<Item = u64>,
        counts: &mut [SharedCounts],
        mask: impl Fn(&mut SharedCounts) -> &mut (u64, u64),
    ) {
        for (k, key) in set.take(64).enumerate() {
            if let Some(&s) = self.slot.get(&key) {
                let (lo, hi) = (
                    self.start[s as usize] as usize,
                    self.start[s as usize + 1] as usize,
                );
                for (&j, &p) in self.items[lo..hi].iter().zip(&self.pos[lo..hi]) {
                    let m = mask(&mut counts[j as usize]);
                    m.0 |= 1 << k;
                    m.1 |= 1u64.checked_shl(u32::from(p)).unwrap_or(0);
                }
            }
        }
    }

    /// Adds one to `counts[j][kind]` for every statement `j` holding each item of `set`.
    #[inline]
    fn count(&self, set: impl Iterator<Item = u64>, kind: usize, counts: &mut [SharedCounts]) {
        for k in set {
            if let Some(&s) = self.slot.get(&k) {
                let (lo, hi) = (self.start[s as usize], self.start[s as usize + 1]);
                let list = &self.items[lo as usize..hi as usize];
                for &j in list {
                    counts[j as usize].0[kind] += 1;
                }
            }
        }
    }
}

/// Inverted index of one side's word, bigram, trigram and character 4-gram sets: counts
/// the intersections of a statement with every statement of that side in one pass over the
/// statement's items (postings of the items it holds), instead of one merge per pair. For
/// long documents, where each statement is scored against tens of others, the merges of
/// these sets (a hundred 4-grams a side) were the largest part of `pair_features`.
/// Exact: the counts are those of the merges (each set is deduplicated).
pub struct SideIndex {
    kinds: [Postings; 4],
    /// Postings of the content stems and of the terms, for `SharedMasks`.
    sets: [Postings; 2],
    len: usize,
}

impl SideIndex {
    /// Indexes the statements of one side, in order.
    pub fn new<'a>(side: impl Iterator<Item = &'a SimFeatures> + Clone) -> Self {
        let len = side.clone().count();
        let wide = |v: &'a [u64]| v.iter().copied();
        SideIndex {
            kinds: [
                Postings::new(side.clone().map(|f| wide(&f.words))),
                Postings::new(side.clone().map(|f| wide(&f.bigrams))),
                Postings::new(side.clone().map(|f| wide(&f.trigrams))),
                Postings::new(side.clone().map(|f| f.chars.iter().map(|&c| u64::from(c)))),
            ],
            sets: [
                Postings::new(side.clone().map(|f| f.stems.iter().map(|x| x.0))),
                Postings::new(side.map(|f| f.terms.iter().map(|x| x.0))),
            ],
            len,
        }
    }

    /// The shared counts of `a` with every indexed statement: `counts[j]` for statement `j`
    /// (`counts` is cleared and resized to the side's length).
    pub fn counts(&self, a: &SimFeatures, counts: &mut Vec<SharedCounts>) {
        counts.clear();
        counts.resize(self.len, SharedCounts::default());
        let [w, bg, tg, ch] = &self.kinds;
        w.count_and_mark(&a.words, counts);
        bg.count(a.bigrams.iter().copied(), SharedCounts::BIGRAMS, counts);
        tg.count(a.trigrams.iter().copied(), SharedCounts::TRIGRAMS, counts);
        ch.count(
            a.chars.iter().map(|&c| u64::from(c)),
            SharedCounts::CHARS,
            counts,
        );
        // The masks of the stems and terms (read only when both sets have at most 64
        // items: then every bit of the pair's `shared_bits` is set here).
        let [stems, terms] = &self.sets;
        for c in counts.iter_mut() {
            c.1.known = true;
        }
        stems.mark(a.stems.iter().map(|x| x.0), counts, |c| &mut c.1.stems);
        terms.mark(a.terms.iter().map(|x| x.0), counts, |c| &mut c.1.terms);
    }
}

/// Stem overlap of a pair: the weight and number of shared stems, the largest weight left
/// unmatched on either side (at least 0) and the weights left unmatched on each.
#[derive(Clone, Copy, Debug, PartialEq)]
struct StemSums {
    wc: f32,
    nc: usize,
    un_max: f32,
    ua: f32,
    ub: f32,
}

/// Term costs and gains of a pair: the costs left unmatched on each side, the largest of
/// them (at least 0), and the sum and least (at most 0) of the shared terms' gains.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TermSums {
    ca: f32,
    cb: f32,
    c_max: f32,
    gain: f32,
    gain_min: f32,
}

/// Which items of two sorted, deduplicated sets (up to 64 items each) the other holds, as
/// bitmasks, by a merge of integer steps only.
#[inline(always)]
fn shared_bits<T>(a: &[T], b: &[T], key: impl Fn(&T) -> u64) -> (u64, u64) {
    let (mut i, mut j, mut am, mut bm) = (0, 0, 0u64, 0u64);
    while i < a.len() && j < b.len() {
        let (x, y) = (key(&a[i]), key(&b[j]));
        let eq = u64::from(x == y);
        am |= eq << i;
        bm |= eq << j;
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    (am, bm)
}

/// Calls `f` with the index of every set bit of `m`, lowest first.
#[inline(always)]
fn each_bit(mut m: u64, mut f: impl FnMut(usize)) {
    while m != 0 {
        f(m.trailing_zeros() as usize);
        m &= m - 1;
    }
}

/// The bits of the first `n` (≤ 64) items.
#[inline(always)]
fn low_bits(n: usize) -> u64 {
    if n >= 64 { !0 } else { (1u64 << n) - 1 }
}

/// `stem_sums_merge` for sets of up to 64 stems: which stems are shared first (integer
/// merge), then each sum over its items in ascending order. The same float additions in
/// the same order as the merge, minus its additions of +0.0, which change nothing (the
/// sums start at +0.0 and can never become -0.0); maxima do not depend on the order.
/// The merge's float selects compiled to branches that mispredicted about one step in
/// two (callgrind's branch simulation).
#[inline(always)]
fn stem_sums(a: &[(u64, f32)], b: &[(u64, f32)], masks: Option<(u64, u64)>) -> StemSums {
    if a.len() > 64 || b.len() > 64 {
        return stem_sums_merge(a, b);
    }
    let (am, bm) = masks.unwrap_or_else(|| shared_bits(a, b, |x| x.0));
    let mut s = StemSums {
        wc: 0.0,
        nc: am.count_ones() as usize,
        un_max: 0.0,
        ua: 0.0,
        ub: 0.0,
    };
    each_bit(am, |k| s.wc += a[k].1);
    each_bit(!am & low_bits(a.len()), |k| {
        s.ua += a[k].1;
        s.un_max = s.un_max.max(a[k].1);
    });
    each_bit(!bm & low_bits(b.len()), |k| {
        s.ub += b[k].1;
        s.un_max = s.un_max.max(b[k].1);
    });
    s
}

/// `term_sums_merge` for sets of up to 64 terms, as `stem_sums`.
#[inline(always)]
fn term_sums(a: &[(u64, f32, f32)], b: &[(u64, f32, f32)], masks: Option<(u64, u64)>) -> TermSums {
    if a.len() > 64 || b.len() > 64 {
        return term_sums_merge(a, b);
    }
    let (am, bm) = masks.unwrap_or_else(|| shared_bits(a, b, |x| x.0));
    let mut s = TermSums {
        ca: 0.0,
        cb: 0.0,
        c_max: 0.0,
        gain: 0.0,
        gain_min: 0.0,
    };
    each_bit(am, |k| {
        s.gain += a[k].2;
        s.gain_min = s.gain_min.min(a[k].2);
    });
    each_bit(!am & low_bits(a.len()), |k| {
        s.ca += a[k].1;
        s.c_max = s.c_max.max(a[k].1);
    });
    each_bit(!bm & low_bits(b.len()), |k| {
        s.cb += b[k].1;
        s.c_max = s.c_max.max(b[k].1);
    });
    s
}

/// One merge of two sorted sets, for sets of any size: the summed cost of the items only in
/// `a`, only in `b`, and the largest of those costs; `matched` sees every step's left item
/// and whether the right one equals it. Branch-free steps (a `match` on the comparison
/// mispredicted about half the time): every step does what the taken arm of the match did,
/// and the others add +0.0 or take the max/min of a value with itself, which leave a value
/// unchanged (these sums start at +0.0 and can never become -0.0, the one value adding +0.0
/// would change). `matched` must follow the same rule.
#[inline(always)]
fn merge_unmatched<T: Copy>(
    a: &[T],
    b: &[T],
    key: impl Fn(T) -> u64,
    cost: impl Fn(T) -> f32,
    mut matched: impl FnMut(T, bool),
) -> (f32, f32, f32) {
    let (mut i, mut j) = (0, 0);
    let (mut ua, mut ub, mut un_max) = (0.0f32, 0.0f32, 0.0f32);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        let (lt, gt) = (key(x) < key(y), key(x) > key(y));
        ua += pick(lt, cost(x), 0.0);
        ub += pick(gt, cost(y), 0.0);
        un_max = un_max.max(pick(lt, cost(x), pick(gt, cost(y), un_max)));
        matched(x, !(lt | gt));
        i += usize::from(!gt);
        j += usize::from(!lt);
    }
    for &x in &a[i..] {
        ua += cost(x);
        un_max = un_max.max(cost(x));
    }
    for &y in &b[j..] {
        ub += cost(y);
        un_max = un_max.max(cost(y));
    }
    (ua, ub, un_max)
}

/// `StemSums` by one merge (`merge_unmatched`), for sets of any size.
#[inline(always)]
fn stem_sums_merge(a: &[(u64, f32)], b: &[(u64, f32)]) -> StemSums {
    let (mut wc, mut nc) = (0.0f32, 0usize);
    let (ua, ub, un_max) = merge_unmatched(
        a,
        b,
        |x| x.0,
        |x| x.1,
        |x, eq| {
            wc += pick(eq, x.1, 0.0);
            nc += usize::from(eq);
        },
    );
    StemSums {
        wc,
        nc,
        un_max,
        ua,
        ub,
    }
}

/// `TermSums` by one merge (`merge_unmatched`), for sets of any size.
#[inline(always)]
fn term_sums_merge(a: &[(u64, f32, f32)], b: &[(u64, f32, f32)]) -> TermSums {
    let (mut gain, mut gain_min) = (0.0f32, 0.0f32);
    let (ca, cb, c_max) = merge_unmatched(
        a,
        b,
        |x| x.0,
        |x| x.1,
        |x, eq| {
            gain += pick(eq, x.2, 0.0);
            gain_min = gain_min.min(pick(eq, x.2, gain_min));
        },
    );
    TermSums {
        ca,
        cb,
        c_max,
        gain,
        gain_min,
    }
}

/// Words of `seq` absent from the sorted set `other`: the longest run of them (an added
/// clause shows as one long run, a rewording as scattered short ones), how many sit at the
/// start and end (a clause added before or after), and how many in all.
#[inline(always)]
fn unmatched_runs(seq: &[u64], other: &[u64]) -> (f32, f32, f32) {
    runs(seq.iter().map(|w| other.binary_search(w).is_ok()))
}

/// `unmatched_runs` from whether each word, in order, is found on the other side.
#[inline(always)]
fn runs(found: impl Iterator<Item = bool>) -> (f32, f32, f32) {
    let (mut best, mut run, mut total) = (0, 0, 0);
    let mut lead = None;
    for matched in found {
        if matched {
            lead.get_or_insert(run);
            run = 0;
        } else {
            run += 1;
            total += 1;
            best = best.max(run);
        }
    }
    let edge = lead.unwrap_or(run) + if lead.is_some() { run } else { 0 };
    (best as f32, edge as f32, total as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use proptest::prelude::*;

    /// The 4-grams of ASCII text character by character through `Grams`, comparison-sorted:
    /// what `char_ngrams` computed before its byte path and its bucket pass.
    fn reference_ngrams(text: &str) -> Vec<u32> {
        let mut g = Grams {
            last: [0; 3],
            seen: 0,
            space: false,
            out: Vec::new(),
        };
        g.push(' ');
        for &b in text.as_bytes() {
            g.step(char::from(b.to_ascii_lowercase()));
        }
        if !g.space {
            g.push(' ');
        }
        let mut v = g.out;
        v.sort_unstable();
        v.dedup();
        v
    }

    proptest! {
        #[test]
        fn ascii_ngrams_are_the_character_path(text in "[ -~]{0,300}") {
            prop_assert_eq!(char_ngrams(&text), reference_ngrams(&text));
        }

        /// Spread hashes, crowded buckets (small values all share the first bucket) and
        /// repeats: the same set as a comparison sort.
        #[test]
        fn sorted_set_is_sort_and_dedup(
            v in prop::collection::vec(prop_oneof![any::<u32>(), 0u32..64], 0..600)
        ) {
            let mut want = v.clone();
            want.sort_unstable();
            want.dedup();
            prop_assert_eq!(sorted_set(v), want);
        }
    }

    fn f(a: &str, b: &str) -> [f32; PAIR_FEATURES] {
        pair_features(&Profile::new(a).sim, &Profile::new(b).sim)
    }

    #[test]
    fn symmetric_and_bounded_for_identity() {
        let a = "Rubio urged al-Sudani to disarm 3 militias.";
        let b = "Al-Sudani told Rubio the militias would not disarm.";
        assert_eq!(f(a, b), f(b, a));
        let same = f(a, a);
        assert_eq!(same[0], 1.0);
        assert_eq!(same[8], 1.0);
        assert_eq!(same[10], 1.0);
        assert_eq!(same[16], 0.0);
        assert_eq!(f(a, b)[21], 1.0, "negation differs");
    }

    #[test]
    fn portable_and_feature_specific_builds_agree() {
        // `pair_features` may run a copy compiled for AVX2 and the bit instructions; the
        // portable one must give the same bits.
        let texts = [
            "Rubio urged al-Sudani to disarm 3 militias on Tuesday, officials said.",
            "Al-Sudani told Rubio the militias would not disarm, according to officials.",
            "Flights resumed at Erbil airport.",
            "",
        ];
        for a in texts {
            for b in texts {
                let (p, q) = (Profile::new(a), Profile::new(b));
                assert_eq!(
                    pair_features(&p.sim, &q.sim).map(f32::to_bits),
                    pair_features_in(&p.sim, &q.sim, None).map(f32::to_bits),
                    "{a} / {b}"
                );
            }
        }
    }

    #[test]
    fn side_index_counts_are_the_merges() {
        // Repeated words and phrases, so that postings run long and sets overlap a lot.
        let texts = [
            "Rubio urged al-Sudani to disarm 3 militias on Tuesday, officials said.",
            "Al-Sudani told Rubio the militias would not disarm, according to officials.",
            "Officials said the militias would disarm on Tuesday.",
            "Flights resumed at Erbil airport.",
            "",
            "the the the said said said officials officials",
            "Rubio urged al-Sudani to disarm 3 militias on Tuesday, officials said.",
        ];
        let profiles: Vec<Profile> = texts.iter().map(|t| Profile::new(t)).collect();
        let index = SideIndex::new(profiles.iter().rev().map(|p| &p.sim));
        let mut counts = Vec::new();
        for a in &profiles {
            index.counts(&a.sim, &mut counts);
            assert_eq!(counts.len(), profiles.len());
            for (b, c) in profiles.iter().rev().zip(&counts) {
                let (a, b) = (&a.sim, &b.sim);
                let want = [
                    common(&a.words, &b.words),
                    common(&a.bigrams, &b.bigrams),
                    common(&a.trigrams, &b.trigrams),
                    common(&a.chars, &b.chars),
                ];
                assert_eq!(c.0.map(|n| n as usize), want);
                assert_eq!(
                    pair_features_counted(a, b, c).map(f32::to_bits),
                    pair_features(a, b).map(f32::to_bits)
                );
            }
        }
    }

    #[test]
    fn masked_sums_are_the_merges() {
        // Weights, costs and gains as the shipped tables hold them: positive weights,
        // costs and gains of either sign or 0, rounded to four decimals.
        let mut x: u64 = 0x9e3779b97f4a7c15;
        let mut next = |k: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % k
        };
        for round in 0..4000u64 {
            let k = 8 + (round % 13) * 12;
            let mut sets = [Vec::new(), Vec::new()];
            for (side, n) in [(0, round % 70), (1, (round / 7) % 70)] {
                let mut keys: Vec<u64> = (0..n).map(|_| next(k) << 40).collect();
                keys.sort_unstable();
                keys.dedup();
                sets[side] = keys
                    .into_iter()
                    .map(|key| {
                        let mut v = [0.0f32; 3];
                        for (i, v) in v.iter_mut().enumerate() {
                            let m = if next(4) == 0 {
                                0.0
                            } else {
                                next(60_000) as f32
                            };
                            let sign = if i > 0 && next(2) == 0 { -1.0 } else { 1.0 };
                            *v = round4(sign * m / 10_000.0);
                        }
                        (key, 1.0 + v[0], v[1], v[2])
                    })
                    .collect::<Vec<_>>();
            }
            let stems = |s: &[(u64, f32, f32, f32)]| -> Vec<(u64, f32)> {
                s.iter().map(|x| (x.0, x.1)).collect()
            };
            let terms = |s: &[(u64, f32, f32, f32)]| -> Vec<(u64, f32, f32)> {
                s.iter().map(|x| (x.0, x.2, x.3)).collect()
            };
            let (sa, sb) = (stems(&sets[0]), stems(&sets[1]));
            let (ta, tb) = (terms(&sets[0]), terms(&sets[1]));
            let bits = |s: StemSums| (s.nc, [s.wc, s.un_max, s.ua, s.ub].map(f32::to_bits));
            assert_eq!(
                bits(stem_sums(&sa, &sb, None)),
                bits(stem_sums_merge(&sa, &sb))
            );
            let bits = |s: TermSums| [s.ca, s.cb, s.c_max, s.gain, s.gain_min].map(f32::to_bits);
            assert_eq!(
                bits(term_sums(&ta, &tb, None)),
                bits(term_sums_merge(&ta, &tb))
            );
        }
    }

    /// The rolling one-row LCS table the bitmasks replace (same truncation).
    fn lcs_table(a: &[u64], b: &[u64]) -> usize {
        if a.is_empty() || b.is_empty() {
            return 0;
        }
        let mut row = [0u16; 128];
        let b = &b[..b.len().min(SEQ_B)];
        for &x in a.iter().take(SEQ_A) {
            let mut diag = 0u16;
            for (j, &y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
                diag = up;
            }
        }
        row[b.len()] as usize
    }

    /// The longest-common-substring table the bitmasks replace (same truncation).
    fn substring_table(a: &[u64], b: &[u64]) -> usize {
        let mut row = [0u16; 128];
        let b = &b[..b.len().min(SEQ_B)];
        let mut best = 0;
        for &x in a.iter().take(SEQ_A) {
            for j in (0..b.len()).rev() {
                row[j + 1] = if x == b[j] { row[j] + 1 } else { 0 };
                best = best.max(row[j + 1]);
            }
        }
        best as usize
    }

    #[test]
    fn bitmask_lcs_and_substring_equal_the_tables() {
        // Small alphabets make long common runs; lengths cross both truncations.
        let mut x: u64 = 0x9e3779b97f4a7c15;
        let mut next = |k: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % k
        };
        for round in 0..600 {
            let (la, lb) = (next(300) as usize, next(160) as usize);
            let (la, lb) = if round % 2 == 0 {
                (la % 40, lb % 40)
            } else {
                (la, lb)
            };
            let k = 2 + (round % 9) as u64;
            let a: Vec<u64> = (0..la).map(|_| next(k)).collect();
            let b: Vec<u64> = (0..lb).map(|_| next(k)).collect();
            let (sa, sb) = (sorted_positions(&a), sorted_positions(&b));
            let (l, sub) = with_masks(&sa, &sb, a.len(), |m| {
                (lcs_masks(m, b.len()), substring_masks(m))
            });
            assert_eq!(l, lcs_table(&a, &b), "lcs {a:?} {b:?}");
            assert_eq!(sub, substring_table(&a, &b), "substring {a:?} {b:?}");
        }
    }

    #[test]
    fn bucketed_sort_sorts_and_deduplicates() {
        let mut x: u64 = 0x853c49e6748fea9b;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u32
        };
        for n in [
            0usize, 1, 5, 31, 32, 33, 100, 127, 128, 129, 1000, 5000, 20_000,
        ] {
            for spread in [u32::MAX, 0xffff, 7, 0] {
                // Even hashes, then narrow ranges: every item in a few buckets.
                let v: Vec<u32> = (0..n)
                    .map(|_| {
                        if spread == u32::MAX {
                            next()
                        } else {
                            next() % (spread + 1)
                        }
                    })
                    .collect();
                let mut want = v.clone();
                want.sort_unstable();
                want.dedup();
                assert_eq!(sorted_set(v), want, "n {n} spread {spread}");
            }
        }
    }

    #[test]
    fn block_intersection_counts_as_the_merge() {
        let mut x: u64 = 0x2545f4914f6cdd1d;
        let mut next = |k: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % k
        };
        for round in 0..2000 {
            let k = 4 + (round % 50) * 8;
            let mut set = |n: u64| {
                let mut v: Vec<u32> = (0..n).map(|_| next(k) as u32).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let (a, b) = (set(round % 40), set((round / 40) % 60));
            assert_eq!(common_blocks(&a, &b), common(&a, &b), "{a:?} {b:?}");
            // The word, bigram and trigram sets are `u64`.
            let (a, b): (Vec<u64>, Vec<u64>) = (
                a.iter().map(|&x| u64::from(x) << 20).collect(),
                b.iter().map(|&x| u64::from(x) << 20).collect(),
            );
            assert_eq!(common_blocks(&a, &b), common(&a, &b), "{a:?} {b:?}");
        }
    }

    #[test]
    fn lcs_counts_in_order_matches() {
        let lcs = |a: &[u32], b: &[u32]| {
            with_masks(&sorted_positions(a), &sorted_positions(b), a.len(), |m| {
                lcs_masks(m, b.len())
            })
        };
        assert_eq!(lcs(&[1, 2, 3, 4], &[1, 3, 4, 2]), 3);
        assert_eq!(lcs(&[], &[1]), 0);
        assert_eq!(lcs(&[1], &[]), 0);
    }

    #[test]
    fn in_place_term_values_give_the_json_model_values() {
        let json =
            crate::align::model::Model::from_json(include_str!("../align/model.json")).unwrap();
        let w = &json.weights;
        let values = term_values(crate::align::model::Model::shipped().weights());
        let stems = w.idf.keys().chain(w.cost.keys()).chain(w.gain.keys());
        let mut n = 0;
        for s in stems
            .map(String::as_str)
            .chain(["", "zzunseenzz", "said", "not"])
        {
            let want = [w.weight(s), w.cost(s), w.gain(s)];
            assert_eq!(values(s).map(f32::to_bits), want.map(f32::to_bits), "{s}");
            n += 1;
        }
        assert!(n > 1000, "the shipped tables are read: {n}");
    }

    #[test]
    fn cached_shipped_term_indices_give_the_lookups_values() {
        // The shipped weights read each token's cached table index; a clone of them holds
        // ordinary maps and looks every stem up: the same features either way.
        let shipped = crate::align::model::Model::shipped().weights();
        let cloned = shipped.clone();
        for text in [
            "Rubio urged al-Sudani to disarm 3 militias on Tuesday, officials said.",
            "The zzunseenzz word and the stems of sayings, saying, said.",
            "",
        ] {
            let a = Profile::with_weights(text, shipped).sim;
            let b = Profile::with_weights(text, &cloned).sim;
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                serde_json::to_string(&b).unwrap(),
                "{text}"
            );
        }
    }

    #[test]
    fn idf_is_higher_for_rarer_stems() {
        let w = TermWeights::fit(
            vec![
                vec!["said".to_string(), "iraq".to_string()],
                vec!["said".to_string()],
                vec!["said".to_string(), "iraq".to_string()],
            ],
            1,
        );
        assert!(w.weight("iraq") > w.weight("said"));
        assert_eq!(w.weight("unseen"), w.default);
    }
}
