//! The cache's `plan` sorts files into kept, to load and gone; the stamped
//! walk lists what `find_files` lists, with each file's stamp; a reopening
//! reuses the unchanged files only.

mod cache_common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use byline::cache::{self, FileRecord, Plan, Snapshot, Stamp};
use byline::ingest;
use cache_common::{OLD_NS, record, rich_snapshot, stamp};
use tempfile::TempDir;

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

/// A snapshot of three files, a.txt, b.txt and c.txt, an article each.
fn three_files() -> Snapshot {
    Snapshot {
        files: vec![
            record("/c/a.txt", stamp(1, OLD_NS), &["A"]),
            record("/c/b.txt", stamp(2, OLD_NS), &["B"]),
            record("/c/c.txt", stamp(3, OLD_NS), &["C"]),
        ],
        ..Snapshot::default()
    }
}

#[test]
fn plan_keeps_the_found_order_not_the_snapshots() {
    let snap = three_files();
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
    let snap = three_files();
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
