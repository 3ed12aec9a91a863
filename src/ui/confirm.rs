//! The yes/no question box (e.g. before marking everything read).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::fit;
use crate::app::{App, Confirm};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, question: Confirm) {
    let theme = app.theme();
    let text = match question {
        Confirm::MarkAllRead { count } => format!(
            "Mark all {count} listed {} as read?",
            if count == 1 { "article" } else { "articles" }
        ),
    };
    let hint = " y yes · n no ";
    let width = (text.width().max(hint.width()) as u16 + 4).min(area.width);
    let height = 3.min(area.height);
    if width < 5 || height < 3 {
        return;
    }
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.overlay_border)
        .title_bottom(Line::styled(hint, theme.overlay_key).right_aligned());
    let line = Line::styled(
        format!(" {}", fit(&text, width as usize - 3)),
        theme.overlay_title,
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(line).block(block), rect);
}
