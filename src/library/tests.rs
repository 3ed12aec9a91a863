//! Unit tests of the library: order, read flags and counts, search matches
//! added a slice at a time.

use super::*;
use crate::article::{ArticleId, Meta};
use crate::library::listing::Sort;
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

#[test]
fn matches_added_a_slice_at_a_time_list_as_a_relist_would() {
    // Titles repeat every 7 articles: equal title and (empty) body, copies.
    let articles: Vec<Article> = (0..60)
        .map(|i| {
            let mut a = article(&format!("t{}", (i * 37) % 50), None);
            a.meta.source = Some(format!("s{}", i % 3));
            a.meta.published = DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z")
                .ok()
                .map(|d| d + chrono::Duration::hours((i * 13 % 60) as i64));
            a
        })
        .collect();
    let ids: Vec<u32> = (0..60).filter(|i| i % 4 != 1).collect();
    for sort in Sort::ALL {
        for (unread_only, source) in [(false, None), (true, Some("s1".to_string()))] {
            let loaded = Loaded {
                articles: articles.clone(),
                problems: vec![],
            };
            let mut lib = Library::new(loaded, Store::in_memory(), vec![]);
            for i in [3, 8, 20] {
                lib.set_read(i, true).unwrap();
            }
            lib.set_filters(Filters {
                unread_only,
                starred_only: false,
                source,
                sort,
            });
            lib.set_matches(Some(&ids[..5]));
            lib.relist(None, 0);
            let mut selected = lib.visible().len() / 2;
            let article = lib.visible().get(selected).copied();
            for slice in ids[5..].chunks(6) {
                selected = lib.add_matches(slice, selected);
                assert_eq!(
                    lib.visible().get(selected).copied(),
                    article.or(lib.visible().first().copied())
                );
            }
            let (sliced, stories) = (lib.visible().to_vec(), lib.matched_stories());
            let listed = (0..60).filter(|&i| lib.row_of(i).is_some()).count();
            assert_eq!(listed, sliced.len());
            for (row, &i) in sliced.iter().enumerate() {
                assert_eq!(lib.row_of(i), Some(row));
            }
            lib.set_matches(Some(&ids));
            lib.relist(None, 0);
            assert_eq!(sliced, lib.visible(), "{sort:?} {unread_only}");
            assert_eq!(stories, lib.matched_stories());
            assert!(stories < ids.len(), "copies count once");
        }
    }
}
