//! Speed of the semantic model's pair scorer on one core (cargo feature `semantic`): lexical
//! pair features, one dot product of two 384-dimension statement vectors, the token alignment
//! (every content word piece against every other side's, in the model's projected dimension)
//! and the trees, on prepared profiles, vectors and word-piece sets (all computed once per
//! statement, never per pair).
//!
//! `cargo bench --features semantic --bench semantic`; pairs/s = the `item_count` throughput.
//! The vectors are fixed pseudo-random unit vectors, one word-piece row per word of the
//! statement that is not a stop word (about what MiniLM's tokenizer gives): a pair's cost
//! depends on their number, not their values, and the benchmark needs no model folder.

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use parallax::profile::{Profile, is_stopword};
use parallax::semantic::embed::normalise;
use parallax::semantic::tokens::TokenSet;
use parallax::semantic::{Prepared, SemanticModel};

fn main() {
    divan::main();
}

/// The statements of `benches/scorer.rs`, each with a unit vector.
fn statements() -> Vec<(Profile, Prepared)> {
    let dims = SemanticModel::shipped().tokens.dims;
    let texts = [
        include_str!("../fixtures/cases/rubio-sudani-call/washington.txt"),
        include_str!("../fixtures/cases/rubio-sudani-call/baghdad.txt"),
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut vector = |n: usize| {
        normalise(
            (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    (state >> 40) as f32 / (1u64 << 24) as f32 - 0.5
                })
                .collect(),
        )
    };
    let mut prepared = |s: &str| {
        let pieces = s
            .split_whitespace()
            .filter(|w| !is_stopword(&w.to_lowercase()))
            .count();
        let rows = (0..pieces).flat_map(|_| vector(dims)).collect();
        Prepared {
            sentence: vector(384),
            tokens: TokenSet {
                dims,
                rows,
                idf: vec![3.0; pieces],
            },
        }
    };
    let mut out = Vec::new();
    for t in texts {
        for s in t.split(". ").filter(|s| s.split_whitespace().count() > 4) {
            out.push((Profile::new(s), prepared(s)));
            let longer = format!("Officials said on Tuesday that {s}");
            out.push((Profile::new(&longer), prepared(&longer)));
        }
    }
    out
}

#[divan::bench]
fn semantic_score_pairs(bencher: Bencher) {
    let p = statements();
    let model = SemanticModel::shipped();
    let pairs: Vec<(usize, usize)> = (0..p.len())
        .flat_map(|i| (0..p.len()).map(move |j| (i, j)))
        .collect();
    bencher.counter(ItemsCount::new(pairs.len())).bench(|| {
        let mut sum = 0.0f32;
        for &(i, j) in &pairs {
            let (a, ea) = black_box(&p[i]);
            let (b, eb) = &p[j];
            sum += model.similarity(&a.sim, ea, &b.sim, eb);
        }
        sum
    });
}
