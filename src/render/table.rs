//! The default view: a side-by-side comfy-table per comparison, one row per alignment or
//! omitted statement, word-level highlights inside aligned pairs, a relation column with
//! each signal's explanation, and a summary line.
//!
//! comfy-table's `custom_styling` feature is on so that ANSI codes inside cells do not
//! misalign borders (CRATES.md §6); colour is decided once by the caller, never here.

use std::io::{self, Write};

use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL};

use super::RenderOptions;
use super::rows::{Row, rows};
use super::style;
use super::words::{WordChange, WordOp, side_runs};
use crate::report::{ComparisonReport, Report};

const RELATION_WIDTH: u16 = 26;

pub(super) fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    meta_header(report, out)?;
    for (ci, c) in report.comparisons.iter().enumerate() {
        if ci > 0 {
            writeln!(out)?;
        }
        render_one(report, c, opts, out)?;
    }
    // The N-way matrix comes last, so it is what stays on screen after the pairs scroll by.
    if !report.claims.is_empty() {
        writeln!(out)?;
        coverage(report, opts, out)?;
    }
    Ok(())
}

/// The coverage matrix: one row per claim (its shortest wording), one narrow column per
/// source with a mark, most divergent claims first.
fn coverage(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    use crate::classify::Relation;
    use crate::report::Coverage;
    let width = opts.width.max(40);
    let mut table = Table::new();
    table.load_style(UTF8_FULL);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(width);
    let mut header = vec![Cell::new("claim (shortest wording)")];
    header.extend(report.documents.iter().map(|d| Cell::new(&d.id)));
    table.set_header(header);
    for c in &report.claims {
        let mut row = vec![Cell::new(format!(
            "{} ({})",
            c.text, report.documents[c.source].id
        ))];
        row.extend(c.cells.iter().map(|cell| {
            Cell::new(match cell {
                Coverage::Present => "✓".to_string(),
                Coverage::Reframed => style::relation(Relation::Reframed, "≈", opts.color),
                Coverage::Contradicted => style::relation(Relation::Contradicted, "✗", opts.color),
                Coverage::Absent => style::omitted("–", opts.color),
            })
        }));
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    let legend = format!(
        "coverage of {} claims across {} sources: ✓ present · ≈ reframed · ✗ contradicted · – absent (most divergent first)",
        report.claims.len(),
        report.documents.len()
    );
    for line in wrap(&legend, usize::from(width)) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// What the inputs say about themselves (HTML meta tags, front matter, JSON), one block per
/// document that has any, then a blank line; nothing for plain-text inputs.
fn meta_header(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut any = false;
    for d in &report.documents {
        let m = &d.meta;
        if m.is_empty() {
            continue;
        }
        any = true;
        writeln!(
            out,
            "{}: {}",
            d.id,
            m.title.as_deref().unwrap_or("(untitled)")
        )?;
        let rest: Vec<&str> = [&m.outlet, &m.author, &m.date, &m.url]
            .into_iter()
            .filter_map(|f| f.as_deref())
            .collect();
        if !rest.is_empty() {
            writeln!(out, "  {}", rest.join(" · "))?;
        }
    }
    if any {
        writeln!(out)?;
    }
    Ok(())
}

fn text_of(report: &Report, doc: usize, idx: &[usize]) -> String {
    let d = &report.documents[doc];
    idx.iter()
        .map(|&i| d.statements[i].text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn render_one(
    report: &Report,
    c: &ComparisonReport,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (ln, rn) = (&report.documents[c.left].id, &report.documents[c.right].id);
    let color = opts.color;
    let mut table = Table::new();
    table.load_style(UTF8_FULL);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    // The narrowest table we lay out; `--width` below this is raised to it.
    let width = opts.width.max(40);
    table.set_width(width);
    // comfy-table's fixed widths include each cell's padding; the four borders take 4
    // columns. The relation column gets a quarter (explanations wrap) up to
    // RELATION_WIDTH, the two text columns share the rest equally.
    let side = (width - (width / 4).clamp(16, RELATION_WIDTH) - 4) / 2;
    let relation_width = width - 4 - 2 * side;
    table.set_header(vec![Cell::new(ln), Cell::new("relation"), Cell::new(rn)]);
    for (i, w) in [side, relation_width, side].into_iter().enumerate() {
        if let Some(col) = table.column_mut(i) {
            col.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w.max(8))));
        }
    }
    for row in rows(c) {
        let cells = match row {
            Row::Aligned(ai) => {
                let a = &c.alignments[ai];
                let lt = text_of(report, c.left, &a.left);
                let rt = text_of(report, c.right, &a.right);
                let runs = side_runs(&lt, &rt);
                let paint = |runs: &[WordChange]| -> String {
                    runs.iter()
                        .map(|w| style::word(w.op, &w.text, color))
                        .collect()
                };
                let mut rel = style::relation(a.relation, a.relation.as_str(), color);
                if a.left.len() + a.right.len() > 2 {
                    rel.push_str(" (split)");
                }
                // The full explanation, as in Markdown and HTML: the table is read on its own.
                for s in &a.signals {
                    rel.push_str("\n· ");
                    rel.push_str(&s.explanation);
                }
                [
                    label(&a.left, paint(&runs.left)),
                    rel,
                    label(&a.right, paint(&runs.right)),
                ]
            }
            Row::OnlyLeft(i) => [
                label(
                    &[i],
                    style::word(
                        WordOp::Equal,
                        &report.documents[c.left].statements[i].text,
                        color,
                    ),
                ),
                style::omitted(&format!("omitted by {rn}"), color),
                String::new(),
            ],
            Row::OnlyRight(j) => [
                String::new(),
                style::omitted(&format!("omitted by {ln}"), color),
                label(
                    &[j],
                    style::word(
                        WordOp::Equal,
                        &report.documents[c.right].statements[j].text,
                        color,
                    ),
                ),
            ],
        };
        table.add_row(cells.into_iter().map(Cell::new));
    }
    writeln!(out, "{table}")?;
    let s = &c.summary;
    let summary = format!(
        "{ln} vs {rn}: {} shared · {} reframed · {} contradicted · {} omitted by {rn} · {} omitted by {ln} · divergence {:.2}",
        s.shared, s.reframed, s.contradicted, s.only_left, s.only_right, s.divergence
    );
    for line in wrap(&summary, usize::from(width)) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Greedy word wrap at `width` characters (a word longer than the width gets its own line).
///
/// `("a bb ccc", 4)` → `["a bb", "ccc"]`
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Prefixes statement numbers (1-based, as a reader counts): `"[3] text"`, `"[3+4] text"`.
fn label(idx: &[usize], text: String) -> String {
    let nums: Vec<String> = idx.iter().map(|i| (i + 1).to_string()).collect();
    format!("[{}] {}", nums.join("+"), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_width() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("abcdef", 3), ["abcdef"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn label_numbers_from_one() {
        assert_eq!(label(&[2, 3], "x".into()), "[3+4] x");
    }
}
