//! Word → Snowball stem for the likely inflections of the shipped model's stems, computed
//! here with the very `rust_stemmers` stemmer the tokenizer calls (`profile::tokens::stem`),
//! so that profiling looks most first-seen words up instead of running the stemmer (3,600
//! instructions a word, a fifth of profiling a 5,000-word article, docs/performance.md).
//! Every entry is the stemmer's own answer for its word, so the table can only save work:
//! a word not in it is stemmed as before.
//!
//! Writes `stems.keys` (the words end to end, sorted), `stems.stems` (their stems end to
//! end, same order) and `stems.rs`: `STEM_WORD_ENDS`, `STEM_ENDS` (end offsets) and
//! `STEM_SLOTS` (FNV-1a, linear probing, `u32::MAX` = empty, load ≤ 1/2), read in place by
//! `profile::tokens`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_stemmers::{Algorithm, Stemmer};

/// Endings tried on every stem: the regular inflections and the commonest derivations.
const ENDINGS: &[&str] = &[
    "", "s", "e", "es", "ed", "d", "ing", "er", "ers", "ly", "ion", "ions", "ment", "ments", "al",
    "y", "ity", "ies", "ied", "ive", "ist", "ists", "ism", "ic", "ence", "ance", "ent", "ant",
    "ness", "ful", "ation", "ations", "ate", "ated", "ates",
];

/// Writes the table for the stems `stems` (the shipped model's term stems).
pub fn write(out: &Path, stems: &BTreeSet<String>) {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut table: BTreeMap<String, String> = BTreeMap::new();
    // Kept when it stems to the stem it was made from: real inflections, few accidents.
    let try_word = |w: String, from: &str, table: &mut BTreeMap<String, String>| {
        if !table.contains_key(&w) && stemmer.stem(&w) == from {
            table.insert(w, from.to_string());
        }
    };
    for s in stems {
        if s.len() < 2 || !s.bytes().all(|b| b.is_ascii_lowercase()) {
            continue;
        }
        let mut bases = vec![s.clone()];
        let last = s.as_bytes()[s.len() - 1];
        // "happi" ← "happy", "happier"; "make" ← "making"; "stop" ← "stopped".
        if last == b'i' || last == b'e' {
            bases.push(s[..s.len() - 1].to_string());
        }
        if !b"aeiouy".contains(&last) {
            bases.push(format!("{s}{}", char::from(last)));
        }
        for b in &bases {
            for e in ENDINGS {
                try_word(format!("{b}{e}"), s, &mut table);
            }
        }
    }
    let (mut keys, mut vals) = (String::new(), String::new());
    let (mut key_ends, mut val_ends) = (String::new(), String::new());
    for (k, v) in &table {
        keys.push_str(k);
        vals.push_str(v);
        key_ends.push_str(&format!("{},", keys.len()));
        val_ends.push_str(&format!("{},", vals.len()));
    }
    let n = table.len();
    let size = (2 * n).next_power_of_two().max(2);
    let mut slot = vec![u32::MAX; size];
    for (i, k) in table.keys().enumerate() {
        let mut at = super::term_hash(k) as usize & (size - 1);
        while slot[at] != u32::MAX {
            at = (at + 1) & (size - 1);
        }
        slot[at] = i as u32;
    }
    let slots: String = slot.iter().map(|s| format!("{s},")).collect();
    super::write(out, "stems.keys", keys.as_bytes());
    super::write(out, "stems.stems", vals.as_bytes());
    let rs = format!(
        "pub static STEM_WORD_ENDS: [u32; {n}] = [{key_ends}];\n\
         pub static STEM_ENDS: [u32; {n}] = [{val_ends}];\n\
         pub static STEM_SLOTS: [u32; {size}] = [{slots}];\n"
    );
    super::write(out, "stems.rs", rs.as_bytes());
}
