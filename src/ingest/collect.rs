//! The whole collection at once, for `byline list`: the reader's loading
//! pipeline ([`super::spawn`], with the cache) run to the end, keeping only
//! the entries and problems. When files were read, the cache is saved for
//! the next opening (its copies left for the reader to look for).

use std::path::{Path, PathBuf};

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
    let (collected, save) = gather(paths, cache_file);
    if let Some(save) = save {
        save.write(&collected);
    }
    collected
}

/// [`collect`], then `show` of what was found, while the cache is saved
/// on another core: at the end of a first opening both take about as
/// long (100,000 articles: a tenth of a second each), and nothing else
/// is left to keep the second core busy.
pub fn collect_then<R>(
    paths: &[PathBuf],
    cache_file: Option<&Path>,
    show: impl FnOnce(&Collected) -> R,
) -> R {
    let (collected, save) = gather(paths, cache_file);
    let collected = &collected;
    std::thread::scope(|s| {
        if let Some(save) = save {
            s.spawn(move || save.write(collected));
        }
        show(collected)
    })
}

/// The loading pipeline run to the end: what was found, and the cache to
/// save when anything had to be read.
fn gather(paths: &[PathBuf], cache_file: Option<&Path>) -> (Collected, Option<Save>) {
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
    let save = match (changed, cache_file, stamps, index) {
        (true, Some(file), Some(stamps), Some(index)) => Some(Save {
            file: file.to_path_buf(),
            docs: kept.docs.iter().flatten().copied().collect(),
            // The cache keeps the articles' problems, not the walk's.
            problems: kept.problems.clone(),
            stamps,
            index,
        }),
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
    index: Index,
}

impl Save {
    /// Writes the cache of `collected`. A cache that cannot be written is
    /// only a slower next start.
    fn write(&self, collected: &Collected) {
        let entries: Vec<&Entry> = collected.entries().collect();
        let records = cache::records_of(&entries, &self.docs, &self.problems, &self.stamps);
        let index = |out: &mut dyn std::io::Write| self.index.write_to(out);
        if cache::save_refs(&self.file, &records, &index, &[]).is_ok() {
            let (first, docs) = cache::first_screen(&entries, &self.docs, super::FIRST_SCREEN);
            let _ = cache::save_head(&self.file, &first, &docs);
        }
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
