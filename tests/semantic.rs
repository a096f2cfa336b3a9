//! The optional sentence encoder (cargo feature `semantic`) on a tiny model generated here:
//! a 2-layer, 8-dimension BERT with random weights and a 20-word WordPiece vocabulary, written
//! as `config.json`, `tokenizer.json` and `model.safetensors` into a temporary folder. The
//! real model (all-MiniLM-L6-v2, 90 MB) is never part of the repository.
#![cfg(feature = "semantic")]

use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::{VarBuilder, VarMap};
use candle_transformers::models::bert::{BertModel, Config};
use parallax::semantic::embed::normalise;
use parallax::semantic::model::{SEMANTIC_FEATURES, cosine, semantic_features};
use parallax::semantic::{Embedder, EmbeddingCache};

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
    let mut mean = vec![0.0f32; hidden[0].len()];
    for row in &hidden {
        for (m, x) in mean.iter_mut().zip(row) {
            *m += x / hidden.len() as f32;
        }
    }
    normalise(mean)
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
    assert_eq!(again.added(), 0, "nothing encoded twice");
    // Another model's cache (or a damaged file) is ignored, never misread.
    assert!(EmbeddingCache::from_bytes(&bytes, e.identity() ^ 1, e.dim()).is_empty());
    assert!(EmbeddingCache::from_bytes(&bytes[..bytes.len() - 1], e.identity(), 8).is_empty());
    assert!(EmbeddingCache::new(7, 8).embed(&e, &texts).is_err());
}

#[test]
fn semantic_features_append_the_cosine_to_the_lexical_ones() {
    let a = parallax::profile::Profile::new("Iraq's prime minister spoke with Rubio.");
    let b = parallax::profile::Profile::new("Flights resumed at Erbil airport on Monday.");
    let (u, v) = (
        normalise(vec![1.0, 2.0, 2.0]),
        normalise(vec![2.0, 1.0, -2.0]),
    );
    let x = semantic_features(&a.sim, &u, &b.sim, &v);
    let lexical = parallax::profile::pair_features(&a.sim, &b.sim);
    assert_eq!(x.len(), SEMANTIC_FEATURES);
    assert_eq!(&x[..lexical.len()], &lexical[..]);
    assert!(
        (x[lexical.len()] - 0.0).abs() < 1e-6,
        "orthogonal: {}",
        x[lexical.len()]
    );
    assert!((cosine(&u, &u) - 1.0).abs() < 1e-6);
}
