//! Writes the deterministic batch corpus (benches/support/corpus.rs): sentences of the
//! fixtures recombined into events and perturbed per source. Both layouts `parallax batch`
//! reads: `DIR/events/<event>/<outlet>.txt` (a folder of event folders) and `DIR/events.jsonl`.
//!
//! ```text
//! cargo run --release --example gen_corpus -- target/parallax-corpus 1000 5 30
//! parallax batch target/parallax-corpus/events --out target/parallax-out
//! parallax batch --jsonl < target/parallax-corpus/events.jsonl > reports.jsonl
//! ```
//!
//! Arguments: DIR [EVENTS=1000] [SOURCES=5] [STATEMENTS=30] [SEED=1].

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::io::Write;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("parallax-corpus"));
    let num = |i: usize, d: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(d);
    let (events, sources, statements, seed) = (num(1, 1000), num(2, 5), num(3, 30), num(4, 1));
    let pool = corpus::fixture_sentences(env!("CARGO_MANIFEST_DIR").as_ref());
    let generated = corpus::generate(&pool, events, sources, statements, seed as u64);
    let events_dir = dir.join("events");
    if events_dir.exists() {
        std::fs::remove_dir_all(&events_dir)?;
    }
    let mut jsonl = std::io::BufWriter::new(
        std::fs::File::create(dir.join("events.jsonl")).or_else(|_| {
            std::fs::create_dir_all(&dir)?;
            std::fs::File::create(dir.join("events.jsonl"))
        })?,
    );
    for e in &generated {
        let d = events_dir.join(&e.id);
        std::fs::create_dir_all(&d)?;
        for (label, text) in &e.sources {
            std::fs::write(d.join(format!("{label}.txt")), text)?;
        }
        writeln!(jsonl, "{}", corpus::jsonl_line(e))?;
    }
    jsonl.flush()?;
    eprintln!(
        "{} events x {} sources (~{} statements, {} fixture sentences) in {}",
        events,
        sources,
        statements,
        pool.len(),
        dir.display()
    );
    Ok(())
}
