//! A long article not kept in memory is read on another thread: the reader
//! says it is opening it, then shows it.

use std::fs;

use byline::app::{Action, App, update};
use byline::ingest;
use byline::library::Library;
use byline::store::Store;

#[test]
fn a_large_file_opens_on_another_thread_and_then_shows() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "The harbour board met again and went through the costs line by line. ";
    let mut text = String::from("The longest harbour report\n\n");
    while text.len() < 2 << 20 {
        text.push_str(&paragraph.repeat(8));
        text.push_str("\n\n");
    }
    text.push_str("The very last line of the report.\n");
    fs::write(dir.path().join("report.txt"), &text).unwrap();

    let loaded = ingest::load_paths(&[dir.path().to_path_buf()]);
    // As for a collection too large to keep its bodies in memory.
    let mut library = Library::new(loaded, Store::in_memory(), vec![]);
    library.forget_bodies();
    assert!(library.kept_body(0).is_none());
    let mut app = App::new(library);
    update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    let lines = |app: &App| -> String {
        let lines = app.reader_lines();
        lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(app.is_opening(), "over 1 MB: read on another thread");
    assert!(lines(&app).contains("Opening…"), "{}", lines(&app));
    while !app.take_opened() {
        std::thread::yield_now();
    }
    assert!(!app.is_opening());
    update(&mut app, Action::Open);
    update(&mut app, Action::Bottom);
    let shown = lines(&app);
    assert!(shown.contains("The very last line of the report."));
    assert!(!shown.contains("Opening…"));
}
