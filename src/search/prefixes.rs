//! Ready unions for the heaviest one-letter prefixes (the first keystroke
//! of every word), made on first need rather than with the index.
//!
//! A one-letter prefix such as `s` covers a tenth of the vocabulary; read
//! as a range, it costs a union of all those lists at every keystroke
//! while it is the query's last word, and an AND once it is a ready
//! bitset. Making every heavy letter's bitset when an index is finished,
//! loaded or merged cost as much as the merging of the loader's builders
//! (100,000 articles: about 0.05 s, at the end of a first opening), for
//! `byline list`, which never searches, and for a reader whose user may
//! never type most letters. So which letters are heavy is decided at the
//! first one-letter prefix, and each letter's bitset is made the first
//! time it is asked for: that keystroke pays one union, what it would
//! cost with no ready bitset, and the next ones an AND.

use std::ops::Range;
use std::sync::OnceLock;

use super::index::{Index, Part, TermMeta};
use super::postings::Bits;

/// `TermMeta::len` of a one-letter prefix's ready bitset; its `start` is
/// the letter's place among the heavy ones.
pub(super) const PREFIX_DENSE: u32 = u32::MAX - 1;
/// At most this many one-letter prefixes get a ready bitset.
const MAX_PREFIX_SETS: usize = 64;

/// The ready unions of an [`Index`], derived from its lists as needed.
///
/// Derived data: two indexes with equal lists have equal unions, so they
/// count as equal whichever of them were made ([`PartialEq`] is always
/// true), and the index's own `==` compares what it holds.
#[derive(Debug, Clone, Default)]
pub(super) struct Prefixes {
    /// The heavy letters in order, decided on first need.
    heavy: OnceLock<Vec<Heavy>>,
}

impl PartialEq for Prefixes {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Prefixes {}

/// A letter whose words are in so many documents that a bitset is the
/// cheaper way to collect them.
#[derive(Debug, Clone)]
struct Heavy {
    letter: char,
    /// Its words' numbers in the vocabulary.
    words: Range<usize>,
    /// The union of their lists, and how many documents it holds.
    set: OnceLock<(Bits, u32)>,
}

impl Prefixes {
    /// Bytes of heap held by the unions made so far.
    pub(super) fn heap_bytes(&self) -> usize {
        let heavy = self.heavy.get().map_or(&[][..], Vec::as_slice);
        let sets = heavy.iter().filter_map(|h| h.set.get());
        size_of_val(heavy) + sets.map(|(bits, _)| bits.0.capacity() * 8).sum::<usize>()
    }
}

impl Index {
    /// The ready union of the one-letter prefix `letter`, as a list of the
    /// index ([`PREFIX_DENSE`]), if the letter is heavy: made now if it is
    /// the first time.
    pub(super) fn prefix_set(&self, letter: char) -> Option<TermMeta> {
        let heavy = self.heavy_prefixes();
        let i = heavy.binary_search_by_key(&letter, |h| h.letter).ok()?;
        let (_, df) = self.prefix_bits(i);
        Some(TermMeta {
            start: i as u32,
            len: PREFIX_DENSE,
            df: *df,
        })
    }

    /// The ready union of heavy letter number `i` (made now if it is the
    /// first time), and its document count.
    pub(super) fn prefix_bits(&self, i: usize) -> &(Bits, u32) {
        let heavy = &self.heavy_prefixes()[i];
        heavy.set.get_or_init(|| {
            let mut bits = Bits::new(self.universe);
            heavy
                .words
                .clone()
                .for_each(|t| bits.union_with(self.list(t)));
            let df = bits.0.iter().map(|w| w.count_ones()).sum();
            (bits, df)
        })
    }

    /// The heaviest one-letter prefixes (decided now if it is the first
    /// time), by letter: each covers more than one word, and their lists
    /// hold more ids than [`Index::wants_bits`] would read as a range.
    fn heavy_prefixes(&self) -> &[Heavy] {
        self.prefixes.heavy.get_or_init(|| {
            let n = self.terms.len();
            let mut heavy = Vec::new();
            let mut t = 0;
            while t < n {
                let c = self.word(t).chars().next().unwrap_or_default();
                let end = self.first_not(t..n, |w| w.starts_with(c));
                let cost = self.cost(&Part::Range(t..end));
                if end - t > 1 && self.wants_bits(cost) {
                    heavy.push((cost, c, t..end));
                }
                t = end;
            }
            heavy.sort_unstable_by_key(|(cost, c, _)| (std::cmp::Reverse(*cost), *c));
            heavy.truncate(MAX_PREFIX_SETS);
            heavy.sort_unstable_by_key(|(_, c, _)| *c);
            let heavy = heavy.into_iter().map(|(_, letter, words)| Heavy {
                letter,
                words,
                set: OnceLock::new(),
            });
            heavy.collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::DocId;
    use crate::search::Query;
    use crate::search::build::build;

    /// Documents where `c` starts many words, in every document, and `q`
    /// two rare words.
    fn docs() -> Vec<String> {
        (0..300)
            .map(|i| match i % 3 {
                0 => format!("cat c{} dog", i % 40),
                1 if i < 6 => format!("cow quail{i}"),
                1 => "cow".to_string(),
                _ => format!("dog c{}", i % 7),
            })
            .collect()
    }

    #[test]
    fn heavy_letters_get_their_union_when_first_typed_and_find_the_same() {
        let docs = docs();
        let index = build(&docs.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            index.prefixes.heavy.get().is_none(),
            "nothing made at build"
        );
        let plain = index.clone();
        let c = Query::parse("c");
        let every: Vec<DocId> = (0..300).collect();
        assert_eq!(index.candidates(&c), every);
        let heavy = index
            .prefixes
            .heavy
            .get()
            .expect("decided at the first prefix");
        let letters: Vec<char> = heavy.iter().map(|h| h.letter).collect();
        assert!(
            letters.contains(&'c') && !letters.contains(&'q'),
            "{letters:?}"
        );
        let made: Vec<char> = heavy
            .iter()
            .filter(|h| h.set.get().is_some())
            .map(|h| h.letter)
            .collect();
        assert_eq!(made, ['c'], "only the letter typed");
        assert!(index.heap_bytes() > plain.heap_bytes());
        assert_eq!(index, plain, "derived sets do not count in ==");
        // The same ids as the range of words, read without a ready union.
        let range = index.prefix_range("c");
        let mut bits = Bits::new(index.universe());
        range.for_each(|t| bits.union_with(index.list(t)));
        assert_eq!(index.candidates(&c), bits.to_ids());
        let dog_c = Query::parse("dog c");
        let want: Vec<DocId> = (0..300).filter(|i| i % 3 != 1).collect();
        assert_eq!(index.candidates(&dog_c), want);
        assert_eq!(index.candidates(&Query::parse("q")), [1, 4]);
    }
}
