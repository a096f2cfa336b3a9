//! Turns what the user names (a path, or `-` for stdin) into a `Document`: reads the bytes
//! with a size limit, decodes them, rejects binary and empty input with a one-line reason,
//! and picks the label.

use std::io::Read;
use std::path::Path;

use crate::document::Document;
use crate::error::{Error, Result};

/// Reading options.
#[derive(Clone, Debug)]
pub struct InputOptions {
    /// Inputs larger than this many bytes are refused.
    pub max_bytes: u64,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// Reads a path (or `-` for `stdin`) into a document labelled `label` (default: the file
/// stem, or `stdin`).
pub fn read_path(
    name: &str,
    label: Option<&str>,
    stdin: &mut dyn Read,
    opts: &InputOptions,
) -> Result<Document> {
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        stdin
            .take(opts.max_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::input("-", e.to_string()))?;
        buf
    } else {
        let path = Path::new(name);
        let meta = std::fs::metadata(path).map_err(|e| Error::input(name, io_problem(&e)))?;
        if meta.is_dir() {
            return Err(Error::input(name, "is a directory, not a file"));
        }
        let f = std::fs::File::open(path).map_err(|e| Error::input(name, io_problem(&e)))?;
        let mut buf = Vec::new();
        f.take(opts.max_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::input(name, io_problem(&e)))?;
        buf
    };
    if bytes.len() as u64 > opts.max_bytes {
        return Err(Error::input(
            name,
            format!("larger than the {} byte limit", opts.max_bytes),
        ));
    }
    let text = decode(name, &bytes)?;
    if text.trim().is_empty() {
        return Err(Error::input(name, "empty input (no text to compare)"));
    }
    let id = match label {
        Some(l) => l.to_string(),
        None if name == "-" => "stdin".to_string(),
        None => Path::new(name)
            .file_stem()
            .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned()),
    };
    let mut doc = Document::from_text(id, text);
    doc.path = (name != "-").then(|| name.to_string());
    Ok(doc)
}

/// Decodes bytes as UTF-8 (a leading BOM is dropped), refusing binary data.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(Error::input(name, "binary data (NUL bytes), not text"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(Error::input(
            name,
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        )),
    }
}

fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_errors_name_the_problem() {
        assert!(
            decode("x", b"ok\xFF")
                .unwrap_err()
                .to_string()
                .contains("invalid UTF-8 at byte 2")
        );
        assert!(
            decode("x", b"a\0b")
                .unwrap_err()
                .to_string()
                .contains("binary")
        );
        assert_eq!(decode("x", b"\xEF\xBB\xBFhi").unwrap(), "hi");
    }
}
