//! The semantic alignment model: the same boosted trees as `align::Model`, over the lexical
//! pair features plus features of the two statements' sentence vectors (`embed`). Trained by
//! the same command as the lexical model with `--embedding-model DIR` added, and shipped as
//! `src/semantic/model.json` (docs/accuracy.md).
//!
//! A statement's vector and word-piece set (`tokens`) are computed once (like its profile); a
//! pair only costs the lexical features, one dot product, the token alignment and the trees.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::align::model::{Tree, sigmoid};
use crate::error::{Error, Result};
use crate::eval::gbdt::eval_slice;
use crate::profile::{FEATURE_NAMES, PAIR_FEATURES, SimFeatures, TermWeights, pair_features};
use crate::semantic::embed::Encoded;
use crate::semantic::tokens::{
    TOKEN_FEATURES, TokenSet, TokenSpace, token_feature_names, token_features,
};

/// Features read from the two sentence vectors, appended after the lexical ones.
pub const EMBEDDING_FEATURE_NAMES: [&str; 1] = ["embedding_cosine"];

/// Length of the semantic model's feature vector: lexical, sentence cosine, token alignment.
pub const SEMANTIC_FEATURES: usize = PAIR_FEATURES + EMBEDDING_FEATURE_NAMES.len() + TOKEN_FEATURES;

/// A statement as the encoder gave it, with the content flag of each word piece
/// (`Embedder::content_mask`).
#[derive(Clone, Copy, Debug)]
pub struct Statement<'a> {
    /// Sentence and word-piece vectors.
    pub encoded: &'a Encoded,
    /// Content flag of each word piece.
    pub content: &'a [bool],
}

/// What the semantic model reads of one statement besides its profile, computed once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prepared {
    /// Unit sentence vector.
    pub sentence: Vec<f32>,
    /// Projected content word pieces (`TokenSpace::prepare`).
    pub tokens: TokenSet,
}

/// One feature vector of the semantic model.
pub type SemanticSample = [f32; SEMANTIC_FEATURES];

/// Names of all features, lexical first.
pub fn feature_names() -> Vec<String> {
    FEATURE_NAMES
        .iter()
        .chain(EMBEDDING_FEATURE_NAMES.iter())
        .map(|s| s.to_string())
        .chain(token_feature_names())
        .collect()
}

/// The features of a pair: the lexical ones, the cosine of the two unit vectors, then the
/// token alignment features.
pub fn semantic_features(
    a: &SimFeatures,
    ea: &Prepared,
    b: &SimFeatures,
    eb: &Prepared,
) -> SemanticSample {
    extend(&pair_features(a, b), ea, eb)
}

/// Appends the embedding features to lexical pair features.
pub fn extend(lexical: &[f32; PAIR_FEATURES], ea: &Prepared, eb: &Prepared) -> SemanticSample {
    let mut x = [0.0; SEMANTIC_FEATURES];
    x[..PAIR_FEATURES].copy_from_slice(lexical);
    x[PAIR_FEATURES] = cosine(&ea.sentence, &eb.sentence);
    x[PAIR_FEATURES + 1..].copy_from_slice(&token_features(&ea.tokens, &eb.tokens));
    x
}

/// Dot product of two unit vectors (0 when the lengths differ or one is empty).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A trained semantic model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SemanticModel {
    /// How this file was produced (command and data), for the record.
    pub provenance: String,
    /// Feature names the trees index; must equal `feature_names()`.
    pub features: Vec<String>,
    /// Length of the sentence vectors it was trained on (384 for MiniLM-L6).
    pub embedding_dim: usize,
    /// Alignment threshold on the similarity.
    pub threshold: f32,
    /// Initial log-odds.
    pub base: f32,
    /// The boosted trees.
    pub trees: Vec<Tree>,
    /// Term weights the profiles must be built with.
    pub weights: TermWeights,
    /// Word-piece IDF and projection of the token alignment features.
    pub tokens: TokenSpace,
}

const SHIPPED: &str = include_str!("model.json");

impl SemanticModel {
    /// The model compiled into the binary (trained with all-MiniLM-L6-v2 vectors).
    pub fn shipped() -> &'static SemanticModel {
        static M: OnceLock<SemanticModel> = OnceLock::new();
        M.get_or_init(|| {
            SemanticModel::from_json(SHIPPED).expect("src/semantic/model.json is a valid model")
        })
    }

    /// Parses and checks a model file.
    pub fn from_json(text: &str) -> Result<SemanticModel> {
        let m: SemanticModel =
            serde_json::from_str(text).map_err(|e| Error::Usage(format!("model: {e}")))?;
        if m.features != feature_names() {
            return Err(Error::Usage(
                "model: not a semantic model of this feature list".to_string(),
            ));
        }
        for t in &m.trees {
            if !t.well_formed(SEMANTIC_FEATURES) {
                return Err(Error::Usage("model: malformed tree".to_string()));
            }
        }
        let t = &m.tokens;
        if t.mean.len() != m.embedding_dim || t.basis.len() != t.dims * m.embedding_dim {
            return Err(Error::Usage(
                "model: token space does not fit the embedding dimension".to_string(),
            ));
        }
        Ok(m)
    }

    /// Serialises the model.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string(self).expect("model serialises");
        s.push('\n');
        s
    }

    /// What a pair's features read of a statement (once per statement).
    pub fn prepare(&self, s: Statement<'_>) -> Prepared {
        Prepared {
            sentence: s.encoded.sentence.clone(),
            tokens: self.tokens.prepare(&s.encoded.tokens, s.content),
        }
    }

    /// Probability in [0, 1] that a pair with these features states the same claim.
    pub fn predict(&self, x: &SemanticSample) -> f32 {
        sigmoid(self.base + self.trees.iter().map(|t| eval_slice(t, x)).sum::<f32>())
    }

    /// Similarity of two statements from their profile features and unit vectors.
    pub fn similarity(
        &self,
        a: &SimFeatures,
        ea: &Prepared,
        b: &SimFeatures,
        eb: &Prepared,
    ) -> f32 {
        self.predict(&semantic_features(a, ea, b, eb))
    }
}
