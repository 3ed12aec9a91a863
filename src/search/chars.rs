//! What each character is to the tokenizer and what it folds to: the
//! folding rules described in [`super::fold`], with a table for the first
//! few thousand code points so accented Latin, Greek and Cyrillic text
//! folds at table speed.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// What one character of the original text is, for tokenizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Part of a word; its folded form was appended.
    Word,
    /// A character that is a token on its own (CJK).
    Single,
    /// A mark that folds to nothing: continues a word, else separates.
    Mark,
    /// Anything else: ends the current word.
    Separator,
}

/// Code points below this fold through a table built as it is used.
const TABLE_END: u32 = 0x2000;

/// CJK symbols and punctuation, hiragana and katakana: most of Japanese
/// text, so they have table entries too (after those below `TABLE_END`).
const KANA: Range<u32> = 0x3000..0x3100;

/// The General Punctuation block (spaces, dashes, curly quotes, …): all
/// separators. This and the two below are common enough in news text
/// that working each character out from the Unicode tables showed in
/// profiles; tests check them against the tables.
const PUNCTUATION: Range<u32> = 0x2000..0x2070;

/// CJK unified ideographs: all tokens on their own.
const IDEOGRAPHS: Range<u32> = 0x4e00..0xa000;

/// Appends the folded form of `c` to `out` when it is part of a word, and
/// says what kind of character it is.
#[inline]
pub(super) fn fold_char(c: char, out: &mut String) -> Kind {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            return Kind::Word;
        }
        return Kind::Separator;
    }
    let code = c as u32;
    if let Some((kind, folded)) = tabled(code) {
        out.push_str(folded);
        return *kind;
    }
    if PUNCTUATION.contains(&code) {
        return Kind::Separator;
    }
    if IDEOGRAPHS.contains(&code) {
        return Kind::Single;
    }
    fold_char_uncached(c, out)
}

/// The table is built in pages of this many code points, each on first
/// use: working one out takes about half a million instructions, and a
/// text seldom needs more than a few.
const PAGE: u32 = 256;

/// Pages below [`TABLE_END`], then the one of [`KANA`].
const PAGES: usize = (TABLE_END / PAGE) as usize + 1;
const _: () = assert!(KANA.end - KANA.start == PAGE && KANA.start.is_multiple_of(PAGE));

/// A code point's kind and folded form.
type Entry = (Kind, Box<str>);

/// The kind and folded form of `code` from the table, if it is there.
#[inline]
fn tabled(code: u32) -> Option<&'static Entry> {
    let slot = if code < TABLE_END {
        (code / PAGE) as usize
    } else if KANA.contains(&code) {
        PAGES - 1
    } else {
        return None;
    };
    Some(&page(slot, code - code % PAGE)[(code % PAGE) as usize])
}

/// Table page `slot`, of the code points from `first`.
fn page(slot: usize, first: u32) -> &'static [Entry] {
    static TABLE: [OnceLock<Box<[Entry]>>; PAGES] = [const { OnceLock::new() }; PAGES];
    TABLE[slot].get_or_init(|| {
        (first..first + PAGE)
            .map(|n| {
                let mut folded = String::new();
                let kind = char::from_u32(n)
                    .map_or(Kind::Separator, |c| fold_char_uncached(c, &mut folded));
                (kind, folded.into_boxed_str())
            })
            .collect()
    })
}

/// [`fold_char`] worked out from the Unicode tables.
fn fold_char_uncached(c: char, out: &mut String) -> Kind {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            return Kind::Word;
        }
        return Kind::Separator;
    }
    if let Some(s) = special(c) {
        out.push_str(s);
        return Kind::Word;
    }
    if is_dropped_mark(c) {
        return Kind::Mark;
    }
    if !c.is_alphanumeric() && !is_combining_mark(c) {
        return Kind::Separator;
    }
    if is_single(c) {
        return Kind::Single;
    }
    if ('\u{ac00}'..='\u{d7a3}').contains(&c) {
        // Hangul syllables would decompose into jamo; keep them whole.
        out.push(c);
        return Kind::Word;
    }
    let before = out.len();
    for lower in c.to_lowercase() {
        decompose_compatible(lower, |d| {
            if let Some(s) = special(d) {
                out.push_str(s);
            } else if !is_dropped_mark(d) && (d.is_alphanumeric() || is_combining_mark(d)) {
                // Compatibility forms can decompose to capitals (℡, ㎒).
                out.extend(d.to_lowercase());
            }
        });
    }
    if out.len() == before {
        Kind::Mark
    } else {
        Kind::Word
    }
}

/// The folded form of a one-character token (half-width katakana widen).
pub(super) fn fold_single(c: char, out: &mut String) {
    if ('\u{ff00}'..='\u{ffef}').contains(&c) {
        decompose_compatible(c, |d| {
            if !is_dropped_mark(d) {
                out.push(d);
            }
        });
    } else {
        out.push(c);
    }
}

/// Letters with no decomposition that readers still expect to match ASCII.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        _ => return None,
    })
}

/// Combining marks that only decorate a letter and are dropped by folding.
fn is_dropped_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'       // combining diacritical marks
        | '\u{1ab0}'..='\u{1aff}'   // ... extended
        | '\u{1dc0}'..='\u{1dff}'   // ... supplement
        | '\u{20d0}'..='\u{20ff}'   // ... for symbols
        | '\u{fe20}'..='\u{fe2f}'   // combining half marks
        | '\u{591}'..='\u{5bd}' | '\u{5bf}' | '\u{5c1}'..='\u{5c2}' | '\u{5c4}'..='\u{5c5}' | '\u{5c7}' // Hebrew points
        | '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}' | '\u{670}' // Arabic harakat
        | '\u{6d6}'..='\u{6dc}' | '\u{6df}'..='\u{6e4}' | '\u{6e7}'..='\u{6e8}' | '\u{6ea}'..='\u{6ed}'
        | '\u{3099}'..='\u{309a}'   // combining kana voicing marks
        | '\u{ff9e}'..='\u{ff9f}' // half-width voicing marks
    )
}

/// Letters of scripts written without spaces, indexed one per token:
/// Han ideographs, hiragana, katakana (full and half width).
fn is_single(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'     // 々 〆 〇
        | '\u{3041}'..='\u{309f}'   // hiragana
        | '\u{30a0}'..='\u{30ff}'   // katakana
        | '\u{31f0}'..='\u{31ff}'   // katakana phonetic extensions
        | '\u{3400}'..='\u{4dbf}'   // CJK extension A
        | '\u{4e00}'..='\u{9fff}'   // CJK unified ideographs
        | '\u{f900}'..='\u{faff}'   // CJK compatibility ideographs
        | '\u{ff66}'..='\u{ff9d}'   // half-width katakana
        | '\u{20000}'..='\u{3ffff}' // CJK extensions B and later
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_the_unicode_tables() {
        for n in (0x80..TABLE_END).chain(KANA) {
            let Some(c) = char::from_u32(n) else { continue };
            let (mut fast, mut slow) = (String::new(), String::new());
            assert_eq!(
                fold_char(c, &mut fast),
                fold_char_uncached(c, &mut slow),
                "{c:?}"
            );
            assert_eq!(fast, slow, "{c:?}");
        }
    }

    #[test]
    fn general_punctuation_is_all_separators() {
        for c in PUNCTUATION.filter_map(char::from_u32) {
            let mut folded = String::new();
            assert_eq!(fold_char_uncached(c, &mut folded), Kind::Separator, "{c:?}");
            assert_eq!(folded, "", "{c:?}");
        }
    }

    #[test]
    fn unified_ideographs_are_all_single() {
        for c in IDEOGRAPHS.filter_map(char::from_u32) {
            let mut folded = String::new();
            assert_eq!(fold_char_uncached(c, &mut folded), Kind::Single, "{c:?}");
            assert_eq!(folded, "", "{c:?}");
        }
    }

    #[test]
    fn kinds_of_characters() {
        let kind = |c| fold_char(c, &mut String::new());
        assert_eq!(kind('é'), Kind::Word);
        assert_eq!(kind('\u{301}'), Kind::Mark);
        assert_eq!(kind('東'), Kind::Single);
        assert_eq!(kind('—'), Kind::Separator);
        assert_eq!(kind('😀'), Kind::Separator);
    }
}
