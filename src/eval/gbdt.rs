//! Gradient-boosted regression trees with logistic loss (Newton leaves), small and exact:
//! features are presorted once, every tree is grown level by level to a fixed depth, and no
//! randomness is used, so the same data always gives the same model byte for byte.
//!
//! Labels may be soft (in [0, 1]), which lets graded similarity data join binary labels.

use crate::align::model::{Tree, sigmoid};
use crate::profile::PAIR_FEATURES;

/// Learner settings.
#[derive(Clone, Debug)]
pub struct GbdtOptions {
    /// Number of trees.
    pub rounds: usize,
    /// Depth of every tree.
    pub depth: usize,
    /// Shrinkage applied to each tree's leaves.
    pub learning_rate: f32,
    /// Minimum hessian sum in a child (about `0.25 × samples` near p = 0.5).
    pub min_child_weight: f64,
    /// L2 regularisation of leaf values.
    pub lambda: f64,
}

impl Default for GbdtOptions {
    fn default() -> Self {
        GbdtOptions {
            rounds: 500,
            depth: 2,
            learning_rate: 0.05,
            min_child_weight: 3.0,
            lambda: 1.0,
        }
    }
}

/// One training sample.
pub type Sample = [f32; PAIR_FEATURES];

/// Fits the trees; returns the initial log-odds and the trees.
pub fn fit(x: &[Sample], y: &[f32], weight: &[f32], opts: &GbdtOptions) -> (f32, Vec<Tree>) {
    fit_n(x, y, weight, opts)
}

/// `fit` on feature vectors of any length up to 256 (the semantic model appends embedding
/// features to the pair features); the same trees as `fit` for `N = PAIR_FEATURES`.
pub fn fit_n<const N: usize>(
    x: &[[f32; N]],
    y: &[f32],
    weight: &[f32],
    opts: &GbdtOptions,
) -> (f32, Vec<Tree>) {
    assert!(N <= 256, "tree nodes index features with a u8");
    let n = x.len();
    assert!(n > 0 && y.len() == n && weight.len() == n);
    let wsum: f64 = weight.iter().map(|&w| w as f64).sum();
    let mean = (y
        .iter()
        .zip(weight)
        .map(|(&a, &w)| (a * w) as f64)
        .sum::<f64>()
        / wsum)
        .clamp(1e-4, 1.0 - 1e-4);
    let base = (mean / (1.0 - mean)).ln() as f32;
    let sorted: Vec<Vec<u32>> = (0..N)
        .map(|f| {
            let mut idx: Vec<u32> = (0..n as u32).collect();
            idx.sort_by(|&a, &b| {
                x[a as usize][f]
                    .total_cmp(&x[b as usize][f])
                    .then(a.cmp(&b))
            });
            idx
        })
        .collect();
    let mut score = vec![base; n];
    let mut trees = Vec::with_capacity(opts.rounds);
    let mut g = vec![0.0f64; n];
    let mut h = vec![0.0f64; n];
    let mut node = vec![0usize; n];
    for _ in 0..opts.rounds {
        for i in 0..n {
            let p = sigmoid(score[i]) as f64;
            g[i] = (p - y[i] as f64) * weight[i] as f64;
            h[i] = (p * (1.0 - p)).max(1e-6) * weight[i] as f64;
        }
        node.iter_mut().for_each(|k| *k = 0);
        let internal = (1usize << opts.depth) - 1;
        let mut feature = vec![0u8; internal];
        let mut split = vec![f32::MAX; internal];
        for d in 0..opts.depth {
            let width = 1usize << d;
            let first = width - 1;
            let mut gt = vec![0.0f64; width];
            let mut ht = vec![0.0f64; width];
            for i in 0..n {
                gt[node[i]] += g[i];
                ht[node[i]] += h[i];
            }
            // Best (gain, feature, split) per node at this level.
            let mut best: Vec<(f64, u8, f32)> = vec![(1e-9, 0, f32::MAX); width];
            let mut gl = vec![0.0f64; width];
            let mut hl = vec![0.0f64; width];
            let mut last = vec![f32::NEG_INFINITY; width];
            for (f, order) in sorted.iter().enumerate() {
                gl.iter_mut().for_each(|v| *v = 0.0);
                hl.iter_mut().for_each(|v| *v = 0.0);
                last.iter_mut().for_each(|v| *v = f32::NEG_INFINITY);
                for &i in order {
                    let i = i as usize;
                    let k = node[i];
                    let v = x[i][f];
                    if v > last[k] && hl[k] >= opts.min_child_weight {
                        let hr = ht[k] - hl[k];
                        if hr >= opts.min_child_weight {
                            let gr = gt[k] - gl[k];
                            let gain = gl[k] * gl[k] / (hl[k] + opts.lambda)
                                + gr * gr / (hr + opts.lambda)
                                - gt[k] * gt[k] / (ht[k] + opts.lambda);
                            if gain > best[k].0 {
                                best[k] = (gain, f as u8, midpoint(last[k], v));
                            }
                        }
                    }
                    gl[k] += g[i];
                    hl[k] += h[i];
                    last[k] = v;
                }
            }
            for k in 0..width {
                feature[first + k] = best[k].1;
                split[first + k] = best[k].2;
            }
            for i in 0..n {
                let k = node[i];
                let right = x[i][feature[first + k] as usize] > split[first + k];
                node[i] = 2 * k + usize::from(right);
            }
        }
        let leaves = 1usize << opts.depth;
        let mut gs = vec![0.0f64; leaves];
        let mut hs = vec![0.0f64; leaves];
        for i in 0..n {
            gs[node[i]] += g[i];
            hs[node[i]] += h[i];
        }
        let leaf: Vec<f32> = (0..leaves)
            .map(|k| (-gs[k] / (hs[k] + opts.lambda)) as f32 * opts.learning_rate)
            .collect();
        let tree = Tree {
            feature,
            split,
            leaf,
        };
        for i in 0..n {
            score[i] += eval_slice(&tree, &x[i]);
        }
        trees.push(tree);
    }
    (base, trees)
}

/// `Tree::eval` on a feature slice of any length (the same walk, the same leaf).
pub fn eval_slice(t: &Tree, x: &[f32]) -> f32 {
    let internal = t.feature.len();
    let mut k = 0;
    while k < internal {
        let go_right = x[t.feature[k] as usize] > t.split[k];
        k = 2 * k + 1 + usize::from(go_right);
    }
    t.leaf[k - internal]
}

/// A split value strictly between `a` and `b` (`a < b`), rounded to an f32 that keeps it so.
fn midpoint(a: f32, b: f32) -> f32 {
    let m = a + (b - a) / 2.0;
    if m >= b { a } else { m }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Model;

    #[test]
    fn learns_a_threshold_and_an_interaction() {
        // Positive iff x0 > 0.5 and x1 < 0.3: needs a depth-2 interaction.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for a in 0..20 {
            for b in 0..20 {
                let mut s = [0.0f32; PAIR_FEATURES];
                s[0] = a as f32 / 20.0;
                s[1] = b as f32 / 20.0;
                x.push(s);
                y.push(if s[0] > 0.5 && s[1] < 0.3 { 1.0 } else { 0.0 });
            }
        }
        let w = vec![1.0; x.len()];
        let (base, trees) = fit(
            &x,
            &y,
            &w,
            &GbdtOptions {
                rounds: 100,
                depth: 2,
                learning_rate: 0.3,
                ..Default::default()
            },
        );
        let m = Model {
            base,
            trees,
            ..Model::shipped().clone()
        };
        let errors = x
            .iter()
            .zip(&y)
            .filter(|(s, t)| (m.predict(s) >= 0.5) != (**t == 1.0))
            .count();
        assert_eq!(errors, 0);
        // Deterministic: same data, same trees.
        let (base2, trees2) = fit(
            &x,
            &y,
            &w,
            &GbdtOptions {
                rounds: 100,
                depth: 2,
                learning_rate: 0.3,
                ..Default::default()
            },
        );
        assert_eq!((base, &m.trees), (base2, &trees2));
    }
}
