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
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(MAX_LINES)
        // The byte test first, so a huge one-line file is not counted.
        .filter(|l| l.len() <= MAX_CHARS * 4 && l.chars().count() <= MAX_CHARS)
        .find_map(|l| in_line(l, limits))
}

/// The first acceptable date in `line`, if the line looks like a dateline.
fn in_line(line: &str, limits: Limits) -> Option<DateTime<FixedOffset>> {
    // Every date form has a year of four digits: most lines have none, and
    // need no tokens.
    if !has_four_digit_number(line) {
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
    line.as_bytes()
        .split(|b| !b.is_ascii_digit())
        .any(|run| run.len() == 4)
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
