//! A save killed with SIGKILL at any moment never leaves a state file that
//! fails to parse: a child copy of this test binary saves large, ever
//! changing states in a loop, and the parent kills it again and again.

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use byline::article::ArticleId;
use byline::store::{Session, Store};

const CHILD: &str = "BYLINE_STORE_KILL_CHILD";
const KILLS: usize = 20;
/// Ids touched per save: about 80 kB of JSON, so a kill often lands mid-write.
const IDS: u64 = 2000;

/// The generation the file was saved at (the child writes it as the search).
fn generation(path: &Path) -> Option<u64> {
    let bytes = fs::read(path).ok()?;
    let json: serde_json::Value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("the state file does not parse ({e})"));
    json["session"]["search"].as_str()?.parse().ok()
}

/// Saves forever (well, for at most a minute, in case the parent died).
fn save_in_a_loop(path: &Path) {
    let (mut store, problems) = Store::open(path.to_path_buf());
    assert!(problems.is_empty(), "{problems:?}");
    let start = store.session().search.parse::<u64>().unwrap_or(0);
    let deadline = Instant::now() + Duration::from_secs(60);
    for generation in start + 1.. {
        for i in 0..IDS {
            let id = ArticleId(i.wrapping_mul(0x9e37_79b9_7f4a_7c15));
            store.set_read(id, (i + generation) % 2 == 0);
            store.set_starred(id, (i + generation) % 3 == 0);
            store.set_position(id, ((i + generation) % 100) as f64 / 100.0);
        }
        store.set_session(Session {
            search: generation.to_string(),
            ..Session::default()
        });
        store.save().unwrap();
        if Instant::now() > deadline {
            return;
        }
    }
}

/// Kills the child when dropped, so a failing parent leaves nothing running.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn kill_9_during_saves_never_breaks_the_state_file() {
    if let Some(path) = std::env::var_os(CHILD) {
        save_in_a_loop(Path::new(&path));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("byline").join("state.json");
    let mut last = 0;
    for kill in 0..KILLS {
        let child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "kill_9_during_saves_never_breaks_the_state_file"])
            .args(["--quiet", "--test-threads=1"])
            .env(CHILD, &path)
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut guard = Guard(child);
        // Wait (by polling the file, parsing it each time) until the child
        // has replaced it a varying number of times, then kill it.
        let wanted = last + 1 + (kill as u64 % 4);
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(g) = generation(&path)
                && g >= wanted
            {
                break;
            }
            assert!(
                guard.0.try_wait().unwrap().is_none(),
                "the saving child stopped on its own"
            );
            assert!(Instant::now() < deadline, "the child never saved");
            std::thread::yield_now();
        }
        guard.0.kill().unwrap();
        guard.0.wait().unwrap();

        let (store, problems) = Store::open(path.clone());
        assert!(problems.is_empty(), "after kill {kill}: {problems:?}");
        let g: u64 = store.session().search.parse().unwrap();
        assert!(g >= wanted, "after kill {kill}: generation {g} < {wanted}");
        assert_eq!(
            store.position_count() as u64,
            IDS - IDS / 100,
            "one in a hundred is at the top"
        );
        last = g;
    }
    // Temp files a kill left behind are only litter: they never replaced
    // the state file, and nothing but temp files and the state is there.
    for entry in fs::read_dir(path.parent().unwrap()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name == "state.json" || (name.starts_with(".state-") && name.ends_with(".tmp")),
            "{name}"
        );
    }
}
