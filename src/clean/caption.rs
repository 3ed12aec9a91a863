//! Photo captions and credits: a line that carries a credit mark ("Photo:",
//! "(Reuters", "Getty Images", "©") where a caption would.

use std::sync::OnceLock;

use memchr::memmem::Finder;

use super::needles::Needles;
use super::signals::Line;

/// Phrases that mark a photo caption or credit.
const CAPTION_MARKS: &[&str] = &[
    "(image:",
    "image:",
    "image credit",
    "photo:",
    "photo by",
    "(photo",
    "photos:",
    "photograph:",
    "photograph by",
    "(credit",
    "credit:",
    "credits:",
    "getty images",
    "ap photo",
    "/ap)",
    "/ ap",
    "file photo",
    "(reuters",
    "/reuters",
    "foto:",
    "(foto",
    "bild:",
    "crédit",
    "crédito",
    "istock",
    "shutterstock",
    "(pictured",
    "pictured)",
    "/ afp",
    "afp photo",
    "(afp",
    "©",
];

/// Words in the marks that carry no punctuation ("Getty Images", "file
/// photo"): short credit lines are recognised by them.
const WORDS: &[&str] = &["photo", "getty", "stock", "pictur", "credit", "crédit"];

/// Bytes of which every mark without one of `WORDS` has one.
const ANCHORS: &[u8] = b"(:/\xC2";

/// Photo captions and credits.
pub fn is_caption(l: &Line) -> bool {
    let lower = l.lower();
    // Every mark has one of these; most lines have none, so test them first.
    // Long captions carry their credit in brackets or after a colon or slash;
    // only short credit lines ("Photo by …", "Getty Images") need the words.
    // (An ASCII line has no 0xC2 byte to look for.)
    // (A plain line has none of the first three.)
    let maybe = !l.plain && memchr::memchr3(b'(', b':', b'/', lower.as_bytes()).is_some()
        || (!l.ascii && memchr::memchr(0xC2, lower.as_bytes()).is_some())
        || (l.words <= 12 && words().any_in(lower));
    // (For a short line of few words, the marks alone would tell the same,
    // every mark having a word or an anchor; tried, that one pass cost 10M
    // instructions more on a collection of 3,000 pages than these looks:
    // the marks start with many common letters, the words with few.)
    maybe && has_mark(lower, l.ascii)
        || (l.words <= 4 && l.text.starts_with('(') && l.text.ends_with(')'))
}

fn words() -> &'static Needles {
    static N: OnceLock<Needles> = OnceLock::new();
    N.get_or_init(|| Needles::new(WORDS))
}

fn marks() -> &'static Needles {
    static N: OnceLock<Needles> = OnceLock::new();
    N.get_or_init(|| Needles::new(CAPTION_MARKS))
}

/// Lines at least this long are searched for words by vectorised finders
/// rather than byte by byte.
const LONG: usize = 64;

/// True when some caption mark occurs in `lower`. A long line is first
/// searched at its anchor bytes for the marks without a word, then (only
/// when one of `WORDS` occurs, which is rare) for all marks. `ascii` tells
/// that `lower` is all ASCII, so has no 0xC2 anchor.
fn has_mark(lower: &str, ascii: bool) -> bool {
    if lower.len() < LONG {
        return marks().any_in(lower);
    }
    static FINDERS: OnceLock<Vec<Finder<'static>>> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| WORDS.iter().map(|w| Finder::new(w.as_bytes())).collect());
    anchored_mark(lower.as_bytes(), ascii)
        || finders.iter().any(|f| f.find(lower.as_bytes()).is_some()) && marks().any_in(lower)
}

/// The marks without any of `WORDS`, each with the offset of its first
/// anchor byte.
fn anchored() -> &'static [(&'static [u8], usize)] {
    static A: OnceLock<Vec<(&'static [u8], usize)>> = OnceLock::new();
    A.get_or_init(|| {
        CAPTION_MARKS
            .iter()
            .filter(|m| !WORDS.iter().any(|w| m.contains(w)))
            .filter_map(|m| {
                let at = m.bytes().position(|b| ANCHORS.contains(&b))?;
                Some((m.as_bytes(), at))
            })
            .collect()
    })
}

/// True when one of the `anchored` marks occurs in `hay`: looked for only
/// where an anchor byte is (no 0xC2 is looked for when `ascii`).
fn anchored_mark(hay: &[u8], ascii: bool) -> bool {
    let at_anchor = |p: usize| {
        anchored()
            .iter()
            .any(|&(m, k)| m[k] == hay[p] && p >= k && hay[p - k..].starts_with(m))
    };
    memchr::memchr3_iter(b'(', b':', b'/', hay).any(at_anchor)
        || (!ascii && memchr::memchr_iter(0xC2, hay).any(at_anchor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_has_a_word_or_an_anchor() {
        for m in CAPTION_MARKS {
            let word = WORDS.iter().any(|w| m.contains(w));
            let anchor = m.bytes().any(|b| ANCHORS.contains(&b));
            assert!(word || anchor, "{m}");
        }
    }

    #[test]
    fn long_lines_find_the_marks_the_byte_search_finds() {
        let filler = "the council met on tuesday and talked about the bridge again ";
        for m in CAPTION_MARKS {
            for hay in [
                format!("{filler}{m}"),
                format!("{m} {filler}"),
                format!("{filler}{m}{filler}"),
            ] {
                assert!(has_mark(&hay, hay.is_ascii()), "{hay}");
                assert!(has_mark(&hay, false), "{hay}");
            }
        }
        for hay in [
            filler.repeat(2),
            format!("{filler}(see: a/b) {filler}"),
            format!("{filler}photograph {filler}"),
        ] {
            assert_eq!(has_mark(&hay, true), marks().any_in(&hay), "{hay}");
            assert_eq!(has_mark(&hay, false), marks().any_in(&hay), "{hay}");
        }
    }

    #[test]
    fn captions_and_credits() {
        assert!(is_caption(&Line::new("Photo: Jane Roe/Reuters")));
        assert!(is_caption(&Line::new("Getty Images")));
        assert!(!is_caption(&Line::new(
            "The mayor said the bridge would reopen in spring."
        )));
    }
}
