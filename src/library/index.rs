//! The search index over the collection (titles and bodies; an article's
//! [`DocId`] is its position in the library), a search on it that checks
//! phrases against the text, and when one query's matches must lie within
//! another's (so typing on can check only what the last key left).

use std::sync::Arc;

use super::Library;
use super::bodies::Bodies;
use crate::article::Article;
use crate::search::{DocId, Index, IndexBuilder, Phrase, Query};

/// Indexes `bodies` (by document number, increasing): long for a large
/// collection, so run it off the UI thread (`tui` does).
pub fn build_index(bodies: &[(DocId, Arc<Article>)]) -> Index {
    let mut builder = IndexBuilder::new();
    for (doc, a) in bodies {
        // Numbers are added in increasing order, so this cannot fail.
        let _ = builder.add(*doc, parts(a));
    }
    builder.finish()
}

impl Library {
    /// Indexes the whole collection now (see [`build_index`]).
    pub fn build_index(&self) -> Index {
        build_index(&self.bodies_for_index())
    }

    /// The articles (by index, ascending) matching `query`, all checked at
    /// once (see `app::search` for the check a slice at a time).
    pub fn search(&self, index: &Index, query: &Query) -> Vec<usize> {
        let has_phrases = |doc: DocId| {
            let Some(i) = self.index_of_doc(doc) else {
                return false;
            };
            let body = self.kept_body(i).or_else(|| Bodies::read(&self.entries[i]));
            body.is_some_and(|a| query.phrases_match(parts(&a)))
        };
        let docs = index.search(query, has_phrases);
        let mut found: Vec<usize> = docs.iter().filter_map(|&d| self.index_of_doc(d)).collect();
        found.sort_unstable();
        found
    }
}

/// Whether every document matching `narrower` also matches `wider`, as
/// far as their parts show: each word of `wider` is a word of `narrower`
/// or an exact word of one of its phrases, its prefix starts some word of
/// `narrower`, and each of its phrases begins some phrase of `narrower`.
/// False when unsure (then a search starts afresh).
pub fn narrows(narrower: &Query, wider: &Query) -> bool {
    let exact = |w: &String| {
        narrower.words.contains(w)
            || narrower.phrases.iter().any(|p| {
                let n = p.words.len() - usize::from(p.last_is_prefix);
                p.words[..n].contains(w)
            })
    };
    let starts = |prefix: &String| {
        let words = narrower.words.iter().chain(&narrower.prefix);
        words
            .chain(narrower.phrases.iter().flat_map(|p| &p.words))
            .any(|w| w.starts_with(prefix.as_str()))
    };
    wider.words.iter().all(exact)
        && wider.prefix.as_ref().is_none_or(starts)
        && wider
            .phrases
            .iter()
            .all(|p| narrower.phrases.iter().any(|q| begins(p, q)))
}

/// Whether an occurrence of `long` always starts with one of `short`.
fn begins(short: &Phrase, long: &Phrase) -> bool {
    let n = short.words.len();
    if n > long.words.len() {
        return false;
    }
    (0..n).all(|k| {
        let (s, l) = (&short.words[k], &long.words[k]);
        let l_is_prefix = long.last_is_prefix && k + 1 == long.words.len();
        if short.last_is_prefix && k + 1 == n {
            l.starts_with(s.as_str())
        } else {
            !l_is_prefix && l == s
        }
    })
}

/// An article's text as the index sees it: the title, then the paragraphs.
pub fn parts(a: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(a.title.as_str()).chain(a.paragraphs.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::narrows;
    use crate::search::Query;

    #[test]
    fn typing_on_narrows_and_erasing_does_not() {
        let steps = [
            "c",
            "council",
            "council ",
            "council \"the",
            "council \"the ",
            "council \"the n",
            "council \"the new",
            "council \"the new ",
            "council \"the new b",
            "council \"the new b\"",
        ];
        for pair in steps.windows(2) {
            let (wider, narrower) = (Query::parse(pair[0]), Query::parse(pair[1]));
            assert!(narrows(&narrower, &wider), "{pair:?}");
            assert!(!narrows(&wider, &narrower) || wider == narrower, "{pair:?}");
        }
        let q = |s| Query::parse(s);
        assert!(
            !narrows(&q("\"the new"), &q("\"the ne ")),
            "a whole word is not a prefix's"
        );
        assert!(
            !narrows(&q("\"a b c"), &q("\"b c")),
            "only a phrase's start is checked"
        );
        assert!(narrows(&q("x \"a b"), &q("\"a b")));
        assert!(!narrows(&q("harbour"), &q("harbour ")));
    }
}
