//! Date and time mentions of one statement ("Nov. 11", "October 28, 2025", "Tuesday",
//! "last week", "yesterday", "3 p.m.", "in 2024"), each resolved to a range of days when the
//! document date (from the input's metadata) or the mention itself gives a year.

use serde::Serialize;

use super::tokens::{Token, TokenKind};
use crate::document::Span;

/// Month names in lower case, January first (also read by `input::meta` for dates in meta tags).
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A day as a count of days since 1970-01-01.
pub type DayNumber = i64;

/// What a date mention names.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateValue {
    /// A day of a month, perhaps with a year ("Nov. 11", "October 28, 2025").
    Day {
        /// 1–12.
        month: u32,
        /// 1–31.
        day: u32,
        /// The year if written.
        year: Option<i32>,
    },
    /// A month, perhaps with a year ("in October", "October 2025").
    Month {
        /// 1–12.
        month: u32,
        /// The year if written.
        year: Option<i32>,
    },
    /// A weekday (0 = Monday) with its modifier ("last", "next", "this" or "").
    Weekday {
        /// 0 = Monday … 6 = Sunday.
        weekday: u32,
        /// "last", "next", "this" or "".
        modifier: String,
    },
    /// A day or period relative to publication ("today", "yesterday", "last week").
    Relative {
        /// The folded words.
        words: String,
    },
    /// A clock time, in minutes after midnight.
    Time {
        /// Minutes after midnight.
        minutes: u32,
    },
    /// A year ("in 2024").
    Year {
        /// The year.
        year: i32,
    },
}

/// One date mention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DateMention {
    /// The words as written ("Nov. 11").
    pub raw: String,
    /// Byte span relative to the statement.
    pub span: Span,
    /// What it names.
    pub value: DateValue,
    /// The days it covers (first, last), when they can be known.
    pub days: Option<(DayNumber, DayNumber)>,
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> DayNumber {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date of a day number.
pub fn civil_from_days(z: DayNumber) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// 0 = Monday … 6 = Sunday.
pub fn weekday(day: DayNumber) -> u32 {
    // 1970-01-01 was a Thursday (3).
    ((day + 3).rem_euclid(7)) as u32
}

/// Parses an ISO `YYYY-MM-DD` (as `input::meta::normalize_date` writes it) to a day number.
///
/// `"2025-11-12"` → `Some(20404)`; `"soon"` → `None`.
pub fn parse_iso(s: &str) -> Option<DayNumber> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s.get(..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| days_from_civil(y, m, d))
}

pub(crate) fn month_of(norm: &str) -> Option<u32> {
    // `trim_end_matches('.')` on bytes: this runs for every word profiled.
    let b = norm.as_bytes();
    let end = b.len() - b.iter().rev().take_while(|&&c| c == b'.').count();
    let n = &norm[..end];
    if n == "sept" {
        return Some(9);
    }
    // Asked of every word profiled: the length and first letter reject nearly all of them
    // without comparing with the twelve names.
    if !(3..=9).contains(&n.len())
        || !matches!(
            n.as_bytes()[0],
            b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
        )
    {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == n || (n.len() == 3 && m.starts_with(n)))
        .map(|i| i as u32 + 1)
}

pub(crate) fn weekday_of(norm: &str) -> Option<u32> {
    if !norm.ends_with("day") {
        return None;
    }
    WEEKDAYS.iter().position(|w| *w == norm).map(|i| i as u32)
}

fn small_number(t: &Token, max: u32) -> Option<u32> {
    if t.kind != TokenKind::Number {
        return None;
    }
    let v: u32 = t.norm.parse().ok()?;
    (1..=max).contains(&v).then_some(v)
}

fn year_number(t: &Token) -> Option<i32> {
    if t.kind != TokenKind::Number || t.norm.len() != 4 {
        return None;
    }
    let y: i32 = t.norm.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// True if a word may begin or complete a date without a number: a capitalised month
/// ("March"), a weekday, "today" or "yesterday" (all end in "day"), "tomorrow", "tonight",
/// or the unit of "last week". A superset: `extract_dates` decides.
fn may_name_date(t: &Token) -> bool {
    let n = t.norm.as_str();
    n.ends_with("day")
        || matches!(n, "tomorrow" | "tonight" | "week" | "month" | "year")
        || t.capitalized && month_of(n).is_some()
}

/// Extracts the date mentions of a statement, resolving relative ones against `doc_date`.
///
/// `"Production resumes on Dec. 3."` → one `Day { month: 12, day: 3, year: None }`;
/// with a document date of 2025-11-27 its days are 2025-12-03.
pub fn extract_dates(
    text: &str,
    tokens: &[Token],
    doc_date: Option<DayNumber>,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    // Most statements name no date: without a number, only a capitalised month, a weekday,
    // "today"... or "last week" can make one (each branch below needs one of these), so a
    // statement with none of them is done without the scan (and its word list).
    if !tokens.iter().any(|t| match t.kind {
        TokenKind::Punct => false,
        TokenKind::Number => true,
        TokenKind::Word => may_name_date(t),
    }) {
        return out;
    }
    // Word positions only (punctuation skipped), so that "Nov. 26" and "Oct 28, 2025" read alike.
    let mut words: Vec<usize> = Vec::with_capacity(tokens.len());
    words.extend((0..tokens.len()).filter(|&i| tokens[i].kind != TokenKind::Punct));
    let mut k = 0;
    while k < words.len() {
        let i = words[k];
        let t = &tokens[i];
        let next = |o: usize| words.get(k + o).map(|&j| &tokens[j]);
        let mut used = 1;
        let mut value = None;
        // "Oct. 28" / "28 October" take two tokens, three with a year after them.
        let day_and_year = |month: u32, day: u32| {
            let year = next(2).and_then(year_number);
            let used = if year.is_some() { 3 } else { 2 };
            (Some(DateValue::Day { month, day, year }), used)
        };
        // Month names: "May" counts only when capitalised (else it is the hedge "may").
        if let Some(m) = month_of(&t.norm).filter(|_| t.norm != "may" || t.capitalized) {
            if let Some(d) = next(1).and_then(|n| small_number(n, 31)) {
                (value, used) = day_and_year(m, d);
            } else {
                let year = next(1).and_then(year_number);
                if year.is_some() {
                    used = 2;
                }
                // A bare "March" or "May" may be a verb or a hedge: only other full,
                // capitalised month names stand alone.
                let alone = t.capitalized && t.norm.len() >= 4 && t.norm != "march";
                if year.is_some() || alone {
                    value = Some(DateValue::Month { month: m, year });
                }
            }
        } else if let Some(d) = small_number(t, 31) {
            // "28 October 2025"
            if let Some(m) = next(1).and_then(|n| month_of(&n.norm).filter(|_| n.capitalized)) {
                (value, used) = day_and_year(m, d);
            } else if let Some(ap) = next(1).filter(|n| n.norm == "am" || n.norm == "pm") {
                if d <= 12 {
                    used = 2;
                    let h = d % 12 + if ap.norm == "pm" { 12 } else { 0 };
                    value = Some(DateValue::Time { minutes: h * 60 });
                }
            } else if i + 2 < tokens.len()
                && tokens[i + 1].norm == ":"
                && tokens[i + 2].kind == TokenKind::Number
                && tokens[i + 2].norm.len() == 2
            {
                let mins: u32 = tokens[i + 2].norm.parse().unwrap_or(0);
                let mut h = d;
                let mut last = i + 2;
                if let Some(ap) = tokens
                    .get(i + 3)
                    .filter(|n| n.norm == "am" || n.norm == "pm")
                {
                    h = d % 12 + if ap.norm == "pm" { 12 } else { 0 };
                    last = i + 3;
                }
                if h < 24 && mins < 60 {
                    used = words[k..].iter().take_while(|&&j| j <= last).count();
                    value = Some(DateValue::Time {
                        minutes: h * 60 + mins,
                    });
                }
            }
        } else if let Some(y) = year_number(t) {
            let prev = k.checked_sub(1).map(|p| tokens[words[p]].norm.as_str());
            if matches!(
                prev,
                Some("in" | "since" | "until" | "by" | "of" | "during")
            ) {
                value = Some(DateValue::Year { year: y });
            }
        } else if let Some(w) = weekday_of(&t.norm) {
            let prev = k.checked_sub(1).map(|p| tokens[words[p]].norm.as_str());
            let modifier = match prev {
                Some(m @ ("last" | "next" | "this")) => m.to_string(),
                _ => String::new(),
            };
            value = Some(DateValue::Weekday {
                weekday: w,
                modifier,
            });
        } else if matches!(
            t.norm.as_str(),
            "today" | "yesterday" | "tomorrow" | "tonight"
        ) {
            value = Some(DateValue::Relative {
                words: t.norm.to_string(),
            });
        } else if matches!(t.norm.as_str(), "last" | "next" | "this")
            && let Some(n) = next(1)
            && matches!(n.norm.as_str(), "week" | "month" | "year")
        {
            used = 2;
            value = Some(DateValue::Relative {
                words: format!("{} {}", t.norm, n.norm),
            });
        }
        if let Some(value) = value {
            let first = if let DateValue::Weekday { modifier, .. } = &value
                && !modifier.is_empty()
            {
                words[k - 1]
            } else {
                i
            };
            let last = words[(k + used - 1).min(words.len() - 1)];
            let span = Span::new(tokens[first].span.start, tokens[last].span.end);
            let days = resolve(&value, doc_date);
            out.push(DateMention {
                raw: text[span.start..span.end].to_string(),
                span,
                value,
                days,
            });
        }
        k += used;
    }
    out
}

/// The days a mention covers, if knowable.
fn resolve(v: &DateValue, doc: Option<DayNumber>) -> Option<(DayNumber, DayNumber)> {
    let doc_year = doc.map(|d| civil_from_days(d).0);
    match v {
        DateValue::Day { month, day, year } => {
            let y = year.or(doc_year)?;
            let d = days_from_civil(y, *month, *day);
            // A day without a year more than ~2 months after publication is last year's.
            let d = match (year, doc) {
                (None, Some(p)) if d > p + 62 => days_from_civil(y - 1, *month, *day),
                _ => d,
            };
            Some((d, d))
        }
        DateValue::Month { month, year } => {
            let y = year.or(doc_year)?;
            let first = days_from_civil(y, *month, 1);
            let next = if *month == 12 {
                days_from_civil(y + 1, 1, 1)
            } else {
                days_from_civil(y, month + 1, 1)
            };
            Some((first, next - 1))
        }
        DateValue::Year { year } => {
            Some((days_from_civil(*year, 1, 1), days_from_civil(*year, 12, 31)))
        }
        DateValue::Weekday {
            weekday: w,
            modifier,
        } => {
            let p = doc?;
            let back = (i64::from(weekday(p)) - i64::from(*w)).rem_euclid(7);
            let d = match modifier.as_str() {
                "next" => p + (i64::from(*w) - i64::from(weekday(p))).rem_euclid(7).max(1),
                "last" if back == 0 => p - 7,
                _ => p - back,
            };
            Some((d, d))
        }
        DateValue::Relative { words } => {
            let p = doc?;
            let monday = p - i64::from(weekday(p));
            match words.as_str() {
                "today" | "tonight" => Some((p, p)),
                "yesterday" => Some((p - 1, p - 1)),
                "tomorrow" => Some((p + 1, p + 1)),
                "this week" => Some((monday, monday + 6)),
                "last week" => Some((monday - 7, monday - 1)),
                "next week" => Some((monday + 7, monday + 13)),
                _ => None,
            }
        }
        DateValue::Time { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::tokenize;

    fn dates(t: &str, doc: Option<&str>) -> Vec<DateMention> {
        extract_dates(t, &tokenize(t), doc.and_then(parse_iso))
    }

    #[test]
    fn dates_without_numbers_pass_the_quick_check() {
        // Each names a date with no number in it: the check before the scan lets it through.
        for (text, raw) in [
            ("Talks resume on Tuesday, officials said.", "Tuesday"),
            ("The plant closed yesterday.", "yesterday"),
            ("Crews return tomorrow.", "tomorrow"),
            ("Prices rose last week.", "last week"),
            ("Output fell in September after the strike.", "September"),
        ] {
            let found = dates(text, Some("2025-11-27"));
            assert_eq!(
                found.iter().map(|d| d.raw.as_str()).collect::<Vec<_>>(),
                [raw],
                "{text}"
            );
        }
        // Nothing that can name a date: nothing found (and no scan).
        assert!(dates("The minister urged calm in the capital.", None).is_empty());
        assert!(dates("Officials may march on the ministry.", None).is_empty());
    }

    #[test]
    fn civil_round_trip() {
        for d in [-1000, 0, 20404, 30000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        // 2025-11-12 was a Wednesday.
        assert_eq!(weekday(parse_iso("2025-11-12").unwrap()), 2);
    }

    #[test]
    fn month_day_and_year() {
        let d = dates("SULAIMANI, Nov. 26", None);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].raw, "Nov. 26");
        let d = dates("Baghdad, October 28, 2025", None);
        assert_eq!(d[0].raw, "October 28, 2025");
        assert!(d[0].days.is_some());
    }

    #[test]
    fn weekday_resolves_against_the_document_date() {
        let d = dates("They met on Tuesday.", Some("2025-11-12"));
        assert_eq!(
            d[0].days,
            Some((
                parse_iso("2025-11-11").unwrap(),
                parse_iso("2025-11-11").unwrap()
            ))
        );
        let d = dates("They met last week.", Some("2025-11-12"));
        assert_eq!(d[0].raw, "last week");
    }

    #[test]
    fn may_as_a_hedge_is_not_a_date() {
        assert!(dates("Flights may resume.", None).is_empty());
        assert_eq!(dates("Flights resume on May 5.", None).len(), 1);
    }

    #[test]
    fn times() {
        let d = dates("The blast came at 3 p.m. local time.", None);
        assert_eq!(d[0].value, DateValue::Time { minutes: 15 * 60 });
    }
}
