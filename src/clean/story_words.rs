//! The words a candidate headline is checked against: content words
//! (stopwords and one-letter words dropped) hashed, and the lines of the
//! story on which each occurs.

use std::collections::HashMap;
use std::hash::BuildHasher;

use super::phrases;
use super::region::Scored;
use super::signals::FastBuild;

/// How many story words feed the overlap signal.
const STORY_WORDS: usize = 600;

/// Hashes of the lowercase content words of `text` (stopwords and one-letter
/// words dropped), appended to `out`; `buf` is scratch space.
pub fn content_words(text: &str, buf: &mut String, out: &mut Vec<u64>) {
    if text.is_ascii() {
        for w in text.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
            push_ascii_word(w, buf, out);
        }
        return;
    }
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_ascii() {
            push_ascii_word(w.as_bytes(), buf, out);
        } else {
            push_word(w, buf, out);
        }
    }
}

/// `push_word` for an ASCII word, lowercased on the stack.
fn push_ascii_word(w: &[u8], buf: &mut String, out: &mut Vec<u64>) {
    let mut low = [0u8; 64];
    if w.len() < 2 {
        return;
    }
    if w.len() > low.len() {
        push_word(std::str::from_utf8(w).unwrap_or_default(), buf, out);
        return;
    }
    let low = &mut low[..w.len()];
    for (l, b) in low.iter_mut().zip(w) {
        *l = b.to_ascii_lowercase();
    }
    if !phrases::is_stopword_bytes(low) {
        let word = std::str::from_utf8(low).unwrap_or_default();
        out.push(FastBuild::default().hash_one(word));
    }
}

/// The hash of word `w` lowercased, appended to `out` unless it is a
/// stopword or a single character.
fn push_word(w: &str, buf: &mut String, out: &mut Vec<u64>) {
    if w.len() < 2 || (!w.is_ascii() && w.chars().nth(1).is_none()) {
        return;
    }
    buf.clear();
    if w.is_ascii() {
        buf.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        buf.extend(w.chars().flat_map(char::to_lowercase));
    }
    if !phrases::is_stopword(buf) {
        out.push(FastBuild::default().hash_one(buf.as_str()));
    }
}

/// The content words of the lines from the earliest story start on, each
/// line hashed once, with the lines each word occurs on: the words of the
/// story starting at any paragraph are then a range of lines, so candidates
/// that share most of their stories share the work.
pub struct StoryWords {
    occurs: HashMap<u64, Vec<u32>, FastBuild>,
    /// Content words per line, for lines in `[first, built)`.
    counts: Vec<u32>,
    first: usize,
    built: usize,
    buf: String,
    tmp: Vec<u64>,
}

impl StoryWords {
    pub fn new(first: usize) -> StoryWords {
        StoryWords {
            occurs: HashMap::default(),
            counts: Vec::new(),
            first,
            built: first,
            buf: String::new(),
            tmp: Vec::new(),
        }
    }

    /// Adds lines up to and including `k`.
    fn build_to(&mut self, lines: &[Scored], k: usize) {
        while self.built <= k {
            let s = &lines[self.built];
            self.tmp.clear();
            if !s.hard {
                content_words(s.line.text, &mut self.buf, &mut self.tmp);
            }
            for &w in &self.tmp {
                let at = self.occurs.entry(w).or_default();
                if at.last() != Some(&(self.built as u32)) {
                    at.push(self.built as u32);
                }
            }
            self.counts.push(self.tmp.len() as u32);
            self.built += 1;
        }
    }

    /// One past the last line of the story starting at `j`: its lines hold
    /// `STORY_WORDS` content words.
    pub fn stop(&mut self, lines: &[Scored], j: usize) -> usize {
        let mut taken = 0;
        for k in j..lines.len() {
            self.build_to(lines, k);
            taken += self.counts[k - self.first] as usize;
            if taken >= STORY_WORDS {
                return k + 1;
            }
        }
        lines.len()
    }

    /// True when word `w` occurs in lines `[j, stop)`, all built.
    pub fn has(&self, w: u64, j: usize, stop: usize) -> bool {
        self.occurs.get(&w).is_some_and(|at| {
            let p = at.partition_point(|&x| (x as usize) < j);
            p < at.len() && (at[p] as usize) < stop
        })
    }
}
