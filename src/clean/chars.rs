//! Character classes for the per-line scan: a table for ASCII, a few
//! ranges and the Unicode tables for the rest.

/// Character classes of the scan, as bit flags.
pub const WS: u8 = 1;
pub const UPPER: u8 = 2;
pub const LOWER: u8 = 4;
/// Alphabetic but neither upper- nor lowercase (scripts without case).
pub const ALPHA: u8 = 8;
pub const NUM: u8 = 16;
/// Sentence punctuation that can glue two sentences: `?`, `!`, `)`, `.`.
pub const GLUE: u8 = 32;
pub const CJK: u8 = 64;

/// Classes of the ASCII bytes, so the common case needs no Unicode tables.
pub const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c == b' ' || (c >= 9 && c <= 13) {
            WS
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_digit() {
            NUM
        } else if matches!(c, b'?' | b'!' | b')' | b'.') {
            GLUE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The class of a non-ASCII character.
pub fn class_of(c: char) -> u8 {
    // Latin-1 letters, no-break space and the rest of Latin-1 first.
    match c as u32 {
        0xA0 => return WS,
        0xD7 | 0xF7 => return 0,
        0xC0..=0xDE => return UPPER,
        0xDF..=0xFF => return LOWER,
        _ => {}
    }
    // CJK punctuation and symbols ("、", "。", brackets), the prolonged sound
    // mark and kana iteration marks: common in Japanese text, rare in tables.
    match c as u32 {
        0x3001..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x3036 | 0x3037 | 0x303D..=0x303F => {
            return 0;
        }
        0x30FB => return 0,
        0x30FC..=0x30FE => return ALPHA | CJK,
        _ => {}
    }
    // Han, kana and Hangul syllables: letters without case, no table needed.
    if matches!(c as u32, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3)
    {
        return ALPHA | CJK;
    }
    // General punctuation (quotes, dashes, ellipsis).
    if let 0x2010..=0x2027 = c as u32 {
        return 0;
    }
    let cjk = if is_cjk(c) { CJK } else { 0 };
    if c.is_whitespace() {
        WS
    } else if c.is_alphabetic() {
        cjk | if c.is_uppercase() {
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
    }
}

/// Chinese, Japanese and Korean characters, which are written without spaces.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Whether `bytes[i..]` starts with a Han, kana or Hangul syllable (the
/// bulk of Chinese, Japanese and Korean text), whose class is
/// `ALPHA | CJK` and whose lowercase is itself: told from its three UTF-8
/// bytes, without decoding it or calling `class_of`.
#[inline]
pub fn caseless_cjk_at(bytes: &[u8], i: usize) -> bool {
    let Some(&[b0, b1, b2]) = bytes.get(i..i + 3) else {
        return false;
    };
    if b0 & 0xF0 != 0xE0 {
        return false;
    }
    let c = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
    matches!(c, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_cjk_is_told_from_bytes_as_the_classes_tell_it() {
        for c in (0x800u32..=0xFFFF).filter_map(char::from_u32) {
            let mut enc = [0u8; 4];
            let bytes = c.encode_utf8(&mut enc).as_bytes();
            let fast = caseless_cjk_at(bytes, 0);
            if fast {
                assert_eq!(class_of(c), ALPHA | CJK, "{c}");
                assert_eq!(c.to_lowercase().collect::<String>(), c.to_string());
            }
            let han_kana_hangul = matches!(c as u32,
                0x3041..=0x3096 | 0x30A1..=0x30FA | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3);
            assert_eq!(fast, han_kana_hangul, "{c}");
        }
        assert!(!caseless_cjk_at("日".as_bytes(), 1));
        assert!(caseless_cjk_at("a日".as_bytes(), 1));
    }
}
