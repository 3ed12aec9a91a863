//! The load-problems overlay: each file that could not be read, and why.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::draw_overlay;
use super::theme::THEME;
use crate::app::App;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let problems = app.problems();
    let mut lines: Vec<Line> = Vec::with_capacity(problems.len() * 2);
    for (path, message) in problems {
        lines.push(Line::styled(format!(" {path}"), THEME.overlay_key));
        lines.push(Line::styled(format!("   {message}"), THEME.overlay_text));
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            " No load problems: every file loaded.",
            THEME.placeholder,
        ));
    }
    let total = lines.len();
    let visible = lines.into_iter().skip(app.overlay_scroll()).collect();
    let title = format!("Load problems ({})", problems.len());
    draw_overlay(
        frame,
        area,
        &title,
        "j/k scroll · Esc to close",
        visible,
        total,
    );
}
