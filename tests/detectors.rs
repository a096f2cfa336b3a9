//! Every detector on statement pairs: positive tests (it must fire, with the evidence named)
//! and trap tests (style-only or unrelated differences where it must stay silent), the
//! decision table end to end, and the `explain` / `--lexicon` / `--detectors` command line.

use assert_cmd::Command;
use parallax::classify::{Relation, classify};
use parallax::detect::{DetectorName, DetectorSet, Signal, SignalKind};
use parallax::profile::{Profile, ProfileContext, parse_iso};
use parallax::{Document, compare};

/// The signals one detector emits on a pair.
fn run(name: DetectorName, left: &str, right: &str) -> Vec<Signal> {
    DetectorSet::from_names(&[name]).signals(&Profile::new(left), &Profile::new(right))
}

/// The relation all detectors give a pair.
fn relation(left: &str, right: &str) -> (Relation, Vec<Signal>) {
    let s = DetectorSet::all().signals(&Profile::new(left), &Profile::new(right));
    (classify(&s), s)
}

fn fires(name: DetectorName, left: &str, right: &str) -> Signal {
    let s = run(name, left, right);
    assert!(!s.is_empty(), "{name} should fire on {left:?} / {right:?}");
    s[0].clone()
}

fn silent(name: DetectorName, left: &str, right: &str) {
    let s = run(name, left, right);
    assert!(
        s.is_empty(),
        "{name} should be silent on {left:?} / {right:?}: {s:#?}"
    );
}

// ---------------------------------------------------------------- attribution

#[test]
fn attribution_speech_verb_tone() {
    let s = fires(
        DetectorName::Attribution,
        "The minister said the border was secure.",
        "The minister claimed the border was secure.",
    );
    assert_eq!((s.left.as_str(), s.right.as_str()), ("said", "claimed"));
    assert!(s.explanation.contains("neutral → doubting"), "{s:?}");
    assert_eq!(s.kind, SignalKind::Framing);
}

#[test]
fn attribution_named_speaker_versus_sources() {
    let s = fires(
        DetectorName::Attribution,
        "The talks collapsed, Rubio said.",
        "The talks collapsed, sources said.",
    );
    assert!(s.explanation.contains("unnamed"), "{s:?}");
    assert_eq!(s.left, "Rubio");
}

#[test]
fn attribution_speaker_changed_and_according_to() {
    let s = fires(
        DetectorName::Attribution,
        "Two civilians were killed, according to the health ministry.",
        "Two civilians were killed, according to the army.",
    );
    assert!(s.explanation.contains("speaker changes"), "{s:?}");
    let s = fires(
        DetectorName::Attribution,
        "Two civilians were killed, according to local officials.",
        "Two civilians were killed, according to the Turkish army.",
    );
    assert!(s.explanation.contains("names its source"), "{s:?}");
}

#[test]
fn attribution_dropped() {
    let s = fires(
        DetectorName::Attribution,
        "The strike hit a weapons depot, the ministry said.",
        "The strike hit a weapons depot.",
    );
    assert_eq!(s.left, "the ministry");
    assert!(s.right.is_empty());
}

#[test]
fn attribution_traps() {
    // Same speaker in another position, a pronoun, two neutral verbs.
    silent(
        DetectorName::Attribution,
        "He said the next round would be held in Washington.",
        "The next round would be held in Washington, he said.",
    );
    silent(
        DetectorName::Attribution,
        "The spokesman said the talks went well.",
        "A government spokesman told reporters the talks went well.",
    );
    // A participle names no speaker.
    silent(
        DetectorName::Attribution,
        "The US renewed pressure on Iraq, urging the government to disarm the groups.",
        "The US renewed pressure on Iraq to disarm the groups.",
    );
    // "United States" is not the verb "states"; "the claims" is a noun.
    silent(
        DetectorName::Attribution,
        "The United States rejected the claims.",
        "The U.S. rejected the claims.",
    );
}

// ---------------------------------------------------------------- intensity

#[test]
fn intensity_demand_and_agreement() {
    let s = fires(
        DetectorName::Intensity,
        "Washington asked Baghdad to rein in the groups.",
        "Washington demanded that Baghdad rein in the groups.",
    );
    assert_eq!((s.left.as_str(), s.right.as_str()), ("asked", "demanded"));
    assert!(s.explanation.contains("stronger"));
    let s = fires(
        DetectorName::Intensity,
        "The two sides agreed on a timetable.",
        "The two sides discussed a timetable.",
    );
    assert!(s.explanation.contains("weaker"), "{s:?}");
    fires(
        DetectorName::Intensity,
        "The ministry was concerned by the strikes.",
        "The ministry was alarmed by the strikes.",
    );
}

#[test]
fn intensity_traps() {
    silent(
        DetectorName::Intensity,
        "Rubio urged Baghdad to act.",
        "Rubio called on Baghdad to act.",
    );
    // One side only: nothing to compare on the scale.
    silent(
        DetectorName::Intensity,
        "Rubio demanded action.",
        "Rubio spoke about action.",
    );
}

// ---------------------------------------------------------------- hedge

#[test]
fn hedge_words_and_phrases() {
    assert_eq!(
        fires(
            DetectorName::Hedge,
            "The drone was Iranian.",
            "The drone was reportedly Iranian."
        )
        .right,
        "reportedly"
    );
    assert_eq!(
        fires(
            DetectorName::Hedge,
            "The drone was Iranian.",
            "The drone may have been Iranian."
        )
        .right,
        "may"
    );
    assert_eq!(
        fires(
            DetectorName::Hedge,
            "Talks resume Monday.",
            "Talks are expected to resume Monday."
        )
        .right,
        "are expected to"
    );
    let s = fires(
        DetectorName::Hedge,
        "It is believed the convoy was hit.",
        "The convoy was hit.",
    );
    assert_eq!(s.left, "it is believed");
    assert!(s.explanation.contains("drops"));
}

#[test]
fn hedge_traps() {
    silent(
        DetectorName::Hedge,
        "Talks resume on May 5.",
        "Talks resume on 5 May.",
    );
    silent(
        DetectorName::Hedge,
        "The drone was reportedly Iranian.",
        "Reportedly, the drone was Iranian.",
    );
}

// ---------------------------------------------------------------- quote

#[test]
fn quote_against_paraphrase_and_altered() {
    let s = fires(
        DetectorName::Quote,
        "\"We are committed to a responsible transition,\" the spokesman said.",
        "The spokesman said they were committed to a responsible transition.",
    );
    assert!(s.explanation.contains("paraphrases"), "{s:?}");
    let s = fires(
        DetectorName::Quote,
        "He called the strike \"a grave violation of sovereignty\".",
        "He called the strike \"a violation of sovereignty\".",
    );
    assert!(s.explanation.contains("differ"), "{s:?}");
    let s = fires(
        DetectorName::Quote,
        "The \"resistance\" fired rockets.",
        "The resistance fired rockets.",
    );
    assert!(s.explanation.contains("quotation marks"), "{s:?}");
}

#[test]
fn quote_traps() {
    silent(
        DetectorName::Quote,
        "\"We are committed to a responsible transition,\" the spokesman said.",
        "“We are committed to a responsible transition,” the spokesman said.",
    );
    silent(
        DetectorName::Quote,
        "The prime minister's office said so.",
        "The prime minister’s office said so.",
    );
}

// ---------------------------------------------------------------- number

#[test]
fn number_counts_written_and_money() {
    let s = fires(
        DetectorName::Number,
        "Seven soldiers were wounded.",
        "Five soldiers were wounded.",
    );
    assert_eq!((s.left.as_str(), s.right.as_str()), ("Seven", "Five"));
    assert_eq!(s.kind, SignalKind::Conflict);
    fires(
        DetectorName::Number,
        "Two dozen rockets hit the base.",
        "Twenty rockets hit the base.",
    );
    fires(
        DetectorName::Number,
        "The deal is worth $3.5 billion.",
        "The deal is worth $2 billion.",
    );
    fires(
        DetectorName::Number,
        "Turnout was 41%.",
        "Turnout was 44 percent.",
    );
}

#[test]
fn number_approximations_and_ranges() {
    let s = fires(
        DetectorName::Number,
        "About 240,000 people were displaced.",
        "200,000 people were displaced.",
    );
    assert_eq!(s.left, "About 240,000");
    fires(
        DetectorName::Number,
        "Nearly 1,000 people were detained.",
        "More than 1,000 people were detained.",
    );
    fires(
        DetectorName::Number,
        "Between 200 and 300 fighters crossed.",
        "About 500 fighters crossed.",
    );
}

#[test]
fn number_traps() {
    silent(
        DetectorName::Number,
        "A $3.5 billion deal.",
        "A deal of 3.5 billion dollars.",
    );
    silent(
        DetectorName::Number,
        "Seven soldiers were wounded.",
        "7 soldiers were wounded.",
    );
    silent(
        DetectorName::Number,
        "About 240,000 people were displaced.",
        "Some 238,000 people were displaced.",
    );
    silent(
        DetectorName::Number,
        "Between 200 and 300 fighters crossed.",
        "About 250 fighters crossed.",
    );
    // Different things counted are not compared; dates are the date detector's.
    silent(
        DetectorName::Number,
        "They met for three hours.",
        "The two sides met.",
    );
    silent(
        DetectorName::Number,
        "They met on Nov. 11.",
        "They met on Nov. 18.",
    );
}

// ---------------------------------------------------------------- date

#[test]
fn date_days_weekdays_times() {
    let s = fires(
        DetectorName::Date,
        "They met on Nov. 11.",
        "They met on Nov. 18.",
    );
    assert_eq!((s.left.as_str(), s.right.as_str()), ("Nov. 11", "Nov. 18"));
    assert_eq!(s.kind, SignalKind::Conflict);
    fires(
        DetectorName::Date,
        "The strike came on Tuesday.",
        "The strike came on Wednesday.",
    );
    fires(
        DetectorName::Date,
        "The blast came at 3 p.m.",
        "The blast came at 5 p.m.",
    );
}

#[test]
fn date_resolved_against_the_document_date() {
    let ctx = |d: &str| ProfileContext {
        doc_date: parse_iso(d),
        ..Default::default()
    };
    let set = DetectorSet::from_names(&[DetectorName::Date]);
    // Published Wed 2025-11-12: "Tuesday" is Nov. 11.
    let l = Profile::with_context("The strike came on Tuesday.", &ctx("2025-11-12"));
    let same = Profile::with_context("The strike came on Nov. 11.", &ctx("2025-11-12"));
    let other = Profile::with_context("The strike came on Nov. 4.", &ctx("2025-11-12"));
    assert!(set.signals(&l, &same).is_empty());
    let s = set.signals(&l, &other);
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(s[0].explanation.contains("publication"), "{s:?}");
    // "last week" in a paper of Nov. 12 covers Nov. 3-9.
    let lw = Profile::with_context("The strike came last week.", &ctx("2025-11-12"));
    assert!(set.signals(&lw, &other).is_empty());
    assert_eq!(set.signals(&lw, &same).len(), 1);
    // "yesterday" in two papers published a day apart names two different days.
    let y1 = Profile::with_context("The strike came yesterday.", &ctx("2025-11-12"));
    let y2 = Profile::with_context("The strike came yesterday.", &ctx("2025-11-13"));
    assert_eq!(set.signals(&y1, &y2).len(), 1);
}

#[test]
fn date_traps() {
    silent(
        DetectorName::Date,
        "They met on Nov. 11.",
        "They met on 11 November.",
    );
    silent(
        DetectorName::Date,
        "Baghdad, October 28, 2025",
        "October 28, 2025",
    );
    // Not comparable without publication dates.
    silent(
        DetectorName::Date,
        "The strike came on Tuesday.",
        "The strike came on Nov. 11.",
    );
    silent(
        DetectorName::Date,
        "Flights may resume.",
        "Flights could resume.",
    );
}

// ---------------------------------------------------------------- negation

#[test]
fn negation_flips() {
    let s = fires(
        DetectorName::Negation,
        "Flights at Erbil airport were disrupted.",
        "Flights at Erbil airport were not disrupted.",
    );
    assert_eq!((s.left.as_str(), s.right.as_str()), ("", "not"));
    fires(
        DetectorName::Negation,
        "Flights saw disruption.",
        "Flights saw no disruption.",
    );
    let s = fires(
        DetectorName::Negation,
        "The militia denied the attack.",
        "The militia admitted the attack.",
    );
    assert_eq!((s.left.as_str(), s.right.as_str()), ("denied", "admitted"));
    fires(
        DetectorName::Negation,
        "The convoy failed to reach the town.",
        "The convoy reached the town.",
    );
}

#[test]
fn negation_traps() {
    silent(
        DetectorName::Negation,
        "He did not deny it.",
        "He confirmed it.",
    );
    silent(
        DetectorName::Negation,
        "They did not attend.",
        "They didn't attend.",
    );
    silent(
        DetectorName::Negation,
        "Not only the army but also the police took part.",
        "The army and the police took part.",
    );
}

// ---------------------------------------------------------------- entity

#[test]
fn entity_generic_one_sided_and_swapped() {
    let s = fires(
        DetectorName::Entity,
        "Kataib Hezbollah fired rockets at the base on Sunday.",
        "On Sunday, fighters fired rockets at the base.",
    );
    assert_eq!(
        (s.left.as_str(), s.right.as_str()),
        ("Kataib Hezbollah", "fighters")
    );
    let s = fires(
        DetectorName::Entity,
        "The drone was launched from Iraq.",
        "The drone was launched from Iran.",
    );
    assert!(s.explanation.contains("different"), "{s:?}");
    let s = fires(
        DetectorName::Entity,
        "Rockets hit the base near Zakho.",
        "Rockets hit the base.",
    );
    assert_eq!(s.left, "Zakho");
}

#[test]
fn entity_variants_traps() {
    silent(
        DetectorName::Entity,
        "Rubio spoke with al-Sudani.",
        "Rubio spoke with Sudani.",
    );
    silent(
        DetectorName::Entity,
        "Rubio spoke with al-Sudani.",
        "Rubio spoke with Al Sudani.",
    );
    silent(
        DetectorName::Entity,
        "The U.S. embassy closed.",
        "The United States embassy closed.",
    );
    silent(
        DetectorName::Entity,
        "The IRGC launched drones.",
        "The Revolutionary Guard launched drones.",
    );
    // "US" describing a title, a pronoun "us", a headline.
    silent(
        DetectorName::Entity,
        "Secretary of State Marco Rubio spoke with Iraqi Prime Minister Mohammed Shia al-Sudani.",
        "Prime Minister Mohammed Shia al-Sudani received a call from US Secretary of State Marco Rubio.",
    );
    silent(
        DetectorName::Entity,
        "They told us the road was closed.",
        "They said the road was closed.",
    );
    // A name inside a compound, capitals standing for their countries.
    silent(
        DetectorName::Entity,
        "Iran-backed militias fired rockets.",
        "Militias backed by Iran fired rockets.",
    );
    silent(
        DetectorName::Entity,
        "Talks between Baghdad and Washington resumed.",
        "Talks between Iraq and the US resumed.",
    );
}

#[test]
fn entity_unknown_names_are_listed_once() {
    let s = run(
        DetectorName::Entity,
        "Harris met Ammar al-Hakim and Qais Khazali in the capital.",
        "Harris met two politicians in the capital.",
    );
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(
        s[0].left.contains("Ammar al-Hakim") && s[0].left.contains("Qais Khazali"),
        "{s:?}"
    );
}

// ---------------------------------------------------------------- loaded_term

#[test]
fn loaded_terms_fire_across_charges() {
    let s = fires(
        DetectorName::LoadedTerm,
        "Armed groups fired rockets at the base.",
        "Terrorist militias fired rockets at the base.",
    );
    assert_eq!(
        (s.left.as_str(), s.right.as_str()),
        ("Armed groups", "Terrorist militias")
    );
    fires(
        DetectorName::LoadedTerm,
        "The militias fired rockets.",
        "The resistance fired rockets.",
    );
    fires(
        DetectorName::LoadedTerm,
        "The government closed the border.",
        "The regime closed the border.",
    );
    fires(
        DetectorName::LoadedTerm,
        "Three fighters were killed in the strike.",
        "Three fighters were martyred in the strike.",
    );
}

#[test]
fn loaded_term_traps() {
    silent(
        DetectorName::LoadedTerm,
        "Armed groups fired rockets.",
        "Factions fired rockets.",
    );
    silent(
        DetectorName::LoadedTerm,
        "Two people were killed.",
        "Two people died.",
    );
    // The term on one side only: nothing to compare it with.
    silent(DetectorName::LoadedTerm, "The regime fell.", "Assad fell.");
}

// ---------------------------------------------------------------- decision table

#[test]
fn style_only_differences_stay_shared() {
    for (l, r) in [
        (
            "Iraqi and U.S. officials agreed on Tuesday to keep talks on schedule, a spokesman said.",
            "On Tuesday, Iraqi and US officials agreed to keep talks on schedule, a spokesman said.",
        ),
        (
            "\"We are committed,\" the spokesman said.",
            "“We are committed,” the spokesman said.",
        ),
        (
            "The coalition has about 2,500 troops in Iraq, according to the Pentagon.",
            "According to the Pentagon, the coalition has about 2,500 troops in Iraq.",
        ),
        (
            "Armed groups attacked the base - officials said.",
            "Factions attacked the base — officials said.",
        ),
        (
            "Two people were killed in the blast.",
            "Two people died in the blast.",
        ),
    ] {
        let (rel, s) = relation(l, r);
        assert_eq!(rel, Relation::Shared, "{l:?} / {r:?}: {s:#?}");
    }
}

#[test]
fn conflict_beats_framing() {
    let (rel, s) = relation(
        "Seven soldiers were reportedly wounded, the army said.",
        "Five soldiers were wounded, the army said.",
    );
    assert_eq!(rel, Relation::Contradicted, "{s:#?}");
    assert!(s.iter().any(|x| x.detector == DetectorName::Hedge));
}

#[test]
fn erbil_single_sentence_pair_is_one_contradiction() {
    let a = Document::from_text("a", "Flights at Erbil airport were disrupted.");
    let b = Document::from_text("b", "Flights at Erbil airport were not disrupted.");
    let r = compare(&[a, b], &parallax::Options::default()).unwrap();
    let c = &r.comparisons[0];
    assert_eq!(c.alignments.len(), 1);
    assert_eq!(c.alignments[0].relation, Relation::Contradicted);
    let d: Vec<DetectorName> = c.alignments[0].signals.iter().map(|s| s.detector).collect();
    assert_eq!(d, [DetectorName::Negation]);
}

#[test]
fn document_dates_reach_the_date_detector() {
    let mut a = Document::from_text(
        "a",
        "Rockets hit the base near Erbil on Tuesday, officials said.",
    );
    let mut b = Document::from_text(
        "b",
        "Rockets hit the base near Erbil on Nov. 4, officials said.",
    );
    a.meta.date = Some("2025-11-12".into());
    b.meta.date = Some("2025-11-12".into());
    let r = compare(&[a, b], &parallax::Options::default()).unwrap();
    let al = &r.comparisons[0].alignments[0];
    assert_eq!(al.relation, Relation::Contradicted, "{al:#?}");
    assert_eq!(al.signals[0].left, "Tuesday");
}

// ---------------------------------------------------------------- command line

fn parallax() -> Command {
    let mut c = Command::cargo_bin("parallax").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("TERM")
        .env_remove("COLUMNS");
    c
}

#[test]
fn explain_lists_every_detector() {
    let out = parallax()
        .args([
            "explain",
            "Flights at Erbil airport were disrupted.",
            "Flights at Erbil airport were not disrupted.",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for n in DetectorName::ALL {
        assert!(text.contains(n.as_str()), "{n}: {text}");
    }
    assert!(text.contains("polarity flips"), "{text}");
    assert!(text.contains("relation: contradicted"), "{text}");
}

#[test]
fn explain_json() {
    let out = parallax()
        .args([
            "explain",
            "--format",
            "json",
            "Rubio urged Baghdad to act.",
            "Rubio demanded that Baghdad act.",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["relation"], "reframed");
    let ds = v["detectors"].as_array().unwrap();
    assert_eq!(ds.len(), 10);
    assert!(ds[0]["score"].as_f64().is_some());
    let intensity = ds.iter().find(|d| d["detector"] == "intensity").unwrap();
    assert_eq!(intensity["signals"][0]["left"], "urged");
    assert!(
        intensity["signals"][0]["explanation"]
            .as_str()
            .unwrap()
            .contains("stronger")
    );
}

#[test]
fn unknown_detector_is_a_usage_error_listing_valid_ones() {
    for cmd in [
        vec!["explain", "--detectors", "lexical,sarcasm", "a.", "b."],
        vec![
            "compare",
            "--detectors",
            "sarcasm",
            "fixtures/cases/erbil-negation/left.txt",
            "fixtures/cases/erbil-negation/right.txt",
        ],
    ] {
        let out = parallax().args(&cmd).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("sarcasm") && err.contains("loaded_term"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn lexicon_file_extends_and_malformed_one_fails_with_position() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("extra.toml");
    std::fs::write(
        &good,
        "[loaded_terms.armed_groups]\npejorative = [\"death squads\"]\n",
    )
    .unwrap();
    let out = parallax()
        .args(["explain", "--lexicon"])
        .arg(&good)
        .args([
            "--format",
            "json",
            "Armed groups fired.",
            "Death squads fired.",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["relation"], "reframed", "{v:#}");

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[hedges]\nterms = [\"reportedly\",\n  oops]\n").unwrap();
    for sub in ["explain", "compare"] {
        let out = parallax()
            .args([sub, "--lexicon"])
            .arg(&bad)
            .args([
                "fixtures/cases/erbil-negation/left.txt",
                "fixtures/cases/erbil-negation/right.txt",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{sub}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("bad.toml: line 3, column 3"), "{sub}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(out.stdout.is_empty());
    }
}
