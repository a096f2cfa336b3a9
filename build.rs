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
//! - `model.{idf,cost,gain}.keys`: the stems of a term table, sorted, end to end;
//! - `model.{idf,cost,gain}.lens`: their lengths in bytes, one byte each;
//! - `model.{idf,cost,gain}.vals`: their values' bits, little-endian, in the same order.

use std::path::Path;

use serde_json::Value;

// The built-in lexicon's compact form (build/lexicon.rs).
#[path = "build/lexicon.rs"]
mod lexicon;

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

    for table in ["idf", "cost", "gain"] {
        // serde_json's map is sorted by key, as the model's `BTreeMap`s are.
        let empty = serde_json::Map::new();
        let map = w.get(table).and_then(Value::as_object).unwrap_or(&empty);
        let mut keys = String::new();
        let mut lens = Vec::new();
        let mut vals = Vec::new();
        for (k, v) in map {
            keys.push_str(k);
            lens.push(u8::try_from(k.len()).expect("a stem shorter than 256 bytes"));
            vals.push(f(v));
        }
        write(out, &format!("model.{table}.keys"), keys.as_bytes());
        write(out, &format!("model.{table}.lens"), &lens);
        write(out, &format!("model.{table}.vals"), &le(&vals));
    }
}

fn le(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("OUT_DIR is writable");
}
