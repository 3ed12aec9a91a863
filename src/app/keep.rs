//! The `update` steps for what byline keeps and hands on: stars, marking
//! everything read (after a question), links opened or copied (as effects
//! for `tui` to perform), reading positions and the session.

use super::{App, Confirm, Effect, Focus};

/// The article a key acts on: the one in the reader when it has focus, else
/// the selected one.
pub(super) fn target(app: &App) -> Option<usize> {
    match (app.focus, app.open) {
        (Focus::Reader, Some(i)) => Some(i),
        _ => app.selected_article(),
    }
}

pub(super) fn toggle_star(app: &mut App) {
    let Some(index) = target(app) else {
        return;
    };
    let starred = !app.library.is_starred(index);
    app.message = Some(match app.library.set_starred(index, starred) {
        Ok(()) if starred => "starred".into(),
        Ok(()) => "unstarred".into(),
        Err(e) => format!("could not save the star: {e}"),
    });
    super::filter::state_changed(app);
}

/// The articles now listed, by index (with their copies, see `set_all_read`).
fn listed(app: &App) -> Vec<usize> {
    app.library.visible().to_vec()
}

/// `A`: asks before marking everything listed read.
pub(super) fn ask_mark_all_read(app: &mut App) {
    let listed = listed(app);
    if listed.is_empty() {
        app.message = Some("nothing listed to mark".into());
    } else if listed.iter().all(|&i| app.library.is_read(i)) {
        app.message = Some("everything listed is already read".into());
    } else {
        app.confirm = Some(Confirm::MarkAllRead {
            count: listed.len(),
        });
    }
}

/// The answer to the open question.
pub(super) fn answer(app: &mut App, yes: bool) {
    let Some(question) = app.confirm.take() else {
        return;
    };
    match (question, yes) {
        (Confirm::MarkAllRead { .. }, true) => {
            let listed = listed(app);
            app.message = Some(match app.library.set_all_read(&listed) {
                Ok(n) => format!("marked {n} {} read", plural(n)),
                Err(e) => format!("could not save read state: {e}"),
            });
            // Asked for in bulk: the list follows at once.
            super::filter::relist(app, None);
        }
        (Confirm::MarkAllRead { .. }, false) => app.message = Some("nothing marked".into()),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "article" } else { "articles" }
}

/// The target article's link, or a message saying there is none.
fn link(app: &mut App) -> Option<String> {
    let index = target(app)?;
    let url = app.library.get(index)?.meta.url.clone();
    match url.map(|u| u.trim().to_string()) {
        Some(u) if !u.is_empty() => Some(u),
        _ => {
            app.message = Some("this article has no link".into());
            None
        }
    }
}

/// `o`: queues opening the link in the browser, for http and https only.
pub(super) fn open_url(app: &mut App) {
    let Some(url) = link(app) else {
        return;
    };
    let shown = crate::sanitize::sanitize_line(&url);
    if is_web_link(&url) {
        app.message = Some(format!("opening {shown}"));
        app.effects.push(Effect::OpenUrl(url));
    } else {
        app.message = Some(format!(
            "refusing to open {shown}: only http and https links"
        ));
    }
}

/// `y`: queues copying the link (sanitized) to the clipboard.
pub(super) fn copy_url(app: &mut App) {
    let Some(url) = link(app) else {
        return;
    };
    let clean = crate::sanitize::sanitize_line(&url);
    app.message = Some(format!("copied {clean}"));
    app.effects.push(Effect::Copy(clean));
}

/// An `http://` or `https://` link with a host and nothing a terminal or a
/// browser's command line could misread: no spaces, no control characters.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let host = rest.and_then(|r| r.split(['/', '?', '#']).next());
    host.is_some_and(|h| !h.is_empty())
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\u{202a}'..='\u{202e}'))
}

/// Records where the shown article is (clean view only), or, right after it
/// was shown, moves to where it was left.
pub(super) fn sync_position(app: &mut App, shown: Option<usize>) {
    let Some(index) = shown else {
        return;
    };
    let lines = app.reader.len();
    if lines == 0 {
        return;
    }
    if std::mem::take(&mut app.restore_position) {
        if let Some(fraction) = app.library.position(index) {
            app.scroll = ((fraction * lines as f64).round() as usize).min(app.max_scroll());
            if !app.reader.is_exact() {
                // The line count is a guess: the place is wrapped now, and
                // the fraction kept while the reader stays there.
                let rows = app.reader_rows();
                let article = app
                    .body
                    .as_deref()
                    .filter(|_| app.shown_article() == Some(index));
                app.scroll = app.reader.settle(article, app.scroll, rows);
                app.reader.set_restored(app.scroll, fraction);
            }
        }
    } else if !app.raw {
        let fraction = app.reader.restored_fraction(app.scroll);
        let fraction = fraction.unwrap_or(app.scroll as f64 / lines as f64);
        app.library.set_position(index, fraction);
    }
}

/// On quit: the selection, filters and sort go into the session, to be
/// restored next time.
pub(super) fn remember_session(app: &mut App) {
    let mut session = app.library.session().clone();
    let id = app
        .selected_article()
        .and_then(|i| app.library.get(i))
        .map(|a| a.id);
    session.set_selected_id(id);
    super::filter::remember(app.library.filters(), &mut session);
    session.search = app.search.input.clone();
    app.library.set_session(session);
}
