//! Runs of word bytes found 64 bytes at a time: the words of a line read
//! off bit masks, without a branch per byte.

use crate::blocks::{self, BLOCK};

/// Calls `f` with each run of word bytes in `bytes`, in order: with the
/// text from the run on, and the run's length. Word bytes are the ASCII
/// letters and digits and, when `HIGH`, every byte of a non-ASCII
/// character too (a run then holds whole characters, as ASCII bytes never
/// fall inside one).
///
/// The runs are read off a bit mask of the word bytes, 64 bytes at a time:
/// a byte costs a few operations and a word a few more, and neither
/// decides a branch per byte.
#[inline]
pub fn for_each_run<const HIGH: bool>(bytes: &[u8], mut f: impl FnMut(&[u8], usize)) {
    const SHUT: usize = usize::MAX;
    // Where the word under way started (`SHUT` when none), and whether the
    // previous block's last byte was a word byte.
    let mut open = SHUT;
    let mut carry = 0;
    let mut at = 0;
    while at < bytes.len() {
        let m = block_mask::<HIGH>(bytes, at);
        let before = (m << 1) | carry;
        // A word starts where a word byte follows another byte, and ends
        // where another byte follows a word byte; they alternate.
        let mut starts = m & !before;
        let mut ends = !m & before;
        carry = m >> 63;
        loop {
            if open == SHUT {
                if starts == 0 {
                    break;
                }
                open = at + starts.trailing_zeros() as usize;
                starts &= starts - 1;
            }
            if ends == 0 {
                break;
            }
            let end = at + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            f(&bytes[open..], end - open);
            open = SHUT;
        }
        at += BLOCK;
    }
    if open != SHUT {
        f(&bytes[open..], bytes.len() - open);
    }
}

/// Bit `k` set when byte `at + k` of `bytes` is a word byte (see
/// `for_each_run`; bytes past the end are not).
#[inline]
fn block_mask<const HIGH: bool>(bytes: &[u8], at: usize) -> u64 {
    let classes = match bytes.get(at..at + BLOCK) {
        Some(full) => blocks::classify(full.try_into().unwrap_or(&[0; BLOCK])),
        // A short last block is zero-padded, and NUL is no word byte.
        None => blocks::classify(&blocks::padded(&bytes[at..], 0)),
    };
    if HIGH {
        classes.alnum() | classes.high
    } else {
        classes.alnum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs of word bytes, found byte by byte.
    fn byte_runs(bytes: &[u8], high: bool) -> Vec<Vec<u8>> {
        bytes
            .split(|&c| !(c.is_ascii_alphanumeric() || (high && c >= 0x80)))
            .filter(|w| !w.is_empty())
            .map(<[u8]>::to_vec)
            .collect()
    }

    /// The runs `for_each_run` finds, with or without high bytes.
    fn runs(bytes: &[u8], high: bool) -> Vec<Vec<u8>> {
        let mut runs = Vec::new();
        let mut push = |at: &[u8], len: usize| runs.push(at[..len].to_vec());
        if high {
            for_each_run::<true>(bytes, &mut push);
        } else {
            for_each_run::<false>(bytes, &mut push);
        }
        runs
    }

    #[test]
    fn word_runs_agree_with_byte_by_byte() {
        for high in [false, true] {
            for b in 0..=255u8 {
                for len in 0..70 {
                    let mut bytes = vec![b'Q'; len];
                    bytes.push(b);
                    bytes.extend_from_slice(b"az09AZ!\xc3\xa9t\xc3\xa9 x");
                    assert_eq!(
                        runs(&bytes, high),
                        byte_runs(&bytes, high),
                        "{b} {len} {high}"
                    );
                }
            }
            assert!(runs(b"", high).is_empty());
            assert!(runs(b" .,;", high).is_empty());
        }
    }

    #[test]
    fn word_runs_cross_and_end_at_block_edges() {
        for high in [false, true] {
            for len in [1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 200] {
                for gap in [0, 1, 62, 63, 64, 65, 70] {
                    let mut bytes = vec![b' '; gap];
                    bytes.extend(std::iter::repeat_n(b'k', len));
                    bytes.extend_from_slice(b"  Zz9 x");
                    assert_eq!(runs(&bytes, high), byte_runs(&bytes, high), "{len} {gap}");
                    // Ending exactly at the end of the text, at a block edge or not.
                    let mut ends = Vec::new();
                    for_each_run::<false>(&bytes[..gap + len], |_, n| ends.push(n));
                    assert_eq!(ends, [len], "{len} {gap}");
                }
            }
        }
    }
}
