//! The work done off the UI thread and handed to the app as it comes: the
//! collection, loaded a batch at a time ([`crate::ingest::spawn`]), then the search
//! index, built by the loader as it goes (or, for a collection loaded
//! before the app started, built here on a thread of its own).
//!
//! Once everything is read, indexed and grouped, what was learned is saved
//! to the cache on a thread of its own ([`crate::cache`]), unless the cache
//! already held it all.
//!
//! Adding a batch to the list still moves O(n) memory on the UI thread
//! (see `library::append`), so batches that arrive together are added at
//! once, and less often as the collection grows: at most one addition per
//! [`MIN_GAP`] or per ten times what the last one took, whichever is
//! longer, so that keys keep being answered.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::app::App;
use crate::cache;
use crate::ingest::FIRST_SCREEN;
use crate::ingest::LoadEvent;
use crate::library::{Copies, Incoming};
use crate::live::Walked;
use crate::search::Index;

/// The shortest time between two additions to the list.
pub const MIN_GAP: Duration = Duration::from_millis(40);

/// What is still to come from other threads.
pub struct Background {
    loader: Option<Receiver<LoadEvent>>,
    index: Option<Receiver<Index>>,
    /// The copies, looked for once everything is read and indexed.
    copies: Option<Receiver<Copies>>,
    /// The copies are to be looked for once the index is in: not both at
    /// once, which would hold the index's building and the bodies' word
    /// sets in memory together.
    copies_due: bool,
    /// Articles received but not yet added to the list.
    waiting: Incoming,
    /// Every file was read (the index may still be coming).
    all_read: bool,
    /// The index came before the last articles were added.
    index_ready: Option<Index>,
    /// When the last addition ended, and how long it took.
    last: Option<(Instant, Duration)>,
    /// Leave when loading ends with nothing read.
    leave_if_empty: bool,
    /// Where to save what was learned.
    cache: Option<PathBuf>,
    /// The walk's stamps: saved with it, then handed to live reload.
    stamps: Option<Walked>,
    /// The copies the cache had; `None` when there was no cache.
    cached_copies: Option<Copies>,
    /// Files were read or dropped since the cache was made (or there was none).
    changed: bool,
    /// Says when the cache is saved (it is saved on one of rayon's
    /// threads, whose memory freed by the loading it can take again: a
    /// thread of its own would take more from the system).
    saving: Option<Receiver<()>>,
}

impl Background {
    /// Loading through `loader` (then indexing), or, with none, indexing
    /// the app's collection at once.
    pub fn start(app: &App, loader: Option<Receiver<LoadEvent>>, leave_if_empty: bool) -> Self {
        Self::with_cache(app, loader, leave_if_empty, None)
    }

    /// [`Background::start`], saving what was learned to the cache file
    /// `cache` once all is done.
    pub fn with_cache(
        app: &App,
        loader: Option<Receiver<LoadEvent>>,
        leave_if_empty: bool,
        cache: Option<PathBuf>,
    ) -> Self {
        let index = loader.is_none().then(|| build_index(app));
        let all_read = loader.is_none();
        Background {
            loader,
            index,
            copies: None,
            copies_due: false,
            waiting: Incoming::default(),
            index_ready: None,
            all_read,
            last: None,
            leave_if_empty,
            cache,
            stamps: None,
            cached_copies: None,
            changed: false,
            saving: None,
        }
    }

    /// Whether anything is still to come.
    pub fn is_pending(&self) -> bool {
        self.loader.is_some() || self.index.is_some() || self.copies.is_some() || self.copies_due
    }

    /// Hands the app what has arrived; returns whether anything changed.
    pub fn poll(&mut self, app: &mut App) -> bool {
        let mut changed = self.receive(app);
        let due = self
            .last
            .is_none_or(|(end, cost)| end.elapsed() >= MIN_GAP.max(cost * 10));
        if !self.waiting.entries.is_empty() && (due || self.all_read) {
            let start = Instant::now();
            app.add(std::mem::take(&mut self.waiting), 0);
            self.last = Some((Instant::now(), start.elapsed()));
            changed = true;
        }
        let loaded = self.all_read && self.waiting.entries.is_empty();
        if loaded && app.loading().is_some() {
            app.end_loading();
            match self.cached_copies.take() {
                // Nothing changed since the cache: its copies, set when
                // they came, hold.
                Some(_) if !self.changed => app.copies_found(),
                _ => self.copies_due = true,
            }
            if self.leave_if_empty && app.library().is_empty() {
                app.quit = true;
            }
            changed = true;
        }
        if let Some(rx) = &self.copies {
            match rx.try_recv() {
                Ok(copies) => {
                    app.set_copies(copies);
                    self.copies = None;
                    changed = true;
                }
                Err(TryRecvError::Disconnected) => self.copies = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        if loaded && let Some(index) = self.index_ready.take() {
            app.set_index(index);
            changed = true;
        }
        if let Some(rx) = &self.index {
            match rx.try_recv() {
                Ok(index) => {
                    app.set_index(index);
                    self.index = None;
                    changed = true;
                }
                Err(TryRecvError::Disconnected) => self.index = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        if self.copies_due && self.loader.is_none() && self.index.is_none() {
            self.copies_due = false;
            self.copies = Some(group_copies(app));
        }
        self.save_when_done(app);
        changed
    }

    /// Once everything is read, indexed and grouped, saves it to the cache
    /// on another thread (if anything changed since the cache was made).
    fn save_when_done(&mut self, app: &App) {
        let settled = self.loader.is_none()
            && self.copies.is_none()
            && !self.copies_due
            && !app.is_grouping();
        if settled {
            self.save(app, true);
        }
    }

    /// Saves what was learned to the cache on one of rayon's threads, once
    /// everything is read and indexed (if anything changed since the cache
    /// was made); the copies too when `with_copies`, else they are left to
    /// be looked for at the next opening.
    fn save(&mut self, app: &App, with_copies: bool) {
        if self.loader.is_some() || app.loading().is_some() || !self.changed {
            return;
        }
        let (Some(path), Some(index)) = (self.cache.take(), app.index()) else {
            return;
        };
        let Some(stamps) = self.stamps.clone() else {
            return;
        };
        let library = app.library();
        let entries = library.shared_entries();
        let docs = library.docs().to_vec();
        let problems = library.problems().to_vec();
        let copies = with_copies.then(|| library.current_copies());
        let (done, saved) = mpsc::channel();
        self.saving = Some(saved);
        rayon::spawn(move || {
            let records = cache::records_of(&entries, &docs, &problems, &stamps);
            // No bytes: not looked for.
            let copies = copies.map(|c| c.to_bytes()).unwrap_or_default();
            let index = |out: &mut dyn std::io::Write| index.write_to(out);
            // A cache that cannot be written is only a slower next start.
            if cache::save_refs(&path, &records, &index, &copies).is_ok() {
                let (first, docs) = cache::first_screen(&entries, &docs, FIRST_SCREEN);
                let _ = cache::save_head(&path, &first, &docs);
            }
            let _ = done.send(());
        });
    }

    /// What the loading's walk found, once nothing is to come (for live
    /// reload, to tell what changed since); `None` before, or when
    /// nothing was walked.
    pub fn take_walked(&mut self) -> Option<Walked> {
        if self.is_pending() {
            return None;
        }
        self.stamps.take()
    }

    /// Waits for the cache to be saved, if it is being saved (at quit).
    /// Quitting while the copies are still looked for saves what was read
    /// and indexed all the same, so that the next opening reads nothing
    /// again (it looks for the copies).
    pub fn finish(mut self, app: &App) {
        if self.saving.is_none() {
            self.save(app, false);
        }
        if let Some(saved) = self.saving {
            // An error means the saving ended without a word (it panicked).
            let _ = saved.recv();
        }
    }

    /// Takes every load event waiting: progress and problems go to the app
    /// at once, articles wait for the next addition.
    fn receive(&mut self, app: &mut App) -> bool {
        let Some(rx) = &self.loader else {
            return false;
        };
        let mut changed = false;
        loop {
            match rx.try_recv() {
                Ok(LoadEvent::Cached(incoming)) => {
                    if let Some(progress) = app.loading.as_mut() {
                        progress.cached = true;
                    }
                    wait(&mut self.waiting, app, incoming, 0);
                    // Drawn before the rest is taken in.
                    return true;
                }
                Ok(LoadEvent::CachedCopies(copies)) => match copies {
                    Some(copies) => {
                        // The copies hold once all the cached articles are in.
                        app.add(std::mem::take(&mut self.waiting), 0);
                        app.set_copies(copies.clone());
                        self.cached_copies = Some(copies);
                    }
                    // Not looked for (`byline list` made the cache).
                    None => self.changed = true,
                },
                Ok(LoadEvent::Found { files, problems }) => {
                    self.changed |= self.cached_copies.is_none() || files > 0;
                    app.found(files, problems);
                }
                Ok(LoadEvent::Gone(paths)) => {
                    self.changed = true;
                    app.reload(paths, Vec::new());
                }
                Ok(LoadEvent::Batch {
                    files,
                    incoming,
                    replaces,
                }) if !replaces.is_empty() => {
                    // Files changed since the cache: their new articles take
                    // the old ones' places (and selection) at once.
                    self.changed = true;
                    app.add(std::mem::take(&mut self.waiting), 0);
                    app.replace(replaces, incoming);
                    app.add(Incoming::default(), files);
                }
                Ok(LoadEvent::Batch {
                    files, incoming, ..
                }) => wait(&mut self.waiting, app, incoming, files),
                Ok(LoadEvent::Done { stamps }) => {
                    self.stamps = Some(std::sync::Arc::new(stamps));
                    self.all_read = true;
                }
                Ok(LoadEvent::Indexed(index)) => {
                    self.index_ready = Some(index);
                    self.all_read = true;
                    self.loader = None;
                    return true;
                }
                Err(TryRecvError::Disconnected) => {
                    self.all_read = true;
                    self.loader = None;
                    return true;
                }
                Err(TryRecvError::Empty) => return changed,
            }
            changed = true;
        }
    }
}

/// Keeps `incoming`'s articles for the next addition; its problems and
/// the count of `files` read go to the app at once.
fn wait(waiting: &mut Incoming, app: &mut App, incoming: Incoming, files: usize) {
    let problems = waiting.extend(incoming);
    app.add(
        Incoming {
            problems,
            ..Incoming::default()
        },
        files,
    );
}

/// Starts looking for copies of one story on another thread; they come
/// back over the returned channel.
fn group_copies(app: &App) -> Receiver<Copies> {
    let job = app.library().copy_job();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(job.run());
    });
    rx
}

/// Starts indexing the app's collection on another thread; the index comes
/// back over the returned channel.
fn build_index(app: &App) -> Receiver<Index> {
    let bodies = app.library().bodies_for_index();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(crate::library::build_index(&bodies));
    });
    rx
}
