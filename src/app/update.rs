//! `update`: applies one [`Action`] to the [`App`], then brings the derived
//! state (list offset, wrapped reader lines, scroll bounds) up to date.

use ratatui::layout::{Position, Rect};

use super::layout::{self, Panes};
use super::{Action, App, Focus, Overlay};
use super::{filter, keep, search};

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Resize { .. } | Action::ScrollAt { .. }) {
        app.message = None;
        app.awaited = None;
    }
    match action {
        Action::Resize { width, height } => app.size = Rect::new(0, 0, width, height),
        Action::Answer(yes) => keep::answer(app, yes),
        // A question waits for its answer.
        _ if app.confirm.is_some() => {}
        Action::Quit => {
            keep::remember_session(app);
            app.quit = true;
        }
        Action::ToggleHelp => toggle_overlay(app, Overlay::Help),
        Action::ToggleProblems => toggle_overlay(app, Overlay::Problems),
        Action::ScrollAt { column, row, lines } => {
            scroll_at(app, Position::new(column, row), lines)
        }
        Action::ClickAt { column, row } => click_at(app, Position::new(column, row)),
        _ if app.search.editing && search::prompt_key(app, action) => {}
        _ if app.overlay.is_some() => overlay_key(app, action),
        _ => pane_key(app, action),
    }
    refresh(app);
}

fn toggle_overlay(app: &mut App, overlay: Overlay) {
    app.overlay = (app.overlay != Some(overlay)).then_some(overlay);
    app.overlay_scroll = 0;
}

/// Movement keys scroll the overlay; Back closes it; the rest is ignored.
fn overlay_key(app: &mut App, action: Action) {
    if app.overlay == Some(Overlay::Sources) && action != Action::Back {
        return sources_key(app, action);
    }
    let rows = layout::overlay_rows(app.size, app.overlay_len()).max(1);
    let max = app.overlay_len().saturating_sub(rows);
    let pos = &mut app.overlay_scroll;
    *pos = match action {
        Action::Back => {
            app.overlay = None;
            0
        }
        Action::Down => *pos + 1,
        Action::Up => pos.saturating_sub(1),
        Action::PageDown => *pos + rows,
        Action::PageUp => pos.saturating_sub(rows),
        Action::HalfPageDown => *pos + rows / 2,
        Action::HalfPageUp => pos.saturating_sub(rows / 2),
        Action::Top => 0,
        Action::Bottom => max,
        _ => *pos,
    }
    .min(max);
}

/// The source picker: movement keys move the highlight, Enter chooses.
fn sources_key(app: &mut App, action: Action) {
    let page = layout::overlay_rows(app.size, app.overlay_len()).max(1) as isize;
    let step = match action {
        Action::Open => None,
        Action::Down => Some(1),
        Action::Up => Some(-1),
        Action::PageDown => Some(page),
        Action::PageUp => Some(-page),
        Action::HalfPageDown => Some((page / 2).max(1)),
        Action::HalfPageUp => Some(-(page / 2).max(1)),
        Action::Top => Some(isize::MIN / 2),
        Action::Bottom => Some(isize::MAX / 2),
        _ => return,
    };
    filter::picker_key(app, step);
}

fn pane_key(app: &mut App, action: Action) {
    match action {
        Action::Open if app.focus == Focus::List => {
            if let Some(index) = app.selected_article() {
                open(app, index);
            }
        }
        Action::Back => app.focus = Focus::List,
        Action::SwitchFocus => switch_focus(app),
        Action::NextArticle => step_article(app, 1),
        Action::PrevArticle => step_article(app, -1),
        Action::ToggleRaw => toggle_raw(app),
        Action::ToggleRead => toggle_read(app),
        Action::Star => keep::toggle_star(app),
        Action::MarkAllRead => keep::ask_mark_all_read(app),
        Action::OpenUrl => keep::open_url(app),
        Action::CopyUrl => keep::copy_url(app),
        Action::FilterUnread => filter::toggle_unread(app),
        Action::FilterStarred => filter::toggle_starred(app),
        Action::FilterSource => filter::open_picker(app),
        Action::Sort => filter::cycle_sort(app),
        Action::NextCopy => next_copy(app),
        Action::Search => search::open_prompt(app),
        Action::NextMatch => search::step_match(app, 1),
        Action::PrevMatch => search::step_match(app, -1),
        _ => match app.focus {
            Focus::List => move_selection(app, list_step(app, action)),
            Focus::Reader => scroll_reader(app, reader_step(app, action)),
        },
    }
}

/// How far a movement key moves the selection, in headlines.
fn list_step(app: &App, action: Action) -> isize {
    let page = layout::list_capacity(app.panes().list) as isize;
    match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::HalfPageDown => (page / 2).max(1),
        Action::HalfPageUp => -(page / 2).max(1),
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => 0,
    }
}

/// How far a movement key scrolls the reader, in lines (a page keeps two
/// lines of context).
fn reader_step(app: &App, action: Action) -> isize {
    let rows = app.reader_rows() as isize;
    let page = (rows - 2).max(1);
    match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::HalfPageDown => (rows / 2).max(1),
        Action::HalfPageUp => -(rows / 2).max(1),
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => 0,
    }
}

fn move_selection(app: &mut App, step: isize) {
    let last = app.library.visible().len().saturating_sub(1);
    let row = app.selected.saturating_add_signed(step).min(last);
    if row != app.selected {
        app.selected = row;
        filter::moved(app);
    }
}

/// Scrolls the reader `step` lines (wrapping what it walks through of a
/// long article, see `ReaderCache::scroll_by`).
fn scroll_reader(app: &mut App, step: isize) {
    let rows = app.reader_rows();
    // The article the reader's lines were built for.
    let article = app.body.as_deref();
    app.scroll = app.reader.scroll_by(article, app.scroll, step, rows);
}

/// Shows article `index` in the reader, focuses the reader, marks it read.
/// The scroll position is kept when it was already shown (as a preview).
/// The selection follows it when it is listed (a copy is not: the
/// selection stays on its primary).
fn open(app: &mut App, index: usize) {
    if index >= app.library.len() {
        return;
    }
    app.open = Some(index);
    if let Some(row) = app.library.row_of(index) {
        app.selected = row;
    }
    app.focus = Focus::Reader;
    let was_read = app.library.is_read(index);
    if let Err(e) = app.library.set_read(index, true) {
        app.message = Some(format!("could not save read state: {e}"));
    }
    if !was_read {
        filter::state_changed(app);
    }
}

/// `c`: shows the next copy of the story in the reader, cycling.
fn next_copy(app: &mut App) {
    let Some(current) = keep::target(app) else {
        return;
    };
    let copies = app.library.copies(current);
    if copies.len() < 2 {
        app.message = Some("this story has no other copies".into());
        return;
    }
    let at = copies.iter().position(|&i| i == current).unwrap_or(0);
    let next = copies[(at + 1) % copies.len()];
    open(app, next);
}

/// Tab: from the list, opens what the reader previews (beside the list) or
/// returns to the open article (one pane at a time); from the reader, back.
fn switch_focus(app: &mut App) {
    match (app.focus, app.shown_article()) {
        (Focus::List, Some(previewed)) => open(app, previewed),
        (Focus::List, None) if app.open.is_some() => app.focus = Focus::Reader,
        _ => app.focus = Focus::List,
    }
}

/// Opens the article listed after (`+1`) or before (`-1`) the one shown.
fn step_article(app: &mut App, step: isize) {
    let current = app.shown_article().and_then(|i| {
        let primary = app.library.copies(i)[0];
        app.library.row_of(primary)
    });
    // Not listed (filtered out while read): the selection is already the
    // next one after it.
    let row = current.unwrap_or(app.selected);
    let step = if current.is_none() && step > 0 {
        0
    } else {
        step
    };
    match row.checked_add_signed(step) {
        Some(next) if next < app.library.visible().len() => {
            open(app, app.library.visible()[next]);
            filter::moved(app);
        }
        _ => {
            app.message = Some(
                if step > 0 {
                    "last article"
                } else {
                    "first article"
                }
                .into(),
            )
        }
    }
}

fn toggle_raw(app: &mut App) {
    app.raw = !app.raw;
    app.scroll = 0;
    if app.shown_article().is_none() {
        app.message = Some("open an article to see its raw text".into());
    }
}

/// Flips the read flag of the article in the reader (when focused) or the selected one.
fn toggle_read(app: &mut App) {
    let Some(index) = keep::target(app) else {
        return;
    };
    let read = !app.library.is_read(index);
    app.message = Some(match app.library.set_read(index, read) {
        Ok(()) if read => "marked read".into(),
        Ok(()) => "marked unread".into(),
        Err(e) => format!("could not save read state: {e}"),
    });
    filter::state_changed(app);
}

/// The wheel scrolls the overlay when one is open, else the pane under the pointer.
fn scroll_at(app: &mut App, at: Position, lines: i16) {
    let down = lines > 0;
    if app.overlay.is_some() {
        let action = if down { Action::Down } else { Action::Up };
        for _ in 0..lines.unsigned_abs() {
            overlay_key(app, action);
        }
        return;
    }
    let panes = app.panes();
    if panes.list.contains(at) {
        move_selection(app, if down { 1 } else { -1 });
    } else if panes.reader.contains(at) {
        scroll_reader(app, lines as isize);
    }
}

/// A click on a headline selects it (a click on the selected one opens it);
/// a click in the reader opens what it previews, or focuses it.
fn click_at(app: &mut App, at: Position) {
    if app.overlay.is_some() {
        return;
    }
    let panes = app.panes();
    let items = layout::body(panes.list);
    if items.contains(at) {
        let row = app.list_offset + (at.y - items.y) as usize / 2;
        if let Some(&index) = app.library.visible().get(row) {
            if row == app.selected && app.focus == Focus::List {
                open(app, index);
            } else {
                app.selected = row;
                app.focus = Focus::List;
                filter::moved(app);
            }
        }
    } else if panes.list.contains(at) {
        app.focus = Focus::List;
    } else if panes.reader.contains(at)
        && app.focus == Focus::List
        && let Some(previewed) = app.shown_article()
    {
        open(app, previewed);
    }
}

/// Keeps the selection in view, the reader's lines wrapped for the current
/// width, and the scroll positions in bounds.
pub(super) fn refresh(app: &mut App) {
    let capacity = layout::list_capacity(Panes::new(app.size, false).list);
    // A list that got shorter is not left scrolled past its end.
    let rows = app.library.visible().len();
    app.list_offset = app.list_offset.min(rows.saturating_sub(capacity));
    if app.selected < app.list_offset {
        app.list_offset = app.selected;
    } else if app.selected >= app.list_offset + capacity {
        app.list_offset = app.selected + 1 - capacity;
    }
    let shown = app.shown_article();
    if shown.is_some() && shown != app.scroll_for {
        app.scroll = 0;
        app.scroll_for = shown;
    }
    let width = app.reader_width();
    let key = shown.map(|i| (i, width, app.raw));
    // Re-wrapped (another article, width or view): the place is found again
    // from the remembered share of the article, not the old line number.
    let rewrap = app.reader.key() != key;
    if shown.is_some() && rewrap {
        app.restore_position = true;
    }
    // The article's body is read (or taken from memory) when another
    // article is shown, not when the same one is wrapped anew.
    let id = shown.and_then(|i| app.library.get(i)).map(|e| e.id);
    if app.body.as_ref().map(|b| b.id) != id {
        app.body = shown.and_then(|i| body(app, i));
    }
    let article = app.body.clone().filter(|_| rewrap);
    let copy = shown.and_then(|i| copy_line(app, i));
    app.reader.refresh(key, article.as_deref(), copy.as_deref());
    search::refresh_marks(app);
    // Capped at the end, and what is on screen wrapped.
    let rows = app.reader_rows();
    let article = app.body.as_deref();
    app.scroll = app.reader.settle(article, app.scroll, rows);
    keep::sync_position(app, shown);
    let rows = layout::overlay_rows(app.size, app.overlay_len()).max(1);
    app.overlay_scroll = app
        .overlay_scroll
        .min(app.overlay_len().saturating_sub(rows));
}

/// The whole article at `index`, read again from its file if need be; if
/// the file no longer holds it, the headline with a note saying so.
fn body(app: &mut App, index: usize) -> Option<std::sync::Arc<crate::article::Article>> {
    let entry = app.library.get(index)?.clone();
    if let Some(stand_in) = super::opening::start(app, index, &entry) {
        return Some(stand_in);
    }
    if let Some(article) = app.library.body(index) {
        return Some(article);
    }
    let note = format!(
        "This article can no longer be read from {}: the file changed or went away.",
        entry.path.display()
    );
    Some(std::sync::Arc::new(crate::article::Article {
        id: entry.id,
        path: entry.path.to_path_buf(),
        title: entry.title.clone(),
        meta: entry.meta.clone(),
        paragraphs: vec![note],
        removed: vec![],
        raw: String::new(),
    }))
}

/// "copy 1 of 2 · path" for an article with copies (built only when the
/// reader's lines are).
fn copy_line(app: &App, index: usize) -> Option<String> {
    let copies = app.library.copies(index);
    if copies.len() < 2 {
        return None;
    }
    let at = copies.iter().position(|&i| i == index)? + 1;
    let path = app.library.get(index)?.path.display().to_string();
    let key = app.keymap.first_key(super::Action::NextCopy);
    let hint = if key.is_empty() {
        String::new()
    } else {
        format!(" ({key}: next)")
    };
    Some(format!("copy {at} of {} · {path}{hint}", copies.len()))
}

impl App {
    /// The width the reader's text is wrapped at.
    fn reader_width(&self) -> u16 {
        layout::reader_text(Panes::new(self.size, true).reader, self.measure).width
    }
}
