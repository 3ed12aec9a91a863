//! Tests of the cleaner on invented fixture pages (tests/fixtures/clean/) and
//! property tests of its contract: order kept, every line accounted for,
//! idempotent on its own output, no panics.

use std::fs;
use std::path::Path;

use byline::clean::{Cleaned, Reason, clean};
use proptest::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clean");

/// Non-blank input lines, trimmed, split the way the cleaner splits them.
fn input_lines(raw: &str) -> Vec<&str> {
    raw.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The `byline clean` text form: title, blank line, paragraphs separated by
/// blank lines.
fn render(c: &Cleaned) -> String {
    format!("{}\n\n{}\n", c.title, c.paragraphs.join("\n\n"))
}

/// Checks the contract that holds for every input: paragraphs and removed
/// entries are the input lines, in input order, each exactly once.
fn assert_accounts_for_every_line(raw: &str, c: &Cleaned) {
    let lines = input_lines(raw);
    let (mut p, mut r) = (0, 0);
    for line in &lines {
        if p < c.paragraphs.len() && c.paragraphs[p] == *line {
            p += 1;
        } else if r < c.removed.len() && c.removed[r].text == *line {
            r += 1;
        } else {
            panic!("line {line:?} is neither the next paragraph nor the next removal");
        }
    }
    assert_eq!(p, c.paragraphs.len(), "paragraphs not all from the input");
    assert_eq!(r, c.removed.len(), "removals not all from the input");
}

fn check_fixture(name: &str) {
    let dir = Path::new(FIXTURES);
    let raw = fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
    let want = fs::read_to_string(dir.join(format!("{name}.expected"))).unwrap();
    let got = clean(&raw, None);
    assert_eq!(render(&got), want, "fixture {name}");
    assert_accounts_for_every_line(&raw, &got);
    // Cleaning the output again changes nothing.
    let again = clean(&render(&got), None);
    assert_eq!(again.title, got.title, "fixture {name}: title not stable");
    assert_eq!(
        again.paragraphs, got.paragraphs,
        "fixture {name}: body not stable"
    );
}

#[test]
fn fixture_glued_nav_repeats() {
    check_fixture("glued_nav_repeats");
}

#[test]
fn fixture_news_site() {
    check_fixture("news_site");
}

#[test]
fn fixture_portuguese_page() {
    check_fixture("portuguese_page");
}

#[test]
fn fixture_list_and_comments() {
    check_fixture("list_and_comments");
}

#[test]
fn fixture_headline_block() {
    check_fixture("headline_block");
}

/// A headline block over a long brand menu and a list of dated teasers: the
/// teaser right above the story is not the headline.
#[test]
fn fixture_teaser_list_menu() {
    check_fixture("teaser_list_menu");
}

/// A headline block the share bar quotes, far above a story that opens with
/// a table: the headline is found past the table.
#[test]
fn fixture_headline_over_table() {
    check_fixture("headline_over_table");
}

#[test]
fn headline_is_the_heading_over_the_byline_not_a_repeated_address() {
    let raw = fs::read_to_string(Path::new(FIXTURES).join("headline_block.txt")).unwrap();
    let c = clean(&raw, None);
    assert_eq!(
        c.title,
        "Reservoir levels recover after the wettest autumn on record"
    );
    assert!(c.paragraphs.iter().all(|p| !p.contains("Quay Road")));
}

#[test]
fn fixture_headline_standfirst() {
    check_fixture("headline_standfirst");
}

#[test]
fn headline_is_not_the_standfirst_the_meta_line_or_a_teaser() {
    let raw = fs::read_to_string(Path::new(FIXTURES).join("headline_standfirst.txt")).unwrap();
    let c = clean(&raw, None);
    assert_eq!(c.title, "Ferry Fares Rise for the Winter Timetable");
    let dups = c
        .removed
        .iter()
        .filter(|r| r.reason == Reason::DuplicateTitle)
        .count();
    assert_eq!(dups, 2);
}

#[test]
fn fixture_short_structured() {
    check_fixture("short_structured");
}

#[test]
fn sub_heading_bullets_and_closing_quote_stay_in_a_short_story() {
    let raw = fs::read_to_string(Path::new(FIXTURES).join("short_structured.txt")).unwrap();
    let c = clean(&raw, None);
    assert_eq!(c.title, "Storm closes harbour");
    assert_eq!(c.paragraphs.len(), 5);
    assert_eq!(c.paragraphs[2], "• Boats moved inland");
    assert!(c.paragraphs[4].starts_with("\"We will reopen"));
}

#[test]
fn bullet_menu_outside_prose_stays_removed() {
    let raw = "Home\n• News\n• Sport\n• Weather\nThe river rose by two metres overnight and the town council closed the old bridge to all traffic.\nEngineers said the repairs would take at least three weeks and cost the town a great deal of money.\n";
    let c = clean(raw, None);
    assert!(c.paragraphs.iter().all(|p| !p.starts_with('•')));
}

#[test]
fn fixture_read_more_tail() {
    check_fixture("read_more_tail");
}

#[test]
fn long_read_more_link_list_is_related_links() {
    let raw = fs::read_to_string(Path::new(FIXTURES).join("read_more_tail.txt")).unwrap();
    let c = clean(&raw, None);
    let last = c.removed.last().unwrap();
    assert!(last.text.starts_with("Read more:"));
    assert_eq!(last.reason, Reason::RelatedLinks);
    assert_eq!(
        c.paragraphs.last().unwrap(),
        "Jane Roe covers the coast for the Valley Ledger."
    );
}

#[test]
fn comments_are_removed_as_comments() {
    let raw = fs::read_to_string(Path::new(FIXTURES).join("list_and_comments.txt")).unwrap();
    let c = clean(&raw, None);
    let reason_of = |text: &str| c.removed.iter().find(|r| r.text == text).map(|r| r.reason);
    assert_eq!(reason_of("hikerjo says:"), Some(Reason::Comment));
    assert_eq!(reason_of("12 Comments"), Some(Reason::Comment));
    assert!(
        c.paragraphs
            .iter()
            .all(|p| !p.contains("boardwalk was closed"))
    );
}

#[test]
fn every_fixture_has_an_expectation() {
    let mut n = 0;
    for e in fs::read_dir(FIXTURES).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            assert!(
                p.with_extension("expected").exists(),
                "{p:?} has no .expected"
            );
            n += 1;
        }
    }
    assert!(n >= 3);
}

#[test]
fn removals_carry_reasons_in_input_order() {
    let raw = fs::read_to_string(Path::new(FIXTURES).join("glued_nav_repeats.txt")).unwrap();
    let c = clean(&raw, None);
    let reasons: Vec<(&str, Reason)> = c
        .removed
        .iter()
        .map(|r| (r.text.as_str(), r.reason))
        .collect();
    let title = "Harbour Town Votes to Rebuild Its Flooded Sea Wall";
    assert_eq!(
        reasons,
        vec![
            ("World NewsPodcasts", Reason::Navigation),
            (title, Reason::DuplicateTitle),
            ("✕", Reason::Widget),
            (title, Reason::DuplicateTitle),
            ("Share this article", Reason::ShareWidget),
            (title, Reason::DuplicateTitle),
            ("Watch video below :", Reason::Promo),
        ]
    );
}

#[test]
fn known_title_repeat_is_removed_tolerantly() {
    let raw = "\u{201C}Night Trains\u{201D} Return to the Northern Line!\n\n\
               The night trains are back on the northern line after a three-year pause, \
               and the first departures on Friday were almost fully booked.\n\n\
               Operators said demand had grown steadily since tickets went on sale in the spring.\n";
    let c = clean(raw, Some("\"night trains\" return to the   Northern Line"));
    assert_eq!(c.title, "\"night trains\" return to the   Northern Line");
    assert_eq!(c.paragraphs.len(), 2);
    assert!(c.paragraphs[0].starts_with("The night trains are back"));
    assert_eq!(c.removed.len(), 1);
    assert_eq!(c.removed[0].reason, Reason::DuplicateTitle);
}

#[test]
fn never_empty_when_there_is_text() {
    let c = clean("Home\nOne short line here\nAbout", None);
    assert!(!c.paragraphs.is_empty());
}

#[test]
fn odd_inputs_do_not_panic() {
    for raw in [
        "",
        "\r",
        "\r\r\n\n",
        "\u{0}\u{1}\u{7f}",
        "×",
        "a\rb\rc",
        "。。。",
    ] {
        let c = clean(raw, None);
        assert_accounts_for_every_line(raw, &c);
    }
    let huge = "word ".repeat(400_000);
    let c = clean(&huge, None);
    assert_accounts_for_every_line(&huge, &c);
}

/// Article-like text from a small vocabulary, so the properties also see
/// prose, headings and widgets, not only noise.
fn page() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("Home".to_string()),
        Just("Share this article".to_string()),
        Just("×".to_string()),
        Just("Top NewsVideo".to_string()),
        Just("By Jane Roe".to_string()),
        "[A-Z][a-z]{2,8}( [a-z]{2,8}){2,8}".prop_map(|s| s),
        "[A-Z][a-z]{2,8}( (the|of|and|a|to|in|[a-z]{2,9})){8,40}\\.".prop_map(|s| s),
        "\\PC{0,40}",
    ];
    prop::collection::vec(line, 0..40).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, max_global_rejects: 5_000, ..ProptestConfig::default() })]

    #[test]
    fn body_is_input_lines_in_order(raw in page()) {
        let c = clean(&raw, None);
        assert_accounts_for_every_line(&raw, &c);
    }

    #[test]
    fn arbitrary_strings_do_not_panic(raw in "\\PC*|[\\x00-\\x7f\\r\\n]*") {
        let c = clean(&raw, None);
        assert_accounts_for_every_line(&raw, &c);
    }

    #[test]
    fn cleaning_is_idempotent(raw in page()) {
        let c = clean(&raw, None);
        prop_assume!(!c.title.is_empty() && !c.paragraphs.is_empty());
        let again = clean(&render(&c), None);
        prop_assert_eq!(&again.title, &c.title);
        prop_assert_eq!(&again.paragraphs, &c.paragraphs);
    }
}

#[test]
fn fixture_cookie_banner() {
    check_fixture("cookie_banner");
}

#[test]
fn cookie_banner_is_boilerplate_not_related_links() {
    let raw = fs::read_to_string(Path::new(FIXTURES).join("cookie_banner.txt")).unwrap();
    let got = clean(&raw, None);
    let banner = got
        .removed
        .iter()
        .find(|r| r.text.starts_with("This site uses cookies"))
        .expect("the banner is removed");
    assert_eq!(banner.reason, Reason::Boilerplate);
}

#[test]
fn fixture_sentence_headline() {
    check_fixture("sentence_headline");
}

#[test]
fn headline_reading_like_two_sentences_over_a_date_line_wins_over_a_repeated_label() {
    let raw = fs::read_to_string(Path::new(FIXTURES).join("sentence_headline.txt")).unwrap();
    let got = clean(&raw, None);
    assert!(
        got.title.starts_with("Harbour town picks a slogan"),
        "{}",
        got.title
    );
    assert!(
        got.removed
            .iter()
            .any(|r| r.text == "Harbour Gazette Sports LIVE")
    );
}

#[test]
fn fixture_related_teasers() {
    check_fixture("related_teasers");
}

#[test]
fn headline_is_not_a_repeated_teaser_under_a_related_links_label() {
    let raw = fs::read_to_string(Path::new(FIXTURES).join("related_teasers.txt")).unwrap();
    let got = clean(&raw, None);
    assert_eq!(
        got.title,
        "Fisherman finds rare blue lobster in harbour trap"
    );
    let teaser = "Lobster prices fall as the winter season ends early along the coast";
    assert!(got.paragraphs.iter().all(|p| p != teaser));
}

#[test]
fn fixture_comment_policy() {
    check_fixture("comment_policy");
}

#[test]
fn comment_policy_ends_the_story_and_is_a_comment() {
    let raw = fs::read_to_string(Path::new(FIXTURES).join("comment_policy.txt")).unwrap();
    let got = clean(&raw, None);
    let policy = got
        .removed
        .iter()
        .find(|r| r.text.starts_with("ATENÇÃO"))
        .expect("the comment policy is removed");
    assert_eq!(policy.reason, Reason::Comment);
    assert!(got.paragraphs.iter().all(|p| !p.starts_with("Clique")));
    assert!(got.paragraphs.iter().any(|p| p.starts_with("1 Vento Sul")));
}
