//! The head of a cache: the first screen's articles (the newest) in a
//! small file of their own beside the cache, so that reopening shows them
//! before the whole cache is read. It names the cache it was cut from (by
//! the cache's header checksum) and is used only with that one.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use super::{FileRef, Stamp, file, load_listed, save_refs};
use crate::article::Entry;

/// Where the head of the cache at `cache` is kept.
pub fn head_location(cache: &Path) -> PathBuf {
    cache.with_extension("head")
}

/// Saves `entries` (with their document numbers `docs`) as the head of the
/// cache just saved at `cache`.
pub fn save_head(cache: &Path, entries: &[&Entry], docs: &[u32]) -> io::Result<()> {
    let Some(fingerprint) = file::fingerprint(cache) else {
        return Err(io::Error::other("the cache is not readable"));
    };
    let mut by_file: BTreeMap<&Path, Vec<usize>> = BTreeMap::new();
    for (k, e) in entries.iter().enumerate() {
        by_file.entry(&e.path).or_default().push(k);
    }
    let refs: Vec<FileRef> = by_file
        .into_iter()
        .map(|(path, ks)| FileRef {
            path,
            stamp: Stamp::UNKNOWN,
            entries: ks.iter().map(|&k| entries[k]).collect(),
            docs: ks.iter().map(|&k| docs[k]).collect(),
            problems: Vec::new(),
        })
        .collect();
    save_refs(
        &head_location(cache),
        &refs,
        &|_: &mut dyn std::io::Write| Ok(()),
        &fingerprint.to_le_bytes(),
    )
}

/// The head of the cache at `cache`, if there is one cut from it: its
/// entries, newest first, and their document numbers.
pub fn load_head(cache: &Path) -> Option<(Vec<Entry>, Vec<u32>)> {
    let (head, listing, _) = load_listed(&head_location(cache))?;
    if head.extra != file::fingerprint(cache)?.to_le_bytes() {
        return None;
    }
    Some((listing.entries, listing.docs))
}

/// The `n` articles listed first (newest), with their document numbers.
pub fn first_screen<'a, E: std::borrow::Borrow<Entry>>(
    entries: &'a [E],
    docs: &[u32],
    n: usize,
) -> (Vec<&'a Entry>, Vec<u32>) {
    use crate::library::listing::newest_first;
    let entry = |i: usize| entries[i].borrow();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    if order.len() > n {
        order.select_nth_unstable_by(n, |&a, &b| newest_first(entry(a), entry(b)));
        order.truncate(n);
    }
    (
        order.iter().map(|&i| entry(i)).collect(),
        order.iter().map(|&i| docs[i]).collect(),
    )
}
