//! The work done off the UI thread and handed to the app as it comes: the
//! collection, loaded a batch at a time ([`ingest::spawn`]), then the search
//! index, built by the loader as it goes (or, for a collection loaded
//! before the app started, built here on a thread of its own).
//!
//! Adding a batch to the list redoes O(n) work on the UI thread (see
//! `library::append`), so batches that arrive together are added at once,
//! and less often as the collection grows: at most one addition per
//! [`MIN_GAP`] or per ten times what the last one took, whichever is
//! longer, so that keys keep being answered.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::app::App;
use crate::ingest::LoadEvent;
use crate::library::{Copies, Incoming};
use crate::search::Index;

/// The shortest time between two additions to the list.
pub const MIN_GAP: Duration = Duration::from_millis(100);

/// What is still to come from other threads.
pub struct Background {
    loader: Option<Receiver<LoadEvent>>,
    index: Option<Receiver<Index>>,
    /// The copies, looked for once everything is read.
    copies: Option<Receiver<Copies>>,
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
}

impl Background {
    /// Loading through `loader` (then indexing), or, with none, indexing
    /// the app's collection at once.
    pub fn start(app: &App, loader: Option<Receiver<LoadEvent>>, leave_if_empty: bool) -> Self {
        let index = loader.is_none().then(|| build_index(app));
        let all_read = loader.is_none();
        Background {
            loader,
            index,
            copies: None,
            waiting: Incoming::default(),
            index_ready: None,
            all_read,
            last: None,
            leave_if_empty,
        }
    }

    /// Whether anything is still to come.
    pub fn is_pending(&self) -> bool {
        self.loader.is_some() || self.index.is_some() || self.copies.is_some()
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
            self.copies = Some(group_copies(app));
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
        changed
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
                Ok(LoadEvent::Found { files, problems }) => app.found(files, problems),
                Ok(LoadEvent::Batch { files, incoming }) => {
                    let Incoming {
                        entries,
                        docs,
                        bodies,
                        problems,
                    } = incoming;
                    self.waiting.entries.extend(entries);
                    self.waiting.docs.extend(docs);
                    self.waiting.bodies.extend(bodies);
                    app.add(
                        Incoming {
                            problems,
                            ..Incoming::default()
                        },
                        files,
                    );
                }
                Ok(LoadEvent::Done) => self.all_read = true,
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
