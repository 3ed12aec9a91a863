//! One word's documents while an index is built: ids in increasing order,
//! the first apart and the rest as varint gaps, the first few gap bytes
//! kept inline.
//!
//! Most words of a chunk of documents are in few of them, so keeping the
//! first [`INLINE`] bytes of gaps in the list itself spares them a heap
//! buffer (allocating and growing those took a fifth of building); the
//! first id kept apart lets a word seen once need no gap at all, and lets
//! a chunk numbered from 0 be shifted into place by changing two numbers.

use super::DocId;
use super::postings::{push_varint, varint_bytes, varint_len};

/// Gap bytes kept in the list itself before any go to the heap: with the
/// three numbers and the length they fill 32 bytes, before the `Vec`.
const INLINE: usize = 19;

/// A word's documents so far.
#[derive(Debug, Default)]
pub(super) struct Pending {
    first: DocId,
    last: DocId,
    /// How many documents: 0 when `first` and `last` mean nothing.
    df: u32,
    inline_len: u8,
    /// The first gap bytes; once full, the rest are in `spill`.
    inline: [u8; INLINE],
    spill: Vec<u8>,
}

impl Pending {
    /// Adds `id` (not below any id already in) unless it is the last one.
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
        out.extend_from_slice(self.inline_gaps());
        out.extend_from_slice(&self.spill);
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
        self.extend_gaps(later.inline_gaps());
        self.extend_gaps(&later.spill);
        self.last = later.last;
        self.df += later.df;
    }

    /// Both lists as one: `self` and `other` may interleave (each
    /// builder of a loader's thread gets every other chunk or so), but
    /// share no id. A list entirely after the other is joined without
    /// decoding; otherwise both are decoded and pushed in order.
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
        let mut merged = Pending::default();
        let (mut a, mut b) = (self.ids().peekable(), other.ids().peekable());
        while let (Some(&x), Some(&y)) = (a.peek(), b.peek()) {
            if x < y {
                merged.push(x);
                a.next();
            } else {
                merged.push(y);
                b.next();
            }
        }
        a.chain(b).for_each(|id| merged.push(id));
        merged
    }

    /// The ids in order, decoded.
    fn ids(&self) -> impl Iterator<Item = DocId> + '_ {
        let mut bytes = self.inline_gaps().iter().chain(&self.spill).copied();
        let mut next = (self.df > 0).then_some(self.first);
        std::iter::from_fn(move || {
            let id = next?;
            next = read_gap(&mut bytes).map(|gap| id + gap);
            Some(id)
        })
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
        if n == INLINE {
            push_varint(&mut self.spill, gap);
        } else if gap < 0x80 {
            self.inline[n] = gap as u8;
            self.inline_len += 1;
        } else {
            let (bytes, len) = varint_bytes(gap);
            self.extend_gaps(&bytes[..len]);
        }
    }

    /// Appends gap bytes: into the inline room first, the rest to `spill`.
    fn extend_gaps(&mut self, bytes: &[u8]) {
        let n = usize::from(self.inline_len);
        let room = (INLINE - n).min(bytes.len());
        self.inline[n..n + room].copy_from_slice(&bytes[..room]);
        self.inline_len += room as u8;
        self.spill.extend_from_slice(&bytes[room..]);
    }
}

/// The next varint of `bytes`, if any.
fn read_gap(bytes: &mut impl Iterator<Item = u8>) -> Option<u32> {
    let mut v = 0;
    let mut shift = 0;
    for b in bytes {
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
    }
    None
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
}
