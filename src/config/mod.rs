//! `config.toml`: where it is, what it holds (library folders, key bindings,
//! theme colours, reader width, mouse), the defaults, and printing the
//! effective configuration back as TOML.
//!
//! Nothing here stops byline: a file that is not valid TOML is reported
//! once, with its line and column, and the defaults are used; an unknown
//! key, action, role or colour is reported and the rest applied.

pub mod colour;
mod parse;

use std::fmt;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use crate::app::{BINDINGS, Key, KeyMap, default_keys};
use crate::ui::theme::{ROLES, THEME, Theme};

/// The config file's name inside `$XDG_CONFIG_HOME/byline/`.
pub const CONFIG_FILE_NAME: &str = "config.toml";

/// The reader width used when the config names none.
pub const DEFAULT_READER_WIDTH: u16 = 80;

/// The effective configuration: the file's settings over the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Folders opened when no PATH is given, as written ("~" not expanded).
    pub library: Vec<String>,
    /// Each action's keys, in [`BINDINGS`] order.
    pub keys: Vec<Vec<Key>>,
    pub theme: Theme,
    /// The widest the reader's text column gets, in columns.
    pub reader_width: u16,
    /// Capture the mouse (wheel and clicks).
    pub mouse: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            library: Vec::new(),
            keys: BINDINGS.iter().map(default_keys).collect(),
            theme: THEME,
            reader_width: DEFAULT_READER_WIDTH,
            mouse: true,
        }
    }
}

/// Something wrong in the config file, with where when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// (line, column), both counted from 1.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl From<Problem> for crate::article::Problem {
    /// For the problems list: the path carries "FILE:LINE:COLUMN".
    fn from(p: Problem) -> Self {
        let path = match p.at {
            Some((line, column)) => format!("{}:{line}:{column}", p.path.display()).into(),
            None => p.path,
        };
        crate::article::Problem {
            path,
            message: p.message,
        }
    }
}

impl Config {
    /// Loads `path_override` (`--config FILE`), or the default file when
    /// there is one. A missing default file is no problem; a missing
    /// `--config` file is.
    pub fn load(path_override: Option<&Path>) -> (Config, Vec<Problem>) {
        let Some(path) = path_override
            .map(Path::to_path_buf)
            .or_else(Config::default_path)
        else {
            return (Config::default(), Vec::new());
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, &path),
            Err(e) if e.kind() == io::ErrorKind::NotFound && path_override.is_none() => {
                (Config::default(), Vec::new())
            }
            Err(e) => {
                let what = if e.kind() == io::ErrorKind::NotFound {
                    "no such file".to_string()
                } else {
                    e.to_string()
                };
                let message = format!("cannot read the config ({what}); using the defaults");
                let problem = Problem {
                    path,
                    at: None,
                    message,
                };
                (Config::default(), vec![problem])
            }
        }
    }

    /// Reads the config's text; `path` is only for the messages.
    pub fn parse(text: &str, path: &Path) -> (Config, Vec<Problem>) {
        parse::parse(text, path)
    }

    /// `$XDG_CONFIG_HOME/byline/config.toml` (`~/.config/...` when unset).
    pub fn default_path() -> Option<PathBuf> {
        use etcetera::BaseStrategy;
        let strategy = etcetera::choose_base_strategy().ok()?;
        Some(strategy.config_dir().join("byline").join(CONFIG_FILE_NAME))
    }

    /// The library folders with "~" expanded to the home folder.
    pub fn library_paths(&self) -> Vec<PathBuf> {
        let home = etcetera::home_dir().ok();
        self.library
            .iter()
            .map(|entry| match (entry.strip_prefix('~'), &home) {
                (Some(""), Some(home)) => home.clone(),
                (Some(rest), Some(home)) if rest.starts_with('/') => {
                    home.join(rest.trim_start_matches('/'))
                }
                _ => PathBuf::from(entry),
            })
            .collect()
    }

    /// The key map these bindings make.
    pub fn keymap(&self) -> KeyMap {
        KeyMap::new(self.keys.clone())
    }

    /// The theme to draw with: without colours when `no_color` (the
    /// `NO_COLOR` convention).
    pub fn effective_theme(&self, no_color: bool) -> Theme {
        if no_color {
            self.theme.without_colour()
        } else {
            self.theme
        }
    }

    /// The effective configuration, defaults included, as TOML that parses
    /// back to the same configuration.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        let _ = self.write_toml(&mut out);
        out
    }

    fn write_toml(&self, out: &mut String) -> fmt::Result {
        writeln!(
            out,
            "# byline configuration: everything in effect, defaults included."
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "# Folders opened when no PATH is given (\"~\" is your home)."
        )?;
        let library: Vec<String> = self.library.iter().map(|s| quote(s)).collect();
        writeln!(out, "library = [{}]", library.join(", "))?;
        writeln!(
            out,
            "# The widest the reader's text column gets, in columns."
        )?;
        writeln!(out, "reader_width = {}", self.reader_width)?;
        writeln!(
            out,
            "# Wheel and clicks; false leaves the mouse to the terminal."
        )?;
        writeln!(out, "mouse = {}", self.mouse)?;
        writeln!(out)?;
        writeln!(
            out,
            "# Keys of each action: one key or a list ([] unbinds). Keys are single"
        )?;
        writeln!(
            out,
            "# characters, Enter, Esc, Tab, BackTab, Space, Up, Down, Left, Right,"
        )?;
        writeln!(
            out,
            "# PageUp, PageDown, Home, End, Backspace, Delete, Insert, F1..F12, with"
        )?;
        writeln!(out, "# Ctrl-, Alt- or Shift- before them.")?;
        writeln!(out, "[keys]")?;
        for (binding, keys) in BINDINGS.iter().zip(&self.keys) {
            let keys: Vec<String> = keys.iter().map(|k| quote(&k.to_string())).collect();
            let line = format!("{} = [{}]", binding.name, keys.join(", "));
            writeln!(out, "{line:<36} # {}", binding.help)?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "# Colours of each role: \"colour\" (the text) or {{ fg = \"...\", bg = \"...\" }}."
        )?;
        writeln!(
            out,
            "# A colour is a name (red, lightblue, ...), 0-255, #rrggbb, or \"default\"."
        )?;
        writeln!(
            out,
            "# NO_COLOR (set and not empty) turns every colour off."
        )?;
        writeln!(out, "[theme]")?;
        for role in ROLES {
            let style = self.theme.role(role).unwrap_or_default();
            let fg = quote(&colour::print(style.fg));
            match style.bg {
                None => writeln!(out, "{role} = {fg}")?,
                Some(bg) => {
                    let bg = quote(&colour::print(Some(bg)));
                    writeln!(out, "{role} = {{ fg = {fg}, bg = {bg} }}")?
                }
            }
        }
        Ok(())
    }
}

/// `s` as a TOML basic string (JSON's escapes are valid TOML).
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}
