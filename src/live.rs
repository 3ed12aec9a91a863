//! Live reload: the opened folders are watched ([`crate::watch`]); files
//! that changed are read again on a thread of their own (so keys are
//! answered meanwhile), a file caught half-written is tried again a little
//! later ([`Retry`]) rather than reported broken, and what they hold
//! replaces what they held ([`App::reload`]). The new articles are then
//! added to the search index on another thread (a small index of them,
//! merged into the big one), one extension at a time.
//!
//! Watching starts once the first load is over ([`Live::start`]): setting
//! it up looks at every file under the folders, and while it is set up
//! the loading's own reads would be reported as changes, so starting it
//! sooner only slowed the loading down. What changed meanwhile is found
//! by walking again once watching is on, and comparing with what the
//! loading's walk found ([`changes_since`]): nothing is missed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::{Duration, Instant};

use crate::app::App;
use crate::article::Article;
use crate::cache::Stamp;
use crate::ingest::{self, Loaded};
use crate::library::build_index;
use crate::search::Index;
use crate::watch::{self, Attempt, Change, ChangeKind, Retry, Verdict, WatchError, Watcher};

/// The files a walk found, with their stamps.
pub type Walked = Arc<Vec<(PathBuf, Stamp)>>;

/// A watcher set up, with what changed since the loading's walk.
type Started = Result<(Watcher, Vec<Change>), WatchError>;

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
    starting: Option<Receiver<Started>>,
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
    /// `walked` is what the loading's walk found, if it was walked: once
    /// watching is on, the files changed, added or removed since then are
    /// handed over as if the watcher had seen them.
    pub fn start(roots: &[PathBuf], walked: Option<Walked>) -> Live {
        let (ready, starting) = mpsc::channel();
        let roots = roots.to_vec();
        std::thread::spawn(move || {
            let _ = ready.send(begin(&roots, walked));
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
        let mut batches = Vec::new();
        if let Some(rx) = &self.starting {
            match rx.try_recv() {
                Ok(Ok((watcher, missed))) => {
                    self.watcher = Some(watcher);
                    batches.push(Ok(missed));
                }
                Ok(Err(e)) => app.set_message(format!("live reload off: {e}")),
                Err(TryRecvError::Empty) => return false,
                Err(TryRecvError::Disconnected) => {}
            }
            self.starting = None;
        }
        let Some(watcher) = &self.watcher else {
            return false;
        };
        batches.extend(std::iter::from_fn(|| watcher.try_recv()));
        let mut gone = Vec::new();
        let mut read = self.retry.due(Instant::now());
        for batch in batches {
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

/// Watches `roots`, then walks them again to tell what changed since
/// `walked` (if given): a change made before the watching began is in the
/// result, one made after is the watcher's to report.
fn begin(roots: &[PathBuf], walked: Option<Walked>) -> Started {
    let watcher = watch::watch(roots)?;
    let missed = walked.map_or_else(Vec::new, |walked| {
        changes_since(&walked, &ingest::find_stamped(roots).files)
    });
    Ok((watcher, missed))
}

/// What changed between two walks, as the watcher would say it: the files
/// of `before` no longer found (removals first), then those found `now`
/// new or with another stamp.
pub fn changes_since(before: &[(PathBuf, Stamp)], now: &[(PathBuf, Stamp)]) -> Vec<Change> {
    let mut known: HashMap<&Path, Stamp> = before.iter().map(|(p, s)| (p.as_path(), *s)).collect();
    let changed: Vec<Change> = now
        .iter()
        .filter(|(path, stamp)| known.remove(path.as_path()) != Some(*stamp))
        .map(|(path, _)| Change {
            path: path.clone(),
            kind: ChangeKind::Changed,
        })
        .collect();
    // In `before`'s order, so that the result does not depend on hashing.
    let mut out: Vec<Change> = before
        .iter()
        .filter(|(path, _)| known.remove(path.as_path()).is_some())
        .map(|(path, _)| Change {
            path: path.clone(),
            kind: ChangeKind::Removed,
        })
        .collect();
    out.extend(changed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(size: u64) -> Stamp {
        Stamp { size, mtime_ns: 7 }
    }

    fn walk(files: &[(&str, u64)]) -> Vec<(PathBuf, Stamp)> {
        files
            .iter()
            .map(|(p, n)| (PathBuf::from(p), stamp(*n)))
            .collect()
    }

    #[test]
    fn changes_since_a_walk_are_removals_then_new_or_changed_files() {
        let before = walk(&[("/n/a", 1), ("/n/b", 2), ("/n/c", 3), ("/n/d", 4)]);
        let now = walk(&[("/n/a", 1), ("/n/c", 30), ("/n/e", 5)]);
        let got = changes_since(&before, &now);
        let want = [
            ("/n/b", ChangeKind::Removed),
            ("/n/d", ChangeKind::Removed),
            ("/n/c", ChangeKind::Changed),
            ("/n/e", ChangeKind::Changed),
        ];
        let want: Vec<Change> = want
            .iter()
            .map(|(p, kind)| Change {
                path: PathBuf::from(p),
                kind: *kind,
            })
            .collect();
        assert_eq!(got, want);
        assert!(changes_since(&now, &now).is_empty());
    }

    #[test]
    fn what_changed_before_watching_began_is_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("a.txt", "A\n\nText.\n");
        write("b.txt", "B\n\nText.\n");
        let roots = vec![dir.path().to_path_buf()];
        let walked = Arc::new(ingest::find_stamped(&roots).files);
        write("c.txt", "C\n\nText.\n");
        std::fs::remove_file(dir.path().join("b.txt")).unwrap();
        let (_watcher, missed) = begin(&roots, Some(walked)).unwrap();
        let path = |name: &str| dir.path().join(name);
        let want = vec![
            Change {
                path: path("b.txt"),
                kind: ChangeKind::Removed,
            },
            Change {
                path: path("c.txt"),
                kind: ChangeKind::Changed,
            },
        ];
        assert_eq!(missed, want);
        let (_watcher, missed) = begin(&roots, None).unwrap();
        assert!(missed.is_empty());
    }
}
