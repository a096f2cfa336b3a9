//! The lexicon the cue extractors read: speech verbs with their tone, intensity scales,
//! hedges, polarity words, loaded terms grouped by referent, named entities with their
//! variants, generic phrases and titles. The built-in one is `builtin.toml`, compiled into
//! the binary; `--lexicon FILE.toml` adds to it (same shape). A malformed file is an
//! `Error::Lexicon` naming the line and column.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::profile::{TokenKind, tokenize};

const BUILTIN: &str = include_str!("builtin.toml");

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
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VerbEntry {
    /// Its tone.
    pub tone: Tone,
    /// Its inflected forms ("urged", "urges").
    pub forms: Vec<String>,
}

/// The `[hedges]` table.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeEntry {
    /// Words and phrases.
    #[serde(default)]
    pub terms: Vec<String>,
}

/// The `[negation]` table.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
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
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
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
#[derive(Clone, Debug, Deserialize, Serialize)]
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
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
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
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
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

/// A multi-word matcher over folded tokens: longest match first, left to right, never across
/// punctuation (punctuation tokens are part of the sequence and no phrase contains one).
#[derive(Clone, Debug)]
pub struct PhraseSet<T> {
    /// Fx-hashed: looked up once per token of every statement profiled.
    by_first: rustc_hash::FxHashMap<String, Vec<Phrase<T>>>,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            by_first: rustc_hash::FxHashMap::default(),
        }
    }
}

#[derive(Clone, Debug)]
struct Phrase<T> {
    words: Vec<String>,
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

/// The view of a statement's tokens that phrase matching needs.
pub struct TokenView<'a> {
    /// Folded norms, punctuation included.
    pub norms: Vec<&'a str>,
    /// True where the token is written in capitals ("US", "IRGC").
    pub upper: Vec<bool>,
}

impl<T> PhraseSet<T> {
    fn insert(&mut self, phrase: &str, value: T) {
        let toks = tokenize(phrase);
        let words: Vec<String> = toks.iter().map(|t| t.norm.to_string()).collect();
        if words.is_empty() || toks.iter().any(|t| t.kind == TokenKind::Punct) {
            return;
        }
        let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
        let caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        let list = self.by_first.entry(words[0].clone()).or_default();
        list.push(Phrase { words, caps, value });
        // Longest first, so that "terrorist militias" wins over "terrorist".
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }

    /// All non-overlapping matches, longest first at each position.
    pub fn scan<'s>(&'s self, view: &TokenView<'_>) -> Vec<PhraseMatch<'s, T>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < view.norms.len() {
            let hit = self.by_first.get(view.norms[i]).and_then(|cands| {
                cands.iter().find(|p| {
                    i + p.words.len() <= view.norms.len()
                        && p.words.iter().zip(&view.norms[i..]).all(|(a, b)| a == b)
                        && (!p.caps || view.upper[i..i + p.words.len()].iter().all(|u| *u))
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
}

/// A compiled lexicon: the merged file plus matchers built from it.
#[derive(Clone, Debug)]
pub struct Lexicon {
    source: LexiconFile,
    /// form → (lemma, tone).
    pub verbs: HashMap<String, (String, Tone)>,
    /// Intensity: (scale index, level).
    pub intensity: PhraseSet<(usize, usize)>,
    /// Scale names, by index.
    pub scales: Vec<String>,
    /// Hedges.
    pub hedges: PhraseSet<()>,
    /// Negator words.
    pub negators: HashSet<String>,
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
    /// Title words (folded).
    pub titles: HashSet<String>,
    /// Anonymous-speaker words (folded).
    pub anonymous: HashSet<String>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::builtin().as_ref().clone()
    }
}

impl Lexicon {
    /// The built-in lexicon (parsed once).
    pub fn builtin() -> &'static Arc<Lexicon> {
        static L: OnceLock<Arc<Lexicon>> = OnceLock::new();
        L.get_or_init(|| {
            let file = LexiconFile::parse(BUILTIN, Path::new("builtin.toml"))
                .expect("the built-in lexicon parses (tested)");
            Arc::new(Lexicon::compile(file))
        })
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

    /// Builds the matchers.
    pub fn compile(source: LexiconFile) -> Lexicon {
        let fold = |s: &str| crate::profile::fold(s.trim());
        let mut verbs = HashMap::new();
        for (lemma, v) in &source.speech_verbs {
            for f in &v.forms {
                verbs.insert(fold(f), (lemma.clone(), v.tone));
            }
        }
        let mut intensity = PhraseSet::default();
        let mut scales = Vec::new();
        for (si, (scale, levels)) in source.intensity.iter().enumerate() {
            scales.push(scale.clone());
            for (li, level) in levels.iter().enumerate() {
                for w in level {
                    intensity.insert(w, (si, li));
                }
            }
        }
        let set = |list: &[String]| {
            let mut s = PhraseSet::default();
            for w in list {
                s.insert(w, ());
            }
            s
        };
        let mut loaded = PhraseSet::default();
        let mut referents = Vec::new();
        for (ri, (name, e)) in source.loaded_terms.iter().enumerate() {
            referents.push(name.clone());
            for (charge, list) in [
                (Charge::Neutral, &e.neutral),
                (Charge::Pejorative, &e.pejorative),
                (Charge::Sympathetic, &e.sympathetic),
            ] {
                for w in list {
                    loaded.insert(w, (ri, charge));
                }
            }
        }
        let mut entity_phrases = PhraseSet::default();
        let mut entities = Vec::new();
        for (i, e) in source.entity.iter().enumerate() {
            entities.push((e.name.clone(), e.kind.clone()));
            entity_phrases.insert(&e.name, i);
            for v in &e.variants {
                entity_phrases.insert(v, i);
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
        let mut generics = PhraseSet::default();
        for (w, kinds) in by_phrase {
            generics.insert(&w, kinds);
        }
        Lexicon {
            verbs,
            intensity,
            scales,
            hedges: set(&source.hedges.terms),
            negators: source.negation.negators.iter().map(|w| fold(w)).collect(),
            negative: set(&source.negation.negative),
            positive: set(&source.negation.positive),
            neg_ignore: set(&source.negation.ignore),
            loaded,
            referents,
            entity_phrases,
            entities,
            generics,
            titles: source.names.titles.iter().map(|w| fold(w)).collect(),
            anonymous: source.names.anonymous.iter().map(|w| fold(w)).collect(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_has_every_table() {
        let l = Lexicon::builtin();
        assert!(l.verbs.contains_key("urged"));
        assert!(l.scales.contains(&"demand".to_string()));
        assert!(l.referents.contains(&"armed_groups".to_string()));
        assert!(l.entities.iter().any(|(n, _)| n == "Kataib Hezbollah"));
        assert!(l.negators.contains("not"));
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
        let toks = tokenize("the death squads");
        let view = TokenView {
            norms: toks.iter().map(|t| t.norm.as_str()).collect(),
            upper: vec![false; toks.len()],
        };
        assert_eq!(l.loaded.scan(&view).len(), 1);
    }

    #[test]
    fn capital_variants_match_only_capitals() {
        let l = Lexicon::builtin();
        let toks = tokenize("they told us");
        let view = TokenView {
            norms: toks.iter().map(|t| t.norm.as_str()).collect(),
            upper: vec![false; toks.len()],
        };
        assert!(l.entity_phrases.scan(&view).is_empty());
    }
}
