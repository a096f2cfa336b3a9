//! HTML pages: article extraction with dom_smoothie (Readability) in `TextMode::Formatted`,
//! after a dom_query pre-pass that removes boilerplate Readability is known to leak (ad
//! slots, newsletter boxes, share bars, cookie banners: CRATES.md §2 measured 0 leaks with
//! the pre-pass against 2 without). Metadata comes from meta tags and JSON-LD, via
//! dom_smoothie. The extracted text, blocks joined by blank lines, is the document text.
//!
//! Degrades instead of failing, and says why in a warning: a page nested deeper than
//! [`MAX_DEPTH`] elements is read as flat text without parsing a tree (tree walks recurse, and
//! 100,000 nested `<div>`s would overflow the stack); a page without an article falls back to
//! the visible text of the cleaned page.

use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};

use super::{from_blocks, markdown::clean_inline};
use crate::document::{Document, Metadata};
use crate::error::{Error, Result};

/// Deeper element nesting than this is read as flat text. Real article pages nest 20–40 deep.
pub const MAX_DEPTH: usize = 256;

/// Boilerplate removed before extraction. Substring class matches are kept to words that do
/// not occur in article-body class names (`comment` would hit `commentary`, so it is not here).
const BOILERPLATE: &[&str] = &[
    "nav",
    "header nav",
    "footer",
    "aside",
    "form",
    "noscript",
    "iframe",
    "template",
    "dialog",
    "[role=navigation]",
    "[role=contentinfo]",
    "[role=complementary]",
    "[aria-hidden=true]",
    "[hidden]",
    "[class*=advert]",
    "[id*=advert]",
    "[class*=ad-slot]",
    "[class*=ad-container]",
    "[class*=sponsor]",
    "[class*=newsletter]",
    "[id*=newsletter]",
    "[class*=subscribe]",
    "[class*=share]",
    "[class*=social]",
    "[class*=cookie]",
    "[id*=cookie]",
    "[class*=consent]",
    "[class*=gdpr]",
    "[class*=related]",
    "[class*=most-read]",
    "[class*=popular]",
    "[class*=breadcrumb]",
    "[class*=tags]",
    "[class*=comments]",
    "[id*=comments]",
    "[class*=comment-]",
    "[class*=promo]",
    "[class*=skip-link]",
    "[class*=print-only]",
];

/// Reads an HTML page into an extracted document.
pub(super) fn read(
    name: &str,
    id: &str,
    html: &str,
    warnings: &mut Vec<String>,
) -> Result<Document> {
    let depth = max_depth(html);
    if depth > MAX_DEPTH {
        warnings.push(format!(
            "HTML nested {depth}+ elements deep (limit {MAX_DEPTH}); read as flat text without article extraction"
        ));
        let text = flat_text(html);
        let blocks = split_clean(&text);
        return Ok(from_blocks(
            id,
            blocks.iter().map(String::as_str),
            Metadata::default(),
        ));
    }
    let dom = Dom::from(html);
    // dom_smoothie fills `url` only when given the page's address; the page usually says it.
    let url = ["link[rel=canonical]", "meta[property=\"og:url\"]"]
        .iter()
        .find_map(|sel| {
            let s = dom.try_select(sel)?;
            s.attr("href").or_else(|| s.attr("content"))
        })
        .map(|u| u.to_string());
    for sel in BOILERPLATE {
        if let Some(s) = dom.try_select(sel) {
            s.remove();
        }
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut reader = Readability::with_document(dom, None, Some(cfg))
        .map_err(|e| Error::input(name, format!("HTML extraction failed: {e}")))?;
    // Metadata first: `parse` mutates the tree.
    let md = reader.get_article_metadata(reader.parse_json_ld());
    let meta = Metadata {
        title: nonempty(Some(md.title.clone())),
        outlet: nonempty(md.site_name.clone()),
        author: nonempty(md.byline.clone()),
        date: nonempty(md.published_time.clone()),
        url: nonempty(md.url.clone()).or_else(|| nonempty(url)),
    };
    let mut blocks = match reader.parse() {
        Ok(article) => split_clean(&article.text_content),
        Err(_) => Vec::new(),
    };
    if blocks.is_empty() {
        // No article: the visible text of the cleaned page is better than nothing.
        let dom = Dom::from(html);
        for sel in BOILERPLATE.iter().chain(&["script", "style", "head"]) {
            if let Some(s) = dom.try_select(sel) {
                s.remove();
            }
        }
        let text = dom
            .try_select("body")
            .map_or_else(|| dom.formatted_text(), |b| b.formatted_text());
        blocks = split_clean(&text);
        if blocks.is_empty() {
            return Err(Error::input(name, "no text found in the HTML page"));
        }
        warnings.push("no article found in the HTML page; read all its visible text".into());
    }
    // The headline is a statement in plain-text copies of a page; keep it so that an HTML page
    // and a .txt copy segment alike. Readability usually strips the <h1> that repeats it.
    if let Some(t) = &meta.title {
        let t = clean_inline(t);
        if !t.is_empty() && blocks.first() != Some(&t) {
            blocks.insert(0, t);
        }
    }
    Ok(from_blocks(id, blocks.iter().map(String::as_str), meta))
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

/// Splits formatted text into blocks with the plain-text rules (blank lines, stand-alone
/// lines) and collapses whitespace inside each.
fn split_clean(text: &str) -> Vec<String> {
    crate::segment::split_blocks(text)
        .into_iter()
        .map(|s| {
            text[s.start..s.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|b| !b.is_empty())
        .collect()
}

/// Elements that never have a closing tag, so they do not nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "!doctype",
];

/// An upper estimate of element nesting from the tags alone, in one pass without a tree:
/// opening tags push, closing tags pop, void and self-closed tags do neither; the insides of
/// comments, `<script>` and `<style>` are skipped.
///
/// `"<div><p>a</p><br><div></div></div>"` → 2
pub(crate) fn max_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = b[start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'!' || *c == b'-'))
            .map_or(b.len(), |p| start + p);
        if end == start {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        let gt = memchr(b'>', &b[end..]).map_or(b.len(), |p| end + p);
        let self_closed = gt > end && b[gt - 1] == b'/';
        i = gt.min(b.len());
        if closing {
            depth = depth.saturating_sub(1);
        } else if !(VOID.contains(&name.as_str()) || self_closed) {
            if name == "script" || name == "style" {
                let close = format!("</{name}");
                i = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
                continue;
            }
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Text of an HTML string without building a tree: tags dropped (block-level ones become
/// paragraph breaks), script/style/comment bodies skipped, common entities decoded.
fn flat_text(html: &str) -> String {
    const BLOCK: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "blockquote",
        "ul",
        "ol",
        "table",
        "header",
        "footer",
    ];
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    while i < b.len() {
        let Some(off) = memchr(b'<', &b[i..]) else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..i + off]);
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |p| start + p);
        let name = html[start..end].to_ascii_lowercase();
        let gt = memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1);
        i = gt;
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            i = find_ci(b, i, close.as_bytes())
                .and_then(|p| memchr(b'>', &b[p..]).map(|q| p + q + 1))
                .unwrap_or(b.len());
            continue;
        }
        if BLOCK.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    decode_entities(&out)
}

/// Decodes the entities common in article text; others are left as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest[..rest.len().min(12)].find(';');
        let decoded = semi.and_then(|j| {
            let ent = &rest[1..j];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "rdquo" => Some('”'),
                "ldquo" => Some('“'),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, j + 1))
        });
        match decoded {
            Some((c, len)) if c != '\0' => {
                out.push(c);
                rest = &rest[len..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_estimate() {
        assert_eq!(max_depth("<div><p>a</p><br><div></div></div>"), 2);
        assert_eq!(max_depth("<p>a<img src=x/><!-- <div><div> --></p>"), 1);
        assert_eq!(max_depth("<script>if (a<b) {'<div>'}</script><p>x"), 1);
        assert_eq!(max_depth(&"<div>".repeat(1000)), 1000);
        assert_eq!(max_depth("a < b and <"), 0);
    }

    #[test]
    fn deep_nesting_falls_back_to_flat_text() {
        let html = format!(
            "{}Deep text here.{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let mut w = Vec::new();
        let d = read("deep.html", "deep", &html, &mut w).unwrap();
        assert_eq!(d.text, "Deep text here.");
        assert!(w[0].contains("flat text"), "{w:?}");
    }

    #[test]
    fn flat_text_drops_tags_and_scripts() {
        let t =
            flat_text("<p>A &amp; B&#8217;s</p><script>var x = '<p>';</script><p>C &bogus; D</p>");
        assert_eq!(split_clean(&t), ["A & B’s", "C &bogus; D"]);
    }
}
