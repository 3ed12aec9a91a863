//! Reads Markdown: optional front matter (a `---` block of `key: value`
//! lines), else the first `# ` heading is the title; the rest is the body,
//! turned into plain text (see [`plain_text`]) before it is cleaned.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

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
pub(super) fn load(info: &FileInfo, text: &str) -> Loaded {
    if !info.take_slot() {
        return Loaded::default();
    }
    let (front, rest) = split_front_matter(text).unwrap_or((Front::default(), text));
    let (title, body) = match front.title.clone() {
        Some(t) => (Some(t), rest),
        None => match heading(rest) {
            // The heading may hold emphasis, links, code.
            Some((t, after)) => (non_empty(&plain_text(&t)), after),
            None => (None, rest),
        },
    };
    let meta = meta(info, front, rest);
    let mut article = build(info, title, &plain_text(body), meta);
    info.keep_raw(&mut article, text);
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
    let printed = || dateline::find(&plain_text(text), info.mtime);
    let published = match &front.date {
        Some(d) => date::parse(d).or_else(printed),
        None => printed().or(info.mtime),
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

/// Markdown as plain text, keeping the words and the paragraphs: one line
/// per paragraph, heading, list item, table row or image (its alt text),
/// blank lines between blocks, code blocks line for line. Markup goes:
/// emphasis, link targets, reference definitions, rules, HTML tags and
/// comments. List items start with "• " ("3. " in a numbered list).
pub(crate) fn plain_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut plain = Plain::default();
    for event in Parser::new_ext(markdown, options) {
        plain.event(event);
    }
    plain.finish()
}

/// Where the text of HTML blocks is, between tags.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum Html {
    #[default]
    Text,
    Tag,
    Comment,
    /// Inside `<script>` or `<style>`, up to the closing tag.
    Skip(&'static str),
}

#[derive(Default)]
struct Plain {
    /// Finished lines; an empty one separates blocks.
    lines: Vec<String>,
    line: String,
    /// Put before the next text of the line (a list item's bullet).
    prefix: Option<String>,
    /// Numbers of the open lists (`None` for bullets), innermost last.
    lists: Vec<Option<u64>>,
    /// Alt text of the image being read (images may nest in links).
    alt: Option<String>,
    /// How many images are open (an alt text may hold another image).
    images: usize,
    in_code: bool,
    /// Cells of the table row being read.
    cells: Option<Vec<String>>,
    html: Html,
    /// Inside an inline `<!-- … -->` that spans lines.
    in_comment: bool,
}

impl Plain {
    fn event(&mut self, event: Event) {
        if self.in_comment {
            if let Event::InlineHtml(h) = &event {
                self.in_comment = !h.contains("-->");
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.in_code => self.code_lines(&t),
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.end_line(),
            Event::Html(h) => self.html_block(&h),
            Event::InlineHtml(h) => self.inline_html(&h),
            Event::Rule => self.end_block(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::HtmlBlock => {
                self.end_block()
            }
            Tag::CodeBlock(kind) => {
                self.end_block();
                self.in_code = matches!(kind, CodeBlockKind::Fenced(_) | CodeBlockKind::Indented);
            }
            Tag::List(first) => {
                self.end_line();
                self.lists.push(first);
            }
            Tag::Item => {
                self.end_line();
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_string(),
                };
                self.prefix = Some(bullet);
            }
            Tag::Table(_) => self.end_block(),
            Tag::TableHead | Tag::TableRow => self.cells = Some(Vec::new()),
            Tag::Image { .. } => {
                self.images += 1;
                self.alt.get_or_insert_with(String::new);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::BlockQuote(_) => self.end_block(),
            TagEnd::HtmlBlock => {
                self.html = Html::Text;
                self.end_block();
            }
            TagEnd::CodeBlock => {
                self.in_code = false;
                self.end_block();
            }
            TagEnd::Item => {
                self.end_line();
                self.prefix = None;
            }
            TagEnd::List(_) => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.end_block();
                }
            }
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.line);
                if let Some(cells) = &mut self.cells {
                    cells.push(cell.trim().to_string());
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let cells = self.cells.take().unwrap_or_default();
                let row: Vec<String> = cells.into_iter().filter(|c| !c.is_empty()).collect();
                self.line = row.join(" | ");
                self.end_line();
            }
            TagEnd::Table => self.end_block(),
            TagEnd::Image => {
                self.images = self.images.saturating_sub(1);
                if self.images > 0 {
                    return;
                }
                // An image is its alt text on a line of its own, if it has any.
                if let Some(alt) = self.alt.take().filter(|a| !a.trim().is_empty()) {
                    self.end_line();
                    self.text(&alt);
                    self.end_line();
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(alt) = &mut self.alt {
            alt.push_str(t);
            return;
        }
        if t == " " && (self.line.is_empty() || self.line.ends_with(' ')) {
            return;
        }
        if let Some(prefix) = self.prefix.take() {
            self.line.push_str(&prefix);
        }
        self.line.push_str(t);
    }

    /// A code block's text, its line breaks kept.
    fn code_lines(&mut self, t: &str) {
        for (i, part) in t.split('\n').enumerate() {
            if i > 0 {
                let line = std::mem::take(&mut self.line);
                self.lines.push(line.trim_end().to_string());
            }
            self.line.push_str(part);
        }
    }

    /// `<br>` breaks the line; other tags and comments go.
    fn inline_html(&mut self, h: &str) {
        let tag = h.trim().to_ascii_lowercase();
        if tag.starts_with("<!--") {
            self.in_comment = !tag.contains("-->");
        } else if matches!(tag.as_str(), "<br>" | "<br/>" | "<br />") {
            self.end_line();
        }
    }

    /// The text between the tags of an HTML block (one event per line);
    /// comments, scripts and styles go.
    fn html_block(&mut self, mut rest: &str) {
        while !rest.is_empty() {
            let (state, next) = match self.html {
                Html::Comment => match rest.find("-->") {
                    Some(i) => (Html::Text, &rest[i + 3..]),
                    None => return,
                },
                Html::Tag => match rest.find('>') {
                    Some(i) => (Html::Text, &rest[i + 1..]),
                    None => return,
                },
                Html::Skip(close) => match rest.to_ascii_lowercase().find(close) {
                    Some(i) => (Html::Tag, &rest[i + close.len()..]),
                    None => return,
                },
                Html::Text => {
                    let Some(i) = rest.find('<') else {
                        self.html_text(rest);
                        return;
                    };
                    self.html_text(&rest[..i]);
                    let tag = &rest[i..];
                    let lower = tag.get(..8).unwrap_or(tag).to_ascii_lowercase();
                    if let Some(after) = tag.strip_prefix("<!--") {
                        (Html::Comment, after)
                    } else if lower.starts_with("<script") {
                        (Html::Skip("</script"), &tag[1..])
                    } else if lower.starts_with("<style") {
                        (Html::Skip("</style"), &tag[1..])
                    } else if tag[1..]
                        .starts_with(|c: char| c.is_ascii_alphabetic() || "/!?".contains(c))
                    {
                        (Html::Tag, &tag[1..])
                    } else {
                        self.text("<");
                        (Html::Text, &tag[1..])
                    }
                }
            };
            self.html = state;
            rest = next;
        }
    }

    fn html_text(&mut self, t: &str) {
        for (i, part) in t.split('\n').enumerate() {
            if i > 0 {
                self.end_line();
            }
            if !part.trim().is_empty() {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.text(" ");
                }
                self.text(part.trim());
            }
        }
    }

    /// Ends the line; spaces left where markup was are closed up.
    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        let words: Vec<&str> = line.split(' ').filter(|w| !w.trim().is_empty()).collect();
        if !words.is_empty() {
            self.lines.push(words.join(" ").trim().to_string());
        }
    }

    fn end_block(&mut self) {
        self.end_line();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn finish(mut self) -> String {
        self.end_block();
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        let mut out = self.lines.join("\n");
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests;
