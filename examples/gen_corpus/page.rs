//! Renders a story the way scrapers save it: a raw text page with the site's
//! widgets around the story, or a JSON object in one exporter's field names.

use chrono::{Datelike, NaiveDateTime, Timelike};
use std::fmt::Write;

use crate::lexicon::Lexicon;
use crate::prose::{self, Block, LangData, MONTHS, Story};
use crate::rng::Rng;

/// Whose field names a source's JSON uses.
#[derive(Clone, Copy, Debug)]
pub enum Style {
    NewsApi,
    NewsPlease,
    Trafilatura,
}

pub struct Source {
    pub name: String,
    pub slug: String,
    pub domain: String,
    pub lang: &'static LangData,
    pub style: Style,
    /// Picks the site's fixed widgets (its navigation, its byline form).
    pub chrome: u64,
}

/// One article as it is to be written.
pub struct Item<'a> {
    pub story: &'a Story,
    pub source: &'a Source,
    /// `None`: the page shows no date.
    pub date: Option<NaiveDateTime>,
    pub slug: &'a str,
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const DE_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const EN_ROLES: &[&str] = &[
    "Local Affairs Reporter",
    "Business Correspondent",
    "Staff Reporter",
    "Political Editor",
    "Science Writer",
    "Sports Reporter",
    "Arts Critic",
    "Transport Correspondent",
];

/// The byline (and dateline) lines in the site's own form.
fn byline(out: &mut String, it: &Item) {
    let s = it.source;
    let name = &it.story.author;
    let form = (s.chrome % 5) as usize;
    let Some(d) = it.date else {
        let _ = writeln!(out, "{} {name}\n", s.lang.junk.by);
        return;
    };
    let (day, m0, y) = (d.day(), d.month0() as usize, d.year());
    let (h, min) = (d.hour(), d.minute());
    let _ = match s.lang.code {
        "de" => match form % 2 {
            0 => writeln!(
                out,
                "Von {name} | {day:02}.{:02}.{y}, {h:02}:{min:02} Uhr\n",
                m0 + 1
            ),
            _ => writeln!(out, "Von {name}\n\n{day}. {} {y}\n", DE_MONTHS[m0]),
        },
        "es" => writeln!(
            out,
            "Por {name}\n\nActualizado el {day} de {} de {y}\n",
            ES_MONTHS[m0]
        ),
        "fr" => writeln!(
            out,
            "Par {name}\n\nPublié le {day} {} {y} à {h:02}:{min:02}\n",
            FR_MONTHS[m0]
        ),
        "ja" => writeln!(out, "{name}　{y}年{}月{day}日 {h}:{min:02}\n", m0 + 1),
        _ => {
            let role = EN_ROLES[(s.chrome >> 8) as usize % EN_ROLES.len()];
            let (h12, ap) = (
                if h % 12 == 0 { 12 } else { h % 12 },
                if h < 12 { "am" } else { "pm" },
            );
            let wd = WEEKDAYS[d.weekday().num_days_from_monday() as usize];
            match form {
                0 => writeln!(
                    out,
                    "By {name}, {role} | {wd} {day} {} {y}, {h12}:{min:02} {ap}\n",
                    MONTHS[m0]
                ),
                1 => writeln!(
                    out,
                    "By {name}\n\nPublished: {y}-{:02}-{day:02} {h:02}:{min:02}\n",
                    m0 + 1
                ),
                2 => writeln!(
                    out,
                    "{name} - {} {day}, {y}, {h12}:{min:02} {ap} EST\n",
                    &MONTHS[m0][..3]
                ),
                3 => writeln!(out, "Updated {day:02}.{:02}.{y}\n\nBy {name}\n", m0 + 1),
                _ => writeln!(
                    out,
                    "{wd}, {} {day}, {y}\n\nBy {name}, {role}\n",
                    MONTHS[m0]
                ),
            }
        }
    };
}

fn line(out: &mut String, s: &str) {
    out.push_str(s);
    out.push_str("\n\n");
}

/// A raw scraped page: navigation, the headline among widgets, the byline,
/// the story with ads and links, then the footer.
pub fn txt(out: &mut String, it: &Item, lex: &Lexicon, r: &mut Rng) {
    let lang = it.source.lang;
    let junk = lang.junk;
    let title = &it.story.title;
    let site = &mut Rng::new(it.source.chrome);
    // The glued category run-on ("Top NewsVideo") and site chrome.
    let n = site.range(2, 5);
    for _ in 0..n {
        out.push_str(site.pick_str(junk.nav));
    }
    out.push_str("\n\n");
    if site.chance(0.5) {
        let _ = write!(
            out,
            "{} > {} > {}\n\n",
            junk.nav[0],
            it.story.topic,
            site.pick_str(junk.nav)
        );
    }
    for _ in 0..site.range(0, 2) {
        line(out, site.pick_str(junk.chrome));
    }
    line(out, title);
    if site.chance(0.6) {
        line(out, "×");
        line(out, title);
    }
    line(out, site.pick_str(junk.share));
    if site.chance(0.4) {
        for _ in 0..site.range(2, 4) {
            out.push_str(site.pick_str(junk.networks));
        }
        out.push_str("\n\n");
    }
    byline(out, it);
    if r.chance(0.7) {
        line(out, title);
    }
    let blocks = &it.story.blocks;
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Para(p) => line(out, p),
            Block::Head(h) => line(out, h),
        }
        if i > 1 && i + 1 < blocks.len() && r.chance(0.06) {
            line(out, r.pick_str(junk.ad));
        } else if i > 2 && i + 2 < blocks.len() && r.chance(0.03) {
            let _ = write!(
                out,
                "{} {}\n\n",
                r.pick_str(junk.related),
                prose::headline(lang, lex, r)
            );
        }
    }
    // Related links, as a run or a list.
    if r.chance(0.5) {
        out.push_str(junk.related[0]);
        for i in 0..3 {
            out.push_str(if i == 0 { " " } else { " | " });
            out.push_str(&prose::headline(lang, lex, r));
        }
        out.push_str("\n\n");
    } else if r.chance(0.5) {
        line(out, junk.related[0]);
        for _ in 0..r.range(2, 4) {
            line(out, &prose::headline(lang, lex, r));
        }
    }
    for t in junk.tail.iter() {
        if site.chance(0.45) {
            line(out, t);
        }
    }
    if r.chance(0.3) {
        line(out, title);
    }
    if site.chance(0.3) {
        out.push_str(junk.watch);
        out.push('\n');
    }
}

/// A JSON string literal.
fn json_str(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\t' => "\\t",
            b'\r' => "\\r",
            0..=0x1f => {
                out.push_str(&s[start..i]);
                let _ = write!(out, "\\u{b:04x}");
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(esc);
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Writes an object's fields, pretty (indented) or on one line.
struct Obj<'a> {
    out: &'a mut String,
    indent: &'a str,
    pretty: bool,
    first: bool,
}

impl<'a> Obj<'a> {
    fn open(out: &'a mut String, indent: &'a str, pretty: bool) -> Obj<'a> {
        out.push('{');
        Obj {
            out,
            indent,
            pretty,
            first: true,
        }
    }
    fn key(&mut self, k: &str) {
        if !self.first {
            self.out.push(',');
            if !self.pretty {
                self.out.push(' ');
            }
        }
        self.first = false;
        if self.pretty {
            self.out.push('\n');
            self.out.push_str(self.indent);
            self.out.push_str("  ");
        }
        json_str(self.out, k);
        self.out.push_str(": ");
    }
    fn str(&mut self, k: &str, v: &str) {
        self.key(k);
        json_str(self.out, v);
    }
    fn raw(&mut self, k: &str, v: &str) {
        self.key(k);
        self.out.push_str(v);
    }
    fn opt(&mut self, k: &str, v: Option<&str>) {
        match v {
            Some(v) => self.str(k, v),
            None => self.raw(k, "null"),
        }
    }
    fn close(self) {
        if self.pretty {
            self.out.push('\n');
            self.out.push_str(self.indent);
        }
        self.out.push('}');
    }
}

/// The story as an exporter keeps it: the title again as the first line,
/// a share widget, ads between paragraphs.
fn body(it: &Item, r: &mut Rng) -> String {
    let junk = it.source.lang.junk;
    let mut b = String::with_capacity(it.story.blocks.len() * 400 + 200);
    if r.chance(0.85) {
        line(&mut b, &it.story.title);
    }
    if r.chance(0.7) {
        line(&mut b, junk.share[0]);
    }
    for (i, blk) in it.story.blocks.iter().enumerate() {
        match blk {
            Block::Para(p) | Block::Head(p) => line(&mut b, p),
        }
        if i > 1 && r.chance(0.04) {
            line(&mut b, junk.ad[0]);
        }
    }
    if r.chance(0.3) {
        line(&mut b, junk.tail[r.below(junk.tail.len())]);
    }
    b.truncate(b.trim_end().len());
    b
}

/// The article as one JSON object in its source's style.
pub fn json(out: &mut String, it: &Item, indent: &str, pretty: bool, r: &mut Rng) {
    let s = it.source;
    let st = it.story;
    let url = format!(
        "https://{}/{}/{}",
        s.domain,
        st.topic.to_lowercase(),
        it.slug
    );
    let text = body(it, r);
    let d = it.date;
    let mut o = Obj::open(out, indent, pretty);
    match s.style {
        Style::NewsApi => {
            o.key("source");
            let mut src = String::new();
            let _ = write!(src, "{{\"id\": null, \"name\": ");
            json_str(&mut src, &s.name);
            src.push('}');
            o.out.push_str(&src);
            o.str("author", &st.author);
            o.str("title", &st.title);
            o.str("description", first_sentence(st.lead()));
            o.str("url", &url);
            o.raw("urlToImage", "null");
            let date = d.map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            o.opt("publishedAt", date.as_deref());
            // NewsAPI's free tier cuts the content with a marker.
            if r.chance(0.05) && text.len() > 400 {
                let mut cut = 200;
                while !text.is_char_boundary(cut) {
                    cut += 1;
                }
                let cutoff = format!("{}… [+{} chars]", &text[..cut], text.len() - cut);
                o.str("content", &cutoff);
            } else {
                o.str("content", &text);
            }
        }
        Style::NewsPlease => {
            o.key("authors");
            o.out.push('[');
            json_str(o.out, &st.author);
            o.out.push(']');
            let dl = d.map(|d| {
                (d + chrono::Duration::hours(3))
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            });
            o.opt("date_download", dl.as_deref());
            o.raw("date_modify", "null");
            let pubd = d.map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string());
            o.opt("date_publish", pubd.as_deref());
            o.str("description", first_sentence(st.lead()));
            o.str("filename", &format!("{}.json", it.slug));
            o.raw("image_url", "null");
            o.str("language", s.lang.code);
            o.raw("localpath", "null");
            o.str("maintext", &text);
            o.str("source_domain", &s.domain);
            o.str("title", &st.title);
            o.raw("title_page", "null");
            o.raw("title_rss", "null");
            o.str("url", &url);
        }
        Style::Trafilatura => {
            o.str("title", &st.title);
            o.str("author", &st.author);
            o.str("hostname", &s.domain);
            let date = d.map(|d| d.format("%Y-%m-%d").to_string());
            o.opt("date", date.as_deref());
            o.str("fingerprint", &format!("{:016x}", r.next_u64()));
            o.raw("id", "null");
            o.raw("license", "null");
            o.str("comments", "");
            o.str("text", &text);
            o.str("language", s.lang.code);
            o.raw("image", "null");
            o.str("pagetype", "article");
            o.str("source", &url);
            o.str("source-hostname", &s.name);
            o.str("excerpt", first_sentence(st.lead()));
            o.str("categories", st.topic);
            o.str("tags", "");
        }
    }
    o.close();
}

fn first_sentence(p: &str) -> &str {
    match p.find(". ") {
        Some(i) => &p[..i + 1],
        None => p,
    }
}
