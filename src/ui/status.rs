//! The status bar: counts on the left (load problems in a warning colour),
//! then a one-off message or the standing hint, and key hints for the focused
//! pane on the right, as many as fit.
//!
//! Room is given out in order: counts, the filters in effect, a one-off
//! message, the two most useful hints, the standing hint, then the remaining
//! hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit;
use super::theme::Theme;
use crate::app::{Action, App, Focus, Key};

/// A key hint: the key, what it does, and its rank (0 is kept longest).
type Hint = (String, &'static str, u8);

/// Hints ranked below this are given room before the standing hint.
const ESSENTIAL: u8 = 2;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    if area.is_empty() {
        return;
    }
    let width = area.width as usize;
    let hints = hints(app);
    let essential = hints_width(&hints, ESSENTIAL);
    let mut spans = counts(app, width.saturating_sub(essential), width);
    let mut used = spans_width(&spans);
    let filters = crate::app::status_filters(app);
    if !filters.is_empty() {
        let listed = app.library().visible().len();
        let text = format!("{listed} listed: {filters}");
        let room = width.saturating_sub(essential);
        push_message(&mut spans, &mut used, &text, theme.status_counts, room);
    }
    let busy = match app.loading() {
        Some(progress) => Some(loading(progress)),
        None if app.is_grouping() => Some("finding copies…".to_string()),
        None => None,
    };
    if let Some(text) = busy {
        let room = width.saturating_sub(essential);
        push_message(&mut spans, &mut used, &text, theme.status_message, room);
    }
    if let Some(text) = app.message() {
        push_message(&mut spans, &mut used, text, theme.status_message, width);
    }
    let reserve = essential.min(width.saturating_sub(used));
    if let (None, Some(text)) = (app.message(), app.banner()) {
        let room = width.saturating_sub(reserve);
        push_message(&mut spans, &mut used, text, theme.status_hint, room);
    }
    let hints = fitting_hints(&hints, width.saturating_sub(used + 1), theme);
    let hints_width = spans_width(&hints);
    if hints_width > 0 {
        let gap = width.saturating_sub(used + hints_width);
        spans.push(Span::styled(" ".repeat(gap), theme.status));
        spans.extend(hints);
    }
    let line = Line::from(spans).style(theme.status);
    frame.render_widget(Paragraph::new(line).style(theme.status), area);
}

/// Appends " · text" cut to what is left of `limit` columns, if anything useful fits.
fn push_message(
    spans: &mut Vec<Span<'static>>,
    used: &mut usize,
    text: &str,
    style: Style,
    limit: usize,
) {
    let room = limit.saturating_sub(*used + 3);
    if room < 6 {
        return;
    }
    let span = Span::styled(format!(" · {}", fit(text, room)), style);
    *used += span.width();
    spans.push(span);
}

/// The counts in the longest form that fits in `room` (beside the essential
/// hints): " 12 articles · 5 unread · 2 problems (!)", then
/// " 12 · 5 unread · 2 (!)", else " 12 · 5 new · 2 !" cut to `width`.
fn counts(app: &App, room: usize, width: usize) -> Vec<Span<'static>> {
    let theme = app.theme();
    let lib = app.library();
    let (n, unread, p) = (lib.story_count(), lib.unread_count(), lib.problems().len());
    let long = |problems: String| {
        let mut spans = vec![
            Span::styled(
                format!(" {n} {}", plural(n, "article")),
                theme.status_counts,
            ),
            Span::styled(format!(" · {unread} unread"), theme.status),
        ];
        if p > 0 {
            spans.push(Span::styled(problems, theme.status_warning));
        }
        spans
    };
    let full = long(format!(" · {p} {} (!)", plural(p, "problem")));
    if spans_width(&full) <= room {
        return full;
    }
    let mut short = long(format!(" · {p} (!)"));
    short[0] = Span::styled(format!(" {n}"), theme.status_counts);
    if spans_width(&short) <= room {
        return short;
    }
    let mut text = format!(" {n} · {unread} new");
    if p > 0 {
        text += &format!(" · {p} !");
    }
    vec![Span::styled(fit(&text, width), theme.status_counts)]
}

/// "loading 12,345 / 64,181 files" ("loading… finding files" during the walk).
fn loading(progress: crate::app::Progress) -> String {
    match progress.found {
        None if progress.cached => "checking for changes…".to_string(),
        None => "loading… finding files".to_string(),
        Some(found) => format!(
            "loading {} / {} files",
            thousands(progress.read),
            thousands(found)
        ),
    }
}

/// `n` with commas between thousands: 64181 → "64,181".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// The hints for what the keys do now, in the order they are shown, with
/// the keys the key map has (an action with no key gets no hint).
fn hints(app: &App) -> Vec<Hint> {
    let key = |action| hint_key(app.keymap().keys_of(action).first());
    let mut hints = if app.library().is_empty() {
        vec![
            (key(Action::ToggleHelp), "help", 0),
            (key(Action::Quit), "quit", 1),
        ]
    } else {
        let read = app
            .shown_article()
            .is_some_and(|i| app.library().is_read(i));
        let (next, prev) = (key(Action::NextArticle), key(Action::PrevArticle));
        let step = if next.is_empty() || prev.is_empty() {
            String::new()
        } else {
            format!("{next}/{prev}")
        };
        match app.focus() {
            Focus::List => vec![
                (key(Action::Open), "read", 1),
                (key(Action::ToggleRead), "mark", 3),
                (key(Action::ToggleHelp), "help", 0),
                (key(Action::Quit), "quit", 2),
            ],
            Focus::Reader => vec![
                (key(Action::Back), "back", 1),
                (step, "next/prev", 2),
                (key(Action::PageDown), "page", 4),
                (
                    key(Action::ToggleRaw),
                    if app.raw() { "clean" } else { "raw" },
                    3,
                ),
                (
                    key(Action::ToggleRead),
                    if read { "unread" } else { "read" },
                    6,
                ),
                (key(Action::ToggleHelp), "help", 0),
                (key(Action::Quit), "quit", 5),
            ],
        }
    };
    hints.retain(|h| !h.0.is_empty());
    hints
}

/// A key as a hint shows it: Enter as ⏎, Space as ␣, else its label.
fn hint_key(key: Option<&Key>) -> String {
    match key.map(|k| (k, k.to_string())) {
        None => String::new(),
        Some((_, name)) if name == "Enter" => "⏎".into(),
        Some((_, name)) if name == "Space" => "␣".into(),
        Some((k, _)) => k.label(),
    }
}

fn hint_width(hint: &Hint) -> usize {
    Span::raw(format!(" {} {} ", hint.0, hint.1)).width()
}

/// Columns taken by the hints ranked below `rank`.
fn hints_width(hints: &[Hint], rank: u8) -> usize {
    hints
        .iter()
        .filter(|h| h.2 < rank)
        .map(hint_width)
        .sum::<usize>()
        + 1
}

/// The best-ranked hints that fit in `room` columns, in display order.
fn fitting_hints(hints: &[Hint], room: usize, theme: &Theme) -> Vec<Span<'static>> {
    let mut ranked: Vec<&Hint> = hints.iter().collect();
    ranked.sort_by_key(|h| h.2);
    let mut used = 0;
    let mut cutoff = 0;
    for hint in ranked {
        if used + hint_width(hint) > room {
            break;
        }
        used += hint_width(hint);
        cutoff = hint.2 + 1;
    }
    hints
        .iter()
        .filter(|h| h.2 < cutoff)
        .flat_map(|(key, what, _)| {
            [
                Span::styled(format!(" {key}"), theme.status_key),
                Span::styled(format!(" {what} "), theme.status_hint),
            ]
        })
        .collect()
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(Span::width).sum()
}
