//! The optional sentence encoder (cargo feature `semantic`) on a tiny model generated here:
//! a 2-layer, 8-dimension BERT with random weights and a 20-word WordPiece vocabulary, written
//! as `config.json`, `tokenizer.json` and `model.safetensors` into a temporary folder. The
//! real model (all-MiniLM-L6-v2, 90 MB) is never part of the repository.
#![cfg(feature = "semantic")]

use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::{VarBuilder, VarMap};
use candle_transformers::models::bert::{BertModel, Config};
use parallax::semantic::embed::{from_bf16, normalise, to_bf16};
use parallax::semantic::model::{SEMANTIC_FEATURES, cosine, semantic_features};
use parallax::semantic::tokens::{
    TOKEN_FEATURES, TokenSet, TokenSpace, is_content_piece, token_feature_names, token_features,
};
use parallax::semantic::{Embedder, EmbeddingCache, Prepared};

const WORDS: [&str; 16] = [
    "the", "minister", "spoke", "with", "rubio", "on", "tuesday", "flights", "resumed", "at",
    "airport", "monday", ".", "will", "not", "##s",
];

fn config() -> Config {
    serde_json::from_str(
        r#"{"vocab_size": 20, "hidden_size": 8, "num_hidden_layers": 2,
            "num_attention_heads": 2, "intermediate_size": 16, "hidden_act": "gelu",
            "hidden_dropout_prob": 0.1, "max_position_embeddings": 32, "type_vocab_size": 2,
            "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0,
            "classifier_dropout": null, "model_type": "bert"}"#,
    )
    .unwrap()
}

fn tokenizer_json() -> String {
    let mut vocab = vec![
        r#""[PAD]": 0"#.to_string(),
        r#""[UNK]": 1"#.to_string(),
        r#""[CLS]": 2"#.to_string(),
        r#""[SEP]": 3"#.to_string(),
    ];
    for (i, w) in WORDS.iter().enumerate() {
        vocab.push(format!("\"{w}\": {}", i + 4));
    }
    let special = |id: usize, s: &str| {
        format!(
            r#"{{"id": {id}, "special": true, "content": "{s}", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false}}"#
        )
    };
    format!(
        r###"{{"version": "1.0", "truncation": null,
  "padding": {{"strategy": {{"Fixed": 16}}, "direction": "Right", "pad_to_multiple_of": null, "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"}},
  "added_tokens": [{}, {}, {}, {}],
  "normalizer": {{"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true}},
  "pre_tokenizer": {{"type": "BertPreTokenizer"}},
  "post_processor": {{"type": "TemplateProcessing",
    "single": [{{"SpecialToken": {{"id": "[CLS]", "type_id": 0}}}}, {{"Sequence": {{"id": "A", "type_id": 0}}}}, {{"SpecialToken": {{"id": "[SEP]", "type_id": 0}}}}],
    "pair": [{{"SpecialToken": {{"id": "[CLS]", "type_id": 0}}}}, {{"Sequence": {{"id": "A", "type_id": 0}}}}, {{"SpecialToken": {{"id": "[SEP]", "type_id": 0}}}}, {{"Sequence": {{"id": "B", "type_id": 1}}}}, {{"SpecialToken": {{"id": "[SEP]", "type_id": 1}}}}],
    "special_tokens": {{"[CLS]": {{"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]}}, "[SEP]": {{"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}}}}},
  "decoder": {{"type": "WordPiece", "prefix": "##", "cleanup": true}},
  "model": {{"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100, "vocab": {{{}}}}}}}"###,
        special(0, "[PAD]"),
        special(1, "[UNK]"),
        special(2, "[CLS]"),
        special(3, "[SEP]"),
        vocab.join(", ")
    )
}

/// Writes a tiny model folder (random weights: every check below holds for any weights).
fn fixture(dir: &Path) {
    let config = config();
    let varmap = VarMap::new();
    let vb = VarBuilder::from_varmap(&varmap, DType::F32, &Device::Cpu);
    BertModel::load(vb, &config).unwrap();
    varmap.save(dir.join("model.safetensors")).unwrap();
    std::fs::write(
        dir.join("config.json"),
        r#"{"vocab_size": 20, "hidden_size": 8, "num_hidden_layers": 2, "num_attention_heads": 2,
            "intermediate_size": 16, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
            "max_position_embeddings": 32, "type_vocab_size": 2, "initializer_range": 0.02,
            "layer_norm_eps": 1e-12, "pad_token_id": 0, "model_type": "bert"}"#,
    )
    .unwrap();
    std::fs::write(dir.join("tokenizer.json"), tokenizer_json()).unwrap();
}

/// The reference: the last layer of the same weights, averaged over the word pieces by hand.
fn reference(dir: &Path, ids: &[u32]) -> Vec<f32> {
    let hidden = last_layer(dir, ids);
    let mut mean = vec![0.0f32; hidden[0].len()];
    for row in &hidden {
        for (m, x) in mean.iter_mut().zip(row) {
            *m += x / hidden.len() as f32;
        }
    }
    normalise(mean)
}

/// The last layer of the same weights at every word piece.
fn last_layer(dir: &Path, ids: &[u32]) -> Vec<Vec<f32>> {
    let device = Device::Cpu;
    let tensors = candle_core::safetensors::load(dir.join("model.safetensors"), &device).unwrap();
    let model = BertModel::load(
        VarBuilder::from_tensors(tensors, DType::F32, &device),
        &config(),
    )
    .unwrap();
    let t = Tensor::new(ids, &device).unwrap().unsqueeze(0).unwrap();
    let hidden: Vec<Vec<f32>> = model
        .forward(&t, &t.zeros_like().unwrap(), None)
        .unwrap()
        .squeeze(0)
        .unwrap()
        .to_vec2()
        .unwrap();
    hidden
}

fn close(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-5)
}

#[test]
fn vectors_are_mean_pooled_unit_vectors_of_the_model() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let e = Embedder::load(dir.path()).unwrap();
    assert_eq!(e.dim(), 8);
    let texts = [
        "The minister spoke with Rubio on Tuesday.",
        "Flights resumed at the airport on Monday.",
        "The minister will not spoke.",
        "The minister spoke with Rubio on Tuesday.",
        "Unknown words here",
    ];
    let v = e.embed(&texts).unwrap();
    assert_eq!(v.len(), texts.len());
    for x in &v {
        let norm: f32 = x.iter().map(|a| a * a).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5, "unit length: {norm}");
    }
    // "[CLS] the minister spoke with rubio on tuesday . [SEP]": lower-cased, split off the
    // full stop, no padding (the tokenizer file asks for 16; the loader turns it off).
    let ids = [2, 4, 5, 6, 7, 8, 9, 10, 16, 3];
    assert!(close(&v[0], &reference(dir.path(), &ids)));
    assert_eq!(v[0], v[3], "same text, same vector");
    assert!(cosine(&v[0], &v[3]) > 0.9999);
    // One at a time gives what a batch gives.
    let alone = e.embed(&[texts[1]]).unwrap();
    assert!(close(&alone[0], &v[1]));
    assert!(e.embed(&[]).unwrap().is_empty());
}

#[test]
fn word_piece_vectors_are_the_last_layer_rounded_to_bfloat16() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let e = Embedder::load(dir.path()).unwrap();
    let enc = e
        .encode(&[
            "The minister spoke with Rubio on Tuesday.",
            "Flights resumed.",
        ])
        .unwrap();
    let ids = [2, 4, 5, 6, 7, 8, 9, 10, 16, 3];
    assert_eq!(enc[0].tokens.ids, ids);
    assert_eq!(
        enc[0].sentence,
        e.embed(&["The minister spoke with Rubio on Tuesday."])
            .unwrap()[0]
    );
    let hidden = last_layer(dir.path(), &ids);
    for (i, row) in hidden.iter().enumerate() {
        let got: Vec<f32> = enc[0].tokens.row(i, 8).collect();
        for (g, x) in got.iter().zip(row) {
            // bfloat16 keeps 8 significant bits: relative error at most 2^-9 (plus the
            // float noise of a different batch).
            assert!((g - x).abs() <= x.abs() / 256.0 + 1e-5, "{g} vs {x}");
        }
    }
    // [CLS], [SEP] and the full stop carry no content; "the", "with", "on" are stop words.
    let mask = e.content_mask(&enc[0].tokens.ids);
    let kept: Vec<u32> = ids
        .iter()
        .zip(&mask)
        .filter(|(_, m)| **m)
        .map(|(i, _)| *i)
        .collect();
    assert_eq!(kept, [5, 6, 8, 10], "minister spoke rubio tuesday");
}

#[test]
fn bfloat16_rounds_to_nearest() {
    for x in [0.0f32, 1.0, -2.5, 1e-3, 123.456, -7.0e5] {
        let y = from_bf16(to_bf16(x));
        assert!((y - x).abs() <= x.abs() / 256.0, "{x} -> {y}");
    }
    // 1 + 2^-8 is halfway between two bfloat16 values: ties go to the even one (1.0).
    assert_eq!(from_bf16(to_bf16(1.0 + 1.0 / 256.0)), 1.0);
    assert_eq!(from_bf16(to_bf16(1.0 + 3.0 / 512.0)), 1.0 + 1.0 / 128.0);
}

#[test]
fn content_pieces_are_words_that_are_not_stop_words() {
    for p in ["minister", "##s", "2003", "##ing", "rubio"] {
        assert!(is_content_piece(p), "{p}");
    }
    for p in ["[CLS]", "[SEP]", "the", "with", ".", ",", "##.", "\"\""] {
        assert!(!is_content_piece(p), "{p}");
    }
}

/// A token set from raw rows (normalised here).
fn set(rows: &[[f32; 3]], idf: &[f32]) -> TokenSet {
    TokenSet {
        dims: 3,
        rows: rows.iter().flat_map(|r| normalise(r.to_vec())).collect(),
        idf: idf.to_vec(),
    }
}

fn feature(x: &[f32; TOKEN_FEATURES], name: &str) -> f32 {
    let i = token_feature_names()
        .iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("{name}"));
    x[i]
}

#[test]
fn token_alignment_sees_a_piece_the_other_side_lacks() {
    let a = set(&[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], &[1.0, 2.0]);
    let same = token_features(&a, &a);
    assert!((feature(&same, "token_mean_min") - 1.0).abs() < 1e-6);
    assert!((feature(&same, "token_f") - 1.0).abs() < 1e-6);
    assert_eq!(feature(&same, "token_below_0.7_max"), 0.0);
    // b says what a says plus a third, unrelated piece (orthogonal to both).
    let b = set(
        &[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]],
        &[2.0, 1.0, 4.0],
    );
    let x = token_features(&a, &b);
    assert!(
        (feature(&x, "token_worst_max") - 1.0).abs() < 1e-6,
        "a is covered"
    );
    assert!(
        feature(&x, "token_worst_min").abs() < 1e-6,
        "b's extra piece is not"
    );
    assert_eq!(feature(&x, "token_below_0.4_max"), 1.0);
    assert_eq!(feature(&x, "token_below_0.4_min"), 0.0);
    assert!((feature(&x, "token_idf_below_0.5_max") - 4.0).abs() < 1e-6);
    assert!((feature(&x, "token_mean_min") - 2.0 / 3.0).abs() < 1e-6);
    assert!((feature(&x, "token_idf_mean_min") - 3.0 / 7.0).abs() < 1e-6);
    // Symmetric: the order of the statements does not matter.
    assert_eq!(x, token_features(&b, &a));
    // Nothing on one side: nothing covered, no panic.
    let none = TokenSet {
        dims: 3,
        ..TokenSet::default()
    };
    let y = token_features(&a, &none);
    assert_eq!(feature(&y, "token_mean_max"), 0.0);
}

#[test]
fn token_space_projects_onto_the_main_directions() {
    // Pieces spread along x and y, barely along z: a 2-dimension space keeps x and y.
    let mut vectors = Vec::new();
    let mut ids = Vec::new();
    for i in 0..40u32 {
        let t = i as f32;
        let v = [
            (t * 0.7).sin() * 3.0 + 1.0,
            (t * 1.3).cos() * 2.0,
            (t * 0.3).sin() * 0.01,
        ];
        vectors.extend(v.iter().map(|&x| to_bf16(x)));
        ids.push(i % 5);
    }
    let tokens = parallax::semantic::embed::TokenVectors { ids, vectors };
    let content = vec![true; 40];
    let space = TokenSpace::fit(&[(&tokens, content.as_slice())], 3, 2);
    assert_eq!((space.dims, space.basis.len()), (2, 6));
    for r in space.basis.chunks(3) {
        assert!((r.iter().map(|x| x * x).sum::<f32>() - 1.0).abs() < 1e-4);
        assert!(r[2].abs() < 0.05, "z is not a main direction: {r:?}");
    }
    assert!((space.mean[0] - 1.0).abs() < 0.2);
    let p = space.prepare(&tokens, &content);
    assert_eq!((p.len(), p.rows.len()), (40, 80));
    for r in p.rows.chunks(2) {
        assert!((r[0] * r[0] + r[1] * r[1] - 1.0).abs() < 1e-4);
    }
    // Every piece id is in one sentence of one: idf = ln(2 / 2) = 0; unseen ids get ln 2.
    assert_eq!(space.idf_of(3), 0.0);
    assert!((space.idf_of(99) - 2f32.ln()).abs() < 1e-6);
}

#[test]
fn missing_or_broken_folders_are_input_errors_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let err = Embedder::load(&missing).unwrap_err().to_string();
    assert!(
        err.contains("nowhere") && err.contains("not found"),
        "{err}"
    );

    fixture(dir.path());
    std::fs::remove_file(dir.path().join("tokenizer.json")).unwrap();
    let err = Embedder::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("tokenizer.json missing"), "{err}");

    fixture(dir.path());
    std::fs::write(dir.path().join("model.safetensors"), b"not a tensor file").unwrap();
    let err = Embedder::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("model.safetensors"), "{err}");
}

#[test]
fn cache_round_trips_and_refuses_other_models() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let e = Embedder::load(dir.path()).unwrap();
    let mut cache = EmbeddingCache::new(e.identity(), e.dim());
    let texts = [
        "The minister spoke.",
        "Flights resumed.",
        "The minister spoke.",
    ];
    let v = cache.embed(&e, &texts).unwrap();
    assert_eq!((cache.len(), cache.added()), (2, 2));
    let bytes = cache.to_bytes();
    let mut again = EmbeddingCache::from_bytes(&bytes, e.identity(), e.dim());
    assert_eq!((again.len(), again.added()), (2, 0));
    assert_eq!(again.embed(&e, &texts).unwrap(), v);
    let fresh = e.encode(&texts[..2]).unwrap();
    let read: Vec<_> = again
        .encode(&e, &texts[..2])
        .unwrap()
        .into_iter()
        .cloned()
        .collect();
    assert_eq!(read, fresh, "word pieces round-trip too");
    assert_eq!(again.added(), 0, "nothing encoded twice");
    // Another model's cache (or a damaged file) is ignored, never misread.
    assert!(EmbeddingCache::from_bytes(&bytes, e.identity() ^ 1, e.dim()).is_empty());
    assert!(EmbeddingCache::from_bytes(&bytes[..bytes.len() - 1], e.identity(), 8).is_empty());
    assert!(EmbeddingCache::new(7, 8).embed(&e, &texts).is_err());
}

#[test]
fn semantic_features_append_the_cosine_and_token_alignment_to_the_lexical_ones() {
    let a = parallax::profile::Profile::new("Iraq's prime minister spoke with Rubio.");
    let b = parallax::profile::Profile::new("Flights resumed at Erbil airport on Monday.");
    let (u, v) = (
        normalise(vec![1.0, 2.0, 2.0]),
        normalise(vec![2.0, 1.0, -2.0]),
    );
    let prepared = |sentence: Vec<f32>, rows: &[[f32; 3]]| Prepared {
        sentence,
        tokens: set(rows, &vec![1.0; rows.len()]),
    };
    let pa = prepared(u.clone(), &[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]);
    let pb = prepared(v.clone(), &[[0.0, 1.0, 0.0]]);
    let x = semantic_features(&a.sim, &pa, &b.sim, &pb);
    let lexical = parallax::profile::pair_features(&a.sim, &b.sim);
    assert_eq!(x.len(), SEMANTIC_FEATURES);
    assert_eq!(&x[..lexical.len()], &lexical[..]);
    assert!(
        (x[lexical.len()] - 0.0).abs() < 1e-6,
        "orthogonal: {}",
        x[lexical.len()]
    );
    assert!((cosine(&u, &u) - 1.0).abs() < 1e-6);
    assert_eq!(
        &x[lexical.len() + 1..],
        &token_features(&pa.tokens, &pb.tokens)[..]
    );
}
