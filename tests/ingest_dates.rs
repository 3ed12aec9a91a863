//! Publication dates when loading: the dateline in the text, the file's
//! modification time, date fields and every date form they are written in.

mod ingest_common;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use byline::ingest;
use ingest_common::{date, load_one, only, write};
use tempfile::TempDir;

fn set_mtime(path: &Path, unix_secs: u64) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(unix_secs))
        .unwrap();
}

/// 2026-11-24T10:00:00Z.
const NOV_24_10AM: u64 = 1_795_514_400;

const DATELINED: &str = "Menu\n\nNews\n\nStorm closes harbour\n\n\
    By Ann Reed, Harbour Reporter | Thursday 19 November 2026, 8:15 am\n\n\
    The harbour closed on Monday as the storm arrived.\n";

#[test]
fn txt_dateline_wins_over_mtime() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "coastal-news/storm.txt", DATELINED);
    set_mtime(&path, NOV_24_10AM);
    let a = only(ingest::load_file(&path));
    assert_eq!(date(&a).as_deref(), Some("2026-11-19T08:15:00+00:00"));
    assert_eq!(a.raw, DATELINED);
}

#[test]
fn txt_without_dateline_gets_mtime() {
    let dir = TempDir::new().unwrap();
    // A date in a story paragraph is not a dateline.
    let text = "Storm closes harbour\n\nOn November 19, 2026, the harbour closed as the \
                storm arrived, and the boats that had not been moved inland before the tide \
                were left to ride it out at their moorings, their owners watching from the \
                sea wall until the police asked them to go home.\n";
    let path = write(dir.path(), "coastal-news/storm.txt", text);
    set_mtime(&path, NOV_24_10AM);
    let a = only(ingest::load_file(&path));
    assert_eq!(date(&a).as_deref(), Some("2026-11-24T10:00:00+00:00"));
}

#[test]
fn txt_dateline_after_the_file_was_saved_is_not_believed() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "storm.txt", DATELINED);
    // Saved on 2026-11-10: a page dated the 19th is misread, not real.
    set_mtime(&path, NOV_24_10AM - 14 * 86_400);
    let a = only(ingest::load_file(&path));
    assert_eq!(date(&a).as_deref(), Some("2026-11-10T10:00:00+00:00"));
}

#[test]
fn txt_dateline_without_mtime() {
    let a = only(ingest::load_bytes(
        Path::new("sample/storm.txt"),
        DATELINED.as_bytes(),
        None,
    ));
    assert_eq!(date(&a).as_deref(), Some("2026-11-19T08:15:00+00:00"));
}

#[test]
fn markdown_and_json_without_a_date_field_use_the_dateline() {
    let dir = TempDir::new().unwrap();
    let md = "# Storm closes harbour\n\n*Published 19 November 2026 · By Ann Reed*\n\n\
              The harbour closed.\n";
    let path = write(dir.path(), "site/storm.md", md);
    set_mtime(&path, NOV_24_10AM);
    let a = only(ingest::load_file(&path));
    assert_eq!(date(&a).as_deref(), Some("2026-11-19T00:00:00+00:00"));

    let md = "---\ndate: someday\n---\nUpdated 19.11.2026\n\nThe harbour closed.\n";
    let a = only(load_one(&dir, "site/bad-date.md", md));
    assert_eq!(date(&a).as_deref(), Some("2026-11-19T00:00:00+00:00"));

    let md = "---\ndate: 2026-11-21\n---\nUpdated 19.11.2026\n\nThe harbour closed.\n";
    let a = only(load_one(&dir, "site/field.md", md));
    assert_eq!(
        date(&a).as_deref(),
        Some("2026-11-21T00:00:00+00:00"),
        "the field wins"
    );

    let json = r#"[{"title": "A", "text": "Updated 19.11.2026\n\nThe harbour closed."},
                   {"title": "B", "text": "Updated 19.11.2026\n\nThe harbour closed.",
                    "date": "2026-11-21"},
                   {"title": "C", "text": "The harbour closed."}]"#;
    let loaded = load_one(&dir, "export.json", json);
    assert_eq!(loaded.problems, vec![]);
    let dates: Vec<_> = loaded.articles.iter().map(date).collect();
    assert_eq!(
        dates,
        [
            Some("2026-11-19T00:00:00+00:00".to_string()),
            Some("2026-11-21T00:00:00+00:00".to_string()),
            None,
        ]
    );
}

#[test]
fn every_date_form_through_json() {
    let dir = TempDir::new().unwrap();
    let cases: &[(&str, &str)] = &[
        ("\"2026-11-24T10:00:00+02:00\"", "2026-11-24T10:00:00+02:00"),
        ("\"2026-11-24T10:00:00Z\"", "2026-11-24T10:00:00+00:00"),
        (
            "\"Tue, 24 Nov 2026 10:00:00 +0000\"",
            "2026-11-24T10:00:00+00:00",
        ),
        ("\"2026-11-24\"", "2026-11-24T00:00:00+00:00"),
        ("\"2026-11-24 10:00:00\"", "2026-11-24T10:00:00+00:00"),
        ("\"2026-11-24T10:00:00\"", "2026-11-24T10:00:00+00:00"),
        ("\"November 24, 2026\"", "2026-11-24T00:00:00+00:00"),
        ("\"Nov 24, 2026\"", "2026-11-24T00:00:00+00:00"),
        ("\"24 November 2026\"", "2026-11-24T00:00:00+00:00"),
        ("1795514400", "2026-11-24T10:00:00+00:00"),
        ("\"1795514400\"", "2026-11-24T10:00:00+00:00"),
        ("1795514400000", "2026-11-24T10:00:00+00:00"),
        ("\"1795514400000\"", "2026-11-24T10:00:00+00:00"),
    ];
    let lines: Vec<String> = cases
        .iter()
        .map(|(d, _)| format!("{{\"title\": \"T\", \"text\": \"B\", \"date\": {d}}}"))
        .collect();
    let loaded = load_one(&dir, "dates.jsonl", lines.join("\n"));
    assert_eq!(loaded.problems, vec![]);
    for (a, (given, want)) in loaded.articles.iter().zip(cases) {
        assert_eq!(date(a).as_deref(), Some(*want), "{given}");
    }
}

#[test]
fn unparseable_date_is_unknown_and_later_fields_are_tried() {
    let dir = TempDir::new().unwrap();
    let json = r#"[{"title": "A", "date": "last Tuesday"},
                   {"title": "B", "date": "soon", "date_download": "2026-11-25"},
                   {"title": "C", "published": 0, "date": "2026"}]"#;
    let loaded = load_one(&dir, "d.json", json);
    assert_eq!(loaded.problems, vec![]);
    assert_eq!(loaded.articles[0].meta.published, None);
    assert_eq!(
        loaded.articles[2].meta.published, None,
        "0 is a placeholder"
    );
    assert_eq!(
        date(&loaded.articles[1]).as_deref(),
        Some("2026-11-25T00:00:00+00:00")
    );
}

#[test]
fn sample_text_articles_carry_their_datelines() {
    let loaded = ingest::load_sample();
    let dated: Vec<(String, Option<String>)> = loaded
        .articles
        .iter()
        .filter(|a| a.path.extension().is_some_and(|e| e == "txt"))
        .map(|a| {
            let name = a.path.file_name().unwrap().to_string_lossy().into_owned();
            (name, date(a))
        })
        .collect();
    let want = [
        (
            "gale-warning-first-winter-storm.txt",
            "2026-11-25T00:00:00+00:00",
        ),
        ("skerrow-ferry-vote.txt", "2026-11-24T18:42:00+00:00"),
        ("rovers-cup-shootout.txt", "2026-11-15T21:12:00+00:00"),
        (
            "stadtbibliothek-rund-um-die-uhr.txt",
            "2026-11-19T17:05:00+00:00",
        ),
        ("viaduct-bat-count.txt", "2026-11-05T00:00:00+00:00"),
    ];
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(n, d)| (n.to_string(), Some(d.to_string())))
        .collect();
    assert_eq!(dated, want);
}
