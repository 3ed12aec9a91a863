//! Copies of one story across the collection (a .txt and a .json of one
//! article, two scrapes of it): grouped by a normalised title, confirmed by
//! near-identical bodies — the sets of their first words overlap by 80%
//! (Jaccard), or, for two articles dated within a day of each other, a
//! shorter body of at least 12 distinct words lies 90% inside the
//! longer one (an export that kept only the opening, as NewsAPI's truncated
//! `content` does). Near-linear: bodies are only compared within a
//! title group, and each article against a bounded number of clusters.

use std::collections::HashMap;

use rayon::prelude::*;

use std::borrow::Borrow;

use crate::article::Entry;
pub use words::{contained, jaccard, similar, title_hash, title_key, word_set};

mod words;

/// Clusters of one title an article is compared with at most (the latest),
/// so a title shared by thousands of different stories stays linear.
const MAX_COMPARED: usize = 16;
/// Marks an article that has no copies in [`Groups::of`].
const ALONE: u32 = u32::MAX;

/// Which articles are copies of each other.
#[derive(Debug, Default)]
pub struct Groups {
    /// Per article, its group's number in `members`, or [`ALONE`].
    of: Vec<u32>,
    /// Each group of two or more: the primary first, then the copies in
    /// collection order.
    members: Vec<Vec<usize>>,
}

/// The articles (indices) whose normalised title others share: groups of
/// two or more, each in collection order, ordered by their first member.
pub fn same_titles<E: Borrow<Entry> + Sync>(articles: &[E]) -> Vec<Vec<usize>> {
    // Keys are hashed (on every core): a collision of two titles would
    // only cost a comparison of their bodies.
    let keys: Vec<Option<u64>> = articles
        .par_iter()
        .map(|a| title_hash(&a.borrow().title))
        .collect();
    let mut by_title: HashMap<u64, Vec<usize>> = HashMap::with_capacity(articles.len());
    for (i, key) in keys.into_iter().enumerate() {
        if let Some(key) = key {
            by_title.entry(key).or_default().push(i);
        }
    }
    let mut titles: Vec<Vec<usize>> = by_title.into_values().filter(|v| v.len() > 1).collect();
    titles.sort_unstable_by_key(|v| v[0]);
    titles
}

/// Splits each group of [`same_titles`] into clusters of near-identical
/// bodies (on every core: the groups are independent); `words` gives the
/// [`word_set`] of an article's body.
pub fn find_copies<E: Borrow<Entry> + Sync>(
    articles: &[E],
    titles: &[Vec<usize>],
    words: &(dyn Fn(usize) -> Vec<u64> + Sync),
) -> Vec<Vec<usize>> {
    let found: Vec<Vec<Vec<usize>>> = titles
        .par_iter()
        .map(|same_title| clusters(articles, same_title, words))
        .collect();
    found
        .into_iter()
        .flatten()
        .filter(|c| c.len() > 1)
        .collect()
}

impl Groups {
    /// Groups `articles` (in their display order); `words` gives the
    /// [`word_set`] of an article's body, asked only for articles whose
    /// title another shares.
    pub fn new<E: Borrow<Entry> + Sync>(
        articles: &[E],
        words: &(dyn Fn(usize) -> Vec<u64> + Sync),
    ) -> Self {
        let titles = same_titles(articles);
        Groups::of_clusters(articles, find_copies(articles, &titles, words))
    }

    /// The groups of `clusters` (article indices, two or more each, as
    /// [`find_copies`] gives them), each with its primary chosen.
    pub fn of_clusters<E: Borrow<Entry>>(articles: &[E], clusters: Vec<Vec<usize>>) -> Self {
        let mut groups = Groups {
            of: vec![ALONE; articles.len()],
            members: Vec::new(),
        };
        for cluster in clusters {
            if cluster.len() > 1 {
                groups.add(articles, cluster);
            }
        }
        groups
    }

    /// The primary is the copy with the most metadata among those whose
    /// text is nearly the longest (90% of its words), then the longest.
    fn add<E: Borrow<Entry>>(&mut self, articles: &[E], mut cluster: Vec<usize>) {
        let entry = |i: usize| articles[i].borrow();
        let longest = cluster.iter().map(|&i| entry(i).words as usize).max();
        let full = |i: usize| entry(i).words as usize * 10 >= longest.unwrap_or(0) * 9;
        let primary = *cluster
            .iter()
            .max_by_key(|&&i| (full(i), richness(entry(i)), std::cmp::Reverse(i)))
            .expect("a cluster is not empty");
        cluster.retain(|&i| i != primary);
        cluster.insert(0, primary);
        let number = self.members.len() as u32;
        for &i in &cluster {
            self.of[i] = number;
        }
        self.members.push(cluster);
    }

    /// The article and its copies, primary first; just `[index]` when it has none.
    /// Follows the articles to their new indices (`remap`, ascending) in a
    /// collection now `len` long; the articles not in `remap` are alone.
    pub fn remap(&mut self, remap: &[usize], len: usize) {
        let mut of = vec![ALONE; len];
        for (old, &new) in remap.iter().enumerate() {
            of[new] = self.of[old];
        }
        self.of = of;
        for members in &mut self.members {
            members.iter_mut().for_each(|i| *i = remap[*i]);
        }
    }

    pub fn copies(&self, index: usize) -> std::borrow::Cow<'_, [usize]> {
        match self.of.get(index) {
            Some(&g) if g != ALONE => self.members[g as usize].as_slice().into(),
            _ => vec![index].into(),
        }
    }

    /// The primary of the article's group (itself when it has no copies).
    pub fn primary(&self, index: usize) -> usize {
        match self.of.get(index) {
            Some(&g) if g != ALONE => self.members[g as usize][0],
            _ => index,
        }
    }

    /// How many copies the article's group has (1 for an article alone).
    pub fn count(&self, index: usize) -> usize {
        match self.of.get(index) {
            Some(&g) if g != ALONE => self.members[g as usize].len(),
            _ => 1,
        }
    }

    /// Groups of two or more.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// Splits articles of one title into clusters of near-identical bodies.
fn clusters<E: Borrow<Entry>>(
    articles: &[E],
    same_title: &[usize],
    word_set: &(dyn Fn(usize) -> Vec<u64> + Sync),
) -> Vec<Vec<usize>> {
    let mut clusters: Vec<(Vec<u64>, Vec<usize>)> = Vec::new();
    for &i in same_title {
        let words = word_set(i);
        let start = clusters.len().saturating_sub(MAX_COMPARED);
        match clusters[start..].iter_mut().find(|(rep, members)| {
            similar(rep, &words)
                || same_day(articles[members[0]].borrow(), articles[i].borrow())
                    && contained(rep, &words)
        }) {
            Some((_, members)) => members.push(i),
            None => clusters.push((words, vec![i])),
        }
    }
    clusters.into_iter().map(|(_, m)| m).collect()
}

/// Both dated, at most a day apart: a cut-short body alone is not enough
/// (stories written from one template share their openings), its date must
/// agree too.
fn same_day(a: &Entry, b: &Entry) -> bool {
    match (a.meta.published, b.meta.published) {
        (Some(x), Some(y)) => (x - y).num_hours().abs() <= 24,
        _ => false,
    }
}

/// How much an article carries: metadata fields known, then body words.
fn richness(a: &Entry) -> (usize, usize) {
    let m = &a.meta;
    let fields = [
        m.source.is_some(),
        m.url.is_some(),
        m.author.is_some(),
        m.published.is_some(),
    ];
    (fields.iter().filter(|&&f| f).count(), a.words as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, ArticleId, Meta};

    fn article(title: &str, body: &str, url: Option<&str>) -> Article {
        let paragraphs = vec![body.to_string()];
        Article {
            id: ArticleId::from_content(title, &paragraphs),
            path: format!("{title}.txt").into(),
            title: title.into(),
            meta: Meta {
                url: url.map(String::from),
                ..Meta::default()
            },
            paragraphs,
            removed: vec![],
            raw: String::new(),
        }
    }

    /// Groups whole articles, as the library does with their entries.
    fn group(articles: &[Article]) -> Groups {
        let path = |a: &Article| std::sync::Arc::from(a.path.as_path());
        let entries: Vec<Entry> = articles.iter().map(|a| Entry::of(a, path(a), 0)).collect();
        Groups::new(&entries, &|i| word_set(&articles[i]))
    }

    const BODY: &str = "The harbour board agreed on Tuesday to dredge the channel before \
        the spring tides, after two cargo boats ran aground in as many weeks and the \
        pilots said the sandbar had moved further than any chart showed";

    #[test]
    fn same_title_and_nearly_the_same_body_are_one_story() {
        let nearly = format!("{BODY}, officials added");
        let articles = vec![
            article("Channel to be dredged", BODY, None),
            article("Something else", BODY, None),
            article(
                "CHANNEL to be dredged!",
                &nearly,
                Some("https://x.example/a"),
            ),
            article(
                "Channel to be dredged",
                "A different story entirely about gulls.",
                None,
            ),
        ];
        let groups = group(&articles);
        assert_eq!(groups.len(), 1);
        assert_eq!(&*groups.copies(0), [2, 0], "the one with a link is primary");
        assert_eq!(groups.primary(0), 2);
        assert_eq!(groups.count(2), 2);
        assert_eq!(groups.count(1), 1, "another title is not a copy");
        assert_eq!(groups.count(3), 1, "another body is not a copy");
        assert_eq!(&*groups.copies(3), [3]);
    }

    #[test]
    fn a_cut_short_export_of_the_same_day_is_a_copy_and_the_full_text_is_primary() {
        let cut = "The harbour board agreed on Tuesday to dredge the channel before \
            the spring tides, after two cargo…";
        let longer_cut = "The harbour board agreed on Tuesday to dredge the channel \
            before the spring tides, after two cargo boats ran aground in as many weeks…";
        let short = "The harbour board agreed to a new logo.";
        let dated = |mut a: Article, day: &str| {
            let when = format!("2024-06-{day}T09:00:00Z");
            a.meta.published = Some(chrono::DateTime::parse_from_rfc3339(&when).unwrap());
            a
        };
        let title = "Channel to be dredged";
        let articles = vec![
            dated(article(title, cut, Some("https://x.example/a")), "02"),
            dated(article(title, BODY, None), "02"),
            dated(article(title, short, None), "02"),
            dated(article(title, longer_cut, None), "20"),
        ];
        let groups = group(&articles);
        assert_eq!(&*groups.copies(0), [1, 0], "the full text is listed");
        assert_eq!(groups.count(2), 1, "too short to say");
        assert_eq!(
            groups.count(3),
            1,
            "another day: another story from the same template"
        );
        let undated = [
            dated(article(title, BODY, None), "02"),
            article(title, cut, None),
        ];
        assert!(group(&undated).is_empty(), "undated: cannot tell");
    }

    #[test]
    fn many_articles_of_one_title_with_other_bodies_stay_apart() {
        // Each is compared with a bounded number of clusters (`MAX_COMPARED`),
        // so this stays linear; speed is not timed in tests.
        let articles: Vec<Article> = (0..20_000)
            .map(|i| {
                article(
                    "Weather",
                    &format!("Day {i} rain {} wind {}", i * 7, i * 13),
                    None,
                )
            })
            .collect();
        let groups = group(&articles);
        assert!(groups.is_empty(), "different bodies");
        assert_eq!(groups.count(19_999), 1);
    }
}
