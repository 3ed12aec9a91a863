//! The loaded collection as the app sees it: articles newest first (unknown
//! dates last), copies of one story grouped ([`dupes`]), what is listed
//! ([`listing`]: filters, sort, search matches), read and starred state,
//! reading positions and the last session through [`Store`], and the load
//! problems.
//!
//! Only each article's [`Entry`] is held; its body is read again when it is
//! wanted ([`Library::body`], see `bodies.rs`), unless the collection is
//! small enough to keep them all.
//!
//! Articles can arrive in batches while the list is shown
//! ([`Library::append`], see `append.rs`): they are merged into their place
//! in the order, so article indices shift, and the caller is handed the
//! map from old indices to new ones for whatever it keeps by index. The
//! search index knows articles by a number that never shifts, their
//! document number ([`Library::doc`]), given in the order they were read.

mod append;
pub mod bodies;
mod copies;
pub mod dupes;
mod incoming;
mod index;
mod listed;
pub mod listing;
mod matches;
mod remove;
mod spread;

use std::sync::Arc;

use crate::article::{Article, ArticleId, Entry, IdMap, Problem};
use crate::ingest::Loaded;
use crate::store::{Session, Store};
pub use append::Appended;
use bodies::Bodies;
pub use copies::{Copies, CopyJob};
use dupes::Groups;
pub use incoming::Incoming;
pub use index::{build_index, narrows, parts as index_parts};
pub use listing::{Filters, Sort};
pub use remove::Removal;

/// When an article was published, as [`crate::article::Meta`] has it.
type Published = chrono::DateTime<chrono::FixedOffset>;

/// Marks an article that is not listed in [`Library::row_of`]'s map.
const UNLISTED: u32 = u32::MAX;

/// The articles to browse, in display order, with read state and problems.
#[derive(Debug)]
pub struct Library {
    /// What is known of each article, in display order (newest first);
    /// boxed, so that putting new ones in their places moves pointers.
    entries: Arc<Vec<Box<Entry>>>,
    /// Per article, its date (`meta.published`), beside the entries: a new
    /// article's place is found in this small array, reading entries only
    /// among those of its date (see `append.rs`).
    dates: Vec<append::Stamp>,
    /// Per article, its search document number.
    docs: Vec<u32>,
    /// Per document number, the article's index, or [`UNLISTED`] for a
    /// document no longer in the collection; made when asked for after
    /// articles came or went (see [`Library::by_doc`]).
    by_doc: std::sync::OnceLock<Vec<u32>>,
    /// The first document number no article has had.
    next_doc: u32,
    bodies: Bodies,
    problems: Vec<Problem>,
    store: Store,
    /// Stories (copies counted once) not marked read, kept up to date by
    /// [`Library::set_read`] so the status bar never walks the collection.
    unread: usize,
    /// How many stories' primaries have each id (identical content shares
    /// one): marking one id read changes the count by this much.
    primary_ids: IdMap<usize>,
    groups: Groups,
    filters: Filters,
    /// Per article, whether the search matched its story (flags are set at
    /// primaries), if searching; see `matches.rs`.
    matches: Option<Vec<bool>>,
    /// Stories with a flag in `matches`.
    matched_stories: usize,
    /// The listed articles (group primaries), in list order.
    visible: Vec<usize>,
    /// Per article, its row in `visible`, or [`UNLISTED`].
    rows: Vec<u32>,
    /// `Some(exempt)` while `visible` is what [`Library::relist`] with
    /// `exempt` would give (but for `exempt` itself, see `listed.rs`);
    /// `None` once a filter, the search, or a flag a filter looks at
    /// changed since.
    listed_for: Option<Option<usize>>,
    /// Sources with their story counts, most first.
    sources: Vec<(String, usize)>,
    /// Stories: articles less the copies of others.
    stories: usize,
    ranks: listing::Ranks,
}

impl Library {
    /// Orders `loaded` newest first; `problems` from elsewhere (e.g. opening
    /// the store) are listed after the load problems.
    pub fn new(loaded: Loaded, store: Store, problems: Vec<Problem>) -> Self {
        Self::made(loaded, store, problems, Bodies::default())
    }

    /// [`Library::new`] of articles made in memory rather than read from
    /// files (tests, benchmarks): every body is kept, as none could be
    /// read again.
    pub fn in_memory(loaded: Loaded, store: Store, problems: Vec<Problem>) -> Self {
        Self::made(loaded, store, problems, Bodies::all())
    }

    fn made(loaded: Loaded, store: Store, problems: Vec<Problem>, bodies: Bodies) -> Self {
        let Loaded {
            articles,
            problems: mut all_problems,
        } = loaded;
        all_problems.extend(problems);
        let mut library = Library {
            primary_ids: IdMap::default(),
            by_doc: std::sync::OnceLock::new(),
            next_doc: 0,
            docs: Vec::new(),
            entries: Arc::default(),
            dates: Vec::new(),
            bodies,
            problems: all_problems,
            store,
            unread: 0,
            groups: Groups::default(),
            filters: Filters::default(),
            matches: None,
            matched_stories: 0,
            visible: Vec::new(),
            rows: Vec::new(),
            listed_for: Some(None),
            stories: 0,
            sources: Vec::new(),
            ranks: listing::Ranks::default(),
        };
        library.add(Incoming::numbered(articles, 0), None, 0);
        library.regroup();
        library.relist(None, 0);
        library
    }

    /// Groups the copies, and counts the stories, the unread ones and each
    /// source's, afresh.
    fn regroup(&mut self) {
        let copies = self.copy_job().run();
        self.set_copies(copies, None, 0);
    }

    /// Counts the stories, the unread ones and each source's afresh; the
    /// sort ranks are worked out again when needed.
    fn recount(&mut self) {
        let (articles, groups) = (&self.entries, &self.groups);
        let primaries: Vec<usize> = (0..articles.len())
            .filter(|&i| groups.primary(i) == i)
            .collect();
        self.unread = primaries
            .iter()
            .filter(|&&i| !self.store.is_read(articles[i].id))
            .count();
        let mut primary_ids = IdMap::default();
        primary_ids.reserve(primaries.len());
        for &i in &primaries {
            *primary_ids.entry(articles[i].id).or_default() += 1;
        }
        self.primary_ids = primary_ids;
        self.stories = primaries.len();
        self.sources =
            listing::source_counts(primaries.iter().map(|&i| listing::source_of(&articles[i])));
        self.ranks = listing::Ranks::default();
    }

    /// [`Library::recount`] after copies were grouped among articles that
    /// all stood alone: the copies (not primaries now) are counted out.
    fn count_grouped(&mut self) {
        let mut gone_sources: Vec<(&str, usize)> = Vec::new();
        for i in 0..self.entries.len() {
            if self.groups.primary(i) == i {
                continue;
            }
            let id = self.entries[i].id;
            self.unread -= usize::from(!self.store.is_read(id));
            if let Some(n) = self.primary_ids.get_mut(&id) {
                *n -= 1;
                if *n == 0 {
                    self.primary_ids.remove(&id);
                }
            }
            self.stories -= 1;
            gone_sources.push((listing::source_of(&self.entries[i]), 1));
        }
        let mut counts: std::collections::HashMap<&str, usize> =
            self.sources.iter().map(|(s, n)| (s.as_str(), *n)).collect();
        for (s, n) in gone_sources {
            if let Some(c) = counts.get_mut(s) {
                *c -= n;
            }
        }
        let left = counts.into_iter().filter(|(_, n)| *n > 0);
        self.sources = listing::tally(left);
        self.ranks = listing::Ranks::default();
    }

    /// [`Library::recount`] after the articles at `added` came, each alone
    /// (no copy of another yet): only they are counted.
    fn count_added(&mut self, added: &[usize]) {
        self.primary_ids.reserve(added.len());
        for &i in added {
            let id = self.entries[i].id;
            self.unread += usize::from(!self.store.is_read(id));
            *self.primary_ids.entry(id).or_default() += 1;
        }
        self.stories += added.len();
        let old = self.sources.iter().map(|(s, n)| (s.as_str(), *n));
        let new = added
            .iter()
            .map(|&i| (listing::source_of(&self.entries[i]), 1));
        self.sources = listing::tally(old.chain(new));
        self.ranks = listing::Ranks::default();
    }

    /// The listed articles, in list order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// The row the article is listed at, if it is listed.
    pub fn row_of(&self, index: usize) -> Option<usize> {
        self.rows
            .get(index)
            .filter(|&&r| r != UNLISTED)
            .map(|&r| r as usize)
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    /// Sets the filters and sort; the list follows at the next [`Library::relist`].
    pub fn set_filters(&mut self, filters: Filters) {
        self.filters = filters;
        self.listed_for = None;
    }

    /// Whether a search narrows the list.
    pub fn is_searching(&self) -> bool {
        self.matches.is_some()
    }

    /// Stories in the collection (copies counted once).
    pub fn story_count(&self) -> usize {
        self.stories
    }

    /// Sources with how many stories each has, most first, then by name.
    pub fn sources(&self) -> &[(String, usize)] {
        &self.sources
    }

    /// The article and its copies, primary first (`[index]` when it has none).
    pub fn copies(&self, index: usize) -> std::borrow::Cow<'_, [usize]> {
        self.groups.copies(index)
    }

    /// How many copies of the story the collection holds (1: no others).
    pub fn copy_count(&self, index: usize) -> usize {
        self.groups.count(index)
    }

    /// Recomputes the listed rows from the filters, sort and matches; O(n).
    /// `exempt` stays listed although read (the article being read while
    /// only unread ones are listed). Returns the row to select: the article
    /// at `selected` (a row of the old list) when still listed, else the
    /// nearest one after it, else before it, else 0.
    pub fn relist(&mut self, exempt: Option<usize>, selected: usize) -> usize {
        let mut rows: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.groups.primary(i) == i)
            .filter(|&i| self.is_match(i) && self.passes(i, exempt))
            .collect();
        self.ranks
            .sort_rows(&mut rows, &self.entries, self.filters.sort);
        let old = std::mem::replace(&mut self.visible, rows);
        self.listed_for = Some(exempt);
        self.rows = vec![UNLISTED; self.entries.len()];
        for (row, &i) in self.visible.iter().enumerate() {
            self.rows[i] = row as u32;
        }
        let after = old.get(selected..).unwrap_or_default().iter();
        let before = old.get(..selected).unwrap_or_default().iter().rev();
        after
            .chain(before)
            .find_map(|&i| self.row_of(i))
            .unwrap_or(0)
    }

    /// Whether the primary `i` passes the read, starred and source filters
    /// (`exempt` passes the read one).
    fn passes(&self, i: usize, exempt: Option<usize>) -> bool {
        let f = &self.filters;
        (!f.unread_only || !self.is_read(i) || exempt == Some(i))
            && (!f.starred_only || self.is_starred(i))
            && f.source
                .as_deref()
                .is_none_or(|s| listing::source_of(&self.entries[i]) == s)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// What is known of every article, in collection order.
    pub fn entries(&self) -> &[Box<Entry>] {
        &self.entries
    }

    /// The entries, to hand to another thread (e.g. to save the cache).
    pub fn shared_entries(&self) -> Arc<Vec<Box<Entry>>> {
        Arc::clone(&self.entries)
    }

    /// Per article, its search document number.
    pub fn docs(&self) -> &[u32] {
        &self.docs
    }

    pub fn get(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index).map(|e| &**e)
    }

    /// The search document number of the article at `index`.
    pub fn doc(&self, index: usize) -> Option<u32> {
        self.docs.get(index).copied()
    }

    /// The article known to the search index as `doc`, if still here.
    pub fn index_of_doc(&self, doc: u32) -> Option<usize> {
        self.by_doc()
            .get(doc as usize)
            .filter(|&&i| i != UNLISTED)
            .map(|&i| i as usize)
    }

    /// The first document number no article has yet.
    pub fn next_doc(&self) -> u32 {
        self.next_doc
    }

    /// The whole article at `index`: kept in memory, or read and cleaned
    /// again from its file. `None` when the file no longer holds it.
    pub fn body(&mut self, index: usize) -> Option<Arc<Article>> {
        let entry = self.entries.get(index)?;
        self.bodies.get(self.docs[index], entry)
    }

    /// Drops the bodies kept in memory: each is read again when wanted.
    pub fn forget_bodies(&mut self) {
        self.bodies = Bodies::default();
    }

    /// The article's body if it is kept in memory (no file is read).
    pub fn kept_body(&self, index: usize) -> Option<Arc<Article>> {
        self.bodies.kept(*self.docs.get(index)?)
    }

    /// Whether document `doc` has the query's phrases (the check the index
    /// leaves to its caller).
    pub fn phrases_match(&mut self, query: &crate::search::Query, doc: u32) -> bool {
        let Some(i) = self.index_of_doc(doc) else {
            return false;
        };
        self.body(i)
            .is_some_and(|a| query.phrases_match(index::parts(&a)))
    }

    /// Every article's body with its document number, for indexing the
    /// collection at once (kept ones as they are, others read again).
    pub fn bodies_for_index(&self) -> Vec<(u32, Arc<Article>)> {
        use rayon::prelude::*;
        // Each file read once (an export holds many articles).
        let mut by_file: std::collections::HashMap<&std::path::Path, Vec<usize>> =
            Default::default();
        let mut all: Vec<(u32, Arc<Article>)> = Vec::new();
        for i in 0..self.len() {
            match self.bodies.kept(self.docs[i]) {
                Some(body) => all.push((self.docs[i], body)),
                None => by_file.entry(&self.entries[i].path).or_default().push(i),
            }
        }
        let files: Vec<(&std::path::Path, Vec<usize>)> = by_file.into_iter().collect();
        let read: Vec<Vec<(u32, Arc<Article>)>> = files
            .par_iter()
            .map(|(path, wanted)| {
                let articles: Vec<Arc<Article>> = crate::ingest::load_file(path)
                    .articles
                    .into_iter()
                    .map(Arc::new)
                    .collect();
                let found = wanted.iter().filter_map(|&i| {
                    Some((self.docs[i], bodies::find(&articles, &self.entries[i])?))
                });
                found.collect()
            })
            .collect();
        all.extend(read.into_iter().flatten());
        all.sort_unstable_by_key(|(doc, _)| *doc);
        all
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn is_read(&self, index: usize) -> bool {
        self.get(index).is_some_and(|a| self.store.is_read(a.id))
    }

    /// Stories not marked read (copies count once); O(1).
    pub fn unread_count(&self) -> usize {
        self.unread
    }

    /// Sets the read flag of the article at `index` and saves the store when
    /// it changed. Returns the save error, if any; the flag stays set in memory.
    /// The copies of the story (see [`dupes`]) are set with it.
    pub fn set_read(&mut self, index: usize, read: bool) -> std::io::Result<()> {
        let mut changed = false;
        for i in self.groups.copies(index).into_owned() {
            changed |= self.set_one_read(i, read);
        }
        if changed { self.store.save() } else { Ok(()) }
    }

    /// Sets one article's flag in memory; returns whether it changed.
    fn set_one_read(&mut self, index: usize, read: bool) -> bool {
        let Some(id) = self.get(index).map(|a| a.id) else {
            return false;
        };
        if self.store.is_read(id) == read {
            return false;
        }
        self.store.set_read(id, read);
        if self.filters.unread_only {
            self.listed_for = None;
        }
        let copies = self.primary_ids.get(&id).copied().unwrap_or(0);
        if read {
            self.unread -= copies;
        } else {
            self.unread += copies;
        }
        true
    }

    /// Marks the articles at `indices` (and their copies) read and saves
    /// once. Returns how many of `indices` were newly marked, or the save
    /// error (the flags stay set in memory).
    pub fn set_all_read(&mut self, indices: &[usize]) -> std::io::Result<usize> {
        let mut marked = 0;
        for &index in indices {
            let mut changed = false;
            for i in self.groups.copies(index).into_owned() {
                changed |= self.set_one_read(i, true);
            }
            marked += usize::from(changed);
        }
        self.store.save().map(|()| marked)
    }

    pub fn is_starred(&self, index: usize) -> bool {
        self.get(index).is_some_and(|a| self.store.is_starred(a.id))
    }

    /// Stars or unstars the article at `index` and saves the store when it
    /// changed; the save error, if any, is returned.
    /// The copies of the story are starred with it.
    pub fn set_starred(&mut self, index: usize, starred: bool) -> std::io::Result<()> {
        if index >= self.len() {
            return Ok(());
        }
        let mut changed = false;
        for i in self.groups.copies(index).into_owned() {
            let id = self.entries[i].id;
            changed |= self.store.is_starred(id) != starred;
            self.store.set_starred(id, starred);
        }
        if changed && self.filters.starred_only {
            self.listed_for = None;
        }
        if changed { self.store.save() } else { Ok(()) }
    }

    /// Where the article at `index` was left, as a share of its lines.
    pub fn position(&self, index: usize) -> Option<f64> {
        self.get(index).and_then(|a| self.store.position(a.id))
    }

    /// Remembers where the article at `index` was left. Kept in memory until
    /// the next save (a read or star change, or [`Library::save`] at quit),
    /// so scrolling never writes to disk.
    pub fn set_position(&mut self, index: usize, fraction: f64) {
        if let Some(id) = self.get(index).map(|a| a.id) {
            self.store.set_position(id, fraction);
        }
    }

    /// The last session, as the state file had it (or as last set).
    pub fn session(&self) -> &Session {
        self.store.session()
    }

    /// Records the session (in memory until the next save).
    pub fn set_session(&mut self, session: Session) {
        self.store.set_session(session);
    }

    /// Writes pending changes to the state file (nothing if none).
    pub fn save(&self) -> std::io::Result<()> {
        self.store.save()
    }

    /// The first article with `id`.
    pub fn index_of(&self, id: ArticleId) -> Option<usize> {
        self.entries.iter().position(|a| a.id == id)
    }
}

#[cfg(test)]
mod tests;
