//! The per-line scan for lines that are all ASCII (nearly every line of an
//! English page, and most of any other): the line is read in blocks of 64
//! bytes, each turned into four bit masks (uppercase, lowercase, digit,
//! space; bit `i` for byte `i`), and every count the general scan makes per
//! character comes out of a few operations on whole masks. The key is copied
//! afterwards, only for lines that need one, a run of letters and digits at a
//! time, from the masks the scan kept.

use super::byte_set;
pub use super::compact::KEY_MAX;
use super::compact::{self, KEY_BLOCKS, KeyScratch};
use crate::blocks::{self, BLOCK, Classes};

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
    /// Whether the line has one of the `RARE` bytes.
    pub rare: bool,
    /// The first blocks' masks, for `sample_stopwords` and `push_key`.
    head: Head,
}

/// The punctuation that some checks of a line start by searching for: the
/// colon of a label, a caption's anchors (`(`, `:`, `/`), and the ASCII
/// separators of breadcrumbs (`>`, `/`, `|`). Most lines have none, which
/// the scan tells from one more comparison per value and block, and then
/// none of those searches is made (see `signals::Line::plain`).
pub const RARE: [u8; 5] = *b":(/>|";

/// Blocks whose non-space masks `Counts` keeps: enough for the lowercase head.
const HEAD_BLOCKS: usize = 4;
/// The longest head `Counts::sample_stopwords` takes.
pub const HEAD_MAX: usize = HEAD_BLOCKS * BLOCK;

/// Masks of the first blocks of a line: its non-space bytes (for the head)
/// and its letters and digits (for the head and the key).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Head {
    solid: [u64; HEAD_BLOCKS],
    keep: [u64; KEY_BLOCKS],
}

/// Scans `text`, or gives up with `None` at the first block with a byte
/// that is not ASCII (which the general scan then reads), so no separate
/// pass tells ASCII lines from others. Uses the POPCNT instruction where
/// the CPU has it (the counts are mostly bit counts of masks, which take a
/// dozen instructions each without it).
pub fn scan(text: &[u8]) -> Option<Counts> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("popcnt") {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 and POPCNT, the features
            // `scan_avx2` asks for.
            return unsafe { scan_avx2(text) };
        }
        // SAFETY: the CPU has POPCNT, the one feature `scan_popcnt` asks for.
        return unsafe { scan_popcnt(text) };
    }
    scan_with::<false>(text)
}

/// `scan_with`, compiled for CPUs with POPCNT.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
fn scan_popcnt(text: &[u8]) -> Option<Counts> {
    scan_with::<false>(text)
}

/// `scan_with`, compiled for CPUs with AVX2 and POPCNT: blocks classified
/// thirty-two bytes at a time.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
fn scan_avx2(text: &[u8]) -> Option<Counts> {
    scan_with::<true>(text)
}

/// The scan itself (see `scan`); `WIDE` classifies by `wide` (AVX2), and
/// is only set in `scan_avx2`.
#[inline(always)]
fn scan_with<const WIDE: bool>(text: &[u8]) -> Option<Counts> {
    let mut c = Counts::default();
    // Before the line: whitespace, so the first byte can start a word.
    let mut prev = Classes {
        space: !0,
        ..Classes::default()
    };
    let mut rare = 0;
    let mut at = 0;
    while at < text.len() {
        let tail;
        let block: &[u8; BLOCK] = match text.get(at..at + BLOCK) {
            Some(full) => full.try_into().unwrap_or(&[b' '; BLOCK]),
            None => {
                // The last block is padded with spaces, which count for nothing.
                tail = blocks::padded(&text[at..], b' ');
                &tail
            }
        };
        let m = classify::<WIDE>(block);
        if m.high != 0 {
            return None;
        }
        rare |= rare_bytes::<WIDE>(block);
        count_block(&mut c, &m, &prev);
        let punct = glued_after_punctuation(text, at, &m, &prev);
        c.glued += punct;
        c.glued_strong += punct;
        if let Some(k) = c.head.keep.get_mut(at / BLOCK) {
            *k = m.alnum();
        }
        if let Some(k) = c.head.solid.get_mut(at / BLOCK) {
            *k = !m.space;
        }
        prev = m;
        at += BLOCK;
    }
    c.rare = rare != 0;
    Some(c)
}

/// The `RARE` bytes of `block`, by AVX2 when `WIDE`.
#[inline(always)]
fn rare_bytes<const WIDE: bool>(block: &[u8; BLOCK]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    if WIDE {
        // SAFETY: `WIDE` is set only in `scan_avx2`, which runs only once
        // the CPU is known to have AVX2.
        return unsafe { byte_set::avx2(block, RARE) };
    }
    byte_set::mask(block, RARE)
}

/// The classes of `block`, by AVX2 when `WIDE`.
#[inline(always)]
fn classify<const WIDE: bool>(block: &[u8; BLOCK]) -> Classes {
    #[cfg(target_arch = "x86_64")]
    if WIDE {
        // SAFETY: `WIDE` is set only in `scan_avx2`, which runs only once
        // the CPU is known to have AVX2.
        return unsafe { blocks::avx2::classify(block) };
    }
    blocks::classify(block)
}

impl Counts {
    /// Counts the stopwords among the first `max_words` words of `lower`,
    /// the line's lowercase head (at most `HEAD_BLOCKS` blocks): returns how
    /// many words were looked up (those with a letter or digit, trimmed to
    /// their first and last) and how many were stopwords. Words are runs of
    /// non-space bytes, found from the masks a bit at a time.
    pub fn sample_stopwords(&self, lower: &[u8], max_words: u32) -> (u32, u32) {
        let mut solid = self.head.solid;
        let mut keep = [0u64; HEAD_BLOCKS];
        keep.copy_from_slice(&self.head.keep[..HEAD_BLOCKS]);
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
                stop += u32::from(is_stopword_at(lower, a, z + 1 - a));
            }
        }
        (sampled, stop)
    }
}

/// Whether the `len` bytes of `lower` from `at` are a stopword. A word of
/// up to eight bytes is packed by one load and a mask when eight bytes
/// follow its start (nearly always), as `stopwords::pack` would pack it.
#[inline]
fn is_stopword_at(lower: &[u8], at: usize, len: usize) -> bool {
    use super::stopwords;
    match lower.get(at..at + 8) {
        Some(c) if len <= 8 => {
            let raw = u64::from_le_bytes(c.try_into().unwrap_or_default());
            stopwords::is_stopword_key(raw & (u64::MAX >> (8 * (8 - len))))
        }
        _ => stopwords::is_stopword_bytes(&lower[at..at + len]),
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
#[inline(always)]
fn count_block(c: &mut Counts, m: &Classes, prev: &Classes) {
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
#[inline(always)]
fn glued_after_punctuation(text: &[u8], at: usize, m: &Classes, prev: &Classes) -> u32 {
    let other = |m: &Classes| !(m.space | m.alnum());
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

impl Counts {
    /// Appends the key of the first `limit` bytes of `text`, the line
    /// scanned, to `key`: its letters and digits, lowered (see `compact`).
    pub fn push_key(&self, text: &[u8], limit: usize, s: &mut KeyScratch, key: &mut Vec<u8>) {
        compact::push_key(text, &self.head.keep, limit, s, key);
    }
}

#[cfg(test)]
mod tests {
    use super::super::content_words::tests::Rng;
    use super::*;

    #[test]
    fn stopwords_found_at_any_place_and_length() {
        let text = b"the cat of x and thee .. de la ";
        for at in 0..text.len() {
            for len in 1..=(text.len() - at).min(12) {
                let w = &text[at..at + len];
                let want = super::super::stopwords::is_stopword_bytes(w);
                assert_eq!(is_stopword_at(text, at, len), want, "{at} {len}");
            }
        }
    }

    #[test]
    fn scan_for_this_cpu_agrees_with_the_portable_scan() {
        let alphabet = b"aeo tnAZQ09 .?!)(\t\x0b\"'*:-";
        let rare_alphabet = b"aeo tnAZ09 .:(/>|";
        let mut rng = Rng(0x2545_f491_4f6c_dd1du64);
        let mut next = || rng.next_u64() as usize;
        for _ in 0..500 {
            let len = next() % 400;
            let text: Vec<u8> = (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            assert_eq!(scan(&text), scan_with::<false>(&text));
            // Now and then a rare byte, anywhere.
            let sparse: Vec<u8> = (0..len)
                .map(|_| match next() % 97 {
                    0 => rare_alphabet[next() % rare_alphabet.len()],
                    _ => b'x',
                })
                .collect();
            let rare = sparse.iter().any(|b| RARE.contains(b));
            assert_eq!(scan(&sparse).map(|c| c.rare), Some(rare));
            assert_eq!(scan_with::<false>(&sparse).map(|c| c.rare), Some(rare));
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("popcnt") {
                // SAFETY: the CPU has POPCNT.
                assert_eq!(unsafe { scan_popcnt(&text) }, scan_with::<false>(&text));
            }
            assert!(scan(&text).is_some());
            // A byte that is not ASCII anywhere: no counts.
            let mut other = text.clone();
            other.insert(next() % (len + 1), 0xC3);
            assert_eq!(scan(&other), None);
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
        let c = scan(&block).unwrap();
        c.push_key(&block, BLOCK, &mut KeyScratch::default(), &mut key);
        assert_eq!(key, b"itsaok42z");
        key.clear();
        c.push_key(&block, 3, &mut KeyScratch::default(), &mut key);
        assert_eq!(key, b"it");
    }

    #[test]
    fn key_of_long_words_across_blocks_and_at_the_end() {
        let text = format!(
            "{}-Zz9 {}",
            "Abcdefghijklmnopqrstuvw".repeat(12),
            "Q".repeat(40)
        );
        let want = |t: &str| -> Vec<u8> {
            t.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase())
                .collect()
        };
        // One scratch for all, as lines share it.
        let mut scratch = KeyScratch::default();
        for len in [0, 1, 15, 16, 17, 63, 64, 65, 200, 300, text.len()] {
            let t = &text[..len];
            for limit in [0, 5, 64, 100, 400, KEY_MAX, 1000] {
                let mut key = vec![b'#'];
                let c = scan(t.as_bytes()).unwrap();
                c.push_key(t.as_bytes(), limit, &mut scratch, &mut key);
                let l = limit.min(KEY_MAX).min(len);
                assert_eq!(key[1..], want(&t[..l])[..], "{len} {limit}");
            }
        }
    }
}
