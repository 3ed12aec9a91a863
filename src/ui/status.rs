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
    if let Some((text, style)) = message(app).filter(|_| width > used + 4) {
        let span = Span::styled(
            format!(" · {}", fit(text, width.saturating_sub(used + 3))),
            style,
        );
        used += span.width();
        spans.push(span);
    }
    let hints = hint_spans(app, width.saturating_sub(used + 1));
    let hints_width: usize = hints.iter().map(Span::width).sum();
    if hints_width > 0 {
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

/// The one-off message, else the standing hint, with its style.
fn message(app: &App) -> Option<(&str, ratatui::style::Style)> {
    match (app.message(), app.banner()) {
        (Some(m), _) => Some((m, THEME.status_message)),
        (None, Some(b)) => Some((b, THEME.status_hint)),
        (None, None) => None,
    }
}

/// Key hints for the focused pane, as many as fit in `room` columns.
fn hint_spans(app: &App, room: usize) -> Vec<Span<'static>> {
    // Most useful first: the ones at the end are dropped when room runs out.
    let pairs: &[(&str, &str)] = match app.focus() {
        Focus::List => &[("⏎", "open"), ("?", "help"), ("m", "read"), ("q", "quit")],
        Focus::Reader => &[
            ("h", "back"),
            ("?", "help"),
            ("J/K", "next/prev"),
            ("␣", "page"),
            ("r", "raw"),
        ],
    };
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in pairs {
        let key = Span::styled(format!(" {key}"), THEME.status_key);
        let what = Span::styled(format!(" {what} "), THEME.status_hint);
        used += key.width() + what.width();
        if used > room {
            break;
        }
        spans.extend([key, what]);
    }
    spans
}
