//! The `update` steps that change what is listed: unread only, starred only,
//! one source (through the source picker), the sort, and keeping the
//! selection on the same article when the list changes.
//!
//! Reading while only unread articles are listed does not pull the article
//! out from under the reader: the list is marked stale and recomputed at the
//! next move (the article moved to stays listed although it is read) or
//! filter change. The same holds for unstarring while only starred ones are
//! listed. A filter change made while reading keeps the article in the
//! reader listed too (when only the read or starred filter would drop it).

use super::{App, Overlay};
use crate::library::{Filters, Sort};
use crate::store::Session;

/// Recomputes the list, keeping the selection on the same article if it is
/// still listed (else the nearest); `exempt` stays listed although it no
/// longer passes the read and starred filters.
pub(super) fn relist(app: &mut App, exempt: Option<usize>) {
    app.selected = app.library.relist(exempt, app.selected);
    app.stale = false;
}

/// After a read or star change: the list is stale if a filter depends on it.
pub(super) fn state_changed(app: &mut App) {
    let f = app.library.filters();
    if f.unread_only || f.starred_only {
        app.stale = true;
    }
}

/// After a move to the article at `row`: a stale list is recomputed, that
/// article staying listed.
pub(super) fn moved(app: &mut App) {
    if app.stale {
        let current = app.open.filter(|_| app.focus == super::Focus::Reader);
        let exempt = current.or_else(|| app.selected_article());
        relist(app, exempt);
    }
}

fn change(app: &mut App, what: impl FnOnce(&mut Filters)) {
    let mut filters = app.library.filters().clone();
    what(&mut filters);
    app.library.set_filters(filters);
    let reading = app.open.filter(|_| app.focus == super::Focus::Reader);
    relist(app, reading);
    // The status bar shows the filters in effect; with none, say so once.
    if app.library.filters().is_default() && !app.library.is_searching() {
        app.message = Some("no filters: everything listed, newest first".into());
    }
}

/// `u`: only unread articles, or all again.
pub(super) fn toggle_unread(app: &mut App) {
    change(app, |f| f.unread_only = !f.unread_only);
}

/// `*`: only starred articles, or all again.
pub(super) fn toggle_starred(app: &mut App) {
    change(app, |f| f.starred_only = !f.starred_only);
}

/// `S`: the next order.
pub(super) fn cycle_sort(app: &mut App) {
    change(app, |f| f.sort = f.sort.next());
}

/// `f`: opens the source picker on the source in effect.
pub(super) fn open_picker(app: &mut App) {
    let current = app.library.filters().source.clone();
    app.picker = current
        .and_then(|s| app.library.sources().iter().position(|(n, _)| *n == s))
        .map_or(0, |i| i + 1);
    app.overlay = Some(Overlay::Sources);
    app.overlay_scroll = 0;
}

/// Moves the picker's highlight by `step` rows, or chooses (`None`).
pub(super) fn picker_key(app: &mut App, step: Option<isize>) {
    let rows = app.library.sources().len() + 1;
    let Some(step) = step else {
        let source = app
            .picker
            .checked_sub(1)
            .and_then(|i| app.library.sources().get(i))
            .map(|(s, _)| s.clone());
        app.overlay = None;
        change(app, |f| f.source = source);
        return;
    };
    app.picker = app.picker.saturating_add_signed(step).min(rows - 1);
    let visible = super::layout::overlay_rows(app.size, rows).max(1);
    if app.picker < app.overlay_scroll {
        app.overlay_scroll = app.picker;
    } else if app.picker >= app.overlay_scroll + visible {
        app.overlay_scroll = app.picker + 1 - visible;
    }
}

/// The filters a session had.
pub(super) fn filters_of(session: &Session) -> Filters {
    Filters {
        unread_only: session.unread_only,
        starred_only: session.starred_only,
        source: session.source.clone().filter(|s| !s.is_empty()),
        sort: Sort::from_name(&session.sort),
    }
}

/// The session with the filters in effect.
pub(super) fn remember(filters: &Filters, session: &mut Session) {
    session.unread_only = filters.unread_only;
    session.starred_only = filters.starred_only;
    session.source = filters.source.clone();
    session.sort = filters.sort.name().into();
}
