//! Opening a long article without stopping the screen: a body that is not
//! in memory and whose file is large (cleaning 10 MB takes a good part of
//! a second) is read and cleaned on a thread of its own; meanwhile the
//! reader shows its headline with "Opening…", and the event loop hands the
//! body over when it is ready ([`App::take_opened`]).

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::App;
use crate::article::{Article, ArticleId, Entry};
use crate::library::bodies::Bodies;

/// Files at least this large are read off the UI thread.
pub const LARGE_FILE: u64 = 1 << 20;

/// A body being read on another thread.
#[derive(Debug)]
pub struct Opening {
    id: ArticleId,
    body: Receiver<Option<Arc<Article>>>,
}

/// The body of `entry` if its file is small enough to read now; else the
/// reading starts on another thread, and a stand-in saying so is returned.
pub(super) fn start(app: &mut App, index: usize, entry: &Entry) -> Option<Arc<Article>> {
    let size = std::fs::metadata(&entry.path).map_or(0, |m| m.len());
    if size < LARGE_FILE || app.library.kept_body(index).is_some() {
        return None;
    }
    if app.opening.as_ref().is_some_and(|o| o.id == entry.id) {
        return Some(stand_in(entry, size));
    }
    let (tx, rx) = mpsc::channel();
    let wanted = entry.clone();
    std::thread::spawn(move || {
        let _ = tx.send(Bodies::read(&wanted));
    });
    app.opening = Some(Opening {
        id: entry.id,
        body: rx,
    });
    Some(stand_in(entry, size))
}

/// The headline with a note that the article is being opened.
fn stand_in(entry: &Entry, size: u64) -> Arc<Article> {
    let megabytes = size as f64 / 1_048_576.0;
    Arc::new(Article {
        id: entry.id,
        path: entry.path.to_path_buf(),
        title: entry.title.clone(),
        meta: entry.meta.clone(),
        paragraphs: vec![format!("Opening… ({megabytes:.1} MB)")],
        removed: vec![],
        raw: String::new(),
    })
}

impl App {
    /// Whether a long article is being opened on another thread.
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// Shows the long article being opened, if it is ready; returns whether
    /// it was.
    pub fn take_opened(&mut self) -> bool {
        let Some(opening) = &self.opening else {
            return false;
        };
        let body = match opening.body.try_recv() {
            Ok(body) => body,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => None,
        };
        let id = opening.id;
        self.opening = None;
        let shown = self.shown_article().and_then(|i| self.library.get(i));
        if shown.map(|e| e.id) == Some(id) {
            // Wrapped anew from the real text, at the remembered place.
            self.body = body.or_else(|| self.body.take());
            self.reader = super::view::ReaderCache::default();
            super::update::refresh(self);
        }
        true
    }
}
