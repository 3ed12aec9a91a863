//! Results checked a slice at a time: a phrase query's candidates each need
//! their text scanned, so the UI checks a bounded number per keystroke (the
//! first screen of results) and the rest on later ticks.

use super::DocId;
use super::index::Index;
use super::query::Query;

/// The results of one query, possibly still being checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    /// Candidates, ascending; those from `next` on are not checked yet.
    candidates: Vec<DocId>,
    next: usize,
    /// Confirmed matches, ascending.
    found: Vec<DocId>,
}

impl Index {
    /// Starts `query`: without a phrase the hits are final at once; with
    /// one, the candidates wait for [`Hits::check`].
    pub fn start(&self, query: &Query) -> Hits {
        let candidates = self.candidates(query);
        if query.phrases.is_empty() {
            return Hits {
                candidates: Vec::new(),
                next: 0,
                found: candidates,
            };
        }
        Hits {
            candidates,
            next: 0,
            found: Vec::new(),
        }
    }
}

impl Hits {
    /// Checks up to `budget` more candidates with `verify` (see
    /// [`Index::search`]); true when every candidate has been checked.
    pub fn check(&mut self, budget: usize, mut verify: impl FnMut(DocId) -> bool) -> bool {
        let end = self.candidates.len().min(self.next.saturating_add(budget));
        let checked = &self.candidates[self.next..end];
        self.found
            .extend(checked.iter().copied().filter(|&id| verify(id)));
        self.next = end;
        self.is_done()
    }

    /// The matches confirmed so far, ascending. Every unchecked candidate
    /// is above the last of them, so a list drawn from these in id order
    /// is already right as far as it goes.
    pub fn found(&self) -> &[DocId] {
        &self.found
    }

    /// Whether every candidate has been checked.
    pub fn is_done(&self) -> bool {
        self.next >= self.candidates.len()
    }

    /// How many candidates are left to check (the count can be shown as
    /// "at least `found().len()`" meanwhile).
    pub fn unchecked(&self) -> usize {
        self.candidates.len() - self.next.min(self.candidates.len())
    }

    /// The candidates not checked yet, ascending (all above `found()`).
    pub fn pending(&self) -> &[DocId] {
        &self.candidates[self.next.min(self.candidates.len())..]
    }

    /// Drops the confirmed matches and unchecked candidates for which
    /// `keep` is false, visiting them in ascending order: for a query known
    /// to match only within an earlier one's matches and candidates.
    pub fn retain(&mut self, mut keep: impl FnMut(DocId) -> bool) {
        self.found.retain(|&id| keep(id));
        let mut pending = self
            .candidates
            .split_off(self.next.min(self.candidates.len()));
        pending.retain(|&id| keep(id));
        self.candidates = pending;
        self.next = 0;
    }

    /// The confirmed matches.
    pub fn into_found(self) -> Vec<DocId> {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use crate::search::Query;
    use crate::search::build::build as index;

    #[test]
    fn word_queries_are_done_at_once() {
        let mut hits = index(&["a b", "b", "a"]).start(&Query::parse("a "));
        assert!(hits.is_done());
        assert!(hits.check(5, |_| false), "nothing left to check");
        assert_eq!((hits.found(), hits.unchecked()), (&[0, 2][..], 0));
    }

    #[test]
    fn phrases_are_checked_within_the_budget() {
        let docs = ["a b", "b a", "a b", "a x b", "a b"];
        let q = Query::parse("\"a b\"");
        let mut hits = index(&docs).start(&q);
        let mut calls = 0;
        let mut verify = |id: u32| {
            calls += 1;
            q.phrases_match([docs[id as usize]])
        };
        assert!(!hits.check(2, &mut verify));
        assert_eq!((hits.found(), hits.unchecked()), (&[0][..], 3));
        assert!(hits.check(10, &mut verify));
        assert!(hits.check(10, &mut verify), "checking when done is a no-op");
        assert_eq!(calls, 5);
        assert_eq!(hits.into_found(), [0, 2, 4]);
    }

    #[test]
    fn retain_narrows_checked_and_unchecked_alike() {
        let docs = ["a b", "a b", "a b", "b a", "a b"];
        let q = Query::parse("\"a b\"");
        let mut hits = index(&docs).start(&q);
        let verify = |id: u32| q.phrases_match([docs[id as usize]]);
        hits.check(2, verify);
        assert_eq!(hits.pending(), [2, 3, 4]);
        hits.retain(|id| id != 1 && id != 2);
        assert_eq!((hits.found(), hits.pending()), (&[0][..], &[3, 4][..]));
        hits.check(10, verify);
        assert_eq!(hits.into_found(), [0, 4]);
    }
}
