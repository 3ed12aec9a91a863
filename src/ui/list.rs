//! The headline list: a header, then two rows per headline (title, then
//! source · date), an unread marker, and the selection highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::THEME;
use super::{fit, pad};
use crate::app::{App, Focus, layout};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let focused = app.focus() == Focus::List;
    draw_header(app, frame, layout::header(area), focused);
    let body = layout::body(area);
    if app.headlines().is_empty() {
        draw_empty(app, frame, body);
        return;
    }
    let mut lines = Vec::with_capacity(body.height as usize);
    let headlines = app.headlines();
    let first = app.list_offset().min(headlines.len());
    let last = (first + body.height.div_ceil(2) as usize).min(headlines.len());
    for (index, headline) in (first..last).zip(&headlines[first..last]) {
        let selected = index == app.selected();
        let read = app.library().is_read(index);
        let width = body.width as usize;
        let (bar, row) = match (selected, focused) {
            (false, _) => (" ", ratatui::style::Style::new()),
            (true, true) => ("▌", THEME.selection_focused),
            (true, false) => ("▌", THEME.selection),
        };
        let marker = if read { " " } else { "●" };
        let title_style = if read {
            THEME.title_read
        } else {
            THEME.title_unread
        };
        let meta_style = if selected {
            THEME.selection_meta
        } else {
            THEME.meta
        };
        let text_width = width.saturating_sub(4);
        lines.push(Line::from(vec![
            Span::styled(bar, THEME.selection_bar.patch(row)),
            Span::styled(marker, THEME.unread_marker.patch(row)),
            Span::styled(" ", row),
            Span::styled(pad(&headline.title, text_width), row.patch(title_style)),
            Span::styled(" ", row),
        ]));
        lines.push(Line::from(vec![
            Span::styled(bar, THEME.selection_bar.patch(row)),
            Span::styled("  ", row),
            Span::styled(pad(&headline.meta, text_width), row.patch(meta_style)),
            Span::styled(" ", row),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// No articles at all: when the list is alone, say so and how to open some
/// (beside the reader, the reader says it).
fn draw_empty(app: &App, frame: &mut Frame, body: Rect) {
    if !app.panes().reader.is_empty() {
        return;
    }
    let width = body.width as usize;
    let lines = vec![
        Line::default(),
        Line::styled(fit("  No articles here.", width), THEME.placeholder),
        Line::styled(
            fit("  Run `byline PATH` to open a folder.", width),
            THEME.placeholder,
        ),
    ];
    frame.render_widget(Paragraph::new(lines), body);
}

/// "Headlines" on the left, "selected/total" on the right.
fn draw_header(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
    let style = if focused {
        THEME.header_focused
    } else {
        THEME.header
    };
    let total = app.headlines().len();
    let position = if total == 0 {
        String::new()
    } else {
        format!("{}/{} ", app.selected() + 1, total)
    };
    let width = area.width as usize;
    let label = fit(" Headlines", width.saturating_sub(position.len() + 1));
    let gap = width.saturating_sub(label.chars().count() + position.len());
    let line = Line::from(vec![
        Span::styled(label, style),
        Span::raw(" ".repeat(gap)),
        Span::styled(position, THEME.count),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
