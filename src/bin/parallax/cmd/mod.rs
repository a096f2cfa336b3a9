//! One file per subcommand (xsv's layout); each exposes `run`.

pub mod batch;
pub mod compare;
pub mod eval;
pub mod exercise;
pub mod explain;
pub mod quiz;
