//! The per-line scan a character at a time, for lines that are not all
//! ASCII: ASCII bytes by table, other characters decoded and classed.

use super::chars::{
    ALPHA, ASCII_CLASS, CJK, GLUE, LOWER, NUM, UPPER, WS, caseless_cjk_at, class_of,
};
use super::signals::Line;

/// The one pass over a line's bytes behind `Line::new` (ASCII by table,
/// other characters decoded); returns the number of CJK characters.
pub fn scan(l: &mut Line, text: &str) -> u32 {
    let bytes = text.as_bytes();
    let mut cjk = 0u32;
    let mut in_word = false;
    let mut lower_run = 0u32;
    // A sentence end glued to the next word ("Rise?Violence"): 1 after the
    // punctuation, 2 once an uppercase letter follows it.
    let mut punct_glue = 0u8;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = if b < 0x80 {
            i += 1;
            ASCII_CLASS[b as usize]
        } else if caseless_cjk_at(bytes, i) {
            i += 3;
            ALPHA | CJK
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            class_of(c)
        };
        // A lowercase letter after a letter or a space only counts (and
        // starts a word after a space).
        if class == LOWER && punct_glue == 0 {
            if !in_word {
                in_word = true;
                l.words += 1;
                l.alpha_words += 1;
            }
            // The rest of a run of ASCII lowercase letters in one go.
            let start = i;
            i = lowercase_run_end(bytes, i);
            let run = (i - start) as u32 + 1;
            l.chars += run;
            l.letters += run;
            lower_run += run;
            continue;
        }
        if class & WS != 0 {
            in_word = false;
            lower_run = 0;
            punct_glue = 0;
            continue;
        }
        punct_glue = if class & GLUE != 0 {
            1
        } else if punct_glue == 1 && class & UPPER != 0 {
            2
        } else if punct_glue == 2 && class & LOWER != 0 {
            l.glued += 1;
            l.glued_strong += 1;
            0
        } else {
            0
        };
        l.chars += 1;
        let alpha = class & (UPPER | LOWER | ALPHA) != 0;
        if !in_word {
            in_word = true;
            l.words += 1;
            if alpha {
                l.alpha_words += 1;
                if class & UPPER != 0 {
                    l.cap_words += 1;
                }
            }
        }
        if alpha {
            l.letters += 1;
            if class & CJK != 0 {
                cjk += 1;
            }
            if class & UPPER != 0 {
                if lower_run >= 2 {
                    l.glued += 1;
                }
                if lower_run >= 4 {
                    l.glued_strong += 1;
                }
                lower_run = 0;
            } else if class & LOWER != 0 {
                lower_run += 1;
            } else {
                lower_run = 0;
            }
        } else {
            if class & NUM != 0 {
                l.digits += 1;
            }
            lower_run = 0;
        }
    }
    cjk
}

/// The end of the run of ASCII lowercase letters in `bytes` from `i` on,
/// eight bytes at a time: a word's length decides no branch, so the end of
/// a word costs no mispredicted loop exit.
fn lowercase_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let n = lowercase_prefix(x);
        i += n;
        if n < 8 {
            return i;
        }
    }
    while i < bytes.len() && bytes[i].is_ascii_lowercase() {
        i += 1;
    }
    i
}

/// How many of the eight bytes of `x` (in memory order) starting it are
/// ASCII lowercase letters. Per byte, with the top bit cleared first so no
/// sum carries into the next byte: adding 0x1F sets the top bit from `a`
/// on, adding 0x05 from `{` on; a byte that had the top bit is no letter.
fn lowercase_prefix(x: u64) -> usize {
    const TOP: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !TOP;
    let from_a = low7 + 0x1F1F_1F1F_1F1F_1F1F;
    let past_z = low7 + 0x0505_0505_0505_0505;
    let lower = from_a & !past_z & !x & TOP;
    (!lower & TOP).trailing_zeros() as usize / 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_runs_end_where_byte_by_byte_says() {
        // Every byte value after each length of run, at every offset.
        for b in 0..=255u8 {
            for len in 0..12 {
                let mut bytes = vec![b'q'; len];
                bytes.push(b);
                bytes.extend_from_slice(b"abcdefghij");
                let want = bytes.iter().position(|c| !c.is_ascii_lowercase());
                let want = want.unwrap_or(bytes.len());
                assert_eq!(lowercase_run_end(&bytes, 0), want, "{b} {len}");
                assert_eq!(lowercase_run_end(&bytes, len), want.max(len));
            }
        }
        assert_eq!(lowercase_run_end(b"", 0), 0);
        assert_eq!(lowercase_run_end(b"abc", 3), 3);
    }

    #[test]
    fn fast_classes_agree_with_unicode() {
        for c in '\u{80}'..='\u{3100}' {
            let want = if c.is_whitespace() {
                WS
            } else if c.is_alphabetic() {
                if c.is_uppercase() {
                    UPPER
                } else if c.is_lowercase() {
                    LOWER
                } else {
                    ALPHA
                }
            } else if c.is_numeric() {
                NUM
            } else {
                0
            };
            assert_eq!(class_of(c) & !CJK, want, "{c:?}");
        }
    }
}
