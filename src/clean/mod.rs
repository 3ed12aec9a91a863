//! Turns scraped text into a clean story: a pure function, no I/O, no terminal.
//!
//! `clean(raw, known_title)` infers the headline when none is known, removes its
//! repeats and the widgets scrapers leave around a story, and reports every
//! removal with a reason.

mod ascii;
mod byte_set;
mod caption;
mod char_scan;
mod chars;
mod classify;
mod compact;
mod consent;
mod content_words;
mod finalists;
mod hash;
mod lines;
mod lists;
mod lowering;
mod memo;
mod needles;
mod phrases;
mod quotes;
mod region;
mod runs;
mod separators;
mod signals;
mod social;
mod stopwords;
mod story_words;
mod title;
#[cfg(target_arch = "x86_64")]
mod word_runs;

use std::collections::HashMap;
use std::fmt;

pub use lines::raw_lines;
use region::Scored;
use signals::Line;

/// Why a line was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    DuplicateTitle,
    ShareWidget,
    Navigation,
    Promo,
    RelatedLinks,
    Counter,
    Caption,
    Byline,
    Boilerplate,
    /// Reader comments and their headers.
    Comment,
    /// Close buttons, modal glyphs and other controls.
    Widget,
}

impl Reason {
    /// The kebab-case name shown in the raw view and in `clean --json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::DuplicateTitle => "duplicate-title",
            Reason::ShareWidget => "share-widget",
            Reason::Navigation => "navigation",
            Reason::Promo => "promo",
            Reason::RelatedLinks => "related-links",
            Reason::Counter => "counter",
            Reason::Caption => "caption",
            Reason::Byline => "byline",
            Reason::Boilerplate => "boilerplate",
            Reason::Widget => "widget",
            Reason::Comment => "comment",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A line the cleaner took out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub text: String,
    pub reason: Reason,
}

/// The result of cleaning one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cleaned {
    pub title: String,
    pub paragraphs: Vec<String>,
    pub removed: Vec<Removed>,
    /// The paragraphs' words, as [`crate::words::count`] counts them (the
    /// measure of each line has counted them already), at most `u32::MAX`.
    pub words: u32,
}

/// Cleans `raw`; `known_title` is the headline from metadata, when there is one.
pub fn clean(raw: &str, known_title: Option<&str>) -> Cleaned {
    clean_keeping(raw, known_title, true)
}

/// [`clean`], keeping the removed lines (with why) only if `keep_removed`.
fn clean_keeping(raw: &str, known_title: Option<&str>, keep_removed: bool) -> Cleaned {
    let known_key = known_title.map(title::title_key).filter(|k| !k.is_empty());
    // Every line's key and lowercase copy go to one shared buffer, which
    // the lines borrow once all are measured.
    let mut arena = signals::Arena::with_capacity(raw.len() + raw.len() / 2);
    let mut scored: Vec<Scored> = Vec::with_capacity(raw.len() / 40 + 8);
    // Short lines seen before (site furniture, mostly) come from the
    // thread's memo with their verdict; `fresh` holds, for the others, what
    // the memo needs to keep them once classified.
    let mut fresh: Vec<Option<memo::Ticket>> = Vec::with_capacity(raw.len() / 40 + 8);
    memo::with(|memo| {
        for text in raw_lines(raw).map(trim).filter(|l| !l.is_empty()) {
            let (s, ticket) = match memo.recall(text, &mut arena) {
                Ok((line, reason)) => (
                    Scored {
                        reason,
                        ..Scored::new(line)
                    },
                    None,
                ),
                Err(ticket) => (Scored::new(Line::measure(text, &mut arena)), Some(ticket)),
            };
            scored.push(s);
            fresh.push(ticket);
        }
    });
    debug_assert!(std::str::from_utf8(&arena.bytes).is_ok());
    // SAFETY: the arena holds UTF-8 only: each line appended its key and
    // its lowercase head as `signals::Arena` says, every piece of which is
    // ASCII or whole characters (a key's bytes are ASCII letters and digits
    // or characters encoded by `char::encode_utf8`; a head is a prefix of
    // the line cut at a char boundary, lowered as ASCII or by characters;
    // a remembered line gives back bytes a `str` of an earlier arena held,
    // cut at char boundaries). Checking it again was 2.9% of the cleaner's
    // instructions (an arena is about one and a half times its text).
    let arena_text = unsafe { String::from_utf8_unchecked(arena.bytes) };
    // A line whose key is of a length no other key has is seen once: the
    // map of keys below counts only the others (long lines, mostly, come
    // out unique by their length alone). Lengths past the last slot share
    // it, and are counted by the map.
    const LENGTHS: usize = 1024;
    // In `Scored::count` while counting: a key no other line can have.
    const ONCE: u32 = u32::MAX - 1;
    let mut by_len = [0u8; LENGTHS];
    for s in &scored {
        let n = &mut by_len[s.line.key_len().min(LENGTHS - 1)];
        *n = n.saturating_add(1);
    }
    // Then, line by line (from the last, whose bytes end the arena): its
    // verdict, whether it is the headline, and an id for its key, kept in
    // `count` until every key is counted (one hash-map pass).
    memo::with(|memo| {
        let mut map: HashMap<&str, u32, signals::FastBuild> =
            HashMap::with_capacity_and_hasher(scored.len(), Default::default());
        let mut per_id: Vec<u32> = Vec::with_capacity(scored.len());
        let mut end = arena_text.len();
        for (s, &ticket) in scored.iter_mut().zip(&fresh).rev() {
            s.line.attach(&arena_text, end);
            end = s.line.at;
            if let Some(ticket) = ticket {
                s.reason = match memo.reason_again(ticket, s.line.text) {
                    Some(reason) => reason,
                    None => {
                        let reason = classify::line_reason(&s.line);
                        memo.keep(ticket, &s.line, reason);
                        reason
                    }
                };
            }
            s.hard = s.reason.is_some();
            s.is_title = known_key
                .as_deref()
                .is_some_and(|k| title::matches(s.line.key(), k));
            let key = s.line.key();
            if key.is_empty() {
                s.count = u32::MAX;
                continue;
            }
            if by_len[key.len().min(LENGTHS - 1)] == 1 {
                s.count = ONCE;
                continue;
            }
            let id = *map.entry(key).or_insert_with(|| {
                per_id.push(0);
                per_id.len() as u32 - 1
            });
            per_id[id as usize] += 1;
            s.count = id;
        }
        for s in scored.iter_mut() {
            s.count = match s.count {
                ONCE => 1,
                id => per_id.get(id as usize).copied().unwrap_or(0),
            };
        }
    });
    // Numbered lists and ranked tables keep their short lines.
    let span = lists::mark(&scored);
    let bullets = lists::mark_bullets(&scored);
    for ((s, in_list), bullet) in scored.iter_mut().zip(span).zip(bullets) {
        let in_list = in_list || bullet;
        if in_list && lists::overridable(s.reason) {
            s.item = true;
            s.hard = false;
            s.reason = None;
        }
    }

    let region = region::main_region(&scored);
    let (mut start, mut end, mass) = match region {
        Some(r) => r,
        None => fallback_region(&scored),
    };
    end = region::cut_at_terminator(&scored, start, end);

    // The headline: known, or inferred near the story start.
    let title = match known_title {
        Some(t) if known_key.is_some() => t.trim().to_string(),
        _ => {
            let idx = if start < end {
                title::infer(&scored, start, end)
            } else {
                None
            };
            match idx {
                Some(i) => {
                    let key = scored[i].line.key().to_string();
                    for s in scored.iter_mut() {
                        if title::matches(s.line.key(), &key) {
                            s.is_title = true;
                        }
                    }
                    scored[i].line.text.to_string()
                }
                None => known_title
                    .map(|t| t.trim().to_string())
                    .unwrap_or_default(),
            }
        }
    };

    // A headline inside the region usually means the region started early
    // (on teasers, a standfirst or a notice): search again after it, and keep
    // that region when it holds most of the story.
    if let Some(t) = (start..end).find(|&i| scored[i].is_title)
        && let Some((s2, e2, m2)) = region::main_region(&scored[t + 1..])
        && m2 >= mass * 0.5
    {
        start = s2 + t + 1;
        end = e2 + t + 1;
    }

    end = region::cut_at_terminator(&scored, start, end);

    let mut out = Cleaned {
        title,
        // Paragraphs all lie in the region; everything else is removed.
        paragraphs: Vec::with_capacity(end.saturating_sub(start)),
        removed: Vec::with_capacity(if keep_removed { scored.len() } else { 0 }),
        words: 0,
    };
    let mut words = 0usize;
    for (i, s) in scored.iter().enumerate() {
        let text = s.line.text;
        let reason = if s.is_title {
            Some(Reason::DuplicateTitle)
        } else if s.hard {
            s.reason
        } else if i < start {
            Some(Reason::Navigation)
        } else if i >= end {
            Some(after_reason(&s.line))
        } else {
            None
        };
        match reason {
            Some(reason) if keep_removed => out.removed.push(Removed {
                text: text.to_string(),
                reason,
            }),
            Some(_) => {}
            None => {
                words += paragraph_words(&s.line);
                out.paragraphs.push(text.to_string());
            }
        }
    }
    out.words = u32::try_from(words).unwrap_or(u32::MAX);
    out
}

/// [`clean`], but the removed lines are neither kept nor copied
/// (`removed` is empty): for an article only listed and indexed, whose
/// raw view is never shown from this cleaning.
pub fn clean_story(raw: &str, known_title: Option<&str>) -> Cleaned {
    clean_keeping(raw, known_title, false)
}

/// The words of a kept line as [`crate::words::count`] counts them: the
/// whitespace-separated words its measure counted (its word units but
/// those for CJK characters), so no kept line is read again for them.
/// (Counting the lines not in ASCII again was 8M instructions on a
/// collection of 3,000 pages.)
fn paragraph_words(l: &Line) -> usize {
    (l.words - l.cjk_words) as usize
}

/// `str::trim`, without decoding when both ends are ASCII non-spaces.
fn trim(l: &str) -> &str {
    let solid = |b: Option<&u8>| b.is_some_and(|&b| (0x21..0x80).contains(&b));
    if solid(l.as_bytes().first()) && solid(l.as_bytes().last()) {
        l
    } else {
        l.trim()
    }
}

/// Why a line after the story is removed: headline-shaped lines are related
/// links, the rest is page furniture.
fn after_reason(l: &Line) -> Reason {
    if l.words >= 4 && !l.terminal {
        Reason::RelatedLinks
    } else {
        Reason::Boilerplate
    }
}

/// When no line reads like prose, the longest line that is not removed for
/// its own sake is the body, so an article never comes out empty.
fn fallback_region(scored: &[Scored]) -> (usize, usize, f32) {
    let pick = scored
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.hard)
        .max_by_key(|(i, s)| (s.line.words, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    match pick {
        Some(i) => (i, i + 1, 0.0),
        None => (0, 0, 0.0),
    }
}
