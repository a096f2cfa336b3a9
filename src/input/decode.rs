//! Bytes to text. UTF-8 with or without a byte-order mark; UTF-16 LE/BE with a BOM; anything
//! else that is not valid UTF-8 is refused with the byte offset of the first bad byte, unless
//! the caller asked for lossy decoding, which reads it as Windows-1252 (the usual encoding of
//! old saved pages and Word exports) and says so in a warning. Binary data is refused.

use crate::error::{Error, Result};

/// Decodes bytes strictly (no lossy fallback); see `decode_with`.
///
/// ```
/// assert_eq!(parallax::input::decode("x", b"\xEF\xBB\xBFhi").unwrap(), "hi");
/// assert!(parallax::input::decode("x", b"ok\xFF").unwrap_err().to_string().contains("byte 2"));
/// ```
pub fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    decode_with(name, bytes, false, &mut Vec::new())
}

/// Decodes bytes to text. With `lossy`, invalid UTF-8 is read as Windows-1252 and a warning
/// is pushed; without it, it is an error naming the first bad byte's offset in the file.
pub(crate) fn decode_with(
    name: &str,
    bytes: &[u8],
    lossy: bool,
    warnings: &mut Vec<String>,
) -> Result<String> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(name, rest, 3, lossy, warnings)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(name, rest, u16::from_le_bytes, "UTF-16LE")?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(name, rest, u16::from_be_bytes, "UTF-16BE")?
    } else {
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            return Err(Error::input(
                name,
                format!(
                    "binary data (NUL byte at byte {at}), not text; UTF-16 needs a byte-order mark"
                ),
            ));
        }
        utf8(name, bytes, 0, lossy, warnings)?
    };
    if let Some(at) = text.find('\0') {
        return Err(Error::input(
            name,
            format!("binary data (NUL character at byte {at} of the decoded text), not text"),
        ));
    }
    if looks_binary(&text) {
        return Err(Error::input(
            name,
            "binary data (mostly control characters), not text",
        ));
    }
    Ok(text)
}

fn utf8(
    name: &str,
    bytes: &[u8],
    offset: usize,
    lossy: bool,
    warnings: &mut Vec<String>,
) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) if lossy => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            warnings.push(format!(
                "not valid UTF-8 at byte {}; decoded as Windows-1252",
                e.valid_up_to() + offset
            ));
            Ok(text.into_owned())
        }
        Err(e) => {
            let what = if e.error_len().is_none() {
                "truncated UTF-8 sequence"
            } else {
                "invalid UTF-8"
            };
            Err(Error::input(
                name,
                format!(
                    "{what} at byte {} (use --lossy to read it as Windows-1252)",
                    e.valid_up_to() + offset
                ),
            ))
        }
    }
}

fn utf16(name: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16, label: &str) -> Result<String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Error::input(
            name,
            format!("truncated {label}: odd number of bytes"),
        ));
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut at = 2; // the byte offset in the file, after the BOM
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                out.push(c);
                at += c.len_utf16() * 2;
            }
            Err(_) => {
                return Err(Error::input(
                    name,
                    format!("invalid {label} (unpaired surrogate at byte {at})"),
                ));
            }
        }
    }
    Ok(out)
}

/// More than a tenth of the first 4,096 characters are C0/C1 controls other than whitespace:
/// an executable or image that happens to be valid UTF-8 without NUL bytes.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(4096) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    control * 10 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(b: &[u8], lossy: bool) -> (Result<String>, Vec<String>) {
        let mut w = Vec::new();
        (decode_with("x", b, lossy, &mut w), w)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec(b"Baghdad", false).0.unwrap(), "Baghdad");
        assert_eq!(dec(b"\xEF\xBB\xBFBaghdad", false).0.unwrap(), "Baghdad");
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Rubio – بغداد".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(dec(&le, false).0.unwrap(), "Rubio – بغداد");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Irak 🇮🇶".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(dec(&be, false).0.unwrap(), "Irak 🇮🇶");
        let e = dec(&[0xFF, 0xFE, 0x41], false).0.unwrap_err().to_string();
        assert!(e.contains("odd number of bytes"), "{e}");
        let e = dec(&[0xFF, 0xFE, 0x41, 0, 0x00, 0xD8, 0x41, 0], false)
            .0
            .unwrap_err()
            .to_string();
        assert!(e.contains("unpaired surrogate at byte 4"), "{e}");
    }

    #[test]
    fn invalid_utf8_names_the_offset_and_lossy_reads_1252() {
        let e = dec(b"caf\xE9 au lait", false).0.unwrap_err().to_string();
        assert!(e.contains("invalid UTF-8 at byte 3"), "{e}");
        let e = dec(b"\xEF\xBB\xBFab\xE2\x80", false)
            .0
            .unwrap_err()
            .to_string();
        assert!(e.contains("truncated UTF-8 sequence at byte 5"), "{e}");
        let (t, w) = dec(b"caf\xE9 \x93quoted\x94", true);
        assert_eq!(t.unwrap(), "café “quoted”");
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("Windows-1252") && w[0].contains("byte 3"));
    }

    #[test]
    fn binary_is_refused() {
        let e = dec(b"ab\0cd", false).0.unwrap_err().to_string();
        assert!(e.contains("NUL byte at byte 2"), "{e}");
        let e = dec(b"\x01\x02\x03\x04abc", false)
            .0
            .unwrap_err()
            .to_string();
        assert!(e.contains("control characters"), "{e}");
        assert!(dec(b"tab\there\r\n", false).0.is_ok());
    }
}
