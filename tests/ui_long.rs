//! A long article (more than the reader wraps at once) through `update`:
//! what is on screen matches the full wrap after paging, half pages, the
//! wheel and G; the status shows 100% at the end; the reading position
//! round-trips through the state file; search matches are highlighted
//! and n finds one far down; a resize wraps again.

mod common;

use byline::app::{Action, App};
use byline::article::Article;
use byline::store::Store;
use common::*;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

const WIDTH: u16 = 100;
const HEIGHT: u16 = 24;

/// Words from a fixed list, a sentence at a time, about `bytes` long.
fn prose(seed: usize, bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "harbour",
        "council",
        "the",
        "of",
        "ferry",
        "bridge",
        "a",
        "storm",
        "quay",
        "and",
        "residents",
        "evening",
        "towpath",
        "meeting",
        "lights",
    ];
    let mut s = String::new();
    let mut k = seed;
    while s.len() < bytes {
        k = k
            .wrapping_mul(2_862_933_555_777_941_757)
            .wrapping_add(3_037_000_493);
        s.push_str(WORDS[(k >> 40) % WORDS.len()]);
        s.push_str(if (k >> 20).is_multiple_of(11) {
            ". "
        } else {
            " "
        });
    }
    s.trim_end().to_string()
}

/// 500 paragraphs, about 300 KB, ending with a paragraph of its own.
fn long() -> Article {
    let mut paragraphs: Vec<String> = (0..500).map(|i| prose(i, 600)).collect();
    paragraphs.push("The very last paragraph mentions a zeppelin, only here.".into());
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    article(
        "A very long report",
        "Gazette",
        Some("2024-05-04T09:00:00Z"),
        &refs,
    )
}

fn long_app(store: Store) -> App {
    let short = article(
        "A short note",
        "Gazette",
        Some("2024-05-03T09:00:00Z"),
        &[LOREM],
    );
    app_on_store(vec![long(), short], store, WIDTH, HEIGHT)
}

/// The reader's rows of text on screen (the right half, trimmed).
fn reader_text(app: &App) -> Vec<String> {
    let screen = render(app, WIDTH, HEIGHT);
    let text = byline::app::layout::reader_text(app.panes().reader, app.measure());
    screen
        .lines()
        .skip(text.y as usize)
        .take(text.height as usize)
        .map(|l| {
            let start = l
                .char_indices()
                .nth(text.x as usize)
                .map_or(l.len(), |(i, _)| i);
            l[start..]
                .chars()
                .take(text.width as usize)
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// What the full wrap has from line `top`, as many as the screen shows.
fn expected(app: &App, top: usize) -> Vec<String> {
    let all = app.reader_lines();
    all[top..(top + app.reader_rows()).min(all.len())]
        .iter()
        .map(|l| l.text.clone())
        .collect()
}

#[test]
fn paging_half_pages_and_the_wheel_show_the_full_wrap() {
    let mut app = long_app(Store::in_memory());
    press(&mut app, &[Action::Open]);
    assert_eq!(reader_text(&app)[0], "A very long report");
    let reader = app.panes().reader;
    let wheel = Action::ScrollAt {
        column: reader.x + 5,
        row: reader.y + 5,
        lines: 3,
    };
    let wheel_up = Action::ScrollAt {
        column: reader.x + 5,
        row: reader.y + 5,
        lines: -3,
    };
    let keys = [
        Action::PageDown,
        Action::PageDown,
        Action::HalfPageDown,
        wheel,
        Action::Down,
        Action::PageUp,
        Action::HalfPageUp,
        wheel_up,
        Action::Up,
    ];
    let mut top = 0;
    for key in keys {
        let before = top;
        press(&mut app, &[key]);
        top = app.scroll();
        assert_ne!(top, before, "{key:?} moves");
        assert_eq!(reader_text(&app), expected(&app, top), "after {key:?}");
    }
    // Down 2 pages, half a page, 3 and 1 lines, then up as much but a page.
    assert_eq!(top, app.reader_rows() - 2);
}

#[test]
fn g_shows_the_last_lines_and_100_percent() {
    let mut app = long_app(Store::in_memory());
    press(&mut app, &[Action::Open, Action::Bottom]);
    let all = app.reader_lines();
    let rows = app.reader_rows();
    // Line numbers above the screen may be guesses; below it they are not.
    assert_eq!(app.scroll(), app.max_scroll());
    assert_eq!(app.reader_len() - app.scroll(), rows);
    let shown = reader_text(&app);
    assert_eq!(shown, expected(&app, all.len() - rows));
    assert!(
        shown
            .join(" ")
            .ends_with("The very last paragraph mentions a zeppelin, only here."),
        "{shown:?}"
    );
    let screen = render(&app, WIDTH, HEIGHT);
    assert!(screen.lines().next().unwrap().ends_with("100%"), "{screen}");
    // And back to the top.
    press(&mut app, &[Action::Top]);
    assert_eq!(app.scroll(), 0);
    assert_eq!(reader_text(&app)[0], "A very long report");
}

#[test]
fn the_reading_position_round_trips_on_a_long_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (store, _) = Store::open(path.clone());
    let mut app = long_app(store);
    press(&mut app, &[Action::Open]);
    press(&mut app, &[Action::PageDown; 40]);
    let left_at = app.scroll() as f64 / app.max_scroll() as f64;
    let fraction = app.library().position(0).unwrap();
    assert!(fraction > 0.05, "{fraction}");
    press(&mut app, &[Action::Quit]);
    app.save_state().unwrap();

    let (store, _) = Store::open(path);
    let mut app = long_app(store);
    press(&mut app, &[Action::Open]);
    // About the same place (the line count is partly a guess)...
    let back_at = app.scroll() as f64 / app.max_scroll() as f64;
    assert!((back_at - left_at).abs() < 0.02, "{back_at} {left_at}");
    assert!(app.scroll() > 0);
    let shown = reader_text(&app);
    let all: Vec<String> = app.reader_lines().into_iter().map(|l| l.text).collect();
    let at = all
        .windows(shown.len())
        .position(|w| w == shown)
        .expect("the screen is a stretch of the article");
    let found_at = at as f64 / (all.len() - app.reader_rows()) as f64;
    assert!((found_at - left_at).abs() < 0.02, "{found_at} {left_at}");
    // ...and staying there keeps the fraction as it was saved.
    press(
        &mut app,
        &[Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        }],
    );
    assert_eq!(app.library().position(0), Some(fraction));
    press(&mut app, &[Action::PageDown]);
    assert!(app.library().position(0).unwrap() > fraction);
}

#[test]
fn matches_are_highlighted_and_n_finds_one_at_the_end() {
    let mut app = long_app(Store::in_memory());
    let index = app.library().build_index();
    app.set_index(index);
    press(&mut app, &[Action::Search]);
    for c in "zeppelin".chars() {
        press(&mut app, &[Action::Type(c)]);
    }
    press(&mut app, &[Action::Open, Action::Open]);
    assert_eq!(app.scroll(), 0);
    press(&mut app, &[Action::NextMatch]);
    assert_eq!(app.message(), Some("match 1 of 1"));
    let last = app.reader_lines().len() - 1;
    assert!((app.scroll()..app.scroll() + app.reader_rows()).contains(&last));
    let buffer = render_buffer(&app, WIDTH, HEIGHT);
    let marked: String = buffer
        .content()
        .iter()
        .filter(|c| c.bg == Color::Indexed(220))
        .map(|c| c.symbol())
        .collect();
    assert_eq!(marked, "zeppelin");

    // A word on the first screen is highlighted before any n.
    press(
        &mut app,
        &[Action::Back, Action::Search, Action::ClearInput],
    );
    for c in "report".chars() {
        press(&mut app, &[Action::Type(c)]);
    }
    press(&mut app, &[Action::Open, Action::Open, Action::Top]);
    let buffer = render_buffer(&app, WIDTH, HEIGHT);
    let marked: String = buffer
        .content()
        .iter()
        .filter(|c| c.bg == Color::Indexed(58))
        .map(|c| c.symbol())
        .collect();
    assert_eq!(marked, "report");
}

#[test]
fn a_resize_wraps_a_long_article_again() {
    let mut app = long_app(Store::in_memory());
    press(
        &mut app,
        &[Action::Open, Action::PageDown, Action::PageDown],
    );
    press(
        &mut app,
        &[Action::Resize {
            width: 70,
            height: HEIGHT,
        }],
    );
    let text = byline::app::layout::reader_text(app.panes().reader, app.measure());
    let shown = render(&app, 70, HEIGHT);
    assert!(shown.lines().count() > 3);
    let all = app.reader_lines();
    assert!(all.iter().all(|l| l.text.width() <= text.width as usize));
    let top = app.scroll();
    assert!(top > 0);
    let lines: Vec<String> = all[top..top + app.reader_rows()]
        .iter()
        .map(|l| l.text.clone())
        .collect();
    for line in lines.iter().filter(|l| !l.is_empty()) {
        assert!(shown.contains(line.as_str()), "{line:?} in\n{shown}");
    }
}
