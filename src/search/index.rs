//! The inverted index: a sorted vocabulary of folded words in one string,
//! each word's documents as a compact posting list, and query evaluation
//! (rarest part first, prefixes as vocabulary ranges).

use std::ops::Range;

use super::DocId;
use super::postings::{Bits, Deltas, List, intersect_sorted, words_for};
use super::prefixes::{PREFIX_DENSE, Prefixes};
use super::query::Query;

/// `TermMeta::len` of a word stored as a bitset; its `start` is then the
/// bitset's number in `Index::dense`.
pub(super) const DENSE: u32 = u32::MAX;

/// Where one word's posting list is, and how many documents it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TermMeta {
    pub(super) start: u32,
    pub(super) len: u32,
    pub(super) df: u32,
}

/// A word index over a collection, built by [`super::IndexBuilder`]. Keeps
/// no text and no positions: see [`Index::search`] for phrases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    /// Every folded word, sorted, concatenated.
    pub(super) vocab: String,
    /// End of word `i` in `vocab` (it starts where word `i - 1` ends).
    pub(super) vocab_ends: Vec<u32>,
    pub(super) terms: Vec<TermMeta>,
    /// Delta-encoded varint posting lists, back to back.
    pub(super) postings: Vec<u8>,
    /// Bitsets of the words in so many documents that a bitset is smaller,
    /// `words_for(universe)` `u64`s each.
    pub(super) dense: Vec<u64>,
    /// Every document id, delta-encoded (the empty query's result).
    pub(super) all: Vec<u8>,
    pub(super) doc_count: u32,
    /// One more than the largest document id (0 when empty).
    pub(super) universe: u32,
    /// Ready unions for the one-letter prefixes whose words are in many
    /// documents (the first keystroke, or a new word after a space), so
    /// they cost an AND instead of reading a tenth of the index. Derived
    /// from the lists when first needed (see [`super::prefixes`]), not
    /// stored in bytes.
    pub(super) prefixes: Prefixes,
}

/// One thing every matching document must contain.
#[derive(Debug, Clone)]
pub(super) enum Part {
    /// One posting list: a word's, or a one-letter prefix's ready union.
    List(TermMeta),
    /// Any word in this range of the vocabulary (a prefix).
    Range(Range<usize>),
}

/// A set of documents while a query is evaluated.
enum Set {
    Ids(Vec<DocId>),
    Bits(Bits),
}

impl Index {
    /// How many documents were indexed.
    pub fn doc_count(&self) -> usize {
        self.doc_count as usize
    }

    /// One more than the largest document id (0 when empty): the first id
    /// a document added later may have.
    pub fn universe(&self) -> u32 {
        self.universe
    }

    /// How many distinct folded words the collection has.
    pub fn word_count(&self) -> usize {
        self.terms.len()
    }

    /// Bytes of heap the index holds (its whole size, give or take the
    /// struct itself).
    pub fn heap_bytes(&self) -> usize {
        self.vocab.capacity()
            + self.vocab_ends.capacity() * 4
            + self.terms.capacity() * size_of::<TermMeta>()
            + self.postings.capacity()
            + self.dense.capacity() * 8
            + self.all.capacity()
            + self.prefixes.heap_bytes()
    }

    /// How many documents contain the folded `word`.
    pub fn doc_frequency(&self, word: &str) -> usize {
        self.find(word).map_or(0, |t| self.terms[t].df as usize)
    }

    /// Ids (ascending) of the documents that contain every word, the prefix
    /// and every word of every phrase: the exact result when the query has
    /// no phrase, otherwise a superset to check with [`Query::phrases_match`].
    /// The empty query gives every document.
    pub fn candidates(&self, query: &Query) -> Vec<DocId> {
        let Some(mut parts) = self.parts(query) else {
            return Vec::new();
        };
        if parts.is_empty() {
            return Deltas::new(&self.all).collect();
        }
        parts.sort_by_key(|p| self.cost(p));
        let mut set = self.materialize(&parts[0]);
        for part in &parts[1..] {
            set = self.narrow(set, part);
            if matches!(&set, Set::Ids(ids) if ids.is_empty()) {
                break;
            }
        }
        match set {
            Set::Ids(ids) => ids,
            Set::Bits(bits) => bits.to_ids(),
        }
    }

    /// Ids (ascending) of the documents matching `query`. The index keeps no
    /// word positions (they would about triple its size), so when the query
    /// has a phrase each candidate is passed to `verify`, which should load
    /// the document and return `query.phrases_match(its title and
    /// paragraphs)`. That costs a scan of each candidate's text: to bound
    /// the work per keystroke, use [`Index::start`] and [`super::Hits::check`].
    pub fn search(&self, query: &Query, verify: impl FnMut(DocId) -> bool) -> Vec<DocId> {
        let mut hits = self.start(query);
        hits.check(usize::MAX, verify);
        hits.into_found()
    }

    /// Word `t` of the vocabulary.
    pub(super) fn word(&self, t: usize) -> &str {
        let start = if t == 0 {
            0
        } else {
            self.vocab_ends[t - 1] as usize
        };
        &self.vocab[start..self.vocab_ends[t] as usize]
    }

    /// The number of `word` in the vocabulary.
    pub(super) fn find(&self, word: &str) -> Option<usize> {
        let t = self.first_not(0..self.terms.len(), |w| w < word);
        (t < self.terms.len() && self.word(t) == word).then_some(t)
    }

    /// The vocabulary numbers of the words starting with `prefix`.
    pub(super) fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let n = self.terms.len();
        let lo = self.first_not(0..n, |w| w < prefix);
        lo..self.first_not(lo..n, |w| w.starts_with(prefix))
    }

    /// The first word number in `range` whose word fails `pred`, which must
    /// hold for a start of the range and fail for the rest (binary search).
    pub(super) fn first_not(&self, range: Range<usize>, pred: impl Fn(&str) -> bool) -> usize {
        let (mut lo, mut hi) = (range.start, range.end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.word(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Word `t`'s posting list.
    pub(super) fn list(&self, t: usize) -> List<'_> {
        self.list_of(self.terms[t])
    }

    fn list_of(&self, m: TermMeta) -> List<'_> {
        let n = words_for(self.universe);
        let at = m.start as usize * n;
        match m.len {
            DENSE => List::Dense(&self.dense[at..at + n]),
            PREFIX_DENSE => List::Dense(&self.prefix_bits(m.start as usize).0.0),
            len => List::Sparse(&self.postings[m.start as usize..(m.start + len) as usize]),
        }
    }

    /// What the query requires, or `None` when some word is in no document.
    fn parts(&self, query: &Query) -> Option<Vec<Part>> {
        let mut parts = Vec::new();
        let exact = |w: &String| self.find(w).map(|t| Part::List(self.terms[t]));
        let prefix = |p: &String| {
            let mut chars = p.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && let Some(set) = self.prefix_set(c)
            {
                return Some(Part::List(set));
            }
            let range = self.prefix_range(p);
            (!range.is_empty()).then_some(Part::Range(range))
        };
        for w in &query.words {
            parts.push(exact(w)?);
        }
        for phrase in &query.phrases {
            let (last, rest) = phrase.words.split_last()?;
            for w in rest {
                parts.push(exact(w)?);
            }
            parts.push(if phrase.last_is_prefix {
                prefix(last)?
            } else {
                exact(last)?
            });
        }
        if let Some(p) = &query.prefix {
            parts.push(prefix(p)?);
        }
        Some(parts)
    }

    /// About how many ids a part yields (the work to read it).
    pub(super) fn cost(&self, part: &Part) -> u64 {
        match part {
            Part::List(m) => u64::from(m.df),
            Part::Range(r) => r.clone().map(|t| u64::from(self.terms[t].df)).sum(),
        }
    }

    /// Whether a prefix's words hold so many ids that a bitset is the
    /// cheaper way to collect them.
    pub(super) fn wants_bits(&self, cost: u64) -> bool {
        cost > u64::from(self.universe / 16)
    }

    /// The documents of `part` as a set.
    fn materialize(&self, part: &Part) -> Set {
        match part {
            Part::List(m) => match self.list_of(*m) {
                List::Sparse(bytes) => Set::Ids(Deltas::new(bytes).collect()),
                List::Dense(words) => Set::Bits(Bits(words.to_vec())),
            },
            Part::Range(r) if self.wants_bits(self.cost(part)) => {
                let mut bits = Bits::new(self.universe);
                r.clone().for_each(|t| bits.union_with(self.list(t)));
                Set::Bits(bits)
            }
            Part::Range(r) => {
                let mut ids: Vec<DocId> = Vec::new();
                for t in r.clone() {
                    match self.list(t) {
                        List::Sparse(bytes) => ids.extend(Deltas::new(bytes)),
                        List::Dense(words) => ids.extend(Bits(words.to_vec()).to_ids()),
                    }
                }
                ids.sort_unstable();
                ids.dedup();
                Set::Ids(ids)
            }
        }
    }

    /// The documents of `set` that are also in `part`.
    fn narrow(&self, set: Set, part: &Part) -> Set {
        match (set, part) {
            (Set::Ids(mut ids), Part::List(m)) => {
                intersect_sorted(&mut ids, self.list_of(*m));
                Set::Ids(ids)
            }
            (Set::Bits(mut bits), Part::List(m)) => match self.list_of(*m) {
                List::Dense(words) => {
                    bits.intersect_words(words);
                    Set::Bits(bits)
                }
                List::Sparse(bytes) => {
                    Set::Ids(Deltas::new(bytes).filter(|&id| bits.contains(id)).collect())
                }
            },
            (set, Part::Range(_)) => match (set, self.materialize(part)) {
                (Set::Ids(mut ids), Set::Bits(other)) => {
                    ids.retain(|&id| other.contains(id));
                    Set::Ids(ids)
                }
                (Set::Bits(bits), Set::Ids(mut other)) => {
                    other.retain(|&id| bits.contains(id));
                    Set::Ids(other)
                }
                (Set::Bits(mut bits), Set::Bits(other)) => {
                    bits.intersect_words(&other.0);
                    Set::Bits(bits)
                }
                (Set::Ids(mut ids), Set::Ids(other)) => {
                    let mut other = other.into_iter().peekable();
                    ids.retain(|&id| {
                        while other.next_if(|&o| o < id).is_some() {}
                        other.peek() == Some(&id)
                    });
                    Set::Ids(ids)
                }
            },
        }
    }
}
