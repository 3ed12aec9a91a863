//! View models built outside `draw`: sanitized headlines, and the reader's
//! lines wrapped once per (article, width, view) and cached.

use std::borrow::Cow;

use crate::article::{Article, Entry};
use crate::sanitize::{sanitize, sanitize_line};

/// One entry of the headline list, sanitized once at start-up.
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
    /// Raw view: the removal reason shown after a removed line, as "[reason]".
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

/// The reader's wrapped lines for one article at one width.
#[derive(Debug, Default)]
pub struct ReaderCache {
    key: Option<CacheKey>,
    lines: Vec<ReaderLine>,
}

impl ReaderCache {
    /// Rebuilds the lines when `key` differs from what they were built for;
    /// `copy` is the article's "copy 1 of 2 · path" line, if it has copies.
    pub fn refresh(
        &mut self,
        key: Option<CacheKey>,
        article: Option<&Article>,
        copy: Option<&str>,
    ) {
        if key == self.key {
            return;
        }
        self.lines = match (key, article) {
            (Some((_, width, raw)), Some(a)) => reader_lines(a, width.max(1) as usize, raw, copy),
            _ => Vec::new(),
        };
        self.key = key;
    }

    pub fn lines(&self) -> &[ReaderLine] {
        &self.lines
    }

    /// Follows the article to its new index (after articles were added);
    /// lines of an article no longer there are built again.
    pub fn remap(&mut self, new_index: impl Fn(usize) -> Option<usize>) {
        self.key = self
            .key
            .and_then(|(i, width, raw)| Some((new_index(i)?, width, raw)));
    }

    pub fn key(&self) -> Option<CacheKey> {
        self.key
    }
}

/// The first line of the raw view, saying how to read it.
pub const RAW_LEGEND: &str = "Raw text: struck-through lines were removed [reason]";

/// The reader's lines for `article` wrapped at `width`: the clean story, or
/// the raw text with the removed lines marked; `copy` ("copy 1 of 2 · path")
/// goes under the metadata.
pub fn reader_lines(
    article: &Article,
    width: usize,
    raw: bool,
    copy: Option<&str>,
) -> Vec<ReaderLine> {
    let mut out = Vec::new();
    if raw {
        push_wrapped(&mut out, LineKind::Legend, RAW_LEGEND, width);
        out.push(ReaderLine::blank());
    }
    let title = Headline::from_article(article).title;
    push_wrapped(&mut out, LineKind::Title, &title, width);
    push_wrapped(&mut out, LineKind::Meta, &meta_line(article), width);
    if let Some(copy) = copy {
        push_wrapped(&mut out, LineKind::Meta, &sanitize_line(copy), width);
    }
    out.push(ReaderLine::blank());
    if raw {
        push_raw(&mut out, article, width);
    } else {
        push_paragraphs(&mut out, article, width);
    }
    out
}

fn push_paragraphs(out: &mut Vec<ReaderLine>, article: &Article, width: usize) {
    let mut first = true;
    for p in &article.paragraphs {
        let p = sanitize_line(p);
        if p.is_empty() {
            continue;
        }
        if !first {
            out.push(ReaderLine::blank());
        }
        first = false;
        push_wrapped(out, LineKind::Body, &p, width);
    }
    if first {
        out.push(ReaderLine::new(LineKind::Meta, "(no text)"));
    }
}

/// Walks the raw text line by line; a trimmed line equal to the next
/// unmatched removed line is shown dimmed with its reason.
fn push_raw(out: &mut Vec<ReaderLine>, article: &Article, width: usize) {
    let mut removed = article.removed.iter().peekable();
    for line in crate::clean::raw_lines(&article.raw) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.push(ReaderLine::blank());
            continue;
        }
        let text = sanitize(line.trim_end());
        match removed.next_if(|r| r.text == trimmed) {
            Some(r) => push_removed(out, &text, r.reason.as_str(), width),
            None => push_wrapped(out, LineKind::Body, &text, width),
        }
    }
}

fn push_removed(out: &mut Vec<ReaderLine>, text: &str, reason: &str, width: usize) {
    let note = format!("[{reason}]");
    push_wrapped(out, LineKind::Removed, text, width);
    let last = out.len() - 1;
    let used = unicode_width::UnicodeWidthStr::width(out[last].text.as_str());
    if used + 1 + note.len() <= width {
        out[last].note = Some(note);
    } else {
        let mut line = ReaderLine::new(LineKind::Removed, "");
        line.note = Some(note);
        out.push(line);
    }
}

fn push_wrapped(out: &mut Vec<ReaderLine>, kind: LineKind, text: &str, width: usize) {
    let options = textwrap::Options::new(width).break_words(true);
    let lines = textwrap::wrap(text, options);
    if lines.is_empty() {
        out.push(ReaderLine::new(kind, ""));
    }
    out.extend(
        lines
            .into_iter()
            .map(|l: Cow<str>| ReaderLine::new(kind, l.into_owned())),
    );
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
