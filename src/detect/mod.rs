//! Statement-pair detectors: the `Detector` trait, the closed set of detector names, the
//! `Signal` a detector emits, and `DetectorSet`, the registry built by name from
//! `--detectors`. One file per detector.

mod attribution;
mod date;
mod entity;
pub mod explain;
mod hedge;
mod intensity;
mod lexical;
pub mod lexicon;
mod loaded_term;
mod negation;
mod number;
mod quote;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::profile::Profile;

pub use explain::{DetectorVerdict, Explanation, explain};
pub use lexical::similarity;

/// The closed set of detectors, named in the JSON `detector` field exactly as here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetectorName {
    /// Word overlap similarity; the main alignment evidence.
    Lexical,
    /// Speaker and speech verb.
    Attribution,
    /// Force of a demand or description.
    Intensity,
    /// Certainty markers.
    Hedge,
    /// Direct quote versus paraphrase.
    Quote,
    /// Counts, money, percentages.
    Number,
    /// Dates and times.
    Date,
    /// Polarity.
    Negation,
    /// Named people, groups, places, organisations.
    Entity,
    /// Evaluative wording for the same referent.
    LoadedTerm,
}

impl DetectorName {
    /// Every name, in the documented order.
    pub const ALL: [DetectorName; 10] = [
        DetectorName::Lexical,
        DetectorName::Attribution,
        DetectorName::Intensity,
        DetectorName::Hedge,
        DetectorName::Quote,
        DetectorName::Number,
        DetectorName::Date,
        DetectorName::Negation,
        DetectorName::Entity,
        DetectorName::LoadedTerm,
    ];

    /// The wire name (`"loaded_term"`).
    pub fn as_str(self) -> &'static str {
        match self {
            DetectorName::Lexical => "lexical",
            DetectorName::Attribution => "attribution",
            DetectorName::Intensity => "intensity",
            DetectorName::Hedge => "hedge",
            DetectorName::Quote => "quote",
            DetectorName::Number => "number",
            DetectorName::Date => "date",
            DetectorName::Negation => "negation",
            DetectorName::Entity => "entity",
            DetectorName::LoadedTerm => "loaded_term",
        }
    }
}

impl fmt::Display for DetectorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DetectorName {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        DetectorName::ALL
            .iter()
            .copied()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| {
                let valid: Vec<&str> = DetectorName::ALL.iter().map(|d| d.as_str()).collect();
                Error::Usage(format!(
                    "unknown detector '{s}' (valid: {})",
                    valid.join(", ")
                ))
            })
    }
}

/// How a signal bears on the relation of an aligned pair (see `classify`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// The two statements frame the same claim differently: makes the pair `reframed`.
    Framing,
    /// The two statements cannot both be true: makes the pair `contradicted`.
    Conflict,
}

/// One difference between two aligned statements, with its evidence and a one-line
/// explanation a reader understands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    /// Which detector found it.
    pub detector: DetectorName,
    /// Framing or conflict.
    pub kind: SignalKind,
    /// The evidence on the left ("urged"), empty if absent there.
    pub left: String,
    /// The evidence on the right ("stressed"), empty if absent there.
    pub right: String,
    /// One line: "the speech verb changes from 'urged' to 'stressed'".
    pub explanation: String,
    /// Short label for narrow views: "speech verb changed: urged → stressed".
    pub short: String,
}

impl Signal {
    /// A `Framing` signal.
    pub fn framing(
        detector: DetectorName,
        left: impl Into<String>,
        right: impl Into<String>,
        explanation: String,
        short: String,
    ) -> Self {
        Signal {
            detector,
            kind: SignalKind::Framing,
            left: left.into(),
            right: right.into(),
            explanation,
            short,
        }
    }

    /// A `Conflict` signal.
    pub fn conflict(
        detector: DetectorName,
        left: impl Into<String>,
        right: impl Into<String>,
        explanation: String,
        short: String,
    ) -> Self {
        Signal {
            kind: SignalKind::Conflict,
            ..Signal::framing(detector, left, right, explanation, short)
        }
    }
}

/// A statement-pair detector. Both methods have defaults, so a detector implements only
/// what it does: `score` adds similarity evidence, `signals` explains differences.
pub trait Detector: Send + Sync {
    /// The detector's name.
    fn name(&self) -> DetectorName;
    /// Similarity evidence in [0, 1]; `None` if this detector does not score.
    fn score(&self, _left: &Profile, _right: &Profile) -> Option<f32> {
        None
    }
    /// Differences worth reporting for an aligned pair.
    fn signals(&self, _left: &Profile, _right: &Profile, _out: &mut Vec<Signal>) {}
}

/// The detectors that run, in the order of `DetectorName::ALL`.
pub struct DetectorSet {
    detectors: Vec<Box<dyn Detector>>,
}

impl fmt::Debug for DetectorSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl Default for DetectorSet {
    fn default() -> Self {
        DetectorSet::all()
    }
}

impl DetectorSet {
    /// Every detector.
    pub fn all() -> Self {
        Self::from_names(&DetectorName::ALL)
    }

    /// The named detectors (in canonical order, duplicates ignored).
    pub fn from_names(names: &[DetectorName]) -> Self {
        let mut names = names.to_vec();
        names.sort();
        names.dedup();
        let detectors = names.into_iter().filter_map(build).collect();
        DetectorSet { detectors }
    }

    /// Parses a comma-separated list such as `"lexical,hedge"`.
    pub fn parse(list: &str) -> Result<Self> {
        let names = list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<Vec<DetectorName>>>()?;
        Ok(Self::from_names(&names))
    }

    /// The names of the detectors that run.
    pub fn names(&self) -> Vec<DetectorName> {
        self.detectors.iter().map(|d| d.name()).collect()
    }

    /// The detectors.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Detector> {
        self.detectors.iter().map(|d| d.as_ref())
    }

    /// All signals for an aligned pair, in detector order.
    pub fn signals(&self, left: &Profile, right: &Profile) -> Vec<Signal> {
        let mut out = Vec::new();
        for d in &self.detectors {
            d.signals(left, right, &mut out);
        }
        out
    }
}

fn build(name: DetectorName) -> Option<Box<dyn Detector>> {
    Some(match name {
        DetectorName::Lexical => Box::new(lexical::Lexical),
        DetectorName::Attribution => Box::new(attribution::Attribution),
        DetectorName::Hedge => Box::new(hedge::Hedge),
        DetectorName::Number => Box::new(number::Number),
        DetectorName::Negation => Box::new(negation::Negation),
        DetectorName::Intensity => Box::new(intensity::Intensity),
        DetectorName::Quote => Box::new(quote::Quote),
        DetectorName::Date => Box::new(date::Date),
        DetectorName::Entity => Box::new(entity::Entity),
        DetectorName::LoadedTerm => Box::new(loaded_term::LoadedTerm),
    })
}

/// Words present in one list and not the other, each side sorted as found.
pub(crate) fn one_sided<'a>(left: &[&'a str], right: &[&'a str]) -> (Vec<&'a str>, Vec<&'a str>) {
    let l = left
        .iter()
        .filter(|w| !right.contains(w))
        .copied()
        .collect();
    let r = right
        .iter()
        .filter(|w| !left.contains(w))
        .copied()
        .collect();
    (l, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for n in DetectorName::ALL {
            assert_eq!(n.as_str().parse::<DetectorName>().unwrap(), n);
            assert_eq!(
                serde_json::to_string(&n).unwrap(),
                format!("\"{}\"", n.as_str())
            );
        }
    }

    #[test]
    fn unknown_name_lists_valid_ones() {
        let e = DetectorSet::parse("lexical,sarcasm")
            .unwrap_err()
            .to_string();
        assert!(e.contains("sarcasm") && e.contains("loaded_term"), "{e}");
    }
}
