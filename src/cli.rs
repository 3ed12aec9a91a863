//! The non-interactive modes: `byline clean` and `byline list`.

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::article::Article;
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
    Ok(finish(&loaded))
}

/// `byline list [--json] PATH...`: one line per article, newest first.
pub fn list(paths: &[PathBuf], json: bool) -> anyhow::Result<ExitCode> {
    let mut loaded = ingest::load_paths(paths);
    sort_newest_first(&mut loaded.articles);
    let mut out = BufWriter::new(io::stdout().lock());
    for a in &loaded.articles {
        if json {
            serde_json::to_writer(&mut out, &ListJson::from(a))?;
            writeln!(out)?;
        } else {
            let date = a
                .meta
                .published
                .map(|d| d.format("%Y-%m-%d").to_string())
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
    Ok(finish(&loaded))
}

/// Newest first; articles with no date last, then by title.
pub fn sort_newest_first(articles: &mut [Article]) {
    articles.sort_by(newest_first);
}

/// The collection order: newest first (undated last), then by title, then
/// by path, so that it does not depend on the order articles were read in
/// (articles of one file keep theirs: the sort is stable).
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.meta
        .published
        .cmp(&a.meta.published)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.path.cmp(&b.path))
}

/// Reports problems on stderr; exit status 1 when nothing could be read.
fn finish(loaded: &Loaded) -> ExitCode {
    for p in &loaded.problems {
        eprintln!("byline: {p}");
    }
    if loaded.articles.is_empty() {
        eprintln!("byline: no articles could be read");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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

impl<'a> From<&'a Article> for ListJson<'a> {
    fn from(a: &'a Article) -> Self {
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
