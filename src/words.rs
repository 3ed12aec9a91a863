//! Counting words fast (an article's reading time, every article as it
//! is loaded, and 10 MB in a frame): `str::split_whitespace` decodes every
//! character, this counts word starts a byte at a time in a loop the
//! compiler vectorizes, and gives the same count.
//!
//! Beyond ASCII, the only whitespace (the Unicode `White_Space` set) is
//! U+0085 and U+00A0 (two bytes in UTF-8, led by C2) and U+1680 (led by
//! E1), U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F (led by E2) and
//! U+3000 (led by E3). The text is cut at those, and the pieces counted
//! as ASCII; a search for their lead bytes finds them without decoding,
//! and is not needed in the many texts that are pure ASCII (which the
//! count finds out as it goes).

/// `text.split_whitespace().count()`.
pub fn count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (words, ascii) = ascii_words(bytes);
    if ascii {
        return words;
    }
    // Scripts led by E1 (Vietnamese letters, Georgian, Khmer…) are rare
    // here: they take the slow, plain way rather than a second search.
    if memchr::memchr(0xe1, bytes).is_some() {
        return text.split_whitespace().count();
    }
    let mut words = 0;
    let mut from = 0;
    for at in memchr::memchr3_iter(0xc2, 0xe2, 0xe3, bytes) {
        if let Some(len) = wide_space(&bytes[at..]) {
            words += ascii_words(&bytes[from..at]).0;
            from = at + len;
        }
    }
    words + ascii_words(&bytes[from..]).0
}

/// The length of the whitespace character `bytes` starts with, when it is
/// one led by C2, E2 or E3.
fn wide_space(bytes: &[u8]) -> Option<usize> {
    match *bytes {
        [0xc2, 0x85 | 0xa0, ..] => Some(2),
        [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
        | [0xe2, 0x81, 0x9f, ..]
        | [0xe3, 0x80, 0x80, ..] => Some(3),
        _ => None,
    }
}

/// Words in `bytes` where only ASCII whitespace separates them (the bytes
/// that are not whitespace after one that is, or at the start), and
/// whether all of `bytes` is ASCII (then that is the count).
fn ascii_words(bytes: &[u8]) -> (usize, bool) {
    let Some(&first) = bytes.first() else {
        return (0, true);
    };
    let mut words = usize::from(1 - space(first));
    let mut high = 0;
    let mut rest = bytes;
    while let Some(block) = rest.first_chunk::<{ BLOCK + 1 }>() {
        let (starts, or) = block_starts(block);
        words += usize::from(starts);
        high |= or;
        rest = &rest[BLOCK..];
    }
    // The last pairs (at most a block's), padded with spaces, which start
    // no word: one more block rather than a loop a byte at a time.
    let mut last = [b' '; BLOCK + 1];
    last[..rest.len()].copy_from_slice(rest);
    let (starts, or) = block_starts(&last);
    (words + usize::from(starts), (high | or) < 0x80)
}

/// Pairs of neighbouring bytes counted per block: a whole number of
/// vectors, and few enough that a short paragraph pads little.
const BLOCK: usize = 64;

/// Word starts among the `BLOCK` pairs of neighbours in `block`, summed
/// in a byte (of two neighbouring pairs only one can be a start), and the
/// bytes or-ed together (for their high bit): in a loop of known length
/// the compiler vectorizes whole.
fn block_starts(block: &[u8; BLOCK + 1]) -> (u8, u8) {
    // Each byte tested twice, as itself and as its neighbour's next: both
    // tests read the block, where tests stored first and read back one
    // byte further on would stall each block on the store.
    let mut starts = 0u8;
    let mut or = 0u8;
    for i in 0..BLOCK {
        starts += space(block[i]) & (space(block[i + 1]) ^ 1);
        or |= block[i];
    }
    (starts, or | block[BLOCK])
}

/// 1 for ASCII whitespace (tab, newline, vertical tab, form feed, carriage
/// return, space), else 0.
fn space(b: u8) -> u8 {
    u8::from((b == b' ') | (b.wrapping_sub(b'\t') < 5))
}

#[cfg(test)]
mod tests {
    use super::count;
    use proptest::prelude::*;

    /// The words cleaning counts (`Cleaned::words`), as this counts those
    /// of the paragraphs it keeps.
    fn cleaned_words_as_counted(text: &str) {
        let c = crate::clean::clean(text, None);
        let want: usize = c.paragraphs.iter().map(|p| count(p)).sum();
        assert_eq!(c.words as usize, want, "{text:?}");
        // Cleaned for the story alone: the same, but for the removed lines.
        let story = crate::clean::clean_story(text, None);
        let stripped = crate::clean::Cleaned {
            removed: Vec::new(),
            ..c.clone()
        };
        assert_eq!(story, stripped, "{text:?}");
        assert_eq!(crate::clean::clean(text, None), c, "{text:?}");
    }

    #[test]
    fn cleaned_words_of_pages() {
        let story = "The council voted on Tuesday to rebuild the pier, officials said.\n\
                     Share this\n\
                     It will cost two\tmillion dollars and\x0btake a year to finish.\n\
                     Le conseil a voté mardi la reconstruction\u{a0}du ponton, a-t-on appris.\n\
                     東京で 会議\u{3000}開催。 議会は火曜日に桟橋の再建を決めた。\n";
        for k in 1..6 {
            cleaned_words_as_counted(&story.repeat(k));
        }
    }

    proptest! {
        #[test]
        fn cleaned_words_of_any_text(
            lines in prop::collection::vec("[ \tA-Za-z.,’é\u{a0}\u{3000}東京\x0b\x0c]{0,120}", 0..12)
        ) {
            cleaned_words_as_counted(&lines.join("\n"));
        }
    }

    #[test]
    fn counts_as_split_whitespace_does() {
        let texts = [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tand\nnew\r\nlines\x0b\x0cform",
            "no\u{a0}break\u{2003}em\u{3000}ideographic\u{85}next\u{1680}ogham",
            "quotes ’like’ “these” — and\u{2028}a\u{2029}b\u{202f}c\u{205f}d",
            "\u{a0}\u{a0}lead and trail\u{3000}",
            "é à ü ñ 漢字 かな \u{1f600} x",
        ];
        for t in texts {
            assert_eq!(count(t), t.split_whitespace().count(), "{t:?}");
        }
        let long = "word ’quoted’ \u{a0}tail\n".repeat(3000);
        assert_eq!(count(&long), long.split_whitespace().count());
    }

    /// Every whitespace character there is, and look-alikes next to them in
    /// UTF-8 (U+200B, U+2030, U+205E, U+3001, U+00A1…, and a letter led by
    /// E1), in every order up to three, between letters, at either end and
    /// alone.
    #[test]
    fn every_whitespace_and_its_neighbours() {
        let odd: Vec<char> = (0..=0x3001u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .chain([
                '\u{200b}', '\u{2030}', '\u{205e}', '\u{2060}', '\u{3001}', '\u{a1}', '\u{84}',
                '\u{1681}', '\u{e000}', '\u{1c}', 'x', 'é',
            ])
            .collect();
        for &a in &odd {
            for &b in &odd {
                for &c in &odd {
                    for t in [
                        format!("{a}{b}{c}"),
                        format!("w{a}x{b}{c}y"),
                        format!("{a}wx{b}yz{c}"),
                    ] {
                        assert_eq!(count(&t), t.split_whitespace().count(), "{t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn long_mixed_text_at_every_length() {
        let text = "Le 3\u{a0}mai, « très » bien\u{202f}! 東京で 会議\u{3000}開催。 \
                    word\u{2003}word\ttab\n\nend "
            .repeat(20);
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            for start in [0, 1, 2, 3, 7] {
                if start <= end && text.is_char_boundary(start) {
                    let t = &text[start..end];
                    assert_eq!(count(t), t.split_whitespace().count(), "{t:?}");
                }
            }
        }
    }
}
