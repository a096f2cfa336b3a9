//! Media-literacy exercises built from a finished `Report`: a worksheet of multiple-choice
//! questions, each grounded in specific statements (what only one source says, what each
//! puts first, which speech verb each uses, who hedges, who negates, which figures each
//! gives, which words each uses for the same thing) plus one open question, with an answer
//! key quoting the evidence and short notes for the teacher. `parallax exercise` prints it;
//! `parallax quiz` asks it interactively.
//!
//! Like the renderers, this module only reads the report. Correct answers come from the
//! report alone (omission lists, signals, aligned texts); distractors are drawn from the
//! same texts and checked never to be correct too. Output depends only on the report, the
//! seed and the level.

mod questions;
mod render;
mod rng;

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::report::Report;

pub use render::{ExerciseFormat, KeyPlacement, render, render_key};
pub use rng::Rng;

/// How hard the worksheet is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    /// Three choices, one question per kind, statement numbers given.
    Easy,
    /// Four choices, up to two questions per kind, statement numbers given.
    #[default]
    Standard,
    /// Four choices, up to three questions per kind, no statement numbers, and distractors
    /// that include other sources' statements.
    Hard,
}

impl Level {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Easy => "easy",
            Level::Standard => "standard",
            Level::Hard => "hard",
        }
    }

    /// Choices per multiple-choice question, the correct one included.
    pub fn choices(self) -> usize {
        match self {
            Level::Easy => 3,
            Level::Standard | Level::Hard => 4,
        }
    }

    /// Questions of one kind at most.
    pub fn per_kind(self) -> usize {
        match self {
            Level::Easy => 1,
            Level::Standard => 2,
            Level::Hard => 3,
        }
    }

    /// Whether prompts say where to look (statement numbers).
    pub fn hints(self) -> bool {
        self != Level::Hard
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "easy" => Ok(Level::Easy),
            "standard" => Ok(Level::Standard),
            "hard" => Ok(Level::Hard),
            _ => Err(Error::Usage(format!(
                "unknown level '{s}' (valid: easy, standard, hard)"
            ))),
        }
    }
}

/// What to build.
#[derive(Clone, Debug, Default)]
pub struct ExerciseOptions {
    /// Picks the statements asked about and the order of the choices.
    pub seed: u64,
    /// Difficulty.
    pub level: Level,
}

/// The kind of a question, with what it is grounded in (indices into the report).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuestionKind {
    /// Which statement appears only in document `source` (omitted by every other source).
    OnlyIn {
        /// Index into `Report::documents`.
        source: usize,
    },
    /// Which statement document `source` puts first, where the two sources of comparison
    /// `comparison` open with different points.
    Lead {
        /// Index into `Report::comparisons`.
        comparison: usize,
        /// Index into `Report::documents`.
        source: usize,
    },
    /// Which speech verb each source uses, from an `attribution` signal.
    SpeechVerb(Grounding),
    /// Which source's verb sounds more insistent or more doubtful, from the same signal.
    Tone(Grounding),
    /// Which source hedges and with which word, from a `hedge` signal.
    Hedge(Grounding),
    /// Which source negates the statement and with which word, from a `negation` signal.
    Negation(Grounding),
    /// Which figure or date each source gives: from a `number` or `date` signal, or the
    /// same figure in both statements of a `shared` alignment (`signal` is then `None`).
    Figure(Grounding),
    /// Which words each source uses in the same place: from a `loaded_term`, `entity` or
    /// speaker (`attribution`) signal, or a word substitution inside an aligned pair
    /// (`signal` is then `None`).
    Wording(Grounding),
    /// Why the two accounts might differ; no single right answer.
    Open,
}

impl QuestionKind {
    /// A heading for the question.
    pub fn title(&self) -> &'static str {
        match self {
            QuestionKind::OnlyIn { .. } => "Only in one source",
            QuestionKind::Lead { .. } => "What comes first",
            QuestionKind::SpeechVerb(_) => "Speech verbs",
            QuestionKind::Tone(_) => "Tone",
            QuestionKind::Hedge(_) => "Hedging",
            QuestionKind::Negation(_) => "Contradictions",
            QuestionKind::Figure(_) => "Figures and dates",
            QuestionKind::Wording(_) => "Choice of words",
            QuestionKind::Open => "Discussion",
        }
    }
}

/// Where a pairwise question comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grounding {
    /// Index into `Report::comparisons`.
    pub comparison: usize,
    /// Index into that comparison's `alignments`.
    pub alignment: usize,
    /// Index into that alignment's `signals`, when a signal is the source.
    pub signal: Option<usize>,
}

/// A quoted statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The source's id.
    pub source: String,
    /// 0-based statement index; `None` when the source has no such statement.
    pub statement: Option<usize>,
    /// The statement's text, or a note such as "no corresponding statement".
    pub text: String,
}

/// One question with its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// What it asks and what it is grounded in.
    pub kind: QuestionKind,
    /// The question as students read it (plain text; renderers escape it).
    pub prompt: String,
    /// The choices (empty for the open question).
    pub choices: Vec<String>,
    /// Index of the correct choice (`None` for the open question).
    pub answer: Option<usize>,
    /// The statements that prove the answer, from each source.
    pub evidence: Vec<Evidence>,
    /// Why the answer is right, for the key.
    pub explanation: String,
    /// A short note for the teacher: what the question teaches, what to discuss.
    pub note: String,
}

/// A worksheet: its sources, questions and notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worksheet {
    /// Source ids in report order.
    pub sources: Vec<String>,
    /// Each source's statements, for the texts section.
    pub texts: Vec<Vec<String>>,
    /// The questions in order.
    pub questions: Vec<Question>,
    /// General notes for the teacher.
    pub notes: Vec<String>,
    /// The options it was built with.
    pub seed: u64,
    /// The level it was built for.
    pub level: Level,
}

/// Builds the worksheet for a report.
///
/// ```
/// use parallax::{Document, compare::{compare, Options}};
/// use parallax::exercise::{ExerciseOptions, build};
/// let a = Document::from_text("a", "The minister said the talks went well. Troops will stay until 2026.");
/// let b = Document::from_text("b", "The minister stressed the talks went well.");
/// let report = compare(&[a, b], &Options::default()).unwrap();
/// let sheet = build(&report, &ExerciseOptions::default());
/// assert!(sheet.questions.iter().any(|q| q.choices.iter().any(|c| c.contains("Troops"))));
/// ```
pub fn build(report: &Report, opts: &ExerciseOptions) -> Worksheet {
    questions::build(report, opts)
}

/// Reads a quiz answer: a letter (`b`, `B`, `B)`) or a number from 1, for `n` choices.
///
/// `parse_choice(" c ", 4)` → `Some(2)`; `parse_choice("5", 4)` → `None`
pub fn parse_choice(input: &str, n: usize) -> Option<usize> {
    let t = input.trim().trim_end_matches([')', '.']);
    let mut chars = t.chars();
    let (c, rest) = (chars.next()?, chars.as_str());
    let idx = if c.is_ascii_alphabetic() && rest.is_empty() {
        (c.to_ascii_uppercase() as u8 - b'A') as usize
    } else {
        t.parse::<usize>().ok()?.checked_sub(1)?
    };
    (idx < n).then_some(idx)
}

/// The letter of choice `i` (`0` → `A`).
pub fn letter(i: usize) -> char {
    (b'A' + (i % 26) as u8) as char
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_letters_and_numbers() {
        assert_eq!(parse_choice("b", 4), Some(1));
        assert_eq!(parse_choice(" C) ", 4), Some(2));
        assert_eq!(parse_choice("1", 4), Some(0));
        assert_eq!(parse_choice("e", 4), None);
        assert_eq!(parse_choice("0", 4), None);
        assert_eq!(parse_choice("", 4), None);
        assert_eq!(parse_choice("ab", 4), None);
    }

    #[test]
    fn levels_parse() {
        assert_eq!("hard".parse::<Level>().unwrap(), Level::Hard);
        assert!("expert".parse::<Level>().is_err());
    }
}
