//! Per-line features: language-independent measurements of one trimmed line.
//!
//! Everything here is computed in one pass over the line (plus a bounded
//! prefix for the lowercase copy and the repetition key), so the cleaner stays
//! linear in the size of its input even for a single huge line.

use super::phrases;

/// How many bytes of a line feed the lowercase copy used by phrase matching.
const HEAD_BYTES: usize = 240;
/// How many bytes of a line feed its repetition key.
const KEY_BYTES: usize = 400;
/// How many words of a line are looked up in the stopword lists.
const STOP_SAMPLE: u32 = 32;
/// Lines longer than this many words get no repetition key: repeats that
/// matter (menus, headlines, widgets) are short.
const KEY_MAX_WORDS: u32 = 60;

/// Measurements of one non-blank input line.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The input line, trimmed.
    pub text: &'a str,
    /// Word units: whitespace-separated words, plus one per two CJK characters.
    pub words: u32,
    /// Whitespace-separated tokens that start with a letter.
    pub alpha_words: u32,
    /// Of those, how many start with an uppercase letter.
    pub cap_words: u32,
    /// Letters, digits and all non-space characters.
    pub letters: u32,
    pub digits: u32,
    pub chars: u32,
    /// Stopwords among the first `STOP_SAMPLE` words.
    pub stop: u32,
    /// Words looked up for `stop`.
    pub sampled: u32,
    /// Ends like a sentence (`.`, `!`, `?`, `。`, `…`), closing quotes aside.
    pub terminal: bool,
    /// Ends with a colon (an intro to a list or a quote).
    pub colon: bool,
    /// Glued word boundaries such as `NewsVideo` (lowercase run then uppercase).
    pub glued: u32,
    /// Glued boundaries that rarely occur inside brand names: after a
    /// lowercase run of four or more, or after sentence punctuation.
    pub glued_strong: u32,
    /// Lowercase copy of the line's first bytes, for phrase matching.
    pub lower: String,
    /// Normalised key: lowercase letters and digits only (bounded length).
    pub key: String,
}

impl<'a> Line<'a> {
    /// Measures `text`, which must already be trimmed.
    pub fn new(text: &'a str) -> Line<'a> {
        let mut l = Line {
            text,
            words: 0,
            alpha_words: 0,
            cap_words: 0,
            letters: 0,
            digits: 0,
            chars: 0,
            stop: 0,
            sampled: 0,
            terminal: false,
            colon: false,
            glued: 0,
            glued_strong: 0,
            lower: String::new(),
            key: String::new(),
        };
        // ASCII lines (most of them) skip UTF-8 decoding.
        let cjk = if text.is_ascii() {
            scan(&mut l, text.bytes().map(char::from))
        } else {
            scan(&mut l, text.chars())
        };
        l.words += cjk / 2;
        let end = text.trim_end_matches(|c: char| {
            matches!(
                c,
                '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』' | '）' | '*'
            )
        });
        match end.chars().next_back() {
            Some('.' | '!' | '?' | '。' | '！' | '？' | '…' | '؟' | '।') => {
                l.terminal = true
            }
            Some(':' | '：') => l.colon = true,
            _ => {}
        }
        // Long sentences are prose whatever their words: they need neither
        // the lowercase copy (phrases, dates and captions are short lines)
        // nor the stopword sample, which keeps the common case cheap.
        let short = l.words <= KEY_MAX_WORDS;
        let sample = l.words <= 25 || !l.terminal;
        if short || sample {
            let head = prefix(text, HEAD_BYTES);
            l.lower = if head.is_ascii() {
                head.to_ascii_lowercase()
            } else {
                head.to_lowercase()
            };
        }
        if short {
            l.key = key_of(prefix(text, KEY_BYTES));
        }
        if !sample {
            return l;
        }
        for w in l.lower.split_whitespace().take(STOP_SAMPLE as usize) {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() {
                continue;
            }
            l.sampled += 1;
            if phrases::is_stopword(w) {
                l.stop += 1;
            }
        }
        l
    }

    /// Share of sampled words that are stopwords.
    pub fn stop_ratio(&self) -> f32 {
        if self.sampled == 0 {
            0.0
        } else {
            self.stop as f32 / self.sampled as f32
        }
    }

    /// Share of letter-initial words that are capitalised.
    pub fn cap_ratio(&self) -> f32 {
        if self.alpha_words == 0 {
            0.0
        } else {
            self.cap_words as f32 / self.alpha_words as f32
        }
    }

    /// True when the line is mostly digits and punctuation (counters, scores, dates).
    pub fn mostly_numeric(&self) -> bool {
        self.letters * 2 < self.digits || (self.letters == 0 && self.chars > 0)
    }
}

/// The one pass over a line's characters behind `Line::new`; returns the
/// number of CJK characters.
#[inline(always)]
fn scan(l: &mut Line, chars: impl Iterator<Item = char>) -> u32 {
    let mut cjk = 0u32;
    let mut in_word = false;
    let mut lower_run = 0u32;
    // A sentence end glued to the next word ("Rise?Violence"): 1 after the
    // punctuation, 2 once an uppercase letter follows it.
    let mut punct_glue = 0u8;
    for c in chars {
        if c.is_whitespace() {
            in_word = false;
            lower_run = 0;
            punct_glue = 0;
            continue;
        }
        punct_glue = match (punct_glue, c) {
            (_, '?' | '!' | ')' | '.') => 1,
            (1, c) if c.is_uppercase() => 2,
            (2, c) if c.is_lowercase() => {
                l.glued += 1;
                l.glued_strong += 1;
                0
            }
            _ => 0,
        };
        l.chars += 1;
        if !in_word {
            in_word = true;
            l.words += 1;
            if c.is_alphabetic() {
                l.alpha_words += 1;
                if c.is_uppercase() {
                    l.cap_words += 1;
                }
            }
        }
        if c.is_alphabetic() {
            l.letters += 1;
            if is_cjk(c) {
                cjk += 1;
            }
            if c.is_uppercase() {
                if lower_run >= 2 {
                    l.glued += 1;
                }
                if lower_run >= 4 {
                    l.glued_strong += 1;
                }
                lower_run = 0;
            } else if c.is_lowercase() {
                lower_run += 1;
            } else {
                lower_run = 0;
            }
        } else {
            if c.is_numeric() {
                l.digits += 1;
            }
            lower_run = 0;
        }
    }
    cjk
}

/// Lowercase letters and digits of `s`, everything else dropped: the key that
/// makes two lines equal regardless of case, spacing, punctuation and quotes.
pub fn key_of(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    if s.is_ascii() {
        k.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase() as char),
        );
        return k;
    }
    for c in s.chars() {
        if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                k.push(lc);
            }
        }
    }
    k
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
pub fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// Chinese, Japanese and Korean characters, which are written without spaces.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// A small, fast, non-cryptographic hasher (FNV-1a over 8-byte words) for the
/// cleaner's maps of short strings; hash flooding is not a concern for a
/// local reader.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
        }
        for &b in chunks.remainder() {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// `BuildHasher` for `FastHasher`.
pub type FastBuild = std::hash::BuildHasherDefault<FastHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_and_terminal() {
        let l = Line::new("The cat sat on the mat.");
        assert_eq!(l.words, 6);
        assert!(l.terminal);
        assert!(l.stop >= 3);
    }

    #[test]
    fn detects_glued_words() {
        assert_eq!(Line::new("Top NewsVideo").glued, 1);
        assert_eq!(Line::new("iPhone maker").glued, 0);
    }

    #[test]
    fn key_ignores_case_punctuation_and_quotes() {
        assert_eq!(key_of("It’s  \"Ready\"!"), key_of("it's ready"));
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix("ééé", 3), "é");
    }

    #[test]
    fn cjk_counts_as_words() {
        assert!(Line::new("今日はとても良い天気ですね。").words >= 5);
    }
}
