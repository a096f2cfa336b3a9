//! Invariants, checked on generated input (proptest):
//! - segmentation never panics, and its spans are ordered, non-overlapping, non-empty,
//!   trimmed, and slice the input on char boundaries;
//! - every statement lands in exactly one alignment or omission list, whatever the texts;
//! - the output is byte-identical under rayon pools of 1 and 4 threads.

use std::sync::LazyLock;

use parallax::render::{Format, RenderOptions, render};
use parallax::segment::{SegmentOptions, segment};
use parallax::{Document, Options, compare};
use proptest::prelude::*;

/// Pieces of news prose, chosen to hit the segmenter's rules (abbreviations, initials,
/// quotes, numbers, blank lines, curly punctuation, NBSP).
const PIECES: &[&str] = &[
    "The",
    "U.S.",
    "Iraq",
    "urged",
    "Lt.",
    "Gen.",
    "Oct.",
    "21",
    "a.m.",
    "$3.5",
    "billion",
    "No.",
    "2",
    "Seth",
    "J.",
    "Frantzman",
    "said",
    "not",
    "reportedly",
    "militias",
    "3.25",
    "https://example.com/a.b?x=1",
    "“We",
    "agree.”",
    "\"No.\"",
    "(Reuters)",
    "—",
    "…",
    ".",
    "!",
    "?",
    ",",
    "\n",
    "\n\n",
    "\u{a0}",
    "\r\n",
    "Mr.",
    "al-Sudani",
    "p.m.",
    "Inc.",
    "e.g.",
    "Baghdad",
    "élections",
    "بغداد",
    "🙂",
];

fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(PIECES),
            prop::sample::select(&[" ", "", "  ", "\n"][..]),
        ),
        0..80,
    )
    .prop_map(|v| v.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

/// Sentences for documents that share some claims and not others.
const SENTENCES: &[&str] = &[
    "Secretary Rubio spoke with Prime Minister al-Sudani.",
    "The Secretary urged the Prime Minister to disarm the Iran-backed militias.",
    "The Prime Minister stressed the importance of avoiding unilateral steps.",
    "Al-Sudani reiterated the commitment to holding the elections on schedule.",
    "The two sides discussed U.S. commercial deals worth $3.5 billion.",
    "The two sides discussed US commercial deals worth $4 billion.",
    "American companies reportedly stand ready to invest in Iraq.",
    "American companies stand ready to invest in Iraq.",
    "Flights at Erbil airport were disrupted.",
    "Flights at Erbil airport were not disrupted.",
    "Three drones struck the Khor Mor gas field on Nov. 26.",
    "Two drones struck the Khor Mor gas field on Nov. 27.",
    "The coalition has about 2,500 troops in Iraq.",
    "Rubio Calls al-Sudani",
    "Both sides affirmed their commitment to shared interests.",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(SENTENCES),
            prop::sample::select(&[" ", "\n\n", "\n"][..]),
        ),
        1..14,
    )
    .prop_map(|v| v.into_iter().map(|(s, sep)| format!("{s}{sep}")).collect())
}

fn check_spans(text: &str) {
    let doc = Document::from_text("t", text);
    let st = segment(&doc, &SegmentOptions::default());
    let mut prev = 0;
    for (k, s) in st.iter().enumerate() {
        assert_eq!(s.index, k);
        assert!(s.span.start >= prev, "ordered and non-overlapping");
        assert!(s.span.start < s.span.end, "non-empty");
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        let t = &text[s.span.start..s.span.end];
        assert_eq!(t, t.trim(), "trimmed");
        prev = s.span.end;
    }
    // Nothing but whitespace is left out.
    let mut covered = vec![false; text.len()];
    for s in &st {
        covered[s.span.start..s.span.end].fill(true);
    }
    for (i, c) in text.char_indices() {
        assert!(
            covered[i] || c.is_whitespace(),
            "{c:?} at {i} is in no statement"
        );
    }
}

fn json(docs: &[Document]) -> String {
    let report = compare(docs, &Options::default()).unwrap();
    let mut out = Vec::new();
    render(&report, Format::Json, &RenderOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

static ONE: LazyLock<rayon::ThreadPool> = LazyLock::new(|| {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
});
static FOUR: LazyLock<rayon::ThreadPool> = LazyLock::new(|| {
    rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap()
});

proptest! {
    #[test]
    fn segmentation_tiles_any_unicode(text in "\\PC*") {
        check_spans(&text);
    }

    #[test]
    fn segmentation_tiles_news_like_text(text in prose()) {
        check_spans(&text);
    }

    #[test]
    fn segmentation_tiles_arbitrary_bytes_decoded_lossily(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_spans(&String::from_utf8_lossy(&bytes));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_statement_lands_exactly_once(a in document(), b in document(), c in document()) {
        let docs = [
            Document::from_text("a", a),
            Document::from_text("b", b),
            Document::from_text("c", c),
        ];
        let report = compare(&docs, &Options::default()).unwrap();
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        prop_assert_eq!(report.validate(&texts), Ok(()));
        prop_assert_eq!(report.comparisons.len(), 3);
        for c in &report.comparisons {
            for (side, n) in [(0, report.documents[c.left].statements.len()), (1, report.documents[c.right].statements.len())] {
                let mut seen = vec![0; n];
                for a in &c.alignments {
                    for &i in if side == 0 { &a.left } else { &a.right } { seen[i] += 1; }
                }
                for &i in if side == 0 { &c.only_left } else { &c.only_right } { seen[i] += 1; }
                prop_assert!(seen.iter().all(|&x| x == 1), "{:?}", seen);
            }
        }
    }

    #[test]
    fn output_is_the_same_at_one_and_four_threads(docs in prop::collection::vec(document(), 2..5)) {
        let docs: Vec<Document> = docs
            .into_iter()
            .enumerate()
            .map(|(i, t)| Document::from_text(format!("d{i}"), t))
            .collect();
        let one = ONE.install(|| json(&docs));
        let four = FOUR.install(|| json(&docs));
        prop_assert_eq!(one, four);
    }
}

/// Unescaped `|` in a Markdown line.
fn cells(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn table_fits_its_width(a in document(), b in document(), width in 40u16..200, color in any::<bool>()) {
        let docs = [Document::from_text("a", a), Document::from_text("b", b)];
        let report = compare(&docs, &Options::default()).unwrap();
        let mut out = Vec::new();
        render(&report, Format::Table, &RenderOptions { width, color }, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines() {
            // Count what a terminal shows: characters outside ANSI escape sequences.
            let mut visible = 0;
            let mut in_escape = false;
            for c in line.chars() {
                match (in_escape, c) {
                    (false, '\x1b') => in_escape = true,
                    (true, 'm') => in_escape = false,
                    (true, _) => {}
                    (false, _) => visible += 1,
                }
            }
            prop_assert!(visible <= usize::from(width), "{} > {}: {:?}", visible, width, line);
        }
    }

    #[test]
    fn markdown_tables_keep_their_shape(a in document(), b in document()) {
        let docs = [Document::from_text("a|x", a), Document::from_text("b", b)];
        let report = compare(&docs, &Options::default()).unwrap();
        let mut out = Vec::new();
        render(&report, Format::Markdown, &RenderOptions::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines().filter(|l| l.starts_with('|')) {
            let n = cells(line);
            prop_assert!(n == 4 || n == 5, "{} cells in {:?}", n, line);
        }
    }
}
