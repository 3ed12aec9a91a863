//! The words a candidate headline is checked against: the content words
//! (see `content_words`) of the lines of the story, and the lines on which
//! each word a candidate asks about occurs.

use super::content_words::for_each_content_word;
use super::region::Scored;

/// How many story words feed the overlap signal.
const STORY_WORDS: usize = 600;

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
    use super::super::content_words::content_words;
    use super::super::content_words::tests::{Rng, hash_of, random_text};
    use super::*;

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
