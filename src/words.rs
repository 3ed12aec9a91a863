//! Counting words fast (an article's reading time, every article as it
//! is loaded, and 10 MB in a frame): `str::split_whitespace` decodes every
//! character, this counts word starts a byte at a time in a loop the
//! compiler vectorizes, and gives the same count.

/// `text.split_whitespace().count()`.
pub fn count(text: &str) -> usize {
    // Between whitespace characters beyond ASCII (rare), only ASCII
    // whitespace separates words.
    let mut words = 0;
    let mut from = 0;
    for (at, len) in wide_spaces(text) {
        words += ascii_words(&text.as_bytes()[from..at]);
        from = at + len;
    }
    words + ascii_words(&text.as_bytes()[from..])
}

/// Where the non-ASCII whitespace characters are, with their lengths.
fn wide_spaces(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    // Their first bytes: U+0085 and U+00A0 start with C2, U+1680 with E1,
    // U+2000..U+205F with E2, U+3000 with E3.
    memchr::memchr3_iter(0xc2, 0xe2, 0xe3, bytes)
        .chain(memchr::memchr_iter(0xe1, bytes))
        .filter_map(move |at| {
            let c = text[at..].chars().next()?;
            c.is_whitespace().then_some((at, c.len_utf8()))
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
}

/// Words in `bytes` where only ASCII whitespace separates them: the
/// bytes that are not whitespace after one that is (or at the start).
fn ascii_words(bytes: &[u8]) -> usize {
    fn space(b: u8) -> u8 {
        u8::from((b == b' ') | (b.wrapping_sub(b'\t') < 5))
    }
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let mut words = usize::from(1 - space(first));
    // Summed in a byte per 255 bytes, which the compiler vectorizes well.
    for (before, after) in bytes.chunks(255).zip(bytes[1..].chunks(255)) {
        let mut starts = 0u8;
        for (&b, &a) in before.iter().zip(after) {
            starts += space(b) & (space(a) ^ 1);
        }
        words += usize::from(starts);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::count;

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
}
