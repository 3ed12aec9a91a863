//! Plain data shared by every layer: an article, its identity, and a load problem.

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use crate::clean::Removed;

/// A stable identity derived from an article's content (title and body),
/// so that moving or renaming the file keeps its read state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub u64);

impl ArticleId {
    /// Hashes the title and body with 64-bit FNV-1a, a hash that never changes
    /// between builds or Rust versions (unlike `std`'s `DefaultHasher`).
    pub fn from_content(title: &str, paragraphs: &[String]) -> Self {
        let mut h = Fnv64::new();
        for part in hashed_parts(title, paragraphs) {
            h.write(part);
        }
        ArticleId(h.finish())
    }

    /// Parses the 16-hex-digit form written by `Display`.
    pub fn parse(s: &str) -> Option<Self> {
        if s.len() != 16 {
            return None;
        }
        u64::from_str_radix(s, 16).ok().map(ArticleId)
    }
}

/// The bytes an id hashes, in order: the trimmed title, then for each
/// paragraph a 0x1f separator and the trimmed paragraph (so that moving a
/// word across a paragraph break changes the id).
pub(crate) fn hashed_parts<'a>(
    title: &'a str,
    paragraphs: &'a [String],
) -> impl Iterator<Item = &'a [u8]> + 'a {
    const SEPARATOR: &[u8] = &[0x1f];
    let body = paragraphs
        .iter()
        .flat_map(|p| [SEPARATOR, trim(p).as_bytes()]);
    std::iter::once(trim(title).as_bytes()).chain(body)
}

/// FNV-1a's starting value and multiplier (64-bit).
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub(crate) const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// `s.trim()`, without decoding a character when both ends are ASCII
/// and not whitespace (as cleaned paragraphs are).
fn trim(s: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b.is_ascii());
    if plain(s.as_bytes().first()) && plain(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// A map keyed by [`ArticleId`]: the id is a hash already, so it is used as
/// it is rather than hashed again.
pub type IdMap<V> =
    std::collections::HashMap<ArticleId, V, std::hash::BuildHasherDefault<IdHasher>>;

/// The hasher of [`IdMap`]: takes the id's 64 bits as the hash.
#[derive(Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Not reached for an `ArticleId` (hashed with `write_u64`).
        let mut h = Fnv64(self.0 ^ FNV_OFFSET);
        h.write(bytes);
        self.0 = h.finish();
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

struct Fnv64(u64);

impl Fnv64 {
    fn new() -> Self {
        Fnv64(FNV_OFFSET)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Metadata read from the file or its export; every field may be missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
}

/// One cleaned article, ready to list and read.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: ArticleId,
    /// The file it came from (for exports holding several, the same path for each).
    pub path: PathBuf,
    pub title: String,
    pub meta: Meta,
    /// The story, one entry per paragraph, in order.
    pub paragraphs: Vec<String>,
    /// What the cleaner took out, with why, for the raw view.
    pub removed: Vec<Removed>,
    /// The text as the file held it, before cleaning (for the raw view).
    pub raw: String,
}

impl Article {
    /// Words in the body, for the reading-time estimate.
    pub fn word_count(&self) -> usize {
        self.paragraphs.iter().map(|p| crate::words::count(p)).sum()
    }

    /// Minutes to read at about 230 words a minute, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.word_count().div_ceil(230).max(1)
    }

    /// The word count as its [`Entry`] keeps it.
    pub(crate) fn entry_words(&self) -> u32 {
        u32::try_from(self.word_count()).unwrap_or(u32::MAX)
    }
}

/// Something wrong with one input file; never fatal to the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// What is kept in memory of every article: enough to list, sort, filter
/// and group it. The body is read and cleaned again from `path` when the
/// article is opened (`slot` says which of the file's articles it is).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: ArticleId,
    /// The file it came from, shared by the articles of one export.
    pub path: std::sync::Arc<std::path::Path>,
    /// Its place among the articles its file holds (0 for most files).
    pub slot: u32,
    pub title: String,
    pub meta: Meta,
    /// Words in the body, for the reading time and for choosing among copies.
    pub words: u32,
}

impl Entry {
    /// The entry of `article`, the `slot`-th of its file.
    pub fn of(article: &Article, path: std::sync::Arc<std::path::Path>, slot: u32) -> Self {
        Entry::counted(article, path, slot, article.entry_words())
    }

    /// [`Entry::of`], the words counted already ([`Article::entry_words`]).
    pub(crate) fn counted(
        article: &Article,
        path: std::sync::Arc<std::path::Path>,
        slot: u32,
        words: u32,
    ) -> Self {
        Entry::with_meta(article, article.meta.clone(), path, slot, words)
    }

    /// [`Entry::counted`] with `meta` given: an article whose body is not
    /// kept gives its own rather than a copy (the loader's, for most
    /// articles of a large collection).
    pub(crate) fn with_meta(
        article: &Article,
        meta: Meta,
        path: std::sync::Arc<std::path::Path>,
        slot: u32,
        words: u32,
    ) -> Self {
        Entry {
            id: article.id,
            path,
            slot,
            title: article.title.clone(),
            meta,
            words,
        }
    }

    /// Minutes to read at about 230 words a minute, at least one.
    pub fn reading_minutes(&self) -> usize {
        (self.words as usize).div_ceil(230).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a one byte at a time, as the ids were first made.
    fn reference(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }

    #[test]
    fn fnv_1a_at_every_length() {
        // The published test vectors.
        let hash = |b: &[u8]| {
            let mut h = Fnv64::new();
            h.write(b);
            h.finish()
        };
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash(b"foobar"), 0x8594_4171_f739_67e8);
        let text: Vec<u8> = (0..100u8).map(|i| i.wrapping_mul(37)).collect();
        for len in 0..text.len() {
            assert_eq!(hash(&text[..len]), reference(&text[..len]), "{len}");
        }
    }

    #[test]
    fn trims_as_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}a",
            "a\u{3000}",
            "é",
            "\x7f",
            "\x1c a \x1f",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn ids_hash_the_trimmed_title_and_paragraphs() {
        let paragraphs = vec![
            " First one. ".to_string(),
            "Second, longer one.".to_string(),
        ];
        let id = ArticleId::from_content(" A title\n", &paragraphs);
        let bytes = b"A title\x1fFirst one.\x1fSecond, longer one.";
        assert_eq!(id, ArticleId(reference(bytes)));
    }
}
