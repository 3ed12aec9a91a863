//! The per-line scan for lines that are all ASCII (nearly every line of an
//! English page, and most of any other): the line is read in blocks of 64
//! bytes, each turned into four bit masks (uppercase, lowercase, digit,
//! space; bit `i` for byte `i`), and every count the general scan makes per
//! character comes out of a few operations on whole masks. The key is copied
//! a run of letters and digits at a time.

/// Bytes per block: one bit per byte in a `u64`.
const BLOCK: usize = 64;

/// The classes of the bytes of one block, one bit per byte.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Masks {
    upper: u64,
    lower: u64,
    digit: u64,
    /// `' '` and `\t`..`\r`, the ASCII whitespace of `char::is_whitespace`.
    space: u64,
}

/// What the scan of an all-ASCII line counts (see `signals::Line`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub words: u32,
    pub alpha_words: u32,
    pub cap_words: u32,
    pub letters: u32,
    pub digits: u32,
    pub chars: u32,
    pub glued: u32,
    pub glued_strong: u32,
    /// The first blocks' masks, for `sample_stopwords`.
    head: Head,
}

/// Blocks whose masks `Counts` keeps: enough for the lowercase head.
const HEAD_BLOCKS: usize = 4;
/// The longest head `Counts::sample_stopwords` takes.
pub const HEAD_MAX: usize = HEAD_BLOCKS * BLOCK;

/// Masks of the first `HEAD_BLOCKS` blocks of a line: its non-space bytes
/// and its letters and digits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Head {
    solid: [u64; HEAD_BLOCKS],
    keep: [u64; HEAD_BLOCKS],
}

/// Scans `text`, which must be all ASCII, and appends the key of its first
/// `key_bytes` bytes (lowercase letters and digits, nothing else) to `key`.
pub fn scan(text: &[u8], key_bytes: usize, key: &mut Vec<u8>) -> Counts {
    let mut c = Counts::default();
    // Before the line: whitespace, so the first byte can start a word.
    let mut prev = Masks {
        space: !0,
        ..Masks::default()
    };
    let mut at = 0;
    while at < text.len() {
        let mut tail = [b' '; BLOCK];
        let block: &[u8; BLOCK] = match text.get(at..at + BLOCK) {
            Some(full) => full.try_into().unwrap_or(&tail),
            None => {
                // The last block is padded with spaces, which count for nothing.
                tail[..text.len() - at].copy_from_slice(&text[at..]);
                &tail
            }
        };
        let m = block_masks(block);
        count_block(&mut c, &m, &prev);
        let punct = glued_after_punctuation(text, at, &m, &prev);
        c.glued += punct;
        c.glued_strong += punct;
        if at < key_bytes {
            push_key_block(key, block, &m, key_bytes - at);
        }
        if let Some(k) = c.head.solid.get_mut(at / BLOCK) {
            *k = !m.space;
            c.head.keep[at / BLOCK] = m.upper | m.lower | m.digit;
        }
        prev = m;
        at += BLOCK;
    }
    c
}

impl Counts {
    /// Counts the stopwords among the first `max_words` words of `lower`,
    /// the line's lowercase head (at most `HEAD_BLOCKS` blocks): returns how
    /// many words were looked up (those with a letter or digit, trimmed to
    /// their first and last) and how many were stopwords. Words are runs of
    /// non-space bytes, found from the masks a bit at a time.
    pub fn sample_stopwords(&self, lower: &[u8], max_words: u32) -> (u32, u32) {
        let Head {
            mut solid,
            mut keep,
        } = self.head;
        for (k, (s, w)) in solid.iter_mut().zip(&mut keep).enumerate() {
            let inside = lower.len().saturating_sub(k * BLOCK);
            if inside < BLOCK {
                let m = (1u64 << inside) - 1;
                *s &= m;
                *w &= m;
            }
        }
        let mut starts = [0u64; HEAD_BLOCKS];
        let mut ends = [0u64; HEAD_BLOCKS];
        for k in 0..HEAD_BLOCKS {
            let before = if k > 0 { solid[k - 1] } else { 0 };
            let after = solid.get(k + 1).copied().unwrap_or(0);
            starts[k] = solid[k] & !later(solid[k], before, 1);
            ends[k] = solid[k] & !((solid[k] >> 1) | (after << 63));
        }
        let (mut taken, mut sampled, mut stop) = (0, 0, 0);
        // Word by word, each found from its start bit; its end is nearly
        // always in the same block.
        'blocks: for (k, &first) in starts.iter().enumerate() {
            let mut left = first;
            while left != 0 {
                if taken == max_words {
                    break 'blocks;
                }
                let i = left.trailing_zeros() as usize;
                left &= left - 1;
                let s = k * BLOCK + i;
                let here = ends[k] & (!0u64 << i);
                let e = if here != 0 {
                    k * BLOCK + here.trailing_zeros() as usize
                } else {
                    first_set(&ends, s).unwrap_or(s)
                };
                taken += 1;
                // Most words start and end with a letter or digit: no search.
                let a = if keep[k] >> i & 1 == 1 {
                    s
                } else {
                    match first_set(&keep, s).filter(|&a| a <= e) {
                        Some(a) => a,
                        None => continue,
                    }
                };
                let z = if is_set(&keep, e) {
                    e
                } else {
                    last_set(&keep, e)
                };
                sampled += 1;
                stop += u32::from(super::stopwords::is_stopword_bytes(&lower[a..=z]));
            }
        }
        (sampled, stop)
    }
}

/// Whether bit `i` of `bits` is set.
fn is_set(bits: &[u64; HEAD_BLOCKS], i: usize) -> bool {
    bits[i / BLOCK] >> (i % BLOCK) & 1 == 1
}

/// The first set bit of `bits` at or after `from`, if any.
fn first_set(bits: &[u64; HEAD_BLOCKS], from: usize) -> Option<usize> {
    let (mut k, i) = (from / BLOCK, from % BLOCK);
    let mut w = bits.get(k)? & (!0u64 << i);
    loop {
        if w != 0 {
            return Some(k * BLOCK + w.trailing_zeros() as usize);
        }
        k += 1;
        w = *bits.get(k)?;
    }
}

/// The last set bit of `bits` at or before `upto`, which must have one.
fn last_set(bits: &[u64; HEAD_BLOCKS], upto: usize) -> usize {
    let (mut k, i) = (upto / BLOCK, upto % BLOCK);
    let mut w = bits[k] & (!0u64 >> (63 - i));
    while w == 0 && k > 0 {
        k -= 1;
        w = bits[k];
    }
    k * BLOCK + 63 - w.leading_zeros() as usize
}

/// `cur` shifted up by `k` bits (one bit per byte: `k` bytes later), with
/// the top bits of the block before filling the gap.
fn later(cur: u64, prev: u64, k: u32) -> u64 {
    (cur << k) | (prev >> (64 - k))
}

/// Adds the counts of one block, given the block before it.
fn count_block(c: &mut Counts, m: &Masks, prev: &Masks) {
    let solid = !m.space;
    let starts = solid & !later(solid, !prev.space, 1);
    let letters = m.upper | m.lower;
    c.chars += solid.count_ones();
    c.words += starts.count_ones();
    c.alpha_words += (starts & letters).count_ones();
    c.letters += letters.count_ones();
    // Digits and glued words are few: most blocks skip their count.
    c.cap_words += (starts & m.upper).count_ones();
    if m.digit != 0 {
        c.digits += m.digit.count_ones();
    }
    // An uppercase letter after two lowercase ones ("NewsVideo"); strong
    // after four.
    let glued = m.upper & later(m.lower, prev.lower, 1) & later(m.lower, prev.lower, 2);
    if glued != 0 {
        c.glued += glued.count_ones();
        let strong = glued & later(m.lower, prev.lower, 3) & later(m.lower, prev.lower, 4);
        c.glued_strong += strong.count_ones();
    }
}

/// Sentence ends glued to the next sentence ("Rise?Violence"): `?`, `!`,
/// `)` or `.`, then an uppercase and a lowercase letter, in the block at
/// `at` of `text` (the punctuation may sit in the block before). Each counts
/// as glued and strongly glued.
fn glued_after_punctuation(text: &[u8], at: usize, m: &Masks, prev: &Masks) -> u32 {
    let other = |m: &Masks| !(m.space | m.upper | m.lower | m.digit);
    // Rarely any: a lowercase letter after an uppercase one after a symbol.
    let mut cand = m.lower & later(m.upper, prev.upper, 1) & later(other(m), other(prev), 2);
    let mut n = 0;
    while cand != 0 {
        let i = at + cand.trailing_zeros() as usize;
        cand &= cand - 1;
        n += u32::from(matches!(text[i - 2], b'?' | b'!' | b')' | b'.'));
    }
    n
}

/// Appends the key bytes of a block (its letters and digits, lowered) that
/// lie within its first `limit` bytes: a run of them at a time.
fn push_key_block(key: &mut Vec<u8>, block: &[u8; BLOCK], m: &Masks, limit: usize) {
    let mut keep = m.upper | m.lower | m.digit;
    if limit < BLOCK {
        keep &= (1u64 << limit) - 1;
    }
    if keep == 0 {
        return;
    }
    // Runs are copied sixteen bytes at a time (a fixed-size copy is two
    // instructions where a copy of the run's own length calls `memcpy`)
    // straight into `key`, grown first by enough for the overshoot.
    let mut lowered = [0u8; BLOCK + 16];
    for (l, &b) in lowered.iter_mut().zip(block) {
        *l = b | u8::from(b.is_ascii_uppercase()) << 5;
    }
    let mut n = key.len();
    key.resize(n + BLOCK + 16, 0);
    while keep != 0 {
        let from = keep.trailing_zeros() as usize;
        let run = (!(keep >> from)).trailing_zeros() as usize;
        let mut k = 0;
        while k < run {
            key[n + k..n + k + 16].copy_from_slice(&lowered[from + k..from + k + 16]);
            k += 16;
        }
        n += run;
        // Adding the run's lowest bit carries through the run and clears it.
        keep &= keep.wrapping_add(keep & keep.wrapping_neg());
    }
    key.truncate(n);
}

/// The masks of a block, by SSE2 where there is SSE2.
#[cfg(target_arch = "x86_64")]
fn block_masks(block: &[u8; BLOCK]) -> Masks {
    // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 CPU has it,
    // so the target feature `sse2_masks` asks for is always present.
    unsafe { sse2::block_masks(block) }
}

#[cfg(not(target_arch = "x86_64"))]
fn block_masks(block: &[u8; BLOCK]) -> Masks {
    portable_masks(block)
}

/// The masks of a block, a byte at a time (the reference the SSE2 version
/// is tested against, and the version on other targets).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn portable_masks(block: &[u8; BLOCK]) -> Masks {
    let mut m = Masks::default();
    for (i, &b) in block.iter().enumerate() {
        let bit = 1u64 << i;
        if b.is_ascii_uppercase() {
            m.upper |= bit;
        } else if b.is_ascii_lowercase() {
            m.lower |= bit;
        } else if b.is_ascii_digit() {
            m.digit |= bit;
        } else if b == b' ' || (9..=13).contains(&b) {
            m.space |= bit;
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

    use super::{BLOCK, Masks};

    /// Sixteen bytes at a time: each class a comparison or two and one
    /// `movemask`. Bytes are compared as signed, which is exact for ASCII.
    #[target_feature(enable = "sse2")]
    pub(super) fn block_masks(block: &[u8; BLOCK]) -> Masks {
        let mut m = Masks::default();
        for (k, lane) in block.chunks_exact(16).enumerate() {
            let half = |h: usize| {
                let mut b = [0u8; 8];
                b.copy_from_slice(&lane[h * 8..h * 8 + 8]);
                i64::from_le_bytes(b)
            };
            let x = _mm_set_epi64x(half(1), half(0));
            let shift = 16 * k as u32;
            m.upper |= bits(within(x, b'A', b'Z'), shift);
            m.lower |= bits(within(x, b'a', b'z'), shift);
            m.digit |= bits(within(x, b'0', b'9'), shift);
            let blank = _mm_cmpeq_epi8(x, _mm_set1_epi8(b' ' as i8));
            m.space |= bits(_mm_or_si128(blank, within(x, 9, 13)), shift);
        }
        m
    }

    /// Bytes of `x` in `lo..=hi` (both below 0x7F).
    #[target_feature(enable = "sse2")]
    fn within(x: __m128i, lo: u8, hi: u8) -> __m128i {
        let above = _mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1));
        let below = _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1));
        _mm_and_si128(above, below)
    }

    /// The byte mask `v` as sixteen bits, moved up by `shift`.
    #[target_feature(enable = "sse2")]
    fn bits(v: __m128i, shift: u32) -> u64 {
        u64::from(_mm_movemask_epi8(v) as u16) << shift
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_masks_agree_with_the_bytes() {
        // Every ASCII byte at every position.
        for start in 0..128u8 {
            let mut block = [0u8; BLOCK];
            for (i, b) in block.iter_mut().enumerate() {
                *b = start.wrapping_add(i as u8 * 3) & 0x7f;
            }
            assert_eq!(block_masks(&block), portable_masks(&block), "{start}");
        }
    }

    #[test]
    fn later_carries_the_block_before() {
        assert_eq!(later(0b1, 1 << 63, 1), 0b11);
        assert_eq!(later(0, 0b11 << 62, 2), 0b11);
    }

    #[test]
    fn key_runs_are_copied_whole() {
        let mut block = [b' '; BLOCK];
        block[..12].copy_from_slice(b"It's A-OK 42");
        block[63] = b'Z';
        let mut key = Vec::new();
        push_key_block(&mut key, &block, &portable_masks(&block), BLOCK);
        assert_eq!(key, b"itsaok42z");
        key.clear();
        push_key_block(&mut key, &block, &portable_masks(&block), 3);
        assert_eq!(key, b"it");
    }
}
