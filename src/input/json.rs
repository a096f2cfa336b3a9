//! A JSON record: `{"id", "title", "outlet", "author", "date", "url", "text"}`, as produced by
//! scrapers and news APIs. `text` is required; the other fields become the id and metadata.
//! The document text is the `text` field, so it is marked extracted and carried in reports.

use serde::Deserialize;

use crate::document::{Document, Metadata};
use crate::error::{Error, Result};

/// The accepted record. Unknown fields are ignored so that richer records still read.
#[derive(Debug, Deserialize)]
pub(super) struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, alias = "source", alias = "publisher", alias = "site_name")]
    outlet: Option<String>,
    #[serde(default, alias = "byline")]
    author: Option<String>,
    #[serde(default, alias = "published", alias = "datePublished")]
    date: Option<String>,
    #[serde(default, alias = "link")]
    url: Option<String>,
    text: String,
}

/// Reads a JSON record into a document whose id is the record's `id` (if any).
pub(super) fn read(name: &str, text: &str) -> Result<Document> {
    if !text.trim_start().starts_with('{') {
        return Err(Error::input(
            name,
            "not a parallax JSON record: expected an object {\"text\": …} with optional id, title, outlet, author, date, url",
        ));
    }
    let rec: Record = serde_json::from_str(text).map_err(|e| {
        let what = if e.is_data() {
            "not a parallax JSON record"
        } else {
            "invalid JSON"
        };
        Error::input(
            name,
            format!("{what}: {e} (expected {{\"text\": …}} with optional id, title, outlet, author, date, url)"),
        )
    })?;
    let id = match rec.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    // Metadata is shown on one line in reports: collapse newlines and runs of spaces.
    let nonempty = |s: Option<String>| {
        s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    let mut d = Document::from_text(id, rec.text);
    d.extracted = true;
    d.meta = Metadata {
        title: nonempty(rec.title),
        outlet: nonempty(rec.outlet),
        author: nonempty(rec.author),
        date: nonempty(rec.date),
        url: nonempty(rec.url),
    };
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_record_and_metadata() {
        let d = read(
            "r.json",
            r#"{"id": "ina", "title": "Call", "outlet": "INA", "date": "2025-10-28", "url": "https://ina.test/1", "text": "Al-Sudani received a call.", "extra": 1}"#,
        )
        .unwrap();
        assert_eq!(d.id, "ina");
        assert_eq!(d.text, "Al-Sudani received a call.");
        assert_eq!(d.meta.outlet.as_deref(), Some("INA"));
        assert!(d.extracted);
    }

    #[test]
    fn missing_text_is_a_clear_error() {
        let e = read("r.json", r#"{"title": "x"}"#).unwrap_err().to_string();
        assert!(e.contains("missing field `text`"), "{e}");
        let e = read("r.json", "{\"text\": ").unwrap_err().to_string();
        assert!(e.starts_with("r.json: invalid JSON"), "{e}");
    }
}
