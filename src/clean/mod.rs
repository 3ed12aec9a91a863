//! Turns scraped text into a clean story: a pure function, no I/O, no terminal.
//!
//! `clean(raw, known_title)` infers the headline when none is known, removes its
//! repeats and the widgets scrapers leave around a story, and reports every
//! removal with a reason.

use std::fmt;

/// Why a line was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    DuplicateTitle,
    ShareWidget,
    Navigation,
    Promo,
    RelatedLinks,
    Counter,
    Caption,
    Byline,
    Boilerplate,
}

impl Reason {
    /// The kebab-case name shown in the raw view and in `clean --json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::DuplicateTitle => "duplicate-title",
            Reason::ShareWidget => "share-widget",
            Reason::Navigation => "navigation",
            Reason::Promo => "promo",
            Reason::RelatedLinks => "related-links",
            Reason::Counter => "counter",
            Reason::Caption => "caption",
            Reason::Byline => "byline",
            Reason::Boilerplate => "boilerplate",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A line the cleaner took out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub text: String,
    pub reason: Reason,
}

/// The result of cleaning one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cleaned {
    pub title: String,
    pub paragraphs: Vec<String>,
    pub removed: Vec<Removed>,
}

/// Cleans `raw`; `known_title` is the headline from metadata, when there is one.
///
/// PLACEHOLDER: splits into non-empty lines and takes the first as title.
/// The real pipeline replaces this.
pub fn clean(raw: &str, known_title: Option<&str>) -> Cleaned {
    let mut lines = raw.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = match known_title {
        Some(t) => t.trim().to_string(),
        None => lines.next().unwrap_or_default().to_string(),
    };
    Cleaned {
        title,
        paragraphs: lines.map(str::to_string).collect(),
        removed: Vec::new(),
    }
}
