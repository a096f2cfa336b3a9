//! Training of the semantic model (`crate::semantic::SemanticModel`, cargo feature
//! `semantic`): the lexical procedure of `train` (same term weights, same out-of-fold
//! pair features, same folds, same threshold rule), with the embedding features of every
//! pair appended before the trees are fitted. The caller passes the sentence vectors, one
//! pair of vectors per training pair, so that nothing here encodes or reads files.

use super::data::{MrpcPair, StsPair, is_dev_row};
use super::gbdt::fit_n;
use super::metrics::Binary;
use super::train::{TrainOptions, best_threshold, lexical_samples};
use crate::semantic::SemanticModel;
use crate::semantic::model::{SemanticSample, extend, feature_names};

/// The two unit vectors of one sentence pair.
pub type VectorPair<'a> = (&'a [f32], &'a [f32]);

/// What training produced.
#[derive(Clone, Debug)]
pub struct SemanticTrainReport {
    /// The model, threshold included.
    pub model: SemanticModel,
    /// Out-of-fold decisions over all MRPC training pairs at the chosen threshold.
    pub cross_validation: Binary,
    /// Out-of-fold decisions over the dev rows (index mod 10 = 0) only.
    pub dev: Binary,
}

/// Trains the semantic model. `mrpc_vectors[i]` are the vectors of `mrpc[i]`'s two sentences,
/// `sts_vectors[i]` those of `sts[i]`.
///
/// # Panics
/// If the vector lists do not match the pair lists in length.
pub fn train_semantic(
    mrpc: &[MrpcPair],
    mrpc_vectors: &[VectorPair<'_>],
    sts: &[StsPair],
    sts_vectors: &[VectorPair<'_>],
    opts: &TrainOptions,
    provenance: &str,
) -> SemanticTrainReport {
    assert_eq!(
        mrpc.len(),
        mrpc_vectors.len(),
        "one vector pair per MRPC pair"
    );
    assert_eq!(
        sts.len(),
        sts_vectors.len(),
        "one vector pair per STS-B pair"
    );
    let lex = lexical_samples(mrpc, sts, opts);
    let xm: Vec<SemanticSample> = lex
        .xm
        .iter()
        .zip(mrpc_vectors)
        .map(|(x, (a, b))| extend(x, a, b))
        .collect();
    let xs: Vec<SemanticSample> = lex
        .xs
        .iter()
        .zip(sts_vectors)
        .map(|(x, (a, b))| extend(x, a, b))
        .collect();
    let embedding_dim = mrpc_vectors.first().map_or(0, |v| v.0.len());
    let fit_on = |keep: &dyn Fn(usize) -> bool| {
        let mut x = Vec::new();
        let mut y = Vec::new();
        let mut w = Vec::new();
        for i in (0..mrpc.len()).filter(|&i| keep(i)) {
            x.push(xm[i]);
            y.push(lex.ym[i]);
            w.push(1.0);
        }
        x.extend_from_slice(&xs);
        y.extend_from_slice(&lex.ys);
        w.extend(std::iter::repeat_n(opts.sts_weight, xs.len()));
        let (base, trees) = fit_n(&x, &y, &w, &opts.gbdt);
        SemanticModel {
            provenance: provenance.to_string(),
            features: feature_names(),
            embedding_dim,
            threshold: 0.5,
            base,
            trees,
            weights: lex.weights.clone(),
        }
    };
    let folds = opts.folds.max(2);
    let mut oof = vec![0.0f32; mrpc.len()];
    for k in 0..folds {
        let m = fit_on(&|i| i % folds != k);
        for i in (0..mrpc.len()).filter(|&i| i % folds == k) {
            oof[i] = m.predict(&xm[i]);
        }
    }
    let mut model = fit_on(&|_| true);
    model.threshold = best_threshold(&oof, &lex.ym);
    let decide = |i: usize| (oof[i] >= model.threshold, lex.ym[i] == 1.0);
    SemanticTrainReport {
        cross_validation: Binary::from_pairs((0..mrpc.len()).map(decide)),
        dev: Binary::from_pairs((0..mrpc.len()).filter(|&i| is_dev_row(i)).map(decide)),
        model,
    }
}
