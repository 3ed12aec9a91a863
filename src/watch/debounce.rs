//! Gathers raw file-system events into batches: pure logic, the clock is
//! passed in, so the timing is tested without waiting.
//!
//! A batch is handed over once no event came for [`QUIET`], or at the
//! latest [`MAX_WAIT`] after its first event, so that a burst of writes
//! gives one batch and a file written without pause still shows up within
//! a second.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};

/// How long the events must stop before a batch is handed over.
pub const QUIET: Duration = Duration::from_millis(250);
/// The longest a batch is held back while events keep coming.
pub const MAX_WAIT: Duration = Duration::from_millis(750);

/// What happened to the paths of one batch, before they are looked at.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pending {
    /// Each path that had an event, and whether it (re)appeared there
    /// (created or moved in), which for a folder means walking it.
    pub paths: HashMap<PathBuf, bool>,
    /// The platform dropped events (its queue overflowed).
    pub missed: bool,
}

/// The batch being gathered.
#[derive(Debug)]
pub struct Debounce {
    quiet: Duration,
    max_wait: Duration,
    pending: Pending,
    /// When the batch's first and last events came.
    first: Option<Instant>,
    last: Option<Instant>,
}

impl Default for Debounce {
    fn default() -> Self {
        Debounce::new(QUIET, MAX_WAIT)
    }
}

impl Debounce {
    pub fn new(quiet: Duration, max_wait: Duration) -> Self {
        Debounce {
            quiet,
            max_wait,
            pending: Pending::default(),
            first: None,
            last: None,
        }
    }

    /// Adds one raw event that came at `now`. Events that change nothing
    /// (a file opened or read, a read-only close) are dropped here: they
    /// come for our own reads and would otherwise reload forever.
    pub fn add(&mut self, event: &notify::Event, now: Instant) {
        if event.need_rescan() {
            self.pending.missed = true;
            self.stamp(now);
            return;
        }
        let appeared = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => false,
            EventKind::Access(_) => return,
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(RenameMode::To)) => true,
            // Both: [from, to]. Any: we cannot tell, a look on disk will.
            EventKind::Modify(ModifyKind::Name(RenameMode::Both | RenameMode::Any)) => {
                for (i, path) in event.paths.iter().enumerate() {
                    self.path(path, i > 0 || event.paths.len() == 1);
                }
                if !event.paths.is_empty() {
                    self.stamp(now);
                }
                return;
            }
            _ => false,
        };
        for path in &event.paths {
            self.path(path, appeared);
        }
        if !event.paths.is_empty() {
            self.stamp(now);
        }
    }

    fn path(&mut self, path: &std::path::Path, appeared: bool) {
        let seen = self.pending.paths.entry(path.to_path_buf()).or_default();
        *seen |= appeared;
    }

    fn stamp(&mut self, now: Instant) {
        self.first.get_or_insert(now);
        self.last = Some(now);
    }

    /// When the batch is to be handed over, if one is being gathered.
    pub fn deadline(&self) -> Option<Instant> {
        let (first, last) = (self.first?, self.last?);
        Some((last + self.quiet).min(first + self.max_wait))
    }

    /// The batch, when its deadline has come.
    pub fn take(&mut self, now: Instant) -> Option<Pending> {
        if self.deadline()? > now {
            return None;
        }
        self.first = None;
        self.last = None;
        Some(std::mem::take(&mut self.pending))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, Flag, RemoveKind};

    fn event(kind: EventKind, paths: &[&str]) -> notify::Event {
        let mut e = notify::Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from(p));
        }
        e
    }

    fn write(path: &str) -> notify::Event {
        event(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            &[path],
        )
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn nothing_pending_means_no_deadline() {
        let mut d = Debounce::default();
        assert_eq!(d.deadline(), None);
        assert_eq!(d.take(Instant::now()), None);
    }

    #[test]
    fn a_burst_gives_one_batch_once_quiet() {
        let t0 = Instant::now();
        let mut d = Debounce::new(ms(250), ms(750));
        d.add(
            &event(EventKind::Create(CreateKind::File), &["/r/a.txt"]),
            t0,
        );
        for i in 1..5 {
            d.add(&write("/r/a.txt"), t0 + ms(20 * i));
        }
        d.add(&write("/r/b.txt"), t0 + ms(100));
        assert_eq!(d.deadline(), Some(t0 + ms(350)));
        assert_eq!(d.take(t0 + ms(349)), None);
        let batch = d.take(t0 + ms(350)).expect("due");
        assert_eq!(batch.paths.len(), 2);
        assert!(batch.paths[&PathBuf::from("/r/a.txt")]);
        assert!(!batch.paths[&PathBuf::from("/r/b.txt")]);
        assert_eq!(d.deadline(), None, "nothing left after the batch");
    }

    #[test]
    fn endless_writes_still_give_a_batch_within_max_wait() {
        let t0 = Instant::now();
        let mut d = Debounce::new(ms(250), ms(750));
        let mut batches = Vec::new();
        for i in 0..40 {
            let now = t0 + ms(50 * i);
            if let Some(b) = d.take(now) {
                batches.push(now);
                assert!(b.paths.contains_key(&PathBuf::from("/r/log.jsonl")));
            }
            d.add(&write("/r/log.jsonl"), now);
        }
        assert_eq!(batches.first(), Some(&(t0 + ms(750))));
        assert!(batches.len() >= 2, "{batches:?}");
        for pair in batches.windows(2) {
            assert!(pair[1] - pair[0] <= ms(800), "{batches:?}");
        }
    }

    #[test]
    fn reads_are_not_changes() {
        let t0 = Instant::now();
        let mut d = Debounce::default();
        d.add(
            &event(
                EventKind::Access(AccessKind::Open(AccessMode::Any)),
                &["/r/a.txt"],
            ),
            t0,
        );
        d.add(
            &event(
                EventKind::Access(AccessKind::Close(AccessMode::Read)),
                &["/r/a.txt"],
            ),
            t0,
        );
        assert_eq!(d.deadline(), None);
        d.add(
            &event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &["/r/a.txt"],
            ),
            t0,
        );
        assert!(d.deadline().is_some(), "a write finishing is a change");
    }

    #[test]
    fn a_rename_marks_only_the_new_name_as_appeared() {
        let t0 = Instant::now();
        let mut d = Debounce::default();
        let both = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        d.add(&event(both, &["/r/old", "/r/new"]), t0);
        d.add(
            &event(EventKind::Remove(RemoveKind::File), &["/r/gone.txt"]),
            t0,
        );
        let batch = d.take(t0 + QUIET).expect("due");
        assert!(!batch.paths[&PathBuf::from("/r/old")]);
        assert!(batch.paths[&PathBuf::from("/r/new")]);
        assert!(!batch.paths[&PathBuf::from("/r/gone.txt")]);
    }

    #[test]
    fn an_overflow_is_reported() {
        let t0 = Instant::now();
        let mut d = Debounce::default();
        d.add(
            &notify::Event::new(EventKind::Other).set_flag(Flag::Rescan),
            t0,
        );
        let batch = d.take(t0 + QUIET).expect("due");
        assert!(batch.missed);
        assert!(batch.paths.is_empty());
    }
}
