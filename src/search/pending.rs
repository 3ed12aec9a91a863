//! One word's documents while an index is built: ids in increasing order,
//! the first apart and the rest as varint gaps, the latest few gap bytes
//! kept inline.
//!
//! Most words of a chunk of documents are in few of them, so keeping up
//! to [`INLINE`] bytes of gaps in the list itself spares them a heap
//! buffer (allocating and growing those took a fifth of building); the
//! first id kept apart lets a word seen once need no gap at all, and lets
//! a chunk numbered from 0 be shifted into place by changing two numbers.
//!
//! The inline bytes are the list's newest gaps, moved to the heap
//! (`spill`) together when the room is full: a common word's gap then
//! goes into the list's own cache line, which the builder fetched ahead
//! (see [`super::batch`]), and its heap buffer, which no one fetched and
//! which the cleaner's work since the word's last document has usually
//! evicted, is written once per [`INLINE`] bytes instead of at every
//! document.

use super::DocId;
use super::postings::{push_varint, read_varint, varint_bytes, varint_len};

/// Gap bytes kept in the list itself: with the three numbers, the length
/// and the `Vec` they fill 64 bytes.
const INLINE: usize = 27;

/// How close to full the inline room is when [`Pending::push_ahead`]
/// fetches the end of `spill`: a gap is one byte nearly always, so the
/// room fills at one of the next two documents.
const SPILL_SOON: usize = 2;

/// A word's documents so far. One cache line, aligned to one: a list
/// takes a document after its line was fetched ahead (see
/// [`super::batch`]), and a list straddling two lines (as 56-byte lists
/// did, 3 in 8) would wait for the second.
#[derive(Debug, Default)]
#[repr(align(64))]
pub(super) struct Pending {
    first: DocId,
    last: DocId,
    /// How many documents: 0 when `first` and `last` mean nothing.
    df: u32,
    inline_len: u8,
    /// The newest gap bytes, after those in `spill`.
    inline: [u8; INLINE],
    /// The older gap bytes.
    spill: Vec<u8>,
}

impl Pending {
    /// Adds `id` (not below any id already in) unless it is the last one.
    /// (Testing the common case first, a one-byte gap with room for it,
    /// took more instructions over a build, not fewer: 396.8M -> 408.4M
    /// for index_dump's whole build of c3k.)
    #[inline]
    pub(super) fn push(&mut self, id: DocId) {
        if self.df == 0 {
            self.first = id;
        } else if self.last == id {
            return;
        } else {
            self.push_gap(id - self.last);
        }
        self.last = id;
        self.df += 1;
    }

    /// [`Pending::push`], then, when the inline room is nearly full,
    /// fetches ahead where its bytes will be moved to in `spill` (at the
    /// list's next document, or the one after): that part of the heap
    /// buffer was last written when the room last filled, and is rarely
    /// still in the caches.
    #[inline]
    pub(super) fn push_ahead(&mut self, id: DocId) {
        self.push(id);
        if usize::from(self.inline_len) + SPILL_SOON > INLINE {
            let len = self.spill.len();
            if self.spill.capacity() >= len + INLINE {
                let end = self.spill.as_ptr().wrapping_add(len);
                super::batch::prefetch_ptr(end);
                super::batch::prefetch_ptr(end.wrapping_add(INLINE - 1));
            }
        }
    }

    /// How many documents.
    pub(super) fn df(&self) -> u32 {
        self.df
    }

    /// The first id, if any.
    pub(super) fn first(&self) -> Option<DocId> {
        (self.df > 0).then_some(self.first)
    }

    /// The last id, if any.
    pub(super) fn last(&self) -> Option<DocId> {
        (self.df > 0).then_some(self.last)
    }

    /// How many bytes the list takes delta-encoded.
    pub(super) fn encoded_len(&self) -> usize {
        varint_len(self.first) + usize::from(self.inline_len) + self.spill.len()
    }

    /// Appends the list delta-encoded (the first id, then the gaps).
    pub(super) fn encode_into(&self, out: &mut Vec<u8>) {
        push_varint(out, self.first);
        out.extend_from_slice(&self.spill);
        out.extend_from_slice(self.inline_gaps());
    }

    /// Writes the list delta-encoded into `out`, exactly
    /// [`Pending::encoded_len`] bytes long.
    pub(super) fn encode_to(&self, out: &mut [u8]) {
        let (first, len) = varint_bytes(self.first);
        let (head, rest) = out.split_at_mut(len);
        head.copy_from_slice(&first[..len]);
        let (spill, inline) = rest.split_at_mut(self.spill.len());
        spill.copy_from_slice(&self.spill);
        inline.copy_from_slice(self.inline_gaps());
    }

    /// Appends `later` (ids above these).
    pub(super) fn join(&mut self, later: Pending) {
        if self.df == 0 {
            *self = later;
            return;
        }
        if later.df == 0 {
            return;
        }
        self.push_gap(later.first - self.last);
        self.extend_gaps(&later.spill);
        self.extend_gaps(later.inline_gaps());
        self.last = later.last;
        self.df += later.df;
    }

    /// Both lists as one: `self` and `other` may interleave (each
    /// builder of a loader's thread gets every other chunk or so), but
    /// share no id. A list entirely after the other is joined without
    /// decoding; otherwise they take turns in runs (a chunk's documents
    /// are numbered together), each run's gaps copied as bytes and only
    /// its first id written as a new gap.
    pub(super) fn merge(mut self, mut other: Pending) -> Pending {
        if other.df == 0 {
            return self;
        }
        if self.df == 0 {
            return other;
        }
        if other.last < self.first {
            std::mem::swap(&mut self, &mut other);
        }
        if self.last < other.first {
            self.join(other);
            return self;
        }
        let (a, b) = (self.gaps(), other.gaps());
        let mut x = Cursor::new(self.first, &a);
        let mut y = Cursor::new(other.first, &b);
        if y.id < x.id {
            std::mem::swap(&mut x, &mut y);
        }
        let first = x.id;
        let mut gaps = Vec::with_capacity(a.len() + b.len() + 8);
        let mut last = first;
        loop {
            // `x.id` is the lowest not yet written: it and the ids after it
            // below `y.id` keep their gaps (copied as bytes).
            if x.id != first {
                push_varint(&mut gaps, x.id - last);
            }
            let run = x.run_below(y.id);
            gaps.extend_from_slice(run);
            last = x.id;
            if !x.advance() {
                // The rest of `y` keeps its gaps.
                push_varint(&mut gaps, y.id - last);
                gaps.extend_from_slice(y.rest());
                break;
            }
            std::mem::swap(&mut x, &mut y);
        }
        // All the gaps in `spill`, none inline: as valid a list, and no
        // copy of them made.
        Pending {
            first,
            last: self.last.max(other.last),
            df: self.df + other.df,
            spill: gaps,
            ..Pending::default()
        }
    }

    /// The gap bytes, in one piece.
    fn gaps(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(usize::from(self.inline_len) + self.spill.len());
        bytes.extend_from_slice(&self.spill);
        bytes.extend_from_slice(self.inline_gaps());
        bytes
    }

    /// Raises every id by `offset`: only the first and last are ids, the
    /// rest are gaps.
    pub(super) fn shift(&mut self, offset: DocId) {
        if self.df > 0 {
            self.first += offset;
            self.last += offset;
        }
    }

    fn inline_gaps(&self) -> &[u8] {
        &self.inline[..usize::from(self.inline_len)]
    }

    /// Appends the gap `gap` as a varint.
    #[inline]
    fn push_gap(&mut self, gap: u32) {
        let n = usize::from(self.inline_len);
        if gap < 0x80 && n < INLINE {
            self.inline[n] = gap as u8;
            self.inline_len += 1;
        } else {
            let (bytes, len) = varint_bytes(gap);
            self.extend_gaps(&bytes[..len]);
        }
    }

    /// Appends gap bytes: into the inline room if they fit there, else
    /// after the inline bytes moved to `spill`, into the room emptied (or
    /// all to `spill` when more than it holds).
    fn extend_gaps(&mut self, bytes: &[u8]) {
        let n = usize::from(self.inline_len);
        if n + bytes.len() > INLINE {
            let n = usize::from(self.inline_len);
            self.spill.extend_from_slice(&self.inline[..n]);
            self.inline_len = 0;
            if bytes.len() > INLINE {
                self.spill.extend_from_slice(bytes);
                return;
            }
        }
        let n = usize::from(self.inline_len);
        self.inline[n..n + bytes.len()].copy_from_slice(bytes);
        self.inline_len += bytes.len() as u8;
    }
}

/// A place in a list being merged: the id there, and the gap bytes after.
struct Cursor<'a> {
    id: DocId,
    gaps: &'a [u8],
    /// Where the gap to the next id starts in `gaps`.
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(first: DocId, gaps: &'a [u8]) -> Self {
        Cursor {
            id: first,
            gaps,
            pos: 0,
        }
    }

    /// Moves on while the next id is below `bound`; the gap bytes passed.
    fn run_below(&mut self, bound: DocId) -> &'a [u8] {
        let start = self.pos;
        let mut pos = self.pos;
        while let Some(gap) = read_varint(self.gaps, &mut pos) {
            if self.id + gap >= bound {
                break;
            }
            self.id += gap;
            self.pos = pos;
        }
        &self.gaps[start..self.pos]
    }

    /// Moves to the next id; false at the end.
    fn advance(&mut self) -> bool {
        match read_varint(self.gaps, &mut self.pos) {
            Some(gap) => {
                self.id += gap;
                true
            }
            None => false,
        }
    }

    /// The gap bytes after this id.
    fn rest(&self) -> &'a [u8] {
        &self.gaps[self.pos..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::postings::{Deltas, encode};

    fn ids(p: &Pending) -> Vec<DocId> {
        let mut bytes = Vec::new();
        if p.df() > 0 {
            p.encode_into(&mut bytes);
        }
        assert_eq!(bytes.len(), if p.df() > 0 { p.encoded_len() } else { 0 });
        Deltas::new(&bytes).collect()
    }

    #[test]
    fn lists_spill_past_the_inline_room_and_encode_alike() {
        let want: Vec<DocId> = (0..40).map(|i| i * i * 7).collect();
        let mut p = Pending::default();
        for &id in &want {
            p.push(id);
            p.push(id);
        }
        assert_eq!(p.df(), 40);
        assert_eq!(ids(&p), want);
        let mut bytes = Vec::new();
        p.encode_into(&mut bytes);
        assert_eq!(bytes, encode(&want));
    }

    #[test]
    fn lists_pushed_ahead_equal_lists_pushed() {
        // Gaps of one to three varint bytes, across many spills.
        let gaps = (0..500).map(|i: DocId| [1, 200, 20_000][i as usize % 3]);
        let want: Vec<DocId> = gaps
            .scan(0, |id, gap| Some(std::mem::replace(id, *id + gap)))
            .collect();
        let (mut ahead, mut plain) = (Pending::default(), Pending::default());
        for &id in &want {
            ahead.push_ahead(id);
            ahead.push_ahead(id);
            plain.push(id);
        }
        assert_eq!(ahead.df(), 500);
        assert_eq!(ids(&ahead), ids(&plain));
        assert_eq!(ids(&ahead), want);
    }

    #[test]
    fn joined_and_shifted_lists_keep_every_id() {
        for split in [1, 5, 13, 30] {
            let all: Vec<DocId> = (0..40).map(|i| i * 3 + i % 7 * 50).collect();
            let mut all = all;
            all.sort_unstable();
            all.dedup();
            let (a, b) = all.split_at(split);
            let mut first = Pending::default();
            a.iter().for_each(|&id| first.push(id));
            let mut second = Pending::default();
            b.iter().for_each(|&id| second.push(id));
            first.join(second);
            assert_eq!(ids(&first), all, "split at {split}");
            first.shift(7);
            let shifted: Vec<DocId> = all.iter().map(|id| id + 7).collect();
            assert_eq!(ids(&first), shifted);
            assert_eq!(first.first(), Some(shifted[0]));
            assert_eq!(first.last(), shifted.last().copied());
        }
        let mut empty = Pending::default();
        empty.join(Pending::default());
        assert_eq!(empty.first(), None);
    }

    #[test]
    fn merged_lists_interleave_in_order() {
        let all: Vec<DocId> = (0..300).map(|i| i * 5 + i % 3).collect();
        // Runs of 7 ids go to one list or the other, as chunks to threads.
        let mut a = Pending::default();
        let mut b = Pending::default();
        for (k, &id) in all.iter().enumerate() {
            if k / 7 % 3 == 0 { &mut a } else { &mut b }.push(id);
        }
        let merged = a.merge(b);
        assert_eq!(merged.df(), 300);
        assert_eq!(ids(&merged), all);
        let (low, high) = all.split_at(100);
        let mut a = Pending::default();
        low.iter().for_each(|&id| a.push(id));
        let mut b = Pending::default();
        high.iter().for_each(|&id| b.push(id));
        assert_eq!(ids(&b.merge(a)), all, "a later list first");
        assert!(ids(&Pending::default().merge(Pending::default())).is_empty());
    }

    /// The ids `gaps` lead to from 0 (gaps of 1 to 3 varint bytes).
    fn ids_from(gaps: &[(u32, bool)]) -> Vec<DocId> {
        let mut id = 0;
        gaps.iter()
            .map(|&(gap, _)| {
                id += gap;
                id
            })
            .collect()
    }

    fn pushed(ids: &[DocId], twice: impl Fn(usize) -> bool) -> Pending {
        let mut p = Pending::default();
        for (k, &id) in ids.iter().enumerate() {
            p.push(id);
            if twice(k) {
                p.push(id);
            }
        }
        p
    }

    proptest::proptest! {
        #[test]
        fn pushed_joined_and_merged_lists_encode_like_the_ids(
            gaps in proptest::collection::vec((1u32..40_000, proptest::bool::ANY), 0..120),
            split in 0usize..120,
        ) {
            let all = ids_from(&gaps);
            let p = pushed(&all, |k| gaps[k].1);
            let mut bytes = Vec::new();
            if p.df() > 0 {
                p.encode_into(&mut bytes);
            }
            proptest::prop_assert_eq!(&bytes, &if all.is_empty() { Vec::new() } else { encode(&all) });
            proptest::prop_assert_eq!(ids(&p), all.clone());
            let split = split.min(all.len());
            let (low, high) = all.split_at(split);
            let mut joined = pushed(low, |_| false);
            joined.join(pushed(high, |_| false));
            proptest::prop_assert_eq!(ids(&joined), all.clone());
            // Every third id to one list, the rest to the other.
            let third = |keep: bool| -> Vec<DocId> {
                let ids = all.iter().enumerate();
                ids.filter(|(k, _)| (k % 3 == 0) == keep).map(|(_, &id)| id).collect()
            };
            let (a, b) = (third(true), third(false));
            let merged = pushed(&a, |_| false).merge(pushed(&b, |_| false));
            proptest::prop_assert_eq!(ids(&merged), all);
        }
    }
}
