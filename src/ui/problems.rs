//! The load-problems overlay: each file that could not be read, and why.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::draw_overlay;
use crate::app::{App, layout};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let problems = app.problems();
    let total = app.overlay_len();
    let rows = layout::overlay_rows(area, total);
    let lines: Vec<Line> = if problems.is_empty() {
        vec![Line::styled(
            " No load problems: every file loaded.",
            theme.placeholder,
        )]
    } else {
        // Two rows per problem; only the visible ones are built.
        (app.overlay_scroll()..total.min(app.overlay_scroll() + rows))
            .map(|row| {
                let (path, message) = &problems[row / 2];
                if row % 2 == 0 {
                    Line::styled(format!(" {path}"), theme.overlay_key)
                } else {
                    Line::styled(format!("   {message}"), theme.overlay_text)
                }
            })
            .collect()
    };
    let title = format!("Load problems ({})", problems.len());
    draw_overlay(
        theme,
        frame,
        area,
        &title,
        "j/k scroll · Esc to close",
        lines,
        total,
    );
}
