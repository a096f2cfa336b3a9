//! A ~5,000-word document pair made of real news sentences (MRPC, read from the benchmark
//! data at run time, never copied into the repository): equivalent MRPC pairs as shared
//! claims, sentences of unrelated pairs as omissions, both sides shuffled
//! (`parallax::eval::docs::mrpc_documents`, seed 1), one statement per paragraph. The
//! realistic counterpart of `long_articles.rs`, whose template sentences share most of their
//! words on purpose. Used by `examples/gen_news_long.rs` (files for the binary) and the
//! `compare` benchmark (the same texts in memory).

use parallax::eval::data::read_mrpc;
use parallax::eval::docs::{DocsOptions, mrpc_documents};

/// Shared claims and omitted statements per side of the default pair.
pub const SHARED: usize = 225;
/// Omitted statements per side of the default pair.
pub const OMITTED: usize = 30;

/// The two sides' statements `(left, right)` built from the MRPC file `tsv`.
pub fn statements(
    tsv: &std::path::Path,
    shared: usize,
    omitted: usize,
) -> Result<(Vec<String>, Vec<String>), Box<dyn std::error::Error>> {
    let name = tsv.display().to_string();
    let pairs = read_mrpc(&std::fs::read_to_string(tsv)?, &name)?;
    let opts = DocsOptions {
        documents: 1,
        shared,
        omitted,
        seed: 1,
    };
    let case = mrpc_documents(&pairs, &opts)?
        .into_iter()
        .next()
        .ok_or("not enough MRPC pairs")?;
    Ok((case.left, case.right))
}

/// One side as a text: one statement per paragraph (MRPC sentences are single sentences).
pub fn text(side: &[String]) -> String {
    side.join("\n\n") + "\n"
}
