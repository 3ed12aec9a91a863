//! Persisted personal state (read and starred articles, reading positions,
//! the last session), kept in one file under the XDG state directory and
//! written atomically.
//!
//! The file is JSON, version 2:
//!
//! ```json
//! {
//!   "version": 2,
//!   "read": ["<16 hex digits>", ...],
//!   "starred": ["<16 hex digits>", ...],
//!   "positions": {"<id>": {"fraction": 0.42, "used": 17}, ...},
//!   "session": {"selected": "<id>", "unread_only": false, "starred_only": false,
//!               "source": "Example News", "sort": "newest", "search": ""}
//! }
//! ```
//!
//! Ids are sorted so that the same state always gives the same bytes; empty
//! fields are left out. Version 1 files (`read` only) load as they are. Every
//! field has a default, and fields this version does not know are kept and
//! written back unchanged, so a newer byline's additions survive a run of an
//! older one. Articles are known by a hash of their content ([`ArticleId`]),
//! so moving or renaming a file keeps its state.
//!
//! Nothing here is ever fatal: a missing file is an empty state, a corrupt one
//! is reported and set aside as `state.json.corrupt`, and an unreadable one is
//! reported and left alone (saving is then disabled so it is not overwritten).

mod file;
mod session;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use crate::article::{ArticleId, Problem};
use file::{corrupt_path, describe_json_error, sweep_stale_temp_files, write_atomically};
pub use session::{MAX_POSITIONS, Position, Positions, Session};

/// The format version this build writes.
pub const STATE_VERSION: u32 = 2;

/// The state file's name inside `$XDG_STATE_HOME/byline/`.
pub const STATE_FILE_NAME: &str = "state.json";

/// The reader's state: read and starred articles, positions, the last session.
#[derive(Debug, Default)]
pub struct Store {
    /// Where the state is saved; `None` for an in-memory store.
    path: Option<PathBuf>,
    read: BTreeSet<ArticleId>,
    starred: BTreeSet<ArticleId>,
    positions: Positions,
    session: Session,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    starred: Vec<String>,
    /// Kept as JSON values so that one bad entry is skipped, not fatal.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    positions: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    session: Option<serde_json::Value>,
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

        if let Some(dir) = path.parent() {
            sweep_stale_temp_files(dir);
        }
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
                store.file_version = file.version;
                store.load(file, &mut |m| problems.push(problem(m)));
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
        if set_member(&mut self.read, id, read) {
            self.mark_dirty();
        }
    }

    pub fn is_starred(&self, id: ArticleId) -> bool {
        self.starred.contains(&id)
    }

    pub fn set_starred(&mut self, id: ArticleId, starred: bool) {
        if set_member(&mut self.starred, id, starred) {
            self.mark_dirty();
        }
    }

    /// How many articles are starred.
    pub fn starred_count(&self) -> usize {
        self.starred.len()
    }

    /// Where `id` was left, as a share of its lines (see [`Position`]).
    pub fn position(&self, id: ArticleId) -> Option<f64> {
        self.positions.get(id)
    }

    /// Remembers where `id` was left; 0 (the top) forgets it. Only the most
    /// recent [`MAX_POSITIONS`] are kept.
    pub fn set_position(&mut self, id: ArticleId, fraction: f64) {
        if self.positions.set(id, fraction) {
            self.mark_dirty();
        }
    }

    /// How many reading positions are remembered.
    pub fn position_count(&self) -> usize {
        self.positions.len()
    }

    /// The last session's selection, filters, sort and search.
    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn set_session(&mut self, session: Session) {
        if session != self.session {
            self.session = session;
            self.mark_dirty();
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
        let positions = self
            .positions
            .sorted()
            .into_iter()
            .filter_map(|(id, p)| Some((id.to_string(), serde_json::to_value(p).ok()?)))
            .collect();
        StateFile {
            version: STATE_VERSION.max(self.file_version),
            // BTreeSet iterates in order and fixed-width hex sorts like the
            // numbers, so the lists come out sorted.
            read: self.read.iter().map(ArticleId::to_string).collect(),
            starred: self.starred.iter().map(ArticleId::to_string).collect(),
            positions,
            session: (!self.session.is_default())
                .then(|| serde_json::to_value(&self.session).ok())
                .flatten(),
            extra: self.extra.clone(),
        }
    }

    /// Takes in a parsed file; entries that are not ids or positions are
    /// skipped and reported, one message per field.
    fn load(&mut self, file: StateFile, report: &mut dyn FnMut(String)) {
        for (field, list, set) in [
            ("read", &file.read, &mut self.read),
            ("starred", &file.starred, &mut self.starred),
        ] {
            let bad = insert_ids(list, set);
            if bad > 0 {
                report(bad_entries(bad, field, "not an article id"));
            }
        }
        let mut bad = 0;
        for (id, value) in file.positions {
            match (
                ArticleId::parse(&id),
                serde_json::from_value::<Position>(value),
            ) {
                (Some(id), Ok(p)) => self.positions.load(id, p),
                _ => bad += 1,
            }
        }
        self.positions.enforce_bound();
        if bad > 0 {
            report(bad_entries(bad, "positions", "not a reading position"));
        }
        if let Some(value) = file.session {
            match serde_json::from_value::<Session>(value) {
                Ok(session) => self.session = session,
                Err(e) => report(format!("\"session\" is not understood ({e}); ignored")),
            }
        }
        self.extra = file.extra;
    }

    fn mark_dirty(&self) {
        self.dirty.store(true, Ordering::Relaxed);
    }
}

/// Puts `id` in `set` or takes it out; returns whether that changed it.
fn set_member(set: &mut BTreeSet<ArticleId>, id: ArticleId, member: bool) -> bool {
    if member {
        set.insert(id)
    } else {
        set.remove(&id)
    }
}

/// Parses `list` into `set`; returns how many entries were not ids.
fn insert_ids(list: &[String], set: &mut BTreeSet<ArticleId>) -> usize {
    let mut bad = 0;
    for s in list {
        match ArticleId::parse(s) {
            Some(id) => {
                set.insert(id);
            }
            None => bad += 1,
        }
    }
    bad
}

/// "2 entries in \"read\" are not an article id; ignored".
fn bad_entries(n: usize, field: &str, what: &str) -> String {
    let (entries, are) = if n == 1 {
        ("entry", "is")
    } else {
        ("entries", "are")
    };
    format!("{n} {entries} in \"{field}\" {are} {what}; ignored")
}
