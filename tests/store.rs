//! The persisted read state: file format, atomic saves, and recovery from a
//! missing, corrupt or unreadable state file. Every test works in its own
//! temporary folder and never touches the real home directory.

use std::fs;
use std::path::{Path, PathBuf};

use byline::article::ArticleId;
use byline::store::Store;

const A: ArticleId = ArticleId(0x0123_4567_89ab_cdef);
const B: ArticleId = ArticleId(0xfedc_ba98_7654_3210);
const C: ArticleId = ArticleId(0x1);

fn state_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("byline").join("state.json")
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn round_trip_keeps_read_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = state_path(&dir);
    let (mut store, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(store.path(), Some(path.as_path()));
    store.set_read(A, true);
    store.set_read(B, true);
    store.save().unwrap();

    let (again, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(again.is_read(A));
    assert!(again.is_read(B));
    assert!(!again.is_read(C));
    assert_eq!(again.read_count(), 2);
    assert!(
        !again.is_dirty(),
        "a freshly opened store has nothing to save"
    );
}

#[test]
fn file_format_is_versioned_sorted_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let path = state_path(&dir);
    let (mut store, _) = Store::open(path.clone());
    // Inserted out of order on purpose.
    store.set_read(B, true);
    store.set_read(C, true);
    store.set_read(A, true);
    store.save().unwrap();

    let json = read_json(&path);
    assert_eq!(
        json,
        serde_json::json!({
            "version": 2,
            "read": ["0000000000000001", "0123456789abcdef", "fedcba9876543210"],
        })
    );

    // The same state written by another store gives the same bytes.
    let first = fs::read(&path).unwrap();
    let other = dir.path().join("other").join("state.json");
    let (mut store2, _) = Store::open(other.clone());
    for id in [A, C, B] {
        store2.set_read(id, true);
    }
    store2.save().unwrap();
    assert_eq!(fs::read(&other).unwrap(), first);
}

#[test]
fn missing_file_is_an_empty_state_and_opening_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = state_path(&dir);
    let (store, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(store.read_count(), 0);
    assert!(!store.is_read(A));
    assert!(store.can_save());

    store.save().unwrap();
    assert!(
        !path.exists(),
        "nothing changed, so nothing should be written"
    );
    assert!(!path.parent().unwrap().exists(), "not even the folder");
}

#[test]
fn unchanged_state_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    // Valid, but not in the layout byline writes: a rewrite would be visible.
    let original = br#"{"read":["0123456789abcdef"],"version":1}"#;
    fs::write(&path, original).unwrap();

    let (mut store, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(store.is_read(A));
    // Setting what is already set is not a change.
    store.set_read(A, true);
    store.set_read(B, false);
    assert!(!store.is_dirty());
    store.save().unwrap();
    assert_eq!(fs::read(&path).unwrap(), original);
}

#[test]
fn set_read_semantics_and_dirty_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (mut store, _) = Store::open(path.clone());

    assert!(!store.is_read(A));
    store.set_read(A, true);
    assert!(store.is_read(A));
    assert!(!store.is_read(B));
    assert!(store.is_dirty());
    store.set_read(A, true);
    assert_eq!(store.read_count(), 1, "marking twice keeps one entry");

    store.save().unwrap();
    assert!(!store.is_dirty(), "saving clears the dirty flag");

    store.set_read(A, false);
    assert!(!store.is_read(A));
    assert!(store.is_dirty());
    store.save().unwrap();
    let (again, _) = Store::open(path.clone());
    assert!(!again.is_read(A), "unmarking is persisted too");
    assert_eq!(read_json(&path)["read"], serde_json::json!([]));
}

#[test]
fn in_memory_store_tracks_reads_but_never_writes() {
    let mut store = Store::in_memory();
    assert_eq!(store.path(), None);
    assert!(!store.can_save());
    store.set_read(C, true);
    assert!(store.is_read(C));
    store.save().unwrap();
}

#[test]
fn corrupt_file_is_set_aside_and_reported_and_next_save_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let garbage = b"this is not json {";
    fs::write(&path, garbage).unwrap();

    let (mut store, problems) = Store::open(path.clone());
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert_eq!(p.path, path);
    assert!(p.message.contains("corrupt"), "{}", p.message);
    assert!(p.message.contains("line 1 column"), "{}", p.message);
    assert!(p.message.contains("state.json.corrupt"), "{}", p.message);
    assert!(p.message.contains("starting fresh"), "{}", p.message);

    let aside = dir.path().join("state.json.corrupt");
    assert_eq!(fs::read(&aside).unwrap(), garbage, "kept byte for byte");
    assert!(!path.exists());
    assert_eq!(store.read_count(), 0);

    store.set_read(B, true);
    store.save().unwrap();
    let (again, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(again.is_read(B));
    assert_eq!(
        fs::read(&aside).unwrap(),
        garbage,
        "the saved-aside copy is untouched"
    );
}

#[test]
fn empty_or_wrongly_shaped_files_count_as_corrupt() {
    for (name, contents) in [
        ("empty", &b""[..]),
        ("truncated", &br#"{"version": 1, "read": ["01234"#[..]),
        ("array", &b"[1, 2, 3]"[..]),
        ("read-not-a-list", &br#"{"version": 1, "read": 5}"#[..]),
        ("not-utf8", &b"{\"read\": [\"\xff\xfe\"]}"[..]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, contents).unwrap();
        let (store, problems) = Store::open(path.clone());
        assert_eq!(problems.len(), 1, "{name}: {problems:?}");
        assert!(
            problems[0].message.contains("corrupt"),
            "{name}: {problems:?}"
        );
        assert!(dir.path().join("state.json.corrupt").exists(), "{name}");
        assert!(!path.exists(), "{name}");
        assert!(store.can_save(), "{name}");
    }
}

#[test]
fn unreadable_file_is_reported_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    // A folder where the file should be cannot be read, even by root (tests
    // may run as root, which ignores permission bits).
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep-me"), b"x").unwrap();

    let (mut store, problems) = Store::open(path.clone());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, path);
    assert!(
        problems[0].message.contains("cannot read"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[0].message.contains("won't be saved"),
        "{}",
        problems[0].message
    );
    assert!(!store.can_save());

    store.set_read(A, true);
    assert!(store.is_read(A), "reads still work for this session");
    store.save().unwrap();
    assert!(path.is_dir(), "left exactly as it was");
    assert_eq!(file_names(&path), ["keep-me"]);
    assert_eq!(
        file_names(dir.path()),
        ["state.json"],
        "not set aside either"
    );
}

#[test]
fn saves_leave_no_temp_files_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (mut store, _) = Store::open(path.clone());
    for i in 0..5u64 {
        store.set_read(ArticleId(i), true);
        store.save().unwrap();
    }
    assert_eq!(file_names(dir.path()), ["state.json"]);
    assert_eq!(read_json(&path)["read"].as_array().unwrap().len(), 5);
}

#[test]
fn failed_save_reports_an_error_and_keeps_the_change_pending() {
    let dir = tempfile::tempdir().unwrap();
    let path = state_path(&dir);
    let (mut store, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    // After opening, the state folder's place is taken by a file, so the
    // folder cannot be created when saving.
    fs::write(dir.path().join("byline"), b"not a folder").unwrap();
    store.set_read(A, true);
    assert!(store.save().is_err());
    assert!(store.is_dirty(), "the change is still waiting to be saved");
    assert_eq!(file_names(dir.path()), ["byline"]);
    assert_eq!(
        fs::read(dir.path().join("byline")).unwrap(),
        b"not a folder"
    );

    // Once the obstacle is gone, the pending change is saved.
    fs::remove_file(dir.path().join("byline")).unwrap();
    store.save().unwrap();
    assert!(!store.is_dirty());
    assert!(Store::open(path).0.is_read(A));
}

#[test]
fn unknown_fields_are_tolerated_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(
        &path,
        r#"{
            "version": 1,
            "read": ["0123456789abcdef"],
            "bookmarks": ["fedcba9876543210"],
            "layout": {"list_width": 12}
        }"#,
    )
    .unwrap();

    let (mut store, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(store.is_read(A));
    store.set_read(C, true);
    store.save().unwrap();

    let json = read_json(&path);
    assert_eq!(
        json["read"],
        serde_json::json!(["0000000000000001", "0123456789abcdef"])
    );
    assert_eq!(json["bookmarks"], serde_json::json!(["fedcba9876543210"]));
    assert_eq!(json["layout"]["list_width"], 12);
}

#[test]
fn missing_fields_default_and_newer_versions_keep_their_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");

    fs::write(&path, "{}").unwrap();
    let (mut store, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(store.read_count(), 0);
    store.set_read(A, true);
    store.save().unwrap();
    assert_eq!(read_json(&path)["version"], 2);

    fs::write(&path, r#"{"version": 7, "read": []}"#).unwrap();
    let (mut store, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    store.set_read(A, true);
    store.save().unwrap();
    assert_eq!(read_json(&path)["version"], 7);
}

#[test]
fn entries_that_are_not_ids_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(
        &path,
        r#"{"version": 1, "read": ["0123456789abcdef", "xyz", "12", "fedcba9876543210"]}"#,
    )
    .unwrap();
    let (store, problems) = Store::open(path.clone());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("2 entries"), "{problems:?}");
    assert!(store.is_read(A));
    assert!(store.is_read(B));
    assert_eq!(store.read_count(), 2);
    assert!(path.exists(), "a partly bad file is not set aside");
}

/// `open_default` reads `XDG_STATE_HOME`. Changing the environment inside
/// this multi-threaded test process is unsound, so the check runs in a child
/// copy of this test binary started with the variable set.
#[test]
fn open_default_uses_xdg_state_home() {
    const CHILD: &str = "BYLINE_STORE_TEST_CHILD";
    if let Some(expected) = std::env::var_os(CHILD) {
        let (store, problems) = Store::open_default();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(store.path(), Some(Path::new(&expected)));
        assert_eq!(Store::default_path().as_deref(), Some(Path::new(&expected)));
        // Proves to the parent that this check really ran (a filter matching
        // no test would also exit successfully).
        let state_home = Path::new(&expected).parent().unwrap().parent().unwrap();
        fs::write(state_home.join("child-ran"), b"").unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let expected = dir.path().join("byline").join("state.json");
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "open_default_uses_xdg_state_home", "--quiet"])
        .env("XDG_STATE_HOME", dir.path())
        .env(CHILD, &expected)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the child check failed");
    assert!(dir.path().join("child-ran").exists());
    assert!(!expected.exists(), "opening alone must not create the file");
}
