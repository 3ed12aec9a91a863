//! Posting lists: sorted document ids as delta-encoded varint bytes, or as
//! a bitset over all ids for words in most documents, and the set
//! operations a query needs on them.

use super::DocId;

/// Appends `v` as a LEB128 varint (7 bits a byte, low bits first).
#[inline]
pub(crate) fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// `v` as a varint ([`push_varint`]) in a buffer, and its length.
pub(super) fn varint_bytes(mut v: u32) -> ([u8; 5], usize) {
    let mut bytes = [0; 5];
    let mut len = 0;
    while v >= 0x80 {
        bytes[len] = (v as u8) | 0x80;
        v >>= 7;
        len += 1;
    }
    bytes[len] = v as u8;
    (bytes, len + 1)
}

/// Reads the varint at `bytes[*pos..]`, advancing `pos`; `None` at the end
/// or on a varint longer than a `u32` can need.
pub(crate) fn read_varint(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// How many bytes `v` takes as a varint.
pub(super) fn varint_len(v: u32) -> usize {
    1 + (31 - (v | 1).leading_zeros() as usize) / 7
}

/// Whether a list whose varints take `varint_bytes` is stored as a bitset
/// over the ids below `universe`: when the bitset is the smaller of the two.
/// The one rule for building and merging alike.
pub(super) fn stored_dense(varint_bytes: usize, universe: u32) -> bool {
    varint_bytes > words_for(universe) * 8
}

/// Appends the delta-encoded `later` to `bytes`, whose last id is `last`
/// (`None` when `bytes` is empty): only the first id of `later` is
/// re-encoded, as a gap.
pub(super) fn join_all(bytes: &mut Vec<u8>, last: Option<DocId>, later: &[u8]) {
    let mut pos = 0;
    let Some(first) = read_varint(later, &mut pos) else {
        return;
    };
    push_varint(bytes, last.map_or(first, |l| first - l));
    bytes.extend_from_slice(&later[pos..]);
}

/// Iterates the ids of a delta-encoded list: the first varint is the first
/// id, each next one the gap to the previous id.
#[derive(Clone)]
pub(super) struct Deltas<'a> {
    bytes: &'a [u8],
    pos: usize,
    last: Option<DocId>,
}

impl<'a> Deltas<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Deltas {
            bytes,
            pos: 0,
            last: None,
        }
    }
}

impl Deltas<'_> {
    /// How many bytes were read so far.
    pub(super) fn consumed(&self) -> usize {
        self.pos
    }
}

impl Iterator for Deltas<'_> {
    type Item = DocId;

    #[inline]
    fn next(&mut self) -> Option<DocId> {
        let gap = read_varint(self.bytes, &mut self.pos)?;
        let id = match self.last {
            None => gap,
            Some(last) => last.saturating_add(gap),
        };
        self.last = Some(id);
        Some(id)
    }
}

/// One word's documents as stored in the index.
#[derive(Clone, Copy)]
pub(super) enum List<'a> {
    Sparse(&'a [u8]),
    Dense(&'a [u64]),
}

/// A set of document ids below a fixed bound, one bit each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bits(pub(super) Vec<u64>);

impl Bits {
    /// An empty set able to hold ids below `universe`.
    pub(super) fn new(universe: u32) -> Self {
        Bits(vec![0; words_for(universe)])
    }

    /// Adds `id`; ids outside the set's range are ignored.
    #[cfg(test)]
    pub(super) fn insert(&mut self, id: DocId) {
        set_bit(&mut self.0, id);
    }

    #[inline]
    pub(super) fn contains(&self, id: DocId) -> bool {
        has_bit(&self.0, id)
    }

    /// Adds every id of `list`.
    pub(super) fn union_with(&mut self, list: List<'_>) {
        union_into(&mut self.0, list);
    }

    /// Keeps only the ids also in `words` (a dense list or another set).
    pub(super) fn intersect_words(&mut self, words: &[u64]) {
        let n = words.len();
        self.0.iter_mut().zip(words).for_each(|(a, b)| *a &= b);
        self.0.iter_mut().skip(n).for_each(|a| *a = 0);
    }

    /// The ids in ascending order.
    pub(super) fn to_ids(&self) -> Vec<DocId> {
        let count = self.0.iter().map(|w| w.count_ones() as usize).sum();
        let mut out = Vec::with_capacity(count);
        for (i, &w) in self.0.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                let bit = w.trailing_zeros();
                out.push(i as u32 * 64 + bit);
                w &= w - 1;
            }
        }
        out
    }
}

/// Sets the bits of every id of `list` in the bitset `words` (ids past its
/// end are ignored).
pub(super) fn union_into(words: &mut [u64], list: List<'_>) {
    match list {
        List::Sparse(bytes) => Deltas::new(bytes).for_each(|id| set_bit(words, id)),
        List::Dense(other) => words.iter_mut().zip(other).for_each(|(a, b)| *a |= b),
    }
}

/// The ids of the bitset `words`, ascending.
pub(super) fn bit_ids(words: &[u64]) -> impl Iterator<Item = DocId> + '_ {
    words.iter().enumerate().flat_map(|(i, &w)| {
        let mut w = w;
        std::iter::from_fn(move || {
            (w != 0).then(|| {
                let bit = w.trailing_zeros();
                w &= w - 1;
                i as u32 * 64 + bit
            })
        })
    })
}

/// How many `u64`s a bitset over ids below `universe` takes.
pub(super) fn words_for(universe: u32) -> usize {
    (universe as usize).div_ceil(64)
}

/// Keeps the ids of `ids` (ascending) that are also in `list`.
pub(super) fn intersect_sorted(ids: &mut Vec<DocId>, list: List<'_>) {
    match list {
        List::Dense(words) => ids.retain(|&id| has_bit(words, id)),
        List::Sparse(bytes) => {
            let mut other = Deltas::new(bytes);
            let mut current = other.next();
            ids.retain(|&id| {
                while let Some(o) = current {
                    if o >= id {
                        return o == id;
                    }
                    current = other.next();
                }
                false
            });
        }
    }
}

/// Sets bit `id` of the bitset `words`, if it has that bit.
#[inline]
fn set_bit(words: &mut [u64], id: DocId) {
    if let Some(w) = words.get_mut((id / 64) as usize) {
        *w |= 1 << (id % 64);
    }
}

/// Whether bit `id` is set in the bitset `words`.
#[inline]
fn has_bit(words: &[u64], id: DocId) -> bool {
    words
        .get((id / 64) as usize)
        .is_some_and(|w| w & (1 << (id % 64)) != 0)
}

/// Delta-encodes ascending `ids`.
#[cfg(test)]
pub(super) fn encode(ids: &[DocId]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut last = None;
    for &id in ids {
        push_varint(&mut out, last.map_or(id, |l| id - l));
        last = Some(id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_the_byte_boundaries() {
        let values = [0, 1, 127, 128, 16_383, 16_384, u32::MAX];
        let mut bytes = Vec::new();
        values.iter().for_each(|&v| push_varint(&mut bytes, v));
        assert_eq!(bytes.len(), 1 + 1 + 1 + 2 + 2 + 3 + 5);
        let mut pos = 0;
        let back: Vec<_> = std::iter::from_fn(|| read_varint(&bytes, &mut pos)).collect();
        assert_eq!(back, values);
    }

    #[test]
    fn truncated_or_overlong_varints_stop_decoding() {
        assert_eq!(read_varint(&[0x80], &mut 0), None);
        assert_eq!(read_varint(&[0xff; 6], &mut 0), None);
    }

    #[test]
    fn varint_len_matches_what_push_varint_writes() {
        for v in [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            u32::MAX,
        ] {
            let mut bytes = Vec::new();
            push_varint(&mut bytes, v);
            assert_eq!(varint_len(v), bytes.len(), "{v}");
            let (buf, len) = varint_bytes(v);
            assert_eq!(&buf[..len], bytes, "{v}");
        }
    }

    #[test]
    fn joined_lists_re_encode_only_the_first_id() {
        let mut bytes = encode(&[3, 10]);
        join_all(&mut bytes, Some(10), &encode(&[300, 301]));
        assert_eq!(bytes, encode(&[3, 10, 300, 301]));
        let mut empty = Vec::new();
        join_all(&mut empty, None, &encode(&[5, 6]));
        assert_eq!(empty, encode(&[5, 6]));
    }

    #[test]
    fn bit_ids_list_the_set_bits() {
        let mut bits = Bits::new(300);
        [0, 63, 64, 130, 299].iter().for_each(|&id| bits.insert(id));
        assert_eq!(bit_ids(&bits.0).collect::<Vec<_>>(), [0, 63, 64, 130, 299]);
        assert_eq!(bit_ids(&[]).count(), 0);
    }

    #[test]
    fn deltas_decode_what_was_encoded() {
        let ids = [0, 3, 4, 200, 70_000];
        assert_eq!(Deltas::new(&encode(&ids)).collect::<Vec<_>>(), ids);
    }

    #[test]
    fn bitsets_union_intersect_and_list() {
        let mut a = Bits::new(200);
        a.union_with(List::Sparse(&encode(&[1, 64, 199])));
        a.insert(500);
        assert!(a.contains(64) && !a.contains(65) && !a.contains(500));
        let mut b = Bits::new(200);
        b.insert(64);
        b.insert(2);
        a.intersect_words(&b.0);
        assert_eq!(a.to_ids(), [64]);
    }

    #[test]
    fn sorted_ids_intersect_with_both_list_kinds() {
        let mut ids = vec![1, 5, 9, 12, 300];
        intersect_sorted(&mut ids, List::Sparse(&encode(&[0, 5, 6, 12, 13, 400])));
        assert_eq!(ids, [5, 12]);
        let mut bits = Bits::new(64);
        bits.insert(12);
        intersect_sorted(&mut ids, List::Dense(&bits.0));
        assert_eq!(ids, [12]);
    }
}
