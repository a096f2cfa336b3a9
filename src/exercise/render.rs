//! Worksheet output: Markdown or a printable, self-contained HTML page (the report page's
//! CSP, every text escaped). The answer key and teacher notes follow the questions, or go
//! to their own document (`--answers FILE`).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Evidence, Question, Worksheet, letter};
use crate::render::html::{CSP, escape};

/// Worksheet formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExerciseFormat {
    /// Markdown.
    #[default]
    Markdown,
    /// A printable HTML page.
    Html,
}

/// Where the answer key goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyPlacement {
    /// After the questions (on a new page when printed).
    #[default]
    Included,
    /// Not in the worksheet: render it with [`render_key`].
    Separate,
}

/// Renders the worksheet, with or without its key.
pub fn render(
    ws: &Worksheet,
    format: ExerciseFormat,
    key: KeyPlacement,
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = match format {
        ExerciseFormat::Markdown => {
            let mut s = md_sheet(ws);
            if key == KeyPlacement::Included {
                s.push('\n');
                s.push_str(&md_key(ws));
            }
            s
        }
        ExerciseFormat::Html => {
            let mut body = html_sheet(ws);
            if key == KeyPlacement::Included {
                body.push_str(&html_key(ws));
            }
            html_page(&format!("Worksheet: {}", ws.sources.join(" vs ")), &body)
        }
    };
    out.write_all(s.as_bytes())
}

/// Renders the answer key and teacher notes on their own.
pub fn render_key(ws: &Worksheet, format: ExerciseFormat, out: &mut dyn Write) -> io::Result<()> {
    let s = match format {
        ExerciseFormat::Markdown => md_key(ws),
        ExerciseFormat::Html => html_page(
            &format!("Answer key: {}", ws.sources.join(" vs ")),
            &html_key(ws),
        ),
    };
    out.write_all(s.as_bytes())
}

/// Escapes Markdown inline metacharacters.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn cite(e: &Evidence) -> String {
    match e.statement {
        Some(i) => format!("{} ({})", e.source, i + 1),
        None => e.source.clone(),
    }
}

fn quoted(e: &Evidence) -> bool {
    e.statement.is_some()
}

fn md_sheet(ws: &Worksheet) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Worksheet: {}\n", md(&ws.sources.join(" vs ")));
    let _ = writeln!(s, "Name: ______________________  Date: ____________\n");
    let _ = writeln!(
        s,
        "{} texts report the same event. Read them, then answer the questions. For each \
         answer, quote the words in the texts that support it.\n",
        ws.sources.len()
    );
    let _ = writeln!(s, "## The texts\n");
    for (id, texts) in ws.sources.iter().zip(&ws.texts) {
        let _ = writeln!(s, "### {}\n", md(id));
        for (i, t) in texts.iter().enumerate() {
            let _ = writeln!(s, "{}. {}", i + 1, md(t));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## Questions\n");
    for (n, q) in ws.questions.iter().enumerate() {
        let _ = writeln!(s, "### {}. {}\n", n + 1, q.kind.title());
        let _ = writeln!(s, "{}\n", md(&q.prompt));
        if q.choices.is_empty() {
            for _ in 0..4 {
                let _ = writeln!(
                    s,
                    "______________________________________________________________\n"
                );
            }
        } else {
            for (i, c) in q.choices.iter().enumerate() {
                let _ = writeln!(s, "- [ ] {}. {}", letter(i), md(c));
            }
            let _ = writeln!(
                s,
                "\nEvidence (quote): ______________________________________\n"
            );
        }
    }
    s
}

fn md_key(ws: &Worksheet) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## Answer key\n");
    for (n, q) in ws.questions.iter().enumerate() {
        match q.answer {
            Some(a) => {
                let _ = writeln!(s, "{}. **{}**. {}", n + 1, letter(a), md(&q.choices[a]));
            }
            None => {
                let _ = writeln!(s, "{}. **Open question.**", n + 1);
            }
        }
        for e in &q.evidence {
            if quoted(e) {
                let _ = writeln!(s, "   - {}: “{}”", md(&cite(e)), md(&e.text));
            } else {
                let _ = writeln!(s, "   - {}: {}", md(&cite(e)), md(&e.text));
            }
        }
        let _ = writeln!(s, "\n   {}\n", md(&q.explanation));
    }
    let _ = writeln!(s, "## Teacher notes\n");
    for note in &ws.notes {
        let _ = writeln!(s, "- {}", md_keep_code(note));
    }
    s.push('\n');
    for (n, q) in ws.questions.iter().enumerate() {
        let _ = writeln!(s, "- Question {}: {}", n + 1, md(&q.note));
    }
    s
}

/// Our own notes hold `code` spans: escape everything else.
fn md_keep_code(s: &str) -> String {
    s.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("`{part}`")
            } else {
                md(part)
            }
        })
        .collect()
}

const SHEET_CSS: &str = r#"
:root{--bg:#fff;--fg:#1b1b1b;--muted:#5c5c5c;--line:#c8c8c8}
@media (prefers-color-scheme:dark){:root{--bg:#151515;--fg:#e8e8e8;--muted:#a8a8a8;--line:#444}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:48rem;padding:1rem;background:var(--bg);color:var(--fg);
font:16px/1.55 Georgia,"Times New Roman",serif}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
.fill{display:inline-block;min-width:12rem;border-bottom:1px solid var(--fg)}
.texts ol{padding-left:2rem}.texts li{margin:.15rem 0}
.choices{list-style:none;padding-left:.5rem}.choices li{margin:.35rem 0}
.box{display:inline-block;width:1em;height:1em;border:1.5px solid var(--fg);margin-right:.4rem;vertical-align:-.12em}
.lines div{border-bottom:1px solid var(--line);height:2rem}
.key blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid var(--line)}
.muted{color:var(--muted)}
code{font-size:.9em}
.question{break-inside:avoid}
@media print{:root{--bg:#fff;--fg:#000}body{max-width:none;font-size:11pt}.key{break-before:page}}
"#;

fn html_page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{}</title>\n<style>{SHEET_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

fn html_sheet(ws: &Worksheet) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<h1>Worksheet: {}</h1>\n<p>Name: <span class=\"fill\"></span> Date: <span class=\"fill\"></span></p>",
        escape(&ws.sources.join(" vs "))
    );
    let _ = writeln!(
        s,
        "<p>{} texts report the same event. Read them, then answer the questions. For each \
         answer, quote the words in the texts that support it.</p>",
        ws.sources.len()
    );
    s.push_str("<section class=\"texts\"><h2>The texts</h2>\n");
    for (id, texts) in ws.sources.iter().zip(&ws.texts) {
        let _ = writeln!(s, "<h3>{}</h3><ol>", escape(id));
        for t in texts {
            let _ = writeln!(s, "<li>{}</li>", escape(t));
        }
        s.push_str("</ol>\n");
    }
    s.push_str("</section>\n<section class=\"questions\"><h2>Questions</h2>\n");
    for (n, q) in ws.questions.iter().enumerate() {
        html_question(&mut s, n, q);
    }
    s.push_str("</section>\n");
    s
}

fn html_question(s: &mut String, n: usize, q: &Question) {
    let _ = writeln!(
        s,
        "<div class=\"question\" id=\"q{}\"><h3>{}. {}</h3>\n<p>{}</p>",
        n + 1,
        n + 1,
        escape(q.kind.title()),
        escape(&q.prompt)
    );
    if q.choices.is_empty() {
        s.push_str("<div class=\"lines\"><div></div><div></div><div></div><div></div></div>\n");
    } else {
        s.push_str("<ul class=\"choices\">\n");
        for (i, c) in q.choices.iter().enumerate() {
            let _ = writeln!(
                s,
                "<li><span class=\"box\" aria-hidden=\"true\"></span><strong>{}.</strong> {}</li>",
                letter(i),
                escape(c)
            );
        }
        s.push_str("</ul>\n<p>Evidence (quote): <span class=\"fill\"></span></p>\n");
    }
    s.push_str("</div>\n");
}

fn html_key(ws: &Worksheet) -> String {
    let mut s = String::new();
    s.push_str("<section class=\"key\"><h2>Answer key</h2>\n<ol>\n");
    for q in &ws.questions {
        match q.answer {
            Some(a) => {
                let _ = write!(
                    s,
                    "<li><p><strong>{}.</strong> {}</p>",
                    letter(a),
                    escape(&q.choices[a])
                );
            }
            None => s.push_str("<li><p><strong>Open question.</strong></p>"),
        }
        for e in &q.evidence {
            if quoted(e) {
                let _ = write!(
                    s,
                    "<blockquote><strong>{}</strong>: “{}”</blockquote>",
                    escape(&cite(e)),
                    escape(&e.text)
                );
            } else {
                let _ = write!(
                    s,
                    "<blockquote><strong>{}</strong>: <em>{}</em></blockquote>",
                    escape(&cite(e)),
                    escape(&e.text)
                );
            }
        }
        let _ = writeln!(s, "<p>{}</p></li>", escape(&q.explanation));
    }
    s.push_str("</ol>\n<h2>Teacher notes</h2>\n<ul>\n");
    for note in &ws.notes {
        let _ = writeln!(s, "<li>{}</li>", html_keep_code(note));
    }
    for (n, q) in ws.questions.iter().enumerate() {
        let _ = writeln!(s, "<li>Question {}: {}</li>", n + 1, escape(&q.note));
    }
    s.push_str("</ul>\n</section>\n");
    s
}

fn html_keep_code(s: &str) -> String {
    s.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", escape(part))
            } else {
                escape(part)
            }
        })
        .collect()
}
