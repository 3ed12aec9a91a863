//! Unit tests of the library: order, read flags and counts.

use super::*;
use crate::article::{ArticleId, Meta};
use chrono::DateTime;

fn article(title: &str, date: Option<&str>) -> Article {
    Article {
        id: ArticleId::from_content(title, &[]),
        path: title.into(),
        title: title.into(),
        meta: Meta {
            published: date.map(|d| DateTime::parse_from_rfc3339(d).unwrap()),
            ..Meta::default()
        },
        paragraphs: vec![],
        removed: vec![],
        raw: String::new(),
    }
}

#[test]
fn newest_first_and_undated_last() {
    let loaded = Loaded {
        articles: vec![
            article("undated", None),
            article("old", Some("2020-01-01T00:00:00Z")),
            article("new", Some("2024-01-01T00:00:00Z")),
        ],
        problems: vec![],
    };
    let lib = Library::new(loaded, Store::in_memory(), vec![]);
    let titles: Vec<_> = lib.articles().iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["new", "old", "undated"]);
}

#[test]
fn read_flags_go_through_the_store() {
    let loaded = Loaded {
        articles: vec![article("a", None), article("b", None)],
        problems: vec![],
    };
    let mut lib = Library::new(loaded, Store::in_memory(), vec![]);
    assert_eq!(lib.unread_count(), 2);
    lib.set_read(1, true).unwrap();
    assert!(lib.is_read(1) && !lib.is_read(0));
    assert_eq!(lib.unread_count(), 1);
    assert!(!lib.is_read(7));
    lib.set_read(1, true).unwrap();
    assert_eq!(lib.unread_count(), 1, "setting a set flag changes nothing");
    lib.set_read(1, false).unwrap();
    assert_eq!(lib.unread_count(), 2);
}

#[test]
fn unread_count_starts_from_the_store_and_counts_stories() {
    let mut store = Store::in_memory();
    store.set_read(article("a", None).id, true);
    let loaded = Loaded {
        articles: vec![article("a", None), article("b", None), article("b", None)],
        problems: vec![],
    };
    let mut lib = Library::new(loaded, store, vec![]);
    assert_eq!(lib.unread_count(), 1, "the two b are one story");
    assert_eq!(lib.story_count(), 2);
    let walked = |lib: &Library| lib.visible().iter().filter(|&&i| !lib.is_read(i)).count();
    assert_eq!(lib.unread_count(), walked(&lib));
    lib.set_read(2, true).unwrap();
    assert!(lib.is_read(1), "same content, same id");
    assert_eq!(lib.unread_count(), 0);
    assert_eq!(lib.unread_count(), walked(&lib));
    lib.set_read(1, false).unwrap();
    assert_eq!(lib.unread_count(), 1);
}
