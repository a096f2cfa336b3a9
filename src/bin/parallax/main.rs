//! The `parallax` binary: parses arguments, reads the environment once, runs the command and
//! turns the library's typed errors into `parallax: <input>: <problem>` and an exit code.
//! Exit codes: 0 ok, 1 divergences found with `--exit-code`, 2 usage or input error.
//! A broken pipe (`parallax compare a b | head`) ends quietly with 0.

mod app;
#[cfg(test)]
mod app_tests;
mod args;
mod cmd;
mod env;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

// Profiling allocates many small, short-lived vectors per statement; mimalloc serves them
// with far fewer instructions than glibc's malloc (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return app::clap_error(e),
    };
    let env = env::Env::read();
    let mut stdout = std::io::stdout().lock();
    let mut stdin = std::io::stdin().lock();
    match app::run(&cli, &env, &mut stdin, &mut stdout) {
        Ok(code) => ExitCode::from(code),
        Err(e) if app::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = stdout.flush();
            eprintln!("parallax: {e:#}");
            ExitCode::from(2)
        }
    }
}
