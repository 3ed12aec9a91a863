//! Builds the search index of a collection and writes its bytes, to check
//! that a change to the index builder leaves the index byte-identical and
//! to measure the builder alone (e.g. under callgrind, where the cost of
//! `build_chunked` and `build_whole` is the builder's):
//! `cargo run --release --example index_dump -- DIR OUT`.
//!
//! Files are read and cleaned in sorted path order, then indexed three
//! times: in chunks of [`BATCH_FILES`] files numbered from 0, shifted and
//! appended; in one builder; and in chunks shared out unevenly over three
//! builders, merged at the end, as the loader's threads do. All must give
//! the same index; `OUT` gets its [`Index::write_to`] bytes.

use std::io::BufWriter;
use std::path::PathBuf;

use byline::article::Article;
use byline::ingest::{self, BATCH_FILES};
use byline::library::index_parts;
use byline::search::{DocId, Index, IndexBuilder};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        eprintln!("usage: index_dump DIR OUT");
        std::process::exit(2);
    };
    let files = ingest::find_files(&[PathBuf::from(dir)]).files;
    let chunks: Vec<Vec<Article>> = files
        .chunks(BATCH_FILES)
        .map(|chunk| {
            chunk
                .iter()
                .flat_map(|f| ingest::load_file(f).articles)
                .collect()
        })
        .collect();
    let chunked = build_chunked(&chunks);
    let whole = build_whole(&chunks);
    assert!(chunked == whole, "chunked and whole builds differ");
    let merged = build_merged(&chunks);
    assert!(merged == whole, "merged and whole builds differ");
    let mut writer = BufWriter::new(std::fs::File::create(out).expect("create OUT"));
    chunked.write_to(&mut writer).expect("write OUT");
    eprintln!(
        "{} documents, {} words",
        chunked.doc_count(),
        chunked.word_count()
    );
}

/// Each chunk indexed from 0, then shifted into place and appended.
#[inline(never)]
fn build_chunked(chunks: &[Vec<Article>]) -> Index {
    let mut all = IndexBuilder::new();
    let mut first: DocId = 0;
    for chunk in chunks {
        let mut builder = IndexBuilder::new();
        for (k, article) in chunk.iter().enumerate() {
            builder
                .add(k as DocId, index_parts(article))
                .expect("ids increase");
        }
        all.append(builder.shifted(first)).expect("ids increase");
        first += chunk.len() as DocId;
    }
    all.finish()
}

/// Every article in one builder.
#[inline(never)]
fn build_whole(chunks: &[Vec<Article>]) -> Index {
    let mut builder = IndexBuilder::new();
    for (k, article) in chunks.iter().flatten().enumerate() {
        builder
            .add(k as DocId, index_parts(article))
            .expect("ids increase");
    }
    builder.finish()
}

/// Chunks shared out over three builders (in a pattern, as threads take
/// them), each builder's in id order, then merged.
#[inline(never)]
fn build_merged(chunks: &[Vec<Article>]) -> Index {
    let mut builders: Vec<IndexBuilder> = (0..3).map(|_| IndexBuilder::new()).collect();
    let mut id: DocId = 0;
    for (c, chunk) in chunks.iter().enumerate() {
        let builder = &mut builders[c % 5 % 3];
        for article in chunk {
            builder.add(id, index_parts(article)).expect("ids increase");
            id += 1;
        }
    }
    let merged = builders.into_iter().reduce(IndexBuilder::merge);
    merged.unwrap_or_default().finish()
}
