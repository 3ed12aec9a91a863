//! Where a query matches inside one text, as byte ranges of the original
//! (unfolded) text: for highlighting in the reader and for n/N.

use std::ops::Range;

use super::fold::{TokenList, original_prefix_len};
use super::query::Query;

/// Byte ranges of `text`, ascending and not overlapping, where a word, the
/// prefix or a phrase of `query` matches. Whole words are marked for words
/// and phrases; for a prefix only the typed part is ("Zür" in "Zürich" for
/// "zur"). Overlapping matches are merged into one range.
pub fn find_matches(text: &str, query: &Query) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let mut tokens = TokenList::default();
    tokens.push_text(text, 0);
    let prefix_end = |i: usize, folded_len: usize| {
        let r = tokens.original(i);
        r.start + original_prefix_len(&text[r], folded_len)
    };
    let mut found = Vec::new();
    for i in 0..tokens.len() {
        let word = tokens.word(i);
        if query.words.iter().any(|w| w == word) {
            found.push(tokens.original(i));
        }
        if let Some(p) = query.prefix.as_deref().filter(|p| word.starts_with(p)) {
            found.push(tokens.original(i).start..prefix_end(i, p.len()));
        }
        for phrase in query.phrases.iter().filter(|p| p.starts_at(&tokens, i)) {
            let last = i + phrase.words.len() - 1;
            let end = if phrase.last_is_prefix {
                prefix_end(last, phrase.words[phrase.words.len() - 1].len())
            } else {
                tokens.original(last).end
            };
            found.push(tokens.original(i).start..end);
        }
    }
    merge(found)
}

/// Sorts ranges and merges the ones that overlap.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(prev) if r.start < prev.end => prev.end = prev.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        find_matches(text, &Query::parse(query))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn words_are_marked_whole_in_the_original_spelling() {
        assert_eq!(marked("Le Café, le CAFÉ.", "cafe "), ["Café", "CAFÉ"]);
    }

    #[test]
    fn a_prefix_marks_only_the_typed_part() {
        assert_eq!(marked("Zürich and Zug", "zu"), ["Zü", "Zu"]);
        assert_eq!(marked("Straße", "stras"), ["Straß"]);
    }

    #[test]
    fn phrases_span_the_words_and_what_is_between() {
        let text = "the Harbour  Bridge, a harbour; bridge";
        assert_eq!(
            marked(text, "\"harbour bridge\""),
            ["Harbour  Bridge", "harbour; bridge"]
        );
        assert_eq!(
            marked(text, "\"harbour bri"),
            ["Harbour  Bri", "harbour; bri"]
        );
    }

    #[test]
    fn overlapping_matches_merge() {
        assert_eq!(
            marked("harbour bridge", "harbour \"harbour bridge\""),
            ["harbour bridge"]
        );
    }

    #[test]
    fn cjk_phrases_mark_consecutive_characters() {
        assert_eq!(marked("在東京都内", "東京"), ["東京"]);
    }

    #[test]
    fn the_empty_query_marks_nothing() {
        assert!(marked("anything", "  ").is_empty());
        assert!(marked("anything", "other").is_empty());
    }
}
