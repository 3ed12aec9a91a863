//! Persisted personal state (which articles were read), kept in one file
//! under the XDG state directory and written atomically.
//!
//! PLACEHOLDER: in memory only; persistence comes next.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::article::{ArticleId, Problem};

/// The reader's state: the set of read articles.
#[derive(Debug, Default)]
pub struct Store {
    path: Option<PathBuf>,
    read: HashSet<ArticleId>,
}

impl Store {
    /// A store that is never saved (tests, or when no state directory exists).
    pub fn in_memory() -> Self {
        Store::default()
    }

    /// Opens the state file at `path`; a missing file is an empty state, a
    /// corrupt one is reported, set aside, and replaced by an empty state.
    pub fn open(path: PathBuf) -> (Self, Vec<Problem>) {
        (
            Store {
                path: Some(path),
                read: HashSet::new(),
            },
            Vec::new(),
        )
    }

    /// Opens the state file in the XDG state directory (`$XDG_STATE_HOME/byline/state.json`).
    pub fn open_default() -> (Self, Vec<Problem>) {
        (Store::in_memory(), Vec::new())
    }

    /// Where the state is saved, if anywhere.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    pub fn is_read(&self, id: ArticleId) -> bool {
        self.read.contains(&id)
    }

    pub fn set_read(&mut self, id: ArticleId, read: bool) {
        if read {
            self.read.insert(id);
        } else {
            self.read.remove(&id);
        }
    }

    /// Writes the state atomically (temp file in the same folder, then rename).
    pub fn save(&self) -> std::io::Result<()> {
        Ok(())
    }
}
