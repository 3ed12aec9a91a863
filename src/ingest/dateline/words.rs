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

/// The number (1..=12) of a lowercase month name or abbreviation.
pub(super) fn month_number(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, n)| *n)
}

/// Hours east of UTC of a zone abbreviation, as written (`CST`, `UTC`).
pub(super) fn zone_hours(name: &str) -> Option<i32> {
    ZONES.iter().find(|(n, _)| *n == name).map(|(_, h)| *h)
}
