//! Opening a collection again: the reader's loader starts from the cache
//! the last opening saved, reads only what changed, and drops what went.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use byline::app::App;
use byline::background::Background;
use byline::ingest::{self, LoadEvent, Loaded};
use byline::library::Library;
use byline::search::Query;
use byline::store::Store;

/// Writes a file dated `days` days ago (older than the cache's window for
/// files still being written).
fn write(dir: &Path, name: &str, text: &str, days: u64) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    let when = SystemTime::now() - Duration::from_secs(86_400 * days);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(when)
        .unwrap();
    path
}

fn story(title: &str, word: &str) -> String {
    format!(
        "{title}\n\nThe council met on Tuesday and agreed the plan after a long debate; \
         the word {word} marks this story.\n"
    )
}

fn collection(dir: &Path) {
    write(
        dir,
        "a/one.txt",
        &story("Harbour wall to be rebuilt", "alphaword"),
        3,
    );
    write(
        dir,
        "a/two.txt",
        &story("Library hours extended", "betaword"),
        4,
    );
    write(
        dir,
        "b/feed.json",
        r#"[{"title": "Ferry timetable changes", "text": "The ferry will run later on Sundays, the operator said after a long consultation with gammaword riders."},
            {"title": "Market moves indoors", "text": "The Saturday market moves into the old hall for the winter months, traders said on Monday about deltaword."}]"#,
        5,
    );
    write(dir, "b/broken.json", "{\"title\": ", 6);
}

/// Runs the reader's loading to the end, as the event loop would (without
/// a terminal), and waits for the cache to be saved.
fn open(roots: &[PathBuf], cache: &Path) -> App {
    let library = Library::new(Loaded::default(), Store::in_memory(), vec![]);
    let mut app = App::new(library).with_loading();
    let loader = ingest::spawn(roots.to_vec(), Some(cache.to_path_buf()));
    let mut background = Background::with_cache(&app, Some(loader), false, Some(cache.into()));
    while background.is_pending() || app.is_grouping() {
        if !background.poll(&mut app) {
            std::thread::yield_now();
        }
    }
    background.poll(&mut app);
    background.finish(&app);
    app
}

/// The reader's loading until the index is in, then quitting at once,
/// while the copies may still be looked for.
fn open_and_quit(roots: &[PathBuf], cache: &Path) {
    let library = Library::new(Loaded::default(), Store::in_memory(), vec![]);
    let mut app = App::new(library).with_loading();
    let loader = ingest::spawn(roots.to_vec(), Some(cache.to_path_buf()));
    let mut background = Background::with_cache(&app, Some(loader), false, Some(cache.into()));
    while app.loading().is_some() || app.index().is_none() {
        if !background.poll(&mut app) {
            std::thread::yield_now();
        }
    }
    background.finish(&app);
}

fn titles(app: &App) -> Vec<String> {
    let mut t: Vec<String> = app
        .library()
        .entries()
        .iter()
        .map(|e| e.title.clone())
        .collect();
    t.sort();
    t
}

fn found(app: &App, word: &str) -> usize {
    let index = app.index().expect("searchable");
    let docs = index.search(&Query::parse(word), |_| true);
    docs.iter()
        .filter(|&&d| app.library().index_of_doc(d).is_some())
        .count()
}

/// The events of a loader run from the cache, in order.
fn events(roots: &[PathBuf], cache: &Path) -> Vec<LoadEvent> {
    ingest::spawn(roots.to_vec(), Some(cache.to_path_buf()))
        .into_iter()
        .collect()
}

#[test]
fn a_second_opening_comes_from_the_cache_and_reads_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    collection(&root);
    let cache = dir.path().join("cache").join("c.cache");
    let roots = vec![root.clone()];

    let first = open(&roots, &cache);
    assert!(cache.exists(), "the first opening saves the cache");
    assert_eq!(first.library().len(), 4);
    assert_eq!(first.problems().len(), 1);

    // Unchanged: everything from the cache, no file read.
    let ev = events(&roots, &cache);
    assert!(
        matches!(ev[0], LoadEvent::Cached(_)),
        "the cache comes first: {:?}",
        ev[0]
    );
    let cached: Vec<&byline::library::Incoming> = ev
        .iter()
        .filter_map(|e| match e {
            LoadEvent::Cached(incoming) => Some(incoming),
            _ => None,
        })
        .collect();
    assert_eq!(cached.iter().map(|c| c.entries.len()).sum::<usize>(), 4);
    let problems: usize = cached.iter().map(|c| c.problems.len()).sum();
    assert_eq!(problems, 1, "the broken file's problem is cached");
    assert!(
        byline::cache::head_location(&cache).exists(),
        "the first screen is kept beside the cache"
    );
    assert!(
        !ev.iter()
            .any(|e| matches!(e, LoadEvent::Batch { .. } | LoadEvent::Gone(_)))
    );
    assert!(matches!(
        ev.iter().find(|e| matches!(e, LoadEvent::Found { .. })),
        Some(LoadEvent::Found { files: 0, .. })
    ));
    let again = open(&roots, &cache);
    assert_eq!(titles(&again), titles(&first));
    assert_eq!(
        found(&again, "gammaword"),
        1,
        "the cached index is searchable"
    );

    // One file changed, one removed, one added.
    write(
        &root,
        "a/one.txt",
        &story("Harbour wall rebuilt at last", "epsilonword"),
        1,
    );
    fs::remove_file(root.join("a/two.txt")).unwrap();
    write(
        &root,
        "c/three.txt",
        &story("New bus route to the hospital", "zetaword"),
        2,
    );
    let ev = events(&roots, &cache);
    let gone: Vec<&PathBuf> = ev
        .iter()
        .filter_map(|e| match e {
            LoadEvent::Gone(p) => Some(p),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(gone, [&root.join("a/two.txt")]);
    let replaced: Vec<&PathBuf> = ev
        .iter()
        .filter_map(|e| match e {
            LoadEvent::Batch { replaces, .. } => Some(replaces),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(replaced, [&root.join("a/one.txt")]);

    let third = open(&roots, &cache);
    assert_eq!(
        titles(&third),
        [
            "Ferry timetable changes",
            "Harbour wall rebuilt at last",
            "Market moves indoors",
            "New bus route to the hospital"
        ]
    );
    for (word, n) in [
        ("epsilonword", 1),
        ("zetaword", 1),
        ("alphaword", 0),
        ("betaword", 0),
        ("deltaword", 1),
    ] {
        assert_eq!(found(&third, word), n, "{word}");
    }
}

#[test]
fn a_corrupt_cache_is_rebuilt_silently() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    collection(&root);
    let cache = dir.path().join("c.cache");
    fs::write(&cache, b"not a cache at all").unwrap();
    let roots = vec![root];
    let ev = events(&roots, &cache);
    assert!(!ev.iter().any(|e| matches!(e, LoadEvent::Cached(_))));
    let app = open(&roots, &cache);
    assert_eq!(app.library().len(), 4);
    assert!(app.problems().iter().all(|(p, _)| !p.contains("c.cache")));
    let ev = events(&roots, &cache);
    assert!(matches!(ev[0], LoadEvent::Cached(_)), "written anew");
}

#[test]
fn quitting_before_the_copies_are_grouped_still_saves_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    collection(&root);
    let cache = dir.path().join("cache").join("c.cache");
    let roots = vec![root.clone()];
    open_and_quit(&roots, &cache);
    assert!(cache.exists(), "saved at quit");
    let ev = events(&roots, &cache);
    let cached: usize = ev
        .iter()
        .map(|e| match e {
            LoadEvent::Cached(incoming) => incoming.entries.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(cached, 4, "every article comes from the cache");
    assert!(!ev.iter().any(|e| matches!(e, LoadEvent::Batch { .. })));
    // Saved before they were known, the copies are looked for again.
    assert!(
        ev.iter()
            .any(|e| matches!(e, LoadEvent::CachedCopies(None)))
    );
}
