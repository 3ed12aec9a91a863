//! Grouping the copies of one story, as a job that can run on another
//! thread: only articles sharing a title are compared, and their bodies
//! (those not kept in memory) are read again a file at a time, each file
//! once, on every core. The result names articles by document number, so
//! it still applies after more articles were added meanwhile.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::Library;
use super::dupes::{self, Groups};
use crate::article::{Article, Entry};
use crate::search::{push_varint, read_varint};

/// What grouping needs of the collection: every article's entry (shared,
/// not copied), its document number, and the bodies kept in memory.
#[derive(Debug)]
pub struct CopyJob {
    entries: Arc<Vec<Box<Entry>>>,
    docs: Vec<u32>,
    kept: HashMap<u32, Arc<Article>>,
}

/// Bytes that are not [`Copies::to_bytes`]'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a list of copies")]
pub struct NotCopies;

/// The copies found: clusters of document numbers, two or more each.
#[derive(Debug, Clone, Default)]
pub struct Copies(Vec<Vec<u32>>);

impl Copies {
    pub(super) fn from_docs(clusters: Vec<Vec<u32>>) -> Self {
        Copies(clusters)
    }

    /// The clusters as bytes (for the cache): a 1, then each cluster's
    /// length and its numbers, as LEB128 varints. (No bytes at all say
    /// the copies were not looked for: see [`Copies::from_bytes`].)
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![1];
        for cluster in &self.0 {
            push_varint(&mut out, cluster.len() as u32);
            cluster.iter().for_each(|&d| push_varint(&mut out, d));
        }
        out
    }

    /// Reads what [`Copies::to_bytes`] wrote: `Ok(None)` for no bytes (not
    /// looked for), `Err` if it is not that.
    pub fn from_bytes(bytes: &[u8]) -> Result<Option<Copies>, NotCopies> {
        match bytes.split_first() {
            None => Ok(None),
            Some((1, rest)) => Self::clusters_from(rest).map(Some).ok_or(NotCopies),
            Some(_) => Err(NotCopies),
        }
    }

    fn clusters_from(bytes: &[u8]) -> Option<Copies> {
        let mut at = 0;
        let mut clusters = Vec::new();
        while at < bytes.len() {
            let len = read_varint(bytes, &mut at)? as usize;
            if len > bytes.len() - at {
                return None;
            }
            let cluster = (0..len).map(|_| read_varint(bytes, &mut at));
            clusters.push(cluster.collect::<Option<Vec<u32>>>()?);
        }
        Some(Copies(clusters))
    }

    /// The clusters as article indices of `library`, leaving out articles
    /// no longer there (and clusters left with one).
    pub(super) fn clusters_in(self, library: &Library) -> Vec<Vec<usize>> {
        self.0
            .into_iter()
            .map(|c| {
                let mut c: Vec<usize> = c
                    .into_iter()
                    .filter_map(|d| library.index_of_doc(d))
                    .collect();
                c.sort_unstable();
                c
            })
            .filter(|c| c.len() > 1)
            .collect()
    }
}

impl CopyJob {
    /// Compares the bodies (long for a large collection: run it off the UI
    /// thread).
    pub fn run(self) -> Copies {
        let titles = dupes::same_titles(&self.entries);
        let shared = self.shared_file_sets(&titles);
        let words = |i: usize| match shared.get(&i) {
            Some(set) => set.clone(),
            None => self.word_set(i),
        };
        let clusters = dupes::find_copies(&self.entries, &titles, &words);
        let docs = clusters
            .into_iter()
            .map(|c| c.into_iter().map(|i| self.docs[i]).collect())
            .collect();
        Copies(docs)
    }

    /// The word set of the body of every article in `titles` that is
    /// not kept and shares its file with another such article, reading
    /// each of those files once, on every core. The others' are made as
    /// their title groups are compared ([`CopyJob::word_set`]), so that
    /// the sets of a whole collection are not held at once.
    fn shared_file_sets(&self, titles: &[Vec<usize>]) -> HashMap<usize, Vec<u64>> {
        let mut by_file: HashMap<&Path, Vec<usize>> = HashMap::new();
        for &i in titles.iter().flatten() {
            if !self.kept.contains_key(&self.docs[i]) {
                by_file.entry(&*self.entries[i].path).or_default().push(i);
            }
        }
        let files: Vec<(&Path, Vec<usize>)> = by_file
            .into_iter()
            .filter(|(_, wanted)| wanted.len() > 1)
            .collect();
        let read: Vec<Vec<(usize, Vec<u64>)>> = files
            .par_iter()
            .map(|(path, wanted)| {
                let entries: Vec<&Entry> = wanted.iter().map(|&i| &*self.entries[i]).collect();
                let found = wanted.iter().zip(super::bodies::read_all(path, &entries));
                let found = found.filter_map(|(&i, a)| Some((i, a?)));
                found.map(|(i, a)| (i, dupes::word_set(&a))).collect()
            })
            .collect();
        read.into_iter().flatten().collect()
    }

    /// The word set of article `i`'s body, kept or read from its file
    /// (empty if it can no longer be read).
    fn word_set(&self, i: usize) -> Vec<u64> {
        let body = match self.kept.get(&self.docs[i]) {
            Some(body) => Some(Arc::clone(body)),
            None => super::bodies::Bodies::read(&self.entries[i]),
        };
        body.map(|a| dupes::word_set(&a)).unwrap_or_default()
    }
}

impl Library {
    /// The grouping of the collection's copies, to run anywhere (all its
    /// work is in [`CopyJob::run`]).
    pub fn copy_job(&self) -> CopyJob {
        CopyJob {
            entries: Arc::clone(&self.entries),
            docs: self.docs.clone(),
            kept: self.bodies.all_kept(),
        }
    }

    /// Groups the copies as `copies` says (articles since gone are left
    /// out) and relists, the selection staying on its story; `exempt` and
    /// `selected` as for [`Library::append`]. Returns the row to select.
    pub fn set_copies(&mut self, copies: Copies, exempt: Option<usize>, selected: usize) -> usize {
        let clusters = copies.clusters_in(self);
        let first = self.groups.is_empty();
        self.groups = Groups::of_clusters(&self.entries, clusters);
        if first {
            // Every article stood alone: only the copies' counts go.
            self.count_grouped();
        } else {
            self.recount();
        }
        let same: Vec<usize> = (0..self.len()).collect();
        self.relist_moved(&same, exempt, selected)
    }
}

#[cfg(test)]
mod tests {
    use super::Copies;

    #[test]
    fn copies_round_trip_through_bytes_and_junk_is_refused() {
        let copies = Copies(vec![vec![3, 7], vec![200, 100_000, 5]]);
        let back = Copies::from_bytes(&copies.to_bytes()).unwrap().unwrap();
        assert_eq!(back.0, copies.0);
        let none = Copies::default().to_bytes();
        assert_eq!(
            Copies::from_bytes(&none).unwrap().unwrap().0,
            Vec::<Vec<u32>>::new()
        );
        assert!(Copies::from_bytes(&[]).unwrap().is_none(), "not looked for");
        assert!(Copies::from_bytes(&[1, 5, 1]).is_err(), "cut short");
        assert!(Copies::from_bytes(&[1, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).is_err());
        assert!(Copies::from_bytes(&[7]).is_err(), "another format");
    }
}
