//! Times the reader's work for each keystroke of a search on a real
//! collection: `cargo run --release --example keystroke -- DIR "query"...`.
//! Each line gives the time from the key to its first drawn frame (update +
//! draw into an in-memory terminal of 120×40), as the reader does it, then
//! to the frame once the search is completely checked (work steps, each
//! drawn, run back to back as when no key comes), and the number of steps.
//! Every query is typed afresh (cleared first), each key's check completed
//! before the next.

use std::path::PathBuf;
use std::time::Instant;

use byline::app::{Action, App, update};
use byline::ingest;
use byline::library::Library;
use byline::store::Store;
use byline::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), queries) = (args.next(), args.collect::<Vec<_>>()) else {
        eprintln!("usage: keystroke DIR QUERY...");
        std::process::exit(2);
    };
    if queries.is_empty() {
        eprintln!("usage: keystroke DIR QUERY...");
        std::process::exit(2);
    }
    let t = Instant::now();
    let loaded = ingest::load_paths(&[PathBuf::from(dir)]);
    eprintln!(
        "loaded {} articles in {:.2?}",
        loaded.articles.len(),
        t.elapsed()
    );
    let mut app = App::new(Library::new(loaded, Store::in_memory(), vec![]));
    let t = Instant::now();
    let index = app.library().build_index();
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
    println!("first frame  complete  steps  query  (matches)");
    for query in queries {
        update(&mut app, Action::ClearInput);
        for c in query.chars() {
            let t = Instant::now();
            update(&mut app, Action::Type(c));
            terminal.draw(|f| ui::draw(&app, f)).expect("draw");
            let first = t.elapsed();
            let mut steps = 0;
            while app.has_pending_work() {
                app.work();
                terminal.draw(|f| ui::draw(&app, f)).expect("draw");
                steps += 1;
            }
            println!(
                "{:>8.1} ms {:>7.1} ms {steps:>6}  /{}  ({} matches)",
                first.as_secs_f64() * 1000.0,
                t.elapsed().as_secs_f64() * 1000.0,
                app.search_input(),
                app.search_hits().unwrap_or(0)
            );
        }
    }
}
