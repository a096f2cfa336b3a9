//! `parallax compare A B [C..]`: reads the inputs, compares every pair and renders the report.

use std::io::{Read, Write};

use anyhow::{Result, anyhow};
use parallax::compare::Options;
use parallax::input::{InputFormat, InputOptions, read};
use parallax::render::{Format, RenderOptions, render};

use crate::app::{use_color, width, with_threads};
use crate::args::{CompareArgs, FormatArg, InputFormatArg};
use crate::env::Env;

/// Runs `compare`.
pub fn run(
    args: &CompareArgs,
    env: &Env,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
) -> Result<u8> {
    if args.inputs.len() < 2 {
        return Err(anyhow!(
            "compare: need at least two inputs, got {}",
            args.inputs.len()
        ));
    }
    super::check_inputs(&args.inputs, &args.labels)?;
    let detectors = super::detectors(args.detectors.as_deref())?;
    let lexicon = super::lexicon(args.lexicon.as_ref())?;
    let input_opts = InputOptions {
        max_bytes: args.max_bytes,
        format: match args.input_format {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Markdown => InputFormat::Markdown,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Json => InputFormat::Json,
        },
        lossy: args.lossy,
    };
    let mut docs = Vec::with_capacity(args.inputs.len());
    for (i, name) in args.inputs.iter().enumerate() {
        let input = read(
            name,
            args.labels.get(i).map(String::as_str),
            stdin,
            &input_opts,
        )?;
        // Warnings (lossy decoding, HTML fallbacks) go to stderr, never into the report.
        for w in &input.warnings {
            eprintln!("parallax: {name}: warning: {w}");
        }
        docs.push(input.document);
    }
    // Two inputs with the same stem (a/notes.txt, b/notes.txt) must not share an id.
    parallax::document::unique_ids(&mut docs);
    let opts = Options {
        detectors,
        lexicon,
        ..Default::default()
    };
    let report = with_threads(args.threads, || parallax::compare(&docs, &opts))??;

    let format = match args.format {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Html => Format::Html,
    };
    let render_opts = RenderOptions {
        width: width(args.width, env),
        color: use_color(args.color, env),
    };
    let mut buf = Vec::new();
    render(&report, format, &render_opts, &mut buf)?;
    stdout.write_all(&buf)?;
    stdout.flush()?;
    let diverged = report.comparisons.iter().any(|c| c.summary.diverges());
    Ok(if args.exit_code && diverged { 1 } else { 0 })
}
