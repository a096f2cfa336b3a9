//! Runs a parsed command against an environment, reading stdin and writing stdout through
//! the handles given, so that tests can drive it. Output is rendered into a buffer first:
//! on error nothing is written to stdout.

use std::io::{Read, Write};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};

use crate::args::{Cli, ColorArg, Command};
use crate::cmd;
use crate::env::Env;

/// Runs the command; returns the exit code for success paths.
pub fn run(cli: &Cli, env: &Env, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<u8> {
    match &cli.command {
        Command::Compare(args) => cmd::compare::run(args, env, stdin, stdout),
        Command::Eval(args) => cmd::eval::run(args, env, stdout),
        Command::Exercise(args) => cmd::exercise::run(args, stdin, stdout),
        Command::Quiz(args) => cmd::quiz::run(args, env, stdin, stdout),
        Command::Explain(args) => cmd::explain::run(args, stdout),
        Command::Batch(args) => cmd::batch::run(args, env, stdin, stdout),
    }
}

/// Runs `f` on a rayon pool of `threads` workers (the global pool when `None`).
pub fn with_threads<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> Result<T> {
    match threads {
        None => Ok(f()),
        Some(0) => Err(anyhow!("--threads: must be at least 1")),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .context("--threads")?;
            Ok(pool.install(f))
        }
    }
}

/// Colour only on a terminal, unless forced; `NO_COLOR` and `TERM=dumb` turn auto off.
pub fn use_color(arg: ColorArg, env: &Env) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => env.stdout_tty && !env.no_color && !env.term_dumb,
    }
}

/// `--width`, else the terminal's width, else `$COLUMNS`, else 100.
pub fn width(arg: Option<u16>, env: &Env) -> u16 {
    arg.or(env.terminal_width)
        .or(env.columns)
        .unwrap_or(100)
        .max(40)
}

/// True if the error chain holds a broken pipe.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<parallax::Error>()
                .is_some_and(|p| matches!(p, parallax::Error::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
    })
}

/// Prints a clap error as one line (help and version go to stdout as usual).
pub fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            let rendered = e.render().to_string();
            eprintln!("parallax: {} (see 'parallax --help')", one_line(&rendered));
            ExitCode::from(2)
        }
    }
}

/// Folds clap's message into one line: the first line plus the indented lines that belong to
/// it ("the following required arguments were not provided:" is followed by the names),
/// stopping at the blank line before the usage and tips.
pub fn one_line(rendered: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for line in rendered.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("Usage:") || line.starts_with("tip:") {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        parts.push(line.trim_start_matches("error: "));
    }
    if parts.is_empty() {
        return "invalid arguments".to_string();
    }
    parts.join(" ")
}
