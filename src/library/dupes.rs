//! Copies of one story across the collection (a .txt and a .json of one
//! article, two scrapes of it): grouped by a normalised title, confirmed by
//! near-identical bodies. Near-linear: bodies are only compared within a
//! title group, and each article against a bounded number of clusters.

use std::collections::HashMap;

use crate::article::Article;

/// Words of the body compared (the first ones).
const WORDS: usize = 300;
/// Jaccard similarity of the word sets at or above which bodies are the same.
const SIMILAR: f64 = 0.8;
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

impl Groups {
    /// Groups `articles` (in their display order).
    pub fn new(articles: &[Article]) -> Self {
        let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in articles.iter().enumerate() {
            let key = title_key(&a.title);
            if !key.is_empty() {
                by_title.entry(key).or_default().push(i);
            }
        }
        let mut groups = Groups {
            of: vec![ALONE; articles.len()],
            members: Vec::new(),
        };
        let mut titles: Vec<Vec<usize>> = by_title.into_values().filter(|v| v.len() > 1).collect();
        titles.sort_unstable_by_key(|v| v[0]);
        for same_title in titles {
            for cluster in clusters(articles, &same_title) {
                if cluster.len() > 1 {
                    groups.add(articles, cluster);
                }
            }
        }
        groups
    }

    fn add(&mut self, articles: &[Article], mut cluster: Vec<usize>) {
        let primary = *cluster
            .iter()
            .max_by_key(|&&i| (richness(&articles[i]), std::cmp::Reverse(i)))
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

/// Lowercase alphanumerics, anything else a space, spaces collapsed.
pub fn title_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else if !key.is_empty() && !key.ends_with(' ') {
            key.push(' ');
        }
    }
    key.truncate(key.trim_end().len());
    key
}

/// Splits articles of one title into clusters of near-identical bodies.
fn clusters(articles: &[Article], same_title: &[usize]) -> Vec<Vec<usize>> {
    let mut clusters: Vec<(Vec<u64>, Vec<usize>)> = Vec::new();
    for &i in same_title {
        let words = word_set(&articles[i]);
        let start = clusters.len().saturating_sub(MAX_COMPARED);
        match clusters[start..]
            .iter_mut()
            .find(|(rep, _)| jaccard(rep, &words) >= SIMILAR)
        {
            Some((_, members)) => members.push(i),
            None => clusters.push((words, vec![i])),
        }
    }
    clusters.into_iter().map(|(_, m)| m).collect()
}

/// The hashed, lowercased words of the first [`WORDS`] of the body, sorted
/// and without repeats.
pub fn word_set(article: &Article) -> Vec<u64> {
    let mut set: Vec<u64> = article
        .paragraphs
        .iter()
        .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .take(WORDS)
        .map(hash_word)
        .collect();
    set.sort_unstable();
    set.dedup();
    set
}

fn hash_word(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut buf = [0; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// |a ∩ b| / |a ∪ b| of two sorted sets; two empty bodies are the same.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

/// How much an article carries: metadata fields known, then body words.
fn richness(a: &Article) -> (usize, usize) {
    let m = &a.meta;
    let fields = [
        m.source.is_some(),
        m.url.is_some(),
        m.author.is_some(),
        m.published.is_some(),
    ];
    (fields.iter().filter(|&&f| f).count(), a.word_count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleId, Meta};

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

    const BODY: &str = "The harbour board agreed on Tuesday to dredge the channel before \
        the spring tides, after two cargo boats ran aground in as many weeks and the \
        pilots said the sandbar had moved further than any chart showed";

    #[test]
    fn title_keys_ignore_case_punctuation_and_spacing() {
        assert_eq!(
            title_key("  Harbour: Board — AGREES!  "),
            "harbour board agrees"
        );
        assert_eq!(title_key("Café  crème"), "café crème");
        assert_eq!(title_key("!!!"), "");
    }

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
        let groups = Groups::new(&articles);
        assert_eq!(groups.len(), 1);
        assert_eq!(&*groups.copies(0), [2, 0], "the one with a link is primary");
        assert_eq!(groups.primary(0), 2);
        assert_eq!(groups.count(2), 2);
        assert_eq!(groups.count(1), 1, "another title is not a copy");
        assert_eq!(groups.count(3), 1, "another body is not a copy");
        assert_eq!(&*groups.copies(3), [3]);
    }

    #[test]
    fn jaccard_of_word_sets() {
        assert_eq!(jaccard(&[1, 2, 3, 4], &[1, 2, 3, 4]), 1.0);
        assert_eq!(jaccard(&[1, 2], &[3, 4]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3, 4], &[1, 2, 3, 5]), 0.6);
        assert_eq!(jaccard(&[], &[]), 1.0);
    }

    #[test]
    fn many_articles_of_one_title_stay_fast() {
        let articles: Vec<Article> = (0..20_000)
            .map(|i| {
                article(
                    "Weather",
                    &format!("Day {i} rain {} wind {}", i * 7, i * 13),
                    None,
                )
            })
            .collect();
        let start = std::time::Instant::now();
        let groups = Groups::new(&articles);
        assert!(groups.is_empty(), "different bodies");
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }
}
