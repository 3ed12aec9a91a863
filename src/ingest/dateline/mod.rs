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
//!
//! The word tables are in [`words`], the tokenizer and the date forms in
//! [`forms`]; this file holds the entry point and the rules for which lines
//! are datelines.

use chrono::{DateTime, Datelike, FixedOffset, TimeDelta, Utc};

use forms::{Kind, Tok, date_at, tokenize};

mod forms;
mod words;

/// How many non-empty lines from the top are looked at.
const MAX_LINES: usize = 40;
/// Longer lines are story paragraphs, not datelines.
const MAX_CHARS: usize = 200;
/// Earlier years are taken as not being publication dates.
const MIN_YEAR: i32 = 1990;
/// How far past the file's modification time a date may be (time zones,
/// clocks, a page dated for the morning edition).
const SLACK_DAYS: i64 = 2;

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
    lines(text)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(MAX_LINES)
        .find_map(|l| in_line(l, limits))
}

/// Whether `line` is at most [`MAX_CHARS`] characters long (the bytes are
/// as many or more: counted only when they are too many).
fn short(line: &str) -> bool {
    line.len() <= MAX_CHARS || line.chars().count() <= MAX_CHARS
}

/// The text cut at every `\n`, found with a vectorized search: as
/// `str::lines` cuts it but for a `\r` left at a line's end, which is
/// trimmed with the rest of its whitespace (and a last empty line, which
/// is left out with the other empty ones).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut from = 0;
    ends.map(move |end| {
        let line = text.get(from..end).unwrap_or("");
        from = end + 1;
        line
    })
}

/// The first acceptable date in `line`, if the line looks like a dateline.
fn in_line(line: &str, limits: Limits) -> Option<DateTime<FixedOffset>> {
    // Long lines are not datelines: a huge one-line file is not looked
    // through. Every date form has a year of four digits: most lines have
    // none, and need no tokens (nor their characters counted).
    if line.len() > MAX_CHARS * 4 || !has_four_digit_number(line) || !short(line) {
        return None;
    }
    let toks = tokenize(line);
    let (when, start, end) = (0..toks.len()).find_map(|i| {
        let (when, end) = date_at(line, &toks, i)?;
        allowed(when, limits).then_some((when, i, end))
    })?;
    dateline_shaped(&toks, start, end).then_some(when)
}

/// Whether `line` holds a run of exactly four ASCII digits (a number token
/// that can be a year).
fn has_four_digit_number(line: &str) -> bool {
    let bytes = line.as_bytes();
    // Most lines hold fewer than four digits: a count the compiler
    // vectorizes says so before the runs are walked.
    if digit_count(bytes) < 4 {
        return false;
    }
    let mut run = 0;
    for &b in bytes {
        if b.is_ascii_digit() {
            run += 1;
        } else if run == 4 {
            return true;
        } else {
            run = 0;
        }
    }
    run == 4
}

/// How many ASCII digits `bytes` holds (summed in a byte per 255).
fn digit_count(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(b.is_ascii_digit())))
        .map(usize::from)
        .sum()
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
    let marked = first_word
        .is_some_and(|i| i < start && toks[i].word().is_some_and(|w| words::is_marker(&w)));
    let marker = first_word.filter(|_| marked);
    let others: Vec<&Tok> = toks
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            !(start..end).contains(i)
                && marker != Some(*i)
                && t.word().is_some_and(|w| !words::is_filler(&w))
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

#[cfg(test)]
mod tests;
