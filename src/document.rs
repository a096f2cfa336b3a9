//! The shared vocabulary of the pipeline: a `Document`, byte `Span`s into its text,
//! and the `Side`/`Pair` types that name the two sources of a comparison.
//!
//! Spans are the source of truth (see docs/ARCHITECTURE.md): every later stage refers to
//! statement text by slicing `Document::text` with a `Span`, never by copying it around.

use serde::{Deserialize, Serialize};

/// Where a document came from and what it says about itself. Every field is optional:
/// plain text carries none of it, HTML meta tags, JSON and front matter may carry all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Headline or page title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication or institution ("Reuters", "U.S. Department of State").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Byline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication date as given, ideally ISO `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Canonical address of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Metadata {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.outlet.is_none()
            && self.author.is_none()
            && self.date.is_none()
            && self.url.is_none()
    }
}

/// One source text, read and decoded, ready to be segmented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Label shown in reports: the file stem unless the user gave `--label`.
    pub id: String,
    /// The path it was read from as the user wrote it; `None` for stdin or inline text.
    pub path: Option<String>,
    /// The text spans point into. For plain text this is the file's text; for extracted
    /// formats (HTML, Markdown, JSON) it is the extracted text.
    pub text: String,
    /// True when `text` is not the file's bytes but was extracted from them; the JSON report
    /// then carries `text` so that offsets can be checked.
    pub extracted: bool,
    /// What the input says about itself.
    pub meta: Metadata,
    /// Spans of blocks (paragraphs, headings, list items) found by a structured reader;
    /// `None` lets the segmenter find blocks itself from blank lines and short lines.
    pub blocks: Option<Vec<Span>>,
}

impl Document {
    /// A plain-text document with no metadata.
    ///
    /// ```
    /// let d = parallax::Document::from_text("left", "Rubio spoke with al-Sudani.");
    /// assert_eq!(d.id, "left");
    /// ```
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            path: None,
            text: text.into(),
            extracted: false,
            meta: Metadata::default(),
            blocks: None,
        }
    }

    /// The text of a span of this document.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }
}

/// A half-open byte range `[start, end)` into a document's text, always on char boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Which of the two sources of a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The first document of the pair.
    Left,
    /// The second document of the pair.
    Right,
}

/// Makes document ids unique, in order: a repeated id gets `-2`, `-3`, ... (skipping ids
/// already in use), so that two inputs named `notes.txt` in different folders stay apart in
/// every report. Returns true if any id changed.
///
/// ```
/// use parallax::Document;
/// let mut docs = vec![Document::from_text("a", "x."), Document::from_text("a", "y."),
///                     Document::from_text("a-2", "z.")];
/// assert!(parallax::document::unique_ids(&mut docs));
/// let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
/// assert_eq!(ids, ["a", "a-3", "a-2"]);
/// ```
pub fn unique_ids(docs: &mut [Document]) -> bool {
    use std::collections::HashSet;
    // Ids that appear first keep their name; only later duplicates are renamed. Every
    // original id is reserved up front so a rename never takes a name a later input has.
    let mut taken: HashSet<String> = docs.iter().map(|d| d.id.clone()).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut changed = false;
    for d in docs.iter_mut() {
        if seen.insert(d.id.clone()) {
            continue;
        }
        let mut n = 2;
        let new = loop {
            let candidate = format!("{}-{n}", d.id);
            if !taken.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        taken.insert(new.clone());
        seen.insert(new.clone());
        d.id = new;
        changed = true;
    }
    changed
}

/// The same kind of thing for the left and the right source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pair<T> {
    /// Left value.
    pub left: T,
    /// Right value.
    pub right: T,
}

impl<T> Pair<T> {
    /// Builds a pair.
    pub fn new(left: T, right: T) -> Self {
        Pair { left, right }
    }
    /// The value on one side.
    pub fn get(&self, side: Side) -> &T {
        match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        }
    }
    /// Applies `f` to both values.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Pair<U> {
        Pair {
            left: f(self.left),
            right: f(self.right),
        }
    }
    /// Borrows both values.
    pub fn as_ref(&self) -> Pair<&T> {
        Pair {
            left: &self.left,
            right: &self.right,
        }
    }
}
