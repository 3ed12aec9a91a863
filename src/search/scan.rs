//! Cutting a text into pieces for the index builder, 64 bytes at a time.
//!
//! ASCII characters other than letters and digits always end a word and
//! are in none (see [`super::fold`]), so they cut a text into pieces; a
//! piece of ASCII letters and digits alone (nearly every one in news text)
//! is one word, and any other piece is tokenized in full by
//! [`super::fold`]. Finding the pieces byte by byte cost more than all the
//! rest of indexing, so each block of 64 bytes is classified at once
//! (SSE2, in the manner of [`crate::blocks`] but with only the two masks
//! needed here) into a bitmask (bit `k` set when byte `k` can be part of a
//! word), and the pieces are read off the bitmask.

use std::ops::Range;

use crate::blocks::{self, BLOCK};

/// A piece of a text as [`for_each_piece`] gives it: a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    /// ASCII letters and digits: one word, to be lowercased.
    Ascii(Range<usize>),
    /// Letters, digits and other characters, to tokenize in full (with
    /// [`super::fold::for_each_token`]'s rules).
    Other(Range<usize>),
}

/// Calls `f` with each piece of `text`, in order: its runs of bytes
/// between ASCII separators. Their ranges are on character boundaries.
///
/// Each block's word starts and ends are read off its masks (a start is
/// a word byte after a separator, an end a separator after a word byte)
/// and paired in order; a word still running at the end of a block is
/// carried into the next, and ends there at the first end. Nearly every
/// block has no non-ASCII byte, and its pieces are then paired in a loop
/// of its own, which looks at no other mask. `f` is called from three
/// places: mark it `#[inline(always)]`, as the builder does (each place
/// is then a copy of it, and the loop over ASCII blocks keeps its state
/// in registers). (Keeping one call site instead, by pairing a carried
/// piece with a start made up at the block's first byte and taking the
/// `min` with its real one, cost about 4 more instructions a word.)
///
/// Always inlined, so that the builder's copy compiled for AVX2 has the
/// AVX2 classifying inlined too (it cannot be into code compiled without).
#[inline(always)]
pub(super) fn for_each_piece(text: &str, classify: impl Classify, mut f: impl FnMut(Piece)) {
    let bytes = text.as_bytes();
    // The piece running past the last block, if any: its start, and
    // whether it has non-ASCII bytes so far.
    let mut open: Option<(usize, bool)> = None;
    // Bit 0 set when the last byte of the previous block is a word byte.
    let mut carry = 0;
    // Up to the block after the last byte, where a word running to the
    // end of the text ends (empty when the text fills its last block).
    for base in (0..=bytes.len()).step_by(BLOCK) {
        let (word, high) = masks_from(bytes, base, classify);
        let after_word = word << 1 | carry;
        let mut starts = word & !after_word;
        let mut ends = !word & after_word;
        carry = word >> (BLOCK - 1);
        if let Some((start, had_high)) = open {
            if ends == 0 {
                // The whole block is in the piece.
                open = Some((start, had_high || high != 0));
                continue;
            }
            let end = ends.trailing_zeros();
            ends &= ends - 1;
            let high = had_high || high & below(end) != 0;
            f(piece(start, base + end as usize, high));
            open = None;
        }
        if high == 0 {
            while ends != 0 {
                let end = ends.trailing_zeros();
                ends &= ends - 1;
                let from = starts.trailing_zeros();
                starts &= starts - 1;
                f(Piece::Ascii(base + from as usize..base + end as usize));
            }
        } else {
            while ends != 0 {
                let end = ends.trailing_zeros();
                ends &= ends - 1;
                let from = starts.trailing_zeros();
                starts &= starts - 1;
                let high = (high & below(end)) >> from != 0;
                f(piece(base + from as usize, base + end as usize, high));
            }
        }
        if starts != 0 {
            let from = starts.trailing_zeros();
            open = Some((base + from as usize, high >> from != 0));
        }
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

/// [`masks`] of the block of `bytes` from `base` (up to 64 bytes; none
/// past the end). A last, short block of a text of 64 bytes or more is
/// classified as the text's last 64 bytes, the masks shifted down to
/// start at `base` (the missing bytes then come in as zero bits, i.e.
/// separators), which spares the copy into a padded block that shorter
/// texts take ([`blocks::padded`]).
#[inline(always)]
fn masks_from(bytes: &[u8], base: usize, classify: impl Classify) -> (u64, u64) {
    let len = bytes.len();
    if let Some(full) = bytes.get(base..base + BLOCK) {
        return classify.masks(full.try_into().unwrap_or(&[0; BLOCK]));
    }
    let rest = len - base;
    if rest == 0 {
        (0, 0)
    } else if len >= BLOCK {
        let last = bytes[len - BLOCK..].try_into().unwrap_or(&[0; BLOCK]);
        let (word, high) = classify.masks(last);
        // `rest` is below 64 here, and above 0.
        let shift = BLOCK - rest;
        (word >> shift, high >> shift)
    } else {
        classify.masks(&blocks::padded(bytes, 0))
    }
}

/// How a block of 64 bytes is classified into [`masks`]: by the SIMD
/// instructions every CPU of the target has ([`Baseline`]), or by wider
/// ones when this CPU has them ([`Avx2`]). The builder picks one per
/// document and has [`for_each_piece`] and the code around it compiled
/// for each (see [`super::IndexBuilder::add`]).
pub(super) trait Classify: Copy {
    fn masks(self, block: &[u8; BLOCK]) -> (u64, u64);
}

/// [`word_masks`]: SSE2 on x86_64, else a byte at a time.
#[derive(Debug, Clone, Copy)]
pub(super) struct Baseline;

impl Classify for Baseline {
    #[inline(always)]
    fn masks(self, block: &[u8; BLOCK]) -> (u64, u64) {
        word_masks(block)
    }
}

/// Half as many instructions a block as SSE2, 32 bytes at a time. Only
/// [`Avx2::detect`] makes one, when the CPU has AVX2: holding one is
/// the proof that [`Avx2::masks`] may run. (AVX-512 would classify a
/// block in one go, but valgrind, where the builder's instructions are
/// counted, runs no AVX-512: its path could not be measured.)
#[cfg(target_arch = "x86_64")]
#[derive(Debug, Clone, Copy)]
pub(super) struct Avx2(());

#[cfg(target_arch = "x86_64")]
impl Avx2 {
    /// An `Avx2` if this CPU has AVX2 (a cached check: cheap enough for
    /// every document).
    #[inline]
    pub(super) fn detect() -> Option<Avx2> {
        std::arch::is_x86_feature_detected!("avx2").then_some(Avx2(()))
    }
}

#[cfg(target_arch = "x86_64")]
impl Classify for Avx2 {
    #[inline(always)]
    fn masks(self, block: &[u8; BLOCK]) -> (u64, u64) {
        // SAFETY: an `Avx2` exists only where the CPU has AVX2 (see
        // `Avx2::detect`), the feature `avx2_word_masks` needs.
        unsafe { avx2_word_masks(block) }
    }
}

/// For a block of at most 64 bytes: which bytes can be part of a word
/// (ASCII letters and digits, and all non-ASCII bytes), and which are
/// non-ASCII, one bit per byte. Missing bytes count as separators.
#[cfg(test)]
fn masks(block: &[u8]) -> (u64, u64) {
    match <&[u8; BLOCK]>::try_from(block) {
        Ok(full) => word_masks(full),
        Err(_) => word_masks(&blocks::padded(block, 0)),
    }
}

/// [`masks`] of a whole block, by SSE2 where there is SSE2 (all x86_64
/// CPUs): the word bytes need two range checks, letters (either case,
/// once the case bit is set) and digits, where [`blocks::classify`] would
/// tell capitals, small letters and digits apart for nothing.
#[cfg(target_arch = "x86_64")]
#[inline]
fn word_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 CPU has it,
    // so the target feature `sse2_word_masks` asks for is always present.
    unsafe { sse2_word_masks(block) }
}

/// [`masks`] of a whole block.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn word_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    portable_word_masks(block)
}

/// [`word_masks`] a byte at a time: the reference the SSE2 version is
/// tested against, and the version on other targets.
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
fn portable_word_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    let (mut word, mut high) = (0, 0);
    for (k, &b) in block.iter().enumerate() {
        word |= u64::from(b.is_ascii_alphanumeric() || b >= 0x80) << k;
        high |= u64::from(b >= 0x80) << k;
    }
    (word, high)
}

/// Sixteen bytes at a time. A range check is an add that moves the range
/// to the bottom of the signed bytes and one signed compare; non-ASCII
/// bytes are told by their sign bit alone.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
fn sse2_word_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::x86_64::{
        _mm_add_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8,
    };
    let (mut word, mut high) = (0, 0);
    for (k, lane) in block.chunks_exact(16).enumerate() {
        let lo = u64::from_le_bytes(lane[..8].try_into().unwrap_or_default());
        let hi = u64::from_le_bytes(lane[8..].try_into().unwrap_or_default());
        let x = _mm_set_epi64x(hi as i64, lo as i64);
        let folded = _mm_or_si128(x, _mm_set1_epi8(0x20));
        let letter = _mm_cmplt_epi8(
            _mm_add_epi8(folded, _mm_set1_epi8(shift(b'a'))),
            _mm_set1_epi8(limit(26)),
        );
        let digit = _mm_cmplt_epi8(
            _mm_add_epi8(x, _mm_set1_epi8(shift(b'0'))),
            _mm_set1_epi8(limit(10)),
        );
        let in_word = _mm_or_si128(_mm_or_si128(letter, digit), x);
        let shift = 16 * k;
        word |= u64::from(_mm_movemask_epi8(in_word) as u16) << shift;
        high |= u64::from(_mm_movemask_epi8(x) as u16) << shift;
    }
    (word, high)
}

/// [`sse2_word_masks`] 32 bytes at a time.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn avx2_word_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8,
    };
    let half = |k: usize| {
        // SAFETY: bytes `32 k..32 k + 32` of the 64-byte block (`k` is 0
        // or 1); an unaligned load has no other requirement.
        let x = unsafe { _mm256_loadu_si256(block.as_ptr().add(32 * k).cast::<__m256i>()) };
        let folded = _mm256_or_si256(x, _mm256_set1_epi8(0x20));
        let letter = _mm256_cmpgt_epi8(
            _mm256_set1_epi8(limit(26)),
            _mm256_add_epi8(folded, _mm256_set1_epi8(shift(b'a'))),
        );
        let digit = _mm256_cmpgt_epi8(
            _mm256_set1_epi8(limit(10)),
            _mm256_add_epi8(x, _mm256_set1_epi8(shift(b'0'))),
        );
        let in_word = _mm256_or_si256(_mm256_or_si256(letter, digit), x);
        let word = u64::from(_mm256_movemask_epi8(in_word) as u32);
        let high = u64::from(_mm256_movemask_epi8(x) as u32);
        (word, high)
    };
    let (word_lo, high_lo) = half(0);
    let (word_hi, high_hi) = half(1);
    (word_lo | word_hi << 32, high_lo | high_hi << 32)
}

/// Moves `lo..lo + len` to the lowest signed bytes, `-128..-128 + len`:
/// a range check is then an add and one signed compare.
#[cfg(target_arch = "x86_64")]
const fn shift(lo: u8) -> i8 {
    0x80u8.wrapping_sub(lo) as i8
}

/// The signed byte just above the range [`shift`] moved `len` values to.
#[cfg(target_arch = "x86_64")]
const fn limit(len: u8) -> i8 {
    0x80u8.wrapping_add(len) as i8
}

/// The bits below bit `n` (`n` below 64).
#[inline]
fn below(n: u32) -> u64 {
    debug_assert!(n < 64);
    (1 << n) - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::for_each_token;

    /// The words of the pieces, lowercased or tokenized (the same with
    /// every classifier this CPU can run).
    fn words(text: &str) -> Vec<String> {
        let out = words_by(text, Baseline);
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = Avx2::detect() {
            assert_eq!(words_by(text, avx2), out, "{text:?}");
        }
        out
    }

    fn words_by(text: &str, classify: impl Classify) -> Vec<String> {
        let mut out = Vec::new();
        for_each_piece(text, classify, |piece| match piece {
            Piece::Ascii(r) => out.push(text[r].to_ascii_lowercase()),
            Piece::Other(r) => for_each_token(&text[r], |w, _| out.push(w.to_owned())),
        });
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
    fn sse2_masks_agree_with_the_bytes_at_every_position() {
        // Over the 256 starts, each position sees each byte value once (3
        // is odd, so `start + 3 k` runs through all of them).
        for start in 0..=255u8 {
            let mut block = [0u8; BLOCK];
            for (k, b) in block.iter_mut().enumerate() {
                *b = start.wrapping_add(k as u8 * 3);
            }
            assert_eq!(word_masks(&block), portable_word_masks(&block), "{start}");
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_masks_agree_with_the_bytes_at_every_position() {
        let Some(avx2) = Avx2::detect() else {
            eprintln!("no AVX2 here: only the baseline is tested");
            return;
        };
        for start in 0..=255u8 {
            let mut block = [0u8; BLOCK];
            for (k, b) in block.iter_mut().enumerate() {
                *b = start.wrapping_add(k as u8 * 3);
            }
            assert_eq!(avx2.masks(&block), portable_word_masks(&block), "{start}");
        }
        let mut pieces = Vec::new();
        for_each_piece("Hi, Zoë! ".repeat(9).as_str(), avx2, |p| pieces.push(p));
        assert_eq!(pieces.len(), 18);
        assert_eq!(pieces[16..], [Piece::Ascii(80..82), Piece::Other(84..88)]);
    }

    #[test]
    fn short_last_blocks_are_classified_like_padded_ones() {
        // Every length up to three blocks, every block start, with word
        // bytes, separators and non-ASCII bytes at every distance from
        // the end.
        let pattern = "ab1 Zé,x 東-Q9 ".repeat(20);
        for len in 0..=3 * BLOCK {
            let bytes = &pattern.as_bytes()[pattern.len() - len..];
            for base in (0..=len).step_by(BLOCK) {
                let want = masks(&bytes[base..len.min(base + BLOCK)]);
                assert_eq!(masks_from(bytes, base, Baseline), want, "{len} {base}");
            }
        }
    }

    #[test]
    fn words_across_block_ends_and_at_the_text_end() {
        let long = "x".repeat(150);
        let text = format!("{} ab{long}cd Zürich {long} e", "a ".repeat(31));
        assert_eq!(words(&text), tokens(&text));
        assert_eq!(words("Hello, World"), ["hello", "world"]);
        assert_eq!(words("Café au lait"), ["cafe", "au", "lait"]);
        let mut pieces = Vec::new();
        for_each_piece("Hi, Zoë!", Baseline, |p| pieces.push(p));
        assert_eq!(pieces, [Piece::Ascii(0..2), Piece::Other(4..8)]);
        assert!(words("").is_empty() && words(" .,; ").is_empty());
        // Texts filling their last block, ending in a word or not.
        for len in [63, 64, 65, 127, 128, 129] {
            let text = format!("{}{}", "ab ".repeat(len / 3), &"xyz"[..len % 3]);
            assert_eq!(text.len(), len);
            assert_eq!(words(&text), tokens(&text), "{len}");
            let text = format!("é{}", "q".repeat(len - 2));
            assert_eq!(words(&text), tokens(&text), "{len}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_equal_the_tokens(
            text in "([a-zA-Z0-9 .,'’-]|[éÉüßÆœ東京カ😀]|\u{301}){0,200}"
        ) {
            proptest::prop_assert_eq!(words(&text), tokens(&text));
        }

        #[test]
        fn long_words_across_blocks_equal_the_tokens(
            text in "([a-zA-Z0-9]{0,150}([ .]|é|東){1,3}){0,6}[a-z]{0,70}"
        ) {
            proptest::prop_assert_eq!(words(&text), tokens(&text));
        }
    }
}
