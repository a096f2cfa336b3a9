//! `parallax explain "one" "two"`: every detector's verdict on one pair of statements,
//! with scores and explanations, as text or JSON.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use clap::{Args, ValueEnum};
use parallax::detect::{Explanation, explain};
use parallax::profile::{Profile, ProfileContext, parse_iso};

/// Output format of `explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// One line per detector.
    Text,
    /// The verdicts as JSON.
    Json,
}

/// Arguments of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The left statement.
    pub left: String,
    /// The right statement.
    pub right: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
    /// Comma-separated detectors to run (default: all).
    #[arg(long, value_name = "LIST")]
    pub detectors: Option<String>,
    /// A TOML lexicon that extends the built-in one.
    #[arg(long, value_name = "FILE.toml")]
    pub lexicon: Option<PathBuf>,
    /// Publication date of the left statement (YYYY-MM-DD), to resolve "Tuesday", "yesterday".
    #[arg(long, value_name = "DATE")]
    pub left_date: Option<String>,
    /// Publication date of the right statement (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub right_date: Option<String>,
}

fn date(flag: &str, s: &Option<String>) -> Result<Option<i64>> {
    s.as_deref()
        .map(|d| parse_iso(d).ok_or_else(|| anyhow!("{flag}: '{d}' is not a date (YYYY-MM-DD)")))
        .transpose()
}

/// Runs `explain`.
pub fn run(args: &ExplainArgs, stdout: &mut dyn Write) -> Result<u8> {
    let detectors = super::detectors(args.detectors.as_deref())?;
    let lexicon = super::lexicon(args.lexicon.as_ref())?;
    let ctx = |d| ProfileContext {
        lexicon: lexicon.clone(),
        doc_date: d,
    };
    let l = Profile::with_context(&args.left, &ctx(date("--left-date", &args.left_date)?));
    let r = Profile::with_context(&args.right, &ctx(date("--right-date", &args.right_date)?));
    let e = explain(&l, &r, &detectors);
    let mut buf = Vec::new();
    match args.format {
        ExplainFormat::Json => {
            serde_json::to_writer_pretty(&mut buf, &e)?;
            buf.push(b'\n');
        }
        ExplainFormat::Text => text(&e, &mut buf)?,
    }
    stdout.write_all(&buf)?;
    stdout.flush()?;
    Ok(0)
}

fn text(e: &Explanation, out: &mut Vec<u8>) -> Result<()> {
    writeln!(out, "left:  {}", e.left)?;
    writeln!(out, "right: {}", e.right)?;
    writeln!(out)?;
    for d in &e.detectors {
        let score = d
            .score
            .map_or_else(|| "-".to_string(), |s| format!("{s:.3}"));
        writeln!(
            out,
            "{:<12} {:>6}  {}",
            d.detector.as_str(),
            score,
            d.verdict
        )?;
        for s in &d.signals {
            writeln!(out, "{:<21}{}", "", s.explanation)?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "relation: {} (if aligned; alignment threshold {:.3})",
        e.relation, e.threshold
    )?;
    Ok(())
}
