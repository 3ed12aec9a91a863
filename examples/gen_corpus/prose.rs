//! Story text from templates: a headline, a lead, paragraphs of sentences
//! and quotes, and sub-headings, with the same people and places recurring
//! through one story.

use crate::lexicon::Lexicon;
use crate::rng::Rng;

pub struct Topic {
    /// The section name, as in a site's navigation.
    pub name: &'static str,
    pub heads: &'static [&'static str],
    /// Headline `i` goes with lead `i % leads.len()`.
    pub leads: &'static [&'static str],
    pub sents: &'static [&'static str],
}

/// The widget lines of a site in this language.
pub struct Junk {
    pub nav: &'static [&'static str],
    pub chrome: &'static [&'static str],
    pub share: &'static [&'static str],
    pub networks: &'static [&'static str],
    pub related: &'static [&'static str],
    pub tail: &'static [&'static str],
    pub ad: &'static [&'static str],
    /// The word that opens a byline ("By").
    pub by: &'static str,
    pub watch: &'static str,
}

pub struct LangData {
    pub code: &'static str,
    pub topics: &'static [Topic],
    pub generic: &'static [&'static str],
    /// Templates holding a `{quote}`.
    pub said: &'static [&'static str],
    pub quotes: &'static [&'static str],
    pub subheads: &'static [&'static str],
    pub words: fn(&str) -> &'static [&'static str],
    pub money: &'static [&'static str],
    pub junk: &'static Junk,
}

pub enum Block {
    Para(String),
    Head(String),
}

pub struct Story {
    pub title: String,
    pub author: String,
    pub topic: &'static str,
    pub blocks: Vec<Block>,
}

impl Story {
    /// The lead paragraph (a summary for JSON exports).
    pub fn lead(&self) -> &str {
        self.blocks
            .iter()
            .find_map(|b| match b {
                Block::Para(p) => Some(p.as_str()),
                Block::Head(_) => None,
            })
            .unwrap_or("")
    }
}

/// The people, places and organisation one story is about.
struct Ctx<'a> {
    lang: &'static LangData,
    lex: &'a Lexicon,
    place: String,
    place2: String,
    p: String,
    q: String,
    org: String,
    brand: String,
    /// Fixes the story's subject words (the one ferry, the one crime).
    seed: u64,
}

/// Word lists whose first pick stays the story's subject throughout.
const SUBJECTS: &[&str] = &[
    "cthing", "cverb", "dding", "sding", "fding", "jthing", "sthing", "artwork", "crime",
    "weather", "species", "event2", "stage", "team",
];

const KANJI: &[&str] = &[
    "月", "浦", "川", "山", "田", "島", "北", "南", "東", "西", "原", "野", "沢", "崎", "宮", "松",
    "石", "高", "中", "大", "森", "岡", "谷", "吉", "本", "井", "桜", "湊", "梅", "竹",
];
const JA_GIVEN: &[&str] = &[
    "美和子",
    "千尋",
    "健太",
    "陽菜",
    "大翔",
    "結衣",
    "蓮",
    "さくら",
    "翔太",
    "真由美",
    "一郎",
];

fn kanji(r: &mut Rng, n: usize) -> String {
    (0..n).map(|_| r.pick_str(KANJI)).collect()
}

fn person(lang: &LangData, lex: &Lexicon, r: &mut Rng) -> String {
    if lang.code == "ja" {
        format!("{} {}", kanji(r, 2), r.pick_str(JA_GIVEN))
    } else {
        lex.person(r)
    }
}

fn place(lang: &LangData, lex: &Lexicon, r: &mut Rng) -> String {
    if lang.code == "ja" {
        format!("{}{}", kanji(r, 2), r.pick_str(&["町", "市", "村"]))
    } else {
        lex.place(r).to_string()
    }
}

fn surname(full: &str) -> &str {
    full.rsplit(' ').next().unwrap_or(full)
}

impl<'a> Ctx<'a> {
    fn new(lang: &'static LangData, lex: &'a Lexicon, r: &mut Rng) -> Ctx<'a> {
        let place = place(lang, lex, r);
        let place2 = self::place(lang, lex, r);
        let p = person(lang, lex, r);
        let q = person(lang, lex, r);
        let kind = if lang.code == "ja" {
            ""
        } else {
            r.pick_str((lang.words)("orgkind"))
        };
        let named = if r.chance(0.3) && lang.code == "en" {
            r.pick(&lex.brands).clone()
        } else {
            place.clone()
        };
        let org = match lang.code {
            "en" => format!("{named} {kind}"),
            "de" => format!("{kind} {named}"),
            "ja" => format!(
                "{named}{}",
                r.pick_str(&["観光協会", "商工会", "役場", "教育委員会"])
            ),
            _ => format!("{kind} de {named}"),
        };
        Ctx {
            lang,
            lex,
            place,
            place2,
            p,
            q,
            org,
            brand: r.pick_str(&lex.brands).to_string(),
            seed: r.next_u64(),
        }
    }

    /// Appends `tpl` with its `{slots}` filled.
    fn fill(&self, out: &mut String, tpl: &str, r: &mut Rng) {
        let mut rest = tpl;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("unclosed slot");
            self.slot(out, &rest[open + 1..close], r);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
    }

    fn slot(&self, out: &mut String, key: &str, r: &mut Rng) {
        use std::fmt::Write;
        let en = self.lang.code == "en";
        match key {
            "place" => out.push_str(&self.place),
            "place2" => out.push_str(&self.place2),
            "P" => out.push_str(&self.p),
            "Ps" => out.push_str(surname(&self.p)),
            "Q" => out.push_str(&self.q),
            "Qs" => out.push_str(surname(&self.q)),
            "org" => out.push_str(&self.org),
            "any_place" => out.push_str(&place(self.lang, self.lex, r)),
            "any_person" => out.push_str(&person(self.lang, self.lex, r)),
            "brand" => out.push_str(&self.brand),
            "brand2" => out.push_str(r.pick_str(&self.lex.brands)),
            "age" => write!(out, "{}", r.range(19, 78)).unwrap(),
            "num" => write!(out, "{}", r.range(2, 12)).unwrap(),
            "n1" => write!(out, "{}", r.range(0, 5)).unwrap(),
            "n2" => write!(out, "{}", r.range(10, 99)).unwrap(),
            "day" => write!(out, "{}", r.range(1, 28)).unwrap(),
            "hour" => write!(out, "{}", r.range(1, 11)).unwrap(),
            "year" => write!(out, "{}", r.range(1998, 2025)).unwrap(),
            "fyear" => write!(out, "{}", r.range(2027, 2032)).unwrap(),
            "big" => {
                let n = [
                    r.range(100, 999),
                    r.range(1_000, 9_999),
                    r.range(10_000, 90_000),
                ][r.below(3)];
                if en && n >= 1000 {
                    write!(out, "{},{:03}", n / 1000, n % 1000).unwrap();
                } else {
                    write!(out, "{n}").unwrap();
                }
            }
            "pct" => {
                let n = r.range(2, 60);
                match self.lang.code {
                    "en" => write!(out, "{n} per cent"),
                    "de" => write!(out, "{n} Prozent"),
                    "fr" => write!(out, "{n} %"),
                    _ => write!(out, "{n}%"),
                }
                .unwrap()
            }
            "money" => {
                let cur = self.lang.money[(self.seed % self.lang.money.len() as u64) as usize];
                let sep = if self.lang.code == "ja" { "" } else { " " };
                if r.chance(0.5) {
                    let m = match self.lang.code {
                        "en" => " million ",
                        "de" => " Millionen ",
                        "ja" => "",
                        "fr" => " millions d'",
                        _ => " millones de ",
                    };
                    write!(out, "{}{m}{cur}", r.range(2, 90)).unwrap();
                } else {
                    write!(
                        out,
                        "{}{}{sep}{cur}",
                        r.range(12, 990),
                        if en { ",000" } else { "000" }
                    )
                    .unwrap();
                }
            }
            "weekday" => out.push_str(match self.lang.code {
                "en" => r.pick_str(&[
                    "Monday",
                    "Tuesday",
                    "Wednesday",
                    "Thursday",
                    "Friday",
                    "Saturday",
                    "Sunday",
                ]),
                "de" => r.pick_str(&["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]),
                "es" => r.pick_str(&["lunes", "martes", "miércoles", "jueves", "viernes"]),
                "fr" => r.pick_str(&["lundi", "mardi", "mercredi", "jeudi", "vendredi"]),
                _ => r.pick_str(&["月曜日", "火曜日", "水曜日", "木曜日", "金曜日"]),
            }),
            "month" => out.push_str(r.pick_str(&MONTHS[..])),
            "quote" => self.fill(out, r.pick_str(self.lang.quotes), r),
            // A quote followed by "said": its full stop becomes a comma.
            "quote," => {
                self.fill(out, r.pick_str(self.lang.quotes), r);
                if out.ends_with('.') {
                    out.pop();
                    out.push(',');
                }
            }
            "score" => {
                let a = r.range(1, 5);
                write!(out, "{a}-{}", r.below(a)).unwrap();
            }
            _ => {
                let list = (self.lang.words)(key);
                if SUBJECTS.contains(&key) {
                    let h = crate::rng::mix(
                        self.seed,
                        key.len() as u64 * 31 + key.as_bytes()[0] as u64,
                    );
                    out.push_str(list[(h % list.len() as u64) as usize]);
                } else {
                    out.push_str(r.pick_str(list));
                }
            }
        }
    }
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The templates used last, so a paragraph does not say the same twice.
#[derive(Default)]
struct Recent(Vec<*const u8>);

impl Recent {
    /// Picks from `lists` (one chosen with `weights`), avoiding recent picks.
    fn pick(
        &mut self,
        r: &mut Rng,
        first: &'static [&'static str],
        second: &'static [&'static str],
    ) -> &'static str {
        let mut tpl = "";
        for _ in 0..6 {
            let list = if r.chance(0.55) { first } else { second };
            tpl = list[r.below(list.len())];
            if !self.0.contains(&tpl.as_ptr()) {
                break;
            }
        }
        if self.0.len() >= 8 {
            self.0.remove(0);
        }
        self.0.push(tpl.as_ptr());
        tpl
    }
}

fn sentence(ctx: &Ctx, topic: &Topic, recent: &mut Recent, out: &mut String, r: &mut Rng) {
    let tpl = recent.pick(r, topic.sents, ctx.lang.generic);
    ctx.fill(out, tpl, r);
}

fn paragraph(ctx: &Ctx, topic: &Topic, recent: &mut Recent, r: &mut Rng) -> String {
    let mut p = String::with_capacity(480);
    let space = if ctx.lang.code == "ja" { "" } else { " " };
    if r.chance(0.28) {
        ctx.fill(&mut p, r.pick_str(ctx.lang.said), r);
        if r.chance(0.5) {
            p.push_str(space);
            sentence(ctx, topic, recent, &mut p, r);
        }
        return p;
    }
    for i in 0..r.range(2, 4) {
        if i > 0 {
            p.push_str(space);
        }
        sentence(ctx, topic, recent, &mut p, r);
    }
    p
}

/// A headline from a story's world, for "Most read" and related lists.
pub fn headline(lang: &'static LangData, lex: &Lexicon, r: &mut Rng) -> String {
    let ctx = Ctx::new(lang, lex, r);
    let topic = r.pick(lang.topics);
    let mut t = String::new();
    ctx.fill(&mut t, r.pick_str(topic.heads), r);
    capitalise_first(t)
}

fn capitalise_first(s: String) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        _ => s,
    }
}

/// A story of about `target` bytes of text.
pub fn story(lang: &'static LangData, lex: &Lexicon, seed: u64, target: usize) -> Story {
    let r = &mut Rng::new(seed);
    let ctx = Ctx::new(lang, lex, r);
    let topic = r.pick(lang.topics);
    let mut title = String::new();
    let h = r.below(topic.heads.len());
    ctx.fill(&mut title, topic.heads[h], r);
    let title = capitalise_first(title);
    let mut blocks = Vec::with_capacity(target / 350 + 4);
    let mut lead = String::new();
    ctx.fill(&mut lead, topic.leads[h % topic.leads.len()], r);
    let lead = capitalise_first(lead);
    let mut size = lead.len();
    blocks.push(Block::Para(lead));
    let live = target > 60_000;
    let mut recent = Recent::default();
    let mut since_head = 0;
    let mut clock = r.range(6 * 60, 9 * 60);
    while size < target {
        if live && since_head >= r.range(1, 3) {
            clock += r.range(3, 25);
            blocks.push(Block::Head(format!(
                "{:02}:{:02}",
                clock / 60 % 24,
                clock % 60
            )));
            since_head = 0;
        } else if !live && size > 1500 && since_head >= r.range(4, 7) {
            let mut h = String::new();
            ctx.fill(&mut h, r.pick_str(lang.subheads), r);
            size += h.len();
            blocks.push(Block::Head(h));
            since_head = 0;
        }
        let p = paragraph(&ctx, topic, &mut recent, r);
        size += p.len() + 2;
        blocks.push(Block::Para(p));
        since_head += 1;
    }
    Story {
        title,
        author: person(lang, lex, r),
        topic: topic.name,
        blocks,
    }
}
