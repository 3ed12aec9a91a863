//! Classifying a block of 64 bytes into byte classes, one bit per byte.
//!
//! The cleaner and the index builder read texts 64 bytes at a time: each
//! block becomes a few `u64` masks (bit `i` for byte `i`), and counts, word
//! starts and word ends come out of operations on whole masks instead of a
//! branch per byte. This is the one place that turns bytes into masks.

/// Bytes per block: one bit per byte in a `u64`.
pub const BLOCK: usize = 64;

/// The classes of the bytes of one block, one bit per byte. A byte is in at
/// most one of `upper`, `lower`, `digit` and `space`; non-ASCII bytes (in
/// `high`) are in none of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes {
    /// `A`..=`Z`.
    pub upper: u64,
    /// `a`..=`z`.
    pub lower: u64,
    /// `0`..=`9`.
    pub digit: u64,
    /// `' '` and `\t`..=`\r`, the ASCII whitespace of `char::is_whitespace`.
    pub space: u64,
    /// Bytes from 0x80 up: the bytes of non-ASCII characters.
    pub high: u64,
}

impl Classes {
    /// ASCII letters and digits.
    #[inline]
    pub fn alnum(&self) -> u64 {
        self.upper | self.lower | self.digit
    }
}

/// The first bytes of `rest` (at most `BLOCK`) as a whole block, the
/// missing bytes set to `fill`: the last, short block of a text. Copied
/// by a few fixed-size copies (overlapping when the length is not a power
/// of two) rather than one of a length known only then, which is a
/// `memcpy` call: texts end in a short block nearly always, and that call
/// was a few percent of all indexing.
#[inline]
pub fn padded(rest: &[u8], fill: u8) -> [u8; BLOCK] {
    let mut block = [fill; BLOCK];
    let n = rest.len().min(BLOCK);
    let mut copy = |size: usize| {
        block[..size].copy_from_slice(&rest[..size]);
        block[n - size..n].copy_from_slice(&rest[n - size..n]);
    };
    if n >= 32 {
        copy(32);
    } else if n >= 16 {
        copy(16);
    } else if n >= 8 {
        copy(8);
    } else if n >= 4 {
        copy(4);
    } else if n >= 2 {
        copy(2);
    } else if n == 1 {
        block[0] = rest[0];
    }
    block
}

/// The classes of the bytes of `block`, by SSE2 where there is SSE2.
#[cfg(target_arch = "x86_64")]
#[inline]
pub fn classify(block: &[u8; BLOCK]) -> Classes {
    // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 CPU has it,
    // so the target feature `sse2::classify` asks for is always present.
    unsafe { sse2::classify(block) }
}

/// The classes of the bytes of `block`.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
pub fn classify(block: &[u8; BLOCK]) -> Classes {
    portable(block)
}

/// The classes of the bytes of `block`, a byte at a time: the reference the
/// SSE2 version is tested against, and the version on other targets.
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
fn portable(block: &[u8; BLOCK]) -> Classes {
    let mut m = Classes::default();
    for (i, &b) in block.iter().enumerate() {
        let bit = 1u64 << i;
        match b {
            b'A'..=b'Z' => m.upper |= bit,
            b'a'..=b'z' => m.lower |= bit,
            b'0'..=b'9' => m.digit |= bit,
            b' ' | 9..=13 => m.space |= bit,
            0x80.. => m.high |= bit,
            _ => {}
        }
    }
    m
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8,
    };

    use super::{BLOCK, Classes};

    /// Sixteen bytes at a time: each class a comparison or two and one
    /// `movemask`. Bytes are compared as signed, so non-ASCII bytes (the
    /// negative ones) fall in no ASCII range. Callers that use only some
    /// masks get only their instructions once this is inlined.
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(super) fn classify(block: &[u8; BLOCK]) -> Classes {
        let mut m = Classes::default();
        for (k, lane) in block.chunks_exact(16).enumerate() {
            let lo = u64::from_le_bytes(lane[..8].try_into().unwrap_or_default());
            let hi = u64::from_le_bytes(lane[8..].try_into().unwrap_or_default());
            let x = _mm_set_epi64x(hi as i64, lo as i64);
            let shift = 16 * k as u32;
            m.upper |= bits(within(x, b'A', b'Z'), shift);
            m.lower |= bits(within(x, b'a', b'z'), shift);
            m.digit |= bits(within(x, b'0', b'9'), shift);
            let blank = _mm_cmpeq_epi8(x, _mm_set1_epi8(b' ' as i8));
            m.space |= bits(_mm_or_si128(blank, within(x, 9, 13)), shift);
            m.high |= bits(x, shift);
        }
        m
    }

    /// Bytes of `x` in `lo..=hi` (both below 0x7F).
    #[target_feature(enable = "sse2")]
    #[inline]
    fn within(x: __m128i, lo: u8, hi: u8) -> __m128i {
        let above = _mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1));
        let below = _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1));
        _mm_and_si128(above, below)
    }

    /// The top bits of the bytes of `v` as sixteen bits, moved up by `shift`.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn bits(v: __m128i, shift: u32) -> u64 {
        u64::from(_mm_movemask_epi8(v) as u16) << shift
    }
}

/// Thirty-two bytes at a time, by AVX2, for callers that checked the CPU
/// has it (the cleaner's ASCII scan, on the path every line of prose
/// takes): half the compares and moves of the SSE2 version. Tests hold the
/// two to the same masks.
#[cfg(target_arch = "x86_64")]
pub mod avx2 {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set_epi64x, _mm256_set1_epi8,
    };

    use super::{BLOCK, Classes};

    /// `blocks::classify`, thirty-two bytes at a time. Bytes are compared as
    /// signed, so non-ASCII bytes (the negative ones) fall in no ASCII range.
    ///
    /// # Safety
    /// The CPU must have AVX2 (`is_x86_feature_detected!("avx2")`).
    #[target_feature(enable = "avx2")]
    #[inline]
    pub fn classify(block: &[u8; BLOCK]) -> Classes {
        let mut m = Classes::default();
        for (k, half) in block.chunks_exact(32).enumerate() {
            let word = |i: usize| {
                i64::from_le_bytes(half[8 * i..8 * i + 8].try_into().unwrap_or_default())
            };
            let x = _mm256_set_epi64x(word(3), word(2), word(1), word(0));
            let shift = 32 * k as u32;
            m.upper |= bits(within(x, b'A', b'Z'), shift);
            m.lower |= bits(within(x, b'a', b'z'), shift);
            m.digit |= bits(within(x, b'0', b'9'), shift);
            let blank = _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b' ' as i8));
            m.space |= bits(_mm256_or_si256(blank, within(x, 9, 13)), shift);
            m.high |= bits(x, shift);
        }
        m
    }

    /// Bytes of `x` in `lo..=hi` (both below 0x7F).
    #[target_feature(enable = "avx2")]
    #[inline]
    fn within(x: __m256i, lo: u8, hi: u8) -> __m256i {
        let above = _mm256_cmpgt_epi8(x, _mm256_set1_epi8(lo as i8 - 1));
        let below = _mm256_cmpgt_epi8(_mm256_set1_epi8(hi as i8 + 1), x);
        _mm256_and_si256(above, below)
    }

    /// The top bits of the bytes of `v` as thirty-two bits, moved up by `shift`.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn bits(v: __m256i, shift: u32) -> u64 {
        u64::from(_mm256_movemask_epi8(v) as u32) << shift
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn agrees_with_the_blocks_for_every_byte_at_every_position() {
            if !std::arch::is_x86_feature_detected!("avx2") {
                return;
            }
            // Over the 256 starts, each position sees each byte value once.
            for start in 0..=255u8 {
                let mut block = [0u8; BLOCK];
                for (i, b) in block.iter_mut().enumerate() {
                    *b = start.wrapping_add(i as u8 * 3);
                }
                // SAFETY: the CPU has AVX2, checked above.
                let wide = unsafe { classify(&block) };
                assert_eq!(wide, super::super::classify(&block), "{start}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_blocks_hold_the_bytes_then_the_fill_at_every_length() {
        let text: Vec<u8> = (1..=80).collect();
        for len in 0..=text.len() {
            let block = padded(&text[..len], 0xEE);
            let n = len.min(BLOCK);
            assert_eq!(&block[..n], &text[..n], "{len}");
            assert!(block[n..].iter().all(|&b| b == 0xEE), "{len}");
        }
    }

    #[test]
    fn classify_agrees_with_the_bytes_for_every_byte_at_every_position() {
        // Over the 256 starts, each position sees each byte value once (3
        // is odd, so `start + 3 i` runs through all of them).
        for start in 0..=255u8 {
            let mut block = [0u8; BLOCK];
            for (i, b) in block.iter_mut().enumerate() {
                *b = start.wrapping_add(i as u8 * 3);
            }
            assert_eq!(classify(&block), portable(&block), "{start}");
        }
    }

    #[test]
    fn classes_are_disjoint_and_alnum_is_ascii() {
        let block = padded("Aa0 \té-!".as_bytes(), 0);
        let m = classify(&block);
        assert_eq!(m.upper, 0b1);
        assert_eq!(m.lower, 0b10);
        assert_eq!(m.digit, 0b100);
        assert_eq!(m.space, 0b11000);
        assert_eq!(m.high, 0b110_0000);
        assert_eq!(m.alnum(), 0b111);
    }

    #[test]
    fn padded_fills_the_missing_bytes() {
        let block = padded(b"ab", b' ');
        assert_eq!(&block[..3], b"ab ");
        assert_eq!(classify(&block).space, !0b11);
    }
}
