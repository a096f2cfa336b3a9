//! The HTML report and worksheet pages as text: self-contained (a CSP that forbids every
//! request, no external address in any `src`/`href`), one row per side-by-side row with
//! omissions against a gap, the coverage matrix only for three or more sources, and every
//! piece of input text escaped.

mod common;

use parallax::Document;
use parallax::exercise::{ExerciseFormat, ExerciseOptions, KeyPlacement, build, render};
use parallax::render::html::{CellStatus, coverage_rows};
use parallax::render::{Format, Row, rows};

fn rubio() -> parallax::Report {
    common::report(&common::documents(&common::case("rubio-sudani-call")))
}

fn html(report: &parallax::Report) -> String {
    common::render(report, Format::Html)
}

#[test]
fn page_is_self_contained() {
    let page = html(&rubio());
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    for attr in ["src=", "href=", "@import", "url("] {
        assert!(!page.contains(attr), "{attr} would fetch something");
    }
    assert_eq!(page.matches("<script>").count(), 1, "one inline script");
    assert_eq!(page.matches("<style>").count(), 1, "one inline stylesheet");
}

#[test]
fn one_row_per_side_by_side_row_and_gaps_opposite_omissions() {
    let report = rubio();
    let page = html(&report);
    let c = &report.comparisons[0];
    let all = rows(c);
    assert_eq!(page.matches("data-kind=\"").count(), all.len());
    let omitted = all
        .iter()
        .filter(|r| matches!(r, Row::OnlyLeft(_) | Row::OnlyRight(_)))
        .count();
    assert_eq!(omitted, c.only_left.len() + c.only_right.len());
    assert_eq!(page.matches("data-kind=\"omitted\"").count(), omitted);
    assert_eq!(page.matches(" gap\" role=\"cell\"").count(), omitted);
    assert_eq!(
        page.matches("data-kind=\"reframed\"").count(),
        c.summary.reframed
    );
    // The reframed pair's evidence: word changes and both signals with their explanation.
    assert!(page.contains("<del title=\"only in washington\">He stressed that</del>"));
    assert!(page.contains("<ins title=\"only in baghdad\">reportedly</ins>"));
    assert!(page.contains("the speech verb changes from &#39;stressed&#39; to &#39;said&#39;"));
    // Filters for the four views, and a legend.
    for f in ["all", "omitted", "reframed", "contradicted"] {
        assert!(
            page.contains(&format!("data-filter=\"{f}\" aria-pressed")),
            "{f}"
        );
    }
    assert!(page.contains("id=\"legend\""));
    assert!(
        !page.contains("id=\"coverage\""),
        "no matrix for two sources"
    );
}

#[test]
fn three_sources_get_a_coverage_matrix() {
    let mut docs = common::documents(&common::case("rubio-sudani-call"));
    docs.push(Document::from_text(
        "wire",
        "Rubio urged al-Sudani to disarm the Iran-backed militias. Oil prices rose on Tuesday.",
    ));
    let report = common::report(&docs);
    let page = html(&report);
    assert!(page.contains("id=\"coverage\""));
    let matrix = coverage_rows(&report);
    // Every statement of every source is in exactly one row.
    for (d, doc) in report.documents.iter().enumerate() {
        let mut seen: Vec<usize> = matrix.iter().flat_map(|r| r.cells[d].clone()).collect();
        seen.sort();
        assert_eq!(seen, (0..doc.statements.len()).collect::<Vec<_>>());
    }
    // Only the wire mentions oil prices: one row, present in one source.
    let oil = matrix
        .iter()
        .find(|r| r.text.contains("Oil prices"))
        .unwrap();
    assert_eq!(oil.cells.iter().filter(|c| !c.is_empty()).count(), 1);
    assert_eq!(
        oil.status,
        [CellStatus::Absent, CellStatus::Absent, CellStatus::Present]
    );
    // The investment claim: reframed between the two readouts.
    let invest = matrix
        .iter()
        .find(|r| r.text.contains("American companies"))
        .unwrap();
    assert_eq!(
        invest.status[..2],
        [CellStatus::Reframed, CellStatus::Reframed]
    );
    // A cell is absent exactly when the source has no statement in the claim.
    for row in &matrix {
        for (cell, status) in row.cells.iter().zip(&row.status) {
            assert_eq!(cell.is_empty(), *status == CellStatus::Absent);
        }
    }
    assert_eq!(
        page.matches("<tr data-sources=").count(),
        matrix.len(),
        "one table row per claim"
    );
}

const NASTY: &str = "<script>alert(\"x\")</script> The minister said <b>AT&T</b> will 'invest' $5 billion. \
                     He stressed the talks went well. Officials reportedly met on Monday.";
const NASTY2: &str = "<script>alert(\"x\")</script> The minister said <b>AT&T</b> will 'invest' $5 billion. \
                      He said the talks went well. <img src=x onerror=alert(1)> Officials met on Monday.";

fn nasty_report() -> parallax::Report {
    let a = Document::from_text("<i>left</i>", NASTY);
    let b = Document::from_text("right\"><script>", NASTY2);
    common::report(&[a, b])
}

/// The only `<script` in the page is ours, and no input tag survives as markup.
fn assert_escaped(page: &str) {
    assert_eq!(
        page.matches("<script").count(),
        page.matches("<script>document").count()
    );
    for raw in ["<b>", "<img", "<i>left", "\"><script>"] {
        assert!(!page.contains(raw), "{raw} reached the page unescaped");
    }
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(page.contains("AT&amp;T"));
}

#[test]
fn report_page_escapes_all_input_text() {
    let page = html(&nasty_report());
    assert_eq!(page.matches("<script>").count(), 1);
    // The script is the fixed one, which starts by marking the document as scripted.
    let page = page.replace("<script>\ndocument", "<script>document");
    assert_escaped(&page);
}

#[test]
fn worksheet_page_escapes_all_input_text() {
    let report = nasty_report();
    let ws = build(&report, &ExerciseOptions::default());
    let mut out = Vec::new();
    render(&ws, ExerciseFormat::Html, KeyPlacement::Included, &mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert_eq!(
        page.matches("<script").count(),
        0,
        "the worksheet has no script"
    );
    assert!(!page.contains("<b>") && !page.contains("<img") && !page.contains("<i>left"));
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(page.contains("AT&amp;T"));
}

/// The Rubio page's content (between `<main>` and `</main>`; the stylesheet and script are
/// constants), one element per line so that a change reads as a small diff.
#[test]
fn rubio_page_snapshot() {
    let page = html(&rubio());
    let start = page.find("<main>").expect("main");
    let end = page.find("</main>").expect("/main") + "</main>".len();
    let body = page[start..end].replace("><", ">\n<");
    insta::assert_snapshot!("rubio_page", body);
}
