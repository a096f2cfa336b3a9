//! `parallax batch` end to end on the fixture events (fixtures/batch/): the ranking and every
//! file written, manifests in JSON and TOML, failures that stay with their event, the JSONL
//! stream, the same bytes at any thread count, and the N-way matrix of `compare`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use parallax::batch::stream::StreamLine;
use parallax::report::{Coverage, Report};
use parallax::{Document, compare::Options};

const EVENTS: &str = "fixtures/batch/events";
const IDS: [&str; 3] = ["erbil-drone", "kurdistan-oil-exports", "rubio-sudani-call"];

fn parallax() -> Command {
    let mut c = Command::cargo_bin("parallax").unwrap();
    c.env_remove("COLUMNS").env("NO_COLOR", "1");
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn batch(args: &[&str]) -> Run {
    let out = parallax().arg("batch").args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under `dir`, relative, sorted, with its bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

fn read_report(path: &Path) -> Report {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn folder_of_events_prints_the_ranking_and_writes_every_file() {
    let out = tempfile::tempdir().unwrap();
    let r = batch(&[EVENTS, "--out", s(out.path())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.is_empty(),
        "no progress bar or noise off a terminal: {}",
        r.stderr
    );
    assert!(r.stdout.contains("Events by divergence"), "{}", r.stdout);
    assert!(r.stdout.contains("Sources across events"), "{}", r.stdout);
    assert!(r.stdout.contains("omits most:"), "{}", r.stdout);

    let files: Vec<PathBuf> = tree(out.path()).into_iter().map(|(p, _)| p).collect();
    let mut want: Vec<PathBuf> = IDS
        .iter()
        .flat_map(|id| {
            parallax::batch::REPORT_FILES
                .iter()
                .map(move |(f, _)| Path::new(id).join(f))
        })
        .collect();
    want.push("summary.csv".into());
    want.push("summary.jsonl".into());
    want.sort();
    assert_eq!(files, want, "no temporary files left behind");

    for id in IDS {
        let report = read_report(&out.path().join(id).join("report.json"));
        let texts: Vec<String> = report
            .documents
            .iter()
            .map(|d| std::fs::read_to_string(d.path.as_ref().unwrap()).unwrap())
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        report.validate(&texts).unwrap();
        assert!(report.documents.len() >= 3);
        assert!(
            !report.claims.is_empty(),
            "{id}: three or more sources carry claims"
        );
        let md = std::fs::read_to_string(out.path().join(id).join("report.md")).unwrap();
        assert!(md.contains("## Coverage across sources"), "{id}");
    }

    // The summary ranks events by divergence, each event once, in the ranking printed.
    let csv = std::fs::read_to_string(out.path().join("summary.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 3);
    let divergences: Vec<f64> = rows.iter().map(|r| r[7].parse().unwrap()).collect();
    assert!(divergences.windows(2).all(|w| w[0] >= w[1]), "{csv}");
    let mut ids: Vec<&str> = rows.iter().map(|r| r[1]).collect();
    let first = ids[0];
    let pos = |id: &str| r.stdout.find(id).unwrap();
    assert!(
        IDS.iter().all(|id| pos(first) <= pos(id)),
        "printed in ranking order"
    );
    ids.sort();
    assert_eq!(ids, IDS);
    let jsonl = std::fs::read_to_string(out.path().join("summary.jsonl")).unwrap();
    for (line, row) in jsonl.lines().zip(&rows) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["id"], row[1]);
        assert_eq!(v["error"], serde_json::Value::Null);
    }
}

#[test]
fn json_and_toml_manifests_describe_the_same_batch() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let rj = batch(&["fixtures/batch/manifest.json", "-o", s(a.path())]);
    let rt = batch(&["fixtures/batch/manifest.toml", "-o", s(b.path())]);
    assert_eq!((rj.code, rt.code), (0, 0), "{}{}", rj.stderr, rt.stderr);
    assert_eq!(
        rj.stdout.replace(s(a.path()), "DIR"),
        rt.stdout.replace(s(b.path()), "DIR")
    );
    assert_eq!(tree(a.path()), tree(b.path()));
    // Outlets from the manifest group the per-source totals and reach the reports.
    assert!(rj.stdout.contains("Wire service"), "{}", rj.stdout);
    let report = read_report(&a.path().join("erbil-drone/report.json"));
    assert_eq!(
        report.documents[0].meta.outlet.as_deref(),
        Some("Wire service")
    );
    assert_eq!(report.documents[0].meta.date.as_deref(), Some("2025-10-22"));
    // Titles come from the manifest.
    let csv = std::fs::read_to_string(a.path().join("summary.csv")).unwrap();
    assert!(csv.contains("Drone attack near Erbil airport"), "{csv}");
}

#[test]
fn a_bad_source_fails_its_event_and_the_rest_completes() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    for id in IDS {
        let dst = input.path().join(id);
        std::fs::create_dir(&dst).unwrap();
        for e in std::fs::read_dir(Path::new(EVENTS).join(id)).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dst.join(p.file_name().unwrap())).unwrap();
        }
    }
    let bad = input.path().join("broken-event");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("a.txt"), "Flights resumed at Erbil airport.").unwrap();
    std::fs::write(bad.join("b.txt"), b"Flights \xff\xfe resumed.").unwrap();

    let r = batch(&[s(input.path()), "--out", s(out.path())]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("broken-event"), "{}", r.stderr);
    assert!(r.stderr.contains("b.txt"), "names the source: {}", r.stderr);
    assert!(r.stdout.contains("failed: broken-event"), "{}", r.stdout);
    for id in IDS {
        assert!(out.path().join(id).join("report.json").is_file(), "{id}");
    }
    assert!(!out.path().join("broken-event/report.json").exists());
    let csv = std::fs::read_to_string(out.path().join("summary.csv")).unwrap();
    let last = csv.lines().last().unwrap();
    assert!(
        last.starts_with("4,broken-event,"),
        "failed events rank last: {csv}"
    );
    assert!(last.contains("UTF-8"), "error column: {last}");
}

#[test]
fn a_malformed_event_in_a_manifest_is_reported_and_the_rest_completes() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize("fixtures/batch").unwrap();
    let manifest = dir.path().join("m.json");
    let src = |f: &str| root.join("events/rubio-sudani-call").join(f);
    std::fs::write(
        &manifest,
        serde_json::json!({"events": [
            {"id": "call", "sources": [{"path": src("washington.txt")}, {"path": src("baghdad.txt")}]},
            {"id": "no-sources", "title": "nothing"},
            {"id": "../escape", "sources": [{"path": src("washington.txt")}, {"path": src("baghdad.txt")}]},
            {"id": "missing", "sources": [{"path": "nowhere.txt"}, {"path": src("baghdad.txt")}]},
            {"id": "call", "sources": [{"path": src("washington.txt")}, {"path": src("baghdad.txt")}]},
            {"title": 3}
        ]})
        .to_string(),
    )
    .unwrap();
    let out = dir.path().join("out");
    let r = batch(&[s(&manifest), "--out", s(&out)]);
    assert_eq!(r.code, 2);
    for needle in [
        "no-sources",
        "cannot name a folder",
        "nowhere.txt",
        "duplicate event id",
        "event-6",
    ] {
        assert!(r.stderr.contains(needle), "{needle}: {}", r.stderr);
    }
    assert!(out.join("call/report.json").is_file());
    assert!(!dir.path().join("escape").exists());
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(csv.lines().count(), 7, "{csv}");
    assert_eq!(
        csv.lines().filter(|l| l.ends_with(',')).count(),
        1,
        "one event ran: {csv}"
    );
}

#[test]
fn a_malformed_manifest_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("bad.toml", "[[events]]\nid = \"a\"\ntitle = \n"),
        ("bad.json", "{\"events\": [ {\"id\": \"a\" ]}"),
        ("no-events.json", "{\"event\": []}"),
    ] {
        let manifest = dir.path().join(name);
        std::fs::write(&manifest, text).unwrap();
        let out = dir.path().join("out");
        let r = batch(&[s(&manifest), "--out", s(&out)]);
        assert_eq!(r.code, 2, "{name}");
        assert_eq!(r.stderr.lines().count(), 1, "{name}: {}", r.stderr);
        assert!(
            r.stderr.starts_with("parallax: ") && r.stderr.contains(name),
            "{}",
            r.stderr
        );
        assert!(r.stdout.is_empty());
        assert!(!out.join("summary.csv").exists(), "{name}: nothing written");
    }
    let r = batch(&["fixtures/batch/no-such-manifest.toml", "--out", "unused"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no-such-manifest.toml"), "{}", r.stderr);
}

/// The fixture events as JSON lines, with texts inline.
fn events_jsonl() -> String {
    let mut lines = String::new();
    for id in IDS {
        let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(EVENTS).join(id))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let sources: Vec<serde_json::Value> = files
            .iter()
            .map(|p| {
                serde_json::json!({
                    "label": p.file_stem().unwrap().to_str().unwrap(),
                    "text": std::fs::read_to_string(p).unwrap(),
                    "outlet": "Outlet",
                })
            })
            .collect();
        lines
            .push_str(&serde_json::json!({"id": id, "title": "t", "sources": sources}).to_string());
        lines.push('\n');
    }
    lines
}

#[test]
fn jsonl_round_trips_one_report_per_event_in_order() {
    let mut input = events_jsonl();
    input.push('\n'); // blank lines are skipped
    input.push_str("{\"id\": \"bad\", \"sources\": [{\"label\": \"only\", \"text\": \"One.\"}]}\n");
    let out = parallax()
        .args(["batch", "--jsonl"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "one event failed");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("bad") && stderr.contains("two sources"),
        "{stderr}"
    );
    let lines: Vec<StreamLine> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, [IDS[0], IDS[1], IDS[2], "bad"]);
    assert_eq!(lines[3].line, 5);
    assert!(lines[3].report.is_none() && lines[3].error.is_some());

    // Each report is exactly what the library makes of the same texts.
    for (line, event) in lines.iter().zip(events_jsonl().lines()) {
        let event: serde_json::Value = serde_json::from_str(event).unwrap();
        let docs: Vec<Document> = event["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let mut d =
                    Document::from_text(s["label"].as_str().unwrap(), s["text"].as_str().unwrap());
                d.meta.outlet = Some("Outlet".into());
                d
            })
            .collect();
        let want = parallax::compare(&docs, &Options::default()).unwrap();
        assert_eq!(line.report.as_ref(), Some(&want), "{}", line.id);
        assert_eq!(line.summary.as_ref().unwrap().claims, want.claims.len());
    }
}

#[test]
fn same_bytes_at_one_and_eight_threads() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let r1 = batch(&[
        "fixtures/batch/manifest.toml",
        "-o",
        s(a.path()),
        "--threads",
        "1",
    ]);
    let r8 = batch(&[
        "fixtures/batch/manifest.toml",
        "-o",
        s(b.path()),
        "--threads",
        "8",
    ]);
    assert_eq!((r1.code, r8.code), (0, 0));
    assert_eq!(tree(a.path()), tree(b.path()));
    assert_eq!(
        r1.stdout.replace(s(a.path()), "DIR"),
        r8.stdout.replace(s(b.path()), "DIR")
    );

    let input = events_jsonl().repeat(4);
    let run = |threads: &str| {
        parallax()
            .args(["batch", "--jsonl", "--threads", threads])
            .write_stdin(input.clone())
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), 12);
    assert_eq!(one, run("8"));
}

#[test]
fn compare_with_three_inputs_shows_which_source_carries_which_claim() {
    let dir = Path::new(EVENTS).join("rubio-sudani-call");
    let files = ["washington.txt", "baghdad.txt", "agency.txt"].map(|f| dir.join(f));
    let out = parallax()
        .arg("compare")
        .args(&files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    let claim = |needle: &str| {
        report
            .claims
            .iter()
            .find(|c| {
                c.statements.iter().enumerate().any(|(d, idx)| {
                    idx.iter()
                        .any(|&i| report.documents[d].statements[i].text.contains(needle))
                })
            })
            .unwrap_or_else(|| panic!("no claim says {needle:?}"))
    };
    use Coverage::*;
    // washington, baghdad, agency. Whether a carrier is `present` or `reframed` depends on
    // the detectors' framing signals; who carries what, and who contradicts, does not.
    let disarm = &claim("disarm").cells;
    assert_eq!(
        disarm[1], Absent,
        "Baghdad leaves out the militias: {disarm:?}"
    );
    assert!(disarm[0] != Absent && disarm[2] != Absent, "{disarm:?}");
    let deal = &claim("energy agreement").cells;
    assert_eq!(
        deal[2], Contradicted,
        "the agency's $2.5 billion against $3.5 billion"
    );
    assert!(
        deal[..2].iter().all(|c| matches!(c, Present | Reframed)),
        "{deal:?}"
    );
    assert_eq!(claim("elections").cells[0], Absent);
    assert_eq!(claim("spoke").cells, [Present, Present, Present]);

    for format in ["markdown", "table"] {
        let out = parallax()
            .arg("compare")
            .args(&files)
            .args(["--format", format, "--width", "120"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("The two discussed a $2.5 billion energy agreement."),
            "{format}"
        );
        let marker = if format == "markdown" {
            "## Coverage across sources"
        } else {
            "✓ present"
        };
        assert!(text.contains(marker), "{format}: {text}");
    }

    // Two inputs: no claims field, the contract's report unchanged.
    let out = parallax()
        .arg("compare")
        .args(&files[..2])
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("claims").is_none());
}

#[test]
fn a_lexicon_file_reaches_every_event_and_a_bad_one_stops_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("extra.toml");
    std::fs::write(
        &lexicon,
        "[loaded_terms.armed_groups]\npejorative = [\"death squads\"]\n",
    )
    .unwrap();
    let event = "{\"id\": \"e\", \"sources\": [\
        {\"label\": \"a\", \"text\": \"Armed groups fired rockets at the base on Tuesday.\"}, \
        {\"label\": \"b\", \"text\": \"Death squads fired rockets at the base on Tuesday.\"}]}\n";
    let relation = |extra: Option<&Path>| -> String {
        let mut cmd = parallax();
        cmd.args(["batch", "--jsonl"]);
        if let Some(p) = extra {
            cmd.arg("--lexicon").arg(p);
        }
        let out = cmd.write_stdin(event).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["report"]["comparisons"][0]["alignments"][0]["relation"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        relation(Some(&lexicon)),
        "reframed",
        "the extra term is loaded"
    );

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[hedges]\nterms = [\"reportedly\",\n  oops]\n").unwrap();
    let out = parallax()
        .args(["batch", "--jsonl", "--lexicon"])
        .arg(&bad)
        .write_stdin(event)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.toml: line 3, column 3"), "{err}");
    assert!(out.stdout.is_empty());
}
