//! Checks the loader's index end to end on a real collection: loads `DIR`
//! as the reader does (`ingest::spawn`, no cache, all cores), then indexes
//! the articles it sent (read again by path and place in the file) in one
//! builder by the numbers it gave them; both indexes must be equal:
//! `cargo run --release --example loader_index -- DIR`.

use std::collections::HashMap;
use std::path::PathBuf;

use byline::ingest::{self, LoadEvent};
use byline::library::index_parts;
use byline::search::IndexBuilder;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: loader_index DIR");
        std::process::exit(2);
    };
    let mut numbered = Vec::new();
    let mut loaded = None;
    for event in ingest::spawn(vec![PathBuf::from(dir)], None) {
        match event {
            LoadEvent::Batch { incoming, .. } => {
                let places = incoming.entries.into_iter().map(|e| (e.path, e.slot));
                numbered.extend(incoming.docs.into_iter().zip(places));
            }
            LoadEvent::Indexed(index) => loaded = Some(index),
            _ => {}
        }
    }
    numbered.sort_by_key(|&(doc, _)| doc);
    let mut builder = IndexBuilder::new();
    let mut files = HashMap::new();
    for (doc, (path, slot)) in &numbered {
        let file = files
            .entry(path.clone())
            .or_insert_with(|| ingest::load_file(path).articles);
        let article = &file[*slot as usize];
        builder
            .add(*doc, index_parts(article))
            .expect("numbers increase");
    }
    let loaded = loaded.expect("an index was sent");
    assert!(loaded == builder.finish(), "the loader's index differs");
    eprintln!("{} documents: same index", loaded.doc_count());
}
