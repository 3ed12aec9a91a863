//! Per-line features: language-independent measurements of one trimmed line.
//!
//! Everything here is computed in one pass over the line (plus a bounded
//! prefix for the lowercase copy and the repetition key), so the cleaner stays
//! linear in the size of its input even for a single huge line. All-ASCII
//! lines are scanned by `ascii` from bit masks, other lines a character at a
//! time by `char_scan`; tests hold the two to the same results.

use std::borrow::Cow;
use std::cell::Cell;

use super::ascii;
use super::char_scan;
use super::compact;
pub use super::hash::FastBuild;
pub use super::lowering::{key_of, prefix};
use super::lowering::{push_key, push_lower};
use super::phrases;

/// How many bytes of a line feed the lowercase copy used by phrase matching.
const HEAD_BYTES: usize = 240;
// The ASCII scan keeps the masks of this many bytes for the stopword sample.
const _: () = assert!(HEAD_BYTES <= ascii::HEAD_MAX);
/// How many bytes of a line feed its repetition key.
const KEY_BYTES: usize = 400;
// The ASCII scan keeps the masks of this many bytes for the key.
const _: () = assert!(KEY_BYTES <= ascii::KEY_MAX);
/// How many words of a line are looked up in the stopword lists.
const STOP_SAMPLE: u32 = 32;
/// Lines longer than this many words get no repetition key: repeats that
/// matter (menus, headlines, widgets) are short.
const KEY_MAX_WORDS: u32 = 60;
/// Sentences of more words than this get their stopword sample only when
/// it is asked for: whether such a line is prose does not depend on it,
/// and it cannot be a headline, so few ever ask.
const EAGER_MAX_WORDS: u32 = 8;

/// Measurements of one non-blank input line.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The input line, trimmed.
    pub text: &'a str,
    /// Word units: whitespace-separated words, plus one per two CJK characters.
    pub words: u32,
    /// Of those, the units for CJK characters: `words` less these is the
    /// count of whitespace-separated words (`crate::words::count`), which
    /// a kept line adds to its article's words without counting again.
    pub cjk_words: u32,
    /// Whitespace-separated tokens that start with a letter.
    pub alpha_words: u32,
    /// Of those, how many start with an uppercase letter.
    pub cap_words: u32,
    /// Letters, digits and all non-space characters.
    pub letters: u32,
    pub digits: u32,
    pub chars: u32,
    /// Words looked up among the first `STOP_SAMPLE`, and how many of
    /// them are stopwords (see `stops`); `None` until counted.
    stops: Cell<Option<(u32, u32)>>,
    /// Ends like a sentence (`.`, `!`, `?`, `。`, `…`), closing quotes aside.
    pub terminal: bool,
    /// Ends with a colon (an intro to a list or a quote).
    pub colon: bool,
    /// The line is all ASCII (so is its lowercase copy).
    pub ascii: bool,
    /// The line is all ASCII and has none of the `ascii::RARE` punctuation
    /// (no colon, bracket, slash, `>` or `|`): the checks that search for
    /// those can tell at once that they find none.
    pub plain: bool,
    /// Glued word boundaries such as `NewsVideo` (lowercase run then uppercase).
    pub glued: u32,
    /// Glued boundaries that rarely occur inside brand names: after a
    /// lowercase run of four or more, or after sentence punctuation.
    pub glued_strong: u32,
    /// The line's key (see `key`), then the lowercase copy of its first
    /// bytes (see `lower`): one allocation for both.
    buf: Cow<'a, str>,
    /// Where the lowercase copy starts in `buf`.
    split: usize,
    /// Where `measure` put the line's key in the arena (see `attach`).
    pub at: usize,
}

impl<'a> Line<'a> {
    /// Measures `text`, which must already be trimmed; the line owns its
    /// lowercase copy and key (tests measure single lines this way).
    #[cfg(test)]
    pub fn new(text: &'a str) -> Line<'a> {
        let mut arena = Arena::default();
        let mut l = Line::measure(text, &mut arena);
        l.buf = Cow::Owned(String::from_utf8(arena.bytes).unwrap_or_default());
        l.split = l.split.min(l.buf.len());
        l
    }

    /// Measures `text` (trimmed), appending its key and then its lowercase
    /// head to `arena`, which many lines share so that none allocates. The
    /// line's buffer stays empty until `attach`.
    pub fn measure(text: &'a str, arena: &mut Arena) -> Line<'a> {
        let mut l = Line {
            text,
            words: 0,
            cjk_words: 0,
            alpha_words: 0,
            cap_words: 0,
            letters: 0,
            digits: 0,
            chars: 0,
            stops: Cell::new(Some((0, 0))),
            terminal: false,
            colon: false,
            ascii: false,
            plain: false,
            glued: 0,
            glued_strong: 0,
            buf: Cow::Borrowed(""),
            split: 0,
            at: arena.bytes.len(),
        };
        let ascii = measure_ascii(&mut l, text.as_bytes());
        l.ascii = ascii.is_some();
        if ascii.is_none() {
            measure_general(&mut l, text);
        }
        // What the line needs is known from its counts, before any copy.
        // Long sentences are prose whatever their words: they need neither
        // the lowercase copy (phrases, dates and captions are short lines)
        // nor the stopword sample, which keeps the common case cheap.
        let short = l.words <= KEY_MAX_WORDS;
        let sample = l.words <= 25 || !l.terminal;
        let need_lower = l.words <= 40 || sample;
        let Arena { bytes: arena, key } = arena;
        let start = arena.len();
        if short {
            match ascii {
                Some(c) => c.push_key(text.as_bytes(), KEY_BYTES, key, arena),
                None => push_key(arena, prefix(text, KEY_BYTES)),
            }
        }
        l.split = arena.len() - start;
        if need_lower {
            let head = prefix(text, HEAD_BYTES);
            if ascii.is_some() || head.is_ascii() {
                let from = arena.len();
                arena.extend_from_slice(head.as_bytes());
                arena[from..].make_ascii_lowercase();
            } else {
                push_lower(arena, head);
            }
        }
        if sample && l.terminal && l.words > EAGER_MAX_WORDS {
            l.stops.set(None);
        } else if sample {
            let lower = &arena[start + l.split..];
            l.stops.set(Some(match ascii {
                Some(c) => c.sample_stopwords(lower, STOP_SAMPLE),
                None => sample_stopwords(lower),
            }));
        }
        l
    }

    /// Gives the line its key and lowercase copy: `arena[self.at..end]`, as
    /// `measure` appended them (`end` is where the next line's start).
    pub fn attach(&mut self, arena: &'a str, end: usize) {
        self.buf = Cow::Borrowed(arena.get(self.at..end).unwrap_or(""));
        self.split = self.split.min(self.buf.len());
    }

    /// Lowercase copy of the line's first bytes, for phrase matching; empty
    /// for long sentences, which need none.
    pub fn lower(&self) -> &str {
        &self.buf[self.split..]
    }

    /// Normalised key: lowercase letters and digits only (bounded length);
    /// empty for lines too long to matter as repeats.
    pub fn key(&self) -> &str {
        &self.buf[..self.split]
    }

    /// The length of `key`, known as soon as the line is measured (before
    /// `attach`).
    pub fn key_len(&self) -> usize {
        self.split
    }

    /// Share of sampled words that are stopwords.
    pub fn stop_ratio(&self) -> f32 {
        let (sampled, stop) = self.stops();
        if sampled == 0 {
            0.0
        } else {
            stop as f32 / sampled as f32
        }
    }

    /// Words looked up among the first `STOP_SAMPLE` words of the
    /// lowercase head (none for long sentences), and how many of them are
    /// stopwords: counted now if `measure` left them for later.
    pub fn stops(&self) -> (u32, u32) {
        match self.stops.get() {
            Some(s) => s,
            None => {
                let s = sample_stopwords(self.lower().as_bytes());
                self.stops.set(Some(s));
                s
            }
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

/// Everything `Line::measure` makes of a line's text but the text itself
/// and where its bytes lie: what a memo of lines keeps (see `memo`).
#[derive(Clone, Copy, Debug)]
pub struct Measures {
    words: u32,
    cjk_words: u32,
    alpha_words: u32,
    cap_words: u32,
    letters: u32,
    digits: u32,
    chars: u32,
    glued: u32,
    glued_strong: u32,
    terminal: bool,
    colon: bool,
    ascii: bool,
    plain: bool,
    stops: Option<(u32, u32)>,
    split: usize,
}

impl<'a> Line<'a> {
    /// The line's measurements, to be given back by `remembered`.
    pub fn measures(&self) -> Measures {
        Measures {
            words: self.words,
            cjk_words: self.cjk_words,
            alpha_words: self.alpha_words,
            cap_words: self.cap_words,
            letters: self.letters,
            digits: self.digits,
            chars: self.chars,
            glued: self.glued,
            glued_strong: self.glued_strong,
            terminal: self.terminal,
            colon: self.colon,
            ascii: self.ascii,
            plain: self.plain,
            stops: self.stops.get(),
            split: self.split,
        }
    }

    /// The key and the lowercase head, as `measure` appended them to the
    /// arena (once `attach`ed).
    pub fn bytes(&self) -> &[u8] {
        self.buf.as_bytes()
    }

    /// `measure` of `text`, which was measured before: `m` and `bytes` are
    /// what `measures` and `bytes` gave for it then. Appends the bytes to
    /// `arena` as `measure` would.
    pub fn remembered(text: &'a str, m: &Measures, bytes: &[u8], arena: &mut Arena) -> Line<'a> {
        let at = arena.bytes.len();
        arena.bytes.extend_from_slice(bytes);
        Line {
            text,
            words: m.words,
            cjk_words: m.cjk_words,
            alpha_words: m.alpha_words,
            cap_words: m.cap_words,
            letters: m.letters,
            digits: m.digits,
            chars: m.chars,
            stops: Cell::new(m.stops),
            terminal: m.terminal,
            colon: m.colon,
            ascii: m.ascii,
            plain: m.plain,
            glued: m.glued,
            glued_strong: m.glued_strong,
            buf: Cow::Borrowed(""),
            split: m.split,
            at,
        }
    }
}

/// Where measured lines put their keys and lowercase heads: one buffer for
/// all lines of a text, and room for building keys.
#[derive(Default)]
pub struct Arena {
    pub bytes: Vec<u8>,
    key: compact::KeyScratch,
}

impl Arena {
    pub fn with_capacity(n: usize) -> Arena {
        Arena {
            bytes: Vec::with_capacity(n),
            key: compact::KeyScratch::default(),
        }
    }
}

/// The measurements of an all-ASCII line, by the block scan of `ascii`.
/// Returns the scan, which can copy the key and sample the head's stopwords;
/// `None`, with `l` untouched, when the line is not all ASCII.
fn measure_ascii(l: &mut Line, text: &[u8]) -> Option<ascii::Counts> {
    let c = ascii::scan(text)?;
    l.words = c.words;
    l.alpha_words = c.alpha_words;
    l.cap_words = c.cap_words;
    l.letters = c.letters;
    l.digits = c.digits;
    l.chars = c.chars;
    l.glued = c.glued;
    l.glued_strong = c.glued_strong;
    l.plain = !c.rare;
    let end = text
        .iter()
        .rposition(|b| !matches!(b, b'"' | b'\'' | b')' | b']' | b'*'));
    match end.map(|i| text[i]) {
        Some(b'.' | b'!' | b'?') => l.terminal = true,
        Some(b':') => l.colon = true,
        _ => {}
    }
    Some(c)
}

/// The measurements of any line, a character at a time.
fn measure_general(l: &mut Line, text: &str) {
    let cjk = char_scan::scan(l, text);
    l.cjk_words = cjk / 2;
    l.words += l.cjk_words;
    let end = text.trim_end_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』' | '）' | '*'
        )
    });
    match end.chars().next_back() {
        Some('.' | '!' | '?' | '。' | '！' | '？' | '…' | '؟' | '।') => l.terminal = true,
        Some(':' | '：') => l.colon = true,
        _ => {}
    }
}

/// Counts the stopwords among the first words of `lower`, the line's
/// lowercase head: how many words were looked up, and how many of them
/// are stopwords (what `ascii::Counts::sample_stopwords` counts from masks).
fn sample_stopwords(lower: &[u8]) -> (u32, u32) {
    let (mut sampled, mut stop) = (0, 0);
    if lower.is_ascii() {
        let mut taken = 0;
        let mut i = 0;
        while taken < STOP_SAMPLE && i < lower.len() {
            if lower[i] == b' ' || (9..=13).contains(&lower[i]) {
                i += 1;
                continue;
            }
            let from = i;
            while i < lower.len() && !(lower[i] == b' ' || (9..=13).contains(&lower[i])) {
                i += 1;
            }
            taken += 1;
            let w = &lower[from..i];
            let Some(a) = w.iter().position(u8::is_ascii_alphanumeric) else {
                continue;
            };
            let z = w.iter().rposition(u8::is_ascii_alphanumeric).unwrap_or(a);
            sampled += 1;
            if phrases::is_stopword_bytes(&w[a..=z]) {
                stop += 1;
            }
        }
    } else {
        let lower = std::str::from_utf8(lower).unwrap_or_default();
        for w in lower.split_whitespace().take(STOP_SAMPLE as usize) {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() {
                continue;
            }
            sampled += 1;
            if phrases::is_stopword(w) {
                stop += 1;
            }
        }
    }
    (sampled, stop)
}

#[cfg(test)]
mod tests {
    use super::super::content_words::tests::Rng;
    use super::*;

    /// Every measurement of `text`, by the ASCII block scan or by the
    /// general one.
    fn measured(text: &str, ascii: bool) -> String {
        let mut l = Line::new("");
        let mut counts = None;
        if ascii {
            counts = measure_ascii(&mut l, text.as_bytes());
            assert!(counts.is_some(), "{text:?}");
        } else {
            measure_general(&mut l, text);
        }
        let (w, a, c) = (l.words, l.alpha_words, l.cap_words);
        let (le, d, ch) = (l.letters, l.digits, l.chars);
        let g = (l.glued, l.glued_strong, l.terminal, l.colon);
        // The stopword sample of the whole head, whatever the line's length.
        let lower = prefix(text, HEAD_BYTES).to_lowercase();
        let sample = match counts {
            Some(c) => c.sample_stopwords(lower.as_bytes(), STOP_SAMPLE),
            None => sample_stopwords(lower.as_bytes()),
        };
        format!("{:?}", (w, a, c, le, d, ch, g, sample))
    }

    #[test]
    fn ascii_scan_agrees_with_general_scan() {
        // Pseudo-random lines over the bytes that decide something, long
        // enough to cross block boundaries.
        let alphabet = b"aaaeeoosstnAABZQz009 . ?!)(\t\x0b\x01\"'*]:-/@the of in la y";
        let mut rng = Rng(0x2545_f491_4f6c_dd1du64);
        let mut next = || rng.next_u64();
        for _ in 0..3000 {
            let len = (next() % 300) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                .collect();
            assert_eq!(measured(&text, true), measured(&text, false), "{text:?}");
            let l = Line::new(&text);
            let rare = text.bytes().any(|b| ascii::RARE.contains(&b));
            assert_eq!(l.plain, text.is_ascii() && !rare, "{text:?}");
            let key = key_of(prefix(&text, KEY_BYTES));
            assert_eq!(l.key(), if l.words <= KEY_MAX_WORDS { &key } else { "" });
            let sample = l.words <= 25 || !l.terminal;
            let lower = prefix(&text, HEAD_BYTES).to_lowercase();
            let need_lower = l.words <= 40 || sample;
            assert_eq!(l.lower(), if need_lower { &lower } else { "" });
            // Counted when measured or when asked for, the same sample.
            let stops = if sample {
                sample_stopwords(lower.as_bytes())
            } else {
                (0, 0)
            };
            assert_eq!(l.stops(), stops, "{text:?}");
        }
        let glued = "First Forecast November 20, 2019 (This Morning)Some sun by the end.";
        assert_eq!(measured(glued, true), measured(glued, false));
        // Stopwords trimmed of punctuation, past a block and past the head.
        for n in [1, 3, 7, 12] {
            let text = "The cat and (the) dog, of course: it's \"in\" the -- yard. ".repeat(n);
            let text = text.trim();
            assert_eq!(measured(text, true), measured(text, false), "{text}");
            assert!(n > 1 || Line::new(text).stops().1 >= 3);
        }
    }

    #[test]
    fn counts_words_and_terminal() {
        let l = Line::new("The cat sat on the mat.");
        assert_eq!(l.words, 6);
        assert!(l.terminal);
        assert!(l.stops().1 >= 3);
    }

    #[test]
    fn detects_glued_words() {
        assert_eq!(Line::new("Top NewsVideo").glued, 1);
        assert_eq!(Line::new("iPhone maker").glued, 0);
    }

    #[test]
    fn key_and_lower_head_of_a_measured_line() {
        let long_word = "Ärger-Über ".repeat(30);
        let cases = [
            "Top NewsVideo 2026: Ärger über Öl, ÇA VA!".to_string(),
            "東京タワー、İstanbul ǅemal".to_string(),
            format!("{long_word}end"),
            format!("{}x", "Abcdefghij ".repeat(50)),
        ];
        for text in &cases {
            let l = Line::new(text);
            // Not ASCII ("東京タワー…" has no rare byte): never plain.
            let rare = text.bytes().any(|b| ascii::RARE.contains(&b));
            assert_eq!(l.plain, text.is_ascii() && !rare, "{text}");
            assert_eq!(l.key(), key_of(prefix(text, KEY_BYTES)), "{text}");
            assert_eq!(l.lower(), prefix(text, HEAD_BYTES).to_lowercase(), "{text}");
        }
        // Lines of many words get no key (and long sentences no lowercase).
        let long = format!("{}.", "word ".repeat(70).trim_end());
        let l = Line::new(&long);
        assert_eq!((l.key(), l.lower()), ("", ""));
        for text in cases
            .iter()
            .map(String::as_str)
            .chain([long.as_str(), "x", ""])
        {
            let mut arena = Arena::default();
            let l = Line::measure(text, &mut arena);
            assert_eq!(l.key_len(), Line::new(text).key().len(), "{text}");
        }
    }

    #[test]
    fn words_less_cjk_units_are_the_whitespace_words() {
        // Pseudo-random lines of ASCII, accented and CJK letters, digits,
        // punctuation and every kind of whitespace.
        let alphabet: Vec<char> =
            "aZ9 .!\t\u{b}\u{85}\u{a0}\u{1680}\u{2003}\u{2028}\u{3000}éÖß東京タワーー、。”«x"
                .chars()
                .collect();
        let mut rng = Rng(0x5eed_0000_c0de_0001u64);
        for _ in 0..3000 {
            let len = (rng.next_u64() % 90) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(rng.next_u64() % alphabet.len() as u64) as usize])
                .collect();
            let text = text.trim();
            let l = Line::new(text);
            assert_eq!(
                (l.words - l.cjk_words) as usize,
                crate::words::count(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn cjk_counts_as_words() {
        assert!(Line::new("今日はとても良い天気ですね。").words >= 5);
    }
}
