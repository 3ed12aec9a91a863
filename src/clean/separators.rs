//! Word ends in ASCII text found eight bytes at a time: the phrase lists
//! split short lines into words, and a byte-by-byte look at every letter was
//! most of their cost, while a word is seldom longer than eight bytes.

/// Each byte of a `u64` set to 1.
const ONES: u64 = u64::from_ne_bytes([1; 8]);
/// Each byte's high bit.
const HIGH: u64 = ONES << 7;

/// A mask whose lowest set bit marks the first byte of the eight (read
/// little-endian, ASCII only) that is below b'!' or is a colon. Higher bits
/// may be set spuriously after a true one, so only the lowest is meaningful.
fn candidates(x: u64) -> u64 {
    let below_bang = x.wrapping_sub(ONES * 0x21) & !x & HIGH;
    let y = x ^ (ONES * u64::from(b':'));
    let colon = y.wrapping_sub(ONES) & !y & HIGH;
    below_bang | colon
}

/// The position of the first byte at or after `i` in the ASCII bytes `b`
/// for which `is_sep` holds, or `b.len()`. `is_sep` must hold only for
/// bytes below b'!' and the colon: those are what the eight-byte test finds
/// (the other control bytes it finds are passed over).
pub fn next_separator(b: &[u8], mut i: usize, is_sep: impl Fn(u8) -> bool) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let m = candidates(x);
        if m == 0 {
            i += 8;
            continue;
        }
        let j = i + (m.trailing_zeros() / 8) as usize;
        if is_sep(b[j]) {
            return j;
        }
        i = j + 1;
    }
    while i < b.len() && !is_sep(b[i]) {
        i += 1;
    }
    i
}

/// True for the ASCII bytes `char::is_whitespace` holds for.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// The words of an ASCII `text`, as `str::split_whitespace` gives them,
/// word ends found eight bytes at a time.
pub fn ascii_split_whitespace(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && is_ascii_space(b[i]) {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let from = i;
        i = next_separator(b, i, is_ascii_space);
        Some(&text[from..i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_sep(c: u8) -> bool {
        c.is_ascii_whitespace() || c == 0x0b || c == b':'
    }

    fn reference(b: &[u8], i: usize) -> usize {
        (i..b.len()).find(|&j| is_sep(b[j])).unwrap_or(b.len())
    }

    proptest::proptest! {
        #[test]
        fn finds_the_first_separator_as_a_byte_look_does(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![0u8..0x80, proptest::sample::select(vec![b' ', b':', b'\t', 0x0b, 0x01, b'!', b'a'])],
                0..40,
            ),
            from in 0usize..40,
        ) {
            let from = from.min(bytes.len());
            proptest::prop_assert_eq!(next_separator(&bytes, from, is_sep), reference(&bytes, from));
        }
    }

    #[test]
    fn every_separator_kind_is_found() {
        for sep in [b' ', b'\t', b'\n', 0x0b, 0x0c, b'\r', b':'] {
            for at in 0..20 {
                let mut b = vec![b'x'; 20];
                b[at] = sep;
                assert_eq!(next_separator(&b, 0, is_sep), at);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_are_split_whitespace_words(text in "[a-z0-9 \t\n\x0b\x0c\r:.,]{0,60}") {
            let fast: Vec<&str> = ascii_split_whitespace(&text).collect();
            let slow: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }
}
