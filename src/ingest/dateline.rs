//! Finds the publication date printed in a page's own text: the dateline or
//! byline scraped pages keep near the top ("By Ann Reed | Tuesday 24
//! November 2026, 6:42 pm", "Updated 19.11.2026", "2026年11月24日").
//!
//! Conservative, as a wrong date is worse than none: only the first
//! [`MAX_LINES`] non-empty lines are read, only short ones, and only a line
//! that looks like a dateline (little besides the date, or opening with
//! "By", "Published", "Updated"…), never a story sentence that mentions a
//! date. A date needs a day, a month and a year in [`MIN_YEAR`] ..= next
//! year, and may not be later than the file (plus a little slack).
//!
//! Each line is split into words, numbers and single punctuation marks,
//! then matched at each position with bounded look-ahead: linear time.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeDelta, TimeZone, Timelike, Utc,
};

use super::date;

/// How many non-empty lines from the top are looked at.
const MAX_LINES: usize = 40;
/// Longer lines are story paragraphs, not datelines.
const MAX_CHARS: usize = 200;
/// Earlier years are taken as not being publication dates.
const MIN_YEAR: i32 = 1990;
/// How far past the file's modification time a date may be (time zones,
/// clocks, a page dated for the morning edition).
const SLACK_DAYS: i64 = 2;

/// Words that open a byline or dateline line (lowercase).
const MARKERS: &[&str] = &[
    "by",
    "von",
    "par",
    "por",
    "di",
    "published",
    "posted",
    "updated",
    "modified",
    "last",
    "first",
    "date",
    "dated",
    "written",
    "veröffentlicht",
    "aktualisiert",
    "erschienen",
    "stand",
    "publié",
    "publiée",
    "mis",
    "actualisé",
    "publicado",
    "publicada",
    "actualizado",
    "actualizada",
    "fecha",
    "pubblicato",
    "aggiornato",
    "更新",
    "公開",
    "配信",
    "投稿",
    "掲載",
];

/// Words that may sit in a dateline without making it a sentence
/// (lowercase): weekdays and the small words around dates and times.
const FILLERS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "at",
    "on",
    "am",
    "um",
    "uhr",
    "le",
    "à",
    "el",
    "de",
    "del",
];

/// Month names and abbreviations: English, German, French, Spanish, Italian.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("gennaio", 1),
    ("gen", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mag", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("giu", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("lug", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("set", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("ott", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dicembre", 12),
];

/// Zone abbreviations seen after times in datelines, with hours east of UTC.
/// (`CST` is taken as US Central, as in English-language datelines.)
const ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("WET", 0),
    ("BST", 1),
    ("CET", 1),
    ("MEZ", 1),
    ("WEST", 1),
    ("CEST", 2),
    ("MESZ", 2),
    ("EET", 2),
    ("EEST", 3),
    ("JST", 9),
    ("KST", 9),
    ("AEST", 10),
    ("AEDT", 11),
    ("EST", -5),
    ("EDT", -4),
    ("CST", -6),
    ("CDT", -5),
    ("MST", -7),
    ("MDT", -6),
    ("PST", -8),
    ("PDT", -7),
];

/// Words that may join a date to its time ("Nov 19 at 10:31 pm").
const TIME_JOINERS: &[&str] = &["at", "um", "à", "a", "las", "alle", "ore", "t", "kl"];

/// What a found date may not be later than.
#[derive(Debug, Clone, Copy)]
struct Limits {
    max_year: i32,
    not_after: Option<DateTime<FixedOffset>>,
}

/// The date printed in the first lines of `text`, if one is found; `mtime`
/// (the file's modification time, when known) bounds it from above.
pub(crate) fn find(
    text: &str,
    mtime: Option<DateTime<FixedOffset>>,
) -> Option<DateTime<FixedOffset>> {
    let limits = Limits {
        max_year: Utc::now().year() + 1,
        not_after: mtime.map(|t| t + TimeDelta::days(SLACK_DAYS)),
    };
    find_within(text, limits)
}

fn find_within(text: &str, limits: Limits) -> Option<DateTime<FixedOffset>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(MAX_LINES)
        // The byte test first, so a huge one-line file is not counted.
        .filter(|l| l.len() <= MAX_CHARS * 4 && l.chars().count() <= MAX_CHARS)
        .find_map(|l| in_line(l, limits))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Num,
    Word,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    kind: Kind,
    text: &'a str,
    /// Its byte offset in the line.
    start: usize,
    /// Whether whitespace comes right before it.
    spaced: bool,
}

impl Tok<'_> {
    fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// A number of `min..=max` digits.
    fn num(&self, min: usize, max: usize) -> Option<u32> {
        let n = self.text.len();
        (self.kind == Kind::Num && (min..=max).contains(&n)).then(|| self.text.parse().ok())?
    }

    fn word(&self) -> Option<String> {
        (self.kind == Kind::Word).then(|| self.text.to_lowercase())
    }

    /// A word starting with a lowercase letter, or in a script without case.
    fn lowercase(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(|c| !c.is_uppercase())
    }
}

/// Characters of East Asian dates that are their own tokens (`年`, `년`…).
fn cjk_date_mark(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '년' | '월' | '일')
}

fn tokenize(line: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut spaced = false;
    let mut chars = line.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() && !cjk_date_mark(c) {
            Kind::Word
        } else {
            Kind::Punct(c)
        };
        let mut end = start + c.len_utf8();
        if !matches!(kind, Kind::Punct(_)) {
            while let Some(&(i, d)) = chars.peek() {
                let same = match kind {
                    Kind::Num => d.is_ascii_digit(),
                    _ => d.is_alphabetic() && !cjk_date_mark(d),
                };
                if !same {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        }
        toks.push(Tok {
            kind,
            text: &line[start..end],
            start,
            spaced,
        });
        spaced = false;
    }
    toks
}

/// The first acceptable date in `line`, if the line looks like a dateline.
fn in_line(line: &str, limits: Limits) -> Option<DateTime<FixedOffset>> {
    let toks = tokenize(line);
    let (when, start, end) = (0..toks.len()).find_map(|i| {
        let (when, end) = date_at(line, &toks, i)?;
        allowed(when, limits).then_some((when, i, end))
    })?;
    dateline_shaped(&toks, start, end).then_some(when)
}

fn allowed(when: DateTime<FixedOffset>, limits: Limits) -> bool {
    (MIN_YEAR..=limits.max_year).contains(&when.year())
        && limits.not_after.is_none_or(|latest| when <= latest)
}

/// Whether a line whose date spans tokens `start..end` is a dateline rather
/// than a sentence: few lowercase words besides the date, and either an
/// opening marker ("By", "Updated"…), next to nothing else, or only
/// capitalised words (a name: "Chris Davies - Nov 19, 2019").
fn dateline_shaped(toks: &[Tok], start: usize, end: usize) -> bool {
    let first_word = toks.iter().position(|t| !matches!(t.kind, Kind::Punct(_)));
    let marked = first_word.is_some_and(|i| {
        i < start
            && toks[i]
                .word()
                .is_some_and(|w| MARKERS.contains(&w.as_str()))
    });
    let marker = first_word.filter(|_| marked);
    let others: Vec<&Tok> = toks
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            !(start..end).contains(i)
                && marker != Some(*i)
                && t.word().is_some_and(|w| !FILLERS.contains(&w.as_str()))
        })
        .map(|(_, t)| t)
        .collect();
    let lower = others.iter().filter(|t| t.lowercase()).count();
    let ends_sentence = end < toks.len()
        && toks
            .last()
            .is_some_and(|t| ['.', '!', '?', '。', '…'].iter().any(|c| t.is(*c)));
    if lower >= 3 || (ends_sentence && lower >= 1) {
        return false;
    }
    marked || others.len() <= 3 || (lower == 0 && others.len() <= 8)
}

/// A date (and its time, when one follows) starting at token `i`, with the
/// index of the token after it.
fn date_at(line: &str, toks: &[Tok], i: usize) -> Option<(DateTime<FixedOffset>, usize)> {
    if let Some(found) = iso(line, toks, i) {
        return Some(found);
    }
    let (day, end) = numeric(toks, i)
        .or_else(|| day_month_year(toks, i))
        .or_else(|| month_day_year(toks, i))
        .or_else(|| east_asian(toks, i))?;
    let (time, zone, end) = time_at(toks, end).unwrap_or((NaiveTime::MIN, None, end));
    let zone = zone.unwrap_or(FixedOffset::east_opt(0)?);
    let when = zone.from_local_datetime(&day.and_time(time)).single()?;
    Some((when, end))
}

/// Whether a number at `i` is glued to more digits or dots before it (a
/// phone number, a version, a longer figure), so not the start of a date.
fn glued_before(toks: &[Tok], i: usize) -> bool {
    i > 0
        && !toks[i].spaced
        && matches!(
            toks[i - 1].kind,
            Kind::Num | Kind::Word | Kind::Punct('.' | '-' | '/' | '+')
        )
}

/// Whether the date ending before `end` runs on into more figures
/// (`19.11.2026.4`, `12-11-2026-555`).
fn glued_after(toks: &[Tok], end: usize) -> bool {
    match (toks.get(end), toks.get(end + 1)) {
        (Some(sep), Some(next)) => {
            !sep.spaced
                && !next.spaced
                && matches!(sep.kind, Kind::Punct('.' | '-' | '/'))
                && next.kind == Kind::Num
        }
        (Some(next), None) => !next.spaced && next.kind == Kind::Num,
        _ => false,
    }
}

/// `2026-11-19`, `2026/11/19`, `2026-11-19T08:00:00Z`: the whitespace-free
/// chunk from the year on, as [`date::parse`] reads it; a time written
/// after a space (`2026-11-19 08:00`, `2026-11-19, 8:05 pm EST`) is read
/// as in the other forms.
fn iso(line: &str, toks: &[Tok], i: usize) -> Option<(DateTime<FixedOffset>, usize)> {
    let t = toks.get(i..i + 5)?;
    let sep = match t[1].kind {
        Kind::Punct(c @ ('-' | '/')) => c,
        _ => return None,
    };
    let shaped = t[0].num(4, 4).is_some()
        && t[2].num(1, 2).is_some()
        && t[3].is(sep)
        && t[4].num(1, 2).is_some()
        && t[1..].iter().all(|t| !t.spaced);
    if !shaped || glued_before(toks, i) {
        return None;
    }
    let rest = &line[t[0].start..];
    let chunk = rest.split(char::is_whitespace).next().unwrap_or(rest);
    let chunk = chunk.trim_end_matches([',', ';', '.', ')', ']', '|', '·']);
    let when = date::parse(chunk)?;
    let end_byte = t[0].start + chunk.len();
    let end = toks[i..]
        .iter()
        .position(|t| t.start >= end_byte)
        .map_or(toks.len(), |n| i + n);
    if when.time() != NaiveTime::MIN {
        return Some((when, end));
    }
    let Some((time, zone, end)) = time_at(toks, end) else {
        return Some((when, end));
    };
    let zone = zone.unwrap_or(*when.offset());
    let when = zone
        .from_local_datetime(&when.date_naive().and_time(time))
        .single()?;
    Some((when, end))
}

/// `19.11.2026` (day first); `19/11/2026` or `11/19/2026` only when the
/// order is plain from the numbers (one of them above 12).
fn numeric(toks: &[Tok], i: usize) -> Option<(NaiveDate, usize)> {
    let t = toks.get(i..i + 5)?;
    let sep = match t[1].kind {
        Kind::Punct(c @ ('.' | '/' | '-')) => c,
        _ => return None,
    };
    let (a, b, year) = (t[0].num(1, 2)?, t[2].num(1, 2)?, t[4].num(4, 4)?);
    if !t[3].is(sep)
        || t[1..].iter().any(|t| t.spaced)
        || glued_before(toks, i)
        || glued_after(toks, i + 5)
    {
        return None;
    }
    let (day, month) = match sep {
        '.' => (a, b),
        _ if a > 12 && b <= 12 => (a, b),
        _ if b > 12 && a <= 12 => (b, a),
        _ => return None,
    };
    Some((NaiveDate::from_ymd_opt(year as i32, month, day)?, i + 5))
}

fn month(t: &Tok) -> Option<u32> {
    let w = t.word()?;
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, n)| *n)
}

/// Skips the token at `*j` when `ok` says so.
fn skip(toks: &[Tok], j: &mut usize, ok: impl Fn(&Tok) -> bool) {
    if toks.get(*j).is_some_and(ok) {
        *j += 1;
    }
}

fn ordinal(t: &Tok) -> bool {
    !t.spaced
        && t.word().is_some_and(|w| {
            ["st", "nd", "rd", "th", "er", "re", "e", "º", "o"].contains(&w.as_str())
        })
}

fn word_is(t: &Tok, words: &[&str]) -> bool {
    t.word().is_some_and(|w| words.contains(&w.as_str()))
}

/// The year closing a spelled-out date: four digits, not run into more.
fn year_at(toks: &[Tok], j: usize) -> Option<(i32, usize)> {
    let year = toks.get(j)?.num(4, 4)?;
    (!glued_after(toks, j + 1)).then_some((year as i32, j + 1))
}

/// `24 November 2026`, `24. November 2026`, `1er novembre 2026`,
/// `24 de noviembre de 2026`, `24th of November, 2026`.
fn day_month_year(toks: &[Tok], i: usize) -> Option<(NaiveDate, usize)> {
    let day = toks.get(i)?.num(1, 2)?;
    if glued_before(toks, i) {
        return None;
    }
    let mut j = i + 1;
    skip(toks, &mut j, |t| t.is('.') && !t.spaced);
    skip(toks, &mut j, ordinal);
    skip(toks, &mut j, |t| word_is(t, &["de", "of"]));
    let month = month(toks.get(j)?)?;
    j += 1;
    skip(toks, &mut j, |t| t.is('.') && !t.spaced);
    skip(toks, &mut j, |t| t.is(','));
    skip(toks, &mut j, |t| word_is(t, &["de", "del"]));
    let (year, end) = year_at(toks, j)?;
    Some((NaiveDate::from_ymd_opt(year, month, day)?, end))
}

/// `November 24, 2026`, `Nov. 24th 2026`.
fn month_day_year(toks: &[Tok], i: usize) -> Option<(NaiveDate, usize)> {
    let month = month(toks.get(i)?)?;
    let mut j = i + 1;
    skip(toks, &mut j, |t| t.is('.') && !t.spaced);
    let day_tok = toks.get(j)?;
    let day = day_tok.num(1, 2)?;
    // `Nov 24`, `Nov. 24`, `Nov.24`, not `Nov24`.
    if !day_tok.spaced && j == i + 1 {
        return None;
    }
    j += 1;
    skip(toks, &mut j, ordinal);
    skip(toks, &mut j, |t| t.is(','));
    let (year, end) = year_at(toks, j)?;
    Some((NaiveDate::from_ymd_opt(year, month, day)?, end))
}

/// `2026年11月24日`, `2026년 11월 24일`.
fn east_asian(toks: &[Tok], i: usize) -> Option<(NaiveDate, usize)> {
    let t = toks.get(i..i + 6)?;
    let year = t[0].num(4, 4)?;
    let marks = [t[1].kind, t[3].kind, t[5].kind];
    let plain = matches!(
        marks,
        [Kind::Punct('年'), Kind::Punct('月'), Kind::Punct('日')]
    ) || matches!(
        marks,
        [Kind::Punct('년'), Kind::Punct('월'), Kind::Punct('일')]
    );
    if !plain || (i > 0 && !t[0].spaced && toks[i - 1].kind == Kind::Num) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year as i32, t[2].num(1, 2)?, t[4].num(1, 2)?)?;
    Some((date, i + 6))
}

/// A clock time after a date: `10:31 pm CST`, `17:05 Uhr`, `, 6:42 pm`,
/// `at 08:00 +01:00`. Returns the time, its zone when given, and the index
/// after it.
fn time_at(toks: &[Tok], from: usize) -> Option<(NaiveTime, Option<FixedOffset>, usize)> {
    let mut j = from;
    for _ in 0..3 {
        match toks.get(j) {
            Some(t)
                if matches!(
                    t.kind,
                    Kind::Punct(',' | '-' | '–' | '—' | '·' | '|' | '•' | '@' | '/')
                ) || word_is(t, TIME_JOINERS) =>
            {
                j += 1
            }
            _ => break,
        }
    }
    let t = toks.get(j..j + 3)?;
    let (hour, minute) = (t[0].num(1, 2)?, t[2].num(2, 2)?);
    if !t[1].is(':') || t[1].spaced || t[2].spaced {
        return None;
    }
    j += 3;
    let mut second = 0;
    if let Some(s) = toks.get(j..j + 2)
        && s[0].is(':')
        && !s[0].spaced
        && !s[1].spaced
        && let Some(n) = s[1].num(2, 2)
    {
        second = n;
        j += 2;
    }
    let mut time = NaiveTime::from_hms_opt(hour, minute, second)?;
    if let Some((pm, after)) = meridian(toks, j)
        && (1..=12).contains(&hour)
    {
        let h12 = hour % 12 + if pm { 12 } else { 0 };
        time = time.with_hour(h12)?;
        j = after;
    }
    skip(toks, &mut j, |t| word_is(t, &["uhr", "h", "hrs"]));
    let zone = zone_at(toks, j);
    if let Some((_, after)) = zone {
        j = after;
    }
    Some((time, zone.map(|(z, _)| z), j))
}

/// `pm`, `PM`, `p.m.`: whether it is afternoon, and the index after it.
fn meridian(toks: &[Tok], j: usize) -> Option<(bool, usize)> {
    let w = toks.get(j)?.word()?;
    match w.as_str() {
        "am" => Some((false, j + 1)),
        "pm" => Some((true, j + 1)),
        "a" | "p" => {
            let t = toks.get(j + 1..j + 4)?;
            let dotted = t[0].is('.') && t[1].word().as_deref() == Some("m") && t[2].is('.');
            dotted.then_some((w == "p", j + 4))
        }
        _ => None,
    }
}

/// `CST`, `UTC`, `UTC+1`, `Z`, `+01:00`, `-0500`.
fn zone_at(toks: &[Tok], j: usize) -> Option<(FixedOffset, usize)> {
    let t = toks.get(j)?;
    if t.kind == Kind::Word {
        let hours = ZONES.iter().find(|(name, _)| *name == t.text)?.1;
        // `UTC+1`, `GMT-05:00`.
        if matches!(t.text, "UTC" | "GMT")
            && let Some(off) = offset_at(toks, j + 1).filter(|_| !toks[j + 1].spaced)
        {
            return Some(off);
        }
        return Some((FixedOffset::east_opt(hours * 3600)?, j + 1));
    }
    offset_at(toks, j)
}

/// `+01:00`, `-0500`, `+1`.
fn offset_at(toks: &[Tok], j: usize) -> Option<(FixedOffset, usize)> {
    let sign = match toks.get(j)?.kind {
        Kind::Punct('+') => 1,
        Kind::Punct('-' | '−') => -1,
        _ => return None,
    };
    let n = toks.get(j + 1).filter(|t| !t.spaced)?;
    let (hours, minutes, end) = match n.text.len() {
        4 => (n.num(4, 4)? / 100, n.num(4, 4)? % 100, j + 2),
        1 | 2 => match toks.get(j + 2..j + 4) {
            Some([colon, m]) if colon.is(':') && !colon.spaced && !m.spaced => {
                (n.num(1, 2)?, m.num(2, 2)?, j + 4)
            }
            _ => (n.num(1, 2)?, 0, j + 2),
        },
        _ => return None,
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    let secs = sign * (hours * 3600 + minutes * 60) as i32;
    Some((FixedOffset::east_opt(secs)?, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        max_year: 2027,
        not_after: None,
    };

    fn found(text: &str) -> Option<String> {
        find_within(text, LIMITS).map(|d| d.to_rfc3339())
    }

    fn day(text: &str) -> Option<String> {
        find_within(text, LIMITS).map(|d| d.format("%Y-%m-%d").to_string())
    }

    #[test]
    fn author_dash_date_time_zone() {
        assert_eq!(
            found("Chris Davies - Nov 19, 2019, 10:31 pm CST").as_deref(),
            Some("2019-11-19T22:31:00-06:00")
        );
    }

    #[test]
    fn by_name_role_bar_weekday_date_time() {
        assert_eq!(
            found("By Maren Holt, Local Affairs Reporter | Tuesday 24 November 2026, 6:42 pm")
                .as_deref(),
            Some("2026-11-24T18:42:00+00:00")
        );
    }

    #[test]
    fn published_iso_with_time() {
        assert_eq!(
            found("Published: 2026-11-19 08:00").as_deref(),
            Some("2026-11-19T08:00:00+00:00")
        );
        assert_eq!(
            found("Posted 2026-11-19T08:00:00+01:00 in Local").as_deref(),
            Some("2026-11-19T08:00:00+01:00")
        );
        assert_eq!(
            found("2026/11/19").as_deref(),
            Some("2026-11-19T00:00:00+00:00")
        );
        assert_eq!(
            found("Published 2026-11-19, 8:05 pm EST").as_deref(),
            Some("2026-11-19T20:05:00-05:00")
        );
    }

    #[test]
    fn updated_dotted_day_month_year() {
        assert_eq!(
            found("Updated 19.11.2026").as_deref(),
            Some("2026-11-19T00:00:00+00:00")
        );
        assert_eq!(
            found("Von Katrin Amsel | 19.11.2026, 17:05 Uhr").as_deref(),
            Some("2026-11-19T17:05:00+00:00")
        );
    }

    #[test]
    fn english_month_names_both_orders() {
        for text in [
            "November 24, 2026",
            "24 November 2026",
            "Nov. 24, 2026",
            "Nov 24th, 2026",
            "Nov.24, 2026",
            "Tuesday,24 November 2026",
            "24th of November, 2026",
            "Tuesday, November 24, 2026",
            "*Published 24 November 2026 · By Jonah Featherstone, Business Correspondent*",
            "Updated 24 November 2026 · 4 min read",
        ] {
            assert_eq!(day(text).as_deref(), Some("2026-11-24"), "{text:?}");
        }
    }

    #[test]
    fn german_french_spanish_months() {
        for text in [
            "24. November 2026",
            "Dienstag, 24. Dezember 2026",
            "24 novembre 2026",
            "Publié le 24 novembre 2026 à 18:42",
            "24 de noviembre de 2026",
            "Actualizado el 24 de noviembre de 2026",
            "1er novembre 2026",
        ] {
            let want = if text.contains("Dezember") {
                "2026-12-24"
            } else if text.starts_with("1er") {
                "2026-11-01"
            } else {
                "2026-11-24"
            };
            assert_eq!(day(text).as_deref(), Some(want), "{text:?}");
        }
        assert_eq!(
            found("Publié le 24 novembre 2026 à 18:42").as_deref(),
            Some("2026-11-24T18:42:00+00:00")
        );
    }

    #[test]
    fn east_asian_dates() {
        assert_eq!(day("2026年11月24日").as_deref(), Some("2026-11-24"));
        assert_eq!(
            day("更新：2026年11月24日 10:31").as_deref(),
            Some("2026-11-24")
        );
        assert_eq!(
            found("佐野 千尋　2026年11月7日 7:00").as_deref(),
            Some("2026-11-07T07:00:00+00:00")
        );
        assert_eq!(day("2026년 11월 24일").as_deref(), Some("2026-11-24"));
    }

    #[test]
    fn zones_and_meridians() {
        assert_eq!(
            found("Nov 19, 2026 at 12:05 a.m. UTC+1").as_deref(),
            Some("2026-11-19T00:05:00+01:00")
        );
        assert_eq!(
            found("Nov 19, 2026 12:00 PM -05:00").as_deref(),
            Some("2026-11-19T12:00:00-05:00")
        );
        // No zone: UTC; a 24-hour clock ignores a stray "am".
        assert_eq!(
            found("19.11.2026 17:05 am").as_deref(),
            Some("2026-11-19T17:05:00+00:00")
        );
    }

    #[test]
    fn first_dateline_near_the_top_wins() {
        let text = "Menu\n\nNews\n\nHeadline here\n\nBy Ann Reed\n\n\
                    Updated 25 November 2026 · 4 min read\n\nPublished 3 November 2026\n";
        assert_eq!(day(text).as_deref(), Some("2026-11-25"));
    }

    #[test]
    fn story_sentence_in_a_long_paragraph_is_not_taken() {
        let story = "On November 24, 2026, the council will vote on whether to keep the \
                     winter ferry running, a decision that islanders say will decide whether \
                     families can stay on Skerrow through the dark months, and which the \
                     harbour board has called the most important of the decade.";
        assert!(story.chars().count() > MAX_CHARS);
        assert_eq!(found(&format!("Ferry vote looms\n\n{story}\n")), None);
    }

    #[test]
    fn short_story_sentence_is_not_taken() {
        for text in [
            "On November 24, 2026, the council will vote.",
            "By November 24, 2026, the council must decide whether to sell.",
            "Am 24. November 2026 stimmt der Rat über den Haushalt ab.",
            "Le conseil votera le 24 novembre 2026 sur le budget.",
            "2026年11月24日に議会は採決する。",
        ] {
            assert_eq!(found(text), None, "{text:?}");
        }
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for text in [
            "Rovers 3-1 United",
            "Call 555-123-4567 for tickets",
            "Call 030 12 11 2026 now",
            "+49 12.11.2026.5",
            "Version 1.2.3",
            "Score: 2-1 (1-0)",
            "06/11/2026",
            "© 2026 Harbor Gazette Media. All rights reserved.",
            "Photos: the great flood of 2016, ten years on",
            "Nov 2026",
            "24 November",
            "https://example.com/2026-11-24-story",
            "Subscribe from 1 a week",
            "31.02.2026",
        ] {
            assert_eq!(found(text), None, "{text:?}");
        }
    }

    #[test]
    fn years_out_of_range_and_future_dates_are_refused() {
        assert_eq!(found("24 November 1989"), None);
        assert_eq!(found("24 November 2028"), None, "beyond max_year");
        assert_eq!(day("24 November 1990").as_deref(), Some("1990-11-24"));
        let mtime = DateTime::parse_from_rfc3339("2026-11-20T00:00:00Z").unwrap();
        let limits = Limits {
            max_year: 2027,
            not_after: Some(mtime + TimeDelta::days(SLACK_DAYS)),
        };
        assert!(find_within("24 November 2026", limits).is_none());
        assert!(find_within("21 November 2026", limits).is_some());
        // A refused date does not hide a later good one.
        assert_eq!(
            find_within("24 November 2026\n\nBy Ann Reed | 18 November 2026", limits)
                .map(|d| d.day()),
            Some(18)
        );
    }

    #[test]
    fn only_the_first_lines_are_read() {
        let mut text = "Menu\n".repeat(MAX_LINES);
        text.push_str("24 November 2026\n");
        assert_eq!(found(&text), None);
        let text = "\n\n".repeat(100) + "Menu\n24 November 2026\n";
        assert_eq!(
            day(&text).as_deref(),
            Some("2026-11-24"),
            "blank lines do not count"
        );
    }

    #[test]
    fn public_find_uses_the_clock_and_mtime() {
        assert!(find("24 November 2026", None).is_some());
        assert!(find("24 November 2099", None).is_none());
        let mtime = DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z").unwrap();
        assert!(find("24 November 2026", Some(mtime)).is_none());
        assert!(find("24 November 2019", Some(mtime)).is_some());
    }
}
