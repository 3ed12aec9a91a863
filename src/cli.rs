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
    let (result, collected) = ingest::collect_then(paths, cache.as_deref(), |collected| {
        // The entries stay where they are: only references are sorted.
        let mut entries: Vec<&Entry> = collected.entries().collect();
        entries.sort_by(|a, b| crate::library::listing::newest_first(a, b));
        let mut out = BufWriter::new(io::stdout().lock());
        for a in entries {
            if json {
                serde_json::to_writer(&mut out, &ListJson::from(a))?;
                writeln!(out)?;
            } else {
                write_line(&mut out, a)?;
            }
        }
        out.flush()?;
        Ok(finish(&collected.problems, collected.is_empty()))
    });
    // The process ends now: freeing 100,000 entries one by one would only
    // delay that (about a hundredth of a second).
    std::mem::forget(collected);
    result
}

/// One line of `byline list`: the date (%Y-%m-%d, or dashes), the source
/// padded to 20 characters, the title, the path. Written piece by piece:
/// with 100,000 lines, the formatting machinery is a good part of the time.
fn write_line(out: &mut impl Write, a: &Entry) -> io::Result<()> {
    match a.meta.published {
        Some(d) => write_date(out, d.date_naive())?,
        None => out.write_all(b"----------")?,
    }
    let source = a.meta.source.as_deref().unwrap_or("-");
    out.write_all(b"  ")?;
    out.write_all(source.as_bytes())?;
    for _ in source.chars().count()..20 {
        out.write_all(b" ")?;
    }
    out.write_all(b"  ")?;
    out.write_all(one_line(&a.title).as_bytes())?;
    out.write_all(b"  ")?;
    match a.path.to_str() {
        Some(path) => out.write_all(path.as_bytes())?,
        None => write!(out, "{}", a.path.display())?,
    }
    out.write_all(b"\n")
}

/// `date` as %Y-%m-%d, as `NaiveDate` shows it.
fn write_date(out: &mut impl Write, date: chrono::NaiveDate) -> io::Result<()> {
    use chrono::Datelike;
    let year = date.year();
    if !(0..=9999).contains(&year) {
        // Signed years: chrono's own way.
        return write!(out, "{date}");
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (y, m, d) = (year as u32, date.month(), date.day());
    out.write_all(&[
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ])
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> String {
        let mut out = Vec::new();
        write_date(&mut out, NaiveDate::from_ymd_opt(y, m, d).unwrap()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn dates_are_written_as_chrono_shows_them() {
        for (y, m, d) in [(2026, 11, 26), (987, 1, 5), (0, 12, 31), (9999, 9, 9)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date(y, m, d), day.to_string());
        }
        assert_eq!(date(2026, 3, 4), "2026-03-04");
        // Years chrono signs go its way.
        assert_eq!(
            date(-44, 3, 15),
            NaiveDate::from_ymd_opt(-44, 3, 15).unwrap().to_string()
        );
        assert_eq!(date(12345, 1, 1), "+12345-01-01");
    }
}
