//! Writes a ~5,000-word document pair made of real news sentences (MRPC, read from the
//! benchmark data at run time, never copied into the repository): equivalent MRPC pairs as
//! shared claims, sentences of unrelated pairs as omissions, both sides shuffled
//! (`parallax::eval::docs::mrpc_documents`, seed 1). The realistic counterpart of
//! `gen_long`, whose template sentences share most of their words on purpose.
//!
//! ```text
//! cargo run --release --example gen_news_long -- ../shared/data/mrpc/test.tsv target/parallax-news
//! target/release/parallax compare --threads 1 --format json target/parallax-news/left.txt target/parallax-news/right.txt
//! ```
//!
//! Arguments: MRPC.tsv DIR [SHARED=225] [OMITTED=30].

use parallax::eval::data::read_mrpc;
use parallax::eval::docs::{DocsOptions, mrpc_documents};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(tsv), Some(dir)) = (args.first(), args.get(1)) else {
        return Err("usage: gen_news_long MRPC.tsv DIR [SHARED] [OMITTED]".into());
    };
    let num = |i: usize, d: usize| args.get(i).map_or(Ok(d), |s| s.parse::<usize>());
    let pairs = read_mrpc(&std::fs::read_to_string(tsv)?, tsv)?;
    let opts = DocsOptions {
        documents: 1,
        shared: num(2, 225)?,
        omitted: num(3, 30)?,
        seed: 1,
    };
    let case = mrpc_documents(&pairs, &opts)?
        .into_iter()
        .next()
        .ok_or("not enough MRPC pairs")?;
    std::fs::create_dir_all(dir)?;
    // One statement per paragraph: MRPC sentences are single sentences already.
    for (name, side) in [("left.txt", &case.left), ("right.txt", &case.right)] {
        let path = std::path::Path::new(dir).join(name);
        std::fs::write(&path, side.join("\n\n") + "\n")?;
        let words: usize = side.iter().map(|s| s.split_whitespace().count()).sum();
        println!(
            "{} ({} statements, {words} words)",
            path.display(),
            side.len()
        );
    }
    Ok(())
}
