//! The status bar: counts on the left, then a message or standing hint, and
//! key hints for the focused pane on the right when there is room.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit;
use super::theme::THEME;
use crate::app::{App, Focus};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let width = area.width as usize;
    let mut spans = counts(app);
    let mut used: usize = spans.iter().map(Span::width).sum();
    if used > width {
        spans = compact_counts(app, width);
        used = spans.iter().map(Span::width).sum();
    }
    let hints = hint_spans(app);
    let hints_width: usize = hints.iter().map(Span::width).sum();
    let text = app.message().or(app.banner());
    let text_style = if app.message().is_some() {
        THEME.status_message
    } else {
        THEME.status_hint
    };
    let show_hints = match text {
        Some(t) => used + 3 + t.chars().count() + hints_width <= width,
        None => used + hints_width <= width,
    };
    if let Some(text) = text {
        let room = width.saturating_sub(used + 3 + if show_hints { hints_width } else { 0 });
        let span = Span::styled(format!(" · {}", fit(text, room)), text_style);
        used += span.width();
        spans.push(span);
    }
    if show_hints {
        spans.push(Span::styled(
            " ".repeat(width - used - hints_width),
            THEME.status,
        ));
        spans.extend(hints);
    }
    let line = Line::from(spans).style(THEME.status);
    frame.render_widget(Paragraph::new(line).style(THEME.status), area);
}

/// " 12 articles · 5 unread · 1 problem"
fn counts(app: &App) -> Vec<Span<'static>> {
    let lib = app.library();
    let n = lib.len();
    let mut spans = vec![
        Span::styled(
            format!(" {n} {}", plural(n, "article")),
            THEME.status_counts,
        ),
        Span::styled(format!(" · {} unread", lib.unread_count()), THEME.status),
    ];
    let p = lib.problems().len();
    if p > 0 {
        spans.push(Span::styled(
            format!(" · {p} {} (!)", plural(p, "problem")),
            THEME.status_warning,
        ));
    }
    spans
}

/// " 4 · 3 new · 1 !" cut to `width`, for very narrow terminals.
fn compact_counts(app: &App, width: usize) -> Vec<Span<'static>> {
    let lib = app.library();
    let mut text = format!(" {} · {} new", lib.len(), lib.unread_count());
    if !lib.problems().is_empty() {
        text += &format!(" · {} !", lib.problems().len());
    }
    vec![Span::styled(fit(&text, width), THEME.status_counts)]
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

fn hint_spans(app: &App) -> Vec<Span<'static>> {
    let pairs: &[(&str, &str)] = match app.focus() {
        Focus::List => &[("⏎", "open"), ("m", "read"), ("?", "help"), ("q", "quit")],
        Focus::Reader => &[
            ("␣", "page"),
            ("J/K", "next/prev"),
            ("r", "raw"),
            ("h", "back"),
            ("?", "help"),
        ],
    };
    let mut spans = Vec::new();
    for (key, what) in pairs {
        spans.push(Span::styled(format!(" {key}"), THEME.status_key));
        spans.push(Span::styled(format!(" {what} "), THEME.status_hint));
    }
    spans
}
