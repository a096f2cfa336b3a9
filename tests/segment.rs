//! Segmentation against the tricky cases in fixtures/segment: each `NAME.txt` must split into
//! exactly the statements listed in `NAME.expected`, and every span must slice the input.

use std::path::PathBuf;

use parallax::Document;
use parallax::segment::{SegmentOptions, segment};

/// Collapses whitespace runs (newlines, NBSP) to one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("fixtures/segment")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

#[test]
fn tricky_cases_split_as_expected() {
    let cases = cases();
    assert!(cases.len() >= 4, "{cases:?}");
    let mut failures = Vec::new();
    for txt in cases {
        let text = std::fs::read_to_string(&txt).unwrap();
        let expected_path = txt.with_extension("expected");
        let expected: Vec<String> = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} is missing", expected_path.display()))
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(squash)
            .collect();
        let doc = Document::from_text("t", text.clone());
        let statements = segment(&doc, &SegmentOptions::default());
        for s in &statements {
            assert_eq!(doc.slice(s.span), &text[s.span.start..s.span.end]);
            assert_eq!(doc.slice(s.span), doc.slice(s.span).trim());
        }
        let got: Vec<String> = statements
            .iter()
            .map(|s| squash(doc.slice(s.span)))
            .collect();
        if got != expected {
            failures.push(format!(
                "{}:\n  expected:\n    {}\n  got:\n    {}",
                txt.display(),
                expected.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
