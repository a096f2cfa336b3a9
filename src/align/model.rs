//! The alignment model: boosted depth-limited trees over the pair features of
//! `profile::features`, read from a data file compiled into the binary (`model.json`), giving
//! the probability that two statements state the same claim. That probability is the
//! similarity the score matrix holds, and `threshold` is the alignment threshold.
//!
//! `model.json` is produced by `parallax eval mrpc TEST --train TRAIN --write-model
//! src/align/model.json` (docs/accuracy.md): the trainer lives in `crate::eval::train`.
//! It stays the source of truth; `build.rs` converts it into a compact form compiled into
//! the binary (`Model::shipped` decodes it without parsing JSON, a few milliseconds less
//! at every start), and a test checks that both give the same model.

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::profile::{FEATURE_NAMES, PAIR_FEATURES, SimFeatures, TermWeights, pair_features};

/// One regression tree of fixed depth, stored as a complete binary tree: internal node `k`
/// sends a feature vector right when `x[feature[k]] > split[k]`; leaves hold the additive
/// scores. A node that did not split has `split = f32::MAX` (everything goes left).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    /// Feature index per internal node (`2^depth - 1` of them, breadth first).
    pub feature: Vec<u8>,
    /// Split value per internal node.
    pub split: Vec<f32>,
    /// Leaf values (`2^depth`), learning rate already applied.
    pub leaf: Vec<f32>,
}

impl Tree {
    /// Whether the tree has the shape `eval` relies on (as many splits as internal nodes, one
    /// more leaf, feature indices below `features`): a model file read from disk is checked
    /// with this before any prediction indexes into it.
    pub fn well_formed(&self, features: usize) -> bool {
        self.split.len() == self.feature.len()
            && self.leaf.len() == self.feature.len() + 1
            && self.feature.iter().all(|&f| (f as usize) < features)
    }

    /// The leaf value for one feature vector.
    #[inline]
    pub fn eval(&self, x: &[f32; PAIR_FEATURES]) -> f32 {
        let internal = self.feature.len();
        let mut k = 0;
        while k < internal {
            let go_right = x[self.feature[k] as usize] > self.split[k];
            k = 2 * k + 1 + usize::from(go_right);
        }
        self.leaf[k - internal]
    }
}

/// A trained similarity model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// How this file was produced (command and data), for the record.
    pub provenance: String,
    /// Names of the features the trees index, in order; must equal `FEATURE_NAMES`.
    pub features: Vec<String>,
    /// Alignment threshold on the similarity: pairs at or above it state the same claim.
    pub threshold: f32,
    /// Initial log-odds.
    pub base: f32,
    /// The boosted trees (empty: fall back to a plain overlap score).
    pub trees: Vec<Tree>,
    /// Term weights used to build the profiles this model reads.
    pub weights: TermWeights,
    /// The trees in one flat array, built at the first prediction (`Flat`).
    #[serde(skip)]
    pub flat: Flat,
}

/// A depth-2 tree packed into 32 bytes: three splits and four leaves side by side, so that
/// walking 500 trees reads one contiguous array instead of three vectors per tree.
#[derive(Clone, Copy, Debug)]
struct Tree2 {
    feature: [u8; 3],
    split: [f32; 3],
    leaf: [f32; 4],
}

impl Tree2 {
    #[inline]
    fn eval(&self, x: &[f32; PAIR_FEATURES]) -> f32 {
        let r = usize::from(x[self.feature[0] as usize] > self.split[0]);
        let k = 1 + r;
        let r2 = usize::from(x[self.feature[k] as usize] > self.split[k]);
        self.leaf[2 * r + r2]
    }
}

/// Cache of the packed trees. It is tied to the tree vector it was built from (address and
/// length): a model whose `trees` were replaced falls back to walking `trees`, and a clone
/// starts with an empty cache. Never part of equality or of the model file.
#[derive(Debug, Default)]
pub struct Flat(OnceLock<(usize, usize, Option<Vec<Tree2>>)>);

impl Clone for Flat {
    fn clone(&self) -> Self {
        Flat::default()
    }
}

impl PartialEq for Flat {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The JSON source of the shipped model (tests compare the compact form with it).
#[cfg(test)]
const SHIPPED: &str = include_str!("model.json");

/// The compact form of `model.json` written by `build.rs` (its doc describes the files).
mod compact {
    pub const HEAD: &str = include_str!(concat!(env!("OUT_DIR"), "/model.head"));
    pub const NUM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.num"));
    include!(concat!(env!("OUT_DIR"), "/model.terms.rs"));
    /// The three term tables, merged, read in place.
    pub static TERMS: crate::profile::features::StaticTerms =
        crate::profile::features::StaticTerms {
            keys: include_str!(concat!(env!("OUT_DIR"), "/model.terms.keys")),
            ends: &TERM_ENDS,
            vals: &TERM_VALS,
            has: &TERM_HAS,
            slots: &TERM_SLOTS,
        };
}

impl Model {
    /// The model compiled into the binary.
    pub fn shipped() -> &'static Model {
        Self::shipped_arc().as_ref()
    }

    /// The shipped model behind an `Arc`, to put into `AlignOptions`.
    pub fn shipped_arc() -> &'static Arc<Model> {
        static M: OnceLock<Arc<Model>> = OnceLock::new();
        M.get_or_init(|| Arc::new(Model::decode_shipped()))
    }

    /// The shipped model from its compact form (`build.rs`), checked like a model file.
    fn decode_shipped() -> Model {
        let mut words = compact::NUM
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let mut next = || words.next().expect("model.num is complete");
        let (threshold, base, default) = (
            f32::from_bits(next()),
            f32::from_bits(next()),
            f32::from_bits(next()),
        );
        let trees = (0..next())
            .map(|_| {
                let n = next() as usize;
                let feature = (0..n).map(|_| next() as u8).collect();
                let split = (0..n).map(|_| f32::from_bits(next())).collect();
                let leaves = next() as usize;
                let leaf = (0..leaves).map(|_| f32::from_bits(next())).collect();
                Tree {
                    feature,
                    split,
                    leaf,
                }
            })
            .collect();
        let mut head = compact::HEAD.split('\n');
        let m = Model {
            provenance: head.next().unwrap_or_default().to_string(),
            features: head.map(str::to_string).collect(),
            threshold,
            base,
            trees,
            // Read in place: no table is built at start-up (`TermWeights::in_place`).
            weights: TermWeights::in_place(&compact::TERMS, default),
            flat: Flat::default(),
        };
        m.check().expect("src/align/model.json is a valid model")
    }

    /// Parses and checks a model file.
    pub fn from_json(text: &str) -> Result<Model> {
        let m: Model =
            serde_json::from_str(text).map_err(|e| Error::Usage(format!("model: {e}")))?;
        m.check()
    }

    /// Checks a model read from a file: the feature list it was trained on and the shape
    /// of its trees.
    fn check(self) -> Result<Model> {
        let m = self;
        if m.features != FEATURE_NAMES {
            return Err(Error::Usage(
                "model: trained on a different feature list".to_string(),
            ));
        }
        for t in &m.trees {
            if !t.well_formed(PAIR_FEATURES) {
                return Err(Error::Usage("model: malformed tree".to_string()));
            }
        }
        Ok(m)
    }

    /// Serialises the model (pretty enough to diff, one tree per line is not needed).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string(self).expect("model serialises");
        s.push('\n');
        s
    }

    /// The term weights profiles must be built with for this model.
    pub fn weights(&self) -> &TermWeights {
        &self.weights
    }

    /// Similarity in [0, 1] of two statements' features.
    #[inline]
    pub fn similarity(&self, a: &SimFeatures, b: &SimFeatures) -> f32 {
        self.predict(&pair_features(a, b))
    }

    /// Similarity in [0, 1] of one pair-feature vector.
    pub fn predict(&self, x: &[f32; PAIR_FEATURES]) -> f32 {
        if self.trees.is_empty() {
            // Untrained fallback: stem Dice softened by containment.
            return (0.7 * x[3] + 0.3 * x[5]).clamp(0.0, 1.0);
        }
        // Same trees in the same order, summed the same way: the same bits as the walk.
        let f = match self.packed() {
            Some(flat) => self.base + flat.iter().map(|t| t.eval(x)).sum::<f32>(),
            None => self.base + self.trees.iter().map(|t| t.eval(x)).sum::<f32>(),
        };
        sigmoid(f)
    }

    /// `predict` of four feature vectors at once: the same bits as four calls. One call
    /// is a chain of 500 dependent float additions (the order fixes the bits, so it cannot be
    /// split); four interleaved chains keep the core busy while each addition waits for the
    /// previous one.
    pub fn predict4(&self, x: [&[f32; PAIR_FEATURES]; 4]) -> [f32; 4] {
        let Some(flat) = self.packed().filter(|_| !self.trees.is_empty()) else {
            return x.map(|x| self.predict(x));
        };
        sum_lanes(flat, &x).map(|a| sigmoid(self.base + a))
    }

    /// `predict` of eight feature vectors at once: the same bits as eight calls. Where the
    /// CPU has AVX2 the eight lanes are one 256-bit vector, so a tree costs about what it
    /// costs `predict4` for four pairs (checked at run time: the default target has no
    /// AVX2); elsewhere two `predict4`.
    pub fn predict8(&self, x: [&[f32; PAIR_FEATURES]; 8]) -> [f32; 8] {
        #[cfg(target_arch = "x86_64")]
        if let Some(flat) = self.packed().filter(|_| !self.trees.is_empty())
            && std::arch::is_x86_feature_detected!("avx2")
        {
            // SAFETY: `sum_lanes_avx2` only needs AVX2, which the CPU has (checked above).
            let acc = unsafe { sum_lanes_avx2(flat, &x) };
            return acc.map(|a| sigmoid(self.base + a));
        }
        let lo = self.predict4([x[0], x[1], x[2], x[3]]);
        let hi = self.predict4([x[4], x[5], x[6], x[7]]);
        std::array::from_fn(|k| if k < 4 { lo[k] } else { hi[k - 4] })
    }

    /// `predict` of sixteen feature vectors at once: the same bits as sixteen calls. With
    /// AVX2, two 256-bit vectors per row: each tree's feature indices, splits and leaves
    /// are read once for sixteen pairs instead of eight.
    pub fn predict16(&self, x: [&[f32; PAIR_FEATURES]; 16]) -> [f32; 16] {
        #[cfg(target_arch = "x86_64")]
        if let Some(flat) = self.packed().filter(|_| !self.trees.is_empty())
            && std::arch::is_x86_feature_detected!("avx2")
        {
            // SAFETY: `sum_lanes16_avx2` only needs AVX2, which the CPU has (checked above).
            let acc = unsafe { sum_lanes16_avx2(flat, &x) };
            return acc.map(|a| sigmoid(self.base + a));
        }
        let lo = self.predict8(std::array::from_fn(|k| x[k]));
        let hi = self.predict8(std::array::from_fn(|k| x[k + 8]));
        std::array::from_fn(|k| if k < 8 { lo[k] } else { hi[k - 8] })
    }

    /// The packed trees, if every tree has depth 2 and `trees` is the vector they were
    /// packed from.
    fn packed(&self) -> Option<&[Tree2]> {
        let key = (self.trees.as_ptr() as usize, self.trees.len());
        let (ptr, len, flat) = self.flat.0.get_or_init(|| {
            // Only when every tree has depth 2 (the shipped shape); others walk `trees`.
            let flat = self
                .trees
                .iter()
                .map(|t| {
                    // `sum_lanes` relies on every packed feature index being below
                    // `PAIR_FEATURES` (a model that skipped `check` walks `trees`).
                    let ok = t.feature.len() == 3
                        && t.feature.iter().all(|&f| usize::from(f) < PAIR_FEATURES);
                    ok.then(|| Tree2 {
                        feature: [t.feature[0], t.feature[1], t.feature[2]],
                        split: [t.split[0], t.split[1], t.split[2]],
                        leaf: [t.leaf[0], t.leaf[1], t.leaf[2], t.leaf[3]],
                    })
                })
                .collect();
            (key.0, key.1, flat)
        });
        match flat {
            Some(flat) if (*ptr, *len) == key => Some(flat),
            _ => None,
        }
    }
}

/// The sums of the trees' leaves for `N` feature vectors at once, each lane adding the same
/// leaves in the same order as `Tree2::eval` in `predict` (so the same bits). One sum is a
/// chain of 500 dependent float additions (the order fixes the bits, so it cannot be
/// split); `N` interleaved chains keep the core busy while each addition waits for the
/// previous one.
#[inline(always)]
fn sum_lanes<const N: usize>(flat: &[Tree2], x: &[&[f32; PAIR_FEATURES]; N]) -> [f32; N] {
    // The vectors transposed: one feature of the `N` pairs is one row, so each node is one
    // load and one vector compare for all of them (read without a bounds check: `packed`
    // keeps only trees whose feature indices are below `PAIR_FEATURES`).
    let mut xt = [[0.0f32; N]; PAIR_FEATURES];
    for (l, x) in x.iter().enumerate() {
        for (row, &v) in xt.iter_mut().zip(x.iter()) {
            row[l] = v;
        }
    }
    // `Sum` for floats starts from -0.0, the identity of addition (and the result only
    // enters `base + sum`, where a zero's sign cannot change the sigmoid).
    let mut acc = [-0.0f32; N];
    for t in flat {
        // SAFETY: `packed` only packs trees whose feature indices are below
        // `PAIR_FEATURES` (the rows of `xt`), and `Tree2` is built nowhere else.
        let [a, b, c] = t
            .feature
            .map(|f| unsafe { *xt.get_unchecked(usize::from(f)) });
        // Branch-free selects on the bit patterns (masks of all ones or zeros), which
        // stay in vector registers instead of becoming scalar leaf loads.
        let pick = |c: bool, hi: f32, lo: f32| {
            let m = u32::from(c).wrapping_neg();
            f32::from_bits((m & hi.to_bits()) | (!m & lo.to_bits()))
        };
        for l in 0..N {
            let left = pick(b[l] > t.split[1], t.leaf[1], t.leaf[0]);
            let right = pick(c[l] > t.split[2], t.leaf[3], t.leaf[2]);
            acc[l] += pick(a[l] > t.split[0], right, left);
        }
    }
    acc
}

/// `sum_lanes` over eight lanes compiled for AVX2 (one 256-bit vector per row). The same
/// operations lane by lane (compares, bit selects, additions: no fused or reordered
/// arithmetic), hence the same bits.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn sum_lanes_avx2(flat: &[Tree2], x: &[&[f32; PAIR_FEATURES]; 8]) -> [f32; 8] {
    sum_lanes(flat, x)
}

/// `sum_lanes` over sixteen lanes compiled for AVX2 (two 256-bit vectors per row), as
/// `sum_lanes_avx2`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn sum_lanes16_avx2(flat: &[Tree2], x: &[&[f32; PAIR_FEATURES]; 16]) -> [f32; 16] {
    sum_lanes(flat, x)
}

/// The logistic function, clamped so that the result stays a finite number in [0, 1].
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x.clamp(-30.0, 30.0)).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_parses_and_scores_in_unit_range() {
        let m = Model::shipped();
        assert!(m.threshold > 0.0 && m.threshold < 1.0);
        let a = crate::profile::Profile::new("Iraq's prime minister spoke with Rubio.");
        let b = crate::profile::Profile::new("Flights resumed at Erbil airport on Monday.");
        let same = m.similarity(&a.sim, &a.sim);
        let diff = m.similarity(&a.sim, &b.sim);
        assert!((0.0..=1.0).contains(&same) && (0.0..=1.0).contains(&diff));
        assert!(same >= m.threshold, "identical statements align: {same}");
        assert!(diff < m.threshold, "unrelated statements do not: {diff}");
    }

    #[test]
    fn tree_walks_to_the_right_leaf() {
        let t = Tree {
            feature: vec![0, 1, 2],
            split: vec![0.5, 0.5, f32::MAX],
            leaf: vec![1.0, 2.0, 3.0, 4.0],
        };
        let mut x = [0.0; PAIR_FEATURES];
        assert_eq!(t.eval(&x), 1.0);
        x[1] = 1.0;
        assert_eq!(t.eval(&x), 2.0);
        x[0] = 1.0;
        assert_eq!(t.eval(&x), 3.0, "unsplit node sends everything left");
    }

    #[test]
    fn packed_trees_predict_the_same_bits_as_the_walk() {
        let m = Model::shipped();
        let texts = [
            "Iraq's prime minister spoke with Rubio.",
            "Rubio spoke with the Iraqi prime minister on Tuesday.",
            "Flights resumed at Erbil airport on Monday.",
        ];
        for a in texts {
            for b in texts {
                let x = pair_features(
                    &crate::profile::Profile::new(a).sim,
                    &crate::profile::Profile::new(b).sim,
                );
                let walk = sigmoid(m.base + m.trees.iter().map(|t| t.eval(&x)).sum::<f32>());
                assert_eq!(m.predict(&x).to_bits(), walk.to_bits());
            }
        }
        // Four at a time: the same bits as one at a time.
        let profiles: Vec<_> = texts
            .iter()
            .map(|t| crate::profile::Profile::new(t))
            .collect();
        let xs: Vec<_> = (0..4)
            .map(|k| pair_features(&profiles[k % 3].sim, &profiles[(k * 2 + 1) % 3].sim))
            .collect();
        let four = m.predict4([&xs[0], &xs[1], &xs[2], &xs[3]]);
        for (x, got) in xs.iter().zip(four) {
            assert_eq!(got.to_bits(), m.predict(x).to_bits());
        }
        // Eight at a time (AVX2 where the CPU has it): the same bits too.
        let xs8: Vec<_> = (0..8)
            .map(|k| pair_features(&profiles[k % 3].sim, &profiles[(k * 5 + 2) % 3].sim))
            .collect();
        let eight = m.predict8(std::array::from_fn(|k| &xs8[k]));
        for (x, got) in xs8.iter().zip(eight) {
            assert_eq!(got.to_bits(), m.predict(x).to_bits());
        }
        // Sixteen at a time: the same bits too.
        let xs16: Vec<_> = (0..16)
            .map(|k| pair_features(&profiles[k % 3].sim, &profiles[(k * 7 + 1) % 3].sim))
            .collect();
        let sixteen = m.predict16(std::array::from_fn(|k| &xs16[k]));
        for (x, got) in xs16.iter().zip(sixteen) {
            assert_eq!(got.to_bits(), m.predict(x).to_bits());
        }
        // A model whose trees were replaced after a prediction does not use the stale cache.
        let mut other = m.clone();
        let x = [0.0; PAIR_FEATURES];
        let _ = other.predict(&x);
        other.trees.truncate(1);
        let walk = sigmoid(other.base + other.trees[0].eval(&x));
        assert_eq!(other.predict(&x).to_bits(), walk.to_bits());
    }

    #[test]
    fn compact_form_is_the_json_model() {
        // `build.rs` converts model.json; the binary must hold the very same model, bit for
        // bit (the JSON writes each float's shortest form, so equal text is equal bits).
        let json = Model::from_json(SHIPPED).unwrap();
        let shipped = Model::shipped();
        assert_eq!(shipped, &json);
        assert_eq!(shipped.to_json(), SHIPPED);
        // A clone holds ordinary tables, built from the ones read in place.
        let owned = shipped.weights.clone();
        assert_eq!(owned, json.weights);
        assert_eq!(owned.idf.len(), json.weights.idf.len());
        assert!(owned.idf.len() > 1000 && !owned.cost.is_empty() && !owned.gain.is_empty());
    }

    #[test]
    fn in_place_tables_give_the_json_values_for_every_stem() {
        let json = Model::from_json(SHIPPED).unwrap();
        let (w, shipped) = (&json.weights, Model::shipped().weights());
        let stems = w.idf.keys().chain(w.cost.keys()).chain(w.gain.keys());
        let mut n = 0;
        for s in stems
            .map(String::as_str)
            .chain(["", "zzunseenzz", "said", "not", "\u{e9}t\u{e9}"])
        {
            let want = [w.weight(s), w.cost(s), w.gain(s)];
            let got = [shipped.weight(s), shipped.cost(s), shipped.gain(s)];
            assert_eq!(got.map(f32::to_bits), want.map(f32::to_bits), "{s}");
            n += 1;
        }
        assert!(n > 1000, "the shipped tables are read: {n}");
    }

    #[test]
    fn shipped_file_round_trips_byte_for_byte() {
        // The term tables are read in bulk (`features::bulk_map`): nothing may be lost.
        assert_eq!(Model::from_json(SHIPPED).unwrap().to_json(), SHIPPED);
    }

    #[test]
    fn rejects_other_feature_lists() {
        let mut m = Model::shipped().clone();
        m.features.pop();
        assert!(Model::from_json(&m.to_json()).is_err());
    }
}
