//! Word → Snowball stem for the likely inflections of the shipped model's stems, computed
//! here with the very `rust_stemmers` stemmer the tokenizer calls (`profile::tokens::stem`),
//! so that profiling looks most first-seen words up instead of running the stemmer (3,600
//! instructions a word, a fifth of profiling a 5,000-word article, docs/performance.md).
//! Every entry is the stemmer's own answer for its word, so the table can only save work:
//! a word not in it is stemmed as before.
//!
//! Writes `stems.keys` (the words end to end, sorted), `stems.stems` (the distinct stems
//! end to end, sorted) and `stems.rs`: `STEM_WORD_ENDS` and `STEM_ENDS` (end offsets),
//! `STEM_OF` (each word's stem, an index into the stems) and `STEM_SLOTS` (FNV-1a, linear
//! probing, `u32::MAX` = empty, load ≤ 3/4), read in place by `profile::tokens`.

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
    // The stems once each (a few per thousand words), each word with its stem's index.
    let used: BTreeSet<&str> = table.values().map(String::as_str).collect();
    let index: BTreeMap<&str, usize> = used.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    assert!(
        used.len() <= usize::from(u16::MAX),
        "stem indices fit 16 bits"
    );
    let (mut keys, mut key_ends, mut stem_of) = (String::new(), String::new(), String::new());
    for (k, v) in &table {
        keys.push_str(k);
        key_ends.push_str(&format!("{},", keys.len()));
        stem_of.push_str(&format!("{},", index[v.as_str()]));
    }
    let (mut vals, mut val_ends) = (String::new(), String::new());
    for v in &used {
        vals.push_str(v);
        val_ends.push_str(&format!("{},", vals.len()));
    }
    let (n, m) = (table.len(), used.len());
    // Linear probing at a load of at most 3/4: one probe or two per lookup.
    let size = (n * 4 / 3 + 1).next_power_of_two();
    let slots = super::hash_slots(table.keys().map(|k| k.as_str()), size);
    super::write(out, "stems.keys", keys.as_bytes());
    super::write(out, "stems.stems", vals.as_bytes());
    let rs = format!(
        "pub static STEM_WORD_ENDS: [u32; {n}] = [{key_ends}];\n\
         pub static STEM_OF: [u16; {n}] = [{stem_of}];\n\
         pub static STEM_ENDS: [u32; {m}] = [{val_ends}];\n\
         pub static STEM_SLOTS: [u32; {size}] = [{slots}];\n"
    );
    super::write(out, "stems.rs", rs.as_bytes());
}
