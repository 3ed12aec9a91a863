//! The loading pipeline on a thread of its own: the walk, then the files a
//! chunk at a time ([`BATCH_FILES`]), each chunk on every core, its
//! articles and problems sent as soon as they are read.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};

use super::{Loaded, load_files, walk};
use crate::article::Problem;

/// Files read per [`LoadEvent::Batch`]: enough to keep every core busy,
/// few enough that the first headlines come at once.
pub const BATCH_FILES: usize = 256;

/// What the loading thread reports, in this order: `Found` once, a `Batch`
/// per chunk of files, then `Done`.
#[derive(Debug)]
pub enum LoadEvent {
    /// The walk is over: how many files it found, and what it could not read.
    Found {
        files: usize,
        problems: Vec<Problem>,
    },
    /// `files` more files were read; what they held.
    Batch { files: usize, loaded: Loaded },
    /// Every file was read.
    Done,
}

/// Loads `paths` on another thread; the events come over the returned
/// channel. Dropping the receiver stops the loading after the current chunk.
pub fn spawn(paths: Vec<PathBuf>) -> Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let found = walk::find_files(&paths);
        let files = found.files.len();
        let problems = found.problems;
        if tx.send(LoadEvent::Found { files, problems }).is_err() {
            return;
        }
        for chunk in found.files.chunks(BATCH_FILES) {
            let batch = LoadEvent::Batch {
                files: chunk.len(),
                loaded: load_files(chunk),
            };
            if tx.send(batch).is_err() {
                return;
            }
        }
        let _ = tx.send(LoadEvent::Done);
    });
    rx
}
