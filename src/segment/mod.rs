//! Splits a document into statements with exact byte spans: blocks first (blank lines,
//! stand-alone lines such as headlines, datelines and bylines), then sentences inside each
//! block (`sentences.rs`).
//!
//! Guarantees, tested by property tests: spans are ordered, non-overlapping, non-empty, on
//! char boundaries, trimmed of surrounding whitespace, and never panic on any input.

mod blocks;
mod sentences;

use serde::{Deserialize, Serialize};

use crate::document::{Document, Span};

pub use blocks::split_blocks;
pub use sentences::split_sentences;

/// One statement: a sentence, or a stand-alone line such as a headline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Position in the document, from 0.
    pub index: usize,
    /// Byte range into `Document::text`.
    pub span: Span,
    /// Index of the block (paragraph, heading, line) it came from.
    pub block: usize,
}

/// Segmentation options.
#[derive(Clone, Debug)]
pub struct SegmentOptions {
    /// Statements longer than this many bytes are cut at the nearest whitespace, so that a
    /// 1 MB line without punctuation cannot produce one giant statement.
    pub max_statement_bytes: usize,
}

impl Default for SegmentOptions {
    fn default() -> Self {
        SegmentOptions {
            max_statement_bytes: 4_000,
        }
    }
}

/// Segments a document: the blocks a structured reader found, or blank-line and
/// stand-alone-line blocks, then sentences.
///
/// ```
/// let doc = parallax::Document::from_text("d", "Rubio Calls al-Sudani\n\nThe U.S. urged Iraq to act. Baghdad agreed.");
/// let st = parallax::segment::segment(&doc, &Default::default());
/// let texts: Vec<&str> = st.iter().map(|s| doc.slice(s.span)).collect();
/// assert_eq!(texts, ["Rubio Calls al-Sudani", "The U.S. urged Iraq to act.", "Baghdad agreed."]);
/// ```
pub fn segment(doc: &Document, opts: &SegmentOptions) -> Vec<Statement> {
    let blocks = match &doc.blocks {
        Some(b) => b.clone(),
        None => split_blocks(&doc.text),
    };
    let mut out = Vec::new();
    for (bi, block) in blocks.iter().enumerate() {
        let btext = &doc.text[block.start..block.end];
        for s in split_sentences(btext) {
            for piece in cap_length(btext, s, opts.max_statement_bytes) {
                let span = trim(btext, piece);
                if span.is_empty() {
                    continue;
                }
                out.push(Statement {
                    index: out.len(),
                    span: Span::new(block.start + span.start, block.start + span.end),
                    block: bi,
                });
            }
        }
    }
    out
}

/// Trims whitespace from both ends of a span of `text`.
pub(crate) fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Cuts an over-long span at whitespace (or, failing that, at a char boundary).
fn cap_length(text: &str, span: Span, max: usize) -> Vec<Span> {
    if span.len() <= max || max == 0 {
        return vec![span];
    }
    let mut out = Vec::new();
    let mut start = span.start;
    while span.end - start > max {
        let mut cut = start + max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Prefer the last whitespace in the window so words stay whole.
        if let Some(ws) = text[start..cut].rfind(char::is_whitespace)
            && ws > 0
        {
            cut = start + ws;
        }
        if cut <= start {
            cut = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        out.push(Span::new(start, cut));
        start = cut;
    }
    out.push(Span::new(start, span.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        let d = Document::from_text("t", t);
        segment(&d, &SegmentOptions::default())
            .iter()
            .map(|s| d.slice(s.span).to_string())
            .collect()
    }

    #[test]
    fn headline_dateline_and_body() {
        let t = "Rubio presses Iraq on militias\nBy Jane Doe\nBAGHDAD, Oct. 21\n\nThe call lasted an hour. It ended at 3 p.m. Tuesday.";
        assert_eq!(
            texts(t),
            [
                "Rubio presses Iraq on militias",
                "By Jane Doe",
                "BAGHDAD, Oct. 21",
                "The call lasted an hour.",
                "It ended at 3 p.m. Tuesday."
            ]
        );
    }

    #[test]
    fn long_line_is_capped() {
        let t = "word ".repeat(3000);
        let d = Document::from_text("t", t.clone());
        let st = segment(&d, &SegmentOptions::default());
        assert!(st.len() >= 3);
        assert!(st.iter().all(|s| s.span.len() <= 4000));
    }
}
