//! The Snowball English (Porter2) stemmer for words of plain lowercase ASCII letters, giving
//! exactly what `rust_stemmers` gives (the version this crate locks), without its run-time
//! suffix tables and string copies: stemming each distinct word was the largest single cost
//! of profiling a 5,000-word article (docs/performance.md). Words with any other character
//! (digits, hyphens, apostrophes, accents) are left to `rust_stemmers`, as is anything this
//! module was not written for.
//!
//! A port of the generated `snowball/algorithms/english.rs`: the same steps in the same order,
//! each table's longest matching suffix first (a failed condition on it does not fall back to
//! a shorter one). `tests` compare the two on generated words and a word list.

use compact_str::CompactString;

/// Stem of `w` if it is 3 to 63 lowercase ASCII letters; `None` for anything else (ask
/// `rust_stemmers`). Words of one or two letters are their own stem.
pub(crate) fn stem_ascii(w: &str) -> Option<CompactString> {
    let b = w.as_bytes();
    if b.len() >= 64 || !b.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    if let Some(s) = exception1(w) {
        return Some(s.into());
    }
    if b.len() < 3 {
        return Some(w.into());
    }
    let mut s = Stem {
        w: b.to_vec(),
        p1: 0,
        p2: 0,
    };
    let y_found = s.prelude();
    s.mark_regions();
    s.step_1a();
    if !s.exception2() {
        s.step_1b();
        s.step_1c();
        s.step_2();
        s.step_3();
        s.step_4();
        s.step_5();
    }
    if y_found {
        for c in &mut s.w {
            if *c == b'Y' {
                *c = b'y';
            }
        }
    }
    // Only ASCII bytes were written.
    std::str::from_utf8(&s.w).ok().map(CompactString::from)
}

/// Whole words with a fixed stem (or none).
fn exception1(w: &str) -> Option<&str> {
    Some(match w {
        "skis" => "ski",
        "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "idly" => "idl",
        "gently" => "gentl",
        "ugly" => "ugli",
        "early" => "earli",
        "only" => "onli",
        "singly" => "singl",
        "andes" | "atlas" | "bias" | "cosmos" | "howe" | "news" | "sky" => w,
        _ => return None,
    })
}

/// a e i o u y (`Y`, a consonant `y`, is not).
fn vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// One bit per letter that ends a suffix of `table`: a word ending in another letter skips
/// the table.
const fn last_letters<T: Copy>(table: &[(&str, T)]) -> u32 {
    let mut m = 0;
    let mut i = 0;
    while i < table.len() {
        let s = table[i].0.as_bytes();
        m |= 1 << (s[s.len() - 1] - b'a');
        i += 1;
    }
    m
}

const STEP_1A: &[(&str, u8)] = &[
    ("ied", 2),
    ("s", 3),
    ("ies", 2),
    ("sses", 1),
    ("ss", 0),
    ("us", 0),
];
const STEP_1A_LAST: u32 = last_letters(STEP_1A);

const STEP_1B: &[(&str, u8)] = &[
    ("ed", 2),
    ("eed", 1),
    ("ing", 2),
    ("edly", 2),
    ("eedly", 1),
    ("ingly", 2),
];
const STEP_1B_LAST: u32 = last_letters(STEP_1B);

const STEP_2: &[(&str, &str)] = &[
    ("anci", "ance"),
    ("enci", "ence"),
    ("ogi", "og"),
    ("li", ""),
    ("bli", "ble"),
    ("abli", "able"),
    ("alli", "al"),
    ("fulli", "ful"),
    ("lessli", "less"),
    ("ousli", "ous"),
    ("entli", "ent"),
    ("aliti", "al"),
    ("biliti", "ble"),
    ("iviti", "ive"),
    ("tional", "tion"),
    ("ational", "ate"),
    ("alism", "al"),
    ("ation", "ate"),
    ("ization", "ize"),
    ("izer", "ize"),
    ("ator", "ate"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
];
const STEP_2_LAST: u32 = last_letters(STEP_2);

const STEP_3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", "-"),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("tional", "tion"),
    ("ational", "ate"),
    ("ful", ""),
    ("ness", ""),
];
const STEP_3_LAST: u32 = last_letters(STEP_3);

const STEP_4: &[(&str, bool)] = &[
    ("ic", false),
    ("ance", false),
    ("ence", false),
    ("able", false),
    ("ible", false),
    ("ate", false),
    ("ive", false),
    ("ize", false),
    ("iti", false),
    ("al", false),
    ("ism", false),
    ("ion", true),
    ("er", false),
    ("ous", false),
    ("ant", false),
    ("ent", false),
    ("ment", false),
    ("ement", false),
];
const STEP_4_LAST: u32 = last_letters(STEP_4);

struct Stem {
    w: Vec<u8>,
    p1: usize,
    p2: usize,
}

impl Stem {
    fn ends(&self, suffix: &str) -> bool {
        // Last letter first: most suffixes of a table are rejected on it, without a
        // `memcmp` call per suffix.
        let s = suffix.as_bytes();
        s.len() <= self.w.len() && s.iter().rev().zip(self.w.iter().rev()).all(|(a, b)| a == b)
    }

    /// The longest of `table` that ends the word, with its value (`letters`: the table's
    /// `last_letters`).
    fn longest<T: Copy>(&self, table: &[(&str, T)], letters: u32) -> Option<(usize, T)> {
        let w = &self.w[..];
        let last = *w.last()?;
        if !last.is_ascii_lowercase() || letters & (1 << (last - b'a')) == 0 {
            return None;
        }
        let mut best: Option<(usize, T)> = None;
        // A plain loop, last letter first: this runs for every table of every new word.
        for &(s, v) in table {
            let s = s.as_bytes();
            if s[s.len() - 1] != last || s.len() > w.len() {
                continue;
            }
            let at = w.len() - s.len();
            if w[at..] == *s && best.is_none_or(|b| at < b.0) {
                best = Some((at, v));
            }
        }
        best
    }

    fn replace_from(&mut self, at: usize, with: &str) {
        self.w.truncate(at);
        self.w.extend_from_slice(with.as_bytes());
    }

    /// Initial `y` and `y` after a vowel become `Y`; true if any did.
    fn prelude(&mut self) -> bool {
        let mut found = false;
        if self.w[0] == b'y' {
            self.w[0] = b'Y';
            found = true;
        }
        for i in 0..self.w.len() - 1 {
            if vowel(self.w[i]) && self.w[i + 1] == b'y' {
                self.w[i + 1] = b'Y';
                found = true;
            }
        }
        found
    }

    /// R1 and R2: after the first non-vowel that follows a vowel (R1 after "gener", "commun"
    /// or "arsen" when the word starts so).
    fn mark_regions(&mut self) {
        let n = self.w.len();
        let after_vc = |from: usize| -> Option<usize> {
            let v = (from..n).find(|&i| vowel(self.w[i]))?;
            let c = (v + 1..n).find(|&i| !vowel(self.w[i]))?;
            Some(c + 1)
        };
        self.p1 = n;
        self.p2 = n;
        let prefix = ["gener", "commun", "arsen"]
            .iter()
            .find(|p| self.w.starts_with(p.as_bytes()));
        let p1 = match prefix {
            Some(p) => p.len(),
            None => match after_vc(0) {
                Some(p) => p,
                None => return,
            },
        };
        self.p1 = p1;
        if let Some(p) = after_vc(p1) {
            self.p2 = p;
        }
    }

    /// A short syllable ending at `end`: non-vowel, vowel, non-vowel other than w, x, Y; or
    /// vowel, non-vowel at the start of the word.
    fn short_v(&self, end: usize) -> bool {
        let w = &self.w;
        if end >= 3
            && !matches!(
                w[end - 1],
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w' | b'x' | b'Y'
            )
            && vowel(w[end - 2])
            && !vowel(w[end - 3])
        {
            return true;
        }
        end == 2 && !vowel(w[1]) && vowel(w[0])
    }

    fn step_1a(&mut self) {
        let Some((at, v)) = self.longest(STEP_1A, STEP_1A_LAST) else {
            return;
        };
        match v {
            1 => self.replace_from(at, "ss"),
            2 => self.replace_from(at, if at >= 2 { "i" } else { "ie" }),
            // A vowel before the letter that precedes the "s".
            3 if at >= 1 && self.w[..at - 1].iter().any(|&c| vowel(c)) => self.w.truncate(at),
            _ => {}
        }
    }

    /// Whole words that step 1a leaves as they are.
    fn exception2(&self) -> bool {
        matches!(
            &self.w[..],
            b"succeed"
                | b"proceed"
                | b"exceed"
                | b"canning"
                | b"inning"
                | b"earring"
                | b"herring"
                | b"outing"
        )
    }

    fn step_1b(&mut self) {
        let Some((at, v)) = self.longest(STEP_1B, STEP_1B_LAST) else {
            return;
        };
        if v == 1 {
            if at >= self.p1 {
                self.replace_from(at, "ee");
            }
            return;
        }
        if !self.w[..at].iter().any(|&c| vowel(c)) {
            return;
        }
        self.w.truncate(at);
        let n = self.w.len();
        let doubles = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
        if self.ends("at") || self.ends("bl") || self.ends("iz") {
            self.w.push(b'e');
        } else if doubles.iter().any(|d| self.ends(d)) {
            self.w.pop();
        } else if n == self.p1 && self.short_v(n) {
            self.w.push(b'e');
        }
    }

    fn step_1c(&mut self) {
        let n = self.w.len();
        if n >= 3 && matches!(self.w[n - 1], b'y' | b'Y') && !vowel(self.w[n - 2]) {
            self.w[n - 1] = b'i';
        }
    }

    fn step_2(&mut self) {
        let Some((at, v)) = self.longest(STEP_2, STEP_2_LAST) else {
            return;
        };
        if at < self.p1 {
            return;
        }
        match &self.w[at..] {
            b"ogi" => {
                if at >= 1 && self.w[at - 1] == b'l' {
                    self.replace_from(at, v);
                }
            }
            b"li" => {
                if at >= 1
                    && matches!(
                        self.w[at - 1],
                        b'c' | b'd' | b'e' | b'g' | b'h' | b'k' | b'm' | b'n' | b'r' | b't'
                    )
                {
                    self.w.truncate(at);
                }
            }
            _ => self.replace_from(at, v),
        }
    }

    fn step_3(&mut self) {
        let Some((at, v)) = self.longest(STEP_3, STEP_3_LAST) else {
            return;
        };
        if at < self.p1 {
            return;
        }
        if v == "-" {
            if at >= self.p2 {
                self.w.truncate(at);
            }
        } else {
            self.replace_from(at, v);
        }
    }

    fn step_4(&mut self) {
        let Some((at, ion)) = self.longest(STEP_4, STEP_4_LAST) else {
            return;
        };
        if at < self.p2 {
            return;
        }
        if !ion || (at >= 1 && matches!(self.w[at - 1], b's' | b't')) {
            self.w.truncate(at);
        }
    }

    fn step_5(&mut self) {
        let Some(at) = self.w.len().checked_sub(1) else {
            return;
        };
        match self.w[at] {
            b'e' if at >= self.p2 || (at >= self.p1 && !self.short_v(at)) => self.w.truncate(at),
            b'l' if at >= self.p2 && at >= 1 && self.w[at - 1] == b'l' => self.w.truncate(at),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rust_stemmers::{Algorithm, Stemmer};

    fn snowball(w: &str) -> String {
        Stemmer::create(Algorithm::English).stem(w).into_owned()
    }

    #[test]
    fn same_as_rust_stemmers_on_words() {
        let words = "a as is us ss bus gas was yes caresses ponies ties cries tied cried \
            agreed feed proceed proceeds succeeding exceeded innings outing herrings \
            hopping hoped hoping filing failing fizzed luxuriated sized conflated \
            troubled troubling happy sky skies dying lying yelling yellow saying played \
            relational conditional rational valenci hesitanci digitizer conformabli \
            radicalli differentli vileli analogousli vietnamization predication operator \
            feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti \
            triplicate formative formalize electriciti electrical hopeful goodness revival \
            allowance inference airliner gyroscopic adjustable defensible irritant replacement \
            adjustment dependent adoption homologou communism activate angulariti homologous \
            effective bowdlerize generate generously general communication arsenal arsenic \
            probate rate cease controll roll news atlas cosmos bias andes howe only early \
            gently ugly idly singly tying skis sky said says crying enjoying syzygy yyy ayy \
            militias government ministries reportedly allegedly sudani kurdistan disarm \
            agreement agreements requirement generously emphasized eed ied ies ing ed ly";
        for w in words.split_whitespace() {
            assert_eq!(
                super::stem_ascii(w).as_deref(),
                Some(snowball(w).as_str()),
                "{w}"
            );
        }
    }

    #[test]
    fn other_characters_are_left_to_rust_stemmers() {
        for w in ["al-sudani", "don't", "3d", "café", "US"] {
            assert_eq!(super::stem_ascii(w), None, "{w}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]
        #[test]
        fn same_as_rust_stemmers_on_generated_words(
            w in "(gener|commun|arsen|y)?[a-z]{0,5}[aeiouy]?[bcdlmnprstyz]{0,2}(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi|fulli|lessli|icate|ative|alize|iciti|ical|ful|ness|al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ism|ate|iti|ous|ive|ize|sion|tion|e|l|ll|y)?(s|es|ies|ied|ed|eed|ing|ingly|edly|eedly|ly|ss|us|sses)?"
        ) {
            let (ours, theirs) = (super::stem_ascii(&w), snowball(&w));
            prop_assert_eq!(ours.as_deref(), Some(theirs.as_str()), "{}", w);
        }
    }
}
