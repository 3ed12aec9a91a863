//! An article keeps its read mark, star and reading position when its file
//! is moved or renamed: identity comes from the content, not the path.

use std::fs;
use std::path::Path;

use byline::ingest;
use byline::library::Library;
use byline::store::Store;

const STORY: &str = "Top NewsLocal\n\nQuay wall repairs finish two months early\n\n\
    Share this article\n\nQuay wall repairs finish two months early\n\n\
    The repairs to the old quay wall finished on Friday, two months ahead of the date the \
    harbour board had given when the work began in the spring.\n\n\
    Engineers replaced more than four hundred stones that the winter storms had loosened, \
    and the board said the cost had stayed within the budget agreed last year.\n";

fn open(folder: &Path, state: &Path) -> Library {
    let loaded = ingest::load_paths(&[folder.to_path_buf()]);
    assert_eq!(loaded.articles.len(), 1, "problems: {:?}", loaded.problems);
    let (store, problems) = Store::open(state.to_path_buf());
    assert!(problems.is_empty(), "{problems:?}");
    Library::new(loaded, store, vec![])
}

#[test]
fn read_star_and_position_follow_a_moved_and_renamed_file() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state/state.json");
    let news = dir.path().join("news");
    fs::create_dir_all(news.join("harbour")).unwrap();
    let before = news.join("harbour/quay.txt");
    fs::write(&before, STORY).unwrap();

    let mut library = open(&news, &state);
    assert!(!library.is_read(0) && !library.is_starred(0));
    library.set_read(0, true).unwrap();
    library.set_starred(0, true).unwrap();
    library.set_position(0, 0.5);
    library.save().unwrap();
    drop(library);

    fs::create_dir_all(news.join("archive/2026")).unwrap();
    let after = news.join("archive/2026/quay-wall-repairs.txt");
    fs::rename(&before, &after).unwrap();

    let library = open(&news, &state);
    assert_eq!(*library.get(0).unwrap().path, *after);
    assert!(library.is_read(0), "read mark lost after the move");
    assert!(library.is_starred(0), "star lost after the move");
    assert_eq!(
        library.position(0),
        Some(0.5),
        "position lost after the move"
    );
}
