//! The list's filters and sort through `update`: unread only, starred only,
//! one source (the picker), the sort cycle, how they combine, the selection
//! kept on the same article, `A` marking only what is listed, and the
//! session across a restart.

mod common;

use byline::app::{Action, App, Overlay};
use byline::store::Store;
use common::*;

fn filters_app(width: u16, height: u16) -> App {
    app_with(stories(), vec![], width, height)
}

#[test]
fn copies_are_listed_once_and_sorting_cycles_with_unknown_dates_last() {
    let mut app = filters_app(100, 30);
    assert_eq!(
        titles(&app),
        [
            "Harbour",
            "Beekeepers",
            "Choir",
            "Ferry",
            "Zebra",
            "Allotment"
        ]
    );
    press(&mut app, &[Action::Sort]);
    assert_eq!(
        titles(&app),
        [
            "Zebra",
            "Ferry",
            "Choir",
            "Beekeepers",
            "Harbour",
            "Allotment"
        ]
    );
    press(&mut app, &[Action::Sort]);
    assert_eq!(
        titles(&app),
        [
            "Choir",
            "Harbour",
            "Ferry",
            "Zebra",
            "Beekeepers",
            "Allotment"
        ]
    );
    press(&mut app, &[Action::Sort]);
    assert_eq!(
        titles(&app),
        [
            "Allotment",
            "Beekeepers",
            "Choir",
            "Ferry",
            "Harbour",
            "Zebra"
        ]
    );
    press(&mut app, &[Action::Sort]);
    assert_eq!(titles(&app)[0], "Harbour", "back to newest first");
}

#[test]
fn the_selection_stays_on_the_same_article_or_the_nearest() {
    let mut app = filters_app(100, 30);
    press(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(selected_title(&app), "Choir");
    press(&mut app, &[Action::Sort]);
    assert_eq!(selected_title(&app), "Choir", "sorting keeps the article");
    assert_eq!(app.selected(), 2);
    press(&mut app, &[Action::Sort, Action::Sort, Action::Sort]);
    // Choir is not starred: nothing is, so the list is empty, then back.
    press(&mut app, &[Action::FilterStarred]);
    assert!(app.library().visible().is_empty());
    assert!(render(&app, 100, 30).contains("Nothing listed with these filters."));
    press(&mut app, &[Action::FilterStarred]);
    assert_eq!(titles(&app).len(), 6);
    // A source filter without Choir's source: the nearest after it.
    press(&mut app, &[Action::Top, Action::Down, Action::Down]);
    assert_eq!(selected_title(&app), "Choir");
    choose_source(&mut app, "Harbor Gazette");
    assert_eq!(titles(&app), ["Harbour", "Ferry", "Zebra"]);
    assert_eq!(selected_title(&app), "Ferry", "the next one still listed");
}

/// Opens the picker and chooses `name` with j and Enter.
fn choose_source(app: &mut App, name: &str) {
    press(app, &[Action::FilterSource]);
    assert_eq!(app.overlay(), Some(Overlay::Sources));
    let row = app
        .library()
        .sources()
        .iter()
        .position(|(s, _)| s == name)
        .expect("a source")
        + 1;
    press(app, &[Action::Top]);
    press(app, &vec![Action::Down; row]);
    press(app, &[Action::Open]);
    assert_eq!(app.overlay(), None);
}

#[test]
fn the_source_picker_lists_sources_by_count_and_all_comes_back() {
    let mut app = filters_app(100, 20);
    let sources: Vec<_> = app.library().sources().to_vec();
    assert_eq!(
        sources,
        [
            ("Harbor Gazette".to_string(), 3),
            ("Valley Post".to_string(), 2),
            ("Coast Radio".to_string(), 1)
        ],
        "copies count once"
    );
    press(
        &mut app,
        &[Action::FilterSource, Action::Down, Action::Down],
    );
    assert_eq!(app.picker(), 2);
    let screen = render(&app, 100, 20);
    insta::assert_snapshot!("source_picker", screen);
    press(&mut app, &[Action::Back]);
    assert_eq!(
        (app.overlay(), titles(&app).len()),
        (None, 6),
        "Esc chooses nothing"
    );
    choose_source(&mut app, "Valley Post");
    assert_eq!(titles(&app), ["Beekeepers", "Allotment"]);
    press(&mut app, &[Action::FilterSource]);
    assert_eq!(app.picker(), 2, "the picker opens on the source in effect");
    press(&mut app, &[Action::Top, Action::Open]);
    assert_eq!(titles(&app).len(), 6, "All sources");
}

#[test]
fn filters_combine_and_the_status_bar_says_what_is_active() {
    let mut app = filters_app(120, 30);
    press(
        &mut app,
        &[
            Action::Down,
            Action::Star,
            Action::Down,
            Action::Down,
            Action::Star,
        ],
    );
    press(&mut app, &[Action::Bottom, Action::Star]);
    // Starred: Beekeepers, Ferry, Allotment. Read: Ferry.
    press(
        &mut app,
        &[
            Action::Top,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Open,
            Action::Back,
        ],
    );
    press(&mut app, &[Action::FilterStarred]);
    assert_eq!(titles(&app), ["Beekeepers", "Ferry", "Allotment"]);
    press(&mut app, &[Action::FilterUnread]);
    assert_eq!(titles(&app), ["Beekeepers", "Allotment"]);
    choose_source(&mut app, "Valley Post");
    assert_eq!(titles(&app), ["Beekeepers", "Allotment"]);
    press(&mut app, &[Action::Sort, Action::Sort, Action::Sort]);
    assert_eq!(titles(&app), ["Allotment", "Beekeepers"]);
    press(&mut app, &[Action::FilterUnread]);
    choose_source(&mut app, "Harbor Gazette");
    assert_eq!(titles(&app), ["Ferry"]);
    press(&mut app, &[Action::FilterUnread]);
    assert!(titles(&app).is_empty(), "Ferry is read");
    choose_source(&mut app, "Valley Post");
    let screen = render(&app, 120, 30);
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("2 listed: unread · ★ · source: Valley Post · sorted by title"),
        "{status}"
    );
    insta::assert_snapshot!("filtered_list", screen);
}

#[test]
fn reading_with_only_unread_listed_keeps_the_article_until_moving_on() {
    let mut app = filters_app(100, 30);
    press(
        &mut app,
        &[Action::FilterUnread, Action::Down, Action::Open],
    );
    assert_eq!(selected_title(&app), "Beekeepers");
    assert_eq!(titles(&app).len(), 6, "still listed while being read");
    press(&mut app, &[Action::Back]);
    assert_eq!(titles(&app).len(), 6, "and back in the list");
    press(&mut app, &[Action::Down]);
    assert_eq!(
        titles(&app),
        ["Harbour", "Choir", "Ferry", "Zebra", "Allotment"]
    );
    assert_eq!(selected_title(&app), "Choir", "the selection moved on");
    // J reads the next one: the one left goes, the one read stays.
    press(&mut app, &[Action::Open, Action::NextArticle]);
    assert_eq!(titles(&app), ["Harbour", "Ferry", "Zebra", "Allotment"]);
    assert_eq!(selected_title(&app), "Ferry");
    press(&mut app, &[Action::FilterUnread, Action::FilterUnread]);
    assert_eq!(
        titles(&app),
        ["Harbour", "Ferry", "Zebra", "Allotment"],
        "a filter change keeps the article being read"
    );
    press(
        &mut app,
        &[Action::Back, Action::FilterUnread, Action::FilterUnread],
    );
    assert_eq!(
        titles(&app),
        ["Harbour", "Zebra", "Allotment"],
        "from the list it applies"
    );
}

#[test]
fn mark_all_read_marks_only_what_is_listed() {
    let mut app = filters_app(100, 30);
    choose_source(&mut app, "Valley Post");
    press(&mut app, &[Action::MarkAllRead]);
    assert!(render(&app, 100, 30).contains("Mark all 2 listed articles as read?"));
    press(&mut app, &[Action::Answer(true)]);
    assert_eq!(app.message(), Some("marked 2 articles read"));
    let lib = app.library();
    let read: Vec<_> = (0..lib.len())
        .filter(|&i| lib.is_read(i))
        .map(|i| &lib.get(i).unwrap().title[..4])
        .collect();
    assert_eq!(read, ["Beek", "Allo"]);
    assert_eq!(
        lib.unread_count(),
        4,
        "the stories of other sources stay unread"
    );
}

#[test]
fn filters_and_sort_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let start = |store: Store| app_on_store(stories(), store, 100, 30);
    let mut app = start(Store::open(path.clone()).0);
    choose_source(&mut app, "Harbor Gazette");
    press(
        &mut app,
        &[
            Action::Sort,
            Action::Sort,
            Action::Sort,
            Action::FilterUnread,
        ],
    );
    press(&mut app, &[Action::Down, Action::Quit]);
    assert_eq!(selected_title(&app), "Zebra");
    app.save_state().unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\"sort\": \"title\""), "{saved}");

    let (store, problems) = Store::open(path);
    assert!(problems.is_empty(), "{problems:?}");
    let app = start(store);
    let f = app.library().filters();
    assert!(f.unread_only && !f.starred_only);
    assert_eq!(f.source.as_deref(), Some("Harbor Gazette"));
    assert_eq!(f.sort.name(), "title");
    assert_eq!(titles(&app), ["Ferry", "Harbour", "Zebra"]);
    assert_eq!(selected_title(&app), "Zebra", "and the selection");
}

#[test]
fn next_article_after_the_one_read_was_filtered_out_is_the_selection() {
    let mut app = filters_app(100, 30);
    press(&mut app, &[Action::Down, Action::Down, Action::Open]);
    assert_eq!(selected_title(&app), "Choir");
    choose_source(&mut app, "Harbor Gazette");
    assert_eq!(titles(&app), ["Harbour", "Ferry", "Zebra"]);
    assert_eq!(selected_title(&app), "Ferry", "the nearest after Choir");
    press(&mut app, &[Action::NextArticle]);
    let open = app.open_article().unwrap();
    assert_eq!(app.library().get(open).unwrap().title, "Ferry fares frozen");
}

#[test]
fn a_list_that_shrinks_is_not_left_scrolled_past_its_end() {
    // 8 rows: 3 headlines fit.
    let mut app = filters_app(100, 8);
    press(&mut app, &[Action::Bottom]);
    assert_eq!((app.selected(), app.list_offset()), (5, 3));
    choose_source(&mut app, "Valley Post");
    assert_eq!(titles(&app), ["Beekeepers", "Allotment"]);
    assert_eq!((app.selected(), app.list_offset()), (1, 0));
    let screen = render(&app, 100, 8);
    assert!(
        screen.contains("Beekeepers") && screen.contains("Allotment"),
        "{screen}"
    );
}

/// Every combination of the filters and sorts, against the list worked out
/// here the slow way.
#[test]
fn every_filter_and_sort_combination_matches_a_plain_reckoning() {
    use std::cmp::Reverse;
    for unread in [false, true] {
        for starred in [false, true] {
            for source in [None, Some("Harbor Gazette"), Some("Valley Post")] {
                for sorts in 0..4 {
                    let mut app = filters_app(100, 30);
                    // Star Beekeepers, Ferry and Zebra; read Ferry and Choir.
                    press(&mut app, &[Action::Down, Action::Star, Action::Down]);
                    press(&mut app, &[Action::Open, Action::Back, Action::Down]);
                    press(&mut app, &[Action::Star, Action::Open, Action::Back]);
                    press(&mut app, &[Action::Down, Action::Star]);
                    if unread {
                        press(&mut app, &[Action::FilterUnread]);
                    }
                    if starred {
                        press(&mut app, &[Action::FilterStarred]);
                    }
                    if let Some(name) = source {
                        choose_source(&mut app, name);
                    }
                    press(&mut app, &vec![Action::Sort; sorts]);

                    let lib = app.library();
                    let mut expected: Vec<usize> = (0..lib.len())
                        .filter(|&i| lib.copies(i)[0] == i)
                        .filter(|&i| !unread || !lib.is_read(i))
                        .filter(|&i| !starred || lib.is_starred(i))
                        .filter(|&i| {
                            source.is_none_or(|s| {
                                lib.get(i).unwrap().meta.source.as_deref() == Some(s)
                            })
                        })
                        .collect();
                    let a = |i: usize| lib.get(i).unwrap();
                    match sorts {
                        0 => expected.sort_by_key(|&i| {
                            (
                                a(i).meta.published.is_none(),
                                Reverse(a(i).meta.published),
                                a(i).title.clone(),
                            )
                        }),
                        1 => expected.sort_by_key(|&i| {
                            (a(i).meta.published.is_none(), a(i).meta.published, i)
                        }),
                        2 => expected.sort_by_key(|&i| {
                            (
                                a(i).meta.source.clone().unwrap_or_default().to_lowercase(),
                                i,
                            )
                        }),
                        _ => expected.sort_by_key(|&i| (a(i).title.to_lowercase(), i)),
                    }
                    let what = format!("unread {unread} starred {starred} {source:?} sort {sorts}");
                    assert_eq!(lib.visible(), &expected[..], "{what}");
                    let status = render(&app, 160, 30).lines().last().unwrap().to_string();
                    assert_eq!(
                        status.contains("listed: unread"),
                        unread,
                        "{what}: {status}"
                    );
                    assert_eq!(status.contains('★'), starred, "{what}: {status}");
                    assert_eq!(
                        status.contains("source: "),
                        source.is_some(),
                        "{what}: {status}"
                    );
                }
            }
        }
    }
}
