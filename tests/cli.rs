//! The `byline` binary's non-interactive modes (`clean`, `list`, `config`),
//! run as a user would run them.
//!
//! The fixtures are deliberately unambiguous (a title line, then two long
//! story paragraphs) so that these tests check the command-line contract and
//! not the cleaner's judgement about junk.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use byline::config::Config;
use serde_json::Value;

const TITLE: &str = "Lighthouse keeper's cottage on Varne Point to become a sea-rescue station";
const P1: &str = "The empty keeper's cottage beside the Varne Point lighthouse will be \
    converted into a base for the volunteer sea-rescue crew, the harbour trust said on \
    Wednesday, ending six years in which the building stood boarded up and the crew kept \
    its boat in a rented shed two miles along the coast.";
const P2: &str = "Work on the cottage is due to begin in the spring and should take about \
    eight months. The trust said the crew would be able to launch from the old slipway below \
    the lighthouse, cutting several minutes from the time it takes to reach boats in trouble \
    off the point, where the tide runs fastest.";

const TITLE2: &str = "Night buses return to the Eastfold line after a two-year gap";
const Q1: &str = "Night buses will run again on the Eastfold line from next month, the \
    regional transport board said, two years after the service was cut to save money. The \
    buses will leave the city centre every forty minutes from midnight until five on Friday \
    and Saturday nights, stopping at every village along the old route.";
const Q2: &str = "The board said a trial last summer had carried more passengers than \
    expected, many of them hospital and hotel staff finishing late shifts. Fares will match \
    the daytime service, and passes bought for daytime journeys will also be accepted on the \
    night buses without any extra charge.";

/// A story as a plain text file: title, blank line, two paragraphs.
fn story(title: &str, first: &str, second: &str) -> String {
    format!("{title}\n\n{first}\n\n{second}\n")
}

/// The binary, with its state and config kept inside `home` so that a test
/// can never touch the real home directory.
fn byline(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_byline"));
    cmd.env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the byline binary should start")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout should be UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, name: &str, contents: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, contents).unwrap();
    path
}

/// Parses each stdout line as one JSON object.
fn json_lines(out: &Output) -> Vec<serde_json::Map<String, Value>> {
    stdout(out)
        .lines()
        .map(|line| match serde_json::from_str(line) {
            Ok(Value::Object(map)) => map,
            other => panic!("not a JSON object: {line:?} ({other:?})"),
        })
        .collect()
}

/// The exact keys of `clean --json`, and the types of their values.
fn assert_clean_json_shape(obj: &serde_json::Map<String, Value>) {
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "author",
            "body",
            "path",
            "published",
            "removed",
            "source",
            "title",
            "url"
        ]
    );
    assert!(obj["path"].is_string(), "{obj:?}");
    assert!(obj["title"].is_string(), "{obj:?}");
    assert!(obj["body"].is_string(), "{obj:?}");
    for key in ["source", "url", "author"] {
        assert!(
            obj[key].is_string() || obj[key].is_null(),
            "{key} should be a string or null: {obj:?}"
        );
    }
    match &obj["published"] {
        Value::Null => {}
        Value::String(s) => {
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap_or_else(|e| panic!("published {s:?} is not RFC 3339: {e}"));
        }
        other => panic!("published should be a string or null, not {other:?}"),
    }
    let removed = obj["removed"].as_array().expect("removed is a list");
    for r in removed {
        let r = r.as_object().expect("each removed entry is an object");
        let mut keys: Vec<&str> = r.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["reason", "text"], "{r:?}");
        assert!(r["text"].is_string() && r["reason"].is_string(), "{r:?}");
    }
}

#[test]
fn clean_json_prints_one_object_per_article_with_the_documented_keys() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "cottage.txt", &story(TITLE, P1, P2));
    let b = write(dir.path(), "buses.txt", &story(TITLE2, Q1, Q2));

    let out = run(byline(dir.path())
        .arg("clean")
        .arg("--json")
        .arg(&a)
        .arg(&b));
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let objects = json_lines(&out);
    assert_eq!(objects.len(), 2, "one line per article: {}", stdout(&out));
    for obj in &objects {
        assert_clean_json_shape(obj);
    }

    let first = &objects[0];
    assert_eq!(first["title"], TITLE);
    assert_eq!(first["path"], a.display().to_string());
    let body = first["body"].as_str().unwrap();
    assert!(body.contains(P1) && body.contains(P2), "{body:?}");
    assert!(!body.contains(Q1), "articles must not run together");
    assert_eq!(objects[1]["title"], TITLE2);
}

#[test]
fn clean_text_prints_title_blank_line_and_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "cottage.txt", &story(TITLE, P1, P2));

    let out = run(byline(dir.path()).arg("clean").arg(&file));
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let blocks: Vec<&str> = text.trim_end().split("\n\n").collect();
    assert_eq!(blocks, [TITLE, P1, P2], "whole output: {text:?}");
}

#[test]
fn clean_dash_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = byline(dir.path())
        .args(["clean", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(story(TITLE2, Q1, Q2).as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let objects = json_lines(&out);
    assert_eq!(objects.len(), 1, "{}", stdout(&out));
    assert_clean_json_shape(&objects[0]);
    assert_eq!(objects[0]["title"], TITLE2);
    assert!(objects[0]["body"].as_str().unwrap().contains(Q2));
}

#[test]
fn clean_reads_a_json_export_with_its_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let article = serde_json::json!({
        "source": {"id": null, "name": "Varne Point Herald"},
        "author": "Odile Marsh",
        "title": TITLE,
        "description": "The harbour trust has found a use for the empty cottage.",
        "url": "https://varne-herald.example/news/cottage",
        "publishedAt": "2026-11-20T08:15:00Z",
        "content": format!("{P1}\n\n{P2}"),
    });
    let file = write(dir.path(), "cottage.json", &article.to_string());

    let out = run(byline(dir.path()).args(["clean", "--json"]).arg(&file));
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let objects = json_lines(&out);
    assert_eq!(objects.len(), 1, "{}", stdout(&out));
    let obj = &objects[0];
    assert_clean_json_shape(obj);
    assert_eq!(obj["title"], TITLE);
    assert_eq!(obj["url"], "https://varne-herald.example/news/cottage");
    assert_eq!(obj["author"], "Odile Marsh");
    let published = chrono::DateTime::parse_from_rfc3339(obj["published"].as_str().unwrap());
    assert_eq!(
        published.unwrap().timestamp(),
        chrono::DateTime::parse_from_rfc3339("2026-11-20T08:15:00Z")
            .unwrap()
            .timestamp()
    );
    assert!(obj["body"].as_str().unwrap().contains(P1));
}

/// A temporary home holding a collection of two stories in two folders.
fn two_stories() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let collection = dir.path().join("collection");
    write(&collection, "a/cottage.txt", &story(TITLE, P1, P2));
    write(&collection, "b/buses.txt", &story(TITLE2, Q1, Q2));
    (dir, collection)
}

#[test]
fn list_prints_one_line_per_article() {
    let (dir, collection) = two_stories();

    let out = run(byline(dir.path()).arg("list").arg(&collection));
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text:?}");
    assert_eq!(lines.iter().filter(|l| l.contains(TITLE)).count(), 1);
    assert_eq!(lines.iter().filter(|l| l.contains(TITLE2)).count(), 1);
}

/// The cache is written beside the printing: it must be whole when the
/// process ends, and the next `list` prints the same from it.
#[test]
fn list_leaves_a_cache_that_the_next_list_reads() {
    let (dir, collection) = two_stories();

    let first = run(byline(dir.path()).arg("list").arg(&collection));
    assert!(first.status.success(), "stderr: {}", stderr(&first));
    let saved: Vec<_> = std::fs::read_dir(dir.path().join("cache/byline"))
        .expect("a cache folder")
        .map(|e| e.unwrap().path())
        .collect();
    let cache = saved
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "cache"));
    let cache = cache.expect("a .cache file");
    assert!(std::fs::metadata(cache).unwrap().len() > 0);
    // Nothing changed: the second list is read from that cache.
    let again = run(byline(dir.path()).arg("list").arg(&collection));
    assert!(again.status.success(), "stderr: {}", stderr(&again));
    assert_eq!(stdout(&again), stdout(&first));
}

#[test]
fn a_folder_without_articles_fails_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();

    for sub in ["list", "clean"] {
        let out = run(byline(dir.path()).arg(sub).arg(&empty));
        assert_eq!(out.status.code(), Some(1), "{sub}: stdout {}", stdout(&out));
        assert!(stdout(&out).is_empty(), "{sub}: {}", stdout(&out));
        assert!(!stderr(&out).trim().is_empty(), "{sub}: stderr is empty");
    }
}

#[test]
fn a_missing_file_is_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-article.txt");
    let out = run(byline(dir.path()).arg("clean").arg(&missing));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no-such-article.txt"),
        "stderr: {}",
        stderr(&out)
    );
}

#[test]
fn help_and_version_exit_zero() {
    let dir = tempfile::tempdir().unwrap();

    let out = run(byline(dir.path()).arg("--help"));
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let help = stdout(&out);
    assert!(help.contains("Usage"), "{help}");
    assert!(help.contains("clean") && help.contains("list"), "{help}");

    let out = run(byline(dir.path()).arg("--version"));
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        format!("byline {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_reader_refuses_to_start_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("news");
    write(&folder, "a.txt", &story("A headline", "One.", "Two."));
    let out = run(byline(dir.path()).arg(&folder).stdin(Stdio::null()));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "nothing drawn: {:?}", stdout(&out));
}

/// Runs a `byline config` command: (output, stdout, stderr).
fn run_config(cmd: &mut Command) -> (Output, String, String) {
    let out = run(cmd);
    let (o, e) = (stdout(&out), stderr(&out));
    (out, o, e)
}

fn parse_back(text: &str) -> Config {
    let (config, problems) = Config::parse(text, Path::new("<stdout>"));
    assert!(problems.is_empty(), "{problems:?}\n{text}");
    config
}

#[test]
fn with_no_config_file_it_prints_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    let (out, stdout, stderr) = run_config(byline(home.path()).arg("config"));
    assert!(out.status.success());
    assert_eq!(stderr, "", "a missing default file is not a problem");
    assert_eq!(parse_back(&stdout), Config::default());
    for needle in [
        "reader_width = 80",
        "mouse = true",
        "library = []",
        "[keys]",
        "[theme]",
    ] {
        assert!(stdout.contains(needle), "{needle}:\n{stdout}");
    }
    assert!(stdout.contains("mark_all_read = [\"A\"]"), "{stdout}");
    assert!(stdout.contains("quit = [\"q\", \"Ctrl-c\"]"), "{stdout}");
}

#[test]
fn the_default_file_is_read_from_xdg_config_home() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config").join("byline");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "library = [\"~/news\"]\nreader_width = 72\n[keys]\nstar = \"x\"\n",
    )
    .unwrap();
    let (out, stdout, stderr) = run_config(byline(home.path()).arg("config"));
    assert!(out.status.success());
    assert_eq!(stderr, "");
    let config = parse_back(&stdout);
    assert_eq!(config.reader_width, 72);
    assert_eq!(config.library, ["~/news"]);
    assert!(stdout.contains("star = [\"x\"]"), "{stdout}");
}

#[test]
fn config_flag_problems_go_to_stderr_with_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mine.toml");
    std::fs::write(&file, "mouse = false\n[keys]\nfrobnicate = \"z\"\n").unwrap();
    let (out, stdout, stderr) =
        run_config(byline(home.path()).arg("--config").arg(&file).arg("config"));
    assert!(out.status.success());
    let expected = format!(
        "byline: {}:3:1: unknown key `frobnicate` in [keys]",
        file.display()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(!parse_back(&stdout).mouse, "the rest is applied");

    std::fs::write(&file, "mouse = false\nreader_width = [\n").unwrap();
    let (out, stdout, stderr) =
        run_config(byline(home.path()).arg("config").arg("--config").arg(&file));
    assert!(out.status.success());
    assert!(
        stderr.starts_with(&format!("byline: {}:2:17: unclosed array", file.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("using the default configuration"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(parse_back(&stdout), Config::default());
}

#[test]
fn a_missing_config_flag_file_is_reported() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("absent.toml");
    let (out, stdout, stderr) =
        run_config(byline(home.path()).args(["config", "--config"]).arg(&file));
    assert!(out.status.success());
    assert_eq!(
        stderr.trim_end(),
        format!(
            "byline: {}: cannot read the config (no such file); using the defaults",
            file.display()
        )
    );
    assert_eq!(parse_back(&stdout), Config::default());
}
