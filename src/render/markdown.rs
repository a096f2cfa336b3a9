//! Markdown report for pasting into a document: a summary, then one table per comparison with
//! word changes marked (~~removed~~, **added**) and each signal's explanation.

use std::io::{self, Write};

use super::rows::{Row, rows};
use super::words::{WordChange, WordOp, side_runs};
use crate::report::{ComparisonReport, Report};

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let ids: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
    writeln!(out, "# parallax: {}", ids.join(" vs "))?;
    writeln!(out)?;
    writeln!(out, "| source | path | statements |")?;
    writeln!(out, "|---|---|---:|")?;
    for d in &report.documents {
        writeln!(
            out,
            "| {} | {} | {} |",
            esc(&d.id),
            esc(d.path.as_deref().unwrap_or("(stdin)")),
            d.statements.len()
        )?;
    }
    if report.documents.iter().any(|d| !d.meta.is_empty()) {
        writeln!(out)?;
        for d in report.documents.iter().filter(|d| !d.meta.is_empty()) {
            let m = &d.meta;
            let mut fields: Vec<String> = vec![format!(
                "**{}**: {}",
                esc(&d.id),
                esc(m.title.as_deref().unwrap_or("(untitled)"))
            )];
            fields.extend(
                [&m.outlet, &m.author, &m.date]
                    .into_iter()
                    .filter_map(|f| f.as_deref().map(esc)),
            );
            if let Some(u) = &m.url {
                fields.push(format!("<{}>", u.replace(['<', '>', ' '], "")));
            }
            writeln!(out, "- {}", fields.join(" · "))?;
        }
    }
    // With three or more sources the matrix is the overview, so it comes before the pairs.
    if !report.claims.is_empty() {
        writeln!(out)?;
        coverage(report, out)?;
    }
    for c in &report.comparisons {
        writeln!(out)?;
        comparison(report, c, out)?;
    }
    Ok(())
}

/// The coverage matrix: one row per claim, one column per source, most divergent first.
fn coverage(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Coverage across sources")?;
    writeln!(out)?;
    writeln!(
        out,
        "{} claims; each row is a claim in its shortest wording, each column a source (most divergent claims first).",
        report.claims.len()
    )?;
    writeln!(out)?;
    let ids: Vec<String> = report.documents.iter().map(|d| esc(&d.id)).collect();
    writeln!(out, "| claim | {} | divergence |", ids.join(" | "))?;
    writeln!(out, "|---|{}---:|", "---|".repeat(report.documents.len()))?;
    for c in &report.claims {
        let cells: Vec<&str> = c.cells.iter().map(|x| x.as_str()).collect();
        writeln!(
            out,
            "| {} _({})_ | {} | {:.2} |",
            esc(&c.text),
            esc(&report.documents[c.source].id),
            cells.join(" | "),
            c.divergence
        )?;
    }
    Ok(())
}

fn comparison(report: &Report, c: &ComparisonReport, out: &mut dyn Write) -> io::Result<()> {
    let (l, r) = (&report.documents[c.left], &report.documents[c.right]);
    let s = &c.summary;
    writeln!(out, "## {} vs {}", esc(&l.id), esc(&r.id))?;
    writeln!(out)?;
    writeln!(
        out,
        "**{}** shared · **{}** reframed · **{}** contradicted · **{}** omitted by {} · **{}** omitted by {} · divergence **{:.2}**",
        s.shared,
        s.reframed,
        s.contradicted,
        s.only_left,
        esc(&r.id),
        s.only_right,
        esc(&l.id),
        s.divergence
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Statements are numbered from 1 in each text; ~~struck~~ words appear only in {}, **bold** words only in {}.",
        esc(&l.id),
        esc(&r.id)
    )?;
    writeln!(out)?;
    writeln!(out, "| {} | relation | {} | why |", esc(&l.id), esc(&r.id))?;
    writeln!(out, "|---|---|---|---|")?;
    let text = |d: &crate::report::DocumentReport, idx: &[usize]| -> String {
        idx.iter()
            .map(|&i| d.statements[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let num = |idx: &[usize]| {
        let n = idx
            .iter()
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join("+");
        format!("({n})")
    };
    for row in rows(c) {
        match row {
            Row::Aligned(ai) => {
                let a = &c.alignments[ai];
                let (lt, rt) = (text(l, &a.left), text(r, &a.right));
                let runs = side_runs(&lt, &rt);
                let (lm, rm) = (marked(&runs.left), marked(&runs.right));
                let why: Vec<String> = a
                    .signals
                    .iter()
                    .map(|s| format!("{}: {}", s.detector, esc(&s.explanation)))
                    .collect();
                writeln!(
                    out,
                    "| {} {} | {} | {} {} | {} |",
                    num(&a.left),
                    lm,
                    a.relation,
                    num(&a.right),
                    rm,
                    why.join("<br>")
                )?;
            }
            Row::OnlyLeft(i) => {
                writeln!(
                    out,
                    "| ({}) {} | _omitted by {}_ |  |  |",
                    i + 1,
                    esc(&l.statements[i].text),
                    esc(&r.id)
                )?;
            }
            Row::OnlyRight(j) => {
                writeln!(
                    out,
                    "|  | _omitted by {}_ | ({}) {} |  |",
                    esc(&l.id),
                    j + 1,
                    esc(&r.statements[j].text)
                )?;
            }
        }
    }
    Ok(())
}

/// One side's runs with removed words struck through and added words in bold.
fn marked(runs: &[WordChange]) -> String {
    runs.iter()
        .map(|w| match w.op {
            WordOp::Equal => esc(&w.text),
            WordOp::Removed => format!("~~{}~~", esc(&w.text)),
            WordOp::Added => format!("**{}**", esc(&w.text)),
        })
        .collect()
}

/// Escapes Markdown table metacharacters and keeps each cell on one line.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '*' | '_' | '~' | '`' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_table_and_emphasis_characters() {
        assert_eq!(esc("a|b *c* _d_\nnext"), "a\\|b \\*c\\* \\_d\\_ next");
    }

    #[test]
    fn marks_removed_and_added_runs() {
        let p = side_runs("He stressed that it works.", "It works, he said.");
        assert!(marked(&p.left).contains("~~"), "{}", marked(&p.left));
        assert!(marked(&p.right).contains("**"), "{}", marked(&p.right));
    }
}
