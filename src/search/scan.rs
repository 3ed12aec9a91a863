//! Cutting a text into pieces for the index builder, 64 bytes at a time.
//!
//! ASCII characters other than letters and digits always end a word and
//! are in none (see [`super::fold`]), so they cut a text into pieces; a
//! piece of ASCII letters and digits alone (nearly every one in news text)
//! is one word, and any other piece is tokenized in full by
//! [`super::fold`]. Finding the pieces byte by byte cost more than all the
//! rest of indexing, so each block of 64 bytes is classified at once
//! ([`crate::blocks`]) into a bitmask (bit `k` set when byte `k` can be
//! part of a word), and the pieces are read off the bitmask.

use std::ops::Range;

use crate::blocks::{self, BLOCK};

/// A piece of a text as [`Pieces`] gives it: a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    /// ASCII letters and digits: one word, to be lowercased.
    Ascii(Range<usize>),
    /// Letters, digits and other characters, to tokenize in full (with
    /// [`super::fold::for_each_token`]'s rules).
    Other(Range<usize>),
}

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
    let c = match <&[u8; BLOCK]>::try_from(block) {
        Ok(full) => blocks::classify(full),
        Err(_) => blocks::classify(&blocks::padded(block, 0)),
    };
    (c.alnum() | c.high, c.high)
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
        let mut block = [0u8; BLOCK];
        for start in (0..=255u8).step_by(BLOCK) {
            block.iter_mut().zip(start..=255).for_each(|(b, v)| *b = v);
            let (word, high) = masks(&block);
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
