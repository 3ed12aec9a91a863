//! What byline learned about a collection, kept between runs so that opening
//! it again with its files unchanged reads none of them: per file its path,
//! [`Stamp`] (size and modification time), entries, search-index document
//! ids and load problems, plus the search index's bytes.
//!
//! One cache file per set of opened roots ([`location`]), under
//! `$XDG_CACHE_HOME/byline/`, written atomically ([`save`]). [`load`] gives
//! `None` for a missing, foreign, older or damaged file, and never panics:
//! the caller then loads everything and saves a new one. After walking,
//! [`plan`] sorts the cached files into kept (stamp unchanged), to load
//! (new or changed) and gone (changed or no longer found).
//!
//! The format is described in `src/cache/format/mod.rs`. It keeps the
//! articles' collection order too, so that [`load_listed`] gives them
//! listed without sorting.

mod checksum;
mod file;
mod format;
mod head;
mod snapshot;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::article::Entry;
use checksum::{FNV_START, fnv1a};
pub use file::{IndexBlob, Listing, load, load_lazy, load_listed, save, save_refs};
pub use head::{first_screen, head_location, load_head, save_head};
pub use snapshot::records_of;

/// The format version this build writes and reads; any other is rebuilt.
pub const VERSION: u32 = 3;

/// A file whose modification time is this close to the save (or after it)
/// may have been changed again, unseen, within the same tick of a coarse
/// file-system clock (FAT counts in 2 s steps): [`load`] gives it
/// [`Stamp::UNKNOWN`], so it is read again.
pub const RACY_WINDOW: Duration = Duration::from_secs(3);

/// What says a file is unchanged: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since 1970 (negative before); 0 where the platform has none.
    pub mtime_ns: i128,
}

impl Stamp {
    /// A stamp no file has: a record carrying it is always read again.
    pub const UNKNOWN: Stamp = Stamp {
        size: u64::MAX,
        mtime_ns: i128::MIN,
    };

    /// The stamp of a file with metadata `m` (follow symlinks before).
    pub fn of(m: &fs::Metadata) -> Stamp {
        Stamp {
            size: m.len(),
            mtime_ns: m.modified().map_or(0, nanos_since_epoch),
        }
    }
}

pub(crate) fn nanos_since_epoch(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// Everything learned from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRecord {
    pub path: PathBuf,
    /// The file's stamp when it was read (taken before reading it).
    pub stamp: Stamp,
    /// Its articles; [`load`] gives them one shared `Arc<Path>` per file.
    pub entries: Vec<Entry>,
    /// The search-index document id of each entry.
    pub docs: Vec<u32>,
    /// The messages of the problems loading it.
    pub problems: Vec<String>,
}

/// A whole cache file.
/// A [`FileRecord`] borrowed from the collection as it is held, to save
/// without copying it ([`save_refs`]).
#[derive(Debug, Clone)]
pub struct FileRef<'a> {
    pub path: &'a Path,
    pub stamp: Stamp,
    pub entries: Vec<&'a Entry>,
    pub docs: Vec<u32>,
    pub problems: Vec<&'a str>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub files: Vec<FileRecord>,
    /// The search index's bytes (opaque here; may be empty).
    pub index: Vec<u8>,
    /// Anything else the caller keeps, e.g. tombstones (opaque; may be empty).
    pub extra: Vec<u8>,
}

/// What to do with a snapshot's files, given the files found now.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Records whose file was found with an equal stamp, in found order.
    pub kept: Vec<FileRecord>,
    /// Files new or changed since the snapshot, in found order: read them.
    pub load: Vec<PathBuf>,
    /// Records of files changed or no longer found, in snapshot order:
    /// their documents are stale.
    pub gone: Vec<FileRecord>,
    /// The snapshot's index and extra bytes, untouched.
    pub index: Vec<u8>,
    pub extra: Vec<u8>,
}

/// `$XDG_CACHE_HOME/byline` (`~/.cache/byline` when unset), or `None` when
/// no home folder can be found.
pub fn base_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().ok()?;
    Some(strategy.cache_dir().join("byline"))
}

/// The cache file for the collection opened from `roots`, in [`base_dir`].
pub fn location(roots: &[PathBuf]) -> Option<PathBuf> {
    Some(location_in(&base_dir()?, roots))
}

/// The cache file for `roots` in the folder `base`: named after a hash of
/// their canonical paths, sorted, so the same folders opened in any order,
/// or by another relative path, share one cache.
pub fn location_in(base: &Path, roots: &[PathBuf]) -> PathBuf {
    let mut canonical: Vec<PathBuf> = roots
        .iter()
        .map(|r| {
            fs::canonicalize(r)
                .or_else(|_| std::path::absolute(r))
                .unwrap_or_else(|_| r.clone())
        })
        .collect();
    canonical.sort();
    canonical.dedup();
    let mut hash = FNV_START;
    for root in &canonical {
        hash = fnv1a(hash, root.as_os_str().as_encoded_bytes());
        // No path holds a NUL byte, so this ends each one unambiguously.
        hash = fnv1a(hash, &[0]);
    }
    base.join(format!("{hash:016x}.cache"))
}

/// Sorts the `snapshot`'s files against the files `found` by the walk.
/// A found file with a record of an equal stamp is kept; any other found
/// file is to load; every record not kept is gone.
pub fn plan(snapshot: Snapshot, found: &[(PathBuf, Stamp)]) -> Plan {
    let Snapshot {
        files,
        index,
        extra,
    } = snapshot;
    // Usually the walk finds the files in the snapshot's order: compare in
    // step first, and look paths up only past the first difference.
    let same = files
        .iter()
        .zip(found)
        .take_while(|(record, (path, _))| record.path.as_os_str() == path.as_os_str())
        .count();
    if same == files.len() {
        return plan_in_step(files, found, index, extra);
    }
    // `matched[i]`: the record of the i-th found file, if any.
    let mut matched: Vec<Option<usize>> = vec![None; found.len()];
    for (i, m) in matched.iter_mut().enumerate().take(same) {
        *m = Some(i);
    }
    if same < found.len() {
        let mut by_path: HashMap<&Path, usize> = HashMap::new();
        for (i, record) in files.iter().enumerate().skip(same) {
            by_path.entry(record.path.as_path()).or_insert(i);
        }
        for (m, (path, _)) in matched.iter_mut().zip(found).skip(same) {
            // Taken out so that a path found twice matches one record.
            *m = by_path.remove(path.as_path());
        }
    }

    let mut records: Vec<Option<FileRecord>> = files.into_iter().map(Some).collect();
    let mut out = Plan {
        index,
        extra,
        ..Plan::default()
    };
    for (m, (path, stamp)) in matched.into_iter().zip(found) {
        match m {
            Some(i) if records[i].as_ref().is_some_and(|r| r.stamp == *stamp) => {
                out.kept.extend(records[i].take());
            }
            _ => out.load.push(path.clone()),
        }
    }
    out.gone = records.into_iter().flatten().collect();
    out
}

/// [`plan`] when the walk found the snapshot's files in its order (and maybe
/// more after them): the kept records stay where they are, in `files`.
fn plan_in_step(
    mut files: Vec<FileRecord>,
    found: &[(PathBuf, Stamp)],
    index: Vec<u8>,
    extra: Vec<u8>,
) -> Plan {
    let mut load = Vec::new();
    let mut found_now = found.iter();
    let gone = files
        .extract_if(.., |record| {
            let (path, stamp) = found_now.next().expect("as many found as records");
            let changed = record.stamp != *stamp;
            if changed {
                load.push(path.clone());
            }
            changed
        })
        .collect();
    load.extend(found_now.map(|(path, _)| path.clone()));
    Plan {
        kept: files,
        load,
        gone,
        index,
        extra,
    }
}
