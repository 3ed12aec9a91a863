//! Multilingual phrase lists: the stock phrases of share bars, promos, cookie notices, related-link headers and
//! navigation, each tied to the removal reason it explains.
//!
//! Phrases are matched on whole lowercase words, looked up by their first word
//! in a hash map, so a line costs one lookup per word however long the lists.

use std::sync::OnceLock;

use super::Reason;
use super::separators;
use super::stopwords;
pub use super::stopwords::{is_stopword, is_stopword_bytes};

/// How a phrase must sit in a line to count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// The line's words are exactly the phrase's (a button, a label).
    Whole,
    /// The phrase starts the line.
    Lead,
    /// The phrase occurs anywhere in a short line.
    Any,
}

use Fit::{Any, Lead, Whole};

/// Stock phrases: (words, where they must sit, reason).
const PHRASES: &[(&str, Fit, Reason)] = &[
    // Share bars and their buttons.
    ("share", Whole, Reason::ShareWidget),
    ("shares", Whole, Reason::ShareWidget),
    ("share this", Lead, Reason::ShareWidget),
    ("share this article", Any, Reason::ShareWidget),
    ("share this story", Any, Reason::ShareWidget),
    ("share on", Lead, Reason::ShareWidget),
    ("share via", Any, Reason::ShareWidget),
    ("share permalink", Any, Reason::ShareWidget),
    ("share the article", Any, Reason::ShareWidget),
    ("click to share", Any, Reason::ShareWidget),
    ("click to email", Any, Reason::ShareWidget),
    ("click to print", Any, Reason::ShareWidget),
    ("opens in new window", Any, Reason::ShareWidget),
    ("sharing is caring", Any, Reason::ShareWidget),
    ("submit to", Lead, Reason::ShareWidget),
    ("get short url", Any, Reason::ShareWidget),
    ("copy link", Whole, Reason::ShareWidget),
    ("print this article", Any, Reason::ShareWidget),
    ("print article", Whole, Reason::ShareWidget),
    ("order reprints", Any, Reason::ShareWidget),
    ("reuse this content", Any, Reason::ShareWidget),
    ("text size", Whole, Reason::ShareWidget),
    ("compartilhe", Lead, Reason::ShareWidget),
    ("compartilhar", Lead, Reason::ShareWidget),
    ("condividi", Lead, Reason::ShareWidget),
    ("teilen", Lead, Reason::ShareWidget),
    ("artikel teilen", Any, Reason::ShareWidget),
    ("partager", Lead, Reason::ShareWidget),
    ("compartir", Lead, Reason::ShareWidget),
    ("bagikan", Lead, Reason::ShareWidget),
    // Close buttons, modal controls.
    ("close", Whole, Reason::Widget),
    ("close menu", Whole, Reason::Widget),
    ("fechar", Whole, Reason::Widget),
    ("schließen", Whole, Reason::Widget),
    ("chiudi", Whole, Reason::Widget),
    ("cerrar", Whole, Reason::Widget),
    ("fermer", Whole, Reason::Widget),
    ("tutup", Whole, Reason::Widget),
    ("x", Whole, Reason::Widget),
    ("back to gallery", Whole, Reason::Widget),
    ("back to top", Whole, Reason::Widget),
    ("toggle navigation", Whole, Reason::Widget),
    ("skip to content", Any, Reason::Widget),
    ("skip to main content", Any, Reason::Widget),
    // Video prompts.
    ("watch video", Lead, Reason::Promo),
    ("watch the video", Lead, Reason::Promo),
    ("video below", Any, Reason::Promo),
    ("watch below", Any, Reason::Promo),
    ("play video", Whole, Reason::Promo),
    ("video", Whole, Reason::Promo),
    ("assista ao vídeo", Any, Reason::Promo),
    ("guarda il video", Any, Reason::Promo),
    // Newsletters, subscriptions, apps, ads, cookies.
    ("newsletter", Any, Reason::Promo),
    ("newsletters", Any, Reason::Promo),
    ("subscribe", Any, Reason::Promo),
    ("subscribing", Any, Reason::Promo),
    ("subscription", Any, Reason::Promo),
    ("sign up", Any, Reason::Promo),
    ("signing up", Any, Reason::Promo),
    ("opt-in", Any, Reason::Promo),
    ("your inbox", Any, Reason::Promo),
    ("download the app", Any, Reason::Promo),
    ("get the app", Any, Reason::Promo),
    ("listen live", Whole, Reason::Promo),
    ("abonnieren", Any, Reason::Promo),
    ("abonnez-vous", Any, Reason::Promo),
    ("inscreva-se", Any, Reason::Promo),
    ("assine", Lead, Reason::Promo),
    ("iscriviti", Any, Reason::Promo),
    ("suscríbete", Any, Reason::Promo),
    ("berlangganan", Any, Reason::Promo),
    ("advertisement", Any, Reason::Promo),
    ("advertise", Whole, Reason::Promo),
    ("advertise with us", Whole, Reason::Promo),
    ("sponsored", Any, Reason::Promo),
    ("sponsored content", Any, Reason::Promo),
    ("anzeige", Whole, Reason::Promo),
    ("werbung", Whole, Reason::Promo),
    ("publicidade", Whole, Reason::Promo),
    ("publicidad", Whole, Reason::Promo),
    ("pubblicità", Whole, Reason::Promo),
    ("publicité", Whole, Reason::Promo),
    ("iklan", Whole, Reason::Promo),
    ("ad choices", Any, Reason::Boilerplate),
    ("adchoices", Any, Reason::Boilerplate),
    ("affiliate", Any, Reason::Promo),
    ("cookie", Any, Reason::Boilerplate),
    ("cookies", Any, Reason::Boilerplate),
    ("privacy policy", Any, Reason::Boilerplate),
    ("terms of use", Any, Reason::Boilerplate),
    ("terms of service", Any, Reason::Boilerplate),
    ("all rights reserved", Any, Reason::Boilerplate),
    ("alle rechte vorbehalten", Any, Reason::Boilerplate),
    ("todos os direitos reservados", Any, Reason::Boilerplate),
    ("tutti i diritti riservati", Any, Reason::Boilerplate),
    ("todos los derechos reservados", Any, Reason::Boilerplate),
    ("tous droits réservés", Any, Reason::Boilerplate),
    ("copyright", Lead, Reason::Boilerplate),
    ("comments", Whole, Reason::Comment),
    ("comment", Whole, Reason::Comment),
    ("top rated comments", Whole, Reason::Comment),
    ("leave a comment", Any, Reason::Comment),
    ("leave a reply", Any, Reason::Comment),
    ("post a comment", Any, Reason::Comment),
    ("join the discussion", Any, Reason::Comment),
    ("join the conversation", Any, Reason::Comment),
    ("share your thoughts", Any, Reason::Comment),
    ("reply", Whole, Reason::Comment),
    ("no comments", Whole, Reason::Comment),
    ("nessun commento", Whole, Reason::Comment),
    ("commenti", Whole, Reason::Comment),
    ("comentários", Whole, Reason::Comment),
    ("sem comentários", Whole, Reason::Comment),
    ("comentarios", Whole, Reason::Comment),
    ("kommentare", Whole, Reason::Comment),
    ("keine kommentare", Whole, Reason::Comment),
    ("commentaires", Whole, Reason::Comment),
    ("komentar", Whole, Reason::Comment),
    ("tempo de leitura", Lead, Reason::Byline),
    ("min read", Any, Reason::Byline),
    ("minute read", Any, Reason::Byline),
    ("minutes read", Any, Reason::Byline),
    ("lesezeit", Any, Reason::Byline),
    // Related links and "read more" headers.
    ("related", Lead, Reason::RelatedLinks),
    ("related articles", Any, Reason::RelatedLinks),
    ("related stories", Any, Reason::RelatedLinks),
    ("related posts", Any, Reason::RelatedLinks),
    ("read more", Lead, Reason::RelatedLinks),
    ("read also", Lead, Reason::RelatedLinks),
    ("also read", Lead, Reason::RelatedLinks),
    ("see also", Lead, Reason::RelatedLinks),
    ("more stories", Lead, Reason::RelatedLinks),
    ("more from", Lead, Reason::RelatedLinks),
    ("more on", Whole, Reason::RelatedLinks),
    ("most popular", Lead, Reason::RelatedLinks),
    ("most read", Lead, Reason::RelatedLinks),
    ("popular posts", Whole, Reason::RelatedLinks),
    ("recommended", Whole, Reason::RelatedLinks),
    ("recommended for you", Whole, Reason::RelatedLinks),
    ("you may also like", Lead, Reason::RelatedLinks),
    ("you might also like", Lead, Reason::RelatedLinks),
    ("trending", Lead, Reason::RelatedLinks),
    ("up next", Lead, Reason::RelatedLinks),
    ("previous post", Whole, Reason::RelatedLinks),
    ("next post", Whole, Reason::RelatedLinks),
    ("previous article", Whole, Reason::RelatedLinks),
    ("next article", Whole, Reason::RelatedLinks),
    ("previous articles", Whole, Reason::RelatedLinks),
    ("view more articles", Any, Reason::RelatedLinks),
    ("our latest stories", Whole, Reason::RelatedLinks),
    ("top stories", Whole, Reason::RelatedLinks),
    ("latest news", Whole, Reason::RelatedLinks),
    ("latest stories", Whole, Reason::RelatedLinks),
    ("latest headlines", Whole, Reason::RelatedLinks),
    ("more news", Whole, Reason::RelatedLinks),
    ("all news", Whole, Reason::RelatedLinks),
    ("other news", Lead, Reason::RelatedLinks),
    ("partner news", Whole, Reason::RelatedLinks),
    ("related news", Whole, Reason::RelatedLinks),
    ("editor's picks", Whole, Reason::RelatedLinks),
    ("editors' picks", Whole, Reason::RelatedLinks),
    ("don't miss", Lead, Reason::RelatedLinks),
    ("we recommend", Whole, Reason::RelatedLinks),
    ("around the web", Whole, Reason::RelatedLinks),
    ("from the web", Whole, Reason::RelatedLinks),
    ("promoted stories", Whole, Reason::RelatedLinks),
    ("sponsored stories", Whole, Reason::RelatedLinks),
    ("more on this", Lead, Reason::RelatedLinks),
    ("most viewed", Whole, Reason::RelatedLinks),
    ("most shared", Whole, Reason::RelatedLinks),
    ("mais lidas", Whole, Reason::RelatedLinks),
    ("últimas notícias", Whole, Reason::RelatedLinks),
    ("notícias relacionadas", Whole, Reason::RelatedLinks),
    ("più letti", Whole, Reason::RelatedLinks),
    ("articoli correlati", Whole, Reason::RelatedLinks),
    ("meistgelesen", Whole, Reason::RelatedLinks),
    (
        "das könnte sie auch interessieren",
        Whole,
        Reason::RelatedLinks,
    ),
    ("à lire aussi", Lead, Reason::RelatedLinks),
    ("les plus lus", Whole, Reason::RelatedLinks),
    ("lo más leído", Whole, Reason::RelatedLinks),
    ("noticias relacionadas", Whole, Reason::RelatedLinks),
    ("berita terkait", Lead, Reason::RelatedLinks),
    ("terpopuler", Whole, Reason::RelatedLinks),
    ("leia também", Lead, Reason::RelatedLinks),
    ("veja também", Lead, Reason::RelatedLinks),
    ("leggi anche", Lead, Reason::RelatedLinks),
    ("lesen sie auch", Lead, Reason::RelatedLinks),
    ("mehr zum thema", Lead, Reason::RelatedLinks),
    ("lire aussi", Lead, Reason::RelatedLinks),
    ("lee también", Lead, Reason::RelatedLinks),
    ("baca juga", Lead, Reason::RelatedLinks),
    ("artikel terkait", Lead, Reason::RelatedLinks),
    ("zurück zur übersicht", Whole, Reason::Navigation),
    // Navigation labels.
    ("menu", Whole, Reason::Navigation),
    ("- menu -", Whole, Reason::Navigation),
    ("home", Whole, Reason::Navigation),
    ("search", Whole, Reason::Navigation),
    ("log in", Whole, Reason::Navigation),
    ("login", Whole, Reason::Navigation),
    ("sign in", Whole, Reason::Navigation),
    ("log out", Whole, Reason::Navigation),
    ("my account", Whole, Reason::Navigation),
    ("filed under", Lead, Reason::Navigation),
    ("topics", Whole, Reason::Navigation),
    ("tags", Lead, Reason::Navigation),
    ("categories", Whole, Reason::Navigation),
    ("archives", Whole, Reason::Navigation),
    ("follow us", Lead, Reason::Navigation),
    ("about us", Whole, Reason::Navigation),
    ("contact us", Whole, Reason::Navigation),
];

/// One phrase, split into words.
struct Entry {
    words: Vec<&'static str>,
    fit: Fit,
    reason: Reason,
}

/// The phrases grouped by first word, and an open-addressed table of the
/// groups by their first word (see `slot_of`), a quarter full at most so
/// that a word no phrase starts with usually costs one probe.
struct Index {
    groups: Vec<(&'static str, Vec<Entry>)>,
    /// Group number + 1 per slot; 0 marks an empty slot.
    slots: Vec<u16>,
    /// The table has `2^(64 - shift)` slots.
    shift: u32,
    /// Per first byte, bit `n` (`n` < 32) set when some first word of that
    /// byte is `n` bytes long, and bit 31 also for all longer ones: most
    /// words of a line are ruled out by this one load, before any hashing.
    shapes: [u32; 256],
}

/// The bit of `shapes` for a word of `len` bytes.
fn shape_bit(len: usize) -> u32 {
    1 << len.min(31)
}

impl Index {
    /// The phrases whose first word is `word`.
    fn starting_with(&self, word: &str) -> Option<&[Entry]> {
        let first = *word.as_bytes().first()?;
        if self.shapes[usize::from(first)] & shape_bit(word.len()) == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(word);
        loop {
            let g = self.slots[i];
            if g == 0 {
                return None;
            }
            let (first, entries) = &self.groups[usize::from(g) - 1];
            if *first == word {
                return Some(entries);
            }
            i = (i + 1) & mask;
        }
    }

    /// The home slot of `word`: a hash of its length and first eight bytes
    /// (packed into one integer by one or two loads).
    fn slot_of(&self, word: &str) -> usize {
        let b = word.as_bytes();
        let head = stopwords::pack(&b[..b.len().min(8)]);
        let h = (head ^ b.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> self.shift) as usize
    }
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut groups: Vec<(&'static str, Vec<Entry>)> = Vec::new();
        for &(p, fit, reason) in PHRASES {
            // Trimmed like the words of a line, so "editors' picks" matches.
            let words: Vec<&'static str> = p
                .split(|c: char| c.is_whitespace() || c == ':')
                .map(trim_word)
                .filter(|w| !w.is_empty())
                .collect();
            let entry = Entry { words, fit, reason };
            match groups.iter_mut().find(|(w, _)| *w == entry.words[0]) {
                Some((_, entries)) => entries.push(entry),
                None => groups.push((entry.words[0], vec![entry])),
            }
        }
        let size = (groups.len() * 4).next_power_of_two();
        let mut idx = Index {
            groups,
            slots: vec![0; size],
            shift: 64 - size.trailing_zeros(),
            shapes: [0; 256],
        };
        for (w, _) in &idx.groups {
            idx.shapes[usize::from(w.as_bytes()[0])] |= shape_bit(w.len());
        }
        for g in 0..idx.groups.len() {
            let mut i = idx.slot_of(idx.groups[g].0);
            while idx.slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            idx.slots[i] = g as u16 + 1;
        }
        idx
    })
}

/// A word without the punctuation around it (hyphens kept: "opt-in").
fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
}

/// No stock phrase is looked for in a line of more words than this.
pub const ANY_MAX_WORDS: usize = 16;

/// The reason a stock phrase gives for removing the line whose lowercase
/// text is `lower`, if any.
pub fn phrase_reason(lower: &str) -> Option<Reason> {
    // A line of more words than `ANY_MAX_WORDS` matches no phrase (none is
    // that long, so none is the whole line either): a fixed buffer will do.
    let mut buf = [""; ANY_MAX_WORDS];
    let len = if lower.is_ascii() {
        ascii_words(lower, &mut buf)?
    } else {
        let mut len = 0;
        let words = lower
            .split(|c: char| c.is_whitespace() || c == ':')
            .map(trim_word)
            .filter(|w| !w.is_empty());
        for w in words {
            *buf.get_mut(len)? = w;
            len += 1;
        }
        len
    };
    let toks = &buf[..len];
    let idx = index();
    for (i, t) in toks.iter().enumerate() {
        let Some(entries) = idx.starting_with(t) else {
            continue;
        };
        for e in entries {
            let n = e.words.len();
            if i + n > toks.len() || toks[i..i + n] != e.words[..] {
                continue;
            }
            let ok = match e.fit {
                Whole => i == 0 && n == toks.len(),
                Lead => i == 0,
                Any => true,
            };
            if ok {
                return Some(e.reason);
            }
        }
    }
    None
}

/// Byte classes for splitting ASCII text into words byte by byte:
/// separators (ASCII whitespace, vertical tab, colon) and the bytes a word
/// keeps at its ends (letters, digits, hyphen).
const SEP: u8 = 1;
const KEEP: u8 = 2;
const CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_whitespace() || c == 0x0b || c == b':' {
            SEP
        } else if c.is_ascii_alphanumeric() || c == b'-' {
            KEEP
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The words of ASCII `lower` as `phrase_reason` splits and trims them,
/// into `buf`: how many, or `None` when they do not fit.
fn ascii_words<'a>(lower: &'a str, buf: &mut [&'a str]) -> Option<usize> {
    let b = lower.as_bytes();
    let class = |i: usize| CLASS[usize::from(b[i] & 0x7f)];
    let mut len = 0;
    let mut i = 0;
    while i < b.len() {
        if class(i) == SEP {
            i += 1;
            continue;
        }
        let from = i;
        i = separators::next_separator(b, i, |c| CLASS[usize::from(c & 0x7f)] == SEP);
        let (mut a, mut z) = (from, i);
        while a < z && class(a) != KEEP {
            a += 1;
        }
        while z > a && class(z - 1) != KEEP {
            z -= 1;
        }
        if a < z {
            *buf.get_mut(len)? = &lower[a..z];
            len += 1;
        }
    }
    Some(len)
}

/// Longest label, in bytes, looked for before a colon.
const LABEL_BYTES: usize = 40;

/// A link-list label ending in a colon, whatever follows ("Read more: A ·
/// B", "Leia também: …"): related links however long the list of titles.
pub fn label_reason(lower: &str) -> Option<Reason> {
    let head = &lower.as_bytes()[..lower.len().min(LABEL_BYTES)];
    let colon = memchr::memchr(b':', head)?;
    let label = &lower[..colon];
    if label.split_whitespace().count() > 4 {
        return None;
    }
    phrase_reason(label).filter(|&r| r == Reason::RelatedLinks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_first_word_is_found_and_no_other() {
        let idx = index();
        for (w, entries) in &idx.groups {
            assert!(std::ptr::eq(idx.starting_with(w).unwrap(), &entries[..]));
        }
        assert!(
            idx.starting_with("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")
                .is_none()
        );
        assert!(idx.starting_with("").is_none());
        assert!(idx.starting_with("sharex").is_none());
        // No phrase is longer than a line phrases are looked for in.
        assert!(
            idx.groups
                .iter()
                .flat_map(|g| &g.1)
                .all(|e| e.words.len() <= ANY_MAX_WORDS)
        );
    }

    /// `ascii_words` gives the words split at whitespace and ':', trimmed.
    fn assert_split_like_words(t: &str) {
        let want: Vec<&str> = t
            .split(|c: char| c.is_whitespace() || c == ':')
            .map(trim_word)
            .filter(|w| !w.is_empty())
            .collect();
        let mut buf = [""; 32];
        let n = ascii_words(t, &mut buf).unwrap();
        assert_eq!(&buf[..n], &want[..], "{t:?}");
    }

    #[test]
    fn ascii_words_split_like_the_general_case() {
        for t in [
            "",
            " ",
            "::",
            "share: this",
            "a  -b-  c",
            "x\x0bshare\tthis\r\n",
            "'quoted' (words)!",
            "editors' picks",
            "- menu -",
            "...",
            "one two three four five six seven eight nine ten",
        ] {
            assert_split_like_words(t);
        }
        // Every ASCII byte, at every place in a word and around block edges.
        for c in 0..128u8 {
            for at in [
                0, 1, 6, 7, 8, 9, 62, 63, 64, 65, 120, 127, 128, 200, 254, 255, 256, 300,
            ] {
                let mut t = vec![b'w'; at];
                t.push(c);
                t.extend_from_slice(b"ab -- :c");
                for cut in [t.len(), at + 1, at.max(1)] {
                    let t = std::str::from_utf8(&t[..cut]).unwrap();
                    assert_split_like_words(t);
                }
            }
        }
        let mut two = [""; 2];
        assert_eq!(ascii_words("a b c", &mut two), None);
    }

    #[test]
    fn whole_phrase_needs_the_whole_line() {
        assert_eq!(phrase_reason("close"), Some(Reason::Widget));
        assert_eq!(phrase_reason("close to the border"), None);
    }

    #[test]
    fn any_phrase_matches_inside_short_lines() {
        assert_eq!(
            phrase_reason("get our newsletter every friday"),
            Some(Reason::Promo)
        );
        assert_eq!(
            phrase_reason("share this article"),
            Some(Reason::ShareWidget)
        );
        assert_eq!(
            phrase_reason("leia também: outra notícia"),
            Some(Reason::RelatedLinks)
        );
    }

    #[test]
    fn long_prose_is_not_matched() {
        let s = "the council said it would subscribe to the plan only after a long debate \
                 in which members argued over costs and benefits for the town";
        assert_eq!(phrase_reason(s), None);
    }

    #[test]
    fn link_list_labels() {
        let long = "read more: ferry timetable changes for the winter season · lifeboat crew honoured for a night rescue";
        assert_eq!(label_reason(long), Some(Reason::RelatedLinks));
        assert_eq!(
            label_reason("leia também: a ponte"),
            Some(Reason::RelatedLinks)
        );
        assert_eq!(label_reason("the mayor said: we will read more"), None);
        assert_eq!(label_reason("no colon here at all"), None);
    }

    proptest::proptest! {
        #[test]
        fn the_shape_filter_loses_no_first_word(
            g in 0usize..1000,
            cut in 0usize..40,
            tail in "[a-z:' -]{0,3}",
        ) {
            let idx = index();
            let first = idx.groups[g % idx.groups.len()].0;
            let word = format!("{}{tail}", &first[..first.floor_char_boundary(cut.min(first.len()))]);
            let linear = idx.groups.iter().any(|(w, _)| *w == word);
            proptest::prop_assert_eq!(idx.starting_with(&word).is_some(), linear);
        }
    }
}
