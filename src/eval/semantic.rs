//! Training of the semantic model (`crate::semantic::SemanticModel`, cargo feature
//! `semantic`): the lexical procedure of `train` (same term weights, same out-of-fold
//! pair features, same folds, same threshold rule), with the embedding features of every
//! pair appended before the trees are fitted: the sentence cosine and the token alignment
//! features, whose word-piece IDF and projection (`TokenSpace`) are fitted on the distinct
//! training statements (no labels involved). The caller passes the encoded statements, one
//! pair per training pair, so that nothing here encodes or reads files.

use std::collections::BTreeMap;

use super::data::{MrpcPair, StsPair, is_dev_row};
use super::gbdt::fit_n;
use super::metrics::Binary;
use super::train::{TrainOptions, best_threshold, lexical_samples};
use crate::semantic::SemanticModel;
use crate::semantic::model::{Prepared, SemanticSample, Statement, extend, feature_names};
use crate::semantic::tokens::TokenSpace;

/// The two encoded statements of one sentence pair.
pub type StatementPair<'a> = (Statement<'a>, Statement<'a>);

/// Dimension of the token projection (chosen on train cross-validation: docs/accuracy.md).
pub const TOKEN_DIMS: usize = 32;

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

/// Trains the semantic model. `mrpc_statements[i]` are the encodings of `mrpc[i]`'s two
/// sentences, `sts_statements[i]` those of `sts[i]`.
///
/// # Panics
/// If the statement lists do not match the pair lists in length.
pub fn train_semantic(
    mrpc: &[MrpcPair],
    mrpc_statements: &[StatementPair<'_>],
    sts: &[StsPair],
    sts_statements: &[StatementPair<'_>],
    opts: &TrainOptions,
    provenance: &str,
) -> SemanticTrainReport {
    assert_eq!(
        mrpc.len(),
        mrpc_statements.len(),
        "one statement pair per MRPC pair"
    );
    assert_eq!(
        sts.len(),
        sts_statements.len(),
        "one statement pair per STS-B pair"
    );
    let embedding_dim = mrpc_statements
        .first()
        .map_or(0, |p| p.0.encoded.sentence.len());
    // Distinct training statements, by text, in text order.
    let mut distinct: BTreeMap<&str, Statement<'_>> = BTreeMap::new();
    let texts = mrpc
        .iter()
        .map(|p| (p.s1.as_str(), p.s2.as_str()))
        .chain(sts.iter().map(|p| (p.s1.as_str(), p.s2.as_str())));
    for ((t1, t2), (a, b)) in texts.zip(mrpc_statements.iter().chain(sts_statements)) {
        distinct.insert(t1, *a);
        distinct.insert(t2, *b);
    }
    let fit_input: Vec<_> = distinct
        .values()
        .map(|s| (&s.encoded.tokens, s.content))
        .collect();
    let space = TokenSpace::fit(&fit_input, embedding_dim, TOKEN_DIMS);
    let prepare = |s: &Statement<'_>| Prepared {
        sentence: s.encoded.sentence.clone(),
        tokens: space.prepare(&s.encoded.tokens, s.content),
    };
    let lex = lexical_samples(mrpc, sts, opts);
    let samples = |x: &[[f32; crate::profile::PAIR_FEATURES]], p: &[StatementPair<'_>]| {
        x.iter()
            .zip(p)
            .map(|(x, (a, b))| extend(x, &prepare(a), &prepare(b)))
            .collect::<Vec<SemanticSample>>()
    };
    let xm = samples(&lex.xm, mrpc_statements);
    let xs = samples(&lex.xs, sts_statements);
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
            tokens: space.clone(),
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
