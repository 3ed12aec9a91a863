//! Runs of lines that headline inference sees past or distrusts: long menus
//! of short entries and lists of dated teasers.

use super::Reason;
use super::region::Scored;

/// Lines of a list of dated teasers: at least `TEASER_RUN` headings, each
/// followed by its own date stamp or byline, a few lines apart (section
/// labels between allowed).
pub fn dated_teasers(lines: &[Scored]) -> Vec<bool> {
    let dated: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| {
            let s = &lines[i];
            !s.hard
                && (4..=25).contains(&s.line.words)
                && lines[i + 1].reason == Some(Reason::Byline)
        })
        .collect();
    let mut out = vec![false; lines.len()];
    let mut g = 0;
    while g < dated.len() {
        let mut h = g;
        while h + 1 < dated.len() && dated[h + 1] - dated[h] <= 4 {
            h += 1;
        }
        if h + 1 - g >= TEASER_RUN {
            out[dated[g]..=dated[h] + 1]
                .iter_mut()
                .for_each(|t| *t = true);
        }
        g = h + 1;
    }
    out
}

/// How many dated headings in a row make a list of teasers.
const TEASER_RUN: usize = 3;
/// Penalty of a heading in a list of dated teasers.
pub const TEASER_LIST: f32 = 8.0;

/// How many menu entries in a row make a menu.
const MENU_RUN: usize = 12;

/// The first line of the window that holds `count` lines other than menu
/// entries before `start`.
pub fn reach_back(menu: &[bool], start: usize, count: usize) -> usize {
    let mut left = count;
    let mut lo = start;
    while lo > 0 && left > 0 {
        lo -= 1;
        left -= usize::from(!menu[lo]);
    }
    lo
}

/// Lines in a long run of short menu entries (at least `MENU_RUN` lines of
/// three words or fewer that are not sentences, widgets between allowed).
pub fn menu_runs(lines: &[Scored]) -> Vec<bool> {
    let short = |s: &Scored| s.line.words <= 3 && !s.line.terminal;
    let mut menu = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !short(&lines[i]) {
            i += 1;
            continue;
        }
        let from = i;
        let mut entries = 0;
        while i < lines.len() && (lines[i].hard || short(&lines[i])) {
            entries += usize::from(!lines[i].hard);
            i += 1;
        }
        if entries >= MENU_RUN {
            menu[from..i].iter_mut().for_each(|m| *m = true);
        }
    }
    menu
}
