//! The index as bytes, for a cache file: a magic tag, a format version and
//! the index's arrays little-endian. Loading checks everything, so a
//! damaged cache is an error to rebuild from, never a panic or a wrong hit.

use rayon::prelude::*;

use super::index::{DENSE, Index, TermMeta};
use super::postings::{Deltas, words_for};

const MAGIC: &[u8; 8] = b"BYLINEIX";
/// Bumped whenever the layout or the folding rules change: an index built
/// with other folding would silently miss words.
pub const FORMAT_VERSION: u32 = 1;

/// Why bytes could not be read back as an index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not a byline search index")]
    NotAnIndex,
    #[error("search index format {0}, this build reads {FORMAT_VERSION}: rebuild it")]
    Version(u32),
    #[error("search index is truncated")]
    Truncated,
    #[error("search index is damaged: {0}")]
    Corrupt(&'static str),
}

impl Index {
    /// The index as bytes; [`Index::from_bytes`] reads them back.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.heap_bytes() + 64);
        // Writing to a Vec cannot fail.
        let _ = self.write_to(&mut out);
        out
    }

    /// Writes the bytes of [`Index::to_bytes`] to `out`, a piece at a time
    /// (for a cache file: no copy of the whole index is made).
    pub fn write_to(&self, out: &mut (impl std::io::Write + ?Sized)) -> std::io::Result<()> {
        out.write_all(MAGIC)?;
        for v in [
            FORMAT_VERSION,
            self.doc_count,
            self.universe,
            len32(self.terms.len()),
        ] {
            out.write_all(&v.to_le_bytes())?;
        }
        put_bytes(out, self.vocab.as_bytes())?;
        let ends: Vec<u8> = self
            .vocab_ends
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        out.write_all(&ends)?;
        let terms = self.terms.iter().flat_map(|t| [t.start, t.len, t.df]);
        let terms: Vec<u8> = terms.flat_map(u32::to_le_bytes).collect();
        out.write_all(&terms)?;
        put_bytes(out, &self.postings)?;
        out.write_all(&len32(self.dense.len()).to_le_bytes())?;
        for chunk in self.dense.chunks(8192) {
            let bytes: Vec<u8> = chunk.iter().flat_map(|v| v.to_le_bytes()).collect();
            out.write_all(&bytes)?;
        }
        put_bytes(out, &self.all)
    }

    /// The universe (one more than the largest document id) of the index
    /// in `bytes`, read from its header alone, which is checked to be this
    /// format's.
    pub fn universe_in(bytes: &[u8]) -> Result<u32, FormatError> {
        let word = |at: usize| -> Result<u32, FormatError> {
            let b = bytes.get(at..at + 4).ok_or(FormatError::Truncated)?;
            Ok(u32::from_le_bytes(
                b.try_into().map_err(|_| FormatError::Truncated)?,
            ))
        };
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err(FormatError::NotAnIndex);
        }
        match word(8)? {
            FORMAT_VERSION => word(16),
            other => Err(FormatError::Version(other)),
        }
    }

    /// Reads an index written by [`Index::to_bytes`], checking that every
    /// list is well formed.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, FormatError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8).ok() != Some(MAGIC.as_slice()) {
            return Err(FormatError::NotAnIndex);
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(FormatError::Version(version));
        }
        let (doc_count, universe, n_terms) = (r.u32()?, r.u32()?, r.u32()? as usize);
        let vocab_len = r.u32()? as usize;
        let vocab = std::str::from_utf8(r.take(vocab_len)?)
            .map_err(|_| FormatError::Corrupt("vocabulary is not UTF-8"))?
            .to_owned();
        let vocab_ends = (0..n_terms)
            .map(|_| r.u32())
            .collect::<Result<Vec<_>, _>>()?;
        let terms = (0..n_terms)
            .map(|_| {
                Ok(TermMeta {
                    start: r.u32()?,
                    len: r.u32()?,
                    df: r.u32()?,
                })
            })
            .collect::<Result<Vec<_>, FormatError>>()?;
        let postings_len = r.u32()? as usize;
        let postings = r.take(postings_len)?.to_vec();
        let dense_len = r.u32()? as usize;
        let dense = (0..dense_len)
            .map(|_| r.u64())
            .collect::<Result<Vec<_>, _>>()?;
        let all_len = r.u32()? as usize;
        let all = r.take(all_len)?.to_vec();
        if r.pos != bytes.len() {
            return Err(FormatError::Corrupt("bytes after the end"));
        }
        let index = Index {
            vocab,
            vocab_ends,
            terms,
            postings,
            dense,
            all,
            doc_count,
            universe,
            prefixes: Default::default(),
        };
        index.check()?;
        Ok(index)
    }

    /// Checks the invariants searching relies on.
    fn check(&self) -> Result<(), FormatError> {
        let mut prev_end = 0;
        for &end in &self.vocab_ends {
            let end = end as usize;
            if end <= prev_end || !self.vocab.is_char_boundary(end) || end > self.vocab.len() {
                return Err(FormatError::Corrupt("vocabulary offsets"));
            }
            prev_end = end;
        }
        if prev_end != self.vocab.len()
            || (1..self.terms.len()).any(|t| self.word(t - 1) >= self.word(t))
        {
            return Err(FormatError::Corrupt("vocabulary order"));
        }
        let set_words = words_for(self.universe);
        let slots = self.dense.len().checked_div(set_words).unwrap_or(0);
        if self.dense.len() != slots * set_words {
            return Err(FormatError::Corrupt("bitset size"));
        }
        // Every list decoded, on every core (a reopening waits for it).
        self.terms.par_iter().try_for_each(|t| {
            let count = if t.len == DENSE {
                let at = t.start as usize;
                if at >= slots {
                    return Err(FormatError::Corrupt("bitset number"));
                }
                let set = &self.dense[at * set_words..(at + 1) * set_words];
                Some(set.iter().map(|w| w.count_ones()).sum::<u32>())
            } else {
                let range = t.start as usize..t.start as usize + t.len as usize;
                self.postings.get(range).and_then(|b| self.checked_count(b))
            };
            if count != Some(t.df) || t.df == 0 {
                return Err(FormatError::Corrupt("posting list"));
            }
            Ok(())
        })?;
        if self.checked_count(&self.all) != Some(self.doc_count) {
            return Err(FormatError::Corrupt("document list"));
        }
        Ok(())
    }

    /// How many ids `bytes` holds, if they decode completely, ascending and
    /// below the universe.
    fn checked_count(&self, bytes: &[u8]) -> Option<u32> {
        let mut ids = Deltas::new(bytes);
        let mut count = 0u32;
        let mut prev: Option<u32> = None;
        for id in ids.by_ref() {
            if prev.is_some_and(|p| id <= p) || id >= self.universe {
                return None;
            }
            prev = Some(id);
            count += 1;
        }
        (ids.consumed() == bytes.len()).then_some(count)
    }
}

fn put_bytes(out: &mut (impl std::io::Write + ?Sized), bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&len32(bytes.len()).to_le_bytes())?;
    out.write_all(bytes)
}

fn len32(n: usize) -> u32 {
    u32::try_from(n).expect("search index over 4 GiB")
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self.pos.checked_add(n).ok_or(FormatError::Truncated)?;
        let out = self
            .bytes
            .get(self.pos..end)
            .ok_or(FormatError::Truncated)?;
        self.pos = end;
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, FormatError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, FormatError> {
        let b = self.take(8)?;
        let mut a = [0; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{IndexBuilder, Query};

    fn sample() -> Index {
        let mut b = IndexBuilder::new();
        for i in 0..300u32 {
            b.add(i * 2, [format!("Café every w{i} {}", i % 7).as_str()])
                .unwrap();
        }
        b.finish()
    }

    #[test]
    fn bytes_round_trip() {
        let index = sample();
        let back = Index::from_bytes(&index.to_bytes()).unwrap();
        assert_eq!(back, index);
        assert_eq!(back.candidates(&Query::parse("cafe w12 ")), [24]);
    }

    #[test]
    fn the_empty_index_round_trips() {
        let index = IndexBuilder::new().finish();
        assert_eq!(Index::from_bytes(&index.to_bytes()).unwrap(), index);
    }

    #[test]
    fn wrong_tag_version_and_truncation_are_errors() {
        let bytes = sample().to_bytes();
        assert_eq!(Index::from_bytes(b"nonsense"), Err(FormatError::NotAnIndex));
        let mut v2 = bytes.clone();
        v2[8] = 2;
        assert_eq!(Index::from_bytes(&v2), Err(FormatError::Version(2)));
        for cut in [12, 30, bytes.len() / 2, bytes.len() - 1] {
            assert!(Index::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn flipped_bytes_never_panic_and_are_mostly_caught() {
        let bytes = sample().to_bytes();
        let mut caught = 0;
        for i in (24..bytes.len()).step_by(7) {
            let mut bad = bytes.clone();
            bad[i] ^= 0x5a;
            caught += usize::from(Index::from_bytes(&bad).is_err());
        }
        assert!(caught > 0);
    }
}
