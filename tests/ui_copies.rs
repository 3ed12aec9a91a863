//! Copies of one story across the collection: listed once with a ×N
//! marker, every copy reachable with `c`, reading one reads them all.

mod common;

use byline::app::Action;
use common::*;

#[test]
fn a_story_loaded_twice_is_one_entry_and_its_copies_are_reachable() {
    let mut app = app_with(stories(), vec![], 100, 30);
    assert_eq!(app.library().len(), 7);
    assert_eq!(app.library().visible().len(), 6);
    let list = render(&app, 100, 30);
    let marked: Vec<_> = list.lines().filter(|l| l.contains("×2")).collect();
    assert_eq!(marked.len(), 1, "{list}");
    assert!(
        marked[0].contains("Harbor Gazette · 2 Jun 2024       ×2 │"),
        "{list}"
    );
    let primary = app.selected_article().unwrap();
    assert_eq!(
        app.library().get(primary).unwrap().path.to_str(),
        Some("/news/export.json"),
        "the copy with a link is the primary"
    );
    press(&mut app, &[Action::Open]);
    let lines: Vec<_> = app.reader_lines().iter().map(|l| l.text.clone()).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("copy 1 of 2 · /news/export.json")),
        "{lines:?}"
    );
    press(&mut app, &[Action::NextCopy]);
    let other = app.open_article().unwrap();
    assert_ne!(other, primary);
    assert_eq!(
        app.selected_article(),
        Some(primary),
        "the list stays on the story"
    );
    let lines: Vec<_> = app.reader_lines().iter().map(|l| l.text.clone()).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("copy 2 of 2 · /news/Harbor Gazette")),
        "{lines:?}"
    );
    insta::assert_snapshot!("copy_in_reader", render(&app, 100, 16));
    press(&mut app, &[Action::NextCopy]);
    assert_eq!(app.open_article(), Some(primary), "cycles");
    assert!(app.library().is_read(other) && app.library().is_read(primary));
    assert_eq!(
        app.library().unread_count(),
        5,
        "reading one copy reads the story"
    );
    press(&mut app, &[Action::Back, Action::Down, Action::NextCopy]);
    assert_eq!(app.message(), Some("this story has no other copies"));
}
