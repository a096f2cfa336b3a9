//! Orchestration: segment and profile every document once, then align, detect and classify
//! every unordered pair in parallel (rayon `par_iter` then an ordered collect, so output never
//! depends on the thread count), and assemble the `Report`.

use std::sync::Arc;

use rayon::prelude::*;

use crate::align::{AlignOptions, align};
use crate::classify::decide;
use crate::detect::DetectorSet;
use crate::detect::lexicon::Lexicon;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::profile::{Profile, ProfileContext};
use crate::report::{
    AlignmentReport, ComparisonReport, DocumentReport, Report, StatementReport, Summary,
};
use crate::segment::{SegmentOptions, Statement, segment};

/// Everything `compare` can be told.
#[derive(Debug)]
pub struct Options {
    /// Segmentation.
    pub segment: SegmentOptions,
    /// Alignment.
    pub align: AlignOptions,
    /// Which detectors run.
    pub detectors: DetectorSet,
    /// The lexicon the detectors' cues are read with (default: the built-in one).
    pub lexicon: Arc<Lexicon>,
}

impl Default for Options {
    /// Shares the built-in lexicon (a derived default would deep-copy it at every start).
    fn default() -> Self {
        Options {
            segment: SegmentOptions::default(),
            align: AlignOptions::default(),
            detectors: DetectorSet::default(),
            lexicon: Lexicon::builtin().clone(),
        }
    }
}

/// A document after segmentation and profiling, reused across all its pairs.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its statements.
    pub statements: Vec<Statement>,
    /// One profile per statement.
    pub profiles: Vec<Profile>,
    /// Lexicon and document date the profiles were built with.
    pub context: ProfileContext,
}

/// Segments and profiles one document.
pub fn prepare<'a>(doc: &'a Document, opts: &Options) -> Prepared<'a> {
    let statements = segment(doc, &opts.segment);
    let context = ProfileContext::for_document(opts.lexicon.clone(), doc);
    let profiles = statements
        .iter()
        .map(|s| Profile::with_context(doc.slice(s.span), &context))
        .collect();
    Prepared {
        doc,
        statements,
        profiles,
        context,
    }
}

/// Compares two prepared documents (indices `li`, `ri` in the report).
pub fn compare_pair(
    l: &Prepared<'_>,
    r: &Prepared<'_>,
    li: usize,
    ri: usize,
    opts: &Options,
) -> ComparisonReport {
    let pa = align(&l.profiles, &r.profiles, &opts.detectors, &opts.align);
    let alignments: Vec<AlignmentReport> = pa
        .alignments
        .iter()
        .map(|a| {
            let lp = merged(l, &a.left);
            let rp = merged(r, &a.right);
            let signals = opts.detectors.signals(lp.as_ref(), rp.as_ref());
            AlignmentReport::new(a, decide(a.score, &signals), signals)
        })
        .collect();
    let mut c = ComparisonReport {
        left: li,
        right: ri,
        alignments,
        only_left: pa.only_left,
        only_right: pa.only_right,
        summary: Summary::default(),
    };
    c.summary = Summary::of(&c, l.statements.len(), r.statements.len());
    c
}

/// The profile of one statement, or of several joined (one-to-many alignments).
fn merged<'p>(p: &'p Prepared<'_>, idx: &[usize]) -> std::borrow::Cow<'p, Profile> {
    if idx.len() == 1 {
        std::borrow::Cow::Borrowed(&p.profiles[idx[0]])
    } else {
        let text: Vec<&str> = idx.iter().map(|&i| p.profiles[i].text.as_str()).collect();
        std::borrow::Cow::Owned(Profile::with_context(&text.join(" "), &p.context))
    }
}

/// Compares every unordered pair of documents and builds the report.
///
/// ```
/// use parallax::{Document, compare::{compare, Options}};
/// let a = Document::from_text("a", "Flights at Erbil airport were disrupted.");
/// let b = Document::from_text("b", "Flights at Erbil airport were not disrupted.");
/// let report = compare(&[a, b], &Options::default()).unwrap();
/// assert_eq!(report.comparisons[0].alignments[0].relation.as_str(), "contradicted");
/// ```
pub fn compare(docs: &[Document], opts: &Options) -> Result<Report> {
    if docs.len() < 2 {
        return Err(Error::Usage(format!(
            "need at least two inputs to compare, got {}",
            docs.len()
        )));
    }
    let prepared: Vec<Prepared<'_>> = docs.par_iter().map(|d| prepare(d, opts)).collect();
    for p in &prepared {
        if p.statements.is_empty() {
            return Err(Error::input(
                p.doc.path.clone().unwrap_or_else(|| p.doc.id.clone()),
                "no statements found (empty text)",
            ));
        }
    }
    let pairs: Vec<(usize, usize)> = (0..docs.len())
        .flat_map(|i| (i + 1..docs.len()).map(move |j| (i, j)))
        .collect();
    let comparisons: Vec<ComparisonReport> = pairs
        .par_iter()
        .map(|&(i, j)| compare_pair(&prepared[i], &prepared[j], i, j, opts))
        .collect();
    let documents: Vec<DocumentReport> = prepared
        .iter()
        .map(|p| DocumentReport {
            id: p.doc.id.clone(),
            path: p.doc.path.clone(),
            statements: p
                .statements
                .iter()
                .map(|s| StatementReport {
                    index: s.index,
                    start: s.span.start,
                    end: s.span.end,
                    text: p.doc.slice(s.span).to_string(),
                })
                .collect(),
            text: p.doc.extracted.then(|| p.doc.text.clone()),
            meta: p.doc.meta.clone(),
        })
        .collect();
    // The N-way matrix only adds something with three or more sources.
    let claims = if docs.len() >= 3 {
        crate::claims::group(&documents, &comparisons)
    } else {
        Vec::new()
    };
    Ok(Report {
        version: 1,
        documents,
        comparisons,
        claims,
    })
}
