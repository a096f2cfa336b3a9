//! Character folding for matching keys only (never for stored text or spans): curly quotes
//! to straight, dashes to `-`, non-breaking and other spaces to a plain space, lowercase.

/// Folds one string for comparison.
///
/// `"Al‑Sudani’s “plan”"` → `"al-sudani's \"plan\""`
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => out.push('\''),
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => out.push('"'),
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => out.push('-'),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\u{2002}'
            | '\u{2003}' => out.push(' '),
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => {}
            // ASCII, most of the text, skips the Unicode case tables (same result).
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn folds_quotes_dashes_and_spaces() {
        assert_eq!(
            super::fold("Al‑Sudani’s\u{a0}“Plan”—now"),
            "al-sudani's \"plan\"-now"
        );
    }
}
