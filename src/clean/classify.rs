//! Line-level verdicts that need no context: a line that is a share bar, a
//! counter, a byline or date, a caption credit, a glued menu run-on or a stock
//! phrase is removed wherever it sits, with the reason that says which.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::Reason;
use super::caption;
use super::consent;
use super::phrases;
use super::separators;
use super::signals::FastBuild;
use super::signals::Line;
use super::social;

/// Month names and abbreviations in the supported languages (lowercase).
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
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
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "dezembro",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "januari",
    "februari",
    "maret",
    "juni",
    "agustus",
    "oktober",
    "desember",
    "mei",
    "maart",
    "augustus",
    // Weekdays, time zones and clock words that fill date stamps.
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
    "gmt",
    "utc",
    "est",
    "edt",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "bst",
    "cet",
    "cest",
    "ist",
    "et",
    "pt",
    "am",
    "pm",
];

/// True when `w` (lowercase) is a month, weekday or time-zone word.
fn is_month(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str, FastBuild>> = OnceLock::new();
    SET.get_or_init(|| MONTHS.iter().copied().collect())
        .contains(w)
}

/// Words that open a byline or a publication stamp.
const BYLINE_LEADS: &[&str] = &[
    "by",
    "von",
    "por",
    "par",
    "oleh",
    "door",
    "written",
    "posted",
    "published",
    "updated",
    "author",
    "author:",
    "publish",
    "publiziert",
    "veröffentlicht",
    "aktualisiert",
    "publicado",
    "atualizado",
    "pubblicato",
    "aggiornato",
    "publié",
    "diterbitkan",
];

/// The reason to remove `l` whatever its neighbours, if it has one.
pub fn line_reason(l: &Line) -> Option<Reason> {
    if l.letters == 0 && l.digits == 0 {
        return Some(Reason::Widget); // ×, ✕, |, •, arrows
    }
    if is_comment_head(l) || consent::is_comment_policy(l) {
        return Some(Reason::Comment);
    }
    if social::is_social_run(l.key(), l.words) {
        return Some(Reason::ShareWidget);
    }
    if l.words as usize <= phrases::ANY_MAX_WORDS
        && let Some(r) = phrases::phrase_reason(l.lower())
    {
        return Some(r);
    }
    // A label ends in a colon, which a plain line has none of.
    if !l.plain
        && let Some(r) = phrases::label_reason(l.lower())
    {
        return Some(r);
    }
    if l.words as usize > phrases::ANY_MAX_WORDS && consent::is_banner(l) {
        return Some(Reason::Boilerplate);
    }
    if l.words <= 6 && l.mostly_numeric() {
        return Some(Reason::Counter);
    }
    if is_counter_label(l) {
        return Some(Reason::Counter);
    }
    if is_byline(l) {
        return Some(Reason::Byline);
    }
    if is_date_line(l) || is_relative_time(l) {
        return Some(Reason::Byline);
    }
    if l.words <= 40 && caption::is_caption(l) {
        return Some(Reason::Caption);
    }
    if l.glued >= 1 && l.words <= 4 && !l.terminal {
        return Some(Reason::Navigation);
    }
    if l.glued >= 2 && l.words <= 8 && !l.terminal && l.stop_ratio() < 0.2 {
        return Some(Reason::Navigation);
    }
    if is_crumb(l) || is_follow(l) {
        return Some(Reason::Navigation);
    }
    None
}

/// "3 comments", "4553 views", "1 / 13": a number with at most one short label.
fn is_counter_label(l: &Line) -> bool {
    if l.words > 3 || l.digits == 0 || l.terminal {
        return false;
    }
    let first = l.lower().split_whitespace().next().unwrap_or("");
    first
        .chars()
        .all(|c| c.is_numeric() || matches!(c, '.' | ',' | 'k' | 'm' | '/'))
        && l.words <= 2
}

fn first_words<'a>(l: &'a Line, n: usize) -> impl Iterator<Item = &'a str> {
    l.lower()
        .split_whitespace()
        .take(n)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != ':'))
}

/// False when the first word of `l`, as `first_words` trims it, cannot
/// start with any of the bytes `firsts`: the line starts with an ASCII letter
/// or digit (which trimming keeps) not among them. One byte's look spares
/// splitting off the first word of most lines.
fn may_start_with(l: &Line, firsts: &[u8]) -> bool {
    match l.lower().as_bytes().first() {
        Some(&b) if b.is_ascii_alphanumeric() => firsts.contains(&b),
        _ => true,
    }
}

/// "By Jane Doe", "Published: ...", "Von Max Muster publiziert am ...".
fn is_byline(l: &Line) -> bool {
    if l.words > 14 || l.terminal && l.words > 8 {
        return false;
    }
    if !may_start_with(l, b"bvpodwua") {
        return false;
    }
    let Some(first) = first_words(l, 1).next() else {
        return false;
    };
    let first = first.trim_end_matches(':');
    if !BYLINE_LEADS.contains(&first) {
        return false;
    }
    // "By" must be followed by something name-like; prose rarely starts so and stays short.
    l.cap_ratio() >= 0.5 || l.digits > 0 || l.text.contains('@') || l.words <= 4
}

/// A line that is mostly a date or time stamp ("November 20, 2019 - 11:28 AM").
fn is_date_line(l: &Line) -> bool {
    if l.words > 16 || l.digits == 0 || l.terminal {
        return false;
    }
    let (month, other, numbers) = if l.ascii {
        date_words(separators::ascii_split_whitespace(l.lower()))
    } else {
        date_words(l.lower().split_whitespace())
    };
    let numeric_share = l.digits as f32 / l.chars.max(1) as f32;
    // "4 Things to Do in October" names a month but is not a date stamp.
    (month && other <= 6 && (numbers >= 2 || other <= 2)) || (numeric_share >= 0.45 && l.words <= 6)
}

/// Whether the `words` of a line name a month (unless more than six other
/// words come first), how many other words and how many with a digit.
fn date_words<'a>(words: impl Iterator<Item = &'a str>) -> (bool, u32, u32) {
    let mut month = false;
    let mut other = 0;
    let mut numbers = 0;
    for w in words {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if w.chars().any(|c| c.is_numeric()) {
            numbers += 1;
            continue;
        }
        let w = w.trim_end_matches('.');
        if is_month(w) {
            month = true;
        } else {
            other += 1;
            if other > 6 {
                // Too many words for a date stamp, month or not.
                month = false;
                break;
            }
        }
    }
    (month, other, numbers)
}

/// Words that make a short line with a number a relative time stamp.
const RELATIVE: &[&str] = &[
    "ago",
    "days",
    "today",
    "yesterday",
    "hours",
    "hour",
    "minutes",
    "mins",
    "hrs",
    "há",
    "ontem",
    "hoje",
    "vor",
    "heute",
    "gestern",
    "fa",
    "oggi",
    "ieri",
    "hace",
    "hoy",
    "ayer",
    "lalu",
    "hari",
    "jam",
    "menit",
    "kemarin",
];

/// "1 hour ago", "Today 12:01 AM", "há 3 horas", "2 days ago at 07:52 am".
fn is_relative_time(l: &Line) -> bool {
    if l.words > 8 || l.digits == 0 || l.terminal {
        return false;
    }
    let relative = |w: &str| RELATIVE.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()));
    if l.ascii {
        separators::ascii_split_whitespace(l.lower()).any(relative)
    } else {
        l.lower().split_whitespace().any(relative)
    }
}

/// Verbs that follow a commenter's name ("jane says:").
const SAYS: &[&str] = &[
    "says:",
    "said:",
    "writes:",
    "wrote:",
    "disse:",
    "schreibt:",
    "dice:",
    "dit:",
];

/// A commenter's name line, or a vote count under a comment.
fn is_comment_head(l: &Line) -> bool {
    if l.words > 5 {
        return false;
    }
    let last = l.lower().split_whitespace().next_back().unwrap_or("");
    SAYS.contains(&last)
        || (l.digits > 0 && (l.lower().starts_with("rating:") || l.lower().ends_with("votes")))
        || (l.digits > 0
            && (l.lower().contains("responses to") || l.lower().contains("replies to")))
        || (l.digits > 0 && l.words <= 4 && l.lower().contains("comment"))
}

/// "Follow … on Twitter" and its translations: a link to a profile.
fn is_follow(l: &Line) -> bool {
    const FOLLOW: &[&str] = &[
        "follow", "siga", "folgen", "segui", "suivez", "sigue", "ikuti",
    ];
    l.words <= 8
        && !l.terminal
        && may_start_with(l, b"fsi")
        && first_words(l, 1)
            .next()
            .is_some_and(|w| FOLLOW.contains(&w))
}

/// True when `text` has a byte that starts a breadcrumb separator: `>`,
/// `/`, `|`, or (unless `ascii`, which says `text` is all ASCII) 0xC2 or
/// 0xE2. Vectorised searches, as most lines have none.
fn has_separator_byte(text: &[u8], ascii: bool) -> bool {
    memchr::memchr3(b'>', b'/', b'|', text).is_some()
        || (!ascii && memchr::memchr2(0xC2, 0xE2, text).is_some())
}

/// Breadcrumbs: "News > Nation", "Blog > Weight Loss > Tips".
fn is_crumb(l: &Line) -> bool {
    // Every separator has one of these bytes (`»` and `·` start with 0xC2,
    // `›` and `•` with 0xE2).
    if l.words > 12 || l.plain || l.terminal || !has_separator_byte(l.text.as_bytes(), l.ascii) {
        return false;
    }
    let seps = l
        .text
        .split_whitespace()
        .filter(|w| matches!(*w, ">" | "»" | "›" | "/" | "|" | "•" | "·"))
        .count();
    seps >= 1 && l.stop_ratio() < 0.34 && l.words <= 3 * (seps as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Option<Reason> {
        line_reason(&Line::new(s))
    }

    #[test]
    fn widgets_and_counters() {
        assert_eq!(r("×"), Some(Reason::Widget));
        assert_eq!(r("0shares"), Some(Reason::ShareWidget));
        assert_eq!(r("Facebook Twitter Email"), Some(Reason::ShareWidget));
        assert_eq!(r("4553"), Some(Reason::Counter));
        assert_eq!(r("12 views"), Some(Reason::Counter));
    }

    #[test]
    fn bylines_and_dates() {
        assert_eq!(r("By Jane Roe"), Some(Reason::Byline));
        assert_eq!(r("March 3, 2021 at 9:40 am"), Some(Reason::Byline));
        assert_eq!(r("quarta-feira, 3 de março de 2021"), Some(Reason::Byline));
    }

    #[test]
    fn glued_run_ons_and_crumbs() {
        assert_eq!(r("Top NewsVideo"), Some(Reason::Navigation));
        assert_eq!(r("News > World"), Some(Reason::Navigation));
    }

    #[test]
    fn prose_is_kept() {
        assert_eq!(
            r("The mayor said on Tuesday that the bridge would reopen in spring."),
            None
        );
        assert_eq!(
            r("By the end of the week, the river had risen by two metres."),
            None
        );
    }

    proptest::proptest! {
        #[test]
        fn separator_bytes_are_found_as_a_byte_look_finds_them(
            text in "[a-z >/|»·›•é]{0,80}"
        ) {
            let bytes = text.as_bytes();
            let look = bytes.iter().any(|&b| matches!(b, b'>' | b'/' | b'|' | 0xC2 | 0xE2));
            proptest::prop_assert_eq!(has_separator_byte(bytes, text.is_ascii()), look);
        }
    }

    #[test]
    fn the_first_byte_filters_keep_every_lead() {
        for w in BYLINE_LEADS {
            assert!(may_start_with(&Line::new(w), b"bvpodwua"), "{w}");
        }
        for w in [
            "follow", "siga", "folgen", "segui", "suivez", "sigue", "ikuti",
        ] {
            assert!(may_start_with(&Line::new(w), b"fsi"), "{w}");
        }
        assert!(!may_start_with(&Line::new("The end"), b"fsi"));
        assert!(may_start_with(&Line::new("«Von"), b"v"));
    }

    #[test]
    fn relative_times_ascii_or_not() {
        for t in [
            "1 hour ago",
            "2 days ago at 07:52 am",
            "há 3 horas — ontem",
            "vor 2 Stunden",
        ] {
            assert!(is_relative_time(&Line::new(t)), "{t}");
        }
        assert!(!is_relative_time(&Line::new("3 little pigs")));
        assert!(!is_relative_time(&Line::new("Es ist 3 Uhr früh")));
    }
}
