//! `parallax quiz A B [C]`: the worksheet's questions one at a time in the terminal, with
//! feedback after each answer and the score at the end. Reads answers line by line from
//! stdin, so it can be scripted (`printf 'b\na\n' | parallax quiz a.txt b.txt`); at the end
//! of input it stops and reports the score so far.

use std::io::{BufRead, BufReader, Read, Write};

use anyhow::{Result, anyhow};
use clap::Args;
use parallax::exercise::{Question, build, letter, parse_choice};

use crate::cmd::exercise::{SourceArgs, options, report};
use crate::env::Env;

/// `quiz` arguments.
#[derive(Debug, Args)]
pub struct QuizArgs {
    /// Inputs, seed and level.
    #[command(flatten)]
    pub sources: SourceArgs,
}

/// Runs `quiz`.
pub fn run(args: &QuizArgs, env: &Env, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<u8> {
    if args.sources.inputs.iter().any(|i| i == "-") {
        return Err(anyhow!(
            "-: quiz reads answers from stdin; give the texts as files"
        ));
    }
    let report = report(&args.sources, stdin)?;
    let sheet = build(&report, &options(&args.sources));
    let mut input = BufReader::new(stdin);
    let out = stdout;
    let total = sheet
        .questions
        .iter()
        .filter(|q| q.answer.is_some())
        .count();
    writeln!(
        out,
        "parallax quiz: {} ({} questions; answer with a letter, q to stop)",
        sheet.sources.join(" vs "),
        sheet.questions.len()
    )?;
    let (mut right, mut asked) = (0usize, 0usize);
    'questions: for (n, q) in sheet.questions.iter().enumerate() {
        writeln!(
            out,
            "\nQuestion {} of {}: {}",
            n + 1,
            sheet.questions.len(),
            q.kind.title()
        )?;
        writeln!(out, "{}", q.prompt)?;
        let Some(answer) = q.answer else {
            write!(out, "Your answer (one line, Enter to skip): ")?;
            out.flush()?;
            let Some(line) = read_line(&mut input)? else {
                break;
            };
            echo(out, env, &line)?;
            writeln!(out, "Points to look for: {}", q.explanation)?;
            continue;
        };
        for (i, c) in q.choices.iter().enumerate() {
            writeln!(out, "  {}) {c}", letter(i))?;
        }
        let choice = loop {
            write!(out, "> ")?;
            out.flush()?;
            let Some(line) = read_line(&mut input)? else {
                break 'questions;
            };
            echo(out, env, &line)?;
            if line.trim().eq_ignore_ascii_case("q") {
                break 'questions;
            }
            match parse_choice(&line, q.choices.len()) {
                Some(c) => break c,
                None => writeln!(
                    out,
                    "Please answer with a letter from A to {} (or q to stop).",
                    letter(q.choices.len() - 1)
                )?,
            }
        };
        asked += 1;
        if choice == answer {
            right += 1;
            writeln!(out, "Correct.")?;
        } else {
            writeln!(
                out,
                "Not quite: the answer is {}) {}",
                letter(answer),
                q.choices[answer]
            )?;
        }
        feedback(out, q)?;
    }
    writeln!(
        out,
        "\nScore: {right}/{asked}{}",
        if asked < total {
            format!(" ({} of {total} questions answered)", asked)
        } else {
            String::new()
        }
    )?;
    out.flush()?;
    Ok(0)
}

/// The explanation and the quoted evidence.
fn feedback(out: &mut dyn Write, q: &Question) -> Result<()> {
    writeln!(out, "{}", q.explanation)?;
    for e in q.evidence.iter().filter(|e| e.statement.is_some()) {
        writeln!(
            out,
            "  {} ({}): “{}”",
            e.source,
            e.statement.map_or(0, |i| i + 1),
            e.text
        )?;
    }
    Ok(())
}

/// A piped answer is not shown by the terminal: print it, so the transcript reads as a
/// dialogue.
fn echo(out: &mut dyn Write, env: &Env, line: &str) -> Result<()> {
    if !env.stdin_tty {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// One line without its newline; `None` at the end of input.
fn read_line(input: &mut dyn BufRead) -> Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
}
