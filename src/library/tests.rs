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
    let titles: Vec<_> = lib.entries().iter().map(|a| a.title.as_str()).collect();
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

/// A small random number generator, so the splits below are repeatable.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

/// Articles with repeated titles (copies), equal dates, two to a file.
fn collection() -> Vec<Article> {
    (0..80)
        .map(|i| {
            let mut a = article(&format!("t{}", (i * 37) % 45), None);
            a.path = format!("f{}.jsonl", i / 2).into();
            a.meta.source = Some(format!("s{}", i % 3));
            a.meta.published = (i % 9 != 0)
                .then(|| DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap())
                .map(|d| d + chrono::Duration::hours((i * 13 % 20) as i64));
            a
        })
        .collect()
}

fn filters(sort: Sort, unread_only: bool) -> Filters {
    Filters {
        unread_only,
        starred_only: false,
        source: None,
        sort,
    }
}

#[test]
fn batches_appended_in_any_split_list_as_one_load_would() {
    let all = collection();
    let mut seed = 7;
    for round in 0..12 {
        // Files arrive in a shuffled order, cut into batches of random sizes.
        let mut files: Vec<Vec<Article>> = all.chunks(2).map(<[Article]>::to_vec).collect();
        for i in (1..files.len()).rev() {
            files.swap(i, next(&mut seed) as usize % (i + 1));
        }
        let sort = Sort::ALL[round % 4];
        let unread_only = round % 3 == 0;
        let store = || {
            let mut store = Store::in_memory();
            store.set_read(all[5].id, true);
            store
        };
        let mut lib = Library::new(Loaded::default(), store(), vec![]);
        lib.set_filters(filters(sort, unread_only));
        let (mut selected, mut batches) = (0, 0);
        while !files.is_empty() {
            batches += 1;
            let take = (next(&mut seed) as usize % 6 + 1).min(files.len());
            let articles = files.drain(..take).flatten().collect();
            let problems = vec![crate::ingest::problem("bad.txt".as_ref(), "empty file")];
            let loaded = Loaded { articles, problems };
            selected = lib.append(loaded, None, selected).selected;
        }
        lib.group_copies(None, selected);
        let loaded = Loaded {
            articles: all.clone(),
            problems: vec![],
        };
        let mut once = Library::new(loaded, store(), vec![]);
        once.set_filters(filters(sort, unread_only));
        once.relist(None, 0);
        let paths = |l: &Library| -> Vec<_> {
            let a = l.entries();
            a.iter()
                .map(|a| (a.path.clone(), a.title.clone()))
                .collect()
        };
        assert_eq!(paths(&lib), paths(&once), "{sort:?}");
        assert_eq!(lib.visible(), once.visible(), "{sort:?} {unread_only}");
        for i in 0..all.len() {
            assert_eq!(lib.copies(i), once.copies(i));
            assert_eq!(lib.row_of(i), once.row_of(i));
        }
        assert_eq!(lib.unread_count(), once.unread_count());
        assert_eq!(lib.story_count(), once.story_count());
        assert_eq!(lib.sources(), once.sources());
        assert!(lib.story_count() < all.len(), "copies were grouped");
        assert_eq!(lib.problems().len(), batches);
    }
}

#[test]
fn appending_keeps_the_selection_on_the_same_article() {
    let all = collection();
    for sort in Sort::ALL {
        let (first, rest) = all.split_at(30);
        let loaded = Loaded {
            articles: first.to_vec(),
            problems: vec![],
        };
        let mut lib = Library::new(loaded, Store::in_memory(), vec![]);
        lib.set_filters(filters(sort, false));
        lib.relist(None, 0);
        let mut selected = 7;
        let path = lib.entries()[lib.visible()[selected]].path.clone();
        let title = lib.entries()[lib.visible()[selected]].title.clone();
        for batch in rest.chunks(10) {
            let loaded = Loaded {
                articles: batch.to_vec(),
                problems: vec![],
            };
            let was = lib.visible()[selected];
            let appended = lib.append(loaded, None, selected);
            selected = appended.selected;
            let now = lib.visible()[selected];
            let moved = appended.remap[was];
            assert!(
                lib.copies(now).contains(&moved),
                "{sort:?}: the map follows it"
            );
            assert_eq!(appended.added.len(), batch.len());
            let a = &lib.entries()[now];
            // A copy arriving later may become its story's primary.
            assert_eq!(a.title, title, "{sort:?}");
            assert!(a.path == path || lib.copies(now).len() > 1, "{sort:?}");
        }
    }
}

#[test]
fn counts_kept_as_copies_are_grouped_equal_counting_afresh() {
    let mut store = Store::in_memory();
    for a in collection().iter().step_by(5) {
        store.set_read(a.id, true);
    }
    let loaded = Loaded {
        articles: collection(),
        problems: vec![],
    };
    let mut lib = Library::new(loaded, store, vec![]);
    assert!(!lib.groups.is_empty(), "the collection has copies");
    let counted = (
        lib.unread_count(),
        lib.story_count(),
        lib.sources().to_vec(),
    );
    lib.recount();
    assert_eq!(counted.0, lib.unread_count());
    assert_eq!(counted.1, lib.story_count());
    assert_eq!(counted.2, lib.sources());
    assert!(counted.1 < 80, "copies count once");
}
