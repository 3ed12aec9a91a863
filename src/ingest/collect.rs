//! The whole collection at once, for `byline list`: the reader's loading
//! pipeline ([`super::spawn`], with the cache) run to the end, keeping only
//! the entries and problems. When files were read, the cache is saved for
//! the next opening (its copies left for the reader to look for).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use super::{LoadEvent, spawn};
use crate::article::{Entry, Problem};
use crate::cache::{self, Stamp};
use crate::library::Incoming;
use crate::search::Index;

/// What [`collect`] found: every article's entry (in no set order) and
/// the load problems (sorted by path).
#[derive(Debug, Default)]
pub struct Collected {
    /// The entries, a batch at a time as they came: no array of them all
    /// grown (and copied) as they add up.
    batches: Vec<Vec<Entry>>,
    pub problems: Vec<Problem>,
}

impl Collected {
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.batches.iter().flatten()
    }

    pub fn is_empty(&self) -> bool {
        self.batches.iter().all(Vec::is_empty)
    }
}

/// Every article's entry under `paths` and the load problems, starting
/// from `cache_file` if it holds a snapshot, and saving one there if
/// anything had to be read.
pub fn collect(paths: &[PathBuf], cache_file: Option<&Path>) -> Collected {
    collect_then(paths, cache_file, |_| ()).1
}

/// [`collect`], then `show` of what was found while the cache is saved on
/// another core. Both start as soon as the last file is in, while the
/// search index (which only the cache needs) is still being finished: at
/// the end of a first opening of 100,000 articles, finishing the index,
/// saving the cache and showing the list each take about a tenth of a
/// second, and one after the other they left a core idle.
///
/// Gives back what was found with `show`'s result: a caller about to exit
/// may leave it to the end of the process instead of freeing it.
pub fn collect_then<R>(
    paths: &[PathBuf],
    cache_file: Option<&Path>,
    show: impl FnOnce(&Collected) -> R,
) -> (R, Collected) {
    let (collected, save) = gather(paths, cache_file);
    let shown = {
        let collected = &collected;
        std::thread::scope(|s| {
            if let Some(save) = save {
                s.spawn(move || save.write(collected));
            }
            show(collected)
        })
    };
    (shown, collected)
}

/// The loading pipeline run until every file is in: what was found, and
/// the cache to save when anything had to be read (its index still to
/// come from the pipeline).
fn gather(paths: &[PathBuf], cache_file: Option<&Path>) -> (Collected, Option<Save>) {
    let mut kept = Kept::default();
    let mut walk_problems = Vec::new();
    let (mut stamps, mut changed) = (None, cache_file.is_some());
    let events = spawn(paths.to_vec(), cache_file.map(Path::to_path_buf));
    while let Ok(event) = events.recv() {
        match event {
            LoadEvent::CachedCopies(_) | LoadEvent::Indexed(_) => {}
            LoadEvent::Cached(incoming) => {
                changed = false;
                kept.add(incoming);
            }
            LoadEvent::Found { files, problems: p } => {
                changed |= files > 0;
                walk_problems = p;
            }
            LoadEvent::Gone(gone) => {
                changed = true;
                kept.drop_under(&gone);
            }
            LoadEvent::Batch {
                incoming, replaces, ..
            } => {
                kept.drop_under(&replaces);
                kept.add(incoming);
            }
            LoadEvent::Done { stamps: s } => {
                // Only the index comes after this.
                stamps = Some(s);
                break;
            }
        }
    }
    let save = match (changed, cache_file, stamps) {
        (true, Some(file), Some(stamps)) => Some(Save {
            file: file.to_path_buf(),
            docs: kept.docs.iter().flatten().copied().collect(),
            // The cache keeps the articles' problems, not the walk's.
            problems: kept.problems.clone(),
            stamps,
            events,
        }),
        // All from the cache (its index is not needed), or nowhere to save.
        _ => None,
    };
    let mut problems = kept.problems;
    problems.extend(walk_problems);
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    let collected = Collected {
        batches: kept.batches,
        problems,
    };
    (collected, save)
}

/// What the cache of an opening that read files is made of, besides the
/// entries found.
struct Save {
    file: PathBuf,
    /// The entries' document numbers, in the entries' order.
    docs: Vec<u32>,
    problems: Vec<Problem>,
    stamps: Vec<(PathBuf, Stamp)>,
    /// The rest of the pipeline's events, which bring the search index.
    events: Receiver<LoadEvent>,
}

impl Save {
    /// Writes the cache of `collected`: the entries first, then the index
    /// once the pipeline has finished it. A cache that cannot be written
    /// is only a slower next start.
    fn write(self, collected: &Collected) {
        let entries: Vec<&Entry> = collected.entries().collect();
        let records = cache::records_of(&entries, &self.docs, &self.problems, &self.stamps);
        // Picked while the index is still being finished, not after.
        let (first, docs) = cache::first_screen(&entries, &self.docs, super::FIRST_SCREEN);
        let events = &self.events;
        let index = |out: &mut dyn std::io::Write| match next_index(events) {
            Some(index) => index.write_to(out),
            None => Err(std::io::Error::other("the search index was not built")),
        };
        if cache::save_refs(&self.file, &records, &index, &[]).is_ok() {
            let _ = cache::save_head(&self.file, &first, &docs);
        }
    }
}

/// The index the pipeline sends after `Done`; `None` if it ended without.
fn next_index(events: &Receiver<LoadEvent>) -> Option<Index> {
    events.iter().find_map(|event| match event {
        LoadEvent::Indexed(index) => Some(index),
        _ => None,
    })
}

/// The entries kept so far, with their document numbers (batch by batch,
/// as they came), and the problems.
#[derive(Default)]
struct Kept {
    batches: Vec<Vec<Entry>>,
    docs: Vec<Vec<u32>>,
    problems: Vec<Problem>,
}

impl Kept {
    fn add(&mut self, incoming: Incoming) {
        if !incoming.entries.is_empty() {
            self.batches.push(incoming.entries);
            self.docs.push(incoming.docs);
        }
        self.problems.extend(incoming.problems);
    }

    /// Drops what was read from files under any of `gone`.
    fn drop_under(&mut self, gone: &[PathBuf]) {
        if gone.is_empty() {
            return;
        }
        let under = |p: &Path| gone.iter().any(|g| p.starts_with(g));
        for (entries, docs) in self.batches.iter_mut().zip(&mut self.docs) {
            let keep: Vec<bool> = entries.iter().map(|e| !under(&e.path)).collect();
            let mut k = keep.iter();
            entries.retain(|_| *k.next().unwrap_or(&true));
            let mut k = keep.iter();
            docs.retain(|_| *k.next().unwrap_or(&true));
        }
        self.problems.retain(|p| !under(&p.path));
    }
}
