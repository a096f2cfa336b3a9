//! Speed of the alignment scorer on one core: scoring prepared profile pairs (the n×m inner
//! loop of alignment) and building a whole score matrix. Profiles are built outside the
//! timed region, as `compare` builds them once per statement.
//!
//! `cargo bench --bench scorer` (divan runs on one thread unless DIVAN_THREADS says
//! otherwise); pairs/s = the `item_count` throughput.

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use parallax::align::{Model, ScoreMatrix};
use parallax::detect::DetectorSet;
use parallax::profile::Profile;

fn main() {
    divan::main();
}

/// News-like statements: the two fixture readouts plus variations, ~20 words each.
fn statements() -> Vec<Profile> {
    let texts = [
        include_str!("../fixtures/cases/rubio-sudani-call/washington.txt"),
        include_str!("../fixtures/cases/rubio-sudani-call/baghdad.txt"),
    ];
    let mut out = Vec::new();
    for t in texts {
        for s in t.split(". ").filter(|s| s.split_whitespace().count() > 4) {
            out.push(Profile::new(s));
            out.push(Profile::new(&format!("Officials said on Tuesday that {s}")));
        }
    }
    out
}

#[divan::bench]
fn score_pairs(bencher: Bencher) {
    let p = statements();
    let model = Model::shipped();
    let pairs: Vec<(usize, usize)> = (0..p.len())
        .flat_map(|i| (0..p.len()).map(move |j| (i, j)))
        .collect();
    bencher.counter(ItemsCount::new(pairs.len())).bench(|| {
        let mut sum = 0.0f32;
        for &(i, j) in &pairs {
            sum += model.similarity(&black_box(&p[i]).sim, &p[j].sim);
        }
        sum
    });
}

#[divan::bench]
fn score_matrix(bencher: Bencher) {
    let p = statements();
    let detectors = DetectorSet::all();
    let model = Model::shipped();
    bencher
        .counter(ItemsCount::new(p.len() * p.len()))
        .bench(|| ScoreMatrix::build(black_box(&p), &p, &detectors, model));
}

#[divan::bench]
fn profile_statement(bencher: Bencher) {
    let text = "The Secretary discussed efforts to advance U.S. commercial deals in Iraq, including a $3.5 billion energy agreement.";
    bencher
        .counter(ItemsCount::new(1usize))
        .bench(|| Profile::new(black_box(text)));
}
