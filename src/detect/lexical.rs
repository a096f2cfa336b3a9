//! `lexical`: the similarity in [0, 1] of two statements, the main alignment evidence: the
//! shipped alignment model's probability that they state the same claim (weighted stem,
//! word, bigram and character overlap, order, numbers, names; see `align::model`). Emits no
//! signals.

use super::{Detector, DetectorName};
use crate::align::Model;
use crate::profile::Profile;

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

/// The shipped model's similarity of two profiled statements.
///
/// `"The U.S. urged Iraq to act."` vs `"Iraq was urged by the US to act."` → above the
/// alignment threshold; vs `"Flights resumed at Erbil airport."` → below.
pub fn similarity(l: &Profile, r: &Profile) -> f32 {
    Model::shipped().similarity(&l.sim, &r.sim)
}
