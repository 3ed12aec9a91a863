//! `byline config` and `--config FILE`, run as a user would: the effective
//! configuration printed as TOML that parses back, problems on stderr with
//! file, line and column, and the home folder always a temporary one.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use byline::config::Config;

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

fn run(cmd: &mut Command) -> (Output, String, String) {
    let out = cmd.output().expect("the byline binary should start");
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stdout, stderr)
}

fn parse_back(text: &str) -> Config {
    let (config, problems) = Config::parse(text, Path::new("<stdout>"));
    assert!(problems.is_empty(), "{problems:?}\n{text}");
    config
}

#[test]
fn with_no_config_file_it_prints_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    let (out, stdout, stderr) = run(byline(home.path()).arg("config"));
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
    let (out, stdout, stderr) = run(byline(home.path()).arg("config"));
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
    let (out, stdout, stderr) = run(byline(home.path()).arg("--config").arg(&file).arg("config"));
    assert!(out.status.success());
    let expected = format!(
        "byline: {}:3:1: unknown key `frobnicate` in [keys]",
        file.display()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(!parse_back(&stdout).mouse, "the rest is applied");

    std::fs::write(&file, "mouse = false\nreader_width = [\n").unwrap();
    let (out, stdout, stderr) = run(byline(home.path()).arg("config").arg("--config").arg(&file));
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
    let (out, stdout, stderr) = run(byline(home.path()).args(["config", "--config"]).arg(&file));
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
