//! Speed of the teaching outputs on two ~5,000-word articles (`long_articles.rs`): the HTML
//! page and the worksheet, each from a finished report. Figures in docs/teaching.md.
//!
//! Run: `cargo bench --bench teach`

#[path = "support/long_articles.rs"]
mod long_articles;

use divan::{Bencher, black_box};
use parallax::Document;
use parallax::compare::{Options, compare};
use parallax::exercise::{ExerciseFormat, ExerciseOptions, KeyPlacement, build, render as sheet};
use parallax::render::{Format, RenderOptions, render};

fn main() {
    divan::main();
}

fn report() -> parallax::Report {
    let (l, r) = long_articles::articles(5_000);
    let docs = [
        Document::from_text("left", l),
        Document::from_text("right", r),
    ];
    compare(&docs, &Options::default()).unwrap()
}

/// The self-contained HTML page of a finished report.
#[divan::bench]
fn render_html_only(b: Bencher) {
    let report = report();
    let ropts = RenderOptions::default();
    b.bench(|| {
        let mut out = Vec::with_capacity(1 << 20);
        render(black_box(&report), Format::Html, &ropts, &mut out).unwrap();
        out.len()
    });
}

/// Building the worksheet (standard level) and rendering it as HTML with its key.
#[divan::bench]
fn worksheet_build_and_render(b: Bencher) {
    let report = report();
    b.bench(|| {
        let ws = build(black_box(&report), &ExerciseOptions::default());
        let mut out = Vec::with_capacity(1 << 20);
        sheet(&ws, ExerciseFormat::Html, KeyPlacement::Included, &mut out).unwrap();
        out.len()
    });
}
