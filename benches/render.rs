//! Frames of the reader on long articles, each of which must stay well
//! under a frame's 16 ms: a full frame (list and reader) of a normal
//! article, then for 10 MB articles (thousands of paragraphs; one single
//! paragraph; one paragraph of very long unbroken words) the first frame
//! when opened, G to the end and its frame, and a page down in the middle:
//! `cargo bench --bench render`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use byline::app::view::ReaderCache;
use byline::app::{Action, App, update};
use byline::article::{Article, ArticleId, Meta};
use byline::ingest::Loaded;
use byline::library::Library;
use byline::store::Store;
use byline::ui;
use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const MB: usize = 1024 * 1024;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn word(rng: &mut Rng) -> String {
    const SYLLABLES: &[&str] = &[
        "har", "bour", "bri", "dge", "ca", "fé", "mor", "ten", "vil", "lan", "ost", "rik", "sel",
        "dun", "ma", "ro", "quay", "stor", "win", "ter",
    ];
    (0..1 + rng.below(4))
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

/// About `bytes` of sentences.
fn prose(rng: &mut Rng, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 64);
    while s.len() < bytes {
        let words = 6 + rng.below(20);
        for k in 0..words {
            if k > 0 {
                s.push(' ');
            }
            s.push_str(&word(rng));
        }
        s.push_str(". ");
    }
    s.truncate(s.trim_end().len());
    s
}

fn article(n: usize, title: &str, paragraphs: Vec<String>) -> Article {
    let start = DateTime::parse_from_rfc3339("2024-05-03T08:00:00Z").unwrap();
    Article {
        id: ArticleId::from_content(title, &paragraphs),
        path: format!("/news/{n}.txt").into(),
        title: title.to_string(),
        meta: Meta {
            source: Some("The Harbour Gazette".into()),
            url: None,
            author: Some("A. Writer".into()),
            // Listed newest first: in the order of `articles()`.
            published: Some(start - chrono::Duration::hours(n as i64)),
        },
        paragraphs,
        removed: vec![],
        raw: String::new(),
    }
}

/// The three 10 MB articles, each listed after a normal one (index 0, 2, 4):
/// at 1 thousands of paragraphs, at 3 a single paragraph, at 5 one
/// paragraph of very long unbroken words.
fn articles() -> Vec<Article> {
    let mut rng = Rng(11);
    let mut normal = |n: usize| {
        let paragraphs = (0..12).map(|_| prose(&mut rng, 600)).collect();
        article(n, &format!("A normal article, {n}"), paragraphs)
    };
    let (n0, n2, n4) = (normal(0), normal(2), normal(4));
    let mut rng = Rng(12);
    let many: Vec<String> = (0..5_000).map(|_| prose(&mut rng, 2 * 1024)).collect();
    let raw = many.join("\n\n");
    let single = vec![prose(&mut rng, 10 * MB)];
    let mut unbroken = String::new();
    while unbroken.len() < 10 * MB {
        let w: String = (0..4_000).map(|_| word(&mut rng)).collect();
        unbroken.push_str(&w);
        unbroken.push(' ');
    }
    unbroken.truncate(unbroken.len() - 1);
    vec![
        n0,
        Article {
            raw,
            ..article(1, "Ten megabytes in paragraphs", many)
        },
        n2,
        article(3, "Ten megabytes in one paragraph", single),
        n4,
        article(5, "Ten megabytes of unbroken words", vec![unbroken]),
    ]
}

fn app(articles: Vec<Article>, store: Store) -> App {
    let loaded = Loaded {
        articles,
        problems: vec![],
    };
    let mut app = App::new(Library::in_memory(loaded, store, vec![]));
    update(
        &mut app,
        Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    app
}

/// Opens the normal article listed before the long one at `index`: the
/// long one is then opened afresh by the next `NextArticle`.
fn before(app: &mut App, index: usize) {
    update(app, Action::Back);
    update(app, Action::Top);
    for _ in 0..index - 1 {
        update(app, Action::Down);
    }
    update(app, Action::Open);
    assert_eq!(app.open_article(), Some(index - 1));
}

/// Times `iters` rounds of: open the long article at `index` afresh (its
/// lines were dropped for the article before it), press `keys` and draw a
/// frame. With no keys the opening and its frame are timed, else only the
/// keys and the frame after them; `undo` is pressed after, untimed.
fn rounds(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    index: usize,
    (keys, undo): (&[Action], &[Action]),
    iters: u64,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        before(app, index);
        let mut t = Instant::now();
        update(app, Action::NextArticle);
        if !keys.is_empty() {
            terminal.draw(|f| ui::draw(app, f)).unwrap();
            t = Instant::now();
            for &key in keys {
                update(app, key);
            }
        }
        terminal.draw(|f| ui::draw(app, f)).unwrap();
        total += t.elapsed();
        assert_eq!(app.open_article(), Some(index));
        for &key in undo {
            update(app, key);
        }
    }
    total
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    let mut store = Store::in_memory();
    // The page down starts half way, where reopening goes back to.
    for a in &articles {
        store.set_position(a.id, 0.5);
    }
    let mut fresh = app(articles.clone(), Store::in_memory());
    let mut halfway = app(articles, store);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let mut group = c.benchmark_group("reader");
    group.sample_size(20);

    update(&mut fresh, Action::Top);
    group.bench_function("full frame, list + normal article", |b| {
        b.iter(|| {
            terminal.draw(|f| ui::draw(black_box(&fresh), f)).unwrap();
        })
    });

    for (index, name) in [
        (1, "paragraphs"),
        (3, "one paragraph"),
        (5, "unbroken words"),
    ] {
        let what = |s: &str| format!("10 MB {name}: {s}");
        group.bench_function(what("open, first frame"), |b| {
            b.iter_custom(|iters| rounds(&mut fresh, &mut terminal, index, (&[], &[]), iters))
        });
        group.bench_function(what("G and its frame"), |b| {
            b.iter_custom(|iters| {
                let mut t = Duration::ZERO;
                for _ in 0..iters {
                    let keys = [Action::Bottom];
                    t += rounds(&mut fresh, &mut terminal, index, (&keys, &[]), 1);
                    assert_eq!(fresh.scroll(), fresh.max_scroll());
                    assert_eq!(fresh.percent(), 100);
                    // Back to the top, which forgets the position.
                    update(&mut fresh, Action::Top);
                }
                t
            })
        });
        group.bench_function(what("reopen half way, first frame"), |b| {
            b.iter_custom(|iters| rounds(&mut halfway, &mut terminal, index, (&[], &[]), iters))
        });
        group.bench_function(what("page down half way and its frame"), |b| {
            b.iter_custom(|iters| {
                // Back up after, so that it is reopened half way again.
                let keys = ([Action::PageDown], [Action::PageUp]);
                let t = rounds(
                    &mut halfway,
                    &mut terminal,
                    index,
                    (&keys.0, &keys.1),
                    iters,
                );
                let percent = halfway.percent();
                assert!((40..60).contains(&percent), "{percent}");
                t
            })
        });
    }
    // The raw view (`r`) of the first, from its top.
    group.bench_function("10 MB paragraphs: r (raw view) and its frame", |b| {
        b.iter_custom(|iters| {
            let keys = ([Action::ToggleRaw], [Action::ToggleRaw]);
            rounds(&mut fresh, &mut terminal, 1, (&keys.0, &keys.1), iters)
        })
    });
    group.sample_size(10);
    // What n/N do once on a long article: wrap all of it.
    let many = &*fresh.library().kept_body(1).expect("kept in memory");
    group.bench_function("10 MB paragraphs: wrap all of it (n/N, once)", |b| {
        b.iter(|| {
            let mut cache = ReaderCache::default();
            cache.refresh(Some((1, 76, false)), Some(many), None);
            cache.wrap_all(Some(many), 0);
            assert!(cache.is_exact());
            cache
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
