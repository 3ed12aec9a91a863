//! Screen geometry shared by `update` (paging, mouse hits) and `ui` (drawing):
//! where the list, the reader, the status bar and overlays go.

use ratatui::layout::Rect;

/// Below this width only one pane shows at a time.
pub const NARROW_WIDTH: u16 = 70;
/// The default readable measure: the reader's text column is at most this
/// wide unless the config's `reader_width` says otherwise.
pub const MEASURE: u16 = 80;
/// The list's share of the width, in percent, and its bounds in columns.
const LIST_PERCENT: u16 = 40;
const LIST_MIN: u16 = 30;
const LIST_MAX: u16 = 60;

/// The rectangles of the main screen; a hidden pane has an empty rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub list: Rect,
    /// The column between list and reader (empty when narrow).
    pub separator: Rect,
    pub reader: Rect,
    pub status: Rect,
}

impl Panes {
    /// Lays out `area`; when narrow, `reading` picks the reader over the list.
    pub fn new(area: Rect, reading: bool) -> Self {
        let status_height = u16::from(area.height >= 2);
        let main = Rect {
            height: area.height - status_height,
            ..area
        };
        let status = Rect {
            y: main.bottom(),
            height: status_height,
            ..area
        };
        let empty = Rect { width: 0, ..main };
        if area.width < NARROW_WIDTH {
            let (list, reader) = if reading {
                (empty, main)
            } else {
                (main, empty)
            };
            return Panes {
                list,
                separator: empty,
                reader,
                status,
            };
        }
        let list_width = list_width(main.width);
        let list = Rect {
            width: list_width,
            ..main
        };
        let separator = Rect {
            x: list.right(),
            width: 1,
            ..main
        };
        let reader = Rect {
            x: separator.right(),
            width: main.width - list_width - 1,
            ..main
        };
        Panes {
            list,
            separator,
            reader,
            status,
        }
    }
}

/// The list's width beside the reader: a share of `width`, within bounds,
/// so titles get room on wide screens while the reader keeps its measure.
fn list_width(width: u16) -> u16 {
    (width as u32 * LIST_PERCENT as u32 / 100).clamp(LIST_MIN as u32, LIST_MAX as u32) as u16
}

/// The first row of a pane: its header.
pub fn header(pane: Rect) -> Rect {
    Rect {
        height: pane.height.min(1),
        ..pane
    }
}

/// A pane below its header (and a spacer row, when there is room for one).
pub fn body(pane: Rect) -> Rect {
    let h = if pane.height > 10 {
        2
    } else {
        pane.height.min(1)
    };
    Rect {
        y: pane.y + h,
        height: pane.height - h,
        ..pane
    }
}

/// Headlines that fit in the list pane (two rows each), at least one.
pub fn list_capacity(list: Rect) -> usize {
    (body(list).height as usize / 2).max(1)
}

/// The reader's text column: centred, at most `measure` wide, leaving a
/// margin on each side and the rightmost column for the scrollbar.
pub fn reader_text(reader: Rect, measure: u16) -> Rect {
    let b = body(reader);
    let usable = b.width.saturating_sub(1);
    let width = usable
        .saturating_sub(4)
        .clamp(1.min(usable), measure.max(1));
    Rect {
        x: b.x + (usable - width) / 2,
        width,
        ..b
    }
}

/// A centred box for an overlay with `content` rows inside its border.
pub fn overlay(area: Rect, content: usize) -> Rect {
    let width = area.width.saturating_sub(4).min(72);
    let height = (content as u16)
        .saturating_add(2)
        .min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Rows available to an overlay's content inside its border.
pub fn overlay_rows(area: Rect, content: usize) -> usize {
    overlay(area, content).height.saturating_sub(2) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_areas_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (20, 5), (69, 2), (70, 1)] {
            let area = Rect::new(0, 0, w, h);
            for reading in [false, true] {
                let p = Panes::new(area, reading);
                let _ = (reader_text(p.reader, MEASURE), list_capacity(p.list));
                let _ = overlay(area, 30);
            }
        }
    }

    #[test]
    fn text_column_is_capped_and_centred() {
        let p = Panes::new(Rect::new(0, 0, 200, 40), true);
        let t = reader_text(p.reader, MEASURE);
        assert_eq!(t.width, MEASURE);
        let left = t.x - p.reader.x;
        let right = p.reader.right() - 1 - t.right();
        assert!(left.abs_diff(right) <= 1, "{left} {right}");
    }

    #[test]
    fn list_takes_a_bounded_share_and_wide_readers_get_the_measure() {
        let width_of = |w| Panes::new(Rect::new(0, 0, w, 40), false).list.width;
        assert_eq!(width_of(70), LIST_MIN);
        assert_eq!(width_of(120), 48);
        assert_eq!(width_of(400), LIST_MAX);
        for w in [150, 160, 200, 300, u16::MAX] {
            let p = Panes::new(Rect::new(0, 0, w, 40), false);
            assert_eq!(
                reader_text(p.reader, MEASURE).width,
                MEASURE,
                "at {w} columns"
            );
            assert_eq!(p.list.width + 1 + p.reader.width, w);
        }
    }
}
