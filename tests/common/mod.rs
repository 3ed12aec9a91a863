//! Shared fixtures for the UI tests: invented articles and problems, an app
//! at a given size, key presses, and the screen rendered as text.
#![allow(dead_code)]

use byline::app::{Action, App, update};
use byline::article::{Article, ArticleId, Meta, Problem};
use byline::clean::{Reason, Removed};
use byline::ingest::Loaded;
use byline::library::Library;
use byline::store::Store;
use byline::ui;
use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

pub const LOREM: &str = "The committee met in the old grain hall on a wet evening and argued \
    for most of three hours about where the new footbridge should land, whether the \
    towpath could take the extra weight of cyclists, and who would pay for the lights.";

pub fn article(title: &str, source: &str, date: Option<&str>, paragraphs: &[&str]) -> Article {
    let paragraphs: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
    Article {
        id: ArticleId::from_content(title, &paragraphs),
        path: format!("/news/{source}/{title}.txt").into(),
        title: title.to_string(),
        meta: Meta {
            source: Some(source.to_string()),
            url: None,
            author: None,
            published: date.map(|d| DateTime::parse_from_rfc3339(d).unwrap()),
        },
        raw: format!("{title}\n\n{}", paragraphs.join("\n\n")),
        paragraphs,
        removed: vec![],
    }
}

/// Four invented articles; the first has an author and cleaner removals.
pub fn articles() -> Vec<Article> {
    let mut bridge = article(
        "Footbridge plan splits the riverside committee",
        "Riverside Echo",
        Some("2024-05-03T09:00:00+01:00"),
        &[
            LOREM,
            "A decision is expected at the June meeting.",
            "Residents can read the plans at the library until the end of the month.",
        ],
    );
    bridge.meta.author = Some("Mira Holt".into());
    bridge.raw = format!(
        "Footbridge plan splits the riverside committee\nShare on social\n\n{LOREM}\n\n\
         A decision is expected at the June meeting.\n  Read more: Lock gates repaired\n\n\
         Residents can read the plans at the library until the end of the month.\n"
    );
    bridge.removed = vec![
        Removed {
            text: "Share on social".into(),
            reason: Reason::ShareWidget,
        },
        Removed {
            text: "Read more: Lock gates repaired".into(),
            reason: Reason::RelatedLinks,
        },
    ];
    vec![
        bridge,
        article(
            "Orchard volunteers save a rare pear variety",
            "Hill Courier",
            Some("2024-05-01T12:00:00Z"),
            &["Grafts were taken from the last known tree in the parish."],
        ),
        article(
            "Evil \x1b]52;c;aGVsbG8=\x07title \x1b[2Jhere",
            "Mirror\x1b[31m Site",
            Some("2024-04-28T08:30:00Z"),
            &["Body \x1b[2Jtext with \u{202e}hidden\u{202c} tricks."],
        ),
        article(
            "Undated notice about bin collections",
            "Council",
            None,
            &["Collections move to Thursday."],
        ),
    ]
}

pub fn problems() -> Vec<Problem> {
    ["notes/broken.json", "notes/empty.txt", "feeds/old.xml"]
        .iter()
        .zip([
            "expected value at line 1 column 1",
            "no text",
            "unsupported format",
        ])
        .map(|(p, m)| Problem {
            path: p.into(),
            message: m.into(),
        })
        .collect()
}

pub fn app_with(articles: Vec<Article>, problems: Vec<Problem>, width: u16, height: u16) -> App {
    let loaded = Loaded { articles, problems };
    let mut app = App::new(Library::in_memory(loaded, Store::in_memory(), vec![]));
    update(&mut app, Action::Resize { width, height });
    app
}

/// An app on `articles` with `store` (e.g. a state file), as the binary builds it.
pub fn app_on_store(articles: Vec<Article>, store: Store, width: u16, height: u16) -> App {
    let loaded = Loaded {
        articles,
        problems: vec![],
    };
    let mut app = App::new(Library::in_memory(loaded, store, vec![]));
    update(&mut app, Action::Resize { width, height });
    app
}

pub fn app(width: u16, height: u16) -> App {
    app_with(articles(), problems(), width, height)
}

pub fn press(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

/// The screen as drawn, with styles.
pub fn render_buffer(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn render(app: &App, width: u16, height: u16) -> String {
    let buffer = render_buffer(app, width, height);
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = symbol.width().saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Six invented stories from three sources, one undated, plus a second copy
/// of the harbour story (a .json of the same article, with a link).
pub fn stories() -> Vec<Article> {
    let mut copy = article(
        "Harbour channel to be dredged",
        "Harbor Gazette",
        Some("2024-06-02T08:00:00Z"),
        &[
            "The harbour board agreed on Tuesday to dredge the channel before the spring \
           tides, after two cargo boats ran aground in as many weeks.",
        ],
    );
    copy.path = "/news/export.json".into();
    copy.meta.url = Some("https://gazette.example/dredge".into());
    vec![
        article(
            "Harbour channel to be dredged",
            "Harbor Gazette",
            Some("2024-06-02T08:00:00Z"),
            &[
                "The harbour board agreed on Tuesday to dredge the channel before the \
               spring tides, after two cargo boats ran aground in as many weeks.",
            ],
        ),
        article(
            "Beekeepers count a good summer",
            "Valley Post",
            Some("2024-06-01T08:00:00Z"),
            &["Hives were heavy."],
        ),
        article(
            "Ferry fares frozen",
            "Harbor Gazette",
            Some("2024-05-20T08:00:00Z"),
            &["No rise this year."],
        ),
        article(
            "Allotment waiting list grows",
            "Valley Post",
            None,
            &["Forty names."],
        ),
        article(
            "Choir tours the coast",
            "Coast Radio",
            Some("2024-05-25T08:00:00Z"),
            &["Six towns."],
        ),
        article(
            "Zebra crossing repainted",
            "Harbor Gazette",
            Some("2024-04-01T08:00:00Z"),
            &["At last."],
        ),
        copy,
    ]
}

/// The first word of each listed title.
pub fn titles(app: &App) -> Vec<&str> {
    app.library()
        .visible()
        .iter()
        .map(|&i| &app.library().get(i).unwrap().title[..])
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.split_whitespace().next().unwrap())
        .collect()
}

pub fn selected_title(app: &App) -> &str {
    let i = app.selected_article().expect("something selected");
    app.library()
        .get(i)
        .unwrap()
        .title
        .split_whitespace()
        .next()
        .unwrap()
}
