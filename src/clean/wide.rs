//! The byte classes of a block (see `crate::blocks::classify`) by AVX2's
//! 32-byte compares, for the ASCII scan on CPUs that have them: half the
//! compares and moves of the 16-byte version, on the path every line of
//! prose takes. Tests hold the two to the same masks.

use std::arch::x86_64::{
    __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_movemask_epi8,
    _mm256_or_si256, _mm256_set_epi64x, _mm256_set1_epi8,
};

use crate::blocks::{BLOCK, Classes};

/// `blocks::classify`, thirty-two bytes at a time. Bytes are compared as
/// signed, so non-ASCII bytes (the negative ones) fall in no ASCII range.
#[target_feature(enable = "avx2")]
#[inline]
pub fn classify(block: &[u8; BLOCK]) -> Classes {
    let mut m = Classes::default();
    for (k, half) in block.chunks_exact(32).enumerate() {
        let word =
            |i: usize| i64::from_le_bytes(half[8 * i..8 * i + 8].try_into().unwrap_or_default());
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
    use crate::blocks;

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
            assert_eq!(wide, blocks::classify(&block), "{start}");
        }
    }
}
