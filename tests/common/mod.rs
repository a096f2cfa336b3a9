//! Helpers shared by the integration tests: loading a fixture case in the input order its
//! NOTE.md names, and running the library on it.

#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};

use parallax::Document;

/// The fixture cases, sorted by folder name.
pub fn cases() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir("fixtures/cases")
        .expect("fixtures/cases exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.join("NOTE.md").is_file())
        .collect();
    out.sort();
    out
}

/// The input file names of a case, from the `inputs:` line of its NOTE.md.
pub fn inputs(case: &Path) -> Vec<PathBuf> {
    let note = std::fs::read_to_string(case.join("NOTE.md")).expect("NOTE.md");
    let line = note
        .lines()
        .find_map(|l| l.strip_prefix("inputs:"))
        .unwrap_or_else(|| panic!("{}: NOTE.md has no `inputs:` line", case.display()));
    line.split_whitespace().map(|f| case.join(f)).collect()
}

/// Reads a case's documents, labelled by file stem, with the relative path as given.
pub fn documents(case: &Path) -> Vec<Document> {
    inputs(case)
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("fixture text");
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let mut d = Document::from_text(stem, text);
            // Forward slashes so snapshots are the same on every platform.
            d.path = Some(p.to_string_lossy().replace('\\', "/"));
            d
        })
        .collect()
}

/// A case by folder name.
pub fn case(name: &str) -> PathBuf {
    Path::new("fixtures/cases").join(name)
}

/// Runs `parallax::compare` with default options.
pub fn report(docs: &[Document]) -> parallax::Report {
    parallax::compare(docs, &parallax::Options::default()).expect("compare")
}

/// Renders a report to a string.
pub fn render(report: &parallax::Report, format: parallax::render::Format) -> String {
    let opts = parallax::render::RenderOptions {
        width: 100,
        color: false,
    };
    let mut out = Vec::new();
    parallax::render::render(report, format, &opts, &mut out).expect("render");
    String::from_utf8(out).expect("UTF-8 output")
}
