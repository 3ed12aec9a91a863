//! Cache benchmarks: save and load a snapshot of 100,000 articles (titles of
//! about 70 bytes, sources, URLs, authors, dates with offsets; 64,000 files,
//! some holding several articles) plus a 30 MB search-index blob, and plan
//! it against an unchanged walk. With `BYLINE_BENCH_CORPUS=/tmp/c100k` it
//! also times the stamped walk of that folder.
//!
//! `cargo bench --bench cache`; the cache file's size is printed first
//! (`BYLINE_BENCH_KEEP=/some/file` keeps the file there to look at).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use byline::article::{ArticleId, Entry, Meta};
use byline::cache::{self, FileRecord, Snapshot, Stamp};
use chrono::{DateTime, FixedOffset};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const ARTICLES: usize = 100_000;
const FILES: usize = 64_000;
const INDEX_BYTES: usize = 30 << 20;

const SOURCES: &[&str] = &[
    "Harbor Gazette",
    "Millport Argus",
    "Courrier de Hubruvlow",
    "Diário de Pyngby",
    "Randminster Herald",
    "Quethdale Mercury",
    "Lellburyer Bote",
    "Rosford Herald",
];

const WORDS: &[&str] = &[
    "council",
    "approves",
    "new",
    "harbour",
    "bridge",
    "after",
    "years",
    "of",
    "debate",
    "residents",
    "divided",
    "over",
    "night",
    "bus",
    "line",
    "café",
    "owners",
    "welcome",
    "plan",
    "école",
    "budget",
    "rises",
    "by",
    "million",
    "über",
    "Stadtrat",
    "mayor",
    "warns",
    "flood",
    "risk",
    "festival",
    "returns",
    "to",
    "the",
    "old",
    "market",
];

fn words(rng: &mut Rng, bytes: usize) -> String {
    let mut s = String::new();
    while s.len() < bytes {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    s
}

/// 100,000 entries over 64,000 files under a realistic collection root.
fn snapshot() -> Snapshot {
    let mut rng = Rng(11);
    let start = DateTime::parse_from_rfc3339("2026-01-01T06:00:00+01:00").unwrap();
    let mut files = Vec::with_capacity(FILES);
    for f in 0..FILES {
        let source = SOURCES[rng.below(SOURCES.len())];
        let slug = words(&mut rng, 50).replace(' ', "-");
        let path = PathBuf::from(format!(
            "/home/reader/news/{}/2026-{:02}/{slug}-{f}.txt",
            source.to_lowercase().replace(' ', "-"),
            1 + rng.below(12),
        ));
        let shared: Arc<Path> = Arc::from(path.as_path());
        // The first files are exports holding several articles each.
        let n = if f < (ARTICLES - FILES) / 9 { 10 } else { 1 };
        let entries: Vec<Entry> = (0..n)
            .map(|slot| {
                let offset = FixedOffset::east_opt(3600 * (rng.below(5) as i32 - 2)).unwrap();
                let published = (!rng.chance(10)).then(|| {
                    (start + chrono::Duration::seconds(rng.below(30_000_000) as i64))
                        .with_timezone(&offset)
                });
                Entry {
                    id: ArticleId(rng.next()),
                    path: Arc::clone(&shared),
                    slot,
                    title: words(&mut rng, 70),
                    meta: Meta {
                        source: Some(source.to_string()),
                        url: Some(format!(
                            "https://www.example-news.com/2026/{slug}-{f}-{slot}"
                        )),
                        author: rng.chance(70).then(|| words(&mut rng, 14)),
                        published,
                    },
                    words: 200 + rng.below(1200) as u32,
                }
            })
            .collect();
        let docs = (0..n).map(|_| rng.below(ARTICLES) as u32).collect();
        files.push(FileRecord {
            path,
            stamp: Stamp {
                size: 2_000 + rng.below(10_000) as u64,
                mtime_ns: 1_760_000_000_000_000_000 + rng.next() as i128 % 1_000_000_000_000_000,
            },
            entries,
            docs,
            problems: if rng.chance(2) {
                vec!["date not understood; using the file's".into()]
            } else {
                vec![]
            },
        });
    }
    let index = (0..INDEX_BYTES / 8)
        .flat_map(|_| rng.next().to_le_bytes())
        .collect();
    Snapshot {
        files,
        index,
        extra: vec![1, 2, 3],
    }
}

fn bench(c: &mut Criterion) {
    let snap = snapshot();
    assert_eq!(
        snap.files.iter().map(|f| f.entries.len()).sum::<usize>(),
        ARTICLES
    );
    let dir = tempfile::tempdir().unwrap();
    let path = match std::env::var_os("BYLINE_BENCH_KEEP") {
        Some(keep) => PathBuf::from(keep),
        None => dir.path().join("bench.cache"),
    };
    cache::save(&path, &snap).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "cache file: {:.1} MB ({:.1} MB of it the index blob), {} entries in {} files",
        size as f64 / 1e6,
        INDEX_BYTES as f64 / 1e6,
        ARTICLES,
        FILES
    );
    assert_eq!(cache::load(&path).as_ref(), Some(&snap));

    let mut g = c.benchmark_group("cache_100k");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("save", |b| {
        b.iter(|| cache::save(&path, black_box(&snap)).unwrap())
    });
    g.bench_function("load", |b| {
        b.iter_with_large_drop(|| cache::load(&path).unwrap())
    });
    let found: Vec<(PathBuf, Stamp)> = snap
        .files
        .iter()
        .map(|f| (f.path.clone(), f.stamp))
        .collect();
    g.bench_function("plan_unchanged", |b| {
        b.iter_batched(
            || snap.clone(),
            |s| black_box(cache::plan(s, &found)),
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();

    if let Some(corpus) = std::env::var_os("BYLINE_BENCH_CORPUS") {
        let roots = [PathBuf::from(corpus)];
        let found = byline::ingest::find_stamped(&roots);
        println!(
            "walk: {} files, {} problems",
            found.files.len(),
            found.problems.len()
        );
        let mut g = c.benchmark_group("walk");
        g.sample_size(20);
        g.bench_function("find_stamped", |b| {
            b.iter(|| black_box(byline::ingest::find_stamped(&roots)))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
