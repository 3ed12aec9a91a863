//! Reads JSON exports (one article, a list, or a wrapper object holding a
//! list) and JSON Lines, with the field names real scrapers use (NewsAPI,
//! news-please, trafilatura, newspaper).

use serde_json::{Map, Value};

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

/// A `.json` file: one value holding one or more articles. Takes the text
/// to free it once parsed (a huge export is then held once, not twice).
pub(super) fn load(info: &FileInfo, text: String) -> Loaded {
    let value = match serde_json::from_str::<Value>(&text) {
        Ok(value) => value,
        Err(e) if is_trailing(&e) && looks_like_lines(&text) => {
            // Several values, one a line: a JSON Lines file named `.json`.
            return load_lines(info, &text);
        }
        Err(e) => return Loaded::problem(info.path, malformed(&e, true)),
    };
    drop(text);
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
    lines.next().is_some() && first.is_some_and(|l| serde_json::from_str::<Value>(l).is_ok())
}

/// A `.jsonl` / `.ndjson` file: one value per line; blank lines are ignored
/// and a bad line is reported with its number and skipped.
pub(super) fn load_lines(info: &FileInfo, text: &str) -> Loaded {
    let mut out = Loaded::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let place = Place {
            line: Some(i + 1),
            path: String::new(),
        };
        match serde_json::from_str::<Value>(line) {
            Ok(value) => collect(info, value, &place, 0, &mut out),
            Err(e) => {
                let message = place.say(&malformed(&e, false));
                out.problems.push(problem(info.path, message));
            }
        }
    }
    out
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
fn collect(info: &FileInfo, value: Value, place: &Place, depth: usize, out: &mut Loaded) {
    let mut object = match value {
        Value::Object(object) => object,
        Value::Array(items) => return collect_items(info, items, place, depth, out),
        other => {
            let message = format!(
                "expected an article object or a list of them, found {}",
                kind(&other)
            );
            return out.problems.push(problem(info.path, place.say(&message)));
        }
    };
    if let Some(key) = wrapper_key(&object).filter(|_| depth < MAX_WRAPPER_DEPTH) {
        let inner = object.remove(key).unwrap_or_default();
        return collect(info, inner, &place.key(key), depth + 1, out);
    }
    match article(info, object) {
        Some(a) => out.articles.push(a),
        None => {
            let message = place.say("no title and no body; not an article, skipped");
            out.problems.push(problem(info.path, message));
        }
    }
}

fn collect_items(
    info: &FileInfo,
    items: Vec<Value>,
    place: &Place,
    depth: usize,
    out: &mut Loaded,
) {
    for (i, item) in items.into_iter().enumerate() {
        let place = place.index(i);
        match item {
            Value::Object(_) => collect(info, item, &place, depth + 1, out),
            other => {
                let message = format!("expected an article object, found {}", kind(&other));
                out.problems.push(problem(info.path, place.say(&message)));
            }
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Whether the object has story text.
fn has_body(o: &Map<String, Value>) -> bool {
    BODY.iter()
        .chain(SUMMARY)
        .any(|k| text(o.get(*k)).is_some())
}

/// The key of the list this object wraps, when it has no story text of its
/// own (a feed's title alone does not make it an article). Without a title,
/// a wrapped object counts too (`{"data": {"articles": [...]}}`).
fn wrapper_key(o: &Map<String, Value>) -> Option<&'static str> {
    if has_body(o) {
        return None;
    }
    let titled = first_text(o, TITLE).is_some();
    WRAPPERS.iter().copied().find(|k| match o.get(*k) {
        Some(Value::Array(_)) => true,
        Some(Value::Object(_)) => !titled,
        _ => false,
    })
}

/// Builds the article, or `None` when the object has no title and no body.
fn article(info: &FileInfo, mut o: Map<String, Value>) -> Option<Article> {
    // Exports sometimes keep the page's line breaks inside a title.
    let title = first_text(&o, TITLE).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let raw = take_body(&mut o).unwrap_or_default();
    if title.is_none() && raw.trim().is_empty() {
        return None;
    }
    let mut meta = meta(&o);
    if meta.published.is_none() {
        meta.published = dateline::find(&raw, info.mtime);
    }
    let mut a = build(info.path, title, strip_truncation(&raw), meta);
    a.raw = raw;
    Some(a)
}

/// The fullest body field (moved out, not copied), else the summary.
fn take_body(o: &mut Map<String, Value>) -> Option<String> {
    let fullest = BODY
        .iter()
        .filter_map(|k| text_len(o.get(*k)).map(|n| (*k, n)))
        .fold(None, |best: Option<(&str, usize)>, (k, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((k, n)),
        });
    let key = fullest.map(|(k, _)| k).or_else(|| {
        SUMMARY
            .iter()
            .copied()
            .find(|k| text_len(o.get(*k)).is_some())
    })?;
    match o.remove(key)? {
        Value::String(s) => Some(s),
        other => text(Some(&other)),
    }
}

/// Length of a non-blank string, or of a list of strings (paragraphs).
fn text_len(v: Option<&Value>) -> Option<usize> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.len()),
        Value::Array(_) => text(v).map(|s| s.len()),
        _ => None,
    }
}

/// A string, or a list of strings joined as paragraphs; `None` when blank.
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => non_empty(s),
        Value::Array(items) => {
            let parts: Vec<&str> = items
                .iter()
                .filter_map(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        _ => None,
    }
}

fn first_text(o: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match o.get(*k) {
        Some(Value::String(s)) => non_empty(s),
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

fn meta(o: &Map<String, Value>) -> Meta {
    let source_field = o.get("source");
    let source_url = match source_field {
        Some(Value::String(s)) if looks_like_url(s) => non_empty(s),
        _ => None,
    };
    let url = first_text(o, URL).or(source_url);
    let source = match source_field {
        Some(Value::String(s)) if !looks_like_url(s) => non_empty(s),
        Some(Value::Object(inner)) => name_of(inner),
        _ => None,
    }
    .or_else(|| SOURCE.iter().find_map(|k| name(o.get(*k))))
    .or_else(|| url.as_deref().and_then(url_host));
    Meta {
        source,
        author: author(o),
        published: DATE.iter().find_map(|k| o.get(*k).and_then(date_of)),
        url,
    }
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with("http://") || s.starts_with("https://")
}

/// A string, or an object's `name`.
fn name(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => non_empty(s),
        Value::Object(o) => name_of(o),
        _ => None,
    }
}

fn name_of(o: &Map<String, Value>) -> Option<String> {
    o.get("name").and_then(Value::as_str).and_then(non_empty)
}

/// Authors as one string: a list is joined with ", "; a leading "By " goes.
fn author(o: &Map<String, Value>) -> Option<String> {
    AUTHOR.iter().find_map(|k| {
        let joined = match o.get(*k)? {
            Value::Array(items) => {
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

fn date_of(v: &Value) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    match v {
        Value::String(s) => date::parse(s),
        Value::Number(n) => match n.as_i64() {
            Some(i) => date::from_unix(i),
            None => date::from_unix_f64(n.as_f64()?),
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
    fn malformed_message_has_line_and_column() {
        let e = serde_json::from_str::<Value>("{\n  \"a\": 1,\n  oops\n}").unwrap_err();
        let m = malformed(&e, true);
        assert!(m.starts_with("malformed JSON at line 3, column 3: "), "{m}");
        assert!(!m.contains(" at line 3 column"), "{m}");
    }
}
