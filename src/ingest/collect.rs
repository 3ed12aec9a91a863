//! The whole collection at once, for `byline list`: the reader's loading
//! pipeline ([`super::spawn`], with the cache) run to the end, keeping only
//! the entries and problems. When files were read, the cache is saved for
//! the next opening (its copies left for the reader to look for).

use std::path::{Path, PathBuf};

use super::{LoadEvent, spawn};
use crate::article::{Entry, Problem};
use crate::cache;

/// Every article's entry under `paths` (in no set order) and the load
/// problems (sorted by path), starting from `cache_file` if it holds a
/// snapshot, and saving one there if anything had to be read.
pub fn collect(paths: &[PathBuf], cache_file: Option<&Path>) -> (Vec<Entry>, Vec<Problem>) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut docs: Vec<u32> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut walk_problems = Vec::new();
    let (mut stamps, mut index, mut changed) = (None, None, cache_file.is_some());
    let drop_under = |entries: &mut Vec<Entry>,
                      docs: &mut Vec<u32>,
                      problems: &mut Vec<Problem>,
                      gone: &[PathBuf]| {
        let under = |p: &Path| gone.iter().any(|g| p.starts_with(g));
        let keep: Vec<bool> = entries.iter().map(|e| !under(&e.path)).collect();
        let mut k = keep.iter();
        entries.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        docs.retain(|_| *k.next().unwrap_or(&true));
        problems.retain(|p| !under(&p.path));
    };
    for event in spawn(paths.to_vec(), cache_file.map(Path::to_path_buf)) {
        match event {
            LoadEvent::CachedCopies(_) => {}
            LoadEvent::Cached(incoming) => {
                changed = false;
                entries.extend(incoming.entries);
                docs.extend(incoming.docs);
                problems.extend(incoming.problems);
            }
            LoadEvent::Found { files, problems: p } => {
                changed |= files > 0;
                walk_problems = p;
            }
            LoadEvent::Gone(gone) => {
                changed = true;
                drop_under(&mut entries, &mut docs, &mut problems, &gone);
            }
            LoadEvent::Batch {
                incoming, replaces, ..
            } => {
                drop_under(&mut entries, &mut docs, &mut problems, &replaces);
                entries.extend(incoming.entries);
                docs.extend(incoming.docs);
                problems.extend(incoming.problems);
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
        let records = cache::records_of(&entries, &docs, &problems, stamps);
        // A cache that cannot be written is only a slower next start.
        let index = |out: &mut dyn std::io::Write| index.write_to(out);
        if cache::save_refs(file, &records, &index, &[]).is_ok() {
            let (first, docs) = cache::first_screen(&entries, &docs, super::FIRST_SCREEN);
            let _ = cache::save_head(file, &first, &docs);
        }
    }
    problems.extend(walk_problems);
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    (entries, problems)
}
