//! Which source carries which claim, on small events with known answers, and the invariant
//! that every statement of every source is in exactly one claim.

use proptest::prelude::*;

use crate::compare::{Options, compare};
use crate::document::Document;
use crate::report::{Coverage, Report};

fn run(texts: &[(&str, &str)]) -> Report {
    let docs: Vec<Document> = texts
        .iter()
        .map(|(id, t)| Document::from_text(*id, *t))
        .collect();
    compare(&docs, &Options::default()).unwrap()
}

/// The claim holding statement `i` of document `d`.
fn claim_of(r: &Report, d: usize, i: usize) -> &crate::report::ClaimReport {
    r.claims
        .iter()
        .find(|c| c.statements[d].contains(&i))
        .expect("every statement is in a claim")
}

#[test]
fn three_sources_matrix_shows_who_carries_what() {
    let r = run(&[
        (
            "wire",
            "A drone struck near Erbil airport on Tuesday. Flights were suspended for three hours. \
             Kurdish officials blamed an Iran-backed militia.",
        ),
        (
            "ministry",
            "A drone struck near Erbil airport on Tuesday. Flights were not suspended for three hours. \
             The ministry urged calm.",
        ),
        (
            "agency",
            "A drone reportedly struck near Erbil airport on Tuesday. Flights were suspended for three hours.",
        ),
    ]);
    assert_eq!(r.documents.len(), 3);
    // The drone strike: all three carry it.
    let strike = claim_of(&r, 0, 0);
    assert!(
        strike.cells.iter().all(|c| *c != Coverage::Absent),
        "{strike:?}"
    );
    // The flights: the ministry's denial is out-voted by the wire and the agency.
    let flights = claim_of(&r, 0, 1);
    assert_eq!(flights.cells[1], Coverage::Contradicted, "{flights:?}");
    assert_eq!(flights.cells[0], Coverage::Present, "{flights:?}");
    assert_eq!(flights.cells[2], Coverage::Present, "{flights:?}");
    // Blame: only the wire.
    let blame = claim_of(&r, 0, 2);
    assert_eq!(
        blame.cells,
        [Coverage::Present, Coverage::Absent, Coverage::Absent]
    );
    // The ministry's appeal: only the ministry.
    let calm = claim_of(&r, 1, 2);
    assert_eq!(calm.cells[1], Coverage::Present);
    assert_eq!(calm.cells[0], Coverage::Absent);
    // Most divergent first.
    assert!(
        r.claims
            .windows(2)
            .all(|w| w[0].divergence >= w[1].divergence)
    );
    assert!(r.claims[0].divergence >= blame.divergence);
    // The shortest wording is one of the statements, from the source named.
    for c in &r.claims {
        assert!(
            c.statements[c.source]
                .iter()
                .any(|&i| r.documents[c.source].statements[i].text == c.text)
        );
    }
}

#[test]
fn two_sources_have_no_claims_field() {
    let r = run(&[("a", "Flights resumed."), ("b", "Flights did not resume.")]);
    assert!(r.claims.is_empty());
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("\"claims\""));
}

fn sentence() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Flights at Erbil airport were suspended.",
        "Flights at Erbil airport were not suspended.",
        "The minister said 12 people were hurt.",
        "The minister said 15 people were hurt.",
        "Officials reportedly blamed a militia.",
        "Officials blamed a militia.",
        "Rain fell over Baghdad on Monday.",
        "The talks will resume next week.",
        "Oil prices rose sharply.",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn every_statement_is_in_exactly_one_claim(
        docs in prop::collection::vec(prop::collection::vec(sentence(), 1..6), 3..6)
    ) {
        let docs: Vec<Document> = docs
            .iter()
            .enumerate()
            .map(|(i, s)| Document::from_text(format!("s{i}"), s.join(" ")))
            .collect();
        let r = compare(&docs, &Options::default()).unwrap();
        for (d, doc) in r.documents.iter().enumerate() {
            for st in &doc.statements {
                let n = r.claims.iter().filter(|c| c.statements[d].contains(&st.index)).count();
                prop_assert_eq!(n, 1, "source {} statement {}", d, st.index);
            }
        }
        for c in &r.claims {
            prop_assert_eq!(c.cells.len(), r.documents.len());
            for (d, cell) in c.cells.iter().enumerate() {
                prop_assert_eq!(*cell == Coverage::Absent, c.statements[d].is_empty());
            }
        }
    }
}

/// A hand-built report: `docs` statement counts, and alignments `(left doc, right doc,
/// left statement, right statement, score)`.
fn hand_built(docs: &[usize], links: &[(usize, usize, usize, usize, f64)]) -> Vec<ClaimReport> {
    use crate::classify::Relation;
    use crate::report::{
        AlignmentReport, ComparisonReport, DocumentReport, StatementReport, Summary,
    };
    let documents: Vec<DocumentReport> = docs
        .iter()
        .enumerate()
        .map(|(d, &n)| DocumentReport {
            id: format!("d{d}"),
            path: None,
            statements: (0..n)
                .map(|i| StatementReport {
                    index: i,
                    start: 0,
                    end: 0,
                    text: format!("s{d}.{i}"),
                })
                .collect(),
            text: None,
            meta: Default::default(),
        })
        .collect();
    let mut comparisons = Vec::new();
    for l in 0..docs.len() {
        for r in l + 1..docs.len() {
            let alignments: Vec<AlignmentReport> = links
                .iter()
                .filter(|x| (x.0, x.1) == (l, r))
                .map(|&(_, _, i, j, score)| AlignmentReport {
                    left: vec![i],
                    right: vec![j],
                    relation: Relation::Shared,
                    score,
                    signals: vec![],
                })
                .collect();
            comparisons.push(ComparisonReport {
                left: l,
                right: r,
                alignments,
                only_left: vec![],
                only_right: vec![],
                summary: Summary::default(),
            });
        }
    }
    crate::claims::group(&documents, &comparisons)
}

use crate::report::ClaimReport;

#[test]
fn a_chain_of_links_does_not_put_two_statements_of_one_source_in_a_claim() {
    // d0.0 ~ d1.0 ~ d2.0 agree; d2.0 was also (more weakly) aligned with d0.1.
    let claims = hand_built(
        &[2, 1, 1],
        &[(0, 1, 0, 0, 0.9), (1, 2, 0, 0, 0.9), (0, 2, 1, 0, 0.6)],
    );
    assert_eq!(claims.len(), 2, "{claims:?}");
    let big = claims.iter().find(|c| c.statements[1] == [0]).unwrap();
    assert_eq!(big.statements, [vec![0], vec![0], vec![0]]);
    let lone = claims.iter().find(|c| c.statements[0] == [1]).unwrap();
    assert_eq!(
        lone.cells,
        [Coverage::Present, Coverage::Absent, Coverage::Absent]
    );
    // The stronger link wins whichever comparison comes first.
    let claims = hand_built(
        &[2, 1, 1],
        &[(0, 1, 0, 0, 0.5), (1, 2, 0, 0, 0.9), (0, 2, 1, 0, 0.8)],
    );
    let d2 = claims.iter().find(|c| c.statements[2] == [0]).unwrap();
    assert_eq!(d2.statements, [vec![1], vec![0], vec![0]], "{claims:?}");
}
