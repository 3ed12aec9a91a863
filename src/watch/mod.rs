//! Live reload, the watching half: tells which article files under the
//! opened folders (or which opened files) were added, changed or removed,
//! in batches, and helps load again a file caught half-written.
//!
//! ```no_run
//! # use byline::watch::{self, ChangeKind};
//! # let roots = vec![std::path::PathBuf::from("news")];
//! let watcher = watch::watch(&roots).expect("live reload off");
//! while let Some(batch) = watcher.try_recv() {
//!     for change in batch.expect("live reload trouble") {
//!         match change.kind {
//!             ChangeKind::Removed => { /* drop change.path and all under it */ }
//!             ChangeKind::Changed => { /* load change.path again */ }
//!         }
//!     }
//! }
//! ```
//!
//! What a batch holds:
//! - a file created, written or moved in: [`ChangeKind::Changed`];
//! - a file removed or moved away: [`ChangeKind::Removed`]; a rename is
//!   both, the old path removed and the new one changed;
//! - a folder removed or moved away: one `Removed` for the folder itself
//!   (and maybe some for files in it): **the consumer drops every article
//!   whose path is under it**;
//! - a folder created or moved in: `Changed` for each article file in it,
//!   found by walking it as loading does;
//! - never hidden files or folders, editors' temporary files or
//!   non-article assets (images, css, pdf, …) under an opened folder.
//!
//! Paths are the opened roots joined with the names below them, as the
//! loader makes them. Each path appears at most once in a batch, removals
//! first. What happened is read from the disk when the batch is made, so a
//! file created and deleted within one batch does not appear.
//!
//! Batches come [`QUIET`] after the last event of a burst, or at most
//! [`MAX_WAIT`] after its first, so within a second of any change.
//!
//! In an event loop, with a [`Retry`] beside the [`Watcher`]:
//! - wait for input no longer than ~100 ms (to look at the watcher) nor
//!   past [`Retry::next_deadline`];
//! - for each `Removed` path: drop its articles and all under it, and
//!   [`Retry::forget`] it;
//! - for each `Changed` path, and each path [`Retry::due`] hands out: load
//!   it with [`Attempt::read`], then [`Retry::judge`] what came: `Apply`
//!   replaces the file's articles and problems with the new ones, `Later`
//!   keeps what is shown (the path comes out of `due` again), `Gone` drops
//!   it as a removal;
//! - an `Err` batch is trouble to show on the status line; watching goes on.
//!
//! Why no debouncer crate: `notify-debouncer-mini` keeps only paths, and
//! inotify reports every open and read of a file, our own included, so
//! each reload would trigger the next. `notify-debouncer-full` keeps the
//! kinds but hands a burst over across several ticks and wakes every
//! quarter timeout even when nothing happens. `debounce.rs` is the few
//! lines we need, with the clock passed in so it is tested without waits.

mod debounce;
mod resolve;
mod retry;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

pub use debounce::{MAX_WAIT, QUIET};
pub use resolve::is_temporary;
pub use retry::{Attempt, Retry, Stamp, Verdict};

use debounce::Debounce;
use resolve::Roots;

/// One path that changed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Change {
    pub path: PathBuf,
    pub kind: ChangeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// There is a file there, new or written: load it (again).
    Changed,
    /// Nothing there any more: drop it, and, as it may have been a
    /// folder, everything under it.
    Removed,
}

/// Why watching could not start, or trouble while it runs. Its text fits
/// one status line after "live reload off: " (or "live reload: ").
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error(
        "too many folders to watch (the system's limit is reached; \
         raise fs.inotify.max_user_watches)"
    )]
    Limit,
    #[error("cannot watch {path}: {reason}")]
    Path { path: PathBuf, reason: String },
    #[error("{0}")]
    Other(String),
    #[error("some changes were missed (too many at once); open the folder again to see them")]
    Missed,
}

impl WatchError {
    fn from_notify(e: notify::Error, path: Option<&Path>) -> Self {
        match (&e.kind, path.or(e.paths.first().map(PathBuf::as_path))) {
            (notify::ErrorKind::MaxFilesWatch, _) => WatchError::Limit,
            (notify::ErrorKind::Io(io), _)
                if io.raw_os_error() == Some(28) && cfg!(target_os = "linux") =>
            {
                // ENOSPC from inotify_add_watch: out of watches.
                WatchError::Limit
            }
            (_, Some(path)) => WatchError::Path {
                path: path.to_path_buf(),
                reason: notify_reason(&e),
            },
            (_, None) => WatchError::Other(notify_reason(&e)),
        }
    }
}

fn notify_reason(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::Generic(s) => s.clone(),
        notify::ErrorKind::Io(io) => io.to_string(),
        notify::ErrorKind::PathNotFound => "not found".into(),
        notify::ErrorKind::WatchNotFound => "not watched".into(),
        notify::ErrorKind::InvalidConfig(_) => "invalid configuration".into(),
        notify::ErrorKind::MaxFilesWatch => "too many files to watch".into(),
    }
}

/// What the watcher sends: a batch of changes, or trouble (not fatal:
/// watching goes on).
pub type Batch = Result<Vec<Change>, WatchError>;

/// Watches the roots until dropped.
pub struct Watcher {
    /// Dropping it stops the platform's watching, which ends the thread
    /// that makes the batches.
    _notify: RecommendedWatcher,
    batches: Receiver<Batch>,
}

impl Watcher {
    /// The next batch, if one is waiting; never blocks.
    pub fn try_recv(&self) -> Option<Batch> {
        self.batches.try_recv().ok()
    }

    /// The next batch, waiting up to `timeout` for it.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Batch> {
        self.batches.recv_timeout(timeout).ok()
    }

    /// The channel itself, for loops that wait on it.
    pub fn receiver(&self) -> &Receiver<Batch> {
        &self.batches
    }
}

/// Starts watching `roots`: folders with everything under them, files on
/// their own (through their folder, so a file replaced by a rename is
/// still seen). Roots that do not exist are skipped. An error means no
/// live reload; the app shows it and goes on.
pub fn watch(roots: &[PathBuf]) -> Result<Watcher, WatchError> {
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut notify =
        notify::recommended_watcher(raw_tx).map_err(|e| WatchError::from_notify(e, None))?;
    let kept = split(roots);
    for (target, mode) in targets(&kept) {
        notify
            .watch(&target, mode)
            .map_err(|e| WatchError::from_notify(e, Some(&target)))?;
    }
    let (tx, batches) = mpsc::channel();
    std::thread::Builder::new()
        .name("byline watch".into())
        .spawn(move || run(raw_rx, tx, kept))
        .map_err(|e| WatchError::Other(format!("cannot start a thread: {e}")))?;
    Ok(Watcher {
        _notify: notify,
        batches,
    })
}

/// The roots that exist, sorted into folders and files.
fn split(roots: &[PathBuf]) -> Roots {
    let mut kept = Roots::default();
    for root in roots {
        match std::fs::metadata(root) {
            Ok(m) if m.is_dir() => kept.dirs.push(root.clone()),
            Ok(_) => kept.files.push(root.clone()),
            Err(_) => {}
        }
    }
    kept
}

/// What to hand the platform watcher: each folder with all under it, but
/// none inside another one; the folder of each file not inside one of
/// those, on its own. Watching a path twice could change how it is watched.
fn targets(roots: &Roots) -> Vec<(PathBuf, RecursiveMode)> {
    let mut dirs = roots.dirs.clone();
    dirs.sort_by_key(|d| d.components().count());
    let mut out: Vec<(PathBuf, RecursiveMode)> = Vec::new();
    for dir in dirs {
        if !out.iter().any(|(d, _)| dir.starts_with(d)) {
            out.push((dir, RecursiveMode::Recursive));
        }
    }
    let recursive = out.len();
    for file in &roots.files {
        let parent = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let covered = out[..recursive].iter().any(|(d, _)| parent.starts_with(d));
        if !covered && !out.iter().any(|(d, _)| *d == parent) {
            out.push((parent, RecursiveMode::NonRecursive));
        }
    }
    out
}

/// Gathers the raw events into batches until the platform watcher or the
/// consumer goes away.
fn run(raw: Receiver<notify::Result<notify::Event>>, out: Sender<Batch>, roots: Roots) {
    let mut debounce = Debounce::default();
    loop {
        let got = match debounce.deadline() {
            Some(deadline) => raw.recv_timeout(deadline.saturating_duration_since(Instant::now())),
            None => raw.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match got {
            Ok(Ok(event)) => debounce.add(&event, Instant::now()),
            Ok(Err(e)) => {
                if out.send(Err(WatchError::from_notify(e, None))).is_err() {
                    return;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if let Some(pending) = debounce.take(Instant::now()) {
            if pending.missed && out.send(Err(WatchError::Missed)).is_err() {
                return;
            }
            let changes = resolve::changes(&roots, pending.paths);
            if !changes.is_empty() && out.send(Ok(changes)).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(v: &[&str]) -> Vec<PathBuf> {
        v.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn nested_roots_are_watched_once() {
        let roots = Roots {
            dirs: paths(&["/n/2024", "/n", "/m"]),
            files: paths(&["/n/x/a.txt", "/o/b.txt", "/o/c.txt", "d.txt"]),
        };
        let got = targets(&roots);
        let want = vec![
            (PathBuf::from("/n"), RecursiveMode::Recursive),
            (PathBuf::from("/m"), RecursiveMode::Recursive),
            (PathBuf::from("/o"), RecursiveMode::NonRecursive),
            (PathBuf::from("."), RecursiveMode::NonRecursive),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn running_out_of_watches_reads_as_one_line() {
        let e = notify::Error::new(notify::ErrorKind::MaxFilesWatch);
        let e = WatchError::from_notify(e, Some(Path::new("/n")));
        assert!(matches!(e, WatchError::Limit));
        let enospc = notify::Error::io(std::io::Error::from_raw_os_error(28));
        if cfg!(target_os = "linux") {
            assert!(matches!(
                WatchError::from_notify(enospc, None),
                WatchError::Limit
            ));
        }
        let text = format!("live reload off: {}", WatchError::Limit);
        assert!(
            text.contains("max_user_watches") && !text.contains('\n'),
            "{text}"
        );
    }

    #[test]
    fn other_failures_name_the_path() {
        let e = notify::Error::path_not_found();
        let e = WatchError::from_notify(e, Some(Path::new("/n/gone")));
        assert_eq!(e.to_string(), "cannot watch /n/gone: not found");
    }
}
