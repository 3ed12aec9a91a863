//! What the headline list shows: the filters (unread, starred, one source,
//! search matches), the sort, and the rows they give, recomputed only when
//! one of them (or the read state, see [`super::Library::relist`]) changes.

use std::cmp::Ordering;

use crate::article::Article;

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

/// The source an article is listed under ("" when it has none).
pub fn source_of(article: &Article) -> &str {
    article.meta.source.as_deref().map_or("", str::trim)
}

/// Sorts `rows` (article indices, in collection order: newest first, then
/// title) by `sort`. Unknown dates and sources sort last; ties keep the
/// collection order.
pub fn sort_rows(rows: &mut [usize], articles: &[Article], sort: Sort) {
    let date = |i: usize| articles[i].meta.published;
    match sort {
        Sort::Newest => rows.sort_unstable(),
        Sort::Oldest => rows.sort_by(|&a, &b| match (date(a), date(b)) {
            (Some(x), Some(y)) => x.cmp(&y).then(a.cmp(&b)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.cmp(&b),
        }),
        Sort::Source => rows.sort_by(|&a, &b| {
            let (x, y) = (source_of(&articles[a]), source_of(&articles[b]));
            x.is_empty()
                .cmp(&y.is_empty())
                .then_with(|| caseless(x, y))
                .then(a.cmp(&b))
        }),
        Sort::Title => rows.sort_by(|&a, &b| {
            caseless(articles[a].title.trim(), articles[b].title.trim()).then(a.cmp(&b))
        }),
    }
}

/// Compares ignoring case, without allocating.
fn caseless(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

/// The sources with how many stories each has, most first, then by name.
pub fn source_counts<'a>(sources: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for s in sources.filter(|s| !s.is_empty()) {
        *counts.entry(s).or_default() += 1;
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

    #[test]
    fn sources_are_counted_most_first_then_by_name() {
        let list = source_counts(["b", "a", "", "c", "a", "B"].into_iter());
        let names: Vec<_> = list.iter().map(|(s, n)| format!("{s}:{n}")).collect();
        assert_eq!(names, ["a:2", "B:1", "b:1", "c:1"]);
    }
}
