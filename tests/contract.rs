//! The JSON report, contract version 1 (docs/json-format.md), re-declared here with serde so
//! that renaming or dropping a field breaks this test rather than a user's script. Extra
//! sibling fields are allowed (no `deny_unknown_fields`); every contract field is required,
//! including the nullable `path` (`deserialize_with` makes a missing `Option` an error).
//!
//! On every fixture case, and on all fixture documents compared at once, it checks: the
//! partition (each statement in exactly one alignment or `only_*` list per comparison), the
//! N(N-1)/2 comparisons in stable order, `text == file[start..end]`, and the closed sets of
//! relation and detector names.

mod common;

use parallax::render::Format;
use serde::{Deserialize, Deserializer};

#[derive(Debug, Deserialize)]
struct Report {
    version: u32,
    documents: Vec<Document>,
    comparisons: Vec<Comparison>,
}

#[derive(Debug, Deserialize)]
struct Document {
    id: String,
    #[serde(deserialize_with = "nullable")]
    path: Option<String>,
    statements: Vec<Statement>,
}

#[derive(Debug, Deserialize)]
struct Statement {
    index: usize,
    start: usize,
    end: usize,
    text: String,
}

#[derive(Debug, Deserialize)]
struct Comparison {
    left: usize,
    right: usize,
    alignments: Vec<Alignment>,
    only_left: Vec<usize>,
    only_right: Vec<usize>,
}

#[derive(Debug, Deserialize)]
struct Alignment {
    left: Vec<usize>,
    right: Vec<usize>,
    relation: Relation,
    score: f64,
    signals: Vec<Signal>,
}

/// The closed set of relation words.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Relation {
    Shared,
    Reframed,
    Contradicted,
}

#[derive(Debug, Deserialize)]
struct Signal {
    detector: Detector,
    // Parsed only to prove the fields exist: evidence may be empty on one side.
    #[allow(dead_code)]
    left: String,
    #[allow(dead_code)]
    right: String,
    explanation: String,
}

/// The closed set of detector names, as documented in docs/json-format.md.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Detector {
    Lexical,
    Attribution,
    Intensity,
    Hedge,
    Quote,
    Number,
    Date,
    Negation,
    Entity,
    LoadedTerm,
}

/// A required field that may be `null`.
fn nullable<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)
}

/// Parses the JSON of `docs` with the re-declared schema and checks every invariant.
fn check(docs: &[parallax::Document]) -> Report {
    let json = common::render(&common::report(docs), Format::Json);
    let r: Report = serde_json::from_str(&json).expect("JSON matches contract v1");
    assert_eq!(r.version, 1);
    assert_eq!(r.documents.len(), docs.len());

    for (d, doc) in r.documents.iter().zip(docs) {
        assert_eq!(d.id, doc.id);
        assert_eq!(d.path, doc.path);
        // Offsets point into the file's own text.
        let file = std::fs::read_to_string(d.path.as_deref().unwrap()).unwrap();
        let mut prev_end = 0;
        for (k, s) in d.statements.iter().enumerate() {
            assert_eq!(s.index, k, "{}: indices count from 0 in order", d.id);
            assert!(
                s.start < s.end && s.start >= prev_end,
                "{}: spans ordered",
                d.id
            );
            assert_eq!(
                file.get(s.start..s.end),
                Some(s.text.as_str()),
                "{}: slice",
                d.id
            );
            prev_end = s.end;
        }
    }

    // Every unordered pair, in lexicographic order.
    let n = r.documents.len();
    let expected: Vec<(usize, usize)> = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .collect();
    let got: Vec<(usize, usize)> = r.comparisons.iter().map(|c| (c.left, c.right)).collect();
    assert_eq!(got, expected);
    assert_eq!(r.comparisons.len(), n * (n - 1) / 2);

    for c in &r.comparisons {
        for (side, count, only) in [
            ("left", r.documents[c.left].statements.len(), &c.only_left),
            (
                "right",
                r.documents[c.right].statements.len(),
                &c.only_right,
            ),
        ] {
            let mut seen = vec![0; count];
            for a in &c.alignments {
                let idx = if side == "left" { &a.left } else { &a.right };
                assert!(!idx.is_empty(), "an alignment has both sides");
                idx.iter().for_each(|&i| seen[i] += 1);
            }
            only.iter().for_each(|&i| seen[i] += 1);
            assert!(
                seen.iter().all(|&x| x == 1),
                "comparison {}-{}: {side} partition {seen:?}",
                c.left,
                c.right
            );
        }
        for a in &c.alignments {
            assert!((0.0..=1.0).contains(&a.score), "score {}", a.score);
            for s in &a.signals {
                assert!(!s.explanation.is_empty(), "{:?}", s.detector);
            }
            // A contradiction is always justified by at least one signal.
            if a.relation == Relation::Contradicted {
                assert!(!a.signals.is_empty(), "{a:?}");
            }
        }
    }
    r
}

#[test]
fn every_fixture_case_keeps_the_contract() {
    for case in common::cases() {
        check(&common::documents(&case));
    }
}

#[test]
fn all_fixture_documents_at_once_keep_the_contract() {
    let docs: Vec<parallax::Document> = common::cases()
        .iter()
        .flat_map(|c| common::documents(c))
        .collect();
    assert!(docs.len() >= 10);
    let r = check(&docs);
    assert_eq!(r.comparisons.len(), docs.len() * (docs.len() - 1) / 2);
}

#[test]
fn a_missing_field_is_an_error() {
    let json = r#"{"version":1,"documents":[{"id":"a","statements":[]}],"comparisons":[]}"#;
    let e = serde_json::from_str::<Report>(json)
        .unwrap_err()
        .to_string();
    assert!(e.contains("path"), "{e}");
}

#[test]
fn extra_sibling_fields_are_allowed() {
    let json = r#"{"version":1,"generator":"x","documents":[{"id":"a","path":null,"statements":[],"meta":{}}],"comparisons":[]}"#;
    let r: Report = serde_json::from_str(json).unwrap();
    assert_eq!(r.documents[0].path, None);
}

#[test]
fn unknown_relation_or_detector_is_rejected() {
    assert!(serde_json::from_str::<Relation>(r#""omitted""#).is_err());
    assert!(serde_json::from_str::<Detector>(r#""sarcasm""#).is_err());
    assert_eq!(
        serde_json::from_str::<Detector>(r#""loaded_term""#).unwrap(),
        Detector::LoadedTerm
    );
}
