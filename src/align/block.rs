//! Candidate blocking for long documents: instead of scoring all n×m statement pairs, score
//! only the pairs that share a *rare* content stem or a rare number, found through an inverted
//! index over the two documents. "Rare" is measured within the pair of documents: a key held
//! by at most `max_df` statements (both sides together), i.e. a high IDF there.
//!
//! When blocking gives the same alignment as dense scoring: the matching only ever uses a
//! pair whose score reaches the context floor (`context_threshold`), the one-to-many merge
//! floor (`0.6 × threshold`) or the threshold. An unscored pair counts as 0, so the result is
//! identical to dense scoring whenever every pair that shares no rare key scores below
//! `min(context_threshold, 0.6 × threshold)`. Two statements stating the same claim almost
//! always share a rare name, stem or figure; what blocking can lose is a pair that shares only
//! words frequent in *these* documents ("He said so." vs "She said so." in a long text).
//! Tests check blocked = dense on the fixtures, the generated long articles and generated
//! documents.
//!
//! Cost: postings longer than `max_df` are never expanded, so building the candidates costs
//! at most `max_df` visits per key occurrence, whatever the documents.

use rustc_hash::FxHashMap as HashMap;

use crate::profile::{Profile, hash_str};

/// Blocking options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockOptions {
    /// Use blocking when `left.len() × right.len()` exceeds this; smaller pairs are scored
    /// densely (below 16 × 16 the index costs about what it saves). At batch sizes (~30
    /// statements a side) every key is rare, so blocking only skips pairs sharing no
    /// content stem, stem pair or number (docs/performance.md: same output, 2.6× less CPU).
    pub min_cells: usize,
    /// A key (content stem or number) is rare when at most this many statements of the two
    /// documents hold it.
    pub max_df: usize,
}

impl Default for BlockOptions {
    fn default() -> Self {
        BlockOptions {
            min_cells: 256,
            max_df: 48,
        }
    }
}

/// The blocking keys of one statement: content stems and numbers (numbers hashed apart from
/// words so that "3" the figure and a stem never collide by design), appended to `out`
/// with the statement's id, in any order and possibly repeated (`candidates` sorts and
/// deduplicates them all at once).
fn push_keys(p: &Profile, id: u32, out: &mut Vec<(u64, u32)>) {
    out.extend(p.content.iter().map(|&k| (k, id)));
    out.extend(
        p.sim
            .numbers
            .iter()
            .map(|bits| (hash_str("#num") ^ bits.rotate_left(7), id)),
    );
    // Adjacent content stems: in repetitive prose every stem may be frequent while the pair
    // of them that makes a statement stays rare.
    out.extend(p.sim.seq.windows(2).map(|w| {
        (
            hash_str("#pair") ^ (u64::from(w[0]) << 32 | u64::from(w[1])),
            id,
        )
    }));
}

/// For every left statement, the right statements (ascending) sharing at least one rare key
/// with it.
///
/// All `(key, statement)` pairs of both sides in one sorted, deduplicated vector (left
/// statements numbered first): each key's statements are then one run, its length the
/// key's document frequency, and a rare key's run pairs its left statements with its right
/// ones. The pairs, as `(left << 32) | right`, sorted and deduplicated, are the rows. The
/// same rows as postings in hash maps, without a map or a vector per key.
pub(super) fn candidates(left: &[Profile], right: &[Profile], opts: BlockOptions) -> Vec<Vec<u32>> {
    let n = left.len() as u32;
    let mut all: Vec<(u64, u32)> = Vec::new();
    for (i, p) in left.iter().enumerate() {
        push_keys(p, i as u32, &mut all);
    }
    for (j, p) in right.iter().enumerate() {
        push_keys(p, n + j as u32, &mut all);
    }
    // Each rare key's right statements (`members[gstart[g]..gstart[g + 1]]`), and for each
    // left statement the rare keys it holds (`(left, g)`).
    let (mut members, mut gstart, mut links) = (Vec::new(), vec![0u32], Vec::new());
    let mut ids: Vec<u32> = Vec::new();
    let start = bucket_by_key(&mut all);
    for w in start.windows(2) {
        // Equal keys share a bucket: sorted, each key's statements are one run.
        let bucket = &mut all[w[0] as usize..w[1] as usize];
        bucket.sort_unstable();
        let mut rest = &bucket[..];
        while let Some(&(key, _)) = rest.first() {
            let len = rest.iter().take_while(|e| e.0 == key).count();
            let (run, tail) = rest.split_at(len);
            rest = tail;
            // The statements holding the key, each once, left ones first (ids ascending).
            ids.clear();
            ids.extend(run.iter().map(|e| e.1));
            ids.dedup();
            if ids.len() > opts.max_df {
                continue;
            }
            let split = ids.partition_point(|&id| id < n);
            let (l, r) = ids.split_at(split);
            if l.is_empty() || r.is_empty() {
                continue;
            }
            let g = gstart.len() as u32 - 1;
            members.extend(r.iter().map(|&j| j - n));
            gstart.push(members.len() as u32);
            links.extend(l.iter().map(|&i| (i, g)));
        }
    }
    // A stamp per right statement dedups a row without clearing a bitmap per row.
    links.sort_unstable();
    let mut stamp = vec![u32::MAX; right.len()];
    let mut rows = vec![Vec::new(); left.len()];
    for run in links.chunk_by(|a, b| a.0 == b.0) {
        let i = run[0].0;
        let row = &mut rows[i as usize];
        for &(_, g) in run {
            for &j in &members[gstart[g as usize] as usize..gstart[g as usize + 1] as usize] {
                if stamp[j as usize] != i {
                    stamp[j as usize] = i;
                    row.push(j);
                }
            }
        }
        row.sort_unstable();
    }
    rows
}

/// `entries` grouped by key: one counting-sort pass on the key's low bits (keys are
/// hashes, so the buckets are even), which puts equal keys in the same bucket. Cheaper
/// than sorting every entry: only the buckets (a few entries each) are sorted. Returns the
/// start of each bucket, and the end.
fn bucket_by_key(entries: &mut Vec<(u64, u32)>) -> Vec<u32> {
    let bits = (entries.len() / 4)
        .max(16)
        .next_power_of_two()
        .trailing_zeros()
        .min(16);
    let mask = (1u64 << bits) - 1;
    let mut start = vec![0u32; (1usize << bits) + 1];
    for e in entries.iter() {
        start[(e.0 & mask) as usize + 1] += 1;
    }
    for b in 1..start.len() {
        start[b] += start[b - 1];
    }
    let mut fill = start.clone();
    let mut out = vec![(0u64, 0u32); entries.len()];
    for &e in entries.iter() {
        let b = (e.0 & mask) as usize;
        out[fill[b] as usize] = e;
        fill[b] += 1;
    }
    *entries = out;
    start
}

/// Inverted index of one side's content stems, to find which statements can cover a given
/// one (the one-to-many merge) without trying them all.
pub(super) struct ContentIndex {
    postings: HashMap<u64, Vec<u32>>,
}

impl ContentIndex {
    pub(super) fn new(side: &[Profile]) -> Self {
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::default();
        for (i, p) in side.iter().enumerate() {
            for &k in &p.content {
                postings.entry(k).or_default().push(i as u32);
            }
        }
        ContentIndex { postings }
    }

    /// Every statement `big` of the indexed side with `containment(small, big) >= share`
    /// is in the result (ascending, deduplicated), by prefix filtering: with `len` stems in
    /// `small` and at least `need` of them required, any such `big` holds one of `small`'s
    /// `len - need + 1` rarest stems. Others may be in the result too. `None` when every
    /// statement qualifies (`share <= 0`).
    pub(super) fn covering(&self, small: &Profile, share: f32) -> Option<Vec<u32>> {
        let len = small.content.len();
        // The least count that reaches `share`, with the same float arithmetic as the check.
        let need = (0..=len).find(|&c| c as f32 / len.max(1) as f32 >= share)?;
        if need == 0 {
            return None;
        }
        let mut stems: Vec<(usize, u64)> = small
            .content
            .iter()
            .map(|k| (self.postings.get(k).map_or(0, Vec::len), *k))
            .collect();
        stems.sort_unstable();
        let mut out: Vec<u32> = stems[..len - need + 1]
            .iter()
            .filter_map(|(_, k)| self.postings.get(k))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(texts: &[&str]) -> Vec<Profile> {
        texts.iter().map(|t| Profile::new(t)).collect()
    }

    #[test]
    fn pairs_sharing_a_rare_stem_or_number_are_candidates() {
        let left = docs(&[
            "Rubio spoke with al-Sudani on Tuesday.",
            "The ministry reported 17 casualties.",
            "Officials said talks went well.",
        ]);
        let right = docs(&[
            "Officials said 17 people were hurt.",
            "Al-Sudani and Rubio held a call.",
            "Flights resumed at Erbil airport.",
        ]);
        let c = candidates(&left, &right, BlockOptions::default());
        assert_eq!(c[0], [1], "rubio, al-sudani");
        assert_eq!(c[1], [0], "the number 17");
        assert_eq!(c[2], [0], "officials, said");
    }

    #[test]
    fn frequent_keys_do_not_block() {
        let left = docs(&["Officials said talks went well.", "Officials said no."]);
        let right = docs(&["Officials said it rained.", "Officials met."]);
        // "officials" is held by all four statements: not rare at max_df 3.
        let opts = BlockOptions {
            max_df: 3,
            ..BlockOptions::default()
        };
        let c = candidates(&left, &right, opts);
        assert_eq!(c[0], [0], "said is held by three statements");
        assert_eq!(c[1], [0]);
    }

    #[test]
    fn covering_keeps_every_statement_that_can_reach_the_share() {
        let side = docs(&[
            "Rubio urged Iraq to disarm militias.",
            "Iraq said militias would not disarm.",
            "Flights resumed at Erbil airport.",
        ]);
        let index = ContentIndex::new(&side);
        let small = Profile::new("Militias must disarm, Rubio said.");
        let got = index.covering(&small, 0.6).unwrap();
        for (i, big) in side.iter().enumerate() {
            let c = crate::profile::intersect_count(&small.content, &big.content) as f32
                / small.content.len() as f32;
            if c >= 0.6 {
                assert!(got.contains(&(i as u32)), "{i} covers {c}");
            }
        }
        assert!(!got.contains(&2));
        assert!(index.covering(&small, 0.0).is_none());
    }
}
