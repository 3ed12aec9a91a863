//! The non-interactive modes: `byline clean` and `byline list`.

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::article::{Article, Entry};
use crate::ingest::{self, Loaded};

/// `byline clean [--json] FILE...`: prints each article cleaned.
pub fn clean(files: &[PathBuf], json: bool) -> anyhow::Result<ExitCode> {
    let mut loaded = Loaded::default();
    for f in files {
        if f.as_os_str() == "-" {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            loaded.extend(ingest::load_bytes(Path::new("-"), &bytes, None));
        } else {
            loaded.extend(ingest::load_paths(std::slice::from_ref(f)));
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for (i, a) in loaded.articles.iter().enumerate() {
        if json {
            serde_json::to_writer(&mut out, &ArticleJson::from(a))?;
            writeln!(out)?;
        } else {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{}\n", a.title)?;
            writeln!(out, "{}", a.paragraphs.join("\n\n"))?;
        }
    }
    out.flush()?;
    Ok(finish(&loaded.problems, loaded.articles.is_empty()))
}

/// `byline list [--json] PATH...`: one line per article, newest first.
pub fn list(paths: &[PathBuf], json: bool) -> anyhow::Result<ExitCode> {
    let cache = crate::cache::location(paths);
    let (mut entries, problems) = ingest::collect(paths, cache.as_deref());
    entries.sort_by(crate::library::listing::newest_first);
    let mut out = BufWriter::new(io::stdout().lock());
    for a in &entries {
        if json {
            serde_json::to_writer(&mut out, &ListJson::from(a))?;
            writeln!(out)?;
        } else {
            // `NaiveDate` shows as %Y-%m-%d.
            let date = a
                .meta
                .published
                .map(|d| d.date_naive().to_string())
                .unwrap_or_else(|| "----------".into());
            let source = a.meta.source.as_deref().unwrap_or("-");
            writeln!(
                out,
                "{date}  {source:<20}  {}  {}",
                one_line(&a.title),
                a.path.display()
            )?;
        }
    }
    out.flush()?;
    Ok(finish(&problems, entries.is_empty()))
}

/// Reports problems on stderr; exit status 1 when nothing could be read.
fn finish(problems: &[crate::article::Problem], nothing: bool) -> ExitCode {
    for p in problems {
        eprintln!("byline: {p}");
    }
    if nothing {
        eprintln!("byline: no articles could be read");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    let plain = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s.contains(|c: char| c.is_whitespace() && c != ' ');
    if plain {
        return s.into();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ").into()
}

#[derive(Serialize)]
struct RemovedJson<'a> {
    text: &'a str,
    reason: &'static str,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    path: String,
    title: &'a str,
    source: Option<&'a str>,
    url: Option<&'a str>,
    author: Option<&'a str>,
    published: Option<String>,
    body: String,
    removed: Vec<RemovedJson<'a>>,
}

impl<'a> From<&'a Article> for ArticleJson<'a> {
    fn from(a: &'a Article) -> Self {
        ArticleJson {
            path: a.path.display().to_string(),
            title: &a.title,
            source: a.meta.source.as_deref(),
            url: a.meta.url.as_deref(),
            author: a.meta.author.as_deref(),
            published: a.meta.published.map(|d| d.to_rfc3339()),
            body: a.paragraphs.join("\n\n"),
            removed: a
                .removed
                .iter()
                .map(|r| RemovedJson {
                    text: &r.text,
                    reason: r.reason.as_str(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct ListJson<'a> {
    id: String,
    path: String,
    title: &'a str,
    source: Option<&'a str>,
    url: Option<&'a str>,
    author: Option<&'a str>,
    published: Option<String>,
}

impl<'a> From<&'a Entry> for ListJson<'a> {
    fn from(a: &'a Entry) -> Self {
        ListJson {
            id: a.id.to_string(),
            path: a.path.display().to_string(),
            title: &a.title,
            source: a.meta.source.as_deref(),
            url: a.meta.url.as_deref(),
            author: a.meta.author.as_deref(),
            published: a.meta.published.map(|d| d.to_rfc3339()),
        }
    }
}
