//! `parallax batch INPUT --out DIR` (a folder of event folders, or a JSON/TOML manifest):
//! writes every event's reports and the summary files, prints the ranking; `parallax batch
//! --jsonl`: events as JSON lines on stdin, one result line per event on stdout. A failed
//! event is named on stderr and in the summary, the rest completes, and the exit code is 2.

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use clap::Args;
use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parallax::batch::output::{summary_csv, summary_jsonl};
use parallax::batch::{
    BatchOptions, EventSummary, SourceTotal, load, rank, run_all, source_totals, stream,
    write_atomic, write_event,
};
use parallax::compare::Options;
use parallax::input::InputOptions;

use crate::app::{width, with_threads};
use crate::env::Env;

/// `batch` arguments.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// A folder with one folder per event (its files are the sources), or a manifest
    /// (.json or .toml: events with id, title and sources with path, label, outlet, date).
    #[arg(value_name = "INPUT", required_unless_present = "jsonl")]
    pub input: Option<PathBuf>,
    /// Where to write `<event>/report.json`, `report.md`, `report.html`, `summary.csv` and
    /// `summary.jsonl`.
    #[arg(
        long,
        short = 'o',
        value_name = "DIR",
        required_unless_present = "jsonl"
    )]
    pub out: Option<PathBuf>,
    /// Read events as JSON lines on stdin and write one result line per event to stdout,
    /// in input order (the map step of a distributed job; see docs/scale.md).
    #[arg(long, conflicts_with_all = ["input", "out"])]
    pub jsonl: bool,
    /// Worker threads (default: one per core). Output is the same at any count.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Comma-separated detectors to run (default: all).
    #[arg(long, value_name = "LIST")]
    pub detectors: Option<String>,
    /// A TOML lexicon that extends the built-in one (docs/detectors.md).
    #[arg(long, value_name = "FILE.toml")]
    pub lexicon: Option<std::path::PathBuf>,
    /// Read sources that are not valid UTF-8 as Windows-1252 instead of failing their event.
    #[arg(long)]
    pub lossy: bool,
    /// Refuse sources larger than this many bytes (their event fails).
    #[arg(long, value_name = "N", default_value_t = 20 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Width of the ranking tables (default: the terminal's, else $COLUMNS, else 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,
    /// Rows of the ranking to print (all are in summary.csv).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,
}

/// Runs `batch`.
pub fn run(
    args: &BatchArgs,
    env: &Env,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
) -> Result<u8> {
    let detectors = super::detectors(args.detectors.as_deref())?;
    // A bad lexicon is a usage error of the whole batch, reported before any event runs.
    let lexicon = super::lexicon(args.lexicon.as_ref())?;
    let opts = BatchOptions {
        compare: Options {
            detectors,
            lexicon,
            ..Default::default()
        },
        input: InputOptions {
            max_bytes: args.max_bytes,
            lossy: args.lossy,
            ..Default::default()
        },
    };
    if args.jsonl {
        return run_jsonl(args, env, &opts, stdin, stdout);
    }
    let (Some(input), Some(out)) = (&args.input, &args.out) else {
        return Err(anyhow!("batch: give INPUT and --out DIR, or --jsonl"));
    };
    let loaded = load(input)?;
    std::fs::create_dir_all(out).with_context(|| format!("{}", out.display()))?;
    let bar = progress(env, loaded.events.len() as u64);
    let done = |event: &parallax::batch::Event, o: parallax::batch::Outcome| -> EventSummary {
        for w in &o.warnings {
            bar.suspend(|| eprintln!("parallax: {}: warning: {w}", event.id));
        }
        let mut summary = o.summary;
        if let Err(e) = write_event(out, &event.id, o.report.as_ref()) {
            summary = EventSummary::failed(
                event,
                format!("writing {}: {e}", out.join(&event.id).display()),
            );
        }
        if let Some(problem) = &summary.error {
            bar.suspend(|| eprintln!("parallax: {}: {problem}", event.id));
        }
        bar.inc(1);
        summary
    };
    let mut summaries = with_threads(args.threads, || run_all(&loaded.events, &opts, &done))?;
    bar.finish_and_clear();
    rank(&mut summaries);
    write_file(&out.join("summary.csv"), &summary_csv(&summaries))?;
    write_file(&out.join("summary.jsonl"), &summary_jsonl(&summaries)?)?;

    let width = width(args.width, env);
    let mut buf = Vec::new();
    ranking(&summaries, args.top, width, &mut buf)?;
    writeln!(buf)?;
    per_source(&source_totals(&summaries), width, &mut buf)?;
    let failed = summaries.iter().filter(|s| s.error.is_some()).count();
    writeln!(
        buf,
        "{} events, {} failed; reports and summary.csv / summary.jsonl in {}",
        summaries.len(),
        failed,
        out.display()
    )?;
    stdout.write_all(&buf)?;
    stdout.flush()?;
    Ok(if failed > 0 { 2 } else { 0 })
}

fn run_jsonl(
    args: &BatchArgs,
    env: &Env,
    opts: &BatchOptions,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
) -> Result<u8> {
    let pool = match args.threads {
        Some(0) => return Err(anyhow!("--threads: must be at least 1")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .context("--threads")?,
        ),
        None => None,
    };
    let bar = progress(env, 0);
    let mut input = BufReader::new(stdin);
    let failed = stream::stream(
        &mut input,
        stdout,
        opts,
        stream::CHUNK,
        pool.as_ref(),
        &mut |d| {
            for w in &d.warnings {
                bar.suspend(|| eprintln!("parallax: {}: warning: {w}", d.id));
            }
            if let Some(problem) = &d.error {
                bar.suspend(|| eprintln!("parallax: line {}: {}: {problem}", d.line, d.id));
            }
            bar.inc(1);
        },
    )?;
    bar.finish_and_clear();
    Ok(if failed > 0 { 2 } else { 0 })
}

/// A progress bar on stderr when it is a terminal; hidden otherwise (logs stay clean).
fn progress(env: &Env, len: u64) -> ProgressBar {
    if !env.stderr_tty {
        return ProgressBar::hidden();
    }
    let bar = if len > 0 {
        ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    };
    let template = if len > 0 {
        "{bar:30} {pos}/{len} events  {elapsed} (eta {eta})"
    } else {
        "{spinner} {pos} events  {elapsed}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic(path, bytes).with_context(|| format!("{}", path.display()))
}

fn table(width: u16, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(width);
    t.set_header(header.iter().map(Cell::new));
    t
}

fn num(n: impl ToString) -> Cell {
    Cell::new(n.to_string()).set_alignment(CellAlignment::Right)
}

/// The events, most divergent first.
fn ranking(s: &[EventSummary], top: usize, width: u16, out: &mut Vec<u8>) -> Result<()> {
    let mut t = table(
        width,
        &[
            "#",
            "event",
            "srcs",
            "claims",
            "diverg.",
            "omit",
            "refr.",
            "contr.",
            "omits most",
        ],
    );
    // Keep event ids readable; comfy-table squeezes the other columns first.
    if let Some(col) = t.column_mut(1) {
        col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(24)));
    }
    for e in s.iter().filter(|e| e.error.is_none()).take(top) {
        let title = match &e.title {
            Some(t) => format!("{}\n{t}", e.id),
            None => e.id.clone(),
        };
        let most = e
            .most_omitting()
            .map(|m| format!("{} ({})", m.key(), m.totals.omitted))
            .unwrap_or_else(|| "–".into());
        t.add_row(vec![
            num(e.rank),
            Cell::new(title),
            num(e.sources.len()),
            num(e.claims),
            num(format!("{:.3}", e.divergence)),
            num(e.omissions),
            num(e.reframings),
            num(e.contradictions),
            Cell::new(most),
        ]);
    }
    writeln!(
        out,
        "Events by divergence (mean over pairs); omit/refr./contr.: claims a source omits, reframes, contradicts"
    )?;
    writeln!(out, "{t}")?;
    let ok = s.iter().filter(|e| e.error.is_none()).count();
    if ok > top {
        writeln!(out, "… {} more in summary.csv", ok - top)?;
    }
    for e in s.iter().filter(|e| e.error.is_some()) {
        writeln!(
            out,
            "failed: {}: {}",
            e.id,
            e.error.as_deref().unwrap_or_default()
        )?;
    }
    Ok(())
}

/// Per outlet over all events: which omits most, which reframes most.
fn per_source(totals: &[SourceTotal], width: u16, out: &mut Vec<u8>) -> Result<()> {
    if totals.is_empty() {
        return Ok(());
    }
    let mut t = table(
        width,
        &[
            "source",
            "events",
            "statements",
            "omitted",
            "omitted/event",
            "reframed",
            "contradicted",
        ],
    );
    for s in totals {
        t.add_row(vec![
            Cell::new(&s.source),
            num(s.events),
            num(s.statements),
            num(s.totals.omitted),
            num(format!("{:.1}", s.omitted_per_event())),
            num(s.totals.reframed),
            num(s.totals.contradicted),
        ]);
    }
    writeln!(out, "Sources across events")?;
    writeln!(out, "{t}")?;
    let most = |key: fn(&SourceTotal) -> usize| {
        totals
            .iter()
            .rev()
            .max_by_key(|s| key(s))
            .filter(|s| key(s) > 0)
            .map(|s| format!("{} ({})", s.source, key(s)))
            .unwrap_or_else(|| "none".into())
    };
    writeln!(
        out,
        "omits most: {} · reframes most: {} · contradicts most: {}",
        most(|s| s.totals.omitted),
        most(|s| s.totals.reframed),
        most(|s| s.totals.contradicted)
    )?;
    Ok(())
}
