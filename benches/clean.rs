//! Throughput of the cleaner on a synthetic page mix (menus, widgets, prose,
//! comments), repeated to about 50 MB: `cargo bench --bench clean`.

use std::hint::black_box;
use std::time::Instant;

use byline::clean::clean;

/// One invented page: navigation, a headline, widgets, story, related links.
fn page(i: usize) -> String {
    let mut s = String::new();
    for m in [
        "Home", "World", "Business", "Sport", "Culture", "Opinion", "Weather",
    ] {
        s.push_str(m);
        s.push('\n');
    }
    s.push_str(&format!(
        "Council number {i} approves the new river crossing plan\n"
    ));
    s.push_str("By Jane Roe\nMarch 3, 2021 at 9:40 am\nFacebook\nTwitter\nEmail\n");
    for p in 0..12 {
        s.push_str(&format!(
            "Paragraph {p} of story {i}: the council said the crossing would open next \
             spring, and engineers told residents that the work would be finished on time \
             and within the budget agreed by the members last year.\n\n"
        ));
    }
    s.push_str(
        "Related Articles\nFarmers market moves indoors for winter\nNew cycle lanes planned\n",
    );
    s.push_str("Sign up for our newsletter\n© 2021 The Valley Ledger. All rights reserved.\n");
    s
}

fn main() {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 50_000_000 {
        text.push_str(&page(i));
        i += 1;
    }
    let start = Instant::now();
    let c = clean(black_box(&text), None);
    let secs = start.elapsed().as_secs_f64();
    black_box(&c);
    println!(
        "clean: {:.1} MB in {secs:.3} s = {:.1} MB/s ({} paragraphs, {} removed)",
        text.len() as f64 / 1e6,
        text.len() as f64 / 1e6 / secs,
        c.paragraphs.len(),
        c.removed.len()
    );
}
