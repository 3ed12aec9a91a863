//! The loaded collection as the app sees it: articles newest first (unknown
//! dates last), their read and starred state, reading positions and the last
//! session through [`Store`], and the load problems.

use std::collections::HashMap;

use crate::article::{Article, ArticleId, Problem};
use crate::ingest::Loaded;
use crate::store::{Session, Store};

/// The articles to browse, in display order, with read state and problems.
#[derive(Debug)]
pub struct Library {
    articles: Vec<Article>,
    problems: Vec<Problem>,
    store: Store,
    /// Articles not marked read, kept up to date by [`Library::set_read`] so
    /// the status bar never walks the collection.
    unread: usize,
    /// How many articles share an id, for the ids that more than one has
    /// (identical content): marking one marks them all.
    shared_ids: HashMap<ArticleId, usize>,
}

impl Library {
    /// Orders `loaded` newest first; `problems` from elsewhere (e.g. opening
    /// the store) are listed after the load problems.
    pub fn new(loaded: Loaded, store: Store, problems: Vec<Problem>) -> Self {
        let Loaded {
            mut articles,
            problems: mut all_problems,
        } = loaded;
        crate::cli::sort_newest_first(&mut articles);
        all_problems.extend(problems);
        let unread = articles.iter().filter(|a| !store.is_read(a.id)).count();
        Library {
            shared_ids: shared_ids(&articles),
            articles,
            problems: all_problems,
            store,
            unread,
        }
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn get(&self, index: usize) -> Option<&Article> {
        self.articles.get(index)
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn is_read(&self, index: usize) -> bool {
        self.get(index).is_some_and(|a| self.store.is_read(a.id))
    }

    /// Articles not marked read; O(1).
    pub fn unread_count(&self) -> usize {
        self.unread
    }

    /// Sets the read flag of the article at `index` and saves the store when
    /// it changed. Returns the save error, if any; the flag stays set in memory.
    pub fn set_read(&mut self, index: usize, read: bool) -> std::io::Result<()> {
        let Some(id) = self.get(index).map(|a| a.id) else {
            return Ok(());
        };
        if self.store.is_read(id) == read {
            return Ok(());
        }
        self.store.set_read(id, read);
        let copies = self.shared_ids.get(&id).copied().unwrap_or(1);
        if read {
            self.unread -= copies;
        } else {
            self.unread += copies;
        }
        self.store.save()
    }

    /// Marks the articles at `indices` read and saves once. Returns how many
    /// were newly marked, or the save error (the flags stay set in memory).
    pub fn set_all_read(&mut self, indices: &[usize]) -> std::io::Result<usize> {
        let mut marked = 0;
        for &index in indices {
            let Some(id) = self.get(index).map(|a| a.id) else {
                continue;
            };
            if !self.store.is_read(id) {
                self.store.set_read(id, true);
                self.unread -= self.shared_ids.get(&id).copied().unwrap_or(1);
                marked += 1;
            }
        }
        self.store.save().map(|()| marked)
    }

    pub fn is_starred(&self, index: usize) -> bool {
        self.get(index).is_some_and(|a| self.store.is_starred(a.id))
    }

    /// Stars or unstars the article at `index` and saves the store when it
    /// changed; the save error, if any, is returned.
    pub fn set_starred(&mut self, index: usize, starred: bool) -> std::io::Result<()> {
        let Some(id) = self.get(index).map(|a| a.id) else {
            return Ok(());
        };
        if self.store.is_starred(id) == starred {
            return Ok(());
        }
        self.store.set_starred(id, starred);
        self.store.save()
    }

    /// Where the article at `index` was left, as a share of its lines.
    pub fn position(&self, index: usize) -> Option<f64> {
        self.get(index).and_then(|a| self.store.position(a.id))
    }

    /// Remembers where the article at `index` was left. Kept in memory until
    /// the next save (a read or star change, or [`Library::save`] at quit),
    /// so scrolling never writes to disk.
    pub fn set_position(&mut self, index: usize, fraction: f64) {
        if let Some(id) = self.get(index).map(|a| a.id) {
            self.store.set_position(id, fraction);
        }
    }

    /// The last session, as the state file had it (or as last set).
    pub fn session(&self) -> &Session {
        self.store.session()
    }

    /// Records the session (in memory until the next save).
    pub fn set_session(&mut self, session: Session) {
        self.store.set_session(session);
    }

    /// Writes pending changes to the state file (nothing if none).
    pub fn save(&self) -> std::io::Result<()> {
        self.store.save()
    }

    /// The first article with `id`.
    pub fn index_of(&self, id: ArticleId) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }
}

/// The ids more than one article has, with how many have each.
fn shared_ids(articles: &[Article]) -> HashMap<ArticleId, usize> {
    let mut counts: HashMap<ArticleId, usize> = HashMap::with_capacity(articles.len());
    for a in articles {
        *counts.entry(a.id).or_default() += 1;
    }
    counts.retain(|_, n| *n > 1);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleId, Meta};
    use chrono::DateTime;

    fn article(title: &str, date: Option<&str>) -> Article {
        Article {
            id: ArticleId::from_content(title, &[]),
            path: title.into(),
            title: title.into(),
            meta: Meta {
                published: date.map(|d| DateTime::parse_from_rfc3339(d).unwrap()),
                ..Meta::default()
            },
            paragraphs: vec![],
            removed: vec![],
            raw: String::new(),
        }
    }

    #[test]
    fn newest_first_and_undated_last() {
        let loaded = Loaded {
            articles: vec![
                article("undated", None),
                article("old", Some("2020-01-01T00:00:00Z")),
                article("new", Some("2024-01-01T00:00:00Z")),
            ],
            problems: vec![],
        };
        let lib = Library::new(loaded, Store::in_memory(), vec![]);
        let titles: Vec<_> = lib.articles().iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["new", "old", "undated"]);
    }

    #[test]
    fn read_flags_go_through_the_store() {
        let loaded = Loaded {
            articles: vec![article("a", None), article("b", None)],
            problems: vec![],
        };
        let mut lib = Library::new(loaded, Store::in_memory(), vec![]);
        assert_eq!(lib.unread_count(), 2);
        lib.set_read(1, true).unwrap();
        assert!(lib.is_read(1) && !lib.is_read(0));
        assert_eq!(lib.unread_count(), 1);
        assert!(!lib.is_read(7));
        lib.set_read(1, true).unwrap();
        assert_eq!(lib.unread_count(), 1, "setting a set flag changes nothing");
        lib.set_read(1, false).unwrap();
        assert_eq!(lib.unread_count(), 2);
    }

    #[test]
    fn unread_count_starts_from_the_store_and_counts_shared_ids() {
        let mut store = Store::in_memory();
        store.set_read(article("a", None).id, true);
        let loaded = Loaded {
            articles: vec![article("a", None), article("b", None), article("b", None)],
            problems: vec![],
        };
        let mut lib = Library::new(loaded, store, vec![]);
        assert_eq!(lib.unread_count(), 2);
        lib.set_read(1, true).unwrap();
        assert!(lib.is_read(2), "same content, same id");
        assert_eq!(lib.unread_count(), 0);
        let walked = (0..lib.len()).filter(|&i| !lib.is_read(i)).count();
        assert_eq!(lib.unread_count(), walked);
    }
}
