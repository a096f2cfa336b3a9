//! Speed of `parallax compare` on two ~5,000-word articles (generated in
//! `long_articles.rs`), on one thread, stage by stage and end to end. Targets (issue 2):
//! under 20 ms per comparison on one core; figures in docs/performance.md.
//!
//! The `news` group runs the same stages on a realistic pair of real news sentences
//! (`news_articles.rs`, from MRPC's test file at `../shared/data/mrpc/test.tsv` beside the
//! repository, or the file named by `PARALLAX_MRPC`); without that file it prints a note
//! and skips.
//!
//! Run: `cargo bench --bench compare`

#[path = "support/long_articles.rs"]
mod long_articles;
#[path = "support/news_articles.rs"]
mod news_articles;

use divan::{Bencher, black_box};
use parallax::Document;
use parallax::align::{AlignOptions, align};
use parallax::compare::{Options, compare, compare_pair, prepare};
use parallax::render::{Format, RenderOptions, render};
use parallax::segment::{SegmentOptions, segment};

// The allocator the `parallax` binary uses, so the library is measured as the tool runs it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn docs() -> [Document; 2] {
    let (l, r) = long_articles::articles(5_000);
    [
        Document::from_text("left", l),
        Document::from_text("right", r),
    ]
}

/// A one-thread rayon pool, so the figure is "per comparison on one core".
fn one_core() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
}

/// Segmentation of one article.
#[divan::bench]
fn segment_one(b: Bencher) {
    let [l, _] = docs();
    b.bench(|| segment(black_box(&l), &SegmentOptions::default()));
}

/// Segmentation and profiling of one article.
#[divan::bench]
fn prepare_one(b: Bencher) {
    let [l, _] = docs();
    let opts = Options::default();
    b.bench(|| prepare(black_box(&l), &opts).profiles.len());
}

/// Alignment, detection and classification of one prepared pair.
#[divan::bench]
fn pair_only(b: Bencher) {
    bench_pair_only(b, docs());
}

/// The bodies shared by the template pair and the `news` group: each takes the documents.
fn bench_pair_only(b: Bencher, [l, r]: [Document; 2]) {
    let opts = Options::default();
    let (pl, pr) = (prepare(&l, &opts), prepare(&r, &opts));
    b.bench(|| compare_pair(black_box(&pl), black_box(&pr), 0, 1, &opts));
}

/// Alignment alone of one prepared pair, every pair scored (the path short documents take).
#[divan::bench]
fn align_dense(b: Bencher) {
    let [l, r] = docs();
    let opts = Options::default();
    let (pl, pr) = (prepare(&l, &opts), prepare(&r, &opts));
    let aopts = AlignOptions {
        block: None,
        ..AlignOptions::default()
    };
    b.bench(|| {
        align(
            black_box(&pl.profiles),
            &pr.profiles,
            &opts.detectors,
            &aopts,
        )
    });
}

/// Alignment alone of one prepared pair with candidate blocking (the default at this size).
#[divan::bench]
fn align_blocked(b: Bencher) {
    bench_align_blocked(b, docs());
}

fn bench_align_blocked(b: Bencher, [l, r]: [Document; 2]) {
    let opts = Options::default();
    let (pl, pr) = (prepare(&l, &opts), prepare(&r, &opts));
    b.bench(|| {
        align(
            black_box(&pl.profiles),
            &pr.profiles,
            &opts.detectors,
            &opts.align,
        )
    });
}

/// The whole library call on one core: two documents in, a report out.
#[divan::bench]
fn compare_end_to_end(b: Bencher) {
    bench_end_to_end(b, docs());
}

fn bench_end_to_end(b: Bencher, docs: [Document; 2]) {
    let opts = Options::default();
    let pool = one_core();
    b.bench(|| pool.install(|| compare(black_box(&docs), &opts).unwrap()));
}

/// Rendering a finished report as the default table (width 100, no colour).
#[divan::bench]
fn render_table_only(b: Bencher) {
    let docs = docs();
    let report = compare(&docs, &Options::default()).unwrap();
    let ropts = RenderOptions::default();
    b.bench(|| {
        let mut out = Vec::with_capacity(1 << 20);
        render(black_box(&report), Format::Table, &ropts, &mut out).unwrap();
        out.len()
    });
}

/// Rendering a finished report as JSON.
#[divan::bench]
fn render_json_only(b: Bencher) {
    let docs = docs();
    let report = compare(&docs, &Options::default()).unwrap();
    let ropts = RenderOptions::default();
    b.bench(|| {
        let mut out = Vec::with_capacity(1 << 20);
        render(black_box(&report), Format::Json, &ropts, &mut out).unwrap();
        out.len()
    });
}

/// Compare plus rendering the default table (what `parallax compare A B` does).
#[divan::bench]
fn compare_and_render_table(b: Bencher) {
    bench_compare_and_render_table(b, docs());
}

fn bench_compare_and_render_table(b: Bencher, docs: [Document; 2]) {
    let opts = Options::default();
    let ropts = RenderOptions::default();
    let pool = one_core();
    b.bench(|| {
        pool.install(|| {
            let report = compare(black_box(&docs), &opts).unwrap();
            let mut out = Vec::with_capacity(1 << 20);
            render(&report, Format::Table, &ropts, &mut out).unwrap();
            out.len()
        })
    });
}

/// The realistic pair: real news sentences (MRPC), ~5,000 words a side.
mod news {
    use super::*;

    /// The MRPC test file: `PARALLAX_MRPC`, else the shared data beside the repository.
    fn tsv() -> std::path::PathBuf {
        std::env::var_os("PARALLAX_MRPC").map_or_else(
            || {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../shared/data/mrpc/test.tsv")
            },
            std::path::PathBuf::from,
        )
    }

    /// The two documents, or `None` (after a note on stderr) when the data is absent.
    fn docs() -> Option<[Document; 2]> {
        let path = tsv();
        if !path.is_file() {
            eprintln!(
                "note: {} not found (set PARALLAX_MRPC to MRPC's test.tsv): news benchmarks skipped",
                path.display()
            );
            return None;
        }
        let (l, r) =
            news_articles::statements(&path, news_articles::SHARED, news_articles::OMITTED)
                .expect("MRPC file readable");
        Some([
            Document::from_text("left", news_articles::text(&l)),
            Document::from_text("right", news_articles::text(&r)),
        ])
    }

    /// Alignment, detection and classification of one prepared pair.
    #[divan::bench]
    fn pair_only(b: Bencher) {
        if let Some(d) = docs() {
            bench_pair_only(b, d);
        }
    }

    /// Alignment alone of one prepared pair with candidate blocking (the default).
    #[divan::bench]
    fn align_blocked(b: Bencher) {
        if let Some(d) = docs() {
            bench_align_blocked(b, d);
        }
    }

    /// The whole library call on one core: two documents in, a report out.
    #[divan::bench]
    fn compare_end_to_end(b: Bencher) {
        if let Some(d) = docs() {
            bench_end_to_end(b, d);
        }
    }

    /// Compare plus rendering the default table (what `parallax compare A B` does).
    #[divan::bench]
    fn compare_and_render_table(b: Bencher) {
        if let Some(d) = docs() {
            bench_compare_and_render_table(b, d);
        }
    }
}
