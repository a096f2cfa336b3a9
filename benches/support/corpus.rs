//! A deterministic corpus of events for the batch benchmark and `examples/gen_corpus.rs`:
//! sentences taken from the repository's fixture texts, recombined into events and perturbed
//! per source the way outlets differ (omissions, negations, changed figures, hedges, speech
//! verbs, reordering, statements of their own). A fixed-seed xorshift makes every run
//! produce the same bytes.

#![allow(dead_code)] // the bench and the example use different parts

use std::path::Path;

/// xorshift64*: tiny, fast, reproducible everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// One generated event: an id and its sources as (label, text).
pub struct GenEvent {
    pub id: String,
    pub title: String,
    pub sources: Vec<(String, String)>,
}

/// Sentences of the fixture texts (fixtures/cases and fixtures/batch), in a fixed order.
pub fn fixture_sentences(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["fixtures/cases", "fixtures/batch/events"] {
        let Ok(events) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in events.flatten() {
            if let Ok(inner) = std::fs::read_dir(e.path()) {
                for f in inner.flatten() {
                    let p = f.path();
                    if p.extension().is_some_and(|x| x == "txt") {
                        files.push(p);
                    }
                }
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for line in text.lines() {
            for s in line.split_inclusive(". ") {
                let s = s.trim();
                // Whole sentences only: a capital first, and not cut after "U.S." or "Oct.".
                let starts = s.chars().next().is_some_and(|c| c.is_ascii_uppercase());
                let ends = s
                    .strip_suffix('.')
                    .and_then(|r| r.chars().last())
                    .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == '%');
                let last_word = s.split_whitespace().last().unwrap_or("");
                if starts
                    && ends
                    && last_word.len() > 4
                    && s.split_whitespace().count() >= 6
                    && !out.iter().any(|o| o == s)
                {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

const PLACES: [&str; 8] = [
    "Erbil",
    "Baghdad",
    "Basra",
    "Mosul",
    "Kirkuk",
    "Najaf",
    "Sulaymaniyah",
    "Duhok",
];
const VERBS: [(&str, &str); 4] = [
    ("said", "claimed"),
    ("stressed", "suggested"),
    ("urged", "asked"),
    ("announced", "hinted"),
];

/// Replaces the place names of a sentence so that events differ from one another.
fn relocate(s: &str, rng: &mut Rng) -> String {
    let to = PLACES[rng.below(PLACES.len())];
    let mut out = s.to_string();
    for p in PLACES {
        out = out.replace(p, to);
    }
    out
}

fn negate(s: &str) -> String {
    for aux in [
        " was ", " were ", " is ", " are ", " will ", " has ", " have ",
    ] {
        if let Some(i) = s.find(aux) {
            return format!("{}{}not {}", &s[..i], aux, &s[i + aux.len()..]);
        }
    }
    s.replacen(" the ", " no ", 1)
}

fn change_number(s: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    for w in s.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        let digits: String = w.chars().filter(char::is_ascii_digit).collect();
        if !changed && !digits.is_empty() && digits.len() <= 6 {
            out.push_str(&w.replace(
                &digits,
                &(digits.parse::<u64>().unwrap_or(1) + 1 + rng.below(9) as u64).to_string(),
            ));
            changed = true;
        } else {
            out.push_str(w);
        }
    }
    if changed {
        out
    } else {
        format!("{} Officials cited {} cases.", s, 2 + rng.below(90))
    }
}

fn reframe(s: &str, rng: &mut Rng) -> String {
    for (a, b) in VERBS {
        if s.contains(&format!(" {a} ")) {
            return s.replacen(&format!(" {a} "), &format!(" {b} "), 1);
        }
    }
    let hedge = ["Reportedly, ", "Allegedly, "][rng.below(2)];
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        // "The talks…" → "Reportedly, the talks…"; "Rubio…" keeps its capital.
        (Some(c), Some(d)) if d.is_lowercase() && c != 'I' => {
            format!("{hedge}{}{}", c.to_lowercase(), &s[c.len_utf8()..])
        }
        _ => format!("{hedge}{s}"),
    }
}

/// Generates `events` events of `sources` sources with about `statements` statements each.
pub fn generate(
    pool: &[String],
    events: usize,
    sources: usize,
    statements: usize,
    seed: u64,
) -> Vec<GenEvent> {
    assert!(!pool.is_empty(), "no fixture sentences found");
    let mut rng = Rng::new(seed);
    (0..events)
        .map(|e| {
            let base: Vec<String> = (0..statements)
                .map(|_| relocate(&pool[rng.below(pool.len())], &mut rng))
                .collect();
            let sources = (0..sources)
                .map(|k| {
                    let mut own: Vec<String> = Vec::with_capacity(statements + 3);
                    for s in &base {
                        if rng.chance(0.12) {
                            continue; // omitted
                        }
                        let r = rng.below(100);
                        own.push(match r {
                            0..=5 => negate(s),
                            6..=11 => change_number(s, &mut rng),
                            12..=21 => reframe(s, &mut rng),
                            _ => s.clone(),
                        });
                    }
                    for _ in 0..(1 + rng.below(4)) {
                        let at = rng.below(own.len() + 1);
                        own.insert(at, relocate(&pool[rng.below(pool.len())], &mut rng));
                    }
                    for i in 1..own.len() {
                        if rng.chance(0.1) {
                            own.swap(i - 1, i);
                        }
                    }
                    let text = own
                        .chunks(4)
                        .map(|p| p.join(" "))
                        .collect::<Vec<_>>()
                        .join("\n\n");
                    (format!("outlet-{}", k + 1), text + "\n")
                })
                .collect();
            GenEvent {
                id: format!("event-{:05}", e + 1),
                title: format!("Generated event {}", e + 1),
                sources,
            }
        })
        .collect()
}

/// One event as a JSON line (the `parallax batch --jsonl` input).
pub fn jsonl_line(e: &GenEvent) -> String {
    let sources: Vec<serde_json::Value> = e
        .sources
        .iter()
        .map(|(label, text)| serde_json::json!({"label": label, "text": text, "outlet": label}))
        .collect();
    serde_json::json!({"id": e.id, "title": e.title, "sources": sources}).to_string()
}
