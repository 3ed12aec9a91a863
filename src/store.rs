//! Persisted personal state (which articles were read), kept in one file
//! under the XDG state directory and written atomically.
//!
//! The file is JSON, `{"version": 1, "read": ["<16 hex digits>", ...]}`, with
//! the ids sorted so that the same state always gives the same bytes. Every
//! field has a default, and fields this version does not know are kept and
//! written back unchanged, so a newer byline's additions (stars, reading
//! positions, ...) survive a run of an older one.
//!
//! Nothing here is ever fatal: a missing file is an empty state, a corrupt one
//! is reported and set aside as `state.json.corrupt`, and an unreadable one is
//! reported and left alone (saving is then disabled so it is not overwritten).

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use crate::article::{ArticleId, Problem};

/// The format version this build writes.
pub const STATE_VERSION: u32 = 1;

/// The state file's name inside `$XDG_STATE_HOME/byline/`.
pub const STATE_FILE_NAME: &str = "state.json";

/// The reader's state: the set of read articles.
#[derive(Debug, Default)]
pub struct Store {
    /// Where the state is saved; `None` for an in-memory store.
    path: Option<PathBuf>,
    read: BTreeSet<ArticleId>,
    /// Fields of the file this version does not understand, written back as read.
    extra: serde_json::Map<String, serde_json::Value>,
    /// Something changed since the last load or save.
    dirty: AtomicBool,
    /// The file exists but could not be read: never overwrite it.
    save_disabled: bool,
    /// The version the file said it was, so a newer one is not relabelled older.
    file_version: u32,
}

/// The file as stored. Every field defaults, so older or partial files load.
#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    #[serde(default)]
    version: u32,
    #[serde(default)]
    read: Vec<String>,
    /// Whatever else is in the file (from a newer version), kept verbatim.
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

impl Store {
    /// A store that is never saved (tests, or when no state directory exists).
    pub fn in_memory() -> Self {
        Store::default()
    }

    /// Opens the state file at `path`; a missing file is an empty state, a
    /// corrupt one is reported, set aside, and replaced by an empty state.
    pub fn open(path: PathBuf) -> (Self, Vec<Problem>) {
        let mut store = Store {
            path: Some(path.clone()),
            ..Store::default()
        };
        let mut problems = Vec::new();
        let problem = |message: String| Problem {
            path: path.clone(),
            message,
        };

        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (store, problems),
            Err(e) => {
                store.save_disabled = true;
                problems.push(problem(format!(
                    "cannot read state file ({e}); starting fresh, and reads \
                     won't be saved this session so the file is left untouched"
                )));
                return (store, problems);
            }
        };

        match serde_json::from_slice::<StateFile>(&bytes) {
            Ok(file) => {
                let mut bad = 0usize;
                for s in &file.read {
                    match ArticleId::parse(s) {
                        Some(id) => {
                            store.read.insert(id);
                        }
                        None => bad += 1,
                    }
                }
                if bad > 0 {
                    let entries = if bad == 1 { "entry" } else { "entries" };
                    problems.push(problem(format!(
                        "{bad} {entries} in \"read\" {} not an article id; ignored",
                        if bad == 1 { "is" } else { "are" }
                    )));
                }
                store.extra = file.extra;
                store.file_version = file.version;
            }
            Err(e) => {
                let aside = corrupt_path(&path);
                let aside_name = aside
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let what = describe_json_error(&e);
                match fs::rename(&path, &aside) {
                    Ok(()) => problems.push(problem(format!(
                        "state file is corrupt ({what}); set aside as {aside_name}, starting fresh"
                    ))),
                    Err(re) => {
                        store.save_disabled = true;
                        problems.push(problem(format!(
                            "state file is corrupt ({what}) and could not be set aside as \
                             {aside_name} ({re}); starting fresh, and reads won't be saved \
                             this session so the file is left untouched"
                        )));
                    }
                }
            }
        }
        (store, problems)
    }

    /// Opens the state file in the XDG state directory (`$XDG_STATE_HOME/byline/state.json`).
    pub fn open_default() -> (Self, Vec<Problem>) {
        match Store::default_path() {
            Some(path) => Store::open(path),
            None => (
                Store::in_memory(),
                vec![Problem {
                    path: PathBuf::from("$XDG_STATE_HOME/byline").join(STATE_FILE_NAME),
                    message: "no state directory could be found (is HOME set?); \
                              reads won't be remembered after you quit"
                        .into(),
                }],
            ),
        }
    }

    /// `$XDG_STATE_HOME/byline/state.json` (`~/.local/state/...` when unset),
    /// or `None` when no home directory can be found.
    pub fn default_path() -> Option<PathBuf> {
        use etcetera::BaseStrategy;
        let strategy = etcetera::choose_base_strategy().ok()?;
        Some(strategy.state_dir()?.join("byline").join(STATE_FILE_NAME))
    }

    /// Where the state is saved, if anywhere.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    pub fn is_read(&self, id: ArticleId) -> bool {
        self.read.contains(&id)
    }

    pub fn set_read(&mut self, id: ArticleId, read: bool) {
        let changed = if read {
            self.read.insert(id)
        } else {
            self.read.remove(&id)
        };
        if changed {
            self.dirty.store(true, Ordering::Relaxed);
        }
    }

    /// How many articles are marked read.
    pub fn read_count(&self) -> usize {
        self.read.len()
    }

    /// Whether something changed that [`Store::save`] has not written yet.
    pub fn is_dirty(&self) -> bool {
        self.dirty.load(Ordering::Relaxed)
    }

    /// Whether [`Store::save`] writes anything: false for an in-memory store
    /// and when an existing state file could not be read (it is left alone).
    pub fn can_save(&self) -> bool {
        self.path.is_some() && !self.save_disabled
    }

    /// Writes the state atomically (temp file in the same folder, then rename).
    ///
    /// Does nothing when nothing changed since the last load or save, for an
    /// in-memory store, or when saving was disabled at open (already reported).
    pub fn save(&self) -> std::io::Result<()> {
        let Some(path) = self.path.as_deref() else {
            return Ok(());
        };
        if self.save_disabled || !self.is_dirty() {
            return Ok(());
        }
        let mut json = serde_json::to_vec_pretty(&self.to_file()).map_err(io::Error::other)?;
        json.push(b'\n');
        write_atomically(path, &json)?;
        self.dirty.store(false, Ordering::Relaxed);
        Ok(())
    }

    fn to_file(&self) -> StateFile {
        StateFile {
            version: STATE_VERSION.max(self.file_version),
            // BTreeSet iterates in order and fixed-width hex sorts like the
            // numbers, so the list comes out sorted.
            read: self.read.iter().map(ArticleId::to_string).collect(),
            extra: self.extra.clone(),
        }
    }
}

/// `state.json` → `state.json.corrupt`, in the same folder.
fn corrupt_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| STATE_FILE_NAME.into());
    name.push(".corrupt");
    path.with_file_name(name)
}

/// serde_json's message, which already says where ("... at line 1 column 1"),
/// or a plainer one for a file that stops early.
fn describe_json_error(e: &serde_json::Error) -> String {
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
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".state-")
        .suffix(".tmp")
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
