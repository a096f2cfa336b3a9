//! Readers for the benchmark formats. Both are tab separated with no quoting (sentences hold
//! raw `"`), so lines are split on tabs, never parsed as CSV.
//!
//! MRPC: one header line, then `Quality`, `#1 ID`, `#2 ID`, `#1 String`, `#2 String`.
//! STS-B: no header; genre, file, year, id, score, sentence 1, sentence 2 (sometimes two
//! more columns naming the source).

use crate::error::{Error, Result};

/// One MRPC sentence pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MrpcPair {
    /// Judged semantically equivalent.
    pub equivalent: bool,
    /// Corpus id of the first sentence.
    pub id1: String,
    /// Corpus id of the second sentence.
    pub id2: String,
    /// First sentence.
    pub s1: String,
    /// Second sentence.
    pub s2: String,
}

/// One STS-B sentence pair.
#[derive(Clone, Debug, PartialEq)]
pub struct StsPair {
    /// Gold similarity, 0 (unrelated) to 5 (same meaning).
    pub score: f32,
    /// Genre (`main-news`, `main-captions`, `main-forums`).
    pub genre: String,
    /// First sentence.
    pub s1: String,
    /// Second sentence.
    pub s2: String,
}

fn bad(input: &str, line: usize, problem: impl std::fmt::Display) -> Error {
    Error::input(input, format!("line {line}: {problem}"))
}

/// Reads an MRPC file; `input` names it in errors.
///
/// ```
/// let t = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\tA said \"x\".\tA said x.\n";
/// let p = parallax::eval::data::read_mrpc(t, "t.tsv").unwrap();
/// assert!(p[0].equivalent && p[0].s1 == "A said \"x\".");
/// ```
pub fn read_mrpc(text: &str, input: &str) -> Result<Vec<MrpcPair>> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.trim_start_matches('\u{feff}').starts_with("Quality") => {}
        _ => {
            return Err(bad(
                input,
                1,
                "expected the MRPC header (Quality, #1 ID, ...)",
            ));
        }
    }
    for (i, line) in lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 5 {
            return Err(bad(
                input,
                i + 1,
                format!("expected 5 tab-separated fields, got {}", f.len()),
            ));
        }
        let equivalent = match f[0] {
            "1" => true,
            "0" => false,
            q => {
                return Err(bad(
                    input,
                    i + 1,
                    format!("quality must be 0 or 1, got '{q}'"),
                ));
            }
        };
        out.push(MrpcPair {
            equivalent,
            id1: f[1].to_string(),
            id2: f[2].to_string(),
            s1: f[3].to_string(),
            s2: f[4].to_string(),
        });
    }
    if out.is_empty() {
        return Err(Error::input(input, "no sentence pairs"));
    }
    Ok(out)
}

/// Reads an STS-B file; `input` names it in errors.
pub fn read_stsb(text: &str, input: &str) -> Result<Vec<StsPair>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            return Err(bad(
                input,
                i + 1,
                format!("expected at least 7 tab-separated fields, got {}", f.len()),
            ));
        }
        let score: f32 = f[4]
            .trim()
            .parse()
            .ok()
            .filter(|s: &f32| (0.0..=5.0).contains(s))
            .ok_or_else(|| {
                bad(
                    input,
                    i + 1,
                    format!("score must be a number in [0, 5], got '{}'", f[4]),
                )
            })?;
        out.push(StsPair {
            score,
            genre: f[0].to_string(),
            s1: f[5].to_string(),
            s2: f[6].to_string(),
        });
    }
    if out.is_empty() {
        return Err(Error::input(input, "no sentence pairs"));
    }
    Ok(out)
}

/// True for the rows of the fixed MRPC dev split: 0-based data-row index a multiple of 10.
pub fn is_dev_row(index: usize) -> bool {
    index.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mrpc_reads_quotes_raw_and_checks_fields() {
        let t = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n\
                 1\t10\t11\tHe called him \"the witness\".\tHe said \"witness\".\n\
                 0\t12\t13\tPrices rose 5%.\tPrices fell.\n";
        let p = read_mrpc(t, "x.tsv").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].s1, "He called him \"the witness\".");
        assert!(p[0].equivalent && !p[1].equivalent);
        assert_eq!((p[1].id1.as_str(), p[1].id2.as_str()), ("12", "13"));

        let e = read_mrpc("Quality\ta\tb\tc\td\n1\tonly\tthree\n", "x.tsv").unwrap_err();
        assert!(
            e.to_string().contains("line 2") && e.to_string().contains("5"),
            "{e}"
        );
        assert!(read_mrpc("no header\n", "x.tsv").is_err());
        assert!(read_mrpc("Quality\ta\tb\tc\td\n2\ta\tb\tc\td\n", "x.tsv").is_err());
    }

    #[test]
    fn stsb_reads_fields_five_to_seven_and_extra_columns() {
        let t = "main-news\theadlines\t2015\t0001\t3.800\tA \"man\" runs.\tA man is running.\n\
                 main-forums\tanswers\t2016\t0002\t0.000\tYes.\tNo.\tsrc\tsrc2\n";
        let p = read_stsb(t, "s.csv").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].score, 3.8);
        assert_eq!(p[0].s1, "A \"man\" runs.");
        assert_eq!(p[1].s2, "No.");
        assert_eq!(p[1].genre, "main-forums");
        assert!(read_stsb("a\tb\tc\td\t7\tx\ty\n", "s.csv").is_err());
        assert!(read_stsb("a\tb\n", "s.csv").is_err());
    }

    #[test]
    fn dev_rows_are_every_tenth() {
        let dev: Vec<usize> = (0..25).filter(|&i| is_dev_row(i)).collect();
        assert_eq!(dev, [0, 10, 20]);
    }
}
