//! The loading pipeline on a thread of its own: the walk, then the files in
//! chunks ([`BATCH_FILES`]) shared out over every core, each chunk's
//! articles and problems sent as soon as it is read (in no set order: the
//! library sorts them). No core waits for another between chunks.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};

use rayon::prelude::*;

use super::{Loaded, load_file, walk};
use crate::article::Problem;

/// Files read per [`LoadEvent::Batch`], one after another on one core:
/// few enough that the first headlines come at once.
pub const BATCH_FILES: usize = 128;

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
        let sent =
            found
                .files
                .par_chunks(BATCH_FILES)
                .try_for_each_with(tx.clone(), |tx, chunk| {
                    let mut loaded = Loaded::default();
                    for file in chunk {
                        loaded.extend(load_file(file));
                    }
                    let files = chunk.len();
                    tx.send(LoadEvent::Batch { files, loaded })
                });
        // Stopped early when the receiver is gone: then nobody is told.
        if sent.is_ok() {
            let _ = tx.send(LoadEvent::Done);
        }
    });
    rx
}
