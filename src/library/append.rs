//! Articles added while the list is shown: a batch is merged into its place
//! in the collection order, copies are grouped and stories counted afresh
//! (O(n): the caller batches less often as the collection grows), and the
//! list is recomputed keeping the selection on the same article.
//!
//! Indices shift as articles are inserted before others; [`Appended`] says
//! where each old index went, for the state kept by index outside (the open
//! article, the reader's cache, the headlines).

use super::Library;
use crate::ingest::Loaded;

/// Where an [`Library::append`] put things.
#[derive(Debug, Default)]
pub struct Appended {
    /// Per old index, the article's index now (ascending).
    pub remap: Vec<usize>,
    /// The new articles' indices, ascending.
    pub added: Vec<usize>,
    /// The row to select: the old selection's article, else the nearest.
    pub selected: usize,
}

impl Library {
    /// Adds `loaded` (articles in any order, and problems), keeping the
    /// collection order, the filters, the search matches and the selection:
    /// the list is the one a `Library::new` of all the articles would show.
    /// `exempt` (an old index) stays listed although read, as in
    /// [`Library::relist`]; `selected` is a row of the old list.
    pub fn append(&mut self, loaded: Loaded, exempt: Option<usize>, selected: usize) -> Appended {
        let Loaded { articles, problems } = loaded;
        self.problems.extend(problems);
        if articles.is_empty() {
            return Appended {
                remap: (0..self.len()).collect(),
                added: Vec::new(),
                selected,
            };
        }
        let (remap, added) = self.merge(articles);
        let matched: Option<Vec<u32>> = self.matches.as_ref().map(|flags| {
            let flagged = flags.iter().enumerate().filter(|(_, m)| **m);
            flagged.map(|(i, _)| remap[i] as u32).collect()
        });
        self.regroup();
        // A copy that came in may now stand for its story in the list.
        let visible = self.visible.iter();
        self.visible = visible.map(|&i| self.groups.primary(remap[i])).collect();
        self.set_matches(matched.as_deref());
        let exempt = exempt.map(|i| self.groups.primary(remap[i]));
        let selected = self.relist(exempt, selected);
        Appended {
            remap,
            added,
            selected,
        }
    }

    /// Adds load problems (listed after those there are).
    pub fn add_problems(&mut self, problems: Vec<crate::article::Problem>) {
        self.problems.extend(problems);
    }

    /// Merges `batch` into the articles in collection order; returns where
    /// the old articles and the new ones went.
    fn merge(&mut self, mut batch: Vec<crate::article::Article>) -> (Vec<usize>, Vec<usize>) {
        use crate::cli::newest_first;
        crate::cli::sort_newest_first(&mut batch);
        let old = std::mem::take(std::sync::Arc::make_mut(&mut self.articles));
        let mut merged = Vec::with_capacity(old.len() + batch.len());
        let (mut remap, mut added) = (Vec::with_capacity(old.len()), Vec::new());
        let mut batch = batch.into_iter().peekable();
        for a in old {
            while let Some(b) = batch.next_if(|b| newest_first(b, &a).is_lt()) {
                added.push(merged.len());
                merged.push(b);
            }
            remap.push(merged.len());
            merged.push(a);
        }
        for b in batch {
            added.push(merged.len());
            merged.push(b);
        }
        self.articles = std::sync::Arc::new(merged);
        (remap, added)
    }
}
