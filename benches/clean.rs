//! Criterion throughput bench of the cleaner on synthetic scraped pages the
//! bench builds itself (menus, widgets, teasers, prose in several languages,
//! comments, footers): `cargo bench --bench clean`.

use std::hint::black_box;

use byline::clean::clean;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "common/pages.rs"]
mod pages;
use pages::corpus;

fn bench_clean(c: &mut Criterion) {
    let mut g = c.benchmark_group("clean");
    // One typical page, and a whole collection cleaned as one text (which
    // also shows that time stays linear in the input).
    let one = corpus(1);
    let many = corpus(8_000_000);
    for (name, text) in [("page", &one), ("8MB", &many)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| clean(black_box(text), None)));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench_clean
}
criterion_main!(benches);
