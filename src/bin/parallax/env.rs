//! The environment, read once into a struct (delta's `DeltaEnv`), so that the rest of the
//! binary and its tests never call `std::env` directly.

use std::io::IsTerminal;

/// What the binary needs to know about its surroundings.
#[derive(Clone, Debug, Default)]
pub struct Env {
    /// `NO_COLOR` is set and non-empty.
    pub no_color: bool,
    /// `TERM=dumb`.
    pub term_dumb: bool,
    /// stdout is a terminal.
    pub stdout_tty: bool,
    /// stderr is a terminal (progress bars are drawn only then).
    pub stderr_tty: bool,
    /// Terminal width, when stdout is a terminal that reports one.
    pub terminal_width: Option<u16>,
    /// `$COLUMNS`, if a number.
    pub columns: Option<u16>,
    /// stdin is a terminal (the quiz echoes piped answers so transcripts read well).
    pub stdin_tty: bool,
    /// `$PARALLAX_EMBEDDING_MODEL`: the sentence-embedding model folder (feature `semantic`).
    #[cfg(feature = "semantic")]
    pub embedding_model: Option<String>,
}

impl Env {
    /// Reads the process environment.
    pub fn read() -> Self {
        let stdout_tty = std::io::stdout().is_terminal();
        Env {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            term_dumb: std::env::var("TERM").is_ok_and(|t| t == "dumb"),
            stdout_tty,
            stderr_tty: std::io::stderr().is_terminal(),
            terminal_width: if stdout_tty {
                terminal_size::terminal_size()
                    .map(|(w, _)| w.0)
                    .filter(|&w| w > 0)
            } else {
                None
            },
            columns: std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse().ok())
                .filter(|&w| w > 0),
            stdin_tty: std::io::stdin().is_terminal(),
            #[cfg(feature = "semantic")]
            embedding_model: std::env::var("PARALLAX_EMBEDDING_MODEL")
                .ok()
                .filter(|d| !d.is_empty()),
        }
    }
}
