//! View models built outside `draw`: sanitized headlines, and the reader's
//! lines, wrapped lazily by viewport and cached per (article, width, view).

mod cache;
mod counts;
mod doc;
#[cfg(test)]
mod tests;

pub use cache::ReaderCache;

use crate::article::{Article, Entry};
use crate::sanitize::sanitize_line;

/// One entry of the headline list, sanitized when drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headline {
    pub title: String,
    /// "source · date", either part may be missing.
    pub meta: String,
}

impl Headline {
    /// The list's line for an article (as the library knows it).
    pub fn from_entry(entry: &Entry) -> Self {
        let source = entry.meta.source.as_deref().map(sanitize_line);
        let date = entry
            .meta
            .published
            .map(|d| d.format("%-d %b %Y").to_string());
        let title = sanitize_line(&entry.title);
        Headline {
            title: if title.is_empty() {
                "(untitled)".to_string()
            } else {
                title
            },
            meta: [source.filter(|s| !s.is_empty()), date]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
        }
    }

    pub fn from_article(article: &Article) -> Self {
        let title = sanitize_line(&article.title);
        let title = if title.is_empty() {
            "(untitled)".to_string()
        } else {
            title
        };
        let meta = [source_of(article), date_of(article)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        Headline { title, meta }
    }
}

/// How a reader line is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Body,
    /// Raw view: a line the cleaner removed.
    Removed,
    /// Raw view: the key to its styling, above the article.
    Legend,
    Blank,
}

/// One wrapped line of the reader, already sanitized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderLine {
    pub kind: LineKind,
    pub text: String,
    /// Raw view: the removal reason shown after a removed line, as "\[reason\]".
    pub note: Option<String>,
}

impl ReaderLine {
    fn new(kind: LineKind, text: impl Into<String>) -> Self {
        ReaderLine {
            kind,
            text: text.into(),
            note: None,
        }
    }
    fn blank() -> Self {
        ReaderLine::new(LineKind::Blank, "")
    }
}

/// What the cached lines were built for: (article index, text width, raw view).
pub type CacheKey = (usize, u16, bool);

/// The first line of the raw view, saying how to read it.
pub const RAW_LEGEND: &str = "Raw text: struck-through lines were removed [reason]";

/// The reader's lines for `article` wrapped at `width`, all of them at
/// once: the clean story, or the raw text with the removed lines marked;
/// `copy` ("copy 1 of 2 · path") goes under the metadata. The reader
/// itself wraps only what it shows ([`ReaderCache`]), block by block, to
/// the same lines.
pub fn reader_lines(
    article: &Article,
    width: usize,
    raw: bool,
    copy: Option<&str>,
) -> Vec<ReaderLine> {
    let width = width.max(1);
    doc::blocks(article, raw, copy)
        .iter()
        .flat_map(|b| b.wrap(article, width))
        .collect()
}

/// "source · author · date · N min read", leaving out what is unknown.
pub fn meta_line(article: &Article) -> String {
    let author = article.meta.author.as_deref().map(sanitize_line);
    [
        source_of(article),
        author.filter(|a| !a.is_empty()),
        date_of(article),
        Some(format!("{} min read", article.reading_minutes())),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

fn source_of(article: &Article) -> Option<String> {
    let source = sanitize_line(article.meta.source.as_deref()?);
    (!source.is_empty()).then_some(source)
}

/// The publication date as "3 May 2024": absolute, so it never depends on today.
fn date_of(article: &Article) -> Option<String> {
    article
        .meta
        .published
        .map(|d| d.format("%-d %b %Y").to_string())
}
