//! The numbers, byte runs and strings of a block, and the records made of
//! them: [`Writer`] and [`Reader`] (see the format in `mod.rs`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::super::{FileRecord, Stamp};
use super::{AUTHOR, PUBLISHED, SOURCE, URL};
use crate::article::{ArticleId, Entry, Meta};

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
}

/// Elsewhere a path's bytes are only known safe to rebuild when UTF-8 (a
/// cache holding another path just fails to load and is rebuilt).
#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(bytes).ok().map(PathBuf::from)
}

/// Writes a block: numbers and byte runs to `data`, strings' bytes to `text`
/// (their lengths to `data`).
#[derive(Default)]
pub(in crate::cache) struct Writer {
    pub(super) data: Vec<u8>,
    pub(super) text: Vec<u8>,
}

impl Writer {
    pub(super) fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.data.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.data.push(v as u8);
    }

    pub(super) fn varint128(&mut self, mut v: u128) {
        while v >= 0x80 {
            self.data.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.data.push(v as u8);
    }

    pub(super) fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.data.extend_from_slice(b);
    }

    pub(super) fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.text.extend_from_slice(s.as_bytes());
    }

    pub(super) fn file<'a>(
        &mut self,
        path: &Path,
        stamp: Stamp,
        problems: impl ExactSizeIterator<Item = &'a str>,
        entries: impl ExactSizeIterator<Item = &'a Entry>,
        docs: &[u32],
    ) {
        self.bytes(path.as_os_str().as_encoded_bytes());
        self.varint(stamp.size);
        self.varint128(zigzag128(stamp.mtime_ns));
        self.varint(problems.len() as u64);
        for p in problems {
            self.str(p);
        }
        self.varint(entries.len() as u64);
        for e in entries {
            self.entry(e);
        }
        self.varint(docs.len() as u64);
        for &d in docs {
            self.varint(u64::from(d));
        }
    }

    pub(super) fn entry(&mut self, e: &Entry) {
        self.data.extend_from_slice(&e.id.0.to_le_bytes());
        self.varint(u64::from(e.slot));
        self.varint(u64::from(e.words));
        self.str(&e.title);
        let m = &e.meta;
        let flags = [
            (m.source.is_some(), SOURCE),
            (m.url.is_some(), URL),
            (m.author.is_some(), AUTHOR),
            (m.published.is_some(), PUBLISHED),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .fold(0, |acc, (_, bit)| acc | bit);
        self.data.push(flags);
        for s in [&m.source, &m.url, &m.author].into_iter().flatten() {
            self.str(s);
        }
        if let Some(date) = m.published {
            self.varint(zigzag(date.timestamp()));
            self.varint(u64::from(date.timestamp_subsec_nanos()));
            self.varint(zigzag(i64::from(date.offset().local_minus_utc())));
        }
    }
}

/// Reads a block written by [`Writer`]; every read checks what is left.
pub(super) struct Reader<'a> {
    pub(super) data: &'a [u8],
    pub(super) pos: usize,
    pub(super) text: &'a str,
    pub(super) text_pos: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(data: &'a [u8], text: &'a str) -> Self {
        Reader {
            data,
            pos: 0,
            text,
            text_pos: 0,
        }
    }

    pub(super) fn u8(&mut self) -> Option<u8> {
        let b = *self.data.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    pub(super) fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            let bits = u64::from(b & 0x7f);
            if shift == 63 && bits > 1 {
                return None;
            }
            v |= bits << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    pub(super) fn varint128(&mut self) -> Option<u128> {
        let mut v = 0u128;
        for shift in (0..128).step_by(7) {
            let b = self.u8()?;
            let bits = u128::from(b & 0x7f);
            if shift == 126 && bits > 3 {
                return None;
            }
            v |= bits << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    pub(super) fn len(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    /// A count of items of at least `min_len` bytes each, which the bytes
    /// left must be able to hold (so it is safe to reserve room for).
    pub(super) fn count(&mut self, min_len: usize) -> Option<usize> {
        let n = self.len()?;
        (n <= (self.data.len() - self.pos) / min_len).then_some(n)
    }

    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }

    pub(super) fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    /// The next string of the text: `None` past its end or off a character
    /// boundary.
    pub(super) fn string(&mut self) -> Option<String> {
        let end = self.text_pos.checked_add(self.len()?)?;
        let s = self.text.get(self.text_pos..end)?;
        self.text_pos = end;
        Some(s.to_owned())
    }

    /// A file: at least 6 bytes of data. With `spill`, its entries are
    /// pushed there instead (the record's left empty), and it must have one
    /// number per entry.
    pub(super) fn file_to(&mut self, spill: Option<&mut Vec<Option<Entry>>>) -> Option<FileRecord> {
        let path = path_from_bytes(self.bytes()?)?;
        let stamp = Stamp {
            size: self.varint()?,
            mtime_ns: unzigzag128(self.varint128()?),
        };
        let n = self.count(1)?;
        let mut problems = Vec::with_capacity(n);
        for _ in 0..n {
            problems.push(self.string()?);
        }
        let shared: Arc<Path> = Arc::from(path.as_path());
        // An entry takes at least 12 bytes of data.
        let n = self.count(12)?;
        let mut entries = Vec::new();
        let spilled = spill.is_some();
        match spill {
            Some(spill) => {
                for _ in 0..n {
                    spill.push(Some(self.entry(&shared)?));
                }
            }
            None => {
                entries.reserve_exact(n);
                for _ in 0..n {
                    entries.push(self.entry(&shared)?);
                }
            }
        }
        let entry_count = n;
        let n = self.count(1)?;
        if spilled && n != entry_count {
            return None;
        }
        let mut docs = Vec::with_capacity(n);
        for _ in 0..n {
            docs.push(u32::try_from(self.varint()?).ok()?);
        }
        Some(FileRecord {
            path,
            stamp,
            entries,
            docs,
            problems,
        })
    }

    pub(super) fn entry(&mut self, path: &Arc<Path>) -> Option<Entry> {
        let id = ArticleId(u64::from_le_bytes(self.take(8)?.try_into().ok()?));
        let slot = u32::try_from(self.varint()?).ok()?;
        let words = u32::try_from(self.varint()?).ok()?;
        let title = self.string()?;
        let flags = self.u8()?;
        if flags & !(SOURCE | URL | AUTHOR | PUBLISHED) != 0 {
            return None;
        }
        let mut field = |bit: u8| match flags & bit {
            0 => Some(None),
            _ => self.string().map(Some),
        };
        let source = field(SOURCE)?;
        let url = field(URL)?;
        let author = field(AUTHOR)?;
        let published = if flags & PUBLISHED == 0 {
            None
        } else {
            Some(self.date()?)
        };
        Some(Entry {
            id,
            path: Arc::clone(path),
            slot,
            title,
            meta: Meta {
                source,
                url,
                author,
                published,
            },
            words,
        })
    }

    pub(super) fn date(&mut self) -> Option<DateTime<FixedOffset>> {
        let secs = unzigzag(self.varint()?);
        let nanos = u32::try_from(self.varint()?).ok()?;
        let offset = i32::try_from(unzigzag(self.varint()?)).ok()?;
        let offset = FixedOffset::east_opt(offset)?;
        Some(DateTime::from_timestamp(secs, nanos)?.with_timezone(&offset))
    }
}

pub(super) fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

pub(super) fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

pub(super) fn zigzag128(v: i128) -> u128 {
    ((v << 1) ^ (v >> 127)) as u128
}

pub(super) fn unzigzag128(v: u128) -> i128 {
    ((v >> 1) as i128) ^ -((v & 1) as i128)
}
