//! The left × right similarity matrix. Each cell combines the scores of the detectors that
//! score (today `lexical`, whose score is the alignment model's probability); profiles are
//! ready-made, so a cell costs a few sorted-set merges and a small tree walk.

use super::Model;
use crate::detect::{DetectorName, DetectorSet};
use crate::profile::Profile;

/// Row-major similarity matrix in [0, 1].
#[derive(Clone, Debug)]
pub struct ScoreMatrix {
    /// Number of left statements (rows).
    pub rows: usize,
    /// Number of right statements (columns).
    pub cols: usize,
    /// `rows * cols` scores.
    pub cells: Vec<f32>,
}

impl ScoreMatrix {
    /// Scores every pair.
    pub fn build(
        left: &[Profile],
        right: &[Profile],
        detectors: &DetectorSet,
        model: &Model,
    ) -> Self {
        let mut cells = Vec::with_capacity(left.len() * right.len());
        for l in left {
            for r in right {
                let mut sum = 0.0;
                let mut n = 0;
                for d in detectors.iter() {
                    // The lexical score is the model's: it may be a model other than the
                    // shipped one (evaluation of a freshly trained model).
                    let s = if d.name() == DetectorName::Lexical {
                        Some(model.similarity(&l.sim, &r.sim))
                    } else {
                        d.score(l, r)
                    };
                    if let Some(s) = s {
                        sum += s;
                        n += 1;
                    }
                }
                cells.push(if n == 0 {
                    model.similarity(&l.sim, &r.sim)
                } else {
                    sum / n as f32
                });
            }
        }
        ScoreMatrix {
            rows: left.len(),
            cols: right.len(),
            cells,
        }
    }

    /// Score of left `i` with right `j`.
    pub fn get(&self, i: usize, j: usize) -> f32 {
        self.cells[i * self.cols + j]
    }
}
