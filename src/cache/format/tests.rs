//! The block format's round trips and its refusal of damaged bytes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::codec::*;
use super::*;
use crate::article::{ArticleId, Entry, Meta};
use crate::cache::Stamp;

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
        order: 8,
        index: 3,
        extra: u64::MAX,
        order_sum: 9,
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
