//! Writes a ~5,000-word document pair made of real news sentences (MRPC, read from the
//! benchmark data at run time, never copied into the repository): equivalent MRPC pairs as
//! shared claims, sentences of unrelated pairs as omissions, both sides shuffled
//! (`parallax::eval::docs::mrpc_documents`, seed 1; the generator is
//! `benches/support/news_articles.rs`, shared with the `compare` benchmark). The realistic
//! counterpart of `gen_long`, whose template sentences share most of their words on purpose.
//!
//! ```text
//! cargo run --release --example gen_news_long -- ../shared/data/mrpc/test.tsv target/parallax-news
//! target/release/parallax compare --threads 1 --format json target/parallax-news/left.txt target/parallax-news/right.txt
//! ```
//!
//! Arguments: MRPC.tsv DIR [SHARED=225] [OMITTED=30].

#[path = "../benches/support/news_articles.rs"]
mod news_articles;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(tsv), Some(dir)) = (args.first(), args.get(1)) else {
        return Err("usage: gen_news_long MRPC.tsv DIR [SHARED] [OMITTED]".into());
    };
    let num = |i: usize, d: usize| args.get(i).map_or(Ok(d), |s| s.parse::<usize>());
    let (left, right) = news_articles::statements(
        tsv.as_ref(),
        num(2, news_articles::SHARED)?,
        num(3, news_articles::OMITTED)?,
    )?;
    std::fs::create_dir_all(dir)?;
    for (name, side) in [("left.txt", &left), ("right.txt", &right)] {
        let path = std::path::Path::new(dir).join(name);
        std::fs::write(&path, news_articles::text(side))?;
        let words: usize = side.iter().map(|s| s.split_whitespace().count()).sum();
        println!(
            "{} ({} statements, {words} words)",
            path.display(),
            side.len()
        );
    }
    Ok(())
}
