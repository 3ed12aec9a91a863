//! The collection arriving while the reader is open: how far loading has
//! got (for the status bar), and each batch of articles merged into the
//! list with the selection kept on its article and at its screen row.

use super::{App, Focus};
use crate::article::Problem;
use crate::ingest::Loaded;
use crate::library::{Copies, Incoming};

/// How far loading has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files found by the walk, once it is over.
    pub found: Option<usize>,
    /// Files read so far.
    pub read: usize,
    /// The articles came from the cache: the walk only checks for changes.
    pub cached: bool,
}

impl App {
    /// Marks the collection as still loading: batches come through
    /// [`App::append`] until [`App::finish_loading`].
    pub fn with_loading(mut self) -> Self {
        self.loading = Some(Progress::default());
        self
    }

    /// How far loading has got, while it goes on.
    pub fn loading(&self) -> Option<Progress> {
        self.loading
    }

    /// The walk is over: `files` will be read; `problems` it met.
    pub fn found(&mut self, files: usize, problems: Vec<Problem>) {
        if let Some(progress) = &mut self.loading {
            progress.found = Some(files);
        }
        self.add_problems(problems);
    }

    /// Everything was read: copies are grouped (see
    /// `Library::group_copies`), the selection kept on its story and row.
    pub fn finish_loading(&mut self) {
        self.end_loading();
        let copies = self.library.copy_job().run();
        self.set_copies(copies);
    }

    /// Everything was read; the copies are still to be grouped (a
    /// [`crate::library::CopyJob`] run elsewhere, then [`App::set_copies`]).
    pub fn end_loading(&mut self) {
        self.loading = None;
        self.grouping = true;
    }

    /// Whether copies are being looked for.
    pub fn is_grouping(&self) -> bool {
        self.grouping
    }

    /// The copies are grouped already (as the cache had them).
    pub fn copies_found(&mut self) {
        self.grouping = false;
    }

    /// Groups the copies found, the selection kept on its story and row.
    pub fn set_copies(&mut self, copies: Copies) {
        self.grouping = false;
        let reading = self.open.filter(|_| self.focus == Focus::Reader);
        let exempt = reading.or_else(|| self.selected_article());
        let screen_row = self.selected.saturating_sub(self.list_offset);
        self.selected = self.library.set_copies(copies, exempt, self.selected);
        self.stale = false;
        self.list_offset = self.selected.saturating_sub(screen_row);
        super::update::refresh(self);
    }

    /// Adds what `files` more files held. The selected article stays
    /// selected, at the same row of the screen (the list scrolls under it);
    /// the article being read stays in the reader. A search index built
    /// before does not know the new articles: until it is extended, a
    /// search does not find them.
    pub fn append(&mut self, loaded: Loaded, files: usize) {
        let Loaded { articles, problems } = loaded;
        let mut incoming = Incoming::numbered(articles, self.library.next_doc());
        incoming.problems = problems;
        self.add(incoming, files);
    }

    /// Adds what the loader read from `files` more files, as [`App::append`].
    pub fn add(&mut self, mut incoming: Incoming, files: usize) {
        if let Some(progress) = &mut self.loading {
            progress.read += files;
        }
        let problems = std::mem::take(&mut incoming.problems);
        self.add_problems(problems);
        if incoming.entries.is_empty() {
            return;
        }
        let reading = self.open.filter(|_| self.focus == Focus::Reader);
        let exempt = reading.or_else(|| self.selected_article());
        let screen_row = self.selected.saturating_sub(self.list_offset);
        let appended = self.library.add(incoming, exempt, self.selected);
        self.follow(&|i| appended.remap.get(i).copied());
        self.selected = appended.selected;
        self.stale = false;
        self.list_offset = self.selected.saturating_sub(screen_row);
        select_awaited(self, &appended.added);
        super::update::refresh(self);
    }

    /// Follows the articles kept by index to their new indices (`None`:
    /// gone) after articles were added or removed.
    pub(super) fn follow(&mut self, remap: &dyn Fn(usize) -> Option<usize>) {
        self.open = self.open.and_then(remap);
        self.scroll_for = self.scroll_for.and_then(remap);
        self.reader.remap(remap);
        if let Some(((i, ..), _)) = &mut self.search.marks_for {
            *i = remap(*i).unwrap_or(usize::MAX);
        }
    }

    fn add_problems(&mut self, problems: Vec<Problem>) {
        self.problems.extend(super::shown_problems(&problems));
        self.library.add_problems(problems);
    }
}

/// Selects the last session's article if it is among the `added` ones
/// (and no key was pressed since the start).
fn select_awaited(app: &mut App, added: &[usize]) {
    let Some(id) = app.awaited else {
        return;
    };
    let articles = app.library.entries();
    let Some(&i) = added.iter().find(|&&i| articles[i].id == id) else {
        return;
    };
    if let Some(row) = app.library.row_of(app.library.copies(i)[0]) {
        app.selected = row;
        app.awaited = None;
    }
}
