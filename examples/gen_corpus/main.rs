//! Writes a reproducible collection of scraped-looking news articles, for
//! measuring byline on large folders and trying search and filters.
//!
//!     cargo run --release --example gen_corpus -- DIR N [--seed S] [--force]
//!
//! N articles go into `DIR/<source>/<yyyy-mm>/`: about 60% as raw `.txt`
//! pages, 25% in `.json` files (single objects and lists of 5–20, in
//! NewsAPI, news-please and trafilatura field names) and 15% in `.jsonl`
//! files of 50–500. About 0.5% are the same story scraped twice (a `.txt`
//! and a `.json` side by side), about 2% show no date, and three
//! deliberately bad files are added (malformed JSON, binary, empty). The
//! same N and seed always give byte-identical output. All text is invented
//! from templates and made-up names.

mod english;
mod lexicon;
mod other;
mod page;
mod plan;
mod prose;
mod rng;

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use lexicon::Lexicon;
use page::{Item, Source, Style};
use plan::{Kind, Unit};
use rng::{Rng, mix};

const USAGE: &str = "usage: gen_corpus DIR N [--seed S] [--force]

Writes N generated news articles under DIR (nested by source and month) in
.txt, .json and .jsonl, plus three deliberately bad files. The same N and
seed give byte-identical output. DIR must be empty or missing unless
--force is given (then files are written over, others are left alone).";

struct Args {
    dir: PathBuf,
    n: usize,
    seed: u64,
    force: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut pos = Vec::new();
    let mut seed = 1;
    let mut force = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--force" => force = true,
            "--seed" => {
                let s = it.next().ok_or("--seed needs a number")?;
                seed = number(&s).ok_or(format!("--seed: not a number: {s}"))? as u64;
            }
            _ if a.starts_with('-') => return Err(format!("unknown option {a}")),
            _ => pos.push(a),
        }
    }
    let [dir, n] = <[String; 2]>::try_from(pos).map_err(|_| "expected DIR and N".to_string())?;
    let n = number(&n).ok_or(format!("N: not a number: {n}"))?;
    Ok(Args {
        dir: dir.into(),
        n,
        seed,
        force,
    })
}

/// `100000` or `100_000`.
fn number(s: &str) -> Option<usize> {
    s.replace('_', "").parse().ok()
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("gen_corpus: {e}\n");
            }
            eprintln!("{USAGE}");
            return if e.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    if !args.force
        && let Ok(mut entries) = fs::read_dir(&args.dir)
        && entries.next().is_some()
    {
        eprintln!(
            "gen_corpus: {} is not empty; pick an empty folder or add --force",
            args.dir.display()
        );
        return ExitCode::from(2);
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Default)]
struct Tally {
    files: usize,
    articles: usize,
    txt: usize,
    json: usize,
    jsonl: usize,
    dups: usize,
    undated: usize,
    bytes: u64,
    largest: usize,
}

fn run(args: &Args) -> Result<(), String> {
    let start = Instant::now();
    let lex = Lexicon::new(args.seed);
    let sources = plan::sources(&lex, args.seed);
    let units = plan::plan(args.n, args.seed, &sources);
    let mut w = Writer {
        root: args.dir.clone(),
        dirs: HashSet::new(),
        paths: HashSet::new(),
        tally: Tally::default(),
    };
    let mut buf = String::with_capacity(1 << 20);
    for (k, u) in units.iter().enumerate() {
        buf.clear();
        write_unit(&mut w, &mut buf, k, u, &sources, &lex)?;
    }
    bad_files(&mut w, &sources, &lex)?;
    let t = &w.tally;
    let secs = start.elapsed().as_secs_f64();
    // Ignores a closed stdout (`| head`): the files are written by now.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "wrote {} files, {} articles, {:.1} MB in {secs:.1} s into {}",
        t.files,
        t.articles,
        t.bytes as f64 / 1e6,
        args.dir.display()
    );
    let _ = writeln!(
        out,
        "  {} .txt, {} in .json, {} in .jsonl; {} stories scraped twice (.txt and .json), {} undated",
        t.txt, t.json, t.jsonl, t.dups, t.undated
    );
    let _ = writeln!(
        out,
        "  average {:.1} KB per article, largest file {:.0} KB; 3 deliberately bad files: broken-export.json (malformed JSON), scan-0001.txt (binary), untitled.txt (empty)",
        t.bytes as f64 / t.articles.max(1) as f64 / 1e3,
        t.largest as f64 / 1e3
    );
    Ok(())
}

struct Writer {
    root: PathBuf,
    dirs: HashSet<PathBuf>,
    paths: HashSet<PathBuf>,
    tally: Tally,
}

impl Writer {
    /// A path not used yet: `name.ext`, else `name-2.ext`, …
    fn path(&mut self, folder: &Path, name: &str, ext: &str) -> PathBuf {
        let mut i = 1;
        loop {
            let file = if i == 1 {
                format!("{name}.{ext}")
            } else {
                format!("{name}-{i}.{ext}")
            };
            let p = folder.join(file);
            if self.paths.insert(p.clone()) {
                return p;
            }
            i += 1;
        }
    }

    fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<(), String> {
        let dir = path.parent().expect("a file path has a folder");
        if !self.dirs.contains(dir) {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            self.dirs.insert(dir.to_path_buf());
        }
        fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        self.tally.files += 1;
        self.tally.bytes += bytes.len() as u64;
        self.tally.largest = self.tally.largest.max(bytes.len());
        Ok(())
    }
}

/// A file-name slug from a headline: ASCII letters and digits with dashes.
fn slugify(title: &str, seed: u64) -> String {
    let mut s = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let t = match c {
            'a'..='z' | '0'..='9' => None,
            'ä' => Some("ae"),
            'ö' => Some("oe"),
            'ü' => Some("ue"),
            'ß' => Some("ss"),
            'á' | 'à' | 'â' => Some("a"),
            'é' | 'è' | 'ê' | 'ë' => Some("e"),
            'í' | 'î' | 'ï' => Some("i"),
            'ó' | 'ô' => Some("o"),
            'ú' | 'û' | 'ù' => Some("u"),
            'ñ' => Some("n"),
            'ç' => Some("c"),
            '\'' | '’' => Some(""),
            _ => Some("-"),
        };
        match t {
            None => s.push(c),
            Some("-") => {
                if !s.is_empty() && !s.ends_with('-') {
                    s.push('-');
                }
            }
            Some(t) => s.push_str(t),
        }
        if s.len() >= 64 {
            break;
        }
    }
    let s = s.trim_end_matches('-');
    if s.len() < 8 {
        format!("kiji-{:08x}", seed as u32)
    } else {
        s.to_string()
    }
}

fn write_unit(
    w: &mut Writer,
    buf: &mut String,
    k: usize,
    u: &Unit,
    sources: &[(Source, u32)],
    lex: &Lexicon,
) -> Result<(), String> {
    let source = &sources[u.source].0;
    let first = &u.specs[0];
    let month = first.date.format("%Y-%m").to_string();
    let folder = w.root.join(&source.slug).join(&month);
    let stories: Vec<_> = u
        .specs
        .iter()
        .map(|s| prose::story(source.lang, lex, s.seed, s.size))
        .collect();
    let slugs: Vec<_> = stories
        .iter()
        .zip(&u.specs)
        .map(|(st, s)| slugify(&st.title, s.seed))
        .collect();
    let item = |i: usize| Item {
        story: &stories[i],
        source,
        date: u.specs[i].dated.then_some(u.specs[i].date),
        slug: &slugs[i],
    };
    let r = &mut Rng::new(mix(first.seed, k as u64 + 7));
    let n = u.specs.len();
    let path = match u.kind {
        Kind::Txt => {
            page::txt(buf, &item(0), lex, r);
            w.tally.txt += 1;
            w.path(&folder, &slugs[0], "txt")
        }
        Kind::Single { dup } => {
            page::json(buf, &item(0), "", true, r);
            buf.push('\n');
            w.tally.json += 1;
            if dup {
                w.tally.dups += 1;
                // Beside its .txt twin.
                folder.join(format!("{}.json", slugs[0]))
            } else {
                w.path(&folder, &slugs[0], "json")
            }
        }
        Kind::List => {
            let wrapped = matches!(source.style, Style::NewsApi);
            let indent = if wrapped {
                buf.push_str(&format!(
                    "{{\n  \"status\": \"ok\",\n  \"totalResults\": {n},\n  \"articles\": [\n"
                ));
                "    "
            } else {
                buf.push_str("[\n");
                "  "
            };
            for i in 0..n {
                buf.push_str(indent);
                page::json(buf, &item(i), indent, true, r);
                buf.push_str(if i + 1 < n { ",\n" } else { "\n" });
            }
            buf.push_str(if wrapped { "  ]\n}\n" } else { "]\n" });
            w.tally.json += n;
            let name = format!("export-{month}-{k:06}");
            w.path(&folder, &name, "json")
        }
        Kind::Lines => {
            for i in 0..n {
                page::json(buf, &item(i), "", false, r);
                buf.push('\n');
            }
            w.tally.jsonl += n;
            let name = format!("{}-{month}-feed", source.slug);
            w.path(&folder, &name, "jsonl")
        }
    };
    if !matches!(u.kind, Kind::Single { dup: true }) {
        w.tally.articles += n;
    } else {
        w.tally.articles += 1;
    }
    w.tally.undated += u.specs.iter().filter(|s| !s.dated).count();
    w.write(&path, buf.as_bytes())
}

/// A JSON export cut off mid-way, a binary blob named `.txt`, an empty file.
fn bad_files(w: &mut Writer, sources: &[(Source, u32)], lex: &Lexicon) -> Result<(), String> {
    let source = &sources[0].0;
    let folder = w.root.join(&source.slug).join("2026-11");
    let story = prose::story(source.lang, lex, 0xBAD, 2_000);
    let it = Item {
        story: &story,
        source,
        date: None,
        slug: "broken-export",
    };
    let r = &mut Rng::new(0xBAD);
    let mut s = String::from("[\n  ");
    page::json(&mut s, &it, "  ", true, r);
    let mut cut = s.len() / 2;
    while !s.is_char_boundary(cut) {
        cut += 1;
    }
    s.truncate(cut);
    let p = w.path(&folder, "broken-export", "json");
    w.write(&p, s.as_bytes())?;
    let blob: Vec<u8> = (0..4096).map(|_| r.next_u64() as u8).collect();
    let p = w.path(&folder, "scan-0001", "txt");
    w.write(&p, &blob)?;
    let p = w.path(&folder, "untitled", "txt");
    w.write(&p, b"")
}
