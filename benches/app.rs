//! The reader's own work per key press on a large collection: a search
//! keystroke (query, relist, preview), a phrase keystroke's first frame and
//! its complete check, drawing a full frame into a `TestBackend`, and
//! adding a batch of loaded articles (what a key pressed while loading
//! waits for), on 100,000 invented articles the bench builds itself:
//! `cargo bench --bench app`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use byline::app::{Action, App, update};
use byline::article::{Article, ArticleId, Meta};
use byline::ingest::Loaded;
use byline::library::{Incoming, Library, Sort};
use byline::store::Store;
use byline::ui;
use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const ARTICLES: usize = 100_000;

/// A vocabulary of invented words, with a skew so some are common.
fn vocabulary(rng: &mut Rng) -> Vec<String> {
    const SYLLABLES: &[&str] = &[
        "har", "bour", "bri", "dge", "ca", "fé", "mor", "ten", "vil", "lan", "ost", "rik", "sel",
        "dun", "ma", "ro", "quay", "stor", "win", "ter", "fer", "ry", "coun", "cil",
    ];
    let mut words: Vec<String> = [
        "the", "a", "of", "and", "to", "in", "harbour", "bridge", "council", "ferry", "storm",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    while words.len() < 40_000 {
        let n = 2 + rng.below(3);
        words.push(
            (0..n)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect(),
        );
    }
    words
}

fn sentence(rng: &mut Rng, words: &[String], len: usize) -> String {
    let mut s = String::new();
    for k in 0..len {
        // Squaring the draw skews it towards the common words at the front.
        let r = rng.below(1 << 16);
        let i = (((r * r) >> 16) * words.len()) >> 16;
        if k > 0 {
            s.push(' ');
        }
        s.push_str(&words[i.min(words.len() - 1)]);
    }
    s.push('.');
    s
}

fn articles() -> Vec<Article> {
    let mut rng = Rng(7);
    let words = vocabulary(&mut rng);
    (0..ARTICLES)
        .map(|i| article(&mut rng, &words, i))
        .collect()
}

/// The `i`th invented article: a headline, 6 to 11 paragraphs, a date
/// within about three years.
fn article(rng: &mut Rng, words: &[String], i: usize) -> Article {
    let start = DateTime::parse_from_rfc3339("2023-11-26T08:00:00Z").unwrap();
    let title_len = 6 + rng.below(6);
    let title = sentence(rng, words, title_len);
    let paragraphs: Vec<String> = (0..6 + rng.below(6))
        .map(|_| {
            let len = 30 + rng.below(40);
            sentence(rng, words, len)
        })
        .collect();
    Article {
        id: ArticleId::from_content(&title, &paragraphs),
        path: format!("/news/source-{}/{i}.txt", i % 40).into(),
        meta: Meta {
            source: Some(format!("Source {}", i % 40)),
            url: None,
            author: None,
            published: Some(start + chrono::Duration::minutes(rng.below(1_500_000) as i64)),
        },
        raw: String::new(),
        title,
        paragraphs,
        removed: vec![],
    }
}

fn app() -> App {
    let loaded = Loaded {
        articles: articles(),
        problems: vec![],
    };
    let mut app = App::new(Library::in_memory(loaded, Store::in_memory(), vec![]));
    let index = app.library().build_index();
    app.set_index(index);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app
}

fn bench(c: &mut Criterion) {
    let mut app = app();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut group = c.benchmark_group("100k articles");
    group.sample_size(20);
    group.bench_function("draw a full frame", |b| {
        b.iter(|| {
            terminal.draw(|f| ui::draw(black_box(&app), f)).unwrap();
        })
    });
    update(&mut app, Action::Search);
    for query in ["h", "ha", "har", "harb", "harbour b", "\"harbour bri"] {
        group.bench_function(format!("search keystroke + frame: {query}"), |b| {
            b.iter(|| {
                update(&mut app, Action::ClearInput);
                for c in query.chars() {
                    update(&mut app, Action::Type(c));
                }
                terminal.draw(|f| ui::draw(&app, f)).unwrap();
            })
        });
    }
    // One phrase keystroke after the rest was typed: its first frame (at
    // most a budget of candidates checked), then the whole check to the
    // end (work steps, each drawn), as when no other key comes.
    for (typed, key) in [
        ("\"the ", 'h'),
        ("\"harbour ", 'b'),
        ("council \"the ", 'c'),
    ] {
        for complete in [false, true] {
            let what = if complete { "complete" } else { "first frame" };
            let name = format!("phrase keystroke, {what}: {typed}{key}");
            group.bench_function(name, |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        update(&mut app, Action::ClearInput);
                        for c in typed.chars() {
                            update(&mut app, Action::Type(c));
                        }
                        let t = Instant::now();
                        update(&mut app, Action::Type(key));
                        terminal.draw(|f| ui::draw(&app, f)).unwrap();
                        while complete && app.has_pending_work() {
                            app.work();
                            terminal.draw(|f| ui::draw(&app, f)).unwrap();
                        }
                        total += t.elapsed();
                    }
                    total
                })
            });
        }
    }
    // What the key thread does when the loader hands it a batch while
    // loading goes on: 200 articles of any dates merged into the list (of
    // 100,000 and more, as the batches add up), the rows there were moved
    // up past the new ones and these put into their places. A key pressed
    // meanwhile waits for it. Then the same in another sort (by title),
    // where the new rows' places are found by comparing titles.
    let mut rng = Rng(11);
    let words = vocabulary(&mut rng);
    let mut next = ARTICLES;
    let mut add_batches = |app: &mut App, iters: u64| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            let batch: Vec<Article> = (next..next + 200)
                .map(|i| article(&mut rng, &words, i))
                .collect();
            let incoming = Incoming::numbered(batch, next as u32);
            next += 200;
            let t = Instant::now();
            app.add(incoming, 0);
            total += t.elapsed();
        }
        total
    };
    group.bench_function("add a batch of 200 while loading", |b| {
        b.iter_custom(|iters| add_batches(&mut app, iters))
    });
    update(&mut app, Action::Back);
    while app.library().filters().sort != Sort::Title {
        update(&mut app, Action::Sort);
    }
    group.bench_function("add a batch of 200 while loading, by title", |b| {
        b.iter_custom(|iters| add_batches(&mut app, iters))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
