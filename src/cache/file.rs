//! Saving and loading the cache file: atomic writes, and reads that check
//! everything and use every core.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use super::checksum::checksum;
use super::format::{self, Block, CHUNK, HEADER_LEN, Header};
use super::{FileRecord, FileRef, RACY_WINDOW, Snapshot, Stamp, VERSION, nanos_since_epoch};

/// Temp files are named `.cache-XXXXXX.tmp` in the cache folder.
const TEMP_PREFIX: &str = ".cache-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temp file older than this was left by a save that was killed (a save
/// takes a fraction of a second).
const STALE_TEMP: Duration = Duration::from_secs(600);

/// Writes `snapshot` to `path` so that a reader sees the old file or the
/// whole new one (a temp file in the same folder, renamed over it),
/// creating the folder. Not synced to disk: after a crash a torn file fails
/// its checksums and is rebuilt, which costs less than syncing tens of
/// megabytes on every save.
pub fn save(path: &Path, snapshot: &Snapshot) -> io::Result<()> {
    write(path, &snapshot.files, &snapshot.index, &snapshot.extra)
}

/// [`save`] of records borrowed from the collection as it is held (no copy
/// of its entries is made).
pub fn save_refs(path: &Path, files: &[FileRef], index: &[u8], extra: &[u8]) -> io::Result<()> {
    write(path, files, index, extra)
}

fn write<R: format::Record>(
    path: &Path,
    files: &[R],
    index: &[u8],
    extra: &[u8],
) -> io::Result<()> {
    let snapshot = Blobs { index, extra };
    let ((table, blocks), (index_sum, extra_sum)) = rayon::join(
        || format::write_blocks(files),
        || {
            rayon::join(
                || format::checksum_blob(snapshot.index),
                || format::checksum_blob(snapshot.extra),
            )
        },
    );
    let mut header = Header {
        version: VERSION,
        saved_ns: i64::try_from(nanos_since_epoch(SystemTime::now())).unwrap_or(i64::MAX),
        table: table.len() as u64,
        blocks: blocks.iter().map(|b| b.len() as u64).sum(),
        index: snapshot.index.len() as u64,
        extra: snapshot.extra.len() as u64,
        index_sum,
        extra_sum,
        checksum: 0,
    };
    header.checksum = header.checksum_of(&table);

    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    sweep_stale_temp_files(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.write_all(&header.to_bytes())?;
    tmp.write_all(&table)?;
    for block in &blocks {
        tmp.write_all(block)?;
    }
    tmp.write_all(snapshot.index)?;
    tmp.write_all(snapshot.extra)?;
    // On failure the temp file is dropped, which deletes it.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The index and extra blobs of a save.
struct Blobs<'a> {
    index: &'a [u8],
    extra: &'a [u8],
}

/// The snapshot saved at `path`; `None` when there is none, or it is from
/// another version, truncated or damaged. Records of files modified within
/// [`RACY_WINDOW`] of the save get [`Stamp::UNKNOWN`].
/// The checksum in the header of the cache at `path`: it changes with
/// every save.
pub fn fingerprint(path: &Path) -> Option<u64> {
    let file = File::open(path).ok()?;
    let mut head = [0u8; HEADER_LEN];
    read_at(&file, path, 0, &mut head).ok()?;
    Some(Header::parse(&head)?.checksum)
}

pub fn load(path: &Path) -> Option<Snapshot> {
    let file = File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let mut head = [0u8; HEADER_LEN];
    read_at(&file, path, 0, &mut head).ok()?;
    let header = Header::parse(&head)?;
    if header.version != VERSION {
        return None;
    }
    let blocks_at = (HEADER_LEN as u64).checked_add(header.table)?;
    let index_at = blocks_at.checked_add(header.blocks)?;
    let extra_at = index_at.checked_add(header.index)?;
    if extra_at.checked_add(header.extra)? != len {
        return None;
    }
    let mut table = vec![0; usize::try_from(header.table).ok()?];
    read_at(&file, path, HEADER_LEN as u64, &mut table).ok()?;
    if header.checksum_of(&table) != header.checksum {
        return None;
    }
    let blocks = format::read_table(&table, header.blocks)?;

    let (files, (index, extra)) = rayon::join(
        || read_files(&file, path, blocks_at, &blocks),
        || {
            rayon::join(
                || read_blob(&file, path, index_at, header.index, header.index_sum),
                || read_blob(&file, path, extra_at, header.extra, header.extra_sum),
            )
        },
    );
    let (mut files, index, extra) = (files?, index?, extra?);
    let racy_from = i128::from(header.saved_ns) - RACY_WINDOW.as_nanos() as i128;
    for f in &mut files {
        if f.stamp.mtime_ns >= racy_from {
            f.stamp = Stamp::UNKNOWN;
        }
    }
    Some(Snapshot {
        files,
        index,
        extra,
    })
}

/// The files of `blocks`, which start at byte `at`: each block read and
/// parsed on its own core, straight into its place in the result.
fn read_files(file: &File, path: &Path, at: u64, blocks: &[Block]) -> Option<Vec<FileRecord>> {
    // The table was checked: these counts are bounded by the file's size.
    let count = blocks.iter().map(|b| b.files).sum();
    let mut files = Vec::new();
    files.try_reserve_exact(count).ok()?;
    files.resize_with(count, || FileRecord {
        path: Default::default(),
        stamp: Stamp::UNKNOWN,
        entries: Vec::new(),
        docs: Vec::new(),
        problems: Vec::new(),
    });
    let mut jobs = Vec::with_capacity(blocks.len());
    let mut rest = files.as_mut_slice();
    let mut offset = at;
    for block in blocks {
        let (mine, after) = rest.split_at_mut(block.files);
        jobs.push((block, offset, mine));
        rest = after;
        offset += block.len() as u64;
    }
    let all_read = jobs
        .into_par_iter()
        .map_init(Vec::new, |buf: &mut Vec<u8>, (block, offset, out)| {
            buf.resize(block.len(), 0);
            read_at(file, path, offset, buf).ok()?;
            format::read_block(block, buf, out)
        })
        .all(|read| read.is_some());
    all_read.then_some(files)
}

/// The `len` bytes at `at`, read and checked in chunks on every core.
fn read_blob(file: &File, path: &Path, at: u64, len: u64, sum: u64) -> Option<Vec<u8>> {
    let mut out = vec![0u8; usize::try_from(len).ok()?];
    let sums: Vec<u64> = out
        .par_chunks_mut(CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            read_at(file, path, at + (i * CHUNK) as u64, chunk).ok()?;
            Some(checksum(chunk))
        })
        .collect::<Option<_>>()?;
    (format::blob_checksum(&sums) == sum).then_some(out)
}

#[cfg(unix)]
fn read_at(file: &File, _path: &Path, offset: u64, buf: &mut [u8]) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Elsewhere, a handle of its own for each read.
#[cfg(not(unix))]
fn read_at(_file: &File, path: &Path, offset: u64, buf: &mut [u8]) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = File::open(path)?;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}

/// Removes temp files in `dir` that a killed save left behind.
fn sweep_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_TEMP));
        if stale {
            let _ = fs::remove_file(e.path());
        }
    }
}
