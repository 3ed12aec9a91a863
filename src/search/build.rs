//! Building an [`Index`]: documents arrive in id order (in batches from a
//! background loader, or split across threads and joined with
//! [`IndexBuilder::append`]); each word's list grows as varint bytes, so
//! the builder never holds a (word, document) pair per occurrence.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::DocId;
use super::fold::for_each_token;
use super::index::{DENSE, Index, TermMeta};
use super::postings::{
    Bits, Deltas, List, join_all, push_varint, read_varint, stored_dense, words_for,
};

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
    numbers: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>,
    /// Per word number: its list so far.
    pending: Vec<Pending>,
    /// Every document id, delta-encoded.
    all: Vec<u8>,
    last_doc: Option<DocId>,
    doc_count: u32,
}

/// One word's documents while building.
#[derive(Debug, Default)]
struct Pending {
    bytes: Vec<u8>,
    last: DocId,
    df: u32,
}

impl Pending {
    /// Adds `id` (not below any id already in) unless it is the last one.
    fn push(&mut self, id: DocId) {
        if self.df > 0 && self.last == id {
            return;
        }
        push_varint(
            &mut self.bytes,
            if self.df == 0 { id } else { id - self.last },
        );
        self.last = id;
        self.df += 1;
    }
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
        if let Some(last) = self.last_doc.filter(|&last| id <= last) {
            return Err(BuildError::OutOfOrder { id, last });
        }
        push_varint(&mut self.all, self.last_doc.map_or(id, |last| id - last));
        self.last_doc = Some(id);
        self.doc_count += 1;
        for part in parts {
            for_each_token(part, |word, _| self.pending_for(word).push(id));
        }
        Ok(())
    }

    /// How many documents were added.
    pub fn doc_count(&self) -> usize {
        self.doc_count as usize
    }

    /// Adds everything `later` collected, whose ids must all be above this
    /// builder's: build chunks of a collection on several threads, then
    /// append them in order.
    pub fn append(&mut self, later: IndexBuilder) -> Result<(), BuildError> {
        let (Some(first), Some(_)) = (Deltas::new(&later.all).next(), later.last_doc) else {
            return Ok(());
        };
        if let Some(last) = self.last_doc.filter(|&last| first <= last) {
            return Err(BuildError::OutOfOrder { id: first, last });
        }
        let mut words: Vec<(Box<str>, u32)> = later.numbers.into_iter().collect();
        words.sort_unstable_by_key(|&(_, n)| n);
        for ((word, _), theirs) in words.into_iter().zip(later.pending) {
            let ours = self.pending_for(&word);
            join(ours, theirs);
        }
        join_all(&mut self.all, self.last_doc, &later.all);
        self.last_doc = later.last_doc;
        self.doc_count += later.doc_count;
        Ok(())
    }

    /// The same documents with every id raised by `offset`: build a chunk
    /// numbered from 0 before its place in the collection is known, then
    /// shift it there and [`IndexBuilder::append`] it. Only each list's
    /// first id is re-encoded (the rest are gaps).
    pub fn shifted(mut self, offset: DocId) -> Self {
        if offset == 0 {
            return self;
        }
        for p in self.pending.iter_mut().filter(|p| p.df > 0) {
            p.bytes = shift_first(&p.bytes, offset);
            p.last += offset;
        }
        self.all = shift_first(&self.all, offset);
        self.last_doc = self.last_doc.map(|l| l + offset);
        self
    }

    /// The index of everything added.
    pub fn finish(self) -> Index {
        let universe = self.last_doc.map_or(0, |l| l + 1);
        let mut words: Vec<(Box<str>, u32)> = self.numbers.into_iter().collect();
        words.sort_unstable();
        let mut pending = self.pending;
        let is_dense = |p: &Pending| stored_dense(p.bytes.len(), universe);
        let sparse_bytes: usize = pending
            .iter()
            .filter(|p| !is_dense(p))
            .map(|p| p.bytes.len())
            .sum();
        let dense_count = pending.iter().filter(|p| is_dense(p)).count();
        let mut index = Index {
            vocab: String::with_capacity(words.iter().map(|(w, _)| w.len()).sum()),
            vocab_ends: Vec::with_capacity(words.len()),
            terms: Vec::with_capacity(words.len()),
            postings: Vec::with_capacity(sparse_bytes),
            dense: Vec::with_capacity(dense_count * words_for(universe)),
            all: self.all,
            doc_count: self.doc_count,
            universe,
            prefix_sets: Vec::new(),
            prefix_dense: Vec::new(),
        };
        let mut dense_slots = 0;
        for (word, n) in words {
            index.vocab.push_str(&word);
            index.vocab_ends.push(offset(index.vocab.len()));
            let p = std::mem::take(&mut pending[n as usize]);
            let meta = if is_dense(&p) {
                let mut bits = Bits::new(universe);
                bits.union_with(List::Sparse(&p.bytes));
                index.dense.extend_from_slice(&bits.0);
                dense_slots += 1;
                TermMeta {
                    start: dense_slots - 1,
                    len: DENSE,
                    df: p.df,
                }
            } else {
                let start = offset(index.postings.len());
                index.postings.extend_from_slice(&p.bytes);
                TermMeta {
                    start,
                    len: offset(p.bytes.len()),
                    df: p.df,
                }
            };
            index.terms.push(meta);
        }
        index.all.shrink_to_fit();
        index.add_prefix_sets();
        index
    }

    /// The list of `word`, created empty on first sight.
    fn pending_for(&mut self, word: &str) -> &mut Pending {
        let n = match self.numbers.get(word) {
            Some(&n) => n,
            None => {
                let n = offset(self.pending.len());
                self.numbers.insert(word.into(), n);
                self.pending.push(Pending::default());
                n
            }
        };
        &mut self.pending[n as usize]
    }
}

/// Appends `theirs` (ids above `ours`') to `ours`.
fn join(ours: &mut Pending, theirs: Pending) {
    if ours.df == 0 {
        *ours = theirs;
        return;
    }
    join_all(&mut ours.bytes, Some(ours.last), &theirs.bytes);
    ours.last = theirs.last;
    ours.df += theirs.df;
}

/// Delta-encoded `bytes` with their first id raised by `offset`.
fn shift_first(bytes: &[u8], offset: DocId) -> Vec<u8> {
    let mut pos = 0;
    let Some(first) = read_varint(bytes, &mut pos) else {
        return bytes.to_vec();
    };
    let mut out = Vec::with_capacity(bytes.len() + 4);
    push_varint(&mut out, first + offset);
    out.extend_from_slice(&bytes[pos..]);
    out
}

/// A byte offset as stored in the index.
pub(super) fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("search index over 4 GiB")
}

/// A fast hasher for short words (the word map is private, so hash
/// flooding is not a concern): FxHash-style multiply and rotate.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
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
    fn appending_lower_ids_is_refused() {
        let mut first = IndexBuilder::new();
        first.add(3, ["a"]).unwrap();
        let mut second = IndexBuilder::new();
        second.add(2, ["a"]).unwrap();
        assert!(first.append(second).is_err());
    }
}
