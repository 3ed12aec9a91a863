//! Articles going away while the list is shown: their files were removed
//! or changed on disk (live reload). Everything read from a path, or from
//! under a folder, is dropped with its problems; the copies, counts,
//! search matches and list follow, the selection moving to the nearest
//! article still listed. An article read again from a changed file can
//! take over the read, starred and position state of the one it replaces
//! ([`Library::carry_state`]), as editing a file changes its identity.

use std::path::{Path, PathBuf};

use super::Library;
use super::copies::Copies;
use super::dupes::Groups;
use crate::article::ArticleId;

/// Where a [`Library::remove_under`] left things.
#[derive(Debug, Default)]
pub struct Removal {
    /// Per old index, the article's index now, `None` for those removed.
    pub remap: Vec<Option<usize>>,
    /// The row to select: the old selection's article, else the nearest.
    pub selected: usize,
}

impl Library {
    /// Drops every article read from one of `paths` or from under one of
    /// them (folders), and their problems. `exempt` and `selected` as for
    /// [`Library::append`].
    pub fn remove_under(
        &mut self,
        paths: &[PathBuf],
        exempt: Option<usize>,
        selected: usize,
    ) -> Removal {
        let gone = |p: &Path| paths.iter().any(|q| p.starts_with(q));
        self.problems.retain(|p| !gone(&p.path));
        for path in paths {
            self.bodies.forget_file(path);
        }
        let copies = self.current_copies();
        let old_entries = std::sync::Arc::unwrap_or_clone(std::mem::take(&mut self.entries));
        let mut entries = Vec::with_capacity(old_entries.len());
        let old_docs = std::mem::take(&mut self.docs);
        let old_dates = std::mem::take(&mut self.dates);
        let mut remap = Vec::with_capacity(old_entries.len());
        for ((entry, doc), date) in old_entries.into_iter().zip(old_docs).zip(old_dates) {
            if gone(&entry.path) {
                self.bodies.forget(doc);
                remap.push(None);
            } else {
                remap.push(Some(entries.len()));
                entries.push(entry);
                self.docs.push(doc);
                self.dates.push(date);
            }
        }
        self.entries = std::sync::Arc::new(entries);
        self.renumber();
        let clusters = copies.clusters_in(self);
        self.groups = Groups::of_clusters(&self.entries, clusters);
        self.recount();
        let selected = self.relist_after(&|i| remap[i], exempt, selected);
        Removal { remap, selected }
    }

    /// The copies as grouped now, by document number.
    pub fn current_copies(&self) -> Copies {
        let mut clusters = Vec::new();
        let mut seen = vec![false; self.len()];
        for i in 0..self.len() {
            let members = self.groups.copies(i);
            if members.len() > 1 && !seen[members[0]] {
                seen[members[0]] = true;
                clusters.push(members.iter().map(|&m| self.docs[m]).collect());
            }
        }
        Copies::from_docs(clusters)
    }

    /// Gives the article `to` the read, starred and position state of the
    /// article `from` (which it replaces: the same place in a changed
    /// file). Saved with the next change.
    pub fn carry_state(&mut self, from: ArticleId, to: ArticleId) {
        if from == to {
            return;
        }
        // Other articles of `to`'s content may be listed by these flags.
        self.listed_for = None;
        if self.store.is_read(from) {
            self.store.set_read(to, true);
        }
        if self.store.is_starred(from) {
            self.store.set_starred(to, true);
        }
        if let Some(position) = self.store.position(from) {
            self.store.set_position(to, position);
        }
    }
}
