//! Saving and loading the cache file: atomic writes, and reads that check
//! everything and use every core.

use std::fs::{self, File};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::Path;

use crate::article::Entry;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use super::checksum::checksum;
use super::format::{self, Block, CHUNK, HEADER_LEN, Header, order};
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
    let index = |out: &mut dyn Write| out.write_all(&snapshot.index);
    write(path, &snapshot.files, &index, &snapshot.extra)
}

/// [`save`] of records borrowed from the collection as it is held (no copy
/// of its entries is made) and of an index written into the file a piece
/// at a time by `index` (no copy of it either).
pub fn save_refs(
    path: &Path,
    files: &[FileRef],
    index: &dyn Fn(&mut dyn Write) -> io::Result<()>,
    extra: &[u8],
) -> io::Result<()> {
    write(path, files, index, extra)
}

fn write<R: format::Record>(
    path: &Path,
    files: &[R],
    index: &dyn Fn(&mut dyn Write) -> io::Result<()>,
    extra: &[u8],
) -> io::Result<()> {
    let (order, extra_sum) = rayon::join(|| order::write(files), || format::checksum_blob(extra));
    let mut header = Header {
        version: VERSION,
        saved_ns: i64::try_from(nanos_since_epoch(SystemTime::now())).unwrap_or(i64::MAX),
        table: 0,
        blocks: 0,
        order: order.len() as u64,
        index: 0,
        extra: extra.len() as u64,
        order_sum: format::checksum_blob(&order),
        index_sum: 0,
        extra_sum,
        checksum: 0,
    };

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
    // The header goes in last, once the lengths and checksums are known.
    tmp.write_all(&[0; HEADER_LEN])?;
    let table = {
        let mut out = io::BufWriter::new(tmp.as_file_mut());
        let table = format::write_blocks_to(files, &mut out)?;
        out.flush()?;
        table
    };
    header.blocks = tmp.as_file_mut().stream_position()? - HEADER_LEN as u64;
    header.table = table.len() as u64;
    tmp.write_all(&table)?;
    tmp.write_all(&order)?;
    let mut summed = Summed::new(tmp.as_file_mut());
    index(&mut summed)?;
    let (index_len, index_sum) = summed.finish()?;
    tmp.write_all(extra)?;
    header.index = index_len;
    header.index_sum = index_sum;
    header.checksum = header.checksum_of(&table);
    tmp.as_file_mut().seek(SeekFrom::Start(0))?;
    tmp.write_all(&header.to_bytes())?;
    // On failure the temp file is dropped, which deletes it.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes a blob through to a file in chunks of [`CHUNK`] bytes, taking
/// each chunk's checksum as [`format::checksum_blob`] does.
struct Summed<'a> {
    file: &'a mut File,
    chunk: Vec<u8>,
    sums: Vec<u64>,
    len: u64,
}

impl<'a> Summed<'a> {
    fn new(file: &'a mut File) -> Self {
        Summed {
            file,
            chunk: Vec::with_capacity(CHUNK),
            sums: Vec::new(),
            len: 0,
        }
    }

    fn flush_chunk(&mut self) -> io::Result<()> {
        if !self.chunk.is_empty() {
            self.sums.push(checksum(&self.chunk));
            self.file.write_all(&self.chunk)?;
            self.len += self.chunk.len() as u64;
            self.chunk.clear();
        }
        Ok(())
    }

    /// The blob's length and checksum.
    fn finish(mut self) -> io::Result<(u64, u64)> {
        self.flush_chunk()?;
        Ok((self.len, format::blob_checksum(&self.sums)))
    }
}

impl Write for Summed<'_> {
    fn write(&mut self, mut buf: &[u8]) -> io::Result<usize> {
        let n = buf.len();
        while !buf.is_empty() {
            let room = CHUNK - self.chunk.len();
            let (now, later) = buf.split_at(room.min(buf.len()));
            self.chunk.extend_from_slice(now);
            if self.chunk.len() == CHUNK {
                self.flush_chunk()?;
            }
            buf = later;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
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
    let (mut snapshot, index) = load_lazy(path)?;
    snapshot.index = index.read()?;
    Some(snapshot)
}

/// Where a cache file's index is, to be read when it is wanted (and
/// checked then): [`IndexBlob::read`].
/// The file is kept open, so a cache saved over it meanwhile (by another
/// byline) does not change what is read.
#[derive(Debug)]
pub struct IndexBlob {
    file: File,
    path: std::path::PathBuf,
    at: u64,
    len: u64,
    sum: u64,
}

impl IndexBlob {
    /// The index's bytes; `None` if they are damaged.
    pub fn read(&self) -> Option<Vec<u8>> {
        read_blob(&self.file, &self.path, self.at, self.len, self.sum)
    }

    /// The index's first `n` bytes, unchecked (its header).
    pub fn head(&self, n: usize) -> Option<Vec<u8>> {
        let mut out = vec![0; n.min(usize::try_from(self.len).ok()?)];
        read_at(&self.file, &self.path, self.at, &mut out).ok()?;
        Some(out)
    }
}

/// [`load`] without the index, which is left where it is ([`IndexBlob`]):
/// the articles come sooner, and the index is read only if needed.
pub fn load_lazy(path: &Path) -> Option<(Snapshot, IndexBlob)> {
    let opened = open(path, false)?;
    Some((opened.snapshot, opened.index))
}

/// A cache's articles in the collection order (newest first), with their
/// document numbers.
#[derive(Debug, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub docs: Vec<u32>,
}

/// [`load_lazy`], the articles taken out of the files' records (which keep
/// the rest) and given in the collection order, as saved: no sorting.
pub fn load_listed(path: &Path) -> Option<(Snapshot, Listing, IndexBlob)> {
    let Opened {
        snapshot,
        order,
        index,
        spilled,
    } = open(path, true)?;
    let count = spilled.iter().map(Vec::len).sum();
    let order = order::read(&order, count)?;
    let (entries, docs) = order::gather(&snapshot.files, spilled, &order)?;
    Some((snapshot, Listing { entries, docs }, index))
}

/// A cache file read but for its index.
struct Opened {
    snapshot: Snapshot,
    /// The order section's bytes (checked against its checksum only).
    order: Vec<u8>,
    index: IndexBlob,
    /// When asked for, the entries, one vector per block, in file order
    /// (the records are left without).
    spilled: Vec<Vec<Option<Entry>>>,
}

/// Reads the cache file at `path` but for its index, the entries taken
/// out of the records when `spill`.
fn open(path: &Path, spill: bool) -> Option<Opened> {
    let file = File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let mut head = [0u8; HEADER_LEN];
    read_at(&file, path, 0, &mut head).ok()?;
    let header = Header::parse(&head)?;
    if header.version != VERSION {
        return None;
    }
    let blocks_at = HEADER_LEN as u64;
    let table_at = blocks_at.checked_add(header.blocks)?;
    let order_at = table_at.checked_add(header.table)?;
    let index_at = order_at.checked_add(header.order)?;
    let extra_at = index_at.checked_add(header.index)?;
    if extra_at.checked_add(header.extra)? != len {
        return None;
    }
    let mut table = vec![0; usize::try_from(header.table).ok()?];
    read_at(&file, path, table_at, &mut table).ok()?;
    if header.checksum_of(&table) != header.checksum {
        return None;
    }
    let blocks = format::read_table(&table, header.blocks)?;

    let mut spilled = Vec::new();
    let (files, (order, extra)) = rayon::join(
        || {
            read_files(
                &file,
                path,
                blocks_at,
                &blocks,
                spill.then_some(&mut spilled),
            )
        },
        || {
            rayon::join(
                || read_blob(&file, path, order_at, header.order, header.order_sum),
                || read_blob(&file, path, extra_at, header.extra, header.extra_sum),
            )
        },
    );
    let (mut files, order, extra) = (files?, order?, extra?);
    let index = IndexBlob {
        file,
        path: path.to_path_buf(),
        at: index_at,
        len: header.index,
        sum: header.index_sum,
    };
    let racy_from = i128::from(header.saved_ns) - RACY_WINDOW.as_nanos() as i128;
    for f in &mut files {
        if f.stamp.mtime_ns >= racy_from {
            f.stamp = Stamp::UNKNOWN;
        }
    }
    let snapshot = Snapshot {
        files,
        index: Vec::new(),
        extra,
    };
    Some(Opened {
        snapshot,
        order,
        index,
        spilled,
    })
}

/// The files of `blocks`, which start at byte `at`: each block read and
/// parsed on its own core, straight into its place in the result. With
/// `spill`, the entries are not put in the records but in one vector per
/// block (in file order), pushed onto `spill`.
fn read_files(
    file: &File,
    path: &Path,
    at: u64,
    blocks: &[Block],
    spill: Option<&mut Vec<Vec<Option<Entry>>>>,
) -> Option<Vec<FileRecord>> {
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
    let spilling = spill.is_some();
    // Room for two articles a file (most files hold one) from the start.
    let room = |b: &Block| if spilling { 2 * b.files } else { 0 };
    let mut spills: Vec<Vec<Option<Entry>>> =
        blocks.iter().map(|b| Vec::with_capacity(room(b))).collect();
    let mut jobs = Vec::with_capacity(blocks.len());
    let mut rest = files.as_mut_slice();
    let mut offset = at;
    for (block, spill) in blocks.iter().zip(&mut spills) {
        let (mine, after) = rest.split_at_mut(block.files);
        jobs.push((block, offset, mine, spilling.then_some(spill)));
        rest = after;
        offset += block.len() as u64;
    }
    let all_read = jobs
        .into_par_iter()
        .map_init(
            Vec::new,
            |buf: &mut Vec<u8>, (block, offset, out, spill)| {
                buf.resize(block.len(), 0);
                read_at(file, path, offset, buf).ok()?;
                format::read_block_to(block, buf, out, spill)
            },
        )
        .all(|read| read.is_some());
    if let Some(spill) = spill {
        *spill = spills;
    }
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
