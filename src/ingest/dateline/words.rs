//! The word tables datelines are read with: opening markers ("By",
//! "Updated"…), filler words, month names in five languages, zone
//! abbreviations, and the words joining a date to its time.

use crate::ingest::date;

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
/// (lowercase): weekdays (besides the English ones of [`date::WEEKDAYS`])
/// and the small words around dates and times.
const FILLERS: &[&str] = &[
    "tues",
    "thurs",
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
pub(super) const TIME_JOINERS: &[&str] = &["at", "um", "à", "a", "las", "alle", "ore", "t", "kl"];

/// Whether a lowercase word opens a byline or dateline.
pub(super) fn is_marker(word: &str) -> bool {
    MARKERS.contains(&word)
}

/// Whether a lowercase word may sit in a dateline without making it a
/// sentence: a weekday or a small word around dates and times.
pub(super) fn is_filler(word: &str) -> bool {
    date::WEEKDAYS.contains(&word) || FILLERS.contains(&word)
}

/// The number (1..=12) of a lowercase month name or abbreviation (English,
/// German, French, Spanish, Italian). A `match`, not a table searched in
/// order: every word of a line with a year in it is looked up.
pub(super) fn month_number(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" | "januar" | "jänner" | "janvier" | "janv" | "enero" | "ene"
        | "gennaio" | "gen" => 1,
        "february" | "feb" | "februar" | "février" | "fevrier" | "févr" | "fevr" | "febrero"
        | "febbraio" => 2,
        "march" | "mar" | "märz" | "mär" | "mrz" | "mars" | "marzo" => 3,
        "april" | "apr" | "avril" | "avr" | "abril" | "abr" | "aprile" => 4,
        "may" | "mai" | "mayo" | "maggio" | "mag" => 5,
        "june" | "jun" | "juni" | "juin" | "junio" | "giugno" | "giu" => 6,
        "july" | "jul" | "juli" | "juillet" | "juil" | "julio" | "luglio" | "lug" => 7,
        "august" | "aug" | "août" | "aout" | "agosto" | "ago" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "setiembre" | "settembre"
        | "set" => 9,
        "october" | "oct" | "oktober" | "okt" | "octobre" | "octubre" | "ottobre" | "ott" => 10,
        "november" | "nov" | "novembre" | "noviembre" => 11,
        "december" | "dec" | "dezember" | "dez" | "décembre" | "decembre" | "déc" | "diciembre"
        | "dic" | "dicembre" => 12,
        _ => return None,
    })
}

/// Hours east of UTC of a zone abbreviation, as written (`CST`, `UTC`).
pub(super) fn zone_hours(name: &str) -> Option<i32> {
    ZONES.iter().find(|(n, _)| *n == name).map(|(_, h)| *h)
}
