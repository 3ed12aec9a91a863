//! `config.toml`: defaults, each setting, problems with exact line and
//! column, unknown keys, key rebinding and its conflicts, NO_COLOR, and the
//! printed configuration parsing back to the same one.

use std::path::Path;

use byline::app::{Action, Key, KeyMap};
use byline::config::{Config, Problem};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

fn parse(text: &str) -> (Config, Vec<Problem>) {
    Config::parse(text, Path::new("cfg.toml"))
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string()).collect()
}

fn key(s: &str) -> Key {
    s.parse().unwrap()
}

fn press(map: &KeyMap, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
    map.action_for(&Event::Key(KeyEvent::new(code, modifiers)), false)
}

#[test]
fn an_empty_file_is_the_defaults() {
    let (config, problems) = parse("");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config, Config::default());
    assert_eq!(config.reader_width, 80);
    assert!(config.mouse);
    assert!(config.library.is_empty());
}

#[test]
fn every_setting_is_read() {
    let (config, problems) = parse(
        r##"
library = ["~/news", "/srv/clips"]
reader_width = 100
mouse = false

[keys]
next = ["j", "Down", "Ctrl-n"]
quit = "Q"

[theme]
header = "red"
selection_focused = { fg = "black", bg = "#ffcc00" }
body = "default"
"##,
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.library, ["~/news", "/srv/clips"]);
    assert_eq!((config.reader_width, config.mouse), (100, false));
    let map = config.keymap();
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    assert_eq!(press(&map, KeyCode::Char('n'), ctrl), Some(Action::Down));
    assert_eq!(
        press(&map, KeyCode::Char('Q'), KeyModifiers::SHIFT),
        Some(Action::Quit)
    );
    assert_eq!(
        press(&map, KeyCode::Char('q'), none),
        None,
        "replaced, not added"
    );
    assert_eq!(press(&map, KeyCode::Char('c'), ctrl), None);
    assert_eq!(config.theme.header.fg, Some(Color::Red));
    assert_eq!(
        config.theme.selection_focused.bg,
        Some(Color::Rgb(255, 204, 0))
    );
    assert_eq!(config.theme.selection_focused.fg, Some(Color::Black));
    assert_eq!(config.theme.body.fg, None);
    assert!(
        config
            .theme
            .header_focused
            .add_modifier
            .contains(Modifier::BOLD)
    );
}

#[test]
fn library_paths_expand_the_home_folder() {
    let (config, _) = parse(r#"library = ["~/news", "/abs", "rel/dir"]"#);
    let paths = config.library_paths();
    assert!(
        paths[0].ends_with("news") && paths[0].is_absolute(),
        "{paths:?}"
    );
    assert!(!paths[0].to_string_lossy().contains('~'), "{paths:?}");
    assert_eq!(paths[1], Path::new("/abs"));
    assert_eq!(paths[2], Path::new("rel/dir"));
}

#[test]
fn invalid_toml_is_one_problem_with_line_and_column_and_the_defaults() {
    let (config, problems) = parse("mouse = true\nreader_width = 90\nlibrary = [\"~/news\"\n");
    assert_eq!(
        config,
        Config::default(),
        "nothing of a broken file is used"
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].at, Some((3, 20)), "{}", problems[0]);
    let text = problems[0].to_string();
    assert!(text.starts_with("cfg.toml:3:20: "), "{text}");
    assert!(text.ends_with("using the default configuration"), "{text}");

    let (_, problems) = parse("[keys]\nnext = \"j\"\nnext = \"k\"\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].at.map(|a| a.0),
        Some(3),
        "duplicate key: {}",
        problems[0]
    );

    let (_, problems) = parse("reader_width = = 3");
    assert_eq!(problems[0].at, Some((1, 16)), "{}", problems[0]);
}

#[test]
fn unknown_keys_actions_roles_and_colours_are_each_reported_and_the_rest_applied() {
    let text = "reader_width = 72\nfoo = 1\n[keys]\nnext = \"x\"\njump = \"z\"\nquit = [\"Hyper-q\", \"Q\"]\n\
                [theme]\nheader = \"purple\"\nborder = \"red\"\ncount = \"blue\"\nstatus = { fg = \"red\", shade = \"1\" }\n";
    let (config, problems) = parse(text);
    let got = messages(&problems);
    assert_eq!(got.len(), 6, "{got:#?}");
    assert!(
        got[0].starts_with("cfg.toml:2:1: unknown key `foo`; known keys are"),
        "{got:#?}"
    );
    assert!(
        got[1].starts_with(
            "cfg.toml:5:1: unknown key `jump` in [keys]; known actions are next, previous, open,"
        ),
        "{got:#?}"
    );
    assert!(
        got[1].contains("mark_all_read") && got[1].contains("copy_url"),
        "{got:#?}"
    );
    assert!(
        got[2].starts_with("cfg.toml:6:9: unknown key `Hyper-q`"),
        "{got:#?}"
    );
    assert!(
        got[3].starts_with("cfg.toml:8:10: unknown colour `purple`"),
        "{got:#?}"
    );
    assert!(
        got[4].starts_with("cfg.toml:9:1: unknown key `border` in [theme]; roles are header,"),
        "{got:#?}"
    );
    assert!(
        got[5].starts_with("cfg.toml:11:24: unknown key `shade`"),
        "{got:#?}"
    );
    // Everything else applied.
    assert_eq!(config.reader_width, 72);
    assert_eq!(config.keys[0], [key("x")]);
    let map = config.keymap();
    assert_eq!(map.keys_of(Action::Quit), [key("Q")]);
    assert_eq!(config.theme.count.fg, Some(Color::Blue));
    assert_eq!(config.theme.status.fg, Some(Color::Red));
    assert_eq!(config.theme.header, Config::default().theme.header);
}

#[test]
fn wrong_types_are_reported() {
    let (config, problems) =
        parse("reader_width = \"wide\"\nmouse = 1\nlibrary = 3\n[keys]\nnext = 5\n");
    let got = messages(&problems);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(
        got[0].starts_with("cfg.toml:1:16: `reader_width` must be"),
        "{got:#?}"
    );
    assert!(
        got[1].starts_with("cfg.toml:2:9: `mouse` must be true or false"),
        "{got:#?}"
    );
    assert!(
        got[2].starts_with("cfg.toml:3:11: `library` must be"),
        "{got:#?}"
    );
    assert!(
        got[3].starts_with("cfg.toml:5:8: `next` must be a key"),
        "{got:#?}"
    );
    assert_eq!(config, Config::default());
    let (_, problems) = parse("reader_width = 5");
    assert!(problems[0].message.contains("10 to 1000"), "{problems:?}");
}

#[test]
fn a_key_taken_from_another_action_is_reported_and_the_configured_one_gets_it() {
    // `f` is filter_source's by default; star takes it.
    let (config, problems) = parse("[keys]\nstar = \"f\"\n");
    let got = messages(&problems);
    assert_eq!(
        got,
        [
            "cfg.toml:2:8: key `f` is bound to both `filter_source` by default and `star`; `star` gets it"
        ]
    );
    let map = config.keymap();
    assert_eq!(
        press(&map, KeyCode::Char('f'), KeyModifiers::NONE),
        Some(Action::Star)
    );
    assert_eq!(press(&map, KeyCode::Char('s'), KeyModifiers::NONE), None);
    assert!(map.keys_of(Action::FilterSource).is_empty());

    // Two configured actions: the later line wins.
    let (config, problems) = parse("[keys]\nsort = \"x\"\nstar = [\"x\", \"X\"]\n");
    let got = messages(&problems);
    assert_eq!(
        got,
        ["cfg.toml:3:9: key `x` is bound to both `sort` and `star`; `star` gets it"]
    );
    let map = config.keymap();
    assert_eq!(map.keys_of(Action::Star), [key("x"), key("X")]);
    assert!(map.keys_of(Action::Sort).is_empty());

    // An empty list unbinds, silently.
    let (config, problems) = parse("[keys]\nmark_all_read = []\n");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(config.keymap().keys_of(Action::MarkAllRead).is_empty());
}

#[test]
fn rebinding_shows_in_the_help_table() {
    let (config, _) = parse("[keys]\nstar = [\"F5\", \"*\"]\nfilter_starred = \"Alt-s\"\n");
    let help = config.keymap().help();
    let star = help.iter().find(|r| r.name == "star").unwrap();
    assert_eq!(star.keys, "F5  *");
    let filter = help.iter().find(|r| r.name == "filter_starred").unwrap();
    assert_eq!(filter.keys, "Alt-s");
    let default_help = KeyMap::default().help();
    assert_eq!(
        default_help.iter().find(|r| r.name == "star").unwrap().keys,
        "s"
    );
}

#[test]
fn printed_configuration_parses_back_to_the_same() {
    let (default_back, problems) = parse(&Config::default().to_toml());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(default_back, Config::default());

    let (custom, problems) = parse(
        "library = [\"~/a \\\"quoted\\\" dir\"]\nreader_width = 66\nmouse = false\n[keys]\n\
         next = [\"Ctrl-Alt-Delete\", \"\\\"\", \"\\\\\", \"-\", \"Ctrl--\", \"F12\"]\n\
         focus = [\"Shift-Tab\"]\npage_down = [\"Space\", \"Ctrl-f\"]\n\
         quit = []\n[theme]\nheader = \"#123456\"\nbody = { bg = \"lightblue\" }\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let text = custom.to_toml();
    let (back, problems) = parse(&text);
    assert!(problems.is_empty(), "{problems:?}\n{text}");
    assert_eq!(back, custom, "{text}");
    assert!(text.contains("quit = []"), "{text}");
}

#[test]
fn no_color_takes_every_colour_out() {
    let (config, _) = parse("[theme]\nheader = \"red\"\n");
    let plain = config.effective_theme(true);
    assert_eq!(plain.header.fg, None);
    assert_eq!(plain.selection_focused.bg, None);
    assert!(
        plain
            .selection_focused
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    assert_eq!(config.effective_theme(false).header.fg, Some(Color::Red));
}

#[test]
fn a_missing_config_file_given_on_the_command_line_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.toml");
    let (config, problems) = Config::load(Some(&path));
    assert_eq!(config, Config::default());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .to_string()
            .contains("nope.toml: cannot read the config (no such file)")
    );

    std::fs::write(&path, "reader_width = 70\n").unwrap();
    let (config, problems) = Config::load(Some(&path));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.reader_width, 70);
}

#[test]
fn problems_become_load_problems_with_the_position_in_the_path() {
    let (_, problems) = parse("\n\nfoo = 1");
    let p: byline::article::Problem = problems[0].clone().into();
    assert_eq!(p.path, Path::new("cfg.toml:3:1"));
    assert!(p.message.starts_with("unknown key `foo`"));
}
