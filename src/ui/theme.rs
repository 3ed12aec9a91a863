//! Every colour and text style the UI uses, in one place: the default theme,
//! the roles by name (for the config's `[theme]`), and the colourless theme
//! for `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

/// The styles of each element on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub header: Style,
    pub header_focused: Style,
    pub count: Style,
    pub title_unread: Style,
    pub title_read: Style,
    pub meta: Style,
    pub unread_marker: Style,
    /// The ★ before a starred headline.
    pub star: Style,
    /// Background of the selected headline when the list has focus.
    pub selection_focused: Style,
    /// Background of the selected headline when the reader has focus.
    pub selection: Style,
    pub selection_bar: Style,
    pub selection_meta: Style,
    pub separator: Style,
    pub reader_title: Style,
    pub reader_meta: Style,
    pub body: Style,
    pub removed: Style,
    pub reason: Style,
    /// The raw view's key line above the article.
    pub legend: Style,
    /// "(raw)" beside the reader's name.
    pub raw_badge: Style,
    pub placeholder: Style,
    pub scrollbar_thumb: Style,
    pub scrollbar_track: Style,
    pub status: Style,
    pub status_counts: Style,
    pub status_warning: Style,
    pub status_message: Style,
    pub status_key: Style,
    pub status_hint: Style,
    pub overlay_border: Style,
    pub overlay_title: Style,
    pub overlay_key: Style,
    pub overlay_text: Style,
    /// A search match in the reader (the role is named `match`).
    pub match_: Style,
    /// The match n/N moved to.
    pub match_current: Style,
}

const ACCENT: Color = Color::Indexed(75);
const DIM: Color = Color::Indexed(244);
const FAINT: Color = Color::Indexed(239);
const BAR_BG: Color = Color::Indexed(236);

/// The default theme, for dark terminals with 256 colours.
pub const THEME: Theme = Theme {
    header: Style::new().fg(DIM),
    header_focused: Style::new().fg(ACCENT).add_modifier(Modifier::BOLD),
    count: Style::new().fg(DIM),
    title_unread: Style::new().add_modifier(Modifier::BOLD),
    title_read: Style::new().fg(Color::Indexed(250)),
    meta: Style::new().fg(DIM),
    unread_marker: Style::new().fg(ACCENT),
    star: Style::new().fg(Color::Indexed(220)),
    selection_focused: Style::new().bg(Color::Indexed(24)).fg(Color::White),
    selection: Style::new().bg(Color::Indexed(237)),
    selection_bar: Style::new().fg(ACCENT),
    selection_meta: Style::new().fg(Color::Indexed(250)),
    separator: Style::new().fg(FAINT),
    reader_title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
    reader_meta: Style::new().fg(DIM),
    body: Style::new(),
    removed: Style::new().fg(FAINT).add_modifier(Modifier::CROSSED_OUT),
    reason: Style::new()
        .fg(Color::Indexed(173))
        .add_modifier(Modifier::ITALIC),
    legend: Style::new().fg(DIM).add_modifier(Modifier::ITALIC),
    raw_badge: Style::new().fg(Color::Indexed(173)),
    placeholder: Style::new().fg(DIM).add_modifier(Modifier::ITALIC),
    scrollbar_thumb: Style::new().fg(DIM),
    scrollbar_track: Style::new().fg(FAINT),
    status: Style::new().bg(BAR_BG).fg(Color::Indexed(250)),
    status_counts: Style::new().bg(BAR_BG).fg(Color::White),
    status_warning: Style::new().bg(BAR_BG).fg(Color::Indexed(214)),
    status_message: Style::new().bg(BAR_BG).fg(ACCENT),
    status_key: Style::new()
        .bg(BAR_BG)
        .fg(Color::White)
        .add_modifier(Modifier::BOLD),
    status_hint: Style::new().bg(BAR_BG).fg(DIM),
    overlay_border: Style::new().fg(ACCENT),
    overlay_title: Style::new().fg(ACCENT).add_modifier(Modifier::BOLD),
    overlay_key: Style::new().fg(ACCENT).add_modifier(Modifier::BOLD),
    overlay_text: Style::new(),
    match_: Style::new()
        .bg(Color::Indexed(58))
        .fg(Color::Indexed(230))
        .add_modifier(Modifier::UNDERLINED),
    match_current: Style::new()
        .bg(Color::Indexed(220))
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD),
};

/// A role's name: the field's, unless given (`match_ = "match"`).
macro_rules! role_name {
    ($role:ident) => {
        stringify!($role)
    };
    ($role:ident $name:literal) => {
        $name
    };
}

/// Defines [`ROLES`] and access by name from one list of the fields.
macro_rules! roles {
    ($($role:ident $(= $name:literal)?),* $(,)?) => {
        /// Every role's name, as the config's `[theme]` spells it.
        pub const ROLES: &[&str] = &[$(role_name!($role $($name)?)),*];

        impl Theme {
            /// The style of the role named `name`.
            pub fn role(&self, name: &str) -> Option<Style> {
                match name {
                    $(role_name!($role $($name)?) => Some(self.$role),)*
                    _ => None,
                }
            }

            /// The style of the role named `name`, to change it.
            pub fn role_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(role_name!($role $($name)?) => Some(&mut self.$role),)*
                    _ => None,
                }
            }
        }
    };
}

roles!(
    header,
    header_focused,
    count,
    title_unread,
    title_read,
    meta,
    unread_marker,
    star,
    selection_focused,
    selection,
    selection_bar,
    selection_meta,
    separator,
    reader_title,
    reader_meta,
    body,
    removed,
    reason,
    legend,
    raw_badge,
    placeholder,
    scrollbar_thumb,
    scrollbar_track,
    status,
    status_counts,
    status_warning,
    status_message,
    status_key,
    status_hint,
    overlay_border,
    overlay_title,
    overlay_key,
    overlay_text,
    match_ = "match",
    match_current,
);

impl Default for Theme {
    fn default() -> Self {
        THEME
    }
}

impl Theme {
    /// This theme with every colour taken out (for `NO_COLOR`): only bold,
    /// dim, italic and the like remain, and what colour told apart (the
    /// selection, the status bar) is shown in reverse video instead.
    pub fn without_colour(&self) -> Theme {
        let mut theme = *self;
        for role in ROLES {
            if let Some(style) = theme.role_mut(role) {
                style.fg = None;
                style.bg = None;
            }
        }
        theme.selection_focused = theme.selection_focused.add_modifier(Modifier::REVERSED);
        theme.status = theme.status.add_modifier(Modifier::REVERSED);
        for style in [
            &mut theme.status_counts,
            &mut theme.status_warning,
            &mut theme.status_message,
            &mut theme.status_key,
            &mut theme.status_hint,
        ] {
            *style = style.add_modifier(Modifier::REVERSED);
        }
        theme.title_read = theme.title_read.add_modifier(Modifier::DIM);
        theme.match_ = theme.match_.add_modifier(Modifier::REVERSED);
        theme.match_current = theme.match_current.add_modifier(Modifier::REVERSED);
        theme
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_named_once() {
        let mut seen = std::collections::HashSet::new();
        for role in ROLES {
            assert!(seen.insert(role), "{role}");
            assert!(THEME.role(role).is_some(), "{role}");
        }
    }

    #[test]
    fn the_match_role_is_named_match() {
        assert!(ROLES.contains(&"match") && ROLES.contains(&"match_current"));
        assert!(!ROLES.contains(&"match_"));
        let mut theme = THEME;
        *theme.role_mut("match").unwrap() = Style::new().fg(Color::Red);
        assert_eq!(theme.match_.fg, Some(Color::Red));
    }

    #[test]
    fn no_colour_theme_has_no_colours() {
        let plain = THEME.without_colour();
        for role in ROLES {
            let s = plain.role(role).unwrap();
            assert_eq!((s.fg, s.bg), (None, None), "{role}");
        }
        assert!(
            plain
                .selection_focused
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert!(plain.header_focused.add_modifier.contains(Modifier::BOLD));
    }
}
