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
    let by_file = entries_by_file(entries, stamps);
    let mut messages: HashMap<&Path, Vec<&str>> = HashMap::new();
    for p in problems {
        messages.entry(&p.path).or_default().push(&p.message);
    }
    stamps
        .iter()
        .enumerate()
        .map(|(file, (path, stamp))| {
            let mine = by_file.of(file);
            FileRef {
                path,
                stamp: *stamp,
                entries: mine.iter().map(|&i| entries[i as usize].borrow()).collect(),
                docs: mine.iter().map(|&i| docs[i as usize]).collect(),
                problems: messages.remove(path.as_path()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The indices of `entries`, file by file of `stamps`: one flat list
/// (rather than a list per file: a collection has tens of thousands of
/// files, and this runs as the reader peaks in memory).
struct ByFile {
    /// Entry indices, those of file `f` at `starts[f]..starts[f + 1]`, each
    /// file's in slot order (entries of one slot in collection order).
    indices: Vec<u32>,
    starts: Vec<u32>,
}

impl ByFile {
    fn of(&self, file: usize) -> &[u32] {
        &self.indices[self.starts[file] as usize..self.starts[file + 1] as usize]
    }
}

/// Sorts the entries into their files (a counting sort on the file's
/// number in `stamps`): an entry whose file is not among `stamps` is left
/// out, and a path stamped twice gets its entries the first time.
fn entries_by_file<E: Borrow<Entry>>(entries: &[E], stamps: &[(PathBuf, Stamp)]) -> ByFile {
    let mut number: HashMap<&Path, u32> = HashMap::with_capacity(stamps.len());
    for (f, (path, _)) in stamps.iter().enumerate() {
        number.entry(path.as_path()).or_insert(f as u32);
    }
    let file_of: Vec<Option<u32>> = entries
        .iter()
        .map(|e| number.get(&*e.borrow().path).copied())
        .collect();
    drop(number);
    let mut starts = vec![0u32; stamps.len() + 1];
    for &f in file_of.iter().flatten() {
        starts[f as usize + 1] += 1;
    }
    for f in 0..stamps.len() {
        starts[f + 1] += starts[f];
    }
    let mut next = starts.clone();
    let mut indices = vec![0u32; starts[stamps.len()] as usize];
    for (i, f) in file_of.iter().enumerate() {
        if let Some(f) = f {
            let at = &mut next[*f as usize];
            indices[*at as usize] = i as u32;
            *at += 1;
        }
    }
    let mut by_file = ByFile { indices, starts };
    for f in 0..stamps.len() {
        let (from, to) = (by_file.starts[f] as usize, by_file.starts[f + 1] as usize);
        // Stable: entries of one slot (not expected) stay in collection order.
        by_file.indices[from..to].sort_by_key(|&i| entries[i as usize].borrow().slot);
    }
    by_file
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, ArticleId, Meta};
    use std::sync::Arc;

    /// The entries of each stamped file as a map of lists would give them.
    fn reference(entries: &[Entry], stamps: &[(PathBuf, Stamp)]) -> Vec<Vec<usize>> {
        let mut by_file: HashMap<&Path, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_file.entry(&*e.path).or_default().push(i);
        }
        stamps
            .iter()
            .map(|(path, _)| {
                let mut mine = by_file.remove(path.as_path()).unwrap_or_default();
                mine.sort_by_key(|&i| entries[i].slot);
                mine
            })
            .collect()
    }

    #[test]
    fn entries_go_to_their_files_in_slot_order_like_a_map_of_lists() {
        let mut rng = crate::test_rng::Rng(0x2545_f491_4f6c_dd1du64);
        let mut next = |n: u64| rng.next_u64() % n;
        for round in 0..50 {
            let files = 1 + next(12) as usize;
            let paths: Vec<Arc<Path>> = (0..files + 2)
                .map(|f| Arc::from(Path::new(&format!("d/{f}.json"))))
                .collect();
            let entries: Vec<Entry> = (0..next(40))
                .map(|i| {
                    let article = Article {
                        id: ArticleId::from_content(&format!("t{i}"), &[]),
                        path: PathBuf::new(),
                        title: format!("t{i}"),
                        meta: Meta::default(),
                        paragraphs: vec![],
                        removed: vec![],
                        raw: String::new(),
                    };
                    let path = Arc::clone(&paths[next(paths.len() as u64) as usize]);
                    Entry::of(&article, path, next(5) as u32)
                })
                .collect();
            // Some files unstamped, one stamped twice.
            let mut stamps: Vec<(PathBuf, Stamp)> = (0..files)
                .map(|f| {
                    (
                        paths[f].to_path_buf(),
                        Stamp {
                            size: 0,
                            mtime_ns: 0,
                        },
                    )
                })
                .collect();
            stamps.push(stamps[next(files as u64) as usize].clone());
            let by_file = entries_by_file(&entries, &stamps);
            for (f, want) in reference(&entries, &stamps).iter().enumerate() {
                let got: Vec<usize> = by_file.of(f).iter().map(|&i| i as usize).collect();
                assert_eq!(&got, want, "round {round}, file {f}");
            }
        }
    }
}
