//! Search through `update`: the prompt (typing, Backspace, Ctrl-w, Ctrl-u,
//! Enter keeps, Esc clears), the list narrowed as you type with the count
//! in the status bar, combined with filters, matches highlighted in the
//! reader and n/N, the query kept across a restart, and phrases checked a
//! budget at a time (the same result in the end, a new key restarting the
//! check, "checking…" meanwhile).

mod common;

use byline::app::{Action, App, Focus, update};
use byline::store::Store;
use common::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The stories, indexed, at a size.
fn searchable(width: u16, height: u16) -> App {
    let mut app = app_with(stories(), vec![], width, height);
    let index = app.library().build_index();
    app.set_index(index);
    app
}

/// Types `text` into the prompt through the key map, as the terminal would.
fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        let action = app.action_for(&event).expect("the prompt takes characters");
        update(app, action);
    }
}

fn ctrl(app: &mut App, c: char) {
    let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    let action = app.action_for(&event).unwrap();
    update(app, action);
}

fn status(app: &App, width: u16, height: u16) -> String {
    render(app, width, height)
        .lines()
        .last()
        .unwrap()
        .to_string()
}

#[test]
fn typing_narrows_the_list_and_the_prompt_counts() {
    let mut app = searchable(120, 24);
    press(&mut app, &[Action::Search]);
    assert_eq!(app.prompt(), Some(""));
    // Keys that are actions elsewhere are typed: q, j, n, s.
    type_keys(&mut app, "harb");
    assert_eq!(app.prompt(), Some("harb"));
    assert!(!app.should_quit());
    assert_eq!(
        titles(&app),
        ["Harbour"],
        "prefix of the last word while typing"
    );
    assert_eq!(app.search_hits(), Some(1), "both copies match: one story");
    assert!(
        status(&app, 120, 24).contains(" /harb"),
        "{}",
        status(&app, 120, 24)
    );
    assert!(status(&app, 120, 24).contains("1 match · ⏎ keep · Esc clear"));
    ctrl(&mut app, 'w');
    assert_eq!((app.prompt(), titles(&app).len()), (Some(""), 6));
    type_keys(&mut app, "the");
    let snapshot = render(&app, 120, 24);
    insta::assert_snapshot!("search_prompt", snapshot);
    ctrl(&mut app, 'u');
    type_keys(&mut app, "FERRY");
    assert_eq!(titles(&app), ["Ferry"], "case-insensitive");
    let backspace = Event::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    let erase = app.action_for(&backspace).unwrap();
    press(&mut app, &[erase, erase, erase, erase, erase]);
    assert_eq!(app.prompt(), Some(""));
    type_keys(&mut app, "zzz");
    assert!(titles(&app).is_empty());
    assert!(status(&app, 120, 24).contains("no matches"));
}

#[test]
fn enter_keeps_the_search_and_esc_clears_it() {
    let mut app = searchable(120, 24);
    press(&mut app, &[Action::Search]);
    type_keys(&mut app, "valley post");
    assert!(titles(&app).is_empty(), "sources are not searched, text is");
    press(&mut app, &[Action::ClearInput]);
    type_keys(&mut app, "hives");
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let keep = app.action_for(&enter).unwrap();
    press(&mut app, &[keep]);
    assert_eq!(app.prompt(), None);
    assert_eq!(titles(&app), ["Beekeepers"]);
    let bar = status(&app, 120, 24);
    assert!(bar.contains("1 listed: /hives 1 match"), "{bar}");
    // Filters combine with it.
    press(&mut app, &[Action::FilterStarred]);
    assert!(titles(&app).is_empty());
    press(&mut app, &[Action::FilterStarred, Action::Search]);
    assert_eq!(
        app.prompt(),
        Some("hives"),
        "the prompt opens on the search"
    );
    let esc = Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    let clear = app.action_for(&esc).unwrap();
    press(&mut app, &[clear]);
    assert_eq!((app.prompt(), app.search_input()), (None, ""));
    assert_eq!(titles(&app).len(), 6);
    assert_eq!(selected_title(&app), "Beekeepers", "the selection stays");
}

#[test]
fn words_are_all_required_phrases_are_phrases_and_accents_fold() {
    let mut articles = stories();
    articles[1].paragraphs = vec!["The café by the bridge sold honey from the hives.".into()];
    articles[1].id = byline::article::ArticleId::from_content("b", &articles[1].paragraphs);
    let mut app = app_with(articles, vec![], 120, 24);
    let index = app.library().build_index();
    app.set_index(index);
    press(&mut app, &[Action::Search]);
    type_keys(&mut app, "cafe honey ");
    assert_eq!(titles(&app), ["Beekeepers"]);
    press(&mut app, &[Action::ClearInput]);
    type_keys(&mut app, "cafe ferry ");
    assert!(titles(&app).is_empty(), "every word is required");
    press(&mut app, &[Action::ClearInput]);
    type_keys(&mut app, "\"bridge sold\"");
    assert_eq!(titles(&app), ["Beekeepers"]);
    press(&mut app, &[Action::ClearInput]);
    type_keys(&mut app, "\"sold bridge\"");
    assert!(titles(&app).is_empty(), "a phrase keeps its order");
}

#[test]
fn matches_are_highlighted_and_n_moves_between_them() {
    let mut app = searchable(100, 12);
    press(&mut app, &[Action::Search]);
    type_keys(&mut app, "the ");
    press(&mut app, &[Action::Open]);
    // Harbour is selected; open it and jump between its "the"s.
    press(&mut app, &[Action::Open]);
    assert_eq!(app.focus(), Focus::Reader);
    press(&mut app, &[Action::NextMatch]);
    assert_eq!(app.message(), Some("match 1 of 3"));
    let buffer = render_buffer(&app, 100, 12);
    let theme = byline::ui::theme::THEME;
    let styled: Vec<_> = buffer
        .content()
        .iter()
        .filter(|c| c.bg == theme.match_current.bg.unwrap())
        .map(|c| c.symbol())
        .collect();
    assert_eq!(styled.concat(), "The", "the current match");
    let others = buffer
        .content()
        .iter()
        .filter(|c| c.bg == theme.match_.bg.unwrap())
        .count();
    assert_eq!(others, 6, "the two other matches");
    press(
        &mut app,
        &[Action::NextMatch, Action::NextMatch, Action::NextMatch],
    );
    assert_eq!(app.message(), Some("match 1 of 3"), "n wraps");
    press(&mut app, &[Action::PrevMatch]);
    assert_eq!(app.message(), Some("match 3 of 3"), "N goes back");
    insta::assert_snapshot!("search_reader", render(&app, 100, 12));
}

#[test]
fn n_scrolls_a_match_into_view() {
    let mut app = app(60, 10);
    let index = app.library().build_index();
    app.set_index(index);
    press(&mut app, &[Action::Search]);
    type_keys(&mut app, "library ");
    press(&mut app, &[Action::Open, Action::Open]);
    assert_eq!(app.scroll(), 0);
    press(&mut app, &[Action::NextMatch]);
    let line = app
        .reader_lines()
        .iter()
        .position(|l| l.text.contains("library"))
        .unwrap();
    assert!(line >= app.reader_rows(), "the match starts out of view");
    assert!((app.scroll()..app.scroll() + app.reader_rows()).contains(&line));
    press(
        &mut app,
        &[Action::Back, Action::Down, Action::Open, Action::NextMatch],
    );
    assert_eq!(titles(&app).len(), 1);
    assert_eq!(app.message(), Some("match 1 of 1"));
}

#[test]
fn without_a_search_n_says_so() {
    let mut app = searchable(100, 20);
    press(&mut app, &[Action::Open, Action::NextMatch]);
    assert_eq!(app.message(), Some("no search: / searches"));
}

#[test]
fn the_query_survives_a_restart_and_waits_for_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let start = |store: Store| app_on_store(stories(), store, 120, 24);
    let mut app = start(Store::open(path.clone()).0);
    app.set_index(app.library().build_index());
    press(&mut app, &[Action::Search]);
    type_keys(&mut app, "tour");
    press(&mut app, &[Action::Open, Action::Quit]);
    app.save_state().unwrap();

    let mut app = start(Store::open(path).0);
    assert_eq!(app.search_input(), "tour");
    assert!(app.is_indexing());
    assert!(status(&app, 120, 24).contains("/tour (indexing…)"));
    assert_eq!(
        titles(&app).len(),
        6,
        "not narrowed before the index is there"
    );
    app.set_index(app.library().build_index());
    assert_eq!(titles(&app), ["Choir"]);
    assert_eq!(selected_title(&app), "Choir");
}

/// 300 articles of a few words, every 20th a copy of the one before (from
/// another source), so a phrase has hundreds of candidates to check.
fn many() -> Vec<byline::article::Article> {
    const WORDS: [&str; 8] = [
        "harbour", "bridge", "ferry", "the", "new", "council", "boat", "bright",
    ];
    let mut seed = 7u64;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let mut out: Vec<byline::article::Article> = Vec::new();
    for i in 0..300 {
        if i % 20 == 19 {
            let mut copy = out[i - 1].clone();
            copy.path = format!("/news/copies/{i}.txt").into();
            copy.meta.source = Some("Copies".into());
            out.push(copy);
            continue;
        }
        let mut sentence = |len: usize| {
            let words: Vec<&str> = (0..len).map(|_| WORDS[next(WORDS.len())]).collect();
            words.join(" ")
        };
        let title = format!("{i} {}", sentence(4));
        let body = [sentence(12), sentence(12)];
        let date = format!("2024-05-{:02}T{:02}:00:00Z", 1 + i % 28, i % 24);
        let body: Vec<&str> = body.iter().map(String::as_str).collect();
        out.push(article(&title, &format!("S{}", i % 7), Some(&date), &body));
    }
    out
}

/// `many()`, indexed, checking `budget` phrase candidates per step.
fn many_app(budget: usize) -> App {
    let mut app = app_with(many(), vec![], 120, 24);
    app.set_index(app.library().build_index());
    app.set_search_budget(budget);
    press(&mut app, &[Action::Search]);
    app
}

/// The listed articles, by position in the library.
fn listed(app: &App) -> Vec<usize> {
    app.library().visible().to_vec()
}

/// Runs the pending check to the end; returns how many steps it took.
fn finish(app: &mut App) -> usize {
    let mut steps = 0;
    while app.has_pending_work() {
        app.work();
        steps += 1;
        assert!(steps < 10_000, "the check ends");
    }
    steps
}

#[test]
fn a_budgeted_phrase_search_ends_with_the_unbudgeted_result() {
    for sort_presses in 0..4 {
        let mut whole = many_app(usize::MAX);
        let mut sliced = many_app(10);
        for app in [&mut whole, &mut sliced] {
            for _ in 0..sort_presses {
                press(app, &[Action::Back, Action::Sort, Action::Search]);
            }
        }
        for query in ["\"harbour b", "\"the new", "ferry \"boat the"] {
            press(&mut whole, &[Action::ClearInput]);
            press(&mut sliced, &[Action::ClearInput]);
            type_keys(&mut whole, query);
            type_keys(&mut sliced, query);
            assert!(!whole.has_pending_work());
            let expected = listed(&whole);
            assert!(expected.len() > 20, "{query}: {}", expected.len());
            // The same as the search checking everything at once.
            let q = byline::search::Query::parse(query);
            let lib = whole.library();
            let ids = lib.search(&lib.build_index(), &q);
            let mut stories: Vec<usize> = ids.iter().map(|&i| lib.copies(i)[0]).collect();
            stories.sort_unstable();
            stories.dedup();
            assert_eq!(whole.search_hits(), Some(stories.len()), "{query}");
            let mut listed_sorted = expected.clone();
            listed_sorted.sort_unstable();
            assert_eq!(listed_sorted, stories, "{query}");
            let mut seen = 0;
            let mut steps = 0;
            while sliced.has_pending_work() {
                // Only confirmed matches are listed, never fewer than before.
                let now = listed(&sliced);
                assert!(now.iter().all(|i| expected.contains(i)), "{query}");
                assert!(now.len() >= seen);
                seen = now.len();
                sliced.work();
                steps += 1;
            }
            assert!(steps > 3, "{query}: {steps} steps");
            assert_eq!(listed(&sliced), expected, "{query}, sort {sort_presses}");
            assert_eq!(sliced.search_hits(), whole.search_hits(), "{query}");
        }
    }
}

#[test]
fn a_key_mid_check_starts_the_new_search_cleanly() {
    // What each query lists, checked all at once.
    let mut whole = many_app(usize::MAX);
    let mut expect = |query: &str| {
        press(&mut whole, &[Action::ClearInput]);
        type_keys(&mut whole, query);
        (listed(&whole), whole.search_hits())
    };
    let (narrower, wider) = (expect("\"harbour br"), expect("\"harbour "));
    let mut app = many_app(10);
    type_keys(&mut app, "\"harbour b");
    app.work();
    assert!(app.has_pending_work(), "still checking \"harbour b");
    // Typing on: checked within what "harbour b left, to the same result.
    type_keys(&mut app, "r");
    assert!(app.has_pending_work());
    assert!(finish(&mut app) > 1);
    assert_eq!((listed(&app), app.search_hits()), narrower);
    // Erasing mid-check widens the search: it starts afresh.
    press(&mut app, &[Action::ClearInput]);
    type_keys(&mut app, "\"harbour br");
    app.work();
    assert!(app.has_pending_work());
    press(&mut app, &[Action::Erase, Action::Erase]);
    finish(&mut app);
    assert_eq!((listed(&app), app.search_hits()), wider);
    // Clearing mid-check leaves nothing pending and everything listed.
    type_keys(&mut app, "b");
    assert!(app.has_pending_work());
    press(&mut app, &[Action::ClearInput]);
    assert!(!app.has_pending_work());
    assert_eq!((listed(&app).len(), app.search_hits()), (285, None));
}

#[test]
fn the_status_bar_says_checking_while_matches_are_pending() {
    let mut app = many_app(10);
    type_keys(&mut app, "\"the new");
    let prompt = status(&app, 120, 24);
    let so_far = app.search_hits().unwrap();
    assert!(
        prompt.contains(&format!("{so_far} matches so far, checking…")),
        "{prompt}"
    );
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let keep = app.action_for(&enter).unwrap();
    press(&mut app, &[keep]);
    let bar = status(&app, 120, 24);
    assert!(bar.contains("/\"the new"), "{bar}");
    assert!(bar.contains("matches so far, checking…"), "{bar}");
    finish(&mut app);
    let bar = status(&app, 120, 24);
    let n = app.search_hits().unwrap();
    assert!(n > so_far);
    assert!(bar.contains(&format!("/\"the new {n} matches")), "{bar}");
    assert!(!bar.contains("checking"), "{bar}");
}
