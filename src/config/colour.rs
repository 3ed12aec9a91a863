//! Colours as the config spells them: names ("red", "lightblue"), 0–255 for
//! the terminal's palette, "#rrggbb", or "default" for the terminal's own.
//! Parsing and printing round-trip.

use ratatui::style::Color;

const NAMES: &[(&str, Color)] = &[
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("darkgray", Color::DarkGray),
    ("lightred", Color::LightRed),
    ("lightgreen", Color::LightGreen),
    ("lightyellow", Color::LightYellow),
    ("lightblue", Color::LightBlue),
    ("lightmagenta", Color::LightMagenta),
    ("lightcyan", Color::LightCyan),
    ("white", Color::White),
    ("reset", Color::Reset),
];

/// What colours look like, for messages.
pub const COLOUR_HELP: &str = "use a name (black, red, green, yellow, blue, magenta, cyan, gray, \
     darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white), \
     a number 0-255, #rrggbb, or \"default\"";

/// `Some(None)` is "default" (no colour of our own); `None` is not a colour.
pub fn parse(s: &str) -> Option<Option<Color>> {
    let name: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .collect::<String>()
        .to_ascii_lowercase()
        .replace("grey", "gray");
    if name == "default" || name == "none" {
        return Some(None);
    }
    if let Some((_, c)) = NAMES.iter().find(|(n, _)| *n == name) {
        return Some(Some(*c));
    }
    if let Ok(n) = name.parse::<u8>() {
        return Some(Some(Color::Indexed(n)));
    }
    let hex = name.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?)))
}

/// The config's spelling of `colour`.
pub fn print(colour: Option<Color>) -> String {
    match colour {
        None => "default".into(),
        Some(Color::Indexed(n)) => n.to_string(),
        Some(Color::Rgb(r, g, b)) => format!("#{r:02x}{g:02x}{b:02x}"),
        Some(c) => NAMES
            .iter()
            .find(|(_, k)| *k == c)
            .map_or_else(|| "default".into(), |(n, _)| n.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip() {
        for s in [
            "red",
            "lightblue",
            "darkgray",
            "75",
            "0",
            "255",
            "#0a1b2c",
            "default",
            "reset",
        ] {
            assert_eq!(print(parse(s).unwrap()), s);
        }
        assert_eq!(parse("Light Blue"), Some(Some(Color::LightBlue)));
        assert_eq!(parse("dark_grey"), Some(Some(Color::DarkGray)));
        assert_eq!(parse("#FFFFFF"), Some(Some(Color::Rgb(255, 255, 255))));
        for bad in ["purple", "256", "#fff", "#gggggg", ""] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
