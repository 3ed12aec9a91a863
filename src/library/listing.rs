//! What the headline list shows: the filters (unread, starred, one source,
//! search matches), the sort, and the rows they give, recomputed only when
//! one of them (or the read state, see [`super::Library::relist`]) changes.

use std::cmp::Ordering;

use std::borrow::Borrow;

use crate::article::Entry;

/// The orders the list can be in; `S` cycles through them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    Source,
    Title,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Newest, Sort::Oldest, Sort::Source, Sort::Title];

    /// The next order in the cycle.
    pub fn next(self) -> Sort {
        let i = Sort::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Sort::ALL[(i + 1) % Sort::ALL.len()]
    }

    /// The name kept in the session ("newest", "oldest", "source", "title").
    pub fn name(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Source => "source",
            Sort::Title => "title",
        }
    }

    /// The order named `name`; anything else is the default.
    pub fn from_name(name: &str) -> Sort {
        Sort::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .unwrap_or_default()
    }

    /// As the status bar says it ("sorted by title").
    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "newest first",
            Sort::Oldest => "oldest first",
            Sort::Source => "sorted by source",
            Sort::Title => "sorted by title",
        }
    }
}

/// Which articles are listed, and in what order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub unread_only: bool,
    pub starred_only: bool,
    /// Only articles from this source.
    pub source: Option<String>,
    pub sort: Sort,
}

impl Filters {
    /// Whether anything narrows the list or the order is not the default.
    pub fn is_default(&self) -> bool {
        *self == Filters::default()
    }
}

/// The collection order: newest first (undated last), then by title, then
/// by path and place in the file, so that it does not depend on the order
/// articles were read in.
pub fn newest_first(a: &Entry, b: &Entry) -> Ordering {
    b.meta
        .published
        .cmp(&a.meta.published)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.path.cmp(&b.path))
        .then_with(|| a.slot.cmp(&b.slot))
}

/// The source an article is listed under ("" when it has none).
pub fn source_of(article: &Entry) -> &str {
    article.meta.source.as_deref().map_or("", str::trim)
}

/// Each order's rank of every article, worked out the first time the order
/// is used (one full sort with precomputed keys), so that relisting sorts
/// by a number.
#[derive(Debug, Default)]
pub struct Ranks {
    /// Oldest, Source, Title (Newest is the collection order itself).
    ranks: [Option<Vec<u32>>; 3],
}

impl Ranks {
    /// Sorts `rows` (article indices) by `sort`. Unknown dates and sources
    /// sort last; ties keep the collection order (newest first, then title).
    pub fn sort_rows<E: Borrow<Entry>>(&mut self, rows: &mut [usize], articles: &[E], sort: Sort) {
        let slot = match sort {
            Sort::Newest => return rows.sort_unstable(),
            Sort::Oldest => 0,
            Sort::Source => 1,
            Sort::Title => 2,
        };
        let ranks = self.ranks[slot].get_or_insert_with(|| ranks(articles, sort));
        rows.sort_unstable_by_key(|&i| ranks[i]);
    }

    /// Every article's rank in `sort`'s order (`None` for the collection
    /// order itself: the rank is the index), for merging sorted rows.
    pub fn keys<E: Borrow<Entry>>(&mut self, articles: &[E], sort: Sort) -> Option<&[u32]> {
        let slot = match sort {
            Sort::Newest => return None,
            Sort::Oldest => 0,
            Sort::Source => 1,
            Sort::Title => 2,
        };
        Some(self.ranks[slot].get_or_insert_with(|| ranks(articles, sort)))
    }
}

/// What an article is ordered by in a sort other than the collection
/// order, as [`Ranks`] orders it (ties go by collection order: compare
/// `(key, index)`), worked out for one article without ranking them all:
/// to put a few new articles into a sorted list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SortKey<'a> {
    /// The collection order itself: the index decides.
    Index,
    /// Undated last, then oldest first.
    Date(bool, Option<super::Published>),
    /// Empty last when `true` is given for it (sources), then the
    /// lowercased text.
    Text(bool, std::borrow::Cow<'a, str>),
}

impl<'a> SortKey<'a> {
    /// The key of `article` in `sort`.
    pub(crate) fn of(article: &'a Entry, sort: Sort) -> Self {
        match sort {
            Sort::Newest => SortKey::Index,
            Sort::Oldest => {
                let date = article.meta.published;
                SortKey::Date(date.is_none(), date)
            }
            Sort::Source => {
                let key = lowercase(source_of(article));
                SortKey::Text(key.is_empty(), key)
            }
            Sort::Title => SortKey::Text(false, lowercase(article.title.trim())),
        }
    }
}

/// `text.to_lowercase()`, borrowed when nothing changes.
fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        text.into()
    } else {
        text.to_lowercase().into()
    }
}

/// Every article's place in `sort`'s order.
fn ranks<E: Borrow<Entry>>(articles: &[E], sort: Sort) -> Vec<u32> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    let date = |i: usize| articles[i].borrow().meta.published;
    match sort {
        Sort::Newest => {}
        Sort::Oldest => order.sort_by_key(|&i| (date(i).is_none(), date(i))),
        Sort::Source => {
            let keys: Vec<String> = articles
                .iter()
                .map(|a| source_of(a.borrow()).to_lowercase())
                .collect();
            order.sort_by(|&a, &b| {
                (keys[a].is_empty(), &keys[a]).cmp(&(keys[b].is_empty(), &keys[b]))
            });
        }
        Sort::Title => {
            let keys: Vec<String> = articles
                .iter()
                .map(|a| a.borrow().title.trim().to_lowercase())
                .collect();
            order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        }
    }
    let mut ranks = vec![0; articles.len()];
    for (rank, i) in order.into_iter().enumerate() {
        ranks[i] = rank as u32;
    }
    ranks
}

/// Compares ignoring case, without allocating.
fn caseless(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

/// The sources with how many stories each has, most first, then by name.
pub fn source_counts<'a>(sources: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    tally(sources.map(|s| (s, 1)))
}

/// [`source_counts`] of (source, stories) pairs, a source may come more
/// than once.
pub fn tally<'a>(counted: impl Iterator<Item = (&'a str, usize)>) -> Vec<(String, usize)> {
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for (s, n) in counted.filter(|(s, _)| !s.is_empty()) {
        *counts.entry(s).or_default() += n;
    }
    let mut list: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(s, n)| (s.to_string(), n))
        .collect();
    list.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| caseless(&a.0, &b.0))
            .then_with(|| a.0.cmp(&b.0))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_cycles_and_round_trips_its_name() {
        let mut s = Sort::default();
        let mut seen = vec![];
        for _ in 0..4 {
            seen.push(s.name());
            assert_eq!(Sort::from_name(s.name()), s);
            s = s.next();
        }
        assert_eq!(seen, ["newest", "oldest", "source", "title"]);
        assert_eq!(s, Sort::Newest);
        assert_eq!(Sort::from_name("bogus"), Sort::Newest);
    }

    fn article(title: &str, source: Option<&str>, date: Option<&str>) -> Entry {
        Entry {
            id: crate::article::ArticleId::from_content(title, &[]),
            path: std::path::Path::new(title).into(),
            slot: 0,
            title: title.into(),
            meta: crate::article::Meta {
                source: source.map(String::from),
                published: date.map(|d| chrono::DateTime::parse_from_rfc3339(d).unwrap()),
                ..Default::default()
            },
            words: 0,
        }
    }

    #[test]
    fn unknown_dates_and_sources_sort_last_and_ties_keep_the_collection_order() {
        // In collection order: newest first, undated last.
        let articles = [
            article("b", Some("Zeta"), Some("2024-03-01T00:00:00Z")),
            article("A", None, Some("2024-02-01T00:00:00Z")),
            article("c", Some("alpha"), Some("2024-01-01T00:00:00Z")),
            article("a", Some("zeta"), None),
        ];
        let mut ranks = Ranks::default();
        let sorted = |ranks: &mut Ranks, sort| {
            let mut rows = vec![0, 1, 2, 3];
            ranks.sort_rows(&mut rows, &articles, sort);
            rows
        };
        assert_eq!(sorted(&mut ranks, Sort::Newest), [0, 1, 2, 3]);
        assert_eq!(sorted(&mut ranks, Sort::Oldest), [2, 1, 0, 3]);
        assert_eq!(sorted(&mut ranks, Sort::Source), [2, 0, 3, 1]);
        assert_eq!(sorted(&mut ranks, Sort::Title), [1, 3, 0, 2]);
        let mut some = vec![3, 0];
        ranks.sort_rows(&mut some, &articles, Sort::Title);
        assert_eq!(some, [3, 0], "a subset sorts by the same ranks");
    }

    #[test]
    fn sources_are_counted_most_first_then_by_name() {
        let list = source_counts(["b", "a", "", "c", "a", "B"].into_iter());
        let names: Vec<_> = list.iter().map(|(s, n)| format!("{s}:{n}")).collect();
        assert_eq!(names, ["a:2", "B:1", "b:1", "c:1"]);
    }
}
