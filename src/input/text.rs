//! Plain text: the document is the decoded text itself, so spans point into the file's own
//! text and the segmenter finds blocks from blank lines and stand-alone lines.

use crate::document::Document;

/// Wraps decoded text as a document (no metadata, no extraction).
pub(super) fn read(id: &str, text: String) -> Document {
    Document::from_text(id, text)
}
