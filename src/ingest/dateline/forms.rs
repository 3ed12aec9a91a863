//! The dateline tokenizer and the date forms read from its tokens: ISO
//! (`2026-11-19`), numeric (`19.11.2026`), day-month-year and
//! month-day-year with month names, East Asian (`2026年11月24日`), and the
//! clock time, meridian and zone that may follow a date.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike};

use super::words;
use crate::ingest::date;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Num,
    Word,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'a> {
    pub(super) kind: Kind,
    pub(super) text: &'a str,
    /// Its byte offset in the line.
    start: usize,
    /// Whether whitespace comes right before it.
    spaced: bool,
}

impl Tok<'_> {
    pub(super) fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// A number of `min..=max` digits.
    fn num(&self, min: usize, max: usize) -> Option<u32> {
        let n = self.text.len();
        (self.kind == Kind::Num && (min..=max).contains(&n)).then(|| self.text.parse().ok())?
    }

    /// The word in lowercase.
    pub(super) fn word(&self) -> Option<Lower> {
        (self.kind == Kind::Word).then(|| Lower::of(self.text))
    }

    /// A word starting with a lowercase letter, or in a script without case.
    pub(super) fn lowercase(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(|c| !c.is_uppercase())
    }
}

/// A word in lowercase, as `str::to_lowercase` gives it: most words are
/// short and ASCII, and are lowered in place on the stack, not allocated
/// (every word of a line with a year in it is looked up as a month).
pub(super) enum Lower {
    Short { bytes: [u8; SHORT], len: usize },
    Long(String),
}

/// The longest word lowered on the stack.
const SHORT: usize = 24;

impl Lower {
    fn of(text: &str) -> Lower {
        if text.len() > SHORT || !text.is_ascii() {
            return Lower::Long(text.to_lowercase());
        }
        let mut bytes = [0; SHORT];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        bytes.make_ascii_lowercase();
        Lower::Short {
            bytes,
            len: text.len(),
        }
    }

    pub(super) fn as_str(&self) -> &str {
        match self {
            // ASCII, so always UTF-8.
            Lower::Short { bytes, len } => std::str::from_utf8(&bytes[..*len]).unwrap_or(""),
            Lower::Long(s) => s,
        }
    }
}

impl std::ops::Deref for Lower {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// Characters of East Asian dates that are their own tokens (`年`, `년`…).
fn cjk_date_mark(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '년' | '월' | '일')
}

pub(super) fn tokenize(line: &str) -> Vec<Tok<'_>> {
    // A token is four bytes or more on most lines (a word and its space):
    // room for that many, so that the list is seldom grown (growing it a
    // push at a time cost 32 M instructions on 100,000 articles).
    let mut toks = Vec::with_capacity(line.len() / 4 + 4);
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

/// A date (and its time, when one follows) starting at token `i`, with the
/// index of the token after it.
pub(super) fn date_at(
    line: &str,
    toks: &[Tok],
    i: usize,
) -> Option<(DateTime<FixedOffset>, usize)> {
    if let Some(found) = iso(line, toks, i) {
        return Some(found);
    }
    let (day, end) = numeric(toks, i)
        .or_else(|| day_month_year(toks, i))
        .or_else(|| month_day_year(toks, i))
        .or_else(|| east_asian(toks, i))?;
    let (time, zone, end) = time_at(toks, end).unwrap_or((NaiveTime::MIN, None, end));
    let zone = zone.unwrap_or_else(date::utc);
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
    words::month_number(&t.word()?)
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
                ) || word_is(t, words::TIME_JOINERS) =>
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
    let w = w.as_str();
    match w {
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
        let hours = words::zone_hours(t.text)?;
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
    use super::Lower;

    #[test]
    fn lowercase_as_to_lowercase_gives_it() {
        for word in [
            "",
            "Nov",
            "SEPTEMBER",
            "pm",
            "Veröffentlicht",
            "ÉTÉ",
            "İstanbul",
            "ABCDEFGHIJKLMNOPQRSTUVWX",
            "ABCDEFGHIJKLMNOPQRSTUVWXY",
            "更新",
        ] {
            assert_eq!(Lower::of(word).as_str(), word.to_lowercase(), "{word}");
        }
    }
}
