//! Which bytes of a block of 64 are among a few given values, as a mask (bit
//! `i` for byte `i`): newlines for splitting a text into lines, and the
//! punctuation some line checks look for (see `ascii::Counts::rare`).
//! A comparison per value and sixteen or thirty-two bytes, where a search
//! per line and value (`memchr`) cost some hundred instructions a call
//! however short the line.

use crate::blocks::BLOCK;

/// The bytes of `block` equal to one of `set`.
#[inline(always)]
pub fn mask<const N: usize>(block: &[u8; BLOCK], set: [u8; N]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 CPU
        // has it, so the target feature `sse2` asks for is always present.
        unsafe { sse2(block, set) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    portable(block, set)
}

/// `mask`, a byte at a time: the reference the vector versions are tested
/// against, and the version on other targets.
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
pub fn portable<const N: usize>(block: &[u8; BLOCK], set: [u8; N]) -> u64 {
    block
        .iter()
        .enumerate()
        .fold(0, |m, (i, b)| m | u64::from(set.contains(b)) << i)
}

/// `mask` by SSE2: sixteen bytes a comparison per value.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
fn sse2<const N: usize>(block: &[u8; BLOCK], set: [u8; N]) -> u64 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8,
        _mm_setzero_si128,
    };
    let mut m = 0;
    for (k, lane) in block.chunks_exact(16).enumerate() {
        let lo = u64::from_le_bytes(lane[..8].try_into().unwrap_or_default());
        let hi = u64::from_le_bytes(lane[8..].try_into().unwrap_or_default());
        let x = _mm_set_epi64x(hi as i64, lo as i64);
        let mut hit = _mm_setzero_si128();
        for &b in &set {
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8(b as i8)));
        }
        m |= u64::from(_mm_movemask_epi8(hit) as u16) << (16 * k);
    }
    m
}

/// `mask` by AVX2: thirty-two bytes a comparison per value.
///
/// # Safety
/// The CPU must have AVX2 (`is_x86_feature_detected!("avx2")`).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
pub fn avx2<const N: usize>(block: &[u8; BLOCK], set: [u8; N]) -> u64 {
    use std::arch::x86_64::{
        _mm256_cmpeq_epi8, _mm256_movemask_epi8, _mm256_or_si256, _mm256_set_epi64x,
        _mm256_set1_epi8, _mm256_setzero_si256,
    };
    let mut m = 0;
    for (k, half) in block.chunks_exact(32).enumerate() {
        let word =
            |i: usize| i64::from_le_bytes(half[8 * i..8 * i + 8].try_into().unwrap_or_default());
        let x = _mm256_set_epi64x(word(3), word(2), word(1), word(0));
        let mut hit = _mm256_setzero_si256();
        for &b in &set {
            hit = _mm256_or_si256(hit, _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b as i8)));
        }
        m |= u64::from(_mm256_movemask_epi8(hit) as u32) << (32 * k);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vector_masks_agree_with_the_byte_look_for_every_byte_at_every_place() {
        // Over the 256 starts, each position sees each byte value once.
        for start in 0..=255u8 {
            let mut block = [0u8; BLOCK];
            for (i, b) in block.iter_mut().enumerate() {
                *b = start.wrapping_add(i as u8 * 3);
            }
            let set = *b":(/>|";
            let want = portable(&block, set);
            assert_eq!(
                want.count_ones(),
                block.iter().filter(|b| set.contains(b)).count() as u32
            );
            assert_eq!(mask(&block, set), want, "{start}");
            assert_eq!(mask(&block, [b'\n']), portable(&block, [b'\n']), "{start}");
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2, checked just above.
                assert_eq!(unsafe { avx2(&block, set) }, want, "{start}");
            }
        }
    }
}
