//! The application state and its one way to change: `update(&mut App, Action)`.
//! No terminal and no files here, so all of it is unit-testable.

mod filter;
mod keep;
mod key;
mod keys;
pub mod layout;
mod loading;
mod opening;
mod reload;
mod search;
mod update;
pub mod view;

pub use keep::is_web_link;
pub use keys::{
    Action, BINDINGS, BadKey, Binding, HelpRow, Key, KeyMap, action_names, binding_named,
    default_keys,
};
pub use loading::Progress;
pub use search::CHECK_BUDGET;
pub use update::update;

use ratatui::layout::Rect;

use crate::library::Library;
use crate::sanitize::sanitize_line;
use crate::ui::theme::{THEME, Theme};
use layout::Panes;
use view::{Headline, ReaderCache, ReaderLine};

/// Which pane receives movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// A box drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Problems,
    /// The source picker: "All sources", then each source with its count.
    Sources,
}

/// A yes/no question waiting for its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Mark `count` listed articles read.
    MarkAllRead { count: usize },
}

/// Something `update` asks the terminal side to do: `update` itself does no
/// I/O, it queues these and `tui` performs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open an http(s) link in the browser, detached.
    OpenUrl(String),
    /// Put the text on the clipboard (OSC 52); already sanitized.
    Copy(String),
}

/// Everything the UI shows, and nothing about how to draw it.
#[derive(Debug)]
pub struct App {
    pub(crate) library: Library,
    /// Load problems as (path, message), sanitized.
    pub(crate) problems: Vec<(String, String)>,
    /// The selected row of the list (see [`Library::visible`]).
    pub(crate) selected: usize,
    /// The first row shown in the list.
    pub(crate) list_offset: usize,
    pub(crate) focus: Focus,
    /// The article in the reader, by index.
    pub(crate) open: Option<usize>,
    /// A long article's body being read on another thread.
    pub(crate) opening: Option<opening::Opening>,
    /// The whole article shown in the reader (its body read when shown).
    pub(crate) body: Option<std::sync::Arc<crate::article::Article>>,
    /// The first reader line shown.
    pub(crate) scroll: usize,
    /// The article `scroll` belongs to; showing another one starts at its top.
    pub(crate) scroll_for: Option<usize>,
    pub(crate) raw: bool,
    pub(crate) overlay: Option<Overlay>,
    pub(crate) overlay_scroll: usize,
    pub(crate) size: Rect,
    pub(crate) reader: ReaderCache,
    /// A one-off message (e.g. a save error), cleared by the next key.
    pub(crate) message: Option<String>,
    /// A standing hint, such as how to open your own folder.
    pub(crate) banner: Option<String>,
    pub(crate) quit: bool,
    pub(crate) keymap: KeyMap,
    /// The help table, built from the key map.
    pub(crate) help: Vec<HelpRow>,
    pub(crate) theme: Theme,
    /// The widest the reader's text column gets.
    pub(crate) measure: u16,
    pub(crate) confirm: Option<Confirm>,
    pub(crate) effects: Vec<Effect>,
    /// The reader's lines are being re-wrapped (another article, width or
    /// view): move to the remembered position once they are.
    pub(crate) restore_position: bool,
    /// The read or starred state changed while a filter on it is on: the
    /// list still shows what it showed, until the next move or filter change.
    pub(crate) stale: bool,
    /// The source picker's highlighted row (0 is "All sources").
    pub(crate) picker: usize,
    pub(crate) search: search::Search,
    /// How far loading has got, while the collection is still arriving.
    pub(crate) loading: Option<Progress>,
    /// Loading is over and the copies are being looked for.
    pub(crate) grouping: bool,
    /// The last session's selected article, not loaded yet: selected when
    /// it arrives, unless a key was pressed first.
    pub(crate) awaited: Option<crate::article::ArticleId>,
}

/// Load problems as the problems box shows them: (path, message), sanitized.
fn shown_problems(problems: &[crate::article::Problem]) -> Vec<(String, String)> {
    let shown = problems.iter().map(|p| {
        let path = sanitize_line(&p.path.display().to_string());
        (path, sanitize_line(&p.message))
    });
    shown.collect()
}

impl App {
    /// A new app showing `library`; send `Action::Resize` before drawing.
    pub fn new(library: Library) -> Self {
        let problems = shown_problems(library.problems());
        let keymap = KeyMap::default();
        let mut library = library;
        let session = library.session().clone();
        library.set_filters(filter::filters_of(&session));
        library.relist(None, 0);
        let restored = session
            .selected_id()
            .and_then(|id| library.index_of(id))
            .and_then(|i| library.row_of(library.copies(i)[0]));
        let awaited = session.selected_id().filter(|_| restored.is_none());
        let selected = restored.unwrap_or(0);
        App {
            library,
            problems,
            selected,
            list_offset: 0,
            focus: Focus::List,
            open: None,
            scroll: 0,
            scroll_for: None,
            raw: false,
            overlay: None,
            overlay_scroll: 0,
            size: Rect::default(),
            reader: ReaderCache::default(),
            message: None,
            banner: None,
            quit: false,
            help: keymap.help(),
            keymap,
            theme: THEME,
            measure: layout::MEASURE,
            confirm: None,
            effects: Vec::new(),
            restore_position: false,
            stale: false,
            picker: 0,
            search: search::Search {
                input: session.search.clone(),
                budget: search::CHECK_BUDGET,
                step_time: Some(search::STEP_TIME),
                ..Default::default()
            },
            loading: None,
            body: None,
            opening: None,
            grouping: false,
            awaited,
        }
    }

    /// Uses `keymap` for keys, hints and help.
    pub fn with_keymap(mut self, keymap: KeyMap) -> Self {
        self.help = keymap.help();
        self.keymap = keymap;
        self
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// Caps the reader's text column at `measure` columns.
    pub fn with_measure(mut self, measure: u16) -> Self {
        self.measure = measure.max(1);
        self
    }

    /// The action `event` stands for now (a yes/no question takes only y/n).
    pub fn action_for(&self, event: &ratatui::crossterm::event::Event) -> Option<Action> {
        if self.search.editing
            && self.confirm.is_none()
            && matches!(event, ratatui::crossterm::event::Event::Key(_))
        {
            return search::prompt_action(event);
        }
        self.keymap.action_for(event, self.confirm.is_some())
    }

    /// The effects queued by `update` since the last call, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Shows a one-off message (e.g. how an effect went).
    pub fn set_message(&mut self, message: impl Into<String>) {
        self.message = Some(sanitize_line(&message.into()));
    }

    /// Writes what changed (positions, the session) to the state file.
    pub fn save_state(&self) -> std::io::Result<()> {
        self.library.save()
    }

    /// Sets the standing hint shown in the status bar.
    pub fn with_banner(mut self, banner: impl Into<String>) -> Self {
        self.banner = Some(banner.into());
        self
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }
    pub fn library(&self) -> &Library {
        &self.library
    }
    /// The list's line for the article at `index` (sanitized when drawn:
    /// only the rows on screen are ever built).
    pub fn headline(&self, index: usize) -> Headline {
        self.library
            .get(index)
            .map(Headline::from_entry)
            .unwrap_or_default()
    }
    /// Load problems as sanitized (path, message) pairs.
    pub fn problems(&self) -> &[(String, String)] {
        &self.problems
    }
    /// The selected row of the list.
    pub fn selected(&self) -> usize {
        self.selected
    }
    /// The article at the selected row, if anything is listed.
    pub fn selected_article(&self) -> Option<usize> {
        self.library.visible().get(self.selected).copied()
    }
    /// The source picker's highlighted row (0 is "All sources").
    pub fn picker(&self) -> usize {
        self.picker
    }
    pub fn list_offset(&self) -> usize {
        self.list_offset
    }
    pub fn focus(&self) -> Focus {
        self.focus
    }
    pub fn open_article(&self) -> Option<usize> {
        self.open
    }
    /// The article the reader shows: the open one while the reader has
    /// focus; while the list has focus beside the reader, the selected one
    /// (a preview, unless it is the open one); nothing when the list is alone.
    pub fn shown_article(&self) -> Option<usize> {
        match self.focus {
            Focus::Reader => self.open,
            Focus::List if self.panes().reader.is_empty() => None,
            Focus::List => self.selected_article(),
        }
    }
    /// Whether the reader shows the selection without it being opened (and
    /// so without marking it read).
    pub fn is_preview(&self) -> bool {
        self.shown_article().is_some_and(|i| self.open != Some(i))
    }
    pub fn scroll(&self) -> usize {
        self.scroll
    }
    pub fn raw(&self) -> bool {
        self.raw
    }
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }
    pub fn overlay_scroll(&self) -> usize {
        self.overlay_scroll
    }
    pub fn keymap(&self) -> &KeyMap {
        &self.keymap
    }
    /// The help overlay's rows.
    pub fn help_rows(&self) -> &[HelpRow] {
        &self.help
    }
    pub fn theme(&self) -> &Theme {
        &self.theme
    }
    pub fn measure(&self) -> u16 {
        self.measure
    }
    pub fn confirm(&self) -> Option<Confirm> {
        self.confirm
    }
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    pub fn banner(&self) -> Option<&str> {
        self.banner.as_deref()
    }
    /// Every wrapped line of the shown article at the current width. The
    /// reader wraps lazily, so on a long article this wraps what it has not
    /// yet (without keeping it): for inspection and tests; drawing uses
    /// [`App::reader_lines_from`].
    pub fn reader_lines(&self) -> Vec<ReaderLine> {
        self.reader.all_lines(self.body.as_deref())
    }

    /// The reader's lines from line `top` on, with their numbers, as far as
    /// they are wrapped (always the screen at [`App::scroll`]).
    pub fn reader_lines_from(&self, top: usize) -> impl Iterator<Item = (usize, &ReaderLine)> {
        self.reader.lines_from(top)
    }

    /// The reader's line count: exact for an article wrapped whole, else a
    /// guess refined as more of it is wrapped (see [`ReaderCache`]).
    pub fn reader_len(&self) -> usize {
        self.reader.len()
    }

    /// The screen layout for the current size and focus.
    pub fn panes(&self) -> Panes {
        Panes::new(self.size, self.focus == Focus::Reader)
    }

    /// Rows of text the reader shows at once.
    pub fn reader_rows(&self) -> usize {
        let reader = Panes::new(self.size, true).reader;
        layout::reader_text(reader, self.measure).height as usize
    }

    /// The furthest the reader can scroll.
    pub fn max_scroll(&self) -> usize {
        self.reader.len().saturating_sub(self.reader_rows())
    }

    /// How far through the article the reader is, 0–100.
    pub fn percent(&self) -> usize {
        match self.max_scroll() {
            0 => 100,
            max => self.scroll.min(max) * 100 / max,
        }
    }

    /// Rows of content in the open overlay.
    pub fn overlay_len(&self) -> usize {
        match self.overlay {
            Some(Overlay::Help) => self.help.len(),
            Some(Overlay::Problems) => (self.problems.len() * 2).max(1),
            Some(Overlay::Sources) => self.library.sources().len() + 1,
            None => 0,
        }
    }
}

/// The filters in effect, compactly ("unread · ★ · source: X · sorted by
/// title"); "" when none. O(1): the status bar shows it every frame.
pub fn status_filters(app: &App) -> String {
    let f = app.library.filters();
    let mut parts: Vec<String> = Vec::new();
    if f.unread_only {
        parts.push("unread".into());
    }
    if f.starred_only {
        parts.push("★".into());
    }
    if let Some(source) = &f.source {
        parts.push(format!("source: {}", sanitize_line(source)));
    }
    if f.sort != crate::library::Sort::default() {
        parts.push(f.sort.label().into());
    }
    let input = &app.search.input;
    if !input.is_empty() && !app.search.editing {
        parts.push(match app.search.hits {
            Some(n) if app.has_pending_work() => {
                format!("/{} {}", sanitize_line(input), checking(n))
            }
            Some(n) => format!(
                "/{} {n} {}",
                sanitize_line(input),
                if n == 1 { "match" } else { "matches" }
            ),
            None => format!("/{} (indexing…)", sanitize_line(input)),
        });
    }
    parts.join(" · ")
}

/// "12 matches so far, checking…": the count while a search is checked.
pub fn checking(n: usize) -> String {
    let noun = if n == 1 { "match" } else { "matches" };
    format!("{n} {noun} so far, checking…")
}
