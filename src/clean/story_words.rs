//! The words a candidate headline is checked against: content words
//! (stopwords and one-letter words dropped) hashed, and the lines of the
//! story on which each occurs.

use std::collections::HashMap;
use std::hash::Hasher;

use super::hash::{FastBuild, FastHasher};
use super::phrases;
use super::region::Scored;
use super::stopwords;

/// How many story words feed the overlap signal.
const STORY_WORDS: usize = 600;

/// Hashes of the lowercase content words of `text` (stopwords and one-letter
/// words dropped), appended to `out`; `buf` is scratch space.
pub fn content_words(text: &str, buf: &mut String, out: &mut Vec<u64>) {
    if text.is_ascii() {
        // Words are the runs of ASCII letters and digits, found in one pass.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && !WORD_BYTE[usize::from(bytes[i])] {
                i += 1;
            }
            let from = i;
            i = word_end(bytes, i);
            push_ascii_word(&bytes[from..i], buf, out);
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

/// The bytes of ASCII words: letters and digits.
const WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits in `bytes` from `i` on,
/// eight bytes at a time, so that a word's length decides no branch.
fn word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let n = alnum_prefix(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        i += n;
        if n < 8 {
            return i;
        }
    }
    while i < bytes.len() && WORD_BYTE[usize::from(bytes[i])] {
        i += 1;
    }
    i
}

/// How many of the eight bytes of `x` (in memory order) starting it are
/// ASCII letters or digits. Per byte, with the top bit cleared so no sum
/// carries: adding `0x80 - lo` sets the top bit from `lo` on, so a range is
/// "from its first byte on and not from the byte after its last"; a byte
/// that had the top bit is neither.
fn alnum_prefix(x: u64) -> usize {
    const TOP: u64 = 0x8080_8080_8080_8080;
    const fn from(b: u8) -> u64 {
        (0x80 - b as u64) * 0x0101_0101_0101_0101
    }
    let low7 = x & !TOP;
    let at = |b: u8| low7 + from(b);
    let digit = at(b'0') & !at(b'9' + 1);
    let upper = at(b'A') & !at(b'Z' + 1);
    let lower = at(b'a') & !at(b'z' + 1);
    let alnum = (digit | upper | lower) & !x & TOP;
    (!alnum & TOP).trailing_zeros() as usize / 8
}

/// `push_word` for an ASCII word of letters and digits, lowercased in a
/// register when it is short (most are), else on the stack.
fn push_ascii_word(w: &[u8], buf: &mut String, out: &mut Vec<u64>) {
    const MAX: usize = 64;
    debug_assert!(w.iter().all(u8::is_ascii_alphanumeric));
    if w.len() < 2 {
        return;
    }
    if w.len() <= 8 {
        // Bit 5 set lowercases a letter and leaves a digit as it is.
        let lower_bits = 0x2020_2020_2020_2020u64 >> (8 * (8 - w.len()));
        let key = stopwords::pack(w) | lower_bits;
        if !stopwords::is_stopword_key(key) {
            out.push(short_word_hash(key));
        }
        return;
    }
    if w.len() > MAX {
        push_word(std::str::from_utf8(w).unwrap_or_default(), buf, out);
        return;
    }
    let mut low = [0u8; MAX];
    let low = &mut low[..w.len()];
    low.copy_from_slice(w);
    low.make_ascii_lowercase();
    // No stopword is longer than eight bytes.
    out.push(word_hash(low));
}

/// The hash of a lowercase word, whatever path found it: a word of up to
/// eight bytes by its packed bytes, a longer one by `FastHasher`.
fn word_hash(word: &[u8]) -> u64 {
    if word.len() <= 8 {
        return short_word_hash(stopwords::pack(word));
    }
    let mut h = FastHasher::default();
    h.write(word);
    h.write_u8(0xff);
    h.finish()
}

/// The hash of a word of up to eight bytes packed by `stopwords::pack`:
/// one multiply and a fold, both invertible, so two such words never share
/// a hash.
fn short_word_hash(key: u64) -> u64 {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
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
        out.push(word_hash(buf.as_bytes()));
    }
}

/// The content words of the lines from the earliest story start on, each
/// line hashed once, with the lines each word occurs on: the words of the
/// story starting at any paragraph are then a range of lines, so candidates
/// that share most of their stories share the work.
pub struct StoryWords {
    /// Each word's latest occurrence in `seen` (its chain's head).
    latest: HashMap<u64, u32, FastBuild>,
    /// Occurrences in the order they were found: the line and the index of
    /// the same word's previous occurrence (`NONE` for its first).
    seen: Vec<(u32, u32)>,
    /// Content words per line, for lines in `[first, built)`.
    counts: Vec<u32>,
    first: usize,
    built: usize,
    buf: String,
    tmp: Vec<u64>,
}

/// The end of a chain of occurrences.
const NONE: u32 = u32::MAX;

impl StoryWords {
    pub fn new(first: usize) -> StoryWords {
        StoryWords {
            latest: HashMap::default(),
            seen: Vec::new(),
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
            let line = self.built as u32;
            self.tmp.clear();
            if !s.hard {
                content_words(s.line.text, &mut self.buf, &mut self.tmp);
            }
            for &w in &self.tmp {
                let next = self.seen.len() as u32;
                let head = self.latest.entry(w).or_insert(NONE);
                // A word twice on one line is one occurrence.
                if *head == NONE || self.seen[*head as usize].0 != line {
                    self.seen.push((line, *head));
                    *head = next;
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
        // The chain runs from the latest line back: the first occurrence
        // before `stop` decides.
        let mut at = self.latest.get(&w).copied().unwrap_or(NONE);
        while at != NONE {
            let (line, prev) = self.seen[at as usize];
            if (line as usize) < stop {
                return line as usize >= j;
            }
            at = prev;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_of(word: &str) -> u64 {
        let mut out = Vec::new();
        content_words(word, &mut String::new(), &mut out);
        out[0]
    }

    #[test]
    fn content_words_drop_stopwords_and_single_letters_and_ignore_case() {
        let mut out = Vec::new();
        content_words(
            "The Bridge, a bridge: x-ray OPENS!",
            &mut String::new(),
            &mut out,
        );
        let want = ["bridge", "bridge", "ray", "opens"].map(hash_of);
        assert_eq!(out, want);
        // The same hash whatever the script of the rest of the line.
        out.clear();
        content_words("Brücke bridge", &mut String::new(), &mut out);
        assert_eq!(out[1], hash_of("bridge"));
        // A word that lowercases to ASCII (the Kelvin sign) is that word;
        // short and long words alike.
        out.clear();
        content_words(
            "\u{212A}ey \u{212A}eyboardists",
            &mut String::new(),
            &mut out,
        );
        assert_eq!(out, [hash_of("key"), hash_of("keyboardists")]);
        assert_ne!(hash_of("key"), hash_of("keys"));
    }

    #[test]
    fn word_ends_agree_with_byte_by_byte() {
        for b in 0..=255u8 {
            for len in 0..12 {
                let mut bytes = vec![b'Q'; len];
                bytes.push(b);
                bytes.extend_from_slice(b"az09AZ!");
                let want = bytes.iter().position(|c| !c.is_ascii_alphanumeric());
                assert_eq!(
                    word_end(&bytes, 0),
                    want.unwrap_or(bytes.len()),
                    "{b} {len}"
                );
            }
        }
        assert_eq!(word_end(b"", 0), 0);
    }

    #[test]
    fn finds_words_only_within_the_asked_lines() {
        let texts = [
            "harbour crane",
            "nothing here",
            "crane crane again",
            "harbour",
        ];
        let lines: Vec<Scored> = texts.iter().map(|t| Scored::plain(t)).collect();
        let mut story = StoryWords::new(0);
        assert_eq!(story.stop(&lines, 0), lines.len());
        let (harbour, crane) = (hash_of("harbour"), hash_of("crane"));
        assert!(story.has(crane, 0, 1));
        assert!(story.has(crane, 1, 3));
        assert!(!story.has(crane, 3, 4));
        assert!(!story.has(harbour, 1, 3));
        assert!(story.has(harbour, 1, 4));
        assert!(!story.has(hash_of("absent"), 0, 4));
    }
}
