//! The parts of the state beyond read flags: where each article was left
//! (reading positions, bounded) and the last session (selection, filters,
//! sort, search).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::article::ArticleId;

/// Reading positions kept at most; the least recently used go first.
pub const MAX_POSITIONS: usize = 5000;

/// Where an article was left, as the share of its lines above the top of the
/// reader: 0.0 is the top, 0.5 half-way. A share rather than a line number,
/// so the place survives re-wrapping at another width (a line number would
/// drift as lines get longer or shorter).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// 0.0 ..= 1.0, rounded to 4 decimals so files stay stable.
    pub fraction: f64,
    /// A counter that grows with each position saved: the bound keeps the
    /// highest ones.
    pub used: u64,
}

/// The bounded map of reading positions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Positions {
    map: HashMap<ArticleId, Position>,
    /// One more than the highest `used` so far.
    clock: u64,
}

impl Positions {
    pub fn get(&self, id: ArticleId) -> Option<f64> {
        self.map.get(&id).map(|p| p.fraction)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Records `fraction` for `id` (0 forgets it: the top is the default).
    /// Returns whether anything changed.
    pub fn set(&mut self, id: ArticleId, fraction: f64) -> bool {
        let fraction = normalize(fraction);
        if fraction == 0.0 {
            return self.map.remove(&id).is_some();
        }
        if self.get(id) == Some(fraction) {
            return false;
        }
        let used = self.tick();
        self.map.insert(id, Position { fraction, used });
        if self.map.len() > MAX_POSITIONS {
            self.forget_oldest();
        }
        true
    }

    /// Adds an entry read from the file, keeping its counter.
    pub(super) fn load(&mut self, id: ArticleId, position: Position) {
        let fraction = normalize(position.fraction);
        if fraction > 0.0 {
            self.clock = self.clock.max(position.used.saturating_add(1));
            self.map.insert(
                id,
                Position {
                    fraction,
                    used: position.used,
                },
            );
        }
    }

    /// Trims to the bound after loading a file that held more.
    pub(super) fn enforce_bound(&mut self) {
        while self.map.len() > MAX_POSITIONS {
            self.forget_oldest();
        }
    }

    /// The entries sorted by id, for a deterministic file.
    pub(super) fn sorted(&self) -> Vec<(ArticleId, Position)> {
        let mut all: Vec<_> = self.map.iter().map(|(id, p)| (*id, *p)).collect();
        all.sort_by_key(|(id, _)| *id);
        all
    }

    fn tick(&mut self) -> u64 {
        let now = self.clock;
        self.clock += 1;
        now
    }

    fn forget_oldest(&mut self) {
        if let Some(oldest) = self
            .map
            .iter()
            .min_by_key(|(_, p)| p.used)
            .map(|(id, _)| *id)
        {
            self.map.remove(&oldest);
        }
    }
}

/// Clamped to 0..=1 and rounded to 4 decimals; not-a-number is the top.
fn normalize(fraction: f64) -> f64 {
    if fraction.is_nan() {
        return 0.0;
    }
    (fraction.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0
}

/// What the last session looked like, restored at the next start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// The selected article, as its id (16 hex digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
    pub unread_only: bool,
    pub starred_only: bool,
    /// Only this source is listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// "newest", "oldest", "source" or "title".
    pub sort: String,
    /// The last search query ("" for none).
    pub search: String,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            selected: None,
            unread_only: false,
            starred_only: false,
            source: None,
            sort: "newest".into(),
            search: String::new(),
        }
    }
}

impl Session {
    /// The selected article's id, if it is one.
    pub fn selected_id(&self) -> Option<ArticleId> {
        self.selected.as_deref().and_then(ArticleId::parse)
    }

    pub fn set_selected_id(&mut self, id: Option<ArticleId>) {
        self.selected = id.map(|id| id.to_string());
    }

    pub fn is_default(&self) -> bool {
        *self == Session::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_bounded_by_least_recent_use() {
        let mut p = Positions::default();
        for i in 0..(MAX_POSITIONS as u64 + 10) {
            assert!(p.set(ArticleId(i), 0.5));
        }
        assert_eq!(p.len(), MAX_POSITIONS);
        assert_eq!(p.get(ArticleId(0)), None, "the oldest went first");
        assert_eq!(p.get(ArticleId(9)), None);
        assert_eq!(p.get(ArticleId(10)), Some(0.5));
        // Touching an old one keeps it when the next ones arrive.
        assert!(p.set(ArticleId(10), 0.25));
        assert!(p.set(ArticleId(u64::MAX), 0.5));
        assert_eq!(p.get(ArticleId(10)), Some(0.25));
        assert_eq!(p.get(ArticleId(11)), None);
    }

    #[test]
    fn fractions_are_clamped_rounded_and_zero_forgets() {
        let mut p = Positions::default();
        assert!(p.set(ArticleId(1), 0.333_333_3));
        assert_eq!(p.get(ArticleId(1)), Some(0.3333));
        assert!(!p.set(ArticleId(1), 0.333_34), "same after rounding");
        assert!(p.set(ArticleId(1), 7.0));
        assert_eq!(p.get(ArticleId(1)), Some(1.0));
        assert!(p.set(ArticleId(1), 0.0));
        assert!(p.is_empty());
        assert!(!p.set(ArticleId(1), f64::NAN));
    }
}
