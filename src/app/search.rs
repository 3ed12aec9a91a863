//! The `update` steps of search: the prompt (`/`, typing, Backspace,
//! Ctrl-w, Ctrl-u, Enter keeps, Esc clears), the list narrowed to the
//! matching articles as you type, the matches in the reader and n/N.
//!
//! The index arrives from another thread ([`App::set_index`]); until then
//! the query waits, and the status bar says the index is being built.

use std::ops::Range;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::view::CacheKey;
use super::{Action, App, Focus};
use crate::search::{Index, Query, find_matches};

/// The search: what was typed, the index, the matches.
#[derive(Debug, Default)]
pub struct Search {
    /// The prompt is open and takes the keys.
    pub(crate) editing: bool,
    /// What was typed ("" for no search).
    pub(crate) input: String,
    pub(crate) query: Query,
    pub(crate) index: Option<Index>,
    /// Stories matching (copies count once), when a search is in effect
    /// and indexed.
    pub(crate) hits: Option<usize>,
    /// Matches in the reader's lines: (line, byte range of its text).
    pub(crate) marks: Vec<(usize, Range<usize>)>,
    /// What `marks` were found for.
    pub(crate) marks_for: Option<(CacheKey, Query)>,
    /// The match n/N last moved to, an index into `marks`.
    pub(crate) current: Option<usize>,
}

impl App {
    /// Takes the finished search index (built off the UI thread) and runs
    /// the search waiting for it.
    pub fn set_index(&mut self, index: Index) {
        self.search.index = Some(index);
        if !self.search.input.is_empty() {
            apply(self);
        }
        super::update::refresh(self);
    }

    /// Whether the search index is still being built.
    pub fn is_indexing(&self) -> bool {
        self.search.index.is_none()
    }

    /// The search prompt's text while it is open.
    pub fn prompt(&self) -> Option<&str> {
        self.search.editing.then_some(self.search.input.as_str())
    }

    /// What was searched for ("" for nothing).
    pub fn search_input(&self) -> &str {
        &self.search.input
    }

    /// How many articles match the search, once the index is ready.
    pub fn search_hits(&self) -> Option<usize> {
        self.search.hits
    }

    /// The matches on reader line `line`, and which of them (if any) is
    /// the current one, as (byte range, current).
    pub fn line_marks(&self, line: usize) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
        let marks = &self.search.marks;
        let start = marks.partition_point(|(l, _)| *l < line);
        marks[start..]
            .iter()
            .enumerate()
            .take_while(move |(_, (l, _))| *l == line)
            .map(move |(k, (_, r))| (r.clone(), self.search.current == Some(start + k)))
    }
}

/// The action a key stands for while the prompt is open: characters are
/// typed; Ctrl-c still quits.
pub(super) fn prompt_action(event: &Event) -> Option<Action> {
    let Event::Key(KeyEvent {
        code,
        modifiers,
        kind,
        ..
    }) = event
    else {
        return None;
    };
    if *kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = modifiers.contains(KeyModifiers::CONTROL);
    Some(match code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('u') if ctrl => Action::ClearInput,
        KeyCode::Char('w') if ctrl => Action::EraseWord,
        KeyCode::Char('h') if ctrl => Action::Erase,
        KeyCode::Char(c) if !ctrl && !modifiers.contains(KeyModifiers::ALT) => Action::Type(*c),
        KeyCode::Backspace => Action::Erase,
        KeyCode::Enter => Action::Open,
        KeyCode::Esc => Action::Back,
        KeyCode::Down => Action::Down,
        KeyCode::Up => Action::Up,
        _ => return None,
    })
}

/// `/`: opens the prompt on what was searched for last.
pub(super) fn open_prompt(app: &mut App) {
    app.search.editing = true;
    app.focus = Focus::List;
}

/// A key while the prompt is open; false when it is not the prompt's (the
/// list takes it: ↑ and ↓ move the selection).
pub(super) fn prompt_key(app: &mut App, action: Action) -> bool {
    let input = &mut app.search.input;
    match action {
        Action::Type(c) if !c.is_control() => input.push(c),
        Action::Erase => {
            input.pop();
        }
        Action::EraseWord => {
            let kept = input
                .trim_end()
                .trim_end_matches(|c: char| !c.is_whitespace());
            input.truncate(kept.len());
        }
        Action::ClearInput => input.clear(),
        Action::Open => {
            app.search.editing = false;
            return true;
        }
        Action::Back => {
            app.search.editing = false;
            input.clear();
        }
        _ => return false,
    }
    apply(app);
    true
}

/// Runs the query typed so far and narrows the list to what it matches
/// (everything when it is empty); the selection stays on its article when
/// it still matches, else goes to the first.
pub(super) fn apply(app: &mut App) {
    let query = Query::parse(&app.search.input);
    let ids = match (&app.search.index, query.is_empty()) {
        (_, true) => None,
        (Some(index), false) => Some(crate::library::search(
            index,
            app.library.articles(),
            &query,
        )),
        (None, false) => {
            app.search.query = query;
            return;
        }
    };
    app.search.hits = ids.as_ref().map(|ids| stories(app, ids));
    app.library.set_matches(ids.as_deref());
    app.search.query = query;
    let before = app.selected_article();
    super::filter::relist(app, None);
    if app.selected_article() != before {
        app.selected = 0;
    }
}

/// How many stories the matching articles are (copies count once).
fn stories(app: &App, ids: &[u32]) -> usize {
    let mut primaries: Vec<usize> = ids
        .iter()
        .map(|&i| app.library.copies(i as usize)[0])
        .collect();
    primaries.sort_unstable();
    primaries.dedup();
    primaries.len()
}

/// Finds the matches in the reader's lines when the article, its wrapping
/// or the query changed.
pub(super) fn refresh_marks(app: &mut App) {
    let key = app.reader.key();
    let current = key.map(|k| (k, app.search.query.clone()));
    if current == app.search.marks_for {
        return;
    }
    app.search.marks = if app.search.query.is_empty() {
        Vec::new()
    } else {
        let query = &app.search.query;
        let lines = app.reader.lines().iter().enumerate();
        lines
            .flat_map(|(i, l)| {
                find_matches(&l.text, query)
                    .into_iter()
                    .map(move |r| (i, r))
            })
            .collect()
    };
    app.search.current = None;
    app.search.marks_for = current;
}

/// n (`step` 1) / N (-1): scrolls the reader to the next / previous match.
pub(super) fn step_match(app: &mut App, step: isize) {
    let count = app.search.marks.len();
    if app.shown_article().is_none() || count == 0 {
        app.message = Some(if app.search.input.is_empty() {
            "no search: / searches".into()
        } else {
            "no matches in this article".into()
        });
        return;
    }
    let next = match app.search.current {
        Some(k) => (k as isize + step).rem_euclid(count as isize) as usize,
        // The first from the top of what is shown (or the last before it).
        None => {
            let after = app.search.marks.partition_point(|(l, _)| *l < app.scroll);
            match step {
                1 => after % count,
                _ => after.checked_sub(1).unwrap_or(count - 1),
            }
        }
    };
    app.search.current = Some(next);
    let line = app.search.marks[next].0;
    let rows = app.reader_rows();
    if line < app.scroll || line >= app.scroll + rows {
        app.scroll = line.saturating_sub(rows / 3).min(app.max_scroll());
    }
    app.message = Some(format!("match {} of {count}", next + 1));
}
