//! `update` for what byline keeps and hands on: stars, mark-all-read with
//! its question, links (opened or copied as effects, never performed here),
//! reading positions and the session across a restart, and the settings the
//! config feeds the app (key map, theme, reader width).

mod common;

use byline::app::{Action, App, Confirm, Effect, KeyMap, update};
use byline::config::Config;
use byline::ingest::Loaded;
use byline::library::Library;
use byline::store::Store;
use common::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

fn app_with_urls(urls: &[Option<&str>]) -> App {
    let mut list = articles();
    for (a, url) in list.iter_mut().zip(urls) {
        a.meta.url = url.map(String::from);
    }
    app_with(list, vec![], 100, 30)
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn s_stars_and_the_list_shows_it() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::Down, Action::Star]);
    assert!(app.library().is_starred(1));
    assert!(!app.library().is_starred(0));
    assert_eq!(app.message(), Some("starred"));
    let screen = render(&app, 100, 30);
    assert!(screen.contains("★ Orchard volunteers"), "{screen}");
    assert_eq!(screen.matches('★').count(), 1, "{screen}");
    // In the reader, s acts on the open article.
    press(&mut app, &[Action::Open, Action::Star]);
    assert!(!app.library().is_starred(1));
    assert_eq!(app.message(), Some("unstarred"));
    assert!(!render(&app, 100, 30).contains('★'));
}

#[test]
fn mark_all_read_asks_first() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::MarkAllRead]);
    assert_eq!(app.confirm(), Some(Confirm::MarkAllRead { count: 4 }));
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("Mark all 4 listed articles as read?"),
        "{screen}"
    );
    assert!(screen.contains("y yes · n no"), "{screen}");

    // While asking, keys are y/n only, and other actions change nothing.
    assert_eq!(app.action_for(&key('y')), Some(Action::Answer(true)));
    assert_eq!(app.action_for(&key('j')), None);
    press(&mut app, &[Action::Down, Action::Quit]);
    assert_eq!((app.selected(), app.should_quit()), (0, false));

    press(&mut app, &[Action::Answer(false)]);
    assert_eq!(app.confirm(), None);
    assert_eq!(app.library().unread_count(), 4);
    assert_eq!(app.message(), Some("nothing marked"));

    press(&mut app, &[Action::Down, Action::Open, Action::Back]);
    press(&mut app, &[Action::MarkAllRead, Action::Answer(true)]);
    assert_eq!(app.library().unread_count(), 0);
    assert_eq!(app.message(), Some("marked 3 articles read"));
    assert!(!render(&app, 100, 30).contains("Mark all"));

    press(&mut app, &[Action::MarkAllRead]);
    assert_eq!(app.confirm(), None);
    assert_eq!(app.message(), Some("everything listed is already read"));
}

#[test]
fn only_http_and_https_links_are_opened() {
    let mut app = app_with_urls(&[
        Some("https://example.com/story?id=1"),
        Some("javascript:alert(1)"),
        Some("file:///etc/passwd"),
        None,
    ]);
    press(&mut app, &[Action::OpenUrl]);
    assert_eq!(
        app.take_effects(),
        [Effect::OpenUrl("https://example.com/story?id=1".into())]
    );
    assert_eq!(
        app.message(),
        Some("opening https://example.com/story?id=1")
    );
    assert!(app.take_effects().is_empty(), "taken once");

    press(&mut app, &[Action::Down, Action::OpenUrl]);
    assert!(app.take_effects().is_empty());
    assert_eq!(
        app.message(),
        Some("refusing to open javascript:alert(1): only http and https links")
    );
    press(&mut app, &[Action::Down, Action::OpenUrl]);
    assert!(app.take_effects().is_empty());
    assert!(
        app.message()
            .unwrap()
            .starts_with("refusing to open file:///etc/passwd")
    );
    press(&mut app, &[Action::Down, Action::OpenUrl]);
    assert!(app.take_effects().is_empty());
    assert_eq!(app.message(), Some("this article has no link"));
}

#[test]
fn web_links_are_checked_strictly() {
    use byline::app::is_web_link;
    for ok in [
        "http://a.b",
        "HTTPS://Example.com/x y".replace(' ', "%20").as_str(),
    ] {
        assert!(is_web_link(ok), "{ok}");
    }
    for bad in [
        "https://",
        "https:///path",
        "http:/x.com",
        "ftp://x.com",
        "https://x.com/a b",
        "https://x.com/\x1b]52;c;aGk=\x07",
        " https://x.com",
        "-https://x.com",
    ] {
        assert!(!is_web_link(bad), "{bad:?}");
    }
}

#[test]
fn y_queues_a_sanitized_copy_of_the_link() {
    let mut app = app_with_urls(&[Some("https://ex.com/a\x1b]52;c;ZXZpbA==\x07b\u{202e}")]);
    press(&mut app, &[Action::CopyUrl]);
    let effects = app.take_effects();
    assert_eq!(effects, [Effect::Copy("https://ex.com/ab".into())]);
    assert_eq!(app.message(), Some("copied https://ex.com/ab"));
}

/// An app on `store` at a size, as the binary would build it.
fn app_on(store: Store, width: u16, height: u16) -> App {
    let loaded = Loaded {
        articles: articles(),
        problems: vec![],
    };
    let mut app = App::new(Library::new(loaded, store, vec![]));
    update(&mut app, Action::Resize { width, height });
    app
}

#[test]
fn reading_position_and_selection_survive_a_restart_at_another_width() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (store, _) = Store::open(path.clone());
    let mut app = app_on(store, 60, 12);
    press(&mut app, &[Action::Open]);
    press(&mut app, &[Action::Down; 3]);
    let lines = app.reader_lines().len();
    assert_eq!(app.scroll(), 3);
    // Leave it, read another, then select a third and quit.
    press(&mut app, &[Action::NextArticle, Action::Back, Action::Down]);
    press(&mut app, &[Action::Down, Action::Quit]);
    assert!(app.should_quit());
    app.save_state().unwrap();

    let (store, problems) = Store::open(path);
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = app_on(store, 40, 12);
    assert_eq!(app.selected(), 3, "the selection is restored");
    press(&mut app, &[Action::Top, Action::Open]);
    let fraction = 3.0 / lines as f64;
    let expected = (fraction * app.reader_lines().len() as f64).round() as usize;
    assert_ne!(app.reader_lines().len(), lines, "wrapped at another width");
    assert_eq!(app.scroll(), expected.min(app.max_scroll()));
    assert!(app.scroll() > 0);
}

#[test]
fn scrolling_back_to_the_top_forgets_the_position_and_raw_view_keeps_it() {
    let mut app = app(60, 12);
    press(&mut app, &[Action::Open, Action::Down, Action::Down]);
    assert!(app.library().position(0).is_some());
    press(&mut app, &[Action::ToggleRaw]);
    press(&mut app, &[Action::ToggleRaw]);
    assert_eq!(app.scroll(), 2, "the raw view does not lose the place");
    press(&mut app, &[Action::Top]);
    assert_eq!(app.library().position(0), None);
}

#[test]
fn the_key_map_and_help_follow_the_config() {
    let (config, _) = Config::parse("[keys]\nstar = \"x\"\nquit = \"Q\"\n", "c.toml".as_ref());
    let mut app = app(100, 30).with_keymap(config.keymap());
    assert_eq!(app.action_for(&key('x')), Some(Action::Star));
    assert_eq!(app.action_for(&key('s')), None);
    assert_eq!(app.action_for(&key('q')), None);
    press(&mut app, &[Action::ToggleHelp]);
    let screen = render(&app, 100, 30);
    assert!(screen.contains(" x                star"), "{screen}");
    let status = screen.lines().last().unwrap();
    assert!(status.contains("Q quit"), "{status}");
    assert!(
        KeyMap::default()
            .help()
            .iter()
            .all(|r| !r.name.is_empty() || !r.keys.is_empty())
    );
}

#[test]
fn a_no_colour_theme_draws_no_colour() {
    let config = Config::default();
    let mut app = app(100, 30).with_theme(config.effective_theme(true));
    press(&mut app, &[Action::Star, Action::MarkAllRead]);
    let buffer = render_buffer(&app, 100, 30);
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
}

#[test]
fn the_reader_width_comes_from_the_config() {
    let mut app = app(200, 30).with_measure(40);
    press(&mut app, &[Action::Open]);
    let widest = app
        .reader_lines()
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.text.as_str()))
        .max()
        .unwrap();
    assert!((30..=40).contains(&widest), "{widest}");
}

#[test]
fn a_resize_keeps_the_place_in_the_article_not_the_line_number() {
    let mut app = app(60, 12);
    press(
        &mut app,
        &[Action::Open, Action::Down, Action::Down, Action::Down],
    );
    let share = app.scroll() as f64 / app.reader_lines().len() as f64;
    press(
        &mut app,
        &[Action::Resize {
            width: 30,
            height: 12,
        }],
    );
    let lines = app.reader_lines().len();
    let expected = ((share * lines as f64).round() as usize).min(app.max_scroll());
    assert_eq!(app.scroll(), expected);
    assert!(app.scroll() > 3, "narrower means more lines above");
    press(
        &mut app,
        &[Action::Resize {
            width: 60,
            height: 12,
        }],
    );
    assert_eq!(app.scroll(), 3, "and back");
}
