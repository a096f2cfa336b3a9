//! Throughput of `parallax batch` in the library, on the deterministic corpus of
//! `support/corpus.rs` (fixture sentences recombined and perturbed per source; ~30
//! statements per source): how time grows with the number of events (it should be linear)
//! and with sources per event (2, 5, 10, 20: pairs grow as k(k-1)/2, profiles as k). Each
//! benchmark counts document pairs, so divan prints pairs per second. Runs on the global
//! rayon pool (all cores), as the binary does. Figures in docs/performance.md.
//!
//! Run: `cargo bench --bench batch`

#[path = "support/corpus.rs"]
mod corpus;

use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use parallax::batch::stream::stream;
use parallax::batch::{BatchOptions, Event, Origin, Source, run_all};

fn main() {
    divan::main();
}

fn pool() -> &'static [String] {
    static POOL: OnceLock<Vec<String>> = OnceLock::new();
    POOL.get_or_init(|| corpus::fixture_sentences(env!("CARGO_MANIFEST_DIR").as_ref()))
}

fn events(n: usize, sources: usize) -> Vec<Event> {
    corpus::generate(pool(), n, sources, 30, 1)
        .into_iter()
        .map(|e| Event {
            id: e.id,
            title: Some(e.title),
            sources: e
                .sources
                .into_iter()
                .map(|(label, text)| Source {
                    label: Some(label),
                    outlet: None,
                    date: None,
                    origin: Origin::Text(text),
                })
                .collect(),
            problem: None,
        })
        .collect()
}

fn pairs(events: usize, sources: usize) -> ItemsCount {
    ItemsCount::new(events * sources * (sources - 1) / 2)
}

/// 10 events, k sources each: the cost per pair should stay flat as k grows.
#[divan::bench(args = [2, 5, 10, 20], sample_count = 3, sample_size = 1)]
fn sources_per_event(b: Bencher, k: usize) {
    let ev = events(10, k);
    let opts = BatchOptions::default();
    b.counter(pairs(10, k))
        .bench(|| run_all(black_box(&ev), &opts, &|_, o| o.summary).len());
}

/// n events of 5 sources: time should be linear in n.
#[divan::bench(args = [25, 50, 100], sample_count = 3, sample_size = 1)]
fn events_of_five_sources(b: Bencher, n: usize) {
    let ev = events(n, 5);
    let opts = BatchOptions::default();
    b.counter(pairs(n, 5))
        .bench(|| run_all(black_box(&ev), &opts, &|_, o| o.summary).len());
}

/// The JSONL map step: parse, compare, serialise one line per event (50 events × 5 sources).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn jsonl_stream(b: Bencher) {
    let input: String = corpus::generate(pool(), 50, 5, 30, 1)
        .iter()
        .map(|e| corpus::jsonl_line(e) + "\n")
        .collect();
    let opts = BatchOptions::default();
    b.counter(pairs(50, 5)).bench(|| {
        let mut out = Vec::with_capacity(8 << 20);
        stream(
            &mut input.as_bytes(),
            &mut out,
            &opts,
            parallax::batch::stream::CHUNK,
            None,
            &mut |_| {},
        )
        .unwrap();
        out.len()
    });
}
