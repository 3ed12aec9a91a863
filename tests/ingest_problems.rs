//! Bad input when loading: unreadable and forbidden files, invalid UTF-8,
//! binary and empty files, huge lines, assets, junk after JSON, and a folder
//! of ten good files with two bad ones.

mod ingest_common;

use std::fs;
use std::time::{Duration, Instant};

use byline::ingest;
use ingest_common::{STORY, file_names, load_one, messages, noise, write};
use tempfile::TempDir;

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
