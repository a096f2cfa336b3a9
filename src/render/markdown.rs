//! Markdown report for pasting into a document: a summary, then one table per comparison with
//! word changes marked (~~removed~~, **added**) and each signal's explanation.

use std::io::{self, Write};

use super::rows::{Row, rows};
use super::words::{WordOp, word_diff};
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
    for c in &report.comparisons {
        writeln!(out)?;
        comparison(report, c, out)?;
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
    writeln!(out, "| {} | relation | {} | why |", esc(&l.id), esc(&r.id))?;
    writeln!(out, "|---|---|---|---|")?;
    let text = |d: &crate::report::DocumentReport, idx: &[usize]| -> String {
        idx.iter()
            .map(|&i| d.statements[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let num = |idx: &[usize]| {
        idx.iter()
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join("+")
    };
    for row in rows(c) {
        match row {
            Row::Aligned(ai) => {
                let a = &c.alignments[ai];
                let (lt, rt) = (text(l, &a.left), text(r, &a.right));
                let mut lm = String::new();
                let mut rm = String::new();
                for w in word_diff(&lt, &rt) {
                    let t = esc(&w.text);
                    match w.op {
                        WordOp::Equal => {
                            lm.push_str(&t);
                            rm.push_str(&t);
                        }
                        WordOp::Removed => lm.push_str(&format!("~~{}~~", t.trim())),
                        WordOp::Added => rm.push_str(&format!("**{}**", t.trim())),
                    }
                }
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
                    "| {} {} | omitted by {} |  |  |",
                    i + 1,
                    esc(&l.statements[i].text),
                    esc(&r.id)
                )?;
            }
            Row::OnlyRight(j) => {
                writeln!(
                    out,
                    "|  | omitted by {} | {} {} |  |",
                    esc(&l.id),
                    j + 1,
                    esc(&r.statements[j].text)
                )?;
            }
        }
    }
    Ok(())
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
