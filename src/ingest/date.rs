//! Reads publication dates in the forms scrapers and exports actually write.
//!
//! A date that does not parse is unknown (`None`), never an error. Dates
//! without a zone are taken as UTC.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// Unix timestamps at or above this are taken as milliseconds (in seconds it
/// would be past the year 5000).
const MILLIS_FROM: i64 = 100_000_000_000;

/// Timestamps below this (March 1973) are placeholders such as `0`, or years,
/// not publication dates: unknown.
const UNIX_FROM: i64 = 100_000_000;

/// Zoned forms that are neither RFC 3339 nor RFC 2822 (e.g. `+0000`, a space).
const ZONED: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
];

/// Forms with a time but no zone.
const NAIVE_TIME: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

/// Forms with a date only (month names match both `Nov` and `November`).
const DATE_ONLY: &[&str] = &[
    "%Y-%m-%d",
    "%Y%m%d",
    "%Y/%m/%d",
    "%B %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%d %B, %Y",
];

/// Weekday names (lowercase); dateline finding takes them as filler words too.
pub(crate) const WEEKDAYS: &[&str] = &[
    "mon",
    "tue",
    "wed",
    "thu",
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
];

/// Parses a date written as text; `None` when it is not a form we know.
pub fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    let s = text.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = common(s) {
        return Some(d);
    }
    if let Some(d) = unix_text(s) {
        return Some(d);
    }
    DateTime::parse_from_rfc3339(s)
        .ok()
        .or_else(|| DateTime::parse_from_rfc2822(s).ok())
        .or_else(|| zoned(s))
        .or_else(|| naive(s))
        .or_else(|| named_month(s))
}

/// A unix timestamp in seconds, or in milliseconds when it is that large;
/// `None` for small ones (see [`UNIX_FROM`]).
pub fn from_unix(n: i64) -> Option<DateTime<FixedOffset>> {
    if n < UNIX_FROM {
        return None;
    }
    let utc = if n >= MILLIS_FROM {
        DateTime::from_timestamp_millis(n)?
    } else {
        DateTime::from_timestamp(n, 0)?
    };
    Some(utc.fixed_offset())
}

/// A unix timestamp with a fraction (as JSON numbers may have).
pub fn from_unix_f64(x: f64) -> Option<DateTime<FixedOffset>> {
    // Also keeps the casts below in range.
    if !x.is_finite() || x < UNIX_FROM as f64 || x >= i64::MAX as f64 {
        return None;
    }
    if x >= MILLIS_FROM as f64 {
        return from_unix(x.round() as i64);
    }
    let secs = x.floor();
    let nanos = ((x - secs) * 1e9).round().min(999_999_999.0) as u32;
    Some(DateTime::from_timestamp(secs as i64, nanos)?.fixed_offset())
}

/// The two forms most exports write, `2026-11-24` and `2026-11-24
/// 10:00:00`, read at once rather than tried against every format; `None`
/// leaves anything else (or any doubt, such as a leap second) to the
/// formats, which read these two the same way.
fn common(s: &str) -> Option<DateTime<FixedOffset>> {
    let b = s.as_bytes();
    let num = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0, |n: u32, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let timed = match b.len() {
        10 => false,
        19 if b[10] == b' ' && b[13] == b':' && b[16] == b':' => true,
        _ => return None,
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?;
    let time = if timed {
        NaiveTime::from_hms_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?)?
    } else {
        NaiveTime::MIN
    };
    utc().from_local_datetime(&day.and_time(time)).single()
}

fn unix_text(s: &str) -> Option<DateTime<FixedOffset>> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let numeric = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    if !numeric {
        return None;
    }
    match s.parse::<i64>() {
        Ok(n) => from_unix(n),
        Err(_) => from_unix_f64(s.parse().ok()?),
    }
}

pub(crate) fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("zero offset is valid")
}

fn zoned(s: &str) -> Option<DateTime<FixedOffset>> {
    ZONED
        .iter()
        .find_map(|f| DateTime::parse_from_str(s, f).ok())
}

fn naive(s: &str) -> Option<DateTime<FixedOffset>> {
    let dt = NAIVE_TIME
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .or_else(|| date_only(s))?;
    utc().from_local_datetime(&dt).single()
}

fn date_only(s: &str) -> Option<NaiveDateTime> {
    DATE_ONLY
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// `Tuesday, Nov. 24, 2026` → `Nov 24, 2026`, then the date-only forms.
fn named_month(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = match s.split_once(',') {
        Some((first, rest)) if WEEKDAYS.contains(&first.trim().to_lowercase().as_str()) => rest,
        _ => s,
    };
    let s = s.trim().replacen(". ", " ", 1);
    let dt = date_only(&s)?;
    utc().from_local_datetime(&dt).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        parse(text).map(|d| d.to_rfc3339())
    }

    #[test]
    fn rfc3339_keeps_its_offset() {
        assert_eq!(
            iso("2026-11-24T10:00:00+02:00").as_deref(),
            Some("2026-11-24T10:00:00+02:00")
        );
        assert_eq!(
            iso("2026-11-24T10:00:00Z").as_deref(),
            Some("2026-11-24T10:00:00+00:00")
        );
        assert_eq!(
            iso("2026-11-24T10:00:00.250Z").as_deref(),
            Some("2026-11-24T10:00:00.250+00:00")
        );
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            iso("Tue, 24 Nov 2026 10:00:00 +0100").as_deref(),
            Some("2026-11-24T10:00:00+01:00")
        );
        assert_eq!(
            iso("Tue, 24 Nov 2026 10:00:00 GMT").as_deref(),
            Some("2026-11-24T10:00:00+00:00")
        );
    }

    #[test]
    fn zone_without_colon() {
        assert_eq!(
            iso("2026-11-24T10:00:00.000+0000").as_deref(),
            Some("2026-11-24T10:00:00+00:00")
        );
        assert_eq!(
            iso("2026-11-24 10:00:00 -0500").as_deref(),
            Some("2026-11-24T10:00:00-05:00")
        );
    }

    #[test]
    fn no_zone_is_utc() {
        let want = Some("2026-11-24T10:00:00+00:00");
        assert_eq!(iso("2026-11-24 10:00:00").as_deref(), want);
        assert_eq!(iso("2026-11-24T10:00:00").as_deref(), want);
        assert_eq!(iso("2026-11-24T10:00").as_deref(), want);
        assert_eq!(
            iso("2026-11-24").as_deref(),
            Some("2026-11-24T00:00:00+00:00")
        );
        assert_eq!(
            iso("20261124").as_deref(),
            Some("2026-11-24T00:00:00+00:00")
        );
    }

    #[test]
    fn month_names() {
        let want = Some("2026-11-24T00:00:00+00:00");
        for text in [
            "November 24, 2026",
            "Nov 24, 2026",
            "24 November 2026",
            "24 Nov 2026",
            "Nov. 24, 2026",
            "Tuesday, November 24, 2026",
            "  November 24, 2026\n",
        ] {
            assert_eq!(iso(text).as_deref(), want, "{text:?}");
        }
        assert_eq!(
            iso("March 3, 2026").as_deref(),
            Some("2026-03-03T00:00:00+00:00")
        );
    }

    #[test]
    fn unix_seconds_and_millis() {
        let want = Some("2026-11-24T10:00:00+00:00");
        assert_eq!(iso("1795514400").as_deref(), want);
        assert_eq!(iso("1795514400000").as_deref(), want);
        assert_eq!(
            from_unix(1_795_514_400).map(|d| d.to_rfc3339()).as_deref(),
            want
        );
        assert_eq!(
            from_unix(1_795_514_400_000)
                .map(|d| d.to_rfc3339())
                .as_deref(),
            want
        );
        assert_eq!(
            from_unix_f64(1_795_514_400.5)
                .map(|d| d.to_rfc3339())
                .as_deref(),
            Some("2026-11-24T10:00:00.500+00:00")
        );
    }

    /// The forms read at once give what the formats give, and leave what
    /// they cannot read to them.
    #[test]
    fn common_forms_as_the_formats_read_them() {
        let slow = |s: &str| naive(s);
        for text in [
            "2026-11-24",
            "2026-02-29",
            "2024-02-29",
            "0000-01-01",
            "2026-11-24 10:00:00",
            "2026-11-24 23:59:59",
            "2026-11-24 23:59:60",
            "2026-11-24 24:00:00",
            "2026-13-01",
            "2026-1-024",
            "2026-11-24T10:00:00",
            "2026-11-24 10:00:0x",
            "+2026-11-2",
        ] {
            if let Some(fast) = common(text) {
                assert_eq!(Some(fast), slow(text), "{text}");
            }
            assert_eq!(parse(text), slow(text), "{text}");
        }
        assert!(common("2026-11-24 10:00:00").is_some());
        assert!(common("2026-11-24").is_some());
        assert_eq!(common("2026-11-24 23:59:60"), None);
    }

    #[test]
    fn nonsense_is_unknown() {
        for text in [
            "",
            "   ",
            "yesterday",
            "2026-13-45",
            "Smarch 3, 2026",
            "12:00",
            "1e9",
            "-",
            "0",
            "2026",
            "-1795514400",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
        assert_eq!(from_unix_f64(f64::NAN), None);
        assert_eq!(from_unix(i64::MAX), None);
        assert_eq!(from_unix(0), None);
        assert_eq!(from_unix_f64(-5.0), None);
        assert_eq!(from_unix_f64(1e300), None);
    }
}
