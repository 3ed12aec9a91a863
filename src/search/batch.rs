//! Looking words up a batch at a time, so that their cache misses overlap.
//!
//! The word table and the lists are larger than the caches on a big
//! collection (tens of thousands of words, MBs), and the less common words
//! of a document miss there; so do the common ones after the cleaner ran
//! over the next files. Looked up one after another, each word would wait
//! for its slot, then for its list. So the words are gathered first, each
//! short word's key worked out and its slot fetched ahead ([`prefetch_ptr`]);
//! then the batch is looked up, fetching ahead the lists that take the
//! document; then those lists get it.
//!
//! Which order a document's words are numbered in changes no list (each
//! gets the document once) and no byte of the index (it orders words by
//! their text), so a batch may be looked up after words that came later.

use super::DocId;
use super::pending::Pending;
use super::vocab::Vocab;

/// Words gathered before they are looked up: enough for a lookup's miss
/// to have been served when its turn comes.
const WORDS: usize = 256;

/// Short words of one document waiting to be looked up: packed keys (see
/// [`super::vocab`]) and their hashes; and the numbers of the words whose
/// lists take the document, of the batch looked up last (given the
/// document only after the next batch is looked up, which leaves their
/// lists time to be fetched) and of the one being looked up.
///
/// The arrays are in the batch itself rather than boxed, and how many
/// words are in is kept by the [`Gathering`] of a document, a local: a
/// word is then stored at a fixed offset from the builder with a count in
/// a register, where a pointer and a count to load and store again took
/// about as many instructions as the rest of the word's gathering.
pub(super) struct Batch {
    keys: [u128; WORDS],
    hashes: [u32; WORDS],
    /// The numbers of two batches: `numbers[later]` are the ones of the
    /// batch before, the other the ones being looked up (the two trade
    /// places by `later` alone, with no copy).
    numbers: [[u32; WORDS]; 2],
    later: usize,
    later_len: usize,
}

impl Default for Batch {
    fn default() -> Self {
        Batch {
            keys: [0; WORDS],
            hashes: [0; WORDS],
            numbers: [[0; WORDS]; 2],
            later: 0,
            later_len: 0,
        }
    }
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch").finish_non_exhaustive()
    }
}

/// The short words of document `id` being gathered into a [`Batch`].
pub(super) struct Gathering<'a> {
    batch: &'a mut Batch,
    /// How many words are in the batch, below `WORDS`.
    len: usize,
    id: DocId,
}

impl Batch {
    /// Starts gathering the words of document `id` (the batch is empty).
    pub(super) fn gather(&mut self, id: DocId) -> Gathering<'_> {
        Gathering {
            batch: self,
            len: 0,
            id,
        }
    }

    /// Looks up the first `len` words, and adds document `id` to the lists
    /// of the batch before that do not have it yet (a batch of the same
    /// document: so no list is in both).
    fn look_up(&mut self, len: usize, vocab: &mut Vocab, lists: &mut Vec<Pending>, id: DocId) {
        // At most `len` (at most `WORDS`): `count % WORDS` is `count` when
        // written to.
        let mut count = 0;
        let [a, b] = &mut self.numbers;
        let (numbers, later) = if self.later.is_multiple_of(2) {
            (b, a)
        } else {
            (a, b)
        };
        let at = lists.as_ptr();
        vocab.number_all(&self.keys[..len], &self.hashes[..len], id, |n, fresh| {
            // Written in any case, kept only if `fresh` (no branch on it).
            // A new word's list is not there yet, and fetching a line
            // past the end does no harm.
            prefetch_ptr(at.wrapping_add(n as usize));
            numbers[count % WORDS] = n;
            count += usize::from(fresh);
        });
        for &n in &later[..self.later_len] {
            list_for(lists, n).push_ahead(id);
        }
        self.later = (self.later + 1) % 2;
        self.later_len = count;
    }
}

impl Gathering<'_> {
    /// Adds the word packed as `key`, fetching its slot ahead; looks the
    /// batch up when full.
    #[inline]
    pub(super) fn push(&mut self, key: u128, vocab: &mut Vocab, lists: &mut Vec<Pending>) {
        let hash = Vocab::hash(key);
        vocab.prefetch(hash);
        let i = self.len % WORDS;
        self.batch.keys[i] = key;
        self.batch.hashes[i] = hash;
        self.len = i + 1;
        if self.len == WORDS {
            self.len = 0;
            self.batch.look_up(WORDS, vocab, lists, self.id);
        }
    }

    /// Looks up the words gathered and adds the document to the lists
    /// that do not have it yet; the batch is empty after.
    pub(super) fn finish(self, vocab: &mut Vocab, lists: &mut Vec<Pending>) {
        let Gathering { batch, len, id } = self;
        batch.look_up(len, vocab, lists, id);
        let later = &batch.numbers[batch.later % 2];
        for &n in &later[..std::mem::take(&mut batch.later_len)] {
            list_for(lists, n).push(id);
        }
    }
}

/// The list of word number `n` in `lists`, created empty when `n` is a
/// new word's. New words' lists may be asked for out of order (a batch's
/// lists take the document after the words of the document's other
/// pieces), so the lists up to `n` are created.
#[inline]
pub(super) fn list_for(lists: &mut Vec<Pending>, n: u32) -> &mut Pending {
    let n = n as usize;
    if n < lists.len() {
        // (Checked just now: no second check.)
        &mut lists[n]
    } else {
        new_list(lists, n)
    }
}

/// [`list_for`] of a word whose list is not there yet.
#[cold]
fn new_list(lists: &mut Vec<Pending>, n: usize) -> &mut Pending {
    lists.resize_with(n + 1, Pending::default);
    &mut lists[n]
}

/// Asks for the cache line at `at` to be fetched, without waiting for it:
/// a hint, with no effect on what the program computes (`at` need not
/// point to anything).
#[inline]
pub(super) fn prefetch_ptr<T>(at: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: SSE is part of the x86_64 baseline, so the target feature
        // `_mm_prefetch` asks for is always there; a prefetch only hints,
        // it reads nothing the program sees and never faults, whatever
        // the address.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(at.cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

#[cfg(test)]
mod tests {
    use crate::search::{DocId, IndexBuilder, Query};

    #[test]
    fn new_words_of_other_pieces_between_batches_keep_their_lists() {
        // Over a batch of new words, then new words found outside batches
        // (not ASCII, too long for a key) while the batch's lists wait.
        let mut text: String = (0..300).map(|i| format!("w{i} ")).collect();
        text.push_str("Zoë internationalisation w7 ");
        text.extend((300..700).map(|i| format!("w{i} ")));
        let mut b = IndexBuilder::new();
        b.add(0, [text.as_str()]).unwrap();
        b.add(1, ["zoe w650 w3"]).unwrap();
        let index = b.finish();
        for (word, want) in [("zoe", [0, 1]), ("w650", [0, 1]), ("w3", [0, 1])] {
            assert_eq!(index.candidates(&Query::parse(&format!("{word} "))), want);
        }
        assert_eq!(
            index.candidates(&Query::parse("internationalisation ")),
            [0]
        );
        assert_eq!(index.candidates(&Query::parse("w299 ")), [0]);
        assert_eq!(index.word_count(), 702);
    }

    #[test]
    fn documents_longer_than_a_batch_are_in_each_of_their_words_lists() {
        // Words repeat within and across documents, which run over several
        // batches; some are too long for a key, some not ASCII.
        let words = ["a", "tide", "Moon", "x1", "internationalisation", "café"];
        let mut docs: Vec<String> = Vec::new();
        let mut state = 7u32;
        for d in 0..12 {
            let mut text = String::new();
            for _ in 0..(d * 97 % 700) {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push_str(words[(state >> 16) as usize % (words.len() - d % 3)]);
                text.push(' ');
            }
            docs.push(text);
        }
        let mut b = IndexBuilder::new();
        for (id, d) in docs.iter().enumerate() {
            b.add(id as DocId, [d.as_str()]).unwrap();
        }
        let index = b.finish();
        for w in words {
            let want: Vec<DocId> = (0..docs.len() as DocId)
                .filter(|&id| {
                    let text = docs[id as usize].to_lowercase();
                    text.split(' ').any(|t| t == w.to_lowercase())
                })
                .collect();
            let query = Query::parse(&format!("{w} "));
            assert_eq!(index.candidates(&query), want, "{w}");
        }
    }
}
