//! The order section: the collection order (newest first) of a cache's
//! articles, worked out when it is saved so that reopening lists them
//! without sorting. Each article is named by its place among all the
//! files' entries taken in file order ("flat" place), as a u32.

use rayon::prelude::*;

use super::Record;
use crate::article::Entry;
use crate::cache::FileRecord;
use crate::library::listing::newest_first;

/// The order section of `files`: their entries' flat places, newest first.
pub(in crate::cache) fn write<R: Record>(files: &[R]) -> Vec<u8> {
    let mut all = Vec::new();
    for file in files {
        file.entries_into(&mut all);
    }
    let mut order: Vec<u32> = (0..all.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| newest_first(all[a as usize], all[b as usize]));
    order.iter().flat_map(|i| i.to_le_bytes()).collect()
}

/// The order in `bytes`, for `entries` articles; `None` unless it names
/// each of them exactly once.
pub(in crate::cache) fn read(bytes: &[u8], entries: usize) -> Option<Vec<u32>> {
    if bytes.len() != entries.checked_mul(4)? {
        return None;
    }
    let mut seen = vec![false; entries];
    let mut order = Vec::with_capacity(entries);
    for four in bytes.chunks_exact(4) {
        let i = u32::from_le_bytes(four.try_into().ok()?);
        let seen = seen.get_mut(i as usize)?;
        if std::mem::replace(seen, true) {
            return None;
        }
        order.push(i);
    }
    Some(order)
}

/// The entries `spilled` from the blocks of `files` (one vector per block,
/// in file order) with their document numbers (from `files`), in `order`
/// (as [`read`] gives it); `None` if the numbers are not as many as the
/// entries.
pub(in crate::cache) fn gather(
    files: &[FileRecord],
    mut spilled: Vec<Vec<Option<Entry>>>,
    order: &[u32],
) -> Option<(Vec<Entry>, Vec<u32>)> {
    let flat_docs: Vec<u32> = files.iter().flat_map(|f| f.docs.iter().copied()).collect();
    // Where each block's entries start among all of them.
    let mut starts = Vec::with_capacity(spilled.len());
    let mut total = 0;
    for block in &spilled {
        starts.push(total);
        total += block.len();
    }
    if flat_docs.len() != total || order.len() != total {
        return None;
    }
    let mut entries = Vec::with_capacity(order.len());
    let mut docs = Vec::with_capacity(order.len());
    for &i in order {
        let i = i as usize;
        let b = starts.partition_point(|&s| s <= i) - 1;
        entries.push(spilled[b].get_mut(i - starts[b])?.take()?);
        docs.push(flat_docs[i]);
    }
    Some((entries, docs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_takes_each_place_exactly_once() {
        let bytes = |v: &[u32]| v.iter().flat_map(|i| i.to_le_bytes()).collect::<Vec<u8>>();
        assert_eq!(read(&bytes(&[2, 0, 1]), 3), Some(vec![2, 0, 1]));
        assert_eq!(read(&bytes(&[]), 0), Some(vec![]));
        assert_eq!(read(&bytes(&[2, 0, 0]), 3), None, "twice");
        assert_eq!(read(&bytes(&[3, 0, 1]), 3), None, "out of range");
        assert_eq!(read(&bytes(&[0, 1]), 3), None, "too few");
        assert_eq!(read(&[0, 0, 0], 1), None, "not whole numbers");
    }
}
