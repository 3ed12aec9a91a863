//! The words a candidate headline is checked against: content words
//! (stopwords and one-letter words dropped) hashed, and the lines of the
//! story on which each occurs.

use std::hash::Hasher;

use super::hash::FastHasher;
use super::phrases;
use super::region::Scored;
use super::stopwords;
use super::word_runs::for_each_run;

/// How many story words feed the overlap signal.
const STORY_WORDS: usize = 600;

/// Hashes of the lowercase content words of `text` (stopwords and one-letter
/// words dropped), appended to `out`; `buf` is scratch space.
pub fn content_words(text: &str, buf: &mut String, out: &mut Vec<u64>) {
    for_each_content_word(text, buf, |h| out.push(h));
}

/// Calls `f` with the hash of each content word of `text`, in order (see
/// `content_words`); `buf` is scratch space.
///
/// Words are runs of letters and digits. An ASCII line is read as runs of
/// ASCII letters and digits; another as runs of those and non-ASCII
/// characters, each run split at its non-ASCII characters that are not
/// letters or digits (quotes, dashes, spaces): only those runs are
/// decoded, and the words come out as a split of the whole line would give
/// them.
#[inline]
pub fn for_each_content_word(text: &str, buf: &mut String, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    if text.is_ascii() {
        for_each_run::<false>(bytes, |at, len| {
            if let Some(h) = ascii_word_hash(at, len) {
                f(h);
            }
        });
        return;
    }
    for_each_run::<true>(bytes, |at, len| {
        if at[..len].is_ascii() {
            if let Some(h) = ascii_word_hash(at, len) {
                f(h);
            }
            return;
        }
        // Runs start and end next to ASCII bytes or the ends of the text:
        // on character boundaries.
        let from = bytes.len() - at.len();
        for w in text[from..from + len].split(|c: char| !c.is_alphanumeric()) {
            if let Some(h) = word_hash_of(w, buf) {
                f(h);
            }
        }
    });
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

/// The hash of word `w` (letters and digits) lowercased; `None` when it is
/// a stopword or a single character.
fn word_hash_of(w: &str, buf: &mut String) -> Option<u64> {
    if w.is_ascii() {
        return ascii_word_hash(w.as_bytes(), w.len());
    }
    // A single character is no word.
    w.chars().nth(1)?;
    buf.clear();
    for c in w.chars() {
        push_lowercase(buf, c);
    }
    (!phrases::is_stopword(buf)).then(|| word_hash(buf.as_bytes()))
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
/// the words a candidate asks about found on each line: the story starting
/// at any paragraph is then a range of lines, so candidates that share most
/// of their stories share the work.
///
/// Only the candidates' words are recorded (a few hundred at most), so a
/// story word costs one probe of a small table that mostly misses, rather
/// than an insertion into a map of every word of the story. Lines are read
/// only as far as some candidate needs them: a candidate whose words have
/// all turned up needs no more of its story.
pub struct StoryWords {
    asked: Asked,
    /// Per asked word, the last line it was found on (`NONE` before), so
    /// that a word twice on one line is one occurrence.
    last: Vec<u32>,
    /// Per asked word, the round of `hits` that wants it (0 once found),
    /// and how many times that round's words hold it.
    state: Vec<u32>,
    repeats: Vec<u32>,
    /// How many times `hits` was called.
    round: u32,
    /// The asked words found, in the order of their lines (each line's
    /// entries from `starts`).
    seen: Vec<u32>,
    /// Per line in `[first, built)`, where its entries in `seen` start; one
    /// more entry, where the next line's will.
    starts: Vec<u32>,
    /// Content words per line, for lines in `[first, built)`.
    counts: Vec<u32>,
    first: usize,
    built: usize,
    buf: String,
}

/// No line yet, and an empty slot of `Asked`.
const NONE: u32 = u32::MAX;

impl StoryWords {
    /// Story words from line `first` on, recording where the words `asked`
    /// (hashes from `content_words`) occur; `hits` answers for those only.
    pub fn new(first: usize, asked: &[u64]) -> StoryWords {
        let asked = Asked::new(asked);
        StoryWords {
            last: vec![NONE; asked.len],
            state: vec![0; asked.len],
            repeats: vec![0; asked.len],
            round: 0,
            asked,
            seen: Vec::new(),
            starts: vec![0],
            counts: Vec::new(),
            first,
            built: first,
            buf: String::new(),
        }
    }

    /// Adds lines up to and including `k`.
    fn build_to(&mut self, lines: &[Scored], k: usize) {
        while self.built <= k {
            let s = &lines[self.built];
            let line = self.built as u32;
            let count = if s.hard {
                0
            } else {
                self.scan(s.line.text, line)
            };
            self.counts.push(count);
            self.starts.push(self.seen.len() as u32);
            self.built += 1;
        }
    }

    /// `content_words` of a line fused with `note`: how many content words
    /// the line holds, each noted, none collected.
    fn scan(&mut self, text: &str, line: u32) -> u32 {
        let mut count = 0;
        let mut buf = std::mem::take(&mut self.buf);
        for_each_content_word(text, &mut buf, |h| {
            count += 1;
            self.note(h, line);
        });
        self.buf = buf;
        count
    }

    /// Records that word `h` occurs on `line`, if it is asked about.
    #[inline]
    fn note(&mut self, h: u64, line: u32) {
        let Some(id) = self.asked.id(h) else {
            return;
        };
        let last = &mut self.last[id as usize];
        if *last != line {
            *last = line;
            self.seen.push(id);
        }
    }

    /// The asked words found on line `k`, built.
    #[cfg(test)]
    fn found_on(&self, k: usize) -> &[u32] {
        let at = k - self.first;
        &self.seen[self.starts[at] as usize..self.starts[at + 1] as usize]
    }

    /// How many of `words` (hashes from `content_words`, all asked about;
    /// repeats count each time) occur in the story starting at line `j`:
    /// the lines from `j` on that hold its first `STORY_WORDS` content
    /// words. Reading stops early once every one of `words` has turned up,
    /// or once `enough` of them have: the count is then `enough` or more,
    /// and may fall short of the full count.
    pub fn hits(&mut self, lines: &[Scored], j: usize, words: &[u64], enough: usize) -> usize {
        self.round += 1;
        let want = self.round;
        // The distinct words wanted, each with its number of repeats.
        let mut missing = 0;
        for &w in words {
            if let Some(id) = self.asked.id(w) {
                let id = id as usize;
                if self.state[id] != want {
                    self.state[id] = want;
                    self.repeats[id] = 0;
                    missing += 1;
                }
                self.repeats[id] += 1;
            }
        }
        let mut hit = 0;
        let mut taken = 0;
        let mut k = j;
        while missing > 0 && hit < enough && k < lines.len() {
            self.build_to(lines, k);
            let at = k - self.first;
            for i in self.starts[at]..self.starts[at + 1] {
                let id = self.seen[i as usize] as usize;
                if self.state[id] == want {
                    // Found: no longer wanted this round.
                    self.state[id] = 0;
                    missing -= 1;
                    hit += self.repeats[id] as usize;
                }
            }
            taken += self.counts[at] as usize;
            if taken >= STORY_WORDS {
                break;
            }
            k += 1;
        }
        hit
    }

    /// One past the last line of the story starting at `j`: its lines hold
    /// `STORY_WORDS` content words. (The plain reading of `hits`.)
    #[cfg(test)]
    fn stop(&mut self, lines: &[Scored], j: usize) -> usize {
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
    /// `[j, stop)`, all built. (The plain reading of `hits`.)
    #[cfg(test)]
    fn has(&self, w: u64, j: usize, stop: usize) -> bool {
        let Some(id) = self.asked.id(w) else {
            return false;
        };
        (j..stop).any(|k| self.found_on(k).contains(&id))
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

    /// A small deterministic generator (xorshift): varied input without a
    /// dependency.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// Pieces that random texts are made of: words of every length in
    /// both cases, stopwords of several languages, non-ASCII letters and
    /// non-ASCII separators (quotes, dashes, no-break spaces), digits and
    /// runs that cross a block edge.
    const PIECES: &[&str] = &[
        " ",
        " ",
        " ",
        "  ",
        ", ",
        ". ",
        "-",
        "'",
        "\"",
        "\n",
        "\t",
        "the",
        "The",
        "THE",
        "a",
        "I",
        "x",
        "to",
        "für",
        "Für",
        "été",
        "ÉTÉ",
        "também",
        "dass",
        "und",
        "harbour",
        "Harbour",
        "crane",
        "CRANES",
        "keyboardists",
        "Keyboardists",
        "élection",
        "Élection",
        "Brücke",
        "straße",
        "STRASSE",
        "ÆØÅ",
        "l’",
        "’s",
        "«",
        "»",
        "\u{a0}",
        "—",
        "…",
        "中",
        "文字",
        "é",
        "É",
        "ß",
        "\u{212A}ey",
        "\u{130}",
        "x2",
        "2024",
        "7",
        "bi-weekly",
        "supercalifragilisticexpialidocious",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ",
    ];

    fn random_text(rng: &mut Rng, pieces: usize) -> String {
        (0..pieces)
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect()
    }

    /// `content_words` the plain way: a split of the whole text at every
    /// character that is not a letter or digit, each word lowercased by
    /// `to_lowercase`.
    fn plain_content_words(text: &str) -> Vec<u64> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().nth(1).is_some())
            .map(str::to_lowercase)
            .filter(|w| !phrases::is_stopword(w))
            .map(|w| word_hash(w.as_bytes()))
            .collect()
    }

    #[test]
    fn content_words_agree_with_a_plain_split() {
        let mut rng = Rng(0x5eed_1234_abcd_0001);
        let (mut out, mut buf) = (Vec::new(), String::new());
        for round in 0..4000 {
            let text = random_text(&mut rng, 1 + round % 60);
            out.clear();
            content_words(&text, &mut buf, &mut out);
            assert_eq!(out, plain_content_words(&text), "{text:?}");
        }
        for text in PIECES {
            out.clear();
            content_words(text, &mut buf, &mut out);
            assert_eq!(out, plain_content_words(text), "{text:?}");
        }
    }

    /// `StoryWords::hits` the plain way: every content word of the story
    /// in a set, the story read to its end.
    fn plain_hits(lines: &[Scored], j: usize, words: &[u64]) -> usize {
        let mut story = std::collections::HashSet::new();
        let mut taken = 0;
        for s in &lines[j..] {
            let mut found = Vec::new();
            if !s.hard {
                content_words(s.line.text, &mut String::new(), &mut found);
            }
            taken += found.len();
            story.extend(found);
            if taken >= STORY_WORDS {
                break;
            }
        }
        words.iter().filter(|w| story.contains(w)).count()
    }

    #[test]
    fn hits_agree_with_reading_the_whole_story() {
        let mut rng = Rng(0x0dd_ba11_cafe_f00d);
        for round in 0..60 {
            // Stories long enough that `STORY_WORDS` cuts them, and short.
            let n = 5 + rng.below(if round % 2 == 0 { 150 } else { 30 });
            // Some lines hold a word of their own, so that where a story
            // stops shows in which of those words it has.
            let texts: Vec<String> = (0..n)
                .map(|k| {
                    let pieces = rng.below(40);
                    let text = random_text(&mut rng, pieces);
                    match rng.below(3) {
                        0 => text,
                        _ => format!("{text} line{k} "),
                    }
                })
                .collect();
            let mut lines: Vec<Scored> = texts.iter().map(|t| Scored::plain(t)).collect();
            for s in &mut lines {
                s.hard = rng.below(8) == 0;
            }
            // Candidates: a few lines' words each, from the lines or not.
            let cands: Vec<(usize, Vec<u64>)> = (0..1 + rng.below(6))
                .map(|_| {
                    let pieces = rng.below(12);
                    let own = rng.below(n);
                    let text =
                        random_text(&mut rng, pieces) + &format!(" line{own} line{}", own + 1);
                    let mut words = Vec::new();
                    content_words(&text, &mut String::new(), &mut words);
                    (rng.below(n), words)
                })
                .collect();
            let first = cands.iter().map(|c| c.0).min().unwrap_or(0);
            let asked: Vec<u64> = cands.iter().flat_map(|c| c.1.clone()).collect();
            let mut story = StoryWords::new(first, &asked);
            // In any order, some asked twice, as `pick` may.
            // Reading may stop once `enough` are found: the count is then
            // at least that, and otherwise the full count.
            for _ in 0..2 * cands.len() {
                let (j, words) = &cands[rng.below(cands.len())];
                let want = plain_hits(&lines, *j, words);
                let enough = match rng.below(3) {
                    0 => usize::MAX,
                    _ => rng.below(words.len() + 2),
                };
                let got = story.hits(&lines, *j, words, enough);
                if got < enough {
                    assert_eq!(got, want, "{round} {j}");
                } else {
                    assert!(want >= enough && got <= want, "{round} {j} {got} {want}");
                }
            }
        }
    }

    #[test]
    fn a_story_ends_with_the_line_that_makes_its_words_full() {
        let texts: Vec<String> = (0..STORY_WORDS + 10)
            .map(|k| format!("the line{k}"))
            .collect();
        let lines: Vec<Scored> = texts.iter().map(|t| Scored::plain(t)).collect();
        let ask = |k: usize| hash_of(&format!("line{k}"));
        let words = [ask(3), ask(STORY_WORDS + 2), ask(STORY_WORDS + 3)];
        let mut story = StoryWords::new(0, &words);
        // From line 3, the story is lines 3 to 602.
        let all = usize::MAX;
        assert_eq!(story.hits(&lines, 3, &words, all), 2);
        assert_eq!(story.hits(&lines, 2, &words, all), 1);
        assert_eq!(story.hits(&lines, 4, &words, all), 2);
        assert_eq!(story.hits(&lines, 4, &words[1..], all), 2);
        assert_eq!(story.hits(&lines, 5, &words[..1], all), 0);
        // Repeats count each time.
        let twice = [ask(3), ask(3), ask(STORY_WORDS + 3)];
        assert_eq!(story.hits(&lines, 0, &twice, all), 2);
        assert_eq!(story.hits(&lines, 3, &twice, all), 2);
        assert_eq!(story.hits(&lines, 4, &twice, all), 1);
        // Enough found: reading stops there.
        assert_eq!(story.hits(&lines, 3, &twice, 1), 2);
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
