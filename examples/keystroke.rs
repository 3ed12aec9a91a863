//! Times the reader's work for each keystroke of a search on a real
//! collection: `cargo run --release --example keystroke -- DIR "query"`.
//! Each line is the time from the key to a drawn frame (update + draw into
//! an in-memory terminal of 120×40), as the reader does it.

use std::path::PathBuf;
use std::time::Instant;

use byline::app::{Action, App, update};
use byline::ingest;
use byline::library::{Library, build_index};
use byline::store::Store;
use byline::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(query)) = (args.next(), args.next()) else {
        eprintln!("usage: keystroke DIR QUERY");
        std::process::exit(2);
    };
    let t = Instant::now();
    let loaded = ingest::load_paths(&[PathBuf::from(dir)]);
    eprintln!(
        "loaded {} articles in {:.2?}",
        loaded.articles.len(),
        t.elapsed()
    );
    let mut app = App::new(Library::new(loaded, Store::in_memory(), vec![]));
    let t = Instant::now();
    let index = build_index(app.library().articles());
    eprintln!("indexed in {:.2?}", t.elapsed());
    app.set_index(index);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    update(&mut app, Action::Search);
    for c in query.chars() {
        let t = Instant::now();
        update(&mut app, Action::Type(c));
        terminal.draw(|f| ui::draw(&app, f)).expect("draw");
        println!(
            "{:>4.1} ms  /{}  ({} matches)",
            t.elapsed().as_secs_f64() * 1000.0,
            app.search_input(),
            app.search_hits().unwrap_or(0)
        );
    }
}
