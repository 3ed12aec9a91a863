//! The collection as the reader holds it, as the cache's records: one per
//! file the walk found, in the walk's order, with that file's entries (in
//! file order), their document numbers and its problems.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{FileRef, Stamp};
use crate::article::{Entry, Problem};

/// One record per file of `stamps` (in their order) with its entries of
/// `entries` (in file order), their document numbers (`docs`) and its
/// `problems`, all borrowed (for [`super::save_refs`]).
pub fn records_of<'a, E: Borrow<Entry>>(
    entries: &'a [E],
    docs: &[u32],
    problems: &'a [Problem],
    stamps: &'a [(PathBuf, Stamp)],
) -> Vec<FileRef<'a>> {
    let mut by_file: HashMap<&Path, Vec<usize>> = HashMap::with_capacity(stamps.len());
    for (i, entry) in entries.iter().enumerate() {
        by_file.entry(&*entry.borrow().path).or_default().push(i);
    }
    let mut messages: HashMap<&Path, Vec<&str>> = HashMap::new();
    for p in problems {
        messages.entry(&p.path).or_default().push(&p.message);
    }
    stamps
        .iter()
        .map(|(path, stamp)| {
            let mut mine = by_file.remove(path.as_path()).unwrap_or_default();
            mine.sort_by_key(|&i| entries[i].borrow().slot);
            FileRef {
                path,
                stamp: *stamp,
                entries: mine.iter().map(|&i| entries[i].borrow()).collect(),
                docs: mine.iter().map(|&i| docs[i]).collect(),
                problems: messages.remove(path.as_path()).unwrap_or_default(),
            }
        })
        .collect()
}
