//! `date`: dates and times that disagree ("Nov. 11" / "Nov. 18", "Tuesday" / "Wednesday",
//! "3 p.m." / "5 p.m."), a conflict. Relative dates ("yesterday", "last week", a weekday)
//! are resolved against each document's date when the input gives one, so "on Tuesday" in a
//! paper of Wednesday Nov. 12 agrees with "Nov. 11". Mentions that cannot be put on the
//! same footing (a weekday against a day of the month, without document dates) are not
//! compared.

use super::{Detector, DetectorName, Signal};
use crate::profile::Profile;
use crate::profile::dates::{DateMention, DateValue};

/// The date detector.
pub struct Date;

/// `Some(true)` when the two mentions name the same time, `Some(false)` when they cannot,
/// `None` when they are not comparable.
fn agree(a: &DateMention, b: &DateMention) -> Option<bool> {
    use DateValue::*;
    match (&a.value, &b.value) {
        (Time { minutes: x }, Time { minutes: y }) => return Some(x == y),
        (Time { .. }, _) | (_, Time { .. }) => return None,
        _ => {}
    }
    // Same footing: both resolved to days (ranges overlap = agree).
    if let (Some((a0, a1)), Some((b0, b1))) = (a.days, b.days) {
        let year_only = |v: &DateValue| matches!(v, Year { .. });
        // "in 2025" and "Nov. 26, 2025" are not the same kind of claim: only compare a year
        // with a year, and a day or week with a day or week.
        if year_only(&a.value) != year_only(&b.value) {
            return None;
        }
        return Some(a0 <= b1 && b0 <= a1);
    }
    match (&a.value, &b.value) {
        (
            Day {
                month: m1,
                day: d1,
                year: y1,
            },
            Day {
                month: m2,
                day: d2,
                year: y2,
            },
        ) => Some(m1 == m2 && d1 == d2 && (y1.is_none() || y2.is_none() || y1 == y2)),
        (Month { month: m1, .. }, Month { month: m2, .. }) => Some(m1 == m2),
        (
            Weekday {
                weekday: w1,
                modifier: o1,
            },
            Weekday {
                weekday: w2,
                modifier: o2,
            },
        ) => (o1 == o2).then_some(w1 == w2),
        (Relative { words: x }, Relative { words: y }) if x == y => Some(true),
        (Year { year: x }, Year { year: y }) => Some(x == y),
        _ => None,
    }
}

impl Detector for Date {
    fn name(&self) -> DetectorName {
        DetectorName::Date
    }
    fn signals(&self, l: &Profile, r: &Profile, out: &mut Vec<Signal>) {
        let (ld, rd) = (&l.cues.dates, &r.cues.dates);
        let matched = |a: &DateMention, others: &[DateMention]| {
            others.iter().any(|b| agree(a, b) == Some(true))
        };
        let mut ur: Vec<&DateMention> = rd.iter().filter(|b| !matched(b, ld)).collect();
        for a in ld.iter().filter(|a| !matched(a, rd)) {
            let Some(k) = ur.iter().position(|b| agree(a, b) == Some(false)) else {
                continue;
            };
            let b = ur.remove(k);
            let resolved = if a.days.is_some()
                && b.days.is_some()
                && !matches!(
                    (&a.value, &b.value),
                    (
                        DateValue::Day { year: Some(_), .. },
                        DateValue::Day { year: Some(_), .. }
                    )
                ) {
                " (resolved against the publication dates)"
            } else {
                ""
            };
            out.push(Signal::conflict(
                DetectorName::Date,
                a.raw.as_str(),
                b.raw.as_str(),
                format!(
                    "the dates disagree: '{}' against '{}'{resolved}",
                    a.raw, b.raw
                ),
                format!("date changed: {} → {}", a.raw, b.raw),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(a: &str, b: &str) -> Vec<Signal> {
        let mut out = Vec::new();
        Date.signals(&Profile::new(a), &Profile::new(b), &mut out);
        out
    }

    #[test]
    fn days_of_the_month() {
        let s = sig("They met on Nov. 11.", "They met on Nov. 18.");
        assert_eq!(
            (s[0].left.as_str(), s[0].right.as_str()),
            ("Nov. 11", "Nov. 18")
        );
    }

    #[test]
    fn same_day_written_differently_is_silent() {
        assert!(sig("They met on Nov. 11.", "They met on 11 November.").is_empty());
    }
}
