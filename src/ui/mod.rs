//! Drawing: `draw(&App, &mut Frame)` reads the app and never changes it. One
//! module per pane; colours come from [`theme`].

mod confirm;
mod help;
mod list;
mod problems;
mod prompt;
mod reader;
mod sources;
mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::layout;
use crate::app::{App, Overlay};
use theme::Theme;

/// Draws the whole screen for `app`.
pub fn draw(app: &App, frame: &mut Frame) {
    let theme = app.theme();
    let area = frame.area();
    let panes = layout::Panes::new(area, app.focus() == crate::app::Focus::Reader);
    list::draw(app, frame, panes.list);
    draw_separator(frame, panes.separator, theme);
    reader::draw(app, frame, panes.reader);
    match app.prompt() {
        Some(input) => prompt::draw(app, frame, panes.status, input),
        None => status::draw(app, frame, panes.status),
    }
    match app.overlay() {
        Some(Overlay::Help) => help::draw(app, frame, area),
        Some(Overlay::Problems) => problems::draw(app, frame, area),
        Some(Overlay::Sources) => sources::draw(app, frame, area),
        None => {}
    }
    if let Some(question) = app.confirm() {
        confirm::draw(app, frame, area, question);
    }
}

fn draw_separator(frame: &mut Frame, area: Rect, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let lines = vec![Line::styled("│", theme.separator); area.height as usize];
    frame.render_widget(Paragraph::new(lines), area);
}

/// Draws an overlay box of `content` (already scrolled by the app) over `area`.
fn draw_overlay(
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    hint: &str,
    lines: Vec<Line>,
    total: usize,
) {
    let rect = layout::overlay(area, total);
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.overlay_border)
        .title(Line::styled(format!(" {title} "), theme.overlay_title))
        .title_bottom(Line::styled(format!(" {hint} "), theme.header).right_aligned());
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// `s` cut to at most `width` columns, with "…" when something was cut.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `s` fitted to `width` and padded with spaces to exactly `width` columns.
fn pad(s: &str, width: usize) -> String {
    let s = fit(s, width);
    let fill = width.saturating_sub(s.width());
    s + &" ".repeat(fill)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("headline", 20), "headline");
        assert_eq!(fit("headline", 5), "head…");
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(pad("ab", 4), "ab  ");
    }
}
