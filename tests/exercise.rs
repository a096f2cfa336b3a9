//! Worksheets: the answer key agrees with the comparison it was built from (every "only in
//! X" answer is an omitted statement, every verb answer an attribution signal, every hedge
//! answer a hedge signal, no distractor also correct), same seed same sheet, snapshots of
//! the fixtures' worksheets, `--answers FILE`, and the quiz driven through stdin.

mod common;

use assert_cmd::Command;
use parallax::Report;
use parallax::detect::DetectorName;
use parallax::exercise::{
    ExerciseFormat, ExerciseOptions, Grounding, KeyPlacement, Level, Question, QuestionKind,
    Worksheet, build, letter, render,
};
use parallax::report::SignalReport;

const LEVELS: [Level; 3] = [Level::Easy, Level::Standard, Level::Hard];

/// Every fixture report, plus a three-source report (the Rubio readouts and the Baghdad
/// readout in Markdown).
fn reports() -> Vec<(String, Report)> {
    let mut out: Vec<(String, Report)> = common::cases()
        .iter()
        .map(|c| {
            let name = c.file_name().unwrap().to_string_lossy().into_owned();
            (name, common::report(&common::documents(c)))
        })
        .collect();
    let mut docs = common::documents(&common::case("rubio-sudani-call"));
    let input = parallax::input::read(
        "fixtures/markdown/baghdad-readout.md",
        Some("readout"),
        &mut std::io::empty(),
        &Default::default(),
    );
    docs.push(input.expect("markdown fixture reads").document);
    out.push(("three-sources".into(), common::report(&docs)));
    out
}

/// Statements of `d` that every comparison involving `d` lists as omitted.
fn omitted_everywhere(r: &Report, d: usize) -> Vec<&str> {
    r.documents[d]
        .statements
        .iter()
        .filter(|s| {
            r.comparisons.iter().all(|c| {
                if c.left == d {
                    c.only_left.contains(&s.index)
                } else if c.right == d {
                    c.only_right.contains(&s.index)
                } else {
                    true
                }
            })
        })
        .map(|s| s.text.as_str())
        .collect()
}

fn signal<'r>(r: &'r Report, g: &Grounding) -> &'r SignalReport {
    let i = g.signal.expect("grounded in a signal");
    &r.comparisons[g.comparison].alignments[g.alignment].signals[i]
}

fn ids(r: &Report, g: &Grounding) -> (String, String) {
    let c = &r.comparisons[g.comparison];
    (
        r.documents[c.left].id.clone(),
        r.documents[c.right].id.clone(),
    )
}

fn pair(l: &str, a: &str, r: &str, b: &str) -> String {
    format!("{l}: “{a}” · {r}: “{b}”")
}

fn texts(r: &Report, g: &Grounding) -> (String, String) {
    let c = &r.comparisons[g.comparison];
    let a = &c.alignments[g.alignment];
    let join = |d: usize, idx: &[usize]| {
        idx.iter()
            .map(|&i| r.documents[d].statements[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    (join(c.left, &a.left), join(c.right, &a.right))
}

/// The correct choice and the distractors.
fn split(q: &Question) -> (&str, Vec<&str>) {
    let a = q.answer.expect("multiple choice");
    let others = q
        .choices
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != a)
        .map(|(_, c)| c.as_str())
        .collect();
    (q.choices[a].as_str(), others)
}

/// Checks one question against the report it came from.
fn check(r: &Report, q: &Question, level: Level) {
    if q.kind != QuestionKind::Open {
        let (_, others) = split(q);
        assert!(!others.is_empty(), "{q:#?}");
        assert!(q.choices.len() <= level.choices(), "{q:#?}");
        let mut dedup = q.choices.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), q.choices.len(), "choices repeat: {q:#?}");
    }
    match &q.kind {
        QuestionKind::OnlyIn { source } => {
            let only = omitted_everywhere(r, *source);
            let (correct, others) = split(q);
            assert!(only.contains(&correct), "not omitted by the others: {q:#?}");
            for o in others {
                assert!(!only.contains(&o), "distractor also correct: {o}");
            }
        }
        QuestionKind::Lead { comparison, source } => {
            let c = &r.comparisons[*comparison];
            assert!(c.left == *source || c.right == *source);
            let (correct, others) = split(q);
            let statements = &r.documents[*source].statements;
            let pos = |t: &str| statements.iter().position(|s| s.text == t);
            let first = pos(correct).expect("a statement of the source");
            // Every other choice is a statement of the same source that comes later.
            for o in others {
                assert!(pos(o).is_some_and(|p| p > first), "{o}");
            }
            // Nothing before it is a full sentence the question could mean.
            assert!(
                statements[..first]
                    .iter()
                    .all(|s| s.text.split_whitespace().count() < 5
                        || !s.text.trim_end_matches(['"', '”']).ends_with('.')),
                "{q:#?}"
            );
        }
        QuestionKind::SpeechVerb(g) => {
            let s = signal(r, g);
            assert_eq!(s.detector, DetectorName::Attribution);
            assert!(s.short.starts_with("speech verb"), "a verb, not a speaker");
            let (l, rt) = ids(r, g);
            let (correct, others) = split(q);
            assert_eq!(correct, pair(&l, &s.left, &rt, &s.right));
            let (lt, rtx) = texts(r, g);
            assert!(lt.contains(&s.left) && rtx.contains(&s.right));
            assert!(!others.contains(&correct));
        }
        QuestionKind::Tone(g) => {
            assert_eq!(signal(r, g).detector, DetectorName::Attribution);
        }
        QuestionKind::Hedge(g) | QuestionKind::Negation(g) => {
            let s = signal(r, g);
            let detector = if matches!(q.kind, QuestionKind::Hedge(_)) {
                DetectorName::Hedge
            } else {
                DetectorName::Negation
            };
            assert_eq!(s.detector, detector);
            let (l, rt) = ids(r, g);
            let (holder, word) = if s.left.is_empty() {
                (rt, &s.right)
            } else {
                (l, &s.left)
            };
            let (correct, others) = split(q);
            assert_eq!(correct, format!("{holder}, with “{word}”"));
            // Any such word of this pair on the holder's side would be correct too, and the
            // other side has none ("one source hedges" is true as asked).
            let a = &r.comparisons[g.comparison].alignments[g.alignment];
            let same: Vec<_> = a
                .signals
                .iter()
                .filter(|x| x.detector == detector)
                .collect();
            let other_has = if s.left.is_empty() {
                same.iter().any(|x| !x.left.is_empty())
            } else {
                same.iter().any(|x| !x.right.is_empty())
            };
            assert!(!other_has, "{q:#?}");
            for h in same {
                for w in [&h.left, &h.right].into_iter().filter(|w| !w.is_empty()) {
                    assert!(
                        !others.contains(&format!("{holder}, with “{w}”").as_str()),
                        "{q:#?}"
                    );
                }
            }
        }
        QuestionKind::Figure(g) => {
            let (correct, others) = split(q);
            let (lt, rt) = texts(r, g);
            match g.signal {
                Some(_) => {
                    let s = signal(r, g);
                    assert!(matches!(
                        s.detector,
                        DetectorName::Number | DetectorName::Date
                    ));
                    let (l, rid) = ids(r, g);
                    assert_eq!(correct, pair(&l, &s.left, &rid, &s.right));
                }
                None => {
                    assert!(lt.contains(correct) && rt.contains(correct), "{q:#?}");
                    for o in others {
                        assert!(!(lt.contains(o) && rt.contains(o)), "also correct: {o}");
                    }
                }
            }
        }
        QuestionKind::Wording(g) => {
            let (correct, others) = split(q);
            let (l, rid) = ids(r, g);
            let (lt, rt) = texts(r, g);
            let rest = correct
                .strip_prefix(&format!("{l}: “"))
                .expect("left id first");
            let (x, y) = rest
                .split_once(&format!("” · {rid}: “"))
                .expect("pair format");
            let y = y.trim_end_matches('”');
            assert!(lt.contains(x) && rt.contains(y), "{q:#?}");
            if g.signal.is_some() {
                let s = signal(r, g);
                // The signal's words, less any words both start with ("The").
                assert!(s.left.ends_with(x) && s.right.ends_with(y), "{q:#?}");
            }
            assert!(!others.contains(&correct));
        }
        QuestionKind::Open => {
            assert!(q.choices.is_empty() && q.answer.is_none());
        }
    }
    // The key quotes real statements.
    for e in q.evidence.iter().filter(|e| e.statement.is_some()) {
        let d = r.documents.iter().find(|d| d.id == e.source).unwrap();
        let i = e.statement.unwrap();
        assert!(e.text.starts_with(&d.statements[i].text), "{e:?}");
    }
}

#[test]
fn answer_key_agrees_with_the_comparison() {
    for (name, r) in reports() {
        for level in LEVELS {
            for seed in 0..6 {
                let ws = build(&r, &ExerciseOptions { seed, level });
                assert_eq!(
                    ws.questions.last().map(|q| &q.kind),
                    Some(&QuestionKind::Open),
                    "{name}: one open question, last"
                );
                for q in &ws.questions {
                    check(&r, q, level);
                }
            }
        }
    }
}

#[test]
fn rubio_worksheet_asks_every_grounded_kind() {
    let r = common::report(&common::documents(&common::case("rubio-sudani-call")));
    let ws = build(&r, &ExerciseOptions::default());
    let has = |f: fn(&QuestionKind) -> bool| ws.questions.iter().any(|q| f(&q.kind));
    assert!(has(|k| matches!(k, QuestionKind::OnlyIn { source: 0 })));
    assert!(has(|k| matches!(k, QuestionKind::OnlyIn { source: 1 })));
    assert!(has(|k| matches!(k, QuestionKind::SpeechVerb(_))));
    assert!(has(|k| matches!(k, QuestionKind::Tone(_))));
    assert!(has(|k| matches!(k, QuestionKind::Hedge(_))));
    assert!(has(|k| matches!(k, QuestionKind::Figure(_))));
    assert!(has(|k| matches!(k, QuestionKind::Wording(_))));
    // The hedge answer names Baghdad and "reportedly".
    let hedge = ws
        .questions
        .iter()
        .find(|q| matches!(q.kind, QuestionKind::Hedge(_)))
        .unwrap();
    assert_eq!(
        hedge.choices[hedge.answer.unwrap()],
        "baghdad, with “reportedly”"
    );
}

#[test]
fn reordered_fixture_asks_what_each_source_puts_first() {
    let r = common::report(&common::documents(&common::case("reordered")));
    let ws = build(&r, &ExerciseOptions::default());
    let leads: Vec<&Question> = ws
        .questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Lead { .. }))
        .collect();
    assert!(!leads.is_empty());
    // Standard level asks up to two per kind: both sources' leads.
    let agency = leads
        .iter()
        .find(|q| matches!(q.kind, QuestionKind::Lead { source: 1, .. }))
        .expect("the agency's lead is asked");
    assert!(agency.choices[agency.answer.unwrap()].starts_with("Two civilians were killed"));
}

#[test]
fn negation_fixture_asks_which_source_negates() {
    let r = common::report(&common::documents(&common::case("erbil-negation")));
    let ws = build(&r, &ExerciseOptions::default());
    let q = ws
        .questions
        .iter()
        .find(|q| matches!(q.kind, QuestionKind::Negation(_)))
        .expect("a negation question");
    assert_eq!(q.choices[q.answer.unwrap()], "right, with “not”");
}

#[test]
fn three_sources_ask_what_only_one_of_them_says() {
    let (_, r) = reports().pop().unwrap();
    assert_eq!(r.documents.len(), 3);
    let ws = build(&r, &ExerciseOptions::default());
    let only: Vec<_> = ws
        .questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::OnlyIn { .. }))
        .collect();
    assert!(!only.is_empty());
    assert!(only.iter().all(|q| q.prompt.contains("none of the others")));
}

fn sheet(ws: &Worksheet, format: ExerciseFormat, key: KeyPlacement) -> String {
    let mut out = Vec::new();
    render(ws, format, key, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn same_seed_same_sheet_other_seeds_differ() {
    let r = common::report(&common::documents(&common::case("rubio-sudani-call")));
    let opts = |seed| ExerciseOptions {
        seed,
        level: Level::Standard,
    };
    let a = build(&r, &opts(7));
    assert_eq!(a, build(&r, &opts(7)));
    let distinct: std::collections::BTreeSet<String> = (0..8)
        .map(|s| {
            sheet(
                &build(&r, &opts(s)),
                ExerciseFormat::Markdown,
                KeyPlacement::Included,
            )
        })
        .collect();
    assert!(distinct.len() > 1, "the seed changes the sheet");
}

#[test]
fn worksheet_snapshots() {
    insta::glob!("../fixtures/cases", "*/NOTE.md", |note| {
        let case = note.parent().expect("case folder");
        let rel = std::path::Path::new("fixtures/cases").join(case.file_name().unwrap());
        let report = common::report(&common::documents(&rel));
        let ws = build(&report, &ExerciseOptions::default());
        insta::assert_snapshot!(
            "worksheet",
            sheet(&ws, ExerciseFormat::Markdown, KeyPlacement::Included)
        );
    });
}

#[test]
fn rubio_easy_and_hard_snapshots() {
    let r = common::report(&common::documents(&common::case("rubio-sudani-call")));
    for level in [Level::Easy, Level::Hard] {
        let ws = build(&r, &ExerciseOptions { seed: 3, level });
        insta::assert_snapshot!(
            format!("rubio_{level}"),
            sheet(&ws, ExerciseFormat::Markdown, KeyPlacement::Included)
        );
    }
}

fn parallax() -> Command {
    let mut c = Command::cargo_bin("parallax").unwrap();
    c.env_remove("NO_COLOR").env_remove("COLUMNS");
    c
}

const W: &str = "fixtures/cases/rubio-sudani-call/washington.txt";
const B: &str = "fixtures/cases/rubio-sudani-call/baghdad.txt";

#[test]
fn answers_file_holds_the_key_and_the_sheet_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.html");
    let side = dir.path().join("page.html");
    let out = parallax()
        .args([
            "exercise",
            W,
            B,
            "--format",
            "html",
            "--seed",
            "4",
            "--answers",
        ])
        .arg(&key)
        .arg("--page")
        .arg(&side)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("Questions") && !page.contains("Answer key"));
    let key = std::fs::read_to_string(&key).unwrap();
    assert!(key.contains("Answer key") && key.contains("Teacher notes"));
    assert!(key.contains("reportedly"), "the key quotes the evidence");
    let side = std::fs::read_to_string(&side).unwrap();
    assert!(
        side.contains("class=\"comparison\""),
        "the side-by-side page"
    );
}

#[test]
fn an_unwritable_output_leaves_no_file_behind() {
    // --answers is fine, --page points into a missing folder: neither file may appear.
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.md");
    let page = dir.path().join("missing").join("page.html");
    let out = parallax()
        .args(["exercise", W, B, "--answers"])
        .arg(&key)
        .arg("--page")
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--page"), "{err}");
    assert!(out.stdout.is_empty());
    assert!(
        !key.exists(),
        "the key was written although the page failed"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
}

#[test]
fn exercise_refuses_bad_input_in_one_line() {
    let out = parallax()
        .args(["exercise", W, "fixtures/cases/missing.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    assert!(out.stdout.is_empty());
}

/// The letters of the right answers for the CLI's default sheet.
fn right_letters(seed: u64) -> (Vec<char>, Worksheet) {
    let r = common::report(&common::documents(&common::case("rubio-sudani-call")));
    let ws = build(
        &r,
        &ExerciseOptions {
            seed,
            level: Level::Standard,
        },
    );
    let letters = ws
        .questions
        .iter()
        .filter_map(|q| q.answer.map(letter))
        .collect();
    (letters, ws)
}

fn quiz(seed: u64, stdin: String) -> String {
    let out = parallax()
        .args(["quiz", W, B, "--seed", &seed.to_string()])
        .write_stdin(stdin)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Answers in sheet order, one line each; the open question gets its own line.
fn script(ws: &Worksheet, pick: impl Fn(&Question) -> String) -> String {
    ws.questions
        .iter()
        .map(|q| match q.answer {
            Some(_) => pick(q) + "\n",
            None => "Each side leads with its own priorities.\n".into(),
        })
        .collect()
}

#[test]
fn quiz_all_right_through_stdin() {
    let (letters, ws) = right_letters(2);
    let n = letters.len();
    let out = quiz(2, script(&ws, |q| letter(q.answer.unwrap()).to_string()));
    assert_eq!(out.matches("Correct.").count(), n, "{out}");
    assert!(out.contains(&format!("Score: {n}/{n}")), "{out}");
    assert!(
        out.contains("Points to look for"),
        "the open question gets feedback"
    );
}

#[test]
fn quiz_wrong_answers_get_the_right_one_and_invalid_input_is_asked_again() {
    let (_, ws) = right_letters(2);
    let wrong = |q: &Question| letter((q.answer.unwrap() + 1) % q.choices.len()).to_string();
    // Lower-case and an invalid line first: the quiz asks again, then takes the answer.
    let out = quiz(
        2,
        format!("zz\n{}", script(&ws, |q| wrong(q).to_lowercase())),
    );
    let n = ws.questions.iter().filter(|q| q.answer.is_some()).count();
    assert!(out.contains("Please answer with a letter"), "{out}");
    assert_eq!(out.matches("Not quite: the answer is").count(), n, "{out}");
    assert!(out.contains(&format!("Score: 0/{n}")), "{out}");
}

#[test]
fn quiz_stops_at_end_of_input_with_the_score_so_far() {
    let (letters, _) = right_letters(1);
    let out = quiz(1, format!("{}\n", letters[0]));
    let total = letters.len();
    assert!(
        out.contains(&format!("Score: 1/1 (1 of {total} questions answered)")),
        "{out}"
    );
}
