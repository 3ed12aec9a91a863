//! Shared by the cache tests: stamps, entries and records to build
//! snapshots from.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use byline::article::{ArticleId, Entry, Meta};
use byline::cache::{FileRecord, Snapshot, Stamp};
use chrono::{DateTime, FixedOffset};

/// 2024-03-01, long before any test runs: never within the racy window.
pub const OLD_NS: i128 = 1_709_251_200_000_000_000;

pub fn stamp(size: u64, mtime_ns: i128) -> Stamp {
    Stamp { size, mtime_ns }
}

pub fn date(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

pub fn entry(path: &Arc<Path>, slot: u32, title: &str, meta: Meta) -> Entry {
    Entry {
        id: ArticleId(0x0123_4567_89ab_cdef ^ u64::from(slot) << 40 ^ title.len() as u64),
        path: Arc::clone(path),
        slot,
        title: title.to_string(),
        meta,
        words: 400 + slot,
    }
}

pub fn record(path: &str, stamp: Stamp, titles: &[&str]) -> FileRecord {
    let shared: Arc<Path> = Arc::from(Path::new(path));
    FileRecord {
        path: PathBuf::from(path),
        stamp,
        entries: titles
            .iter()
            .enumerate()
            .map(|(i, t)| entry(&shared, i as u32, t, Meta::default()))
            .collect(),
        docs: (0..titles.len() as u32).collect(),
        problems: vec![],
    }
}

/// Files with every kind of field: several entries in one file, Unicode,
/// missing and present meta, dates with odd offsets, problems, no entries.
pub fn rich_snapshot() -> Snapshot {
    let export: Arc<Path> = Arc::from(Path::new("/news/exports/wörld-2026.jsonl"));
    let entries = vec![
        entry(
            &export,
            0,
            "Café owners welcome the new harbour bridge — «enfin»",
            Meta {
                source: Some("Le Courrier de Hubruvlow".into()),
                url: Some("https://www.example.com/a?b=c#d".into()),
                author: Some("Zoë Ñúñez".into()),
                published: Some(date("2026-11-24T08:15:30.123456789+05:45")),
            },
        ),
        entry(
            &export,
            1,
            "東京の港に新しい橋 🌉",
            Meta {
                source: None,
                url: None,
                author: Some("".into()),
                published: Some(date("1969-07-20T20:17:40-03:30")),
            },
        ),
        entry(&export, 2, "", Meta::default()),
        entry(
            &export,
            3,
            "Only a date",
            Meta {
                published: Some(date("2026-01-01T00:00:00+14:00")),
                ..Meta::default()
            },
        ),
    ];
    let loose: Arc<Path> = Arc::from(Path::new("notes/story.txt"));
    Snapshot {
        files: vec![
            FileRecord {
                path: export.to_path_buf(),
                stamp: stamp(123_456, OLD_NS + 789),
                entries,
                docs: vec![7, 0, u32::MAX, 3],
                problems: vec![
                    "line 3: not JSON, skipped".into(),
                    "line 9: no title; «guessed»".into(),
                ],
            },
            FileRecord {
                path: loose.to_path_buf(),
                stamp: stamp(0, -1_000_000_007),
                entries: vec![entry(&loose, 0, "Loose", Meta::default())],
                docs: vec![4],
                problems: vec![],
            },
            FileRecord {
                path: PathBuf::from("/news/empty.txt"),
                stamp: stamp(u64::MAX, i128::MIN + 1),
                entries: vec![],
                docs: vec![],
                problems: vec!["empty file".into()],
            },
        ],
        index: (0..300u32).map(|i| (i * 7 % 256) as u8).collect(),
        extra: b"tombstones".to_vec(),
    }
}
