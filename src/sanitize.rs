//! The only way article text reaches the screen: strips terminal escape
//! sequences, control characters and bidi overrides, and expands tabs.

/// Columns between tab stops when expanding tabs.
const TAB_STOP: usize = 4;

/// Returns `s` made safe to print: escape sequences (CSI, OSC, DCS and other
/// string controls, two-byte `ESC x`), C0/C1 controls (except newline) and
/// bidi controls are dropped, tabs become spaces up to the next tab stop.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut column = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\x1b' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_dropped(c) => {}
            c => {
                out.push(c);
                column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
        }
    }
    out
}

/// Like [`sanitize`], for one-line text such as titles: line breaks become
/// spaces and runs of whitespace collapse to one.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Control characters (C0 other than `\n`/`\t`, DEL, C1) and bidi controls.
fn is_dropped(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Consumes what follows an ESC: a CSI, a string control, or `ESC [intermediates] final`.
fn skip_escape(chars: &mut Chars) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(c) if ('\x20'..='\x2f').contains(&c) => {
            while chars.next_if(|c| ('\x20'..='\x2f').contains(c)).is_some() {}
            chars.next_if(|c| ('\x30'..='\x7e').contains(c));
        }
        Some(c) if ('\x30'..='\x7e').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Consumes CSI parameters and intermediates up to and including the final byte.
fn skip_csi(chars: &mut Chars) {
    while chars.next_if(|c| ('\x20'..='\x3f').contains(c)).is_some() {}
    chars.next_if(|c| ('\x40'..='\x7e').contains(c));
}

/// Consumes a string control (OSC, DCS, ...) up to BEL, `ESC \` or C1 ST.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\x07' | '\u{9c}' => return,
            '\x1b' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(
            sanitize("Hello, wörld — 日本\nnext"),
            "Hello, wörld — 日本\nnext"
        );
    }

    #[test]
    fn osc_clipboard_write_is_dropped() {
        assert_eq!(sanitize("a\x1b]52;c;aGVsbG8=\x07b"), "ab");
        assert_eq!(sanitize("a\x1b]0;title\x1b\\b"), "ab");
        assert_eq!(sanitize("a\u{9d}8;;http://x\u{9c}b"), "ab");
    }

    #[test]
    fn csi_sequences_are_dropped() {
        assert_eq!(sanitize("x\x1b[2Jy"), "xy");
        assert_eq!(sanitize("\x1b[1;31mred\x1b[0m"), "red");
        assert_eq!(sanitize("a\u{9b}2Jb"), "ab");
        assert_eq!(sanitize("a\x1b[?1049hb"), "ab");
    }

    #[test]
    fn other_escapes_and_controls_are_dropped() {
        assert_eq!(sanitize("a\x1bcb"), "ab");
        assert_eq!(sanitize("a\x1b(Bb"), "ab");
        assert_eq!(sanitize("a\x07\x08\r\x00\x7fb"), "ab");
        assert_eq!(sanitize("a\u{85}\u{90}"), "a");
        assert_eq!(sanitize("trailing\x1b"), "trailing");
    }

    #[test]
    fn no_escape_or_control_survives() {
        let nasty = "\x1b]52;c;aGVsbG8=\x07\x1b[2J\x1bP1$r\x1b\\\u{9b}31m\x1b7\x05";
        let s = sanitize(nasty);
        assert!(!s.chars().any(|c| c.is_control()), "{s:?}");
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(sanitize("a\u{202e}b\u{2066}c\u{2069}\u{200f}d"), "abcd");
    }

    #[test]
    fn tabs_expand_to_tab_stops() {
        assert_eq!(sanitize("\tx"), "    x");
        assert_eq!(sanitize("ab\tc\n\td"), "ab  c\n    d");
    }

    #[test]
    fn sanitize_line_joins_lines() {
        assert_eq!(sanitize_line("  Big\n news\r\n today "), "Big news today");
    }
}
