//! Building a line's key from the masks of the ASCII scan: the bytes whose
//! bit is set, in order, lowered. AVX-512's byte compress packs a whole
//! block of 64 bytes in one instruction where the CPU has it (VBMI2);
//! elsewhere BMI2's PEXT packs eight bytes a step (where it is fast), or
//! SSSE3's byte shuffle does (one table look-up per eight bytes, whatever
//! the words); without any, each run of kept bytes is copied. The first
//! two write the key straight into the arena's spare room, the first
//! reading the line where it lies. Tests hold every way to the same keys.

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

/// Room for building keys: the first bytes of a line and its key, for the
/// ways that read and write copies. Lines share one, so that none clears or
/// allocates its own; what a line leaves in it is never read by the next.
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
    push_key_by(best_way(), text, keep, limit, s, key);
}

/// The ways of building a key (see the module's documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    Avx512,
    Bmi2,
    Ssse3,
    Portable,
}

/// The fastest way this CPU has, found once.
fn best_way() -> Way {
    use std::sync::atomic::{AtomicU8, Ordering};
    const WAYS: [Way; 4] = [Way::Avx512, Way::Bmi2, Way::Ssse3, Way::Portable];
    // The way's place in `WAYS`, plus one; 0 until found.
    static FOUND: AtomicU8 = AtomicU8::new(0);
    if let Some(&way) = WAYS.get(usize::from(FOUND.load(Ordering::Relaxed)).wrapping_sub(1)) {
        return way;
    }
    let way = find_way();
    let at = WAYS.iter().position(|&w| w == way).unwrap_or(3);
    FOUND.store(at as u8 + 1, Ordering::Relaxed);
    way
}

/// The fastest way this CPU has (see `best_way`).
fn find_way() -> Way {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        if has!("avx512vbmi2") && has!("avx512bw") {
            return Way::Avx512;
        }
        if has!("bmi2") && has!("popcnt") && fast_pext() {
            return Way::Bmi2;
        }
        if has!("ssse3") {
            return Way::Ssse3;
        }
    }
    Way::Portable
}

/// False on the AMD CPUs before Zen 3 (family 0x19), which have PEXT in
/// microcode, tens to hundreds of cycles an instruction: there the byte
/// shuffle is the faster way.
#[cfg(target_arch = "x86_64")]
fn fast_pext() -> bool {
    use std::arch::x86_64::__cpuid;
    let (vendor, signature) = (__cpuid(0), __cpuid(1).eax);
    let amd = (vendor.ebx, vendor.edx, vendor.ecx) == (0x6874_7541, 0x6974_6e65, 0x444d_4163);
    let family = (signature >> 8 & 0xF) + (signature >> 20 & 0xFF);
    !amd || family >= 0x19
}

/// `push_key` by `way`, which the CPU must have.
fn push_key_by(
    way: Way,
    text: &[u8],
    keep: &[u64; KEY_BLOCKS],
    limit: usize,
    s: &mut KeyScratch,
    key: &mut Vec<u8>,
) {
    let limit = limit.min(KEY_MAX).min(text.len());
    // Bits at or past `limit` cleared, so no way looks at the limit.
    let mut keep = *keep;
    for (k, m) in keep.iter_mut().enumerate() {
        let left = limit.saturating_sub(k * BLOCK);
        if left < BLOCK {
            *m &= (1u64 << left) - 1;
        }
    }
    #[cfg(target_arch = "x86_64")]
    if matches!(way, Way::Avx512 | Way::Bmi2) {
        // These write the key into the spare room, their stores running
        // past its end by up to a block.
        key.reserve(limit + BLOCK);
        let room = key.spare_capacity_mut();
        let n = match way {
            // SAFETY: the caller chose a way the CPU has; `room` has
            // `limit` bytes and a block to spare, as both ways ask, and
            // `limit` is within `text`.
            Way::Avx512 => unsafe { avx512::compact(text, &keep, limit, room) },
            _ => {
                s.src[..limit].copy_from_slice(&text[..limit]);
                // SAFETY: as above; `src` holds the line's first `limit`
                // bytes.
                unsafe { bmi2::compact(&s.src, &keep, limit, room) }
            }
        };
        debug_assert!(n <= limit);
        // SAFETY: the way wrote the `n` bytes of the key at the start of
        // the spare room (and returns how many), within the capacity.
        unsafe { key.set_len(key.len() + n) };
        return;
    }
    s.src[..limit].copy_from_slice(&text[..limit]);
    let n = match way {
        // SAFETY: the caller chose a way the CPU has.
        #[cfg(target_arch = "x86_64")]
        Way::Ssse3 => unsafe { ssse3::compact(&s.src, &keep, limit, &mut s.out) },
        _ => by_runs(&s.src, &keep, &mut s.out),
    };
    key.extend_from_slice(&s.out[..n]);
}

/// The kept bytes of `src` into `out`, lowered; returns how many (the
/// portable way). A run of kept bytes at a time, sixteen bytes a copy (a
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

    /// The kept bytes of `src[..limit]` into `out`, lowered; returns how
    /// many. Eight bytes a step: each byte mask's shuffle packs its kept
    /// bytes to the front of the step's eight, which are stored whole where
    /// the key has got to (the bytes past the kept ones are overwritten by
    /// the next step, or lie past the key). (Sixteen bytes a step, the two
    /// halves' shuffles joined, was tried: as many instructions.)
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

#[cfg(target_arch = "x86_64")]
mod bmi2 {
    use std::arch::x86_64::_pext_u64;
    use std::mem::MaybeUninit;

    use super::{BLOCK, BUF, KEY_BLOCKS, LOWER8};

    /// Per byte mask, the mask of the bytes its bits select (0xFF per set
    /// bit), which PEXT takes.
    const BYTES: [u64; 256] = {
        let mut t = [0u64; 256];
        let mut m = 0;
        while m < 256 {
            let mut i = 0;
            while i < 8 {
                if m >> i & 1 == 1 {
                    t[m] |= 0xFF << (8 * i);
                }
                i += 1;
            }
            m += 1;
        }
        t
    };

    /// The kept bytes of `src[..limit]` (`keep` cleared past `limit`) into
    /// `out`, lowered; returns how many. Eight bytes a step: PEXT by the
    /// step's byte mask packs its kept bytes to the low end, and the eight
    /// are stored where the key has got to (the bytes past the kept ones
    /// are overwritten by the next store, or lie past the key). Whole
    /// blocks are read from the copy `src`, so that no step checks where
    /// the line ends. (Reading the line where it lies, the last step from
    /// the eight bytes that end it, took a fifth more instructions than
    /// this, and more than the byte shuffle.)
    ///
    /// # Safety
    /// The CPU must have BMI2 and POPCNT, and `out` room for `limit + 8`
    /// bytes.
    #[target_feature(enable = "bmi2,popcnt")]
    pub(super) unsafe fn compact(
        src: &[u8; BUF],
        keep: &[u64; KEY_BLOCKS],
        limit: usize,
        out: &mut [MaybeUninit<u8>],
    ) -> usize {
        debug_assert!(out.len() >= limit + 8);
        let dst = out.as_mut_ptr().cast::<u8>();
        let mut n = 0;
        for (k, &mask) in keep.iter().enumerate().take(limit.div_ceil(BLOCK)) {
            let Some(block) = src.get(k * BLOCK..(k + 1) * BLOCK) else {
                break;
            };
            for (g, step) in block.chunks_exact(8).enumerate() {
                let m = (mask >> (8 * g)) as u8;
                let w = u64::from_le_bytes(step.try_into().unwrap_or_default());
                let packed = _pext_u64(w, BYTES[usize::from(m)]) | LOWER8;
                // SAFETY: `n` plus the step's kept bytes never passes
                // `limit` (each kept byte is one of the line's first
                // `limit`), so the store ends by `limit + 8`, within `out`.
                unsafe { dst.add(n).cast::<u64>().write_unaligned(packed.to_le()) };
                n += m.count_ones() as usize;
            }
        }
        n
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::{
        _mm512_maskz_compress_epi8, _mm512_maskz_loadu_epi8, _mm512_or_si512, _mm512_set1_epi8,
        _mm512_storeu_si512,
    };
    use std::mem::MaybeUninit;

    use super::{BLOCK, KEY_BLOCKS};

    /// The kept bytes of `text[..limit]` (`keep` cleared past `limit`,
    /// which is within `text`) into `out`, lowered; returns how many. A
    /// block a step: a masked load (no byte past the line is read), one
    /// compress by the block's mask, one store of the whole block where
    /// the key has got to (its bytes past the kept ones are overwritten by
    /// the next store, or lie past the key).
    ///
    /// # Safety
    /// The CPU must have AVX-512 F, BW and VBMI2, and `out` room for
    /// `limit + 64` bytes.
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi2")]
    pub(super) unsafe fn compact(
        text: &[u8],
        keep: &[u64; KEY_BLOCKS],
        limit: usize,
        out: &mut [MaybeUninit<u8>],
    ) -> usize {
        debug_assert!(limit <= text.len() && out.len() >= limit + BLOCK);
        let dst = out.as_mut_ptr().cast::<u8>();
        let lower = _mm512_set1_epi8(0x20);
        let mut n = 0;
        for (k, &m) in keep.iter().enumerate().take(limit.div_ceil(BLOCK)) {
            let left = limit - k * BLOCK;
            let load = if left >= BLOCK {
                !0
            } else {
                (1u64 << left) - 1
            };
            // SAFETY: the load mask covers only bytes before `limit`, and
            // a masked load reads no other; the store ends by `n + 64`,
            // `n` at most `limit` (each kept byte is one of the first
            // `limit`), within `out`.
            unsafe {
                let v = _mm512_maskz_loadu_epi8(load, text.as_ptr().add(k * BLOCK).cast());
                let packed = _mm512_or_si512(_mm512_maskz_compress_epi8(m, v), lower);
                _mm512_storeu_si512(dst.add(n).cast(), packed);
            }
            n += m.count_ones() as usize;
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

    /// The ways this CPU has, the portable one among them.
    fn ways() -> Vec<Way> {
        let mut ways = vec![Way::Portable];
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("ssse3") {
                ways.push(Way::Ssse3);
            }
            if std::arch::is_x86_feature_detected!("bmi2")
                && std::arch::is_x86_feature_detected!("popcnt")
            {
                ways.push(Way::Bmi2);
            }
            if std::arch::is_x86_feature_detected!("avx512vbmi2")
                && std::arch::is_x86_feature_detected!("avx512bw")
            {
                ways.push(Way::Avx512);
            }
        }
        ways
    }

    #[test]
    fn every_way_agrees_with_the_definition_on_random_masks() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15u64);
        let mut next = || rng.next_u64();
        let mut s = KeyScratch::default();
        let ways = ways();
        assert!(ways.contains(&best_way()));
        for round in 0..3000 {
            let len = (next() % 600) as usize;
            // Texts that end anywhere in a block, read where they lie.
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
            for &way in &ways {
                // Keys go after what the buffer holds, which stays.
                let mut key = b"#".repeat(round % 70);
                let before = key.clone();
                push_key_by(way, &text, &keep, limit, &mut s, &mut key);
                assert_eq!(key[..before.len()], before[..], "{round} {way:?}");
                assert_eq!(key[before.len()..], want[..], "{round} {way:?}");
            }
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
