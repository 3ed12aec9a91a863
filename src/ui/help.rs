//! The help overlay: every action with its keys, its config name and what it
//! does, from the key map (so a key rebound in the config shows as rebound).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{draw_overlay, pad};
use crate::app::App;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let help = app.help_rows();
    let key_width = help
        .iter()
        .map(|r| r.keys.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let name_width = help.iter().map(|r| r.name.len()).max().unwrap_or(0) + 2;
    let lines = help
        .iter()
        .skip(app.overlay_scroll())
        .map(|row| {
            Line::from(vec![
                Span::styled(format!(" {}", pad(&row.keys, key_width)), theme.overlay_key),
                Span::styled(pad(row.name, name_width), theme.meta),
                Span::styled(row.what, theme.overlay_text),
            ])
        })
        .collect();
    let hint = "j/k scroll · Esc or ? to close";
    draw_overlay(theme, frame, area, "Keys", hint, lines, help.len());
}
