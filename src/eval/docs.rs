//! Document-level evaluation: document pairs with known alignments, aligned with the same
//! `align::align` that `compare` runs, scored for alignment and omission precision/recall/F1.
//!
//! Two sources of cases:
//! - `mrpc_documents` generates pairs from MRPC: each equivalent sentence pair becomes a
//!   shared claim (one sentence on each side), sentences of other, unrelated pairs become
//!   omissions (present on one side only); both sides are shuffled with a seeded generator,
//!   so a seed always gives the same documents.
//! - `fixture_case` reads a hand-annotated fixture (`fixtures/align/*.toml`): two texts of
//!   `fixtures/cases/`, the statement pairs that state the same claim, and the statements
//!   only one side has, each named by a snippet of its text. Statements the annotation does
//!   not mention are not scored.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use super::data::MrpcPair;
use super::metrics::prf;
use crate::align::{AlignOptions, align};
use crate::compare::{Options, prepare};
use crate::detect::DetectorSet;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::profile::Profile;

/// Generator settings.
#[derive(Clone, Debug)]
pub struct DocsOptions {
    /// Number of document pairs.
    pub documents: usize,
    /// Shared claims per document pair.
    pub shared: usize,
    /// Omitted statements per side.
    pub omitted: usize,
    /// Seed of the shuffles.
    pub seed: u64,
}

impl Default for DocsOptions {
    fn default() -> Self {
        DocsOptions {
            documents: 100,
            shared: 8,
            omitted: 3,
            seed: 1,
        }
    }
}

/// One document pair with its gold alignment.
#[derive(Clone, Debug, PartialEq)]
pub struct DocCase {
    /// A name for messages.
    pub name: String,
    /// Left statements.
    pub left: Vec<String>,
    /// Right statements.
    pub right: Vec<String>,
    /// Gold aligned pairs `(left, right)`.
    pub aligned: Vec<(usize, usize)>,
    /// Gold left-only statements.
    pub only_left: Vec<usize>,
    /// Gold right-only statements.
    pub only_right: Vec<usize>,
}

/// splitmix64: a tiny seeded generator, so the documents depend on the seed only.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// Generates document pairs from MRPC pairs (see the module doc).
pub fn mrpc_documents(pairs: &[MrpcPair], opts: &DocsOptions) -> Result<Vec<DocCase>> {
    let mut rng = Rng(opts.seed);
    let mut positives: Vec<usize> = (0..pairs.len()).filter(|&i| pairs[i].equivalent).collect();
    let need = opts.shared + 2 * opts.omitted;
    if positives.len() < opts.shared.max(1) || pairs.len() < need + 1 {
        return Err(Error::Usage(format!(
            "too few pairs to generate documents of {} shared claims and {} omissions per side",
            opts.shared, opts.omitted
        )));
    }
    rng.shuffle(&mut positives);
    let mut next = 0usize;
    let mut cases = Vec::with_capacity(opts.documents);
    for d in 0..opts.documents {
        // Shared claims: the next positives in the shuffled cycle.
        let mut used: Vec<usize> = Vec::new();
        while used.len() < opts.shared.min(positives.len()) {
            let p = positives[next % positives.len()];
            next += 1;
            if !used.contains(&p) {
                used.push(p);
            }
        }
        // Omissions: sentences of other pairs, each pair used once in this document and
        // sharing no sentence id with the pairs already used (MRPC reuses sentences).
        let mut ids: BTreeSet<&str> = used
            .iter()
            .flat_map(|&p| [pairs[p].id1.as_str(), pairs[p].id2.as_str()])
            .collect();
        let mut omitted = Vec::new();
        let mut guard = 0;
        while omitted.len() < 2 * opts.omitted && guard < 100 * need {
            guard += 1;
            let p = rng.below(pairs.len());
            let q = &pairs[p];
            if used.contains(&p) || ids.contains(q.id1.as_str()) || ids.contains(q.id2.as_str()) {
                continue;
            }
            ids.insert(&q.id1);
            ids.insert(&q.id2);
            used.push(p);
            // Either sentence of the pair; the other one is never used.
            omitted.push(if rng.below(2) == 0 { &q.s1 } else { &q.s2 });
        }
        // Items: (text, gold partner key); shared claims share a key, omissions have none.
        let mut left: Vec<(String, Option<usize>)> = Vec::new();
        let mut right: Vec<(String, Option<usize>)> = Vec::new();
        for (k, &p) in used.iter().take(opts.shared).enumerate() {
            // Which sentence goes left is random too.
            let (a, b) = if rng.below(2) == 0 {
                (&pairs[p].s1, &pairs[p].s2)
            } else {
                (&pairs[p].s2, &pairs[p].s1)
            };
            left.push((a.clone(), Some(k)));
            right.push((b.clone(), Some(k)));
        }
        for (i, s) in omitted.iter().enumerate() {
            let side = if i % 2 == 0 { &mut left } else { &mut right };
            side.push(((*s).clone(), None));
        }
        rng.shuffle(&mut left);
        rng.shuffle(&mut right);
        let mut aligned = Vec::new();
        for (i, l) in left.iter().enumerate() {
            if let Some(k) = l.1 {
                let j = right
                    .iter()
                    .position(|r| r.1 == Some(k))
                    .expect("both sides");
                aligned.push((i, j));
            }
        }
        cases.push(DocCase {
            name: format!("mrpc-{d}"),
            only_left: (0..left.len()).filter(|&i| left[i].1.is_none()).collect(),
            only_right: (0..right.len()).filter(|&j| right[j].1.is_none()).collect(),
            left: left.into_iter().map(|x| x.0).collect(),
            right: right.into_iter().map(|x| x.0).collect(),
            aligned,
        });
    }
    Ok(cases)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotation {
    left: String,
    right: String,
    #[serde(default)]
    aligned: Vec<[String; 2]>,
    #[serde(default)]
    only_left: Vec<String>,
    #[serde(default)]
    only_right: Vec<String>,
}

/// Reads an annotated fixture: a TOML file naming two texts (relative to the file) and the
/// gold alignment by text snippets (see the module doc). Statements come from the same
/// segmenter `compare` uses.
pub fn fixture_case(path: &Path) -> Result<Vec<DocCase>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::input(&name, e.to_string()))?;
    let a: Annotation = toml::from_str(&text).map_err(|e| Error::input(&name, e.to_string()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let opts = Options::default();
    let read = |f: &str| -> Result<Vec<String>> {
        let p = dir.join(f);
        let t = std::fs::read_to_string(&p)
            .map_err(|e| Error::input(p.display().to_string(), e.to_string()))?;
        let doc = Document::from_text(f, t);
        let prepared = prepare(&doc, &opts);
        Ok(prepared
            .statements
            .iter()
            .map(|s| doc.slice(s.span).to_string())
            .collect())
    };
    let left = read(&a.left)?;
    let right = read(&a.right)?;
    let find = |side: &[String], snippet: &str| -> Result<usize> {
        let hits: Vec<usize> = (0..side.len())
            .filter(|&i| side[i].contains(snippet))
            .collect();
        match hits.as_slice() {
            [i] => Ok(*i),
            _ => Err(Error::input(
                &name,
                format!(
                    "snippet '{snippet}' matches {} statements, need exactly 1",
                    hits.len()
                ),
            )),
        }
    };
    let mut aligned = Vec::new();
    for [l, r] in &a.aligned {
        aligned.push((find(&left, l)?, find(&right, r)?));
    }
    let only_left = a
        .only_left
        .iter()
        .map(|s| find(&left, s))
        .collect::<Result<_>>()?;
    let only_right = a
        .only_right
        .iter()
        .map(|s| find(&right, s))
        .collect::<Result<_>>()?;
    Ok(vec![DocCase {
        name,
        left,
        right,
        aligned,
        only_left,
        only_right,
    }])
}

/// Document-level scores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocsReport {
    /// Alignment (precision, recall, F1) over gold aligned statement pairs.
    pub alignment: (f64, f64, f64),
    /// Omission (precision, recall, F1) over gold one-sided statements.
    pub omission: (f64, f64, f64),
    /// Gold aligned pairs.
    pub gold_alignments: usize,
    /// Gold one-sided statements.
    pub gold_omissions: usize,
}

/// Aligns every case and scores it. A predicted pair counts when either statement is
/// annotated (gold aligned or one-sided); a predicted omission counts when the statement is.
pub fn evaluate_docs(cases: &[DocCase], opts: &AlignOptions) -> DocsReport {
    let detectors = DetectorSet::all();
    let (mut a_ok, mut a_pred, mut a_gold) = (0, 0, 0);
    let (mut o_ok, mut o_pred, mut o_gold) = (0, 0, 0);
    for c in cases {
        let w = opts.model.weights();
        let l: Vec<Profile> = c.left.iter().map(|s| Profile::with_weights(s, w)).collect();
        let r: Vec<Profile> = c
            .right
            .iter()
            .map(|s| Profile::with_weights(s, w))
            .collect();
        let pa = align(&l, &r, &detectors, opts);
        let gold: BTreeSet<(usize, usize)> = c.aligned.iter().copied().collect();
        let known_l: BTreeSet<usize> = c
            .aligned
            .iter()
            .map(|x| x.0)
            .chain(c.only_left.iter().copied())
            .collect();
        let known_r: BTreeSet<usize> = c
            .aligned
            .iter()
            .map(|x| x.1)
            .chain(c.only_right.iter().copied())
            .collect();
        a_gold += gold.len();
        for al in &pa.alignments {
            for &i in &al.left {
                for &j in &al.right {
                    if known_l.contains(&i) || known_r.contains(&j) {
                        a_pred += 1;
                        a_ok += usize::from(gold.contains(&(i, j)));
                    }
                }
            }
        }
        o_gold += c.only_left.len() + c.only_right.len();
        for &i in &pa.only_left {
            if known_l.contains(&i) {
                o_pred += 1;
                o_ok += usize::from(c.only_left.contains(&i));
            }
        }
        for &j in &pa.only_right {
            if known_r.contains(&j) {
                o_pred += 1;
                o_ok += usize::from(c.only_right.contains(&j));
            }
        }
    }
    DocsReport {
        alignment: prf(a_ok, a_pred, a_gold),
        omission: prf(o_ok, o_pred, o_gold),
        gold_alignments: a_gold,
        gold_omissions: o_gold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(i: usize, eq: bool, a: &str, b: &str) -> MrpcPair {
        MrpcPair {
            equivalent: eq,
            id1: format!("{i}a"),
            id2: format!("{i}b"),
            s1: a.to_string(),
            s2: b.to_string(),
        }
    }

    fn sample() -> Vec<MrpcPair> {
        let topics = [
            "Erbil airport",
            "the oil ministry",
            "Basra port",
            "the central bank",
            "Mosul dam",
            "the border crossing",
            "the power grid",
            "Kirkuk refinery",
            "the wheat harvest",
            "the election commission",
        ];
        topics
            .iter()
            .enumerate()
            .map(|(i, t)| {
                pair(
                    i,
                    i % 3 != 2,
                    &format!("Officials said {t} reopened on Monday after {i} days."),
                    &format!("{t} reopened on Monday after {i} days, officials said."),
                )
            })
            .collect()
    }

    #[test]
    fn generator_is_deterministic_and_gold_is_consistent() {
        let opts = DocsOptions {
            documents: 3,
            shared: 3,
            omitted: 1,
            seed: 7,
        };
        let a = mrpc_documents(&sample(), &opts).unwrap();
        assert_eq!(a, mrpc_documents(&sample(), &opts).unwrap());
        assert_ne!(
            a,
            mrpc_documents(
                &sample(),
                &DocsOptions {
                    seed: 8,
                    ..opts.clone()
                }
            )
            .unwrap()
        );
        for c in &a {
            assert_eq!(c.left.len(), 4);
            assert_eq!(c.right.len(), 4);
            assert_eq!(c.aligned.len(), 3);
            assert_eq!((c.only_left.len(), c.only_right.len()), (1, 1));
            // Every statement is either aligned or one-sided, never both.
            for i in 0..c.left.len() {
                let n = c.aligned.iter().filter(|x| x.0 == i).count()
                    + usize::from(c.only_left.contains(&i));
                assert_eq!(n, 1);
            }
            // Shared claims are the two sentences of one equivalent pair.
            let src = sample();
            for &(i, j) in &c.aligned {
                assert!(src.iter().any(|p| p.equivalent
                    && ((p.s1 == c.left[i] && p.s2 == c.right[j])
                        || (p.s2 == c.left[i] && p.s1 == c.right[j]))));
            }
        }
    }

    #[test]
    fn evaluation_scores_alignments_and_omissions() {
        let c = DocCase {
            name: "t".into(),
            left: vec![
                "Flights at Erbil airport resumed on Monday.".into(),
                "The militias must disarm, Rubio said.".into(),
            ],
            right: vec![
                "Erbil airport flights resumed Monday.".into(),
                "Wheat prices rose sharply in Basra markets.".into(),
            ],
            aligned: vec![(0, 0)],
            only_left: vec![1],
            only_right: vec![1],
        };
        let r = evaluate_docs(&[c], &AlignOptions::default());
        assert_eq!(r.alignment, (1.0, 1.0, 1.0));
        assert_eq!(r.omission, (1.0, 1.0, 1.0));
        assert_eq!((r.gold_alignments, r.gold_omissions), (1, 2));
    }
}
