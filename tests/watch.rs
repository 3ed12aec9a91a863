//! Live reload's watching: real folders, real inotify. Each test waits for
//! the batches that must come (a few seconds at most, never a sleep), and
//! checks them whole: what is ignored is checked by a marker file written
//! after it, whose batch must hold nothing else.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use byline::ingest;
use byline::watch::{self, Attempt, Change, ChangeKind, Retry, Verdict, Watcher};

/// Upper bound for a batch that must come (they come within a second).
const WAIT: Duration = Duration::from_secs(5);

fn changed(p: impl AsRef<Path>) -> Change {
    Change {
        path: p.as_ref().to_path_buf(),
        kind: ChangeKind::Changed,
    }
}

fn removed(p: impl AsRef<Path>) -> Change {
    Change {
        path: p.as_ref().to_path_buf(),
        kind: ChangeKind::Removed,
    }
}

fn start(roots: &[PathBuf]) -> Watcher {
    watch::watch(roots).expect("watching starts")
}

/// The changes of every batch until `last` has been seen, in order.
fn until(w: &Watcher, last: &Change) -> Vec<Change> {
    let deadline = Instant::now() + WAIT;
    let mut all = Vec::new();
    while !all.contains(last) {
        let left = deadline.saturating_duration_since(Instant::now());
        match w.recv_timeout(left) {
            Some(Ok(batch)) => all.extend(batch),
            Some(Err(e)) => panic!("watch error: {e}"),
            None => panic!("no {last:?} within {WAIT:?}; got {all:?}"),
        }
    }
    all
}

/// The next batch, which must come.
fn batch(w: &Watcher) -> Vec<Change> {
    match w.recv_timeout(WAIT) {
        Some(Ok(batch)) => batch,
        Some(Err(e)) => panic!("watch error: {e}"),
        None => panic!("no batch within {WAIT:?}"),
    }
}

/// Writes a marker file and checks that its batch holds only it: nothing
/// else was reported since the last check.
fn nothing_else(w: &Watcher, dir: &Path) {
    let marker = dir.join("zz-marker.txt");
    fs::write(&marker, "marker").unwrap();
    assert_eq!(until(w, &changed(&marker)), vec![changed(&marker)]);
}

#[test]
fn a_created_file_is_changed() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    let a = dir.path().join("a.txt");
    fs::write(&a, "Title\n\nBody").unwrap();
    assert_eq!(batch(&w), vec![changed(&a)]);
}

#[test]
fn a_burst_of_writes_gives_one_change() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    fs::write(&a, "").unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    for i in 0..20 {
        let mut text = fs::read_to_string(&a).unwrap();
        text.push_str(&format!("{{\"title\": \"t{i}\"}}\n"));
        fs::write(&a, text).unwrap();
    }
    assert_eq!(batch(&w), vec![changed(&a)]);
    nothing_else(&w, dir.path());
}

#[test]
fn a_modified_file_in_a_subfolder_is_changed() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("2024").join("05");
    fs::create_dir_all(&sub).unwrap();
    let a = sub.join("a.md");
    fs::write(&a, "# Old").unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    fs::write(&a, "# New").unwrap();
    assert_eq!(batch(&w), vec![changed(&a)]);
}

#[test]
fn reading_a_file_is_not_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    fs::write(&a, "Title\n\nBody").unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    // What the consumer does on every change: were reads reported, each
    // reload would bring the next.
    let loaded = ingest::load_file(&a);
    assert_eq!(loaded.articles.len(), 1);
    nothing_else(&w, dir.path());
}

#[test]
fn a_removed_file_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    fs::write(&a, r#"{"title": "A"}"#).unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    fs::remove_file(&a).unwrap();
    assert_eq!(batch(&w), vec![removed(&a)]);
}

#[test]
fn a_renamed_file_is_removed_then_changed() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    fs::write(&old, "Title\n\nBody").unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    fs::rename(&old, &new).unwrap();
    assert_eq!(batch(&w), vec![removed(&old), changed(&new)]);
}

#[test]
fn a_created_folder_gives_its_article_files() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    let sub = dir.path().join("new");
    fs::create_dir_all(sub.join("deeper")).unwrap();
    fs::write(sub.join("a.txt"), "A").unwrap();
    fs::write(sub.join("deeper").join("b.json"), "{}").unwrap();
    fs::write(sub.join("logo.png"), "png").unwrap();
    fs::write(sub.join(".hidden.txt"), "no").unwrap();
    let last = changed(sub.join("deeper").join("b.json"));
    let got: BTreeSet<Change> = until(&w, &last).into_iter().collect();
    let want: BTreeSet<Change> = [changed(sub.join("a.txt")), last].into();
    assert_eq!(got, want);
    nothing_else(&w, dir.path());
}

#[test]
fn a_folder_moved_in_gives_its_article_files() {
    let outside = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir_in(outside.path()).unwrap();
    let staged = outside.path().join("staged");
    fs::create_dir(&staged).unwrap();
    fs::write(staged.join("a.txt"), "A").unwrap();
    fs::write(staged.join("b.md"), "# B").unwrap();
    fs::write(staged.join("b.md~"), "# B").unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    let moved = dir.path().join("moved");
    fs::rename(&staged, &moved).unwrap();
    assert_eq!(
        batch(&w),
        vec![changed(moved.join("a.txt")), changed(moved.join("b.md"))]
    );
}

#[test]
fn a_removed_folder_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("old");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("a.txt"), "A").unwrap();
    fs::write(sub.join("b.txt"), "B").unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    fs::remove_dir_all(&sub).unwrap();
    let got = until(&w, &removed(&sub));
    assert!(
        got.iter()
            .all(|c| c.kind == ChangeKind::Removed && c.path.starts_with(&sub)),
        "{got:?}"
    );
    nothing_else(&w, dir.path());
}

#[test]
fn a_renamed_folder_is_removed_and_its_files_changed() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old");
    let new = dir.path().join("new");
    fs::create_dir(&old).unwrap();
    fs::write(old.join("a.txt"), "A").unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    fs::rename(&old, &new).unwrap();
    assert_eq!(batch(&w), vec![removed(&old), changed(new.join("a.txt"))]);
    // The folder is watched under its new name.
    fs::write(new.join("b.txt"), "B").unwrap();
    assert_eq!(batch(&w), vec![changed(new.join("b.txt"))]);
}

#[test]
fn hidden_temporary_and_asset_files_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    let d = dir.path();
    fs::write(d.join(".hidden.txt"), "x").unwrap();
    fs::write(d.join(".git").join("index"), "x").unwrap();
    fs::write(d.join("a.txt~"), "x").unwrap();
    fs::write(d.join(".a.txt.swp"), "x").unwrap();
    fs::write(d.join("a.tmp"), "x").unwrap();
    fs::write(d.join("4913"), "x").unwrap();
    fs::remove_file(d.join("4913")).unwrap();
    fs::write(d.join("photo.jpg"), "x").unwrap();
    fs::write(d.join("style.css"), "x").unwrap();
    fs::create_dir(d.join(".cache")).unwrap();
    fs::write(d.join(".cache").join("a.txt"), "x").unwrap();
    nothing_else(&w, d);
}

#[test]
fn an_editor_save_through_a_temporary_file_is_one_change() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.md");
    fs::write(&a, "# Old").unwrap();
    let w = start(&[dir.path().to_path_buf()]);
    let tmp = dir.path().join(".a.md.tmp");
    fs::write(&tmp, "# New").unwrap();
    fs::rename(&tmp, &a).unwrap();
    assert_eq!(batch(&w), vec![changed(&a)]);
}

#[test]
fn an_opened_file_is_watched_alone() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(&a, "A").unwrap();
    let w = start(std::slice::from_ref(&a));
    fs::write(&b, "B: a neighbour, not opened").unwrap();
    fs::write(&a, "A again").unwrap();
    assert_eq!(until(&w, &changed(&a)), vec![changed(&a)]);
    // Replaced by a rename, as careful writers do: still watched.
    let tmp = dir.path().join("a.txt.part");
    fs::write(&tmp, "A, third").unwrap();
    fs::rename(&tmp, &a).unwrap();
    assert_eq!(batch(&w), vec![changed(&a)]);
    fs::remove_file(&a).unwrap();
    assert_eq!(batch(&w), vec![removed(&a)]);
}

#[test]
fn a_missing_root_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(&[dir.path().join("nope"), dir.path().to_path_buf()]);
    let a = dir.path().join("a.txt");
    fs::write(&a, "A").unwrap();
    assert_eq!(batch(&w), vec![changed(&a)]);
}

/// The consumer's flow for a file caught half-written: the load's problem
/// is held back, the file is loaded again when due, and the finished file
/// is applied. The clock is passed in, so nothing waits.
#[test]
fn a_half_written_export_is_retried_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("export.json");
    fs::write(&a, r#"[{"title": "One", "body": "First"}, {"title": "Tw"#).unwrap();
    let mut retry = Retry::default();
    let t0 = Instant::now();

    let (loaded, attempt) = Attempt::read(&a, ingest::load_file);
    assert!(!loaded.problems.is_empty(), "cut short: {loaded:?}");
    let verdict = retry.judge(&a, &attempt, !loaded.problems.is_empty(), t0);
    assert_eq!(verdict, Verdict::Later);
    let due_at = retry.next_deadline().expect("scheduled");
    assert!(retry.due(t0).is_empty());

    // The writer finishes.
    fs::write(
        &a,
        r#"[{"title": "One", "body": "First"}, {"title": "Two", "body": "Second"}]"#,
    )
    .unwrap();
    assert_eq!(retry.due(due_at), vec![a.clone()]);
    let (loaded, attempt) = Attempt::read(&a, ingest::load_file);
    let verdict = retry.judge(&a, &attempt, !loaded.problems.is_empty(), due_at);
    assert_eq!(verdict, Verdict::Apply);
    assert_eq!(loaded.articles.len(), 2);
    assert_eq!(retry.next_deadline(), None);
}

#[test]
fn a_file_still_broken_after_the_last_try_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("broken.json");
    fs::write(&a, "{ not json").unwrap();
    let mut retry = Retry::default();
    let mut now = Instant::now();
    let mut loads = 0;
    let verdict = loop {
        let (loaded, attempt) = Attempt::read(&a, ingest::load_file);
        loads += 1;
        match retry.judge(&a, &attempt, !loaded.problems.is_empty(), now) {
            Verdict::Later => {
                now = retry.next_deadline().expect("scheduled");
                assert_eq!(retry.due(now), vec![a.clone()]);
            }
            other => break other,
        }
    };
    assert_eq!(verdict, Verdict::Apply);
    assert_eq!(loads, 1 + Retry::TRIES);
}

#[test]
fn a_file_gone_before_its_retry_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let mut retry = Retry::default();
    let (_, attempt) = Attempt::read(&a, ingest::load_file);
    assert_eq!(
        retry.judge(&a, &attempt, true, Instant::now()),
        Verdict::Gone
    );
}
