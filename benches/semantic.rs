//! Speed of the semantic model's pair scorer on one core (cargo feature `semantic`): lexical
//! pair features, one dot product of two 384-dimension statement vectors and the trees, on
//! prepared profiles and vectors (both are computed once per statement, never per pair).
//!
//! `cargo bench --features semantic --bench semantic`; pairs/s = the `item_count` throughput.
//! The vectors are fixed pseudo-random unit vectors: a pair's cost does not depend on their
//! values, and the benchmark needs no model folder.

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use parallax::profile::Profile;
use parallax::semantic::SemanticModel;
use parallax::semantic::embed::normalise;

fn main() {
    divan::main();
}

/// The statements of `benches/scorer.rs`, each with a unit vector.
fn statements() -> Vec<(Profile, Vec<f32>)> {
    let texts = [
        include_str!("../fixtures/cases/rubio-sudani-call/washington.txt"),
        include_str!("../fixtures/cases/rubio-sudani-call/baghdad.txt"),
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut vector = || {
        normalise(
            (0..384)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    (state >> 40) as f32 / (1u64 << 24) as f32 - 0.5
                })
                .collect(),
        )
    };
    let mut out = Vec::new();
    for t in texts {
        for s in t.split(". ").filter(|s| s.split_whitespace().count() > 4) {
            out.push((Profile::new(s), vector()));
            out.push((
                Profile::new(&format!("Officials said on Tuesday that {s}")),
                vector(),
            ));
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
