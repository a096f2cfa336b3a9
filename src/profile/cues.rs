//! The cues of one statement that the detectors compare: speech verbs and speaker, hedges,
//! intensity words, polarity words, quotes, numbers with their bounds, dates, named
//! entities, generic phrases and loaded terms. Extracted once per statement with a
//! `Lexicon`, so that a detector only compares two ready-made `Cues`.

use serde::Serialize;

use super::dates::{DateMention, DayNumber, extract_dates};
use super::numbers::NumberMention;
use super::tokens::{Token, TokenKind, is_stopword};
use crate::detect::lexicon::{Charge, Lexicon, Tone};
use crate::document::Span;

/// A speech verb ("urged").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeechCue {
    /// Lexicon lemma ("urge").
    pub lemma: String,
    /// As written ("urged").
    pub surface: String,
    /// Its tone.
    pub tone: Tone,
}

/// Who a statement says is speaking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// He, she, they: refers back, identity unknown here.
    Pronoun,
    /// A name ("Rubio", "Secretary Rubio", "the Pentagon").
    Named,
    /// Unnamed sources or officials.
    Anonymous,
    /// A role or body without a name ("the ministry", "the Secretary").
    Generic,
}

/// The speaker of a statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    /// As written ("The Prime Minister", "regional officials").
    pub surface: String,
    /// Folded content words ("prime", "minister").
    pub key: Vec<String>,
    /// Canonical entities named in it.
    pub entities: Vec<String>,
    /// What kind of speaker.
    pub kind: SpeakerKind,
    /// Found through "according to".
    pub according_to: bool,
}

/// A word of an intensity scale ("demanded": scale `demand`, level 3).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IntensityCue {
    /// Scale name.
    pub scale: String,
    /// Level, 0 = weakest.
    pub level: usize,
    /// As written.
    pub surface: String,
}

/// A direct quote.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteCue {
    /// The quoted words as written, without the marks.
    pub surface: String,
    /// Folded words joined by spaces: equal for "curly" and "straight" quoting.
    pub key: String,
    /// Sorted content stems.
    pub stems: Vec<String>,
}

/// A number with the bounds its qualifier allows ("about 240,000" → 216,000..264,000).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NumberCue {
    /// As written, qualifier included ("nearly 1,000", "200 to 300").
    pub raw: String,
    /// The figure alone, without its qualifier ("1,000", "$25 million").
    pub figure: String,
    /// The stated value (the low end of a range).
    pub value: f64,
    /// Lowest value compatible with the wording.
    pub low: f64,
    /// Highest value compatible with the wording.
    pub high: f64,
    /// `"$"`, `"%"` or `""`.
    pub unit: String,
    /// The qualifier ("about", "nearly", "more than"), if any.
    pub qualifier: Option<String>,
    /// Stem of the noun it counts ("worker"), if one follows.
    pub noun: Option<String>,
    /// Byte span relative to the statement.
    pub span: Span,
}

/// A named entity from the lexicon.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityCue {
    /// Canonical name ("Kataib Hezbollah").
    pub canonical: String,
    /// Its kind ("group").
    pub kind: String,
    /// As written ("Kata'ib Hezbollah").
    pub surface: String,
    /// Describes a following title rather than naming someone ("US" in "US Secretary").
    pub descriptor: bool,
}

/// A capitalised name the lexicon does not know ("Khor Mor").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NameCue {
    /// Folded words, "al-" dropped ("khor", "mor").
    pub key: Vec<String>,
    /// As written.
    pub surface: String,
    /// Followed by a title ("Iraqi Prime Minister").
    pub descriptor: bool,
}

/// A generic phrase that may stand for a named entity ("fighters").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GenericCue {
    /// As written.
    pub surface: String,
    /// Folded words joined by spaces.
    pub key: String,
    /// Entity kinds it may stand for.
    pub kinds: Vec<String>,
}

/// A term with an evaluative charge for a referent ("militias" for `armed_groups`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoadedCue {
    /// Referent name.
    pub referent: String,
    /// Its charge.
    pub charge: Charge,
    /// As written.
    pub surface: String,
    /// Folded words joined by spaces.
    pub key: String,
}

/// Everything the detectors compare about one statement.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cues {
    /// Speech verbs, in order.
    pub speech: Vec<SpeechCue>,
    /// The speaker, if the statement attributes itself.
    pub speaker: Option<Speaker>,
    /// Hedges, folded ("reportedly", "is expected to"), in order.
    pub hedges: Vec<String>,
    /// Intensity words.
    pub intensity: Vec<IntensityCue>,
    /// Negators and denying words, as written, in order.
    pub negations: Vec<String>,
    /// Affirming counterparts of denying words ("admitted"), as written.
    pub affirmations: Vec<String>,
    /// Direct quotes.
    pub quotes: Vec<QuoteCue>,
    /// Numbers (dates and times excluded), ranges merged.
    pub numbers: Vec<NumberCue>,
    /// Dates and times.
    pub dates: Vec<DateMention>,
    /// Named entities from the lexicon.
    pub entities: Vec<EntityCue>,
    /// Other capitalised names.
    pub names: Vec<NameCue>,
    /// Generic phrases.
    pub generics: Vec<GenericCue>,
    /// Loaded terms.
    pub loaded: Vec<LoadedCue>,
    /// Sorted folded words ("al-" dropped): to ask whether a name occurs at all. Inline
    /// strings: one per word of every statement, a heap allocation each as `String`s.
    pub vocab: Vec<compact_str::CompactString>,
    /// A title-case line without final punctuation (a headline): names in it summarise.
    pub headline: bool,
}

impl Cues {
    /// True if the folded word occurs in the statement.
    pub fn has_word(&self, w: &str) -> bool {
        self.vocab.binary_search_by(|x| x.as_str().cmp(w)).is_ok()
    }
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// "al-Sudani" → "sudani".
fn strip_al(w: &str) -> &str {
    w.strip_prefix("al-")
        .or_else(|| w.strip_prefix("el-"))
        .unwrap_or(w)
}

fn words_key(toks: &[Token]) -> String {
    toks.iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| t.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Extracts the cues of a statement from its tokens and numbers.
pub fn extract(
    text: &str,
    tokens: &[Token],
    numbers: &[NumberMention],
    lex: &Lexicon,
    doc_date: Option<DayNumber>,
) -> Cues {
    let raw = |a: usize, b: usize| &text[tokens[a].span.start..tokens[b - 1].span.end];
    // Each token looked up in the lexicon once; the matchers below compare word ids.
    let view = lex.view(text, tokens);
    let mut cues = Cues::default();
    let n = tokens.len();
    // Tokens claimed by an entity, a generic or a loaded term are not names or verbs.
    // On the stack for the usual statement (a zeroed allocation each was a visible share).
    let (mut claimed_stack, mut claimed_heap) = ([false; FLAGS_ON_STACK], Vec::new());
    let claimed = flags(&mut claimed_stack, &mut claimed_heap, n);

    // Sentence-initial positions: the first word, and the first after an opening mark.
    let initial = |i: usize| -> bool {
        tokens[..i].last().is_none_or(|p| {
            p.kind == TokenKind::Punct && matches!(p.norm.as_str(), "\"" | ":" | "-" | "(" | "'")
        })
    };

    // Headline: no final punctuation and most longer words capitalised.
    let last = tokens
        .iter()
        .rev()
        .find(|t| t.kind != TokenKind::Punct || !matches!(t.norm.as_str(), ")" | "\"" | "'"));
    let ends = last.is_some_and(|t| matches!(t.norm.as_str(), "." | "!" | "?" | ":"));
    let (long, long_caps) = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !t.stop && t.norm.len() > 3)
        .fold((0, 0), |(n, c), t| (n + 1, c + usize::from(t.capitalized)));
    cues.headline = !ends && long > 0 && long_caps * 5 >= long * 3;

    // Entities (lexicon), then generics and loaded terms.
    for m in lex.entity_phrases.scan(&view) {
        let (canonical, kind) = &lex.entities[*m.value];
        let next = (m.end..n).find(|&k| tokens[k].kind != TokenKind::Punct);
        let descriptor = next.is_some_and(|k| tokens[k].capitalized && lex.is_title(view.id(k)))
            && tokens
                .get(m.end)
                .is_some_and(|t| t.kind != TokenKind::Punct);
        cues.entities.push(EntityCue {
            canonical: canonical.clone(),
            kind: kind.clone(),
            surface: strip_possessive(raw(m.start, m.end)).to_string(),
            descriptor,
        });
        claimed[m.start..m.end].iter_mut().for_each(|c| *c = true);
    }
    // "Iran-backed", "US-led": the entity is mentioned, as a modifier.
    for t in tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && has_hyphen(&t.norm))
    {
        for part in t.norm.split('-') {
            // A part on its own: not in capitals, so only lower-case variants match.
            if let Some(&e) = lex.entity_phrases.single(lex.word_id(part)) {
                let (canonical, kind) = &lex.entities[e];
                cues.entities.push(EntityCue {
                    canonical: canonical.clone(),
                    kind: kind.clone(),
                    surface: text[t.span.start..t.span.end].to_string(),
                    descriptor: true,
                });
            }
        }
    }
    for m in lex.generics.scan(&view) {
        cues.generics.push(GenericCue {
            surface: raw(m.start, m.end).to_string(),
            key: words_key(&tokens[m.start..m.end]),
            kinds: m.value.clone(),
        });
    }
    for m in lex.loaded.scan(&view) {
        let (ri, charge) = *m.value;
        cues.loaded.push(LoadedCue {
            referent: lex.referents[ri].clone(),
            charge,
            surface: raw(m.start, m.end).to_string(),
            key: words_key(&tokens[m.start..m.end]),
        });
    }

    // Speech verbs: not inside a name ("United States"), not a noun after a determiner
    // ("the claims", "a warning").
    let mut verb_at = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || claimed[i] {
            continue;
        }
        let Some((lemma, tone)) = lex.verb(view.id(i)) else {
            continue;
        };
        let prev = tokens[..i]
            .iter()
            .rev()
            .find(|p| p.kind != TokenKind::Punct);
        if prev.is_some_and(|p| DETERMINERS.contains(&p.norm.as_str())) {
            continue;
        }
        if t.capitalized && !initial(i) {
            continue;
        }
        verb_at.push(i);
        cues.speech.push(SpeechCue {
            lemma: lemma.to_string(),
            surface: text[t.span.start..t.span.end].to_string(),
            tone,
        });
    }

    // Hedges ("may" before a number or capitalised mid-sentence is the month).
    for m in lex.hedges.scan(&view) {
        let t = &tokens[m.start];
        if t.norm == "may"
            && (t.capitalized && !initial(m.start)
                || tokens
                    .get(m.end)
                    .is_some_and(|n| n.kind == TokenKind::Number))
        {
            continue;
        }
        cues.hedges.push(words_key(&tokens[m.start..m.end]));
    }

    for m in lex.intensity.scan(&view) {
        let (si, level) = *m.value;
        cues.intensity.push(IntensityCue {
            scale: lex.scales[si].clone(),
            level,
            surface: raw(m.start, m.end).to_string(),
        });
    }

    // Polarity.
    let (mut ignored_stack, mut ignored_heap) = ([false; FLAGS_ON_STACK], Vec::new());
    let ignored = flags(&mut ignored_stack, &mut ignored_heap, n);
    for m in lex.neg_ignore.scan(&view) {
        ignored[m.start..m.end].iter_mut().for_each(|c| *c = true);
    }
    let negative = lex.negative.scan(&view);
    let positive = lex.positive.scan(&view);
    let mut neg: Vec<(usize, String)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if !ignored[i] && t.kind == TokenKind::Word && lex.is_negator(view.id(i)) {
            neg.push((i, text[t.span.start..t.span.end].to_string()));
        }
    }
    for m in &negative {
        neg.push((m.start, raw(m.start, m.end).to_string()));
    }
    neg.sort_by_key(|x| x.0);
    cues.negations = neg.into_iter().map(|x| x.1).collect();
    cues.affirmations = positive
        .iter()
        .map(|m| raw(m.start, m.end).to_string())
        .collect();

    cues.quotes = quotes(text);
    cues.dates = extract_dates(text, tokens, doc_date);
    cues.numbers = number_cues(text, tokens, numbers, &cues.dates);

    // Names the lexicon does not know: runs of capitalised words, titles and
    // sentence-initial words excluded.
    let mut i = 0;
    while i < n {
        let t = &tokens[i];
        let is_name = |j: usize| {
            let t = &tokens[j];
            // "al-Hakim" is a capitalised name part.
            let cap = || {
                t.capitalized
                    || (t.norm.starts_with("al-")
                        && text[t.span.start..t.span.end]
                            .chars()
                            .nth(3)
                            .is_some_and(char::is_uppercase))
            };
            // The flags first: they reject most tokens before the word is read.
            t.kind == TokenKind::Word
                && !t.stop
                && !claimed[j]
                && cap()
                && !lex.is_title(view.id(j))
                && !lex.is_anonymous(view.id(j))
                && lex.verb(view.id(j)).is_none()
                && !is_calendar_word(&t.norm)
        };
        if !is_name(i) || initial(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && is_name(i) {
            i += 1;
        }
        let _ = t;
        // "US-led" → "us", "led": a part found on the other side counts as the name.
        let key: Vec<String> = tokens[start..i]
            .iter()
            .flat_map(|t| strip_al(&t.norm).split('-'))
            .filter(|w| w.len() > 1 && !is_stopword(w))
            .map(str::to_string)
            .collect();
        let descriptor = tokens
            .get(i)
            .is_some_and(|t| t.capitalized && lex.is_title(view.id(i)));
        cues.names.push(NameCue {
            key,
            surface: strip_possessive(raw(start, i)).to_string(),
            descriptor,
        });
    }

    cues.speaker = speaker(text, tokens, &verb_at, lex, &view, &cues.entities);

    // Each word with the parts of a hyphenated one, keyed by its first eight bytes so that
    // the sort compares integers and calls `memcmp` only on ties; copied once deduplicated.
    let mut vocab: Vec<(u64, &str)> = Vec::with_capacity(n + 4);
    for t in tokens.iter().filter(|t| t.kind != TokenKind::Punct) {
        let w = strip_al(&t.norm);
        vocab.push((prefix_key(w), w));
        if has_hyphen(w) {
            vocab.extend(w.split('-').map(|p| (prefix_key(p), p)));
        }
    }
    // Equal elements are equal strings: the unstable sort gives the stable sort's order.
    vocab.sort_unstable();
    vocab.dedup_by(|a, b| a.1 == b.1);
    cues.vocab = vocab
        .into_iter()
        .map(|(_, w)| compact_str::CompactString::from(w))
        .collect();
    cues
}

/// The first eight bytes of `w`, big-endian, zero-padded: ordering by it, then by the string,
/// is the strings' order (a shorter string that is a prefix pads with zeros and sorts first).
fn prefix_key(w: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = w.len().min(8);
    b[..n].copy_from_slice(&w.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

/// Token count up to which `extract`'s per-token flags live on the stack.
const FLAGS_ON_STACK: usize = 128;

/// `n` flags, all false: in `stack` when they fit, else in `heap`.
fn flags<'a>(
    stack: &'a mut [bool; FLAGS_ON_STACK],
    heap: &'a mut Vec<bool>,
    n: usize,
) -> &'a mut [bool] {
    if n <= FLAGS_ON_STACK {
        &mut stack[..n]
    } else {
        *heap = vec![false; n];
        heap
    }
}

/// True if the word holds a hyphen. A plain loop: words are short, and `contains` on a byte
/// slice calls `memchr` out of line, which cost more than the scan for every token.
#[inline]
pub(crate) fn has_hyphen(w: &str) -> bool {
    w.bytes().any(|b| b == b'-')
}

/// "Tehran’s" → "Tehran".
fn strip_possessive(s: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(x) = s.strip_suffix(suffix)
            && !x.is_empty()
        {
            return x;
        }
    }
    s
}

/// A weekday or month name or abbreviation ("Tuesday", "Oct"): the date tables decide.
fn is_calendar_word(w: &str) -> bool {
    super::dates::month_of(w).is_some() || super::dates::weekday_of(w).is_some()
}

/// The speaker: "according to X", else the subject of the first speech verb ("The Prime
/// Minister said"), else the words after it (", said the spokesman").
fn speaker(
    text: &str,
    tokens: &[Token],
    verbs: &[usize],
    lex: &Lexicon,
    view: &crate::detect::lexicon::TokenView<'_>,
    entities: &[EntityCue],
) -> Option<Speaker> {
    let n = tokens.len();
    let mut span: Option<(usize, usize)> = None;
    let mut according_to = false;
    for i in 0..n.saturating_sub(1) {
        if tokens[i].norm == "according" && tokens[i + 1].norm == "to" {
            let mut j = i + 2;
            while j < n && tokens[j].kind != TokenKind::Punct && j < i + 12 {
                j += 1;
            }
            if j > i + 2 {
                span = Some((i + 2, j));
                according_to = true;
                break;
            }
        }
    }
    // A participle ("..., urging the government to act") names no speaker.
    let finite = verbs
        .iter()
        .copied()
        .find(|&v| !tokens[v].norm.ends_with("ing"));
    if span.is_none()
        && let Some(v) = finite
    {
        let mut collected = Vec::new();
        let mut j = v;
        while j > 0 {
            j -= 1;
            let t = &tokens[j];
            if t.kind == TokenKind::Punct || matches!(t.norm.as_str(), "that" | "who" | "which") {
                break;
            }
            let adverb = t.norm.ends_with("ly")
                || matches!(
                    t.norm.as_str(),
                    "also"
                        | "again"
                        | "later"
                        | "then"
                        | "has"
                        | "have"
                        | "had"
                        | "was"
                        | "is"
                        | "were"
                        | "will"
                        | "would"
                        | "once"
                        | "may"
                        | "might"
                        | "could"
                );
            if collected.is_empty() && adverb {
                continue;
            }
            collected.push(j);
            if collected.len() >= 6 {
                break;
            }
        }
        if let (Some(&last), Some(&first)) = (collected.first(), collected.last()) {
            span = Some((first, last + 1));
        } else {
            // Inverted: "..., said the spokesman." (a short phrase that ends the sentence).
            let mut j = v + 1;
            while j < n && tokens[j].kind != TokenKind::Punct && j < v + 6 {
                j += 1;
            }
            let ends = j == n || matches!(tokens[j].norm.as_str(), "." | "!" | "?");
            if j > v + 1 && ends {
                span = Some((v + 1, j));
            }
        }
    }
    let (a, b) = span?;
    let toks = &tokens[a..b];
    let key: Vec<String> = toks
        .iter()
        .filter(|t| !t.stop && !DETERMINERS.contains(&t.norm.as_str()))
        .map(|t| strip_al(&t.norm).to_string())
        .collect();
    let start = tokens[a].span.start;
    let end = tokens[b - 1].span.end;
    let ents: Vec<String> = entities
        .iter()
        .filter(|e| {
            let s = &e.surface;
            text[start..end].contains(s.as_str())
        })
        .map(|e| e.canonical.clone())
        .collect();
    let pronoun = key.is_empty() && toks.iter().any(|t| PRONOUNS.contains(&t.norm.as_str()));
    let named = !ents.is_empty()
        || toks.iter().enumerate().any(|(k, t)| {
            t.capitalized
                && t.kind == TokenKind::Word
                && !t.stop
                && !DETERMINERS.contains(&t.norm.as_str())
                && !lex.is_title(view.id(a + k))
                && !lex.is_anonymous(view.id(a + k))
                && a + k != 0
        });
    let anonymous = key.iter().any(|w| lex.is_anonymous(lex.word_id(w)));
    let kind = if pronoun {
        SpeakerKind::Pronoun
    } else if named {
        SpeakerKind::Named
    } else if anonymous {
        SpeakerKind::Anonymous
    } else {
        SpeakerKind::Generic
    };
    if key.is_empty() && !pronoun {
        return None;
    }
    Some(Speaker {
        surface: text[start..end].to_string(),
        key,
        entities: ents,
        kind,
        according_to,
    })
}

/// Direct quotes between double quotation marks (straight, curly or guillemets).
///
/// `He said “we are ready”.` → one quote `we are ready`.
fn quotes(text: &str) -> Vec<QuoteCue> {
    const MARKS: &[char] = &['"', '“', '”', '«', '»', '„'];
    let mut out = Vec::new();
    // Most statements quote nothing: no '"' and no lead byte of the other marks (U+00AB,
    // U+00BB start with 0xC2, the curly ones with 0xE2) means no quote at all.
    // ASCII text (nearly all) holds no such lead byte: then `is_ascii` and `contains`, which
    // read a word at a time, answer for less than the byte loop.
    if text.is_ascii() && !text.contains('"')
        || !text.bytes().any(|b| matches!(b, b'"' | 0xC2 | 0xE2))
    {
        return out;
    }
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if !MARKS.contains(&c) {
            continue;
        }
        match open {
            None => open = Some(i + c.len_utf8()),
            Some(s) => {
                let inner = text[s..i].trim();
                let toks = super::tokenize(inner);
                let words: Vec<&Token> =
                    toks.iter().filter(|t| t.kind != TokenKind::Punct).collect();
                if !words.is_empty() {
                    let mut stems: Vec<String> = words
                        .iter()
                        .filter(|t| !t.stop)
                        .map(|t| String::from(t.stem.as_str()))
                        .collect();
                    stems.sort();
                    stems.dedup();
                    out.push(QuoteCue {
                        surface: inner.trim_end_matches([',', '.']).to_string(),
                        key: words
                            .iter()
                            .map(|t| t.norm.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                        stems,
                    });
                }
                open = None;
            }
        }
    }
    out
}

/// Qualifier words before a number and the bounds they allow, as (lower, upper) factors.
fn qualifier(before: &[&str]) -> Option<(&'static str, f64, f64)> {
    let last2 = before
        .iter()
        .rev()
        .take(2)
        .rev()
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let last1 = before.last().copied().unwrap_or("");
    const EPS: f64 = 1e-9;
    for (phrase, name, lo, hi) in [
        ("more than", "more than", 1.0 + EPS, f64::INFINITY),
        ("at least", "at least", 1.0, f64::INFINITY),
        ("upwards of", "upwards of", 1.0, f64::INFINITY),
        ("less than", "less than", 0.0, 1.0 - EPS),
        ("fewer than", "fewer than", 0.0, 1.0 - EPS),
        ("up to", "up to", 0.0, 1.0),
        ("at most", "at most", 0.0, 1.0),
        ("an estimated", "an estimated", 0.9, 1.1),
    ] {
        if last2 == phrase {
            return Some((name, lo, hi));
        }
    }
    Some(match last1 {
        "about" | "around" | "approximately" | "roughly" | "some" | "estimated" => {
            (static_word(last1), 0.9, 1.1)
        }
        "nearly" | "almost" => (static_word(last1), 0.85, 1.0 - EPS),
        "over" | "above" => (static_word(last1), 1.0 + EPS, f64::INFINITY),
        "under" | "below" => (static_word(last1), 0.0, 1.0 - EPS),
        _ => return None,
    })
}

fn static_word(w: &str) -> &'static str {
    [
        "about",
        "around",
        "approximately",
        "roughly",
        "some",
        "estimated",
        "nearly",
        "almost",
        "over",
        "above",
        "under",
        "below",
    ]
    .into_iter()
    .find(|x| *x == w)
    .unwrap_or("about")
}

/// Numbers with bounds and nouns; date and time numbers dropped; "200 to 300" merged.
fn number_cues(
    text: &str,
    tokens: &[Token],
    numbers: &[NumberMention],
    dates: &[DateMention],
) -> Vec<NumberCue> {
    let tok_at = |pos: usize| tokens.iter().position(|t| t.span.start >= pos);
    let mut out: Vec<NumberCue> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for m in numbers {
        if dates
            .iter()
            .any(|d| d.span.start < m.span.end && m.span.start < d.span.end)
        {
            continue;
        }
        let first = tok_at(m.span.start).unwrap_or(0);
        let before: Vec<&str> = tokens[..first]
            .iter()
            .rev()
            .take(2)
            .rev()
            .map(|t| t.norm.as_str())
            .collect();
        let after = tok_at(m.span.end);
        let noun = after
            .map(|i| &tokens[i])
            // A word token's `stop` is `is_stopword(norm)` and its `stem` is `stem(norm)`.
            .filter(|t| t.kind == TokenKind::Word && !t.stop)
            .map(|t| String::from(t.stem.as_str()));
        // A range: the previous number, then "to", "-" or "and" (after "between"), then this.
        if let (Some(pe), Some(last)) = (prev_end, out.last_mut()) {
            let gap: Vec<&str> = tokens
                .iter()
                .filter(|t| t.span.start >= pe && t.span.end <= m.span.start)
                .map(|t| t.norm.as_str())
                .collect();
            let joins = matches!(gap.as_slice(), ["to"] | ["-"])
                || (gap == ["and"]
                    && text[..last.span.start]
                        .trim_end()
                        .to_lowercase()
                        .ends_with("between"));
            if joins && last.qualifier.is_none() && m.value > last.value {
                last.high = m.value;
                last.raw = text[last.span.start..m.span.end].to_string();
                last.figure = last.raw.clone();
                last.span = Span::new(last.span.start, m.span.end);
                if last.unit.is_empty() {
                    last.unit = m.unit.clone();
                }
                last.noun = noun;
                prev_end = None;
                continue;
            }
        }
        let q = qualifier(&before);
        let (low, high) = q.map_or((m.value, m.value), |(_, lo, hi)| {
            (m.value * lo, m.value * hi)
        });
        let start = if q.is_some() {
            let k = if q.is_some_and(|x| x.0.contains(' ')) {
                2
            } else {
                1
            };
            tokens[first - k].span.start
        } else {
            m.span.start
        };
        out.push(NumberCue {
            raw: text[start..m.span.end].to_string(),
            figure: m.raw.clone(),
            value: m.value,
            low,
            high,
            unit: m.unit.clone(),
            qualifier: q.map(|x| x.0.to_string()),
            noun,
            span: Span::new(start, m.span.end),
        });
        prev_end = Some(m.span.end);
    }
    // "200-300" is one word token.
    for t in tokens {
        if t.kind != TokenKind::Word {
            continue;
        }
        if !has_hyphen(&t.norm) {
            continue;
        }
        if let Some((a, b)) = t.norm.split_once('-')
            && let (Ok(a), Ok(b)) = (
                a.replace(',', "").parse::<f64>(),
                b.replace(',', "").parse::<f64>(),
            )
            && a < b
        {
            out.push(NumberCue {
                raw: text[t.span.start..t.span.end].to_string(),
                figure: text[t.span.start..t.span.end].to_string(),
                value: a,
                low: a,
                high: b,
                unit: String::new(),
                qualifier: None,
                noun: None,
                span: t.span,
            });
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    #[test]
    fn speaker_of_a_trailing_attribution() {
        let p = Profile::new("Repairs will cost $40 million, the operator said.");
        let s = p.cues.speaker.unwrap();
        assert_eq!(s.key, ["operator"]);
        assert_eq!(s.kind, SpeakerKind::Generic);
    }

    #[test]
    fn speaker_kinds() {
        let k = |t: &str| Profile::new(t).cues.speaker.map(|s| s.kind);
        assert_eq!(
            k("Rubio said the talks went well."),
            Some(SpeakerKind::Named)
        );
        assert_eq!(
            k("He said the talks went well."),
            Some(SpeakerKind::Pronoun)
        );
        assert_eq!(
            k("The talks went well, sources said."),
            Some(SpeakerKind::Anonymous)
        );
        assert_eq!(
            k("The coalition has 2,500 troops, according to the Pentagon."),
            Some(SpeakerKind::Named)
        );
        assert_eq!(k("Flights were disrupted."), None);
    }

    #[test]
    fn numbers_with_bounds_and_ranges() {
        let p = Profile::new("Between 200 and 300 people fled, and about 240,000 were displaced.");
        let n = &p.cues.numbers;
        assert_eq!((n[0].low, n[0].high), (200.0, 300.0));
        assert_eq!(n[1].qualifier.as_deref(), Some("about"));
        assert_eq!(n[1].raw, "about 240,000");
    }

    #[test]
    fn date_numbers_are_not_counts() {
        let p = Profile::new("SULAIMANI, Nov. 26");
        assert!(p.cues.numbers.is_empty());
        assert_eq!(p.cues.dates.len(), 1);
    }

    #[test]
    fn headline_detected() {
        assert!(
            Profile::new("Secretary Rubio's Call with Iraqi Prime Minister al-Sudani")
                .cues
                .headline
        );
        assert!(
            !Profile::new("Rubio spoke with al-Sudani today.")
                .cues
                .headline
        );
    }
}
