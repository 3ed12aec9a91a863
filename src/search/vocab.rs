//! The index builder's word table: gives each distinct folded word a number
//! (in order of first sight) and keeps the words' text by number.
//!
//! Every token of every document is looked up here, so the common case is
//! made cheap: a word of at most 16 bytes (nearly all of them) is its own
//! key, its bytes packed into a `u128` (zero-padded; no folded word has a
//! zero byte, so the key is unique). A lookup is then a multiply and one
//! or two integer compares in an open-addressing table, with no string
//! comparison and no allocation. An ASCII word is packed straight from the
//! text, lowercased on the way ([`ascii_key`]). Longer words go to an
//! ordinary hash map. Each slot also keeps the last document its word was
//! seen in, so that a word repeated in a document costs the builder one
//! lookup and nothing more ([`Vocab::number_all`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::slice::ParallelSliceMut;

use super::DocId;

/// Words of at most this many bytes are keyed by their packed bytes.
const KEY_BYTES: usize = 16;

/// Setting this bit in every byte lowercases ASCII letters and leaves
/// ASCII digits as they are (they have it already).
const LOWERCASE_BITS: u128 = u128::from_le_bytes([0x20; KEY_BYTES]);

/// A slot of the open-addressing table: a packed key and its word number.
/// The key 0 marks an empty slot (no word packs to 0).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u128,
    number: u32,
    /// The last document the word was given out for (see
    /// [`Vocab::number_all`]).
    mark: DocId,
}

/// Word numbers by word, and words by number.
#[derive(Debug)]
pub(super) struct Vocab {
    /// Power-of-two many slots, fewer than half of them used.
    slots: Vec<Slot>,
    /// `slots.len() - 1` (the batch loop takes it from the slice itself).
    mask: usize,
    short_count: usize,
    long: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>,
    /// Every word in number order, back to back; word `n` ends at `ends[n]`.
    text: String,
    ends: Vec<u32>,
}

/// Slots in a new table.
const FIRST_SLOTS: usize = 1024;

impl Default for Vocab {
    fn default() -> Self {
        Vocab {
            slots: vec![Slot::default(); FIRST_SLOTS],
            mask: FIRST_SLOTS - 1,
            short_count: 0,
            long: HashMap::default(),
            text: String::new(),
            ends: Vec::new(),
        }
    }
}

impl Vocab {
    /// How many distinct words there are (the next new word's number).
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The bytes of all words together.
    pub(super) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Word number `n`.
    pub(super) fn word(&self, n: u32) -> &str {
        let n = n as usize;
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        &self.text[start..self.ends[n] as usize]
    }

    /// The number of the folded `word`, which is numbered [`Vocab::len`]
    /// if new.
    pub(super) fn number(&mut self, word: &str) -> u32 {
        match packed(word.as_bytes()) {
            Some(key) => self.number_packed(key),
            None => self.number_long(word),
        }
    }

    /// The number of the short word packed as `key`, whose [`Vocab::hash`]
    /// is `hash`, as a word of document `id`; or `None` when the word was
    /// already given out for `id`: the caller then has nothing to add to
    /// its list, and skips touching it (most words of a document repeat
    /// one of its earlier words). See [`Vocab::number_all`].
    #[cfg(test)]
    pub(super) fn number_once(&mut self, key: u128, hash: u32, id: DocId) -> Option<u32> {
        let mut got = None;
        self.number_all(&[key], &[hash], id, |number, fresh| {
            got = fresh.then_some(number);
        });
        got
    }

    /// Calls `each(number, fresh)` for the short words packed as `keys`,
    /// whose [`Vocab::hash`]es are `hashes`, as words of document `id`, in
    /// order: `fresh` tells whether that is the word's first time for `id`
    /// (when not, its list has `id` already). Whether it is varies from
    /// word to word without a pattern, so it is given as a value for the
    /// caller to count with, not to branch on.
    ///
    /// A slot carries the last id it was given out for (its mark). A mark
    /// equal to `id` thus means the word's list has `id`. A word numbered
    /// by [`Vocab::number`] instead gets the mark 0; its list is not empty
    /// then, so every later `id` (ids increase) is above 0.
    ///
    /// Room for every key is made first, so that no key makes the table
    /// grow: the slots and their mask then stay in registers over the loop
    /// (a lookup is a few instructions, and reloading them cost as many).
    #[inline]
    pub(super) fn number_all(
        &mut self,
        keys: &[u128],
        hashes: &[u32],
        id: DocId,
        mut each: impl FnMut(u32, bool),
    ) {
        self.make_room(keys.len());
        let Vocab {
            slots,
            short_count,
            text,
            ends,
            ..
        } = self;
        // The mask taken from the slice's own length (never 0): every
        // index masked with it is then known to be in bounds, and no slot
        // access needs a check.
        let slots = slots.as_mut_slice();
        let Some(mask) = slots.len().checked_sub(1) else {
            return;
        };
        for (&key, &hash) in keys.iter().zip(hashes) {
            let mut i = hash as usize & mask;
            let (number, fresh) = loop {
                let slot = &mut slots[i];
                if slot.key == key {
                    let fresh = slot.mark != id;
                    slot.mark = id;
                    break (slot.number, fresh);
                }
                if slot.key == 0 {
                    let number = push_word(text, ends, key_text(&key.to_le_bytes()));
                    *slot = Slot {
                        key,
                        number,
                        mark: id,
                    };
                    *short_count += 1;
                    break (number, true);
                }
                i = (i + 1) & mask;
            };
            each(number, fresh);
        }
    }

    /// The hash of a packed key: the table's size is a power of two, and
    /// its low bits pick the key's first slot. One multiply: the high
    /// half, zero for most words, is folded in by a rotation first.
    #[inline]
    pub(super) fn hash(key: u128) -> u32 {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        ((lo ^ hi.rotate_left(32)).wrapping_mul(K) >> 32) as u32
    }

    /// Fetches ahead the slot where a lookup of the key hashed `hash`
    /// starts.
    #[inline]
    pub(super) fn prefetch(&self, hash: u32) {
        let at = self.slots.as_ptr().wrapping_add(hash as usize & self.mask);
        super::batch::prefetch_ptr(at);
    }

    /// The number of the ASCII letters and digits `bytes` lowercased, a
    /// word too long for a key ([`ascii_key`] gave none).
    pub(super) fn number_long_ascii(&mut self, bytes: &[u8]) -> u32 {
        self.number_long(&ascii_lowercase(bytes))
    }

    /// [`Vocab::number`] of the ASCII letters and digits `text[start..end]`
    /// lowercased (see [`ascii_key`]).
    #[cfg(test)]
    pub(super) fn number_ascii(&mut self, text: &[u8], start: usize, end: usize) -> u32 {
        match ascii_key(text, start, end) {
            Some(key) => self.number_packed(key),
            None => self.number_long_ascii(&text[start..end]),
        }
    }

    /// The number of the short word packed as `key`.
    #[inline]
    fn number_packed(&mut self, key: u128) -> u32 {
        let hash = Self::hash(key);
        let mut i = hash as usize & self.mask;
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return slot.number;
            }
            if slot.key == 0 {
                break;
            }
            i = (i + 1) & self.mask;
        }
        let number = push_word(&mut self.text, &mut self.ends, key_text(&key.to_le_bytes()));
        self.slots[i] = Slot {
            key,
            number,
            mark: 0,
        };
        self.short_count += 1;
        self.make_room(0);
        number
    }

    /// The number of a word too long to pack.
    fn number_long(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.long.get(word) {
            return n;
        }
        let number = push_word(&mut self.text, &mut self.ends, word);
        self.long.insert(word.into(), number);
        number
    }

    /// Makes the table large enough for `more` new keys to leave fewer than
    /// half of its slots used.
    #[inline]
    fn make_room(&mut self, more: usize) {
        if (self.short_count + more) * 2 >= self.slots.len() {
            self.grow(more);
        }
    }

    /// Doubles the table until `more` new keys fit (see
    /// [`Vocab::make_room`]), and re-places every key.
    #[cold]
    fn grow(&mut self, more: usize) {
        let mut size = self.slots.len() * 2;
        while (self.short_count + more) * 2 >= size {
            size *= 2;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        self.mask = size - 1;
        for slot in old.into_iter().filter(|s| s.key != 0) {
            let mut i = Self::hash(slot.key) as usize & self.mask;
            while self.slots[i].key != 0 {
                i = (i + 1) & self.mask;
            }
            self.slots[i] = slot;
        }
    }

    /// Every word number, ordered by word (byte order).
    /// Sorted by the first 16 bytes as a big-endian number first (which
    /// orders like the bytes, a shorter word's zero padding before any
    /// letter), so that only words sharing those are compared in full.
    pub(super) fn sorted(&self) -> Vec<u32> {
        let mut keyed: Vec<(u128, u32)> = (0..super::build::offset(self.len()))
            .map(|n| {
                let word = self.word(n).as_bytes();
                (padded(&word[..word.len().min(KEY_BYTES)]).swap_bytes(), n)
            })
            .collect();
        // (On every core: a first opening's index waits for it.)
        keyed.par_sort_unstable_by(|&(ka, a), &(kb, b)| {
            ka.cmp(&kb).then_with(|| self.word(a).cmp(self.word(b)))
        });
        keyed.into_iter().map(|(_, n)| n).collect()
    }
}

/// The packed key of the ASCII letters and digits `text[start..end]`
/// lowercased, if at most 16 bytes: read from the 16 bytes at `start`
/// (or those ending at `end`, near the end of `text`), lowercased and cut.
/// `text` is the whole text the word is in, so that 16 bytes around it can
/// be read at once.
#[inline]
pub(super) fn ascii_key(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len > KEY_BYTES {
        return None;
    }
    let raw = if let Some(chunk) = text.get(start..start + KEY_BYTES) {
        load(chunk)
    } else if end >= KEY_BYTES {
        load(&text[end - KEY_BYTES..end]) >> (8 * (KEY_BYTES - len))
    } else {
        padded(&text[start..end])
    };
    Some((raw | LOWERCASE_BITS) & low_bytes(len))
}

/// The word packed as `bytes` (a key's, little-endian): its bytes up to
/// the zero padding.
fn key_text(bytes: &[u8; KEY_BYTES]) -> &str {
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(KEY_BYTES);
    std::str::from_utf8(&bytes[..len]).expect("keys are packed from words")
}

/// Appends `word` to the words `text`, whose ends are `ends`: the new
/// word's number.
fn push_word(text: &mut String, ends: &mut Vec<u32>, word: &str) -> u32 {
    let number = super::build::offset(ends.len());
    text.push_str(word);
    ends.push(super::build::offset(text.len()));
    number
}

/// ASCII letters and digits lowercased.
fn ascii_lowercase(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b | 0x20)).collect()
}

/// The first 16 bytes of `chunk`, little-endian.
#[inline]
fn load(chunk: &[u8]) -> u128 {
    let mut b = [0; KEY_BYTES];
    b.copy_from_slice(&chunk[..KEY_BYTES]);
    u128::from_le_bytes(b)
}

/// `bytes` (at most 16) zero-padded, little-endian.
fn padded(bytes: &[u8]) -> u128 {
    let mut b = [0; KEY_BYTES];
    b[..bytes.len()].copy_from_slice(bytes);
    u128::from_le_bytes(b)
}

/// A mask of the low `len` bytes (`len` up to 16).
#[inline]
fn low_bytes(len: usize) -> u128 {
    LOW_BYTES[len]
}

/// [`low_bytes`] worked out ahead: shifting a `u128` by a variable amount
/// takes several instructions and a branch.
static LOW_BYTES: [u128; KEY_BYTES + 1] = {
    let mut t = [0; KEY_BYTES + 1];
    let mut len = 1;
    while len <= KEY_BYTES {
        t[len] = u128::MAX >> (8 * (KEY_BYTES - len));
        len += 1;
    }
    t
};

/// The packed key of `word`, if it is short enough to have one.
fn packed(word: &[u8]) -> Option<u128> {
    (word.len() <= KEY_BYTES).then(|| padded(word))
}

/// A fast hasher for the long words (the map is private, so hash flooding
/// is not a concern): FxHash-style multiply and rotate.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_numbered_in_order_of_first_sight() {
        let mut v = Vocab::default();
        let long = "internationalisation-and-more";
        assert_eq!(v.number("b"), 0);
        assert_eq!(v.number(long), 1);
        assert_eq!(v.number("a"), 2);
        assert_eq!(v.number("b"), 0);
        assert_eq!(v.number(long), 1);
        assert_eq!(v.len(), 3);
        assert_eq!([v.word(0), v.word(1), v.word(2)], ["b", long, "a"]);
        assert_eq!(v.sorted(), [2, 0, 1]);
    }

    #[test]
    fn sorted_is_byte_order_for_prefixes_and_long_words() {
        let words = [
            "b",
            "ab",
            "a",
            "abcdefghijklmnopq",
            "abcdefghijklmnop",
            "abcdefghijklmnopr",
            "é",
            "z9",
            "abcdefghijklmnopqa",
        ];
        let mut v = Vocab::default();
        words.iter().for_each(|w| {
            v.number(w);
        });
        let got: Vec<&str> = v.sorted().into_iter().map(|n| v.word(n)).collect();
        let mut want = words.to_vec();
        want.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn ascii_words_are_lowercased_wherever_they_sit_in_the_text() {
        let text = b"The CAT sat on a mat, said Mr Cattermole-Featherstonehaugh the";
        let mut v = Vocab::default();
        let mut numbers = Vec::new();
        let mut start = None;
        for (i, b) in text.iter().chain(b" ").enumerate() {
            match (b.is_ascii_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    numbers.push(v.number_ascii(text, s, i));
                    start = None;
                }
                _ => {}
            }
        }
        let words: Vec<&str> = numbers.iter().map(|&n| v.word(n)).collect();
        assert_eq!(
            words,
            "the cat sat on a mat said mr cattermole featherstonehaugh the"
                .split(' ')
                .collect::<Vec<_>>()
        );
        assert_eq!(numbers[0], numbers[10]);
        assert_eq!(v.number("featherstonehaugh"), numbers[9]);
        assert_eq!(v.number("the"), numbers[0]);
    }

    #[test]
    fn a_word_is_given_out_once_per_document() {
        let mut v = Vocab::default();
        let once = |v: &mut Vocab, w: &str, id| {
            let key = ascii_key(w.as_bytes(), 0, w.len()).unwrap();
            v.number_once(key, Vocab::hash(key), id)
        };
        assert_eq!(once(&mut v, "Tide", 0), Some(0));
        assert_eq!(once(&mut v, "tIDE", 0), None);
        assert_eq!(once(&mut v, "moon", 0), Some(1));
        assert_eq!(once(&mut v, "tide", 1), Some(0));
        assert_eq!(once(&mut v, "tide", 1), None);
        // Numbered without a document: given out for the next one.
        assert_eq!(v.number("sea"), 2);
        assert_eq!(once(&mut v, "sea", 2), Some(2));
        assert_eq!(once(&mut v, "sea", 2), None);
        assert_eq!([v.word(0), v.word(1), v.word(2)], ["tide", "moon", "sea"]);
    }

    #[test]
    fn short_texts_and_many_words_keep_their_numbers() {
        let mut v = Vocab::default();
        assert_eq!(v.number_ascii(b"Hi", 0, 2), 0);
        assert_eq!(v.number_ascii(b"x hI", 2, 4), 0);
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let numbers: Vec<u32> = words.iter().map(|w| v.number(w)).collect();
        for (w, n) in words.iter().zip(numbers) {
            assert_eq!(v.word(n), w);
            assert_eq!(v.number_ascii(w.as_bytes(), 0, w.len()), n);
        }
        assert_eq!(v.len(), 5001);
    }
}
