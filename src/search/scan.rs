//! Cutting a text into pieces for the index builder, 64 bytes at a time.
//!
//! ASCII characters other than letters and digits always end a word and
//! are in none (see [`super::fold`]), so they cut a text into pieces; a
//! piece of ASCII letters and digits alone (nearly every one in news text)
//! is one word, and any other piece is tokenized in full by
//! [`super::fold`]. Finding the pieces byte by byte cost more than all the
//! rest of indexing, so each block of 64 bytes is classified with integer
//! arithmetic on 8 bytes at once into a bitmask (bit `k` set when byte `k`
//! can be part of a word), and the pieces are read off the bitmask.

use std::ops::Range;

/// A piece of a text as [`Pieces`] gives it: a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    /// ASCII letters and digits: one word, to be lowercased.
    Ascii(Range<usize>),
    /// Letters, digits and other characters, to tokenize in full (with
    /// [`super::fold::for_each_token`]'s rules).
    Other(Range<usize>),
}

const BLOCK: usize = 64;
#[cfg(any(test, not(target_arch = "x86_64")))]
const ONES: u64 = 0x0101_0101_0101_0101;
#[cfg(any(test, not(target_arch = "x86_64")))]
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The pieces of a text, in order: its runs of bytes between ASCII
/// separators. Their ranges are on character boundaries.
pub(super) struct Pieces<'a> {
    bytes: &'a [u8],
    /// Where the current block starts.
    base: usize,
    /// The current block's masks (see [`masks`]).
    word: u64,
    high: u64,
    /// The word bits of the current block not yet given out.
    rest: u64,
    /// A piece running past the current block: its start, and whether it
    /// has non-ASCII bytes so far.
    open: Option<(usize, bool)>,
}

impl<'a> Pieces<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let (word, high) = masks(&bytes[..bytes.len().min(BLOCK)]);
        Pieces {
            bytes,
            base: 0,
            word,
            high,
            rest: word,
            open: None,
        }
    }

    /// The piece `start..end`, which has non-ASCII bytes if `high`.
    #[inline]
    fn piece(start: usize, end: usize, high: bool) -> Piece {
        if high {
            Piece::Other(start..end)
        } else {
            Piece::Ascii(start..end)
        }
    }

    /// Moves to the next block; false at the end of the text.
    #[inline]
    fn next_block(&mut self) -> bool {
        self.base += BLOCK;
        if self.base >= self.bytes.len() {
            return false;
        }
        let end = self.bytes.len().min(self.base + BLOCK);
        (self.word, self.high) = masks(&self.bytes[self.base..end]);
        self.rest = self.word;
        true
    }
}

impl Iterator for Pieces<'_> {
    type Item = Piece;

    #[inline]
    fn next(&mut self) -> Option<Piece> {
        loop {
            if self.rest != 0 {
                let start = self.rest.trailing_zeros() as usize;
                let after = !self.word & from(start);
                if after != 0 {
                    let end = after.trailing_zeros() as usize;
                    self.rest = self.word & from(end);
                    let high = self.high != 0 && self.high & from(start) & !from(end) != 0;
                    let (start, end) = (self.base + start, self.base + end);
                    return Some(Self::piece(start, end, high));
                }
                self.open = Some((self.base + start, self.high & from(start) != 0));
                self.rest = 0;
            }
            if !self.next_block() {
                let (start, high) = self.open.take()?;
                return Some(Self::piece(start, self.bytes.len(), high));
            }
            if let Some((start, had_high)) = self.open {
                let run = (!self.word).trailing_zeros() as usize;
                if run == BLOCK {
                    self.open = Some((start, had_high || self.high != 0));
                    self.rest = 0;
                    continue;
                }
                self.open = None;
                self.rest = self.word & from(run);
                let high = had_high || self.high & !from(run) != 0;
                return Some(Self::piece(start, self.base + run, high));
            }
        }
    }
}

/// For a block of at most 64 bytes: which bytes can be part of a word
/// (ASCII letters and digits, and all non-ASCII bytes), and which are
/// non-ASCII, one bit per byte. Missing bytes count as separators.
#[inline]
fn masks(block: &[u8]) -> (u64, u64) {
    if let Ok(full) = <&[u8; BLOCK]>::try_from(block) {
        return full_masks(full);
    }
    let mut padded = [0; BLOCK];
    padded[..block.len()].copy_from_slice(block);
    full_masks(&padded)
}

/// [`masks`] of a whole block.
#[cfg(target_arch = "x86_64")]
#[inline]
fn full_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 CPU has it.
    unsafe { sse2_masks(block) }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn full_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    swar_masks(block)
}

/// [`masks`] of a whole block with SSE2, 16 bytes per instruction: a
/// third of the instructions of [`swar_masks`].
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn sse2_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::x86_64::{_mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8};
    let mut word = 0;
    let mut high = 0;
    for (k, lane) in block.chunks_exact(16).enumerate() {
        let lo = u64::from_le_bytes(lane[..8].try_into().unwrap_or_default());
        let hi = u64::from_le_bytes(lane[8..].try_into().unwrap_or_default());
        let v = _mm_set_epi64x(hi as i64, lo as i64);
        let digit = sse2_between(v, b'0', b'9');
        // Setting 0x20 maps capitals onto small letters and nothing else
        // onto them.
        let letter = sse2_between(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
        let h = u64::from(_mm_movemask_epi8(v) as u16);
        let w = u64::from(_mm_movemask_epi8(_mm_or_si128(digit, letter)) as u16);
        word |= (w | h) << (16 * k);
        high |= h << (16 * k);
    }
    (word, high)
}

/// Each byte of `v`: all ones when it is from `lo` to `hi` (ASCII), else
/// zero. The compares are signed, so non-ASCII bytes are in no range.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn sse2_between(v: std::arch::x86_64::__m128i, lo: u8, hi: u8) -> std::arch::x86_64::__m128i {
    use std::arch::x86_64::{_mm_and_si128, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_set1_epi8};
    let above = _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1));
    let below = _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1));
    _mm_and_si128(above, below)
}

/// [`masks`] of a whole block with integer arithmetic, 8 bytes at a time.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn swar_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    let mut word = 0;
    let mut high = 0;
    for (k, lane) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(lane.try_into().unwrap_or_default());
        word |= pack(word_bytes(x)) << (8 * k);
        high |= pack(x & HIGH) << (8 * k);
    }
    (word, high)
}

/// The top bit of each byte of `x` set when that byte can be part of a
/// word: an ASCII letter or digit, or any non-ASCII byte. Each test adds
/// a constant to every 7-bit byte at once; no sum carries into the next
/// byte.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn word_bytes(x: u64) -> u64 {
    let low = x & !HIGH;
    // Setting 0x20 maps capitals onto small letters and nothing else onto
    // them.
    let letter = low | (0x20 * ONES);
    let is_letter =
        (letter + (0x80 - u64::from(b'a')) * ONES) & !(letter + (0x7f - u64::from(b'z')) * ONES);
    let is_digit =
        (low + (0x80 - u64::from(b'0')) * ONES) & !(low + (0x7f - u64::from(b'9')) * ONES);
    (is_letter | is_digit | x) & HIGH
}

/// The top bits of the bytes of `x` (all other bits clear) as 8 bits, bit
/// `k` from byte `k`: the multiply moves each to its place in the top byte.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn pack(x: u64) -> u64 {
    ((x >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The bits from bit `n` up (`n` below 64).
#[inline]
fn from(n: usize) -> u64 {
    debug_assert!(n < 64);
    u64::MAX << n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::for_each_token;

    /// The words of the pieces, lowercased or tokenized.
    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for piece in Pieces::new(text) {
            match piece {
                Piece::Ascii(r) => out.push(text[r].to_ascii_lowercase()),
                Piece::Other(r) => for_each_token(&text[r], |w, _| out.push(w.to_owned())),
            }
        }
        out
    }

    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(text, |w, _| out.push(w.to_owned()));
        out
    }

    #[test]
    fn every_byte_is_classified_like_the_tokenizer_does() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b, b'a', b' ', b, 0, 0x80, b, b'Z']);
            let want = [b, b'a', b' ', b, 0, 0x80, b, b'Z']
                .map(|c| c.is_ascii_alphanumeric() || c >= 0x80)
                .iter()
                .enumerate()
                .fold(0, |m, (k, &w)| m | u64::from(w) << k);
            assert_eq!(pack(word_bytes(x)), want, "{b:#x}");
        }
    }

    #[test]
    fn both_ways_of_classifying_a_block_agree() {
        let mut block = [0u8; BLOCK];
        for start in (0..=255u8).step_by(BLOCK) {
            block.iter_mut().zip(start..=255).for_each(|(b, v)| *b = v);
            let (word, high) = full_masks(&block);
            assert_eq!((word, high), swar_masks(&block), "from {start}");
            for (k, &b) in block.iter().enumerate() {
                let want = b.is_ascii_alphanumeric() || b >= 0x80;
                assert_eq!(word >> k & 1 == 1, want, "{b:#x}");
                assert_eq!(high >> k & 1 == 1, b >= 0x80, "{b:#x}");
            }
        }
        assert_eq!(masks(b"ab c"), (0b1011, 0));
    }

    #[test]
    fn words_across_block_ends_and_at_the_text_end() {
        let long = "x".repeat(150);
        let text = format!("{} ab{long}cd Zürich {long} e", "a ".repeat(31));
        assert_eq!(words(&text), tokens(&text));
        assert_eq!(words("Hello, World"), ["hello", "world"]);
        assert_eq!(words("Café au lait"), ["cafe", "au", "lait"]);
        let pieces: Vec<Piece> = Pieces::new("Hi, Zoë!").collect();
        assert_eq!(pieces, [Piece::Ascii(0..2), Piece::Other(4..8)]);
        assert!(words("").is_empty() && words(" .,; ").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn words_equal_the_tokens(
            text in "([a-zA-Z0-9 .,'’-]|[éÉüßÆœ東京カ😀]|\u{301}){0,200}"
        ) {
            proptest::prop_assert_eq!(words(&text), tokens(&text));
        }
    }
}
