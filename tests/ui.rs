//! Snapshot tests of the rendered screen (TestBackend + insta) and unit
//! tests of `update`: keys, bounds, read state, toggles, mouse, resize.

use byline::app::{Action, App, Focus, Overlay, update};
use byline::article::{Article, ArticleId, Meta, Problem};
use byline::clean::{Reason, Removed};
use byline::ingest::Loaded;
use byline::library::Library;
use byline::store::Store;
use byline::ui;
use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

const LOREM: &str = "The committee met in the old grain hall on a wet evening and argued \
    for most of three hours about where the new footbridge should land, whether the \
    towpath could take the extra weight of cyclists, and who would pay for the lights.";

fn article(title: &str, source: &str, date: Option<&str>, paragraphs: &[&str]) -> Article {
    let paragraphs: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
    Article {
        id: ArticleId::from_content(title, &paragraphs),
        path: format!("/news/{source}/{title}.txt").into(),
        title: title.to_string(),
        meta: Meta {
            source: Some(source.to_string()),
            url: None,
            author: None,
            published: date.map(|d| DateTime::parse_from_rfc3339(d).unwrap()),
        },
        raw: format!("{title}\n\n{}", paragraphs.join("\n\n")),
        paragraphs,
        removed: vec![],
    }
}

/// Four invented articles; the first has an author and cleaner removals.
fn articles() -> Vec<Article> {
    let mut bridge = article(
        "Footbridge plan splits the riverside committee",
        "Riverside Echo",
        Some("2024-05-03T09:00:00+01:00"),
        &[
            LOREM,
            "A decision is expected at the June meeting.",
            "Residents can read the plans at the library until the end of the month.",
        ],
    );
    bridge.meta.author = Some("Mira Holt".into());
    bridge.raw = format!(
        "Footbridge plan splits the riverside committee\nShare on social\n\n{LOREM}\n\n\
         A decision is expected at the June meeting.\n  Read more: Lock gates repaired\n\n\
         Residents can read the plans at the library until the end of the month.\n"
    );
    bridge.removed = vec![
        Removed {
            text: "Share on social".into(),
            reason: Reason::ShareWidget,
        },
        Removed {
            text: "Read more: Lock gates repaired".into(),
            reason: Reason::RelatedLinks,
        },
    ];
    vec![
        bridge,
        article(
            "Orchard volunteers save a rare pear variety",
            "Hill Courier",
            Some("2024-05-01T12:00:00Z"),
            &["Grafts were taken from the last known tree in the parish."],
        ),
        article(
            "Evil \x1b]52;c;aGVsbG8=\x07title \x1b[2Jhere",
            "Mirror\x1b[31m Site",
            Some("2024-04-28T08:30:00Z"),
            &["Body \x1b[2Jtext with \u{202e}hidden\u{202c} tricks."],
        ),
        article(
            "Undated notice about bin collections",
            "Council",
            None,
            &["Collections move to Thursday."],
        ),
    ]
}

fn problems() -> Vec<Problem> {
    ["notes/broken.json", "notes/empty.txt", "feeds/old.xml"]
        .iter()
        .zip([
            "expected value at line 1 column 1",
            "no text",
            "unsupported format",
        ])
        .map(|(p, m)| Problem {
            path: p.into(),
            message: m.into(),
        })
        .collect()
}

fn app_with(articles: Vec<Article>, problems: Vec<Problem>, width: u16, height: u16) -> App {
    let loaded = Loaded { articles, problems };
    let mut app = App::new(Library::new(loaded, Store::in_memory(), vec![]));
    update(&mut app, Action::Resize { width, height });
    app
}

fn app(width: u16, height: u16) -> App {
    app_with(articles(), problems(), width, height)
}

fn press(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

/// The screen as text, one line per row, trailing spaces trimmed.
fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = symbol.width().saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn snapshot_list_and_reader() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::Open, Action::Back, Action::Down]);
    insta::assert_snapshot!(render(&app, 100, 30));
}

#[test]
fn snapshot_reading() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::Open]);
    insta::assert_snapshot!(render(&app, 100, 30));
}

#[test]
fn snapshot_raw_view() {
    let mut app = app(100, 24);
    press(&mut app, &[Action::Open, Action::ToggleRaw]);
    insta::assert_snapshot!(render(&app, 100, 24));
}

#[test]
fn snapshot_help() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::ToggleHelp]);
    insta::assert_snapshot!(render(&app, 100, 30));
}

#[test]
fn snapshot_problems() {
    let mut app = app(100, 20);
    press(&mut app, &[Action::ToggleProblems]);
    insta::assert_snapshot!(render(&app, 100, 20));
}

#[test]
fn snapshot_narrow_list_then_reader() {
    let mut app = app(60, 20);
    let list = render(&app, 60, 20);
    press(&mut app, &[Action::Open]);
    let reader = render(&app, 60, 20);
    insta::assert_snapshot!(format!("{list}{}\n{reader}", "=".repeat(60)));
}

#[test]
fn snapshot_tiny_20x5() {
    let mut app = app(20, 5);
    let list = render(&app, 20, 5);
    assert!(list.contains("Footbridge"), "{list}");
    press(&mut app, &[Action::Open, Action::PageDown]);
    let reading = render(&app, 20, 5);
    press(&mut app, &[Action::ToggleHelp]);
    let help = render(&app, 20, 5);
    let rule = "=".repeat(20);
    insta::assert_snapshot!(format!("{list}{rule}\n{reading}{rule}\n{help}"));
}

#[test]
fn tiny_1x1_does_not_panic() {
    let mut app = app(1, 1);
    for actions in [
        &[][..],
        &[Action::Open],
        &[Action::ToggleRaw, Action::Bottom],
        &[Action::ToggleHelp, Action::PageDown],
        &[Action::ToggleProblems, Action::Bottom],
        &[Action::ClickAt { column: 0, row: 0 }],
    ] {
        press(&mut app, actions);
        assert_eq!(render(&app, 1, 1).lines().count(), 1);
    }
    let mut zero = app_with(articles(), vec![], 0, 0);
    press(&mut zero, &[Action::Open, Action::PageDown]);
    render(&zero, 1, 1);
}

#[test]
fn empty_library_shows_a_hint() {
    let mut app = app_with(vec![], vec![], 80, 10);
    press(&mut app, &[Action::Open, Action::Down, Action::NextArticle]);
    let screen = render(&app, 80, 10);
    assert!(screen.contains("No articles"), "{screen}");
    assert!(screen.contains("0 articles · 0 unread"), "{screen}");
}

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
}
