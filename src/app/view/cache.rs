//! The reader's lines, wrapped lazily: an article is a list of blocks
//! ([`super::doc`]) and a block is wrapped when a line of it is to be shown
//! (or walked past by a scroll), then kept for as long as the article,
//! width and view stay the same.
//!
//! Line numbers count every block's lines, using a guess for the blocks
//! not wrapped yet ([`Block::estimate`]). Wrapping a block only ever
//! happens at or below the first line shown, so the line number of what
//! is on screen never moves under it: moves up (`scroll_by`) walk back
//! block by block, and the end (`to_end`) is found by wrapping upwards
//! from the last block. An article of at most [`EAGER`] bytes is wrapped
//! whole at once, so its line count is exact from the start.

use rayon::prelude::*;

use super::counts::Counts;
use super::doc::{Block, blocks};
use super::{CacheKey, ReaderLine};
use crate::article::Article;

/// Articles up to this many bytes of text are wrapped whole when shown.
pub(super) const EAGER: usize = 128 * 1024;

/// The reader's lines for one article at one width.
#[derive(Debug, Default)]
pub struct ReaderCache {
    key: Option<CacheKey>,
    width: usize,
    blocks: Vec<Block>,
    /// Each block's lines, once wrapped.
    lines: Vec<Option<Vec<ReaderLine>>>,
    /// Each block's line count: exact once wrapped, else a guess.
    counts: Counts,
    /// Blocks not wrapped yet.
    unwrapped: usize,
    /// A position restored from a saved fraction while the line count was
    /// a guess: (line, fraction). Saving there again keeps the fraction.
    restored: Option<(usize, f64)>,
}

impl ReaderCache {
    /// Rebuilds the blocks when `key` differs from what they were built
    /// for; `copy` is the article's "copy 1 of 2 · path" line, if it has
    /// copies. A short article is wrapped whole.
    pub fn refresh(
        &mut self,
        key: Option<CacheKey>,
        article: Option<&Article>,
        copy: Option<&str>,
    ) {
        if key == self.key {
            return;
        }
        self.key = key;
        self.restored = None;
        let (blocks, width) = match (key, article) {
            (Some((_, width, raw)), Some(a)) => (blocks(a, raw, copy), width.max(1) as usize),
            _ => (Vec::new(), 1),
        };
        self.width = width;
        let counts = blocks.iter().map(|b| b.estimate(width)).collect();
        self.counts = Counts::new(counts);
        self.lines = vec![None; blocks.len()];
        self.unwrapped = blocks.len();
        let bytes: usize = blocks.iter().map(Block::bytes).sum();
        self.blocks = blocks;
        if let Some(a) = article {
            let eager = bytes <= EAGER;
            for b in 0..self.blocks.len() {
                // The header is always wrapped: the first screen shows it.
                if eager || matches!(self.blocks[b].source, super::doc::Source::Text(_)) {
                    self.wrap(a, b);
                }
            }
        }
    }

    pub fn key(&self) -> Option<CacheKey> {
        self.key
    }

    /// Follows the article to its new index (after articles were added);
    /// lines of an article no longer there are built again.
    pub fn remap(&mut self, new_index: impl Fn(usize) -> Option<usize>) {
        self.key = self
            .key
            .and_then(|(i, width, raw)| Some((new_index(i)?, width, raw)));
    }

    /// The number of lines: exact when [`ReaderCache::is_exact`], else a
    /// guess that gets better as more is wrapped.
    pub fn len(&self) -> usize {
        self.counts.total()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether every block is wrapped (and so every line number exact).
    pub fn is_exact(&self) -> bool {
        self.unwrapped == 0
    }

    /// Line `line`, if its block is wrapped.
    pub fn line(&self, line: usize) -> Option<&ReaderLine> {
        let (b, k) = self.counts.find(line)?;
        self.lines[b].as_ref()?.get(k)
    }

    /// The wrapped lines from `top` on, with their numbers, up to the first
    /// line not wrapped (drawing shows what [`ReaderCache::settle`] wrapped).
    pub fn lines_from(&self, top: usize) -> impl Iterator<Item = (usize, &ReaderLine)> + '_ {
        let found = self.counts.find(top);
        let (first, skip) = found.unwrap_or((self.blocks.len(), 0));
        self.lines[first..]
            .iter()
            .map_while(|l| l.as_deref())
            .flatten()
            .skip(skip)
            .enumerate()
            .map(move |(k, l)| (top + k, l))
    }

    /// Every line, wrapping (without keeping) the blocks not wrapped yet:
    /// costly on a long article, for inspection and tests.
    pub fn all_lines(&self, article: Option<&Article>) -> Vec<ReaderLine> {
        let mut out = Vec::new();
        for (b, lines) in self.lines.iter().enumerate() {
            match (lines, article) {
                (Some(lines), _) => out.extend_from_slice(lines),
                (None, Some(a)) => out.extend(self.blocks[b].wrap(a, self.width)),
                (None, None) => {}
            }
        }
        out
    }

    /// Wraps block `b` if it is not yet; returns its line count.
    fn wrap(&mut self, article: &Article, b: usize) -> usize {
        if let Some(lines) = &self.lines[b] {
            return lines.len();
        }
        let lines = self.blocks[b].wrap(article, self.width);
        let n = lines.len();
        self.counts.set(b, n);
        self.lines[b] = Some(lines);
        self.unwrapped -= 1;
        n
    }

    /// The first line to show when asked for `top` with `rows` rows: at
    /// most the last full screen, with every line on screen wrapped.
    /// (Exact articles: `top` capped at the end, nothing else.)
    pub fn settle(&mut self, article: Option<&Article>, top: usize, rows: usize) -> usize {
        let Some(article) = article.filter(|_| !self.is_exact()) else {
            return top.min(self.max_top(rows));
        };
        let Some((b, k)) = self.counts.find(top) else {
            return self.to_end(Some(article), rows);
        };
        // Wrapping the block moves no line before it; a place in it that
        // was a guess keeps its share of the block.
        let guess = self.counts.get(b);
        let exact = self.wrap(article, b);
        let k = if exact == guess {
            k
        } else {
            (k * exact / guess.max(1)).min(exact.saturating_sub(1))
        };
        let top = self.counts.start(b) + k;
        let mut next = b + 1;
        while next < self.blocks.len() && self.counts.start(next) < top + rows {
            self.wrap(article, next);
            next += 1;
        }
        if next == self.blocks.len() && top > self.max_top(rows) {
            return self.to_end(Some(article), rows);
        }
        top
    }

    /// The first line of the last full screen, wrapping upwards from the
    /// end as far as a screen needs.
    pub fn to_end(&mut self, article: Option<&Article>, rows: usize) -> usize {
        if let Some(article) = article {
            let mut shown = 0;
            let mut b = self.blocks.len();
            while b > 0 && shown < rows {
                b -= 1;
                shown += self.wrap(article, b);
            }
        }
        self.max_top(rows)
    }

    /// Moves `step` lines from `top` (far up or down: to the top or the
    /// end), wrapping the blocks walked through so that the move is exact.
    pub fn scroll_by(
        &mut self,
        article: Option<&Article>,
        top: usize,
        step: isize,
        rows: usize,
    ) -> usize {
        const FAR: isize = isize::MAX / 4;
        let (Some(a), false) = (article, self.is_exact()) else {
            return top.saturating_add_signed(step).min(self.max_top(rows));
        };
        let top = self.settle(article, top, rows);
        if step <= -FAR {
            return self.settle(article, 0, rows);
        }
        if step >= FAR {
            return self.to_end(article, rows);
        }
        if step >= 0 {
            // Down: the blocks up to the target are wrapped on the way.
            let target = top + step as usize;
            let mut b = self.counts.find(top).map_or(self.blocks.len(), |f| f.0);
            while b < self.blocks.len() && self.counts.start(b) < target {
                self.wrap(a, b);
                b += 1;
            }
            return self.settle(article, target, rows);
        }
        // Up: walk back a block at a time, each wrapped before counting it.
        let Some((mut b, k)) = self.counts.find(top) else {
            return self.to_end(article, rows);
        };
        let mut left = step.unsigned_abs();
        if left <= k {
            return self.settle(article, top - left, rows);
        }
        left -= k;
        while b > 0 {
            b -= 1;
            let n = self.wrap(a, b);
            if left <= n {
                let line = self.counts.start(b) + n - left;
                return self.settle(article, line, rows);
            }
            left -= n;
        }
        self.settle(article, 0, rows)
    }

    /// Wraps every block (for what needs every line, like the search's
    /// matches); returns where `top`'s line is then.
    pub fn wrap_all(&mut self, article: Option<&Article>, top: usize) -> usize {
        let Some(article) = article.filter(|_| !self.is_exact()) else {
            return top;
        };
        let place = self.counts.find(top);
        // On all cores: this is the one time a long article is wrapped whole.
        let todo: Vec<usize> = (0..self.blocks.len())
            .filter(|&b| self.lines[b].is_none())
            .collect();
        let (blocks, width) = (&self.blocks, self.width);
        let wrapped: Vec<Vec<ReaderLine>> = todo
            .par_iter()
            .map(|&b| blocks[b].wrap(article, width))
            .collect();
        for (b, lines) in todo.into_iter().zip(wrapped) {
            self.lines[b] = Some(lines);
        }
        self.unwrapped = 0;
        let counts = self.lines.iter().map(|l| l.as_ref().map_or(0, Vec::len));
        self.counts = Counts::new(counts.collect());
        match place {
            Some((b, k)) => self.counts.start(b) + k.min(self.counts.get(b).saturating_sub(1)),
            None => top,
        }
    }

    fn max_top(&self, rows: usize) -> usize {
        self.len().saturating_sub(rows)
    }

    /// Records that `line` was restored from `fraction` (line count a guess).
    pub fn set_restored(&mut self, line: usize, fraction: f64) {
        self.restored = Some((line, fraction));
    }

    /// The fraction `line` was restored from, if it was and is still there.
    pub fn restored_fraction(&self, line: usize) -> Option<f64> {
        self.restored.filter(|r| r.0 == line).map(|r| r.1)
    }

    /// Whether every block from the one holding `line` on is wrapped, for tests.
    #[cfg(test)]
    pub(super) fn counts_exact_from(&self, line: usize) -> bool {
        let first = self.counts.find(line).map_or(self.blocks.len(), |f| f.0);
        self.lines[first..].iter().all(Option::is_some)
    }

    /// How many blocks are wrapped, for tests.
    #[cfg(test)]
    pub(super) fn wrapped_blocks(&self) -> usize {
        self.lines.iter().filter(|l| l.is_some()).count()
    }
}
