//! The `update` steps of search: the prompt (`/`, typing, Backspace,
//! Ctrl-w, Ctrl-u, Enter keeps, Esc clears), the list narrowed to the
//! matching articles as you type, the matches in the reader and n/N.
//!
//! The index arrives from another thread ([`App::set_index`]); until then
//! the query waits, and the status bar says the index is being built.
//!
//! A phrase's candidates each need their text scanned, so a keystroke
//! checks at most [`CHECK_BUDGET`] of them and [`App::work`] goes on with
//! the rest between keys: the list shows only confirmed matches meanwhile
//! (growing), the status bar says "… so far, checking…", and a new key
//! drops the old check. A query that narrows the last one (typing on)
//! checks only what that one matched or had left to check.

use std::ops::Range;
use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::view::CacheKey;
use super::{Action, App, Focus};
use crate::library::{Library, narrows};
use crate::search::{DocId, Hits, Index, Query, find_matches};

/// Phrase candidates checked (text scanned) per keystroke or work step:
/// about 10 ms on a large collection of long articles.
pub const CHECK_BUDGET: usize = 500;
/// The longest a step of checking phrases goes on before the screen is
/// drawn and keys are read again.
pub(crate) const STEP_TIME: Duration = Duration::from_millis(8);
/// Candidates handed to [`Hits::check`] at a time (some need no scan).
const CHUNK: usize = 16;

/// The search: what was typed, the index, the matches.
#[derive(Debug, Default)]
pub struct Search {
    /// The prompt is open and takes the keys.
    pub(crate) editing: bool,
    /// What was typed ("" for no search).
    pub(crate) input: String,
    pub(crate) query: Query,
    pub(crate) index: Option<std::sync::Arc<Index>>,
    /// Stories matching (copies count once), when a search is in effect
    /// and indexed.
    pub(crate) hits: Option<usize>,
    /// Matches in the reader's lines: (line, byte range of its text).
    pub(crate) marks: Vec<(usize, Range<usize>)>,
    /// What `marks` were found for.
    pub(crate) marks_for: Option<(CacheKey, Query)>,
    /// The match n/N last moved to, an index into `marks`.
    pub(crate) current: Option<usize>,
    /// The last search run on the index, checked or being checked.
    pub(crate) run: Option<Run>,
    /// Candidates checked per step ([`CHECK_BUDGET`] unless set).
    pub(crate) budget: usize,
    /// How long a step may go on ([`STEP_TIME`] unless a budget was set:
    /// then none, so that what a step does is not the machine's speed's).
    pub(crate) step_time: Option<Duration>,
}

/// A search on the index: its query and hits, and the matches known
/// beforehand (confirmed for the same phrases by the search it narrows).
#[derive(Debug)]
pub(crate) struct Run {
    query: Query,
    hits: Hits,
    known: Vec<DocId>,
}

impl Run {
    /// Checks candidates until `budget` of them had their text scanned, or
    /// `step_time` has gone by (a body not in memory is read
    /// again from its file, which takes longer), whichever comes first.
    fn step(&mut self, library: &mut Library, limits: (usize, Option<Duration>)) {
        let (budget, step_time) = limits;
        let started = std::time::Instant::now();
        let mut scanned = 0;
        let (query, known) = (&self.query, &self.known);
        while scanned < budget.max(1) && !self.hits.is_done() {
            let late = step_time.is_some_and(|t| started.elapsed() >= t);
            if scanned > 0 && late {
                break;
            }
            self.hits.check(CHUNK, |id| {
                if known.binary_search(&id).is_ok() {
                    return true;
                }
                scanned += 1;
                library.phrases_match(query, id)
            });
        }
    }
}

impl App {
    /// Takes the finished search index (built off the UI thread) and runs
    /// the search waiting for it.
    pub fn set_index(&mut self, index: Index) {
        self.search.index = Some(std::sync::Arc::new(index));
        if !self.search.input.is_empty() {
            apply(self);
        }
        super::update::refresh(self);
    }

    /// The search index, once built.
    pub fn index(&self) -> Option<std::sync::Arc<Index>> {
        self.search.index.clone()
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

    /// How many stories match the search, once the index is ready (so far,
    /// while [`App::has_pending_work`]).
    pub fn search_hits(&self) -> Option<usize> {
        self.search.hits
    }

    /// Whether the search still has candidates to check: call
    /// [`App::work`] when idle.
    pub fn has_pending_work(&self) -> bool {
        self.search.run.as_ref().is_some_and(|r| !r.hits.is_done())
    }

    /// Checks the next slice of the search's candidates (see
    /// [`App::set_search_budget`]) and lists the matches found, the
    /// selection staying on its article. Nothing when no work is pending.
    pub fn work(&mut self) {
        let Some(run) = self.search.run.as_mut().filter(|r| !r.hits.is_done()) else {
            return;
        };
        let before = run.hits.found().len();
        run.step(
            &mut self.library,
            (self.search.budget, self.search.step_time),
        );
        let new = &run.hits.found()[before..];
        self.selected = self.library.add_matches(new, self.selected);
        self.search.hits = Some(self.library.matched_stories());
        super::update::refresh(self);
    }

    /// Sets how many phrase candidates a keystroke or [`App::work`] step
    /// checks at most (at least 1), with no time limit on a step: what a
    /// step does no longer depends on the machine's speed (for tests).
    pub fn set_search_budget(&mut self, budget: usize) {
        self.search.budget = budget.max(1);
        self.search.step_time = None;
    }

    /// The matches on reader line `line`, and which of them (if any) is
    /// the current one, as (byte range, current).
    pub fn line_marks(&self, line: usize) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
        let marks = &self.search.marks;
        let start = marks.partition_point(|(l, _)| *l < line);
        let known = marks[start..]
            .iter()
            .enumerate()
            .take_while(move |(_, (l, _))| *l == line)
            .map(move |(k, (_, r))| (r.clone(), self.search.current == Some(start + k)));
        // A long article not wrapped whole has no list of its matches (see
        // `refresh_marks`): the lines drawn are searched as they are.
        let found = (!self.reader.is_exact()).then(|| {
            let text = self.reader.line(line).map_or("", |l| l.text.as_str());
            let found = find_matches(text, &self.search.query);
            found.into_iter().map(|r| (r, false))
        });
        known.chain(found.into_iter().flatten())
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
/// it still matches, else goes to the first. A phrase is checked up to the
/// budget: the rest is [`App::work`]'s.
pub(super) fn apply(app: &mut App) {
    let query = Query::parse(&app.search.input);
    let previous = app.search.run.take();
    let ids = match (&app.search.index, query.is_empty()) {
        (_, true) => None,
        (Some(index), false) => {
            let mut run = start(index, query.clone(), previous);
            run.step(&mut app.library, (app.search.budget, app.search.step_time));
            app.search.run = Some(run);
            app.search.run.as_ref().map(|r| r.hits.found())
        }
        (None, false) => {
            app.search.query = query;
            return;
        }
    };
    app.library.set_matches(ids);
    app.search.hits = ids.map(|_| app.library.matched_stories());
    app.search.query = query;
    let before = app.selected_article();
    super::filter::relist(app, None);
    if app.selected_article() != before {
        app.selected = 0;
    }
}

/// Starts `query`, within what `previous` matched or had left to check
/// when the query narrows it.
fn start(index: &Index, query: Query, previous: Option<Run>) -> Run {
    let mut hits = index.start(&query);
    let Some(prev) = previous.filter(|p| narrows(&query, &p.query)) else {
        return Run {
            query,
            hits,
            known: Vec::new(),
        };
    };
    // Both ascending, and every unchecked one above the confirmed ones.
    let mut earlier = prev
        .hits
        .found()
        .iter()
        .chain(prev.hits.pending())
        .peekable();
    hits.retain(|id| {
        while earlier.next_if(|&&e| e < id).is_some() {}
        earlier.peek() == Some(&&id)
    });
    let known = if prev.query.phrases == query.phrases {
        prev.hits.into_found()
    } else {
        Vec::new()
    };
    Run { query, hits, known }
}

/// Finds the matches in the reader's lines when the article, its wrapping
/// or the query changed.
pub(super) fn refresh_marks(app: &mut App) {
    if !app.reader.is_exact() {
        // Finding them all would mean wrapping all of a long article: the
        // lines drawn are searched as they are, and n/N wrap it whole.
        app.search.marks.clear();
        app.search.current = None;
        app.search.marks_for = None;
        return;
    }
    let key = app.reader.key();
    let current = key.map(|k| (k, app.search.query.clone()));
    if current == app.search.marks_for {
        return;
    }
    app.search.marks = if app.search.query.is_empty() {
        Vec::new()
    } else {
        let query = &app.search.query;
        let lines = app.reader.lines_from(0);
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
    if !app.reader.is_exact() && !app.search.query.is_empty() {
        // The matches of a long article need all of it wrapped, once.
        let article = app.body.as_deref();
        app.scroll = app.reader.wrap_all(article, app.scroll);
        refresh_marks(app);
    }
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
