//! The reader: a header with the view name and position, the article's
//! pre-wrapped lines in a centred column, and a scrollbar.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::fit;
use super::theme::THEME;
use crate::app::view::{LineKind, ReaderLine};
use crate::app::{App, Focus, layout};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    draw_header(app, frame, layout::header(area));
    let text = layout::reader_text(area);
    if app.open_article().is_none() {
        draw_placeholder(app, frame, layout::body(area));
        return;
    }
    let lines: Vec<Line> = app
        .reader_lines()
        .iter()
        .skip(app.scroll())
        .take(text.height as usize)
        .map(styled)
        .collect();
    frame.render_widget(Paragraph::new(lines), text);
    draw_scrollbar(app, frame, layout::body(area));
}

fn styled(line: &ReaderLine) -> Line<'_> {
    let style = match line.kind {
        LineKind::Title => THEME.reader_title,
        LineKind::Meta => THEME.reader_meta,
        LineKind::Body | LineKind::Blank => THEME.body,
        LineKind::Removed => THEME.removed,
    };
    let mut spans = vec![Span::styled(line.text.as_str(), style)];
    if let Some(note) = &line.note {
        if !line.text.is_empty() {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(note.as_str(), THEME.reason));
    }
    Line::from(spans)
}

/// "Reader" or "Raw view" on the left, the position on the right.
fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus() == Focus::Reader;
    let style = if focused {
        THEME.header_focused
    } else {
        THEME.header
    };
    let label = if app.raw() { " Raw view" } else { " Reader" };
    let position = match app.open_article() {
        Some(_) => format!("{}% ", app.percent()),
        None => String::new(),
    };
    let width = area.width as usize;
    let label = fit(label, width.saturating_sub(position.len() + 1));
    let gap = width.saturating_sub(label.chars().count() + position.len());
    let mut spans = vec![Span::styled(label, style)];
    if app.raw() && width > 40 {
        let hint = "  removed lines dimmed, with their reason";
        spans.push(Span::styled(fit(hint, gap.saturating_sub(1)), THEME.header));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    spans.push(Span::raw(
        " ".repeat(width.saturating_sub(used + position.len())),
    ));
    spans.push(Span::styled(position, THEME.count));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_placeholder(app: &App, frame: &mut Frame, area: Rect) {
    let text = if app.headlines().is_empty() {
        "Nothing to read here"
    } else {
        "Select a headline and press Enter to read it"
    };
    let top = area.height / 3;
    let mut lines = vec![Line::default(); top as usize];
    lines.push(Line::styled(
        fit(text, area.width as usize),
        THEME.placeholder,
    ));
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), area);
}

fn draw_scrollbar(app: &App, frame: &mut Frame, body: Rect) {
    let max = app.max_scroll();
    if max == 0 || body.width < 2 {
        return;
    }
    let mut state = ScrollbarState::new(max)
        .position(app.scroll())
        .viewport_content_length(app.reader_rows());
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("┃")
        .track_style(THEME.scrollbar_track)
        .thumb_style(THEME.scrollbar_thumb);
    frame.render_stateful_widget(bar, body, &mut state);
}
