//! Helpers shared by the `ingest_*` integration tests: files written into
//! temp dirs, loading one file, and reading articles and problems back.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use byline::article::{Article, Problem};
use byline::ingest::{self, Loaded};
use tempfile::TempDir;

pub fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

pub fn load_one(dir: &TempDir, rel: &str, bytes: impl AsRef<[u8]>) -> Loaded {
    let path = write(dir.path(), rel, bytes);
    ingest::load_file(&path)
}

/// The only article, with no problems.
pub fn only(loaded: Loaded) -> Article {
    assert_eq!(loaded.problems, vec![], "unexpected problems");
    assert_eq!(loaded.articles.len(), 1, "expected one article");
    loaded.articles.into_iter().next().unwrap()
}

/// The title the cleaner infers for `text` (loose text has no other).
pub fn inferred(text: &str) -> String {
    byline::clean::clean(text, None).title
}

/// File names of the articles, in order.
pub fn article_names(loaded: &Loaded) -> Vec<String> {
    loaded
        .articles
        .iter()
        .map(|a| a.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

pub fn body(a: &Article) -> String {
    a.paragraphs.join("\n")
}

pub fn date(a: &Article) -> Option<String> {
    a.meta.published.map(|d| d.to_rfc3339())
}

pub fn messages(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.message.as_str()).collect()
}

pub fn file_names(problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| p.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// Repeatable noise (xorshift), so binary fixtures need no extra crate.
pub fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

pub const STORY: &str = "Storm closes harbour\n\n\
    The harbour closed on Monday as the storm arrived.\n\n\
    Boats were moved inland before the tide.\n";
