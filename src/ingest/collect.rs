//! The whole collection at once, for `byline list`: the reader's loading
//! pipeline ([`super::spawn`], with the cache) run to the end, keeping only
//! the entries and problems. When files were read, the cache is saved for
//! the next opening (its copies left for the reader to look for).

use std::path::{Path, PathBuf};

use super::{LoadEvent, spawn};
use crate::article::{Entry, Problem};
use crate::cache;
use crate::library::Incoming;

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
    let mut kept = Kept::default();
    let mut walk_problems = Vec::new();
    let (mut stamps, mut index, mut changed) = (None, None, cache_file.is_some());
    for event in spawn(paths.to_vec(), cache_file.map(Path::to_path_buf)) {
        match event {
            LoadEvent::CachedCopies(_) => {}
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
                stamps = Some(s);
                if !changed {
                    // All from the cache: its index is not needed.
                    break;
                }
            }
            LoadEvent::Indexed(i) => index = Some(i),
        }
    }
    if let (true, Some(file), Some(stamps), Some(index)) = (changed, cache_file, &stamps, &index) {
        let entries: Vec<&Entry> = kept.batches.iter().flatten().collect();
        let docs: Vec<u32> = kept.docs.iter().flatten().copied().collect();
        let records = cache::records_of(&entries, &docs, &kept.problems, stamps);
        // A cache that cannot be written is only a slower next start.
        let index = |out: &mut dyn std::io::Write| index.write_to(out);
        if cache::save_refs(file, &records, &index, &[]).is_ok() {
            let (first, docs) = cache::first_screen(&entries, &docs, super::FIRST_SCREEN);
            let _ = cache::save_head(file, &first, &docs);
        }
    }
    let mut problems = kept.problems;
    problems.extend(walk_problems);
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Collected {
        batches: kept.batches,
        problems,
    }
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
