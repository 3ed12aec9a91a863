//! Reading `config.toml` with every key and value's position, so each
//! problem says "FILE:LINE:COLUMN: what is wrong".
//!
//! Keys: an action's configured keys replace its defaults. When a key ends
//! up bound to two actions it is reported, and the configured binding gets
//! it: over another action's default, or over an earlier line of the file.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::colour::{self, COLOUR_HELP};
use super::{Config, Problem};
use crate::app::{BINDINGS, Key, action_names, binding_named, default_keys};
use crate::ui::theme::ROLES;

const TOP_KEYS: &str = "library, reader_width, mouse, [keys], [theme]";

/// Collects problems as (byte offset, message) and turns them into
/// [`Problem`]s with line and column, in file order.
struct Report<'a> {
    text: &'a str,
    path: &'a Path,
    found: Vec<(usize, String)>,
}

impl Report<'_> {
    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.found.push((span.start, message.into()));
    }

    fn finish(mut self) -> Vec<Problem> {
        self.found.sort_by_key(|(offset, _)| *offset);
        self.found
            .into_iter()
            .map(|(offset, message)| Problem {
                path: self.path.to_path_buf(),
                at: Some(line_column(self.text, offset)),
                message,
            })
            .collect()
    }
}

/// Line and column (from 1, columns in characters) of byte `offset`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

pub fn parse(text: &str, path: &Path) -> (Config, Vec<Problem>) {
    let mut report = Report {
        text,
        path,
        found: Vec::new(),
    };
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let what = e
                .message()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            let what = what.trim_end_matches('.');
            report.at(
                offset..offset,
                format!("{what}; using the default configuration"),
            );
            return (Config::default(), report.finish());
        }
    };
    let mut config = Config::default();
    for (key, value) in &table {
        let span = key.span();
        match key.get_ref().as_ref() {
            "library" => config.library = library(value, &mut report),
            "reader_width" => match value.get_ref() {
                DeValue::Integer(n) => match n.as_str().parse::<u16>() {
                    Ok(w) if (10..=1000).contains(&w) => config.reader_width = w,
                    _ => report.at(value.span(), "`reader_width` must be 10 to 1000 columns"),
                },
                _ => report.at(
                    value.span(),
                    "`reader_width` must be a number of columns, like 80",
                ),
            },
            "mouse" => match value.get_ref() {
                DeValue::Boolean(b) => config.mouse = *b,
                _ => report.at(value.span(), "`mouse` must be true or false"),
            },
            "keys" => match value.get_ref() {
                DeValue::Table(t) => config.keys = keys(t, &mut report),
                _ => report.at(value.span(), "`keys` must be a table: [keys]"),
            },
            "theme" => match value.get_ref() {
                DeValue::Table(t) => theme(t, &mut config, &mut report),
                _ => report.at(value.span(), "`theme` must be a table: [theme]"),
            },
            other => report.at(
                span,
                format!("unknown key `{other}`; known keys are {TOP_KEYS}"),
            ),
        }
    }
    (config, report.finish())
}

fn library(value: &Spanned<DeValue>, report: &mut Report) -> Vec<String> {
    let must = "`library` must be a list of folders, like [\"~/news\"]";
    match value.get_ref() {
        DeValue::String(s) => vec![s.to_string()],
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => {
                    report.at(item.span(), must);
                    None
                }
            })
            .collect(),
        _ => {
            report.at(value.span(), must);
            Vec::new()
        }
    }
}

/// A configured binding: which one, its keys with their positions.
struct Configured {
    binding: usize,
    keys: Vec<(Key, Range<usize>)>,
}

fn keys(table: &DeTable, report: &mut Report) -> Vec<Vec<Key>> {
    let mut configured = Vec::new();
    for (name, value) in table {
        let Some(binding) = binding_named(name.get_ref()) else {
            report.at(
                name.span(),
                format!(
                    "unknown key `{}` in [keys]; known actions are {}",
                    name.get_ref(),
                    action_names()
                ),
            );
            continue;
        };
        let index = BINDINGS
            .iter()
            .position(|b| b.name == binding.name)
            .unwrap_or(0);
        if let Some(keys) = key_list(value, binding.name, report) {
            configured.push(Configured {
                binding: index,
                keys,
            });
        }
    }
    // File order decides which of two configured bindings gets a key.
    configured.sort_by_key(|c| c.keys.first().map_or(usize::MAX, |k| k.1.start));
    resolve(configured, report)
}

/// The keys of one action: a string or a list of strings. `None` when
/// nothing usable was given (the defaults stay); `Some([])` unbinds.
fn key_list(
    value: &Spanned<DeValue>,
    action: &str,
    report: &mut Report,
) -> Option<Vec<(Key, Range<usize>)>> {
    let items: Vec<&Spanned<DeValue>> = match value.get_ref() {
        DeValue::String(_) => vec![value],
        DeValue::Array(items) => items.iter().collect(),
        _ => {
            report.at(
                value.span(),
                format!("`{action}` must be a key or a list of keys, like [\"j\", \"Down\"]"),
            );
            return None;
        }
    };
    let mut keys = Vec::new();
    for item in &items {
        match item.get_ref() {
            DeValue::String(s) => match s.parse::<Key>() {
                Ok(k) => keys.push((k, item.span())),
                Err(e) => report.at(item.span(), format!("{e} (for `{action}`)")),
            },
            _ => report.at(
                item.span(),
                format!("a key for `{action}` must be a string"),
            ),
        }
    }
    (items.is_empty() || !keys.is_empty()).then_some(keys)
}

/// Applies the configured bindings over the defaults, taking each key away
/// from whichever action had it before (and saying so).
fn resolve(configured: Vec<Configured>, report: &mut Report) -> Vec<Vec<Key>> {
    let mut keys: Vec<Vec<Key>> = BINDINGS.iter().map(default_keys).collect();
    let is_configured = |i: usize| configured.iter().any(|c| c.binding == i);
    let mut owner: HashMap<Key, usize> = HashMap::new();
    for (i, list) in keys.iter().enumerate().filter(|(i, _)| !is_configured(*i)) {
        for key in list {
            owner.insert(*key, i);
        }
    }
    for c in &configured {
        keys[c.binding].clear();
    }
    for c in &configured {
        let name = BINDINGS[c.binding].name;
        for (key, span) in &c.keys {
            if let Some(&other) = owner.get(key)
                && other != c.binding
            {
                keys[other].retain(|k| k != key);
                let how = if is_configured(other) {
                    ""
                } else {
                    " by default"
                };
                report.at(
                    span.clone(),
                    format!(
                        "key `{key}` is bound to both `{}`{how} and `{name}`; `{name}` gets it",
                        BINDINGS[other].name
                    ),
                );
            }
            owner.insert(*key, c.binding);
            if !keys[c.binding].contains(key) {
                keys[c.binding].push(*key);
            }
        }
    }
    keys
}

fn theme(table: &DeTable, config: &mut Config, report: &mut Report) {
    for (role, value) in table {
        let Some(style) = config.theme.role_mut(role.get_ref()) else {
            report.at(
                role.span(),
                format!(
                    "unknown key `{}` in [theme]; roles are {}",
                    role.get_ref(),
                    ROLES.join(", ")
                ),
            );
            continue;
        };
        match value.get_ref() {
            DeValue::String(_) => {
                if let Some(c) = colour_of(value, report) {
                    style.fg = c;
                }
            }
            DeValue::Table(parts) => {
                for (part, v) in parts {
                    let slot = match part.get_ref().as_ref() {
                        "fg" => &mut style.fg,
                        "bg" => &mut style.bg,
                        other => {
                            let message =
                                format!("unknown key `{other}` in a theme colour; use fg and bg");
                            report.at(part.span(), message);
                            continue;
                        }
                    };
                    if let Some(c) = colour_of(v, report) {
                        *slot = c;
                    }
                }
            }
            _ => report.at(
                value.span(),
                format!(
                    "`{}` must be a colour or {{ fg = ..., bg = ... }}",
                    role.get_ref()
                ),
            ),
        }
    }
}

/// The colour in `value`, reporting one that is not.
fn colour_of(
    value: &Spanned<DeValue>,
    report: &mut Report,
) -> Option<Option<ratatui::style::Color>> {
    let DeValue::String(s) = value.get_ref() else {
        report.at(
            value.span(),
            format!("a colour must be a string; {COLOUR_HELP}"),
        );
        return None;
    };
    let c = colour::parse(s);
    if c.is_none() {
        report.at(value.span(), format!("unknown colour `{s}`; {COLOUR_HELP}"));
    }
    c
}
