//! Picks alignments from the score matrix: the optimal one-to-one assignment (Hungarian:
//! `kuhn_munkres`, `pathfinding::kuhn_munkres` step for step on plain arrays) over the pairs
//! above the threshold, solved per connected component so that large documents stay fast,
//! then one-to-many merges.
//!
//! Why not greedy: on repetitive diplomatic prose the best-scoring pair can steal the only
//! partner of another statement (CRATES.md §4: 0.90/0.85/0.86/0.10 gives greedy one pair,
//! the optimum two). Ties break by index, never by hash order.

use super::block::ContentIndex;
use super::{AlignOptions, Alignment, PairAlignment, ScoreMatrix};
use crate::profile::{Profile, intersect_count};

/// Scores are scaled to integers for the assignment solver (it needs `Ord` weights).
const SCALE: f32 = 1_000_000.0;

pub(super) fn assign(
    m: &ScoreMatrix,
    left: &[Profile],
    right: &[Profile],
    opts: &AlignOptions,
) -> PairAlignment {
    let (n, k) = (m.rows, m.cols);
    // Union-find over rows (0..n) and columns (n..n+k) joined by candidate edges.
    let mut parent: Vec<usize> = (0..n + k).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for i in 0..n {
        for (j, s) in m.row(i) {
            if s >= opts.threshold {
                let (a, b) = (find(&mut parent, i), find(&mut parent, n + j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> =
        Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().0.push(i);
    }
    for j in 0..k {
        let r = find(&mut parent, n + j);
        groups.entry(r).or_default().1.push(j);
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (rows, cols) in groups.values() {
        if rows.is_empty() || cols.is_empty() {
            continue;
        }
        if rows.len() == 1 && cols.len() == 1 {
            pairs.push((rows[0], cols[0]));
            continue;
        }
        pairs.extend(solve(m, rows, cols, opts.threshold));
    }
    if n >= 2 && k >= 2 {
        pairs.extend(mutual_best(m, &pairs, opts.context_threshold));
    }
    pairs.sort_unstable();

    let mut left_of_right: Vec<Option<usize>> = vec![None; k];
    let mut right_of_left: Vec<Option<usize>> = vec![None; n];
    for &(i, j) in &pairs {
        right_of_left[i] = Some(j);
        left_of_right[j] = Some(i);
    }
    let mut alignments: Vec<Alignment> = pairs
        .iter()
        .map(|&(i, j)| Alignment {
            left: vec![i],
            right: vec![j],
            score: m.get(i, j),
        })
        .collect();

    // One-to-many: an unmatched statement joins the alignment of the statement that covers it
    // (most of its content appears there) when that statement's own partner leaves the
    // covered part unexplained.
    merge_splits(
        &mut alignments,
        m,
        left,
        right,
        &right_of_left,
        &left_of_right,
        opts,
    );

    let mut used_l = vec![false; n];
    let mut used_r = vec![false; k];
    for a in &mut alignments {
        a.left.sort_unstable();
        a.right.sort_unstable();
        a.left.iter().for_each(|&i| used_l[i] = true);
        a.right.iter().for_each(|&j| used_r[j] = true);
    }
    alignments.sort_by(|a, b| (a.left[0], a.right[0]).cmp(&(b.left[0], b.right[0])));
    PairAlignment {
        alignments,
        only_left: (0..n).filter(|&i| !used_l[i]).collect(),
        only_right: (0..k).filter(|&j| !used_r[j]).collect(),
    }
}

/// Document context: among statements the assignment left unmatched, pairs that are each
/// other's best candidate over the whole matrix (ties to the lower index) and reach
/// `floor`. In a document pair on one event, a statement's true counterpart stands out from
/// the rest even when the wording differs more than an isolated pair would be trusted with.
fn mutual_best(m: &ScoreMatrix, taken: &[(usize, usize)], floor: f32) -> Vec<(usize, usize)> {
    let mut row_used = vec![false; m.rows];
    let mut col_used = vec![false; m.cols];
    for &(i, j) in taken {
        row_used[i] = true;
        col_used[j] = true;
    }
    // Best column of each row and best row of each column, ties to the lower index, in one
    // pass over the scored cells. An unscored (sparse) cell reads as 0, and a best below
    // `floor` (> 0) is never used, so skipping those cells changes nothing.
    let mut row_best: Vec<Option<(f32, usize)>> = vec![None; m.rows];
    let mut col_best: Vec<Option<(f32, usize)>> = vec![None; m.cols];
    for (i, best) in row_best.iter_mut().enumerate() {
        for (j, s) in m.row(i) {
            if best.is_none_or(|(b, _)| s > b) {
                *best = Some((s, j));
            }
            if col_best[j].is_none_or(|(b, _)| s > b) {
                col_best[j] = Some((s, i));
            }
        }
    }
    (0..m.rows)
        .filter(|&i| !row_used[i])
        .filter_map(|i| {
            let (s, j) = row_best[i]?;
            (!col_used[j] && col_best[j].is_some_and(|(_, b)| b == i) && s >= floor)
                .then_some((i, j))
        })
        .collect()
}

/// Optimal assignment within one component. Dummy columns, one per row, carry the threshold
/// so that leaving a row unmatched costs exactly what a weakest acceptable pair would earn.
fn solve(m: &ScoreMatrix, rows: &[usize], cols: &[usize], threshold: f32) -> Vec<(usize, usize)> {
    let width = cols.len() + rows.len();
    // Below-threshold pairs are never worth taking over a dummy.
    let weight = |s: f32| {
        if s >= threshold {
            (s * SCALE) as i64
        } else {
            -1
        }
    };
    // Position of each column of the component, to place a row's scored cells in one
    // pass over them (an unscored cell reads as 0).
    let mut at = vec![usize::MAX; m.cols];
    for (c, &j) in cols.iter().enumerate() {
        at[j] = c;
    }
    let mut weights = Vec::with_capacity(rows.len() * width);
    for &i in rows {
        let start = weights.len();
        weights.resize(start + cols.len(), weight(0.0));
        for (j, s) in m.row(i) {
            if at[j] != usize::MAX {
                weights[start + at[j]] = weight(s);
            }
        }
        weights.resize(start + width, (threshold * SCALE) as i64 - 1);
    }
    let assignment = kuhn_munkres(&weights, rows.len(), width);
    assignment
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c < cols.len())
        .map(|(r, &c)| (rows[r], cols[c]))
        .filter(|&(i, j)| m.get(i, j) >= threshold)
        .collect()
}

/// Maximum-weight assignment of every row of the row-major `nx × ny` matrix `w` (`nx <= ny`):
/// the column of each row. `pathfinding::kuhn_munkres` (O(n³) Hungarian with slacks)
/// operation for operation on the numbers, so the same labels, the same smallest slack
/// (first column on a tie) and the same assignment when several are optimal (checked
/// against it in the tests). What changes is the bookkeeping: plain slices with
/// `usize::MAX` for "none" instead of a generic matrix and `Option`s, a list of the
/// columns outside the alternating tree (ascending) instead of a pass over all columns
/// testing each, and one pass per step that lowers their slacks by the last step's delta,
/// takes the new row's slacks and finds the next smallest (the generic solver made three
/// passes; on the generated 5,000-word articles it was 15 % of a comparison).
fn kuhn_munkres(w: &[i64], nx: usize, ny: usize) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    assert!(nx <= ny && w.len() == nx * ny, "kuhn_munkres: {nx} × {ny}");
    if nx == 0 {
        return Vec::new();
    }
    let row = |x: usize| &w[x * ny..(x + 1) * ny];
    let mut xy = vec![NONE; nx];
    let mut yx = vec![NONE; ny];
    let mut lx: Vec<i64> = (0..nx)
        .map(|x| row(x).iter().copied().max().expect("ny > 0"))
        .collect();
    let mut ly = vec![0i64; ny];
    // The rows of the alternating tree in insertion order (the set `s` of the original).
    let mut s: Vec<usize> = Vec::with_capacity(nx);
    let mut in_s = vec![false; nx];
    // `alternating[y]`: the row before column `y` on the path, for columns in the tree.
    let mut alternating = vec![NONE; ny];
    // The columns in the tree, and the others (ascending).
    let mut tree: Vec<usize> = Vec::with_capacity(ny);
    let mut free: Vec<usize> = Vec::with_capacity(ny);
    let mut slack = vec![0i64; ny];
    let mut slackx = vec![0usize; ny];
    for root in 0..nx {
        for &y in &tree {
            alternating[y] = NONE;
        }
        tree.clear();
        free.clear();
        free.extend(0..ny);
        for &x in &s {
            in_s[x] = false;
        }
        s.clear();
        s.push(root);
        in_s[root] = true;
        // Slacks of the root's row, and the smallest (first on a tie).
        let (mut delta, mut x, mut y) = (i64::MAX, 0, 0);
        for (yy, ((sl, &l), &c)) in slack.iter_mut().zip(&ly).zip(row(root)).enumerate() {
            *sl = lx[root] + l - c;
            if *sl < delta {
                (delta, x, y) = (*sl, root, yy);
            }
        }
        slackx.fill(root);
        let mut y = loop {
            // Moves the labels by the smallest slack (the free columns' slacks follow in
            // the pass below, or are recomputed for the next root).
            if delta > 0 {
                for &x in &s {
                    lx[x] -= delta;
                }
                for &y in &tree {
                    ly[y] += delta;
                }
            }
            let lowered = if delta > 0 { delta } else { 0 };
            alternating[y] = x;
            tree.push(y);
            if yx[y] == NONE {
                break y;
            }
            let added = yx[y];
            if !in_s[added] {
                in_s[added] = true;
                s.push(added);
            }
            let (lxx, r) = (lx[added], row(added));
            let taken = y;
            (delta, x, y) = (i64::MAX, 0, 0);
            let mut kept = 0;
            for k in 0..free.len() {
                let yy = free[k];
                if yy == taken {
                    continue;
                }
                free[kept] = yy;
                kept += 1;
                let mut sl = slack[yy] - lowered;
                let alternate = lxx + ly[yy] - r[yy];
                if sl > alternate {
                    sl = alternate;
                    slackx[yy] = added;
                }
                slack[yy] = sl;
                if sl < delta {
                    (delta, x, y) = (sl, slackx[yy], yy);
                }
            }
            free.truncate(kept);
        };
        // Inverse the edges along the augmenting path.
        loop {
            let x = alternating[y];
            let prec = xy[x];
            yx[y] = x;
            xy[x] = y;
            if prec == NONE {
                break;
            }
            y = prec;
        }
    }
    xy
}

/// Share of `small`'s content terms found in `big`.
fn containment(small: &Profile, big: &Profile) -> f32 {
    if small.content.is_empty() {
        return 0.0;
    }
    intersect_count(&small.content, &big.content) as f32 / small.content.len() as f32
}

fn merge_splits(
    alignments: &mut [Alignment],
    m: &ScoreMatrix,
    left: &[Profile],
    right: &[Profile],
    right_of_left: &[Option<usize>],
    left_of_right: &[Option<usize>],
    opts: &AlignOptions,
) {
    // Alignment `k` holds pair `k` (alignments are built from the sorted pairs), and a
    // matched statement is in exactly one alignment.
    let mut at_left = vec![usize::MAX; m.rows];
    let mut at_right = vec![usize::MAX; m.cols];
    for (k, a) in alignments.iter().enumerate() {
        at_left[a.left[0]] = k;
        at_right[a.right[0]] = k;
    }
    // Which statements may cover which: in a blocked (sparse) matrix, only scored pairs, so
    // that long documents never try all pairs; in a dense one, all pairs, narrowed exactly by
    // prefix filtering.
    let (scored_rows_of_col, scored_cols_of_row) = if m.is_sparse() {
        let mut by_col: Vec<Vec<u32>> = vec![Vec::new(); m.cols];
        let mut by_row: Vec<Vec<u32>> = vec![Vec::new(); m.rows];
        for (i, row) in by_row.iter_mut().enumerate() {
            for (j, _) in m.row(i) {
                by_col[j].push(i as u32);
                row.push(j as u32);
            }
        }
        (Some(by_col), Some(by_row))
    } else {
        (None, None)
    };
    // Unmatched right statements covered by a matched left one.
    let left_index = ContentIndex::new(left);
    for j in 0..m.cols {
        if left_of_right[j].is_some() {
            continue;
        }
        let scored = scored_rows_of_col.as_ref().map(|c| c[j].as_slice());
        let Some((c, i)) = best_cover(&right[j], left, &left_index, scored, right_of_left, opts)
        else {
            continue;
        };
        let partner = right_of_left[i].expect("filtered");
        let a = at_left[i];
        if c >= opts.split_containment
            && m.get(i, j) >= opts.threshold * 0.6
            && containment(&right[j], &right[partner]) < 0.5
            && !alignments[a].right.contains(&j)
            && alignments[a].left.len() == 1
        {
            alignments[a].right.push(j);
        }
    }
    // Unmatched left statements covered by a matched right one.
    let right_index = ContentIndex::new(right);
    for i in 0..m.rows {
        if right_of_left[i].is_some() {
            continue;
        }
        let scored = scored_cols_of_row.as_ref().map(|r| r[i].as_slice());
        let Some((c, j)) = best_cover(&left[i], right, &right_index, scored, left_of_right, opts)
        else {
            continue;
        };
        let partner = left_of_right[j].expect("filtered");
        let a = at_right[j];
        if c >= opts.split_containment
            && m.get(i, j) >= opts.threshold * 0.6
            && containment(&left[i], &left[partner]) < 0.5
            && !alignments[a].left.contains(&i)
            && alignments[a].right.len() == 1
        {
            alignments[a].left.push(i);
        }
    }
}

/// The matched statement of `side` that covers most of `small` (ties to the lower index),
/// with its containment. With `scored` (blocked matrix), only those statements are tried.
/// Otherwise only statements that can reach `split_containment` are (prefix filtering,
/// `ContentIndex::covering`): when the best of them falls short, so does every other, so the
/// merge decision is the same as trying them all.
fn best_cover(
    small: &Profile,
    side: &[Profile],
    index: &ContentIndex,
    scored: Option<&[u32]>,
    partner_of: &[Option<usize>],
    opts: &AlignOptions,
) -> Option<(f32, usize)> {
    let score = |i: usize| (containment(small, &side[i]), i);
    let pick = |a: &(f32, usize), b: &(f32, usize)| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1));
    let cands = match scored {
        Some(s) => Some(s.to_vec()),
        None => index.covering(small, opts.split_containment),
    };
    match cands {
        Some(cands) => cands
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| partner_of[i].is_some())
            .map(score)
            .max_by(pick),
        None => (0..side.len())
            .filter(|&i| partner_of[i].is_some())
            .map(score)
            .max_by(pick),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kuhn_munkres_gives_the_assignment_of_pathfinding() {
        // Small weight ranges make many optimal assignments: the tie-breaking must match.
        let mut x: u64 = 0x853c49e6748fea9b;
        let mut next = |k: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % k
        };
        for round in 0..3000 {
            let nx = 1 + next(9) as usize;
            let ny = nx + next(9) as usize;
            let k = [2, 3, 5, 50, 1_000_000][round % 5];
            let mut w: Vec<i64> = (0..nx * ny).map(|_| next(k) as i64 - 1).collect();
            if round % 3 == 0 {
                // The shape `solve` builds: a dummy column per row, all of one weight.
                let cols = ny - nx;
                for r in 0..nx {
                    for c in cols..ny {
                        w[r * ny + c] = (k / 2) as i64;
                    }
                }
            }
            let m = pathfinding::matrix::Matrix::from_vec(nx, ny, w.clone()).unwrap();
            let (_, want) = pathfinding::kuhn_munkres::kuhn_munkres(&m);
            assert_eq!(kuhn_munkres(&w, nx, ny), want, "{nx}×{ny} {w:?}");
        }
    }

    #[test]
    fn optimal_beats_greedy() {
        // Greedy takes (0,0)=0.90 and leaves row 1 with 0.10; the optimum pairs (0,1) and (1,0).
        let m = ScoreMatrix::dense(2, 2, vec![0.90, 0.85, 0.86, 0.10]);
        let p = vec![crate::profile::Profile::default(); 2];
        let out = assign(
            &m,
            &p,
            &p,
            &AlignOptions {
                threshold: 0.3,
                ..AlignOptions::default()
            },
        );
        let pairs: Vec<_> = out
            .alignments
            .iter()
            .map(|a| (a.left[0], a.right[0]))
            .collect();
        assert_eq!(pairs, [(0, 1), (1, 0)]);
    }

    #[test]
    fn below_threshold_stays_unmatched() {
        let m = ScoreMatrix::dense(2, 1, vec![0.2, 0.9]);
        let p = vec![crate::profile::Profile::default(); 2];
        let opts = AlignOptions {
            threshold: 0.35,
            ..AlignOptions::default()
        };
        let out = assign(&m, &p, &p[..1], &opts);
        assert_eq!(out.only_left, [0]);
        assert_eq!(out.alignments.len(), 1);
    }

    fn opts(threshold: f32, context: f32) -> AlignOptions {
        AlignOptions {
            threshold,
            context_threshold: context,
            ..AlignOptions::default()
        }
    }

    #[test]
    fn threshold_is_inclusive_for_a_lone_pair() {
        let p = vec![crate::profile::Profile::default(); 1];
        for (score, aligned) in [(0.5, true), (0.4999, false), (0.9, true)] {
            let m = ScoreMatrix::dense(1, 1, vec![score]);
            // A lone pair has no document context: the context floor must not apply.
            let out = assign(&m, &p, &p, &opts(0.5, 0.1));
            assert_eq!(!out.alignments.is_empty(), aligned, "{score}");
        }
    }

    #[test]
    fn context_aligns_mutual_best_above_the_floor_only() {
        // (0,0) = 0.3 is below the threshold but each other's best; (1,1) = 0.15 is mutual
        // best too but below the floor; row 2's best column 0 is taken.
        let m = ScoreMatrix::dense(3, 2, vec![0.30, 0.02, 0.01, 0.15, 0.05, 0.01]);
        let p = vec![crate::profile::Profile::default(); 3];
        let out = assign(&m, &p, &p[..2], &opts(0.5, 0.25));
        let pairs: Vec<_> = out
            .alignments
            .iter()
            .map(|a| (a.left[0], a.right[0]))
            .collect();
        assert_eq!(pairs, [(0, 0)]);
        assert_eq!(out.only_left, [1, 2]);
        assert_eq!(out.only_right, [1]);
        // Without context nothing aligns.
        let out = assign(&m, &p, &p[..2], &opts(0.5, 0.5));
        assert!(out.alignments.is_empty());
    }
}
