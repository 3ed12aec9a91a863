//! Decides every file and article up front from the seed: the sources,
//! which stories go in which files, their dates and lengths.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::english;
use crate::lexicon::Lexicon;
use crate::other;
use crate::page::{Source, Style};
use crate::prose::LangData;
use crate::rng::{Rng, mix};

/// The last publication day; dates go back about three years from it.
const END: (i32, u32, u32) = (2026, 11, 25);
const DAYS: u64 = 3 * 365;

/// One article to write: its story seed, date and length.
#[derive(Clone, Copy)]
pub struct Spec {
    pub seed: u64,
    pub date: NaiveDateTime,
    pub dated: bool,
    pub size: usize,
}

pub enum Kind {
    Txt,
    /// A `.json` file with one object; `dup` when it repeats a `.txt` story.
    Single {
        dup: bool,
    },
    /// A `.json` list (some wrapped, NewsAPI style).
    List,
    Lines,
}

/// One file: articles of one source and month.
pub struct Unit {
    pub kind: Kind,
    pub source: usize,
    pub specs: Vec<Spec>,
}

const PAPERS: &[&str] = &[
    "Gazette",
    "Courier",
    "Echo",
    "Chronicle",
    "Herald",
    "Ledger",
    "Post",
    "Review",
    "Observer",
    "Mercury",
    "Sentinel",
    "Journal",
    "Times",
    "Bulletin",
    "Dispatch",
    "Argus",
    "Advertiser",
];

/// Forty invented sources: 32 English, two each in German, Spanish, French
/// and Japanese. Each with a weight (how many articles it has).
pub fn sources(lex: &Lexicon, seed: u64) -> Vec<(Source, u32)> {
    let r = &mut Rng::new(mix(seed, 0x50));
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let langs: [(&'static LangData, usize); 5] = [
        (&english::EN, 32),
        (&other::DE, 2),
        (&other::ES, 2),
        (&other::FR, 2),
        (&other::JA, 2),
    ];
    for (lang, count) in langs {
        let mut made = 0;
        while made < count {
            let place = lex.place(r).to_string();
            let paper = r.pick_str(PAPERS);
            let (name, slug) = match lang.code {
                "de" => {
                    let kind = r.pick_str(&["Bote", "Anzeiger", "Tagblatt", "Rundschau"]);
                    (format!("{place}er {kind}"), format!("{place}er-{kind}"))
                }
                "es" => (format!("Diario de {place}"), format!("diario-de-{place}")),
                "fr" => (
                    format!("Le Courrier de {place}"),
                    format!("courrier-de-{place}"),
                ),
                "ja" => {
                    let kanji: String = (0..2)
                        .map(|_| {
                            r.pick_str(&[
                                "月", "浦", "川", "山", "北", "南", "東", "西", "湊", "松",
                            ])
                        })
                        .collect();
                    (format!("{kanji}新報"), format!("{place}-shimpo"))
                }
                _ if r.chance(0.4) => (format!("The {place} {paper}"), format!("{place}-{paper}")),
                _ => (format!("{place} {paper}"), format!("{place}-{paper}")),
            };
            let slug = slug.to_lowercase();
            if !seen.insert(slug.clone()) {
                continue;
            }
            made += 1;
            let style = [Style::NewsApi, Style::NewsPlease, Style::Trafilatura][r.below(3)];
            let weight = if lang.code == "en" {
                r.range(3, 12) as u32
            } else {
                2
            };
            let domain = format!("{slug}.example");
            let chrome = r.next_u64();
            out.push((
                Source {
                    name,
                    slug,
                    domain,
                    lang,
                    style,
                    chrome,
                },
                weight,
            ));
        }
    }
    out
}

fn pick_source(r: &mut Rng, sources: &[(Source, u32)]) -> usize {
    let total: u32 = sources.iter().map(|s| s.1).sum();
    let mut x = r.below(total as usize) as u32;
    for (i, s) in sources.iter().enumerate() {
        if x < s.1 {
            return i;
        }
        x -= s.1;
    }
    sources.len() - 1
}

fn end_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(END.0, END.1, END.2).expect("valid end date")
}

/// Bytes of story text: mostly 1–4 KB, some longer, a few very long.
fn body_size(r: &mut Rng) -> usize {
    let u = r.unit();
    if u < 0.0006 {
        r.range(200_000, 300_000)
    } else if u < 0.02 {
        r.range(20_000, 45_000)
    } else if u < 0.07 {
        r.range(5_000, 10_000)
    } else {
        1_000 + r.below(1_450) + r.below(1_450)
    }
}

/// Decides every file and article up front, from the seed alone.
pub fn plan(n: usize, seed: u64, sources: &[(Source, u32)]) -> Vec<Unit> {
    let r = &mut Rng::new(mix(seed, 0x91A));
    let n_lines = n * 15 / 100;
    let n_json = n * 25 / 100;
    let n_txt = n - n_lines - n_json;
    let n_dup = (n / 200).min(n_txt).min(n_json);
    let mut next = 0u64;
    let mut spec = |r: &mut Rng, month: Option<NaiveDate>| {
        let end = end_date();
        let day = match month {
            None => end - chrono::Days::new(r.below(DAYS as usize) as u64),
            Some(first) => {
                let d = first + chrono::Days::new(r.below(28) as u64);
                d.min(end)
            }
        };
        let time = chrono::NaiveTime::from_hms_opt(r.range(6, 22) as u32, r.below(60) as u32, 0)
            .expect("valid time");
        next += 1;
        Spec {
            seed: mix(seed, next),
            date: day.and_time(time),
            dated: !r.chance(0.02),
            size: body_size(r),
        }
    };
    let month_of = |s: &Spec| s.date.date().with_day(1).expect("day 1 exists");
    let mut units = Vec::new();
    for _ in 0..n_txt {
        let source = pick_source(r, sources);
        let s = spec(r, None);
        units.push(Unit {
            kind: Kind::Txt,
            source,
            specs: vec![s],
        });
    }
    // Some stories were scraped twice: as a page and from a JSON export.
    let step = n_txt.checked_div(n_dup).unwrap_or(0);
    for i in 0..n_dup {
        let u = &units[i * step];
        let (source, specs) = (u.source, u.specs.clone());
        units.push(Unit {
            kind: Kind::Single { dup: true },
            source,
            specs,
        });
    }
    let mut left = n_json - n_dup;
    while left > 0 {
        let source = pick_source(r, sources);
        let first = spec(r, None);
        let count = if r.chance(0.5) {
            1
        } else {
            r.range(5, 20).min(left)
        };
        let month = month_of(&first);
        let mut specs = vec![first];
        specs.extend((1..count).map(|_| spec(r, Some(month))));
        let kind = if count == 1 {
            Kind::Single { dup: false }
        } else {
            Kind::List
        };
        units.push(Unit {
            kind,
            source,
            specs,
        });
        left -= count;
    }
    let mut left = n_lines;
    while left > 0 {
        let source = pick_source(r, sources);
        let first = spec(r, None);
        let mut count = r.range(50, 500).min(left);
        if left - count < 50 {
            count = left;
        }
        let month = month_of(&first);
        let mut specs = vec![first];
        specs.extend((1..count).map(|_| spec(r, Some(month))));
        units.push(Unit {
            kind: Kind::Lines,
            source,
            specs,
        });
        left -= count;
    }
    units
}
