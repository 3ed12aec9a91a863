//! The search matches as the list sees them: one flag per story (a story
//! matches when any of its copies does), the count of matching stories, and
//! matches added a few at a time while a search is still being checked,
//! merged into the list without relisting the whole collection.

use super::Library;

impl Library {
    /// Sets the search matches (search document numbers), or `None` for
    /// no search; the list follows at the next [`Library::relist`].
    pub fn set_matches(&mut self, matches: Option<&[u32]>) {
        let indices = matches.map(|docs| self.indices_of(docs));
        self.set_matched_indices(indices.as_deref());
        self.listed_for = None;
    }

    /// Sets the search matches by article index.
    pub(super) fn set_matched_indices(&mut self, matches: Option<&[u32]>) {
        self.matched_stories = 0;
        self.matches = matches.map(|_| vec![false; self.entries.len()]);
        if let Some(ids) = matches {
            self.flag(ids);
        }
    }

    /// The indices of the articles of `docs` still in the collection.
    fn indices_of(&self, docs: &[u32]) -> Vec<u32> {
        let found = docs.iter().filter_map(|&d| self.index_of_doc(d));
        found.map(|i| i as u32).collect()
    }

    /// Adds matches (search document numbers) to the search's, and lists the
    /// stories they bring that pass the filters, in their place in the
    /// sort: the same rows a [`Library::relist`] would give from a fresh
    /// list, in time linear in the list rather than the collection, and
    /// without re-sorting it. Returns the row the article at `selected`
    /// (a row of the old list) is at now (0 when nothing was listed).
    pub fn add_matches(&mut self, docs: &[u32], selected: usize) -> usize {
        let before = self.visible.get(selected).copied();
        let ids = self.indices_of(docs);
        let mut new = self.flag(&ids);
        new.retain(|&i| self.passes(i, None));
        if new.is_empty() {
            return selected;
        }
        let sort = self.filters.sort;
        self.ranks.sort_rows(&mut new, &self.entries, sort);
        let old = std::mem::take(&mut self.visible);
        let key = self.ranks.keys(&self.entries, sort);
        let key = |i: usize| key.map_or(i, |k| k[i] as usize);
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let mut new = new.into_iter().peekable();
        for i in old {
            while let Some(n) = new.next_if(|&n| key(n) < key(i)) {
                merged.push(n);
            }
            merged.push(i);
        }
        merged.extend(new);
        for (row, &i) in merged.iter().enumerate() {
            self.rows[i] = row as u32;
        }
        self.visible = merged;
        before.and_then(|i| self.row_of(i)).unwrap_or(0)
    }

    /// Stories (copies counted once) with a match, while searching.
    pub fn matched_stories(&self) -> usize {
        self.matched_stories
    }

    /// Whether the search (if any) matches the story of `primary`.
    pub(super) fn is_match(&self, primary: usize) -> bool {
        self.matches.as_ref().is_none_or(|flags| flags[primary])
    }

    /// Flags the stories of `ids`; returns the primaries newly flagged.
    fn flag(&mut self, ids: &[u32]) -> Vec<usize> {
        let Some(flags) = &mut self.matches else {
            return Vec::new();
        };
        let mut new = Vec::new();
        for &id in ids {
            let id = id as usize;
            if id >= flags.len() {
                continue;
            }
            let p = self.groups.primary(id);
            if !flags[p] {
                flags[p] = true;
                new.push(p);
            }
        }
        self.matched_stories += new.len();
        new
    }
}
