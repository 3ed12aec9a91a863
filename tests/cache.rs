//! The collection cache: every field survives a save and load, any damage
//! gives `None`, the file's name depends on the roots only, `plan` sorts
//! files into kept, to load and gone, and the stamped walk lists what
//! `find_files` lists.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use byline::article::{ArticleId, Entry, Meta};
use byline::cache::{self, FileRecord, Plan, Snapshot, Stamp};
use byline::ingest;
use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use tempfile::TempDir;

/// 2024-03-01, long before any test runs: never within the racy window.
const OLD_NS: i128 = 1_709_251_200_000_000_000;

fn stamp(size: u64, mtime_ns: i128) -> Stamp {
    Stamp { size, mtime_ns }
}

fn date(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn entry(path: &Arc<Path>, slot: u32, title: &str, meta: Meta) -> Entry {
    Entry {
        id: ArticleId(0x0123_4567_89ab_cdef ^ u64::from(slot) << 40 ^ title.len() as u64),
        path: Arc::clone(path),
        slot,
        title: title.to_string(),
        meta,
        words: 400 + slot,
    }
}

fn record(path: &str, stamp: Stamp, titles: &[&str]) -> FileRecord {
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
fn rich_snapshot() -> Snapshot {
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

fn saved(dir: &TempDir, snapshot: &Snapshot) -> PathBuf {
    let path = dir.path().join("sub/folder/c.cache");
    cache::save(&path, snapshot).unwrap();
    path
}

#[test]
fn round_trip_keeps_every_field() {
    let dir = TempDir::new().unwrap();
    let snap = rich_snapshot();
    let back = cache::load(&saved(&dir, &snap)).expect("loads");
    assert_eq!(back, snap);
    // DateTime's == compares instants only: check the offsets too.
    for (a, b) in back.files.iter().zip(&snap.files) {
        for (x, y) in a.entries.iter().zip(&b.entries) {
            let (x, y) = (x.meta.published, y.meta.published);
            assert_eq!(
                x.map(|d| d.offset().local_minus_utc()),
                y.map(|d| d.offset().local_minus_utc())
            );
            assert_eq!(x.map(|d| d.to_rfc3339()), y.map(|d| d.to_rfc3339()));
        }
    }
    assert_eq!(
        back.files[0].entries[0]
            .meta
            .published
            .unwrap()
            .to_rfc3339(),
        "2026-11-24T08:15:30.123456789+05:45"
    );
}

#[test]
fn entries_of_one_file_share_one_path() {
    let dir = TempDir::new().unwrap();
    let back = cache::load(&saved(&dir, &rich_snapshot())).unwrap();
    let file = &back.files[0];
    assert_eq!(file.entries.len(), 4);
    for e in &file.entries {
        assert!(Arc::ptr_eq(&e.path, &file.entries[0].path));
        assert_eq!(&*e.path, file.path.as_path());
    }
    assert!(!Arc::ptr_eq(
        &back.files[1].entries[0].path,
        &file.entries[0].path
    ));
}

#[test]
fn many_files_keep_their_order_across_blocks() {
    let dir = TempDir::new().unwrap();
    let files: Vec<FileRecord> = (0..2500)
        .map(|i| {
            record(
                &format!("/c/{i:05}.txt"),
                stamp(i, OLD_NS + i as i128),
                &["T"; 2],
            )
        })
        .collect();
    let snap = Snapshot {
        files,
        index: vec![9; (3 << 20) + 17],
        extra: vec![],
    };
    assert_eq!(cache::load(&saved(&dir, &snap)).as_ref(), Some(&snap));
}

#[test]
fn empty_snapshot_round_trips() {
    let dir = TempDir::new().unwrap();
    let snap = Snapshot::default();
    assert_eq!(cache::load(&saved(&dir, &snap)), Some(snap));
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_round_trip() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    let odd = PathBuf::from(OsStr::from_bytes(b"/news/caf\xe9.txt"));
    let mut snap = Snapshot::default();
    let mut r = record("x", stamp(1, OLD_NS), &["Caf\u{e9}"]);
    r.entries[0].path = Arc::from(odd.as_path());
    r.path = odd;
    snap.files.push(r);
    assert_eq!(cache::load(&saved(&dir, &snap)), Some(snap));
}

#[test]
fn missing_file_gives_none() {
    let dir = TempDir::new().unwrap();
    assert_eq!(cache::load(&dir.path().join("nothing.cache")), None);
    assert_eq!(cache::load(dir.path()), None, "a folder");
}

#[test]
fn every_truncation_gives_none() {
    let dir = TempDir::new().unwrap();
    let mut snap = rich_snapshot();
    snap.index.truncate(100);
    let path = saved(&dir, &snap);
    let bytes = fs::read(&path).unwrap();
    for len in 0..bytes.len() {
        fs::write(&path, &bytes[..len]).unwrap();
        assert_eq!(cache::load(&path), None, "cut at {len} of {}", bytes.len());
    }
    let mut longer = bytes.clone();
    longer.push(0);
    fs::write(&path, &longer).unwrap();
    assert_eq!(cache::load(&path), None, "a byte too many");
}

#[test]
fn every_flipped_byte_gives_none() {
    let dir = TempDir::new().unwrap();
    let mut snap = rich_snapshot();
    snap.index.truncate(100);
    let path = saved(&dir, &snap);
    let bytes = fs::read(&path).unwrap();
    for i in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[i] ^= 0x41;
        fs::write(&path, &damaged).unwrap();
        assert_eq!(cache::load(&path), None, "byte {i} of {}", bytes.len());
    }
    fs::write(&path, &bytes).unwrap();
    assert!(
        cache::load(&path).is_some(),
        "the undamaged file still loads"
    );
}

#[test]
fn another_version_gives_none() {
    let dir = TempDir::new().unwrap();
    let path = saved(&dir, &rich_snapshot());
    let mut bytes = fs::read(&path).unwrap();
    assert_eq!(&bytes[..8], b"BYLCACHE");
    assert_eq!(bytes[8..12], cache::VERSION.to_le_bytes());
    bytes[8..12].copy_from_slice(&(cache::VERSION + 1).to_le_bytes());
    fs::write(&path, &bytes).unwrap();
    assert_eq!(cache::load(&path), None);
    fs::write(&path, b"{\"version\": 1}").unwrap();
    assert_eq!(cache::load(&path), None, "not a cache at all");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), tag in any::<bool>()) {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("r.cache");
        let mut bytes = bytes;
        if tag {
            // Past the magic tag and version, into the lengths.
            let mut head = b"BYLCACHE".to_vec();
            head.extend_from_slice(&cache::VERSION.to_le_bytes());
            head.extend_from_slice(&[0; 4]);
            head.extend_from_slice(&bytes);
            bytes = head;
        }
        fs::write(&path, &bytes).unwrap();
        prop_assert_eq!(cache::load(&path), None);
    }

    #[test]
    fn damaged_caches_give_none(cut in 0usize..2000, at in 0usize..2000, xor in 1u8..=255) {
        let dir = TempDir::new().unwrap();
        let mut snap = rich_snapshot();
        snap.index.truncate(300);
        let path = saved(&dir, &snap);
        let mut bytes = fs::read(&path).unwrap();
        let at = at % bytes.len();
        bytes[at] ^= xor;
        if cut % 2 == 1 {
            bytes.truncate(cut % bytes.len());
        }
        fs::write(&path, &bytes).unwrap();
        prop_assert_eq!(cache::load(&path), None);
    }
}

#[test]
fn files_changed_just_before_the_save_are_read_again() {
    let dir = TempDir::new().unwrap();
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as i128;
    let snap = Snapshot {
        files: vec![
            record("/c/old.txt", stamp(10, OLD_NS), &["Old"]),
            record("/c/new.txt", stamp(10, now - 1_000_000), &["New"]),
            record(
                "/c/future.txt",
                stamp(10, now + 3_600_000_000_000),
                &["Skewed"],
            ),
        ],
        ..Snapshot::default()
    };
    let back = cache::load(&saved(&dir, &snap)).unwrap();
    assert_eq!(back.files[0].stamp, stamp(10, OLD_NS));
    assert_eq!(back.files[1].stamp, Stamp::UNKNOWN);
    assert_eq!(back.files[2].stamp, Stamp::UNKNOWN);
    assert_eq!(
        back.files[1].entries, snap.files[1].entries,
        "the rest is kept"
    );
    let found: Vec<_> = snap
        .files
        .iter()
        .map(|f| (f.path.clone(), f.stamp))
        .collect();
    let plan = cache::plan(back, &found);
    assert_eq!(
        plan.load,
        [PathBuf::from("/c/new.txt"), PathBuf::from("/c/future.txt")]
    );
}

#[test]
fn save_replaces_the_old_file_and_leaves_no_temp_files() {
    let dir = TempDir::new().unwrap();
    let path = saved(&dir, &rich_snapshot());
    let smaller = Snapshot {
        files: vec![record("/a.txt", stamp(1, OLD_NS), &["A"])],
        ..Snapshot::default()
    };
    cache::save(&path, &smaller).unwrap();
    assert_eq!(cache::load(&path), Some(smaller));
    let names: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["c.cache"]);
}

#[test]
fn temp_files_of_killed_saves_are_swept_when_old() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("byline");
    fs::create_dir_all(&folder).unwrap();
    let old = folder.join(".cache-killed.tmp");
    let fresh = folder.join(".cache-running.tmp");
    let other = folder.join("keep.me");
    for p in [&old, &fresh, &other] {
        fs::write(p, b"x").unwrap();
    }
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    fs::File::options()
        .write(true)
        .open(&other)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    cache::save(&folder.join("c.cache"), &Snapshot::default()).unwrap();
    assert!(!old.exists());
    assert!(fresh.exists(), "maybe another save in progress");
    assert!(other.exists());
}

#[test]
fn location_depends_on_the_set_of_roots_only() {
    let dir = TempDir::new().unwrap();
    let base = dir.path().join("cache");
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    let ab = cache::location_in(&base, &[a.clone(), b.clone()]);
    assert_eq!(ab, cache::location_in(&base, &[b.clone(), a.clone()]));
    assert_eq!(
        ab,
        cache::location_in(&base, &[a.join("../b"), a.clone(), a.join(".")])
    );
    assert_eq!(ab.parent(), Some(base.as_path()));
    let name = ab.file_name().unwrap().to_str().unwrap();
    assert!(name.ends_with(".cache") && name.len() == 22, "{name}");
    let only_a = cache::location_in(&base, std::slice::from_ref(&a));
    assert_ne!(only_a, ab);
    assert_ne!(only_a, cache::location_in(&base, std::slice::from_ref(&b)));
    // Not yet existing roots still get a stable name.
    let gone = dir.path().join("not-there");
    assert_eq!(
        cache::location_in(&base, std::slice::from_ref(&gone)),
        cache::location_in(&base, std::slice::from_ref(&gone))
    );
    assert_ne!(cache::location_in(&base, &[gone]), only_a);
}

fn paths(records: &[FileRecord]) -> Vec<&str> {
    records.iter().map(|r| r.path.to_str().unwrap()).collect()
}

#[test]
fn plan_sorts_kept_changed_new_and_removed_files() {
    let snap = Snapshot {
        files: vec![
            record("/c/a.txt", stamp(10, OLD_NS), &["A"]),
            record("/c/b.txt", stamp(20, OLD_NS), &["B"]),
            record("/c/c.txt", stamp(30, OLD_NS), &["C"]),
            record("/c/d.txt", stamp(40, OLD_NS), &["D1", "D2"]),
            record("/c/e.txt", stamp(50, OLD_NS), &["E"]),
        ],
        index: vec![1, 2, 3],
        extra: vec![4],
    };
    let found = vec![
        (PathBuf::from("/c/a.txt"), stamp(10, OLD_NS)), // kept
        (PathBuf::from("/c/new.txt"), stamp(5, OLD_NS)), // new
        (PathBuf::from("/c/b.txt"), stamp(21, OLD_NS)), // size changed
        (PathBuf::from("/c/d.txt"), stamp(40, OLD_NS)), // kept
        (PathBuf::from("/c/e.txt"), stamp(50, OLD_NS + 1)), // touched
    ];
    let Plan {
        kept,
        load,
        gone,
        index,
        extra,
    } = cache::plan(snap.clone(), &found);
    assert_eq!(paths(&kept), ["/c/a.txt", "/c/d.txt"]);
    assert_eq!(kept[1], snap.files[3], "kept whole");
    assert_eq!(
        load,
        [
            PathBuf::from("/c/new.txt"),
            "/c/b.txt".into(),
            "/c/e.txt".into()
        ]
    );
    // Gone in the snapshot's order: changed ones and the one not found.
    assert_eq!(paths(&gone), ["/c/b.txt", "/c/c.txt", "/c/e.txt"]);
    assert_eq!(gone[0], snap.files[1], "with its docs to tombstone");
    assert_eq!((index, extra), (vec![1, 2, 3], vec![4]));
}

#[test]
fn plan_keeps_the_found_order_not_the_snapshots() {
    let snap = Snapshot {
        files: vec![
            record("/c/a.txt", stamp(1, OLD_NS), &["A"]),
            record("/c/b.txt", stamp(2, OLD_NS), &["B"]),
            record("/c/c.txt", stamp(3, OLD_NS), &["C"]),
        ],
        ..Snapshot::default()
    };
    let found: Vec<_> = [2, 0, 1]
        .iter()
        .map(|&i: &usize| (snap.files[i].path.clone(), snap.files[i].stamp))
        .collect();
    let plan = cache::plan(snap.clone(), &found);
    assert_eq!(paths(&plan.kept), ["/c/c.txt", "/c/a.txt", "/c/b.txt"]);
    assert!(plan.load.is_empty() && plan.gone.is_empty());

    // A path found twice matches one record; the other copy is loaded.
    let twice = vec![found[0].clone(), found[0].clone()];
    let plan = cache::plan(snap, &twice);
    assert_eq!(paths(&plan.kept), ["/c/c.txt"]);
    assert_eq!(plan.load, [PathBuf::from("/c/c.txt")]);
    assert_eq!(paths(&plan.gone), ["/c/a.txt", "/c/b.txt"]);
}

#[test]
fn plan_of_an_empty_snapshot_loads_everything() {
    let found = vec![
        (PathBuf::from("/x.txt"), stamp(1, 1)),
        (PathBuf::from("/y.txt"), stamp(2, 2)),
    ];
    let plan = cache::plan(Snapshot::default(), &found);
    assert!(plan.kept.is_empty() && plan.gone.is_empty());
    assert_eq!(
        plan.load,
        [PathBuf::from("/x.txt"), PathBuf::from("/y.txt")]
    );
    let plan = cache::plan(rich_snapshot(), &[]);
    assert_eq!(plan.gone.len(), 3);
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn set_mtime(path: &Path, t: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

#[test]
fn stamped_walk_lists_what_find_files_lists_with_each_files_stamp() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("root");
    for rel in [
        "b.txt",
        "a/z.json",
        "a/m.md",
        "a/b/c/deep.txt",
        "a-b.txt",
        "A.txt",
        "ü.txt",
        ".hidden.txt",
        ".git/HEAD",
        "a/photo.jpg",
        "z/2026-11/x.jsonl",
    ] {
        write(&root, rel, rel);
    }
    let roots = [
        root.clone(),
        root.join("a/m.md"),
        dir.path().join("missing"),
    ];
    let stamped = ingest::find_stamped(&roots);
    let found = ingest::find_files(&roots);
    let listed: Vec<PathBuf> = stamped.files.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(listed, found.files);
    assert_eq!(stamped.problems, found.problems);
    let rel: Vec<_> = listed
        .iter()
        .map(|p| p.strip_prefix(&root).unwrap().to_str().unwrap())
        .collect();
    assert_eq!(
        rel,
        [
            "A.txt",
            "a/b/c/deep.txt",
            "a/m.md",
            "a/z.json",
            "a-b.txt",
            "b.txt",
            "z/2026-11/x.jsonl",
            "ü.txt"
        ]
    );
    assert_eq!(stamped.problems.len(), 1, "the missing root");
    for (path, s) in &stamped.files {
        assert_eq!(*s, Stamp::of(&fs::metadata(path).unwrap()));
        assert_eq!(
            s.size,
            path.strip_prefix(&root).unwrap().to_str().unwrap().len() as u64
        );
    }
}

#[test]
fn stamps_see_changed_size_and_time() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", "one");
    let base = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    set_mtime(&a, base);
    let first = Stamp::of(&fs::metadata(&a).unwrap());
    assert_eq!(first, stamp(3, 1_700_000_000_000_000_000));
    set_mtime(&a, base + Duration::from_nanos(1_000));
    let touched = Stamp::of(&fs::metadata(&a).unwrap());
    assert_ne!(touched, first);
    fs::write(&a, "two!").unwrap();
    set_mtime(&a, base);
    assert_eq!(Stamp::of(&fs::metadata(&a).unwrap()).size, 4);
}

/// The whole reopen: walk, save what was read, change the collection,
/// walk again and plan.
#[test]
fn reopening_reuses_unchanged_files_only() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("news");
    let base = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    for name in ["a.txt", "b.txt", "c.txt"] {
        let p = write(&root, name, "Title\n\nBody.");
        set_mtime(&p, base);
    }
    let roots = [root.clone()];
    let first = ingest::find_stamped(&roots);
    let snap = Snapshot {
        files: first
            .files
            .iter()
            .map(|(p, s)| {
                let mut r = record(p.to_str().unwrap(), *s, &["Title"]);
                r.entries[0].path = Arc::from(p.as_path());
                r
            })
            .collect(),
        ..Snapshot::default()
    };
    let file = cache::location_in(&dir.path().join("cache"), &roots);
    cache::save(&file, &snap).unwrap();

    set_mtime(&root.join("b.txt"), base + Duration::from_secs(60));
    fs::remove_file(root.join("c.txt")).unwrap();
    write(&root, "d.txt", "New\n\nBody.");

    let again = ingest::find_stamped(&roots);
    let plan = cache::plan(cache::load(&file).unwrap(), &again.files);
    assert_eq!(plan.kept, snap.files[..1]);
    assert_eq!(plan.load, [root.join("b.txt"), root.join("d.txt")]);
    assert_eq!(plan.gone, snap.files[1..]);
}

#[test]
fn plan_in_the_snapshots_order_with_changes_and_new_files_after() {
    let snap = Snapshot {
        files: vec![
            record("/c/a.txt", stamp(1, OLD_NS), &["A"]),
            record("/c/b.txt", stamp(2, OLD_NS), &["B"]),
            record("/c/c.txt", stamp(3, OLD_NS), &["C"]),
        ],
        ..Snapshot::default()
    };
    let mut found: Vec<_> = snap
        .files
        .iter()
        .map(|f| (f.path.clone(), f.stamp))
        .collect();
    found[1].1.size += 1;
    found.push((PathBuf::from("/c/d.txt"), stamp(4, OLD_NS)));
    let plan = cache::plan(snap.clone(), &found);
    assert_eq!(paths(&plan.kept), ["/c/a.txt", "/c/c.txt"]);
    assert_eq!(
        plan.load,
        [PathBuf::from("/c/b.txt"), PathBuf::from("/c/d.txt")]
    );
    assert_eq!(plan.gone, [snap.files[1].clone()]);
}
