//! Rule-based English sentence boundaries inside one block, on byte offsets.
//!
//! Why our own rules: ../shared/CRATES.md §1 measured UAX#29 and the available crates
//! breaking "U.S. | Embassy", "Seth J. | Frantzman" and "Lt. | Gen.". The rules here:
//! a boundary is `.`, `!`, `?` or `…`, plus any closing quotes and brackets, followed by
//! whitespace and a plausible sentence start; abbreviations, initials and numbers veto it.

use crate::document::Span;

/// Titles and honorifics: never a sentence end ("Lt. Gen. Smith", "Dr. Ali").
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "cmdr", "cdr", "sen", "rep", "gov", "pres", "rev", "fr", "hon", "amb", "atty", "supt",
    "insp", "st", "mt", "ft", "messrs", "mme", "sr", "jr",
];

/// Abbreviations that do not end a sentence when a number follows ("Oct. 21", "No. 2", "p. 14").
const BEFORE_NUMBER: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "p", "pp", "vol", "art", "sec", "fig", "ch", "approx", "ca", "nr", "op", "tel",
];

// Month abbreviations are absent from SOFT on purpose: before a number they never end a
// sentence ("Oct. 21"), and before a capitalised word they almost always do ("The vote was
// held in Oct. Turnout was 41%.", fixtures/segment/more-abbreviations.txt).

/// Abbreviations that end a sentence only before a clear sentence starter
/// ("Acme Inc. It said" breaks, "Acme Inc. shares" does not).
const SOFT: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "etc", "al", "vs", "v", "est", "dept",
    "univ", "assn", "govt", "intl", "approx", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "no",
];

/// Words that clearly start a sentence after an ambiguous abbreviation ("in the U.S. The talks").
const STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "in",
    "on",
    "at",
    "for",
    "his",
    "her",
    "their",
    "its",
    "our",
    "there",
    "officials",
    "critics",
    "meanwhile",
    "however",
    "after",
    "before",
    "when",
    "while",
    "as",
    "if",
    "some",
    "many",
    "both",
    "no",
    "not",
    "one",
    "two",
    "three",
    "what",
    "why",
    "how",
];

/// Splits one block into sentence spans (relative to `block`, untrimmed, covering it whole).
///
/// `"The U.S. urged Iraq to act. Baghdad agreed."` →
/// `["The U.S. urged Iraq to act. ", "Baghdad agreed."]`
pub fn split_sentences(block: &str) -> Vec<Span> {
    let bytes = block.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < block.len() {
        let c = match block[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let clen = c.len_utf8();
        if matches!(c, '.' | '!' | '?' | '…' | '؟' | '。' | '！' | '？') {
            // Extend over repeated terminators and closing quotes/brackets.
            let mut end = i + clen;
            while let Some(n) = block[end..].chars().next() {
                if matches!(
                    n,
                    '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '»'
                ) {
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
            // Must be followed by whitespace, then a plausible start.
            let rest = &block[end..];
            let ws = rest.len() - rest.trim_start().len();
            // CJK full stops are not followed by a space.
            let spaceless = matches!(c, '。' | '！' | '？');
            if (ws > 0 || spaceless) && ws < rest.len() {
                let next_start = end + ws;
                // A list marker ("1. The government ...") opens its sentence, not ends one.
                let list_marker = is_list_marker(block[start..end].trim());
                if !list_marker && is_boundary(block, i, c, next_start) {
                    out.push(Span::new(start, next_start));
                    start = next_start;
                }
            }
            i = end;
            continue;
        }
        i += clen;
    }
    if start < bytes.len() || out.is_empty() {
        out.push(Span::new(start, bytes.len()));
    }
    out
}

/// Decides whether the terminator `c` at byte `at` ends a sentence that is followed by the
/// text starting at `next`.
fn is_boundary(block: &str, at: usize, c: char, next: usize) -> bool {
    let following = &block[next..];
    let first = following.chars().next().unwrap_or(' ');
    let next_word = first_word(following);
    // A capital, or a letter of a script without case (Arabic, Chinese, ...).
    let starts_upper = (first.is_alphabetic() && !first.is_lowercase())
        || first.is_ascii_digit()
        || matches!(
            first,
            '"' | '“' | '‘' | '\'' | '(' | '[' | '¿' | '¡' | '-' | '—' | '–'
        )
        || (!first.is_alphabetic() && !first.is_ascii_punctuation() && !first.is_numeric());
    if !starts_upper {
        return false;
    }
    if c != '.' {
        return true;
    }
    // The word that the period closes, e.g. "Gen" in "Lt. Gen." or "U.S" in "U.S.".
    let before = &block[..at];
    let word_start = before
        .rfind(|ch: char| ch.is_whitespace() || matches!(ch, '(' | '"' | '“' | '\'' | '‘' | '['))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let next_lower = next_word.to_lowercase();
    let next_is_number = first.is_ascii_digit();
    let clear_starter = STARTERS.contains(&next_lower.as_str());

    // A single capital letter is an initial: "Seth J. Frantzman", "George W. Bush".
    let mut chars = word.chars();
    if let (Some(ch), None) = (chars.next(), chars.next())
        && ch.is_uppercase()
    {
        return false;
    }
    if HONORIFICS.contains(&lower.as_str()) {
        return false;
    }
    if next_is_number && BEFORE_NUMBER.contains(&lower.as_str()) {
        return false;
    }
    // Dotted initialisms: "U.S", "a.m", "D.C", "U.N".
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic));
    if dotted || SOFT.contains(&lower.as_str()) {
        return clear_starter;
    }
    true
}

/// `"1."`, `"12."`: a numbered-list marker with nothing before it in its sentence.
fn is_list_marker(s: &str) -> bool {
    s.strip_suffix('.')
        .is_some_and(|n| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The first run of letters of `s` ("The talks" → "The").
fn first_word(s: &str) -> &str {
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t)
            .iter()
            .map(|s| t[s.start..s.end].trim())
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        for t in [
            "The U.S. Embassy in Baghdad said so.",
            "Lt. Gen. Smith arrived on Oct. 21 at 9 a.m. Tuesday.",
            "It cost $3.5 billion, the No. 2 official said.",
            "Seth J. Frantzman wrote it.",
            "See https://example.com/a.b?x=1 for details.",
        ] {
            assert_eq!(split(t), [t], "{t}");
        }
    }

    #[test]
    fn breaks_after_closing_quote() {
        assert_eq!(
            split("He said “we agree.” The talks ended."),
            ["He said “we agree.”", "The talks ended."]
        );
    }

    #[test]
    fn initialism_before_clear_starter_breaks() {
        assert_eq!(
            split("Talks were held in the U.S. The sides agreed."),
            ["Talks were held in the U.S.", "The sides agreed."]
        );
    }

    #[test]
    fn list_markers_stay_with_their_item() {
        assert_eq!(
            split("It has two parts. 1. The state pays. 2. Erbil exports oil. It ends in 2025."),
            [
                "It has two parts.",
                "1. The state pays.",
                "2. Erbil exports oil.",
                "It ends in 2025."
            ]
        );
    }

    #[test]
    fn scripts_without_case() {
        assert_eq!(
            split("قال رئيس الوزراء إن الحكومة ملتزمة. وأضاف أن الانتخابات في موعدها؟ نعم."),
            [
                "قال رئيس الوزراء إن الحكومة ملتزمة.",
                "وأضاف أن الانتخابات في موعدها؟",
                "نعم."
            ]
        );
        assert_eq!(
            split("会谈结束了。双方同意再次会面！"),
            ["会谈结束了。", "双方同意再次会面！"]
        );
    }

    #[test]
    fn question_and_exclamation() {
        assert_eq!(
            split("Why now? Nobody knows! Fine."),
            ["Why now?", "Nobody knows!", "Fine."]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            split("He arrived at 5 p.m. and left."),
            ["He arrived at 5 p.m. and left."]
        );
    }
}
