//! Typed errors of the library. The library never prints or exits: it returns these, and
//! the binary turns them into `parallax: <input>: <problem>` and an exit code.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input could not be read or decoded; `input` is the path as given (or `-`).
    #[error("{input}: {problem}")]
    Input {
        /// The input as the user named it.
        input: String,
        /// What is wrong with it, in a few words.
        problem: String,
    },
    /// A caller-supplied option is invalid (unknown detector, bad threshold...).
    #[error("{0}")]
    Usage(String),
    /// A lexicon file could not be parsed; the message carries line and column.
    #[error("{path}: {message}")]
    Lexicon {
        /// The lexicon file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
    /// An I/O error writing output.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    /// Shorthand for an input error.
    pub fn input(input: impl Into<String>, problem: impl Into<String>) -> Self {
        Error::Input {
            input: input.into(),
            problem: problem.into(),
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
