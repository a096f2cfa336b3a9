//! Turns what the user names (a path, or `-` for stdin) into a `Document`: reads the bytes
//! under a size limit, decodes them (`decode.rs`), picks a reader by `--input-format`, file
//! extension or content (`sniff`), and runs it: plain text (`text.rs`), Markdown
//! (`markdown.rs`), HTML article extraction (`html.rs`) or a JSON record (`json.rs`).
//! Metadata (title, outlet, author, date, url) comes from each reader, helped by `meta.rs`.
//!
//! Every failure is an `Error::Input` naming the input and the problem in a few words; a
//! reader that has to degrade (lossy decoding, flat HTML text instead of an article) says
//! why in `Input::warnings`, which the binary prints to stderr.

mod decode;
mod html;
mod json;
mod markdown;
pub mod meta;
mod text;

use std::io::Read;
use std::path::Path;

use crate::document::{Document, Metadata, Span};
use crate::error::{Error, Result};

pub use decode::decode;

/// Which reader to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// By extension (`.html`, `.htm`, `.md`, `.markdown`, `.json`, `.txt`), else by content.
    #[default]
    Auto,
    /// Plain text: spans point into the file's own text.
    Text,
    /// Markdown: statements from paragraphs, headings and list items; URLs dropped.
    Markdown,
    /// An HTML page: the article body, without navigation and other boilerplate.
    Html,
    /// A JSON record `{"id", "title", "outlet", "author", "date", "url", "text"}`.
    Json,
}

impl InputFormat {
    /// The name used on the command line and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
            InputFormat::Json => "json",
        }
    }
}

/// Reading options.
#[derive(Clone, Debug)]
pub struct InputOptions {
    /// Inputs larger than this many bytes are refused.
    pub max_bytes: u64,
    /// Which reader to use (default: by extension, then content).
    pub format: InputFormat,
    /// Decode input that is not valid UTF-8 as Windows-1252 (with a warning) instead of
    /// refusing it.
    pub lossy: bool,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            max_bytes: 20 * 1024 * 1024,
            format: InputFormat::Auto,
            lossy: false,
        }
    }
}

/// A document read from an input, and what the reader had to say about it.
#[derive(Clone, Debug)]
pub struct Input {
    /// The document, ready to segment.
    pub document: Document,
    /// The reader that ran (never `Auto`).
    pub format: InputFormat,
    /// Things the user should know, one line each, without the input name
    /// ("decoded as Windows-1252: not valid UTF-8 at byte 5").
    pub warnings: Vec<String>,
}

/// Reads a path (or `-` for `stdin`) into a document labelled `label` (default: the file
/// stem, or `stdin`). Warnings are dropped; use [`read`] to get them.
pub fn read_path(
    name: &str,
    label: Option<&str>,
    stdin: &mut dyn Read,
    opts: &InputOptions,
) -> Result<Document> {
    read(name, label, stdin, opts).map(|i| i.document)
}

/// Reads a path (or `-` for `stdin`) into an [`Input`].
pub fn read(
    name: &str,
    label: Option<&str>,
    stdin: &mut dyn Read,
    opts: &InputOptions,
) -> Result<Input> {
    let bytes = if name == "-" {
        read_limited(name, stdin, opts.max_bytes)?
    } else {
        let path = Path::new(name);
        let meta = std::fs::metadata(path).map_err(|e| Error::input(name, io_problem(&e)))?;
        if meta.is_dir() {
            return Err(Error::input(name, "is a directory, not a file"));
        }
        // Refuse early from the file size, before reading anything.
        if meta.len() > opts.max_bytes {
            return Err(too_big(name, opts.max_bytes));
        }
        let mut f = std::fs::File::open(path).map_err(|e| Error::input(name, io_problem(&e)))?;
        read_limited(name, &mut f, opts.max_bytes)?
    };
    let mut input = from_bytes(name, &bytes, opts)?;
    let doc = &mut input.document;
    let stem = stem(name);
    doc.id = match label {
        Some(l) => l.to_string(),
        // A JSON record names itself.
        None if input.format == InputFormat::Json && doc.id != stem => doc.id.clone(),
        None if name == "-" => "stdin".to_string(),
        None => stem,
    };
    doc.path = (name != "-").then(|| name.to_string());
    Ok(input)
}

/// Reads at most `max + 1` bytes, so an oversized stream is detected without reading it all.
fn read_limited(name: &str, r: &mut dyn Read, max: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    r.take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error::input(name, io_problem(&e)))?;
    if buf.len() as u64 > max {
        return Err(too_big(name, max));
    }
    Ok(buf)
}

fn too_big(name: &str, max: u64) -> Error {
    Error::input(
        name,
        format!("larger than the {max}-byte limit (raise it with --max-bytes)"),
    )
}

/// Decodes and reads bytes that came from `name` (used for messages, the extension and the
/// default id). Never panics, whatever the bytes; this is the entry point of the fuzz targets.
///
/// ```
/// use parallax::input::{from_bytes, InputOptions, InputFormat};
/// let i = from_bytes("note.md", b"# Title\n\nSee [the readout](https://x.test/r).", &InputOptions::default()).unwrap();
/// assert_eq!(i.format, InputFormat::Markdown);
/// assert_eq!(i.document.text, "Title\n\nSee the readout.");
/// ```
pub fn from_bytes(name: &str, bytes: &[u8], opts: &InputOptions) -> Result<Input> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(too_big(name, opts.max_bytes));
    }
    let mut warnings = Vec::new();
    let text = decode::decode_with(name, bytes, opts.lossy, &mut warnings)?;
    if text.trim().is_empty() {
        return Err(Error::input(name, "empty input (no text to compare)"));
    }
    let format = match opts.format {
        InputFormat::Auto => sniff(name, &text),
        f => f,
    };
    let id = stem(name);
    let mut document = match format {
        InputFormat::Auto | InputFormat::Text => text::read(&id, text),
        InputFormat::Markdown => markdown::read(name, &id, &text, &mut warnings)?,
        InputFormat::Html => html::read(name, &id, &text, &mut warnings)?,
        InputFormat::Json => json::read(name, &text)?,
    };
    if document.id.is_empty() {
        document.id = id;
    }
    if let Some(d) = document.meta.date.take() {
        document.meta.date = Some(meta::normalize_date(&d));
    }
    if document.text.trim().is_empty() {
        return Err(Error::input(
            name,
            format!("no text found in the {} input", format.as_str()),
        ));
    }
    debug_assert!(blocks_valid(&document));
    Ok(Input {
        document,
        format: if format == InputFormat::Auto {
            InputFormat::Text
        } else {
            format
        },
        warnings,
    })
}

/// The default label: the file stem (`fixtures/a/washington.txt` → `washington`).
fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Picks a reader from the extension, else from the first bytes of the text.
///
/// `"page.HTM"` → Html; `"-"` with `"<!DOCTYPE html>…"` → Html; `"notes"` with
/// `"---\ntitle: x\n---\n…"` → Markdown; anything else → Text.
pub fn sniff(name: &str, text: &str) -> InputFormat {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => return InputFormat::Html,
        Some("md" | "markdown" | "mdown" | "mkd") => return InputFormat::Markdown,
        Some("json") => return InputFormat::Json,
        Some("txt" | "text") => return InputFormat::Text,
        _ => {}
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && (head.contains("<body") || head.contains("<head")))
    {
        return InputFormat::Html;
    }
    if head.starts_with('{') && serde_json::from_str::<json::Record>(text).is_ok() {
        return InputFormat::Json;
    }
    if head.starts_with("---\n") || head.starts_with("---\r\n") {
        return InputFormat::Markdown;
    }
    let markdownish = head.lines().take(40).any(|l| {
        let l = l.trim_start();
        l.starts_with("# ") || l.starts_with("## ") || l.starts_with("### ")
    }) || head.contains("](http")
        || head.contains("](/");
    if markdownish {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    }
}

/// Blocks are ordered, non-overlapping and on char boundaries (what `segment` relies on).
fn blocks_valid(doc: &Document) -> bool {
    let Some(blocks) = &doc.blocks else {
        return true;
    };
    let mut prev = 0;
    blocks.iter().all(|b: &Span| {
        let ok = b.start >= prev
            && b.start <= b.end
            && b.end <= doc.text.len()
            && doc.text.is_char_boundary(b.start)
            && doc.text.is_char_boundary(b.end);
        prev = b.end;
        ok
    })
}

/// Builds an extracted document from blocks of cleaned text, joined by blank lines, with a
/// block span for each. Blocks are trimmed and empty ones dropped.
pub(crate) fn from_blocks<'a>(
    id: &str,
    blocks: impl IntoIterator<Item = &'a str>,
    meta: Metadata,
) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    for b in blocks {
        let b = b.trim();
        if b.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(b);
        spans.push(Span::new(start, text.len()));
    }
    let mut d = Document::from_text(id, text);
    d.extracted = true;
    d.meta = meta;
    d.blocks = Some(spans);
    d
}

fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::InvalidData => "not readable as a file".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_extension_then_content() {
        assert_eq!(sniff("a.HTM", "plain"), InputFormat::Html);
        assert_eq!(sniff("a.md", "plain"), InputFormat::Markdown);
        assert_eq!(sniff("a.txt", "<html>"), InputFormat::Text);
        assert_eq!(sniff("-", "  <!DOCTYPE html><p>x</p>"), InputFormat::Html);
        assert_eq!(
            sniff("-", "{\"text\": \"Rubio called.\"}"),
            InputFormat::Json
        );
        assert_eq!(sniff("-", "{not json"), InputFormat::Text);
        assert_eq!(
            sniff("-", "---\ntitle: x\n---\nBody."),
            InputFormat::Markdown
        );
        assert_eq!(sniff("-", "# Readout\n\nBody."), InputFormat::Markdown);
        assert_eq!(sniff("-", "Rubio called al-Sudani."), InputFormat::Text);
    }

    #[test]
    fn size_limit_is_enforced() {
        let opts = InputOptions {
            max_bytes: 10,
            ..Default::default()
        };
        let e = from_bytes("big.txt", b"0123456789ab", &opts).unwrap_err();
        assert!(e.to_string().contains("10-byte limit"), "{e}");
        let e = read_limited("-", &mut &b"0123456789ab"[..], 10).unwrap_err();
        assert!(e.to_string().contains("limit"), "{e}");
        assert!(read_limited("-", &mut &b"0123456789"[..], 10).is_ok());
    }

    #[test]
    fn from_blocks_joins_with_blank_lines() {
        let d = from_blocks("x", [" One. ", "", "Two."], Metadata::default());
        assert_eq!(d.text, "One.\n\nTwo.");
        assert_eq!(d.blocks, Some(vec![Span::new(0, 4), Span::new(6, 10)]));
        assert!(d.extracted);
    }
}
