//! Article bodies, which are not all kept: the list needs only each
//! article's [`Entry`]. Bodies are kept in memory while they fit a budget
//! ([`KEPT_BYTES`]: a small collection is held whole, as before); any other
//! is read and cleaned again from its file when it is wanted (a few
//! milliseconds), and the file read last is remembered, so that stepping
//! through the articles of one export reads it once.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::article::{Article, Entry};

/// Bytes of bodies kept in memory at most (see [`size_of`]).
pub const KEPT_BYTES: usize = 8 << 20;

/// Roughly the memory an article's body takes: its raw text, its
/// paragraphs and what was removed.
pub fn size_of(article: &Article) -> usize {
    let paragraphs: usize = article.paragraphs.iter().map(String::len).sum();
    article.raw.len() + paragraphs + article.removed.len() * 48
}

/// The bodies at hand, by search document number.
#[derive(Debug, Default)]
pub struct Bodies {
    kept: HashMap<u32, Arc<Article>>,
    kept_bytes: usize,
    /// Keep every body offered, whatever its size (articles that come from
    /// no file, so could not be read again).
    keep_all: bool,
    /// The articles of the file read last.
    last_file: Option<(Arc<Path>, Vec<Arc<Article>>)>,
}

impl Bodies {
    /// Keeps `article` as the body of `doc` if the budget allows.
    pub fn offer(&mut self, doc: u32, article: Arc<Article>) {
        let size = size_of(&article);
        if self.keep_all || self.kept_bytes + size <= KEPT_BYTES {
            self.kept_bytes += size;
            self.kept.insert(doc, article);
        }
    }

    /// Keeps `article` as the body of `doc` whatever its size (it was
    /// already measured against the budget by the loader).
    pub fn keep(&mut self, doc: u32, article: Arc<Article>) {
        self.kept_bytes += size_of(&article);
        self.kept.insert(doc, article);
    }

    /// Bodies that keep every body offered (see `keep_all`).
    pub fn all() -> Self {
        Bodies {
            keep_all: true,
            ..Bodies::default()
        }
    }

    /// Forgets the body of `doc` (its file changed or went away).
    pub fn forget(&mut self, doc: u32) {
        if let Some(a) = self.kept.remove(&doc) {
            self.kept_bytes -= size_of(&a);
        }
    }

    /// Forgets the file read last (it changed on disk).
    pub fn forget_file(&mut self, path: &Path) {
        if self.last_file.as_ref().is_some_and(|(p, _)| **p == *path) {
            self.last_file = None;
        }
    }

    /// Every kept body, by document number (shared, not copied).
    pub fn all_kept(&self) -> HashMap<u32, Arc<Article>> {
        self.kept.clone()
    }

    /// The kept body of `doc`, if kept.
    pub fn kept(&self, doc: u32) -> Option<Arc<Article>> {
        self.kept.get(&doc).cloned()
    }

    /// The body of `entry` (document `doc`): kept, or read again from its
    /// file. `None` when the file cannot be read or no longer holds it.
    /// The first story wanted of a file is read alone (one story of an
    /// export of hundreds costs one story's cleaning); a second one of the
    /// same file reads the whole file, as stepping through an export or
    /// checking a phrase in many of its stories goes on with it; the
    /// articles of the file read last are remembered.
    pub fn get(&mut self, doc: u32, entry: &Entry) -> Option<Arc<Article>> {
        if let Some(a) = self.kept(doc) {
            return Some(a);
        }
        let same_file = self
            .last_file
            .as_ref()
            .is_some_and(|(path, _)| **path == *entry.path);
        if !same_file {
            let a = Self::read(entry)?;
            self.last_file = Some((Arc::clone(&entry.path), vec![Arc::clone(&a)]));
            return Some(a);
        }
        let (_, articles) = self.last_file.as_mut()?;
        if let Some(a) = find(articles, entry) {
            return Some(a);
        }
        let loaded = crate::ingest::load_file(&entry.path);
        *articles = loaded.articles.into_iter().map(Arc::new).collect();
        find(articles, entry)
    }

    /// Reads `entry`'s body from its file, keeping nothing (for other threads).
    pub fn read(entry: &Entry) -> Option<Arc<Article>> {
        read_all(&entry.path, &[entry]).pop().flatten()
    }
}

/// The articles of `entries` (all from the file `path`), read again from
/// it: only the articles at their slots are cleaned, so that one story of
/// an export of hundreds costs one story's cleaning. If the file changed
/// so that one is no longer at its slot, the whole file is read to find
/// it wherever it went. `None` for an article the file no longer holds.
pub fn read_all(path: &Path, entries: &[&Entry]) -> Vec<Option<Arc<Article>>> {
    let shared = |loaded: crate::ingest::Loaded| -> Vec<Arc<Article>> {
        loaded.articles.into_iter().map(Arc::new).collect()
    };
    let mut slots: Vec<u32> = entries.iter().map(|e| e.slot).collect();
    slots.sort_unstable();
    slots.dedup();
    let articles = shared(crate::ingest::load_slots(path, &slots));
    let found: Vec<Option<Arc<Article>>> = entries.iter().map(|e| find(&articles, e)).collect();
    if found.iter().all(Option::is_some) {
        return found;
    }
    let articles = shared(crate::ingest::load_file(path));
    entries.iter().map(|e| find(&articles, e)).collect()
}

/// The article of `entry` among its file's: at its slot if it is still the
/// same story there, else wherever the same story is.
pub(super) fn find(articles: &[Arc<Article>], entry: &Entry) -> Option<Arc<Article>> {
    let at_slot = articles
        .get(entry.slot as usize)
        .filter(|a| a.id == entry.id);
    at_slot
        .or_else(|| articles.iter().find(|a| a.id == entry.id))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An export of three stories, and the entries of its articles.
    fn export(dir: &Path) -> Vec<Entry> {
        let path = dir.join("feed.jsonl");
        let line = |n: u32| {
            format!(
                r#"{{"title": "Pier repairs, part {n}", "text": "Work on section {n} of the pier starts in March, the harbour board said."}}"#
            )
        };
        std::fs::write(&path, [line(0), line(1), line(2)].join("\n")).unwrap();
        let shared: Arc<Path> = Arc::from(path.as_path());
        let articles = crate::ingest::load_file(&path).articles;
        (0..)
            .zip(&articles)
            .map(|(slot, a)| Entry::of(a, Arc::clone(&shared), slot))
            .collect()
    }

    #[test]
    fn one_story_of_a_file_is_read_alone_and_a_second_reads_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let entries = export(dir.path());
        let mut bodies = Bodies::default();
        let held = |b: &Bodies| b.last_file.as_ref().map_or(0, |(_, a)| a.len());
        let first = bodies.get(10, &entries[1]).unwrap();
        assert_eq!(first.title, entries[1].title);
        assert_eq!(held(&bodies), 1, "the first story alone");
        let second = bodies.get(12, &entries[2]).unwrap();
        assert_eq!(second.title, entries[2].title);
        assert_eq!(held(&bodies), 3, "then the whole file");
        assert_eq!(bodies.get(11, &entries[0]).unwrap().title, entries[0].title);
    }
}
