//! One file per subcommand (xsv's layout); each exposes `run`.

pub mod batch;
pub mod compare;
pub mod eval;
pub mod exercise;
pub mod explain;
pub mod quiz;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Result, anyhow};
use parallax::detect::DetectorSet;
use parallax::detect::lexicon::Lexicon;

/// `--detectors a,b`: the chosen set, or all; an unknown name lists the valid ones.
pub fn detectors(list: Option<&str>) -> Result<DetectorSet> {
    match list {
        Some(list) => DetectorSet::parse(list).map_err(|e| anyhow!("--detectors: {e}")),
        None => Ok(DetectorSet::all()),
    }
}

/// `--lexicon FILE.toml`: the built-in lexicon extended by the file, or the built-in one.
pub fn lexicon(path: Option<&PathBuf>) -> Result<Arc<Lexicon>> {
    Ok(match path {
        Some(p) => Arc::new(Lexicon::load(p)?),
        None => Lexicon::builtin().clone(),
    })
}

/// The checks every command that reads inputs makes before reading any: stdin at most
/// once, no more labels than inputs.
pub fn check_inputs(inputs: &[String], labels: &[String]) -> Result<()> {
    if inputs.iter().filter(|i| *i == "-").count() > 1 {
        return Err(anyhow!("-: stdin can be read only once"));
    }
    if labels.len() > inputs.len() {
        return Err(anyhow!(
            "--label: {} labels for {} inputs",
            labels.len(),
            inputs.len()
        ));
    }
    Ok(())
}
