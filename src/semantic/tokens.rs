//! Token-level soft alignment (BERTScore-style) between two statements' contextual word-piece
//! vectors: each content word piece of one side is matched to its most similar piece of the
//! other side, and the pair features summarise how well each side is covered (mean, IDF
//! weighted mean, worst and low-quantile matches, counts of poorly matched pieces). An
//! uncovered content piece is extra information on one side: MRPC's typical negative.
//!
//! The word-piece vectors are centred and projected onto a `dims`-dimensional principal
//! subspace fitted on the training statements (`TokenSpace::fit`), then L2-normalised, once
//! per statement (`TokenSpace::prepare`); a pair costs `n_a × n_b` dot products of `dims`
//! floats (32 by default) and one pass over the matches.

use serde::{Deserialize, Serialize};

use super::embed::TokenVectors;
use crate::profile::is_stopword;

/// Thresholds under which a piece's best match counts as uncovered.
const COUNT_BELOW: [f32; 4] = [0.4, 0.5, 0.6, 0.7];
/// Thresholds of the IDF-weighted uncovered mass.
const MASS_BELOW: [f32; 3] = [0.5, 0.6, 0.7];

/// Names of the per-side statistics; each gives two features (min and max over the sides).
const SIDE_STATS: [&str; 14] = [
    "mean",
    "idf_mean",
    "worst",
    "second_worst",
    "quartile",
    "below_0.4",
    "below_0.5",
    "below_0.6",
    "below_0.7",
    "idf_below_0.5",
    "idf_below_0.6",
    "idf_below_0.7",
    "share_below_0.6",
    "idf_gap_max",
];

/// Number of token alignment features.
pub const TOKEN_FEATURES: usize = 2 * SIDE_STATS.len() + 2;

/// Names of the token alignment features, in order.
pub fn token_feature_names() -> Vec<String> {
    let mut v: Vec<String> = SIDE_STATS
        .iter()
        .flat_map(|s| [format!("token_{s}_min"), format!("token_{s}_max")])
        .collect();
    v.push("token_f".to_string());
    v.push("token_idf_f".to_string());
    v
}

/// True for a word piece that carries content: not `[CLS]`/`[SEP]`/`[PAD]`, holds a letter
/// or digit, and is not a stop word (continuation pieces `##…` always count).
pub fn is_content_piece(piece: &str) -> bool {
    if matches!(piece, "[CLS]" | "[SEP]" | "[PAD]") {
        return false;
    }
    let (cont, body) = match piece.strip_prefix("##") {
        Some(b) => (true, b),
        None => (false, piece),
    };
    body.chars().any(char::is_alphanumeric) && (cont || !is_stopword(piece))
}

/// One statement's word pieces as the features read them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TokenSet {
    /// Projected dimension.
    pub dims: usize,
    /// One unit row of `dims` floats per content piece.
    pub rows: Vec<f32>,
    /// IDF of each row's piece.
    pub idf: Vec<f32>,
}

impl TokenSet {
    /// Number of pieces.
    pub fn len(&self) -> usize {
        self.idf.len()
    }

    /// True when there is no piece.
    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }
}

/// What is learnt from the training statements: piece IDF, the mean piece vector and the
/// principal subspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenSpace {
    /// Projected dimension.
    pub dims: usize,
    /// Mean content-piece vector (model dimension).
    pub mean: Vec<f32>,
    /// `dims` orthonormal rows of the model dimension.
    pub basis: Vec<f32>,
    /// `(piece id, idf)` of every piece seen in training, ids ascending.
    pub idf: Vec<(u32, f32)>,
    /// IDF of a piece never seen in training.
    pub unseen_idf: f32,
}

/// The pieces of a statement that `prepare` keeps: content ones, or when there is none, all
/// but `[CLS]` and `[SEP]` (all, when that leaves none).
fn kept(tokens: &TokenVectors, content: &[bool]) -> Vec<usize> {
    let n = tokens.ids.len();
    let c: Vec<usize> = (0..n).filter(|&i| content.get(i) == Some(&true)).collect();
    if !c.is_empty() {
        c
    } else if n > 2 {
        (1..n - 1).collect()
    } else {
        (0..n).collect()
    }
}

impl TokenSpace {
    /// Fits the space on distinct training statements: word pieces and their content mask
    /// (`is_content_piece` of each piece). Deterministic (f64 sums in a fixed order).
    pub fn fit(statements: &[(&TokenVectors, &[bool])], dim: usize, dims: usize) -> TokenSpace {
        let n = statements.len() as f64;
        let mut df: std::collections::BTreeMap<u32, u32> = Default::default();
        for (t, _) in statements {
            let mut ids = t.ids.clone();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                *df.entry(id).or_default() += 1;
            }
        }
        let idf = df
            .into_iter()
            .map(|(id, d)| (id, ((n + 1.0) / (f64::from(d) + 1.0)).ln() as f32))
            .collect();
        // Mean and covariance of the content pieces.
        let mut sum = vec![0.0f64; dim];
        let mut count = 0usize;
        let mut row = vec![0.0f64; dim];
        let mut cov = vec![0.0f64; dim * dim];
        for (t, c) in statements {
            for i in kept(t, c) {
                for (s, x) in sum.iter_mut().zip(t.row(i, dim)) {
                    *s += f64::from(x);
                }
                count += 1;
            }
        }
        let mean: Vec<f64> = sum.iter().map(|s| s / count.max(1) as f64).collect();
        for (t, c) in statements {
            for i in kept(t, c) {
                for ((r, x), m) in row.iter_mut().zip(t.row(i, dim)).zip(&mean) {
                    *r = f64::from(x) - m;
                }
                for a in 0..dim {
                    let ra = row[a];
                    for (cv, rb) in cov[a * dim + a..(a + 1) * dim].iter_mut().zip(&row[a..]) {
                        *cv += ra * rb;
                    }
                }
            }
        }
        for a in 0..dim {
            for b in 0..a {
                cov[a * dim + b] = cov[b * dim + a];
            }
        }
        let basis = top_subspace(&cov, dim, dims.min(dim));
        TokenSpace {
            dims: dims.min(dim),
            mean: mean.iter().map(|&m| m as f32).collect(),
            basis: basis.iter().map(|&b| b as f32).collect(),
            idf,
            unseen_idf: (n + 1.0).ln() as f32,
        }
    }

    /// IDF of a piece.
    pub fn idf_of(&self, id: u32) -> f32 {
        match self.idf.binary_search_by_key(&id, |p| p.0) {
            Ok(i) => self.idf[i].1,
            Err(_) => self.unseen_idf,
        }
    }

    /// A statement's kept pieces, centred, projected and normalised, with their IDF.
    pub fn prepare(&self, tokens: &TokenVectors, content: &[bool]) -> TokenSet {
        let dim = self.mean.len();
        let mut rows = Vec::new();
        let mut idf = Vec::new();
        let mut centred = vec![0.0f32; dim];
        for i in kept(tokens, content) {
            for ((c, x), m) in centred.iter_mut().zip(tokens.row(i, dim)).zip(&self.mean) {
                *c = x - m;
            }
            let z: Vec<f32> = self
                .basis
                .chunks_exact(dim)
                .map(|b| b.iter().zip(&centred).map(|(p, q)| p * q).sum())
                .collect();
            let norm = z.iter().map(|x| x * x).sum::<f32>().sqrt() + 1e-9;
            rows.extend(z.iter().map(|x| x / norm));
            idf.push(self.idf_of(tokens.ids[i]));
        }
        TokenSet {
            dims: self.dims,
            rows,
            idf,
        }
    }
}

/// An orthonormal basis (`k` rows) of the top-`k` eigen-subspace of the symmetric `n × n`
/// matrix `c`, by subspace iteration from a fixed start (cosines after projection depend on
/// the subspace only, not on the basis chosen in it).
fn top_subspace(c: &[f64], n: usize, k: usize) -> Vec<f64> {
    let mut q: Vec<f64> = (0..k * n)
        .map(|i| {
            let (r, col) = (i / n, i % n);
            if r == col {
                1.0
            } else {
                ((r * 31 + col * 17) % 13) as f64 / 130.0
            }
        })
        .collect();
    orthonormalise(&mut q, n);
    for _ in 0..300 {
        let mut z = vec![0.0f64; k * n];
        for r in 0..k {
            let qr = &q[r * n..(r + 1) * n];
            for (a, zv) in z[r * n..(r + 1) * n].iter_mut().enumerate() {
                *zv = c[a * n..(a + 1) * n]
                    .iter()
                    .zip(qr)
                    .map(|(x, y)| x * y)
                    .sum();
            }
        }
        orthonormalise(&mut z, n);
        q = z;
    }
    q
}

/// Modified Gram-Schmidt over the rows of `q` (row length `n`).
fn orthonormalise(q: &mut [f64], n: usize) {
    let k = q.len() / n;
    for r in 0..k {
        for p in 0..r {
            let (done, rest) = q.split_at_mut(r * n);
            let qp = &done[p * n..(p + 1) * n];
            let qr = &mut rest[..n];
            let d: f64 = qp.iter().zip(qr.iter()).map(|(a, b)| a * b).sum();
            qr.iter_mut().zip(qp).for_each(|(b, a)| *b -= d * a);
        }
        let qr = &mut q[r * n..(r + 1) * n];
        let norm = qr.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-30);
        qr.iter_mut().for_each(|x| *x /= norm);
    }
}

/// Per-side statistics of the best matches `best` of pieces with IDF `idf`.
fn side(best: &mut [f32], idf: &[f32]) -> [f32; SIDE_STATS.len()] {
    let n = best.len();
    if n == 0 {
        return [0.0; SIDE_STATS.len()];
    }
    let idf_sum: f32 = idf.iter().sum();
    let mean = best.iter().sum::<f32>() / n as f32;
    let idf_mean = best.iter().zip(idf).map(|(b, w)| b * w).sum::<f32>() / idf_sum.max(1e-9);
    let below = |t: f32| best.iter().filter(|&&b| b < t).count() as f32;
    let mass = |t: f32| {
        best.iter()
            .zip(idf)
            .filter(|(b, _)| **b < t)
            .map(|(_, w)| w)
            .sum::<f32>()
    };
    let gap = best
        .iter()
        .zip(idf)
        .map(|(b, w)| w * (1.0 - b))
        .fold(f32::MIN, f32::max);
    let counts = COUNT_BELOW.map(below);
    let masses = MASS_BELOW.map(mass);
    let share = below(0.6) / n as f32;
    best.sort_unstable_by(f32::total_cmp);
    let pos = 0.25 * (n - 1) as f32;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let quartile = best[lo] + (best[hi] - best[lo]) * (pos - lo as f32);
    [
        mean,
        idf_mean,
        best[0],
        best[1.min(n - 1)],
        quartile,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        masses[0],
        masses[1],
        masses[2],
        share,
        gap,
    ]
}

/// The token alignment features of a pair (symmetric: each statistic as min and max over the
/// two sides, then the F measures of the plain and IDF-weighted means).
pub fn token_features(a: &TokenSet, b: &TokenSet) -> [f32; TOKEN_FEATURES] {
    let d = a.dims;
    let mut best_a = vec![f32::MIN; a.len()];
    let mut best_b = vec![f32::MIN; b.len()];
    if d > 0 && d == b.dims {
        for (i, ra) in a.rows.chunks_exact(d).enumerate() {
            for (j, rb) in b.rows.chunks_exact(d).enumerate() {
                let s = dot(ra, rb);
                best_a[i] = best_a[i].max(s);
                best_b[j] = best_b[j].max(s);
            }
        }
    }
    // With no piece on the other side, nothing is covered.
    for v in best_a.iter_mut().chain(best_b.iter_mut()) {
        if *v == f32::MIN {
            *v = 0.0;
        }
    }
    let sa = side(&mut best_a, &a.idf);
    let sb = side(&mut best_b, &b.idf);
    let mut x = [0.0f32; TOKEN_FEATURES];
    for k in 0..SIDE_STATS.len() {
        x[2 * k] = sa[k].min(sb[k]);
        x[2 * k + 1] = sa[k].max(sb[k]);
    }
    let f = |p: f32, r: f32| 2.0 * p * r / (p + r + 1e-9);
    x[2 * SIDE_STATS.len()] = f(sa[0], sb[0]);
    x[2 * SIDE_STATS.len() + 1] = f(sa[1], sb[1]);
    x
}

/// Dot product in eight independent lanes (vectorises; fixed order, so deterministic).
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for l in 0..8 {
            acc[l] += x[l] * y[l];
        }
    }
    acc.iter().sum::<f32>() + tail
}
