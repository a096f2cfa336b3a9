//! # parallax
//!
//! Shows, statement by statement, how different sources report the same event.
//!
//! The pipeline, one folder per stage:
//!
//! ```text
//! path/stdin ─input→ Document ─segment→ Vec<Statement> ─profile→ Vec<Profile>
//!   └─ every unordered pair (rayon): align → alignments + only_left/only_right
//!        → detect (signals) → classify (relation)  ⇒ Report (JSON contract v1)
//!   ⇒ render: table | json | markdown
//! ```
//!
//! The library never prints, exits or reads the environment; the `parallax` binary does.
//!
//! ```
//! use parallax::{Document, compare::{compare, Options}};
//! let washington = Document::from_text("washington", "Rubio urged Sudani to disarm the militias.");
//! let baghdad = Document::from_text("baghdad", "Sudani reportedly urged Rubio to avoid unilateral steps.");
//! let report = compare(&[washington, baghdad], &Options::default()).unwrap();
//! assert_eq!(report.comparisons.len(), 1);
//! ```

pub mod align;
pub mod batch;
pub mod claims;
pub mod classify;
pub mod compare;
pub mod detect;
pub mod document;
pub mod error;
pub mod eval;
pub mod exercise;
pub mod input;
pub mod profile;
pub mod render;
pub mod report;
pub mod segment;
#[cfg(feature = "semantic")]
pub mod semantic;

pub use classify::Relation;
pub use compare::{Options, compare};
pub use document::{Document, Metadata, Pair, Side, Span};
pub use error::{Error, Result};
pub use report::Report;
