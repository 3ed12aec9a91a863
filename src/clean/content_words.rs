//! Content words: the lowercase words of a line other than stopwords and
//! single characters, each as a hash, read off the line's bytes.

use std::hash::Hasher;

use super::hash::FastHasher;
use super::phrases;
use super::stopwords;
use super::word_runs::for_each_run;

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

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn hash_of(word: &str) -> u64 {
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

    pub(crate) use crate::test_rng::Rng;

    /// Pieces that random texts are made of: words of every length in
    /// both cases, stopwords of several languages, non-ASCII letters and
    /// non-ASCII separators (quotes, dashes, no-break spaces), digits and
    /// runs that cross a block edge.
    pub(crate) const PIECES: &[&str] = &[
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

    pub(crate) fn random_text(rng: &mut Rng, pieces: usize) -> String {
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
}
