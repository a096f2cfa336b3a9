//! N-way coverage: groups the statements of all sources into claims and says, per claim and
//! source, whether the source carries it as the others do, reframes it, contradicts it or
//! leaves it out.
//!
//! Grouping is a union-find over the pairwise alignments already in the report: every
//! statement is a node, and each alignment joins its left and right statements, strongest
//! alignment first. A join that would put two statements of one source into the same claim
//! is refused (except the parts of a one-to-many split), so chains of pairwise links cannot
//! glue distinct claims together. A claim is one component, so every statement of every
//! source lands in exactly one claim (statements no other source aligns with are claims of
//! their own). Working from the finished comparisons means no statement is scored twice.
//!
//! A cell is decided by majority, so that one dissenting source does not mark the sources
//! that agree with each other: a source is `contradicted` when more than half of the other
//! sources aligned with it in the claim contradict it, `reframed` when more than half reframe
//! or contradict it, otherwise `present`. Sources in the claim only through a third source
//! (no direct alignment) do not vote. With two sources this is simply the pair's relation.

use serde::{Deserialize, Serialize};

use crate::classify::Relation;
use crate::report::{ClaimReport, ComparisonReport, Coverage, DocumentReport, round3};

/// Groups statements into claims, most divergent first (ties: by the first statement of the
/// first source carrying the claim). `comparisons` must cover the given documents.
pub fn group(documents: &[DocumentReport], comparisons: &[ComparisonReport]) -> Vec<ClaimReport> {
    let offsets: Vec<usize> = documents
        .iter()
        .scan(0, |acc, d| {
            let o = *acc;
            *acc += d.statements.len();
            Some(o)
        })
        .collect();
    let total: usize = documents.iter().map(|d| d.statements.len()).sum();
    let doc_of: Vec<usize> = documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| std::iter::repeat_n(d, doc.statements.len()))
        .collect();
    let mut uf = UnionFind::new(&doc_of);
    // Strongest alignments first (ties in report order), so that when two links compete
    // for a claim, the better one wins; the order is fixed, so claims are deterministic.
    let mut links: Vec<(usize, usize)> = comparisons
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| (0..c.alignments.len()).map(move |ai| (ci, ai)))
        .collect();
    links.sort_by(|&(ca, aa), &(cb, ab)| {
        let (x, y) = (
            &comparisons[ca].alignments[aa],
            &comparisons[cb].alignments[ab],
        );
        y.score.total_cmp(&x.score)
    });
    for (ci, ai) in links {
        let (c, a) = (&comparisons[ci], &comparisons[ci].alignments[ai]);
        let side = |doc: usize, idx: &[usize], uf: &mut UnionFind| -> Option<usize> {
            let first = offsets[doc] + *idx.first()?;
            // A one-to-many split belongs together whatever else it joins.
            idx[1..]
                .iter()
                .for_each(|&i| uf.union(first, offsets[doc] + i, true));
            Some(first)
        };
        if let (Some(l), Some(r)) = (
            side(c.left, &a.left, &mut uf),
            side(c.right, &a.right, &mut uf),
        ) {
            uf.union(l, r, false);
        }
    }

    // Components in order of their first node (document order, then statement order).
    let mut claim_of_root = vec![usize::MAX; total];
    let mut members: Vec<Vec<Vec<usize>>> = Vec::new();
    for (d, doc) in documents.iter().enumerate() {
        for i in 0..doc.statements.len() {
            let root = uf.find(offsets[d] + i);
            if claim_of_root[root] == usize::MAX {
                claim_of_root[root] = members.len();
                members.push(vec![Vec::new(); documents.len()]);
            }
            members[claim_of_root[root]][d].push(i);
        }
    }

    // Relations between sources within each claim: worst relation per (claim, a, b).
    let n = documents.len();
    let mut rel: Vec<Vec<Option<Relation>>> = vec![vec![None; n * n]; members.len()];
    for c in comparisons {
        for a in &c.alignments {
            let (Some(&first), Some(&other)) = (a.left.first(), a.right.first()) else {
                continue;
            };
            let root = uf.find(offsets[c.left] + first);
            if root != uf.find(offsets[c.right] + other) {
                continue; // a link that lost to a stronger one: no verdict in either claim
            }
            let k = claim_of_root[root];
            for (x, y) in [(c.left, c.right), (c.right, c.left)] {
                let cell = &mut rel[k][x * n + y];
                *cell = Some(match *cell {
                    Some(old) if severity(old) >= severity(a.relation) => old,
                    _ => a.relation,
                });
            }
        }
    }

    let mut claims: Vec<(usize, ClaimReport)> = members
        .into_iter()
        .enumerate()
        .map(|(k, statements)| {
            let carriers: Vec<usize> = (0..n).filter(|&d| !statements[d].is_empty()).collect();
            let cells: Vec<Coverage> = (0..n)
                .map(|d| {
                    if statements[d].is_empty() {
                        return Coverage::Absent;
                    }
                    let (mut others, mut contra, mut reframed) = (0, 0, 0);
                    for &e in carriers.iter().filter(|&&e| e != d) {
                        match rel[k][d * n + e] {
                            Some(Relation::Contradicted) => contra += 1,
                            Some(Relation::Reframed) => reframed += 1,
                            Some(Relation::Shared) => {}
                            // Only in the claim through a third source: no direct verdict.
                            None => continue,
                        }
                        others += 1;
                    }
                    if 2 * contra > others {
                        Coverage::Contradicted
                    } else if 2 * (contra + reframed) > others {
                        Coverage::Reframed
                    } else {
                        Coverage::Present
                    }
                })
                .collect();
            let (source, statement) = shortest(documents, &statements);
            let weight: f64 = cells.iter().map(|c| c.weight()).sum();
            let claim = ClaimReport {
                text: documents[source].statements[statement].text.clone(),
                source,
                statements,
                cells,
                divergence: round3((weight / n.max(1) as f64) as f32),
            };
            (k, claim)
        })
        .collect();
    // Stable order: divergence descending, then order of first appearance.
    claims.sort_by(|(ka, a), (kb, b)| {
        b.divergence
            .partial_cmp(&a.divergence)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(ka.cmp(kb))
    });
    claims.into_iter().map(|(_, c)| c).collect()
}

/// The claim's shortest wording (in characters; ties go to the earlier source and statement).
fn shortest(documents: &[DocumentReport], statements: &[Vec<usize>]) -> (usize, usize) {
    let mut best: Option<(usize, usize, usize)> = None;
    for (d, idx) in statements.iter().enumerate() {
        for &i in idx {
            let len = documents[d].statements[i].text.chars().count();
            if best.is_none_or(|(l, _, _)| len < l) {
                best = Some((len, d, i));
            }
        }
    }
    best.map(|(_, d, i)| (d, i)).unwrap_or((0, 0))
}

fn severity(r: Relation) -> u8 {
    match r {
        Relation::Shared => 0,
        Relation::Reframed => 1,
        Relation::Contradicted => 2,
    }
}

/// Per-source totals over a set of claims: how many claims each source leaves out, reframes
/// and contradicts (the batch summary ranks outlets by these).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceTotals {
    /// Claims the source carries as the others do.
    pub present: usize,
    /// Claims it reframes.
    pub reframed: usize,
    /// Claims it contradicts.
    pub contradicted: usize,
    /// Claims other sources carry and it leaves out.
    pub omitted: usize,
}

/// Counts each source's cells over all claims (`n` sources).
pub fn totals(claims: &[ClaimReport], n: usize) -> Vec<SourceTotals> {
    let mut t = vec![SourceTotals::default(); n];
    for c in claims {
        for (d, cell) in c.cells.iter().enumerate().take(n) {
            match cell {
                Coverage::Present => t[d].present += 1,
                Coverage::Reframed => t[d].reframed += 1,
                Coverage::Contradicted => t[d].contradicted += 1,
                Coverage::Absent => t[d].omitted += 1,
            }
        }
    }
    t
}

/// Union-find with path halving and union by size, which also keeps, per component, the
/// sorted list of sources it holds statements of.
struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
    sources: Vec<Vec<usize>>,
}

impl UnionFind {
    fn new(doc_of: &[usize]) -> Self {
        UnionFind {
            parent: (0..doc_of.len()).collect(),
            size: vec![1; doc_of.len()],
            sources: doc_of.iter().map(|&d| vec![d]).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the components of `a` and `b`. Unless `force`, refuses when
    /// both already hold a statement of the same source: a claim is said once per source, and
    /// this keeps chains of pairwise links (A1~B1, B1~C1, C1~A5) from gluing distinct claims.
    fn union(&mut self, a: usize, b: usize, force: bool) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b || (!force && shares(&self.sources[a], &self.sources[b])) {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
        let moved = std::mem::take(&mut self.sources[b]);
        let merged = &mut self.sources[a];
        merged.extend(moved);
        merged.sort_unstable();
        merged.dedup();
    }
}

/// True when two sorted lists have an element in common.
fn shares(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests;
