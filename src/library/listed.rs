//! The list kept up to date as articles are added (see `append.rs`),
//! without filtering and sorting the whole collection again: the rows
//! there were follow their articles, the new articles that pass the
//! filters are put into their places in the sort (found by binary
//! search), and of the others only those whose listing can have changed
//! since the list was made are looked at again: the article exempt from
//! the unread filter then and the one exempt now. A few passes over the
//! list and `k log n` comparisons for `k` new articles, rather than the
//! collection filtered, sorted and mapped afresh at every batch.
//!
//! That holds while the list is what [`Library::relist`] would give, as it
//! is after a relist, a batch added, or matches added
//! ([`Library::add_matches`], which lists what it brings as a relist
//! would, the exempt article aside). Changing the filters or the search,
//! or a read or starred flag that a filter in effect looks at, leaves the
//! list as it was until the next relist ([`Library::listed_for`] says the
//! list no longer stands for the state): a batch added then is listed by
//! a whole relist.

use super::listing::{Sort, SortKey};
use super::spread::spread;
use super::{Library, UNLISTED};

impl Library {
    /// After the articles at `added` (ascending) came, the old ones having
    /// moved as `remap` says: lists them, keeping the list otherwise, as
    /// [`Library::relist`] with `exempt` (an old index) would; returns the
    /// row to select, as it does for `selected` (a row of the old list).
    pub(super) fn relist_added(
        &mut self,
        remap: &[usize],
        added: &[usize],
        exempt: Option<usize>,
        selected: usize,
    ) -> usize {
        let exempt = exempt
            .and_then(|e| remap.get(e))
            .map(|&e| self.groups.primary(e));
        let listed_for = self.listed_for;
        let old_len = self.len() - added.len();
        // The old index of `i`, one of the articles there were.
        let old_index = |i: usize| i - added.partition_point(|&a| a < i);
        for i in &mut self.visible {
            *i = remap[*i];
        }
        let Some(was_exempt) = listed_for else {
            return self.relist(exempt, selected);
        };
        let was_exempt = was_exempt.and_then(|e| remap.get(e).copied());
        // Old rows whose article no longer passes, and old articles to list.
        let mut gone: Vec<usize> = Vec::new();
        let mut coming: Vec<usize> = Vec::new();
        if self.filters.unread_only {
            let mut suspects: Vec<usize> = [was_exempt, exempt].into_iter().flatten().collect();
            suspects.dedup();
            for s in suspects {
                // `self.rows` is still the old list's.
                let row = self.rows.get(old_index(s)).filter(|&&r| r != UNLISTED);
                match (row, self.listable(s, exempt)) {
                    (Some(&row), false) => gone.push(row as usize),
                    (None, true) => coming.push(s),
                    _ => {}
                }
            }
        }
        coming.extend(added.iter().copied().filter(|&i| self.listable(i, exempt)));
        debug_assert!(self.rows.len() == old_len);
        // The selection: as `relist` finds it among the old list's rows.
        let old = &self.visible;
        let after = old.get(selected..).map_or(0..0, |_| selected..old.len());
        let before = old.get(..selected).map_or(0..0, |_| 0..selected).rev();
        let target = after
            .chain(before)
            .find(|r| !gone.contains(r))
            .map(|r| old[r]);
        gone.sort_unstable();
        for &row in gone.iter().rev() {
            self.visible.remove(row);
        }
        self.insert_rows(coming);
        self.rows.clear();
        self.rows.resize(self.len(), UNLISTED);
        for (row, &i) in self.visible.iter().enumerate() {
            self.rows[i] = row as u32;
        }
        self.listed_for = Some(exempt);
        target.and_then(|i| self.row_of(i)).unwrap_or(0)
    }

    /// Whether article `i` is listed by a relist with `exempt`.
    fn listable(&self, i: usize, exempt: Option<usize>) -> bool {
        self.groups.primary(i) == i && self.is_match(i) && self.passes(i, exempt)
    }

    /// Puts the articles `coming` (not listed) into the list in their
    /// places in the sort: `(key, index)` order, as the ranks give it.
    fn insert_rows(&mut self, coming: Vec<usize>) {
        if coming.is_empty() {
            return;
        }
        let (entries, visible, sort) = (&self.entries, &mut self.visible, self.filters.sort);
        let (places, coming): (Vec<usize>, Vec<usize>) = if sort == Sort::Newest {
            let mut coming = coming;
            coming.sort_unstable();
            let places = coming
                .iter()
                .map(|&c| visible.partition_point(|&v| v < c))
                .collect();
            (places, coming)
        } else {
            let key = |i: usize| (SortKey::of(&entries[i], sort), i);
            let mut keyed: Vec<_> = coming.into_iter().map(key).collect();
            keyed.sort_unstable();
            keyed
                .iter()
                .map(|c| (visible.partition_point(|&v| key(v) < *c), c.1))
                .unzip()
        };
        spread(visible, &places, coming);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::{Filters, Incoming, Library, Sort};
    use crate::article::{Article, ArticleId, Meta};
    use crate::ingest::Loaded;
    use crate::store::Store;
    use crate::test_rng::Rng;

    /// A file of one or two articles: dates with ties (to the hour, some
    /// within one second) and undated ones, titles and sources that repeat
    /// in other cases and spacing (and some not ASCII), bodies that repeat
    /// (the same content is one identity, and may be a copy).
    fn file(rng: &mut Rng, n: usize) -> Vec<Article> {
        let start = chrono::DateTime::parse_from_rfc3339("2025-03-01T08:00:00+00:00").unwrap();
        let titles = [
            "Harbour",
            "harbour ",
            "Ferry",
            "ÉTÉ",
            "Σοφία Σ",
            "bridge",
            "",
            "Zed",
        ];
        let sources = [
            Some("Gazette"),
            Some(" gazette"),
            Some("Ötz"),
            Some(""),
            None,
        ];
        (0..1 + rng.below(2))
            .map(|slot| {
                let title = titles[rng.below(titles.len())].to_string();
                let paragraphs = vec![format!("The council met on day {}.", rng.below(4))];
                let published = (rng.below(6) > 0).then(|| {
                    start
                        + chrono::Duration::hours(rng.below(5) as i64)
                        + chrono::Duration::milliseconds(rng.below(2) as i64 * 400)
                });
                Article {
                    id: ArticleId::from_content(&title, &paragraphs),
                    path: format!("/news/{n}.jsonl").into(),
                    title: format!("{title}{}", " ".repeat(slot)),
                    meta: Meta {
                        source: sources[rng.below(sources.len())].map(String::from),
                        published,
                        ..Meta::default()
                    },
                    paragraphs,
                    removed: vec![],
                    raw: String::new(),
                }
            })
            .collect()
    }

    fn filters(rng: &mut Rng) -> Filters {
        let sources = [None, Some("Gazette"), Some("Ötz")];
        Filters {
            unread_only: rng.below(2) == 0,
            starred_only: rng.below(4) == 0,
            source: sources[rng.below(sources.len())].map(String::from),
            sort: Sort::ALL[rng.below(4)],
        }
    }

    /// Everything the list and the counts show, and where each document is.
    fn assert_same(lib: &Library, full: &Library, what: &str) {
        let place = |l: &Library| -> Vec<(Arc<std::path::Path>, u32)> {
            l.entries()
                .iter()
                .map(|e| (e.path.clone(), e.slot))
                .collect()
        };
        assert_eq!(place(lib), place(full), "{what}: collection order");
        assert_eq!(lib.docs(), full.docs(), "{what}");
        assert_eq!(lib.visible(), full.visible(), "{what}: the list");
        for i in 0..lib.len() + 2 {
            assert_eq!(lib.row_of(i), full.row_of(i), "{what}: row of {i}");
            assert_eq!(lib.copies(i), full.copies(i), "{what}: copies of {i}");
        }
        assert_eq!(lib.next_doc(), full.next_doc(), "{what}");
        for doc in 0..lib.next_doc() + 2 {
            assert_eq!(
                lib.index_of_doc(doc),
                full.index_of_doc(doc),
                "{what}: doc {doc}"
            );
        }
        assert_eq!(lib.unread_count(), full.unread_count(), "{what}");
        assert_eq!(lib.story_count(), full.story_count(), "{what}");
        assert_eq!(lib.sources(), full.sources(), "{what}");
        assert_eq!(lib.is_searching(), full.is_searching(), "{what}");
        assert_eq!(lib.matched_stories(), full.matched_stories(), "{what}");
    }

    /// Two libraries given the same: one lists each batch in place, the
    /// other relists the whole collection at each (its list marked stale
    /// first), with reads, stars, filter, sort
    /// and search changes, matches added a few at a time, copies grouped
    /// and files dropped between batches, and any exempt article and
    /// selected row.
    #[test]
    fn batches_listed_in_place_list_as_a_whole_relist_would() {
        let mut in_place = 0;
        for round in 0..150u64 {
            let mut rng = Rng(0x9e37_79b9 ^ ((round + 1) * 0x2545_f491));
            let mut files = 0;
            let store = || Store::in_memory();
            let mut lib = Library::new(Loaded::default(), store(), vec![]);
            let mut full = Library::new(Loaded::default(), store(), vec![]);
            let f = filters(&mut rng);
            lib.set_filters(f.clone());
            full.set_filters(f);
            let mut selected = 0;
            for step in 0..50 {
                let what = format!("round {round} step {step}");
                let len = lib.len();
                let some_index = |rng: &mut Rng| (len > 0).then(|| rng.below(len));
                let op = rng.below(16);
                match op {
                    0..=7 => {
                        let articles: Vec<Article> = (0..1 + rng.below(4))
                            .flat_map(|_| {
                                files += 1;
                                file(&mut rng, files)
                            })
                            .collect();
                        let exempt = some_index(&mut rng);
                        let row = rng.below(lib.visible().len() + 3);
                        let first = lib.next_doc();
                        let incoming = |a: &[Article]| Incoming::numbered(a.to_vec(), first);
                        in_place += usize::from(lib.listed_for.is_some());
                        let a = lib.add(incoming(&articles), exempt, row);
                        full.listed_for = None;
                        let b = full.add(incoming(&articles), exempt, row);
                        assert_eq!(a.remap, b.remap, "{what}");
                        assert_eq!(a.added, b.added, "{what}");
                        assert_eq!(a.selected, b.selected, "{what}: selected");
                        selected = a.selected;
                    }
                    8 | 9 => {
                        if let Some(i) = some_index(&mut rng) {
                            let read = rng.below(3) > 0;
                            lib.set_read(i, read).unwrap();
                            full.set_read(i, read).unwrap();
                        }
                    }
                    10 => {
                        if let Some(i) = some_index(&mut rng) {
                            let starred = rng.below(2) == 0;
                            lib.set_starred(i, starred).unwrap();
                            full.set_starred(i, starred).unwrap();
                        }
                    }
                    11 | 12 => {
                        if op == 11 {
                            let f = filters(&mut rng);
                            lib.set_filters(f.clone());
                            full.set_filters(f);
                        } else {
                            let docs: Vec<u32> =
                                (0..lib.next_doc()).filter(|_| rng.below(3) == 0).collect();
                            let search = rng.below(4) > 0;
                            lib.set_matches(search.then_some(&docs[..]));
                            full.set_matches(search.then_some(&docs[..]));
                        }
                        // Now and then a batch comes before the relist.
                        if rng.below(3) > 0 {
                            let exempt = some_index(&mut rng);
                            let a = lib.relist(exempt, selected);
                            assert_eq!(a, full.relist(exempt, selected), "{what}");
                            selected = a;
                        }
                    }
                    13 => {
                        let docs: Vec<u32> =
                            (0..lib.next_doc()).filter(|_| rng.below(5) == 0).collect();
                        let a = lib.add_matches(&docs, selected);
                        assert_eq!(a, full.add_matches(&docs, selected), "{what}");
                        selected = a;
                    }
                    14 => {
                        let exempt = some_index(&mut rng);
                        let a = lib.group_copies(exempt, selected);
                        assert_eq!(a, full.group_copies(exempt, selected), "{what}");
                        selected = a;
                    }
                    _ => {
                        let gone = vec![format!("/news/{}.jsonl", rng.below(files + 1)).into()];
                        let exempt = some_index(&mut rng);
                        let a = lib.remove_under(&gone, exempt, selected);
                        let b = full.remove_under(&gone, exempt, selected);
                        assert_eq!(a.remap, b.remap, "{what}");
                        assert_eq!(a.selected, b.selected, "{what}");
                        selected = a.selected;
                    }
                }
                assert_same(&lib, &full, &what);
            }
        }
        assert!(
            in_place > 1500,
            "most batches were listed in place: {in_place}"
        );
    }
}
