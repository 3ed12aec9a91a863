//! The source picker: "All sources", then each source with its number of
//! stories (most first); the highlighted row has a bar and the selection
//! colours, the source in effect a dot.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{draw_overlay, fit, pad};
use crate::app::{App, layout};
use crate::sanitize::sanitize_line;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let sources = app.library().sources();
    let total = sources.len() + 1;
    let rows = layout::overlay_rows(area, total);
    let width = layout::overlay(area, total).width.saturating_sub(2) as usize;
    let current = app.library().filters().source.as_deref();
    let lines = (app.overlay_scroll()..total.min(app.overlay_scroll() + rows))
        .map(|row| {
            let (name, count, chosen) = match row.checked_sub(1) {
                None => (
                    "All sources".to_string(),
                    app.library().story_count(),
                    current.is_none(),
                ),
                Some(i) => {
                    let (name, n) = &sources[i];
                    (sanitize_line(name), *n, current == Some(name.as_str()))
                }
            };
            let count = format!(" {count} ");
            let bar = if row == app.picker() { "▌" } else { " " };
            let mark = if chosen { "• " } else { "  " };
            let name_width = width.saturating_sub(count.len() + 3);
            let style = if row == app.picker() {
                theme.selection_focused
            } else {
                theme.overlay_text
            };
            Line::from(vec![
                Span::styled(format!("{bar}{mark}"), theme.overlay_key.patch(style)),
                Span::styled(pad(&fit(&name, name_width), name_width), style),
                Span::styled(count, theme.meta.patch(style)),
            ])
        })
        .collect();
    let hint = "j/k move · Enter choose · Esc close";
    draw_overlay(theme, frame, area, "Sources", hint, lines, total);
}
