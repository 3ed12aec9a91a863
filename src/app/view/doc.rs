//! The reader's text as blocks, each wrapped on its own: the header lines,
//! the paragraphs with blank lines between them (or the raw text's lines),
//! where a very long paragraph or line is cut into chunks so that no block
//! costs more than a few kilobytes of wrapping. Building the blocks reads
//! every paragraph's length but sanitizes and wraps nothing of the body.

use std::ops::Range;

use super::{Headline, LineKind, RAW_LEGEND, ReaderLine, meta_line};
use crate::article::Article;
use crate::sanitize::{sanitize, sanitize_line};

/// A paragraph or raw line longer than this (in bytes) is cut into chunks.
pub(super) const CHUNK_ABOVE: usize = 32 * 1024;
/// About how long a chunk is.
pub(super) const CHUNK: usize = 8 * 1024;

/// Where a block's text comes from.
#[derive(Debug, Clone)]
pub(super) enum Source {
    /// Already sanitized (the header).
    Text(String),
    /// Bytes of `article.paragraphs[index]`, sanitized as one line.
    Paragraph(usize, Range<usize>),
    /// Bytes of `article.raw`: one raw line (or a chunk of one).
    Raw(Range<usize>),
    Blank,
}

/// A piece of the reader wrapped on its own into zero or more lines.
#[derive(Debug, Clone)]
pub(super) struct Block {
    pub(super) kind: LineKind,
    pub(super) source: Source,
    /// Raw view: the reason a removed line was removed, shown after it.
    pub(super) note: Option<&'static str>,
}

impl Block {
    fn new(kind: LineKind, source: Source) -> Self {
        Block {
            kind,
            source,
            note: None,
        }
    }

    fn blank() -> Self {
        Block::new(LineKind::Blank, Source::Blank)
    }

    /// The bytes of text it wraps (0 for a blank line).
    pub(super) fn bytes(&self) -> usize {
        match &self.source {
            Source::Text(t) => t.len(),
            Source::Paragraph(_, r) | Source::Raw(r) => r.len(),
            Source::Blank => 0,
        }
    }

    /// A guess at its line count at `width`, before it is wrapped.
    pub(super) fn estimate(&self, width: usize) -> usize {
        match self.source {
            Source::Blank => 1,
            // Wrapped lines come out about a tenth short of the width.
            _ => {
                let room = (width - width / 10).max(1);
                self.bytes().div_ceil(room).max(1) + usize::from(self.note.is_some())
            }
        }
    }

    /// Its lines at `width`, as the eager wrap of the whole article had them.
    pub(super) fn wrap(&self, article: &Article, width: usize) -> Vec<ReaderLine> {
        let mut out = Vec::new();
        match &self.source {
            Source::Blank => out.push(ReaderLine::blank()),
            Source::Text(t) => push_wrapped(&mut out, self.kind, t, width),
            Source::Paragraph(i, r) => {
                let text = sanitize_line(&article.paragraphs[*i][r.clone()]);
                // Only a chunk can come out empty: whole paragraphs that
                // do are left out when the blocks are built.
                if !text.is_empty() {
                    push_wrapped(&mut out, self.kind, &text, width);
                }
            }
            Source::Raw(r) => {
                let text = sanitize(article.raw[r.clone()].trim_end());
                match self.note {
                    Some(reason) => push_removed(&mut out, &text, reason, width),
                    None => push_wrapped(&mut out, self.kind, &text, width),
                }
            }
        }
        out
    }
}

/// The blocks of `article`: the clean story, or the raw text with the
/// removed lines marked; `copy` ("copy 1 of 2 · path") goes under the
/// metadata.
pub(super) fn blocks(article: &Article, raw: bool, copy: Option<&str>) -> Vec<Block> {
    let mut out = Vec::new();
    if raw {
        out.push(Block::new(
            LineKind::Legend,
            Source::Text(RAW_LEGEND.to_string()),
        ));
        out.push(Block::blank());
    }
    let title = Headline::from_article(article).title;
    out.push(Block::new(LineKind::Title, Source::Text(title)));
    out.push(Block::new(LineKind::Meta, Source::Text(meta_line(article))));
    if let Some(copy) = copy {
        out.push(Block::new(
            LineKind::Meta,
            Source::Text(sanitize_line(copy)),
        ));
    }
    out.push(Block::blank());
    if raw {
        raw_blocks(&mut out, article);
    } else {
        paragraph_blocks(&mut out, article);
    }
    out
}

fn paragraph_blocks(out: &mut Vec<Block>, article: &Article) {
    let mut first = true;
    for (i, p) in article.paragraphs.iter().enumerate() {
        if !has_text(p) {
            continue;
        }
        if !first {
            out.push(Block::blank());
        }
        first = false;
        for range in chunks(p, 0..p.len()) {
            out.push(Block::new(LineKind::Body, Source::Paragraph(i, range)));
        }
    }
    if first {
        out.push(Block::new(
            LineKind::Meta,
            Source::Text("(no text)".to_string()),
        ));
    }
}

/// Whether `p` keeps any text once sanitized, mostly told by its start
/// (what sanitizing a prefix keeps, sanitizing the whole keeps too).
fn has_text(p: &str) -> bool {
    // Most start with a letter, which sanitizing keeps.
    let first = p.trim_start().bytes().next();
    if first.is_some_and(|b| b.is_ascii_graphic()) {
        return true;
    }
    let mut end = p.len().min(256);
    while !p.is_char_boundary(end) {
        end -= 1;
    }
    let visible = |s: &str| sanitize(s).chars().any(|c| !c.is_whitespace());
    visible(&p[..end]) || (end < p.len() && visible(p))
}

/// Walks the raw text line by line; a trimmed line equal to the next
/// unmatched removed line is shown dimmed with its reason.
fn raw_blocks(out: &mut Vec<Block>, article: &Article) {
    let raw = article.raw.as_str();
    let mut removed = article.removed.iter().peekable();
    for line in crate::clean::raw_lines(raw) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.push(Block::blank());
            continue;
        }
        // Every raw line is a slice of `raw`.
        let start = line.as_ptr() as usize - raw.as_ptr() as usize;
        let (kind, note) = match removed.next_if(|r| r.text == trimmed) {
            Some(r) => (LineKind::Removed, Some(r.reason.as_str())),
            None => (LineKind::Body, None),
        };
        let pieces: Vec<_> = chunks(raw, start..start + line.len()).collect();
        let last = pieces.len() - 1;
        for (k, range) in pieces.into_iter().enumerate() {
            let mut block = Block::new(kind, Source::Raw(range));
            block.note = note.filter(|_| k == last);
            out.push(block);
        }
    }
}

/// `range` of `text` cut into chunks of about [`CHUNK`] bytes when it is
/// longer than [`CHUNK_ABOVE`]: each cut is after a sentence's end when one
/// is near, else after a space, else at a character boundary.
fn chunks(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let short = range.len() <= CHUNK_ABOVE;
    let mut at = range.start;
    let end = range.end;
    std::iter::from_fn(move || {
        if at >= end {
            return None;
        }
        let start = at;
        at = if short || end - start <= CHUNK * 2 {
            end
        } else {
            cut(text, start + CHUNK, (start + CHUNK * 2).min(end))
        };
        Some(start..at)
    })
}

/// Where to cut `text` at or after `from`, before `to`: after the spaces
/// that follow the first sentence's end, else the first spaces, else the
/// first character boundary.
fn cut(text: &str, from: usize, to: usize) -> usize {
    let bytes = text.as_bytes();
    let window = &bytes[from..to];
    let after_spaces = |i: usize| {
        let mut j = from + i;
        while j < to && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        j
    };
    let sentence = memchr::memchr3_iter(b'.', b'!', b'?', window)
        .find(|&i| window.get(i + 1).is_some_and(u8::is_ascii_whitespace))
        .map(|i| after_spaces(i + 1));
    let space = || memchr::memchr3(b' ', b'\n', b'\t', window).map(after_spaces);
    let at = sentence.or_else(space).filter(|&j| j < to).unwrap_or(from);
    let mut at = at.max(from);
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
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

pub(super) fn push_wrapped(out: &mut Vec<ReaderLine>, kind: LineKind, text: &str, width: usize) {
    let options = textwrap::Options::new(width).break_words(true);
    let lines = textwrap::wrap(text, options);
    if lines.is_empty() {
        out.push(ReaderLine::new(kind, ""));
    }
    out.extend(
        lines
            .into_iter()
            .map(|l| ReaderLine::new(kind, l.into_owned())),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_in_order_and_stay_small() {
        let sentence = "Wörds of a sentence, and more of them. ";
        let text = sentence.repeat(5_000);
        let pieces: Vec<_> = chunks(&text, 0..text.len()).collect();
        assert!(pieces.len() > 10, "{}", pieces.len());
        assert_eq!(pieces[0].start, 0);
        assert_eq!(pieces.last().unwrap().end, text.len());
        for pair in pieces.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for p in &pieces {
            assert!(p.len() <= CHUNK * 2, "{}", p.len());
            // Cut after a sentence: each chunk starts a sentence.
            assert!(
                text[p.clone()].starts_with("Wörds"),
                "{:?}",
                &text[p.clone()][..9]
            );
        }
    }

    #[test]
    fn unbroken_text_is_cut_at_character_boundaries() {
        let text = "é".repeat(40_000);
        let pieces: Vec<_> = chunks(&text, 0..text.len()).collect();
        assert!(pieces.len() > 4);
        let joined: String = pieces.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn short_text_is_one_chunk() {
        let text = "a b c ".repeat(1000);
        let pieces: Vec<_> = chunks(&text, 3..text.len()).collect();
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0], 3..text.len());
    }

    #[test]
    fn an_empty_looking_start_still_has_text_later() {
        let p = format!("{}visible", "\x1b[0m ".repeat(100));
        assert!(has_text(&p));
        assert!(!has_text(&"\x1b[1m \t ".repeat(100)));
        assert!(has_text("plain"));
    }
}
