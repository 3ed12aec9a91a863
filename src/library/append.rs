//! Articles added while the list is shown: a batch is merged into its place
//! in the collection order, stories are counted afresh (O(n): the caller
//! batches less often as the collection grows), and the list is recomputed
//! keeping the selection on the same article.
//!
//! Grouping copies costs far more (their bodies are compared), so the new
//! articles stand alone until [`Library::group_copies`], once everything
//! is loaded: until then a copy of a listed story may be listed too.
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
    /// collection order, the filters, the search matches and the selection;
    /// after [`Library::group_copies`], the list is the one a
    /// `Library::new` of all the articles would show.
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
        self.groups.remap(&remap, self.len());
        self.recount();
        let selected = self.relist_moved(&remap, exempt, selected);
        Appended {
            remap,
            added,
            selected,
        }
    }

    /// Groups the copies across the whole collection (O(n), the bodies of
    /// same-title articles compared) and relists, the selection staying on
    /// its story; `exempt` and `selected` as for [`Library::append`].
    /// Returns the row to select.
    pub fn group_copies(&mut self, exempt: Option<usize>, selected: usize) -> usize {
        let same: Vec<usize> = (0..self.len()).collect();
        self.regroup();
        self.relist_moved(&same, exempt, selected)
    }

    /// Relists after the articles moved (`remap`: old index to new) or
    /// were grouped anew: the search matches, the old list and `exempt`
    /// follow their stories (a copy may now stand for one).
    fn relist_moved(&mut self, remap: &[usize], exempt: Option<usize>, selected: usize) -> usize {
        let primary = |i: usize| self.groups.primary(remap[i]);
        let matched: Option<Vec<u32>> = self.matches.as_ref().map(|flags| {
            let flagged = flags.iter().enumerate().filter(|(_, m)| **m);
            flagged.map(|(i, _)| primary(i) as u32).collect()
        });
        self.visible = self.visible.iter().map(|&i| primary(i)).collect();
        let exempt = exempt.map(primary);
        self.set_matches(matched.as_deref());
        self.relist(exempt, selected)
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
