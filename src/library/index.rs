//! The search index over the collection (titles and bodies; an article's
//! [`DocId`] is its position in the library), and a search on it that
//! checks phrases against the text.

use crate::article::Article;
use crate::search::{DocId, Index, IndexBuilder, Query};

/// Indexes `articles`: long for a large collection, so run it off the UI
/// thread (`tui` does).
pub fn build_index(articles: &[Article]) -> Index {
    let mut builder = IndexBuilder::new();
    for (id, a) in articles.iter().enumerate() {
        // Ids are added in increasing order, so this cannot fail.
        let _ = builder.add(id as DocId, parts(a));
    }
    builder.finish()
}

/// The articles (by position) matching `query`, ascending.
pub fn search(index: &Index, articles: &[Article], query: &Query) -> Vec<DocId> {
    index.search(query, |id| {
        articles
            .get(id as usize)
            .is_some_and(|a| query.phrases_match(parts(a)))
    })
}

/// An article's text as the index sees it: the title, then the paragraphs.
fn parts(a: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(a.title.as_str()).chain(a.paragraphs.iter().map(String::as_str))
}
