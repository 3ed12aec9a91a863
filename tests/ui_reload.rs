//! Live reload at the app's level: files changed, added and removed on disk
//! are applied by `App::reload` with the selection, the article being read,
//! its place and the read state kept.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use byline::app::{Action, App, Focus};
use byline::ingest::{self, Loaded};
use byline::library::Library;
use byline::store::Store;
use common::press;

fn story(title: &str, day: u32, words: &str) -> String {
    let body = format!(
        "{title}\n\nPublished 2026-03-{day:02}\n\n{words} The council met on Tuesday and \
         agreed the plan after a long debate about costs, timing and the views of residents.\n\n\
         A second paragraph follows here with more detail on what was decided, and why."
    );
    body
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn app_on(dir: &Path) -> App {
    let loaded = ingest::load_paths(&[dir.to_path_buf()]);
    let mut app = App::new(Library::new(loaded, Store::in_memory(), vec![]));
    byline::app::update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    app
}

fn titles(app: &App) -> Vec<String> {
    let lib = app.library();
    lib.visible()
        .iter()
        .map(|&i| lib.get(i).unwrap().title.clone())
        .collect()
}

fn selected_title(app: &App) -> String {
    let i = app.selected_article().unwrap();
    app.library().get(i).unwrap().title.clone()
}

fn reread(paths: &[&PathBuf]) -> Vec<(PathBuf, Loaded)> {
    paths
        .iter()
        .map(|p| ((*p).clone(), ingest::load_file(p)))
        .collect()
}

#[test]
fn an_added_file_is_listed_and_the_selection_stays() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        &story("Harbour wall to be rebuilt", 3, "Alpha."),
    );
    write(
        dir.path(),
        "b.txt",
        &story("Library hours extended", 2, "Beta."),
    );
    let mut app = app_on(dir.path());
    press(&mut app, &[Action::Down]);
    assert_eq!(selected_title(&app), "Library hours extended");
    let new = write(
        dir.path(),
        "c.txt",
        &story("Ferry timetable changes", 9, "Gamma."),
    );
    let added = app.reload(vec![], reread(&[&new]));
    assert_eq!(added.len(), 1, "the new article goes to the index");
    assert_eq!(
        titles(&app),
        [
            "Ferry timetable changes",
            "Harbour wall to be rebuilt",
            "Library hours extended"
        ]
    );
    assert_eq!(selected_title(&app), "Library hours extended");
}

#[test]
fn a_removed_file_goes_and_the_selection_moves_to_the_nearest() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        &story("Harbour wall to be rebuilt", 3, "Alpha."),
    );
    let b = write(
        dir.path(),
        "b.txt",
        &story("Library hours extended", 2, "Beta."),
    );
    write(
        dir.path(),
        "c.txt",
        &story("Ferry timetable changes", 1, "Gamma."),
    );
    let mut app = app_on(dir.path());
    press(&mut app, &[Action::Down]);
    assert_eq!(selected_title(&app), "Library hours extended");
    fs::remove_file(&b).unwrap();
    app.reload(vec![b], vec![]);
    assert_eq!(
        titles(&app),
        ["Harbour wall to be rebuilt", "Ferry timetable changes"]
    );
    assert_eq!(selected_title(&app), "Ferry timetable changes");
}

#[test]
fn a_changed_file_keeps_its_read_state_and_stays_open_in_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.txt",
        &story("Harbour wall to be rebuilt", 3, "Alpha."),
    );
    write(
        dir.path(),
        "b.txt",
        &story("Library hours extended", 2, "Beta."),
    );
    let mut app = app_on(dir.path());
    press(&mut app, &[Action::Open]);
    assert_eq!(app.focus(), Focus::Reader);
    let open = app.open_article().unwrap();
    assert!(app.library().is_read(open), "opening marks read");
    let old_id = app.library().get(open).unwrap().id;

    write(
        dir.path(),
        "a.txt",
        &story("Harbour wall to be rebuilt", 3, "Alpha, corrected."),
    );
    app.reload(vec![], reread(&[&a]));
    let open = app.open_article().expect("still reading it");
    assert_eq!(app.focus(), Focus::Reader);
    let entry = app.library().get(open).unwrap();
    assert_ne!(entry.id, old_id, "its text changed");
    assert_eq!(entry.title, "Harbour wall to be rebuilt");
    assert!(app.library().is_read(open), "the read state came along");
    assert_eq!(app.library().len(), 2, "replaced, not added");
    let text: Vec<String> = app.reader_lines().iter().map(|l| l.text.clone()).collect();
    assert!(
        text.iter().any(|l| l.contains("Alpha, corrected.")),
        "{text:?}"
    );
}

#[test]
fn a_file_that_turned_bad_is_reported_and_a_removed_folder_takes_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    write(
        &sub,
        "a.txt",
        &story("Harbour wall to be rebuilt", 3, "Alpha."),
    );
    write(&sub, "b.txt", &story("Library hours extended", 2, "Beta."));
    let j = write(
        dir.path(),
        "feed.json",
        r#"{"title": "Ferry timetable changes", "text": "The ferry will run later on Sundays from May, the operator said on Monday after a consultation."}"#,
    );
    let mut app = app_on(dir.path());
    assert_eq!(app.library().len(), 3);
    write(dir.path(), "feed.json", "{\"title\": ");
    app.reload(vec![], reread(&[&j]));
    assert_eq!(app.library().len(), 2);
    assert_eq!(app.problems().len(), 1, "{:?}", app.problems());
    assert!(app.problems()[0].0.ends_with("feed.json"));
    fs::remove_dir_all(&sub).unwrap();
    app.reload(vec![sub], vec![]);
    assert!(app.library().is_empty());
    assert_eq!(app.problems().len(), 1, "the other file's problem stays");
    fs::remove_file(&j).unwrap();
    app.reload(vec![j], vec![]);
    assert!(
        app.problems().is_empty(),
        "a removed file's problem goes with it"
    );
}
