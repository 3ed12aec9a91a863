//! Articles added while the list is shown: a batch is merged into its place
//! in the collection order, in place (each per-article array is spread
//! apart where the new articles go, one memory move of what comes after:
//! see `spread.rs`), only the new articles are counted, and the list is
//! kept, the new rows put into their places and the selection on the same
//! article (see `listed.rs`). What is left in O(n) is moving memory (and
//! the map of old indices to new, handed back): no sorting, hashing or
//! comparing of the articles there were, which a key pressed meanwhile
//! waited for (200 articles into 230,000 took 9-10 ms on the key thread
//! when the list was filtered and sorted afresh, now about 1 ms).
//!
//! Grouping copies costs far more (their bodies are compared), so the new
//! articles stand alone until [`Library::group_copies`], once everything
//! is loaded: until then a copy of a listed story may be listed too.
//!
//! Indices shift as articles are inserted before others; [`Appended`] says
//! where each old index went, for the state kept by index outside (the open
//! article, the reader's cache, the headlines).

use std::sync::Arc;

use super::listing::newest_first;
use super::spread::{self, spread};
use super::{Incoming, Library, UNLISTED};
use crate::article::Entry;
use crate::ingest::Loaded;

/// Where an [`Library::append`] put things.
#[derive(Debug, Default)]
pub struct Appended {
    /// Per old index, the article's index now (ascending).
    pub remap: Vec<usize>,
    /// The new articles' indices, ascending.
    pub added: Vec<usize>,
    /// The row to select: the old selection's article, else the nearest.
    pub selected: usize,
}

impl Library {
    /// Adds `loaded` (articles in any order, and problems), keeping the
    /// collection order, the filters, the search matches and the selection;
    /// after [`Library::group_copies`], the list is the one a
    /// `Library::new` of all the articles would show.
    /// `exempt` (an old index) stays listed although read, as in
    /// [`Library::relist`]; `selected` is a row of the old list.
    pub fn append(&mut self, loaded: Loaded, exempt: Option<usize>, selected: usize) -> Appended {
        let Loaded { articles, problems } = loaded;
        let mut incoming = Incoming::numbered(articles, self.next_doc());
        incoming.problems = problems;
        self.add(incoming, exempt, selected)
    }

    /// Adds what the loader read (see [`Incoming`]), as [`Library::append`].
    pub fn add(&mut self, incoming: Incoming, exempt: Option<usize>, selected: usize) -> Appended {
        let Incoming {
            entries,
            docs,
            bodies,
            problems,
        } = incoming;
        self.problems.extend(problems);
        for (&doc, body) in docs.iter().zip(bodies) {
            if let Some(body) = body {
                self.bodies.offer(doc, body);
            }
        }
        if entries.is_empty() {
            return Appended {
                remap: (0..self.len()).collect(),
                added: Vec::new(),
                selected,
            };
        }
        let old_len = self.len();
        let (places, added) = self.merge(entries, docs);
        let remap = spread::moved(old_len, &places);
        if !self.groups.is_empty() {
            self.groups.remap(&remap, self.len());
        }
        if let Some(flags) = &mut self.matches {
            // The new articles are not matched: the index does not know them.
            spread(flags, &places, vec![false; places.len()]);
        }
        self.count_added(&added);
        let selected = self.relist_added(&remap, &added, exempt, selected);
        Appended {
            remap,
            added,
            selected,
        }
    }

    /// Groups the copies across the whole collection (O(n), the bodies of
    /// same-title articles compared) and relists, the selection staying on
    /// its story; `exempt` and `selected` as for [`Library::append`].
    /// Returns the row to select.
    pub fn group_copies(&mut self, exempt: Option<usize>, selected: usize) -> usize {
        let copies = self.copy_job().run();
        self.set_copies(copies, exempt, selected)
    }

    /// Relists after the articles moved (`remap`: old index to new) or
    /// were grouped anew: the search matches, the old list and `exempt`
    /// follow their stories (a copy may now stand for one).
    pub(super) fn relist_moved(
        &mut self,
        remap: &[usize],
        exempt: Option<usize>,
        selected: usize,
    ) -> usize {
        self.relist_after(&|i| Some(remap[i]), exempt, selected)
    }

    /// [`Library::relist_moved`] after some articles went (`remap` gives
    /// `None` for them): their rows keep their place in the old list, so
    /// that `selected` moves to the nearest article still there.
    pub(super) fn relist_after(
        &mut self,
        remap: &dyn Fn(usize) -> Option<usize>,
        exempt: Option<usize>,
        selected: usize,
    ) -> usize {
        let primary = |i: usize| remap(i).map(|i| self.groups.primary(i));
        let matched: Option<Vec<u32>> = self.matches.as_ref().map(|flags| {
            let flagged = flags.iter().enumerate().filter(|(_, m)| **m);
            flagged
                .filter_map(|(i, _)| primary(i))
                .map(|i| i as u32)
                .collect()
        });
        let gone = usize::MAX;
        self.visible = self
            .visible
            .iter()
            .map(|&i| primary(i).unwrap_or(gone))
            .collect();
        let exempt = exempt.and_then(primary);
        self.set_matched_indices(matched.as_deref());
        self.relist(exempt, selected)
    }

    /// Adds load problems (listed after those there are).
    pub fn add_problems(&mut self, problems: Vec<crate::article::Problem>) {
        self.problems.extend(problems);
    }

    /// Merges `batch` (with its document numbers) into the articles in
    /// collection order, in place (see `spread.rs`); returns the places
    /// the new articles went before (old indices, ascending) and their
    /// indices now.
    fn merge(&mut self, batch: Vec<Entry>, docs: Vec<u32>) -> (Vec<usize>, Vec<usize>) {
        let mut batch: Vec<(Entry, u32)> = batch.into_iter().zip(docs).collect();
        // Entries are told apart by path and slot: any sort gives one order
        // (and a batch already in order, as the cache's is, is checked in
        // one pass). Sorted before boxing, the entries compared are side by
        // side in memory.
        batch.sort_unstable_by(|a, b| newest_first(&a.0, &b.0));
        // Each new article's place found by binary search (ascending, as
        // the batch is sorted); after everything there is when it comes
        // after the last (as the cache's articles come, newest first, a
        // slice at a time).
        let places: Vec<usize> = match (self.entries.last(), batch.first()) {
            (Some(last), Some((first, _))) if newest_first(last, first).is_lt() => {
                vec![self.entries.len(); batch.len()]
            }
            _ => places_of(&self.entries, &self.dates, batch.iter().map(|(b, _)| b)),
        };
        let dates = batch.iter().map(|(e, _)| Stamp::of(e)).collect();
        let (entries, docs): (Vec<Box<Entry>>, Vec<u32>) =
            batch.into_iter().map(|(e, d)| (Box::new(e), d)).unzip();
        spread(Arc::make_mut(&mut self.entries), &places, entries);
        spread(&mut self.docs, &places, docs);
        spread(&mut self.dates, &places, dates);
        let added: Vec<usize> = places.iter().enumerate().map(|(j, &p)| p + j).collect();
        self.renumber_from(added.first().copied().unwrap_or(self.len()));
        (places, added)
    }

    /// The map from document numbers to indices is to be made again (at
    /// its next use: while loading, nothing asks for it between batches).
    pub(super) fn renumber(&mut self) {
        self.renumber_from(0);
    }

    /// [`Library::renumber`] after the articles from `first` on moved or
    /// came (those before are where they were).
    fn renumber_from(&mut self, first: usize) {
        debug_assert_eq!(self.dates.len(), self.entries.len());
        let moved = &self.docs[first.min(self.docs.len())..];
        let top = moved.iter().max().map_or(0, |&d| d + 1);
        self.next_doc = self.next_doc.max(top);
        self.by_doc.take();
    }

    /// Per document number, the article's index, or [`UNLISTED`]; made
    /// afresh after articles came or went.
    pub(super) fn by_doc(&self) -> &[u32] {
        self.by_doc.get_or_init(|| {
            let mut by_doc = vec![UNLISTED; self.next_doc as usize];
            for (i, &doc) in self.docs.iter().enumerate() {
                by_doc[doc as usize] = i as u32;
            }
            by_doc
        })
    }
}

/// An article's date as the collection order sees it, to the nanosecond
/// in one number: what finding a new article's place compares first, in a
/// compact array beside the entries (`None`, undated, is below every
/// date). Dates beyond the years 1677-2262 share the ends, and a leap
/// second the last nanosecond before it: ties that the full comparison
/// then settles. (To the second only, the many articles dated by their
/// files' times, written in the same second, made long ties.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Stamp(i64);

/// A date by which articles are in collection order (newest first): the
/// date itself, or a coarser one ([`Stamp`]) that never orders two dates
/// the other way round.
pub(super) trait Dated: Ord + Copy {
    fn of(entry: &Entry) -> Self;
}

impl Dated for Option<super::Published> {
    fn of(entry: &Entry) -> Self {
        entry.meta.published
    }
}

impl Dated for Stamp {
    fn of(entry: &Entry) -> Self {
        Stamp(entry.meta.published.map_or(i64::MIN, |d| {
            let nanos = i64::from(d.timestamp_subsec_nanos().min(999_999_999));
            let stamp = d.timestamp().checked_mul(1_000_000_000);
            match stamp.and_then(|s| s.checked_add(nanos)) {
                Some(stamp) => stamp.max(i64::MIN + 1),
                None if d.timestamp() < 0 => i64::MIN + 1,
                None => i64::MAX,
            }
        }))
    }
}

/// The places of `new` (in collection order) among `old`, as
/// [`place_of`] finds each, ascending: the binary searches of all are
/// made a step at a time together, so that the memory each reads is
/// fetched while the others' is (one after the other, each waited for
/// its reads from a large collection in turn).
fn places_of<'a, D: Dated>(
    old: &[Box<Entry>],
    dates: &[D],
    new: impl Iterator<Item = &'a Entry>,
) -> Vec<usize> {
    let new: Vec<(&Entry, D)> = new.map(|e| (e, D::of(e))).collect();
    // The first of `old` not newer than each, to the date's precision: by
    // binary search, or for a batch large enough that those read more, by
    // one walk down the dates (the batch is in order).
    let lo = if new.len() * 16 < dates.len() {
        let whole = vec![(0, dates.len()); new.len()];
        partition_points(whole, |j, i| dates[i] > new[j].1)
    } else {
        let mut at = 0;
        let walk = |&(_, date): &(&Entry, D)| {
            at += dates[at..].iter().take_while(|d| **d > date).count();
            at
        };
        new.iter().map(walk).collect()
    };
    // The run of that date, found by doubling steps (it is short but for
    // articles of one time, as the files' times can give many), then
    // compared in full.
    let runs = new
        .iter()
        .zip(&lo)
        .map(|(&(_, date), &lo)| {
            let mut step = 1;
            while lo + step <= dates.len() && dates[lo + step - 1] == date {
                step *= 2;
            }
            let end = (lo + step).min(dates.len());
            (
                lo,
                lo + step / 2 + dates[lo + step / 2..end].partition_point(|d| *d == date),
            )
        })
        .collect();
    partition_points(runs, |j, i| newest_first(&old[i], new[j].0).is_lt())
}

/// For each `j`, the first index in `ranges[j]` where `before(j, i)` stops
/// holding (it holds for a start of the range, then not): binary searches
/// made a step at a time together, so that the memory each reads is
/// fetched while the others' is, rather than each waiting for its reads
/// from a large collection in turn.
fn partition_points(
    mut ranges: Vec<(usize, usize)>,
    before: impl Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let mut open = true;
    while open {
        open = false;
        for (j, (lo, hi)) in ranges.iter_mut().enumerate() {
            if lo == hi {
                continue;
            }
            let mid = *lo + (*hi - *lo) / 2;
            if before(j, mid) {
                *lo = mid + 1;
            } else {
                *hi = mid;
            }
            open |= lo != hi;
        }
    }
    ranges.into_iter().map(|(lo, _)| lo).collect()
}

/// Where `new` goes among `old`, in collection order, `dates` being
/// theirs: the dates (newest first) narrow it down to the articles of
/// `new`'s date, and only those are compared in full. Comparing entries
/// reads each from wherever it is in memory, which made this the most of
/// adding a batch to a large collection. (What [`places_of`] does for a
/// batch; kept as the plain statement of it, for the tests.)
#[cfg(test)]
fn place_of<D: Dated>(old: &[Box<Entry>], dates: &[D], new: &Entry) -> usize {
    let date = &D::of(new);
    let lo = dates.partition_point(|d| d > date);
    let hi = lo + dates[lo..].partition_point(|d| d == date);
    lo + old[lo..hi].partition_point(|a| newest_first(a, new).is_lt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::incoming::tests::incoming;
    #[test]
    fn a_place_found_by_date_is_the_place_found_by_comparing_all() {
        use chrono::{DateTime, FixedOffset};
        let day = |d: u32| -> Option<DateTime<FixedOffset>> {
            DateTime::parse_from_rfc3339(&format!("2026-11-{d:02}T08:00:00+00:00")).ok()
        };
        // Dates newest first with runs of the same day and undated last;
        // titles make the ties.
        let dated = [9, 9, 9, 7, 7, 4, 2, 2, 2, 2];
        let mut old: Vec<Box<Entry>> = (0..14u32)
            .map(|k| {
                let mut e = incoming(&[k]).entries.remove(0);
                e.meta.published = dated.get(k as usize).and_then(|&d| day(d));
                e.title = format!("Story {}", k % 3);
                Box::new(e)
            })
            .collect();
        old.sort_by(|a, b| newest_first(a, b));
        let dates: Vec<_> = old.iter().map(|e| e.meta.published).collect();
        for d in [None, day(1), day(2), day(5), day(7), day(9), day(12)] {
            for t in ["Story 0", "Story 1", "Story 2", "A", "Z"] {
                let mut new = incoming(&[99]).entries.remove(0);
                new.meta.published = d;
                new.title = t.into();
                let want = old.partition_point(|a| newest_first(a, &new).is_lt());
                assert_eq!(place_of(&old, &dates, &new), want, "{d:?} {t}");
            }
        }
    }

    #[test]
    fn stamps_never_order_two_dates_the_other_way_round() {
        let dates = [
            "0001-01-01T00:00:00+00:00",
            "1600-01-01T00:00:00+00:00",
            "1969-12-31T23:59:59.999999999+00:00",
            "1970-01-01T00:00:00+00:00",
            "2016-12-31T23:59:59.5+00:00",
            "2016-12-31T23:59:60.5+00:00",
            "2017-01-01T00:00:00+00:00",
            "2017-01-01T00:00:00.000000001+00:00",
            "2017-01-01T02:00:00.000000001+03:00",
            "2300-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59+00:00",
        ];
        let mut dated: Vec<Option<super::super::Published>> = dates
            .iter()
            .map(|d| Some(chrono::DateTime::parse_from_rfc3339(d).unwrap()))
            .collect();
        dated.push(None);
        let stamp = |d: &Option<super::super::Published>| {
            let mut e = incoming(&[0]).entries.remove(0);
            e.meta.published = *d;
            Stamp::of(&e)
        };
        for a in &dated {
            for b in &dated {
                if a < b {
                    assert!(stamp(a) <= stamp(b), "{a:?} {b:?}");
                }
                if a == b {
                    assert_eq!(stamp(a), stamp(b), "{a:?}");
                }
            }
        }
        let second = |d: &str| stamp(&chrono::DateTime::parse_from_rfc3339(d).ok());
        assert!(
            second(dates[6]) < second(dates[7]),
            "a nanosecond apart is told apart"
        );
    }

    #[test]
    fn places_found_together_by_stamp_are_the_places_found_one_by_one() {
        use crate::test_rng::Rng;
        use chrono::DateTime;
        let mut rng = Rng(3);
        let start = DateTime::parse_from_rfc3339("2026-11-01T08:00:00+00:00").unwrap();
        // Dates to the second and within it (a stamp ties those), some
        // undated, many alike; titles and paths make the ties.
        let entry = |rng: &mut Rng, k: u32| {
            let mut e = incoming(&[k]).entries.remove(0);
            e.meta.published = (rng.below(5) > 0).then(|| {
                start
                    + chrono::Duration::seconds(rng.below(6) as i64)
                    + chrono::Duration::milliseconds(rng.below(3) as i64 * 300)
            });
            e.title = format!("Story {}", rng.below(4));
            Box::new(e)
        };
        for round in 0..200 {
            let n = rng.below(60);
            let mut old: Vec<Box<Entry>> = (0..n as u32).map(|k| entry(&mut rng, k)).collect();
            old.sort_by(|a, b| newest_first(a, b));
            let dates: Vec<Option<super::super::Published>> =
                old.iter().map(|e| e.meta.published).collect();
            let stamps: Vec<Stamp> = old.iter().map(|e| Stamp::of(e)).collect();
            let mut new: Vec<Box<Entry>> = (0..rng.below(12) as u32)
                .map(|k| entry(&mut rng, 1000 + k))
                .collect();
            new.sort_by(|a, b| newest_first(a, b));
            let one_by_one: Vec<usize> = new.iter().map(|e| place_of(&old, &dates, e)).collect();
            let want: Vec<usize> = new
                .iter()
                .map(|e| old.partition_point(|a| newest_first(a, e).is_lt()))
                .collect();
            assert_eq!(one_by_one, want, "round {round}");
            let together = places_of(&old, &stamps, new.iter().map(|e| &**e));
            assert_eq!(together, want, "round {round}");
        }
    }
}
