//! Input (terminal events) versus intent ([`Action`]): the key map, and the
//! table of keys the help overlay lists.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Everything the user can ask for; `update` decides what it means in context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Lines the wheel scrolls per notch.
const WHEEL_LINES: i16 = 3;

/// The action bound to `event`, if any.
pub fn action_for(event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for_key(key),
        Event::Mouse(mouse) => action_for_mouse(mouse),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

fn action_for_key(key: &KeyEvent) -> Option<Action> {
    use Action::*;
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Quit),
            KeyCode::Char('d') => Some(HalfPageDown),
            KeyCode::Char('u') => Some(HalfPageUp),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char('j') | KeyCode::Down => Down,
        KeyCode::Char('k') | KeyCode::Up => Up,
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Open,
        KeyCode::Char('h') | KeyCode::Left | KeyCode::Esc => Back,
        KeyCode::Tab | KeyCode::BackTab => SwitchFocus,
        KeyCode::Char(' ') | KeyCode::PageDown => PageDown,
        KeyCode::Char('b') | KeyCode::PageUp => PageUp,
        KeyCode::Char('g') | KeyCode::Home => Top,
        KeyCode::Char('G') | KeyCode::End => Bottom,
        KeyCode::Char('J') => NextArticle,
        KeyCode::Char('K') => PrevArticle,
        KeyCode::Char('r') => ToggleRaw,
        KeyCode::Char('m') => ToggleRead,
        KeyCode::Char('!') => ToggleProblems,
        KeyCode::Char('?') => ToggleHelp,
        KeyCode::Char('q') => Quit,
        _ => return None,
    })
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

/// Every key, as the help overlay lists it: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("j  ↓", "next headline / scroll down"),
    ("k  ↑", "previous headline / scroll up"),
    ("Enter  l  →", "read the headline (marks it read)"),
    ("h  ←  Esc", "back to the list / close this"),
    ("Tab", "switch between list and reader"),
    ("Space  PgDn", "page down"),
    ("b  PgUp", "page up"),
    ("Ctrl-d  Ctrl-u", "half a page down / up"),
    ("g  Home", "go to the top"),
    ("G  End", "go to the bottom"),
    ("J  K", "next / previous article while reading"),
    ("r", "toggle clean and raw view"),
    ("m", "toggle read / unread"),
    ("!", "list load problems"),
    ("?", "toggle this help"),
    ("q  Ctrl-c", "quit"),
    ("wheel", "scroll the pane under the pointer"),
    ("click", "select a headline; in the reader, read it"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn control_keys_are_not_plain_letters() {
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            action_for(&key(KeyCode::Char('c'), ctrl)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('d'), ctrl)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(action_for(&key(KeyCode::Char('b'), ctrl)), None);
    }

    #[test]
    fn shifted_letters_map_to_their_own_actions() {
        let shift = KeyModifiers::SHIFT;
        assert_eq!(
            action_for(&key(KeyCode::Char('J'), shift)),
            Some(Action::NextArticle)
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('G'), shift)),
            Some(Action::Bottom)
        );
    }
}
