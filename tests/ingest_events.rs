//! The loader on its own thread (`ingest::spawn`): every article arrives
//! once, numbered without gaps in the order sent, with the problems, and
//! the index it sends last knows each article by that number.

use std::collections::HashSet;
use std::fs;

use byline::ingest::{self, BATCH_FILES, LoadEvent};
use byline::search::Query;

#[test]
fn chunks_are_numbered_in_order_and_the_index_knows_every_article() {
    let dir = tempfile::tempdir().unwrap();
    let files = BATCH_FILES * 3 + 17;
    for i in 0..files {
        let folder = dir.path().join(format!("source-{}", i % 5));
        fs::create_dir_all(&folder).unwrap();
        // Of a length of its own, so that its stamp is its own.
        let pad = " ".repeat(i);
        let text = format!(
            "Story number {i} about the harbour\n\nThe council discussed the harbour on \
             Tuesday, and the word marker{i}x was used once in this story only.{pad}\n"
        );
        fs::write(folder.join(format!("story-{i:04}.txt")), text).unwrap();
    }
    fs::write(dir.path().join("broken.json"), "{\"title\": ").unwrap();

    let mut docs = Vec::new();
    let mut entries = Vec::new();
    let (mut found, mut read, mut problems, mut index) = (None, 0, Vec::new(), None);
    let mut done = false;
    for event in ingest::spawn(vec![dir.path().to_path_buf()], None) {
        match event {
            LoadEvent::Found { files, problems: p } => {
                found = Some(files);
                problems.extend(p);
            }
            LoadEvent::Batch {
                files,
                incoming,
                replaces,
            } => {
                assert!(replaces.is_empty(), "nothing was cached");
                assert!(!done && index.is_none(), "batches come before the end");
                read += files;
                assert_eq!(incoming.docs.len(), incoming.entries.len());
                docs.extend(incoming.docs);
                entries.extend(incoming.entries);
                problems.extend(incoming.problems);
            }
            LoadEvent::Done { stamps } => {
                assert_eq!(stamps.len(), files + 1, "every file walked has its stamp");
                // Taken as the files were read (the walk took none, with
                // no cache to compare with): those a walk would take.
                let walked = ingest::find_stamped(&[dir.path().to_path_buf()]);
                assert_eq!(stamps, walked.files);
                done = true;
            }
            LoadEvent::Cached(_) | LoadEvent::CachedCopies(_) | LoadEvent::Gone(_) => {
                panic!("no cache was given")
            }
            LoadEvent::Indexed(i) => {
                assert!(done, "the index comes after the last batch");
                index = Some(i);
            }
        }
    }
    assert_eq!(found, Some(files + 1));
    assert_eq!(read, files + 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].path.ends_with("broken.json"));
    let expected: Vec<u32> = (0..files as u32).collect();
    assert_eq!(docs, expected, "numbered from 0, in the order sent");
    let titles: HashSet<&str> = entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles.len(), files, "every article once");

    let index = index.expect("the index is sent last");
    assert_eq!(index.doc_count(), files);
    for i in [0, BATCH_FILES, files - 1] {
        let found = index.search(&Query::parse(&format!("marker{i}x")), |_| true);
        assert_eq!(found.len(), 1, "marker{i}x");
        let k = docs.iter().position(|&d| d == found[0]).unwrap();
        assert_eq!(
            entries[k].title,
            format!("Story number {i} about the harbour")
        );
    }
}
