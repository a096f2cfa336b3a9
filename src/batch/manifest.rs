//! Turns a batch input into events: a directory of event folders (each folder an event, its
//! files the sources), or a manifest in JSON or TOML:
//!
//! ```toml
//! [[events]]
//! id = "erbil-airport"
//! title = "Drone attack near Erbil airport"
//! [[events.sources]]
//! path = "erbil-airport/wire.txt"   # relative to the manifest's folder
//! label = "wire"
//! outlet = "Wire service"
//! date = "2025-10-28"
//! ```
//!
//! A manifest that cannot be parsed fails as a whole (one line naming it, line and column);
//! a malformed event inside a valid manifest (missing field, bad or duplicate id, no
//! sources) is kept with its `problem` set, so the rest of the batch still runs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Event, Origin, Source, check_id};
use crate::error::{Error, Result};

/// The events of a batch input.
#[derive(Debug)]
pub struct Loaded {
    /// In input order: manifest order, or folder names sorted bytewise.
    pub events: Vec<Event>,
}

/// One event as written in a manifest or a JSON line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    /// Event id.
    pub id: String,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<SourceSpec>,
}

/// One source as written in a manifest (`path`) or a JSON line (`text`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    /// File, relative to the manifest's folder.
    #[serde(default)]
    pub path: Option<String>,
    /// Inline text.
    #[serde(default)]
    pub text: Option<String>,
    /// Label in the report.
    #[serde(default)]
    pub label: Option<String>,
    /// Outlet.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Publication date.
    #[serde(default)]
    pub date: Option<String>,
}

impl EventSpec {
    /// Builds the event; `base` resolves relative paths (none: paths are refused, as in
    /// JSON lines, whose sources carry their text).
    pub fn into_event(self, base: Option<&Path>) -> Event {
        let mut problem = check_id(&self.id).err();
        let mut sources = Vec::with_capacity(self.sources.len());
        for (i, s) in self.sources.into_iter().enumerate() {
            let origin = match (s.path, s.text, base) {
                (Some(p), None, Some(base)) => Some(Origin::Path(base.join(p))),
                (None, Some(t), _) => Some(Origin::Text(t)),
                (Some(_), None, None) => {
                    problem.get_or_insert(format!("source {}: give \"text\", not \"path\"", i + 1));
                    None
                }
                (Some(_), Some(_), _) => {
                    problem.get_or_insert(format!(
                        "source {}: give \"path\" or \"text\", not both",
                        i + 1
                    ));
                    None
                }
                (None, None, _) => {
                    let want = if base.is_some() { "path" } else { "text" };
                    problem.get_or_insert(format!("source {}: missing \"{want}\"", i + 1));
                    None
                }
            };
            if let Some(origin) = origin {
                sources.push(Source {
                    label: s.label,
                    outlet: s.outlet,
                    date: s.date,
                    origin,
                });
            }
        }
        Event {
            id: self.id,
            title: self.title,
            sources,
            problem,
        }
    }
}

/// Loads a directory of event folders or a manifest file (`.json` or `.toml`, else sniffed).
pub fn load(input: &Path) -> Result<Loaded> {
    let name = input.display().to_string();
    let meta = std::fs::metadata(input).map_err(|e| Error::input(&name, e.to_string()))?;
    let mut events = if meta.is_dir() {
        from_dir(input)?
    } else {
        from_manifest(input)?
    };
    let mut seen = HashSet::new();
    for e in &mut events {
        if !seen.insert(e.id.clone()) && e.problem.is_none() {
            e.problem = Some(format!("duplicate event id {:?}", e.id));
        }
    }
    Ok(Loaded { events })
}

/// Names a directory entry must not have to be a source: hidden files and notes.
fn skipped(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.') || lower.starts_with("readme") || lower.starts_with("note")
}

fn sorted_entries(dir: &Path) -> Result<Vec<(String, PathBuf, bool)>> {
    let name = dir.display().to_string();
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::input(&name, e.to_string()))? {
        let entry = entry.map_err(|e| Error::input(&name, e.to_string()))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if skipped(&file_name) {
            continue;
        }
        let path = entry.path();
        let is_dir = path.is_dir();
        out.push((file_name, path, is_dir));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn from_dir(dir: &Path) -> Result<Vec<Event>> {
    let mut events = Vec::new();
    for (id, path, is_dir) in sorted_entries(dir)? {
        if !is_dir {
            continue;
        }
        let sources = sorted_entries(&path)?
            .into_iter()
            .filter(|(_, _, d)| !d)
            .map(|(_, p, _)| Source {
                label: None,
                outlet: None,
                date: None,
                origin: Origin::Path(p),
            })
            .collect();
        events.push(Event {
            problem: check_id(&id).err(),
            id,
            title: None,
            sources,
        });
    }
    if events.is_empty() {
        return Err(Error::input(
            dir.display().to_string(),
            "no event folders found (expected one folder per event)",
        ));
    }
    Ok(events)
}

fn from_manifest(path: &Path) -> Result<Vec<Event>> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::input(&name, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::input(&name, "not valid UTF-8"))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let is_json = match ext.as_deref() {
        Some("json") => true,
        Some("toml") => false,
        _ => text.trim_start().starts_with('{'),
    };
    let root: serde_json::Value = if is_json {
        serde_json::from_str(&text).map_err(|e| Error::input(&name, one_line(&e.to_string())))?
    } else {
        toml::from_str(&text).map_err(|e| Error::input(&name, toml_problem(&text, &e)))?
    };
    let Some(list) = root.get("events").and_then(|e| e.as_array()) else {
        return Err(Error::input(&name, "no \"events\" list"));
    };
    let base = path.parent().unwrap_or(Path::new(""));
    Ok(list
        .iter()
        .enumerate()
        .map(|(i, v)| match EventSpec::deserialize(v) {
            Ok(spec) => spec.into_event(Some(base)),
            Err(e) => malformed(v, i, &e.to_string()),
        })
        .collect())
}

/// An event whose fields do not parse: named by its id if it has one, else by position.
pub fn malformed(v: &serde_json::Value, index: usize, problem: &str) -> Event {
    let id = v
        .get("id")
        .and_then(|i| i.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| format!("event-{}", index + 1));
    Event {
        id,
        title: None,
        sources: Vec::new(),
        problem: Some(format!("malformed event: {}", one_line(problem))),
    }
}

/// TOML's own message is several lines with a caret snippet; keep the first line and add
/// the line and column.
fn toml_problem(text: &str, e: &toml::de::Error) -> String {
    let msg = one_line(e.message());
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {col}: {msg}")
        }
        None => msg,
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve_against_the_manifest_folder() {
        let spec: EventSpec = serde_json::from_str(
            r#"{"id":"e","sources":[{"path":"a.txt"},{"path":"sub/b.txt","outlet":"B"}]}"#,
        )
        .unwrap();
        let e = spec.into_event(Some(Path::new("some/dir")));
        assert_eq!(e.problem, None);
        assert_eq!(
            e.sources[1].origin,
            Origin::Path(PathBuf::from("some/dir/sub/b.txt"))
        );
        assert_eq!(e.sources[1].outlet.as_deref(), Some("B"));
    }

    #[test]
    fn a_source_without_path_or_text_makes_the_event_malformed() {
        let spec: EventSpec =
            serde_json::from_str(r#"{"id":"e","sources":[{"label":"x"},{"path":"b"}]}"#).unwrap();
        let e = spec.into_event(Some(Path::new(".")));
        assert!(e.problem.unwrap().contains("missing \"path\""));
    }

    #[test]
    fn toml_errors_are_one_line_with_position() {
        let text = "[[events]]\nid = \"a\"\ntitle = \n";
        let e = toml::from_str::<serde_json::Value>(text).unwrap_err();
        let p = toml_problem(text, &e);
        assert!(p.starts_with("line 3, column"), "{p}");
        assert!(!p.contains('\n'));
    }
}
