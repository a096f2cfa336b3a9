//! Metadata helpers shared by the readers: date normalisation to ISO `YYYY-MM-DD` (the date
//! detector resolves weekdays against `Metadata::date`) and the Markdown front-matter block.

use crate::document::Metadata;
use crate::profile::dates::MONTHS;

/// Normalises a publication date to `YYYY-MM-DD` when it can be read unambiguously; otherwise
/// returns it trimmed, as given. Numeric day/month orders other than year-first are ambiguous
/// ("03/04/2025") and kept as given.
///
/// `"2025-10-28T14:03:00Z"` → `"2025-10-28"`; `"Tuesday, October 28, 2025"` → `"2025-10-28"`;
/// `"28 Oct. 2025"` → `"2025-10-28"`; `"2025/10/28"` → `"2025-10-28"`; `"soon"` → `"soon"`.
pub fn normalize_date(s: &str) -> String {
    let s = s.trim();
    iso_prefix(s)
        .or_else(|| worded(s))
        .unwrap_or_else(|| s.to_string())
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    ((1..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `2025-10-28…`, `2025/10/28`, `2025.10.28`.
fn iso_prefix(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let rest = &s[5..];
    let (m, tail) = rest.split_once(sep as char)?;
    let d: String = tail.chars().take_while(char::is_ascii_digit).collect();
    if m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    ymd(s[..4].parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Dates with a month name: `October 28, 2025`, `Oct. 28 2025`, `28 October 2025`, with an
/// optional weekday and trailing time.
fn worded(s: &str) -> Option<String> {
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for tok in s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
    {
        let t = tok.trim_end_matches('.').to_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| {
            t.len() >= 3 && m.starts_with(t.as_str()) && (t.len() == m.len() || t.len() <= 4)
        }) {
            if month.is_none() {
                month = Some(m as u32 + 1);
            }
            continue;
        }
        let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            match digits.len() {
                1 | 2 if day.is_none() => day = digits.parse().ok(),
                4 if year.is_none() => year = digits.parse().ok(),
                _ => {}
            }
        }
    }
    ymd(year?, month?, day?)
}

/// Splits a leading front-matter block (`---` line, `key: value` lines, `---` line) off a
/// Markdown text. Returns the metadata and the byte offset where the body starts; `None` if
/// the text has no complete front-matter block.
///
/// Keys (case-insensitive): title; outlet, publisher, source, site, site_name; author,
/// byline; date, published, pubdate; url, link, canonical. Others are ignored.
pub fn front_matter(text: &str) -> Option<(Metadata, usize)> {
    let first = text.lines().next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut meta = Metadata::default();
    let mut offset = first.len() + 1;
    for line in text.get(offset..)?.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return Some((meta, offset.min(text.len())));
        }
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let v = v.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if v.is_empty() {
            continue;
        }
        let slot = match k.trim().to_ascii_lowercase().as_str() {
            "title" => &mut meta.title,
            "outlet" | "publisher" | "source" | "site" | "site_name" => &mut meta.outlet,
            "author" | "byline" => &mut meta.author,
            "date" | "published" | "pubdate" => &mut meta.date,
            "url" | "link" | "canonical" => &mut meta.url,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(v.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalise_when_unambiguous() {
        for (given, want) in [
            ("2025-10-28T14:03:00Z", "2025-10-28"),
            ("2025-10-28", "2025-10-28"),
            ("2025/1/5", "2025-01-05"),
            ("October 28, 2025", "2025-10-28"),
            ("Tuesday, October 28, 2025 - 10:15 AM", "2025-10-28"),
            ("Oct. 28, 2025", "2025-10-28"),
            ("28 Oct 2025", "2025-10-28"),
            ("Sept. 3, 2025", "2025-09-03"),
            ("03/04/2025", "03/04/2025"),
            ("last week", "last week"),
            ("May 2025", "May 2025"),
            ("2025-13-01", "2025-13-01"),
        ] {
            assert_eq!(normalize_date(given), want, "{given}");
        }
    }

    #[test]
    fn front_matter_block() {
        let t = "---\ntitle: \"Readout: the call\"\nPublisher: U.S. Department of State\ndate: October 28, 2025\ntags: [iraq]\n---\n# Body\n";
        let (m, at) = front_matter(t).unwrap();
        assert_eq!(m.title.as_deref(), Some("Readout: the call"));
        assert_eq!(m.outlet.as_deref(), Some("U.S. Department of State"));
        assert_eq!(m.date.as_deref(), Some("October 28, 2025"));
        assert_eq!(&t[at..], "# Body\n");
        assert!(front_matter("---\ntitle: never closed\n").is_none());
        assert!(front_matter("No front matter").is_none());
        assert_eq!(front_matter("---\n---").unwrap().1, 7);
    }
}
