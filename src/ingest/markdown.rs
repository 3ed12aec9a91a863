//! Reads Markdown: optional front matter (a `---` block of `key: value`
//! lines), else the first `# ` heading is the title; the rest is the body.

use super::{FileInfo, Loaded, build, date, dateline, non_empty, url_host};
use crate::article::Meta;

/// The fields front matter may give, by their names there.
#[derive(Debug, Default, PartialEq)]
struct Front {
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    source: Option<String>,
    author: Option<String>,
}

/// One article from the file.
pub(super) fn load(info: &FileInfo, text: String) -> Loaded {
    let (front, rest) = split_front_matter(&text).unwrap_or((Front::default(), &text));
    let (title, body) = match front.title.clone() {
        Some(t) => (Some(t), rest),
        None => match heading(rest) {
            Some((t, after)) => (Some(t), after),
            None => (None, rest),
        },
    };
    let meta = meta(info, front, rest);
    let mut article = build(info.path, title, body, meta);
    article.raw = text;
    Loaded {
        articles: vec![article],
        problems: vec![],
    }
}

/// Front-matter fields first; then the URL's site or the folder's name.
/// Without a front-matter date that parses, the date printed near the top
/// of the text (a dateline); failing that, the file's modification time
/// when there is no date field at all.
fn meta(info: &FileInfo, front: Front, text: &str) -> Meta {
    let published = match &front.date {
        Some(d) => date::parse(d).or_else(|| dateline::find(text, info.mtime)),
        None => dateline::find(text, info.mtime).or(info.mtime),
    };
    let source = front
        .source
        .or_else(|| front.url.as_deref().and_then(url_host))
        .or_else(|| info.folder.clone());
    Meta {
        source,
        url: front.url,
        author: front.author,
        published,
    }
}

/// The front matter and the text after it, when the file opens with a
/// closed `---` block.
fn split_front_matter(text: &str) -> Option<(Front, &str)> {
    let mut lines = text.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut front = Front::default();
    let mut offset = text.find('\n')? + 1;
    for line in lines {
        offset += line.len();
        let line = line.trim();
        if line == "---" || line == "..." {
            return Some((front, &text[offset..]));
        }
        if let Some((key, value)) = line.split_once(':') {
            set_field(&mut front, key.trim(), value);
        }
    }
    None
}

fn set_field(front: &mut Front, key: &str, value: &str) {
    let slot = match key.to_ascii_lowercase().as_str() {
        "title" => &mut front.title,
        "date" | "published" => &mut front.date,
        "url" | "link" => &mut front.url,
        "source" | "site" => &mut front.source,
        "author" | "authors" => &mut front.author,
        _ => return,
    };
    if slot.is_none() {
        *slot = field_value(value);
    }
}

/// Quotes stripped; a `[a, b]` list joined with ", ".
fn field_value(value: &str) -> Option<String> {
    let value = value.trim();
    if let Some(list) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        let items: Vec<String> = list.split(',').filter_map(unquote).collect();
        return (!items.is_empty()).then(|| items.join(", "));
    }
    unquote(value)
}

fn unquote(value: &str) -> Option<String> {
    let v = value.trim();
    let inner = ['"', '\'']
        .iter()
        .find_map(|q| v.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
        .unwrap_or(v);
    non_empty(inner)
}

/// The first `# ` heading's text and the text after its line.
fn heading(text: &str) -> Option<(String, &str)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if let Some(h) = line.trim_end().strip_prefix("# ") {
            let title = h.trim().trim_end_matches('#').trim_end();
            if let Some(title) = non_empty(title) {
                return Some((title, &text[offset..]));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields_and_quotes() {
        let text = "---\ntitle: \"A: B\"\nDate: '2026-11-24'\nurl: https://x.org/a\n\
                    authors: [\"Ann\", 'Bo']\nsource:\n---\nBody\n";
        let (front, rest) = split_front_matter(text).unwrap();
        assert_eq!(
            front,
            Front {
                title: Some("A: B".into()),
                date: Some("2026-11-24".into()),
                url: Some("https://x.org/a".into()),
                source: None,
                author: Some("Ann, Bo".into()),
            }
        );
        assert_eq!(rest, "Body\n");
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        assert_eq!(split_front_matter("---\ntitle: x\nno end\n"), None);
        assert_eq!(split_front_matter("title: x\n---\n"), None);
    }

    #[test]
    fn first_level_one_heading() {
        let (t, rest) = heading("intro\n## Sub\n# The Title ##\nBody\n").unwrap();
        assert_eq!(t, "The Title");
        assert_eq!(rest, "Body\n");
        assert_eq!(heading("#hashtag\nno heading\n"), None);
    }
}
