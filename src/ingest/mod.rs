//! Reads a collection from disk: walks folders, picks a reader per format,
//! and returns the articles plus one `Problem` per bad file. Never panics,
//! never stops on one file.
//!
//! PLACEHOLDER: only `.txt` so far; the other formats come next.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset, Utc};

use crate::article::{Article, ArticleId, Meta, Problem};
use crate::clean;

/// What loading produced: every article that could be read, and what went wrong.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

impl Loaded {
    pub fn extend(&mut self, other: Loaded) {
        self.articles.extend(other.articles);
        self.problems.extend(other.problems);
    }
}

/// Loads every article under `paths` (folders are walked, files read directly).
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut out = Loaded::default();
    for p in paths {
        if p.is_dir() {
            for entry in walkdir::WalkDir::new(p).follow_links(true) {
                match entry {
                    Ok(e) if e.file_type().is_file() => out.extend(load_file(e.path())),
                    Ok(_) => {}
                    Err(e) => out.problems.push(Problem {
                        path: e.path().unwrap_or(p).to_path_buf(),
                        message: e.to_string(),
                    }),
                }
            }
        } else {
            out.extend(load_file(p));
        }
    }
    out
}

/// Loads one file, whatever its format.
pub fn load_file(path: &Path) -> Loaded {
    match std::fs::read(path) {
        Ok(bytes) => {
            let mtime = std::fs::metadata(path).and_then(|m| m.modified()).ok();
            load_bytes(path, &bytes, mtime)
        }
        Err(e) => Loaded {
            articles: vec![],
            problems: vec![Problem {
                path: path.to_path_buf(),
                message: format!("cannot read: {e}"),
            }],
        },
    }
}

/// Parses `bytes` as the file at `path` would be (format from its extension).
pub fn load_bytes(path: &Path, bytes: &[u8], mtime: Option<SystemTime>) -> Loaded {
    let text = String::from_utf8_lossy(bytes);
    let cleaned = clean::clean(&text, None);
    let meta = Meta {
        source: path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned()),
        published: mtime
            .map(|t| DateTime::<Utc>::from(t).with_timezone(&FixedOffset::east_opt(0).unwrap())),
        ..Meta::default()
    };
    Loaded {
        articles: vec![Article {
            id: ArticleId::from_content(&cleaned.title, &cleaned.paragraphs),
            path: path.to_path_buf(),
            title: cleaned.title,
            meta,
            paragraphs: cleaned.paragraphs,
            removed: cleaned.removed,
            raw: text.into_owned(),
        }],
        problems: vec![],
    }
}

/// Loads the sample collection compiled into the binary (assets/sample/).
///
/// PLACEHOLDER: empty until the embedded sample lands.
pub fn load_sample() -> Loaded {
    Loaded::default()
}
