//! The search engine from the outside: queries as a user types them against
//! small collections, highlight ranges, the cache format, and a property
//! test holding the index to a plain scan of the text.

use byline::search::{BuildError, Index, IndexBuilder, Query, find_matches, fold};
use proptest::prelude::*;

/// A document: title and body.
type Doc<'a> = (&'a str, &'a str);

fn index(docs: &[Doc]) -> Index {
    let mut b = IndexBuilder::new();
    for (id, (title, body)) in docs.iter().enumerate() {
        b.add(id as u32, [*title, *body]).unwrap();
    }
    b.finish()
}

fn search(docs: &[Doc], input: &str) -> Vec<u32> {
    let query = Query::parse(input);
    index(docs).search(&query, |id| {
        let (title, body) = docs[id as usize];
        query.phrases_match([title, body])
    })
}

const NEWS: [Doc; 6] = [
    ("Café opens", "A new CAFÉ by the harbour."),
    ("Zürich votes", "Voters in Zürich said yes."),
    ("Bridge works", "The harbour bridge closes for repairs."),
    ("Bridge and harbour", "A bridge far from the old harbour."),
    ("東京の天気", "東京都は晴れ。"),
    ("It's over", "Fans said it's the end."),
];

#[test]
fn diacritics_and_case_are_ignored() {
    assert_eq!(search(&NEWS, "cafe "), [0]);
    assert_eq!(search(&NEWS, "CAFÉ "), [0]);
    assert_eq!(search(&NEWS, "zurich "), [1]);
    assert_eq!(search(&NEWS, "ZÜRICH "), [1]);
}

#[test]
fn every_word_is_required() {
    assert_eq!(search(&NEWS, "harbour "), [0, 2, 3]);
    assert_eq!(search(&NEWS, "harbour bridge "), [2, 3]);
    assert_eq!(search(&NEWS, "harbour bridge cafe "), Vec::<u32>::new());
}

#[test]
fn only_the_last_word_is_a_prefix() {
    assert_eq!(search(&NEWS, "vot"), [1], "prefix while typing");
    assert_eq!(
        search(&NEWS, "vot "),
        Vec::<u32>::new(),
        "exact after a space"
    );
    assert_eq!(
        search(&NEWS, "harb bridge"),
        Vec::<u32>::new(),
        "earlier words are exact"
    );
    assert_eq!(search(&NEWS, "bridge harb"), [2, 3]);
}

#[test]
fn phrases_need_the_words_next_to_each_other() {
    assert_eq!(search(&NEWS, "\"harbour bridge\""), [2]);
    assert_eq!(search(&NEWS, "\"bridge harbour\""), Vec::<u32>::new());
    assert_eq!(
        index(&NEWS).candidates(&Query::parse("\"harbour bridge\"")),
        [2, 3],
        "3 has both words apart"
    );
}

#[test]
fn an_unterminated_quote_is_a_phrase_being_typed() {
    assert_eq!(search(&NEWS, "\"harbour br"), [2]);
    assert_eq!(search(&NEWS, "\"the harb"), [0, 2]);
    assert_eq!(
        search(&NEWS, "\"the harb "),
        Vec::<u32>::new(),
        "'harb' is whole once a space follows"
    );
}

#[test]
fn cjk_characters_are_found_inside_unspaced_text() {
    assert_eq!(search(&NEWS, "東京"), [4]);
    assert_eq!(search(&NEWS, "京都"), [4]);
    assert_eq!(search(&NEWS, "京東"), Vec::<u32>::new());
    assert_eq!(search(&NEWS, "天"), [4]);
}

#[test]
fn apostrophes_match_as_typed() {
    assert_eq!(search(&NEWS, "it's "), [5]);
    assert_eq!(search(&NEWS, "it’s "), [5], "curly apostrophe");
}

#[test]
fn the_empty_query_matches_everything() {
    assert_eq!(search(&NEWS, ""), [0, 1, 2, 3, 4, 5]);
    assert_eq!(search(&NEWS, "   "), [0, 1, 2, 3, 4, 5]);
    assert_eq!(search(&[], "x"), Vec::<u32>::new());
}

#[test]
fn highlight_ranges_land_on_accented_words() {
    let text = "Un café à Zürich, deux CAFÉS.";
    let marked: Vec<&str> = find_matches(text, &Query::parse("cafe zu"))
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(marked, ["café", "Zü"]);
    let marked: Vec<&str> = find_matches(text, &Query::parse("\"a zurich\""))
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(marked, ["à Zürich"]);
}

#[test]
fn the_index_survives_a_round_trip_through_bytes() {
    let original = index(&NEWS);
    let bytes = original.to_bytes();
    let back = Index::from_bytes(&bytes).unwrap();
    assert_eq!(back, original);
    assert_eq!(back.candidates(&Query::parse("zur")), [1]);
    assert!(Index::from_bytes(&bytes[..bytes.len() - 3]).is_err());
}

/// The plain scan the index must agree with, written without the index's
/// machinery: fold each document's tokens and look.
fn scan(docs: &[(String, String)], query: &Query) -> Vec<u32> {
    let matches = |tokens: &[String]| {
        let has = |w: &str| tokens.iter().any(|t| t == w);
        let phrase_at = |i: usize, p: &byline::search::Phrase| {
            p.words.iter().enumerate().all(|(k, w)| {
                tokens.get(i + k).is_some_and(|t| {
                    if k + 1 == p.words.len() && p.last_is_prefix {
                        t.starts_with(w.as_str())
                    } else {
                        t == w
                    }
                })
            })
        };
        query.words.iter().all(|w| has(w))
            && query
                .prefix
                .as_ref()
                .is_none_or(|p| tokens.iter().any(|t| t.starts_with(p.as_str())))
            && query
                .phrases
                .iter()
                .all(|p| (0..tokens.len()).any(|i| phrase_at(i, p)))
    };
    (0..docs.len() as u32)
        .filter(|&id| {
            let (title, body) = &docs[id as usize];
            matches(&fold::tokens(&format!("{title}\n{body}")))
        })
        .collect()
}

const WORDS: [&str; 16] = [
    "cafe", "Café", "CAFÉ", "zurich", "Zürich", "harbour", "bridge", "it's", "東", "京", "a", "ab",
    "abc", "b", "Straße", "strasse",
];
const FRAGMENTS: [&str; 22] = [
    "ca",
    "caf",
    "cafe",
    "zü",
    "z",
    "harbour",
    "har",
    "b",
    "bridge",
    "a",
    "ab",
    "東京",
    "京",
    "it's",
    "\"harbour bridge\"",
    "\"a b",
    "\"a b",
    "\"harbour b",
    "\"cafe zurich\"",
    "\"cafe z",
    "stras",
    "\"東",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(&WORDS[..]),
            prop::sample::select(&[" ", ", ", "\n", "-"][..]),
        ),
        0..8,
    )
    .prop_map(|ws| ws.into_iter().map(|(w, sep)| format!("{w}{sep}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn index_agrees_with_a_plain_scan(
        docs in prop::collection::vec((text(), text()), 0..12),
        fragments in prop::collection::vec(prop::sample::select(&FRAGMENTS[..]), 0..3),
        trailing_space in any::<bool>(),
        split_at in 0usize..12,
    ) {
        let input = fragments.join(" ") + if trailing_space { " " } else { "" };
        let query = Query::parse(&input);
        let expected = scan(&docs, &query);
        let verify = |id: u32| {
            let (title, body) = &docs[id as usize];
            query.phrases_match([title.as_str(), body.as_str()])
        };

        let mut whole = IndexBuilder::new();
        let (mut first, mut second) = (IndexBuilder::new(), IndexBuilder::new());
        for (id, (title, body)) in docs.iter().enumerate() {
            whole.add(id as u32, [title.as_str(), body.as_str()]).unwrap();
            let part = if id < split_at { &mut first } else { &mut second };
            part.add(id as u32, [title.as_str(), body.as_str()]).unwrap();
        }
        first.append(second).unwrap();
        let whole = whole.finish();

        prop_assert_eq!(&whole.search(&query, verify), &expected, "input {:?}", input);
        let mut hits = whole.start(&query);
        while !hits.check(1, verify) {}
        prop_assert_eq!(hits.found(), &expected[..], "checked one at a time");
        let candidates = whole.candidates(&query);
        prop_assert!(expected.iter().all(|id| candidates.contains(id)), "candidates are a superset");
        prop_assert_eq!(&first.finish(), &whole, "appended chunks build the same index");
        let back = Index::from_bytes(&whole.to_bytes()).unwrap();
        prop_assert_eq!(&back.search(&query, verify), &expected);
        for (id, (title, body)) in docs.iter().enumerate() {
            let scanned = expected.contains(&(id as u32));
            prop_assert_eq!(query.matches([title.as_str(), body.as_str()]), scanned);
            let marks = !find_matches(&format!("{title}\n{body}"), &query).is_empty();
            prop_assert!(!scanned || marks || query.is_empty(), "a matching document has something to highlight");
        }
    }
}

/// Documents `(id, title, body)` with ids increasing by gaps of all sizes
/// (so where they are split changes the universe, and with it which lists
/// are bitsets), and words `w0`…`w5` in about one document in 2^k (so some
/// lists sit near the bitset threshold).
fn numbered_docs() -> impl Strategy<Value = Vec<(u32, String, String)>> {
    let gap = prop_oneof![4 => 1u32..3, 1 => 3u32..400];
    (
        0u32..3,
        prop::collection::vec((gap, 0u32..64, text(), text()), 0..40),
    )
        .prop_map(|(start, docs)| {
            let mut id = start;
            docs.into_iter()
                .map(|(gap, r, title, mut body)| {
                    (0..6)
                        .filter(|k| r < 64 >> k)
                        .for_each(|k| body.push_str(&format!(" w{k}")));
                    id += gap;
                    (id - gap, title, body)
                })
                .collect()
        })
}

fn index_numbered(docs: &[(u32, String, String)]) -> Index {
    let mut b = IndexBuilder::new();
    for (id, title, body) in docs {
        b.add(*id, [title.as_str(), body.as_str()]).unwrap();
    }
    b.finish()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn merged_indexes_equal_one_build(
        docs in numbered_docs(),
        splits in (0usize..41, 0usize..41),
        fragments in prop::collection::vec(prop::sample::select(&FRAGMENTS[..]), 0..3),
        rare in 0usize..9,
    ) {
        let (lo, hi) = (splits.0.min(splits.1).min(docs.len()), splits.0.max(splits.1).min(docs.len()));
        let whole = index_numbered(&docs);
        let (a, b, c) = (
            index_numbered(&docs[..lo]),
            index_numbered(&docs[lo..hi]),
            index_numbered(&docs[hi..]),
        );
        let ab = a.merged(&b).unwrap();
        prop_assert_eq!(&ab, &index_numbered(&docs[..hi]), "split at {}", lo);
        let abc = ab.merged(&c).unwrap();
        prop_assert_eq!(&abc, &whole, "splits at {} and {}", lo, hi);
        prop_assert_eq!(&a.merged(&b.merged(&c).unwrap()).unwrap(), &whole);

        let rare = if rare < 6 { format!(" w{rare}") } else { String::new() };
        let query = Query::parse(&(fragments.join(" ") + &rare));
        let verify = |id: u32| {
            let (_, title, body) = &docs[docs.partition_point(|d| d.0 < id)];
            query.phrases_match([title.as_str(), body.as_str()])
        };
        prop_assert_eq!(abc.search(&query, verify), whole.search(&query, verify));
        prop_assert_eq!(abc.doc_count(), docs.len());

        if lo > 0 && lo < docs.len() {
            let later = index_numbered(&docs[lo..]);
            let (first, last) = (docs[0].0, docs[docs.len() - 1].0);
            prop_assert_eq!(later.merged(&a), Err(BuildError::OutOfOrder { id: first, last }));
        }
    }
}
