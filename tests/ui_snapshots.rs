//! Snapshot tests of the rendered screen (TestBackend + insta): the main
//! layouts, overlays, narrow and tiny terminals.

mod common;

use byline::app::Action;
use common::*;

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
fn snapshot_preview_follows_the_selection() {
    let mut app = app(120, 24);
    press(&mut app, &[Action::Down]);
    let screen = render(&app, 120, 24);
    assert!(screen.contains("Preview"), "{screen}");
    assert!(screen.contains("4 unread"), "a preview does not mark read");
    insta::assert_snapshot!(screen);
}

/// The status bar's last row at several widths, for each focus, with and
/// without a message.
#[test]
fn snapshot_status_bar_with_problems() {
    let mut rows = Vec::new();
    for width in [120, 100, 80, 60, 40, 20] {
        let mut app = app(width, 12);
        let mut last_row = |app: &byline::app::App, what: &str| {
            let screen = render(app, width, 12);
            let row = screen.lines().last().unwrap_or_default().to_string();
            rows.push(format!("{width:>3} {what:<7}|{row}"));
        };
        last_row(&app, "list");
        press(&mut app, &[Action::Open]);
        last_row(&app, "reader");
        press(&mut app, &[Action::ToggleRead]);
        last_row(&app, "message");
        press(&mut app, &[Action::Down]);
        last_row(&app, "cleared");
    }
    let rows = rows.join("\n");
    assert!(rows.contains("3 problems (!)"), "{rows}");
    insta::assert_snapshot!(rows);
}

#[test]
fn snapshot_empty_states() {
    let mut wide = app_with(vec![], vec![], 90, 12);
    let wide_screen = render(&wide, 90, 12);
    let narrow = app_with(vec![], vec![], 50, 8);
    let narrow_screen = render(&narrow, 50, 8);
    press(&mut wide, &[Action::ToggleProblems]);
    let problems = render(&wide, 90, 12);
    assert!(problems.contains("No load problems"), "{problems}");
    assert!(narrow_screen.contains("byline PATH"), "{narrow_screen}");
    let rule = "=".repeat(90);
    insta::assert_snapshot!(format!(
        "{wide_screen}{rule}\n{narrow_screen}{rule}\n{problems}"
    ));
}
