//! The cache file's bytes. An 80-byte header, then four sections:
//!
//! ```text
//! header  "BYLCACHE" | version u32 | 0u32 | saved_ns i64 | table len u64
//!         | blocks len u64 | index len u64 | extra len u64
//!         | index checksum u64 | extra checksum u64 | checksum u64
//! table   block count, then per block: files | data len | text len | checksum u64
//! blocks  each block's data, then its text
//! index   opaque bytes
//! extra   opaque bytes
//! ```
//!
//! A block holds up to 1024 files, each written to its data as:
//!
//! ```text
//! path (bytes) | size | mtime_ns (zigzag)
//! | problems: count, then strings
//! | entries: count, then per entry
//!     id u64 | slot | words | title | flags u8
//!     | source? | url? | author? | published?
//! | docs: count, then numbers
//! ```
//!
//! Fixed-size numbers are little-endian; every other number is a LEB128
//! varint (signed ones zigzagged). A byte run (a path) is its length then its
//! bytes; a string is its length in the data and its bytes in the block's
//! text, all of it UTF-8 checked at once. `flags` says which meta fields
//! follow (bit 0 source, 1 url, 2 author, 3 published); a date is its UTC
//! seconds (zigzag), nanoseconds and offset seconds (zigzag).
//!
//! The header's checksum covers its other fields and the table, and is
//! checked before anything is allocated from them. Then the blocks, and the
//! index in 1 MB chunks, are read on every core, each checked as it
//! arrives: a block by its checksum in the table, a blob by the header's.
//! Reading also checks every length and count against what is left, so no
//! bytes make it panic or allocate more than the file holds.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use super::checksum::checksum;
use super::{FileRecord, Stamp};
use crate::article::{ArticleId, Entry, Meta};

pub(super) const MAGIC: &[u8; 8] = b"BYLCACHE";
pub(super) const HEADER_LEN: usize = 80;

/// Files per block.
const BLOCK_FILES: usize = 1024;

/// Bytes per chunk of a blob: read and checksummed on every core.
pub(super) const CHUNK: usize = 1 << 20;

/// The header's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Header {
    pub version: u32,
    /// When the file was written, in nanoseconds since 1970.
    pub saved_ns: i64,
    /// The lengths of the sections.
    pub table: u64,
    pub blocks: u64,
    pub index: u64,
    pub extra: u64,
    /// The [`blob_checksum`]s of the index and the extra bytes.
    pub index_sum: u64,
    pub extra_sum: u64,
    /// Of the fields above and the table ([`Header::checksum_of`]).
    pub checksum: u64,
}

impl Header {
    pub fn to_bytes(self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..8].copy_from_slice(MAGIC);
        out[8..12].copy_from_slice(&self.version.to_le_bytes());
        // 12..16 stays zero (reserved).
        let fields = [
            self.saved_ns as u64,
            self.table,
            self.blocks,
            self.index,
            self.extra,
            self.index_sum,
            self.extra_sum,
            self.checksum,
        ];
        for (slot, v) in out[16..].chunks_exact_mut(8).zip(fields) {
            slot.copy_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// `None` unless the bytes start with the magic tag.
    pub fn parse(bytes: &[u8; HEADER_LEN]) -> Option<Header> {
        if &bytes[..8] != MAGIC || bytes[12..16] != [0; 4] {
            return None;
        }
        let u64_at = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        Some(Header {
            version: u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes")),
            saved_ns: u64_at(16) as i64,
            table: u64_at(24),
            blocks: u64_at(32),
            index: u64_at(40),
            extra: u64_at(48),
            index_sum: u64_at(56),
            extra_sum: u64_at(64),
            checksum: u64_at(72),
        })
    }

    /// The checksum of the header's other fields and of `table`: checked
    /// before anything is allocated from what they say.
    pub fn checksum_of(&self, table: &[u8]) -> u64 {
        let mut fields = self.to_bytes();
        fields[72..].fill(0);
        let mut both = [0u8; 16];
        both[..8].copy_from_slice(&checksum(&fields).to_le_bytes());
        both[8..].copy_from_slice(&checksum(table).to_le_bytes());
        checksum(&both)
    }
}

/// The checksum of a blob: of its 1 MB chunks' checksums, so that the
/// chunks can be checked on every core.
pub(super) fn blob_checksum(chunk_sums: &[u64]) -> u64 {
    let bytes: Vec<u8> = chunk_sums.iter().flat_map(|s| s.to_le_bytes()).collect();
    checksum(&bytes)
}

/// [`blob_checksum`] of `bytes`.
pub(super) fn checksum_blob(bytes: &[u8]) -> u64 {
    let sums: Vec<u64> = bytes.par_chunks(CHUNK).map(checksum).collect();
    blob_checksum(&sums)
}

/// Where a block is and what it holds, from the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Block {
    pub files: usize,
    pub data: usize,
    pub text: usize,
    pub checksum: u64,
}

impl Block {
    pub fn len(&self) -> usize {
        self.data + self.text
    }
}

const SOURCE: u8 = 1;
const URL: u8 = 2;
const AUTHOR: u8 = 4;
const PUBLISHED: u8 = 8;

/// A file's record as [`write_blocks`] takes it: owned ([`FileRecord`]) or
/// borrowed from the collection as held ([`super::FileRef`]).
pub(super) trait Record: Sync {
    fn write(&self, w: &mut Writer);
}

impl Record for FileRecord {
    fn write(&self, w: &mut Writer) {
        let problems = self.problems.iter().map(String::as_str);
        w.file(
            &self.path,
            self.stamp,
            problems,
            self.entries.iter(),
            &self.docs,
        );
    }
}

impl Record for super::FileRef<'_> {
    fn write(&self, w: &mut Writer) {
        let problems = self.problems.iter().copied();
        let entries = self.entries.iter().copied();
        w.file(self.path, self.stamp, problems, entries, &self.docs);
    }
}

/// The table and the blocks of `files` (each block's data then text).
pub(super) fn write_blocks<R: Record>(files: &[R]) -> (Vec<u8>, Vec<Vec<u8>>) {
    let blocks: Vec<(Block, Vec<u8>)> = files
        .par_chunks(BLOCK_FILES)
        .map(|chunk| {
            let mut w = Writer::default();
            for file in chunk {
                file.write(&mut w);
            }
            let data = w.data.len();
            let mut bytes = w.data;
            bytes.extend_from_slice(&w.text);
            let block = Block {
                files: chunk.len(),
                data,
                text: w.text.len(),
                checksum: checksum(&bytes),
            };
            (block, bytes)
        })
        .collect();
    let mut table = Writer::default();
    table.varint(blocks.len() as u64);
    for (b, _) in &blocks {
        table.varint(b.files as u64);
        table.varint(b.data as u64);
        table.varint(b.text as u64);
        table.data.extend_from_slice(&b.checksum.to_le_bytes());
    }
    (
        table.data,
        blocks.into_iter().map(|(_, bytes)| bytes).collect(),
    )
}

/// The blocks listed in `table`, `None` if it is damaged or does not add
/// up to `blocks_len` bytes.
pub(super) fn read_table(table: &[u8], blocks_len: u64) -> Option<Vec<Block>> {
    let mut r = Reader::new(table, "");
    // A row takes at least 11 bytes.
    let count = r.count(11)?;
    let mut out = Vec::with_capacity(count);
    let mut total: u64 = 0;
    for _ in 0..count {
        let block = Block {
            files: r.len()?,
            data: r.len()?,
            text: r.len()?,
            checksum: u64::from_le_bytes(r.take(8)?.try_into().ok()?),
        };
        // A file takes at least 6 bytes of data.
        if block.files > block.data / 6 {
            return None;
        }
        total = total.checked_add(u64::try_from(block.len()).ok()?)?;
        out.push(block);
    }
    (r.pos == table.len() && total == blocks_len).then_some(out)
}

/// Reads `block`'s files from `bytes` (its data then text) into `out`,
/// which holds as many records. `None` if anything is amiss.
pub(super) fn read_block(block: &Block, bytes: &[u8], out: &mut [FileRecord]) -> Option<()> {
    if bytes.len() != block.len() || out.len() != block.files || checksum(bytes) != block.checksum {
        return None;
    }
    let (data, text) = bytes.split_at(block.data);
    let text = std::str::from_utf8(text).ok()?;
    let mut r = Reader::new(data, text);
    for slot in out {
        *slot = r.file()?;
    }
    (r.pos == data.len() && r.text_pos == text.len()).then_some(())
}

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
pub(super) struct Writer {
    data: Vec<u8>,
    text: Vec<u8>,
}

impl Writer {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.data.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.data.push(v as u8);
    }

    fn varint128(&mut self, mut v: u128) {
        while v >= 0x80 {
            self.data.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.data.push(v as u8);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.data.extend_from_slice(b);
    }

    fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.text.extend_from_slice(s.as_bytes());
    }

    fn file<'a>(
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

    fn entry(&mut self, e: &Entry) {
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
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    text: &'a str,
    text_pos: usize,
}

impl<'a> Reader<'a> {
    fn new(data: &'a [u8], text: &'a str) -> Self {
        Reader {
            data,
            pos: 0,
            text,
            text_pos: 0,
        }
    }

    fn u8(&mut self) -> Option<u8> {
        let b = *self.data.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
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

    fn varint128(&mut self) -> Option<u128> {
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

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    /// A count of items of at least `min_len` bytes each, which the bytes
    /// left must be able to hold (so it is safe to reserve room for).
    fn count(&mut self, min_len: usize) -> Option<usize> {
        let n = self.len()?;
        (n <= (self.data.len() - self.pos) / min_len).then_some(n)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    /// The next string of the text: `None` past its end or off a character
    /// boundary.
    fn string(&mut self) -> Option<String> {
        let end = self.text_pos.checked_add(self.len()?)?;
        let s = self.text.get(self.text_pos..end)?;
        self.text_pos = end;
        Some(s.to_owned())
    }

    /// A file: at least 6 bytes of data.
    fn file(&mut self) -> Option<FileRecord> {
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
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            entries.push(self.entry(&shared)?);
        }
        let n = self.count(1)?;
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

    fn entry(&mut self, path: &Arc<Path>) -> Option<Entry> {
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

    fn date(&mut self) -> Option<DateTime<FixedOffset>> {
        let secs = unzigzag(self.varint()?);
        let nanos = u32::try_from(self.varint()?).ok()?;
        let offset = i32::try_from(unzigzag(self.varint()?)).ok()?;
        let offset = FixedOffset::east_opt(offset)?;
        Some(DateTime::from_timestamp(secs, nanos)?.with_timezone(&offset))
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn zigzag128(v: i128) -> u128 {
    ((v << 1) ^ (v >> 127)) as u128
}

fn unzigzag128(v: u128) -> i128 {
    ((v >> 1) as i128) ^ -((v & 1) as i128)
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    fn record(i: u32) -> FileRecord {
        let path = PathBuf::from(format!("/news/ünïcode/{i}.jsonl"));
        let shared: Arc<Path> = Arc::from(path.as_path());
        let entry = |slot: u32| Entry {
            id: ArticleId(u64::from(i) << 8 | u64::from(slot)),
            path: Arc::clone(&shared),
            slot,
            title: format!("Título {i}.{slot} ✓"),
            meta: Meta {
                source: slot.is_multiple_of(2).then(|| "Gazette".to_string()),
                url: slot.is_multiple_of(3).then(|| format!("https://e.com/{i}")),
                author: slot.is_multiple_of(5).then(|| "Zoë".to_string()),
                published: (!slot.is_multiple_of(2)).then(|| {
                    DateTime::from_timestamp(1_700_000_000 + i64::from(i), slot)
                        .unwrap()
                        .with_timezone(&FixedOffset::east_opt(-9000).unwrap())
                }),
            },
            words: i * 3 + slot,
        };
        FileRecord {
            entries: (0..i % 4).map(entry).collect(),
            docs: (0..i % 4).map(|d| d * 1000).collect(),
            problems: (0..i % 3).map(|p| format!("problem {p}")).collect(),
            path,
            stamp: Stamp {
                size: u64::from(i),
                mtime_ns: -i128::from(i),
            },
        }
    }

    /// Writes `files` and reads them back through the table and blocks.
    fn round_trip(files: &[FileRecord]) -> Option<Vec<FileRecord>> {
        let (table, blocks) = write_blocks(files);
        let len = blocks.iter().map(|b| b.len() as u64).sum();
        let infos = read_table(&table, len)?;
        let mut out = Vec::new();
        for (info, bytes) in infos.iter().zip(&blocks) {
            let mut slots = vec![record(0); info.files];
            read_block(info, bytes, &mut slots)?;
            out.extend(slots);
        }
        Some(out)
    }

    #[test]
    fn blocks_round_trip_and_split_every_1024_files() {
        let files: Vec<FileRecord> = (0..2100).map(record).collect();
        let (table, blocks) = write_blocks(&files);
        assert_eq!(blocks.len(), 3);
        let len: u64 = blocks.iter().map(|b| b.len() as u64).sum();
        let infos = read_table(&table, len).unwrap();
        assert_eq!(
            infos.iter().map(|b| b.files).collect::<Vec<_>>(),
            [1024, 1024, 52]
        );
        assert_eq!(read_table(&table, len + 1), None, "lengths must add up");
        assert_eq!(round_trip(&files), Some(files));
    }

    #[test]
    fn a_block_must_match_its_checksum_and_size() {
        let files: Vec<FileRecord> = (0..5).map(record).collect();
        let (table, blocks) = write_blocks(&files);
        let info = read_table(&table, blocks[0].len() as u64).unwrap()[0];
        let mut slots = vec![record(0); 5];
        assert_eq!(read_block(&info, &blocks[0], &mut slots), Some(()));
        assert_eq!(slots, files);
        let mut damaged = blocks[0].clone();
        damaged[3] ^= 1;
        assert_eq!(read_block(&info, &damaged, &mut slots), None);
        assert_eq!(read_block(&info, &blocks[0], &mut slots[..4]), None);
    }

    proptest! {
        /// Damage that the checksum would catch, with the checksum made to
        /// match: the parser itself must still never panic, and whatever it
        /// accepts uses all the bytes.
        #[test]
        fn parser_survives_any_block_bytes(
            bytes in prop::collection::vec(any::<u8>(), 0..300),
            files in 0usize..8,
            split in 0usize..300,
        ) {
            let data = split.min(bytes.len());
            let block = Block { files, data, text: bytes.len() - data, checksum: checksum(&bytes) };
            let mut slots = vec![record(0); files];
            if read_block(&block, &bytes, &mut slots).is_some() {
                prop_assert!(data >= 6 * files);
            }
            if let Some(table) = read_table(&bytes, 0) {
                prop_assert!(table.iter().all(|b| b.len() == 0));
            }
        }

        #[test]
        fn parser_survives_damaged_real_blocks(at in any::<prop::sample::Index>(), xor in 1u8..=255, cut in 0usize..40) {
            let files: Vec<FileRecord> = (0..6).map(record).collect();
            let (table, blocks) = write_blocks(&files);
            let mut info = read_table(&table, blocks[0].len() as u64).unwrap()[0];
            let mut bytes = blocks[0].clone();
            let i = at.index(bytes.len());
            bytes[i] ^= xor;
            bytes.truncate(bytes.len().saturating_sub(cut));
            info.text = bytes.len().saturating_sub(info.data);
            info.data = info.data.min(bytes.len());
            info.checksum = checksum(&bytes);
            let mut slots = vec![record(0); info.files];
            if read_block(&info, &bytes, &mut slots).is_some() {
                // Only a change inside a string or number may still parse,
                // and gives records as consistent as any.
                for r in &slots {
                    prop_assert!(r.entries.iter().all(|e| *e.path == *r.path));
                }
            }
        }
    }

    #[test]
    fn zigzag_round_trips_the_extremes() {
        for v in [0, 1, -1, 63, -64, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        for v in [0, -1, 1_700_000_000_000_000_000, i128::MAX, i128::MIN] {
            assert_eq!(unzigzag128(zigzag128(v)), v);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }

    #[test]
    fn varints_round_trip_and_overlong_ones_are_refused() {
        let mut w = Writer::default();
        for v in [0, 127, 128, 300, u64::MAX] {
            w.varint(v);
        }
        w.varint128(u128::MAX);
        let mut r = Reader::new(&w.data, "");
        for v in [0, 127, 128, 300, u64::MAX] {
            assert_eq!(r.varint(), Some(v));
        }
        assert_eq!(r.varint128(), Some(u128::MAX));
        assert_eq!(r.varint(), None, "nothing left");
        // Eleven bytes, or a tenth byte carrying more than u64's last bit.
        let mut too_long = vec![0xff; 10];
        too_long.push(0x01);
        assert_eq!(Reader::new(&too_long, "").varint(), None);
        let mut too_big = vec![0xff; 9];
        too_big.push(0x02);
        assert_eq!(Reader::new(&too_big, "").varint(), None);
    }

    #[test]
    fn counts_larger_than_the_bytes_left_are_refused() {
        let mut w = Writer::default();
        w.varint(1_000_000);
        w.data.extend_from_slice(&[0; 10]);
        assert_eq!(Reader::new(&w.data, "").count(1), None);
        let mut w = Writer::default();
        w.varint(5);
        w.data.extend_from_slice(&[0; 10]);
        assert_eq!(Reader::new(&w.data, "").count(2), Some(5));
        assert_eq!(Reader::new(&w.data, "").count(3), None);
    }

    #[test]
    fn header_round_trips_and_needs_its_tag() {
        let h = Header {
            version: 7,
            saved_ns: -5,
            table: 1,
            blocks: 2,
            index: 3,
            extra: u64::MAX,
            index_sum: 5,
            extra_sum: 6,
            checksum: 42,
        };
        let bytes = h.to_bytes();
        assert_eq!(Header::parse(&bytes), Some(h));
        let mut other = bytes;
        other[0] = b'X';
        assert_eq!(Header::parse(&other), None);
        let mut reserved = bytes;
        reserved[13] = 1;
        assert_eq!(Header::parse(&reserved), None);
    }
}
