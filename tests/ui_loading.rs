//! The collection arriving while the reader is open, fed by hand a batch
//! at a time: the first frame says it is loading, the selection and the
//! open article stay put, and the end is the list a one-shot load gives.

mod common;

use byline::app::{Action, App, Focus, update};
use byline::article::{Article, Problem};
use byline::ingest::Loaded;
use byline::library::Library;
use byline::store::Store;
use common::{article, press, render};

const W: u16 = 100;
const H: u16 = 20;

/// Sixty stories an hour apart (a few undated), from three sources.
fn many() -> Vec<Article> {
    (0..60)
        .map(|i| {
            let date = format!("2024-05-{:02}T{:02}:00:00Z", 1 + i / 24, i % 24);
            let date = (i % 17 != 0).then_some(date.as_str());
            let title = format!("Story {i:02} of the day");
            article(&title, &format!("Source {}", i % 3), date, &["Text."])
        })
        .collect()
}

fn loading_app() -> App {
    let empty = Library::new(Loaded::default(), Store::in_memory(), vec![]);
    let mut app = App::new(empty).with_loading();
    update(
        &mut app,
        Action::Resize {
            width: W,
            height: H,
        },
    );
    app
}

fn title_of(app: &App, index: Option<usize>) -> String {
    let article = app.library().get(index.expect("an article"));
    article.expect("in range").title.clone()
}

#[test]
fn the_first_frame_says_it_is_loading_then_counts_the_files() {
    let mut app = loading_app();
    let screen = render(&app, W, H);
    assert!(screen.contains("Loading…"), "{screen}");
    assert!(screen.contains("loading… finding files"), "{screen}");
    let walk = vec![Problem {
        path: "/news/locked".into(),
        message: "permission denied".into(),
    }];
    app.found(1234, walk);
    let screen = render(&app, W, H);
    assert!(screen.contains("loading 0 / 1,234 files"), "{screen}");
    assert!(screen.contains("1 problem"), "{screen}");
    let batch = Loaded {
        articles: many()[..5].to_vec(),
        problems: vec![],
    };
    app.append(batch, 256);
    let screen = render(&app, W, H);
    assert!(screen.contains("loading 256 / 1,234 files"), "{screen}");
    assert!(screen.contains("Story 04"), "{screen}");
    app.finish_loading();
    let screen = render(&app, W, H);
    assert!(!screen.contains("loading"), "{screen}");
}

#[test]
fn batches_keep_the_selection_and_the_open_article_and_end_as_one_load() {
    let mut all = many();
    // Arriving out of order: every third article first, then the others.
    let (first, rest): (Vec<_>, Vec<_>) = all.drain(..).enumerate().partition(|(i, _)| i % 3 == 0);
    let first: Vec<Article> = first.into_iter().map(|(_, a)| a).collect();
    let rest: Vec<Article> = rest.into_iter().map(|(_, a)| a).collect();
    let mut app = loading_app();
    app.append(
        Loaded {
            articles: first.clone(),
            problems: vec![],
        },
        20,
    );
    press(&mut app, &[Action::Down; 6]);
    let (selected, row) = (app.selected_article(), app.selected() - app.list_offset());
    let selected_title = title_of(&app, selected);
    press(&mut app, &[Action::Down, Action::Open]);
    assert_eq!(app.focus(), Focus::Reader);
    let open_title = title_of(&app, app.open_article());
    press(&mut app, &[Action::Back]);
    press(&mut app, &[Action::Up]);
    assert_eq!(title_of(&app, app.selected_article()), selected_title);
    for batch in rest.chunks(7) {
        let loaded = Loaded {
            articles: batch.to_vec(),
            problems: vec![],
        };
        app.append(loaded, 7);
        assert_eq!(title_of(&app, app.selected_article()), selected_title);
        assert_eq!(app.selected() - app.list_offset(), row, "same screen row");
        assert_eq!(title_of(&app, app.open_article()), open_title);
        let screen = render(&app, W, H);
        assert!(screen.contains(&selected_title[..8]), "{screen}");
    }
    app.finish_loading();
    let mut everything = first;
    everything.extend(rest);
    let once = common::app_with(everything, vec![], W, H);
    let headlines = |app: &byline::app::App| -> Vec<_> {
        (0..app.library().len()).map(|i| app.headline(i)).collect()
    };
    assert_eq!(headlines(&app), headlines(&once));
    assert_eq!(app.library().visible(), once.library().visible());
    assert_eq!(app.library().story_count(), 60);
}

#[test]
fn the_last_sessions_article_is_selected_when_it_arrives() {
    let mut store = Store::in_memory();
    let wanted = many()[40].clone();
    let mut session = store.session().clone();
    session.set_selected_id(Some(wanted.id));
    store.set_session(session);
    let empty = Library::new(Loaded::default(), store, vec![]);
    let mut app = App::new(empty).with_loading();
    update(
        &mut app,
        Action::Resize {
            width: W,
            height: H,
        },
    );
    for articles in many().chunks(30) {
        let articles = articles.to_vec();
        app.append(
            Loaded {
                articles,
                problems: vec![],
            },
            1,
        );
    }
    assert_eq!(title_of(&app, app.selected_article()), wanted.title);
}
