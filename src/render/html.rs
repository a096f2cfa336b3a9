//! The HTML report: one self-contained page (inline CSS and JS, a CSP that forbids every
//! request) with the sources and their metadata, each comparison's summary, the side-by-side
//! rows with word-level `<ins>`/`<del>`, a badge per relation and per signal with its
//! explanation, omissions shown against a visible gap, row filters, a legend and, for three
//! or more sources, a coverage matrix.
//!
//! Colour is never the only cue: every badge carries an icon and a word, insertions are
//! underlined and deletions struck through. The page stacks the columns on narrow screens,
//! follows `prefers-color-scheme`, and prints every row. Every piece of input text goes
//! through [`escape`]; nothing from the report is ever placed inside the script.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::rows::{Row, rows};
use super::words::{WordChange, WordOp, side_runs};
use crate::classify::Relation;
use crate::detect::SignalKind;
use crate::report::{
    AlignmentReport, ComparisonReport, Coverage, DocumentReport, Report, SignalReport,
};

/// Escapes text for HTML element content and quoted attribute values.
///
/// `escape("<b>\"AT&T\"</b>")` → `&lt;b&gt;&quot;AT&amp;T&quot;&lt;/b&gt;`
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page's Content Security Policy: nothing may be fetched, only the inline style and
/// script run. `'unsafe-inline'` is safe here because no input text reaches the script and
/// all of it is escaped.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
img-src data:; base-uri 'none'; form-action 'none'";

/// The shared stylesheet (also used by the worksheet page): light and dark palettes,
/// badges, the side-by-side grid, its stacked narrow layout and print rules.
pub const CSS: &str = r#"
:root{--bg:#fff;--fg:#1b1b1b;--muted:#5c5c5c;--line:#d0d0d0;--card:#f6f6f4;
--shared:#e7f1e8;--shared-b:#2e7d32;--reframed:#fff3d6;--reframed-b:#8a5a00;
--contradicted:#fde3e1;--contradicted-b:#b3261e;--omitted:#e6ecf7;--omitted-b:#1f4e9c;
--ins:#d7f0d9;--del:#f8d9d6;--gap:repeating-linear-gradient(135deg,transparent 0 8px,#e4e4e4 8px 10px)}
@media (prefers-color-scheme:dark){:root{--bg:#151515;--fg:#e8e8e8;--muted:#a8a8a8;--line:#3a3a3a;
--card:#1f1f1f;--shared:#1c3320;--shared-b:#8fd196;--reframed:#3a2e10;--reframed-b:#f0c060;
--contradicted:#421c1a;--contradicted-b:#ff9c93;--omitted:#1a2740;--omitted-b:#9cbcf5;
--ins:#1f4424;--del:#4d2220;--gap:repeating-linear-gradient(135deg,transparent 0 8px,#2c2c2c 8px 10px)}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:80rem;padding:1rem;background:var(--bg);color:var(--fg);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .6rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:inherit}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
.table-wrap{overflow-x:auto}
.badge{display:inline-block;border:1px solid currentColor;border-radius:.3rem;padding:0 .35rem;
font-size:.85rem;font-weight:600;white-space:nowrap;margin:0 .2rem .2rem 0}
.badge .icon{margin-right:.2rem}
.b-shared{background:var(--shared);color:var(--shared-b)}
.b-reframed{background:var(--reframed);color:var(--reframed-b)}
.b-contradicted{background:var(--contradicted);color:var(--contradicted-b)}
.b-omitted{background:var(--omitted);color:var(--omitted-b)}
.b-framing{color:var(--reframed-b)}.b-conflict{color:var(--contradicted-b)}
ins{background:var(--ins);text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:2px}
del{background:var(--del);text-decoration:line-through;text-decoration-thickness:2px}
.summary{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center;margin:.4rem 0}
.filters{display:none;flex-wrap:wrap;gap:.4rem;margin:.6rem 0}
.js .filters{display:flex}
.filters button{font:inherit;font-size:.9rem;padding:.35rem .7rem;min-height:2.4rem;border-radius:.3rem;
border:1px solid var(--line);background:var(--card);color:var(--fg);cursor:pointer}
.filters button[aria-pressed="true"]{border:2px solid var(--fg);font-weight:700}
.filters button[aria-pressed="true"]::before{content:"✓ "}
.grid{border-top:1px solid var(--line)}
.row{display:grid;grid-template-columns:minmax(0,1fr) 13rem minmax(0,1fr);gap:.6rem;
padding:.5rem 0;border-bottom:1px solid var(--line)}
.row[hidden]{display:none}
.row.head{font-weight:700;border-bottom:2px solid var(--fg)}
.cell{min-width:0;overflow-wrap:anywhere;padding:.25rem .4rem}
.num{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:.3rem}
.side-label{display:none;font-size:.8rem;font-weight:700;color:var(--muted)}
.k-omitted .has{border-left:4px solid var(--omitted-b);background:var(--omitted)}
.gap{background:var(--gap);border:2px dashed var(--line);color:var(--muted);font-style:italic;min-height:2.5rem}
.k-contradicted .mid{border-left:4px solid var(--contradicted-b)}
.k-reframed .mid{border-left:4px solid var(--reframed-b)}
.signals{list-style:none;margin:.3rem 0 0;padding:0;font-size:.9rem}
.signals li{margin:.2rem 0}
.legend dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem .8rem;margin:0}
.legend dd{margin:0}
.source-list{padding-left:1.2rem}.source-list li{margin:.2rem 0;overflow-wrap:anywhere}
code{font-size:.9em}
.matrix td.absent{background:var(--gap);color:var(--muted);font-style:italic}
.matrix td.reframed{background:var(--reframed)}.matrix td.contradicted{background:var(--contradicted)}
@media (max-width:700px){body{padding:.6rem}
.row{grid-template-columns:1fr;gap:.2rem}
.row.head{display:none}
.side-label{display:block}
.mid{order:-1}
.gap{min-height:1.5rem}
.legend dl{grid-template-columns:1fr;gap:0}.legend dd{margin-bottom:.5rem}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444}
body{max-width:none;padding:0;font-size:11pt}
.filters,.noprint{display:none!important}
.row[hidden]{display:grid!important}
.row{break-inside:avoid}
a[href]::after{content:""}
.comparison{break-before:page}.comparison:first-of-type{break-before:auto}}
"#;

/// Filters: a button sets `data-filter` on its comparison and hides the rows of other
/// kinds. Reads nothing from the report, so no input text ever reaches script context.
const JS: &str = r#"
document.documentElement.classList.add('js');
document.querySelectorAll('.comparison').forEach(function(sec){
  var buttons=sec.querySelectorAll('.filters button');
  buttons.forEach(function(b){
    b.addEventListener('click',function(){
      var f=b.getAttribute('data-filter');
      sec.setAttribute('data-filter',f);
      buttons.forEach(function(o){o.setAttribute('aria-pressed',o===b?'true':'false');});
      sec.querySelectorAll('.row[data-kind]').forEach(function(r){
        r.hidden=!(f==='all'||r.getAttribute('data-kind')===f);
      });
      var n=sec.querySelectorAll('.row[data-kind]:not([hidden])').length;
      var out=sec.querySelector('.filter-status');
      if(out){out.textContent=n+(n===1?' row shown':' rows shown');}
    });
  });
});
"#;

/// How one source carries one claim in the coverage matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CellStatus {
    /// Stated as the others state it.
    Present,
    /// Stated, framed differently.
    Reframed,
    /// Stated, with facts another source contradicts.
    Contradicted,
    /// Not stated, while another source states it.
    Absent,
}

/// One row of the coverage matrix: a claim and the statements of each source that state it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageRow {
    /// The claim's shortest wording, as one source has it.
    pub text: String,
    /// Per document, the statement indices (0-based) stating the claim; empty if absent.
    pub cells: Vec<Vec<usize>>,
    /// Per document, how it carries the claim.
    pub status: Vec<CellStatus>,
}

/// The coverage matrix as the page shows it: the report's claims (`claims::group`, most
/// divergent first), one row each. Empty for two documents, which have no `claims`.
pub fn coverage_rows(report: &Report) -> Vec<CoverageRow> {
    report
        .claims
        .iter()
        .map(|c| CoverageRow {
            text: c.text.clone(),
            cells: c.statements.clone(),
            status: c
                .cells
                .iter()
                .map(|x| match x {
                    Coverage::Present => CellStatus::Present,
                    Coverage::Reframed => CellStatus::Reframed,
                    Coverage::Contradicted => CellStatus::Contradicted,
                    Coverage::Absent => CellStatus::Absent,
                })
                .collect(),
        })
        .collect()
}

/// Renders the page.
pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut h = String::with_capacity(64 * 1024);
    let ids: Vec<String> = report.documents.iter().map(|d| escape(&d.id)).collect();
    let title = format!("parallax: {}", ids.join(" vs "));
    page_head(&mut h, &title);
    let _ = writeln!(h, "<header><h1>{title}</h1>");
    let _ = writeln!(
        h,
        "<p class=\"muted\">How {} sources report the same event, statement by statement. \
         Statements are numbered from 1 in each source.</p></header>",
        report.documents.len()
    );
    let _ = writeln!(h, "<main>");
    sources(&mut h, report);
    legend(&mut h);
    for c in &report.comparisons {
        comparison(&mut h, report, c);
    }
    if report.documents.len() >= 3 {
        let matrix = coverage_rows(report);
        coverage(&mut h, report, &matrix);
    }
    let _ = writeln!(h, "</main>");
    page_foot(&mut h);
    out.write_all(h.as_bytes())
}

/// `<!doctype>` to `<body>`: charset, viewport, the CSP, the title and the stylesheet.
pub fn page_head(h: &mut String, title: &str) {
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"generator\" content=\"parallax\">\n\
         <title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    );
}

/// The script and the closing tags.
pub fn page_foot(h: &mut String) {
    let _ = write!(h, "<script>{JS}</script>\n</body>\n</html>\n");
}

fn sources(h: &mut String, report: &Report) {
    h.push_str(
        "<section class=\"sources\" id=\"sources\"><h2>Sources</h2><ul class=\"source-list\">\n",
    );
    for d in &report.documents {
        let m = &d.meta;
        let mut fields: Vec<String> = [
            ("title", &m.title),
            ("outlet", &m.outlet),
            ("author", &m.author),
            ("date", &m.date),
        ]
        .into_iter()
        .filter_map(|(k, v)| {
            v.as_deref().map(|v| {
                format!(
                    "<span class=\"field\"><span class=\"muted\">{k}:</span> {}</span>",
                    escape(v)
                )
            })
        })
        .collect();
        // Addresses are text, not links: a printout needs them visible, and the page
        // should not invite requests.
        if let Some(u) = &m.url {
            fields.push(format!(
                "<span class=\"field\"><span class=\"muted\">url:</span> <code>{}</code></span>",
                escape(u)
            ));
        }
        fields.push(format!(
            "<span class=\"field\"><span class=\"muted\">file:</span> <code>{}</code></span>",
            d.path
                .as_deref()
                .map(escape)
                .unwrap_or_else(|| "(stdin)".into())
        ));
        fields.push(format!(
            "<span class=\"field\">{} statements</span>",
            d.statements.len()
        ));
        let _ = writeln!(
            h,
            "<li><strong>{}</strong> {}</li>",
            escape(&d.id),
            fields.join(" · ")
        );
    }
    h.push_str("</ul></section>\n");
}

/// A relation badge: icon and word, so colour is never the only cue.
fn relation_badge(r: Relation) -> String {
    let icon = match r {
        Relation::Shared => "=",
        Relation::Reframed => "≈",
        Relation::Contradicted => "≠",
    };
    format!(
        "<span class=\"badge b-{r}\"><span class=\"icon\" aria-hidden=\"true\">{icon}</span>{r}</span>"
    )
}

fn omitted_badge(holder: &str) -> String {
    format!(
        "<span class=\"badge b-omitted\"><span class=\"icon\" aria-hidden=\"true\">∅</span>only in {}</span>",
        escape(holder)
    )
}

fn signal_item(s: &SignalReport) -> String {
    let (icon, kind) = match s.kind {
        SignalKind::Framing => ("◐", "framing"),
        SignalKind::Conflict => ("⚠", "conflict"),
    };
    format!(
        "<li><span class=\"badge b-{kind}\" title=\"{kind}\"><span class=\"icon\" aria-hidden=\"true\">{icon}</span>{}</span> {}</li>",
        escape(s.detector.as_str()),
        escape(&s.explanation)
    )
}

fn legend(h: &mut String) {
    h.push_str("<section class=\"legend\" id=\"legend\"><h2>How to read this page</h2><dl>\n");
    let items = [
        (
            relation_badge(Relation::Shared),
            "Both sources state the claim; the wording may differ in style only.",
        ),
        (
            relation_badge(Relation::Reframed),
            "Both state the claim but frame it differently: another speech verb, a hedge, a loaded word.",
        ),
        (
            relation_badge(Relation::Contradicted),
            "Both state the claim but the facts cannot both be true: a number, a date, a negation.",
        ),
        (
            omitted_badge("one source"),
            "Only one source states it; the other side shows a hatched gap.",
        ),
        (
            "<span class=\"badge b-framing\"><span class=\"icon\" aria-hidden=\"true\">◐</span>framing</span>".into(),
            "A signal that changes how the claim reads (makes the pair reframed).",
        ),
        (
            "<span class=\"badge b-conflict\"><span class=\"icon\" aria-hidden=\"true\">⚠</span>conflict</span>".into(),
            "A signal that the two statements disagree on a fact (makes the pair contradicted).",
        ),
        (
            "<del>struck through</del>".into(),
            "Words only in the left source of a pair.",
        ),
        (
            "<ins>underlined</ins>".into(),
            "Words only in the right source of a pair.",
        ),
    ];
    for (term, meaning) in items {
        let _ = writeln!(h, "<dt>{term}</dt><dd>{meaning}</dd>");
    }
    h.push_str("</dl></section>\n");
}

/// Joined text of some statements of a document.
fn joined(d: &DocumentReport, idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| d.statements[i].text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn numbers(idx: &[usize]) -> String {
    idx.iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// One side's runs as HTML, changed runs wrapped in `tag`.
fn marked(runs: &[WordChange], tag: &str, only_in: &str) -> String {
    let mut s = String::new();
    for w in runs {
        match w.op {
            WordOp::Equal => s.push_str(&escape(&w.text)),
            _ => {
                let _ = write!(
                    s,
                    "<{tag} title=\"only in {}\">{}</{tag}>",
                    escape(only_in),
                    escape(&w.text)
                );
            }
        }
    }
    s
}

fn comparison(h: &mut String, report: &Report, c: &ComparisonReport) {
    let (l, r) = (&report.documents[c.left], &report.documents[c.right]);
    let (li, ri) = (escape(&l.id), escape(&r.id));
    let s = &c.summary;
    let id = format!("cmp-{}-{}", c.left, c.right);
    let _ = writeln!(
        h,
        "<section class=\"comparison\" id=\"{id}\" data-filter=\"all\" aria-labelledby=\"{id}-h\">"
    );
    let _ = writeln!(h, "<h2 id=\"{id}-h\">{li} vs {ri}</h2>");
    let _ = writeln!(
        h,
        "<p class=\"summary\">{} {} {} {} {} <span class=\"badge\">divergence {:.2}</span></p>",
        count_badge(s.shared, relation_badge(Relation::Shared)),
        count_badge(s.reframed, relation_badge(Relation::Reframed)),
        count_badge(s.contradicted, relation_badge(Relation::Contradicted)),
        count_badge(s.only_left, omitted_badge(&l.id)),
        count_badge(s.only_right, omitted_badge(&r.id)),
        s.divergence
    );
    let all_rows = rows(c);
    let count = |k: &str| all_rows.iter().filter(|row| kind_of(row, c) == k).count();
    let _ = writeln!(
        h,
        "<div class=\"filters\" role=\"group\" aria-label=\"Show rows\">\
         <button type=\"button\" data-filter=\"all\" aria-pressed=\"true\">All ({})</button>\
         <button type=\"button\" data-filter=\"omitted\" aria-pressed=\"false\">∅ Omitted ({})</button>\
         <button type=\"button\" data-filter=\"reframed\" aria-pressed=\"false\">≈ Reframed ({})</button>\
         <button type=\"button\" data-filter=\"contradicted\" aria-pressed=\"false\">≠ Contradicted ({})</button>\
         <span class=\"filter-status muted\" role=\"status\"></span></div>",
        all_rows.len(),
        count("omitted"),
        count("reframed"),
        count("contradicted")
    );
    let _ = writeln!(
        h,
        "<div class=\"grid\" role=\"table\" aria-label=\"{li} and {ri} side by side\">\n\
         <div class=\"row head\" role=\"row\"><div class=\"cell\" role=\"columnheader\">{li}</div>\
         <div class=\"cell\" role=\"columnheader\">relation</div><div class=\"cell\" role=\"columnheader\">{ri}</div></div>"
    );
    for row in &all_rows {
        let kind = kind_of(row, c);
        let (left, mid, right) = match *row {
            Row::Aligned(ai) => aligned(&c.alignments[ai], l, r),
            Row::OnlyLeft(i) => (
                side_cell("left has", &li, Some(i), &escape(&l.statements[i].text)),
                omitted_badge(&l.id),
                gap_cell("right", &ri),
            ),
            Row::OnlyRight(j) => (
                gap_cell("left", &li),
                omitted_badge(&r.id),
                side_cell("right has", &ri, Some(j), &escape(&r.statements[j].text)),
            ),
        };
        let _ = writeln!(
            h,
            "<div class=\"row k-{kind}\" role=\"row\" data-kind=\"{kind}\">{left}\
             <div class=\"cell mid\" role=\"cell\">{mid}</div>{right}</div>"
        );
    }
    h.push_str("</div>\n</section>\n");
}

fn count_badge(n: usize, badge: String) -> String {
    format!("<span class=\"count\"><strong>{n}</strong> {badge}</span>")
}

/// The filter kind of a row: a relation, or `omitted`.
fn kind_of(row: &Row, c: &ComparisonReport) -> &'static str {
    match row.relation(c) {
        Some(r) => r.as_str(),
        None => "omitted",
    }
}

/// A statement cell; `class` is `left`/`right` plus `has` for an omission's holder.
fn side_cell(class: &str, label: &str, num: Option<usize>, body: &str) -> String {
    let num = num
        .map(|n| format!("<span class=\"num\">({})</span>", n + 1))
        .unwrap_or_default();
    format!(
        "<div class=\"cell {class}\" role=\"cell\"><span class=\"side-label\">{label}</span>{num}{body}</div>"
    )
}

fn gap_cell(class: &str, label: &str) -> String {
    format!(
        "<div class=\"cell {class} gap\" role=\"cell\"><span class=\"side-label\">{label}</span>— not in {label} —</div>"
    )
}

fn aligned(
    a: &AlignmentReport,
    l: &DocumentReport,
    r: &DocumentReport,
) -> (String, String, String) {
    let (lt, rt) = (joined(l, &a.left), joined(r, &a.right));
    let runs = side_runs(&lt, &rt);
    let (li, ri) = (escape(&l.id), escape(&r.id));
    let left = format!(
        "<div class=\"cell left\" role=\"cell\"><span class=\"side-label\">{li}</span><span class=\"num\">({})</span>{}</div>",
        numbers(&a.left),
        marked(&runs.left, "del", &l.id)
    );
    let right = format!(
        "<div class=\"cell right\" role=\"cell\"><span class=\"side-label\">{ri}</span><span class=\"num\">({})</span>{}</div>",
        numbers(&a.right),
        marked(&runs.right, "ins", &r.id)
    );
    let mut mid = relation_badge(a.relation);
    if !a.signals.is_empty() {
        mid.push_str("<ul class=\"signals\">");
        for s in &a.signals {
            mid.push_str(&signal_item(s));
        }
        mid.push_str("</ul>");
    }
    (left, mid, right)
}

fn coverage(h: &mut String, report: &Report, matrix: &[CoverageRow]) {
    h.push_str("<section class=\"coverage\" id=\"coverage\"><h2>Coverage: which source states which claim</h2>\n");
    h.push_str("<p class=\"muted\">One row per claim. A cell gives the statement number in that source and how it carries the claim, or says the claim is absent.</p>\n");
    h.push_str("<div class=\"table-wrap\"><table class=\"matrix\"><thead><tr><th>claim</th><th>sources</th>");
    for d in &report.documents {
        let _ = write!(h, "<th>{}</th>", escape(&d.id));
    }
    h.push_str("</tr></thead><tbody>\n");
    for row in matrix {
        let present = row
            .status
            .iter()
            .filter(|s| **s != CellStatus::Absent)
            .count();
        let _ = write!(
            h,
            "<tr data-sources=\"{present}\"><td>{}</td><td>{present} of {}</td>",
            escape(&row.text),
            row.status.len()
        );
        for (cell, status) in row.cells.iter().zip(&row.status) {
            let (class, icon, word) = match status {
                CellStatus::Present => ("present", "✓", ""),
                CellStatus::Reframed => ("reframed", "≈", " reframed"),
                CellStatus::Contradicted => ("contradicted", "≠", " contradicted"),
                CellStatus::Absent => ("absent", "—", ""),
            };
            if *status == CellStatus::Absent {
                h.push_str("<td class=\"absent\">— absent</td>");
            } else {
                let _ = write!(
                    h,
                    "<td class=\"{class}\"><span aria-hidden=\"true\">{icon}</span> ({}){word}</td>",
                    numbers(cell)
                );
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn css_has_dark_print_and_narrow_rules() {
        assert!(CSS.contains("prefers-color-scheme:dark"));
        assert!(CSS.contains("@media print"));
        assert!(CSS.contains("max-width:700px"));
    }
}
