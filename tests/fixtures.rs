//! Judgement on the bundled fixture cases (each NOTE.md states the expected result), and
//! snapshots of the table (width 100, no colour), JSON and Markdown of every case.

mod common;

use parallax::Relation;
use parallax::detect::DetectorName;
use parallax::render::Format;
use parallax::report::{AlignmentReport, ComparisonReport, Report};

/// The single comparison of a two-document case.
fn only(report: &Report) -> &ComparisonReport {
    assert_eq!(report.comparisons.len(), 1);
    &report.comparisons[0]
}

/// Index of the statement of document `doc` that contains `needle`.
fn find(report: &Report, doc: usize, needle: &str) -> usize {
    let hits: Vec<usize> = report.documents[doc]
        .statements
        .iter()
        .filter(|s| s.text.contains(needle))
        .map(|s| s.index)
        .collect();
    assert_eq!(hits.len(), 1, "exactly one statement contains {needle:?}");
    hits[0]
}

/// The alignment holding left statement `i`.
fn alignment_of(c: &ComparisonReport, i: usize) -> &AlignmentReport {
    c.alignments
        .iter()
        .find(|a| a.left.contains(&i))
        .unwrap_or_else(|| panic!("left statement {i} is not aligned"))
}

fn detectors(a: &AlignmentReport) -> Vec<DetectorName> {
    a.signals.iter().map(|s| s.detector).collect()
}

#[test]
fn rubio_each_side_omits_the_others_main_point() {
    let r = common::report(&common::documents(&common::case("rubio-sudani-call")));
    let c = only(&r);
    let militias = find(&r, 0, "disarm the Iran-backed militias");
    let siphon = find(&r, 0, "siphon");
    assert!(c.only_left.contains(&militias), "{c:#?}");
    assert!(c.only_left.contains(&siphon), "{c:#?}");
    for needle in [
        "unilateral steps",
        "bilateral cooperation",
        "elections on schedule",
    ] {
        let j = find(&r, 1, needle);
        assert!(c.only_right.contains(&j), "{needle}: {c:#?}");
    }
    assert_eq!(c.summary.contradicted, 0);
}

#[test]
fn rubio_shared_deals_and_reframed_investment() {
    let r = common::report(&common::documents(&common::case("rubio-sudani-call")));
    let c = only(&r);
    // Same deals, same $3.5 billion: aligned, never contradicted, no number signal. (Whether
    // "The Secretary" → "The two sides" counts as a speaker change is the attribution
    // detector's call, so shared or reframed are both accepted.)
    let deals = alignment_of(c, find(&r, 0, "commercial deals"));
    assert_eq!(deals.right, [find(&r, 1, "commercial deals")]);
    assert_ne!(deals.relation, Relation::Contradicted, "{deals:#?}");
    assert!(
        !detectors(deals).contains(&DetectorName::Number),
        "{deals:#?}"
    );

    let invest = alignment_of(c, find(&r, 0, "stand ready to invest"));
    assert_eq!(invest.right, [find(&r, 1, "stand ready to invest")]);
    assert_eq!(invest.relation, Relation::Reframed);
    let attribution = invest
        .signals
        .iter()
        .find(|s| s.detector == DetectorName::Attribution)
        .expect("speech-verb signal");
    assert!(attribution.left.contains("stressed"), "{attribution:?}");
    assert!(attribution.right.contains("said"), "{attribution:?}");
    let hedge = invest
        .signals
        .iter()
        .find(|s| s.detector == DetectorName::Hedge)
        .expect("hedge signal");
    assert!(hedge.right.contains("reportedly"), "{hedge:?}");
    assert!(hedge.left.is_empty(), "{hedge:?}");
}

#[test]
fn wire_rewrite_is_all_shared() {
    let r = common::report(&common::documents(&common::case("wire-rewrite")));
    let c = only(&r);
    let (nl, nr) = (
        r.documents[0].statements.len(),
        r.documents[1].statements.len(),
    );
    assert_eq!(nl, nr);
    assert!(c.only_left.is_empty() && c.only_right.is_empty(), "{c:#?}");
    assert_eq!(c.alignments.len(), nl);
    for a in &c.alignments {
        assert_eq!(a.left, a.right, "statements pair in order here: {a:#?}");
        assert_eq!(a.relation, Relation::Shared, "{a:#?}");
        assert!(a.signals.is_empty(), "{a:#?}");
    }
    assert_eq!(c.summary.divergence, 0.0);
}

#[test]
fn numbers_and_dates_are_contradicted() {
    let r = common::report(&common::documents(&common::case("numbers-dates")));
    let c = only(&r);
    assert!(c.only_left.is_empty() && c.only_right.is_empty(), "{c:#?}");
    let headline = alignment_of(c, find(&r, 0, "Drone attack hits"));
    assert_eq!(headline.relation, Relation::Shared);
    // Figures are `number` signals; the days of the month may be named by a `number` or a
    // `date` detector. Either way the evidence shows both figures.
    for (needle, left, right, date_ok) in [
        ("SULAIMANI", "26", "27", true),
        ("drones struck", "Three", "Two", false),
        ("wounded", "seven", "four", false),
        ("Repairs", "$25 million", "$40 million", false),
        ("resume", "3", "10", true),
    ] {
        let a = alignment_of(c, find(&r, 0, needle));
        assert_eq!(a.right, [find(&r, 1, needle)], "{needle}");
        assert_eq!(a.relation, Relation::Contradicted, "{needle}: {a:#?}");
        let n = a
            .signals
            .iter()
            .find(|s| {
                s.detector == DetectorName::Number || (date_ok && s.detector == DetectorName::Date)
            })
            .unwrap_or_else(|| panic!("{needle}: no number signal in {a:#?}"));
        assert!(
            n.left.contains(left) && n.right.contains(right),
            "{needle}: {n:?}"
        );
    }
}

#[test]
fn reordered_claims_align_wherever_they_are() {
    let r = common::report(&common::documents(&common::case("reordered")));
    let c = only(&r);
    assert!(c.only_left.is_empty() && c.only_right.is_empty(), "{c:#?}");
    let pairs: Vec<(Vec<usize>, Vec<usize>)> = c
        .alignments
        .iter()
        .map(|a| (a.left.clone(), a.right.clone()))
        .collect();
    assert_eq!(
        pairs,
        [
            (vec![0], vec![2]),
            (vec![1], vec![4]),
            (vec![2], vec![0]),
            (vec![3], vec![1]),
            (vec![4], vec![3])
        ]
    );
    assert!(c.alignments.iter().all(|a| a.relation == Relation::Shared));
}

#[test]
fn erbil_negation_is_one_contradiction() {
    let r = common::report(&common::documents(&common::case("erbil-negation")));
    let c = only(&r);
    assert_eq!(c.alignments.len(), 1);
    let a = &c.alignments[0];
    assert_eq!(a.relation, Relation::Contradicted);
    assert_eq!(detectors(a), [DetectorName::Negation]);
    assert!(a.signals[0].right.contains("not"), "{a:#?}");
    assert!(!a.signals[0].left.contains("not"), "{a:#?}");
    assert!(c.only_left.is_empty() && c.only_right.is_empty());
}

/// Every case directory has a NOTE.md with inputs that exist, and at least two of them.
#[test]
fn every_case_is_complete() {
    let cases = common::cases();
    assert!(cases.len() >= 5, "{cases:?}");
    for case in cases {
        let inputs = common::inputs(&case);
        assert!(inputs.len() >= 2, "{}", case.display());
        assert!(inputs.iter().all(|p| p.is_file()), "{inputs:?}");
    }
}

#[test]
fn snapshots() {
    insta::glob!("../fixtures/cases", "*/NOTE.md", |note| {
        let case = note.parent().expect("case folder");
        let rel = std::path::Path::new("fixtures/cases").join(case.file_name().unwrap());
        let report = common::report(&common::documents(&rel));
        insta::assert_snapshot!("table", common::render(&report, Format::Table));
        insta::assert_snapshot!("markdown", common::render(&report, Format::Markdown));
        insta::assert_snapshot!("json", common::render(&report, Format::Json));
    });
}

/// Colour shown as text (delta's `explain_ansi`): each SGR sequence becomes `<codes>`.
fn explain_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find("\x1b[") {
        out.push_str(&rest[..p]);
        let after = &rest[p + 2..];
        let end = after.find('m').expect("SGR sequences end with m");
        out.push('<');
        out.push_str(&after[..end]);
        out.push('>');
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn coloured_table_snapshot() {
    let report = common::report(&common::documents(&common::case("rubio-sudani-call")));
    let opts = parallax::render::RenderOptions {
        width: 100,
        color: true,
    };
    let mut out = Vec::new();
    parallax::render::render(&report, Format::Table, &opts, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        !text.contains("[-") && !text.contains("{+"),
        "no markers in colour"
    );
    insta::assert_snapshot!(explain_ansi(&text));
}
