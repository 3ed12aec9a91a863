//! Input (terminal events) versus intent ([`Action`]): every bindable action
//! with its config name, default keys and help text, and the [`KeyMap`] built
//! from them plus the config's overrides.

use std::collections::HashMap;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

pub use super::key::{BadKey, Key};

/// Everything the user can ask for; `update` decides what it means in context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    /// Open the selected headline in the reader.
    Open,
    /// Leave the reader or close an overlay.
    Back,
    SwitchFocus,
    NextArticle,
    PrevArticle,
    ToggleRaw,
    ToggleRead,
    ToggleProblems,
    ToggleHelp,
    Quit,
    Search,
    NextMatch,
    PrevMatch,
    FilterUnread,
    FilterStarred,
    FilterSource,
    Sort,
    /// Show the next copy of the story in the reader.
    NextCopy,
    Star,
    MarkAllRead,
    OpenUrl,
    CopyUrl,
    /// Typed into the search prompt.
    Type(char),
    /// Prompt: delete the character before the cursor.
    Erase,
    /// Prompt: delete the word before the cursor.
    EraseWord,
    /// Prompt: delete everything.
    ClearInput,
    /// The answer to a yes/no question (keys are fixed: y/Enter, n/Esc).
    Answer(bool),
    /// Mouse wheel at a screen cell; positive `lines` scrolls down.
    ScrollAt {
        column: u16,
        row: u16,
        lines: i16,
    },
    /// Left click at a screen cell.
    ClickAt {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

/// A bindable action: its name in the config, its default keys, its help.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub action: Action,
    /// Stable snake_case name, used in `config.toml`, the README and `?`.
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub help: &'static str,
}

const fn bind(
    action: Action,
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
) -> Binding {
    Binding {
        action,
        name,
        keys,
        help,
    }
}

/// Every bindable action, in the order help lists them.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(Action::Down, "next", &["j", "Down"], "next headline / scroll down"),
    bind(Action::Up, "previous", &["k", "Up"], "previous headline / scroll up"),
    bind(Action::Open, "open", &["Enter", "l", "Right"], "read the headline (marks it read)"),
    bind(Action::Back, "back", &["h", "Left", "Esc"], "back to the list / close this"),
    bind(Action::SwitchFocus, "focus", &["Tab", "BackTab"], "switch between list and reader"),
    bind(Action::PageDown, "page_down", &["Space", "PageDown"], "page down"),
    bind(Action::PageUp, "page_up", &["b", "PageUp"], "page up"),
    bind(Action::HalfPageDown, "half_page_down", &["Ctrl-d"], "half a page down"),
    bind(Action::HalfPageUp, "half_page_up", &["Ctrl-u"], "half a page up"),
    bind(Action::Top, "top", &["g", "Home"], "go to the top"),
    bind(Action::Bottom, "bottom", &["G", "End"], "go to the bottom"),
    bind(Action::NextArticle, "next_article", &["J"], "next article while reading"),
    bind(Action::PrevArticle, "previous_article", &["K"], "previous article while reading"),
    bind(Action::ToggleRaw, "toggle_raw", &["r"], "toggle clean and raw view"),
    bind(Action::ToggleRead, "toggle_read", &["m"], "toggle read / unread"),
    bind(Action::Star, "star", &["s"], "star / unstar"),
    bind(Action::MarkAllRead, "mark_all_read", &["A"], "mark everything listed as read"),
    bind(Action::OpenUrl, "open_url", &["o"], "open the link in the browser"),
    bind(Action::CopyUrl, "copy_url", &["y"], "copy the link"),
    bind(Action::Search, "search", &["/"], "search titles and text as you type"),
    bind(Action::NextMatch, "next_match", &["n"], "next match in the reader"),
    bind(Action::PrevMatch, "previous_match", &["N"], "previous match in the reader"),
    bind(Action::FilterUnread, "filter_unread", &["u"], "show only unread"),
    bind(Action::FilterStarred, "filter_starred", &["*"], "show only starred"),
    bind(Action::FilterSource, "filter_source", &["f"], "show one source"),
    bind(Action::Sort, "sort", &["S"], "sort: newest/oldest/source/title"),
    bind(Action::NextCopy, "next_copy", &["c"], "next copy of a story loaded twice"),
    bind(Action::ToggleProblems, "problems", &["!"], "list load problems"),
    bind(Action::ToggleHelp, "help", &["?"], "toggle this help"),
    bind(Action::Quit, "quit", &["q", "Ctrl-c"], "quit"),
];

/// Mouse rows of the help, after the bindings.
pub const MOUSE_HELP: &[(&str, &str)] = &[
    ("wheel", "scroll the pane under the pointer"),
    ("click", "select a headline; in the reader, read it"),
];

/// The binding named `name`, if there is one.
pub fn binding_named(name: &str) -> Option<&'static Binding> {
    BINDINGS.iter().find(|b| b.name == name)
}

/// The names of every bindable action, comma-separated (for messages).
pub fn action_names() -> String {
    BINDINGS
        .iter()
        .map(|b| b.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The default keys of `binding`, parsed (they are known to be valid).
pub fn default_keys(binding: &Binding) -> Vec<Key> {
    binding.keys.iter().filter_map(|k| k.parse().ok()).collect()
}

/// One row of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The keys as shown ("j  ↓"); empty when the action is unbound.
    pub keys: String,
    /// The action's config name ("" for the mouse).
    pub name: &'static str,
    pub what: &'static str,
}

/// Lines the wheel scrolls per notch.
const WHEEL_LINES: i16 = 3;

/// Keys → actions, and each action's keys in [`BINDINGS`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    actions: HashMap<Key, Action>,
    /// Each binding's keys, in [`BINDINGS`] order (for help and hints).
    keys: Vec<Vec<Key>>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap::new(BINDINGS.iter().map(default_keys).collect())
    }
}

impl KeyMap {
    /// A map from each binding's keys, given in [`BINDINGS`] order. A key
    /// listed for two actions goes to the later one (the config decides
    /// which that is, and reports it; see `config`).
    pub fn new(keys: Vec<Vec<Key>>) -> Self {
        assert_eq!(keys.len(), BINDINGS.len(), "one key list per binding");
        let mut actions = HashMap::new();
        for (binding, keys) in BINDINGS.iter().zip(&keys) {
            for key in keys {
                actions.insert(*key, binding.action);
            }
        }
        let keys = BINDINGS
            .iter()
            .zip(keys)
            .map(|(b, keys)| {
                keys.into_iter()
                    .filter(|k| actions.get(k) == Some(&b.action))
                    .collect()
            })
            .collect();
        KeyMap { actions, keys }
    }

    /// The action bound to `event`, if any. With `asking` (a yes/no question
    /// is open), y or Enter answers yes and n or Esc no, whatever the map.
    pub fn action_for(&self, event: &Event, asking: bool) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let key = Key::from_event(key);
                if asking {
                    return answer(key).map(Action::Answer);
                }
                self.actions.get(&key).copied()
            }
            Event::Mouse(mouse) if !asking => action_for_mouse(mouse),
            Event::Resize(width, height) => Some(Action::Resize {
                width: *width,
                height: *height,
            }),
            _ => None,
        }
    }

    /// The keys of `action` (empty when it is unbound or not bindable).
    pub fn keys_of(&self, action: Action) -> &[Key] {
        BINDINGS
            .iter()
            .position(|b| b.action == action)
            .map_or(&[], |i| &self.keys[i])
    }

    /// The first key of `action`, as shown in hints ("" when unbound).
    pub fn first_key(&self, action: Action) -> String {
        self.keys_of(action)
            .first()
            .map(Key::label)
            .unwrap_or_default()
    }

    /// The help table: one row per action (unbound ones too, so every
    /// config name is listed), then the mouse.
    pub fn help(&self) -> Vec<HelpRow> {
        let mut rows: Vec<HelpRow> = BINDINGS
            .iter()
            .zip(&self.keys)
            .map(|(b, keys)| HelpRow {
                keys: keys.iter().map(Key::label).collect::<Vec<_>>().join("  "),
                name: b.name,
                what: b.help,
            })
            .collect();
        rows.extend(MOUSE_HELP.iter().map(|(keys, what)| HelpRow {
            keys: keys.to_string(),
            name: "",
            what,
        }));
        rows
    }
}

/// y/Y/Enter is yes, n/N/Esc is no, anything else is no answer.
fn answer(key: Key) -> Option<bool> {
    if !key.modifiers.is_empty() {
        return None;
    }
    match key.code {
        KeyCode::Char('y' | 'Y') | KeyCode::Enter => Some(true),
        KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(false),
        _ => None,
    }
}

fn action_for_mouse(mouse: &MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::ScrollAt {
            column,
            row,
            lines: WHEEL_LINES,
        }),
        MouseEventKind::ScrollUp => Some(Action::ScrollAt {
            column,
            row,
            lines: -WHEEL_LINES,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn defaults_are_valid_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for b in BINDINGS {
            assert_eq!(default_keys(b).len(), b.keys.len(), "{}", b.name);
            assert!(seen.insert(b.name), "{} twice", b.name);
        }
        let map = KeyMap::default();
        for b in BINDINGS {
            assert_eq!(
                map.keys_of(b.action).len(),
                b.keys.len(),
                "{} lost a key",
                b.name
            );
        }
    }

    #[test]
    fn control_keys_are_not_plain_letters() {
        let map = KeyMap::default();
        let ctrl = KeyModifiers::CONTROL;
        let of = |e| map.action_for(&e, false);
        assert_eq!(of(key(KeyCode::Char('c'), ctrl)), Some(Action::Quit));
        assert_eq!(
            of(key(KeyCode::Char('d'), ctrl)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(of(key(KeyCode::Char('b'), ctrl)), None);
    }

    #[test]
    fn shifted_letters_map_to_their_own_actions() {
        let map = KeyMap::default();
        let shift = KeyModifiers::SHIFT;
        let of = |e| map.action_for(&e, false);
        assert_eq!(
            of(key(KeyCode::Char('J'), shift)),
            Some(Action::NextArticle)
        );
        assert_eq!(of(key(KeyCode::Char('G'), shift)), Some(Action::Bottom));
        assert_eq!(
            of(key(KeyCode::Char('A'), shift)),
            Some(Action::MarkAllRead)
        );
    }

    #[test]
    fn a_question_takes_y_and_n_only() {
        let map = KeyMap::default();
        let none = KeyModifiers::NONE;
        let of = |e| map.action_for(&e, true);
        assert_eq!(
            of(key(KeyCode::Char('y'), none)),
            Some(Action::Answer(true))
        );
        assert_eq!(of(key(KeyCode::Enter, none)), Some(Action::Answer(true)));
        assert_eq!(of(key(KeyCode::Esc, none)), Some(Action::Answer(false)));
        assert_eq!(of(key(KeyCode::Char('q'), none)), None);
    }
}
