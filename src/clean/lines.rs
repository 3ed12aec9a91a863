//! Splitting a raw text into the lines the cleaner sees.
//!
//! Most texts have no carriage return, and are split at newlines only. The
//! newlines are found 64 bytes at a time, as the bits of one mask per block,
//! and each line then costs a few operations on that mask. A vectorised
//! search per line (`memchr_iter`) did the same work, but its set-up for
//! every call was about a hundred instructions a line, where a text's lines
//! average some seventy bytes and half of them are blank: 4.7% of the
//! cleaner's instructions on a collection of 3,000 pages (32M), against
//! about two thirds of that now (the masks 11M, the lines some 11M more).

use std::iter::FlatMap;
use std::str::Split;

use super::byte_set;
use crate::blocks::{self, BLOCK};

/// The raw text's lines as the cleaner sees them: split on `\n`, `\r\n` and a
/// lone `\r`, untrimmed. Views that show `raw` beside `removed` split with this.
pub fn raw_lines(raw: &str) -> impl Iterator<Item = &str> {
    // One search tells whether there is any carriage return at all.
    if memchr::memchr(b'\r', raw.as_bytes()).is_some() {
        RawLines::WithCr(raw.split('\n').flat_map(split_cr))
    } else {
        RawLines::Plain(NlSplit::new(raw))
    }
}

/// The pieces of a line split at `\n` once split at carriage returns (a
/// `\r` before the `\n` ending no piece).
fn split_cr(l: &str) -> std::str::Split<'_, char> {
    l.strip_suffix('\r').unwrap_or(l).split('\r')
}

/// The lines of a text with carriage returns or without: one match a line,
/// where a chain of the two kinds of split cost a few more instructions on
/// each of the hundreds of thousands of lines of a collection.
enum RawLines<'a> {
    Plain(NlSplit<'a>),
    WithCr(CrSplit<'a>),
}

/// The split of a text with carriage returns.
type CrSplit<'a> = FlatMap<Split<'a, char>, Split<'a, char>, fn(&'a str) -> Split<'a, char>>;

impl<'a> Iterator for RawLines<'a> {
    type Item = &'a str;

    #[inline(always)]
    fn next(&mut self) -> Option<&'a str> {
        match self {
            RawLines::Plain(lines) => lines.next(),
            RawLines::WithCr(lines) => lines.next(),
        }
    }
}

/// `str::split('\n')`, the newlines read from one mask per block; the
/// masks are made `AHEAD` blocks at a time, so that the vector code runs in
/// one call for many blocks (a call per block, with its saving and
/// restoring of registers, cost as much as the comparisons).
struct NlSplit<'a> {
    text: &'a str,
    /// Where the next line starts; `None` once the last line is given.
    at: Option<usize>,
    /// The offset of the block `mask` is of.
    block: usize,
    /// The newlines of that block not passed yet (bit `i` for byte
    /// `block + i`).
    mask: u64,
    /// The masks of the blocks after it: `ahead[next..filled]`.
    ahead: [u64; AHEAD],
    next: usize,
    filled: usize,
    /// Whether the CPU has AVX2.
    wide: bool,
}

/// Blocks whose masks are made at a time.
const AHEAD: usize = 8;

impl<'a> NlSplit<'a> {
    fn new(text: &'a str) -> NlSplit<'a> {
        let mut lines = NlSplit {
            text,
            at: Some(0),
            block: 0,
            mask: 0,
            ahead: [0; AHEAD],
            next: 0,
            filled: 0,
            wide: has_avx2(),
        };
        lines.fill();
        lines.mask = lines.ahead[0];
        lines.next = 1;
        lines
    }

    /// Makes the masks of the blocks from `block` on.
    #[inline(never)]
    fn fill(&mut self) {
        let bytes = self.text.as_bytes();
        self.next = 0;
        #[cfg(target_arch = "x86_64")]
        if self.wide {
            // SAFETY: `wide` is set only when the CPU has AVX2.
            self.filled = unsafe { fill_avx2(bytes, self.block, &mut self.ahead) };
            return;
        }
        self.filled = fill_with::<false>(bytes, self.block, &mut self.ahead);
    }
}

impl<'a> Iterator for NlSplit<'a> {
    type Item = &'a str;

    // Inlined into the cleaner's loop over lines, which then keeps the
    // splitter's state in registers.
    #[inline(always)]
    fn next(&mut self) -> Option<&'a str> {
        let at = self.at?;
        loop {
            if self.mask != 0 {
                let end = self.block + self.mask.trailing_zeros() as usize;
                self.mask &= self.mask - 1;
                self.at = Some(end + 1);
                // A newline is a byte of its own in UTF-8: both ends are
                // char boundaries.
                return self.text.get(at..end);
            }
            self.block += BLOCK;
            if self.block >= self.text.len() {
                self.at = None;
                return self.text.get(at..);
            }
            if self.next == self.filled {
                self.fill();
            }
            self.mask = self.ahead[self.next];
            self.next += 1;
        }
    }
}

/// The newline masks of the blocks of `bytes` from `from` on, into `out`
/// (as many as there are blocks, up to its size): how many.
#[inline(always)]
fn fill_with<const WIDE: bool>(bytes: &[u8], from: usize, out: &mut [u64; AHEAD]) -> usize {
    let mut n = 0;
    while n < AHEAD {
        let Some(rest) = bytes.get(from + n * BLOCK..).filter(|r| !r.is_empty()) else {
            break;
        };
        let tail;
        let block: &[u8; BLOCK] = match rest.first_chunk::<BLOCK>() {
            Some(full) => full,
            None => {
                // Padded with zero bytes, which are no newlines.
                tail = blocks::padded(rest, 0);
                &tail
            }
        };
        out[n] = newlines::<WIDE>(block);
        n += 1;
    }
    n
}

/// `fill_with`, compiled for CPUs with AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn fill_avx2(bytes: &[u8], from: usize, out: &mut [u64; AHEAD]) -> usize {
    fill_with::<true>(bytes, from, out)
}

/// The newlines of `block`; by AVX2 when `WIDE`, which only `fill_avx2` sets.
#[inline(always)]
fn newlines<const WIDE: bool>(block: &[u8; BLOCK]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    if WIDE {
        // SAFETY: `WIDE` is set only in `fill_avx2`, which runs only once
        // the CPU is known to have AVX2.
        return unsafe { byte_set::avx2(block, [b'\n']) };
    }
    byte_set::mask(block, [b'\n'])
}

/// Whether the newlines can be found by AVX2.
fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx2");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

#[cfg(test)]
mod tests {
    use super::super::content_words::tests::Rng;
    use super::*;

    #[test]
    fn splits_lf_crlf_and_lone_cr_without_inventing_blank_lines() {
        let lines: Vec<&str> = raw_lines("a\r\nb\rc\n\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
    }

    #[test]
    fn splits_text_without_carriage_returns_like_str_split() {
        for raw in ["", "a", "a\n", "\na\n\nb", "x\ny\n\n", "\n"] {
            let lines: Vec<&str> = raw_lines(raw).collect();
            assert_eq!(lines, raw.split('\n').collect::<Vec<_>>(), "{raw:?}");
        }
    }

    #[test]
    fn splits_like_str_split_across_blocks() {
        // Texts of every length around the block edges, newlines anywhere
        // (at a block's first and last byte too), some letters not ASCII.
        let alphabet = ["a", "b", " ", "\n", "\n", "é", "東"];
        let mut rng = Rng(0x0dd5_eed5_1234_5678);
        for round in 0..4000 {
            let pieces = (rng.next_u64() % 200) as usize;
            let raw: String = (0..pieces)
                .map(|_| alphabet[(rng.next_u64() % alphabet.len() as u64) as usize])
                .collect();
            let lines: Vec<&str> = NlSplit::new(&raw).collect();
            assert_eq!(lines, raw.split('\n').collect::<Vec<_>>(), "{round}");
        }
        for n in [63, 64, 65, 127, 128, 129, 511, 512, 513, 1100] {
            let raw = "\n".repeat(n);
            assert_eq!(NlSplit::new(&raw).count(), n + 1);
            let raw = format!("{}\n", "x".repeat(n));
            let lines: Vec<&str> = NlSplit::new(&raw).collect();
            assert_eq!(lines, [&raw[..n], ""]);
        }
    }
}
