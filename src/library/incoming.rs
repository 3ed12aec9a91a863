//! Articles read and on their way into the library: the loader's chunks
//! gathered, split and filtered before [`super::Library::add`] takes them.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use crate::article::{Article, Entry, Problem};

/// Articles read, ready to add: their entries, search document numbers
/// and, for those the loader kept within the budget, their bodies.
#[derive(Debug, Default)]
pub struct Incoming {
    pub entries: Vec<Entry>,
    /// Per entry, its search document number (increasing).
    pub docs: Vec<u32>,
    /// Per entry, its body if it is to be kept in memory.
    pub bodies: Vec<Option<Arc<Article>>>,
    pub problems: Vec<Problem>,
}

impl Incoming {
    /// Adds `other`'s articles after these; returns its problems. Into
    /// none, they are taken over as they are (the cache's hundred thousand
    /// are not copied on the UI thread).
    pub fn extend(&mut self, other: Incoming) -> Vec<Problem> {
        if self.entries.is_empty() && self.docs.is_empty() && self.bodies.is_empty() {
            self.entries = other.entries;
            self.docs = other.docs;
            self.bodies = other.bodies;
            return other.problems;
        }
        self.entries.extend(other.entries);
        self.docs.extend(other.docs);
        self.bodies.extend(other.bodies);
        other.problems
    }

    /// Keeps the articles whose document number passes `keep`.
    pub fn retain_docs(&mut self, keep: impl Fn(u32) -> bool) {
        let kept: Vec<bool> = self.docs.iter().map(|&d| keep(d)).collect();
        let mut k = kept.iter();
        self.entries.retain(|_| *k.next().unwrap_or(&true));
        let mut k = kept.iter();
        self.bodies.retain(|_| *k.next().unwrap_or(&true));
        self.docs.retain(|&d| keep(d));
    }

    /// Takes out and returns the first `n` articles (the newest, when these
    /// are in collection order); all the problems go with them.
    pub fn split_front(&mut self, n: usize) -> Incoming {
        let n = n.min(self.entries.len());
        let rest = Incoming {
            entries: self.entries.split_off(n),
            docs: self.docs.split_off(n),
            bodies: self.bodies.split_off(n),
            problems: Vec::new(),
        };
        std::mem::replace(self, rest)
    }

    /// Drops the articles numbered in `docs`: at once when they are the
    /// first ones (the first screen, sent ahead), else one by one.
    pub fn drop_docs(&mut self, docs: &HashSet<u32>) {
        let front = docs.len().min(self.docs.len());
        if self.docs[..front].iter().all(|d| docs.contains(d)) {
            self.entries.drain(..front);
            self.docs.drain(..front);
            self.bodies.drain(..front);
        } else {
            self.retain_docs(|d| !docs.contains(&d));
        }
    }

    /// The entries of `articles` (as files give them: one file's articles
    /// together and in their order, which gives each its slot), numbered
    /// from `first_doc`, every body offered.
    pub fn numbered(articles: Vec<Article>, first_doc: u32) -> Self {
        let words: Vec<u32> = articles.iter().map(Article::entry_words).collect();
        Incoming::counted(articles, &words, first_doc)
    }

    /// [`Incoming::numbered`], each article's words counted already
    /// ([`Article::entry_words`]; the loader counts them while the text is
    /// still in the core's cache).
    pub(crate) fn counted(articles: Vec<Article>, words: &[u32], first_doc: u32) -> Self {
        Incoming::parted(articles, words, first_doc, |_| true).0
    }

    /// [`Incoming::counted`], but only the bodies `keep` takes (asked in
    /// order) are offered; the other articles come back apart, in order,
    /// for what else they are wanted for (the loader indexes them), their
    /// metadata moved into their entries rather than copied, and not put
    /// in an `Arc` each.
    pub(crate) fn parted(
        articles: Vec<Article>,
        words: &[u32],
        first_doc: u32,
        mut keep: impl FnMut(&Article) -> bool,
    ) -> (Self, Vec<Article>) {
        debug_assert_eq!(articles.len(), words.len());
        let mut incoming = Incoming {
            entries: Vec::with_capacity(articles.len()),
            docs: Vec::with_capacity(articles.len()),
            bodies: Vec::with_capacity(articles.len()),
            problems: Vec::new(),
        };
        // Most, in a large collection (articles are large: grown from
        // none, this list cost 28 M instructions of copies on 100,000).
        let mut apart = Vec::with_capacity(articles.len());
        let mut last: Option<(Arc<Path>, u32)> = None;
        for (k, (mut article, &words)) in articles.into_iter().zip(words).enumerate() {
            let (path, slot) = match last.take() {
                Some((path, slot)) if *path == *article.path => (path, slot + 1),
                _ => (Arc::from(article.path.as_path()), 0),
            };
            let shared = Arc::clone(&path);
            let body = if keep(&article) {
                let entry = Entry::counted(&article, shared, slot, words);
                incoming.entries.push(entry);
                Some(Arc::new(article))
            } else {
                let meta = std::mem::take(&mut article.meta);
                let entry = Entry::with_meta(&article, meta, shared, slot, words);
                incoming.entries.push(entry);
                apart.push(article);
                None
            };
            incoming.docs.push(first_doc + k as u32);
            incoming.bodies.push(body);
            last = Some((path, slot));
        }
        (incoming, apart)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Articles numbered `docs`, with one problem.
    pub(in crate::library) fn incoming(docs: &[u32]) -> Incoming {
        let article = |d: &u32| crate::article::Article {
            id: crate::article::ArticleId(u64::from(*d)),
            path: format!("/a/{d}.txt").into(),
            title: format!("Story {d}"),
            meta: Default::default(),
            paragraphs: vec!["Words.".into()],
            removed: vec![],
            raw: String::new(),
        };
        let mut out = Incoming::numbered(docs.iter().map(article).collect(), 0);
        out.docs = docs.to_vec();
        out.problems = vec![crate::ingest::problem(Path::new("/a/x"), "broken")];
        out
    }

    #[test]
    fn parted_offers_the_bodies_kept_and_gives_back_the_others_in_order() {
        let article = |d: u32, file: &str| crate::article::Article {
            id: crate::article::ArticleId(u64::from(d)),
            path: file.into(),
            title: format!("Story {d}"),
            meta: crate::article::Meta {
                source: Some(format!("source {d}")),
                author: Some(format!("author {d}")),
                ..Default::default()
            },
            paragraphs: vec![format!("Words of {d}.")],
            removed: vec![],
            raw: String::new(),
        };
        let articles: Vec<_> = [(0, "/a"), (1, "/b"), (2, "/b"), (3, "/b"), (4, "/c")]
            .into_iter()
            .map(|(d, f)| article(d, f))
            .collect();
        let words = [5, 6, 7, 8, 9];
        let all = Incoming::counted(articles.clone(), &words, 10);
        let mut asked = Vec::new();
        let (parted, apart) = Incoming::parted(articles.clone(), &words, 10, |a| {
            asked.push(a.id.0);
            a.id.0 % 2 == 1
        });
        assert_eq!(asked, [0, 1, 2, 3, 4]);
        // The entries are those every body is offered with.
        assert_eq!(parted.entries, all.entries);
        assert_eq!(parted.docs, [10, 11, 12, 13, 14]);
        let kept: Vec<Option<u64>> = parted
            .bodies
            .iter()
            .map(|b| b.as_ref().map(|a| a.id.0))
            .collect();
        assert_eq!(kept, [None, Some(1), None, Some(3), None]);
        assert!(
            parted
                .bodies
                .iter()
                .flatten()
                .all(|a| **a == articles[a.id.0 as usize])
        );
        // The others, in order, whole but for their metadata (in their entries).
        let ids: Vec<u64> = apart.iter().map(|a| a.id.0).collect();
        assert_eq!(ids, [0, 2, 4]);
        for a in &apart {
            let whole = &articles[a.id.0 as usize];
            assert_eq!(a.meta, Default::default());
            assert_eq!(
                (&a.title, &a.paragraphs, &a.path),
                (&whole.title, &whole.paragraphs, &whole.path)
            );
        }
    }

    fn titles(i: &Incoming) -> Vec<&str> {
        i.entries.iter().map(|e| e.title.as_str()).collect()
    }

    #[test]
    fn extend_appends_and_gives_back_the_problems() {
        let mut all = Incoming::default();
        assert_eq!(all.extend(incoming(&[5, 3])).len(), 1);
        assert_eq!(all.extend(incoming(&[9])).len(), 1);
        assert_eq!(all.docs, [5, 3, 9]);
        assert_eq!(titles(&all), ["Story 5", "Story 3", "Story 9"]);
        assert_eq!((all.bodies.len(), all.problems.len()), (3, 0));
    }

    #[test]
    fn split_front_takes_the_first_articles_and_the_problems() {
        let mut rest = incoming(&[5, 3, 9]);
        let first = rest.split_front(2);
        assert_eq!(first.docs, [5, 3]);
        assert_eq!(titles(&first), ["Story 5", "Story 3"]);
        assert_eq!((first.bodies.len(), first.problems.len()), (2, 1));
        assert_eq!(rest.docs, [9]);
        assert_eq!((rest.bodies.len(), rest.problems.len()), (1, 0));
        let all = rest.split_front(10);
        assert_eq!(all.docs, [9]);
        assert!(rest.entries.is_empty());
    }

    #[test]
    fn drop_docs_drops_those_numbers_at_the_front_or_anywhere() {
        for (docs, drop, left) in [
            (&[5, 3, 9, 1][..], &[3, 5][..], &[9, 1][..]),
            (&[5, 3, 9, 1], &[9, 5], &[3, 1]),
            (&[5, 3], &[3, 5, 8], &[]),
            (&[5, 3], &[], &[5, 3]),
        ] {
            let mut i = incoming(docs);
            i.drop_docs(&drop.iter().copied().collect());
            assert_eq!(i.docs, left, "{docs:?} less {drop:?}");
            let want: Vec<String> = left.iter().map(|d| format!("Story {d}")).collect();
            assert_eq!(titles(&i), want);
            assert_eq!((i.bodies.len(), i.problems.len()), (left.len(), 1));
        }
    }
}
