//! One key as the config names it ("j", "Enter", "Ctrl-d", "F5"): parsing,
//! printing (they round-trip), and matching a terminal key event.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its Ctrl/Alt/Shift modifiers, normalized so that the event a
/// terminal sends and the name in the config compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Names of the keys that are not a single character, as printed.
const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Space", KeyCode::Char(' ')),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
];

/// Other spellings accepted when parsing (compared without case).
const ALIASES: &[(&str, KeyCode)] = &[
    ("return", KeyCode::Enter),
    ("escape", KeyCode::Esc),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("del", KeyCode::Delete),
];

impl Key {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        Key { code, modifiers }.normalized()
    }

    pub const fn plain(code: KeyCode) -> Self {
        Key::new(code, KeyModifiers::NONE)
    }

    /// The key a terminal event stands for.
    pub fn from_event(event: &KeyEvent) -> Self {
        Key::new(event.code, event.modifiers)
    }

    /// Only Ctrl, Alt and Shift count; Shift is part of a character already
    /// ("J", "?") and of BackTab; Ctrl with a letter ignores its case.
    const fn normalized(self) -> Self {
        let wanted = KeyModifiers::CONTROL
            .union(KeyModifiers::ALT)
            .union(KeyModifiers::SHIFT);
        let mut modifiers = self.modifiers.intersection(wanted);
        let mut code = self.code;
        match code {
            KeyCode::Char(c) => {
                modifiers = modifiers.difference(KeyModifiers::SHIFT);
                if modifiers.contains(KeyModifiers::CONTROL) {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            KeyCode::BackTab => modifiers = modifiers.difference(KeyModifiers::SHIFT),
            _ => {}
        }
        Key { code, modifiers }
    }

    /// A short label for the help overlay: arrows as symbols, else the name.
    pub fn label(&self) -> String {
        if self.modifiers.is_empty() {
            let arrow = match self.code {
                KeyCode::Up => Some("↑"),
                KeyCode::Down => Some("↓"),
                KeyCode::Left => Some("←"),
                KeyCode::Right => Some("→"),
                _ => None,
            };
            if let Some(a) = arrow {
                return a.into();
            }
        }
        self.to_string()
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (flag, name) in [
            (KeyModifiers::CONTROL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (KeyModifiers::SHIFT, "Shift-"),
        ] {
            if self.modifiers.contains(flag) {
                f.write_str(name)?;
            }
        }
        if let Some((name, _)) = NAMED.iter().find(|(_, c)| *c == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Why a key name was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown key `{0}`; keys are single characters, Enter, Esc, Tab, BackTab, Space, Up, Down, Left, Right, PageUp, PageDown, Home, End, Backspace, Delete, Insert or F1..F12, with Ctrl-, Alt- or Shift- before them"
)]
pub struct BadKey(pub String);

impl FromStr for Key {
    type Err = BadKey;

    fn from_str(s: &str) -> Result<Self, BadKey> {
        let bad = || BadKey(s.to_string());
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = s;
        // "Ctrl--" is Ctrl with "-": a prefix needs something after it.
        while let Some((prefix, tail)) = rest.split_once('-')
            && !tail.is_empty()
        {
            modifiers |= match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => KeyModifiers::CONTROL,
                "alt" | "meta" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => break,
            };
            rest = tail;
        }
        let code = code_of(rest).ok_or_else(bad)?;
        if code == KeyCode::Tab && modifiers.contains(KeyModifiers::SHIFT) {
            return Ok(Key::new(KeyCode::BackTab, modifiers - KeyModifiers::SHIFT));
        }
        Ok(Key::new(code, modifiers))
    }
}

/// The key code a name (without modifiers) stands for.
fn code_of(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control()).then_some(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if let Some((_, code)) = NAMED
        .iter()
        .chain(ALIASES)
        .find(|(n, _)| n.eq_ignore_ascii_case(&lower))
    {
        return Some(*code);
    }
    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        s.parse().unwrap()
    }

    #[test]
    fn names_round_trip() {
        for name in [
            "j",
            "/",
            "?",
            "*",
            "A",
            "S",
            "-",
            "Enter",
            "Esc",
            "Tab",
            "BackTab",
            "Space",
            "Up",
            "Down",
            "Left",
            "Right",
            "PageUp",
            "PageDown",
            "Home",
            "End",
            "Backspace",
            "F1",
            "F12",
            "Ctrl-c",
            "Alt-x",
            "Ctrl-Alt-Delete",
            "Shift-Up",
            "Ctrl--",
            "Delete",
        ] {
            assert_eq!(key(name).to_string(), name);
        }
    }

    #[test]
    fn spellings_and_case() {
        assert_eq!(key("Shift-Tab"), key("BackTab"));
        assert_eq!(key("enter"), key("Enter"));
        assert_eq!(key("ESCAPE"), key("Esc"));
        assert_eq!(key("ctrl-C"), key("Ctrl-c"));
        assert_eq!(key(" "), key("Space"));
        assert_ne!(key("j"), key("J"));
        for bad in ["", "Hyper-x", "F13", "F0", "jj", "Ctrl-", "\u{7}"] {
            assert!(bad.parse::<Key>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn events_match_their_names() {
        let ev = |code, m| Key::from_event(&KeyEvent::new(code, m));
        assert_eq!(ev(KeyCode::Char('J'), KeyModifiers::SHIFT), key("J"));
        assert_eq!(ev(KeyCode::BackTab, KeyModifiers::SHIFT), key("BackTab"));
        assert_eq!(ev(KeyCode::Char('c'), KeyModifiers::CONTROL), key("Ctrl-c"));
        assert_eq!(ev(KeyCode::Down, KeyModifiers::NONE), key("Down"));
        assert_eq!(key("Down").label(), "↓");
    }
}
