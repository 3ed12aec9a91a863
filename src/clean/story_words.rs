//! The words a candidate headline is checked against: content words
//! (stopwords and one-letter words dropped) hashed, and the lines of the
//! story on which each occurs.

use std::hash::Hasher;

use super::hash::FastHasher;
use super::phrases;
use super::region::Scored;
use super::stopwords;
use crate::blocks::{self, BLOCK};

/// How many story words feed the overlap signal.
const STORY_WORDS: usize = 600;

/// Hashes of the lowercase content words of `text` (stopwords and one-letter
/// words dropped), appended to `out`; `buf` is scratch space.
pub fn content_words(text: &str, buf: &mut String, out: &mut Vec<u64>) {
    if text.is_ascii() {
        for_each_ascii_word(text.as_bytes(), |at, len| {
            if let Some(h) = ascii_word_hash(at, len) {
                out.push(h);
            }
        });
        return;
    }
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_ascii() {
            push_ascii_word(w.as_bytes(), out);
        } else {
            push_word(w, buf, out);
        }
    }
}

/// Calls `f` with each run of ASCII letters and digits in `bytes`, in
/// order: with the text from the run on, and the run's length. The runs are read off a bit mask of the word bytes, 64 bytes at
/// a time: a byte costs a few operations and a word a few more, and
/// neither decides a branch per byte.
#[inline]
fn for_each_ascii_word(bytes: &[u8], mut f: impl FnMut(&[u8], usize)) {
    const SHUT: usize = usize::MAX;
    // Where the word under way started (`SHUT` when none), and whether the
    // previous block's last byte was a word byte.
    let mut open = SHUT;
    let mut carry = 0;
    let mut at = 0;
    while at < bytes.len() {
        let m = block_mask(bytes, at);
        let before = (m << 1) | carry;
        // A word starts where a word byte follows another byte, and ends
        // where another byte follows a word byte; they alternate.
        let mut starts = m & !before;
        let mut ends = !m & before;
        carry = m >> 63;
        loop {
            if open == SHUT {
                if starts == 0 {
                    break;
                }
                open = at + starts.trailing_zeros() as usize;
                starts &= starts - 1;
            }
            if ends == 0 {
                break;
            }
            let end = at + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            f(&bytes[open..], end - open);
            open = SHUT;
        }
        at += BLOCK;
    }
    if open != SHUT {
        f(&bytes[open..], bytes.len() - open);
    }
}

/// Bit `k` set when byte `at + k` of `bytes` is an ASCII letter or digit
/// (bytes past the end are not).
#[inline]
fn block_mask(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + BLOCK) {
        Some(full) => blocks::classify(full.try_into().unwrap_or(&[0; BLOCK])).alnum(),
        // A short last block is zero-padded, and NUL is no word byte.
        None => blocks::classify(&blocks::padded(&bytes[at..], 0)).alnum(),
    }
}

/// `push_word` for an ASCII word of letters and digits.
fn push_ascii_word(w: &[u8], out: &mut Vec<u64>) {
    if let Some(h) = ascii_word_hash(w, w.len()) {
        out.push(h);
    }
}

/// The hash of the ASCII word of `len` letters and digits that `at`
/// starts with, lowercased, as `word_hash` gives it; `None` when the word
/// is a stopword or a single character. The word is lowercased on the fly:
/// in a register when it is short (most are), chunk by chunk as it is
/// hashed when it is longer.
#[inline]
fn ascii_word_hash(at: &[u8], len: usize) -> Option<u64> {
    let w = &at[..len];
    debug_assert!(w.iter().all(u8::is_ascii_alphanumeric));
    if len < 2 {
        return None;
    }
    if len <= 8 {
        // One load when eight bytes follow the word's start, the bytes past
        // it masked off: the word packed as `stopwords::pack` packs it.
        let raw = match at.get(..8) {
            Some(c) => u64::from_le_bytes(c.try_into().unwrap_or_default()),
            None => stopwords::pack(w),
        };
        // Bit 5 set lowercases a letter and leaves a digit as it is.
        let key = (raw | 0x2020_2020_2020_2020) & (u64::MAX >> (8 * (8 - len)));
        return (!stopwords::is_stopword_key(key)).then(|| short_word_hash(key));
    }
    // No stopword is longer than eight bytes.
    let mut h = FastHasher::default();
    h.write_alnum_lowercase(w);
    h.write_u8(0xff);
    Some(h.finish())
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
        for c in w.chars() {
            push_lowercase(buf, c);
        }
    }
    if !phrases::is_stopword(buf) {
        out.push(word_hash(buf.as_bytes()));
    }
}

/// Appends `c.to_lowercase()` to `buf`, Latin-1 letters (most of the
/// non-ASCII letters in the languages the cleaner knows) without a table
/// search: its uppercase letters are 0x20 below their lowercase ones.
fn push_lowercase(buf: &mut String, c: char) {
    match u32::from(c) {
        0..=0x7f => buf.push(c.to_ascii_lowercase()),
        u @ (0xc0..=0xd6 | 0xd8..=0xde) => buf.push(char::from_u32(u + 0x20).unwrap_or(c)),
        0x80..=0xff => buf.push(c),
        _ => buf.extend(c.to_lowercase()),
    }
}

/// The content words of the lines from the earliest story start on, with
/// the lines on which each word a candidate asks about occurs: the words of
/// the story starting at any paragraph are then a range of lines, so
/// candidates that share most of their stories share the work.
///
/// Only the candidates' words are recorded (a few hundred at most), so a
/// story word costs one probe of a small table that mostly misses, rather
/// than an insertion into a map of every word of the story.
pub struct StoryWords {
    asked: Asked,
    /// Each asked word's latest occurrence in `seen` (its chain's head).
    latest: Vec<u32>,
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

/// The end of a chain of occurrences, and an empty slot of `Asked`.
const NONE: u32 = u32::MAX;

impl StoryWords {
    /// Story words from line `first` on, recording where the words `asked`
    /// (hashes from `content_words`) occur; `has` answers for those only.
    pub fn new(first: usize, asked: &[u64]) -> StoryWords {
        let asked = Asked::new(asked);
        StoryWords {
            latest: vec![NONE; asked.len],
            asked,
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
            let count = if s.hard {
                0
            } else if s.line.text.is_ascii() {
                self.scan_ascii(s.line.text.as_bytes(), line)
            } else {
                self.tmp.clear();
                content_words(s.line.text, &mut self.buf, &mut self.tmp);
                for i in 0..self.tmp.len() {
                    self.note(self.tmp[i], line);
                }
                self.tmp.len() as u32
            };
            self.counts.push(count);
            self.built += 1;
        }
    }

    /// `content_words` of an ASCII line fused with `note`: how many content
    /// words the line holds, each noted, none collected.
    fn scan_ascii(&mut self, bytes: &[u8], line: u32) -> u32 {
        let mut count = 0;
        for_each_ascii_word(bytes, |at, len| {
            if let Some(h) = ascii_word_hash(at, len) {
                count += 1;
                self.note(h, line);
            }
        });
        count
    }

    /// Records that word `h` occurs on `line`, if it is asked about.
    #[inline]
    fn note(&mut self, h: u64, line: u32) {
        let Some(id) = self.asked.id(h) else {
            return;
        };
        let head = &mut self.latest[id as usize];
        // A word twice on one line is one occurrence.
        if *head == NONE || self.seen[*head as usize].0 != line {
            self.seen.push((line, *head));
            *head = self.seen.len() as u32 - 1;
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

    /// True when word `w`, one of those asked about, occurs in lines
    /// `[j, stop)`, all built.
    pub fn has(&self, w: u64, j: usize, stop: usize) -> bool {
        // The chain runs from the latest line back: the first occurrence
        // before `stop` decides.
        let mut at = self.asked.id(w).map_or(NONE, |id| self.latest[id as usize]);
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

/// The distinct words asked about, numbered: an open-addressed table of
/// word hashes, kept at most a quarter full so that a miss (most story
/// words) usually ends at the first slot.
struct Asked {
    /// (hash, id) per slot; id `NONE` marks an empty slot.
    slots: Vec<(u64, u32)>,
    /// The table has `2^(64 - shift)` slots, indexed by the hash's top bits.
    shift: u32,
    /// How many distinct words.
    len: usize,
}

impl Asked {
    fn new(words: &[u64]) -> Asked {
        let size = (words.len() * 4).next_power_of_two().max(16);
        let mut asked = Asked {
            slots: vec![(0, NONE); size],
            shift: 64 - size.trailing_zeros(),
            len: 0,
        };
        for &w in words {
            let mut i = asked.slot(w);
            while asked.slots[i].1 != NONE && asked.slots[i].0 != w {
                i = (i + 1) & (size - 1);
            }
            if asked.slots[i].1 == NONE {
                asked.slots[i] = (w, asked.len as u32);
                asked.len += 1;
            }
        }
        asked
    }

    /// The home slot of hash `w`. Word hashes are mixed already, so their
    /// top bits will do.
    #[inline]
    fn slot(&self, w: u64) -> usize {
        (w >> self.shift) as usize
    }

    /// The id of word `w`, when it is asked about.
    #[inline]
    fn id(&self, w: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(w);
        loop {
            let (k, id) = self.slots[i];
            if id == NONE {
                return None;
            }
            if k == w {
                return Some(id);
            }
            i = (i + 1) & mask;
        }
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

    /// The runs of ASCII letters and digits, found byte by byte.
    fn byte_runs(bytes: &[u8]) -> Vec<Vec<u8>> {
        bytes
            .split(|c| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(<[u8]>::to_vec)
            .collect()
    }

    #[test]
    fn word_runs_agree_with_byte_by_byte() {
        for b in 0..=255u8 {
            for len in 0..70 {
                let mut bytes = vec![b'Q'; len];
                bytes.push(b);
                bytes.extend_from_slice(b"az09AZ!");
                let mut runs = Vec::new();
                for_each_ascii_word(&bytes, |at, len| runs.push(at[..len].to_vec()));
                assert_eq!(runs, byte_runs(&bytes), "{b} {len}");
            }
        }
        let mut none = Vec::new();
        for_each_ascii_word(b"", |at, len| none.push(at[..len].to_vec()));
        for_each_ascii_word(b" .,;", |at, len| none.push(at[..len].to_vec()));
        assert!(none.is_empty());
    }

    #[test]
    fn word_runs_cross_and_end_at_block_edges() {
        for len in [1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 200] {
            for gap in [0, 1, 62, 63, 64, 65, 70] {
                let mut bytes = vec![b' '; gap];
                bytes.extend(std::iter::repeat_n(b'k', len));
                bytes.extend_from_slice(b"  Zz9 x");
                let mut runs = Vec::new();
                for_each_ascii_word(&bytes, |at, len| runs.push(at[..len].to_vec()));
                assert_eq!(runs, byte_runs(&bytes), "{len} {gap}");
                // Ending exactly at the end of the text, at a block edge or not.
                let mut runs = Vec::new();
                for_each_ascii_word(&bytes[..gap + len], |_, n| runs.push(n));
                assert_eq!(runs, [len], "{len} {gap}");
            }
        }
    }

    #[test]
    fn lowercases_like_to_lowercase() {
        for u in (0..0x250).chain([0x130, 0x212a, 0x1e9e, 0x10400]) {
            let Some(c) = char::from_u32(u) else {
                continue;
            };
            let mut buf = String::new();
            push_lowercase(&mut buf, c);
            assert_eq!(buf, c.to_lowercase().collect::<String>(), "{u:#x}");
        }
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
        let (harbour, crane) = (hash_of("harbour"), hash_of("crane"));
        let mut story = StoryWords::new(0, &[crane, harbour, crane, hash_of("absent")]);
        assert_eq!(story.stop(&lines, 0), lines.len());
        assert!(story.has(crane, 0, 1));
        assert!(story.has(crane, 1, 3));
        assert!(!story.has(crane, 3, 4));
        assert!(!story.has(harbour, 1, 3));
        assert!(story.has(harbour, 1, 4));
        assert!(!story.has(hash_of("absent"), 0, 4));
    }
}
