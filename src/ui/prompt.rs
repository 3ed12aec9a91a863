//! The search prompt, in place of the status bar while it is open: "/" and
//! what was typed (its end, when long) with the cursor after it, then how
//! many articles match and what Enter and Esc do.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::App;
use crate::sanitize::sanitize_line;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, input: &str) {
    let theme = app.theme();
    if area.is_empty() {
        return;
    }
    let count = if input.trim().is_empty() {
        "type to search titles and text".to_string()
    } else {
        match app.search_hits() {
            _ if app.is_indexing() => "indexing…".to_string(),
            Some(n) if app.has_pending_work() => crate::app::checking(n),
            Some(0) | None => "no matches".to_string(),
            Some(1) => "1 match".to_string(),
            Some(n) => format!("{n} matches"),
        }
    };
    let right = format!(" {count} · ⏎ keep · Esc clear ");
    let width = area.width as usize;
    let right = if right.width() + 12 <= width {
        right
    } else {
        String::new()
    };
    let room = width.saturating_sub(right.width() + 3);
    let shown = tail(&sanitize_line(input), room);
    let used = 2 + shown.width();
    let line = Line::from(vec![
        Span::styled(" /", theme.status_key),
        Span::styled(shown, theme.status_counts),
        Span::styled(
            " ".repeat(width.saturating_sub(used + right.width())),
            theme.status,
        ),
        Span::styled(right, theme.status_hint),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.status), area);
    let x = area.x + (used as u16).min(area.width.saturating_sub(1));
    frame.set_cursor_position(Position::new(x, area.y));
}

/// The end of `s` that fits in `width` columns ("…" first when cut).
fn tail(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    std::iter::once('…').chain(out.into_iter().rev()).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tail_keeps_the_end() {
        assert_eq!(super::tail("harbour bridge", 20), "harbour bridge");
        assert_eq!(super::tail("harbour bridge", 7), "…bridge");
    }
}
