//! The headline list: a header, then two rows per headline (title, then
//! source · date), an unread marker, a ★ before starred titles, and the
//! selection highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, pad};
use crate::app::{Action, App, Focus, layout};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    if area.is_empty() {
        return;
    }
    let focused = app.focus() == Focus::List;
    draw_header(app, frame, layout::header(area), focused);
    let body = layout::body(area);
    if app.library().visible().is_empty() {
        draw_empty(app, frame, body);
        return;
    }
    let mut lines = Vec::with_capacity(body.height as usize);
    let visible = app.library().visible();
    let first = app.list_offset().min(visible.len());
    let last = (first + body.height.div_ceil(2) as usize).min(visible.len());
    for (row, &index) in (first..last).zip(&visible[first..last]) {
        let headline = &app.headline(index);
        let selected = row == app.selected();
        let read = app.library().is_read(index);
        let width = body.width as usize;
        let (bar, row) = match (selected, focused) {
            (false, _) => (" ", ratatui::style::Style::new()),
            (true, true) => ("▌", theme.selection_focused),
            (true, false) => ("▌", theme.selection),
        };
        let marker = if read { " " } else { "●" };
        let title_style = if read {
            theme.title_read
        } else {
            theme.title_unread
        };
        let meta_style = if selected {
            theme.selection_meta
        } else {
            theme.meta
        };
        let text_width = width.saturating_sub(4);
        let mut title = vec![
            Span::styled(bar, theme.selection_bar.patch(row)),
            Span::styled(marker, theme.unread_marker.patch(row)),
            Span::styled(" ", row),
        ];
        let title_width = if app.library().is_starred(index) && text_width > 4 {
            title.push(Span::styled("★ ", theme.star.patch(row)));
            text_width - 2
        } else {
            text_width
        };
        title.push(Span::styled(
            pad(&headline.title, title_width),
            row.patch(title_style),
        ));
        title.push(Span::styled(" ", row));
        lines.push(Line::from(title));
        let copies = app.library().copy_count(index);
        let (meta, mark) = if copies > 1 {
            let mark = format!(" ×{copies}");
            let room = text_width.saturating_sub(mark.chars().count());
            (pad(&headline.meta, room), mark)
        } else {
            (pad(&headline.meta, text_width), String::new())
        };
        lines.push(Line::from(vec![
            Span::styled(bar, theme.selection_bar.patch(row)),
            Span::styled("  ", row),
            Span::styled(meta, row.patch(meta_style)),
            Span::styled(mark, theme.count.patch(row)),
            Span::styled(" ", row),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// No articles at all: when the list is alone, say so and how to open some
/// (beside the reader, the reader says it). Articles, but none listed: the
/// filters say why, unless a search is still being checked.
fn draw_empty(app: &App, frame: &mut Frame, body: Rect) {
    let theme = app.theme();
    let width = body.width as usize;
    let texts = if app.has_pending_work() {
        vec!["  Checking the search's matches…".to_string()]
    } else if !app.library().is_empty() {
        vec![
            "  Nothing listed with these filters.".to_string(),
            format!(
                "  {} unread · {} starred · {} source",
                app.keymap().first_key(Action::FilterUnread),
                app.keymap().first_key(Action::FilterStarred),
                app.keymap().first_key(Action::FilterSource),
            ),
        ]
    } else if app.loading().is_some() && app.panes().reader.is_empty() {
        vec!["  Loading…".to_string()]
    } else if app.panes().reader.is_empty() {
        vec![
            "  No articles here.".to_string(),
            "  Run `byline PATH` to open a folder.".to_string(),
        ]
    } else {
        return;
    };
    let mut lines = vec![Line::default()];
    lines.extend(
        texts
            .iter()
            .map(|t| Line::styled(fit(t, width), theme.placeholder)),
    );
    frame.render_widget(Paragraph::new(lines), body);
}

/// "Headlines" on the left, "selected/total" on the right.
fn draw_header(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
    let theme = app.theme();
    let style = if focused {
        theme.header_focused
    } else {
        theme.header
    };
    let total = app.library().visible().len();
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
        Span::styled(position, theme.count),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
