//! The lexicon the cue extractors read: speech verbs with their tone, intensity scales,
//! hedges, polarity words, loaded terms grouped by referent, named entities with their
//! variants, generic phrases and titles. The built-in one is `builtin.toml`, compiled into
//! the binary; `--lexicon FILE.toml` adds to it (same shape). A malformed file is an
//! `Error::Lexicon` naming the line and column.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::profile::norms;
use crate::profile::{Token, TokenKind};

/// The built-in lexicon as written; read at run time only by the test that checks its
/// compact form (`builtin_file`).
#[cfg(test)]
const BUILTIN: &str = include_str!("builtin.toml");

/// `builtin.toml` as Rust data (`build/lexicon.rs`): tables of string slices, whose types
/// read as the TOML they come from.
#[allow(clippy::type_complexity)]
mod compact {
    use super::Tone;
    include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));
}

/// The built-in lexicon file from its compact form: what `LexiconFile::parse` of
/// `builtin.toml` gives, without parsing TOML at every start.
fn builtin_file() -> LexiconFile {
    use compact as c;
    let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    LexiconFile {
        speech_verbs: c::SPEECH_VERBS
            .iter()
            .map(|(lemma, tone, forms)| {
                let v = VerbEntry {
                    tone: *tone,
                    forms: list(forms),
                };
                (lemma.to_string(), v)
            })
            .collect(),
        intensity: c::INTENSITY
            .iter()
            .map(|(scale, levels)| (scale.to_string(), levels.iter().map(|l| list(l)).collect()))
            .collect(),
        hedges: HedgeEntry {
            terms: list(c::HEDGE_TERMS),
        },
        negation: NegationEntry {
            negators: list(c::NEGATION_NEGATORS),
            negative: list(c::NEGATION_NEGATIVE),
            positive: list(c::NEGATION_POSITIVE),
            ignore: list(c::NEGATION_IGNORE),
        },
        loaded_terms: c::LOADED_TERMS
            .iter()
            .map(|(referent, neutral, pejorative, sympathetic)| {
                let e = LoadedEntry {
                    neutral: list(neutral),
                    pejorative: list(pejorative),
                    sympathetic: list(sympathetic),
                };
                (referent.to_string(), e)
            })
            .collect(),
        entity: c::ENTITIES
            .iter()
            .map(|(name, kind, variants)| EntityEntry {
                name: name.to_string(),
                kind: kind.to_string(),
                variants: list(variants),
            })
            .collect(),
        generics: c::GENERICS
            .iter()
            .map(|(kind, l)| (kind.to_string(), list(l)))
            .collect(),
        names: NamesEntry {
            titles: list(c::NAMES_TITLES),
            anonymous: list(c::NAMES_ANONYMOUS),
        },
    }
}

/// What a speech verb adds to a neutral "said".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// said, told, noted: no charge.
    Neutral,
    /// stressed, emphasised, affirmed.
    Emphatic,
    /// claimed, alleged: the reporter distances itself.
    Doubting,
    /// admitted, conceded.
    Conceding,
    /// insisted, warned, urged, demanded.
    Forceful,
}

impl Tone {
    /// The word used in explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Neutral => "neutral",
            Tone::Emphatic => "emphatic",
            Tone::Doubting => "doubting",
            Tone::Conceding => "conceding",
            Tone::Forceful => "forceful",
        }
    }
}

/// The evaluative charge of a term for a referent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Charge {
    /// No evaluation ("armed groups", "government", "killed").
    Neutral,
    /// Condemning ("terrorist militias", "regime").
    Pejorative,
    /// Approving ("resistance", "martyrs").
    Sympathetic,
}

impl Charge {
    /// The word used in explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            Charge::Neutral => "neutral",
            Charge::Pejorative => "pejorative",
            Charge::Sympathetic => "sympathetic",
        }
    }
}

/// One speech verb of a lexicon file.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VerbEntry {
    /// Its tone.
    pub tone: Tone,
    /// Its inflected forms ("urged", "urges").
    pub forms: Vec<String>,
}

/// The `[hedges]` table.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeEntry {
    /// Words and phrases.
    #[serde(default)]
    pub terms: Vec<String>,
}

/// The `[negation]` table.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NegationEntry {
    /// Single words that negate ("not", "never").
    #[serde(default)]
    pub negators: Vec<String>,
    /// Verbs and phrases that deny or fail the claim ("denied", "failed to").
    #[serde(default)]
    pub negative: Vec<String>,
    /// Their affirmative counterparts ("admitted", "managed to").
    #[serde(default)]
    pub positive: Vec<String>,
    /// Phrases that hold a negator without negating ("not only").
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// One `[loaded_terms.REFERENT]` table.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LoadedEntry {
    /// Neutral words for the referent.
    #[serde(default)]
    pub neutral: Vec<String>,
    /// Condemning words.
    #[serde(default)]
    pub pejorative: Vec<String>,
    /// Approving words.
    #[serde(default)]
    pub sympathetic: Vec<String>,
}

/// One `[[entity]]`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntityEntry {
    /// Canonical name.
    pub name: String,
    /// person, group, place, organisation (matches a `[generics]` key).
    pub kind: String,
    /// Every spelling that names it.
    pub variants: Vec<String>,
}

/// The `[names]` table.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NamesEntry {
    /// Capitalised words that describe rather than name ("Secretary", "Prime").
    #[serde(default)]
    pub titles: Vec<String>,
    /// Words for unnamed speakers ("sources", "officials").
    #[serde(default)]
    pub anonymous: Vec<String>,
}

/// A lexicon file as written: every table optional.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// lemma → verb.
    #[serde(default)]
    pub speech_verbs: BTreeMap<String, VerbEntry>,
    /// scale → levels, weakest first.
    #[serde(default)]
    pub intensity: BTreeMap<String, Vec<Vec<String>>>,
    /// Hedges.
    #[serde(default)]
    pub hedges: HedgeEntry,
    /// Polarity words.
    #[serde(default)]
    pub negation: NegationEntry,
    /// referent → terms by charge.
    #[serde(default)]
    pub loaded_terms: BTreeMap<String, LoadedEntry>,
    /// Named entities.
    #[serde(default)]
    pub entity: Vec<EntityEntry>,
    /// kind → generic phrases.
    #[serde(default)]
    pub generics: BTreeMap<String, Vec<String>>,
    /// Titles and anonymous-speaker words.
    #[serde(default)]
    pub names: NamesEntry,
}

impl LexiconFile {
    /// Parses TOML; `origin` names the file in errors.
    pub fn parse(src: &str, origin: &Path) -> Result<Self> {
        toml::from_str(src).map_err(|e| {
            let (line, col) = e
                .span()
                .map_or((1, 1), |s| line_col(src, s.start.min(src.len())));
            Error::Lexicon {
                path: origin.to_path_buf(),
                message: format!("line {line}, column {col}: {}", e.message().trim()),
            }
        })
    }

    /// Adds `other` to `self`: lists are extended (also the term lists of a loaded-term
    /// referent and of a generic kind); a speech verb, an intensity scale or an entity of the
    /// same name is replaced.
    pub fn extend(&mut self, other: LexiconFile) {
        self.speech_verbs.extend(other.speech_verbs);
        self.intensity.extend(other.intensity);
        self.hedges.terms.extend(other.hedges.terms);
        let n = other.negation;
        self.negation.negators.extend(n.negators);
        self.negation.negative.extend(n.negative);
        self.negation.positive.extend(n.positive);
        self.negation.ignore.extend(n.ignore);
        for (k, v) in other.loaded_terms {
            let e = self.loaded_terms.entry(k).or_default();
            e.neutral.extend(v.neutral);
            e.pejorative.extend(v.pejorative);
            e.sympathetic.extend(v.sympathetic);
        }
        for e in other.entity {
            self.entity.retain(|x| x.name != e.name);
            self.entity.push(e);
        }
        for (k, v) in other.generics {
            self.generics.entry(k).or_default().extend(v);
        }
        self.names.titles.extend(other.names.titles);
        self.names.anonymous.extend(other.names.anonymous);
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(src: &str, at: usize) -> (usize, usize) {
    let mut at = at;
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The id of a lexicon word (`Lexicon::word_id`); `NO_WORD` for a word the lexicon does not
/// hold. Phrases are sequences of ids, so that a statement's tokens are looked up once each
/// and every matcher then compares integers.
pub type WordId = u32;

/// The id of every word the lexicon does not hold.
pub const NO_WORD: WordId = u32::MAX;

/// What the lexicon knows of one word.
#[derive(Clone, Copy, Debug, Default)]
struct WordInfo {
    /// Index into `Lexicon::verb_forms` when the word is a speech-verb form.
    verb: Option<u32>,
    title: bool,
    anonymous: bool,
    negator: bool,
    /// One bit per `PhraseSet` that has a phrase starting with this word.
    starts: u16,
}

/// A multi-word matcher over folded tokens: longest match first, left to right, never across
/// punctuation (punctuation tokens are part of the sequence and no phrase contains one).
#[derive(Clone, Debug)]
pub struct PhraseSet<T> {
    /// Its bit in `WordInfo::starts`.
    bit: u16,
    /// Phrases by first word, longest first. Fx-hashed: looked up for the tokens whose
    /// `starts` bit is set.
    by_first: rustc_hash::FxHashMap<WordId, Vec<Phrase<T>>>,
}

#[derive(Clone, Debug)]
struct Phrase<T> {
    words: Box<[WordId]>,
    /// Written in capitals in the lexicon ("US"): matches only capitals in the text.
    caps: bool,
    value: T,
}

/// One match of a `PhraseSet`: token range and payload.
#[derive(Clone, Copy, Debug)]
pub struct PhraseMatch<'a, T> {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The payload.
    pub value: &'a T,
}

/// A statement's tokens as the lexicon sees them (`Lexicon::view`): each token's word id and
/// the phrase sets that may start at it, looked up once for all matchers.
pub struct TokenView<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Per token: its word id and its `WordInfo::starts` bits.
    words: Vec<(WordId, u16)>,
}

impl TokenView<'_> {
    /// The word id of token `i`.
    pub fn id(&self, i: usize) -> WordId {
        self.words[i].0
    }

    /// True where the token is written in capitals ("US", "IRGC"); read only for the few
    /// phrases written in capitals, so it is not computed for every token.
    fn upper(&self, i: usize) -> bool {
        let s = self.tokens[i].span;
        let mut letters = self.text[s.start..s.end]
            .chars()
            .filter(|c| c.is_alphabetic())
            .peekable();
        letters.peek().is_some() && letters.all(char::is_uppercase)
    }
}

impl<T> PhraseSet<T> {
    fn new(bit: u16) -> Self {
        PhraseSet {
            bit,
            by_first: rustc_hash::FxHashMap::default(),
        }
    }

    /// All non-overlapping matches, longest first at each position.
    pub fn scan<'s>(&'s self, view: &TokenView<'_>) -> Vec<PhraseMatch<'s, T>> {
        let mut out = Vec::new();
        let n = view.words.len();
        let mut i = 0;
        while i < n {
            if view.words[i].1 & self.bit == 0 {
                i += 1;
                continue;
            }
            let hit = self.by_first.get(&view.words[i].0).and_then(|cands| {
                cands.iter().find(|p| {
                    i + p.words.len() <= n
                        && p.words[1..]
                            .iter()
                            .zip(&view.words[i + 1..i + p.words.len()])
                            .all(|(a, b)| *a == b.0)
                        && (!p.caps || (i..i + p.words.len()).all(|k| view.upper(k)))
                })
            });
            match hit {
                Some(p) => {
                    out.push(PhraseMatch {
                        start: i,
                        end: i + p.words.len(),
                        value: &p.value,
                    });
                    i += p.words.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// The payload of a one-word phrase not written in capitals, for a word found on its own
    /// (a part of "Iran-backed").
    pub fn single(&self, id: WordId) -> Option<&T> {
        self.by_first
            .get(&id)?
            .iter()
            .find(|p| p.words.len() == 1 && !p.caps)
            .map(|p| &p.value)
    }
}

/// Interns the words of a lexicon while it is compiled.
#[derive(Default)]
struct Words {
    ids: rustc_hash::FxHashMap<String, WordId>,
    info: Vec<WordInfo>,
}

impl Words {
    fn id(&mut self, w: &str) -> WordId {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.info.len() as WordId;
        self.ids.insert(w.to_string(), id);
        self.info.push(WordInfo::default());
        id
    }

    /// Adds a phrase to `set`, keyed by its tokens' norms; a phrase with punctuation is
    /// dropped (it could never match).
    fn insert<T>(&mut self, set: &mut PhraseSet<T>, phrase: &str, value: T) {
        // Lower-case ASCII words between single spaces (nearly every entry) are their own
        // tokens: no tokenizer run at start-up for them.
        let plain = !phrase.is_empty()
            && phrase.bytes().all(|b| b.is_ascii_lowercase() || b == b' ')
            && !phrase.starts_with(' ')
            && !phrase.ends_with(' ')
            && !phrase.contains("  ");
        let (words, caps): (Box<[WordId]>, bool) = if plain {
            (phrase.split(' ').map(|w| self.id(w)).collect(), false)
        } else {
            let toks = norms(phrase);
            if toks.is_empty() || toks.iter().any(|t| t.1 == TokenKind::Punct) {
                return;
            }
            let mut letters = phrase.chars().filter(|c| c.is_alphabetic());
            let caps = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
            (toks.iter().map(|t| self.id(&t.0)).collect(), caps)
        };
        self.info[words[0] as usize].starts |= set.bit;
        set.by_first
            .entry(words[0])
            .or_default()
            .push(Phrase { words, caps, value });
    }
}

/// A compiled lexicon: the merged file plus matchers built from it.
#[derive(Clone, Debug)]
pub struct Lexicon {
    source: LexiconFile,
    /// Every word of the lexicon (phrase words as tokenized, single words folded) → its id.
    words: rustc_hash::FxHashMap<String, WordId>,
    /// By word id.
    info: Vec<WordInfo>,
    /// Speech verbs: (lemma, tone), indexed by `WordInfo::verb`.
    verb_forms: Vec<(String, Tone)>,
    /// Intensity: (scale index, level).
    pub intensity: PhraseSet<(usize, usize)>,
    /// Scale names, by index.
    pub scales: Vec<String>,
    /// Hedges.
    pub hedges: PhraseSet<()>,
    /// Denying verbs and phrases.
    pub negative: PhraseSet<()>,
    /// Affirmative counterparts.
    pub positive: PhraseSet<()>,
    /// Phrases whose negator does not negate.
    pub neg_ignore: PhraseSet<()>,
    /// Loaded terms: (referent index, charge).
    pub loaded: PhraseSet<(usize, Charge)>,
    /// Referent names, by index.
    pub referents: Vec<String>,
    /// Entities: index into `entities`.
    pub entity_phrases: PhraseSet<usize>,
    /// (canonical name, kind).
    pub entities: Vec<(String, String)>,
    /// Generic phrases: the kinds they may stand for.
    pub generics: PhraseSet<Vec<String>>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::builtin().as_ref().clone()
    }
}

impl Lexicon {
    /// The built-in lexicon (compiled once, from `builtin.toml`'s compact form).
    pub fn builtin() -> &'static Arc<Lexicon> {
        static L: OnceLock<Arc<Lexicon>> = OnceLock::new();
        L.get_or_init(|| Arc::new(Lexicon::compile(builtin_file())))
    }

    /// The built-in lexicon extended with a TOML text (`origin` names it in errors).
    pub fn builtin_with(src: &str, origin: &Path) -> Result<Lexicon> {
        let extra = LexiconFile::parse(src, origin)?;
        let mut file = Lexicon::builtin().source.clone();
        file.extend(extra);
        Ok(Lexicon::compile(file))
    }

    /// The built-in lexicon extended with a TOML file.
    pub fn load(path: &Path) -> Result<Lexicon> {
        let src = std::fs::read_to_string(path).map_err(|e| Error::Lexicon {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Lexicon::builtin_with(&src, path)
    }

    /// The merged source it was compiled from.
    pub fn source(&self) -> &LexiconFile {
        &self.source
    }

    /// The id of a folded word (a token's norm), `NO_WORD` if the lexicon does not hold it.
    pub fn word_id(&self, w: &str) -> WordId {
        self.words.get(w).copied().unwrap_or(NO_WORD)
    }

    /// The id of a folded word and its `WordInfo::starts` bits (`(NO_WORD, 0)` if the
    /// lexicon does not hold it).
    pub(crate) fn word_entry(&self, w: &str) -> (WordId, u16) {
        let id = self.word_id(w);
        (id, self.info.get(id as usize).map_or(0, |w| w.starts))
    }

    /// The view of a statement's tokens the matchers scan: one lookup per token, none for
    /// the built-in lexicon, whose entry each token carries (looked up once per word by the
    /// tokenizer's cache: the lookups were a sixth of extracting cues).
    pub fn view<'a>(&self, text: &'a str, tokens: &'a [Token]) -> TokenView<'a> {
        let words = if std::ptr::eq(self, Lexicon::builtin().as_ref()) {
            tokens.iter().map(|t| t.builtin_word).collect()
        } else {
            tokens.iter().map(|t| self.word_entry(&t.norm)).collect()
        };
        TokenView {
            text,
            tokens,
            words,
        }
    }

    fn info(&self, id: WordId) -> WordInfo {
        self.info.get(id as usize).copied().unwrap_or_default()
    }

    /// The speech verb of a word id: (lemma, tone).
    pub fn verb(&self, id: WordId) -> Option<(&str, Tone)> {
        let v = self.info(id).verb?;
        let (lemma, tone) = &self.verb_forms[v as usize];
        Some((lemma, *tone))
    }

    /// True for a title word ("minister").
    pub fn is_title(&self, id: WordId) -> bool {
        self.info(id).title
    }

    /// True for an anonymous-speaker word ("sources").
    pub fn is_anonymous(&self, id: WordId) -> bool {
        self.info(id).anonymous
    }

    /// True for a negator ("not").
    pub fn is_negator(&self, id: WordId) -> bool {
        self.info(id).negator
    }

    /// Builds the matchers.
    pub fn compile(source: LexiconFile) -> Lexicon {
        let fold = |s: &str| crate::profile::fold(s.trim());
        let mut words = Words::default();
        let mut verb_forms = Vec::new();
        for (lemma, v) in &source.speech_verbs {
            for f in &v.forms {
                // A later form of the same spelling wins, as in a map insert.
                let id = words.id(&fold(f));
                words.info[id as usize].verb = Some(verb_forms.len() as u32);
                verb_forms.push((lemma.clone(), v.tone));
            }
        }
        let mut intensity = PhraseSet::new(1 << 0);
        let mut scales = Vec::new();
        for (si, (scale, levels)) in source.intensity.iter().enumerate() {
            scales.push(scale.clone());
            for (li, level) in levels.iter().enumerate() {
                for w in level {
                    words.insert(&mut intensity, w, (si, li));
                }
            }
        }
        let mut set = |bit: u16, list: &[String]| {
            let mut s = PhraseSet::new(bit);
            for w in list {
                words.insert(&mut s, w, ());
            }
            s
        };
        let hedges = set(1 << 1, &source.hedges.terms);
        let negative = set(1 << 2, &source.negation.negative);
        let positive = set(1 << 3, &source.negation.positive);
        let neg_ignore = set(1 << 4, &source.negation.ignore);
        let mut loaded = PhraseSet::new(1 << 5);
        let mut referents = Vec::new();
        for (ri, (name, e)) in source.loaded_terms.iter().enumerate() {
            referents.push(name.clone());
            for (charge, list) in [
                (Charge::Neutral, &e.neutral),
                (Charge::Pejorative, &e.pejorative),
                (Charge::Sympathetic, &e.sympathetic),
            ] {
                for w in list {
                    words.insert(&mut loaded, w, (ri, charge));
                }
            }
        }
        let mut entity_phrases = PhraseSet::new(1 << 6);
        let mut entities = Vec::new();
        for (i, e) in source.entity.iter().enumerate() {
            entities.push((e.name.clone(), e.kind.clone()));
            words.insert(&mut entity_phrases, &e.name, i);
            for v in &e.variants {
                words.insert(&mut entity_phrases, v, i);
            }
        }
        let mut by_phrase: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (kind, list) in &source.generics {
            for w in list {
                let kinds = by_phrase.entry(w.clone()).or_default();
                if !kinds.contains(kind) {
                    kinds.push(kind.clone());
                }
            }
        }
        let mut generics = PhraseSet::new(1 << 7);
        for (w, kinds) in by_phrase {
            words.insert(&mut generics, &w, kinds);
        }
        for w in &source.negation.negators {
            let id = words.id(&fold(w));
            words.info[id as usize].negator = true;
        }
        for w in &source.names.titles {
            let id = words.id(&fold(w));
            words.info[id as usize].title = true;
        }
        for w in &source.names.anonymous {
            let id = words.id(&fold(w));
            words.info[id as usize].anonymous = true;
        }
        let mut lex = Lexicon {
            words: words.ids,
            info: words.info,
            verb_forms,
            intensity,
            scales,
            hedges,
            negative,
            positive,
            neg_ignore,
            loaded,
            referents,
            entity_phrases,
            entities,
            generics,
            source,
        };
        // Longest first, so that "terrorist militias" wins over "terrorist"; a stable sort
        // keeps the file's order among phrases of one length.
        fn longest_first<T>(s: &mut PhraseSet<T>) {
            for list in s.by_first.values_mut() {
                list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
            }
        }
        longest_first(&mut lex.intensity);
        longest_first(&mut lex.hedges);
        longest_first(&mut lex.negative);
        longest_first(&mut lex.positive);
        longest_first(&mut lex.neg_ignore);
        longest_first(&mut lex.loaded);
        longest_first(&mut lex.entity_phrases);
        longest_first(&mut lex.generics);
        lex
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::tokenize;

    #[test]
    fn builtin_parses_and_has_every_table() {
        let l = Lexicon::builtin();
        assert!(l.verb(l.word_id("urged")).is_some());
        assert!(l.scales.contains(&"demand".to_string()));
        assert!(l.referents.contains(&"armed_groups".to_string()));
        assert!(l.entities.iter().any(|(n, _)| n == "Kataib Hezbollah"));
        assert!(l.is_negator(l.word_id("not")));
    }

    #[test]
    fn compact_form_is_the_parsed_toml() {
        let parsed = LexiconFile::parse(BUILTIN, Path::new("builtin.toml")).unwrap();
        assert_eq!(builtin_file(), parsed);
    }

    #[test]
    fn malformed_file_names_line_and_column() {
        let e = Lexicon::builtin_with(
            "[hedges]\nterms = [\"reportedly\",\n  oops]\n",
            Path::new("x.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("x.toml: line 3, column 3"), "{e}");
    }

    #[test]
    fn unknown_table_is_an_error() {
        let e = Lexicon::builtin_with("[sarcasm]\nx = 1\n", Path::new("y.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1") && e.contains("sarcasm"), "{e}");
    }

    #[test]
    fn extension_adds_terms() {
        let l = Lexicon::builtin_with(
            "[loaded_terms.armed_groups]\npejorative = [\"death squads\"]\n",
            Path::new("z.toml"),
        )
        .unwrap();
        let text = "the death squads";
        let toks = tokenize(text);
        let view = l.view(text, &toks);
        assert_eq!(l.loaded.scan(&view).len(), 1);
    }

    #[test]
    fn capital_variants_match_only_capitals() {
        let l = Lexicon::builtin();
        let text = "they told us";
        let toks = tokenize(text);
        let view = l.view(text, &toks);
        assert!(l.entity_phrases.scan(&view).is_empty());
    }
}
