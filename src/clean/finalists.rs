//! The last step of headline inference: the shortlisted candidates'
//! page-level signals (a quote of the line elsewhere in the page, a repeat
//! after the story, the share of its words its story repeats), looked up
//! only while they can still change which candidate wins.

use std::ops::Range;

use super::region::Scored;
use super::story_words::{StoryWords, content_words};

/// How far from a candidate a quote of it is looked for.
const QUOTE_WINDOW: usize = 300;

/// A shortlisted candidate with its page-level signals in: line `i`, its
/// story starting at `j`, its shape-and-place score `v`, whether the page
/// quotes it (`None` until looked up), whether it repeats after the story,
/// whether it lies beyond the usual window, its content words (a range of
/// a shared list), and its final score once its story is read.
struct Finalist {
    v: f32,
    i: usize,
    j: usize,
    quoted: Option<bool>,
    footer: bool,
    far: bool,
    words: Range<usize>,
    exact: Option<f32>,
}

impl Finalist {
    /// The final score, quoted or not, with `hit` of its words in its story.
    fn score(&self, quoted: bool, hit: usize) -> f32 {
        let v = if quoted { self.v + 1.5 } else { self.v };
        let v = if self.footer { v - 3.0 } else { v };
        with_overlap(v, self.words.len(), hit)
    }

    /// The least final score this candidate can end with: none of its words
    /// in its story and, while that is unknown, not quoted (beyond the
    /// usual window, where only a quoted headline counts, none at all).
    fn worst(&self) -> f32 {
        if let Some(e) = self.exact {
            return e;
        }
        match self.quoted {
            _ if self.far && self.quoted != Some(true) => f32::NEG_INFINITY,
            q => self.score(q.unwrap_or(false), 0),
        }
    }

    /// The greatest final score this candidate can end with: all of its
    /// words in its story and, while that is unknown, quoted.
    fn best(&self) -> f32 {
        if let Some(e) = self.exact {
            return e;
        }
        self.score(self.quoted.unwrap_or(true), self.words.len())
    }
}

/// `v` plus the word-overlap bonus for `hit` of `all` content words found
/// in the story.
fn with_overlap(v: f32, all: usize, hit: usize) -> f32 {
    // Few content words make the share noisy: damp it for short lines.
    let sure = (all as f32 / 4.0).min(1.0);
    v + if all > 0 {
        5.0 * sure * hit as f32 / all as f32
    } else {
        0.0
    }
}

/// Drops the finalists whose best case falls short of another's worst case:
/// they cannot win. (Scores only grow with the overlap and with a quote,
/// each step a rounding of a monotone operation, so the bounds hold.)
fn prune(finalists: &mut Vec<Finalist>) {
    let floor = finalists
        .iter()
        .map(Finalist::worst)
        .fold(f32::NEG_INFINITY, f32::max);
    finalists.retain(|f| f.best() >= floor);
}

/// True when a longer line within `QUOTE_WINDOW` of line `i` contains its
/// key: pages quote their headline elsewhere ("12 thoughts on “…”", "Share
/// options for: …").
// Out of line so that profiles show it apart from `pick`.
#[inline(never)]
fn quoted(lines: &[Scored], i: usize) -> bool {
    let key = lines[i].line.key();
    let finder = memchr::memmem::Finder::new(key.as_bytes());
    lines[i.saturating_sub(QUOTE_WINDOW)..lines.len().min(i + QUOTE_WINDOW)]
        .iter()
        .any(|s| s.line.key().len() > key.len() && finder.find(s.line.key().as_bytes()).is_some())
}

/// The best of the shortlist `short` (score, line, story start; best
/// first) once quotes, footers and the word overlap with each story count;
/// ties go to the earlier in `short`.
///
/// Quotes and the overlap can only add to a score, by at most a known
/// bonus, so a candidate whose best case falls short of another's worst
/// case cannot win: it is dropped before its quotes are looked for or its
/// story read, and when one candidate is left, no story is read at all.
// Out of line so that profiles show it apart from `infer`.
#[inline(never)]
pub fn pick(
    lines: &[Scored],
    short: &[(f32, usize, usize)],
    lo: usize,
    end: usize,
) -> Option<usize> {
    let n = lines.len();
    let mut words = Vec::new();
    let mut buf = String::new();
    let mut finalists = Vec::with_capacity(short.len());
    for &(v, i, j) in short {
        let key = lines[i].line.key();
        // Short keys are never looked for in other lines.
        let quotable = key.len() >= 15;
        // Beyond the usual window only a headline the page quotes counts.
        let far = i < lo;
        if far && !quotable {
            continue;
        }
        // A line repeated after the story is site chrome (an address, a
        // footer label), not the headline, which repeats above its story.
        let footer =
            lines[i].count >= 2 && end < n && lines[end..].iter().any(|s| s.line.key() == key);
        let from = words.len();
        content_words(lines[i].line.text, &mut buf, &mut words);
        finalists.push(Finalist {
            v,
            i,
            j,
            quoted: (!quotable).then_some(false),
            footer,
            far,
            words: from..words.len(),
            exact: None,
        });
    }
    // Quotes first, the most promising candidate's first: each one known
    // narrows the bounds and may settle the others.
    prune(&mut finalists);
    // A far one needs its quote even when alone: unquoted, it does not count.
    let lone = |f: &[Finalist]| f.len() == 1 && !f[0].far;
    while !lone(&finalists)
        && let Some(f) = most_promising(&mut finalists, |f| f.quoted.is_none())
    {
        let q = quoted(lines, f.i);
        f.quoted = Some(q);
        finalists.retain(|f| !f.far || f.quoted == Some(true));
        prune(&mut finalists);
    }
    if finalists.len() <= 1 {
        return finalists.first().map(|f| f.i);
    }
    let first = finalists.iter().map(|f| f.j).min().unwrap_or(n);
    let asked: Vec<u64> = finalists
        .iter()
        .flat_map(|f| &words[f.words.clone()])
        .copied()
        .collect();
    let mut story = StoryWords::new(first, &asked);
    // Then stories, likewise: a story read may settle the rest unread.
    while finalists.len() > 1
        && let Some(f) = most_promising(&mut finalists, |f| f.exact.is_none())
    {
        let hit = story.hits(lines, f.j, &words[f.words.clone()]);
        f.exact = Some(f.score(f.quoted == Some(true), hit));
        prune(&mut finalists);
    }
    // All left are exact; ties go to the first.
    let mut best: Option<(f32, usize)> = None;
    for f in &finalists {
        let v = f.best();
        if best.is_none_or(|(b, _)| v > b) {
            best = Some((v, f.i));
        }
    }
    best.map(|(_, i)| i)
}

/// The finalist with the highest best case among those `open` says are
/// still open.
fn most_promising(
    finalists: &mut [Finalist],
    open: impl Fn(&Finalist) -> bool,
) -> Option<&mut Finalist> {
    finalists
        .iter_mut()
        .filter(|f| open(f))
        .max_by(|a, b| a.best().total_cmp(&b.best()))
}
