//! Markdown: statements from paragraphs, headings, list items, block quotes and table rows
//! (pulldown-cmark), with link text kept, URLs dropped (including the `(https://…)` and
//! `(/path)` text that scraped Markdown embeds, CRATES.md §1) and emphasis markers removed.
//! Code blocks, images and raw HTML are not statements and are skipped. A front-matter
//! block gives the metadata.
//!
//! The document text is the cleaned text, blocks joined by blank lines, so that statement
//! text carries no `**` or URLs and spans point into what the report shows.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{from_blocks, meta};
use crate::document::{Document, Metadata};
use crate::error::Result;

/// Reads Markdown text into an extracted document with one block per paragraph, heading,
/// list item or table row.
pub(super) fn read(
    _name: &str,
    id: &str,
    text: &str,
    _warnings: &mut Vec<String>,
) -> Result<Document> {
    let (mut meta, body) = match meta::front_matter(text) {
        Some((m, at)) => (m, &text[at..]),
        None => (Metadata::default(), text),
    };
    let (blocks, h1) = blocks(body);
    if meta.title.is_none() {
        meta.title = h1;
    }
    Ok(from_blocks(id, blocks.iter().map(String::as_str), meta))
}

/// The cleaned blocks of a Markdown body, and the text of its first level-1 heading.
///
/// `"# Call\n\n**Rubio** spoke with [al-Sudani](https://x.test).\n\n- one\n- two"` →
/// `["Call", "Rubio spoke with al-Sudani.", "one", "two"]`
fn blocks(body: &str) -> (Vec<String>, Option<String>) {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut skip = 0usize; // depth inside code blocks, images, HTML blocks, metadata
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    let flush = |buf: &mut String, out: &mut Vec<String>| {
        // Soft line breaks were kept as '\n': let the plain-text block rules split stand-alone
        // lines ("Office of the Spokesperson\nOctober 28, 2025") as they would in a .txt file.
        for span in crate::segment::split_blocks(buf) {
            let cleaned = clean_inline(&buf[span.start..span.end]);
            if !cleaned.is_empty() {
                out.push(cleaned);
            }
        }
        buf.clear();
    };
    for ev in Parser::new_ext(body, opts) {
        match ev {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_),
            ) => {
                skip += 1;
            }
            Event::End(
                TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_),
            ) => {
                skip = skip.saturating_sub(1);
            }
            _ if skip > 0 => {}
            Event::Start(tag) => {
                if is_block(&tag) {
                    flush(&mut buf, &mut out);
                }
                if let Tag::Heading { level, .. } = tag {
                    in_h1 = level == pulldown_cmark::HeadingLevel::H1 && h1.is_none();
                }
            }
            Event::End(tag) => match tag {
                TagEnd::TableCell => buf.push_str("; "),
                TagEnd::Heading(_) if in_h1 => {
                    h1 = Some(clean_inline(&buf)).filter(|t| !t.is_empty());
                    in_h1 = false;
                    flush(&mut buf, &mut out);
                }
                t if is_block_end(&t) => flush(&mut buf, &mut out),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                buf.push_str(&t);
            }
            Event::SoftBreak => buf.push('\n'),
            Event::HardBreak => buf.push_str("\n\n"),
            Event::Rule => flush(&mut buf, &mut out),
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {}
        }
    }
    flush(&mut buf, &mut out);
    (out, h1)
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
    )
}

/// Cleans the text of one block: drops parenthesised and bare URLs, stray emphasis markers
/// and a trailing table-cell separator, and collapses whitespace.
///
/// `"Al-Shmary (https://twitter.com/x) said **it** was (/experts/y) over."` →
/// `"Al-Shmary said it was over."`
pub(crate) fn clean_inline(s: &str) -> String {
    let s = drop_paren_urls(s);
    let mut words: Vec<String> = Vec::new();
    for tok in s.split_whitespace() {
        let bare = tok.trim_matches(|c: char| "*_<>\"'“”‘’.,;:!?".contains(c));
        if is_url(bare) {
            // Keep sentence punctuation that followed the URL.
            if let (Some(p), Some(w)) = (
                tok.chars().last().filter(|c| matches!(c, '.' | '!' | '?')),
                words.last_mut(),
            ) {
                w.push(p);
            }
            continue;
        }
        let t = strip_markers(tok);
        if t.is_empty() {
            continue;
        }
        if let (true, Some(w)) = (
            matches!(t.as_str(), "." | "," | ";" | ":" | "!" | "?"),
            words.last_mut(),
        ) {
            w.push_str(&t);
            continue;
        }
        words.push(t);
    }
    let mut out = words.join(" ");
    while out.ends_with(';') {
        out.pop();
    }
    out.trim().to_string()
}

/// Removes `(https://…)`, `(www.…)`, `(/path)` and `(mailto:…)` groups without whitespace.
/// Linear time: the next `)` or whitespace is found once and reused by every `(` before it
/// (a naive scan per `(` is quadratic on "(/(/(/…", which the fuzzer would find).
fn drop_paren_urls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut copied = 0; // bytes of `s` already handled
    let mut stop: Option<usize> = None; // position of the next ')' or whitespace after a '('
    let mut search = 0;
    while let Some(rel) = s[search..].find('(') {
        let i = search + rel;
        search = i + 1;
        if stop.is_none_or(|p| p <= i) {
            stop = s[i + 1..]
                .find(|c: char| c == ')' || c.is_whitespace())
                .map(|p| i + 1 + p);
        }
        let Some(close) = stop else {
            break; // no ')' anywhere ahead: nothing more to remove
        };
        let after = &s[i + 1..];
        let url_like = ["http://", "https://", "www.", "/", "mailto:", "#"]
            .iter()
            .any(|p| after.starts_with(p));
        if url_like && s[close..].starts_with(')') {
            out.push_str(s[copied..i].trim_end());
            copied = close + 1;
            search = copied;
            let rest = &s[copied..];
            if !rest.is_empty()
                && !rest.starts_with(|c: char| c.is_whitespace() || ".,;:!?".contains(c))
            {
                out.push(' ');
            }
        }
    }
    out.push_str(&s[copied..]);
    out
}

fn is_url(t: &str) -> bool {
    let l = t.to_ascii_lowercase();
    (l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.")) && l.len() > 8
}

/// Strips emphasis markers that pulldown-cmark left as text (unbalanced `**`, `__`).
fn strip_markers(tok: &str) -> String {
    let t = tok.trim_start_matches("**").trim_start_matches("__");
    let mut t = t.to_string();
    for m in ["**", "__"] {
        // "done**." → "done."
        while let Some(i) = t.rfind(m) {
            if t[i + 2..].chars().all(|c| ".,;:!?\"”’)".contains(c)) {
                t.replace_range(i..i + 2, "");
            } else {
                break;
            }
        }
    }
    if t.chars().all(|c| c == '*' || c == '_') {
        return String::new();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_from_structure() {
        let (b, h1) = blocks(
            "# Rubio Call\n\nThe **Secretary** urged *action* on [militias](https://x.test/m).\n\n- First item\n- Second [item](/path)\n  - nested\n\n> Quoted para.\n\n```\ncode();\n```\n\n![alt](img.png)\n\n<div>html</div>\n",
        );
        assert_eq!(
            b,
            [
                "Rubio Call",
                "The Secretary urged action on militias.",
                "First item",
                "Second item",
                "nested",
                "Quoted para."
            ]
        );
        assert_eq!(h1.as_deref(), Some("Rubio Call"));
    }

    #[test]
    fn scraped_urls_and_markers_are_dropped() {
        assert_eq!(
            clean_inline("Al-Shmary (https://twitter.com/x) said **it was** over (/experts/y)."),
            "Al-Shmary said it was over."
        );
        assert_eq!(
            clean_inline("Read more at https://state.test/r. Then go."),
            "Read more at. Then go."
        );
        assert_eq!(clean_inline("**"), "");
        assert_eq!(clean_inline("a (b) c"), "a (b) c");
        assert_eq!(clean_inline("(unclosed https://x"), "(unclosed");
        assert_eq!(clean_inline("a (/x)(/y)b (c) (/d"), "a b (c) (/d");
        // Linear on a pathological run of openers.
        let long = "(/".repeat(200_000);
        assert_eq!(drop_paren_urls(&long), long);
    }

    #[test]
    fn stand_alone_lines_split_like_plain_text() {
        let (b, _) =
            blocks("Office of the Spokesperson\nOctober 28, 2025\n\nThe call was\nlong and warm.");
        assert_eq!(
            b,
            [
                "Office of the Spokesperson",
                "October 28, 2025",
                "The call was long and warm."
            ]
        );
    }
}
