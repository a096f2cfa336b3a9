//! The only place that maps a relation or a word change to a colour (ANSI) or a plain-text
//! marker. Without colour the markers keep highlights visible: `[-removed-]`, `{+added+}`.

use anstyle::{AnsiColor, Style};

use super::words::WordOp;
use crate::classify::Relation;

/// Wraps a word run for the terminal.
pub fn word(op: WordOp, text: &str, color: bool) -> String {
    match (op, color) {
        (WordOp::Equal, _) => text.to_string(),
        (WordOp::Removed, false) => format!("[-{text}-]"),
        (WordOp::Added, false) => format!("{{+{text}+}}"),
        (WordOp::Removed, true) => paint(
            Style::new()
                .fg_color(Some(AnsiColor::Red.into()))
                .strikethrough(),
            text,
        ),
        (WordOp::Added, true) => paint(
            Style::new().fg_color(Some(AnsiColor::Green.into())).bold(),
            text,
        ),
    }
}

/// Colours a relation label.
pub fn relation(r: Relation, text: &str, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let c = match r {
        Relation::Shared => AnsiColor::BrightBlack,
        Relation::Reframed => AnsiColor::Yellow,
        Relation::Contradicted => AnsiColor::Red,
    };
    paint(Style::new().fg_color(Some(c.into())).bold(), text)
}

/// Colours an omission label.
pub fn omitted(text: &str, color: bool) -> String {
    if color {
        paint(
            Style::new()
                .fg_color(Some(AnsiColor::Magenta.into()))
                .bold(),
            text,
        )
    } else {
        text.to_string()
    }
}

fn paint(style: Style, text: &str) -> String {
    format!("{}{}{}", style.render(), text, style.render_reset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_without_colour() {
        assert_eq!(
            word(WordOp::Removed, "Secretary Rubio's", false),
            "[-Secretary Rubio's-]"
        );
        assert_eq!(word(WordOp::Added, "two sides", false), "{+two sides+}");
        assert_eq!(word(WordOp::Equal, "the", false), "the");
        assert_eq!(relation(Relation::Reframed, "reframed", false), "reframed");
        assert_eq!(omitted("omitted by baghdad", false), "omitted by baghdad");
    }

    #[test]
    fn colour_wraps_and_resets() {
        for s in [
            word(WordOp::Removed, "x", true),
            word(WordOp::Added, "x", true),
            relation(Relation::Contradicted, "x", true),
            omitted("x", true),
        ] {
            assert!(s.starts_with("\x1b[") && s.ends_with("\x1b[0m"), "{s:?}");
            assert!(
                !s.contains("[-") && !s.contains("{+"),
                "no markers with colour: {s:?}"
            );
        }
    }
}
