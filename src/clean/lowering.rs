//! The two forms of a line's text the cleaner compares: its key (lowercase
//! letters and digits only, so that case, spacing and punctuation do not
//! tell two lines apart) and its lowercase copy (for phrases). Built by
//! `signals` for each measured line, and by the headline code for titles.

use super::chars::{ALPHA, CJK, LOWER, NUM, UPPER, caseless_cjk_at, class_of};

/// Lowercase letters and digits of `s`, everything else dropped: the key that
/// makes two lines equal regardless of case, spacing, punctuation and quotes.
pub fn key_of(s: &str) -> String {
    let mut k = Vec::with_capacity(s.len());
    push_key(&mut k, s);
    String::from_utf8(k).unwrap_or_default()
}

/// Appends the key of `s` (see `key_of`) to `k` as UTF-8: ASCII text by a
/// branch-free copy through a stack buffer, other text char by char. (A
/// path for the accented letters U+00C0..=U+00FF from their second byte,
/// here and in `char_scan`, was tried: no change on the generated
/// collections, whose lines not in ASCII are mostly Japanese.)
pub(super) fn push_key(k: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut tmp = [0u8; 256];
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII bytes through the table and a stack buffer.
        let chunk = &bytes[i..bytes.len().min(i + 256)];
        let run = &chunk[..ascii_len(chunk)];
        let mut n = 0;
        for &b in run {
            let m = KEY_BYTE[usize::from(b & 0x7f)];
            // `n` stays below 256, so the mask only spares a bounds check.
            tmp[n & 255] = m;
            n += usize::from(m != 0);
        }
        i += run.len();
        k.extend_from_slice(&tmp[..n]);
        if caseless_cjk_at(bytes, i) {
            // A letter that is its own lowercase: its bytes as they are.
            k.extend_from_slice(&bytes[i..i + 3]);
            i += 3;
        } else if i < bytes.len() && bytes[i] >= 0x80 {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            let class = class_of(c);
            if class & (UPPER | LOWER | ALPHA | NUM) != 0 {
                push_lower_char(k, c, class);
            }
        }
    }
}

/// Each ASCII byte's contribution to a key: lowercase letters and digits as
/// themselves, uppercase letters lowered, everything else 0 (dropped).
const KEY_BYTE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Appends `s` lowercased to `out` as UTF-8 (ASCII runs copied in one go and
/// lowered, caseless characters copied as they are).
pub(super) fn push_lower(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = ascii_len(&bytes[i..]);
        let from = out.len();
        out.extend_from_slice(&bytes[i..i + run]);
        out[from..].make_ascii_lowercase();
        i += run;
        if caseless_cjk_at(bytes, i) {
            out.extend_from_slice(&bytes[i..i + 3]);
            i += 3;
        } else if i < bytes.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            push_lower_char(out, c, class_of(c));
        }
    }
}

/// The length of the run of ASCII bytes `bytes` starts with, found eight
/// bytes at a time. (In a line of a language with accents, most runs end
/// at a letter tens of bytes on: a byte at a time, the two searches that
/// found them, each run looked at twice by the key, were a third of the
/// instructions the lines not in ASCII took to measure.)
fn ascii_len(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let high = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) & HIGH;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..].iter().take_while(|b| b.is_ascii()).count()
}

/// Appends the lowercase form of `c`, whose class is `class`, to `out`.
fn push_lower_char(out: &mut Vec<u8>, c: char, class: u8) {
    let mut enc = [0u8; 4];
    if class & UPPER == 0 && (class & (LOWER | CJK) != 0 || !c.is_alphabetic()) {
        // Lowercase, caseless and non-letter characters map to themselves.
        out.extend_from_slice(c.encode_utf8(&mut enc).as_bytes());
    } else {
        for lc in c.to_lowercase() {
            out.extend_from_slice(lc.encode_utf8(&mut enc).as_bytes());
        }
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
pub fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ignores_case_punctuation_and_quotes() {
        assert_eq!(key_of("It’s  \"Ready\"!"), key_of("it's ready"));
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix("ééé", 3), "é");
    }

    #[test]
    fn ascii_runs_end_at_the_first_byte_not_in_ascii() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789 é".repeat(3);
        let b = text.as_bytes();
        for from in 0..b.len() {
            for to in from..=b.len() {
                let want = b[from..to].iter().take_while(|b| b.is_ascii()).count();
                assert_eq!(ascii_len(&b[from..to]), want, "{from} {to}");
            }
        }
    }

    #[test]
    fn own_lowercasing_matches_std() {
        for s in [
            "Ärger über Öl",
            "ÇA VA",
            "東京タワー",
            "İstanbul",
            "ǅemal",
            "Ω ω",
        ] {
            let mut b = Vec::new();
            push_lower(&mut b, s);
            assert_eq!(String::from_utf8(b).unwrap(), s.to_lowercase(), "{s}");
        }
    }
}
