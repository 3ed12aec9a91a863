//! Files that changed on disk while the reader is open (live reload, see
//! `crate::live`): what they held is dropped and what they hold now added,
//! the selection, the article being read and its scroll position kept, and
//! the state of an article read again from the same place in its file
//! (read, starred, where it was left) carried over to its new identity.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{App, Focus};
use crate::article::{Article, ArticleId};
use crate::ingest::Loaded;
use crate::library::Incoming;

impl App {
    /// Drops what was read from `gone` (files, or folders and all under
    /// them) and from the `fresh` files, then adds what the fresh files
    /// hold now. Returns the added articles with their search document
    /// numbers, for the index to take in.
    pub fn reload(
        &mut self,
        gone: Vec<PathBuf>,
        fresh: Vec<(PathBuf, Loaded)>,
    ) -> Vec<(u32, Arc<Article>)> {
        let mut paths = gone;
        paths.extend(fresh.iter().map(|(p, _)| p.clone()));
        let (mut articles, mut problems) = (Vec::new(), Vec::new());
        for (_, loaded) in fresh {
            articles.extend(loaded.articles);
            problems.extend(loaded.problems);
        }
        let mut incoming = Incoming::numbered(articles, self.library.next_doc());
        incoming.problems = problems;
        let added: Vec<(u32, Arc<Article>)> = incoming
            .docs
            .iter()
            .zip(&incoming.bodies)
            .filter_map(|(&doc, body)| Some((doc, Arc::clone(body.as_ref()?))))
            .collect();
        self.replace(paths, incoming);
        added
    }

    /// Drops what was read from `paths` (files, or folders and all under
    /// them), and adds `incoming` (already numbered), as [`App::reload`].
    pub fn replace(&mut self, paths: Vec<PathBuf>, incoming: Incoming) {
        let place = |app: &App, i: Option<usize>| {
            let e = app.library.get(i?)?;
            Some((e.path.to_path_buf(), e.slot))
        };
        let selected_was = place(self, self.selected_article());
        let open_was = place(self, self.open);
        let reading = self.focus == Focus::Reader && self.open.is_some();
        let screen_row = self.selected.saturating_sub(self.list_offset);
        let before = self.ids_under(&paths);

        let exempt = self.open.filter(|_| reading).or(self.selected_article());
        let removal = self.library.remove_under(&paths, exempt, self.selected);
        self.follow(&|i| removal.remap.get(i).copied().flatten());
        self.selected = removal.selected;

        for entry in &incoming.entries {
            if let Some(&old) = before.get(&(entry.path.to_path_buf(), entry.slot)) {
                self.library.carry_state(old, entry.id);
            }
        }
        let exempt = self.open.filter(|_| reading).or(self.selected_article());
        let appended = self.library.add(incoming, exempt, self.selected);
        self.follow(&|i| appended.remap.get(i).copied());
        self.selected = appended.selected;

        // What was selected or read, read again: the new version takes its place.
        let find = |app: &App, place: &Option<(PathBuf, u32)>| {
            let (path, slot) = place.as_ref()?;
            app.library
                .entries()
                .iter()
                .position(|e| *e.path == **path && e.slot == *slot)
        };
        if self.open.is_none()
            && let Some(i) = find(self, &open_was)
        {
            self.open = Some(i);
            self.restore_position = true;
        } else if reading && self.open.is_none() {
            self.focus = Focus::List;
        }
        if selected_was.is_some()
            && self.selected_article().map(|i| place(self, Some(i))) != Some(selected_was.clone())
            && let Some(row) = find(self, &selected_was)
                .and_then(|i| self.library.row_of(self.library.copies(i)[0]))
        {
            self.selected = row;
        }
        self.problems = super::shown_problems(self.library.problems());
        self.stale = false;
        self.list_offset = self.selected.saturating_sub(screen_row);
        super::update::refresh(self);
    }

    /// The identity of each article read from `paths` (or under them), by
    /// its place: file and slot.
    fn ids_under(&self, paths: &[PathBuf]) -> HashMap<(PathBuf, u32), ArticleId> {
        let under = |p: &Path| paths.iter().any(|q| p.starts_with(q));
        let entries = self.library.entries().iter().filter(|e| under(&e.path));
        entries
            .map(|e| ((e.path.to_path_buf(), e.slot), e.id))
            .collect()
    }
}
