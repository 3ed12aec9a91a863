//! Criterion bench of loading a collection from disk, the one pipeline the
//! reader and `byline list` share: walk → read → parse → clean → (index)
//! → entries. The bench writes its own collection first (invented pages
//! as .txt files in source folders, and NewsAPI-style .json exports of
//! the same kind of text) into a temporary folder:
//! `cargo bench --bench load`.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use byline::ingest::{self, LoadEvent};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "common/pages.rs"]
mod pages;
use pages::{Rng, page};

/// Writes `n` articles under `dir`: four in five as .txt pages, the rest
/// in .json exports of ten; returns the bytes written.
fn write_collection(dir: &Path, n: usize) -> u64 {
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let mut bytes = 0;
    let mut export = Vec::new();
    for i in 0..n {
        let text = page(&mut r, i);
        let folder = dir.join(format!("source-{}", i % 12)).join("2026-11");
        fs::create_dir_all(&folder).expect("bench folder");
        if i % 5 == 4 {
            export.push(serde_json::json!({
                "title": format!("Council number {i} approves the new river crossing plan"),
                "url": format!("https://source-{}.example/news/{i}", i % 12),
                "publishedAt": "2026-11-20T08:00:00Z",
                "content": text,
            }));
            if export.len() == 10 {
                let json = serde_json::json!({ "articles": export }).to_string();
                bytes += json.len() as u64;
                fs::write(folder.join(format!("export-{i}.json")), json).expect("bench file");
                export.clear();
            }
        } else {
            bytes += text.len() as u64;
            fs::write(folder.join(format!("page-{i}.txt")), text).expect("bench file");
        }
    }
    bytes
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let bytes = write_collection(dir.path(), 2_000);
    let roots = vec![dir.path().to_path_buf()];
    let mut g = c.benchmark_group("load");
    g.throughput(Throughput::Bytes(bytes));
    // What `byline list` does without a cache: the reader's pipeline run
    // to the end, only the entries kept.
    g.bench_function("list/2k", |b| {
        b.iter(|| black_box(ingest::collect(black_box(&roots), None)))
    });
    // What the reader does: chunks read, cleaned and indexed on every
    // core, until the finished index arrives.
    g.bench_function("reader/2k", |b| {
        b.iter(|| {
            let rx = ingest::spawn(roots.clone(), None);
            let mut articles = 0;
            for event in rx {
                match event {
                    LoadEvent::Batch { incoming, .. } => articles += incoming.entries.len(),
                    LoadEvent::Indexed(index) => return (articles, index.doc_count()),
                    _ => {}
                }
            }
            (articles, 0)
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
