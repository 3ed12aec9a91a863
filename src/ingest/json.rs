//! Reads JSON exports (one article, a list, or a wrapper object holding a
//! list) and JSON Lines, with the field names real scrapers use (NewsAPI,
//! news-please, trafilatura, newspaper).

mod tree;

use std::borrow::Cow;

use tree::{Fields, Json, Skip};

use super::{FileInfo, Loaded, build, date, dateline, non_empty, problem, url_host};
use crate::article::{Article, Meta};

const TITLE: &[&str] = &["title", "headline"];
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "maintext",
    "articleBody",
    "raw_text",
    "content_text",
];
const SUMMARY: &[&str] = &["description", "summary", "excerpt"];
const URL: &[&str] = &["url", "link", "canonical_url", "source_url"];
/// After `source` (a string or an object with a name), most readable first.
const SOURCE: &[&str] = &[
    "sitename",
    "site_name",
    "publisher",
    "source_domain",
    "hostname",
    "source-hostname",
];
const DATE: &[&str] = &[
    "published",
    "date",
    "date_publish",
    "datePublished",
    "publishedAt",
    "pubDate",
    "publish_date",
    "date_published",
    "date_download",
];
const AUTHOR: &[&str] = &["author", "authors", "byline"];
/// Keys of objects that hold the list of articles.
const WRAPPERS: &[&str] = &["articles", "items", "data", "results", "documents"];
/// How deep wrappers may nest (`{"data": {"articles": [...]}}`).
const MAX_WRAPPER_DEPTH: usize = 4;

/// The known field `key` names (from the lists above, and `source` and
/// `name`): the only ones parsing keeps.
fn field(key: &str) -> Option<&'static str> {
    macro_rules! known {
        ($($name:literal)*) => {
            match key {
                $($name => Some($name),)*
                _ => None,
            }
        };
    }
    known!(
        "title" "headline"
        "body" "text" "content" "maintext" "articleBody" "raw_text" "content_text"
        "description" "summary" "excerpt"
        "url" "link" "canonical_url" "source_url"
        "source" "sitename" "site_name" "publisher" "source_domain" "hostname" "source-hostname"
        "name"
        "published" "date" "date_publish" "datePublished" "publishedAt" "pubDate"
        "publish_date" "date_published" "date_download"
        "author" "authors" "byline"
        "articles" "items" "data" "results" "documents"
    )
}

/// A `.json` file: one value holding one or more articles. Only the known
/// fields are kept, their strings borrowed from `text` where they can be.
pub(super) fn load(info: &FileInfo, text: &str) -> Loaded {
    let value = match serde_json::from_str::<Json>(text) {
        Ok(value) => value,
        Err(e) if is_trailing(&e) && looks_like_lines(text) => {
            // Several values, one a line: a JSON Lines file named `.json`.
            return load_lines(info, text);
        }
        Err(e) => return Loaded::problem(info.path, malformed(&e, true)),
    };
    let mut out = Loaded::default();
    collect(info, value, &Place::default(), 0, &mut out);
    out
}

fn is_trailing(e: &serde_json::Error) -> bool {
    e.is_syntax() && e.to_string().starts_with("trailing characters")
}

/// Whether the text is JSON Lines: several lines, the first a whole value
/// (the first line of pretty-printed JSON never is).
fn looks_like_lines(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next();
    lines.next().is_some() && first.is_some_and(|l| serde_json::from_str::<Skip>(l).is_ok())
}

/// A `.jsonl` / `.ndjson` file: one value per line; blank lines are ignored
/// and a bad line is reported with its number and skipped.
pub(super) fn load_lines(info: &FileInfo, text: &str) -> Loaded {
    let mut out = Loaded::default();
    for (i, line) in lines(text).enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let place = Place {
            line: Some(i + 1),
            path: String::new(),
        };
        match serde_json::from_str::<Json>(line) {
            Ok(value) => collect(info, value, &place, 0, &mut out),
            Err(e) => {
                let message = place.say(&malformed(&e, false));
                out.problems.push(problem(info.path, message));
            }
        }
    }
    out
}

/// The lines `str::lines` gives (a `\r` before a `\n` dropped, no empty
/// line after a last `\n`), their ends found with a vectorized search.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let now = rest.take().filter(|r| !r.is_empty())?;
        let Some(end) = memchr::memchr(b'\n', now.as_bytes()) else {
            return Some(now);
        };
        rest = now.get(end + 1..);
        let line = now.get(..end).unwrap_or("");
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// "malformed JSON at line 3, column 7: expected `,` or `}`"
fn malformed(e: &serde_json::Error, with_line: bool) -> String {
    let full = e.to_string();
    let what = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    // serde_json says column 0 at the start of a line; people count from 1.
    let column = e.column().max(1);
    if e.line() == 0 {
        format!("malformed JSON: {what}")
    } else if with_line {
        format!(
            "malformed JSON at line {}, column {column}: {what}",
            e.line()
        )
    } else {
        format!("malformed JSON at column {column}: {what}")
    }
}

/// Where a value sits in the file: its line (JSON Lines) and its path in
/// the value (`articles[2]`), for problem messages.
#[derive(Debug, Default, Clone)]
struct Place {
    line: Option<usize>,
    path: String,
}

impl Place {
    fn key(&self, key: &str) -> Place {
        let path = if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        };
        Place { path, ..*self }
    }

    fn index(&self, i: usize) -> Place {
        Place {
            path: format!("{}[{i}]", self.path),
            ..*self
        }
    }

    /// `line 3: articles[2]: message`, leaving out the parts not known.
    fn say(&self, message: &str) -> String {
        let line = self.line.map(|n| format!("line {n}: "));
        let path = (!self.path.is_empty()).then(|| format!("{}: ", self.path));
        format!(
            "{}{}{message}",
            line.unwrap_or_default(),
            path.unwrap_or_default()
        )
    }
}

/// Adds the article(s) in `value` to `out`.
fn collect(info: &FileInfo, value: Json, place: &Place, depth: usize, out: &mut Loaded) {
    let mut object = match value {
        Json::Object(object) => object,
        Json::List(items) => return collect_items(info, items, place, depth, out),
        other => {
            let message = format!(
                "expected an article object or a list of them, found {}",
                kind(&other)
            );
            return out.problems.push(problem(info.path, place.say(&message)));
        }
    };
    if let Some(key) = wrapper_key(&object).filter(|_| depth < MAX_WRAPPER_DEPTH) {
        let inner = object.remove(key).unwrap_or(Json::Null);
        return collect(info, inner, &place.key(key), depth + 1, out);
    }
    match article(info, object) {
        Built::Article(a) => out.articles.push(a),
        Built::Unwanted => {}
        Built::Empty => {
            let message = place.say("no title and no body; not an article, skipped");
            out.problems.push(problem(info.path, message));
        }
    }
}

/// What an article object gives. (Returned once per article and matched at
/// once: boxing the article would cost an allocation on the load's path.)
#[allow(clippy::large_enum_variant)]
enum Built {
    Article(Article),
    /// An article, but not at a slot asked for (see [`FileInfo::slots`]).
    Unwanted,
    /// No title and no body: not an article.
    Empty,
}

fn collect_items(info: &FileInfo, items: Vec<Json>, place: &Place, depth: usize, out: &mut Loaded) {
    for (i, item) in items.into_iter().enumerate() {
        let place = place.index(i);
        match item {
            Json::Object(_) => collect(info, item, &place, depth + 1, out),
            other => {
                let message = format!("expected an article object, found {}", kind(&other));
                out.problems.push(problem(info.path, place.say(&message)));
            }
        }
    }
}

fn kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool => "a boolean",
        Json::Number(_) => "a number",
        Json::Str(_) => "a string",
        Json::List(_) => "a list",
        Json::Object(_) => "an object",
    }
}

/// Whether the object has story text.
fn has_body(o: &Fields) -> bool {
    BODY.iter()
        .chain(SUMMARY)
        .any(|k| text_len(o.get(k)).is_some())
}

/// The key of the list this object wraps, when it has no story text of its
/// own (a feed's title alone does not make it an article). Without a title,
/// a wrapped object counts too (`{"data": {"articles": [...]}}`).
fn wrapper_key(o: &Fields) -> Option<&'static str> {
    if has_body(o) {
        return None;
    }
    let titled = TITLE
        .iter()
        .any(|k| matches!(o.get(k), Some(Json::Str(s)) if !s.trim().is_empty()));
    WRAPPERS.iter().copied().find(|k| match o.get(k) {
        Some(Json::List(_)) => true,
        Some(Json::Object(_)) => !titled,
        _ => false,
    })
}

/// Builds the article, unless the object has no title and no body or its
/// slot is not wanted.
fn article(info: &FileInfo, mut o: Fields) -> Built {
    // Exports sometimes keep the page's line breaks inside a title.
    let title = first_text(&o, TITLE).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let raw = take_body(&mut o).unwrap_or_default();
    if title.is_none() && raw.trim().is_empty() {
        return Built::Empty;
    }
    if !info.take_slot() {
        return Built::Unwanted;
    }
    let mut meta = meta(&o);
    if meta.published.is_none() {
        meta.published = dateline::find(&raw, info.mtime);
    }
    let mut a = build(info, title, strip_truncation(&raw), meta);
    info.keep_raw(&mut a, raw);
    Built::Article(a)
}

/// The fullest body field (moved out, not copied: still borrowed from the
/// file's text when it has no escapes), else the summary.
fn take_body<'a>(o: &mut Fields<'a>) -> Option<Cow<'a, str>> {
    let fullest = BODY
        .iter()
        .filter_map(|k| text_len(o.get(k)).map(|n| (*k, n)))
        .fold(None, |best: Option<(&str, usize)>, (k, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((k, n)),
        });
    let key = fullest.map(|(k, _)| k).or_else(|| {
        SUMMARY
            .iter()
            .copied()
            .find(|k| text_len(o.get(k)).is_some())
    })?;
    match o.remove(key)? {
        Json::Str(s) => Some(s),
        other => text(&other).map(Cow::Owned),
    }
}

/// Length of a non-blank string, or of a list of strings (paragraphs) as
/// [`text`] joins them; `None` when blank.
fn text_len(v: Option<&Json>) -> Option<usize> {
    match v? {
        Json::Str(s) if !s.trim().is_empty() => Some(s.len()),
        Json::List(items) => {
            let (count, bytes) = paragraphs(items).fold((0, 0), |(n, b), p| (n + 1, b + p.len()));
            (count > 0).then(|| bytes + 2 * (count - 1))
        }
        _ => None,
    }
}

/// A string, or a list of strings joined as paragraphs; `None` when blank.
fn text(v: &Json) -> Option<String> {
    match v {
        Json::Str(s) => non_empty(s),
        Json::List(items) => {
            let parts: Vec<&str> = paragraphs(items).collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        _ => None,
    }
}

/// The strings of a list, trimmed, blank ones left out.
fn paragraphs<'a>(items: &'a [Json]) -> impl Iterator<Item = &'a str> {
    items
        .iter()
        .filter_map(|v| match v {
            Json::Str(s) => Some(s.trim()),
            _ => None,
        })
        .filter(|s| !s.is_empty())
}

fn first_text(o: &Fields, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match o.get(k) {
        Some(Json::Str(s)) => non_empty(s),
        _ => None,
    })
}

/// NewsAPI cuts `content` with `… [+1234 chars]`; the marker is not story.
fn strip_truncation(body: &str) -> &str {
    let trimmed = body.trim_end();
    let Some(rest) = trimmed.strip_suffix(" chars]") else {
        return body;
    };
    match rest.rfind("[+") {
        Some(i) if rest[i + 2..].bytes().all(|b| b.is_ascii_digit()) && i + 2 < rest.len() => {
            rest[..i].trim_end()
        }
        _ => body,
    }
}

fn meta(o: &Fields) -> Meta {
    let source_field = o.get("source");
    let source_url = match source_field {
        Some(Json::Str(s)) if looks_like_url(s) => non_empty(s),
        _ => None,
    };
    let url = first_text(o, URL).or(source_url);
    let source = match source_field {
        Some(Json::Str(s)) if !looks_like_url(s) => non_empty(s),
        Some(Json::Object(inner)) => name_of(inner),
        _ => None,
    }
    .or_else(|| SOURCE.iter().find_map(|k| name(o.get(k))))
    .or_else(|| url.as_deref().and_then(url_host));
    Meta {
        source,
        author: author(o),
        published: DATE.iter().find_map(|k| o.get(k).and_then(date_of)),
        url,
    }
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with("http://") || s.starts_with("https://")
}

/// A string, or an object's `name`.
fn name(v: Option<&Json>) -> Option<String> {
    match v? {
        Json::Str(s) => non_empty(s),
        Json::Object(o) => name_of(o),
        _ => None,
    }
}

fn name_of(o: &Fields) -> Option<String> {
    match o.get("name")? {
        Json::Str(s) => non_empty(s),
        _ => None,
    }
}

/// Authors as one string: a list is joined with ", "; a leading "By " goes.
fn author(o: &Fields) -> Option<String> {
    AUTHOR.iter().find_map(|k| {
        let joined = match o.get(k)? {
            Json::List(items) => {
                let names: Vec<String> = items.iter().filter_map(|v| name(Some(v))).collect();
                names.join(", ")
            }
            v => name(Some(v))?,
        };
        let joined = joined.trim();
        let bare = match joined.get(..3) {
            Some(by) if by.eq_ignore_ascii_case("by ") => &joined[3..],
            _ => joined,
        };
        non_empty(bare)
    })
}

fn date_of(v: &Json) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    match v {
        Json::Str(s) => date::parse(s),
        Json::Number(n) => match n.as_i64() {
            Some(i) => date::from_unix(i),
            None => date::from_unix_f64(n.as_f64()),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_marker_goes() {
        assert_eq!(
            strip_truncation("It rained all day… [+1234 chars]"),
            "It rained all day…"
        );
        assert_eq!(strip_truncation("No marker here"), "No marker here");
        assert_eq!(strip_truncation("Odd [+x chars]"), "Odd [+x chars]");
        assert_eq!(strip_truncation("Odd [+ chars]"), "Odd [+ chars]");
    }

    #[test]
    fn lines_as_str_lines_gives_them() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\r",
            "a\r\n",
            "a\r\r\n",
            "\r\n\r\n",
            "a\nb",
            "a\n\nb\n",
            "a\rb\nc",
            "{}\r\n{}\r\n\r\n{}",
            "é\n年\r\n\r",
        ] {
            let ours: Vec<&str> = lines(text).collect();
            let std: Vec<&str> = text.lines().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn every_field_read_is_kept() {
        let lists = [TITLE, BODY, SUMMARY, URL, SOURCE, DATE, AUTHOR, WRAPPERS];
        for key in lists
            .iter()
            .flat_map(|l| l.iter())
            .chain(&["source", "name"])
        {
            assert_eq!(field(key), Some(*key));
        }
        assert_eq!(field("Title"), None);
        assert_eq!(field("fingerprint"), None);
    }

    #[test]
    fn malformed_message_has_line_and_column() {
        let e = serde_json::from_str::<Json>("{\n  \"a\": 1,\n  oops\n}").unwrap_err();
        let m = malformed(&e, true);
        assert!(m.starts_with("malformed JSON at line 3, column 3: "), "{m}");
        assert!(!m.contains(" at line 3 column"), "{m}");
    }
}
