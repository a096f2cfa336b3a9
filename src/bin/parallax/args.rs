//! Command-line arguments (clap derive). The doc comments are the `--help` text.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Show, statement by statement, how different sources report the same event.
#[derive(Debug, Parser)]
#[command(name = "parallax", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare two or more texts statement by statement.
    Compare(CompareArgs),
    /// Measure (and train) statement alignment on benchmarks: MRPC, STS-B, generated documents.
    Eval(crate::cmd::eval::EvalArgs),
    /// Make a media-literacy worksheet (with answer key) from two or three reports of an event.
    Exercise(crate::cmd::exercise::ExerciseArgs),
    /// Ask the worksheet's questions one at a time in the terminal (answers from stdin).
    Quiz(crate::cmd::quiz::QuizArgs),
    /// Show every detector's verdict on one pair of statements, with scores and explanations.
    Explain(crate::cmd::explain::ExplainArgs),
    /// Compare many events (folders or a manifest) and rank them by divergence; or, with
    /// --jsonl, events as JSON lines on stdin to reports on stdout.
    Batch(crate::cmd::batch::BatchArgs),
}

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Side-by-side terminal table.
    Table,
    /// JSON report (contract version 1).
    Json,
    /// Markdown report.
    Markdown,
    /// Self-contained HTML page (side by side, filters, legend; prints and works offline).
    Html,
}

/// How to read an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// By extension (.html, .htm, .md, .json, .txt), else by content.
    Auto,
    /// Plain text.
    Text,
    /// Markdown: paragraphs, headings and list items; URLs dropped.
    Markdown,
    /// An HTML page: the article, without navigation and other boilerplate.
    Html,
    /// A JSON record {"id", "title", "outlet", "author", "date", "url", "text"}.
    Json,
}

/// When to colour the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when stdout is a terminal, NO_COLOR is unset and TERM is not dumb.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Options shared by commands that compare texts.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Input files (`-` for stdin, once). At least two.
    #[arg(value_name = "INPUT", num_args = 1..)]
    pub inputs: Vec<String>,
    /// Label for each input, in input order (repeatable); default: the file stem.
    #[arg(long = "label", value_name = "NAME")]
    pub labels: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Table width in columns (default: the terminal's, else $COLUMNS, else 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Comma-separated detectors to run (default: all).
    #[arg(long, value_name = "LIST")]
    pub detectors: Option<String>,
    /// A TOML lexicon that extends the built-in one (docs/detectors.md).
    #[arg(long, value_name = "FILE.toml")]
    pub lexicon: Option<std::path::PathBuf>,
    /// How to read the inputs (default: by extension, then content).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
    /// Read input that is not valid UTF-8 as Windows-1252 (with a warning) instead of refusing it.
    #[arg(long)]
    pub lossy: bool,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "N", default_value_t = 20 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Exit with 1 when any divergence (omission, reframing, contradiction) is found.
    #[arg(long)]
    pub exit_code: bool,
}
