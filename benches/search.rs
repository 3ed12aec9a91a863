//! Search engine benchmarks on a synthetic collection (100,000 articles of
//! about 400 words from a 50,000-word Zipf vocabulary with diacritics):
//! build time and peak memory, index size, per-keystroke query time, and
//! merging 50 new articles into the built index (live reload).
//!
//! `BYLINE_BENCH_DOCS=10000 cargo bench --bench search` for a smaller run.
//!
//! `BYLINE_BENCH_DIR=/tmp/c100k cargo bench --bench search` instead times
//! indexing alone over a real collection (read and cleaned first, outside
//! the timing), as the loader does it: chunk after chunk of files, with
//! the caches flushed between chunks (where the loader cleans the next
//! files) or not, and flushed with the chunk's text read again after (the
//! loader's case: the cleaner has just written that text, so it is in the
//! caches while the builder's tables are not). Nothing else runs then.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use byline::search::{Index, IndexBuilder, Query};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

/// Counts live heap bytes and their peak, to report the build's memory.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const VOCAB: usize = 50_000;
const WORDS_PER_DOC: usize = 400;
/// Where the words the queries type sit in the vocabulary's frequency
/// order: about where "harbour" and "bridge" rank in English news.
const HARBOUR_RANK: usize = 2_000;
const BRIDGE_RANK: usize = 2_600;
/// And "café", for a query typed without the accent.
const CAFE_RANK: usize = 3_000;

/// Common English words first (so "h" and "ha" hit words in every
/// article), then made-up words of 1–4 syllables, some with diacritics.
fn vocabulary(rng: &mut Rng) -> Vec<String> {
    let common = "the of and to a in is that for it as was with he his on be at by had have has her from this not are but";
    let mut words: Vec<String> = common.split(' ').map(str::to_owned).collect();
    let onsets = [
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
        "br", "st", "tr", "ch", "sh", "th", "gr", "pl",
    ];
    let vowels = [
        "a", "e", "i", "o", "u", "ou", "ea", "é", "ü", "ö", "å", "ø", "ā", "ñe", "ça",
    ];
    let codas = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ß"];
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < VOCAB {
        let syllables = 1 + rng.below(4);
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(onsets[rng.below(onsets.len())]);
            // Diacritics in about one syllable in eight.
            let v = if rng.chance(12) {
                rng.below(vowels.len())
            } else {
                rng.below(6)
            };
            w.push_str(vowels[v]);
            w.push_str(codas[rng.below(codas.len())]);
        }
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words[HARBOUR_RANK] = "harbour".into();
    words[BRIDGE_RANK] = "bridge".into();
    words[CAFE_RANK] = "café".into();
    words
}

/// Samples word ranks with probability proportional to 1 / (rank + 1).
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize) -> Self {
        let mut total = 0.0;
        Zipf(
            (0..n)
                .map(|r| {
                    total += 1.0 / (r as f64 + 1.0);
                    total
                })
                .collect(),
        )
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * self.0[self.0.len() - 1];
        self.0.partition_point(|&c| c < x).min(self.0.len() - 1)
    }
}

struct Doc {
    title: String,
    body: String,
}

/// Words from the vocabulary with sentence capitals and punctuation.
fn sentence_words(rng: &mut Rng, vocab: &[String], zipf: &Zipf, n: usize, out: &mut String) {
    for i in 0..n {
        let w = &vocab[zipf.sample(rng)];
        if i % 12 == 0 {
            let mut chars = w.chars();
            out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
            out.push_str(chars.as_str());
        } else {
            out.push_str(w);
        }
        out.push_str(if i % 12 == 11 {
            ". "
        } else if rng.chance(5) {
            ", "
        } else {
            " "
        });
    }
}

fn corpus(docs: usize) -> Vec<Doc> {
    let mut rng = Rng(42);
    let vocab = vocabulary(&mut rng);
    let zipf = Zipf::new(vocab.len());
    (0..docs)
        .map(|i| {
            let mut title = String::new();
            sentence_words(&mut rng, &vocab, &zipf, 8, &mut title);
            let mut body = String::with_capacity(WORDS_PER_DOC * 8);
            for p in 0..WORDS_PER_DOC / 50 {
                sentence_words(&mut rng, &vocab, &zipf, 50, &mut body);
                // One article in 500 has the phrase, one in 500 both words apart.
                if p == 3 && i % 500 == 7 {
                    body.push_str("the Harbour Bridge opened. ");
                }
                if p == 3 && i % 500 == 9 {
                    body.push_str("the bridge over the harbour. ");
                }
                body.push('\n');
            }
            Doc { title, body }
        })
        .collect()
}

fn build(docs: &[Doc], first_id: u32) -> IndexBuilder {
    let mut b = IndexBuilder::new();
    for (i, d) in docs.iter().enumerate() {
        b.add(first_id + i as u32, [d.title.as_str(), d.body.as_str()])
            .expect("ids increase");
    }
    b
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// The queries typed one keystroke at a time, and a few more shapes.
const KEYSTROKES: [&str; 11] = [
    "h",
    "ha",
    "har",
    "harb",
    "harbour",
    "harbour b",
    "\"harbour b",
    "\"harbour bridge\"",
    "the",
    "cafe",
    "zzz",
];

fn search_benches(c: &mut Criterion) {
    if let Some(dir) = std::env::var_os("BYLINE_BENCH_DIR") {
        real::time_indexing(std::path::Path::new(&dir));
        return;
    }
    let n: usize = std::env::var("BYLINE_BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let t = Instant::now();
    let docs = corpus(n);
    let text_bytes: usize = docs.iter().map(|d| d.title.len() + d.body.len()).sum();
    println!(
        "corpus: {n} docs, {:.0} MB of text, generated in {:.1?}",
        mb(text_bytes),
        t.elapsed()
    );

    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let t = Instant::now();
    let index = build(&docs, 0).finish();
    println!(
        "build, 1 thread: {:.2?}, peak {:.0} MB above the corpus",
        t.elapsed(),
        mb(PEAK.load(Ordering::Relaxed) - base)
    );
    println!(
        "index: {} words, heap {:.1} MB, {:.1} MB as bytes",
        index.word_count(),
        mb(index.heap_bytes()),
        mb(index.to_bytes().len())
    );

    let t = Instant::now();
    let (first, second) = docs.split_at(n / 2);
    let joined = std::thread::scope(|s| {
        let later = s.spawn(|| build(second, first.len() as u32));
        let mut early = build(first, 0);
        early
            .append(later.join().expect("builder thread"))
            .expect("ids increase");
        early
    });
    let two = joined.finish();
    println!("build, 2 threads + append: {:.2?}", t.elapsed());
    assert!(two == index, "chunked build differs");
    drop(two);

    // Live reload: 50 new articles (texts reused) numbered after the rest,
    // indexed alone and merged in.
    let new_docs = &docs[..50.min(n)];
    let small = build(new_docs, n as u32).finish();
    let t = Instant::now();
    let merged = index.merged(&small).expect("ids increase");
    println!(
        "merged with {} new docs, first run: {:.2?}",
        new_docs.len(),
        t.elapsed()
    );
    let mut whole = build(&docs, 0);
    whole
        .append(build(new_docs, n as u32))
        .expect("ids increase");
    assert!(merged == whole.finish(), "merged index differs");
    drop(merged);

    let bytes = index.to_bytes();
    let t = Instant::now();
    let loaded = Index::from_bytes(&bytes).expect("round trip");
    println!("load from bytes (with checks): {:.1?}", t.elapsed());
    assert!(loaded == index);
    drop((loaded, bytes));

    let verify = |q: &Query, id: u32| {
        let d = &docs[id as usize];
        q.phrases_match([d.title.as_str(), d.body.as_str()])
    };
    for q in KEYSTROKES {
        let query = Query::parse(q);
        let t = Instant::now();
        let hits = index.search(&query, |id| verify(&query, id));
        let once = t.elapsed();
        println!(
            "{q:>18}: {:>6} candidates, {:>6} hits, first run {once:.2?}",
            index.candidates(&query).len(),
            hits.len()
        );
    }

    let mut group = c.benchmark_group("keystroke");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for q in KEYSTROKES {
        group.bench_function(q, |b| {
            b.iter(|| {
                let query = Query::parse(black_box(q));
                index.search(&query, |id| verify(&query, id)).len()
            })
        });
    }
    for q in ["\"harbour b", "\"harbour bridge\""] {
        group.bench_function(format!("{q} (first 200 checked)"), |b| {
            b.iter(|| {
                let query = Query::parse(black_box(q));
                let mut hits = index.start(&query);
                hits.check(200, |id| verify(&query, id));
                hits.found().len()
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("live reload");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4));
    group.bench_function(format!("merged ({n} + {} docs)", new_docs.len()), |b| {
        b.iter(|| index.merged(black_box(&small)).expect("ids increase"))
    });
    group.finish();
}

/// Indexing a real collection (see the module comment).
mod real {
    use std::hint::black_box;
    use std::path::{Path, PathBuf};
    use std::time::{Duration, Instant};

    use byline::article::Article;
    use byline::ingest::{self, BATCH_FILES};
    use byline::library::index_parts;
    use byline::search::{DocId, IndexBuilder};
    use rayon::prelude::*;

    /// Timed runs of each kind; the fastest is reported.
    const ROUNDS: usize = 7;

    /// Bytes streamed over between chunks to evict the builder's tables
    /// from the caches, as the cleaner's work does in the loader.
    const FLUSH_BYTES: usize = 8 << 20;

    pub(super) fn time_indexing(dir: &Path) {
        let t = Instant::now();
        let files = ingest::find_files(&[dir.to_path_buf()]).files;
        let chunks: Vec<Vec<Article>> = files
            .par_chunks(BATCH_FILES)
            .map(|chunk: &[PathBuf]| ingest::load_files(chunk).articles)
            .collect();
        let docs: usize = chunks.iter().map(Vec::len).sum();
        let bytes: usize = chunks.iter().flatten().map(text_len).sum();
        println!(
            "{docs} articles, {:.0} MB of text, read in {:.1?}",
            bytes as f64 / 1e6,
            t.elapsed()
        );
        let mut flush = vec![0u64; FLUSH_BYTES / 8];
        let kinds = [
            ("warm", Between::Nothing),
            ("flushed between chunks", Between::Flush),
            ("flushed, the chunk's text read", Between::FlushAndRead),
        ];
        for (name, between) in kinds {
            let mut times: Vec<(Duration, Duration)> = (0..ROUNDS)
                .map(|_| {
                    let (t, cpu) = (Instant::now(), thread_cpu());
                    let words = index(&chunks, between, &mut flush);
                    let elapsed = (thread_cpu() - cpu, t.elapsed());
                    black_box(words);
                    elapsed
                })
                .collect();
            times.sort_unstable();
            println!(
                "add, {name}: CPU min {:.0} ms, median {:.0} ms (wall {:.0} ms, {:.0} ms)",
                ms(times[0].0),
                ms(times[ROUNDS / 2].0),
                ms(times[0].1),
                ms(times[ROUNDS / 2].1),
            );
        }
        let t = Instant::now();
        let mut builder = IndexBuilder::new();
        for (id, a) in (0..).zip(chunks.iter().flatten()) {
            builder.add(id, index_parts(a)).expect("ids increase");
        }
        let built = Instant::now();
        let index = builder.finish();
        println!(
            "finish: {:.1?} (add {:.1?}), {} words",
            built.elapsed(),
            built - t,
            index.word_count()
        );
    }

    /// What is done before each chunk is indexed.
    #[derive(Clone, Copy, PartialEq)]
    enum Between {
        Nothing,
        /// `flush` is written over.
        Flush,
        /// That, then every byte of the chunk's text is read.
        FlushAndRead,
    }

    /// Every article in one builder, chunk by chunk (the time of `add`,
    /// and of what `between` does). Returns the documents added.
    fn index(chunks: &[Vec<Article>], between: Between, flush: &mut [u64]) -> usize {
        let mut builder = IndexBuilder::new();
        let mut id: DocId = 0;
        for chunk in chunks {
            if between != Between::Nothing {
                for (k, w) in flush.iter_mut().enumerate().step_by(8) {
                    *w = w.wrapping_add(k as u64);
                }
                black_box(&*flush);
            }
            if between == Between::FlushAndRead {
                let sum = chunk.iter().flat_map(index_parts).fold(0u64, |sum, part| {
                    // Every cache line of the part, the last one too.
                    let bytes = part.as_bytes();
                    let touched = bytes.iter().step_by(32).chain(bytes.last());
                    touched.fold(sum, |s, &b| s.wrapping_add(u64::from(b)))
                });
                black_box(sum);
            }
            for a in chunk {
                builder.add(id, index_parts(a)).expect("ids increase");
                id += 1;
            }
        }
        builder.doc_count()
    }

    /// The CPU time of this thread so far: unlike the wall clock, it does
    /// not count the time the other processes of a busy machine run.
    fn thread_cpu() -> Duration {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid, writable timespec for the call to fill.
        let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
        assert!(ok, "clock_gettime");
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    }

    fn ms(d: Duration) -> f64 {
        d.as_secs_f64() * 1e3
    }

    fn text_len(a: &Article) -> usize {
        index_parts(a).map(str::len).sum()
    }
}

criterion_group!(benches, search_benches);
criterion_main!(benches);
