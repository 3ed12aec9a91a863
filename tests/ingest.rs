//! Loading a collection: every format, the field names of real exports,
//! dates, bad input, and folder walking. Fixtures are built in temp dirs.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use byline::article::{Article, ArticleId, Problem};
use byline::ingest::{self, Loaded};
use tempfile::TempDir;

// ---------- helpers ----------

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

fn load_one(dir: &TempDir, rel: &str, bytes: impl AsRef<[u8]>) -> Loaded {
    let path = write(dir.path(), rel, bytes);
    ingest::load_file(&path)
}

/// The only article, with no problems.
fn only(loaded: Loaded) -> Article {
    assert_eq!(loaded.problems, vec![], "unexpected problems");
    assert_eq!(loaded.articles.len(), 1, "expected one article");
    loaded.articles.into_iter().next().unwrap()
}

/// The title the cleaner infers for `text` (loose text has no other).
fn inferred(text: &str) -> String {
    byline::clean::clean(text, None).title
}

/// File names of the articles, in order.
fn article_names(loaded: &Loaded) -> Vec<String> {
    loaded
        .articles
        .iter()
        .map(|a| a.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

fn body(a: &Article) -> String {
    a.paragraphs.join("\n")
}

fn date(a: &Article) -> Option<String> {
    a.meta.published.map(|d| d.to_rfc3339())
}

fn messages(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.message.as_str()).collect()
}

fn file_names(problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| p.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// Repeatable noise (xorshift), so binary fixtures need no extra crate.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

const STORY: &str = "Storm closes harbour\n\n\
    The harbour closed on Monday as the storm arrived.\n\n\
    Boats were moved inland before the tide.\n";

// ---------- .txt ----------

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

// ---------- .json field families ----------

#[test]
fn newsapi_shape() {
    let dir = TempDir::new().unwrap();
    let json = r#"{
      "status": "ok", "totalResults": 1,
      "articles": [{
        "source": {"id": "harbour-times", "name": "The Harbour Times"},
        "author": "Ann Reed",
        "title": "Storm closes harbour",
        "description": "A short summary.",
        "url": "https://www.harbour.example/storm",
        "urlToImage": "https://www.harbour.example/storm.jpg",
        "publishedAt": "2026-11-24T10:00:00Z",
        "content": "The harbour closed on Monday as the storm arrived… [+2048 chars]"
      }]
    }"#;
    let a = only(load_one(&dir, "newsapi.json", json));
    assert_eq!(a.title, "Storm closes harbour");
    assert_eq!(a.meta.source.as_deref(), Some("The Harbour Times"));
    assert_eq!(a.meta.author.as_deref(), Some("Ann Reed"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://www.harbour.example/storm")
    );
    assert_eq!(date(&a).as_deref(), Some("2026-11-24T10:00:00+00:00"));
    assert!(body(&a).contains("The harbour closed on Monday"));
    assert!(!body(&a).contains("[+2048 chars]"));
    assert!(!body(&a).contains("short summary"));
    // raw is the body string as read, not the JSON around it.
    assert_eq!(
        a.raw,
        "The harbour closed on Monday as the storm arrived… [+2048 chars]"
    );
    assert_eq!(a.id, ArticleId::from_content(&a.title, &a.paragraphs));
}

#[test]
fn news_please_shape() {
    let dir = TempDir::new().unwrap();
    let json = r#"{
      "authors": ["Ann Reed", "Bo Lind"],
      "date_download": "2026-11-25 08:00:00",
      "date_modify": null,
      "date_publish": "2026-11-24 10:00:00",
      "description": "Summary.",
      "filename": "x.json",
      "image_url": null,
      "language": "en",
      "localpath": null,
      "maintext": "The harbour closed on Monday.\n\nBoats were moved inland.",
      "source_domain": "harbour.example",
      "text": null,
      "title": "Storm closes harbour",
      "title_page": null,
      "title_rss": null,
      "url": "https://harbour.example/storm"
    }"#;
    let a = only(load_one(&dir, "np.json", json));
    assert_eq!(a.title, "Storm closes harbour");
    assert_eq!(a.meta.author.as_deref(), Some("Ann Reed, Bo Lind"));
    assert_eq!(a.meta.source.as_deref(), Some("harbour.example"));
    assert_eq!(date(&a).as_deref(), Some("2026-11-24T10:00:00+00:00"));
    assert!(body(&a).contains("Boats were moved inland."));
    assert!(!body(&a).contains("Summary."));
}

#[test]
fn trafilatura_shape() {
    let dir = TempDir::new().unwrap();
    let json = r#"{
      "title": "Storm closes harbour",
      "author": "Ann Reed; Bo Lind",
      "hostname": "harbour.example",
      "date": "2026-11-24",
      "fingerprint": "abc",
      "id": null,
      "license": null,
      "comments": "",
      "raw_text": "The harbour closed on Monday. Boats were moved inland.",
      "text": "The harbour closed on Monday.\nBoats were moved inland.",
      "language": "en",
      "image": null,
      "pagetype": "article",
      "source": "https://harbour.example/storm",
      "source-hostname": "The Harbour Times",
      "excerpt": "Summary.",
      "categories": "",
      "tags": ""
    }"#;
    let a = only(load_one(&dir, "traf.json", json));
    assert_eq!(a.title, "Storm closes harbour");
    assert_eq!(a.meta.author.as_deref(), Some("Ann Reed; Bo Lind"));
    assert_eq!(a.meta.source.as_deref(), Some("harbour.example"));
    assert_eq!(a.meta.url.as_deref(), Some("https://harbour.example/storm"));
    assert_eq!(date(&a).as_deref(), Some("2026-11-24T00:00:00+00:00"));
    assert!(body(&a).contains("Boats were moved inland."));

    // With a sitename, that (the readable name) is the source.
    let json = r#"{"title": "T", "text": "Body.", "sitename": "The Harbour Times",
                   "hostname": "harbour.example"}"#;
    let a = only(load_one(&dir, "traf2.json", json));
    assert_eq!(a.meta.source.as_deref(), Some("The Harbour Times"));
}

#[test]
fn newspaper_shape() {
    let dir = TempDir::new().unwrap();
    let json = r#"{
      "url": "https://www.harbour.example/2026/11/24/storm",
      "source_url": "https://www.harbour.example",
      "title": "Storm closes harbour",
      "text": "The harbour closed on Monday.\n\nBoats were moved inland.",
      "authors": ["Ann Reed"],
      "publish_date": "2026-11-24T10:00:00+01:00",
      "top_image": "https://www.harbour.example/a.jpg",
      "meta_description": "Summary.",
      "keywords": ["storm", "harbour"]
    }"#;
    let a = only(load_one(&dir, "newspaper.json", json));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://www.harbour.example/2026/11/24/storm")
    );
    assert_eq!(a.meta.source.as_deref(), Some("harbour.example"));
    assert_eq!(a.meta.author.as_deref(), Some("Ann Reed"));
    assert_eq!(date(&a).as_deref(), Some("2026-11-24T10:00:00+01:00"));
}

#[test]
fn other_field_names() {
    let dir = TempDir::new().unwrap();
    let json = r#"[
      {"headline": "H1", "articleBody": "Body one.", "link": "https://a.example/1",
       "site_name": "Site A", "datePublished": "Nov 24, 2026", "byline": "By Ann Reed"},
      {"headline": "H2", "content": "Body two.", "canonical_url": "https://b.example/2",
       "publisher": {"name": "Site B"}, "pubDate": "Tue, 24 Nov 2026 10:00:00 GMT",
       "author": [{"name": "Ann"}, {"name": "Bo"}]},
      {"title": "H3", "body": "Body three.", "source": "Site C", "published": 1795514400},
      {"title": "H4", "summary": "Only a summary.", "source_url": "https://d.example/4"}
    ]"#;
    let loaded = load_one(&dir, "mixed.json", json);
    assert_eq!(loaded.problems, vec![]);
    let a = &loaded.articles;
    assert_eq!(a.len(), 4);
    assert_eq!(a[0].title, "H1");
    assert_eq!(a[0].meta.url.as_deref(), Some("https://a.example/1"));
    assert_eq!(a[0].meta.source.as_deref(), Some("Site A"));
    assert_eq!(a[0].meta.author.as_deref(), Some("Ann Reed"));
    assert_eq!(date(&a[0]).as_deref(), Some("2026-11-24T00:00:00+00:00"));
    assert_eq!(a[1].meta.source.as_deref(), Some("Site B"));
    assert_eq!(a[1].meta.url.as_deref(), Some("https://b.example/2"));
    assert_eq!(a[1].meta.author.as_deref(), Some("Ann, Bo"));
    assert_eq!(date(&a[1]).as_deref(), Some("2026-11-24T10:00:00+00:00"));
    assert!(body(&a[1]).contains("Body two."));
    assert_eq!(a[2].meta.source.as_deref(), Some("Site C"));
    assert_eq!(date(&a[2]).as_deref(), Some("2026-11-24T10:00:00+00:00"));
    assert!(body(&a[2]).contains("Body three."));
    assert!(body(&a[3]).contains("Only a summary."));
    assert_eq!(a[3].meta.source.as_deref(), Some("d.example"));
    assert_eq!(a[3].meta.published, None);
}

#[test]
fn fullest_body_field_wins() {
    let dir = TempDir::new().unwrap();
    let json = r#"{"title": "T", "body": "Short.", "description": "A much longer summary than either.",
                   "text": "Longer text. With a second sentence."}"#;
    let a = only(load_one(&dir, "full.json", json));
    assert!(body(&a).contains("With a second sentence."));
    assert!(!body(&a).contains("summary"));
    assert_eq!(a.raw, "Longer text. With a second sentence.");
}

#[test]
fn title_without_body_and_body_without_title_are_articles() {
    let dir = TempDir::new().unwrap();
    let json = r#"[{"title": " Only a\n  title "}, {"text": "Inferred title\n\nThe body."}]"#;
    let loaded = load_one(&dir, "partial.json", json);
    assert_eq!(loaded.problems, vec![]);
    assert_eq!(loaded.articles[0].title, "Only a title");
    assert!(loaded.articles[0].paragraphs.is_empty());
    assert_eq!(
        loaded.articles[1].title,
        inferred("Inferred title\n\nThe body.")
    );
}

#[test]
fn wrapper_keys() {
    let dir = TempDir::new().unwrap();
    for key in ["articles", "items", "data", "results", "documents"] {
        let json = format!(
            r#"{{"meta": {{"count": 2}}, "{key}": [{{"title": "A", "text": "One."}},
                                                 {{"title": "B", "text": "Two."}}]}}"#
        );
        let loaded = load_one(&dir, &format!("{key}.json"), json);
        assert_eq!(loaded.problems, vec![], "{key}");
        let titles: Vec<_> = loaded.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["A", "B"], "{key}");
    }
    let nested = r#"{"data": {"results": [{"title": "Deep", "text": "x"}]}}"#;
    assert_eq!(only(load_one(&dir, "nested.json", nested)).title, "Deep");
}

#[test]
fn object_without_title_or_body_is_reported_with_its_index() {
    let dir = TempDir::new().unwrap();
    let json = r#"[{"title": "A", "text": "One."}, {"url": "https://x.example"}, 7,
                   {"title": "B", "text": "Two."}]"#;
    let loaded = load_one(&dir, "list.json", json);
    assert_eq!(loaded.articles.len(), 2);
    assert_eq!(
        messages(&loaded.problems),
        [
            "[1]: no title and no body; not an article, skipped",
            "[2]: expected an article object, found a number",
        ]
    );
    let wrapped = r#"{"articles": [{"title": "A"}, {"id": 3}]}"#;
    let loaded = load_one(&dir, "wrapped.json", wrapped);
    assert_eq!(
        messages(&loaded.problems),
        ["articles[1]: no title and no body; not an article, skipped"]
    );
    let single = r#"{"id": 3, "url": "https://x.example"}"#;
    let loaded = load_one(&dir, "single.json", single);
    assert!(loaded.articles.is_empty());
    assert_eq!(
        messages(&loaded.problems),
        ["no title and no body; not an article, skipped"]
    );
}

#[test]
fn json_of_the_wrong_shape() {
    let dir = TempDir::new().unwrap();
    for (text, found) in [
        ("42", "a number"),
        ("\"hello\"", "a string"),
        ("null", "null"),
        ("true", "a boolean"),
    ] {
        let loaded = load_one(&dir, "shape.json", text);
        assert!(loaded.articles.is_empty());
        assert_eq!(
            messages(&loaded.problems),
            [format!(
                "expected an article object or a list of them, found {found}"
            )]
        );
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    let dir = TempDir::new().unwrap();
    let loaded = load_one(
        &dir,
        "bad.json",
        "{\n  \"title\": \"A\"\n  \"text\": \"B\"\n}",
    );
    assert!(loaded.articles.is_empty());
    assert_eq!(loaded.problems.len(), 1);
    let m = &loaded.problems[0].message;
    assert!(m.starts_with("malformed JSON at line 3, column 3: "), "{m}");
    assert!(loaded.problems[0].path.ends_with("bad.json"));
    let cut = load_one(&dir, "cut.json", "{\"title\": \"x\",\n");
    assert_eq!(
        messages(&cut.problems),
        ["malformed JSON at line 2, column 1: EOF while parsing a value"]
    );
    let eof = load_one(&dir, "cut.json", "[{\"title\": \"A\"");
    assert!(
        eof.problems[0]
            .message
            .starts_with("malformed JSON at line 1, column "),
        "{}",
        eof.problems[0].message
    );
}

#[test]
fn json_with_byte_order_mark() {
    let dir = TempDir::new().unwrap();
    let a = only(load_one(
        &dir,
        "bom.json",
        "\u{feff}{\"title\": \"A\", \"text\": \"B.\"}",
    ));
    assert_eq!(a.title, "A");
}

// ---------- .jsonl / .ndjson ----------

#[test]
fn jsonl_bad_line_is_reported_with_its_number_and_the_rest_load() {
    let dir = TempDir::new().unwrap();
    let text = concat!(
        "{\"title\": \"One\", \"text\": \"First.\"}\n",
        "\n",
        "{\"title\": \"Two\", \"text\": \"Second.\"\n",
        "   \n",
        "{\"title\": \"Three\", \"text\": \"Third.\"}\r\n",
        "[1, 2]\n",
        "{\"source\": \"nothing else\"}\n",
        "{\"title\": \"Four\", \"text\": \"Fourth.\"}",
    );
    for name in ["feed.jsonl", "feed.ndjson"] {
        let loaded = load_one(&dir, name, text);
        let titles: Vec<_> = loaded.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["One", "Three", "Four"]);
        let m = messages(&loaded.problems);
        assert_eq!(m.len(), 4, "{m:?}");
        assert!(
            m[0].starts_with("line 3: malformed JSON at column "),
            "{m:?}"
        );
        assert_eq!(
            m[1],
            "line 6: [0]: expected an article object, found a number"
        );
        assert_eq!(
            m[2],
            "line 6: [1]: expected an article object, found a number"
        );
        assert_eq!(
            m[3],
            "line 7: no title and no body; not an article, skipped"
        );
    }
}

// ---------- .md / .markdown ----------

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

// ---------- dates ----------

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

// ---------- bad input ----------

#[test]
fn unreadable_file() {
    let dir = TempDir::new().unwrap();
    // A folder read as a file fails for anyone, root included.
    let sub = dir.path().join("folder.txt");
    fs::create_dir(&sub).unwrap();
    let loaded = ingest::load_file(&sub);
    assert!(loaded.articles.is_empty());
    assert_eq!(messages(&loaded.problems), ["cannot read: is a directory"]);

    let missing = ingest::load_paths(&[dir.path().join("nope.txt")]);
    assert_eq!(
        messages(&missing.problems),
        ["cannot read: no such file or folder"]
    );
}

#[cfg(unix)]
#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "locked.txt", STORY);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let loaded = ingest::load_paths(&[dir.path().to_path_buf()]);
    if fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, so it loads.
        assert_eq!(loaded.articles.len(), 1);
        return;
    }
    assert!(loaded.articles.is_empty());
    assert_eq!(
        messages(&loaded.problems),
        ["cannot read: permission denied; check its permissions"]
    );
}

#[test]
fn invalid_utf8_loads_lossily_and_is_reported() {
    let dir = TempDir::new().unwrap();
    let loaded = load_one(
        &dir,
        "latin1.txt",
        b"Caf\xe9 opens\n\nThe caf\xe9 opened.\n",
    );
    assert_eq!(loaded.articles.len(), 1);
    assert_eq!(
        loaded.articles[0].raw,
        "Caf\u{FFFD} opens\n\nThe caf\u{FFFD} opened.\n"
    );
    assert_eq!(
        messages(&loaded.problems),
        ["not valid UTF-8; decoded lossily"]
    );
    let json = load_one(
        &dir,
        "latin1.json",
        b"{\"title\": \"Caf\xe9\", \"text\": \"x\"}",
    );
    assert_eq!(json.articles.len(), 1);
    assert_eq!(
        messages(&json.problems),
        ["not valid UTF-8; decoded lossily"]
    );
}

#[test]
fn binary_files_are_skipped() {
    let dir = TempDir::new().unwrap();
    for name in ["blob.bin", "noise.txt", "noise.json", "noextension"] {
        let loaded = load_one(&dir, name, noise(4096, 7));
        assert!(loaded.articles.is_empty(), "{name}");
        assert_eq!(
            messages(&loaded.problems),
            ["binary file, skipped"],
            "{name}"
        );
    }
}

#[test]
fn empty_and_whitespace_only_files() {
    let dir = TempDir::new().unwrap();
    for (name, text) in [
        ("empty.txt", ""),
        ("blank.json", " \n\t\n"),
        ("blank.md", "\n\n"),
        ("blank.jsonl", "\n \n"),
    ] {
        let loaded = load_one(&dir, name, text);
        assert!(loaded.articles.is_empty(), "{name}");
        assert_eq!(messages(&loaded.problems), ["empty file"], "{name}");
    }
}

#[test]
fn huge_one_line_files_load_in_linear_time() {
    let dir = TempDir::new().unwrap();
    let line = "word ".repeat(4 * 1024 * 1024); // 20 MB, no newline
    let start = Instant::now();
    let loaded = load_one(&dir, "huge.txt", &line);
    assert_eq!(loaded.articles.len(), 1);
    assert_eq!(loaded.problems, vec![]);
    let json = format!("{{\"title\": \"Big\", \"text\": \"{line}\"}}");
    let loaded = load_one(&dir, "huge.json", &json);
    assert_eq!(loaded.articles.len(), 1);
    assert_eq!(loaded.articles[0].raw.len(), line.len());
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn explicitly_named_asset_is_reported() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "page.html", "<html>Story</html>");
    let loaded = ingest::load_paths(&[path]);
    assert!(loaded.articles.is_empty());
    assert_eq!(
        messages(&loaded.problems),
        ["a .html file is not an article, skipped"]
    );
}

// ---------- folders ----------

#[test]
fn ten_good_one_malformed_json_one_binary() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("news");
    for i in 0..4 {
        write(
            &root,
            &format!("txt/story{i}.txt"),
            format!("Story {i}\n\nBody {i}.\n"),
        );
    }
    for i in 0..3 {
        write(
            &root,
            &format!("json/story{i}.json"),
            format!("{{\"title\": \"JSON {i}\", \"text\": \"Body.\"}}"),
        );
    }
    write(
        &root,
        "json/pair.jsonl",
        "{\"title\": \"L1\", \"text\": \"a\"}\n{\"title\": \"L2\", \"text\": \"b\"}\n",
    );
    write(&root, "md/story.md", "# Markdown story\n\nBody.\n");
    write(&root, "broken.json", "{\"title\": \"oops\",");
    write(&root, "blob.bin", noise(2048, 42));
    write(&root, "img/photo.jpg", noise(2048, 3));
    write(&root, "style.css", "body { color: red }");

    let loaded = ingest::load_paths(&[root]);
    assert_eq!(loaded.articles.len(), 10);
    assert_eq!(file_names(&loaded.problems), ["blob.bin", "broken.json"]);
    assert_eq!(loaded.problems[0].message, "binary file, skipped");
    assert!(
        loaded.problems[1]
            .message
            .starts_with("malformed JSON at line 1")
    );
}

#[test]
fn empty_folder_gives_no_articles_and_the_cli_exits_1() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "cover.png", noise(100, 1));
    write(dir.path(), ".hidden.txt", STORY);
    let loaded = ingest::load_paths(&[dir.path().to_path_buf()]);
    assert!(loaded.articles.is_empty());
    assert_eq!(loaded.problems, vec![]);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("list")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no articles could be read"));
}

#[test]
fn walk_is_sorted_and_skips_hidden_files_and_folders() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("root");
    write(&root, "b.txt", "B\n\nb");
    write(&root, "a/z.txt", "AZ\n\nx");
    write(&root, "a/m.txt", "AM\n\nx");
    write(&root, "c.md", "# C\n\nc");
    write(&root, ".hidden.txt", "Hidden\n\nx");
    write(&root, ".git/HEAD", "ref: refs/heads/main");
    write(&root, ".cache/a.json", "{\"title\": \"Hidden\"}");
    write(&root, "a/.DS_Store", noise(64, 9));

    let loaded = ingest::load_paths(std::slice::from_ref(&root));
    assert_eq!(loaded.problems, vec![]);
    let paths: Vec<_> = loaded
        .articles
        .iter()
        .map(|a| a.path.strip_prefix(&root).unwrap().to_path_buf())
        .collect();
    let want: Vec<PathBuf> = ["a/m.txt", "a/z.txt", "b.txt", "c.md"]
        .iter()
        .map(PathBuf::from)
        .collect();
    assert_eq!(paths, want);
    // A hidden file named on its own is read.
    let named = ingest::load_paths(&[root.join(".hidden.txt")]);
    assert_eq!(named.articles.len(), 1);
}

#[test]
fn problems_are_sorted_by_path() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "z.txt", "");
    write(dir.path(), "a/y.json", "5");
    write(dir.path(), "m.bin", noise(100, 5));
    // Found while walking, before any file is read: still sorted in place.
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("zz-dangling")).unwrap();
    let loaded = ingest::load_paths(&[dir.path().to_path_buf()]);
    let mut sorted = loaded.problems.clone();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(loaded.problems, sorted);
    let mut want = vec!["y.json", "m.bin", "z.txt"];
    if cfg!(unix) {
        want.push("zz-dangling");
    }
    assert_eq!(file_names(&loaded.problems), want);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_once_and_walking_ends() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("root");
    write(&root, "a/story.txt", STORY);
    symlink(&root, root.join("a/back-to-root")).unwrap();
    symlink(root.join("a"), root.join("a/self")).unwrap();

    let loaded = ingest::load_paths(&[root]);
    assert_eq!(loaded.articles.len(), 1);
    assert_eq!(file_names(&loaded.problems), ["back-to-root", "self"]);
    for p in &loaded.problems {
        assert!(p.message.starts_with("symlink loop back to "), "{p}");
        assert!(p.message.ends_with(", not followed"), "{p}");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_and_each_file_read_once() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    write(&elsewhere, "far.txt", "Far away\n\nx");
    let root = dir.path().join("root");
    write(&root, "near.txt", "Near\n\nx");
    symlink(&elsewhere, root.join("linked")).unwrap();
    symlink(root.join("near.txt"), root.join("near-again.txt")).unwrap();
    symlink(root.join("missing.txt"), root.join("dangling.txt")).unwrap();

    let loaded = ingest::load_paths(&[root]);
    assert_eq!(article_names(&loaded), ["far.txt", "near-again.txt"]);
    assert_eq!(file_names(&loaded.problems), ["dangling.txt"]);
    assert_eq!(loaded.problems[0].message, "broken symlink, skipped");
}

// ---------- the embedded sample ----------

#[test]
fn sample_loads_without_problems() {
    let loaded = ingest::load_sample();
    assert_eq!(loaded.problems, vec![]);
    for a in &loaded.articles {
        assert!(a.path.starts_with("sample"), "{}", a.path.display());
        assert!(!a.title.is_empty(), "{}", a.path.display());
    }
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

#[test]
fn json_feed_title_does_not_hide_its_items() {
    let dir = TempDir::new().unwrap();
    let json = r#"{
      "version": "https://jsonfeed.org/version/1.1",
      "title": "Harbour feed",
      "items": [{"id": "1", "title": "Storm closes harbour",
                 "content_text": "The harbour closed.", "url": "https://harbour.example/1",
                 "date_published": "2026-11-24T10:00:00Z", "authors": [{"name": "Ann"}]}]
    }"#;
    let a = only(load_one(&dir, "feed.json", json));
    assert_eq!(a.title, "Storm closes harbour");
    assert_eq!(a.meta.author.as_deref(), Some("Ann"));
    assert_eq!(date(&a).as_deref(), Some("2026-11-24T10:00:00+00:00"));
    assert!(body(&a).contains("The harbour closed."));
}

#[test]
fn json_lines_saved_as_json_still_load() {
    let dir = TempDir::new().unwrap();
    let text = "{\"title\": \"A\", \"text\": \"a\"}\n{\"title\": \"B\", \"text\": \"b\"}\n";
    let loaded = load_one(&dir, "export.json", text);
    assert_eq!(loaded.problems, vec![]);
    let titles: Vec<_> = loaded.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["A", "B"]);
}

#[test]
fn pretty_json_with_junk_after_is_one_problem() {
    let dir = TempDir::new().unwrap();
    let text = "{\n  \"title\": \"A\",\n  \"text\": \"a\"\n}\n}\n";
    let loaded = load_one(&dir, "junk.json", text);
    assert!(loaded.articles.is_empty());
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(
        loaded.problems[0].message,
        "malformed JSON at line 5, column 1: trailing characters"
    );
}
