//! `parallax eval` through the binary, on tiny benchmark files generated in a temp dir (never
//! the real data): the last-line contract, predictions, model writing, --min-accuracy, and
//! one-line errors.

use assert_cmd::Command;
use predicates::prelude::*;

fn parallax() -> Command {
    let mut c = Command::cargo_bin("parallax").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("TERM");
    c
}

const PLACES: [&str; 12] = [
    "Erbil airport",
    "the Basra port",
    "the oil ministry",
    "the central bank",
    "Mosul dam",
    "the Kirkuk refinery",
    "the power grid",
    "the border crossing",
    "the wheat silos",
    "the election commission",
    "the Baghdad metro",
    "the Anbar highway",
];

/// An MRPC-format file: paraphrases (label 1) and unrelated pairs (label 0).
fn mrpc_file(offset: usize) -> String {
    let mut s = String::from("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n");
    for (i, p) in PLACES.iter().enumerate() {
        let n = i + offset;
        s.push_str(&format!(
            "1\t{n}1\t{n}2\tOfficials said {p} reopened on Monday after {n} days of \"repairs\".\t{p} reopened Monday after {n} days of repairs, officials said.\n"
        ));
        let q = PLACES[(i + 5) % PLACES.len()];
        s.push_str(&format!(
            "0\t{n}3\t{n}4\tProtesters gathered outside {p} demanding wages.\tThe minister praised harvest figures for {q} in a televised speech.\n"
        ));
    }
    s
}

fn stsb_file() -> String {
    let mut s = String::new();
    for (i, p) in PLACES.iter().enumerate() {
        s.push_str(&format!("main-news\theadlines\t2015\t{i:04}\t4.800\t{p} reopened on Monday.\t{p} reopened Monday.\n"));
        s.push_str(&format!("main-news\theadlines\t2015\t{i:04}\t0.200\t{p} reopened on Monday.\tThe cat sat on a warm mat.\tsrc\tsrc\n"));
    }
    s
}

#[test]
fn mrpc_ends_with_the_metrics_line_and_writes_predictions_and_model() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("train.tsv");
    let test = dir.path().join("test.tsv");
    let preds = dir.path().join("preds.tsv");
    let model = dir.path().join("model.json");
    std::fs::write(&train, mrpc_file(100)).unwrap();
    std::fs::write(&test, mrpc_file(500)).unwrap();
    let out = parallax()
        .args(["eval", "mrpc"])
        .arg(&test)
        .arg("--train")
        .arg(&train)
        .arg("--predictions")
        .arg(&preds)
        .arg("--write-model")
        .arg(&model)
        .args(["--rounds", "50", "--learning-rate", "0.3"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let last = out.lines().last().unwrap();
    let re = regex_lite(last);
    assert!(re, "last line: {last}");
    assert!(last.ends_with("pairs=24"), "{last}");
    // Easy data: the trained model separates it.
    assert!(last.starts_with("accuracy=1.0000"), "{out}");
    let p = std::fs::read_to_string(&preds).unwrap();
    assert_eq!(p.lines().count(), 25);
    assert!(
        p.lines()
            .nth(1)
            .unwrap()
            .starts_with("0\t5001\t5002\t1\t1\t"),
        "{p}"
    );
    // The written model scores the same test file the same way.
    let again = parallax()
        .args(["eval", "mrpc"])
        .arg(&test)
        .arg("--model")
        .arg(&model)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(again).unwrap().lines().last().unwrap(),
        last
    );
}

/// `accuracy=0.xxxx f1=0.xxxx precision=0.xxxx recall=0.xxxx pairs=N`, checked by hand.
fn regex_lite(line: &str) -> bool {
    let parts: Vec<&str> = line.split(' ').collect();
    let keys = ["accuracy", "f1", "precision", "recall"];
    parts.len() == 5
        && parts.iter().zip(keys).all(|(p, k)| {
            p.strip_prefix(k)
                .and_then(|r| r.strip_prefix('='))
                .is_some_and(|v| {
                    v.len() == 6 && v.parse::<f64>().is_ok_and(|x| (0.0..=1.0).contains(&x))
                })
        })
        && parts[4]
            .strip_prefix("pairs=")
            .is_some_and(|n| n.parse::<usize>().is_ok())
}

#[test]
fn min_accuracy_fails_the_run_but_keeps_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let test = dir.path().join("test.tsv");
    std::fs::write(&test, mrpc_file(0)).unwrap();
    parallax()
        .args(["eval", "mrpc"])
        .arg(&test)
        .args(["--min-accuracy", "1.01"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("pairs=24"))
        .stderr(predicate::str::contains("below --min-accuracy"));
    parallax()
        .args(["eval", "mrpc"])
        .arg(&test)
        .args(["--min-accuracy", "0.0"])
        .assert()
        .success();
}

#[test]
fn bad_input_is_one_line_exit_2_and_no_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tsv");
    std::fs::write(
        &bad,
        "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\tonly\tthree\n",
    )
    .unwrap();
    let out = parallax()
        .args(["eval", "mrpc"])
        .arg(&bad)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("parallax: ") && err.contains("bad.tsv") && err.contains("line 2"),
        "{err}"
    );
    parallax()
        .args(["eval", "mrpc", "no-such-file.tsv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no-such-file.tsv: no such file"));
}

#[test]
fn stsb_prints_correlations() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("sts.csv");
    std::fs::write(&f, stsb_file()).unwrap();
    let out = parallax()
        .args(["eval", "stsb"])
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("pearson=") && last.contains(" spearman=") && last.ends_with("pairs=24"),
        "{out}"
    );
    // Paraphrases against unrelated sentences: the similarity ranks them right.
    let spearman: f64 = last.split("spearman=").nth(1).unwrap()[..6]
        .parse()
        .unwrap();
    assert!(spearman > 0.8, "{last}");
}

#[test]
fn docs_on_generated_pairs_and_the_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("m.tsv");
    std::fs::write(&f, mrpc_file(0)).unwrap();
    parallax()
        .args([
            "eval",
            "docs",
            "--documents",
            "3",
            "--shared",
            "4",
            "--omitted",
            "2",
            "--mrpc",
        ])
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "document pairs: 3 (12 shared claims, 12 omissions)",
        ));
    parallax()
        .args([
            "eval",
            "docs",
            "--fixture",
            "fixtures/align/rubio-sudani-call.toml",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("alignment: precision="));
}
