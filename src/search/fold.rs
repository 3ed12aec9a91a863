//! Text folding and tokenizing: the one definition of "a word" shared by the
//! index, the query parser, the phrase check and the highlighter.
//!
//! Folding lowercases, drops diacritics and applies compatibility mappings,
//! so "Café", "CAFÉ" and "cafe" are the same word and "ﬁnance" (ligature) or
//! "Ｔｏｋｙｏ" (full width) read as "finance" and "tokyo". Diacritics are
//! removed by compatibility decomposition (the `unicode-normalization`
//! crate, exact for every script instead of a hand table that covers a few
//! blocks) and dropping the combining marks that only decorate a letter
//! (Latin/Greek/Cyrillic accents, Hebrew points, Arabic harakat). Letters
//! that do not decompose get a small table: ß→ss, æ→ae, œ→oe, ø→o, ł→l,
//! đ/ð→d, þ→th, ı→i, ħ→h. Marks that are part of a letter's spelling
//! (Indic vowel signs, Japanese dakuten in precomposed kana) are kept.
//!
//! A word is a run of letters and digits. Apostrophes (straight or curly),
//! hyphens and all other punctuation separate words, so "it's" is "it", "s"
//! and "l'homme" is "l", "homme"; the query parser tokenizes with the same
//! code, so a query word like "it's" becomes the phrase "it s" and finds
//! exactly the text it was typed from. Han ideographs, hiragana and katakana
//! (scripts written without spaces) are one token per character, so a run of
//! them is a phrase of consecutive tokens. Hangul is written with spaces and
//! is tokenized like Latin. Emoji and symbols are separators.

use std::ops::Range;

use super::chars::{Kind, fold_char, fold_single};

/// Calls `f(folded_word, original_byte_range)` for each word of `text`, in order.
pub fn for_each_token(text: &str, f: impl FnMut(&str, Range<usize>)) {
    tokenize(text, &mut String::with_capacity(32), f);
}

/// [`for_each_token`] with `buf` to fold words into (cleared first).
pub(super) fn tokenize(text: &str, buf: &mut String, mut f: impl FnMut(&str, Range<usize>)) {
    buf.clear();
    let bytes = text.as_bytes();
    // The start of a word being folded into `buf` (empty otherwise) and
    // the end of its last character so far.
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // Fast path: a run of ASCII letters and digits, passed on without
            // copying when it is a whole lowercase word.
            let mut run_end = i;
            let mut seen = 0;
            while let Some(&class) = bytes.get(run_end).map(|&b| &ASCII_CLASS[b as usize]) {
                if class == 0 {
                    break;
                }
                seen |= class;
                run_end += 1;
            }
            let run = &text[i..run_end];
            let whole = start.is_none() && bytes.get(run_end).is_none_or(|b| b.is_ascii());
            if whole && seen & UPPER == 0 {
                f(run, i..run_end);
            } else {
                start.get_or_insert(i);
                buf.extend(run.chars().map(|c| c.to_ascii_lowercase()));
                end = run_end;
            }
            i = run_end;
            continue;
        }
        if b.is_ascii() {
            i += 1;
            if let Some(s) = start.take() {
                f(buf, s..end);
                buf.clear();
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        let next = i + c.len_utf8();
        match fold_char(c, buf) {
            Kind::Word => {
                start.get_or_insert(i);
                end = next;
            }
            Kind::Mark => {
                if start.is_some() {
                    end = next;
                }
            }
            Kind::Single => {
                if let Some(s) = start.take() {
                    f(buf, s..end);
                }
                buf.clear();
                fold_single(c, buf);
                f(buf, i..next);
                buf.clear();
            }
            Kind::Separator => {
                if let Some(s) = start.take() {
                    f(buf, s..end);
                    buf.clear();
                }
            }
        }
        i = next;
    }
    if let Some(s) = start {
        f(buf, s..end);
    }
}

const LOWER: u8 = 1;
const UPPER: u8 = 2;

/// Per byte: `LOWER` for ASCII lowercase letters and digits, `UPPER` for
/// ASCII capitals, 0 for everything else (separators, non-ASCII bytes).
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_alphanumeric() {
            LOWER
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The folded words of `text`, in order.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |w, _| out.push(w.to_owned()));
    out
}

/// The folded words of `text` joined by single spaces ("Café, Zürich!" →
/// "cafe zurich").
pub fn fold(text: &str) -> String {
    tokens(text).join(" ")
}

/// The byte length of the shortest start of `word` (original text of one
/// token) whose folded form is at least `folded_len` bytes long: where a
/// match of a folded prefix ends in the original. A character that folds to
/// several (ß → ss) is included whole.
pub fn original_prefix_len(word: &str, folded_len: usize) -> usize {
    let mut buf = String::new();
    for (i, c) in word.char_indices() {
        let reached = buf.len() >= folded_len;
        match fold_char(c, &mut buf) {
            // A dropped accent belongs to the letter before it.
            Kind::Mark => {}
            _ if reached => return i,
            Kind::Single => fold_single(c, &mut buf),
            _ => {}
        }
    }
    word.len()
}

/// A text's tokens kept together: folded words in one buffer, with where
/// each came from in the original. Used to check phrases and to highlight.
#[derive(Debug, Default)]
pub(crate) struct TokenList {
    folded: String,
    /// Per token: end of its folded form in `folded`, and its original range.
    spans: Vec<(u32, Range<usize>)>,
}

impl TokenList {
    /// Appends the tokens of `text`; original ranges are offset by `base`.
    pub(crate) fn push_text(&mut self, text: &str, base: usize) {
        for_each_token(text, |w, r| {
            self.folded.push_str(w);
            let end = u32::try_from(self.folded.len()).unwrap_or(u32::MAX);
            self.spans.push((end, base + r.start..base + r.end));
        });
    }

    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The folded form of token `i`.
    pub(crate) fn word(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.spans[i - 1].0 as usize
        };
        &self.folded[start..self.spans[i].0 as usize]
    }

    /// Where token `i` is in the original text.
    pub(crate) fn original(&self, i: usize) -> Range<usize> {
        self.spans[i].1.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        for_each_token(text, |w, r| out.push((w.to_owned(), &text[r])));
        out
    }

    #[test]
    fn lowercases_and_drops_diacritics() {
        assert_eq!(
            fold("Café CAFÉ Zürich Ångström naïve"),
            "cafe cafe zurich angstrom naive"
        );
        assert_eq!(fold("Ελληνικά τόνος"), "ελληνικα τονος");
        assert_eq!(fold("Tiếng Việt Đà Nẵng"), "tieng viet da nang");
        assert_eq!(fold("Łódź Dvořák Şişli"), "lodz dvorak sisli");
    }

    #[test]
    fn letters_without_decomposition_use_the_table() {
        assert_eq!(
            fold("Straße Æsir Œuvre Ørsted Łask Đakovo þing"),
            "strasse aesir oeuvre orsted lask dakovo thing"
        );
    }

    #[test]
    fn compatibility_forms_fold_to_plain_letters() {
        assert_eq!(fold("ﬁnance Ｔｏｋｙｏ"), "finance tokyo");
    }

    #[test]
    fn decomposed_accents_stay_inside_the_word() {
        let text = "Cafe\u{301} au lait";
        let got = spans(text);
        assert_eq!(got[0], ("cafe".to_owned(), "Cafe\u{301}"));
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn apostrophes_and_punctuation_split_words() {
        assert_eq!(
            tokens("It’s l'homme, e-mail!"),
            ["it", "s", "l", "homme", "e", "mail"]
        );
    }

    #[test]
    fn cjk_characters_are_single_tokens_with_their_ranges() {
        let got = spans("東京都 in Tokyo");
        let words: Vec<_> = got.iter().map(|(w, o)| (w.as_str(), *o)).collect();
        assert_eq!(
            words,
            [
                ("東", "東"),
                ("京", "京"),
                ("都", "都"),
                ("in", "in"),
                ("tokyo", "Tokyo")
            ]
        );
        assert_eq!(tokens("ｶﾀｶﾅ"), ["カ", "タ", "カ", "ナ"]);
        assert_eq!(tokens("abc東"), ["abc", "東"]);
    }

    #[test]
    fn emoji_and_symbols_separate() {
        assert_eq!(tokens("hi😀there 🎉 ok"), ["hi", "there", "ok"]);
        assert!(tokens("😀 — !").is_empty());
    }

    #[test]
    fn hangul_and_indic_marks_are_kept() {
        assert_eq!(tokens("한국어 뉴스"), ["한국어", "뉴스"]);
        assert_eq!(tokens("हिन्दी"), ["हिन्दी"]);
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        let got = spans("«Ça va», dit Zoë.");
        let originals: Vec<_> = got.iter().map(|(_, o)| *o).collect();
        assert_eq!(originals, ["Ça", "va", "dit", "Zoë"]);
    }

    #[test]
    fn prefix_length_maps_back_over_multibyte_letters() {
        assert_eq!(original_prefix_len("Zürich", 2), "Zü".len());
        assert_eq!(original_prefix_len("Straße", 5), "Straß".len());
        assert_eq!(original_prefix_len("Straße", 6), "Straß".len());
        assert_eq!(original_prefix_len("Cafe\u{301}", 4), 6);
        assert_eq!(original_prefix_len("Cafe\u{301}s", 5), 7);
        assert_eq!(original_prefix_len("abc", 9), 3);
    }

    /// The plain one-character-at-a-time tokenizer the fast one must equal.
    fn reference_tokens(text: &str) -> Vec<(String, Range<usize>)> {
        let mut out = Vec::new();
        let mut buf = String::new();
        let mut start: Option<usize> = None;
        let mut end = 0;
        let mut flush = |buf: &mut String, start: &mut Option<usize>, end: usize| {
            if let Some(s) = start.take() {
                out.push((std::mem::take(buf), s..end));
            }
        };
        for (i, c) in text.char_indices() {
            let next = i + c.len_utf8();
            match fold_char(c, &mut buf) {
                Kind::Word => {
                    start.get_or_insert(i);
                    end = next;
                }
                Kind::Mark if start.is_some() => end = next,
                Kind::Single => {
                    flush(&mut buf, &mut start, end);
                    fold_single(c, &mut buf);
                    start = Some(i);
                    flush(&mut buf, &mut start, next);
                }
                _ => flush(&mut buf, &mut start, end),
            }
        }
        flush(&mut buf, &mut start, end);
        out
    }

    proptest::proptest! {
        #[test]
        fn fast_tokenizer_equals_the_reference(
            text in "([a-zA-Z0-9 .,'’-]|[éÉüßÆœ東京カ😀]|\u{301}){0,40}"
        ) {
            let mut fast = Vec::new();
            for_each_token(&text, |w, r| fast.push((w.to_owned(), r)));
            proptest::prop_assert_eq!(fast, reference_tokens(&text));
        }
    }

    #[test]
    fn token_list_keeps_words_and_ranges() {
        let mut list = TokenList::default();
        list.push_text("Ünïcode wörds", 0);
        list.push_text("more", 100);
        assert_eq!(list.len(), 3);
        assert_eq!(list.word(1), "words");
        assert_eq!(list.original(2), 100..104);
    }
}
