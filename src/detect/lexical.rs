//! `lexical`: word-overlap similarity in [0, 1], the main alignment evidence. Emits no
//! signals.

use super::{Detector, DetectorName};
use crate::profile::{Profile, intersect_count};

/// The lexical detector.
pub struct Lexical;

impl Detector for Lexical {
    fn name(&self) -> DetectorName {
        DetectorName::Lexical
    }
    fn score(&self, l: &Profile, r: &Profile) -> Option<f32> {
        Some(similarity(l, r))
    }
}

/// Dice overlap of content stems, softened by the containment of the shorter side, so that
/// a statement covering a shorter one still scores well.
///
/// `"The U.S. urged Iraq to act."` vs `"Iraq was urged by the US to act."` → 1.0
pub fn similarity(l: &Profile, r: &Profile) -> f32 {
    let (a, b) = (l.content.len(), r.content.len());
    if a == 0 || b == 0 {
        return 0.0;
    }
    let common = intersect_count(&l.content, &r.content) as f32;
    let dice = 2.0 * common / (a + b) as f32;
    let contain = common / a.min(b) as f32;
    (0.7 * dice + 0.3 * contain).clamp(0.0, 1.0)
}
