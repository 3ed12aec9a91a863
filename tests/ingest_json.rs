//! Loading JSON and JSON Lines: the field names of real exports (NewsAPI,
//! news-please, trafilatura, newspaper, JSON Feed), wrapper keys, and
//! objects or lines that are not articles.

mod ingest_common;

use byline::article::ArticleId;
use ingest_common::{body, date, inferred, load_one, messages, only};
use tempfile::TempDir;

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
