//! Block splitting: the first cut of a plain text, before sentences. A block is a paragraph
//! (lines between blank lines, re-joined when the text is hard-wrapped) or a stand-alone line
//! such as a headline, dateline, byline or caption.

use crate::document::Span;

/// Splits text into block spans (untrimmed ends are trimmed; empty blocks are dropped).
///
/// `"Title\nBody one. Body two.\n\nNext."` → `["Title", "Body one. Body two.", "Next."]`
pub fn split_blocks(text: &str) -> Vec<Span> {
    let mut blocks = Vec::new();
    // Lines with their spans (without the line terminator).
    let mut lines: Vec<Span> = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push(Span::new(start, i));
            start = i + 1;
        }
    }
    lines.push(Span::new(start, text.len()));

    let mut current: Option<Span> = None;
    let mut prev_line: Option<&str> = None;
    for line in &lines {
        let l = text[line.start..line.end].trim_end_matches('\r');
        let blank = l.trim().is_empty();
        if blank {
            if let Some(c) = current.take() {
                blocks.push(c);
            }
            prev_line = None;
            continue;
        }
        let line_span = Span::new(line.start, line.start + l.len());
        match (current, prev_line) {
            (Some(c), Some(p)) if continues(p, l) => {
                current = Some(Span::new(c.start, line_span.end));
            }
            _ => {
                if let Some(c) = current.take() {
                    blocks.push(c);
                }
                current = Some(line_span);
            }
        }
        prev_line = Some(l);
    }
    if let Some(c) = current {
        blocks.push(c);
    }
    blocks
        .into_iter()
        .map(|b| super::trim(text, b))
        .filter(|b| !b.is_empty())
        .collect()
}

/// Does `next` continue the paragraph that `prev` belongs to (hard-wrapped prose), rather than
/// start a block of its own? A line that ends a sentence, or a short line without final
/// punctuation (headline, byline), ends its block.
fn continues(prev: &str, next: &str) -> bool {
    let p = prev.trim_end();
    let n = next.trim_start();
    let last = p.chars().last().unwrap_or(' ');
    if matches!(
        last,
        '.' | '!' | '?' | ':' | '"' | '”' | '’' | '…' | ')' | ']'
    ) {
        return false;
    }
    let first = n.chars().next().unwrap_or(' ');
    // Wrapped prose: the sentence obviously goes on.
    if first.is_lowercase() || matches!(last, ',' | ';' | '-' | '–' | '—' | '(') {
        return true;
    }
    // A short capitalised line without final punctuation after a long one is a line of its
    // own ("Related coverage" after a caption): the lines of hard-wrapped prose are of
    // similar length, and the last one ends its sentence.
    let n_last = n.trim_end().chars().last().unwrap_or(' ');
    let n_ends = matches!(n_last, '.' | '!' | '?' | '"' | '”' | '’' | '…' | ')' | ':');
    if !n_ends && n.chars().count() * 2 < p.chars().count() {
        return false;
    }
    // A long line that stops mid-sentence is wrapped; headlines and bylines are short.
    let words = p.split_whitespace().count();
    words >= 10 && p.chars().count() >= 60 && !looks_like_heading(p)
}

/// Headline-ish: most words capitalised ("Rubio Presses Iraq On Militias").
fn looks_like_heading(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    caps * 10 >= words.len() * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(t: &str) -> Vec<&str> {
        split_blocks(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn blank_lines_and_single_lines() {
        assert_eq!(
            blocks("Headline here\nFirst sentence. Second.\n\n\nThird."),
            ["Headline here", "First sentence. Second.", "Third."]
        );
    }

    #[test]
    fn hard_wrapped_paragraph_is_one_block() {
        let t = "The United States has renewed pressure on Iraq to curb the power of\narmed groups, urging the government to disarm the militias.\n";
        assert_eq!(blocks(t).len(), 1);
    }

    #[test]
    fn short_line_after_caption_stands_alone() {
        assert_eq!(
            blocks(
                "Photo: Iraqi Prime Minister Mohammed Shia al-Sudani in Baghdad, Oct. 20, 2025\nRelated coverage\nThe coalition has about 2,500 troops."
            ),
            [
                "Photo: Iraqi Prime Minister Mohammed Shia al-Sudani in Baghdad, Oct. 20, 2025",
                "Related coverage",
                "The coalition has about 2,500 troops."
            ]
        );
    }

    #[test]
    fn crlf_is_handled() {
        assert_eq!(blocks("One.\r\nTwo.\r\n"), ["One.", "Two."]);
    }
}
