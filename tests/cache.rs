//! The collection cache file: every field survives a save and load, any
//! damage gives `None`, and the file's name depends on the roots only.
//! (`plan` and the stamped walk: tests/cache_plan.rs.)

use std::fs;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use byline::cache::{self, FileRecord, Snapshot, Stamp};
use proptest::prelude::*;
use tempfile::TempDir;

mod cache_common;

use cache_common::{OLD_NS, record, rich_snapshot, stamp};

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
fn listed_load_gives_the_articles_newest_first_with_their_numbers() {
    use byline::library::listing::newest_first;
    let dir = TempDir::new().unwrap();
    let snap = rich_snapshot();
    let (rest, listing, _) = cache::load_listed(&saved(&dir, &snap)).expect("loads");
    let mut want: Vec<(&byline::article::Entry, u32)> = snap
        .files
        .iter()
        .flat_map(|f| f.entries.iter().zip(f.docs.iter().copied()))
        .collect();
    want.sort_by(|a, b| newest_first(a.0, b.0));
    let got: Vec<(&byline::article::Entry, u32)> = listing
        .entries
        .iter()
        .zip(listing.docs.iter().copied())
        .collect();
    assert_eq!(got, want);
    // The records keep all but their entries.
    assert!(rest.files.iter().all(|f| f.entries.is_empty()));
    let paths = |s: &Snapshot| s.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&rest), paths(&snap));
    assert_eq!(rest.files[0].problems, snap.files[0].problems);
    assert_eq!(rest.extra, snap.extra);
}

#[test]
fn listed_load_gathers_across_blocks_and_files_without_articles() {
    let dir = TempDir::new().unwrap();
    let titles = ["B", "A", "C"];
    let files: Vec<FileRecord> = (0..2500)
        .map(|i| {
            let n = [0, 1, 3][i % 3];
            let mut r = record(
                &format!("/c/{i:05}.txt"),
                stamp(i as u64, OLD_NS),
                &titles[..n],
            );
            r.docs = (0..n as u32).map(|k| i as u32 * 3 + k).collect();
            r
        })
        .collect();
    let snap = Snapshot {
        files,
        index: vec![],
        extra: vec![],
    };
    let (_, listing, _) = cache::load_listed(&saved(&dir, &snap)).expect("loads");
    let mut want: Vec<(String, String, u32)> = snap
        .files
        .iter()
        .flat_map(|f| f.entries.iter().zip(&f.docs))
        .map(|(e, &d)| (e.title.clone(), e.path.display().to_string(), d))
        .collect();
    // No dates: by title, then path.
    want.sort();
    let got: Vec<(String, String, u32)> = listing
        .entries
        .iter()
        .zip(&listing.docs)
        .map(|(e, &d)| (e.title.clone(), e.path.display().to_string(), d))
        .collect();
    assert_eq!(got, want);
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
