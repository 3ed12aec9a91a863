//! Headline inference: the best heading-shaped line shortly before the story
//! region, preferring lines that repeat in the page and share words with the
//! story, and the tolerant key used to find every repeat of the headline.

use super::Reason;
use super::finalists;
use super::region::{self, Scored};
use super::runs::{TEASER_LIST, dated_teasers, menu_runs, reach_back};
use super::signals::{Line, key_of};

/// How many lines before the story start are considered.
const WINDOW_BEFORE: usize = 40;
/// How many lines before the story start a headline block is looked for.
const WINDOW_BYLINED: usize = 100;

/// The key that identifies repeats of a headline: case, whitespace,
/// punctuation and quote style ignored. Empty when the title has no letters
/// or digits.
pub fn title_key(title: &str) -> String {
    key_of(title)
}

/// Shape score of `l` as a headline, before distance and overlap; `None`
/// when it cannot be one.
fn shape(s: &Scored) -> Option<f32> {
    shape_of(s, false)
}

/// True when `shape` has a score for `s`: the cheap part of the shape, and
/// all that most callers ask.
fn can_head(s: &Scored) -> bool {
    can_head_as(s, false)
}

/// `can_head`, `headed` as for `shape_of`.
fn can_head_as(s: &Scored, headed: bool) -> bool {
    let l: &Line = &s.line;
    if s.hard || l.words == 0 || l.words > 40 || l.mostly_numeric() || l.letters < 3 {
        return false;
    }
    // A sentence: a standfirst, a caption or a paragraph.
    !(is_sentence(l, headed) && l.words >= 8 && l.cap_ratio() < 0.6)
}

/// Questions are common headlines; other sentence ends are not.
fn is_sentence(l: &Line, headed: bool) -> bool {
    l.terminal && !l.text.ends_with('?') && !headed
}

/// `shape`, where `headed` says the line sits right over a byline or date
/// stamp with no heading above it: the place of a headline, so one that
/// reads like a sentence (or two) is not held against it.
fn shape_of(s: &Scored, headed: bool) -> Option<f32> {
    if !can_head_as(s, headed) {
        return None;
    }
    let l: &Line = &s.line;
    let sentence = is_sentence(l, headed);
    // Headlines run to a handful of words; section labels and names are shorter.
    let mut v = match l.words {
        0..=2 => -3.0,
        3 => 0.5,
        4 => 2.0,
        5..=25 => 3.5,
        _ => 2.0,
    };
    if l.words > 17 {
        v -= (l.words - 17) as f32 * 0.8; // longer lines are standfirsts
    }
    let title_case = l.words >= 4 && l.cap_ratio() >= 0.6;
    if title_case {
        v += 1.5;
    }
    if sentence && !title_case {
        v -= 2.5;
    }
    if !title_case && !headed && has_inner_sentence_end(l.text) {
        v -= 2.0;
    }
    if l.colon {
        v -= 3.0;
    }
    if s.count >= 2 {
        v += 1.5;
    }
    if l.glued > 0 {
        v -= 2.0;
    }
    if l.letters > 4 && !has_lowercase(l.text) {
        v -= 2.0; // an all-caps section label
    }
    if l.text.ends_with(')') {
        v -= 1.5; // "Headline (142)": a teaser with a counter
    }
    // Headlines start with a word, a number or a quote; "» …", "* …", "- …"
    // are teasers and list items.
    if l.text.starts_with(|c: char| {
        !c.is_alphanumeric() && !matches!(c, '"' | '\'' | '“' | '‘' | '«' | '„' | '¿' | '¡')
    }) {
        v -= 2.0;
    }
    // A numeric date ("23/08/2018", "2019-11-18") makes a meta line.
    if l.digits >= 6 && l.text.split_whitespace().any(is_numeric_date) {
        v -= 3.0;
    }
    v -= l.stop_ratio() * 4.0;
    Some(v)
}

/// "23/08/2018", "2019-11-18", "18.11.2019": digits in three groups.
fn is_numeric_date(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_ascii_digit());
    let groups = w.split(['/', '-', '.']).collect::<Vec<_>>();
    groups.len() == 3
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.len() <= 4 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// True when a sentence ends inside `text` (". " followed by an uppercase
/// letter). Looked for on bytes: the ASCII punctuation and space are bytes
/// of their own in UTF-8, so only the letter after them is decoded; and
/// the (rare) punctuation is found by `memchr3`, many bytes at a time.
fn has_inner_sentence_end(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3_iter(b'.', b'!', b'?', b).any(|k| {
        k + 2 < b.len()
            && b[k + 1] == b' '
            && text[k + 2..].chars().next().is_some_and(char::is_uppercase)
    })
}

/// True when some letter of `text` is lowercase; ASCII text byte by byte.
fn has_lowercase(text: &str) -> bool {
    if text.is_ascii() {
        text.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        text.chars().any(char::is_lowercase)
    }
}

/// When a byline or date stamp follows line `i` directly, past widgets,
/// captions, one standfirst and other heading-shaped lines (a repeat of the
/// headline, a kicker, teasers): how many such headings lie between. That
/// is the headline block of an article page, the headline last among its
/// headings.
fn bylined(lines: &[Scored], i: usize) -> Option<u32> {
    let mut standfirst = false;
    let mut headings = 0;
    for s in lines.iter().skip(i + 1).take(10) {
        if s.reason == Some(Reason::Byline) {
            return Some(headings);
        }
        if s.hard {
            continue;
        }
        let prose = region::is_prose(&s.line);
        if prose && !standfirst && s.line.words <= 30 {
            standfirst = true;
            continue;
        }
        if prose || !can_head(s) {
            return None;
        }
        if s.line.key() != lines[i].line.key() {
            headings += 1;
        }
    }
    None
}

/// `shape` of a line in the place of a headline (see `shape_of`): a short
/// line of mostly content words, even when it reads like a sentence.
fn headed_shape(s: &Scored) -> Option<f32> {
    if !can_head_headed(s) {
        return None;
    }
    shape_of(s, true)
}

/// True when `headed_shape` has a score for `s`.
fn can_head_headed(s: &Scored) -> bool {
    s.line.words <= 20 && can_head_as(s, true) && s.line.stop_ratio() < 0.5
}

/// True when line `i` is directly followed by a byline or date stamp and
/// no heading lies right above it (it would be the headline, `i` its
/// standfirst).
fn headed(lines: &[Scored], i: usize) -> bool {
    let Some(next) = lines.get(i + 1) else {
        return false;
    };
    next.reason == Some(Reason::Byline)
        && !region::is_prose(&next.line)
        && lines[i.saturating_sub(2)..i]
            .iter()
            .rev()
            .find(|p| !p.hard)
            .is_none_or(|p| p.line.words <= 3 || !can_head(p))
}

/// True when a related-links label ("See also", "Read more") comes shortly
/// before line `i` with no paragraph between.
fn in_related_block(lines: &[Scored], para: &[bool], i: usize) -> bool {
    for k in (i.saturating_sub(RELATED_REACH)..i).rev() {
        if para[k] {
            return false;
        }
        if lines[k].reason == Some(Reason::RelatedLinks) {
            return true;
        }
    }
    false
}

/// How far back a related-links label marks a teaser.
const RELATED_REACH: usize = 6;
/// How far after a candidate its story may start.
const MAX_GAP: usize = 40;
/// Bonus for a heading directly followed by a byline or date stamp.
const BYLINED: f32 = 2.5;
/// How many candidates get the (costlier) word-overlap check.
const SHORTLIST: usize = 24;

/// Index of the line that is most likely the headline, given the story
/// region `[start, end)`.
///
/// A headline is followed, after a few bylines and widgets, by a run of
/// paragraphs that repeats its words; a teaser headline is followed by one
/// short summary. So each candidate is scored by its shape, its distance to
/// the next paragraph run, the size of that run and the share of its content
/// words found there.
// Out of line (one call per article) so that profiles show it apart.
#[inline(never)]
pub fn infer(lines: &[Scored], start: usize, end: usize) -> Option<usize> {
    let n = lines.len();
    let para: Vec<bool> = lines
        .iter()
        .map(|s| {
            !s.hard
                && s.count <= 1
                && (s.line.terminal || s.line.colon)
                && region::is_prose(&s.line)
        })
        .collect();
    // Words in the paragraph run starting at each line (gaps of two allowed).
    let mut run = vec![0u32; n + 1];
    let mut next_para = n;
    for i in (0..n).rev() {
        if para[i] {
            let cont = if next_para < n && next_para - i <= 3 {
                run[next_para]
            } else {
                0
            };
            run[i] = lines[i].line.words + cont;
            next_para = i;
        }
    }
    // A text that opens with a heading directly followed by prose is an
    // article in plain form (an export, or this cleaner's own output).
    // A headline that reads like a sentence opens such a text too.
    let heading = |s: &Scored| (can_head(s) && !region::is_prose(&s.line)) || can_head_headed(s);
    if n >= 2 && heading(&lines[0]) && !lines[1].hard && region::is_prose(&lines[1].line) {
        return Some(0);
    }
    // Long menus (a brand list, a sitemap) between headline and story count
    // for little: the window and the gap are measured without them.
    let mut menu = menu_runs(lines);
    let teasers = dated_teasers(lines);
    for (m, &t) in menu.iter_mut().zip(&teasers) {
        *m |= t;
    }
    let lo = reach_back(&menu, start, WINDOW_BEFORE);
    let mut short: Vec<(f32, usize, usize)> = Vec::new();
    // A headline block (a heading over its byline) that the page quotes
    // (see `quoted` below) is looked for further back: a story may open with
    // a table or a list the region search skips.
    let far = reach_back(&menu, start, WINDOW_BYLINED);
    for (i, s) in lines.iter().enumerate().take(end).skip(far) {
        if s.item {
            continue; // list items are not headlines
        }
        // The shape first: most lines fail it, and it costs less than
        // looking for a byline below.
        let Some(v) = shape(s).or_else(|| headed(lines, i).then(|| headed_shape(s)).flatten())
        else {
            continue;
        };
        let bylined = bylined(lines, i);
        if i < lo && bylined.is_none() {
            continue;
        }
        // A heading inside a related-links block is a teaser.
        let v = if bylined.is_none() && in_related_block(lines, &para, i) {
            v - 3.0
        } else {
            v
        };
        let v = match bylined {
            Some(h) => v + (BYLINED - h as f32).max(0.0),
            None => v,
        };
        // A sentence (not in title case) under a shorter heading is the
        // standfirst of that heading.
        let standfirst = region::is_prose(&s.line)
            && s.line.cap_ratio() < 0.6
            && lines[i.saturating_sub(2)..i]
                .iter()
                .rev()
                .find(|p| !p.hard)
                .is_some_and(|p| {
                    can_head(p) && !region::is_prose(&p.line) && p.line.words + 3 <= s.line.words
                });
        let v = if standfirst { v - 1.5 } else { v };
        // One of a list of dated teasers.
        let v = if teasers[i] { v - TEASER_LIST } else { v };
        // Only a headline block (a heading over its byline) looks past menus
        // to its story; teasers and labels before a menu stay far from it.
        let past_menus = bylined.is_some();
        let menu_at = |k: usize| past_menus && menu[k];
        let mut counted = 0;
        let Some(j) = (i + 1..n).find(|&j| {
            counted += usize::from(!menu_at(j));
            para[j] || counted > MAX_GAP
        }) else {
            continue;
        };
        if !para[j] {
            continue;
        }
        // Widgets, menus and bylines between headline and story are expected.
        let gap: f32 = lines[i + 1..j]
            .iter()
            .zip(i + 1..j)
            .map(|(s, k)| {
                if menu_at(k) {
                    0.05
                } else if s.hard {
                    0.15
                } else {
                    1.0
                }
            })
            .sum();
        // A heading next to other headings is one of a list of teasers.
        let headline_like =
            |s: &Scored| !s.hard && !s.item && s.line.words >= 5 && !region::is_prose(&s.line);
        let next_soft = lines[i + 1..j].iter().find(|s| !s.hard);
        let prev_soft = lines[far.min(i)..i].iter().rev().find(|s| !s.hard);
        let v =
            v - if next_soft.is_some_and(headline_like) {
                1.5
            } else {
                0.0
            } - if prev_soft.is_some_and(headline_like) {
                1.0
            } else {
                0.0
            };
        // The value of a field ("Author:" then a name) is not a headline.
        let after_label = i > 0 && lines[i - 1].line.colon && lines[i - 1].line.words <= 2;
        let v = if after_label { v - 4.0 } else { v };
        // A heading right after a paragraph is a sub-heading or a teaser.
        let after_para = (i.saturating_sub(3)..i).any(|k| para[k]);
        let v = if after_para { v - 4.0 } else { v };
        // Headlines are commonly followed by a byline or a date stamp.
        let byline_after = lines[i + 1..j.min(i + 6)]
            .iter()
            .any(|s| s.reason == Some(Reason::Byline));
        let v = if byline_after { v + 1.5 } else { v };
        let mass = (1.0 + run[j] as f32 / 50.0).ln();
        let v = v - gap * 0.4 + 1.5 * mass - if i >= start { 0.5 } else { 0.0 };
        short.push((v, i, j));
    }
    short.sort_by(|a, b| b.0.total_cmp(&a.0));
    short.truncate(SHORTLIST);
    finalists::pick(lines, &short, lo, end)
}

/// True when `key` is the headline `title` (both from `title_key`), alone or
/// with a short addition such as a site name or a breadcrumb.
pub fn matches(key: &str, title: &str) -> bool {
    if title.is_empty() {
        return false;
    }
    if key == title {
        return true;
    }
    title.len() >= 15
        && key.len() <= title.len() + title.len() / 2
        && (key.starts_with(title) || key.ends_with(title))
}

#[cfg(test)]
mod tests {
    use super::super::content_words::tests::Rng;
    use super::*;

    #[test]
    fn matches_site_suffix_but_not_other_lines() {
        let t = title_key("Council approves new bridge");
        assert!(matches(
            &title_key("Council approves new bridge | Town Post"),
            &t
        ));
        assert!(!matches(
            &title_key("Council approves new bridge budget for the next decade of repairs"),
            &t
        ));
    }

    #[test]
    fn byte_checks_agree_with_char_checks() {
        let by_chars = |text: &str| {
            let mut prev = [' ', ' '];
            for c in text.chars() {
                if matches!(prev[0], '.' | '!' | '?') && prev[1] == ' ' && c.is_uppercase() {
                    return true;
                }
                prev = [prev[1], c];
            }
            false
        };
        for t in [
            "",
            ".",
            ". A",
            "a. B",
            "a. b",
            "a.  B",
            "Done! Über",
            "Why? É",
            "x? ß",
            "é. É",
            "?!. ",
            "ÉTÉ SANS FIN",
            "GRAND PRIX",
            "Grand prix",
            "ÉTÉ sans",
            "12 34",
        ] {
            assert_eq!(has_inner_sentence_end(t), by_chars(t), "{t:?}");
            assert_eq!(has_lowercase(t), t.chars().any(char::is_lowercase), "{t:?}");
        }
        // Random lines of those pieces, long enough for the vector loops.
        let pieces = [
            ".", "!", "?", " ", "  ", "a", "B", "É", "é", "ß", "x. ", "Y", "12", "…", "“",
        ];
        let mut rng = Rng(0x2545_f491_4f6c_dd1du64);
        for _ in 0..3000 {
            let mut t = String::new();
            let seed = rng.next_u64();
            for k in 0..seed % 90 {
                t.push_str(pieces[((seed >> (k % 50)) as usize + k as usize) % pieces.len()]);
            }
            assert_eq!(has_inner_sentence_end(&t), by_chars(&t), "{t:?}");
        }
    }

    #[test]
    fn key_is_tolerant() {
        assert_eq!(
            title_key("Russia Says It’s Ready"),
            title_key("  russia says it's READY ")
        );
        assert_eq!(
            title_key("“Quoted” headline"),
            title_key("\"Quoted\" headline")
        );
    }
}
