//! Merging two built indexes whose documents follow one another (live
//! reload indexes the new articles alone, then merges them in), giving
//! exactly the index one build of all the documents would have made.
//!
//! One pass over both sorted vocabularies plans each word of the result:
//! which side(s) have it, whether it is stored as varints or as a bitset
//! (the same [`stored_dense`] rule as building, over the merged universe,
//! so a list near the threshold may flip either way), and its size. A
//! second pass writes the lists into buffers sized exactly. A varint list
//! followed by a varint list is joined by re-encoding only the later
//! list's first id as a gap; only then is the earlier list's last id needed
//! (the sum of its gaps). Bitsets are decoded only when they turn into
//! varints, and varints only when they go into a bitset.

use std::cmp::Ordering;

use super::DocId;
use super::build::{BuildError, offset};
use super::index::{DENSE, Index, TermMeta};
use super::postings::{
    Deltas, List, bit_ids, join_all, push_varint, read_varint, stored_dense, union_into,
    varint_len, words_for,
};

/// How one word of the merged index is made.
struct Plan {
    /// The word's number in the earlier index, if it has the word.
    ours: Option<u32>,
    /// The word's number in the later index, if it has the word.
    theirs: Option<u32>,
    /// The last id of the earlier list, when both have the word and the
    /// result is varints (the later list's first id becomes a gap from it).
    last: Option<DocId>,
    /// Bytes of the merged varints, or [`DENSE`].
    len: u32,
    df: u32,
}

impl Index {
    /// The index of both: `later`'s ids must all be above `self`'s (else
    /// Err(BuildError::OutOfOrder)). Equal (`==`) to the index that one
    /// [`super::IndexBuilder`] given all the documents would finish, in
    /// about one pass over both indexes: for adding a few new documents to
    /// a large index without rebuilding it.
    pub fn merged(&self, later: &Index) -> Result<Index, BuildError> {
        let last = Deltas::new(&self.all).last();
        if let (Some(last), Some(first)) = (last, Deltas::new(&later.all).next())
            && first <= last
        {
            return Err(BuildError::OutOfOrder { id: first, last });
        }
        let universe = self.universe.max(later.universe);
        let plans = plan(self, later, universe);

        let set_words = words_for(universe);
        let mut vocab_len = 0;
        let (mut sparse_bytes, mut dense_count) = (0, 0);
        for p in &plans {
            vocab_len += match (p.ours, p.theirs) {
                (Some(t), _) => self.word(t as usize).len(),
                (None, Some(t)) => later.word(t as usize).len(),
                (None, None) => 0,
            };
            match p.len {
                DENSE => dense_count += 1,
                len => sparse_bytes += len as usize,
            }
        }
        let mut all = Vec::with_capacity(self.all.len() + later.all.len());
        all.extend_from_slice(&self.all);
        join_all(&mut all, last, &later.all);
        let mut index = Index {
            vocab: String::with_capacity(vocab_len),
            vocab_ends: Vec::with_capacity(plans.len()),
            terms: Vec::with_capacity(plans.len()),
            postings: Vec::with_capacity(sparse_bytes),
            dense: Vec::with_capacity(dense_count * set_words),
            all,
            doc_count: self.doc_count + later.doc_count,
            universe,
            prefixes: Default::default(),
        };

        let mut dense_slots = 0;
        for p in plans {
            let ours = p.ours.map(|t| self.list(t as usize));
            let theirs = p.theirs.map(|t| later.list(t as usize));
            let word = match (p.ours, p.theirs) {
                (Some(t), _) => self.word(t as usize),
                (None, Some(t)) => later.word(t as usize),
                (None, None) => "",
            };
            index.vocab.push_str(word);
            index.vocab_ends.push(offset(index.vocab.len()));
            let meta = if p.len == DENSE {
                let at = index.dense.len();
                index.dense.resize(at + set_words, 0);
                let bits = &mut index.dense[at..];
                ours.into_iter()
                    .chain(theirs)
                    .for_each(|l| union_into(bits, l));
                dense_slots += 1;
                TermMeta {
                    start: dense_slots - 1,
                    len: DENSE,
                    df: p.df,
                }
            } else {
                let start = offset(index.postings.len());
                if let Some(list) = ours {
                    encode(&mut index.postings, list, None);
                }
                if let Some(list) = theirs {
                    encode(&mut index.postings, list, p.last);
                }
                let len = offset(index.postings.len()) - start;
                debug_assert_eq!(len, p.len, "planned size of {word:?}");
                TermMeta {
                    start,
                    len,
                    df: p.df,
                }
            };
            index.terms.push(meta);
        }
        Ok(index)
    }
}

/// The words of both vocabularies in order, each with how it is merged.
fn plan(ours: &Index, theirs: &Index, universe: u32) -> Vec<Plan> {
    let (n, m) = (ours.terms.len(), theirs.terms.len());
    let mut plans = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        let order = if i == n {
            Ordering::Greater
        } else if j == m {
            Ordering::Less
        } else {
            ours.word(i).cmp(theirs.word(j))
        };
        let a = (order != Ordering::Greater).then_some(i);
        let b = (order != Ordering::Less).then_some(j);
        i += usize::from(a.is_some());
        j += usize::from(b.is_some());
        plans.push(plan_word(ours, a, theirs, b, universe));
    }
    plans
}

/// How the lists of one word (word `a` of `ours`, word `b` of `theirs`)
/// are merged over `universe`.
fn plan_word(
    ours: &Index,
    a: Option<usize>,
    theirs: &Index,
    b: Option<usize>,
    universe: u32,
) -> Plan {
    let df_b = b.map_or(0, |t| theirs.terms[t].df);
    let df = a.map_or(0, |t| ours.terms[t].df) + df_b;
    let mut plan = Plan {
        ours: a.map(offset),
        theirs: b.map(offset),
        last: None,
        len: DENSE,
        df,
    };
    // Every id takes at least a byte as a varint: a sure bitset needs no
    // list read.
    if stored_dense(df as usize, universe) {
        return plan;
    }
    let (a, b) = (a.map(|t| ours.list(t)), b.map(|t| theirs.list(t)));
    let len_a = a.map_or(0, |l| encoded_len(l, None));
    if let (Some(a), Some(b)) = (a, b) {
        // The later part is at least its varints less the first id's, plus
        // one byte for that id's gap: maybe enough to skip reading `a`.
        let at_least = match b {
            List::Sparse(bytes) => bytes.len() - first_len(bytes) + 1,
            List::Dense(_) => df_b as usize,
        };
        if stored_dense(len_a + at_least, universe) {
            return plan;
        }
        plan.last = last_id(a);
    }
    let len = len_a + b.map_or(0, |l| encoded_len(l, plan.last));
    if !stored_dense(len, universe) {
        plan.len = offset(len);
    }
    plan
}

/// Bytes of the varints of `list`'s ids when they follow the id `prev`.
fn encoded_len(list: List<'_>, prev: Option<DocId>) -> usize {
    match list {
        List::Sparse(bytes) => match prev {
            None => bytes.len(),
            Some(prev) => {
                let mut pos = 0;
                let first = read_varint(bytes, &mut pos).unwrap_or(prev);
                bytes.len() - pos + varint_len(first - prev)
            }
        },
        List::Dense(words) => {
            let mut prev = prev;
            bit_ids(words)
                .map(|id| varint_len(id - prev.replace(id).unwrap_or(0)))
                .sum()
        }
    }
}

/// Bytes of the first varint of `bytes`.
fn first_len(bytes: &[u8]) -> usize {
    bytes.iter().position(|&b| b < 0x80).map_or(0, |i| i + 1)
}

/// The largest id of `list`.
fn last_id(list: List<'_>) -> Option<DocId> {
    match list {
        // The first varint is the first id, the others the gaps: the last
        // id is their sum (a tighter loop than decoding each id).
        List::Sparse(bytes) => {
            let (mut sum, mut shift) = (0u32, 0u32);
            for &b in bytes {
                sum = sum.wrapping_add(u32::from(b & 0x7f).wrapping_shl(shift));
                shift = (shift + 7) * u32::from(b >> 7);
            }
            (!bytes.is_empty()).then_some(sum)
        }
        List::Dense(words) => {
            let i = words.iter().rposition(|&w| w != 0)?;
            Some(i as u32 * 64 + 63 - words[i].leading_zeros())
        }
    }
}

/// Appends the varints of `list`'s ids, the first as a gap from `prev`.
fn encode(out: &mut Vec<u8>, list: List<'_>, mut prev: Option<DocId>) {
    match list {
        List::Sparse(bytes) => join_all(out, prev, bytes),
        List::Dense(words) => {
            for id in bit_ids(words) {
                push_varint(out, id - prev.replace(id).unwrap_or(0));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{IndexBuilder, Query};

    /// The index of `(id, text)` documents.
    fn build_ids(docs: &[(DocId, &str)]) -> Index {
        let mut b = IndexBuilder::new();
        for &(id, text) in docs {
            b.add(id, [text]).unwrap();
        }
        b.finish()
    }

    /// Whether `word`'s list in `index` is a bitset (`None` if absent).
    fn is_dense(index: &Index, word: &str) -> Option<bool> {
        let t = (0..index.word_count()).find(|&t| index.word(t) == word)?;
        Some(matches!(index.list(t), List::Dense(_)))
    }

    /// Merges the documents before `split` into those from it on, checks
    /// the result against one build, and gives the three indexes.
    fn merge_at(docs: &[(DocId, &str)], split: usize) -> (Index, Index, Index) {
        let (ours, theirs) = (build_ids(&docs[..split]), build_ids(&docs[split..]));
        let merged = ours.merged(&theirs).unwrap();
        let whole = build_ids(docs);
        assert_eq!(merged, whole, "split at {split} of {docs:?}");
        (ours, theirs, merged)
    }

    #[test]
    fn merged_equals_one_build_and_finds_the_same() {
        let docs = [
            (0, "harbour bridge"),
            (1, "bridge gamma"),
            (2, "café alpha"),
            (4, "harbour"),
            (5, "alpha beta harbour"),
        ];
        for split in 0..=docs.len() {
            let (_, _, merged) = merge_at(&docs, split);
            assert_eq!(merged.candidates(&Query::parse("harbour")), [0, 4, 5]);
            assert_eq!(merged.candidates(&Query::parse("a")), [2, 5]);
            assert_eq!(merged.candidates(&Query::parse("")), [0, 1, 2, 4, 5]);
            assert_eq!(merged.doc_count(), 5);
        }
    }

    #[test]
    fn lists_near_the_threshold_flip_as_one_build_would() {
        let x = |ids: std::ops::Range<DocId>| ids.map(|id| (id, "x")).collect::<Vec<_>>();
        // 10 ids in a 10-id universe: 10 bytes of varints beat a 1-word
        // bitset; the universe then grows to 1001 (16 words), 12 bytes don't.
        let mut docs = x(0..10);
        docs.push((1000, "x y"));
        let (ours, theirs, merged) = merge_at(&docs, 10);
        assert_eq!(is_dense(&ours, "x"), Some(true));
        assert_eq!(is_dense(&theirs, "x"), Some(false));
        assert_eq!(is_dense(&merged, "x"), Some(false), "bitset to varints");
        // The same, with the word only in the earlier index.
        let mut docs = x(0..10);
        docs.push((1000, "y"));
        let (ours, _, merged) = merge_at(&docs, 10);
        assert_eq!(is_dense(&ours, "x"), Some(true));
        assert_eq!(
            is_dense(&merged, "x"),
            Some(false),
            "alone, bitset to varints"
        );
        // 8 + 1 varints in a 9-id universe: both sides sparse, joined dense.
        let (ours, theirs, merged) = merge_at(&x(0..9), 8);
        assert_eq!(is_dense(&ours, "x"), Some(false));
        assert_eq!(is_dense(&theirs, "x"), Some(false));
        assert_eq!(is_dense(&merged, "x"), Some(true), "varints to a bitset");
        // Sparse before, dense after, dense merged.
        let (ours, theirs, merged) = merge_at(&x(0..71), 1);
        assert_eq!(is_dense(&ours, "x"), Some(false));
        assert_eq!(is_dense(&theirs, "x"), Some(true));
        assert_eq!(is_dense(&merged, "x"), Some(true));
        // Dense before, sparse after, dense merged (the bitset widens).
        let (ours, theirs, merged) = merge_at(&x(0..130), 100);
        assert_eq!(is_dense(&ours, "x"), Some(true));
        assert_eq!(is_dense(&theirs, "x"), Some(true));
        assert_eq!(is_dense(&merged, "x"), Some(true));
        let mut docs = x(0..20);
        docs.push((20, "x"));
        let (ours, theirs, merged) = merge_at(&docs, 20);
        assert_eq!(is_dense(&ours, "x"), Some(true));
        assert_eq!(is_dense(&theirs, "x"), Some(false));
        assert_eq!(is_dense(&merged, "x"), Some(true));
    }

    #[test]
    fn lower_or_equal_ids_are_refused() {
        let ours = build_ids(&[(0, "a"), (3, "a")]);
        for (id, expected) in [(2, Err(3)), (3, Err(3)), (4, Ok(()))] {
            let got = ours.merged(&build_ids(&[(id, "a"), (9, "b")]));
            match expected {
                Ok(()) => assert!(got.is_ok(), "{id}"),
                Err(last) => assert_eq!(got, Err(BuildError::OutOfOrder { id, last })),
            }
        }
    }

    #[test]
    fn an_empty_side_gives_the_other() {
        let empty = IndexBuilder::new().finish();
        let some = build_ids(&[(2, "alpha beta"), (5, "beta")]);
        assert_eq!(empty.merged(&some).unwrap(), some);
        assert_eq!(some.merged(&empty).unwrap(), some);
        assert_eq!(empty.merged(&empty).unwrap(), empty);
    }

    #[test]
    fn random_splits_equal_one_build_and_cover_both_flips() {
        const WORDS: [&str; 6] = ["a", "b", "c", "ab", "abc", "bc"];
        let mut rng = crate::test_rng::Rng(0x2545_f491_4f6c_dd1d_u64);
        let mut next = |n: u64| rng.next_u64() % n;
        let (mut to_dense, mut to_sparse) = (0, 0);
        for _ in 0..300 {
            let mut texts = Vec::new();
            let mut id = next(3) as DocId;
            for _ in 0..next(80) {
                // Word k in about one document in 2^k: some lists are near
                // the threshold (about one id in 8 of the universe).
                let words: Vec<&str> = (0..6)
                    .filter(|&k| next(1 << k) == 0)
                    .map(|k| WORDS[k])
                    .collect();
                texts.push((id, words.join(" ")));
                id += 1 + if next(8) == 0 { next(300) } else { next(2) } as DocId;
            }
            let docs: Vec<(DocId, &str)> = texts.iter().map(|(id, t)| (*id, t.as_str())).collect();
            let split = next(docs.len() as u64 + 1) as usize;
            let (ours, _, merged) = merge_at(&docs, split);
            for w in WORDS {
                match (is_dense(&ours, w), is_dense(&merged, w)) {
                    (Some(false) | None, Some(true)) => to_dense += 1,
                    (Some(true), Some(false)) => to_sparse += 1,
                    _ => {}
                }
            }
        }
        assert!(to_dense > 10 && to_sparse > 10, "{to_dense} {to_sparse}");
    }
}
