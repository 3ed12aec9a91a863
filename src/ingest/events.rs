//! The loading pipeline on a thread of its own: the walk, then the files in
//! chunks ([`BATCH_FILES`]) shared out over every core. Each chunk is read,
//! parsed, cleaned and indexed on its core; then, in one short step taken
//! by one chunk at a time, it is given its document numbers and sent on:
//! its entries (and bodies, while they fit the budget of
//! [`bodies::KEPT_BYTES`]) to the app, its index to the indexing thread,
//! which joins the chunks in number order and sends the finished index
//! last. No core waits for another between chunks, and no body outlives
//! its chunk unless it is kept.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use rayon::prelude::*;

use super::{Loaded, load_file, walk};
use crate::article::Problem;
use crate::library::bodies::{self, KEPT_BYTES};
use crate::library::{Incoming, index_parts};
use crate::search::{DocId, Index, IndexBuilder};

/// Files read per [`LoadEvent::Batch`], one after another on one core:
/// few enough that the first headlines come at once.
pub const BATCH_FILES: usize = 128;

/// What the loading thread reports, in this order: `Found` once, a `Batch`
/// per chunk of files, `Done`, then `Indexed`.
#[derive(Debug)]
pub enum LoadEvent {
    /// The walk is over: how many files it found, and what it could not read.
    Found {
        files: usize,
        problems: Vec<Problem>,
    },
    /// `files` more files were read; what they held.
    Batch { files: usize, incoming: Incoming },
    /// Every file was read.
    Done,
    /// The search index of everything sent.
    Indexed(Index),
}

/// What one chunk's step of numbering and sending needs.
struct Outbox {
    next_doc: DocId,
    events: Sender<LoadEvent>,
    index: Sender<(DocId, IndexBuilder)>,
}

/// Loads `paths` on another thread, numbering articles from `first_doc`;
/// the events come over the returned channel. Dropping the receiver stops
/// the loading after the current chunk.
pub fn spawn(paths: Vec<PathBuf>, first_doc: DocId) -> Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let found = walk::find_files(&paths);
        let files = found.files.len();
        let problems = found.problems;
        if tx.send(LoadEvent::Found { files, problems }).is_err() {
            return;
        }
        let (index_tx, index_rx) = mpsc::channel::<(DocId, IndexBuilder)>();
        let indexer = {
            let tx = tx.clone();
            std::thread::spawn(move || {
                let mut index = IndexBuilder::new();
                for (first, chunk) in index_rx {
                    // Chunks come in number order, so this cannot fail.
                    let _ = index.append(chunk.shifted(first));
                }
                let _ = tx.send(LoadEvent::Indexed(index.finish()));
            })
        };
        let outbox = Mutex::new(Outbox {
            next_doc: first_doc,
            events: tx.clone(),
            index: index_tx,
        });
        let budget = AtomicUsize::new(KEPT_BYTES);
        let sent = found
            .files
            .par_chunks(BATCH_FILES)
            .try_for_each(|chunk| send_chunk(chunk, &outbox, &budget));
        drop(outbox);
        if sent.is_ok() {
            let _ = tx.send(LoadEvent::Done);
            let _ = indexer.join();
        }
    });
    rx
}

/// Reads, cleans and indexes `chunk`, then numbers and sends it; `Err`
/// when nobody listens any more.
fn send_chunk(chunk: &[PathBuf], outbox: &Mutex<Outbox>, budget: &AtomicUsize) -> Result<(), ()> {
    let mut loaded = Loaded::default();
    for file in chunk {
        loaded.extend(load_file(file));
    }
    let mut index = IndexBuilder::new();
    for (k, article) in loaded.articles.iter().enumerate() {
        // Numbered from 0 in order, so this cannot fail.
        let _ = index.add(k as DocId, index_parts(article));
    }
    let mut incoming = Incoming::numbered(loaded.articles, 0);
    incoming.problems = loaded.problems;
    for body in &mut incoming.bodies {
        if !body
            .as_ref()
            .is_some_and(|b| take(budget, bodies::size_of(b)))
        {
            *body = None;
        }
    }
    let count = incoming.docs.len() as DocId;
    let mut out = outbox.lock().map_err(|_| ())?;
    let first = out.next_doc;
    out.next_doc += count;
    incoming.docs.iter_mut().for_each(|d| *d += first);
    out.index.send((first, index)).map_err(|_| ())?;
    let files = chunk.len();
    out.events
        .send(LoadEvent::Batch { files, incoming })
        .map_err(|_| ())
}

/// Takes `size` bytes from the budget if that many are left.
fn take(budget: &AtomicUsize, size: usize) -> bool {
    budget
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
            left.checked_sub(size)
        })
        .is_ok()
}
