//! The `parallax` binary, end to end (assert_cmd): exit codes, stdin, labels, colour rules,
//! width, a broken pipe, and every kind of bad input. Every run goes through `parallax()`,
//! which clears the variables that change output (bat's hermetic helper).

use std::io::{Read, Write};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;

const W: &str = "fixtures/cases/rubio-sudani-call/washington.txt";
const B: &str = "fixtures/cases/rubio-sudani-call/baghdad.txt";
const WIRE: &str = "fixtures/cases/wire-rewrite/wire.txt";

/// The binary with a clean environment.
fn parallax() -> Command {
    let mut c = Command::cargo_bin("parallax").unwrap();
    for v in [
        "NO_COLOR",
        "TERM",
        "COLUMNS",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "FORCE_COLOR",
    ] {
        c.env_remove(v);
    }
    c
}

/// Runs with `args` and asserts a usage or input error: exit 2, nothing on stdout, one line
/// `parallax: ...` on stderr containing `needle`.
fn fails(args: &[&str], needle: &str) {
    let out = parallax().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}: stdout not empty");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("parallax: "), "{err}");
    assert!(err.contains(needle), "{args:?}: {err:?} lacks {needle:?}");
}

#[test]
fn compares_two_files() {
    parallax()
        .args(["compare", W, B])
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::contains("omitted by baghdad"))
        .stdout(predicate::str::contains("washington vs baghdad:"));
}

#[test]
fn exit_code_reports_divergence() {
    parallax()
        .args(["compare", "--exit-code", W, B])
        .assert()
        .code(1);
    // A text compared with itself has no divergence.
    parallax()
        .args(["compare", "--exit-code", WIRE, WIRE])
        .assert()
        .code(0);
    // Without the flag, divergence is not an error.
    parallax().args(["compare", W, B]).assert().code(0);
}

#[test]
fn stdin_once() {
    let text = std::fs::read_to_string(W).unwrap();
    parallax()
        .args(["compare", "--format", "json", "-", B])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\": \"stdin\""))
        .stdout(predicate::str::contains("\"path\": null"));
}

#[test]
fn stdin_twice_is_an_error() {
    fails(&["compare", "-", "-"], "stdin");
}

#[test]
fn labels_name_the_inputs_in_order() {
    parallax()
        .args(["compare", "--label", "State Dept", "--label", "PMO", W, B])
        .assert()
        .success()
        .stdout(predicate::str::contains("State Dept vs PMO:"));
    fails(
        &[
            "compare", "--label", "a", "--label", "b", "--label", "c", W, B,
        ],
        "--label",
    );
}

#[test]
fn three_inputs_give_three_comparisons() {
    let out = parallax()
        .args(["compare", "--format", "json", W, B, WIRE])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pairs: Vec<(u64, u64)> = v["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["left"].as_u64().unwrap(), c["right"].as_u64().unwrap()))
        .collect();
    assert_eq!(pairs, [(0, 1), (0, 2), (1, 2)]);
}

#[test]
fn output_is_the_same_at_any_thread_count() {
    let run = |t: &str| {
        parallax()
            .args(["compare", "--threads", t, W, B, WIRE])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("4"));
    fails(&["compare", "--threads", "0", W, B], "--threads");
}

#[test]
fn colour_rules() {
    let ansi = predicate::str::contains("\x1b[");
    parallax()
        .args(["compare", "--color", "always", W, B])
        .assert()
        .stdout(ansi.clone());
    parallax()
        .args(["compare", "--color", "never", W, B])
        .assert()
        .stdout(ansi.clone().not());
    // Piped output (as here) is not a terminal: auto means no colour.
    parallax()
        .args(["compare", W, B])
        .assert()
        .stdout(ansi.clone().not())
        .stdout(predicate::str::contains("[-").and(predicate::str::contains("{+")));
    parallax()
        .env("NO_COLOR", "1")
        .args(["compare", "--color", "auto", W, B])
        .assert()
        .stdout(ansi.clone().not());
    // JSON and Markdown are never coloured.
    for f in ["json", "markdown"] {
        parallax()
            .args(["compare", "--color", "always", "--format", f, W, B])
            .assert()
            .stdout(ansi.clone().not());
    }
}

/// Display width of the widest line.
fn widest(out: &[u8]) -> usize {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap()
}

#[test]
fn width_from_flag_then_columns_then_100() {
    let out = parallax().args(["compare", W, B]).output().unwrap();
    assert_eq!(widest(&out.stdout), 100);
    let out = parallax()
        .env("COLUMNS", "72")
        .args(["compare", W, B])
        .output()
        .unwrap();
    assert_eq!(widest(&out.stdout), 72);
    let out = parallax()
        .env("COLUMNS", "72")
        .args(["compare", "--width", "130", W, B])
        .output()
        .unwrap();
    assert_eq!(widest(&out.stdout), 130);
}

#[test]
fn broken_pipe_ends_quietly() {
    // A document long enough that its JSON overflows the pipe buffer.
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.txt");
    let text: String = (0..2000)
        .map(|i| format!("Statement number {i} says the talks in Baghdad went on. "))
        .collect();
    std::fs::write(&long, text).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("parallax"))
        .args(["compare", "--format", "json", long.to_str().unwrap(), W])
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take()); // like `| head -c 16`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_inputs_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
        p.to_str().unwrap().to_string()
    };
    let binary = path("binary.bin", b"PK\x03\x04\0\0\x14\0binary");
    let latin1 = path("latin1.txt", b"Caf\xe9 in Baghdad.");
    let empty = path("empty.txt", b"");
    let blank = path("blank.txt", b"  \n\t\n\xc2\xa0\n");
    let folder = dir.path().to_str().unwrap().to_string();

    fails(
        &["compare", "no/such/file.txt", B],
        "no/such/file.txt: no such file",
    );
    fails(&["compare", &folder, B], "directory");
    fails(&["compare", &binary, B], "binary");
    fails(&["compare", &latin1, B], "invalid UTF-8");
    fails(&["compare", &empty, B], "empty");
    fails(&["compare", &blank, B], "empty");
    fails(&["compare", W], "two inputs");
    fails(&["compare"], "two inputs");
    fails(&["compare", "--frobnicate", W, B], "--frobnicate");
    fails(&["compare", "--format", "yaml", W, B], "yaml");
    fails(&["frobnicate"], "frobnicate");
}

#[test]
fn help_and_version_succeed() {
    parallax()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("compare"));
    parallax()
        .args(["compare", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--exit-code"));
    parallax().arg("--version").assert().success();
}

#[test]
fn detectors_can_be_chosen_by_name() {
    // With only the lexical detector nothing explains a difference, so the reframed
    // investment statement of the Rubio case becomes shared.
    let json = |args: &[&str]| -> serde_json::Value {
        let out = parallax()
            .args(["compare", "--format", "json"])
            .args(args)
            .args([W, B])
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let reframed = |v: &serde_json::Value| v["comparisons"][0]["summary"]["reframed"].as_u64();
    assert!(reframed(&json(&[])) >= Some(1));
    assert_eq!(reframed(&json(&["--detectors", "lexical"])), Some(0));
    fails(
        &["compare", "--detectors", "lexical,sarcasm", W, B],
        "sarcasm",
    );
}

#[test]
fn missing_arguments_are_named_on_the_one_line() {
    // clap lists the missing arguments on the lines after its first; they must survive.
    fails(&["eval", "mrpc"], "<TEST.tsv>");
}

#[test]
fn inputs_with_the_same_stem_get_distinct_ids() {
    let dir = tempfile::tempdir().unwrap();
    for (sub, text) in [
        ("a", "Rubio spoke with al-Sudani."),
        ("b", "Al-Sudani spoke with Rubio."),
    ] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("notes.txt"), text).unwrap();
    }
    let a = dir.path().join("a/notes.txt");
    let b = dir.path().join("b/notes.txt");
    let out = parallax()
        .args(["compare", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["notes", "notes-2"]);
}
