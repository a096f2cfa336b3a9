//! Renderers. Each reads only the finished `Report` (never the pipeline's internals) and
//! writes to any `io::Write`: the side-by-side table, JSON, Markdown and a self-contained
//! HTML page.

pub mod html;
mod json;
mod markdown;
mod rows;
mod style;
mod table;
mod words;

use std::io::Write;

use crate::error::Result;
use crate::report::Report;

pub use rows::{Row, rows};
pub use words::{WordChange, WordOp, word_diff};

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Side-by-side terminal table.
    #[default]
    Table,
    /// JSON contract v1.
    Json,
    /// Markdown report.
    Markdown,
    /// Self-contained HTML page.
    Html,
}

/// How to render.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// Total width of the table in columns.
    pub width: u16,
    /// Emit ANSI colour. Without it, highlights show as `[-removed-]` and `{+added+}`.
    pub color: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 100,
            color: false,
        }
    }
}

/// Renders a report in the chosen format.
pub fn render(
    report: &Report,
    format: Format,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Table => table::render(report, opts, out)?,
        Format::Json => json::render(report, out)?,
        Format::Markdown => markdown::render(report, out)?,
        Format::Html => html::render(report, out)?,
    }
    Ok(())
}
