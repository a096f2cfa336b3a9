//! Converts the shipped alignment model (`src/align/model.json`, written by the trainer and
//! the source of truth) into a compact form the binary decodes without a JSON parse:
//! parsing 340 kB of JSON and 17,000 term weights was most of the start-up of every run
//! (`docs/performance.md`). `align::model::Model::shipped` reads these files; a test checks
//! that they give the same model as `Model::from_json` of the JSON.
//!
//! Files written to `OUT_DIR`:
//! - `model.head`: provenance, then the feature names, one per line (`\n`-separated);
//! - `model.num`: little-endian words: threshold, base and default bits, the tree count,
//!   then per tree its internal-node count `n`, `n` feature indices, `n` split bits, its
//!   leaf count and the leaf bits (each one word);
//! - `model.terms.keys`: the stems of the three term tables (idf, cost, gain) merged,
//!   sorted bytewise (as a `BTreeMap<String, _>` orders them), end to end;
//! - `model.terms.rs`: static arrays read in place by `features::StaticTerms` (no
//!   per-process construction of 17,000 strings): `TERM_ENDS` (end offset of each stem in
//!   the keys), `TERM_VALS` (the bits of its idf, cost and gain, 0 where absent) and
//!   `TERM_HAS` (bit `t` set when the stem is in table `t`), and `TERM_SLOTS`, a hash table
//!   (FNV-1a, linear probing, `u32::MAX` = empty) of the stems' indices.

use std::path::Path;

use serde_json::Value;

// The built-in lexicon's compact form (build/lexicon.rs).
#[path = "build/lexicon.rs"]
mod lexicon;
// The word → stem table of the model's stems' inflections (build/stems.rs).
#[path = "build/stems.rs"]
mod stems;

fn main() {
    println!("cargo::rerun-if-changed=src/align/model.json");
    println!("cargo::rerun-if-changed=build.rs");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    lexicon::write(out);
    let text = std::fs::read_to_string("src/align/model.json").expect("src/align/model.json");
    let m: Value = serde_json::from_str(&text).expect("src/align/model.json is JSON");
    // Numbers are read as serde_json reads an `f32` field: the parsed `f64`, rounded.
    let f = |v: &Value| (v.as_f64().expect("a number") as f32).to_bits();

    let provenance = m["provenance"].as_str().expect("provenance");
    assert!(!provenance.contains('\n'), "one-line provenance");
    let mut head = provenance.to_string();
    for name in m["features"].as_array().expect("features") {
        head.push('\n');
        head.push_str(name.as_str().expect("a feature name"));
    }
    write(out, "model.head", head.as_bytes());

    let w = &m["weights"];
    let mut num: Vec<u32> = vec![f(&m["threshold"]), f(&m["base"]), f(&w["default"])];
    let trees = m["trees"].as_array().expect("trees");
    num.push(trees.len() as u32);
    for t in trees {
        let list = |k: &str| t[k].as_array().expect("a tree list").clone();
        let (feature, split, leaf) = (list("feature"), list("split"), list("leaf"));
        num.push(feature.len() as u32);
        num.extend(
            feature
                .iter()
                .map(|v| v.as_u64().expect("a feature index") as u32),
        );
        assert_eq!(split.len(), feature.len(), "malformed tree");
        num.extend(split.iter().map(f));
        num.push(leaf.len() as u32);
        num.extend(leaf.iter().map(f));
    }
    write(out, "model.num", &le(&num));

    // serde_json's map is sorted by key, as the model's `BTreeMap`s are; merged here.
    let empty = serde_json::Map::new();
    let mut terms: std::collections::BTreeMap<&str, (u8, [u32; 3])> = Default::default();
    for (t, table) in ["idf", "cost", "gain"].into_iter().enumerate() {
        let map = w.get(table).and_then(Value::as_object).unwrap_or(&empty);
        for (k, v) in map {
            let e = terms.entry(k.as_str()).or_default();
            e.0 |= 1 << t;
            e.1[t] = f(v);
        }
    }
    let mut keys = String::new();
    let (mut ends, mut vals, mut has) = (String::new(), String::new(), String::new());
    for (k, (mask, v)) in &terms {
        keys.push_str(k);
        ends.push_str(&format!("{},", keys.len()));
        vals.push_str(&format!("[{:#x},{:#x},{:#x}],", v[0], v[1], v[2]));
        has.push_str(&format!("{mask},"));
    }
    let n = terms.len();
    // Load ≤ 1/2.
    let size = (2 * n).next_power_of_two().max(2);
    let slots = hash_slots(terms.keys().copied(), size);
    write(out, "model.terms.keys", keys.as_bytes());
    let rs = format!(
        "pub static TERM_ENDS: [u32; {n}] = [{ends}];\n\
         pub static TERM_VALS: [[u32; 3]; {n}] = [{vals}];\n\
         pub static TERM_HAS: [u8; {n}] = [{has}];\n\
         pub static TERM_SLOTS: [u32; {size}] = [{slots}];\n"
    );
    write(out, "model.terms.rs", rs.as_bytes());
    println!("cargo::rerun-if-changed=build/stems.rs");
    stems::write(out, &terms.keys().map(|k| k.to_string()).collect());
}

/// The slots of an open-addressing table over `keys` (FNV-1a, `term_hash`; linear probing;
/// `u32::MAX` = empty; `size` a power of two above the key count), as Rust array items:
/// what `features::probe` reads.
fn hash_slots<'a>(keys: impl Iterator<Item = &'a str>, size: usize) -> String {
    let mut slot = vec![u32::MAX; size];
    for (i, k) in keys.enumerate() {
        let mut at = term_hash(k) as usize & (size - 1);
        while slot[at] != u32::MAX {
            at = (at + 1) & (size - 1);
        }
        slot[at] = i as u32;
    }
    slot.iter().map(|s| format!("{s},")).collect()
}

/// FNV-1a over the stem's bytes: the same function as `features::term_hash`.
fn term_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn le(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("OUT_DIR is writable");
}
