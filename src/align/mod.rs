//! Order-free alignment of two statement lists: a similarity matrix (`score.rs`), an optimal
//! one-to-one assignment above a threshold, then one-to-many merges where one statement
//! covers two of the other's (`matching.rs`).
//!
//! Long documents are not scored densely: candidate blocking (`block.rs`) picks the pairs
//! that share a rare stem or number, and the matrix is sparse (see `block.rs` for when the
//! result can differ from dense scoring).
//!
//! Guarantee (tested by property tests): every statement of each side lands in exactly one
//! alignment or in `only_left` / `only_right`.

mod block;
mod matching;
pub mod model;
mod score;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::detect::DetectorSet;
use crate::profile::Profile;

pub use block::BlockOptions;
pub use model::Model;
pub use score::ScoreMatrix;

/// Share of the model threshold that mutual best candidates need in a document pair
/// (tuned on documents generated from MRPC train: `parallax eval docs --mrpc TRAIN`).
pub const CONTEXT_SHARE: f32 = 0.5;

/// Alignment options.
#[derive(Clone, Debug)]
pub struct AlignOptions {
    /// Minimum similarity for two statements to be aligned at all (default: the model's
    /// threshold, tuned on training data).
    pub threshold: f32,
    /// Minimum containment (share of the smaller statement's content found in the larger)
    /// for a second statement to join an alignment as a one-to-many split.
    pub split_containment: f32,
    /// The similarity model behind the `lexical` score (default: the shipped one).
    pub model: Arc<Model>,
    /// Document context: two statements left unmatched whose similarity is at least this,
    /// and which are each other's best candidate across both documents, are aligned too.
    /// Only applies when both sides have two or more statements (a lone pair has no
    /// context, so an isolated pair is decided by `threshold` alone).
    pub context_threshold: f32,
    /// Candidate blocking for long documents (`None`: always score every pair).
    pub block: Option<BlockOptions>,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions::with_model(Model::shipped_arc().clone())
    }
}

impl AlignOptions {
    /// Options for a given model, its threshold included.
    pub fn with_model(model: Arc<Model>) -> Self {
        AlignOptions {
            threshold: model.threshold,
            split_containment: 0.6,
            context_threshold: (model.threshold * CONTEXT_SHARE).min(model.threshold),
            model,
            block: Some(BlockOptions::default()),
        }
    }
}

/// A set of left statements aligned with a set of right statements (one-to-one, or one-to-many
/// when one statement covers two of the other's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    /// Left statement indices, ascending.
    pub left: Vec<usize>,
    /// Right statement indices, ascending.
    pub right: Vec<usize>,
    /// Similarity in [0, 1].
    pub score: f32,
}

/// The result of aligning two documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PairAlignment {
    /// Alignments, ordered by their first left statement.
    pub alignments: Vec<Alignment>,
    /// Left statements with no counterpart.
    pub only_left: Vec<usize>,
    /// Right statements with no counterpart.
    pub only_right: Vec<usize>,
}

/// Aligns two profiled statement lists.
pub fn align(
    left: &[Profile],
    right: &[Profile],
    detectors: &DetectorSet,
    opts: &AlignOptions,
) -> PairAlignment {
    let matrix = match opts.block {
        // Blocking is only exact-by-construction for positive floors: an unscored cell reads
        // as 0, which must never reach a floor.
        Some(b)
            if left.len() * right.len() > b.min_cells
                && opts.threshold > 0.0
                && opts.context_threshold > 0.0 =>
        {
            ScoreMatrix::build_blocked(left, right, b, detectors, &opts.model)
        }
        _ => ScoreMatrix::build(left, right, detectors, &opts.model),
    };
    matching::assign(&matrix, left, right, opts)
}
