//! Word-level diff of two statement texts (similar's `TextDiff::from_words`), shared by the
//! table, Markdown and HTML renderers.

use similar::{ChangeTag, TextDiff};

/// What happened to a run of words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordOp {
    /// In both texts.
    Equal,
    /// Only in the left text.
    Removed,
    /// Only in the right text.
    Added,
}

/// A run of text (words and the whitespace between them) with its fate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordChange {
    /// What happened.
    pub op: WordOp,
    /// The text.
    pub text: String,
}

/// Diffs two texts word by word; adjacent changes of one kind are merged.
///
/// `("Rubio urged Sudani", "Rubio stressed Sudani")` →
/// `[Equal "Rubio ", Removed "urged", Added "stressed", Equal " Sudani"]`
pub fn word_diff(left: &str, right: &str) -> Vec<WordChange> {
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(50))
        .diff_words(left, right);
    let mut out: Vec<WordChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => WordOp::Equal,
            ChangeTag::Delete => WordOp::Removed,
            ChangeTag::Insert => WordOp::Added,
        };
        let text = change.value();
        // Whitespace-only changes carry no meaning; treat them as equal so highlights
        // hug words.
        let op = if text.trim().is_empty() {
            WordOp::Equal
        } else {
            op
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(WordChange {
                op,
                text: text.to_string(),
            }),
        }
    }
    out
}

/// The left side (equal + removed runs) and the right side (equal + added runs).
pub fn sides(changes: &[WordChange]) -> (Vec<&WordChange>, Vec<&WordChange>) {
    let l = changes.iter().filter(|c| c.op != WordOp::Added).collect();
    let r = changes.iter().filter(|c| c.op != WordOp::Removed).collect();
    (l, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_swap() {
        let d = word_diff("Rubio urged Sudani", "Rubio stressed Sudani");
        let ops: Vec<_> = d.iter().map(|c| (c.op, c.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                (WordOp::Equal, "Rubio "),
                (WordOp::Removed, "urged"),
                (WordOp::Added, "stressed"),
                (WordOp::Equal, " Sudani")
            ]
        );
    }
}
