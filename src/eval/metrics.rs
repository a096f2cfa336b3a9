//! Metrics: binary confusion counts (accuracy, precision, recall, F1 of the positive class,
//! as the MRPC literature reports them) and Pearson / Spearman correlation (ties get their
//! average rank).

/// Confusion counts of a binary decision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Binary {
    /// Predicted positive, gold positive.
    pub tp: usize,
    /// Predicted positive, gold negative.
    pub fp: usize,
    /// Predicted negative, gold negative.
    pub tn: usize,
    /// Predicted negative, gold positive.
    pub fn_: usize,
}

impl Binary {
    /// Counts `(predicted, gold)` pairs.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (bool, bool)>) -> Self {
        let mut b = Binary::default();
        for p in pairs {
            b.add(p.0, p.1);
        }
        b
    }

    /// Adds one decision.
    pub fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, false) => self.tn += 1,
            (false, true) => self.fn_ += 1,
        }
    }

    /// Number of decisions.
    pub fn total(&self) -> usize {
        self.tp + self.fp + self.tn + self.fn_
    }

    /// Share of correct decisions.
    pub fn accuracy(&self) -> f64 {
        div(self.tp + self.tn, self.total())
    }

    /// Share of predicted positives that are positive (0 when nothing is predicted).
    pub fn precision(&self) -> f64 {
        div(self.tp, self.tp + self.fp)
    }

    /// Share of positives predicted positive.
    pub fn recall(&self) -> f64 {
        div(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        div(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    /// The line the eval commands end with.
    pub fn line(&self) -> String {
        format!(
            "accuracy={:.4} f1={:.4} precision={:.4} recall={:.4} pairs={}",
            self.accuracy(),
            self.f1(),
            self.precision(),
            self.recall(),
            self.total()
        )
    }
}

/// Precision / recall / F1 from raw counts (document-level evaluation, where a prediction may
/// be neither a true nor a false positive of one fixed set).
pub fn prf(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = div(correct, predicted);
    let r = div(correct, gold);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn div(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Pearson correlation (0 when either side is constant or the slices are shorter than 2).
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    assert_eq!(x.len(), y.len(), "paired samples");
    let n = x.len() as f64;
    if x.len() < 2 {
        return 0.0;
    }
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// 1-based ranks, ties sharing their average rank.
pub fn ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && x[idx[j + 1]] == x[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            r[k] = avg;
        }
        i = j + 1;
    }
    r
}

/// Spearman correlation: Pearson of the ranks.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_counts_by_hand() {
        // predicted, gold: TP, TP, FP, FN, TN
        let b = Binary::from_pairs([
            (true, true),
            (true, true),
            (true, false),
            (false, true),
            (false, false),
        ]);
        assert_eq!((b.tp, b.fp, b.fn_, b.tn), (2, 1, 1, 1));
        assert_eq!(b.accuracy(), 3.0 / 5.0);
        assert_eq!(b.precision(), 2.0 / 3.0);
        assert_eq!(b.recall(), 2.0 / 3.0);
        assert!((b.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(
            b.line(),
            "accuracy=0.6000 f1=0.6667 precision=0.6667 recall=0.6667 pairs=5"
        );
        assert_eq!(Binary::default().f1(), 0.0);
    }

    #[test]
    fn correlations_by_hand() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert!((pearson(&x, &[2.0, 4.0, 6.0, 8.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&x, &[4.0, 3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        // y = x^2 is monotone: Spearman 1, Pearson below 1.
        let y = [1.0, 4.0, 9.0, 16.0];
        assert!((spearman(&x, &y) - 1.0).abs() < 1e-12);
        assert!(pearson(&x, &y) < 0.99);
        // x = [1,2,3], y = [1,3,2]: mean 2, sxy = (-1)(-1) + 0 + (1)(0) = 1, sxx = syy = 2 → 0.5.
        assert!((pearson(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]) - 0.5).abs() < 1e-12);
        assert_eq!(pearson(&[1.0, 1.0], &[1.0, 2.0]), 0.0);
    }

    #[test]
    fn ties_share_the_average_rank() {
        assert_eq!(ranks(&[10.0, 20.0, 10.0, 30.0]), [1.5, 3.0, 1.5, 4.0]);
    }

    #[test]
    fn prf_by_hand() {
        let (p, r, f) = prf(3, 4, 6);
        assert_eq!((p, r), (0.75, 0.5));
        assert!((f - 0.6).abs() < 1e-12);
    }
}
