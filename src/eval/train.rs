//! The reproducible training procedure behind `src/align/model.json`:
//!
//! 1. term weights (IDF of content stems) from the training sentences only;
//! 2. pair features of every training pair, profiled with those weights;
//! 3. boosted trees (`gbdt`) on MRPC train labels (optionally plus STS-B train scores / 5 as
//!    soft labels, which teaches the graded end of the scale);
//! 4. the alignment threshold: the one maximising accuracy of out-of-fold predictions over
//!    MRPC train (folds by row index mod `folds`, so fold 0 is the official dev split);
//! 5. the final trees refitted on all training pairs.
//!
//! No randomness anywhere: the same files and options give the same model file.

use super::data::{MrpcPair, StsPair};
use super::gbdt::{GbdtOptions, Sample, fit};
use super::metrics::Binary;
use crate::align::Model;
use crate::profile::{
    FEATURE_NAMES, PAIR_FEATURES, Profile, TermWeights, TokenKind, pair_features, tokenize,
};

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// The tree learner.
    pub gbdt: GbdtOptions,
    /// Cross-validation folds for choosing the threshold (0 or 1: no cross-validation, the
    /// threshold is chosen on the training predictions).
    pub folds: usize,
    /// Stems seen in fewer training sentences get the default (rare-word) weight.
    pub min_df: usize,
    /// Weight of one STS-B pair relative to one MRPC pair.
    pub sts_weight: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            gbdt: GbdtOptions::default(),
            folds: 10,
            min_df: 2,
            sts_weight: 0.5,
        }
    }
}

/// What training produced.
#[derive(Clone, Debug)]
pub struct TrainReport {
    /// The model, threshold included.
    pub model: Model,
    /// Out-of-fold decisions over all MRPC training pairs at the chosen threshold.
    pub cross_validation: Binary,
    /// Out-of-fold decisions over the dev rows (index mod 10 = 0) only.
    pub dev: Binary,
}

/// Content stems of a sentence, as `SimFeatures` weighs them.
pub fn content_stems(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct && !t.stop)
        .map(|t| t.stem.into_string())
        .collect()
}

/// Pair features of sentence pairs under given term weights.
pub fn features<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    weights: &TermWeights,
) -> Vec<Sample> {
    pairs
        .into_iter()
        .map(|(a, b)| {
            pair_features(
                &Profile::with_weights(a, weights).sim,
                &Profile::with_weights(b, weights).sim,
            )
        })
        .collect()
}

/// The training samples of the lexical model: out-of-fold pair features of the MRPC pairs,
/// pair features of the STS-B pairs, their labels, and the term weights of the final model.
#[derive(Clone, Debug)]
pub struct LexicalSamples {
    /// MRPC pair features (term tables fitted without the pair's fold).
    pub xm: Vec<Sample>,
    /// MRPC labels (1 equivalent, 0 not).
    pub ym: Vec<f32>,
    /// STS-B pair features (term tables fitted on all MRPC train).
    pub xs: Vec<Sample>,
    /// STS-B soft labels (gold / 5).
    pub ys: Vec<f32>,
    /// Term weights of the final model (IDF, costs and gains from all training pairs).
    pub weights: TermWeights,
}

/// Steps 1 and 2 of the procedure: term weights and the pair features of every training pair.
pub fn lexical_samples(mrpc: &[MrpcPair], sts: &[StsPair], opts: &TrainOptions) -> LexicalSamples {
    let sentences = mrpc
        .iter()
        .flat_map(|p| [p.s1.as_str(), p.s2.as_str()])
        .chain(sts.iter().flat_map(|p| [p.s1.as_str(), p.s2.as_str()]));
    let idf = TermWeights::fit(sentences.map(content_stems), opts.min_df);
    let stems: Vec<(Vec<String>, Vec<String>)> = mrpc
        .iter()
        .map(|p| (sorted_stems(&p.s1), sorted_stems(&p.s2)))
        .collect();
    // Unmatched costs are learnt from labels: a pair's training features must use a table
    // fitted without it (out of fold), or the trees would learn to trust leaked labels.
    let with_cost = |keep: &dyn Fn(usize) -> bool| {
        let labelled = || {
            (0..mrpc.len()).filter(|&i| keep(i)).map(|i| {
                (
                    stems[i].0.as_slice(),
                    stems[i].1.as_slice(),
                    mrpc[i].equivalent,
                )
            })
        };
        TermWeights {
            cost: TermWeights::fit_cost(labelled(), opts.min_df.max(2), false),
            gain: TermWeights::fit_cost(labelled(), opts.min_df.max(2), true),
            ..idf.clone()
        }
    };
    let folds = opts.folds.max(2);
    let mut xm: Vec<Sample> = vec![[0.0; PAIR_FEATURES]; mrpc.len()];
    for k in 0..folds {
        let w = with_cost(&|i| i % folds != k);
        let idx: Vec<usize> = (0..mrpc.len()).filter(|&i| i % folds == k).collect();
        let x = features(
            idx.iter()
                .map(|&i| (mrpc[i].s1.as_str(), mrpc[i].s2.as_str())),
            &w,
        );
        for (&i, x) in idx.iter().zip(x) {
            xm[i] = x;
        }
    }
    let weights = with_cost(&|_| true);
    let ym: Vec<f32> = mrpc
        .iter()
        .map(|p| f32::from(u8::from(p.equivalent)))
        .collect();
    let xs = features(sts.iter().map(|p| (p.s1.as_str(), p.s2.as_str())), &weights);
    let ys: Vec<f32> = sts.iter().map(|p| p.score / 5.0).collect();
    LexicalSamples {
        xm,
        ym,
        xs,
        ys,
        weights,
    }
}

/// Trains a model; `provenance` is recorded in it.
pub fn train(
    mrpc: &[MrpcPair],
    sts: &[StsPair],
    opts: &TrainOptions,
    provenance: &str,
) -> TrainReport {
    let LexicalSamples {
        xm,
        ym,
        xs,
        ys,
        weights,
    } = lexical_samples(mrpc, sts, opts);
    let model_of = |base: f32, trees| Model {
        provenance: provenance.to_string(),
        features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
        threshold: 0.5,
        base,
        trees,
        weights: weights.clone(),
        flat: Default::default(),
    };
    let fit_on = |keep: &dyn Fn(usize) -> bool| {
        let mut x = Vec::new();
        let mut y = Vec::new();
        let mut w = Vec::new();
        for i in (0..mrpc.len()).filter(|&i| keep(i)) {
            x.push(xm[i]);
            y.push(ym[i]);
            w.push(1.0);
        }
        x.extend_from_slice(&xs);
        y.extend_from_slice(&ys);
        w.extend(std::iter::repeat_n(opts.sts_weight, xs.len()));
        let (base, trees) = fit(&x, &y, &w, &opts.gbdt);
        model_of(base, trees)
    };

    // Out-of-fold probabilities.
    let mut oof = vec![0.0f32; mrpc.len()];
    if opts.folds >= 2 {
        for k in 0..opts.folds {
            let m = fit_on(&|i| i % opts.folds != k);
            for i in (0..mrpc.len()).filter(|&i| i % opts.folds == k) {
                oof[i] = m.predict(&xm[i]);
            }
        }
    }
    let mut model = fit_on(&|_| true);
    if opts.folds < 2 {
        for (i, x) in xm.iter().enumerate() {
            oof[i] = model.predict(x);
        }
    }
    model.threshold = best_threshold(&oof, &ym);
    let decide = |i: usize| (oof[i] >= model.threshold, ym[i] == 1.0);
    TrainReport {
        cross_validation: Binary::from_pairs((0..mrpc.len()).map(decide)),
        dev: Binary::from_pairs(
            (0..mrpc.len())
                .filter(|&i| super::data::is_dev_row(i))
                .map(decide),
        ),
        model,
    }
}

/// Stems of all words, stop words included, sorted and deduplicated (cost/gain terms).
fn sorted_stems(text: &str) -> Vec<String> {
    let mut s: Vec<String> = tokenize(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| t.stem.into_string())
        .collect();
    s.sort();
    s.dedup();
    s
}

/// The threshold maximising accuracy of `score >= t` against binary labels; among equally
/// good thresholds, the one closest to 0.5. Rounded to 4 decimals for a readable model file.
pub fn best_threshold(score: &[f32], label: &[f32]) -> f32 {
    let mut idx: Vec<usize> = (0..score.len()).collect();
    idx.sort_by(|&a, &b| score[a].total_cmp(&score[b]));
    // Threshold below everything: all positive.
    let positives = label.iter().filter(|&&l| l == 1.0).count();
    let mut correct = positives;
    let mut best = (correct, -0.5f32, 0.0f32);
    for (r, &i) in idx.iter().enumerate() {
        // Moving the threshold just above score[i] turns i negative.
        correct = if label[i] == 1.0 {
            correct - 1
        } else {
            correct + 1
        };
        if idx.get(r + 1).is_some_and(|&j| score[j] == score[i]) {
            continue;
        }
        let t = match idx.get(r + 1) {
            Some(&j) => (score[i] + score[j]) / 2.0,
            None => score[i] + 1e-4,
        };
        let t = (t * 10_000.0).round() / 10_000.0;
        let key = (correct, -(t - 0.5).abs());
        if key > (best.0, best.1) {
            best = (correct, key.1, t);
        }
    }
    best.2.clamp(0.0001, 0.9999)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_separates_when_possible() {
        let s = [0.1, 0.2, 0.35, 0.6, 0.7];
        let l = [0.0, 0.0, 0.0, 1.0, 1.0];
        let t = best_threshold(&s, &l);
        assert!(t > 0.35 && t <= 0.6, "{t}");
        // All positive: any threshold below the lowest score is best.
        let t = best_threshold(&s, &[1.0; 5]);
        assert!(t <= 0.1, "{t}");
    }
}
