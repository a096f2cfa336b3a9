//! Writes the two ~5,000-word benchmark articles to a directory (default: the system temp
//! directory), for measuring the release binary's time and peak memory:
//!
//! ```text
//! cargo run --release --example gen_long -- target/parallax-long
//! /usr/bin/time -v target/release/parallax compare target/parallax-long/left.txt target/parallax-long/right.txt > /dev/null
//! ```

#[path = "../benches/support/long_articles.rs"]
mod long_articles;

fn main() -> std::io::Result<()> {
    let dir = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("parallax-long"));
    let words = std::env::args()
        .nth(2)
        .and_then(|w| w.parse().ok())
        .unwrap_or(5_000);
    std::fs::create_dir_all(&dir)?;
    let (left, right) = long_articles::articles(words);
    for (name, text) in [("left.txt", &left), ("right.txt", &right)] {
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        println!(
            "{} ({} words)",
            path.display(),
            text.split_whitespace().count()
        );
    }
    Ok(())
}
