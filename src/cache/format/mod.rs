//! The cache file's bytes. A 96-byte header, then five sections:
//!
//! ```text
//! header  "BYLCACHE" | version u32 | 0u32 | saved_ns i64 | table len u64
//!         | blocks len u64 | order len u64 | index len u64 | extra len u64
//!         | order checksum u64 | index checksum u64 | extra checksum u64
//!         | checksum u64
//! blocks  each block's data, then its text
//! table   block count, then per block: files | data len | text len | checksum u64
//! order   the collection order: u32 per article
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
//! The order lists the articles newest first (the collection order of
//! `library::listing::newest_first`), each by its place among all the
//! files' entries in file order ([`order`]): so that reopening lists them
//! without sorting.
//!
//! The header's checksum covers its other fields and the table, and is
//! checked before anything is allocated from them. Then the blocks, and the
//! blobs (order, index, extra) in 1 MB chunks, are read on every core, each
//! checked as it arrives: a block by its checksum in the table, a blob by
//! the header's. Reading also checks every length and count against what
//! is left, so no bytes make it panic or allocate more than the file holds.

use rayon::prelude::*;

use super::FileRecord;
use super::checksum::checksum;
use crate::article::Entry;

pub(super) const MAGIC: &[u8; 8] = b"BYLCACHE";
pub(super) const HEADER_LEN: usize = 96;

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
    pub order: u64,
    pub index: u64,
    pub extra: u64,
    /// The [`blob_checksum`]s of the order, the index and the extra bytes.
    pub order_sum: u64,
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
            self.order,
            self.index,
            self.extra,
            self.order_sum,
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
            order: u64_at(40),
            index: u64_at(48),
            extra: u64_at(56),
            order_sum: u64_at(64),
            index_sum: u64_at(72),
            extra_sum: u64_at(80),
            checksum: u64_at(88),
        })
    }

    /// The checksum of the header's other fields and of `table`: checked
    /// before anything is allocated from what they say.
    pub fn checksum_of(&self, table: &[u8]) -> u64 {
        let mut fields = self.to_bytes();
        fields[HEADER_LEN - 8..].fill(0);
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

pub(super) const SOURCE: u8 = 1;
pub(super) const URL: u8 = 2;
pub(super) const AUTHOR: u8 = 4;
pub(super) const PUBLISHED: u8 = 8;

/// A file's record as [`write_blocks`] takes it: owned ([`FileRecord`]) or
/// borrowed from the collection as held ([`super::FileRef`]).
pub(super) trait Record: Sync {
    fn write(&self, w: &mut Writer);
    /// Appends its entries, in file order, to `out`.
    fn entries_into<'a>(&'a self, out: &mut Vec<&'a Entry>);
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

    fn entries_into<'a>(&'a self, out: &mut Vec<&'a Entry>) {
        out.extend(&self.entries);
    }
}

impl Record for super::FileRef<'_> {
    fn write(&self, w: &mut Writer) {
        let problems = self.problems.iter().copied();
        let entries = self.entries.iter().copied();
        w.file(self.path, self.stamp, problems, entries, &self.docs);
    }

    fn entries_into<'a>(&'a self, out: &mut Vec<&'a Entry>) {
        out.extend(self.entries.iter().copied());
    }
}

/// The table and the blocks of `files` (each block's data then text).
#[cfg(test)]
pub(super) fn write_blocks<R: Record>(files: &[R]) -> (Vec<u8>, Vec<Vec<u8>>) {
    let blocks: Vec<(Block, Vec<u8>)> = files.par_chunks(BLOCK_FILES).map(block_of).collect();
    let (table, blocks): (Vec<Block>, Vec<Vec<u8>>) = blocks.into_iter().unzip();
    (table_of(&table), blocks)
}

/// Blocks made at once by [`write_blocks_to`]: a few per core, so that
/// every core has work while only these are held in memory.
const BLOCKS_AT_ONCE: usize = 8;

/// Writes the blocks of `files` to `out`, a few at a time (made on every
/// core), and returns the table that lists them: the whole collection's
/// blocks are never held at once.
pub(super) fn write_blocks_to<R: Record>(
    files: &[R],
    out: &mut impl std::io::Write,
) -> std::io::Result<Vec<u8>> {
    let mut table = Vec::new();
    for some in files.chunks(BLOCK_FILES * BLOCKS_AT_ONCE) {
        let blocks: Vec<(Block, Vec<u8>)> = some.par_chunks(BLOCK_FILES).map(block_of).collect();
        for (block, bytes) in blocks {
            out.write_all(&bytes)?;
            table.push(block);
        }
    }
    Ok(table_of(&table))
}

/// One block of `files`: where it is listed, and its bytes.
fn block_of<R: Record>(files: &[R]) -> (Block, Vec<u8>) {
    let mut w = Writer::default();
    for file in files {
        file.write(&mut w);
    }
    let data = w.data.len();
    let mut bytes = w.data;
    bytes.extend_from_slice(&w.text);
    let block = Block {
        files: files.len(),
        data,
        text: w.text.len(),
        checksum: checksum(&bytes),
    };
    (block, bytes)
}

/// The table listing `blocks`.
fn table_of(blocks: &[Block]) -> Vec<u8> {
    let mut table = Writer::default();
    table.varint(blocks.len() as u64);
    for b in blocks {
        table.varint(b.files as u64);
        table.varint(b.data as u64);
        table.varint(b.text as u64);
        table.data.extend_from_slice(&b.checksum.to_le_bytes());
    }
    table.data
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
#[cfg(test)]
pub(super) fn read_block(block: &Block, bytes: &[u8], out: &mut [FileRecord]) -> Option<()> {
    read_block_to(block, bytes, out, None)
}

/// [`read_block`]; with `spill`, the files' entries go there, in file
/// order (the records are left without), and each file must have one
/// number per entry.
pub(super) fn read_block_to(
    block: &Block,
    bytes: &[u8],
    out: &mut [FileRecord],
    mut spill: Option<&mut Vec<Option<Entry>>>,
) -> Option<()> {
    if bytes.len() != block.len() || out.len() != block.files || checksum(bytes) != block.checksum {
        return None;
    }
    let (data, text) = bytes.split_at(block.data);
    let text = std::str::from_utf8(text).ok()?;
    let mut r = Reader::new(data, text);
    for slot in out {
        *slot = r.file_to(spill.as_deref_mut())?;
    }
    (r.pos == data.len() && r.text_pos == text.len()).then_some(())
}

mod codec;
pub(super) mod order;
#[cfg(test)]
mod tests;

use codec::Reader;
pub(in crate::cache) use codec::Writer;
