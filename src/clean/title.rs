//! Headline inference: the best heading-shaped line shortly before the story
//! region, preferring lines that repeat in the page and share words with the
//! story, and the tolerant key used to find every repeat of the headline.

use std::collections::HashSet;

use super::phrases;
use super::region::Scored;
use super::signals::{Line, key_of};

/// How many lines before the story start are considered.
const WINDOW_BEFORE: usize = 40;
/// How many lines into the story region are considered.
const WINDOW_INSIDE: usize = 15;
/// How many story words feed the overlap signal.
const STORY_WORDS: usize = 600;

/// The key that identifies repeats of a headline: case, whitespace,
/// punctuation and quote style ignored. Empty when the title has no letters
/// or digits.
pub fn title_key(title: &str) -> String {
    key_of(title)
}

/// Lowercase content words of `text` (stopwords and one-letter words dropped).
fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .filter(|w| !phrases::is_stopword(w))
}

/// Score of `l` as a headline `dist` lines before the story start (0 = the
/// line just before it); `None` when it cannot be one.
fn score(s: &Scored, dist: usize, story: &HashSet<String>) -> Option<f32> {
    let l: &Line = &s.line;
    if s.hard || l.words == 0 || l.words > 40 || l.mostly_numeric() || l.letters < 3 {
        return None;
    }
    let mut v = -(dist as f32) * 0.25;
    if (3..=25).contains(&l.words) {
        v += 3.0;
    } else if l.words <= 2 {
        v -= 1.5;
    }
    if l.words > 18 {
        v -= (l.words - 18) as f32 * 0.3;
    }
    let title_case = l.words >= 4 && l.cap_ratio() >= 0.6;
    if title_case {
        v += 1.5;
    }
    if l.text.ends_with('.') && !title_case {
        v -= 2.5; // a standfirst or a caption rather than a headline
    }
    if !title_case && has_inner_sentence_end(l.text) {
        v -= 2.0;
    }
    if l.colon {
        v -= 3.0;
    }
    if s.count >= 2 {
        v += 1.5;
    }
    if l.glued > 0 {
        v -= 2.0;
    }
    if l.letters > 4 && l.text.chars().all(|c| !c.is_lowercase()) {
        v -= 2.0; // an all-caps section label
    }
    v -= l.stop_ratio() * 4.0;
    let mut n = 0;
    let mut hit = 0;
    for w in content_words(l.text) {
        n += 1;
        if story.contains(&w) {
            hit += 1;
        }
    }
    if n > 0 {
        v += 5.0 * hit as f32 / n as f32;
    }
    Some(v)
}

/// True when a sentence ends inside `text` (". " followed by an uppercase letter).
fn has_inner_sentence_end(text: &str) -> bool {
    let mut prev = [' ', ' '];
    for c in text.chars() {
        if matches!(prev[0], '.' | '!' | '?') && prev[1] == ' ' && c.is_uppercase() {
            return true;
        }
        prev = [prev[1], c];
    }
    false
}

/// Index of the line that is most likely the headline, given the story
/// region `[start, end)`.
pub fn infer(lines: &[Scored], start: usize, end: usize) -> Option<usize> {
    let mut story = HashSet::new();
    let mut taken = 0;
    for s in &lines[start..end] {
        if s.hard {
            continue;
        }
        for w in content_words(s.line.text) {
            story.insert(w);
            taken += 1;
        }
        if taken >= STORY_WORDS {
            break;
        }
    }
    let lo = start.saturating_sub(WINDOW_BEFORE);
    let hi = (start + WINDOW_INSIDE).min(end);
    let mut best: Option<(f32, usize)> = None;
    for (i, s) in lines.iter().enumerate().take(hi).skip(lo) {
        if i >= start && s.line.terminal && s.line.words >= 8 {
            continue; // sentences inside the region are not headlines
        }
        let dist = start.abs_diff(i + 1);
        // Lines inside the region would otherwise score their own words.
        let Some(v) = score(s, dist, &story) else {
            continue;
        };
        if best.is_none_or(|(b, _)| v > b) {
            best = Some((v, i));
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_tolerant() {
        assert_eq!(
            title_key("Russia Says It’s Ready"),
            title_key("  russia says it's READY ")
        );
        assert_eq!(
            title_key("“Quoted” headline"),
            title_key("\"Quoted\" headline")
        );
    }
}
