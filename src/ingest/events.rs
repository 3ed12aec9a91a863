//! The loading pipeline on a thread of its own, for the reader:
//!
//! 1. The cache of the last opening, if any ([`crate::cache`]): the first
//!    screen's articles from its small head file at once, then the rest
//!    (`Cached`), so the list is there before the folders are even walked.
//!    Without one, the first few files are found and read first
//!    (`walk::peek`), for the same reason.
//! 2. The walk, with each file's size and modification time (beside the
//!    reading of the cache); compared with the cache, it tells which files
//!    are new or changed (read again; a changed one's `Batch` says what it
//!    replaces) and which went (`Gone`: what was read from them is dropped).
//!    Without a cache, the walk does not look at the files: each takes its
//!    stamp as it is read.
//! 3. The files to read, in chunks ([`BATCH_FILES`]) shared out over every
//!    core. Each chunk is read, parsed and cleaned on its core; then, in
//!    one short step taken by one chunk at a time, it is given its document
//!    numbers and sent on: its entries (and bodies, while they fit the
//!    budget of [`bodies::KEPT_BYTES`]) to the app. Last, still on its
//!    core, it is indexed into one of a few builders (about one per core),
//!    each handed out in that same step, so that each gets its documents
//!    in number order.
//! 4. `Done`, with the files' stamps (for the next cache), then the index
//!    of everything (the builders merged and finished on the indexing
//!    thread, and the cached one, read only now, merged with that).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::{Chunk, Keep, load_chunk, walk};
use crate::article::{Article, Problem};
use crate::cache::{self, Stamp};
use crate::library::bodies::{self, KEPT_BYTES};
use crate::library::{Copies, Incoming, index_parts};
use crate::search::{DocId, Index, IndexBuilder};

/// Files read per [`LoadEvent::Batch`], one after another on one core:
/// few enough that the first headlines come at once.
pub const BATCH_FILES: usize = 128;

/// Files read before the walk, so the first headlines come at once.
const PEEK_FILES: usize = 32;

/// Cached articles sent ahead of the others (and kept in the cache's head
/// file for that): more than a screen's worth.
pub const FIRST_SCREEN: usize = 200;

/// Bytes of the bodies' budget ([`KEPT_BYTES`]) left below which it
/// counts as spent: the chunks read after that keep no body (a body that
/// small would be read again quickly anyway).
const SPENT: usize = 64 << 10;

/// A cached index with more than this share of its documents no longer in
/// the collection (files changed or removed since) is built afresh.
const MAX_STALE: f64 = 0.25;

/// What the loading thread reports, in this order: `Cached` (if there was
/// a cache), then `Found` (and `Gone`, if anything changed), a `Batch` per
/// chunk of files read, `Done`, then `Indexed`. Without a cache, a first
/// `Batch` may come before `Found`.
#[derive(Debug)]
pub enum LoadEvent {
    /// Articles of the last opening, newest first: the first few at once
    /// (the first frame's), then the rest.
    Cached(Incoming),
    /// After the last `Cached`: the copies among them, if they were looked
    /// for.
    CachedCopies(Option<Copies>),
    /// The walk is over: how many files are to be read, and what it could
    /// not read.
    Found {
        files: usize,
        problems: Vec<Problem>,
    },
    /// Files whose cached articles are out of date: what was read from
    /// them is dropped (those still there are read again).
    Gone(Vec<PathBuf>),
    /// `files` more files were read; what they held. What the cache had
    /// from the files of `replaces` (changed since) is to be dropped.
    Batch {
        files: usize,
        incoming: Incoming,
        replaces: Vec<PathBuf>,
    },
    /// Every file was read; the walk's files with their stamps (taken by
    /// the walk, or as each file was read when the walk took none).
    Done { stamps: Vec<(PathBuf, Stamp)> },
    /// The search index of everything.
    Indexed(Index),
}

/// What one chunk's step of numbering and sending needs.
struct Outbox {
    next_doc: DocId,
    events: Sender<LoadEvent>,
    /// Index builders not in use. One taken here is given only ids above
    /// all it holds (they are handed out in number order), so each
    /// builder's documents come in increasing order; one is made when none
    /// is free, so there are about as many as cores.
    builders: Vec<IndexBuilder>,
}

/// Loads `paths` on another thread, starting from the cache file `cache`
/// when it holds a usable snapshot; the events come over the returned
/// channel. Dropping the receiver stops the loading after the current chunk.
pub fn spawn(paths: Vec<PathBuf>, cache: Option<PathBuf>) -> Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = run(&paths, cache, &tx);
    });
    rx
}

/// The pipeline; `Err` when nobody listens any more.
fn run(paths: &[PathBuf], cache: Option<PathBuf>, tx: &Sender<LoadEvent>) -> Result<(), ()> {
    // The cache's head (a small file) first: its headlines are the first
    // frame's; then the walk and the cache, side by side.
    let head = cache.as_deref().and_then(cache::load_head);
    // Without a cache there is nothing to compare the files with: the
    // walk does not look them up, and each file's stamp is taken as it is
    // read (one look-up of it instead of two).
    let stamped = head.is_some() || cache.as_deref().is_some_and(Path::exists);
    let mut sent = HashSet::new();
    if let Some((entries, docs)) = head {
        let bodies = vec![None; entries.len()];
        let first = Incoming {
            entries,
            docs,
            bodies,
            problems: Vec::new(),
        };
        sent.extend(first.docs.iter().copied());
        tx.send(LoadEvent::Cached(first)).map_err(|_| ())?;
    }
    let walking = {
        let paths = paths.to_vec();
        std::thread::spawn(move || match stamped {
            true => walk::find_stamped(&paths),
            false => walk::find_unstamped(&paths),
        })
    };
    // (A cache that appeared since it was looked for is not compared
    // with a walk that took no stamps.)
    let mut cached = cache.as_deref().filter(|_| stamped).and_then(Cached::open);
    if cached.is_none() && !sent.is_empty() {
        // The head without its cache: what it showed is read again.
        tx.send(LoadEvent::Gone(paths.to_vec())).map_err(|_| ())?;
    }
    let mut records = None;
    if let Some(c) = &mut cached {
        // Newest first already: the first screen is the front.
        let mut rest = std::mem::take(&mut c.incoming);
        if sent.is_empty() {
            let first = rest.split_front(FIRST_SCREEN);
            tx.send(LoadEvent::Cached(first)).map_err(|_| ())?;
        } else {
            rest.drop_docs(&sent);
        }
        tx.send(LoadEvent::Cached(rest)).map_err(|_| ())?;
        tx.send(LoadEvent::CachedCopies(c.copies.take()))
            .map_err(|_| ())?;
    }
    // The cached index is read on the indexing thread (no one waits for
    // it but a search); its header says if it is of this build's format.
    let mut base = None;
    let mut universe = 0;
    if let Some(c) = cached {
        match c.index.head(20).as_deref().map(Index::universe_in) {
            Some(Ok(u)) => {
                universe = u;
                base = Some(c.index);
                records = Some(c.records);
            }
            // An index from another build: everything is read again.
            _ => tx.send(LoadEvent::Gone(paths.to_vec())).map_err(|_| ())?,
        }
    }
    let first_doc = universe.max(cached_next(&records));
    let (index_tx, index_rx) = mpsc::channel::<Vec<IndexBuilder>>();
    let indexer = {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let Ok(builders) = index_rx.recv() else {
                return;
            };
            let more = builders
                .into_par_iter()
                .reduce(IndexBuilder::new, IndexBuilder::merge);
            let more = more.finish();
            // Its checksums held and its header is this format's: reading
            // it cannot fail short of a bug, which leaves search without it.
            let base = base.and_then(|blob: cache::IndexBlob| blob.read());
            let base = base.and_then(|bytes| Index::from_bytes(&bytes).ok());
            let index = match base {
                Some(base) if more.doc_count() == 0 => Some(base),
                Some(base) => base.merged(&more).ok(),
                None => Some(more),
            };
            if let Some(index) = index {
                let _ = tx.send(LoadEvent::Indexed(index));
            }
        })
    };
    let outbox = Mutex::new(Outbox {
        next_doc: first_doc,
        events: tx.clone(),
        builders: Vec::new(),
    });
    let budget = AtomicUsize::new(KEPT_BYTES);

    // The peeked files, with the stamps they were read with.
    let mut peeked = HashMap::new();
    let mut changed = HashSet::new();
    if records.is_none() {
        let first = walk::peek(paths, PEEK_FILES);
        let stamps = send_chunk(&first, &outbox, &budget, &changed)?;
        peeked.extend(first.into_iter().zip(stamps));
    }

    let mut found = walking.join().map_err(|_| ())?;
    // The records kept are dropped only at the end: freeing tens of
    // thousands of them would hold up `Done`.
    let mut kept = Vec::new();
    let (planned, gone) = match records {
        Some(records) => {
            let plan = cache::plan(records, &found.files);
            kept = plan.kept;
            let mut gone = Vec::new();
            let reread: HashSet<&PathBuf> = plan.load.iter().collect();
            for record in plan.gone {
                if reread.contains(&record.path) {
                    changed.insert(record.path);
                } else {
                    gone.push(record.path);
                }
            }
            (Some(plan.load), gone)
        }
        None => (None, Vec::new()),
    };
    let problems = found.problems;
    match &planned {
        Some(planned) => {
            // The walk's paths, not copies of them: a hundred thousand
            // paths are megabytes.
            let load: Vec<&Path> = planned.iter().map(PathBuf::as_path).collect();
            let files = load.len();
            tx.send(LoadEvent::Found { files, problems })
                .map_err(|_| ())?;
            if !gone.is_empty() {
                tx.send(LoadEvent::Gone(gone)).map_err(|_| ())?;
            }
            // One chunk a job (see `ONE_CHUNK_A_JOB` below).
            load.par_chunks(BATCH_FILES)
                .with_max_len(1)
                .try_for_each(|chunk| send_chunk(chunk, &outbox, &budget, &changed).map(drop))?;
        }
        None => {
            // Every file is read, and takes the stamp it was read with
            // (the walk's, if it took any, was taken before), written in
            // its place among the walk's files, chunk by chunk. Where the
            // peeked ones are, first: the walk finds each file once, so
            // when every peeked file has been passed over, no path needs
            // hashing any more.
            let mut unseen = peeked.len();
            let mut at_peeked = Vec::new();
            for (i, (path, stamp)) in found.files.iter_mut().enumerate() {
                if unseen == 0 {
                    break;
                }
                if let Some(s) = peeked.get(path.as_path()) {
                    *stamp = *s;
                    at_peeked.push(i);
                    unseen -= 1;
                }
            }
            let files = found.files.len() - at_peeked.len() + peeked.len();
            tx.send(LoadEvent::Found { files, problems })
                .map_err(|_| ())?;
            // ONE_CHUNK_A_JOB: rayon would otherwise hand a core a run of
            // chunks to read one after another, which the other core cannot
            // take from; at the end of a first opening of 100,000 articles
            // one core then worked alone for 60-80 ms. A job a chunk, the
            // idle core takes half of what is left down to the last chunk.
            let chunks = found.files.par_chunks_mut(BATCH_FILES).with_max_len(1);
            let chunks = chunks.enumerate();
            chunks.try_for_each(|(c, chunk)| {
                let from = c * BATCH_FILES;
                let fresh = |i: usize| at_peeked.binary_search(&(from + i)).is_err();
                let paths: Vec<&Path> = (chunk.iter().enumerate())
                    .filter(|(i, _)| fresh(*i))
                    .map(|(_, (path, _))| path.as_path())
                    .collect();
                if paths.is_empty() {
                    return Ok(());
                }
                let mut read = send_chunk(&paths, &outbox, &budget, &changed)?.into_iter();
                for (i, (_, stamp)) in chunk.iter_mut().enumerate() {
                    if fresh(i) {
                        *stamp = read.next().unwrap_or(Stamp::UNKNOWN);
                    }
                }
                Ok(())
            })?;
        }
    }
    drop((planned, peeked, changed));
    let builders = std::mem::take(&mut outbox.lock().map_err(|_| ())?.builders);
    tx.send(LoadEvent::Done {
        stamps: found.files,
    })
    .map_err(|_| ())?;
    // The last chunk is in: the index can be finished (and comes after `Done`).
    index_tx.send(builders).map_err(|_| ())?;
    let _ = indexer.join();
    drop(kept);
    Ok(())
}

/// The first document number after the snapshot's.
fn cached_next(records: &Option<cache::Snapshot>) -> DocId {
    let docs = records.iter().flat_map(|s| &s.files).flat_map(|f| &f.docs);
    docs.max().map_or(0, |&d| d + 1)
}

/// A usable snapshot of the last opening.
struct Cached {
    /// Its articles, newest first as saved (so the list takes them in one
    /// pass).
    incoming: Incoming,
    copies: Option<Copies>,
    /// The search index, as stored.
    index: cache::IndexBlob,
    /// The snapshot's files, without their entries (sent on), to compare
    /// with the walk.
    records: cache::Snapshot,
}

impl Cached {
    /// Reads the cache file; `None` when missing, unreadable, from another
    /// version, or too stale to be worth extending.
    fn open(path: &Path) -> Option<Cached> {
        let (mut snapshot, listing, index) = cache::load_listed(path)?;
        let copies = Copies::from_bytes(&std::mem::take(&mut snapshot.extra)).ok()?;
        let mut problems = Vec::new();
        for record in &snapshot.files {
            problems.extend(record.problems.iter().map(|m| Problem {
                path: record.path.clone(),
                message: m.clone(),
            }));
        }
        let live = listing.entries.len() as f64;
        let numbered = listing.docs.iter().max().map_or(0, |&d| d + 1) as f64;
        if numbered > live * (1.0 + MAX_STALE) + 1000.0 {
            return None;
        }
        let incoming = Incoming {
            bodies: vec![None; listing.entries.len()],
            entries: listing.entries,
            docs: listing.docs,
            problems,
        };
        Some(Cached {
            incoming,
            copies,
            index,
            records: snapshot,
        })
    }
}

/// Reads and cleans `chunk`, numbers and sends it (with those of its files
/// that are `changed` since the cache), then indexes it; the stamps its
/// files were read with, or `Err` when nobody listens any more.
fn send_chunk<P: AsRef<Path>>(
    chunk: &[P],
    outbox: &Mutex<Outbox>,
    budget: &AtomicUsize,
    changed: &HashSet<PathBuf>,
) -> Result<Vec<Stamp>, ()> {
    // With the budget (about) spent, the chunk's bodies are not kept:
    // their articles need not keep their raw text and removed lines.
    let keep = if budget.load(Ordering::Relaxed) >= SPENT {
        Keep::Whole
    } else {
        Keep::Story
    };
    let Chunk {
        loaded,
        words,
        stamps,
    } = load_chunk(chunk, keep);
    let whole = keep == Keep::Whole;
    let within = |a: &Article| whole && take(budget, bodies::size_of(a));
    let (mut incoming, apart) = Incoming::parted(loaded.articles, &words, 0, within);
    incoming.problems = loaded.problems;
    // Kept for indexing once the entries are sent: the bodies sent, and
    // the articles over the budget, which go once indexed.
    let sent: Vec<Option<Arc<Article>>> = incoming.bodies.clone();
    let count = incoming.docs.len() as DocId;
    let mut out = outbox.lock().map_err(|_| ())?;
    let first = out.next_doc;
    out.next_doc += count;
    incoming.docs.iter_mut().for_each(|d| *d += first);
    let mut index = out.builders.pop().unwrap_or_default();
    let files = chunk.len();
    // (Nothing changed on a first opening: no path is hashed then.)
    let replaces = chunk.iter().map(P::as_ref);
    let replaces = replaces.filter(|p| !changed.is_empty() && changed.contains(*p));
    let replaces = replaces.map(Path::to_path_buf).collect();
    out.events
        .send(LoadEvent::Batch {
            files,
            incoming,
            replaces,
        })
        .map_err(|_| ())?;
    drop(out);
    let mut apart = apart.iter();
    for (id, body) in (first..).zip(&sent) {
        // Each article not sent is the next one apart.
        let Some(article) = body.as_deref().or_else(|| apart.next()) else {
            break;
        };
        // Above every id the builder holds (see `Outbox::builders`), so
        // this cannot fail.
        let _ = index.add(id, index_parts(article));
    }
    outbox.lock().map_err(|_| ())?.builders.push(index);
    Ok(stamps)
}

/// Takes `size` bytes from the budget if that many are left.
fn take(budget: &AtomicUsize, size: usize) -> bool {
    budget
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
            left.checked_sub(size)
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bodies a chunk sends with `left` bytes of the budget left.
    fn bodies_sent(files: &[PathBuf], left: usize) -> Vec<Option<Arc<Article>>> {
        let (tx, rx) = mpsc::channel();
        let outbox = Mutex::new(Outbox {
            next_doc: 0,
            events: tx,
            builders: Vec::new(),
        });
        let budget = AtomicUsize::new(left);
        send_chunk(files, &outbox, &budget, &HashSet::new()).unwrap();
        match rx.try_recv() {
            Ok(LoadEvent::Batch { incoming, .. }) => incoming.bodies,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bodies_are_sent_whole_until_the_budget_is_spent() {
        let dir = tempfile::tempdir().unwrap();
        let story = "Harbor news\n\nShare this\n\nThe council voted on Tuesday to \
                     rebuild the old pier after the storm, officials said.\n";
        let files: Vec<PathBuf> = (0..3)
            .map(|k| {
                let path = dir.path().join(format!("{k}.txt"));
                std::fs::write(&path, story).unwrap();
                path
            })
            .collect();
        let kept = bodies_sent(&files, KEPT_BYTES);
        assert!(
            kept.iter()
                .all(|b| b.as_ref().is_some_and(|a| a.raw == story))
        );
        assert!(kept.iter().flatten().all(|a| !a.removed.is_empty()));
        // Too little left for any: none sent, so none is kept without its
        // raw text and removed lines.
        assert!(bodies_sent(&files, SPENT - 1).iter().all(Option::is_none));
        let all = bodies_sent(&files, SPENT);
        assert!(
            all.iter()
                .all(|b| b.as_ref().is_some_and(|a| a.raw == story))
        );
    }
}
