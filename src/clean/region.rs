//! Finds the main story region: each line gets a value (positive for prose,
//! negative for chrome), and the region is the contiguous run of lines with
//! the largest total, so short sub-headings between paragraphs stay in while
//! long runs of menu items, link lists and widgets fall outside.

use super::Reason;
use super::signals::Line;

/// What the pipeline knows about one line before the region is chosen.
pub struct Scored<'a> {
    pub line: Line<'a>,
    /// Removed whatever its position (widget, byline, phrase…).
    pub hard: bool,
    /// Why, when `hard`.
    pub reason: Option<Reason>,
    /// Repeats of the line's key in the page.
    pub count: u32,
    /// The line is the headline (or a repeat of it).
    pub is_title: bool,
    /// The line belongs to a numbered list or ranked table.
    pub item: bool,
}

impl<'a> Scored<'a> {
    /// A measured line with no verdict yet.
    pub fn new(line: Line<'a>) -> Self {
        Scored {
            line,
            hard: false,
            reason: None,
            count: 0,
            is_title: false,
            item: false,
        }
    }

    /// A line with no verdict yet, seen once: the starting point of tests.
    #[cfg(test)]
    pub(crate) fn plain(text: &'a str) -> Self {
        Scored {
            count: 1,
            ..Scored::new(Line::new(text))
        }
    }
}

/// Lines of chrome after which each further line costs double.
const GAP_GROWTH: f32 = 5.0;

/// A run of chrome this long is a break in the page…
const LONG_GAP: u32 = 8;
/// …after which prose joining the same region counts this much less.
const DECAY: f32 = 0.5;

/// Cap on that growth.
const MAX_GAP_FACTOR: f32 = 4.0;

/// Weight of prose after a comment-section header: reader comments are
/// prose too, but not the story.
const COMMENT_WEIGHT: f32 = 0.2;

/// Weight of a prose line with no prose neighbour.
const ISOLATED: f32 = 0.2;

/// True when a line reads like a paragraph of running text.
pub fn is_prose(l: &Line) -> bool {
    // The stopword share is looked at last: long sentences count theirs
    // only when asked (see `Line::stops`).
    let long = l.words >= 8 && l.glued_strong <= l.words / 8;
    (long && (l.terminal || l.colon || l.stop_ratio() >= 0.2))
        || (l.words >= 4 && l.terminal && l.stop_ratio() >= 0.1)
}

/// The value of a line for the region search.
fn value(s: &Scored) -> f32 {
    let l = &s.line;
    if s.is_title {
        return -2.0;
    }
    if s.hard {
        return -3.0 - (l.words.min(20) as f32) * 0.2;
    }
    if s.item && !(is_prose(l) && l.terminal) {
        return 1.0 + l.words as f32 * 0.8;
    }
    if is_prose(l) {
        let w = l.words as f32;
        let repeat_penalty = if s.count > 1 { 0.5 } else { 1.0 };
        let v = if l.terminal || l.colon {
            w
        } else {
            (w - 14.0) * 0.5 // headline-like: positive only when long
        };
        // Teasers glue a headline to its summary ("…Strike PossibleThe union…").
        let glue_penalty = if l.glued_strong > 0 { 0.2 } else { 1.0 };
        return v * repeat_penalty * glue_penalty - if l.glued_strong > 0 { 2.0 } else { 0.0 };
    }
    if s.count > 1 {
        return -3.0;
    }
    if l.words <= 3 {
        -1.5
    } else {
        -1.0 - (l.words.min(20) as f32) * 0.15
    }
}

/// The main region as a half-open range of line indices, with its total
/// value; `None` when no line has positive value.
///
/// A prose line whose neighbours are both non-prose (a teaser between a
/// headline and a byline, a comment between user names) counts for less than
/// one inside a run of paragraphs.
pub fn main_region(lines: &[Scored]) -> Option<(usize, usize, f32)> {
    // Whether each line is prose, computed one line ahead: the line before,
    // this one and the next are all the search looks at.
    let prose = |s: &Scored| !s.hard && !s.is_title && (s.item || is_prose(&s.line));
    let mut before = false;
    let mut here = lines.first().is_some_and(prose);
    let mut best = 0.0f32;
    let mut best_range = None;
    let mut cur = 0.0f32;
    let mut start = 0;
    let mut gap = 0u32;
    let mut story_words = 0u32;
    let mut in_comments = false;
    let mut decay = 1.0f32;
    for (i, s) in lines.iter().enumerate() {
        let after = lines.get(i + 1).is_some_and(prose);
        let mut v = value(s);
        if cur <= 0.0 {
            // A new segment starts here; a comment section seen after an
            // earlier story still marks everything after it as comments.
            story_words = 0;
            decay = 1.0;
        }
        if story_words >= MIN_STORY_WORDS && is_terminator(s) {
            in_comments = true;
        }
        if v > 0.0 {
            story_words += s.line.words;
            if in_comments {
                v *= COMMENT_WEIGHT;
            }
            if !before && !after {
                v *= ISOLATED;
            }
            // Prose after a long break belongs less to the story before it.
            if gap >= LONG_GAP && story_words > s.line.words {
                decay *= DECAY;
            }
            v *= decay;
            gap = 0;
        } else {
            // Long runs of chrome cost more per line than short ones, so a
            // sub-heading or an ad slot inside a story is cheap to cross while
            // a footer full of links separates the story from distant prose.
            v *= (1.0 + gap as f32 / GAP_GROWTH).min(MAX_GAP_FACTOR);
            gap += 1;
        }
        if cur <= 0.0 {
            cur = 0.0;
            start = i;
        }
        cur += v;
        if cur > best {
            best = cur;
            best_range = Some((start, i + 1, best));
        }
        (before, here) = (here, after);
    }
    best_range
}

/// Story words needed before a section header can end the story.
const MIN_STORY_WORDS: u32 = 80;

/// True when the line opens a comment section, which follows the story.
/// ("Related" headers are not used: they also sit inside stories.)
fn is_terminator(s: &Scored) -> bool {
    match s.reason {
        Some(Reason::Comment) => true,
        Some(Reason::ShareWidget) => {
            s.line.digits > 0 && s.line.lower().contains("comment") && s.line.words <= 4
        }
        _ => false,
    }
}

/// Ends the region `[start, end)` at the first comment-section header that
/// follows enough story, trimming trailing chrome; returns the
/// new end.
pub fn cut_at_terminator(lines: &[Scored], start: usize, end: usize) -> usize {
    let mut words = 0;
    for i in start..end {
        let s = &lines[i];
        if words >= MIN_STORY_WORDS && is_terminator(s) {
            return match main_region(&lines[start..i]) {
                Some((_, e, _)) => start + e,
                None => i,
            };
        }
        if !s.hard && is_prose(&s.line) {
            words += s.line.words;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_spans_paragraphs_and_subheading() {
        let texts = [
            "Home",
            "World",
            "Sport",
            "The river rose by two metres overnight and the town council closed the old bridge.",
            "A new plan",
            "Engineers said the repairs would take at least three weeks and cost the town a lot.",
            "More",
            "Weather",
        ];
        let lines: Vec<Scored> = texts.iter().map(|t| Scored::plain(t)).collect();
        let (s, e, _) = main_region(&lines).unwrap();
        assert_eq!((s, e), (3, 6));
    }

    #[test]
    fn no_prose_no_region() {
        let lines: Vec<Scored> = ["Home", "World"].iter().map(|t| Scored::plain(t)).collect();
        assert_eq!(main_region(&lines), None);
    }
}
