//! A [`Snapshot`] of the collection as the reader holds it: one record per
//! file the walk found, in the walk's order, with that file's entries (in
//! file order), their document numbers and its problems.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{FileRecord, Snapshot, Stamp};
use crate::article::{Entry, Problem};

/// The snapshot of `entries` (with their document numbers `docs`) and the
/// load `problems`, for the files of `stamps`; `index` and `extra` are
/// stored as they are.
pub fn snapshot_of(
    entries: &[Entry],
    docs: &[u32],
    problems: &[Problem],
    stamps: &[(PathBuf, Stamp)],
    index: Vec<u8>,
    extra: Vec<u8>,
) -> Snapshot {
    let mut by_file: HashMap<&Path, Vec<usize>> = HashMap::with_capacity(stamps.len());
    for (i, entry) in entries.iter().enumerate() {
        by_file.entry(&*entry.path).or_default().push(i);
    }
    let mut messages: HashMap<&Path, Vec<String>> = HashMap::new();
    for p in problems {
        messages.entry(&p.path).or_default().push(p.message.clone());
    }
    let files = stamps
        .iter()
        .map(|(path, stamp)| {
            let mut mine = by_file.remove(path.as_path()).unwrap_or_default();
            mine.sort_by_key(|&i| entries[i].slot);
            FileRecord {
                path: path.clone(),
                stamp: *stamp,
                entries: mine.iter().map(|&i| entries[i].clone()).collect(),
                docs: mine.iter().map(|&i| docs[i]).collect(),
                problems: messages.remove(path.as_path()).unwrap_or_default(),
            }
        })
        .collect();
    Snapshot {
        files,
        index,
        extra,
    }
}
