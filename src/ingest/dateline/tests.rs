//! Unit tests for dateline finding: the forms read, the lines refused, the
//! year and file-time limits, and how far down the page is looked.

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
        find_within("24 November 2026\n\nBy Ann Reed | 18 November 2026", limits).map(|d| d.day()),
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

#[test]
fn a_year_needs_a_number_of_exactly_four_digits() {
    assert!(has_four_digit_number("Updated 19.11.2026"));
    assert!(has_four_digit_number("2026年11月24日"));
    assert!(!has_four_digit_number("Call 555-12345 or 12 34"));
    assert!(!has_four_digit_number("Nov 19, 20261"));
    assert!(has_four_digit_number("2026"));
    assert!(has_four_digit_number("x12345 2026"));
    assert!(!has_four_digit_number("1 2 3 4 5 6 7 8 9 12 345"));
    assert!(!has_four_digit_number(""));
    // As splitting at every other byte finds it, in lines of every shape.
    let pieces = ["1", "22", "333", "4444", "55555", " ", "-", "é", "年"];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                for line in [format!("{a}{b}{c}"), format!("{a} {b}x{c}")] {
                    let want = line
                        .as_bytes()
                        .split(|b| !b.is_ascii_digit())
                        .any(|run| run.len() == 4);
                    assert_eq!(has_four_digit_number(&line), want, "{line}");
                }
            }
        }
    }
    let long = "7".repeat(600) + " 2026";
    assert!(has_four_digit_number(&long));
    // A line without such a number gives no date, whatever its words.
    assert_eq!(day("Published November 19, 26"), None);
    assert_eq!(
        day("Published November 19, 2026").as_deref(),
        Some("2026-11-19")
    );
}

#[test]
fn lines_trimmed_as_str_lines_gives_them() {
    for text in [
        "",
        "\n",
        "a",
        "a\n",
        "a\r\nb\r\n\r\n c \rd\n\ne",
        "\r\r\n\n x\n",
        "é\n年\r\n",
    ] {
        let ours: Vec<&str> = lines(text)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let std: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(ours, std, "{text:?}");
    }
}

/// The lines' tests as they were first made: length in bytes, then in
/// characters, then the line's date.
fn found_as_first_made(text: &str) -> Option<DateTime<FixedOffset>> {
    lines(text)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(MAX_LINES)
        .filter(|l| l.len() <= MAX_CHARS * 4 && l.chars().count() <= MAX_CHARS)
        .find_map(|l| in_line(l, LIMITS))
}

/// Lines near every length limit (in bytes and in characters, with
/// multi-byte letters), with and without a dateline's date.
#[test]
fn lengths_tested_in_any_order_find_the_same() {
    let date = "By Ann Reed | 24 November 2026";
    let mut texts = Vec::new();
    for pad in ["x", "é", "年"] {
        for n in [150, 169, 170, 171, 199, 200, 201, 260, 266, 267, 400, 801] {
            let filler = pad.repeat(n);
            texts.push(format!("{date} {filler}\n{date}"));
            texts.push(format!("{filler} {date}\n\n{date} and more"));
            texts.push(format!("{filler} 2026\n{date}"));
        }
    }
    for text in &texts {
        assert_eq!(
            find_within(text, LIMITS),
            found_as_first_made(text),
            "{text:?}"
        );
    }
}
