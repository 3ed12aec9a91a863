//! Building an [`Index`]: documents arrive in id order (in batches from a
//! background loader, or split across threads and joined with
//! [`IndexBuilder::append`]); each word's list grows as varint bytes, so
//! the builder never holds a (word, document) pair per occurrence.

use rayon::prelude::*;

use super::DocId;
use super::batch::{Batch, list_for};
use super::fold::tokenize;
use super::index::{DENSE, Index, TermMeta};
use super::pending::Pending;
use super::postings::{Bits, List, stored_dense, words_for};
use super::scan::{Piece, for_each_piece};
use super::vocab::{Vocab, ascii_key};

/// Why a document could not be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("document ids must increase: {id} came after {last}")]
    OutOfOrder { id: DocId, last: DocId },
}

/// Collects documents into an [`Index`]. Ids must increase from one
/// document to the next; they index a bitset, so keep them dense (e.g. the
/// article's position in the library).
#[derive(Debug, Default)]
pub struct IndexBuilder {
    vocab: Vocab,
    /// Per word number: its list so far.
    pending: Vec<Pending>,
    /// Every document id.
    all: Pending,
    /// Where words with characters other than ASCII letters and digits
    /// are folded, kept from one document to the next.
    buf: String,
    /// Words being looked up (kept for its buffers).
    batch: Batch,
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Indexes the document `id` made of `parts` (title, paragraphs, …; a
    /// phrase may run from one part into the next, as in
    /// [`super::Query::matches`]). For an article:
    /// `add(i, std::iter::once(a.title.as_str()).chain(a.paragraphs.iter().map(String::as_str)))`.
    pub fn add<'a>(
        &mut self,
        id: DocId,
        parts: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), BuildError> {
        if let Some(last) = self.all.last().filter(|&last| id <= last) {
            return Err(BuildError::OutOfOrder { id, last });
        }
        self.all.push(id);
        let Self {
            vocab,
            pending,
            buf,
            batch,
            ..
        } = self;
        let mut words = batch.gather(id);
        for part in parts {
            let text = part.as_bytes();
            for_each_piece(
                part,
                #[inline(always)]
                |piece| match piece {
                    Piece::Ascii(r) => match ascii_key(text, r.start, r.end) {
                        Some(key) => words.push(key, vocab, pending),
                        None => {
                            let n = vocab.number_long_ascii(&text[r]);
                            list_for(pending, n).push(id);
                        }
                    },
                    Piece::Other(r) => tokenize(&part[r], buf, |word, _| {
                        list_for(pending, vocab.number(word)).push(id);
                    }),
                },
            );
        }
        words.finish(vocab, pending);
        Ok(())
    }

    /// How many documents were added.
    pub fn doc_count(&self) -> usize {
        self.all.df() as usize
    }

    /// Adds everything `later` collected, whose ids must all be above this
    /// builder's: build chunks of a collection on several threads, then
    /// append them in order.
    pub fn append(&mut self, later: IndexBuilder) -> Result<(), BuildError> {
        let Some(first) = later.all.first() else {
            return Ok(());
        };
        if let Some(last) = self.all.last().filter(|&last| first <= last) {
            return Err(BuildError::OutOfOrder { id: first, last });
        }
        for (n, theirs) in (0..).zip(later.pending) {
            let ours = self.vocab.number(later.vocab.word(n));
            list_for(&mut self.pending, ours).join(theirs);
        }
        self.all.join(later.all);
        Ok(())
    }

    /// Both builders' documents together, in any id order between them
    /// (no id in both): a loader's threads each keep a builder for the
    /// chunks they read, numbered as they come, and these are merged at
    /// the end. The smaller vocabulary is looked up in the larger; then
    /// the lists, which interleave, are merged on every core (this is on
    /// the way to the finished index).
    pub fn merge(self, other: IndexBuilder) -> IndexBuilder {
        let (mut big, small) = if self.vocab.len() >= other.vocab.len() {
            (self, other)
        } else {
            (other, self)
        };
        let numbers: Vec<u32> = (0..offset(small.vocab.len()))
            .map(|n| big.vocab.number(small.vocab.word(n)))
            .collect();
        let mut theirs = Vec::new();
        theirs.resize_with(big.vocab.len(), Pending::default);
        for (n, list) in numbers.into_iter().zip(small.pending) {
            theirs[n as usize] = list;
        }
        big.pending.resize_with(big.vocab.len(), Pending::default);
        big.pending
            .par_iter_mut()
            .zip(theirs)
            .for_each(|(ours, theirs)| *ours = std::mem::take(ours).merge(theirs));
        big.all = std::mem::take(&mut big.all).merge(small.all);
        big
    }

    /// The same documents with every id raised by `offset`: build a chunk
    /// numbered from 0 before its place in the collection is known, then
    /// shift it there and [`IndexBuilder::append`] it. Only each list's
    /// first and last ids change (the rest are gaps).
    pub fn shifted(mut self, offset: DocId) -> Self {
        self.pending.iter_mut().for_each(|p| p.shift(offset));
        self.all.shift(offset);
        self
    }

    /// The index of everything added.
    pub fn finish(self) -> Index {
        let universe = self.all.last().map_or(0, |l| l + 1);
        let pending = self.pending;
        let is_dense = |p: &Pending| stored_dense(p.encoded_len(), universe);
        let sparse_bytes: usize = pending
            .iter()
            .filter(|p| !is_dense(p))
            .map(Pending::encoded_len)
            .sum();
        let dense_count = pending.iter().filter(|p| is_dense(p)).count();
        let mut all = Vec::with_capacity(self.all.encoded_len());
        if self.all.df() > 0 {
            self.all.encode_into(&mut all);
        }
        let mut index = Index {
            vocab: String::with_capacity(self.vocab.text_len()),
            vocab_ends: Vec::with_capacity(pending.len()),
            terms: Vec::with_capacity(pending.len()),
            postings: Vec::with_capacity(sparse_bytes),
            dense: Vec::with_capacity(dense_count * words_for(universe)),
            all,
            doc_count: self.all.df(),
            universe,
            prefixes: Default::default(),
        };
        let mut dense_slots = 0;
        let mut encoded = Vec::new();
        for n in self.vocab.sorted() {
            index.vocab.push_str(self.vocab.word(n));
            index.vocab_ends.push(offset(index.vocab.len()));
            let p = &pending[n as usize];
            let meta = if is_dense(p) {
                // (Setting the bits straight from the list's gap bytes,
                // without this copy, took a little more: 396.8M -> 398.0M
                // instructions for index_dump's whole build of c3k.)
                encoded.clear();
                p.encode_into(&mut encoded);
                let mut bits = Bits::new(universe);
                bits.union_with(List::Sparse(&encoded));
                index.dense.extend_from_slice(&bits.0);
                dense_slots += 1;
                TermMeta {
                    start: dense_slots - 1,
                    len: DENSE,
                    df: p.df(),
                }
            } else {
                let start = offset(index.postings.len());
                p.encode_into(&mut index.postings);
                TermMeta {
                    start,
                    len: offset(p.encoded_len()),
                    df: p.df(),
                }
            };
            index.terms.push(meta);
        }
        index
    }
}

/// A byte offset as stored in the index.
pub(super) fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("search index over 4 GiB")
}

/// The index of one-part documents numbered from 0, for tests.
#[cfg(test)]
pub(super) fn build(docs: &[&str]) -> Index {
    let mut b = IndexBuilder::new();
    for (i, d) in docs.iter().enumerate() {
        b.add(i as u32, [*d]).unwrap();
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;

    #[test]
    fn vocabulary_is_sorted_and_counts_documents_once() {
        let index = build(&["b a a", "a c"]);
        let words: Vec<_> = (0..index.word_count()).map(|t| index.word(t)).collect();
        assert_eq!(words, ["a", "b", "c"]);
        assert_eq!(index.doc_frequency("a"), 2);
        assert_eq!(index.doc_frequency("zz"), 0);
        assert_eq!(index.doc_count(), 2);
    }

    #[test]
    fn ids_must_increase() {
        let mut b = IndexBuilder::new();
        b.add(5, ["x"]).unwrap();
        assert_eq!(
            b.add(5, ["y"]),
            Err(BuildError::OutOfOrder { id: 5, last: 5 })
        );
        assert_eq!(b.doc_count(), 1);
    }

    #[test]
    fn words_in_most_documents_become_bitsets() {
        let docs: Vec<String> = (0..200).map(|i| format!("common w{i}")).collect();
        let index = build(&docs.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            matches!(index.list(0), List::Dense(_)),
            "'common' is first and dense"
        );
        assert_eq!(index.candidates(&Query::parse("common w17 ")), [17]);
        assert_eq!(index.candidates(&Query::parse("common")).len(), 200);
    }

    #[test]
    fn appended_chunks_equal_one_build() {
        let docs = ["alpha beta", "beta gamma", "gamma alpha", "delta", "alpha"];
        let whole = build(&docs);
        let mut first = IndexBuilder::new();
        let mut second = IndexBuilder::new();
        for (i, d) in docs.iter().enumerate() {
            let b = if i < 2 { &mut first } else { &mut second };
            b.add(i as u32, [*d]).unwrap();
        }
        first.append(second).unwrap();
        assert_eq!(first.finish(), whole);
    }

    #[test]
    fn chunks_numbered_from_zero_and_shifted_equal_one_build() {
        let docs = [
            "alpha beta",
            "beta gamma",
            "gamma alpha",
            "delta",
            "alpha beta",
        ];
        let whole = build(&docs);
        let mut joined = IndexBuilder::new();
        for (start, chunk) in [(0, &docs[..2]), (2, &docs[2..3]), (3, &docs[3..])] {
            let mut b = IndexBuilder::new();
            for (k, d) in chunk.iter().enumerate() {
                b.add(k as u32, [*d]).unwrap();
            }
            joined.append(b.shifted(start)).unwrap();
        }
        assert_eq!(joined.doc_count(), docs.len());
        assert_eq!(joined.finish(), whole);
    }

    #[test]
    fn merged_builders_of_interleaved_chunks_equal_one_build() {
        let docs: Vec<String> = (0..60)
            .map(|i| format!("w{} common x{} y{}", i % 7, i % 11, i))
            .collect();
        let whole = build(&docs.iter().map(String::as_str).collect::<Vec<_>>());
        let mut builders: Vec<IndexBuilder> = (0..3).map(|_| IndexBuilder::new()).collect();
        for (i, d) in docs.iter().enumerate() {
            // Chunks of 4 documents shared out unevenly.
            builders[i / 4 % 5 % 3].add(i as u32, [d.as_str()]).unwrap();
        }
        let merged = builders.into_iter().reduce(IndexBuilder::merge).unwrap();
        assert_eq!(merged.doc_count(), docs.len());
        assert_eq!(merged.finish(), whole);
    }

    #[test]
    fn appending_lower_ids_is_refused() {
        let mut first = IndexBuilder::new();
        first.add(3, ["a"]).unwrap();
        let mut second = IndexBuilder::new();
        second.add(2, ["a"]).unwrap();
        assert!(first.append(second).is_err());
    }
}
