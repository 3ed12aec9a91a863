//! Loading each format: loose text (`.txt`, `.text`, unknown extensions),
//! Markdown with front matter, and the embedded sample collection.

mod ingest_common;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use byline::article::ArticleId;
use byline::ingest;
use ingest_common::{STORY, article_names, body, date, inferred, load_one, only, write};
use tempfile::TempDir;

#[test]
fn txt_title_from_cleaner_date_from_mtime_source_from_folder() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "coastal-news/storm.txt", STORY);
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_514_400);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(when)
        .unwrap();

    let a = only(ingest::load_file(&path));
    assert_eq!(a.title, inferred(STORY));
    assert!(!a.title.is_empty());
    assert_eq!(date(&a).as_deref(), Some("2026-11-24T10:00:00+00:00"));
    assert_eq!(a.meta.source.as_deref(), Some("coastal-news"));
    assert_eq!(a.meta.url, None);
    assert_eq!(a.raw, STORY);
    assert_eq!(a.path, path);
    assert!(body(&a).contains("Boats were moved inland"));
    assert_eq!(a.id, ArticleId::from_content(&a.title, &a.paragraphs));
}

#[test]
fn load_bytes_without_mtime_has_no_date() {
    let a = only(ingest::load_bytes(
        Path::new("sample/storm.txt"),
        STORY.as_bytes(),
        None,
    ));
    assert_eq!(a.meta.published, None);
    assert_eq!(a.meta.source.as_deref(), Some("sample"));
    let stdin = only(ingest::load_bytes(Path::new("-"), STORY.as_bytes(), None));
    assert_eq!(stdin.meta.source, None);
    assert_eq!(stdin.title, inferred(STORY));
}

#[test]
fn text_extension_and_unknown_extensions_load_as_text() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.TEXT", STORY);
    write(dir.path(), "b.TXT", STORY);
    write(dir.path(), "c", STORY);
    write(dir.path(), "d.article", STORY);
    let loaded = ingest::load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(loaded.problems, vec![]);
    assert_eq!(
        article_names(&loaded),
        ["a.TEXT", "b.TXT", "c", "d.article"]
    );
}

#[test]
fn markdown_with_front_matter() {
    let dir = TempDir::new().unwrap();
    let text = "---\ntitle: \"Storm closes harbour\"\ndate: 2026-11-24T10:00:00Z\n\
                url: https://harbour.example/storm\nsource: 'The Harbour Times'\n\
                author: Ann Reed\ntags: [a, b]\n---\n\n\
                The harbour closed on Monday.\n\nBoats were moved inland.\n";
    let a = only(load_one(&dir, "site/storm.md", text));
    assert_eq!(a.title, "Storm closes harbour");
    assert_eq!(date(&a).as_deref(), Some("2026-11-24T10:00:00+00:00"));
    assert_eq!(a.meta.url.as_deref(), Some("https://harbour.example/storm"));
    assert_eq!(a.meta.source.as_deref(), Some("The Harbour Times"));
    assert_eq!(a.meta.author.as_deref(), Some("Ann Reed"));
    assert!(body(&a).contains("Boats were moved inland."));
    assert!(!body(&a).contains("title:"));
    assert_eq!(a.raw, text);
}

#[test]
fn markdown_heading_is_the_title() {
    let dir = TempDir::new().unwrap();
    let text = "# Storm closes harbour\n\nThe harbour closed on Monday.\n";
    let a = only(load_one(&dir, "site/storm.markdown", text));
    assert_eq!(a.title, "Storm closes harbour");
    assert!(!body(&a).contains("# Storm"));
    assert!(body(&a).contains("The harbour closed on Monday."));
    assert_eq!(a.meta.source.as_deref(), Some("site"));
    assert!(a.meta.published.is_some(), "mtime is the fallback date");

    let text = "---\ndate: November 24, 2026\n---\n# Heading title\n\nBody.\n";
    let a = only(load_one(&dir, "site/both.MD", text));
    assert_eq!(a.title, "Heading title");
    assert_eq!(date(&a).as_deref(), Some("2026-11-24T00:00:00+00:00"));

    let text = "---\ndate: someday\n---\nPlain title\n\nBody.\n";
    let a = only(load_one(&dir, "site/plain.md", text));
    assert_eq!(a.title, inferred("Plain title\n\nBody.\n"));
    assert_eq!(
        a.meta.published, None,
        "a date that does not parse is unknown"
    );
}

#[test]
fn markdown_body_is_plain_text_before_cleaning() {
    let dir = TempDir::new().unwrap();
    let text = "# Storm *closes* `harbour`\n\n\
                *Published 19 November 2026 · By [Ann Reed](/ann)*\n\n\
                ![Boats on the slipway](boats.jpg)\n\n\
                The harbour **closed** on Monday as the\n\
                storm arrived, and [the ferry](https://ferry.example) stayed in port.\n\n\
                <!-- ad slot -->\n\n\
                ## What happens next\n\n\
                > \"We will reopen when it is safe,\" the harbour master said.\n\n\
                - Boats moved inland\n\
                - Road closed\n\n\
                ---\n\n\
                [1]: https://harbour.example/notice\n";
    let a = only(load_one(&dir, "site/storm.md", text));
    assert_eq!(a.title, "Storm closes harbour");
    assert_eq!(a.raw, text);
    // Every converted line reaches the cleaner as plain text: it is either kept
    // in the body or removed (the cleaner's choice, tested in tests/clean.rs).
    let paragraphs: Vec<&str> = a
        .paragraphs
        .iter()
        .map(String::as_str)
        .chain(a.removed.iter().map(|r| r.text.as_str()))
        .collect();
    for want in [
        "The harbour closed on Monday as the storm arrived, and the ferry stayed in port.",
        "What happens next",
        "\"We will reopen when it is safe,\" the harbour master said.",
        "• Boats moved inland",
        "• Road closed",
    ] {
        assert!(
            paragraphs.contains(&want),
            "{want:?} not in {paragraphs:#?}"
        );
    }
    let body = paragraphs.join("\n");
    for markup in [
        "**", "](", "![", "> ", "## ", "<!--", "---", "[1]", "`", "*",
    ] {
        assert!(!body.contains(markup), "{markup:?} left in {body:?}");
    }
}

#[test]
fn sample_loads_without_problems() {
    let loaded = ingest::load_sample();
    assert_eq!(loaded.problems, vec![]);
    for a in &loaded.articles {
        assert!(a.path.starts_with("sample"), "{}", a.path.display());
        assert!(!a.title.is_empty(), "{}", a.path.display());
    }
}
