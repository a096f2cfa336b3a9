//! Bad and pathological input: every file in tests/bad-inputs/ against its expected outcome
//! in tests/bad-inputs/expected.toml (a clear one-line error and exit 2, or a graceful
//! report), inputs too big to commit generated here, and a property test that arbitrary bytes
//! through input → segment → compare never panic.

use std::path::Path;

use assert_cmd::Command;
use parallax::compare::{Options, compare};
use parallax::input::{InputFormat, InputOptions, from_bytes};
use parallax::segment::{SegmentOptions, segment};
use parallax::{Document, Error};
use proptest::prelude::*;
use serde::Deserialize;

const GOOD: &str = "fixtures/cases/rubio-sudani-call/baghdad.txt";

fn parallax() -> Command {
    let mut c = Command::cargo_bin("parallax").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("TERM")
        .env_remove("COLUMNS");
    c
}

#[derive(Debug, Deserialize)]
struct Manifest {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    file: String,
    #[serde(default)]
    args: Vec<String>,
    outcome: String,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    warning: Option<String>,
    #[serde(default)]
    statements: Option<usize>,
}

/// Runs `parallax compare <path> GOOD --format json <args>` and checks the outcome.
fn check(path: &str, args: &[String], case: &Case) {
    let out = parallax()
        .args(["compare", path, GOOD, "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let what = format!("{path} {args:?}: stderr={stderr:?}");
    match case.outcome.as_str() {
        "error" => {
            assert_eq!(out.status.code(), Some(2), "{what}");
            assert!(stdout.is_empty(), "{what}: stdout not empty");
            let lines: Vec<&str> = stderr.lines().collect();
            assert_eq!(lines.len(), 1, "{what}: want one line");
            let prefix = format!("parallax: {path}: ");
            assert!(lines[0].starts_with(&prefix), "{what}");
            let msg = case.message.as_deref().expect("error cases need a message");
            assert!(lines[0].contains(msg), "{what}: want {msg:?}");
        }
        "ok" => {
            assert_eq!(out.status.code(), Some(0), "{what}");
            let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            let doc = &report["documents"][0];
            let n = doc["statements"].as_array().unwrap().len();
            assert!(n >= case.statements.unwrap_or(1), "{what}: {n} statements");
            // The offsets contract holds on whatever text the reader produced.
            let text = match doc["text"].as_str() {
                Some(t) => t.to_string(),
                None => String::from_utf8(std::fs::read(path).unwrap()).unwrap_or_default(),
            };
            for s in doc["statements"].as_array().unwrap() {
                let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
                if doc["text"].is_string() {
                    assert_eq!(&text[a as usize..b as usize], s["text"].as_str().unwrap());
                }
            }
            match &case.warning {
                Some(w) => assert!(
                    stderr.starts_with(&format!("parallax: {path}: warning: "))
                        && stderr.contains(w.as_str()),
                    "{what}"
                ),
                None => assert!(stderr.is_empty(), "{what}"),
            }
        }
        other => panic!("unknown outcome {other}"),
    }
}

#[test]
fn every_bad_input_gets_its_expected_outcome() {
    let dir = Path::new("tests/bad-inputs");
    let manifest: Manifest =
        toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
    for case in &manifest.case {
        let path = format!("tests/bad-inputs/{}", case.file);
        assert!(Path::new(&path).exists(), "{path} listed but missing");
        check(&path, &case.args, case);
    }
    // Every file in the folder has an expectation.
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name != "expected.toml" {
            assert!(
                manifest.case.iter().any(|c| c.file == name),
                "{name} has no case in expected.toml"
            );
        }
    }
}

/// Writes generated content to a temp file named `name` and returns its path.
fn temp_input(dir: &tempfile::TempDir, name: &str, content: &[u8]) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, content).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn generated_pathological_inputs_complete() {
    let dir = tempfile::tempdir().unwrap();
    // A 1 MB line without punctuation: capped into bounded statements.
    let line: String =
        (0..200_000).map(|i| format!("w{i} ")).collect::<String>()[..1_000_000].to_string();
    let p = temp_input(&dir, "huge-line.txt", line.as_bytes());
    let ok = |p: &str, warning: Option<&str>, statements: usize| Case {
        file: p.into(),
        args: vec![],
        outcome: "ok".into(),
        message: None,
        warning: warning.map(str::to_string),
        statements: Some(statements),
    };
    check(&p, &[], &ok(&p, None, 250));

    // 100,000 tiny lines.
    let lines: String = (0..100_000).map(|i| format!("l{i}\n")).collect();
    let p = temp_input(&dir, "tiny-lines.txt", lines.as_bytes());
    check(&p, &[], &ok(&p, None, 1));

    // 100,000 nested divs: no stack overflow, flat-text fallback with a warning.
    let deep = format!(
        "{}Deep text survives.{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let p = temp_input(&dir, "deep.html", deep.as_bytes());
    check(&p, &[], &ok(&p, Some("read as flat text"), 1));

    // Deeply nested Markdown block quotes and lists.
    let md = format!("{}Quoted deep.\n\n{}- item\n", ">".repeat(50_000), "  ");
    let p = temp_input(&dir, "deep.md", md.as_bytes());
    check(&p, &[], &ok(&p, None, 1));

    // Over the size limit: refused before reading, with the limit named.
    let p = temp_input(&dir, "big.txt", &vec![b'a'; 4096]);
    let err = Case {
        file: p.clone(),
        args: vec![],
        outcome: "error".into(),
        message: Some("larger than the 4000-byte limit (raise it with --max-bytes)".into()),
        warning: None,
        statements: None,
    };
    check(&p, &["--max-bytes".into(), "4000".into()], &err);
}

#[test]
fn stdin_over_the_limit_is_refused() {
    parallax()
        .args(["compare", "-", GOOD, "--max-bytes", "10"])
        .write_stdin("Rubio spoke with al-Sudani on Tuesday.")
        .assert()
        .code(2)
        .stdout("")
        .stderr("parallax: -: larger than the 10-byte limit (raise it with --max-bytes)\n");
}

#[test]
fn input_format_overrides_the_extension() {
    // An HTML fixture read as text keeps its tags; read as HTML it does not.
    let out = parallax()
        .args([
            "compare",
            "fixtures/html/news-article.html",
            GOOD,
            "-f",
            "json",
            "--input-format",
            "text",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("<script"));
    parallax()
        .args([
            "compare",
            "-",
            GOOD,
            "-f",
            "json",
            "--input-format",
            "markdown",
        ])
        .write_stdin("Rubio **urged** action (https://x.test/a).")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "\"text\": \"Rubio urged action.\"",
        ));
}

fn all_formats() -> [InputFormat; 5] {
    [
        InputFormat::Auto,
        InputFormat::Text,
        InputFormat::Markdown,
        InputFormat::Html,
        InputFormat::Json,
    ]
}

/// Runs bytes through every reader, then segment and compare; checks what readers promise.
fn pipeline(bytes: &[u8]) {
    let other = Document::from_text("other", "Rubio spoke with al-Sudani. Baghdad agreed.");
    for format in all_formats() {
        for lossy in [false, true] {
            let opts = InputOptions {
                format,
                lossy,
                ..Default::default()
            };
            match from_bytes("fuzz.bin", bytes, &opts) {
                Ok(input) => {
                    let doc = input.document;
                    assert!(!doc.text.trim().is_empty());
                    let st = segment(&doc, &SegmentOptions::default());
                    for s in &st {
                        assert!(doc.text.get(s.span.start..s.span.end).is_some());
                    }
                    if !st.is_empty() {
                        let r = compare(&[doc, other.clone()], &Options::default()).unwrap();
                        assert_eq!(r.comparisons.len(), 1);
                    }
                }
                Err(Error::Input { problem, .. }) => {
                    assert!(
                        !problem.is_empty() && !problem.contains('\n'),
                        "{problem:?}"
                    );
                }
                Err(e) => panic!("unexpected error kind: {e}"),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        pipeline(&bytes);
    }

    #[test]
    fn arbitrary_markup_never_panics(s in "([<>/a-z =\"#*_\\[\\]()!\n-]|<div>|</p>|https://|\\*\\*|---\n|\\{|\"text\":|ok\\. ){0,60}") {
        pipeline(s.as_bytes());
    }
}
