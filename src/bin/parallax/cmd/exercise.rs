//! `parallax exercise A B [C]`: a worksheet (Markdown or printable HTML) built from the
//! comparison of the inputs, with its answer key inline or in `--answers FILE`.

use std::io::{Read, Write};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use parallax::Report;
use parallax::exercise::{
    ExerciseFormat, ExerciseOptions, KeyPlacement, Level, build, render, render_key,
};
use parallax::input::{InputOptions, read};
use parallax::render::{Format, RenderOptions};

/// Worksheet format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SheetFormatArg {
    /// Markdown.
    Md,
    /// A printable, self-contained HTML page.
    Html,
}

/// Difficulty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Three choices, one question per kind, statement numbers given.
    Easy,
    /// Four choices, up to two questions per kind, statement numbers given.
    Standard,
    /// Four choices, up to three per kind, no statement numbers, harder distractors.
    Hard,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Self {
        match l {
            LevelArg::Easy => Level::Easy,
            LevelArg::Standard => Level::Standard,
            LevelArg::Hard => Level::Hard,
        }
    }
}

/// What both `exercise` and `quiz` need: the inputs and the question choice.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Two or three reports of the same event (`-` for stdin, once).
    #[arg(value_name = "INPUT", num_args = 2..=3, required = true)]
    pub inputs: Vec<String>,
    /// Label for each input, in input order (repeatable); default: the file stem.
    #[arg(long = "label", value_name = "NAME")]
    pub labels: Vec<String>,
    /// Seed for choosing statements and shuffling choices: same seed, same questions.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// Difficulty.
    #[arg(long, value_enum, default_value_t = LevelArg::Standard)]
    pub level: LevelArg,
}

/// `exercise` arguments.
#[derive(Debug, Args)]
pub struct ExerciseArgs {
    /// Inputs, seed and level.
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Worksheet format.
    #[arg(long, short = 'f', value_enum, default_value_t = SheetFormatArg::Md)]
    pub format: SheetFormatArg,
    /// Write the answer key and teacher notes to this file instead of after the questions.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<String>,
    /// Also write the side-by-side HTML page of the comparison to this file (to print with
    /// the worksheet).
    #[arg(long, value_name = "FILE")]
    pub page: Option<String>,
}

/// Reads the inputs and compares them (default options, as `compare` does).
pub fn report(args: &SourceArgs, stdin: &mut dyn Read) -> Result<Report> {
    super::check_inputs(&args.inputs, &args.labels)?;
    let opts = InputOptions::default();
    let mut docs = Vec::with_capacity(args.inputs.len());
    for (i, name) in args.inputs.iter().enumerate() {
        let input = read(name, args.labels.get(i).map(String::as_str), stdin, &opts)?;
        for w in &input.warnings {
            eprintln!("parallax: {name}: warning: {w}");
        }
        docs.push(input.document);
    }
    // Two inputs with the same stem must not share an id (questions name sources by id).
    parallax::document::unique_ids(&mut docs);
    Ok(parallax::compare(&docs, &parallax::Options::default())?)
}

/// The options for the library.
pub fn options(args: &SourceArgs) -> ExerciseOptions {
    ExerciseOptions {
        seed: args.seed,
        level: args.level.into(),
    }
}

/// Runs `exercise`.
pub fn run(args: &ExerciseArgs, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<u8> {
    let report = report(&args.sources, stdin)?;
    let sheet = build(&report, &options(&args.sources));
    let format = match args.format {
        SheetFormatArg::Md => ExerciseFormat::Markdown,
        SheetFormatArg::Html => ExerciseFormat::Html,
    };
    let placement = if args.answers.is_some() {
        KeyPlacement::Separate
    } else {
        KeyPlacement::Included
    };
    // Every document is rendered before anything is written: nothing half-written.
    let mut buf = Vec::new();
    render(&sheet, format, placement, &mut buf)?;
    let mut files: Vec<(&str, &str, Vec<u8>)> = Vec::new();
    if let Some(path) = &args.answers {
        let mut key = Vec::new();
        render_key(&sheet, format, &mut key)?;
        files.push(("--answers", path, key));
    }
    if let Some(path) = &args.page {
        let mut page = Vec::new();
        parallax::render::render(&report, Format::Html, &RenderOptions::default(), &mut page)?;
        files.push(("--page", path, page));
    }
    // Stage every file as a temporary file beside its target first, then rename them all:
    // a failure while writing (a missing folder, a full disk) leaves no file behind.
    let mut staged = Vec::with_capacity(files.len());
    for (flag, path, bytes) in files {
        let target = std::path::Path::new(path);
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        let mut tmp =
            tempfile::NamedTempFile::new_in(dir).with_context(|| format!("{flag}: {path}"))?;
        tmp.write_all(&bytes)
            .with_context(|| format!("{flag}: {path}"))?;
        staged.push((flag, path, tmp));
    }
    for (flag, path, tmp) in staged {
        tmp.persist(path)
            .map_err(|e| e.error)
            .with_context(|| format!("{flag}: {path}"))?;
    }
    stdout.write_all(&buf)?;
    stdout.flush()?;
    Ok(0)
}
