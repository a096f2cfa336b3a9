//! The left × right similarity matrix. Each cell combines the scores of the detectors that
//! score (today `lexical`, whose score is the alignment model's probability); profiles are
//! ready-made, so a cell costs a few sorted-set merges and a small tree walk.
//!
//! Dense (every cell scored) for short documents; sparse, in compressed rows, when candidate
//! blocking (`block.rs`) chose which cells to score: an unscored cell reads as 0.

use super::Model;
use crate::detect::{DetectorName, DetectorSet};
use crate::profile::Profile;
use crate::profile::features::{SharedCounts, SideIndex, pair_features, pair_features_counted};

/// Similarity matrix in [0, 1], dense (row-major) or sparse (compressed rows).
#[derive(Clone, Debug)]
pub struct ScoreMatrix {
    /// Number of left statements (rows).
    pub rows: usize,
    /// Number of right statements (columns).
    pub cols: usize,
    /// Scores: `rows * cols` of them when dense, else the scored cells row by row.
    cells: Vec<f32>,
    /// Sparse only: row `i`'s cells are `cells[start[i]..start[i + 1]]`, in columns
    /// `col[start[i]..start[i + 1]]` (ascending).
    sparse: Option<(Vec<usize>, Vec<u32>)>,
}

/// The score of one pair: the mean of the scoring detectors, the model's score if none does.
/// `lexical` is the model's similarity of the pair (computed sixteen pairs at a time by
/// `score_pairs`).
fn cell(l: &Profile, r: &Profile, detectors: &DetectorSet, lexical: f32) -> f32 {
    let mut sum = 0.0;
    let mut n = 0;
    for d in detectors.iter() {
        // The lexical score is the model's: it may be a model other than the
        // shipped one (evaluation of a freshly trained model).
        let s = if d.name() == DetectorName::Lexical {
            Some(lexical)
        } else {
            d.score(l, r)
        };
        if let Some(s) = s {
            sum += s;
            n += 1;
        }
    }
    if n == 0 { lexical } else { sum / n as f32 }
}

/// One pair to score, with the sizes of its count-only intersections when a `SideIndex`
/// counted them for the whole row.
type Pair<'a> = (&'a Profile, &'a Profile, Option<SharedCounts>);

/// Appends the cells of the given pairs to `out`, in order. The model scores sixteen pairs
/// per pass over its trees (`Model::predict16`: the same bits as one by one), taken across
/// row ends so that short rows do not leave lanes empty.
fn score_pairs<'a>(
    mut pairs: impl Iterator<Item = Pair<'a>>,
    detectors: &DetectorSet,
    model: &Model,
    out: &mut Vec<f32>,
) {
    const LANES: usize = 16;
    let mut x = [[0.0f32; crate::profile::PAIR_FEATURES]; LANES];
    let mut chunk: [Option<Pair>; LANES] = [None; LANES];
    loop {
        let mut k = 0;
        for (slot, pair) in chunk.iter_mut().zip(pairs.by_ref()) {
            *slot = Some(pair);
            k += 1;
        }
        if k == 0 {
            return;
        }
        for (x, (l, r, shared)) in x.iter_mut().zip(chunk[..k].iter().flatten()) {
            *x = match shared {
                Some(c) => pair_features_counted(&l.sim, &r.sim, c),
                None => pair_features(&l.sim, &r.sim),
            };
        }
        // A short last chunk repeats its first vector in the unused lanes.
        let first = x[0];
        for v in &mut x[k..] {
            *v = first;
        }
        let lex = model.predict16(std::array::from_fn(|q| &x[q]));
        for (&(l, r, _), &s) in chunk[..k].iter().flatten().zip(&lex) {
            out.push(cell(l, r, detectors, s));
        }
        if k < LANES {
            return;
        }
    }
}

/// The pairs of each row's listed columns, in order, with their shared counts when worth
/// an index of the right side: building it costs about what a few pair merges cost per
/// statement, and counting a row about what one or two do, so it pays from a few scored
/// cells per statement on.
fn row_pairs<'a, 'c>(
    left: &'a [Profile],
    right: &'a [Profile],
    rows: impl Iterator<Item = &'c [u32]> + 'c,
    cells: usize,
) -> impl Iterator<Item = Pair<'a>> + 'c
where
    'a: 'c,
{
    let index = (cells >= 2 * (left.len() + right.len()))
        .then(|| SideIndex::new(right.iter().map(|p| &p.sim)));
    let mut counts = Vec::new();
    left.iter().zip(rows).flat_map(move |(l, row)| {
        let shared: Vec<Option<SharedCounts>> = match &index {
            Some(index) => {
                index.counts(&l.sim, &mut counts);
                row.iter().map(|&j| Some(counts[j as usize])).collect()
            }
            None => vec![None; row.len()],
        };
        row.iter()
            .zip(shared)
            .map(move |(&j, c)| (l, &right[j as usize], c))
    })
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
        let all: Vec<u32> = (0..right.len() as u32).collect();
        let rows = std::iter::repeat_n(all.as_slice(), left.len());
        let pairs = row_pairs(left, right, rows, left.len() * right.len());
        score_pairs(pairs, detectors, model, &mut cells);
        Self::dense(left.len(), right.len(), cells)
    }

    /// Scores only the candidate pairs of blocking (`block.rs`): pairs sharing a rare stem or
    /// number; every other cell reads as 0.
    pub fn build_blocked(
        left: &[Profile],
        right: &[Profile],
        block: super::BlockOptions,
        detectors: &DetectorSet,
        model: &Model,
    ) -> Self {
        let candidates = super::block::candidates(left, right, block);
        Self::build_sparse(left, right, &candidates, detectors, model)
    }

    /// Scores only the given cells: `candidates[i]` lists, ascending, the columns to score in
    /// row `i`; every other cell reads as 0.
    pub(super) fn build_sparse(
        left: &[Profile],
        right: &[Profile],
        candidates: &[Vec<u32>],
        detectors: &DetectorSet,
        model: &Model,
    ) -> Self {
        let total = candidates.iter().map(Vec::len).sum();
        let mut cells = Vec::with_capacity(total);
        let mut col = Vec::with_capacity(total);
        let mut start = Vec::with_capacity(left.len() + 1);
        start.push(0);
        for row in candidates {
            col.extend_from_slice(row);
            start.push(col.len());
        }
        let pairs = row_pairs(left, right, candidates.iter().map(Vec::as_slice), total);
        score_pairs(pairs, detectors, model, &mut cells);
        ScoreMatrix {
            rows: left.len(),
            cols: right.len(),
            cells,
            sparse: Some((start, col)),
        }
    }

    /// A dense matrix from row-major scores.
    ///
    /// # Panics
    /// If `cells.len() != rows * cols`.
    pub fn dense(rows: usize, cols: usize, cells: Vec<f32>) -> Self {
        assert_eq!(cells.len(), rows * cols, "dense matrix size");
        ScoreMatrix {
            rows,
            cols,
            cells,
            sparse: None,
        }
    }

    /// True when built by blocking (unscored cells read as 0).
    pub fn is_sparse(&self) -> bool {
        self.sparse.is_some()
    }

    /// Number of scored cells.
    pub fn scored(&self) -> usize {
        self.cells.len()
    }

    /// Score of left `i` with right `j` (0 for a cell blocking left unscored).
    pub fn get(&self, i: usize, j: usize) -> f32 {
        match &self.sparse {
            None => self.cells[i * self.cols + j],
            Some((start, col)) => {
                let (a, b) = (start[i], start[i + 1]);
                col[a..b]
                    .binary_search(&(j as u32))
                    .map_or(0.0, |k| self.cells[a + k])
            }
        }
    }

    /// The scored cells of row `i` as `(column, score)`, columns ascending.
    pub fn row(&self, i: usize) -> impl Iterator<Item = (usize, f32)> + '_ {
        let (cols, scores): (Option<&[u32]>, &[f32]) = match &self.sparse {
            None => (None, &self.cells[i * self.cols..(i + 1) * self.cols]),
            Some((start, col)) => {
                let r = start[i]..start[i + 1];
                (Some(&col[r.clone()]), &self.cells[r])
            }
        };
        scores
            .iter()
            .enumerate()
            .map(move |(k, &s)| (cols.map_or(k, |c| c[k] as usize), s))
    }
}
