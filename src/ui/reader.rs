//! The reader: a header with the view name and position, the article's
//! lines on screen (wrapped by `update`, see `ReaderCache`) in a centred
//! column with search matches highlighted, and a scrollbar.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::fit;
use super::theme::Theme;
use crate::app::view::{LineKind, ReaderLine};
use crate::app::{App, Focus, layout};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    if area.is_empty() {
        return;
    }
    draw_header(app, frame, layout::header(area));
    let text = layout::reader_text(area, app.measure());
    if app.shown_article().is_none() {
        draw_placeholder(app, frame, layout::body(area));
        return;
    }
    let lines: Vec<Line> = app
        .reader_lines_from(app.scroll())
        .take(text.height as usize)
        .map(|(i, line)| styled(line, theme, app.line_marks(i)))
        .collect();
    frame.render_widget(Paragraph::new(lines), text);
    draw_scrollbar(app, frame, layout::body(area));
}

/// A line in its kind's style, with the search matches on it (byte ranges,
/// ascending, whether current) highlighted.
fn styled<'a>(
    line: &'a ReaderLine,
    theme: &Theme,
    marks: impl Iterator<Item = (Range<usize>, bool)>,
) -> Line<'a> {
    let style = match line.kind {
        LineKind::Title => theme.reader_title,
        LineKind::Meta => theme.reader_meta,
        LineKind::Body | LineKind::Blank => theme.body,
        LineKind::Removed => theme.removed,
        LineKind::Legend => theme.legend,
    };
    let text = line.text.as_str();
    let mut spans = Vec::new();
    let mut at = 0;
    for (range, current) in marks {
        let Some(marked) = text.get(range.clone()).filter(|_| range.start >= at) else {
            continue;
        };
        spans.push(Span::styled(&text[at..range.start], style));
        let mark = if current {
            theme.match_current
        } else {
            theme.match_
        };
        spans.push(Span::styled(marked, style.patch(mark)));
        at = range.end;
    }
    spans.push(Span::styled(&text[at..], style));
    if let Some(note) = &line.note {
        if !line.text.is_empty() {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(note.as_str(), theme.reason));
    }
    Line::from(spans)
}

/// "Reader" (or "Preview" while following the list's selection), "(raw)" in
/// the raw view, and the position on the right.
fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let style = if app.focus() == Focus::Reader {
        theme.header_focused
    } else {
        theme.header
    };
    let label = if app.is_preview() {
        " Preview"
    } else {
        " Reader"
    };
    let position = match app.shown_article() {
        Some(_) => format!("{}% ", app.percent()),
        None => String::new(),
    };
    let width = area.width as usize;
    let room = width.saturating_sub(position.len() + 1);
    let mut spans = vec![Span::styled(fit(label, room), style)];
    if app.raw() && app.shown_article().is_some() {
        let used = spans[0].width();
        spans.push(Span::styled(
            fit(" (raw)", room.saturating_sub(used)),
            theme.raw_badge,
        ));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    spans.push(Span::raw(
        " ".repeat(width.saturating_sub(used + position.len())),
    ));
    spans.push(Span::styled(position, theme.count));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The reader with nothing to show: with no articles at all, how to open some.
fn draw_placeholder(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let texts: &[&str] = if app.library().is_empty() && app.loading().is_some() {
        &["Loading…"]
    } else if app.library().is_empty() {
        &[
            "No articles here.",
            "",
            "Run `byline PATH` to open a folder",
            "of .txt, .md, .json or .jsonl files.",
        ]
    } else {
        &["Select a headline and press Enter to read it."]
    };
    let top = area.height / 3;
    let mut lines = vec![Line::default(); top as usize];
    lines.extend(
        texts
            .iter()
            .map(|t| Line::styled(fit(t, area.width as usize), theme.placeholder)),
    );
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), area);
}

fn draw_scrollbar(app: &App, frame: &mut Frame, body: Rect) {
    let theme = app.theme();
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
        .track_style(theme.scrollbar_track)
        .thumb_style(theme.scrollbar_thumb);
    frame.render_stateful_widget(bar, body, &mut state);
}
