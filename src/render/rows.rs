//! The row order every side-by-side view shares: one row per alignment or omitted statement,
//! following the left text, with right-only statements placed after their nearest preceding
//! right neighbour.

use crate::classify::Relation;
use crate::report::ComparisonReport;

/// One row of a side-by-side view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// An alignment, by index into `ComparisonReport::alignments`.
    Aligned(usize),
    /// A left statement the right omits.
    OnlyLeft(usize),
    /// A right statement the left omits.
    OnlyRight(usize),
}

impl Row {
    /// The relation, or `None` for omissions.
    pub fn relation(&self, c: &ComparisonReport) -> Option<Relation> {
        match self {
            Row::Aligned(a) => Some(c.alignments[*a].relation),
            _ => None,
        }
    }
}

/// Orders the rows of a comparison.
pub fn rows(c: &ComparisonReport) -> Vec<Row> {
    // Left order first: each left statement opens the row of its alignment or omission.
    let mut keyed: Vec<(usize, Row)> = Vec::new();
    for (ai, a) in c.alignments.iter().enumerate() {
        keyed.push((a.left[0], Row::Aligned(ai)));
    }
    for &i in &c.only_left {
        keyed.push((i, Row::OnlyLeft(i)));
    }
    keyed.sort_by_key(|(k, _)| *k);
    let mut out: Vec<Row> = keyed.into_iter().map(|(_, r)| r).collect();
    let right_of = |row: &Row| -> Vec<usize> {
        match row {
            Row::Aligned(a) => c.alignments[*a].right.clone(),
            Row::OnlyRight(j) => vec![*j],
            Row::OnlyLeft(_) => vec![],
        }
    };
    for &j in &c.only_right {
        // After the last row holding the nearest preceding right statement, else at the top.
        let mut pos = 0;
        let mut best: Option<usize> = None;
        for (ri, row) in out.iter().enumerate() {
            if let Some(m) = right_of(row).into_iter().filter(|&x| x < j).max()
                && best.is_none_or(|b| m >= b)
            {
                best = Some(m);
                pos = ri + 1;
            }
        }
        out.insert(pos, Row::OnlyRight(j));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{AlignmentReport, Summary};

    fn alignment(left: usize, right: usize) -> AlignmentReport {
        AlignmentReport {
            left: vec![left],
            right: vec![right],
            relation: Relation::Shared,
            score: 1.0,
            signals: vec![],
        }
    }

    #[test]
    fn follows_left_and_places_right_only_after_its_neighbour() {
        let c = ComparisonReport {
            left: 0,
            right: 1,
            alignments: vec![alignment(0, 0), alignment(2, 1), alignment(3, 3)],
            only_left: vec![1],
            only_right: vec![2, 4],
            summary: Summary::default(),
        };
        assert_eq!(
            rows(&c),
            [
                Row::Aligned(0),
                Row::OnlyLeft(1),
                Row::Aligned(1),
                Row::OnlyRight(2),
                Row::Aligned(2),
                Row::OnlyRight(4),
            ]
        );
    }

    #[test]
    fn right_only_before_any_match_goes_first() {
        let c = ComparisonReport {
            left: 0,
            right: 1,
            alignments: vec![alignment(0, 1)],
            only_left: vec![],
            only_right: vec![0],
            summary: Summary::default(),
        };
        assert_eq!(rows(&c), [Row::OnlyRight(0), Row::Aligned(0)]);
    }
}
