//! State file version 2: stars, reading positions and the last session, their
//! round trips, compatibility with version 1 files, and bad entries.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use byline::article::ArticleId;
use byline::store::{MAX_POSITIONS, Session, Store};

const A: ArticleId = ArticleId(0x0123_4567_89ab_cdef);
const B: ArticleId = ArticleId(0xfedc_ba98_7654_3210);

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

fn session() -> Session {
    let mut s = Session {
        unread_only: true,
        starred_only: false,
        source: Some("Hill Courier".into()),
        sort: "title".into(),
        search: "footbridge".into(),
        ..Session::default()
    };
    s.set_selected_id(Some(B));
    s
}

#[test]
fn stars_positions_and_session_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (mut store, _) = Store::open(path.clone());
    store.set_starred(A, true);
    store.set_position(B, 0.4);
    store.set_session(session());
    store.save().unwrap();

    let (again, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(again.is_starred(A) && !again.is_starred(B));
    assert_eq!(again.starred_count(), 1);
    assert_eq!(again.position(B), Some(0.4));
    assert_eq!(again.position(A), None);
    assert_eq!(again.session(), &session());
    assert_eq!(again.session().selected_id(), Some(B));
    assert!(!again.is_dirty());

    let json = read_json(&path);
    assert_eq!(json["version"], 2);
    assert_eq!(json["starred"], serde_json::json!(["0123456789abcdef"]));
    assert_eq!(json["positions"]["fedcba9876543210"]["fraction"], 0.4);
    assert_eq!(json["session"]["sort"], "title");
    assert_eq!(json["session"]["selected"], "fedcba9876543210");
}

#[test]
fn only_real_changes_make_the_store_dirty() {
    let (mut store, _) = Store::open(tempfile::tempdir().unwrap().path().join("s.json"));
    store.set_starred(A, false);
    store.set_position(A, 0.0);
    store.set_session(Session::default());
    assert!(!store.is_dirty());
    store.set_position(A, 0.25);
    assert!(store.is_dirty());
}

#[test]
fn unstarring_and_forgetting_are_saved_and_empty_fields_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (mut store, _) = Store::open(path.clone());
    store.set_starred(A, true);
    store.set_position(A, 0.5);
    store.set_read(A, true);
    store.save().unwrap();
    store.set_starred(A, false);
    store.set_position(A, 0.0);
    store.save().unwrap();
    let json = read_json(&path);
    assert_eq!(
        json,
        serde_json::json!({"version": 2, "read": ["0123456789abcdef"]})
    );
    let (again, _) = Store::open(path);
    assert!(!again.is_starred(A));
    assert_eq!(again.position(A), None);
}

#[test]
fn version_1_files_load_and_are_upgraded_on_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, r#"{"version": 1, "read": ["0123456789abcdef"]}"#).unwrap();
    let (mut store, problems) = Store::open(path.clone());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(store.is_read(A));
    assert_eq!(store.starred_count(), 0);
    assert_eq!(store.session(), &Session::default());
    store.set_starred(B, true);
    store.save().unwrap();
    let json = read_json(&path);
    assert_eq!(json["version"], 2);
    assert_eq!(json["read"], serde_json::json!(["0123456789abcdef"]));
    assert_eq!(json["starred"], serde_json::json!(["fedcba9876543210"]));
}

#[test]
fn bad_entries_are_reported_and_the_rest_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(
        &path,
        r#"{"version": 2, "starred": ["0123456789abcdef", "nope"],
            "positions": {"fedcba9876543210": {"fraction": 0.5, "used": 3},
                          "0123456789abcdef": 12, "xyz": {"fraction": 0.1, "used": 1}},
            "session": "not a table"}"#,
    )
    .unwrap();
    let (store, problems) = Store::open(path.clone());
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].contains("1 entry in \"starred\""),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("2 entries in \"positions\""),
        "{messages:?}"
    );
    assert!(messages[2].contains("\"session\""), "{messages:?}");
    assert!(store.is_starred(A));
    assert_eq!(store.position(B), Some(0.5));
    assert_eq!(store.session(), &Session::default());
    assert!(path.exists(), "a partly bad file is not set aside");
}

#[test]
fn positions_in_the_file_are_bounded_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (mut store, _) = Store::open(path.clone());
    for i in 0..(MAX_POSITIONS as u64 + 100) {
        store.set_position(ArticleId(i), 0.5);
    }
    assert_eq!(store.position_count(), MAX_POSITIONS);
    store.save().unwrap();
    let json = read_json(&path);
    assert_eq!(json["positions"].as_object().unwrap().len(), MAX_POSITIONS);
    let (again, _) = Store::open(path);
    assert_eq!(again.position(ArticleId(99)), None, "least recent dropped");
    assert_eq!(again.position(ArticleId(100)), Some(0.5));
}

#[test]
fn stale_temp_files_from_a_killed_save_are_swept_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let stale = dir.path().join(".state-abc123.tmp");
    let fresh = dir.path().join(".state-def456.tmp");
    let other = dir.path().join(".state-notes.txt");
    for p in [&stale, &fresh, &other] {
        fs::write(p, b"{\"half\": ").unwrap();
    }
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let (_, problems) = Store::open(path);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(!stale.exists(), "an hour-old temp file is left over");
    assert!(
        fresh.exists(),
        "a fresh one may be another save in progress"
    );
    assert!(other.exists(), "only temp files are touched");
}
