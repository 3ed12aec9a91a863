//! Telling copies apart, in pieces: the title key, a body's word set
//! (hashed words), and the overlap tests on those sets.

use crate::article::Article;

/// Words of the body compared (the first ones).
const WORDS: usize = 300;
/// Jaccard similarity of the word sets at or above which bodies are the same.
const SIMILAR: f64 = 0.8;
/// Share of a shorter body's words found in the longer one at or above
/// which it is a cut-short copy.
const CONTAINED: f64 = 0.9;
/// Distinct words a shorter body needs to count as a cut-short copy.
const MIN_CONTAINED: usize = 12;

/// Lowercase alphanumerics, anything else a space, spaces collapsed.
pub fn title_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    if title.is_ascii() {
        for b in title.bytes() {
            if b.is_ascii_alphanumeric() {
                key.push(b.to_ascii_lowercase() as char);
            } else if !key.is_empty() && !key.ends_with(' ') {
                key.push(' ');
            }
        }
        key.truncate(key.trim_end().len());
        return key;
    }
    for c in title.chars() {
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else if !key.is_empty() && !key.ends_with(' ') {
            key.push(' ');
        }
    }
    key.truncate(key.trim_end().len());
    key
}

/// The FNV-1a hash of [`title_key`]`(title)` (`None` when the key is
/// empty), made as the key is read rather than from a key built first:
/// every title of a collection is hashed when copies are looked for.
pub fn title_hash(title: &str) -> Option<u64> {
    let mut key = KeyHash {
        hash: FNV_START,
        any: false,
        space: false,
    };
    for c in title.chars() {
        if c.is_ascii() {
            let b = c as u8;
            if b.is_ascii_alphanumeric() {
                key.push(b.to_ascii_lowercase());
            } else {
                key.space |= key.any;
            }
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                l.encode_utf8(&mut [0; 4]).bytes().for_each(|b| key.push(b));
            }
        } else {
            key.space |= key.any;
        }
    }
    key.any.then_some(key.hash)
}

/// A title key hashed as it is made: `space` when a space is due before
/// the next word byte, `any` once a word byte was hashed.
struct KeyHash {
    hash: u64,
    any: bool,
    space: bool,
}

impl KeyHash {
    fn push(&mut self, b: u8) {
        if std::mem::take(&mut self.space) {
            self.add(b' ');
        }
        self.add(b);
        self.any = true;
    }

    fn add(&mut self, b: u8) {
        self.hash = (self.hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
}

/// The hashed, lowercased words of the first [`WORDS`] of the body, sorted
/// and without repeats. Words are runs of letters and digits; ASCII is
/// scanned a byte at a time, other characters decoded one by one.
pub fn word_set(article: &Article) -> Vec<u64> {
    let mut set = Vec::with_capacity(WORDS);
    for p in &article.paragraphs {
        hash_words(p, &mut set);
        if set.len() >= WORDS {
            set.truncate(WORDS);
            break;
        }
    }
    set.sort_unstable();
    set.dedup();
    // Sets of a whole collection's shared titles are held at once while
    // copies are looked for: the room for [`WORDS`] goes.
    set.shrink_to_fit();
    set
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes` (what [`title_hash`] gives of a title key).
#[cfg(test)]
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_START, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Appends the FNV-1a hash of each lowercased word of `text` to `out`,
/// stopping at [`WORDS`].
fn hash_words(text: &str, out: &mut Vec<u64>) {
    let bytes = text.as_bytes();
    let (mut h, mut in_word, mut i) = (FNV_START, false, 0);
    let add = |h: &mut u64, b: u8| {
        *h ^= u64::from(b);
        *h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    while i < bytes.len() && out.len() < WORDS {
        let b = bytes[i];
        let (alnum, width) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alnum {
            if b < 0x80 {
                add(&mut h, b.to_ascii_lowercase());
            } else {
                for l in text[i..i + width].chars().flat_map(char::to_lowercase) {
                    l.encode_utf8(&mut [0; 4])
                        .bytes()
                        .for_each(|b| add(&mut h, b));
                }
            }
            in_word = true;
        } else if in_word {
            out.push(std::mem::replace(&mut h, FNV_START));
            in_word = false;
        }
        i += width;
    }
    if in_word && out.len() < WORDS {
        out.push(h);
    }
}

/// Whether two word sets overlap by [`SIMILAR`] (Jaccard) or more; stops
/// as soon as the answer is known. Two empty bodies are the same.
pub fn similar(a: &[u64], b: &[u64]) -> bool {
    // c / (|a| + |b| - c) >= 4/5  <=>  c >= 4 (|a| + |b|) / 9, in integers.
    const _: () = assert!(SIMILAR == 0.8);
    has_common(a, b, (4 * (a.len() + b.len())).div_ceil(9))
}

/// Whether the shorter of two word sets lies inside the longer (see the
/// module docs).
pub fn contained(a: &[u64], b: &[u64]) -> bool {
    let shorter = a.len().min(b.len());
    const _: () = assert!(CONTAINED == 0.9);
    shorter >= MIN_CONTAINED && has_common(a, b, (9 * shorter).div_ceil(10))
}

/// |a ∩ b| / |a ∪ b| of two sorted sets; two empty bodies are the same.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let common = common(a, b);
    common as f64 / (a.len() + b.len() - common) as f64
}

/// Whether two sorted sets have at least `need` elements in common: a merge
/// that stops once that is reached or out of reach (most pairs of bodies
/// compared are different stories, told apart after a few dozen words).
fn has_common(a: &[u64], b: &[u64], need: usize) -> bool {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while common < need {
        if i == a.len() || j == b.len() || common + (a.len() - i).min(b.len() - j) < need {
            return false;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    true
}

/// |a ∩ b| of two sorted sets.
fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleId, Meta};

    fn article(title: &str, body: &str) -> Article {
        let paragraphs = vec![body.to_string()];
        Article {
            id: ArticleId::from_content(title, &paragraphs),
            path: format!("{title}.txt").into(),
            title: title.into(),
            meta: Meta::default(),
            paragraphs,
            removed: vec![],
            raw: String::new(),
        }
    }

    #[test]
    fn title_keys_ignore_case_punctuation_and_spacing() {
        assert_eq!(
            title_key("  Harbour: Board — AGREES!  "),
            "harbour board agrees"
        );
        assert_eq!(title_key("Café  crème"), "café crème");
        assert_eq!(title_key("!!!"), "");
        assert_eq!(
            title_key("  Harbour: Board — AGREES!  "),
            title_key("harbour board agrees")
        );
        assert_eq!(
            title_key("Harbour: Board - AGREES!  "),
            "harbour board agrees"
        );
    }

    #[test]
    fn title_hashes_are_the_hashes_of_title_keys() {
        let titles = [
            "",
            "!!!",
            "  Harbour: Board — AGREES!  ",
            "Café  crème",
            "Zürich's CAFÉ, 2024",
            "İstanbul ΣΟΦΙΑ",
            "Russia Says It’s Ready",
            "a",
            " a ",
            "a\u{a0}b\u{2003}c",
            "日本語 の タイトル",
            "x—y",
        ];
        for t in titles {
            let key = title_key(t);
            let want = (!key.is_empty()).then(|| fnv(key.as_bytes()));
            assert_eq!(title_hash(t), want, "{t:?}");
        }
    }

    #[test]
    fn the_early_stopping_checks_agree_with_the_full_counts() {
        let sets: Vec<Vec<u64>> = vec![
            vec![],
            (0..10).collect(),
            (0..9).chain([99]).collect(),
            (0..8).chain([98, 99]).collect(),
            (0..40).collect(),
            (2..42).collect(),
            (0..36).chain(100..104).collect(),
            (0..12).collect(),
            (0..9).collect(),
            (0..8).chain([98]).collect(),
        ];
        for a in &sets {
            for b in &sets {
                assert_eq!(similar(a, b), jaccard(a, b) >= SIMILAR, "{a:?} {b:?}");
                let shorter = a.len().min(b.len());
                let full =
                    shorter >= MIN_CONTAINED && common(a, b) as f64 >= CONTAINED * shorter as f64;
                assert_eq!(contained(a, b), full, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn words_are_letters_and_digits_in_any_case_and_script() {
        let a = article("t", "Zürich's CAFÉ, 2024: café—zürich s 2024!");
        assert_eq!(word_set(&a).len(), 4, "{:?}", word_set(&a));
        let b = article("t", "zürich café 2024 S");
        assert_eq!(word_set(&a), word_set(&b));
        let long = "word ".repeat(400) + "last";
        assert!(!word_set(&article("t", &long)).contains(&word_set(&article("t", "last"))[0]));
    }

    #[test]
    fn jaccard_of_word_sets() {
        assert_eq!(jaccard(&[1, 2, 3, 4], &[1, 2, 3, 4]), 1.0);
        assert_eq!(jaccard(&[1, 2], &[3, 4]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3, 4], &[1, 2, 3, 5]), 0.6);
        assert_eq!(jaccard(&[], &[]), 1.0);
    }
}
