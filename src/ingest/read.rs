//! Reading one file whole with as few system calls as it takes: one
//! lookup of its path, one look at the open file (its size and
//! modification time: the cache's stamp), one read.
//!
//! Opening the files relative to their folder (held open) rather than by
//! their whole path was tried: the kernel's time in opening them did not
//! change (the lookup of the file's own name is what costs, not that of
//! its folders), so they are opened by path.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

thread_local! {
    /// The bytes of the file read last on this thread: read into again for
    /// the next, so that reading does not take fresh memory (and its page
    /// faults) per file. Its length is the room ever zeroed, not the
    /// file's: the next file is read over it without zeroing it again.
    pub(super) static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A read buffer larger than this is not kept for the next file (a large
/// export would hold that much memory per thread to the end).
pub(super) const KEPT_BUFFER: usize = 4 << 20;

/// Reads the file into the front of `bytes`, as `fs::read` would, and
/// gives its metadata, as `fs::metadata` would, from one lookup of the
/// path (the metadata come from the open file, as does the size to read),
/// with how many bytes it holds or why it could not be read. `bytes` is
/// made one byte longer than that size (it is only ever lengthened, so
/// the room is zeroed once per thread): for a plain file, a read that
/// brings the whole size but does not fill the room is the end of the
/// file, so that a file is read in one system call rather than two (the
/// second to find it ends). A file that
/// grew meanwhile fills it and is read on. No metadata when the file could
/// not be opened.
pub(super) fn whole(path: &Path, bytes: &mut Vec<u8>) -> (Option<Metadata>, io::Result<usize>) {
    let meta = File::open(path).and_then(|file| Ok((file.metadata()?, file)));
    match meta {
        Ok((meta, file)) => {
            let read = read_into(file, meta.len(), meta.is_file(), bytes);
            (Some(meta), read)
        }
        Err(e) => (None, Err(e)),
    }
}

/// Reads the open `file`, of `size` bytes by its metadata and a plain
/// file if `is_file`, as [`whole`] says.
fn read_into(
    mut file: impl Read,
    size: u64,
    is_file: bool,
    bytes: &mut Vec<u8>,
) -> io::Result<usize> {
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    let mut room = size.saturating_add(1);
    let mut filled = 0;
    loop {
        if bytes.len() < room {
            bytes.try_reserve_exact(room - bytes.len())?;
            bytes.resize(room, 0);
        }
        match file.read(&mut bytes[filled..room]) {
            Ok(0) => return Ok(filled),
            Ok(n) => {
                filled += n;
                // All the size it had, and not more: its end. (Short of
                // that size, a read may have stopped early, as on some
                // network or FUSE mounts, or the file shrank: read on,
                // until a read gives nothing.)
                if filled >= size && filled < room && is_file {
                    return Ok(filled);
                }
                if filled == room {
                    // Grown since it was looked at: read on.
                    room = room.saturating_add(room.max(8 << 10));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_file_whole_over_what_the_buffer_held() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = Vec::new();
        // Longest first: each later file is read over a longer one's bytes.
        for len in [70_000, 4096, 4095, 1, 0] {
            let path = dir.path().join(format!("{len}.txt"));
            let text: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            std::fs::write(&path, &text).unwrap();
            let (meta, read) = whole(&path, &mut bytes);
            assert_eq!(&bytes[..read.unwrap()], text.as_slice(), "{len}");
            assert_eq!(meta.unwrap().len(), len as u64);
            assert!(bytes.len() > 70_000, "the room is kept: {}", bytes.len());
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_longer_than_its_size_says_is_read_to_its_end() {
        // Such files say they are empty.
        let path = Path::new("/proc/self/cmdline");
        assert_eq!(std::fs::metadata(path).unwrap().len(), 0);
        let mut bytes = Vec::new();
        let read = whole(path, &mut bytes).1.unwrap();
        assert_eq!(&bytes[..read], std::fs::read(path).unwrap().as_slice());
        assert!(read > 1, "{read}");
    }

    /// Gives at most 7 bytes a read, as a mount may.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(out.len()).min(7);
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_plain_file_read_in_short_pieces_is_read_to_its_size() {
        let text: Vec<u8> = (0..100u8).collect();
        let mut bytes = vec![0xFF; 30];
        let read = read_into(Trickle(&text), 100, true, &mut bytes).unwrap();
        assert_eq!(&bytes[..read], text.as_slice());
        // One that shrank since its size was taken ends where it ends.
        let read = read_into(Trickle(&text[..40]), 100, true, &mut bytes).unwrap();
        assert_eq!(&bytes[..read], &text[..40]);
    }

    #[test]
    fn errors_say_why_with_what_was_known() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = Vec::new();
        let (meta, read) = whole(&dir.path().join("none.txt"), &mut bytes);
        assert_eq!(read.unwrap_err().kind(), io::ErrorKind::NotFound);
        assert!(meta.is_none());
        // A folder opens, and fails to read.
        let (meta, read) = whole(dir.path(), &mut bytes);
        assert_eq!(read.unwrap_err().raw_os_error(), Some(21));
        assert!(meta.is_some_and(|m| m.is_dir()));
    }
}
