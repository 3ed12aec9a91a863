use std::time::Instant;
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let cache = byline::cache::location(std::slice::from_ref(&dir));
    let t = Instant::now();
    let snap = byline::cache::load(cache.as_deref().unwrap()).unwrap();
    println!("cache load {:?} files {}", t.elapsed(), snap.files.len());
    let t = Instant::now();
    let index = byline::search::Index::from_bytes(&snap.index).unwrap();
    println!("index from bytes {:?} docs {}", t.elapsed(), index.doc_count());
    let t = Instant::now();
    let st = byline::ingest::find_stamped(&[dir.clone()]);
    println!("walk {:?} files {}", t.elapsed(), st.files.len());
    let t = Instant::now();
    let rx = byline::ingest::spawn(vec![dir], cache);
    let mut lib = byline::library::Library::new(Default::default(), byline::store::Store::in_memory(), vec![]);
    for ev in rx {
        match ev {
            byline::ingest::LoadEvent::Cached(incoming) => {
                println!("Cached at {:?} ({} entries)", t.elapsed(), incoming.entries.len());
                let t2 = Instant::now();
                lib.add(incoming, None, 0);
                println!("  library add {:?}", t2.elapsed());
            }
            byline::ingest::LoadEvent::Found { files, .. } => println!("Found {files} at {:?}", t.elapsed()),
            byline::ingest::LoadEvent::Done { .. } => println!("Done at {:?}", t.elapsed()),
            byline::ingest::LoadEvent::Indexed(_) => println!("Indexed at {:?}", t.elapsed()),
            _ => {}
        }
    }
}
