//! The help overlay: every key and what it does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::THEME;
use super::{draw_overlay, pad};
use crate::app::{App, HELP};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let key_width = HELP
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let lines = HELP
        .iter()
        .skip(app.overlay_scroll())
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {}", pad(keys, key_width)), THEME.overlay_key),
                Span::styled(*what, THEME.overlay_text),
            ])
        })
        .collect();
    draw_overlay(frame, area, "Keys", "Esc or ? to close", lines, HELP.len());
}
