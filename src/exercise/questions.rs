//! Question generation. Each kind collects its candidates from the report in report order,
//! the seed picks among them and shuffles the choices. Correct answers come only from the
//! report (omission lists, signals, aligned texts); distractors come from the same texts and
//! are filtered so that none is also correct.

use super::rng::Rng;
use super::{Evidence, ExerciseOptions, Grounding, Question, QuestionKind, Worksheet};
use crate::detect::DetectorName;
use crate::render::{WordOp, word_diff};
use crate::report::{AlignmentReport, ComparisonReport, Report, SignalReport};

/// Speech verbs that present a point forcefully. Used only to judge tone and to draw
/// distractors; correct verb answers always come from `attribution` signals.
const INSISTENT: &[&str] = &[
    "stressed",
    "stresses",
    "urged",
    "urges",
    "insisted",
    "insists",
    "warned",
    "warns",
    "demanded",
    "demands",
    "emphasized",
    "emphasised",
    "emphasizes",
    "pressed",
    "presses",
];
/// Speech verbs that report without colouring.
const NEUTRAL: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "noted",
    "notes",
    "discussed",
    "added",
    "mentioned",
    "stated",
    "explained",
    "spoke",
    "reported",
    "asked",
    "expressed",
    "announced",
    "affirmed",
    "reaffirmed",
    "reiterated",
    "received",
];
/// Speech verbs that distance the writer from the claim.
const DISTANCING: &[&str] = &["claimed", "claims", "alleged", "alleges", "purported"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tone {
    Insistent,
    Neutral,
    Distancing,
}

fn tone(verb: &str) -> Option<Tone> {
    let v = verb.to_lowercase();
    if INSISTENT.contains(&v.as_str()) {
        Some(Tone::Insistent)
    } else if NEUTRAL.contains(&v.as_str()) {
        Some(Tone::Neutral)
    } else if DISTANCING.contains(&v.as_str()) {
        Some(Tone::Distancing)
    } else {
        None
    }
}

/// `“text”`.
fn q(s: &str) -> String {
    format!("“{s}”")
}

/// A statement worth asking about: a sentence of at least five words, not a headline,
/// dateline or byline.
fn is_claim(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '”', '’', '\'', ')']);
    t.ends_with(['.', '!', '?']) && text.split_whitespace().count() >= 5
}

/// Everything the builders share.
struct Ctx<'a> {
    report: &'a Report,
    opts: &'a ExerciseOptions,
    rng: Rng,
    choices: usize,
}

impl Ctx<'_> {
    fn id(&self, d: usize) -> &str {
        &self.report.documents[d].id
    }

    fn text(&self, d: usize, idx: &[usize]) -> String {
        idx.iter()
            .map(|&i| self.report.documents[d].statements[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn nums(idx: &[usize]) -> String {
        idx.iter()
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join("+")
    }

    /// " (washington statement 9, baghdad statement 8)" when the level gives hints.
    fn hint(&self, c: &ComparisonReport, a: &AlignmentReport) -> String {
        if !self.opts.level.hints() {
            return String::new();
        }
        format!(
            " ({} statement {}, {} statement {})",
            self.id(c.left),
            Self::nums(&a.left),
            self.id(c.right),
            Self::nums(&a.right)
        )
    }

    fn evidence(&self, c: &ComparisonReport, a: &AlignmentReport) -> Vec<Evidence> {
        vec![
            Evidence {
                source: self.id(c.left).to_string(),
                statement: Some(a.left[0]),
                text: self.text(c.left, &a.left),
            },
            Evidence {
                source: self.id(c.right).to_string(),
                statement: Some(a.right[0]),
                text: self.text(c.right, &a.right),
            },
        ]
    }

    /// Shuffles `correct` in among up to `choices - 1` distinct distractors; `None` when
    /// no distractor is left.
    fn choose(
        &mut self,
        correct: String,
        distractors: Vec<String>,
    ) -> Option<(Vec<String>, usize)> {
        let mut pool: Vec<String> = Vec::new();
        for d in distractors {
            if d != correct && !pool.contains(&d) {
                pool.push(d);
            }
        }
        if pool.is_empty() {
            return None;
        }
        let mut all = self.rng.sample(&pool, self.choices - 1);
        all.push(correct.clone());
        self.rng.shuffle(&mut all);
        let answer = all.iter().position(|c| *c == correct)?;
        Some((all, answer))
    }

    /// Every (comparison, alignment) pair in report order.
    fn alignments(&self) -> Vec<(usize, usize)> {
        self.report
            .comparisons
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| (0..c.alignments.len()).map(move |ai| (ci, ai)))
            .collect()
    }

    fn signals_of(&self, names: &[DetectorName]) -> Vec<Grounding> {
        let mut out = Vec::new();
        for (ci, ai) in self.alignments() {
            let a = &self.report.comparisons[ci].alignments[ai];
            for (si, s) in a.signals.iter().enumerate() {
                if names.contains(&s.detector) {
                    out.push(Grounding {
                        comparison: ci,
                        alignment: ai,
                        signal: Some(si),
                    });
                }
            }
        }
        out
    }
}

/// The shared wording of an aligned pair with each difference shown as "…", or the
/// difference that holds `blank` (left or right evidence) shown as "___".
///
/// `("He stressed that firms are ready.", "He said firms are ready.", None)` →
/// `"He … firms are ready."`
fn topic(l: &str, r: &str, blank: Option<(&str, &str)>) -> String {
    #[derive(PartialEq)]
    enum State {
        Same,
        Ellipsis,
        Blank,
    }
    let mut out = String::new();
    let mut state = State::Same;
    let mut blanked = false;
    for w in word_diff(l, r) {
        if w.op == WordOp::Equal {
            if state != State::Same && w.text.starts_with(char::is_alphanumeric) {
                out.push(' ');
            }
            out.push_str(&w.text);
            state = State::Same;
            continue;
        }
        let target = !blanked
            && blank.is_some_and(|(a, b)| {
                let needle = if w.op == WordOp::Removed { a } else { b };
                let run = w.text.trim();
                !needle.is_empty()
                    && (run.contains(needle) || (run.len() >= 2 && needle.contains(run)))
            });
        match (&state, target) {
            (State::Same, true) => {
                out.push_str("___");
                state = State::Blank;
                blanked = true;
            }
            (State::Same, false) => {
                out.push('…');
                state = State::Ellipsis;
            }
            (State::Ellipsis, true) => {
                out.pop();
                out.push_str("___");
                state = State::Blank;
                blanked = true;
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Figures in a text: `$3.5 billion`, `80%`, `2,500`, `28`.
fn figures(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let dollar = b[i] == b'$';
        let d0 = if dollar { i + 1 } else { i };
        // Not part of a word or code: "F-16s", "B2", "2nd" are not figures.
        let prev_ok = start == 0 || !(b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'-');
        if d0 < b.len() && b[d0].is_ascii_digit() && prev_ok {
            let mut j = d0;
            while j < b.len()
                && (b[j].is_ascii_digit()
                    || ((b[j] == b',' || b[j] == b'.')
                        && b.get(j + 1).is_some_and(u8::is_ascii_digit)))
            {
                j += 1;
            }
            if b.get(j).is_some_and(u8::is_ascii_alphabetic) {
                i = j;
                continue;
            }
            let mut end = j;
            if b.get(j) == Some(&b'%') {
                end = j + 1;
            } else {
                for unit in [" billion", " million", " thousand", " percent"] {
                    if text[j..].starts_with(unit) {
                        end = j + unit.len();
                        break;
                    }
                }
            }
            out.push(text[start..end].to_string());
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Plausible wrong versions of a figure: million for billion, a moved decimal point.
fn perturb(fig: &str) -> Vec<String> {
    let mut out = Vec::new();
    if fig.contains("billion") {
        out.push(fig.replace("billion", "million"));
    } else if fig.contains("million") {
        out.push(fig.replace("million", "billion"));
    }
    if let Some(p) = fig.find('.') {
        out.push(format!("{}{}", &fig[..p], &fig[p + 1..]));
    } else if let Some(p) = fig.rfind(|c: char| c.is_ascii_digit()) {
        out.push(format!("{}0{}", &fig[..=p], &fig[p + 1..]));
    }
    out
}

fn pair(l: &str, a: &str, r: &str, b: &str) -> String {
    format!("{l}: {} · {r}: {}", q(a), q(b))
}

pub(super) fn build(report: &Report, opts: &ExerciseOptions) -> Worksheet {
    let mut ctx = Ctx {
        report,
        opts,
        rng: Rng::new(opts.seed),
        choices: opts.level.choices(),
    };
    let mut qs = Vec::new();
    only_in(&mut ctx, &mut qs);
    leads(&mut ctx, &mut qs);
    speech_verbs(&mut ctx, &mut qs);
    one_sided(&mut ctx, &mut qs, &HEDGE);
    one_sided(&mut ctx, &mut qs, &NEGATION);
    figures_questions(&mut ctx, &mut qs);
    wording(&mut ctx, &mut qs);
    qs.push(open(&ctx));
    let sources: Vec<String> = report.documents.iter().map(|d| d.id.clone()).collect();
    let minutes = 5 + 3 * qs.len();
    let notes = vec![
        format!(
            "About {minutes} minutes. The texts section numbers every statement the way the \
             side-by-side page does (`parallax compare {} --format html`), so the printed \
             page can sit next to the worksheet.",
            report
                .documents
                .iter()
                .map(|d| d.path.as_deref().unwrap_or(&d.id))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "Every question comes from parallax's comparison. Check each one against the texts \
         before class: the tool can miss a match, or flag a difference that does not matter."
            .into(),
        "Ask students to quote the words that support each answer; the key quotes both texts."
            .into(),
        "The discussion question works best in pairs, then shared with the class.".into(),
        format!(
            "Same seed, same worksheet (seed {}, level {}): use another `--seed` for a second \
             version, e.g. for neighbouring desks.",
            opts.seed, opts.level
        ),
    ];
    Worksheet {
        sources,
        texts: report
            .documents
            .iter()
            .map(|d| d.statements.iter().map(|s| s.text.clone()).collect())
            .collect(),
        questions: qs,
        notes,
        seed: opts.seed,
        level: opts.level,
    }
}

/// Statements of document `d` that no other source states (omitted in every comparison
/// involving `d`).
fn only_statements(report: &Report, d: usize) -> Vec<usize> {
    (0..report.documents[d].statements.len())
        .filter(|&i| {
            report.comparisons.iter().all(|c| {
                if c.left == d {
                    c.only_left.contains(&i)
                } else if c.right == d {
                    c.only_right.contains(&i)
                } else {
                    true
                }
            })
        })
        .collect()
}

fn only_in(ctx: &mut Ctx<'_>, qs: &mut Vec<Question>) {
    let report = ctx.report;
    let n = report.documents.len();
    let per_source = if ctx.opts.level == super::Level::Hard {
        2
    } else {
        1
    };
    for d in 0..n {
        let doc = &report.documents[d];
        let only = only_statements(report, d);
        let claim = |i: &usize| is_claim(&doc.statements[*i].text);
        let correct: Vec<usize> = only.iter().copied().filter(claim).collect();
        // In d and in at least one other source: plausible, and never correct.
        let mut pool: Vec<String> = (0..doc.statements.len())
            .filter(|i| !only.contains(i) && claim(i))
            .map(|i| doc.statements[i].text.clone())
            .collect();
        if ctx.opts.level == super::Level::Hard {
            // Statements only another source makes: not in d at all.
            for e in (0..n).filter(|&e| e != d) {
                let other = &report.documents[e];
                pool.extend(
                    only_statements(report, e)
                        .into_iter()
                        .filter(|i| is_claim(&other.statements[*i].text))
                        .map(|i| other.statements[i].text.clone()),
                );
            }
        }
        let others: Vec<&str> = (0..n)
            .filter(|&e| e != d)
            .map(|e| report.documents[e].id.as_str())
            .collect();
        let picked = ctx.rng.sample(&correct, per_source);
        for i in picked {
            let text = doc.statements[i].text.clone();
            let Some((choices, answer)) = ctx.choose(text.clone(), pool.clone()) else {
                continue;
            };
            let prompt = if others.len() == 1 {
                format!(
                    "Which of these statements appears in {}'s text but not in {}'s?",
                    doc.id, others[0]
                )
            } else {
                format!(
                    "Which of these statements appears in {}'s text and in none of the others ({})?",
                    doc.id,
                    others.join(", ")
                )
            };
            let mut evidence = vec![Evidence {
                source: doc.id.clone(),
                statement: Some(i),
                text: text.clone(),
            }];
            evidence.extend(others.iter().map(|o| Evidence {
                source: o.to_string(),
                statement: None,
                text: "no statement says this".into(),
            }));
            qs.push(Question {
                kind: QuestionKind::OnlyIn { source: d },
                prompt,
                choices,
                answer: Some(answer),
                evidence,
                explanation: format!(
                    "Only {} reports this; no statement of {} matches it. The other choices {}.",
                    doc.id,
                    others.join(" or "),
                    if ctx.opts.level == super::Level::Hard {
                        "appear in another text too, or are not in this one at all"
                    } else {
                        "appear in another text too"
                    }
                ),
                note: format!(
                    "Omission is the strongest framing choice. Ask: why would {} include this \
                     and {} leave it out? Whose priorities does it serve?",
                    doc.id,
                    others.join(" and ")
                ),
            });
        }
    }
}

/// An `attribution` signal about the speech verb (others are about the speaker).
fn is_verb_signal(s: &SignalReport) -> bool {
    s.detector == DetectorName::Attribution && s.short.starts_with("speech verb")
}

/// Speech-verb forms that occur in any of the texts (distractor material).
fn verbs_in_texts(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in &report.documents {
        for s in &d.statements {
            for w in s.text.split(|c: char| !c.is_alphabetic()) {
                let lw = w.to_lowercase();
                if tone(&lw).is_some() && !out.contains(&lw) {
                    out.push(lw);
                }
            }
        }
    }
    out
}

fn speech_verbs(ctx: &mut Ctx<'_>, qs: &mut Vec<Question>) {
    let cands: Vec<Grounding> = ctx
        .signals_of(&[DetectorName::Attribution])
        .into_iter()
        .filter(|g| {
            let s = &ctx.report.comparisons[g.comparison].alignments[g.alignment].signals
                [g.signal.unwrap_or(0)];
            is_verb_signal(s) && !s.left.is_empty() && !s.right.is_empty() && s.left != s.right
        })
        .collect();
    let verbs = verbs_in_texts(ctx.report);
    let picked = ctx.rng.sample(&cands, ctx.opts.level.per_kind());
    for g in picked {
        let report = ctx.report;
        let c = &report.comparisons[g.comparison];
        let a = &c.alignments[g.alignment];
        let s = &a.signals[g.signal.unwrap_or(0)];
        let (l, r) = (ctx.id(c.left).to_string(), ctx.id(c.right).to_string());
        let (lt, rt) = (ctx.text(c.left, &a.left), ctx.text(c.right, &a.right));
        let correct = pair(&l, &s.left, &r, &s.right);
        let mut distractors = vec![pair(&l, &s.right, &r, &s.left)];
        for v in &verbs {
            if !v.eq_ignore_ascii_case(&s.left) {
                distractors.push(pair(&l, v, &r, &s.right));
            }
            if !v.eq_ignore_ascii_case(&s.right) {
                distractors.push(pair(&l, &s.left, &r, v));
            }
        }
        let Some((choices, answer)) = ctx.choose(correct, distractors) else {
            continue;
        };
        let hint = ctx.hint(c, a);
        qs.push(Question {
            kind: QuestionKind::SpeechVerb(g),
            prompt: format!(
                "Which speech verb does each source use here? Then: how does the choice of \
                 verb change the tone? {}{hint}",
                q(&topic(&lt, &rt, None))
            ),
            choices,
            answer: Some(answer),
            evidence: ctx.evidence(c, a),
            explanation: format!(
                "{} uses {} and {} uses {}: {}.",
                l,
                q(&s.left),
                r,
                q(&s.right),
                s.explanation
            ),
            note: format!(
                "Speech verbs are not neutral. Have students read the sentence aloud with {} \
                 and then with {}: which sounds like a firm position, which like a passing remark?",
                q(&s.left),
                q(&s.right)
            ),
        });
        if let Some(t) = tone_question(ctx, g, &l, &r, &s.left, &s.right, &hint) {
            qs.push(t);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn tone_question(
    ctx: &mut Ctx<'_>,
    g: Grounding,
    l: &str,
    r: &str,
    lv: &str,
    rv: &str,
    hint: &str,
) -> Option<Question> {
    let (tl, tr) = (tone(lv)?, tone(rv)?);
    if tl == tr {
        return None;
    }
    let (ask, marked) = if tl == Tone::Distancing || tr == Tone::Distancing {
        ("whose verb casts doubt on the statement", Tone::Distancing)
    } else {
        (
            "whose verb presents the statement more forcefully",
            Tone::Insistent,
        )
    };
    let (correct, wrong) = if tl == marked {
        (format!("{l} ({})", q(lv)), format!("{r} ({})", q(rv)))
    } else if tr == marked {
        (format!("{r} ({})", q(rv)), format!("{l} ({})", q(lv)))
    } else {
        return None;
    };
    let (choices, answer) = ctx.choose(
        correct.clone(),
        vec![wrong, "Neither: the two verbs carry the same weight".into()],
    )?;
    let c = &ctx.report.comparisons[g.comparison];
    let a = &c.alignments[g.alignment];
    Some(Question {
        kind: QuestionKind::Tone(g),
        prompt: format!("In the same statement{hint}: {ask}?"),
        choices,
        answer: Some(answer),
        evidence: ctx.evidence(c, a),
        explanation: if marked == Tone::Insistent {
            format!(
                "{correct}: the verb presents the point as something insisted on; the other \
                 verb only reports that it was said."
            )
        } else {
            format!("{correct}: the verb suggests the claim may not be true.")
        },
        note: "Tone questions have a defensible answer but invite argument: accept a reasoned \
               case that quotes the words."
            .into(),
    })
}

/// A question about a word only one side of an aligned pair has: a hedge, a negation.
struct OneSided {
    detector: DetectorName,
    kind: fn(Grounding) -> QuestionKind,
    /// The question, before the quoted statement.
    ask: &'static str,
    /// The "no difference" choice.
    neither: &'static str,
    /// The teacher's note, given the word.
    note: fn(&str) -> String,
}

const HEDGE: OneSided = OneSided {
    detector: DetectorName::Hedge,
    kind: QuestionKind::Hedge,
    ask: "One source hedges this claim (signals less certainty). Which source, and with which word?",
    neither: "Neither: both state it as fact",
    note: |w| {
        format!(
            "A hedge such as “{w}” lets a source pass on a claim without vouching for it. Ask \
             who the claim comes from, and why one source keeps its distance."
        )
    },
};

const NEGATION: OneSided = OneSided {
    detector: DetectorName::Negation,
    kind: QuestionKind::Negation,
    ask: "The sources contradict each other here: one says the opposite of the other. Which \
          source negates the statement, and with which word?",
    neither: "Neither: both say the same thing",
    note: |w| {
        format!(
            "One word (“{w}”) turns the report around. Both cannot be true: ask how a reader \
             could find out which source is right."
        )
    },
};

fn one_sided(ctx: &mut Ctx<'_>, qs: &mut Vec<Question>, spec: &OneSided) {
    let report = ctx.report;
    let cands: Vec<Grounding> = ctx
        .signals_of(&[spec.detector])
        .into_iter()
        .filter(|g| {
            let a = &report.comparisons[g.comparison].alignments[g.alignment];
            let s = &a.signals[g.signal.unwrap_or(0)];
            // Only when the other side has no such word at all: "one source hedges" must
            // be true as asked.
            let same: Vec<_> = a
                .signals
                .iter()
                .filter(|x| x.detector == spec.detector)
                .collect();
            let left_has = same.iter().any(|x| !x.left.is_empty());
            let right_has = same.iter().any(|x| !x.right.is_empty());
            s.left.is_empty() != s.right.is_empty() && left_has != right_has
        })
        .collect();
    let picked = ctx.rng.sample(&cands, ctx.opts.level.per_kind());
    for g in picked {
        let c = &report.comparisons[g.comparison];
        let a = &c.alignments[g.alignment];
        let s = &a.signals[g.signal.unwrap_or(0)];
        let (l, r) = (ctx.id(c.left).to_string(), ctx.id(c.right).to_string());
        let (lt, rt) = (ctx.text(c.left, &a.left), ctx.text(c.right, &a.right));
        let (holder, other, word) = if s.left.is_empty() {
            (&r, &l, &s.right)
        } else {
            (&l, &r, &s.left)
        };
        // Every word of this detector in the pair is a correct answer; never offer one.
        let own_words: Vec<String> = a
            .signals
            .iter()
            .filter(|x| x.detector == spec.detector)
            .flat_map(|x| [x.left.to_lowercase(), x.right.to_lowercase()])
            .filter(|w| !w.is_empty())
            .collect();
        // Other words that differ between the two statements, on either side.
        let mut changed: Vec<(bool, String)> = Vec::new();
        for w in word_diff(&lt, &rt) {
            let on_left = match w.op {
                WordOp::Equal => continue,
                WordOp::Removed => true,
                WordOp::Added => false,
            };
            for t in w.text.split(|ch: char| !ch.is_alphabetic()) {
                if t.chars().count() >= 3 && !own_words.contains(&t.to_lowercase()) {
                    changed.push((on_left, t.to_string()));
                }
            }
        }
        let correct = format!("{holder}, with {}", q(word));
        let mut distractors = vec![
            format!("{other}, with {}", q(word)),
            spec.neither.to_string(),
        ];
        for (on_left, t) in &changed {
            let side = if *on_left { &l } else { &r };
            distractors.push(format!("{side}, with {}", q(t)));
        }
        // The first two are the most instructive; keep them when there is room.
        let mut head = distractors[..2].to_vec();
        let rest = ctx
            .rng
            .sample(&distractors[2..], ctx.choices.saturating_sub(3));
        head.extend(rest);
        let Some((choices, answer)) = ctx.choose(correct, head) else {
            continue;
        };
        qs.push(Question {
            kind: (spec.kind)(g),
            prompt: format!(
                "{} {}{}",
                spec.ask,
                q(&topic(&lt, &rt, None)),
                ctx.hint(c, a)
            ),
            choices,
            answer: Some(answer),
            evidence: ctx.evidence(c, a),
            explanation: format!("{holder} writes {}: {}.", q(word), s.explanation),
            note: (spec.note)(word),
        });
    }
}

fn figures_questions(ctx: &mut Ctx<'_>, qs: &mut Vec<Question>) {
    let per_kind = ctx.opts.level.per_kind();
    let report = ctx.report;
    let all_figures: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for d in &report.documents {
            for s in &d.statements {
                for f in figures(&s.text) {
                    if !v.contains(&f) {
                        v.push(f);
                    }
                }
            }
        }
        v
    };
    // Figures the sources disagree on (number and date signals) come first.
    let cands: Vec<Grounding> = ctx
        .signals_of(&[DetectorName::Number, DetectorName::Date])
        .into_iter()
        .filter(|g| {
            let s = &report.comparisons[g.comparison].alignments[g.alignment].signals
                [g.signal.unwrap_or(0)];
            !s.left.is_empty() && !s.right.is_empty() && s.left != s.right
        })
        .collect();
    let picked = ctx.rng.sample(&cands, per_kind);
    let mut asked = 0;
    for g in picked {
        let c = &report.comparisons[g.comparison];
        let a = &c.alignments[g.alignment];
        let s = &a.signals[g.signal.unwrap_or(0)];
        let (l, r) = (ctx.id(c.left).to_string(), ctx.id(c.right).to_string());
        let (lt, rt) = (ctx.text(c.left, &a.left), ctx.text(c.right, &a.right));
        let correct = pair(&l, &s.left, &r, &s.right);
        let distractors = vec![
            pair(&l, &s.right, &r, &s.left),
            pair(&l, &s.left, &r, &s.left),
            pair(&l, &s.right, &r, &s.right),
        ];
        let Some((choices, answer)) = ctx.choose(correct, distractors) else {
            continue;
        };
        let what = if s.detector == DetectorName::Date {
            "date"
        } else {
            "figure"
        };
        qs.push(Question {
            kind: QuestionKind::Figure(g),
            prompt: format!(
                "Which {what} does each source give in the gap? {}{}",
                q(&topic(&lt, &rt, Some((&s.left, &s.right)))),
                ctx.hint(c, a)
            ),
            choices,
            answer: Some(answer),
            evidence: ctx.evidence(c, a),
            explanation: format!("{}.", s.explanation),
            note: "When figures disagree, at most one can be right. Ask which source is closer \
                   to the event, and how a reader could check."
                .into(),
        });
        asked += 1;
    }
    if asked >= per_kind {
        return;
    }
    // Then figures both sources give: checking that a number matches is a skill too.
    let mut shared: Vec<(usize, usize, String)> = Vec::new();
    for (ci, ai) in ctx.alignments() {
        let c = &report.comparisons[ci];
        let a = &c.alignments[ai];
        let (lt, rt) = (ctx.text(c.left, &a.left), ctx.text(c.right, &a.right));
        // Where the sources disagree on a figure or date, "the same figure" is not safe.
        let disputed = a
            .signals
            .iter()
            .any(|s| matches!(s.detector, DetectorName::Number | DetectorName::Date));
        if disputed || !is_claim(&lt) {
            continue;
        }
        let rf = figures(&rt);
        for f in figures(&lt) {
            if rf.contains(&f) && !shared.iter().any(|(_, _, x)| *x == f) {
                shared.push((ci, ai, f));
            }
        }
    }
    // Money and percentages make better questions than day numbers.
    shared.sort_by_key(|(_, _, f)| !(f.contains('$') || f.contains('%') || f.contains("illion")));
    let best: Vec<_> = shared.into_iter().take(per_kind - asked).collect();
    for (ci, ai, f) in best {
        let c = &report.comparisons[ci];
        let a = &c.alignments[ai];
        let (lt, rt) = (ctx.text(c.left, &a.left), ctx.text(c.right, &a.right));
        // A distractor that both statements contain would also be right.
        let mut distractors: Vec<String> = perturb(&f);
        distractors.extend(all_figures.iter().cloned());
        distractors.retain(|d| !(lt.contains(d.as_str()) && rt.contains(d.as_str())));
        let Some((choices, answer)) = ctx.choose(f.clone(), distractors) else {
            continue;
        };
        let gap = topic(&lt, &rt, None).replacen(&f, "___", 1);
        qs.push(Question {
            kind: QuestionKind::Figure(Grounding {
                comparison: ci,
                alignment: ai,
                signal: None,
            }),
            prompt: format!(
                "Both sources give the same figure here. Which figure fills the gap? {}{}",
                q(&gap),
                ctx.hint(c, a)
            ),
            choices,
            answer: Some(answer),
            evidence: ctx.evidence(c, a),
            explanation: format!(
                "Both {} and {} give {}.",
                ctx.id(c.left),
                ctx.id(c.right),
                q(&f)
            ),
            note: "Agreement on a figure is worth noting too: it is the part of the story both \
                   sides are willing to stand behind."
                .into(),
        });
    }
}

/// Letters only, lowercased: "U.S." and "US" compare equal.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Drops the words two phrasings share at their start: "The Secretary" / "The two sides"
/// → "Secretary" / "two sides", so that the gap in the prompt holds exactly the difference.
fn trim_common_words(a: &str, b: &str) -> (String, String) {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let mut k = 0;
    while k + 1 < wa.len() && k + 1 < wb.len() && wa[k].eq_ignore_ascii_case(wb[k]) {
        k += 1;
    }
    (wa[k..].join(" "), wb[k..].join(" "))
}

fn wording(ctx: &mut Ctx<'_>, qs: &mut Vec<Question>) {
    let report = ctx.report;
    // (grounding, left words, right words)
    let mut cands: Vec<(Grounding, String, String)> = ctx
        .signals_of(&[
            DetectorName::LoadedTerm,
            DetectorName::Entity,
            DetectorName::Attribution,
        ])
        .into_iter()
        .filter_map(|g| {
            let s = &report.comparisons[g.comparison].alignments[g.alignment].signals
                [g.signal.unwrap_or(0)];
            // Attribution signals about the speaker ("the Secretary" / "the two sides").
            (!is_verb_signal(s)
                && !s.left.is_empty()
                && !s.right.is_empty()
                && letters(&s.left) != letters(&s.right))
            .then(|| {
                let (x, y) = trim_common_words(&s.left, &s.right);
                (g, x, y)
            })
        })
        .collect();
    if cands.is_empty() {
        // Substitutions inside aligned pairs: a short run replaced by another, not a verb,
        // a hedge or a figure (those have their own questions), not a spelling variant.
        for (ci, ai) in ctx.alignments() {
            let c = &report.comparisons[ci];
            let a = &c.alignments[ai];
            let signal_words: Vec<String> = a
                .signals
                .iter()
                .flat_map(|s| [s.left.to_lowercase(), s.right.to_lowercase()])
                .collect();
            let (lt, rt) = (ctx.text(c.left, &a.left), ctx.text(c.right, &a.right));
            let d = word_diff(&lt, &rt);
            for w in d.windows(2) {
                if w[0].op != WordOp::Removed || w[1].op != WordOp::Added {
                    continue;
                }
                let (x, y) = (w[0].text.trim(), w[1].text.trim());
                let ok = |t: &str| {
                    let n = t.split_whitespace().count();
                    (1..=3).contains(&n)
                        && t.chars().any(char::is_alphabetic)
                        && !t.chars().any(|ch| ch.is_ascii_digit())
                        && t.split(|ch: char| !ch.is_alphabetic())
                            .all(|p| tone(p).is_none() && !signal_words.contains(&p.to_lowercase()))
                };
                if ok(x) && ok(y) && letters(x) != letters(y) {
                    cands.push((
                        Grounding {
                            comparison: ci,
                            alignment: ai,
                            signal: None,
                        },
                        x.to_string(),
                        y.to_string(),
                    ));
                }
            }
        }
    }
    // One question per left wording: "The Secretary" against two different phrasings is
    // one point, asked once.
    let mut seen: Vec<String> = Vec::new();
    cands.retain(|(_, x, _)| {
        let lower = x.to_lowercase();
        let bare = ["the ", "a ", "an "]
            .iter()
            .find_map(|a| lower.strip_prefix(a))
            .unwrap_or(&lower);
        let k = letters(bare);
        let fresh = !seen.contains(&k);
        seen.push(k);
        fresh
    });
    let picked = ctx.rng.sample(&cands, ctx.opts.level.per_kind());
    for (g, x, y) in picked {
        let c = &report.comparisons[g.comparison];
        let a = &c.alignments[g.alignment];
        let (l, r) = (ctx.id(c.left).to_string(), ctx.id(c.right).to_string());
        let (lt, rt) = (ctx.text(c.left, &a.left), ctx.text(c.right, &a.right));
        let correct = pair(&l, &x, &r, &y);
        let mut distractors = vec![pair(&l, &y, &r, &x)];
        // Other substitutions, from other statements only (within this statement they
        // might fit the gap as well).
        for (g2, x2, y2) in &cands {
            if (g2.comparison, g2.alignment) != (g.comparison, g.alignment) {
                distractors.push(pair(&l, x2, &r, y2));
            }
        }
        distractors.push(pair(&l, &x, &r, &x));
        let Some((choices, answer)) = ctx.choose(correct, distractors) else {
            continue;
        };
        qs.push(Question {
            kind: QuestionKind::Wording(g),
            prompt: {
                let t = topic(&lt, &rt, Some((&x, &y)));
                let ask = if t.contains("___") {
                    "Which words does each source put in the gap?"
                } else {
                    "Which words does each source use for the same person or group?"
                };
                format!(
                    "The two sources word this statement differently. {ask} {}{}",
                    q(&t),
                    ctx.hint(c, a)
                )
            },
            choices,
            answer: Some(answer),
            evidence: ctx.evidence(c, a),
            explanation: format!("{l} writes {} where {r} writes {}.", q(&x), q(&y)),
            note: format!(
                "Naming is framing: {} or {}? Ask who is made the actor, and whether either \
                 word carries a judgement.",
                q(&x),
                q(&y)
            ),
        });
    }
}

/// The first claim (full sentence) of document `d`.
fn first_claim(report: &Report, d: usize) -> Option<usize> {
    report.documents[d]
        .statements
        .iter()
        .position(|s| is_claim(&s.text))
}

/// Where two sources open with different points: which point does each put first?
fn leads(ctx: &mut Ctx<'_>, qs: &mut Vec<Question>) {
    let report = ctx.report;
    // (comparison, side: 0 left / 1 right)
    let mut cands: Vec<(usize, usize)> = Vec::new();
    for (ci, c) in report.comparisons.iter().enumerate() {
        let (Some(fl), Some(fr)) = (first_claim(report, c.left), first_claim(report, c.right))
        else {
            continue;
        };
        let together = c
            .alignments
            .iter()
            .any(|a| a.left.contains(&fl) && a.right.contains(&fr));
        if !together {
            cands.extend([(ci, 0), (ci, 1)]);
        }
    }
    let picked = ctx.rng.sample(&cands, ctx.opts.level.per_kind());
    for (ci, side) in picked {
        let c = &report.comparisons[ci];
        let (d, other) = if side == 0 {
            (c.left, c.right)
        } else {
            (c.right, c.left)
        };
        let doc = &report.documents[d];
        let Some(first) = first_claim(report, d) else {
            continue;
        };
        // Other full sentences of the same source: each comes later, so none is correct.
        let pool: Vec<String> = doc
            .statements
            .iter()
            .filter(|s| s.index != first && is_claim(&s.text))
            .map(|s| s.text.clone())
            .collect();
        let text = doc.statements[first].text.clone();
        let Some((choices, answer)) = ctx.choose(text.clone(), pool) else {
            continue;
        };
        // Where the other source has the same point, if anywhere.
        let counterpart = c.alignments.iter().find_map(|a| {
            let (mine, theirs) = if side == 0 {
                (&a.left, &a.right)
            } else {
                (&a.right, &a.left)
            };
            mine.contains(&first).then(|| theirs[0])
        });
        let mut evidence = vec![Evidence {
            source: doc.id.clone(),
            statement: Some(first),
            text: text.clone(),
        }];
        let later = match counterpart {
            Some(j) => {
                evidence.push(Evidence {
                    source: ctx.id(other).to_string(),
                    statement: Some(j),
                    text: report.documents[other].statements[j].text.clone(),
                });
                format!(
                    "{} makes the same point only in statement {}",
                    ctx.id(other),
                    j + 1
                )
            }
            None => format!("{} does not make this point at all", ctx.id(other)),
        };
        qs.push(Question {
            kind: QuestionKind::Lead {
                comparison: ci,
                source: d,
            },
            prompt: format!(
                "{} and {} open with different points. Which of these does {} put first?",
                doc.id,
                ctx.id(other),
                doc.id
            ),
            choices,
            answer: Some(answer),
            evidence,
            explanation: format!(
                "{} opens with this (its first full sentence); {later}.",
                doc.id
            ),
            note: "What comes first is what most readers remember: many stop after the first \
                   sentences. Ask what each source wants readers to take away."
                .into(),
        });
    }
}

fn open(ctx: &Ctx<'_>) -> Question {
    let report = ctx.report;
    let two = report.documents.len() == 2;
    let mut evidence = Vec::new();
    let mut points = Vec::new();
    for d in 0..report.documents.len() {
        let doc = &report.documents[d];
        if let Some(i) = only_statements(report, d)
            .into_iter()
            .find(|i| is_claim(&doc.statements[*i].text))
        {
            points.push(format!(
                "only {} reports {}",
                doc.id,
                q(&doc.statements[i].text)
            ));
            evidence.push(Evidence {
                source: doc.id.clone(),
                statement: Some(i),
                text: doc.statements[i].text.clone(),
            });
        }
    }
    let framed = ctx
        .alignments()
        .into_iter()
        .map(|(ci, ai)| &report.comparisons[ci].alignments[ai])
        .flat_map(|a| a.signals.iter())
        .map(|s| s.explanation.clone())
        .next();
    if let Some(f) = framed {
        points.push(f);
    }
    Question {
        kind: QuestionKind::Open,
        prompt: format!(
            "These texts report the same event{}. Give two reasons why their accounts might \
             differ. Support each reason with a statement that only one source includes, or \
             that the sources word differently.",
            if two {
                " (for example, two governments' readouts of one phone call)"
            } else {
                ""
            }
        ),
        choices: Vec::new(),
        answer: None,
        evidence,
        explanation: format!(
            "No single right answer. Strong answers notice that each source leads with its own \
             priorities and audience, and that what is left out matters as much as what is \
             said. Points from these texts: {}.",
            if points.is_empty() {
                "(none found: the texts agree closely)".to_string()
            } else {
                points.join("; ")
            }
        ),
        note: "A readout is written by one side for its own public and for the other \
               government: each stresses what it wants on the record. Steer students from \
               'who is lying?' to 'what does each side want readers to remember?'"
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_hides_differences() {
        assert_eq!(
            topic(
                "He stressed that firms are ready.",
                "He said firms are ready.",
                None
            ),
            "He … firms are ready."
        );
        assert_eq!(
            topic(
                "The attack wounded seven workers and cut output by 80%.",
                "The attack wounded four workers and cut output by 60%.",
                Some(("seven", "four"))
            ),
            "The attack wounded ___ workers and cut output by …%."
        );
    }

    #[test]
    fn common_leading_words_are_trimmed() {
        assert_eq!(
            trim_common_words("The Secretary", "the two sides"),
            ("Secretary".to_string(), "two sides".to_string())
        );
        assert_eq!(
            trim_common_words("militias", "resistance"),
            ("militias".to_string(), "resistance".to_string())
        );
    }

    #[test]
    fn finds_figures() {
        assert_eq!(
            figures("a $3.5 billion deal, 80% of 2,500 troops on Nov. 26."),
            ["$3.5 billion", "80%", "2,500", "26"]
        );
        assert!(figures("F-16s and B2").is_empty());
    }

    #[test]
    fn claims_are_sentences() {
        assert!(is_claim("He warned that these militias siphon resources."));
        assert!(!is_claim("Office of the Spokesperson"));
        assert!(!is_claim(
            "The following is attributable to Spokesperson Tammy Bruce:"
        ));
    }
}
