//! Every colour and text style the UI uses, in one place.

use ratatui::style::{Color, Modifier, Style};

/// The styles of each element on screen.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub header: Style,
    pub header_focused: Style,
    pub count: Style,
    pub title_unread: Style,
    pub title_read: Style,
    pub meta: Style,
    pub unread_marker: Style,
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
};
