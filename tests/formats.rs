//! The readers on pages we wrote to imitate real ones (fixtures/html/, fixtures/markdown/):
//! every article paragraph is kept, no boilerplate becomes a statement, metadata is read, and
//! a saved page and a copied Markdown readout compare like their plain-text versions.

use std::collections::BTreeSet;

use parallax::compare::{Options, compare};
use parallax::input::{InputFormat, InputOptions, read};
use parallax::segment::{SegmentOptions, segment};
use parallax::{Document, Report};

fn load(path: &str) -> Document {
    let input = read(path, None, &mut std::io::empty(), &InputOptions::default()).unwrap();
    assert!(input.warnings.is_empty(), "{path}: {:?}", input.warnings);
    input.document
}

fn statements(doc: &Document) -> Vec<String> {
    segment(doc, &SegmentOptions::default())
        .iter()
        .map(|s| doc.slice(s.span).to_string())
        .collect()
}

/// Curly apostrophes (HTML `&rsquo;`) folded to straight ones, so texts compare.
fn fold(s: &str) -> String {
    s.replace('’', "'")
}

/// Fails naming the first statement that contains a boilerplate phrase.
fn assert_no_boilerplate(path: &str, st: &[String], phrases: &[&str]) {
    for s in st {
        for p in phrases {
            assert!(
                !s.to_lowercase().contains(&p.to_lowercase()),
                "{path}: boilerplate {p:?} leaked into {s:?}"
            );
        }
    }
}

#[test]
fn news_page_keeps_every_paragraph_and_drops_boilerplate() {
    let path = "fixtures/html/news-article.html";
    let doc = load(path);
    assert!(doc.extracted);
    let st = statements(&doc);
    // Every paragraph of the article body, in order (one statement per sentence).
    let want = [
        "Rubio presses Iraq's Sudani on Iran-backed militias in phone call",
        "WASHINGTON — Secretary of State Marco Rubio urged Iraqi Prime Minister Mohammed Shia al-Sudani to disarm Iran-backed militias during a phone call on Tuesday, according to a State Department readout.",
        "Rubio warned that the armed groups threaten the lives of Americans and Iraqis and divert Iraqi resources to Tehran, spokesperson Tammy Bruce said in a statement.",
        "The two leaders also discussed U.S. commercial deals in Iraq, including a $3.5 billion energy agreement, the readout said.",
        "Baghdad's account of the call struck a different tone.",
        "A statement from al-Sudani's office said the prime minister stressed the importance of avoiding unilateral steps outside the framework of joint coordination.",
        "\"Iraq is committed to sustaining the momentum of bilateral cooperation between Baghdad and Washington,\" the statement said.",
        "The Iraqi readout did not mention the militias.",
        "It said al-Sudani reiterated his government's commitment to holding elections on schedule.",
        "Washington has pressed successive Iraqi governments to rein in the armed factions, several of which are part of the state-sanctioned Popular Mobilization Forces.",
        "Analysts said the differing readouts reflected the pressure al-Sudani faces at home ahead of the vote.",
    ];
    assert_eq!(st, want);
    assert_no_boilerplate(
        path,
        &st,
        &[
            "cookies",
            "Accept all",
            "Subscribe",
            "Advertisement",
            "Refinance",
            "travel deals",
            "Share",
            "Copy link",
            "Middle East Briefing",
            "Sign up",
            "Related coverage",
            "Iraq's election campaign opens",
            "US foreign policy",
            "Comments",
            "truthseeker77",
            "long overdue",
            "Most read",
            "rents fell",
            "All rights reserved",
            "Terms of use",
            "By Layla Haddad",
        ],
    );
    let m = &doc.meta;
    assert_eq!(m.outlet.as_deref(), Some("The Meridian Herald"));
    assert_eq!(m.author.as_deref(), Some("Layla Haddad"));
    assert_eq!(m.date.as_deref(), Some("2025-10-29"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://meridianherald.example/world/middle-east/rubio-sudani-call-militias")
    );
    assert_eq!(m.title.as_deref(), Some(want[0]));
}

#[test]
fn government_readout_page_matches_its_plain_text() {
    let path = "fixtures/html/washington-readout.html";
    let doc = load(path);
    let st: Vec<String> = statements(&doc).iter().map(|s| fold(s)).collect();
    let txt = statements(&load("fixtures/cases/rubio-sudani-call/washington.txt"));
    // The byline and date lines become metadata; every other statement is the same.
    let body: Vec<&String> = txt
        .iter()
        .filter(|s| *s != "Office of the Spokesperson" && *s != "October 28, 2025")
        .collect();
    assert_eq!(st.iter().collect::<Vec<_>>(), body);
    assert_no_boilerplate(
        path,
        &st,
        &[
            "official website",
            "cookies",
            "Skip to content",
            "Travel",
            "Careers",
            "Home ›",
            "Readout",
            "Share on",
            "Email this page",
            "Tags:",
            "Related Articles",
            "Barzani",
            "Stay connected",
            "Sign up for email",
            "lead U.S. foreign affairs agency",
            "Privacy Policy",
            "public domain",
            "dataLayer",
        ],
    );
    let m = &doc.meta;
    assert_eq!(
        m.outlet.as_deref(),
        Some("United States Department of State")
    );
    assert_eq!(m.date.as_deref(), Some("2025-10-28"));
    assert!(
        m.url
            .as_deref()
            .unwrap()
            .starts_with("https://www.state.example/")
    );
}

#[test]
fn markdown_readout_matches_its_plain_text() {
    let doc = load("fixtures/markdown/baghdad-readout.md");
    assert!(doc.extracted);
    let st = statements(&doc);
    let txt = statements(&load("fixtures/cases/rubio-sudani-call/baghdad.txt"));
    assert_eq!(st, txt);
    for s in &st {
        assert!(
            !s.contains("**") && !s.contains("http") && !s.contains("](") && !s.contains('*'),
            "{s:?}"
        );
    }
    let m = &doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Prime Minister al-Sudani Receives a Call from the US Secretary of State")
    );
    assert_eq!(
        m.outlet.as_deref(),
        Some("Media Office of the Prime Minister of Iraq")
    );
    assert_eq!(m.date.as_deref(), Some("2025-10-28"));
}

#[test]
fn markdown_notes_statements_from_headings_lists_quotes_and_tables() {
    let doc = load("fixtures/markdown/washington-notes.md");
    let st = statements(&doc);
    assert_eq!(
        st,
        [
            "Notes on the Rubio–al-Sudani call",
            "Compiled from the State Department readout and wire copy.",
            "What Washington said",
            "Rubio urged al-Sudani to disarm the Iran-backed militias.",
            "He warned that the militias siphon Iraqi resources for Tehran's benefit.",
            "Both sides discussed a $3.5 billion energy agreement.",
            "The deal covers gas capture.",
            "American companies stand ready to invest.",
            "Open questions",
            "Did Baghdad agree to any timetable?",
            "The Iraqi readout does not say.",
            "Side; Emphasis",
            "Washington; militias",
            "Baghdad; coordination",
            "See also for background.",
        ]
    );
    // Each list item, heading and table row is its own block; only the quote holds two
    // sentences.
    let blocks = doc.blocks.as_ref().unwrap();
    assert_eq!(blocks.len(), st.len() - 1);
}

/// Alignments as (left texts, right texts, relation), apostrophes folded.
fn alignment_set(r: &Report) -> BTreeSet<(Vec<String>, Vec<String>, String)> {
    let c = &r.comparisons[0];
    let (l, rt) = (&r.documents[c.left], &r.documents[c.right]);
    c.alignments
        .iter()
        .map(|a| {
            (
                a.left
                    .iter()
                    .map(|&i| fold(&l.statements[i].text))
                    .collect(),
                a.right
                    .iter()
                    .map(|&i| fold(&rt.statements[i].text))
                    .collect(),
                a.relation.as_str().to_string(),
            )
        })
        .collect()
}

#[test]
fn saved_page_and_markdown_readout_compare_like_plain_text() {
    let opts = Options::default();
    let plain = compare(
        &[
            load("fixtures/cases/rubio-sudani-call/washington.txt"),
            load("fixtures/cases/rubio-sudani-call/baghdad.txt"),
        ],
        &opts,
    )
    .unwrap();
    let rich = compare(
        &[
            load("fixtures/html/washington-readout.html"),
            load("fixtures/markdown/baghdad-readout.md"),
        ],
        &opts,
    )
    .unwrap();
    let (p, r) = (alignment_set(&plain), alignment_set(&rich));
    // Every alignment of the rich pair is one the plain pair makes too, and the plain pair
    // makes no other, except those involving the byline/date lines that HTML turns into
    // metadata.
    assert!(
        r.is_subset(&p),
        "extra: {:?}",
        r.difference(&p).collect::<Vec<_>>()
    );
    let dropped = ["Office of the Spokesperson", "October 28, 2025"];
    let missing: Vec<_> = p
        .difference(&r)
        .filter(|(l, _, _)| !l.iter().any(|t| dropped.contains(&t.as_str())))
        .collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
    assert!(!r.is_empty());
    // Offsets point into the extracted text that the report carries.
    for d in &rich.documents {
        let text = d
            .text
            .as_deref()
            .expect("extracted documents carry their text");
        for s in &d.statements {
            assert_eq!(&text[s.start..s.end], s.text);
        }
        assert!(!d.meta.is_empty());
    }
}

#[test]
fn json_record_is_read_with_metadata() {
    let rec = r#"{"id": "ina", "title": "PM receives call", "outlet": "Iraqi News Agency", "author": "INA staff", "date": "28 October 2025", "url": "https://ina.example/1", "text": "Al-Sudani received a call from Rubio. They discussed energy."}"#;
    let input =
        parallax::input::from_bytes("record.json", rec.as_bytes(), &InputOptions::default())
            .unwrap();
    assert_eq!(input.format, InputFormat::Json);
    let d = input.document;
    assert_eq!(d.id, "ina");
    assert_eq!(d.meta.date.as_deref(), Some("2025-10-28"));
    assert_eq!(
        statements(&d),
        [
            "Al-Sudani received a call from Rubio.",
            "They discussed energy."
        ]
    );
}

/// Runs the binary on the HTML and Markdown fixtures and returns stdout.
fn cli(format: &str) -> String {
    let out = assert_cmd::Command::cargo_bin("parallax")
        .unwrap()
        .env_remove("NO_COLOR")
        .env_remove("TERM")
        .env_remove("COLUMNS")
        .args([
            "compare",
            "fixtures/html/washington-readout.html",
            "fixtures/markdown/baghdad-readout.md",
            "--color",
            "never",
            "--width",
            "100",
            "-f",
            format,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn metadata_header_in_table_and_markdown() {
    // Only the header: the comparison below it belongs to other snapshots.
    let table = cli("table");
    let header: String = table
        .lines()
        .take_while(|l| !l.starts_with('┌'))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!("table_meta_header", header);
    let md = cli("markdown");
    let header: String = md
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!("markdown_meta_header", header);
    let json: serde_json::Value = serde_json::from_str(&cli("json")).unwrap();
    assert_eq!(json["documents"][1]["meta"]["date"], "2025-10-28");
}
