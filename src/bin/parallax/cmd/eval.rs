//! `parallax eval mrpc|stsb|docs`: measures the alignment model on public benchmarks, and
//! trains it (`eval mrpc TEST --train TRAIN --write-model src/align/model.json`). The decision
//! scored is the aligner's own: each pair is aligned as a one-statement document pair with
//! the same detectors, score matrix, threshold and assignment that `compare` uses.

use std::io::Write;
use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use clap::{Args, Subcommand};
use parallax::align::{AlignOptions, Model, align};
use parallax::detect::DetectorSet;
use parallax::eval::data::{read_mrpc, read_stsb};
use parallax::eval::docs::{DocsOptions, evaluate_docs, fixture_case, mrpc_documents};
use parallax::eval::gbdt::GbdtOptions;
use parallax::eval::metrics::{Binary, pearson, spearman};
use parallax::eval::train::{TrainOptions, train};
use parallax::profile::Profile;
use rayon::prelude::*;

/// `eval` arguments.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Which benchmark.
    #[command(subcommand)]
    pub bench: EvalCommand,
}

/// The benchmarks.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// MRPC paraphrase pairs: accuracy/F1 of "would these two statements be aligned".
    Mrpc(MrpcArgs),
    /// STS-B graded pairs: Pearson and Spearman correlation of the similarity with gold.
    Stsb(StsbArgs),
    /// Document pairs generated from MRPC pairs (and fixtures): alignment and omission
    /// precision/recall/F1.
    Docs(DocsArgs),
}

/// `eval mrpc` arguments.
#[derive(Debug, Args)]
pub struct MrpcArgs {
    /// The MRPC file to score (tab separated, with header).
    #[arg(value_name = "TEST.tsv")]
    pub test: String,
    /// Train a model on this MRPC file first (and score TEST with it); default: the shipped
    /// model.
    #[arg(long, value_name = "TRAIN.tsv")]
    pub train: Option<String>,
    /// Also train on these STS-B pairs (gold score / 5 as soft labels); needs --train.
    #[arg(long, value_name = "STS-TRAIN.csv", requires = "train")]
    pub stsb_train: Option<String>,
    /// Score with this model file instead of the shipped one.
    #[arg(long, value_name = "MODEL.json", conflicts_with = "train")]
    pub model: Option<String>,
    /// Write the trained model here (e.g. src/align/model.json); needs --train.
    #[arg(long, value_name = "FILE", requires = "train")]
    pub write_model: Option<String>,
    /// Write one line per pair: index, ids, gold, aligned, similarity (tab separated).
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<String>,
    /// Exit with 1 when accuracy is below this value (for CI).
    #[arg(long, value_name = "X")]
    pub min_accuracy: Option<f64>,
    /// Boosting rounds (trees).
    #[arg(long, default_value_t = GbdtOptions::default().rounds)]
    pub rounds: usize,
    /// Tree depth.
    #[arg(long, default_value_t = GbdtOptions::default().depth)]
    pub depth: usize,
    /// Learning rate.
    #[arg(long, default_value_t = GbdtOptions::default().learning_rate)]
    pub learning_rate: f32,
    /// Weight of an STS-B pair relative to an MRPC pair.
    #[arg(long, default_value_t = TrainOptions::default().sts_weight)]
    pub sts_weight: f32,
    /// The semantic model's options.
    #[cfg(feature = "semantic")]
    #[command(flatten)]
    pub embedding: EmbeddingArgs,
}

/// Options of the semantic model (cargo feature `semantic`).
#[cfg(feature = "semantic")]
#[derive(Debug, Default, Args)]
pub struct EmbeddingArgs {
    /// Sentence-embedding model folder (config.json, tokenizer.json, model.safetensors of
    /// all-MiniLM-L6-v2); scores, trains and reads models of the semantic kind. Default:
    /// $PARALLAX_EMBEDDING_MODEL; neither: the lexical model.
    #[arg(long, value_name = "DIR")]
    pub embedding_model: Option<String>,
    /// Keep statement vectors in this file between runs (created if missing).
    #[arg(long, value_name = "FILE")]
    pub embedding_cache: Option<String>,
}

/// `eval stsb` arguments.
#[derive(Debug, Args)]
pub struct StsbArgs {
    /// The STS-B file to score (tab separated, no header).
    #[arg(value_name = "TEST.csv")]
    pub test: String,
    /// Score with this model file instead of the shipped one.
    #[arg(long, value_name = "MODEL.json")]
    pub model: Option<String>,
    /// The semantic model's options.
    #[cfg(feature = "semantic")]
    #[command(flatten)]
    pub embedding: EmbeddingArgs,
}

/// `eval docs` arguments.
#[derive(Debug, Args)]
pub struct DocsArgs {
    /// MRPC file whose equivalent pairs become shared claims.
    #[arg(long, value_name = "FILE.tsv")]
    pub mrpc: Option<String>,
    /// Fixture case folders (two or more .txt files and an `expected.toml`); repeatable.
    #[arg(long, value_name = "DIR")]
    pub fixture: Vec<String>,
    /// Number of generated document pairs.
    #[arg(long, default_value_t = DocsOptions::default().documents)]
    pub documents: usize,
    /// Shared claims per generated document pair.
    #[arg(long, default_value_t = DocsOptions::default().shared)]
    pub shared: usize,
    /// Omitted statements per side per generated document pair.
    #[arg(long, default_value_t = DocsOptions::default().omitted)]
    pub omitted: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = DocsOptions::default().seed)]
    pub seed: u64,
    /// Override the alignment's document-context threshold (default: the shipped one).
    #[arg(long, value_name = "X")]
    pub context_threshold: Option<f32>,
    /// Score every statement pair, never block candidates (long documents are blocked by
    /// default; this measures what blocking costs in accuracy).
    #[arg(long)]
    pub dense: bool,
}

/// Runs `eval`.
pub fn run(args: &EvalArgs, env: &crate::env::Env, stdout: &mut dyn Write) -> Result<u8> {
    let mut out = Vec::new();
    #[cfg(not(feature = "semantic"))]
    let _ = env;
    #[cfg(feature = "semantic")]
    let semantic_code = match &args.bench {
        EvalCommand::Mrpc(a) => semantic::model_dir(&a.embedding, env)
            .map(|dir| semantic::mrpc(a, &dir, &mut out))
            .transpose()?,
        EvalCommand::Stsb(a) => semantic::model_dir(&a.embedding, env)
            .map(|dir| semantic::stsb(a, &dir, &mut out))
            .transpose()?,
        EvalCommand::Docs(_) => None,
    };
    #[cfg(not(feature = "semantic"))]
    let semantic_code: Option<u8> = None;
    let code = match (semantic_code, &args.bench) {
        (Some(code), _) => code,
        (None, bench) => match bench {
            EvalCommand::Mrpc(a) => mrpc(a, &mut out)?,
            EvalCommand::Stsb(a) => stsb(a, &mut out)?,
            EvalCommand::Docs(a) => docs(a, &mut out)?,
        },
    };
    stdout.write_all(&out)?;
    stdout.flush()?;
    if code != 0 {
        // The figures are on stdout; say why the exit code is not 0.
        eprintln!("parallax: eval: accuracy below --min-accuracy");
    }
    Ok(code)
}

fn read(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| anyhow!("{path}: {}", io_problem(&e)))
}

fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::InvalidData => "not UTF-8 text".to_string(),
        _ => e.to_string(),
    }
}

fn load_model(path: Option<&str>) -> Result<Arc<Model>> {
    Ok(match path {
        None => Model::shipped_arc().clone(),
        Some(p) => Arc::new(Model::from_json(&read(p)?).map_err(|e| anyhow!("{p}: {e}"))?),
    })
}

/// The aligner's decision on a pair of one-statement documents, and the similarity.
fn decide(model: &Arc<Model>, detectors: &DetectorSet, a: &str, b: &str) -> (bool, f32) {
    let opts = AlignOptions::with_model(model.clone());
    let l = [Profile::with_weights(a, model.weights())];
    let r = [Profile::with_weights(b, model.weights())];
    let pa = align(&l, &r, detectors, &opts);
    let score = model.similarity(&l[0].sim, &r[0].sim);
    (!pa.alignments.is_empty(), score)
}

fn mrpc(a: &MrpcArgs, out: &mut Vec<u8>) -> Result<u8> {
    let test = read_mrpc(&read(&a.test)?, &a.test)?;
    let model = match &a.train {
        None => {
            let m = load_model(a.model.as_deref())?;
            writeln!(out, "model: {}", m.provenance)?;
            m
        }
        Some(path) => {
            let pairs = read_mrpc(&read(path)?, path)?;
            let sts = match &a.stsb_train {
                Some(p) => read_stsb(&read(p)?, p)?,
                None => Vec::new(),
            };
            let opts = train_options(a);
            let provenance = provenance(a, pairs.len(), sts.len());
            let report = train(&pairs, &sts, &opts, &provenance);
            write_trained(
                out,
                a,
                &Trained {
                    label: "trained",
                    pairs: (pairs.len(), sts.len()),
                    trees: report.model.trees.len(),
                    folds: opts.folds,
                    cross_validation: &report.cross_validation,
                    dev: &report.dev,
                    json: &report.model.to_json(),
                },
            )?;
            Arc::new(report.model)
        }
    };
    writeln!(out, "threshold={:.4}", model.threshold)?;
    let detectors = DetectorSet::all();
    let decisions: Vec<(bool, f32)> = test
        .par_iter()
        .map(|p| decide(&model, &detectors, &p.s1, &p.s2))
        .collect();
    let b = Binary::from_pairs(
        decisions
            .iter()
            .zip(&test)
            .map(|(d, p)| (d.0, p.equivalent)),
    );
    if let Some(path) = &a.predictions {
        let mut s = String::from("index\tid1\tid2\tgold\taligned\tsimilarity\n");
        for (i, (d, p)) in decisions.iter().zip(&test).enumerate() {
            s.push_str(&format!(
                "{i}\t{}\t{}\t{}\t{}\t{:.4}\n",
                p.id1,
                p.id2,
                u8::from(p.equivalent),
                u8::from(d.0),
                d.1
            ));
        }
        std::fs::write(path, s).with_context(|| path.clone())?;
    }
    writeln!(out, "{}", b.line())?;
    Ok(match a.min_accuracy {
        Some(min) if b.accuracy() < min => 1,
        _ => 0,
    })
}

/// The trainer settings the command line chose (shared by the lexical and semantic trainers).
fn train_options(a: &MrpcArgs) -> TrainOptions {
    TrainOptions {
        gbdt: GbdtOptions {
            rounds: a.rounds,
            depth: a.depth,
            learning_rate: a.learning_rate,
            ..GbdtOptions::default()
        },
        sts_weight: a.sts_weight,
        ..TrainOptions::default()
    }
}

/// What a training run reports, whichever model it trained.
struct Trained<'a> {
    /// First word of the summary line ("trained", "trained (semantic)").
    label: &'a str,
    /// MRPC and STS-B training pairs.
    pairs: (usize, usize),
    trees: usize,
    folds: usize,
    cross_validation: &'a Binary,
    dev: &'a Binary,
    /// The model file's text, written when `--write-model` asks for it.
    json: &'a str,
}

/// Prints the training summary (out-of-fold figures) and writes the model file if asked.
fn write_trained(out: &mut Vec<u8>, a: &MrpcArgs, t: &Trained) -> Result<()> {
    writeln!(
        out,
        "{}: {} MRPC pairs, {} STS-B pairs, {} trees of depth {}",
        t.label, t.pairs.0, t.pairs.1, t.trees, a.depth
    )?;
    writeln!(
        out,
        "train cross-validation ({} folds): {}",
        t.folds,
        t.cross_validation.line()
    )?;
    writeln!(
        out,
        "train dev rows (index mod 10 = 0, out of fold): {}",
        t.dev.line()
    )?;
    if let Some(w) = &a.write_model {
        std::fs::write(w, t.json).with_context(|| w.clone())?;
        writeln!(out, "model written to {w}")?;
    }
    Ok(())
}

/// How a trained model file was produced, written into it for the record.
fn provenance(a: &MrpcArgs, mrpc_pairs: usize, sts_pairs: usize) -> String {
    format!(
        "parallax eval mrpc --train {mrpc_pairs} pairs (MRPC train){} --rounds {} --depth {} --learning-rate {} --sts-weight {}",
        if sts_pairs == 0 {
            String::new()
        } else {
            format!(" --stsb-train {sts_pairs} pairs (STS-B train)")
        },
        a.rounds,
        a.depth,
        a.learning_rate,
        a.sts_weight,
    )
}

fn stsb(a: &StsbArgs, out: &mut Vec<u8>) -> Result<u8> {
    let test = read_stsb(&read(&a.test)?, &a.test)?;
    let model = load_model(a.model.as_deref())?;
    writeln!(out, "model: {}", model.provenance)?;
    let sim: Vec<f64> = test
        .par_iter()
        .map(|p| {
            let l = Profile::with_weights(&p.s1, model.weights());
            let r = Profile::with_weights(&p.s2, model.weights());
            f64::from(model.similarity(&l.sim, &r.sim))
        })
        .collect();
    let gold: Vec<f64> = test.iter().map(|p| f64::from(p.score)).collect();
    correlations(&test, &sim, &gold, out)?;
    Ok(0)
}

/// Per-genre and overall Pearson and Spearman lines.
fn correlations(
    test: &[parallax::eval::data::StsPair],
    sim: &[f64],
    gold: &[f64],
    out: &mut Vec<u8>,
) -> Result<()> {
    let mut genres: Vec<&str> = test.iter().map(|p| p.genre.as_str()).collect();
    genres.sort_unstable();
    genres.dedup();
    for g in genres {
        let idx: Vec<usize> = (0..test.len()).filter(|&i| test[i].genre == g).collect();
        let s: Vec<f64> = idx.iter().map(|&i| sim[i]).collect();
        let y: Vec<f64> = idx.iter().map(|&i| gold[i]).collect();
        writeln!(
            out,
            "{g}: pearson={:.4} spearman={:.4} pairs={}",
            pearson(&s, &y),
            spearman(&s, &y),
            idx.len()
        )?;
    }
    writeln!(
        out,
        "pearson={:.4} spearman={:.4} pairs={}",
        pearson(sim, gold),
        spearman(sim, gold),
        test.len()
    )?;
    Ok(())
}

fn docs(a: &DocsArgs, out: &mut Vec<u8>) -> Result<u8> {
    if a.mrpc.is_none() && a.fixture.is_empty() {
        return Err(anyhow!("eval docs: give --mrpc FILE and/or --fixture DIR"));
    }
    let opts = DocsOptions {
        documents: a.documents,
        shared: a.shared,
        omitted: a.omitted,
        seed: a.seed,
    };
    let mut cases = Vec::new();
    if let Some(path) = &a.mrpc {
        let pairs = read_mrpc(&read(path)?, path)?;
        cases.extend(mrpc_documents(&pairs, &opts).map_err(|e| anyhow!("{path}: {e}"))?);
    }
    for dir in &a.fixture {
        cases.extend(fixture_case(std::path::Path::new(dir)).map_err(|e| anyhow!("{e}"))?);
    }
    let mut align_opts = AlignOptions::default();
    if a.dense {
        align_opts.block = None;
    }
    if let Some(t) = a.context_threshold {
        align_opts.context_threshold = t;
    }
    let r = evaluate_docs(&cases, &align_opts);
    writeln!(
        out,
        "document pairs: {} ({} shared claims, {} omissions)",
        cases.len(),
        r.gold_alignments,
        r.gold_omissions
    )?;
    writeln!(
        out,
        "alignment: precision={:.4} recall={:.4} f1={:.4}",
        r.alignment.0, r.alignment.1, r.alignment.2
    )?;
    writeln!(
        out,
        "omission: precision={:.4} recall={:.4} f1={:.4}",
        r.omission.0, r.omission.1, r.omission.2
    )?;
    Ok(0)
}

/// `eval mrpc|stsb` with the semantic model (cargo feature `semantic`): the same output lines,
/// the decision being the semantic model's similarity against its threshold.
#[cfg(feature = "semantic")]
mod semantic {
    use std::io::Write;
    use std::path::Path;

    use anyhow::{Context, Result, anyhow};
    use parallax::eval::data::{MrpcPair, StsPair, read_mrpc, read_stsb};
    use parallax::eval::metrics::Binary;
    use parallax::eval::semantic::{StatementPair, TOKEN_DIMS, train_semantic};
    use parallax::profile::Profile;
    use parallax::semantic::embed::Encoded;
    use parallax::semantic::model::Statement;
    use parallax::semantic::{Embedder, EmbeddingCache, SemanticModel};
    use rayon::prelude::*;

    use super::{
        EmbeddingArgs, MrpcArgs, StsbArgs, Trained, provenance, read, train_options, write_trained,
    };

    /// The model folder: `--embedding-model`, else `$PARALLAX_EMBEDDING_MODEL`.
    pub fn model_dir(a: &EmbeddingArgs, env: &crate::env::Env) -> Option<String> {
        a.embedding_model
            .clone()
            .or_else(|| env.embedding_model.clone())
    }

    /// Every statement of `texts` encoded, with the content flags of its word pieces.
    struct Encodings {
        encoded: Vec<Encoded>,
        content: Vec<Vec<bool>>,
    }

    impl Encodings {
        fn statement(&self, i: usize) -> Statement<'_> {
            Statement {
                encoded: &self.encoded[i],
                content: &self.content[i],
            }
        }

        /// Statements `2k` and `2k + 1` of `range` as pairs.
        fn pairs(&self, range: std::ops::Range<usize>) -> Vec<StatementPair<'_>> {
            range
                .step_by(2)
                .map(|i| (self.statement(i), self.statement(i + 1)))
                .collect()
        }
    }

    /// Loads the encoder and the cache, encodes every sentence of `texts` (cached ones are
    /// read), writes the cache back if it grew.
    fn encode(dir: &str, a: &EmbeddingArgs, texts: &[&str]) -> Result<Encodings> {
        let embedder = Embedder::load(Path::new(dir))?;
        let mut cache = match &a.embedding_cache {
            Some(path) => match std::fs::read(path) {
                Ok(bytes) => {
                    EmbeddingCache::from_bytes(&bytes, embedder.identity(), embedder.dim())
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    EmbeddingCache::new(embedder.identity(), embedder.dim())
                }
                Err(e) => return Err(anyhow!("{path}: {e}")),
            },
            None => EmbeddingCache::new(embedder.identity(), embedder.dim()),
        };
        let encoded: Vec<Encoded> = cache
            .encode(&embedder, texts)?
            .into_iter()
            .cloned()
            .collect();
        if let Some(path) = &a.embedding_cache
            && cache.added() > 0
        {
            // Written whole, then renamed: a reader never sees half a cache.
            let tmp = format!("{path}.tmp");
            std::fs::write(&tmp, cache.to_bytes()).with_context(|| tmp.clone())?;
            std::fs::rename(&tmp, path).with_context(|| path.clone())?;
        }
        let content = encoded
            .iter()
            .map(|e| embedder.content_mask(&e.tokens.ids))
            .collect();
        Ok(Encodings { encoded, content })
    }

    fn load(path: Option<&str>) -> Result<SemanticModel> {
        Ok(match path {
            None => SemanticModel::shipped().clone(),
            Some(p) => SemanticModel::from_json(&read(p)?).map_err(|e| anyhow!("{p}: {e}"))?,
        })
    }

    fn similarity(
        m: &SemanticModel,
        a: &str,
        ea: Statement<'_>,
        b: &str,
        eb: Statement<'_>,
    ) -> f32 {
        let l = Profile::with_weights(a, &m.weights);
        let r = Profile::with_weights(b, &m.weights);
        m.similarity(&l.sim, &m.prepare(ea), &r.sim, &m.prepare(eb))
    }

    fn pair_texts<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<&'a str> {
        pairs.flat_map(|(a, b)| [a, b]).collect()
    }

    fn mrpc_texts(p: &[MrpcPair]) -> impl Iterator<Item = (&str, &str)> {
        p.iter().map(|p| (p.s1.as_str(), p.s2.as_str()))
    }

    fn sts_texts(p: &[StsPair]) -> impl Iterator<Item = (&str, &str)> {
        p.iter().map(|p| (p.s1.as_str(), p.s2.as_str()))
    }

    pub fn mrpc(a: &MrpcArgs, dir: &str, out: &mut Vec<u8>) -> Result<u8> {
        let test = read_mrpc(&read(&a.test)?, &a.test)?;
        let train = match &a.train {
            Some(p) => read_mrpc(&read(p)?, p)?,
            None => Vec::new(),
        };
        let sts = match &a.stsb_train {
            Some(p) => read_stsb(&read(p)?, p)?,
            None => Vec::new(),
        };
        let mut texts = pair_texts(mrpc_texts(&test));
        texts.extend(pair_texts(mrpc_texts(&train)));
        texts.extend(pair_texts(sts_texts(&sts)));
        let enc = encode(dir, &a.embedding, &texts)?;
        let (nt, nm) = (2 * test.len(), 2 * train.len());
        let vt = enc.pairs(0..nt);
        let model = if a.train.is_some() {
            let opts = train_options(a);
            let provenance = format!(
                "{} --embedding-model all-MiniLM-L6-v2 ({} dimensions, mean pooling; word pieces projected to {TOKEN_DIMS})",
                provenance(a, train.len(), sts.len()),
                enc.encoded.first().map_or(0, |e| e.sentence.len()),
            );
            let vm = enc.pairs(nt..nt + nm);
            let vs = enc.pairs(nt + nm..texts.len());
            let report = train_semantic(&train, &vm, &sts, &vs, &opts, &provenance);
            write_trained(
                out,
                a,
                &Trained {
                    label: "trained (semantic)",
                    pairs: (train.len(), sts.len()),
                    trees: report.model.trees.len(),
                    folds: opts.folds,
                    cross_validation: &report.cross_validation,
                    dev: &report.dev,
                    json: &report.model.to_json(),
                },
            )?;
            report.model
        } else {
            let m = load(a.model.as_deref())?;
            writeln!(out, "model: {}", m.provenance)?;
            m
        };
        writeln!(out, "threshold={:.4}", model.threshold)?;
        let sim: Vec<f32> = test
            .par_iter()
            .zip(&vt)
            .map(|(p, (ea, eb))| similarity(&model, &p.s1, *ea, &p.s2, *eb))
            .collect();
        let aligned = |s: f32| s >= model.threshold;
        let b = Binary::from_pairs(
            sim.iter()
                .zip(&test)
                .map(|(&s, p)| (aligned(s), p.equivalent)),
        );
        if let Some(path) = &a.predictions {
            let mut s = String::from("index\tid1\tid2\tgold\taligned\tsimilarity\n");
            for (i, (&x, p)) in sim.iter().zip(&test).enumerate() {
                s.push_str(&format!(
                    "{i}\t{}\t{}\t{}\t{}\t{x:.4}\n",
                    p.id1,
                    p.id2,
                    u8::from(p.equivalent),
                    u8::from(aligned(x)),
                ));
            }
            std::fs::write(path, s).with_context(|| path.clone())?;
        }
        writeln!(out, "{}", b.line())?;
        Ok(match a.min_accuracy {
            Some(min) if b.accuracy() < min => 1,
            _ => 0,
        })
    }

    pub fn stsb(a: &StsbArgs, dir: &str, out: &mut Vec<u8>) -> Result<u8> {
        let test = read_stsb(&read(&a.test)?, &a.test)?;
        let model = load(a.model.as_deref())?;
        let texts = pair_texts(sts_texts(&test));
        let enc = encode(dir, &a.embedding, &texts)?;
        writeln!(out, "model: {}", model.provenance)?;
        let pairs = enc.pairs(0..texts.len());
        let sim: Vec<f64> = test
            .par_iter()
            .zip(&pairs)
            .map(|(p, (ea, eb))| f64::from(similarity(&model, &p.s1, *ea, &p.s2, *eb)))
            .collect();
        let gold: Vec<f64> = test.iter().map(|p| f64::from(p.score)).collect();
        super::correlations(&test, &sim, &gold, out)?;
        Ok(0)
    }
}
