//! Live reload: the opened folders are watched ([`crate::watch`]); files
//! that changed are read again on a thread of their own (so keys are
//! answered meanwhile), a file caught half-written is tried again a little
//! later ([`Retry`]) rather than reported broken, and what they hold
//! replaces what they held ([`App::reload`]). The new articles are then
//! added to the search index on another thread (a small index of them,
//! merged into the big one), one extension at a time.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::{Duration, Instant};

use crate::app::App;
use crate::article::Article;
use crate::ingest::{self, Loaded};
use crate::library::build_index;
use crate::search::Index;
use crate::watch::{self, Attempt, ChangeKind, Retry, Verdict, WatchError, Watcher};

/// A file read again, with how its stamp looked around the read.
struct Reread {
    path: PathBuf,
    loaded: Loaded,
    attempt: Attempt,
}

/// The watcher and what its changes set going.
pub struct Live {
    /// Set up on another thread (watching a large tree takes a while).
    watcher: Option<Watcher>,
    starting: Option<Receiver<Result<Watcher, WatchError>>>,
    retry: Retry,
    reader: Sender<Vec<PathBuf>>,
    reread: Receiver<Vec<Reread>>,
    /// Files sent to be read and not back yet.
    reading: usize,
    /// New articles the index does not know yet.
    to_index: Vec<(u32, Arc<Article>)>,
    /// The index being extended.
    indexing: Option<Receiver<Index>>,
}

impl Live {
    /// Starts watching `roots` (on another thread: a large tree takes a
    /// while); if that fails, the app is told why live reload is off.
    pub fn start(roots: &[PathBuf]) -> Live {
        let (ready, starting) = mpsc::channel();
        let roots = roots.to_vec();
        std::thread::spawn(move || {
            let _ = ready.send(watch::watch(&roots));
        });
        let (reader, jobs) = mpsc::channel::<Vec<PathBuf>>();
        let (done, reread) = mpsc::channel();
        std::thread::spawn(move || {
            for paths in jobs {
                let read = paths.into_iter().map(|path| {
                    let (loaded, attempt) = Attempt::read(&path, ingest::load_file);
                    Reread {
                        path,
                        loaded,
                        attempt,
                    }
                });
                if done.send(read.collect()).is_err() {
                    return;
                }
            }
        });
        Live {
            watcher: None,
            starting: Some(starting),
            retry: Retry::default(),
            reader,
            reread,
            reading: 0,
            to_index: Vec::new(),
            indexing: None,
        }
    }

    /// Hands the app what changed; returns whether anything did.
    pub fn poll(&mut self, app: &mut App) -> bool {
        if let Some(rx) = &self.starting {
            match rx.try_recv() {
                Ok(Ok(watcher)) => self.watcher = Some(watcher),
                Ok(Err(e)) => app.set_message(format!("live reload off: {e}")),
                Err(TryRecvError::Empty) => return false,
                Err(TryRecvError::Disconnected) => {}
            }
            self.starting = None;
        }
        let Some(watcher) = &self.watcher else {
            return false;
        };
        let mut gone = Vec::new();
        let mut read = self.retry.due(Instant::now());
        while let Some(batch) = watcher.try_recv() {
            match batch {
                Ok(changes) => {
                    for change in changes {
                        match change.kind {
                            ChangeKind::Removed => {
                                self.retry.forget(&change.path);
                                gone.push(change.path);
                            }
                            ChangeKind::Changed => read.push(change.path),
                        }
                    }
                }
                Err(e) => app.set_message(format!("live reload: {e}")),
            }
        }
        if !read.is_empty() {
            self.reading += read.len();
            let _ = self.reader.send(read);
        }
        let mut fresh = Vec::new();
        while let Ok(rereads) = self.reread.try_recv() {
            self.reading = self.reading.saturating_sub(rereads.len());
            for r in rereads {
                let broken = !r.loaded.problems.is_empty();
                match self
                    .retry
                    .judge(&r.path, &r.attempt, broken, Instant::now())
                {
                    Verdict::Apply => fresh.push((r.path, r.loaded)),
                    Verdict::Later => {}
                    Verdict::Gone => gone.push(r.path),
                }
            }
        }
        let changed = !gone.is_empty() || !fresh.is_empty();
        if changed {
            let added = app.reload(gone, fresh);
            self.to_index.extend(added);
        }
        self.index(app) || changed
    }

    /// Extends the search index with the new articles, one extension at
    /// a time; returns whether a finished one was handed to the app.
    fn index(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        if let Some(rx) = &self.indexing {
            match rx.try_recv() {
                Ok(index) => {
                    app.set_index(index);
                    self.indexing = None;
                    changed = true;
                }
                Err(TryRecvError::Disconnected) => self.indexing = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        if self.indexing.is_none()
            && !self.to_index.is_empty()
            && let Some(index) = app.index()
        {
            let mut bodies = std::mem::take(&mut self.to_index);
            bodies.sort_unstable_by_key(|(doc, _)| *doc);
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                let more = build_index(&bodies);
                if let Ok(merged) = index.merged(&more) {
                    let _ = tx.send(merged);
                }
            });
            self.indexing = Some(rx);
        }
        changed
    }

    /// Whether work is under way (a read, an index extension).
    pub fn is_busy(&self) -> bool {
        self.reading > 0 || self.indexing.is_some() || self.starting.is_some()
    }

    /// How long the event loop may wait for a key before polling again.
    pub fn patience(&self) -> Duration {
        const WATCH_POLL: Duration = Duration::from_millis(100);
        if self.is_busy() {
            return Duration::from_millis(20);
        }
        let retry = self
            .retry
            .next_deadline()
            .map(|t| t.saturating_duration_since(Instant::now()));
        retry.map_or(WATCH_POLL, |r| r.min(WATCH_POLL))
    }
}
