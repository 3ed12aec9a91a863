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
use super::postings::{List, stored_dense, union_into, words_for};
#[cfg(target_arch = "x86_64")]
use super::scan::Avx2;
use super::scan::{Baseline, Classify, Piece, for_each_piece};
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
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = Avx2::detect() {
            // SAFETY: `avx2` proves the CPU has AVX2.
            unsafe { self.add_avx2(avx2, id, parts) };
            return Ok(());
        }
        self.add_words(Baseline, id, parts);
        Ok(())
    }

    /// [`IndexBuilder::add_words`] compiled for AVX2 (the CPU must have
    /// it), so that [`Avx2`]'s classifying is inlined into its loop.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn add_avx2<'a>(
        &mut self,
        avx2: Avx2,
        id: DocId,
        parts: impl IntoIterator<Item = &'a str>,
    ) {
        self.add_words(avx2, id, parts);
    }

    /// Indexes the words of document `id`, whose id was checked, with
    /// `classify` cutting its texts into pieces.
    #[inline(always)]
    fn add_words<'a>(
        &mut self,
        classify: impl Classify,
        id: DocId,
        parts: impl IntoIterator<Item = &'a str>,
    ) {
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
                classify,
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
        if small.all.df() == 0 {
            // (Not worth a pass over every list: as a reduction's
            // starting point, an empty builder is merged often.)
            return big;
        }
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
    ///
    /// Where each word's list goes is worked out first, in vocabulary
    /// order (a sum of the lists' sizes, known without reading them);
    /// the lists are then written into their places in pieces, on every
    /// core. (On one thread this was the serial end of a first opening,
    /// after the builders' merge: everything after the last file read
    /// waits for it.)
    pub fn finish(self) -> Index {
        let universe = self.all.last().map_or(0, |l| l + 1);
        let set_words = words_for(universe);
        let pending = &self.pending;
        let is_dense = |p: &Pending| stored_dense(p.encoded_len(), universe);
        let sorted = self.vocab.sorted();
        let mut vocab = String::with_capacity(self.vocab.text_len());
        let mut vocab_ends = Vec::with_capacity(sorted.len());
        let mut terms = Vec::with_capacity(sorted.len());
        let (mut sparse_bytes, mut dense_slots) = (0, 0);
        for &n in &sorted {
            vocab.push_str(self.vocab.word(n));
            vocab_ends.push(offset(vocab.len()));
            let p = &pending[n as usize];
            terms.push(if is_dense(p) {
                dense_slots += 1;
                TermMeta {
                    start: dense_slots - 1,
                    len: DENSE,
                    df: p.df(),
                }
            } else {
                sparse_bytes += p.encoded_len();
                TermMeta {
                    start: offset(sparse_bytes - p.encoded_len()),
                    len: offset(p.encoded_len()),
                    df: p.df(),
                }
            });
        }
        let mut postings = vec![0; sparse_bytes];
        let mut dense = vec![0; dense_slots as usize * set_words];
        // The pieces, each with the parts of `postings` and `dense` its
        // words' lists fill.
        let mut pieces = Vec::new();
        let (mut bytes_left, mut sets_left) = (postings.as_mut_slice(), dense.as_mut_slice());
        for (words, metas) in sorted.chunks(PIECE_WORDS).zip(terms.chunks(PIECE_WORDS)) {
            let sets = metas.iter().filter(|m| m.len == DENSE).count();
            let bytes: usize = metas
                .iter()
                .filter(|m| m.len != DENSE)
                .map(|m| m.len as usize)
                .sum();
            let (b, rest) = std::mem::take(&mut bytes_left).split_at_mut(bytes);
            bytes_left = rest;
            let (d, rest) = std::mem::take(&mut sets_left).split_at_mut(sets * set_words);
            sets_left = rest;
            pieces.push((words, b, d));
        }
        pieces
            .into_par_iter()
            .for_each(|(words, mut bytes, mut sets)| {
                let mut encoded = Vec::new();
                for &n in words {
                    let p = &pending[n as usize];
                    if is_dense(p) {
                        // (Setting the bits straight from the list's gap
                        // bytes, without this copy, took a little more: 396.8M
                        // -> 398.0M instructions for index_dump's whole build
                        // of c3k.)
                        encoded.clear();
                        p.encode_into(&mut encoded);
                        let (set, rest) = std::mem::take(&mut sets).split_at_mut(set_words);
                        union_into(set, List::Sparse(&encoded));
                        sets = rest;
                    } else {
                        let (out, rest) = std::mem::take(&mut bytes).split_at_mut(p.encoded_len());
                        p.encode_to(out);
                        bytes = rest;
                    }
                }
            });
        let mut all = Vec::with_capacity(self.all.encoded_len());
        if self.all.df() > 0 {
            self.all.encode_into(&mut all);
        }
        Index {
            vocab,
            vocab_ends,
            terms,
            postings,
            dense,
            all,
            doc_count: self.all.df(),
            universe,
            prefixes: Default::default(),
        }
    }
}

/// Words whose lists [`IndexBuilder::finish`] writes as one piece of work:
/// enough for a piece to outweigh handing it to a core.
const PIECE_WORDS: usize = 2048;

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
    fn lists_written_in_many_pieces_are_each_in_place() {
        // Over 2 * PIECE_WORDS words: unique ones (varints) and ones in
        // every (j + 1)-th document (bitsets for the smallest j), so both
        // kinds fall in every piece.
        let docs: Vec<String> = (0..300)
            .map(|i| {
                let unique = (0..14).map(|k| format!("u{i}x{k}"));
                let shared = (0..20)
                    .filter(|j| i % (j + 1) == 0)
                    .map(|j| format!("k{j}"));
                unique.chain(shared).collect::<Vec<_>>().join(" ")
            })
            .collect();
        let index = build(&docs.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(index.word_count() > 2 * PIECE_WORDS);
        assert!(matches!(
            index.list(index.find("k0").unwrap()),
            List::Dense(_)
        ));
        for j in 0..20 {
            let want: Vec<DocId> = (0..300).filter(|i| i % (j + 1) == 0).collect();
            assert_eq!(index.candidates(&Query::parse(&format!("k{j} "))), want);
        }
        for i in (0..300).step_by(7) {
            let q = Query::parse(&format!("u{i}x13 "));
            assert_eq!(index.candidates(&q), [i]);
        }
        // Every list decodes to its count (the loading checks).
        assert_eq!(Index::from_bytes(&index.to_bytes()), Ok(index));
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
        // An empty builder on either side (a parallel reduction's start).
        let merged = IndexBuilder::new().merge(merged).merge(IndexBuilder::new());
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
