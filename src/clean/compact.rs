//! Building a line's key from the masks of the ASCII scan: the bytes whose
//! bit is set, in order, lowered. SSSE3's byte shuffle packs eight bytes a
//! step where the CPU has it (one table look-up per eight bytes, whatever
//! the words); elsewhere each run of kept bytes is copied. Tests hold the
//! two to the same keys.

use crate::blocks::BLOCK;

/// Bytes of a line the key is built from, at most (a power of two, so that
/// offsets can be masked into range instead of checked).
pub const KEY_MAX: usize = 512;
/// Blocks whose masks the key needs.
pub const KEY_BLOCKS: usize = KEY_MAX / BLOCK;
/// The buffers' size: `KEY_MAX` and room for a copy's overshoot.
const BUF: usize = KEY_MAX + 16;

const _: () = assert!(KEY_MAX.is_power_of_two() && KEY_BLOCKS * BLOCK == KEY_MAX);

/// Setting bit 5 lowers an ASCII letter and keeps a digit.
const LOWER8: u64 = 0x2020_2020_2020_2020;

/// Room for building keys: the first bytes of a line and its key. Lines
/// share one, so that none clears or allocates its own; what a line leaves
/// in it is never read by the next. (Reading the line itself instead of
/// its copy, the last step from its last eight bytes, was tried: 20M more
/// instructions on a collection of 3,000 pages, where the copy is 6M; the
/// checked reads and the loop they need cost more than the fixed steps.)
pub struct KeyScratch {
    src: [u8; BUF],
    out: [u8; BUF],
}

impl Default for KeyScratch {
    fn default() -> Self {
        KeyScratch {
            src: [0; BUF],
            out: [0; BUF],
        }
    }
}

/// Appends to `key` the bytes of `text` (all ASCII) within its first
/// `limit` bytes whose bit is set in `keep` (bit `i` of `keep[k]` for byte
/// `64 k + i`; only letters and digits may be set), lowered.
pub fn push_key(
    text: &[u8],
    keep: &[u64; KEY_BLOCKS],
    limit: usize,
    s: &mut KeyScratch,
    key: &mut Vec<u8>,
) {
    let limit = limit.min(KEY_MAX).min(text.len());
    s.src[..limit].copy_from_slice(&text[..limit]);
    // Bits at or past `limit` cleared, so neither way looks at the limit.
    let mut keep = *keep;
    for (k, m) in keep.iter_mut().enumerate() {
        let left = limit.saturating_sub(k * BLOCK);
        if left < BLOCK {
            *m &= (1u64 << left) - 1;
        }
    }
    let n = compact(&s.src, &keep, limit, &mut s.out);
    key.extend_from_slice(&s.out[..n]);
}

/// The kept bytes of `src[..limit]` into `out`, lowered; returns how many.
fn compact(src: &[u8; BUF], keep: &[u64; KEY_BLOCKS], limit: usize, out: &mut [u8; BUF]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("ssse3") {
        // SAFETY: the CPU has SSSE3, the one feature `ssse3::compact` asks for.
        return unsafe { ssse3::compact(src, keep, limit, out) };
    }
    by_runs(src, keep, out)
}

/// `compact` a run of kept bytes at a time, sixteen bytes a copy (a
/// fixed-size copy is two loads and two stores where one of the run's own
/// length calls `memcpy`).
fn by_runs(src: &[u8; BUF], keep: &[u64; KEY_BLOCKS], out: &mut [u8; BUF]) -> usize {
    let mut n = 0;
    for (k, &mask) in keep.iter().enumerate() {
        let mut keep = mask;
        while keep != 0 {
            let bit = keep.trailing_zeros() as usize;
            let run = (!(keep >> bit)).trailing_zeros() as usize;
            let from = k * BLOCK + bit;
            let mut c = 0;
            while c < run {
                // Offsets are always in range: the masks only spare checks.
                let (f, t) = ((from + c) & (KEY_MAX - 1), (n + c) & (KEY_MAX - 1));
                for h in [0, 8] {
                    let mut v = [0u8; 8];
                    v.copy_from_slice(&src[f + h..f + h + 8]);
                    let v = u64::from_le_bytes(v) | LOWER8;
                    out[t + h..t + h + 8].copy_from_slice(&v.to_le_bytes());
                }
                c += 16;
            }
            n += run;
            // Adding the run's lowest bit carries through the run and clears it.
            keep &= keep.wrapping_add(keep & keep.wrapping_neg());
        }
    }
    n
}

/// For each byte mask of eight bytes, the shuffle that packs its set bytes
/// first (their indices, low byte first; 0x80 clears the bytes after), and
/// how many there are.
const SHUFFLE: [(u64, u8); 256] = {
    let mut t = [(0u64, 0u8); 256];
    let mut m = 0;
    while m < 256 {
        let mut pattern = 0x8080_8080_8080_8080u64;
        let mut n = 0;
        let mut i = 0;
        while i < 8 {
            if m >> i & 1 == 1 {
                pattern = (pattern & !(0xFF << (8 * n))) | ((i as u64) << (8 * n));
                n += 1;
            }
            i += 1;
        }
        t[m] = (pattern, n as u8);
        m += 1;
    }
    t
};

#[cfg(target_arch = "x86_64")]
mod ssse3 {
    use std::arch::x86_64::{_mm_cvtsi64_si128, _mm_cvtsi128_si64, _mm_shuffle_epi8};

    use super::{BLOCK, BUF, KEY_BLOCKS, KEY_MAX, LOWER8, SHUFFLE};

    /// `compact` eight bytes a step: each byte mask's shuffle packs its kept
    /// bytes to the front of the step's eight, which are stored whole where
    /// the key has got to (the bytes past the kept ones are overwritten by
    /// the next step, or lie past the key).
    #[target_feature(enable = "ssse3")]
    pub(super) fn compact(
        src: &[u8; BUF],
        keep: &[u64; KEY_BLOCKS],
        limit: usize,
        out: &mut [u8; BUF],
    ) -> usize {
        let mut n = 0;
        // Whole blocks: past `limit` no bit is set, so the steps there add
        // nothing to the key.
        for (k, &mask) in keep.iter().enumerate().take(limit.div_ceil(BLOCK)) {
            for g in 0..BLOCK / 8 {
                let m = (mask >> (8 * g)) as u8;
                let (pattern, count) = SHUFFLE[usize::from(m)];
                let at = (k * BLOCK + 8 * g) & (KEY_MAX - 1);
                let mut v = [0u8; 8];
                v.copy_from_slice(&src[at..at + 8]);
                let v = _mm_cvtsi64_si128(i64::from_le_bytes(v));
                let packed = _mm_shuffle_epi8(v, _mm_cvtsi64_si128(pattern as i64));
                let w = _mm_cvtsi128_si64(packed) as u64 | LOWER8;
                let t = n & (KEY_MAX - 1);
                out[t..t + 8].copy_from_slice(&w.to_le_bytes());
                n += usize::from(count);
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::super::content_words::tests::Rng;
    use super::*;

    /// The key by definition: the kept bytes, lowered.
    fn reference(text: &[u8], keep: &[u64; KEY_BLOCKS], limit: usize) -> Vec<u8> {
        (0..limit.min(KEY_MAX).min(text.len()))
            .filter(|&i| keep[i / BLOCK] >> (i % BLOCK) & 1 == 1)
            .map(|i| text[i].to_ascii_lowercase())
            .collect()
    }

    #[test]
    fn both_ways_agree_with_the_definition_on_random_masks() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15u64);
        let mut next = || rng.next_u64();
        let mut s = KeyScratch::default();
        for round in 0..2000 {
            let len = (next() % 600) as usize;
            let text: Vec<u8> = (0..len)
                .map(|_| b"aZ09qQmM"[(next() % 8) as usize])
                .collect();
            // Dense, sparse and word-like masks.
            let mut keep = [0u64; KEY_BLOCKS];
            for m in &mut keep {
                *m = match round % 3 {
                    0 => next(),
                    1 => next() & next() & next(),
                    _ => next() | next(),
                };
            }
            let limit = [len, 400, (next() % 700) as usize][round % 3];
            let want = reference(&text, &keep, limit);
            let mut key = vec![b'#'];
            push_key(&text, &keep, limit, &mut s, &mut key);
            assert_eq!(key[1..], want[..], "{round}");
            // The portable way, on the same cleared masks.
            let lim = limit.min(KEY_MAX).min(len);
            let mut cleared = keep;
            for (k, m) in cleared.iter_mut().enumerate() {
                let left = lim.saturating_sub(k * BLOCK);
                if left < BLOCK {
                    *m &= (1u64 << left) - 1;
                }
            }
            s.src[..lim].copy_from_slice(&text[..lim]);
            let n = by_runs(&s.src, &cleared, &mut s.out);
            assert_eq!(s.out[..n], want[..], "{round}");
        }
    }

    #[test]
    fn shuffle_table_packs_the_set_bytes() {
        for (m, &(pattern, count)) in SHUFFLE.iter().enumerate() {
            assert_eq!(u32::from(count), (m as u8).count_ones());
            for j in 0..8 {
                let idx = (pattern >> (8 * j)) as u8;
                if j < usize::from(count) {
                    assert!(m >> idx & 1 == 1 && idx < 8);
                } else {
                    assert_eq!(idx, 0x80);
                }
            }
        }
    }
}
