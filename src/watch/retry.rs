//! Files caught half-written: loaded again a little later instead of being
//! reported as broken. Pure logic, the clock is passed in.
//!
//! How a half-written file is told apart, without matching problem texts
//! (which the readers are free to reword):
//! - the file's [`Stamp`] (size, modification time, inode) differs before
//!   and after the read: it was written while being read, so whatever the
//!   load says, it is tried again;
//! - the load reported a problem for a file that just changed: a writer
//!   may not be done (a JSON export cut short, an empty file just
//!   created), so it is tried again a few times; a problem that is still
//!   there after the last try is reported, about 1.5 s later than it could
//!   have been, which is the price of never showing a false one.
//!
//! A partial .txt that reads without a problem and did not change during
//! the read is taken as it is: the write that completes it is an event of
//! its own and loads it again.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// What a file looks like from outside: if it differs between two looks,
/// the file was written in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// The inode: a file replaced by a rename of another is a new file.
    ino: u64,
}

impl Stamp {
    /// The stamp of the file at `path`, `None` when there is none.
    pub fn of(path: &Path) -> Option<Stamp> {
        let m = fs::metadata(path).ok()?;
        #[cfg(unix)]
        let ino = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let ino = 0;
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
            ino,
        })
    }
}

/// The file's stamps from just before and just after one read of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    pub before: Option<Stamp>,
    pub after: Option<Stamp>,
}

impl Attempt {
    /// Runs `load` on `path` between two looks at the file's stamp.
    pub fn read<T>(path: &Path, load: impl FnOnce(&Path) -> T) -> (T, Attempt) {
        let before = Stamp::of(path);
        let out = load(path);
        let after = Stamp::of(path);
        (out, Attempt { before, after })
    }

    /// The file was there and did not change while it was read.
    pub fn steady(&self) -> bool {
        self.before.is_some() && self.before == self.after
    }

    /// The file was not there, before nor after.
    pub fn gone(&self) -> bool {
        self.before.is_none() && self.after.is_none()
    }
}

/// What to do with what a load of a changed file gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Use it, problems included.
    Apply,
    /// Keep what is shown for now: the path is scheduled, and comes out
    /// of [`Retry::due`] when it is to be loaded again.
    Later,
    /// The file is not there (any more): drop it, as for a removal.
    Gone,
}

#[derive(Debug)]
struct Pending {
    /// Tries scheduled so far.
    tries: u32,
    /// When it is to be loaded again; `None` once handed out by `due`.
    due: Option<Instant>,
}

/// The paths waiting to be loaded again.
#[derive(Debug)]
pub struct Retry {
    delay: Duration,
    tries: u32,
    pending: HashMap<PathBuf, Pending>,
}

impl Default for Retry {
    fn default() -> Self {
        Retry::new(Retry::DELAY, Retry::TRIES)
    }
}

impl Retry {
    /// The wait before each new try.
    pub const DELAY: Duration = Duration::from_millis(300);
    /// How many times a file is loaded again before its problem is reported.
    pub const TRIES: u32 = 5;

    /// Up to `tries` more loads of a file, `delay` apart.
    pub fn new(delay: Duration, tries: u32) -> Self {
        Retry {
            delay,
            tries,
            pending: HashMap::new(),
        }
    }

    /// Judges a load of `path` (a file reported changed, or handed out by
    /// [`Retry::due`]) made as `attempt`, where `has_problems` says whether
    /// the load reported any problem for the file. See the module docs.
    pub fn judge(
        &mut self,
        path: &Path,
        attempt: &Attempt,
        has_problems: bool,
        now: Instant,
    ) -> Verdict {
        if attempt.gone() {
            self.pending.remove(path);
            return Verdict::Gone;
        }
        if (has_problems || !attempt.steady()) && self.later(path, now) {
            return Verdict::Later;
        }
        self.pending.remove(path);
        Verdict::Apply
    }

    /// Schedules `path` to be loaded again after the delay; `false` (and
    /// nothing scheduled) when it has had all its tries: then what the
    /// last load said stands.
    pub fn later(&mut self, path: &Path, now: Instant) -> bool {
        let p = self.pending.entry(path.to_path_buf()).or_insert(Pending {
            tries: 0,
            due: None,
        });
        if p.tries >= self.tries {
            self.pending.remove(path);
            return false;
        }
        p.tries += 1;
        p.due = Some(now + self.delay);
        true
    }

    /// Forgets `path` and everything under it (removed, or loaded fine
    /// by other means).
    pub fn forget(&mut self, path: &Path) {
        self.pending.retain(|p, _| !p.starts_with(path));
    }

    /// The paths to load again now, sorted; each is to be loaded and its
    /// load passed to [`Retry::judge`].
    pub fn due(&mut self, now: Instant) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for (path, p) in &mut self.pending {
            if p.due.is_some_and(|d| d <= now) {
                p.due = None;
                out.push(path.clone());
            }
        }
        out.sort();
        out
    }

    /// When the next path falls due: an event loop waits no longer.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.pending.values().filter_map(|p| p.due).min()
    }

    /// Whether `path` is waiting for another try.
    pub fn is_waiting(&self, path: &Path) -> bool {
        self.pending.contains_key(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(len: u64, secs: u64) -> Option<Stamp> {
        Some(Stamp {
            len,
            modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs)),
            ino: 7,
        })
    }

    fn steady() -> Attempt {
        Attempt {
            before: stamp(10, 1),
            after: stamp(10, 1),
        }
    }

    fn growing() -> Attempt {
        Attempt {
            before: stamp(10, 1),
            after: stamp(20, 2),
        }
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_steady_clean_load_is_applied_at_once() {
        let t0 = Instant::now();
        let mut r = Retry::default();
        let p = Path::new("/n/a.txt");
        assert_eq!(r.judge(p, &steady(), false, t0), Verdict::Apply);
        assert_eq!(r.next_deadline(), None);
        assert!(!r.is_waiting(p));
    }

    #[test]
    fn a_problem_is_retried_then_reported_after_the_last_try() {
        let t0 = Instant::now();
        let mut r = Retry::new(ms(300), 3);
        let p = Path::new("/n/a.json");
        let mut now = t0;
        for _ in 0..3 {
            assert_eq!(r.judge(p, &steady(), true, now), Verdict::Later);
            let deadline = r.next_deadline().expect("scheduled");
            assert_eq!(deadline, now + ms(300));
            assert!(r.due(deadline - ms(1)).is_empty(), "not before its time");
            now = deadline;
            assert_eq!(r.due(now), vec![p.to_path_buf()]);
            assert!(r.due(now).is_empty(), "handed out once");
            assert_eq!(r.next_deadline(), None);
        }
        assert_eq!(r.judge(p, &steady(), true, now), Verdict::Apply);
        assert_eq!(now, t0 + ms(900));
        assert!(!r.is_waiting(p));
    }

    #[test]
    fn a_file_written_during_the_read_is_retried_even_without_a_problem() {
        let t0 = Instant::now();
        let mut r = Retry::default();
        let p = Path::new("/n/a.txt");
        assert_eq!(r.judge(p, &growing(), false, t0), Verdict::Later);
        assert_eq!(r.due(t0 + Retry::DELAY), vec![p.to_path_buf()]);
        assert_eq!(
            r.judge(p, &steady(), false, t0 + Retry::DELAY),
            Verdict::Apply
        );
        assert!(!r.is_waiting(p));
    }

    #[test]
    fn a_file_that_appeared_or_vanished_during_the_read_is_unsteady() {
        let appeared = Attempt {
            before: None,
            after: stamp(1, 1),
        };
        let vanished = Attempt {
            before: stamp(1, 1),
            after: None,
        };
        assert!(!appeared.steady() && !appeared.gone());
        assert!(!vanished.steady() && !vanished.gone());
        let mut r = Retry::default();
        assert_eq!(
            r.judge(Path::new("/a"), &vanished, false, Instant::now()),
            Verdict::Later
        );
    }

    #[test]
    fn a_file_no_longer_there_is_gone_and_forgotten() {
        let t0 = Instant::now();
        let mut r = Retry::default();
        let p = Path::new("/n/a.json");
        assert_eq!(r.judge(p, &steady(), true, t0), Verdict::Later);
        let none = Attempt {
            before: None,
            after: None,
        };
        assert_eq!(r.judge(p, &none, true, t0), Verdict::Gone);
        assert_eq!(r.next_deadline(), None);
    }

    #[test]
    fn forget_drops_a_folder_and_what_is_under_it() {
        let t0 = Instant::now();
        let mut r = Retry::default();
        assert!(r.later(Path::new("/n/2024/a.json"), t0));
        assert!(r.later(Path::new("/n/2024/x/b.json"), t0 + ms(10)));
        assert!(r.later(Path::new("/n/2025/c.json"), t0 + ms(20)));
        r.forget(Path::new("/n/2024"));
        assert_eq!(r.next_deadline(), Some(t0 + ms(20) + Retry::DELAY));
        assert_eq!(
            r.due(t0 + ms(10_000)),
            vec![PathBuf::from("/n/2025/c.json")]
        );
    }

    #[test]
    fn the_earliest_of_several_is_the_next_deadline() {
        let t0 = Instant::now();
        let mut r = Retry::new(ms(100), 5);
        assert!(r.later(Path::new("/b"), t0 + ms(50)));
        assert!(r.later(Path::new("/a"), t0));
        assert_eq!(r.next_deadline(), Some(t0 + ms(100)));
        assert_eq!(r.due(t0 + ms(100)), vec![PathBuf::from("/a")]);
        assert_eq!(r.next_deadline(), Some(t0 + ms(150)));
    }

    #[test]
    fn a_new_event_during_the_wait_does_not_reset_the_tries() {
        let t0 = Instant::now();
        let mut r = Retry::new(ms(100), 2);
        let p = Path::new("/n/feed.jsonl");
        assert_eq!(r.judge(p, &growing(), false, t0), Verdict::Later);
        // The file changed again before it was due: loaded on the event.
        assert_eq!(r.judge(p, &growing(), false, t0 + ms(50)), Verdict::Later);
        assert_eq!(r.next_deadline(), Some(t0 + ms(150)), "rescheduled");
        assert_eq!(r.judge(p, &growing(), false, t0 + ms(150)), Verdict::Apply);
    }

    #[test]
    fn stamps_of_a_real_file_change_when_it_grows() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        assert_eq!(Stamp::of(&p), None);
        fs::write(&p, "{").unwrap();
        let (len, attempt) = Attempt::read(&p, |p| {
            let len = fs::read(p).unwrap().len();
            fs::write(p, "{\"title\": \"x\"}").unwrap();
            len
        });
        assert_eq!(len, 1);
        assert!(!attempt.steady());
        let (_, again) = Attempt::read(&p, |p| fs::read(p).unwrap());
        assert!(again.steady());
    }
}
