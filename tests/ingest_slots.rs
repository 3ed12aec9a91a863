//! Reading some articles of a file again: only those slots are built, and
//! they are the articles a whole read gives at those slots.

use std::path::Path;
use std::sync::Arc;

use byline::article::Entry;
use byline::ingest::{load_file, load_slots};
use byline::library::bodies::read_all;

/// A JSON Lines export: four stories and, between them, an object that is
/// no article (it takes no slot).
fn export(dir: &Path) -> std::path::PathBuf {
    let story = |n: u32| {
        format!(
            r#"{{"title": "Ferry timetable change number {n}", "text": "The council said on Tuesday that sailing {n} would leave earlier from the harbour.\nPassengers were told by letter."}}"#
        )
    };
    let lines = [story(0), story(1), "{}".to_string(), story(2), story(3)];
    let path = dir.join("export.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[test]
fn the_slots_asked_for_are_the_whole_reads_articles_at_those_slots() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path());
    let all = load_file(&path).articles;
    assert_eq!(all.len(), 4);
    let some = load_slots(&path, &[1, 3]).articles;
    assert_eq!(some, vec![all[1].clone(), all[3].clone()]);
    assert!(load_slots(&path, &[7]).articles.is_empty());
    assert_eq!(load_slots(&path, &[0, 1, 2, 3]).articles, all);
}

#[test]
fn a_text_file_has_one_slot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt");
    std::fs::write(
        &path,
        "Lighthouse keeper retires\n\nAfter forty years, she hands over the key.",
    )
    .unwrap();
    assert_eq!(load_slots(&path, &[0]).articles, load_file(&path).articles);
    assert!(load_slots(&path, &[1]).articles.is_empty());
}

#[test]
fn an_article_no_longer_at_its_slot_is_found_where_it_went() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path());
    let all = load_file(&path).articles;
    let shared: Arc<Path> = Arc::from(path.as_path());
    // Entries made when the third story was first, and the first second.
    let moved = Entry::of(&all[2], Arc::clone(&shared), 0);
    let stayed = Entry::of(&all[0], Arc::clone(&shared), 1);
    let gone = {
        let mut e = Entry::of(&all[1], shared, 1);
        e.id = byline::article::ArticleId(7);
        e
    };
    let found = read_all(&path, &[&moved, &stayed, &gone]);
    assert_eq!(found[0].as_deref(), Some(&all[2]));
    assert_eq!(found[1].as_deref(), Some(&all[0]));
    assert_eq!(found[2], None);
}
