//! Unit tests of `update` through the public API: keys, bounds, read state,
//! preview, toggles, mouse, resize, and what the status bar says.

mod common;

use byline::app::{Action, App, Focus, Overlay, update};
use byline::ingest::Loaded;
use byline::library::Library;
use byline::store::Store;
use common::*;
use unicode_width::UnicodeWidthStr;

#[test]
fn escapes_never_reach_the_screen() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::Down, Action::Down, Action::Open]);
    let screen = render(&app, 100, 30);
    assert!(screen.contains("Evil title here"), "{screen}");
    assert!(screen.contains("Body text with hidden tricks."), "{screen}");
    assert!(!screen.chars().any(|c| c.is_control() && c != '\n'));
    press(&mut app, &[Action::ToggleRaw]);
    let raw = render(&app, 100, 30);
    assert!(!raw.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn j_and_k_stop_at_the_ends() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::Up]);
    assert_eq!(app.selected(), 0);
    press(&mut app, &[Action::Down; 10]);
    assert_eq!(app.selected(), 3);
    press(&mut app, &[Action::Up]);
    assert_eq!(app.selected(), 2);
    press(&mut app, &[Action::Top]);
    assert_eq!(app.selected(), 0);
    press(&mut app, &[Action::Bottom]);
    assert_eq!(app.selected(), 3);
}

#[test]
fn selection_stays_in_view() {
    // 8 rows: 1 header, 6 rows of headlines (3 items), 1 status.
    let mut app = app(100, 8);
    press(&mut app, &[Action::Bottom]);
    assert_eq!((app.selected(), app.list_offset()), (3, 1));
    assert!(render(&app, 100, 8).contains("Undated notice"));
    press(&mut app, &[Action::Top]);
    assert_eq!(app.list_offset(), 0);
}

#[test]
fn opening_marks_read_and_focuses_the_reader() {
    let mut app = app(100, 30);
    assert_eq!(app.library().unread_count(), 4);
    press(&mut app, &[Action::Down, Action::Open]);
    assert_eq!(app.open_article(), Some(1));
    assert_eq!(app.focus(), Focus::Reader);
    assert!(app.library().is_read(1));
    assert_eq!(app.library().unread_count(), 3);
    press(&mut app, &[Action::ToggleRead]);
    assert!(!app.library().is_read(1));
    assert_eq!(app.message(), Some("marked unread"));
    press(&mut app, &[Action::Back]);
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(app.message(), None);
}

#[test]
fn shift_j_and_k_step_through_articles_while_reading() {
    let mut app = app(100, 30);
    press(
        &mut app,
        &[Action::Open, Action::PageDown, Action::NextArticle],
    );
    assert_eq!(
        (app.open_article(), app.selected(), app.scroll()),
        (Some(1), 1, 0)
    );
    assert!(app.library().is_read(1));
    press(&mut app, &[Action::NextArticle; 5]);
    assert_eq!(app.open_article(), Some(3));
    assert_eq!(app.message(), Some("last article"));
    press(&mut app, &[Action::PrevArticle]);
    assert_eq!(app.open_article(), Some(2));
}

#[test]
fn reader_scrolls_within_bounds() {
    let mut app = app(100, 12);
    press(&mut app, &[Action::Open]);
    let max = app.max_scroll();
    assert!(max > 0, "the first article must overflow a 12-row screen");
    press(&mut app, &[Action::Up]);
    assert_eq!(app.scroll(), 0);
    press(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(app.scroll(), 2);
    press(&mut app, &[Action::HalfPageUp]);
    assert_eq!(app.scroll(), 0);
    press(&mut app, &[Action::Bottom]);
    assert_eq!((app.scroll(), app.percent()), (max, 100));
    press(&mut app, &[Action::PageDown, Action::Down]);
    assert_eq!(app.scroll(), max);
    press(&mut app, &[Action::Top]);
    assert_eq!((app.scroll(), app.percent()), (0, 0));
}

#[test]
fn toggles_flip_and_flip_back() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::Open, Action::ToggleRaw]);
    assert!(app.raw());
    let raw_lines = app.reader_lines().len();
    press(&mut app, &[Action::ToggleRaw]);
    assert!(!app.raw());
    assert_ne!(raw_lines, app.reader_lines().len());
    press(&mut app, &[Action::ToggleHelp]);
    assert_eq!(app.overlay(), Some(Overlay::Help));
    press(&mut app, &[Action::ToggleProblems]);
    assert_eq!(app.overlay(), Some(Overlay::Problems));
    press(&mut app, &[Action::ToggleProblems]);
    assert_eq!(app.overlay(), None);
    press(&mut app, &[Action::ToggleHelp, Action::Back]);
    assert_eq!((app.overlay(), app.focus()), (None, Focus::Reader));
    press(&mut app, &[Action::SwitchFocus]);
    assert_eq!(app.focus(), Focus::List);
    press(&mut app, &[Action::SwitchFocus]);
    assert_eq!(app.focus(), Focus::Reader);
    press(&mut app, &[Action::Quit]);
    assert!(app.should_quit());
}

#[test]
fn overlays_scroll_and_keep_keys_from_the_panes() {
    let mut app = app(100, 8);
    press(
        &mut app,
        &[Action::ToggleProblems, Action::Down, Action::Down],
    );
    assert_eq!(app.overlay_scroll(), 2);
    assert_eq!(app.selected(), 0);
    press(&mut app, &[Action::Bottom]);
    let bottom = app.overlay_scroll();
    press(&mut app, &[Action::Down]);
    assert_eq!(app.overlay_scroll(), bottom);
    assert!(render(&app, 100, 8).contains("feeds/old.xml"));
}

#[test]
fn resize_rewraps_the_reader() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::Open]);
    let wide = app.reader_lines().to_vec();
    press(
        &mut app,
        &[Action::Resize {
            width: 40,
            height: 30,
        }],
    );
    assert!(app.reader_lines().len() > wide.len());
    assert!(app.reader_lines().iter().all(|l| l.text.width() <= 35));
    press(
        &mut app,
        &[Action::Resize {
            width: 100,
            height: 30,
        }],
    );
    assert_eq!(app.reader_lines(), &wide[..]);
}

#[test]
fn mouse_selects_scrolls_and_focuses() {
    let mut app = app(100, 12);
    // Rows 0 and 1 are the header and a spacer; headline 2 takes rows 6 and 7.
    press(&mut app, &[Action::ClickAt { column: 5, row: 6 }]);
    assert_eq!((app.selected(), app.focus()), (2, Focus::List));
    press(&mut app, &[Action::ClickAt { column: 5, row: 7 }]);
    assert_eq!(app.open_article(), Some(2));
    press(
        &mut app,
        &[Action::Back, Action::Top, Action::Open, Action::Back],
    );
    let wheel = |column, lines| Action::ScrollAt {
        column,
        row: 5,
        lines,
    };
    press(&mut app, &[wheel(80, 3)]);
    assert_eq!((app.scroll(), app.selected()), (3, 0));
    press(&mut app, &[wheel(5, 3)]);
    assert_eq!(app.selected(), 1);
    press(&mut app, &[Action::ClickAt { column: 80, row: 5 }]);
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(app.open_article(), Some(1), "a click opens the preview");
    assert!(app.library().is_read(1));
}

#[test]
fn raw_view_marks_removed_lines_in_order() {
    let mut app = app(100, 40);
    press(&mut app, &[Action::Open, Action::ToggleRaw]);
    let notes: Vec<_> = app
        .reader_lines()
        .iter()
        .filter_map(|l| l.note.clone())
        .collect();
    assert_eq!(notes, ["[share-widget]", "[related-links]"]);
}

#[test]
fn status_bar_shows_the_banner_until_a_message_replaces_it() {
    let loaded = Loaded::default();
    let app = App::new(Library::new(loaded, Store::in_memory(), vec![]));
    let mut app = app.with_banner("sample collection — run `byline PATH` to open your own folder");
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 6,
        },
    );
    assert!(render(&app, 120, 6).contains("· sample collection — run `byline PATH`"));
    press(&mut app, &[Action::ToggleRaw]);
    assert!(render(&app, 120, 6).contains("open an article to see its raw text"));
    press(&mut app, &[Action::Down]);
    assert!(
        !render(&app, 120, 6).contains("raw text"),
        "cleared by the next key"
    );
}

#[test]
fn a_long_banner_leaves_room_for_the_essential_hints() {
    let app = App::new(Library::new(Loaded::default(), Store::in_memory(), vec![]));
    let mut app = app.with_banner("a standing hint far too long to fit beside everything else");
    update(
        &mut app,
        Action::Resize {
            width: 70,
            height: 6,
        },
    );
    let status = render(&app, 70, 6).lines().last().unwrap().to_string();
    assert!(status.contains("· a standing hint"), "{status}");
    assert!(
        status.contains('…') && status.ends_with("? help  q quit"),
        "{status}"
    );
}

#[test]
fn load_problems_show_in_the_warning_colour() {
    let app = app(100, 10);
    let buffer = render_buffer(&app, 100, 10);
    let row = render(&app, 100, 10).lines().nth(9).unwrap().to_string();
    let column = row
        .find("3 problems (!)")
        .expect("problems in the status bar") as u16;
    let warning = byline::ui::theme::THEME.status_warning.fg;
    assert_eq!(buffer[(column, 9)].style().fg, warning);
    assert_ne!(
        buffer[(1, 9)].style().fg,
        warning,
        "the article count is not a warning"
    );
    let clean = app_with(articles(), vec![], 100, 10);
    assert!(!render(&clean, 100, 10).contains("problem"));
}

#[test]
fn the_reader_previews_the_selection_without_marking_it_read() {
    let mut app = app(100, 30);
    assert_eq!((app.shown_article(), app.is_preview()), (Some(0), true));
    press(&mut app, &[Action::Down]);
    assert_eq!((app.shown_article(), app.open_article()), (Some(1), None));
    assert_eq!(
        app.reader_lines()[0].text,
        "Orchard volunteers save a rare pear variety"
    );
    assert_eq!(app.library().unread_count(), 4);
    assert_eq!(app.focus(), Focus::List);
    press(&mut app, &[Action::Open]);
    assert_eq!((app.open_article(), app.is_preview()), (Some(1), false));
    assert!(app.library().is_read(1));
    press(&mut app, &[Action::Back, Action::Down]);
    assert_eq!((app.shown_article(), app.is_preview()), (Some(2), true));
    assert_eq!(app.open_article(), Some(1), "the open article stays open");
    assert!(!app.library().is_read(2));
}

#[test]
fn moving_in_the_list_starts_the_preview_at_its_top_or_where_it_was_left() {
    let mut app = app(100, 12);
    let over_reader = Action::ScrollAt {
        column: 80,
        row: 5,
        lines: 3,
    };
    press(&mut app, &[over_reader]);
    assert_eq!((app.scroll(), app.focus()), (3, Focus::List));
    press(&mut app, &[Action::Down]);
    assert_eq!(app.scroll(), 0);
    press(&mut app, &[Action::Up]);
    assert_eq!(app.scroll(), 3, "back where it was left");
    press(&mut app, &[Action::Open]);
    assert_eq!(
        (app.open_article(), app.scroll()),
        (Some(0), 3),
        "Enter keeps the place"
    );
    press(&mut app, &[Action::Back]);
    assert_eq!((app.shown_article(), app.scroll()), (Some(0), 3));
}

#[test]
fn tab_opens_the_preview_for_reading() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::Down, Action::Down, Action::SwitchFocus]);
    assert_eq!((app.open_article(), app.focus()), (Some(2), Focus::Reader));
    assert!(app.library().is_read(2));
    press(&mut app, &[Action::SwitchFocus]);
    assert_eq!((app.focus(), app.shown_article()), (Focus::List, Some(2)));
}

#[test]
fn one_pane_at_a_time_shows_no_preview() {
    let mut app = app(60, 20);
    assert_eq!(app.shown_article(), None);
    assert!(!render(&app, 60, 20).contains("grain hall"));
    press(&mut app, &[Action::SwitchFocus]);
    assert_eq!(app.focus(), Focus::List, "nothing open to switch to");
    press(
        &mut app,
        &[Action::Open, Action::Down, Action::Back, Action::Down],
    );
    assert_eq!((app.selected(), app.shown_article()), (1, None));
    press(&mut app, &[Action::SwitchFocus]);
    assert_eq!((app.focus(), app.shown_article()), (Focus::Reader, Some(0)));
    assert_eq!(app.library().unread_count(), 3);
}

#[test]
fn a_large_library_keeps_its_counts_without_walking_it() {
    let many: Vec<_> = (0..100_000)
        .map(|i| article(&format!("Headline {i}"), "Wire", None, &["Text."]))
        .collect();
    let mut app = app_with(many, vec![], 120, 40);
    press(&mut app, &[Action::Bottom, Action::Open]);
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("100000 articles · 99999 unread"),
        "{screen}"
    );
    assert!(screen.contains("100000/100000"), "{screen}");
    press(&mut app, &[Action::ToggleRead, Action::Back, Action::Top]);
    assert_eq!(app.library().unread_count(), 100_000);
    assert!(render(&app, 120, 40).contains("Headline 0"));
}
