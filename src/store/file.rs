//! The state file on disk: atomic writes, the `.corrupt` name, readable
//! JSON errors, and sweeping temp files a killed save left behind.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::STATE_FILE_NAME;

/// Temp files are named `.state-XXXXXX.tmp` in the state folder.
const TEMP_PREFIX: &str = ".state-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temp file older than this is left over from a save that was killed (a
/// save takes milliseconds), never one in progress.
const STALE_AFTER: Duration = Duration::from_secs(600);

/// `state.json` → `state.json.corrupt`, in the same folder.
pub(super) fn corrupt_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| STATE_FILE_NAME.into());
    name.push(".corrupt");
    path.with_file_name(name)
}

/// serde_json's message, which already says where ("... at line 1 column 1"),
/// or a plainer one for a file that stops early.
pub(super) fn describe_json_error(e: &serde_json::Error) -> String {
    if e.is_eof() && e.line() == 1 && e.column() == 0 {
        "it is empty".into()
    } else if e.is_eof() {
        format!(
            "it ends too early, at line {} column {}",
            e.line(),
            e.column()
        )
    } else {
        e.to_string()
    }
}

/// Writes `bytes` to `path` so that readers see either the old file or the
/// whole new one: a temp file in the same folder, flushed and synced, then
/// renamed over the target. The folder is created if missing.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    // On failure the temp file is dropped, which deletes it.
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable; not every platform can sync a folder.
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Removes temp files in `dir` that a killed save left behind (they never
/// replace the state file, but would pile up). Returns how many went.
pub(super) fn sweep_stale_temp_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
        })
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_AFTER))
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}
