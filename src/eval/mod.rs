//! Evaluation of the alignment model on public benchmarks, and its training: dataset readers
//! (`data`), metrics (`metrics`), the boosted-tree learner (`gbdt`), the reproducible training
//! procedure that produces `src/align/model.json` (`train`), and document pairs generated from
//! sentence pairs to measure alignment and omission detection (`docs`).
//!
//! Nothing here reads files: callers pass the text, so that the binary owns I/O and the tests
//! run on inline samples.

pub mod data;
pub mod docs;
pub mod gbdt;
pub mod metrics;
#[cfg(feature = "semantic")]
pub mod semantic;
pub mod train;
