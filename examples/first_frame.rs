//! Measures the reader from outside, as a person sees it: the binary runs
//! in a pseudo-terminal and its screen is read back through a vt100
//! parser.
//!
//!     cargo build --release
//!     cargo run --release --example first_frame -- DIR [BINARY] [--keys N]
//!
//! Prints the time from start to the first frame showing headlines, to the
//! collection fully loaded (the status bar no longer says "loading"), to a
//! search typed then being answered ("searchable"), and to the copies of
//! one story grouped (the status bar no longer says "finding copies");
//! with `--keys N`, also the time from pressing `j` to the screen
//! changing, N times while loading goes on (every key waits for its frame
//! before the next is sent). State and cache go to a fresh
//! temporary folder unless BYLINE_KEEP_CACHE names one to reuse (to
//! measure a second opening).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const LIMIT: Duration = Duration::from_secs(300);

struct Screen {
    parser: vt100::Parser,
    rx: Receiver<Vec<u8>>,
}

impl Screen {
    /// Reads output until `done` holds; the time it first held.
    fn wait(&mut self, done: impl Fn(&str) -> bool) -> Option<Instant> {
        let deadline = Instant::now() + LIMIT;
        loop {
            if done(&self.parser.screen().contents()) {
                return Some(Instant::now());
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.rx.recv_timeout(left) {
                Ok(chunk) => self.parser.process(&chunk),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// Reads output until `until` (no sleeping: waiting on the output).
    fn pump(&mut self, until: Instant) {
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left) {
                Ok(chunk) => self.parser.process(&chunk),
                Err(_) => return,
            }
        }
    }

    fn text(&self) -> String {
        self.parser.screen().contents()
    }
}

fn has_headlines(screen: &str) -> bool {
    let first = screen.lines().next().unwrap_or_default();
    // The list's header shows "row/count" once a headline is listed.
    first.contains("Headlines")
        && first.split_whitespace().any(|w| {
            w.split_once('/').is_some_and(|(a, b)| {
                a.parse::<u32>().is_ok_and(|a| a > 0) && b.parse::<u32>().is_ok()
            })
        })
}

/// The selected row the list's header shows ("12/3456" → 12).
fn selected_row(screen: &str) -> Option<u32> {
    let first = screen.lines().next()?;
    let field = first.split_whitespace().find(|w| w.contains('/'))?;
    field.split_once('/')?.0.parse().ok()
}

fn busy(screen: &str) -> bool {
    loading(screen) || status_says(screen, "finding copies")
}

/// Articles are still being read (or the cache checked against the files).
fn loading(screen: &str) -> bool {
    status_says(screen, "loading") || status_says(screen, "checking for changes")
}

fn status_says(screen: &str, what: &str) -> bool {
    screen.lines().last().unwrap_or_default().contains(what)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut binary = PathBuf::from("target/release/byline");
    let mut keys = 0;
    let mut positional = 0;
    while let Some(a) = args.next() {
        if a == "--keys" {
            keys = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
        } else if positional == 0 {
            dir = Some(PathBuf::from(a));
            positional += 1;
        } else {
            binary = PathBuf::from(a);
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: first_frame DIR [BINARY] [--keys N]");
        std::process::exit(2);
    };
    let scratch = tempfile::tempdir().expect("temporary folder");
    let cache = std::env::var_os("BYLINE_KEEP_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| scratch.path().join("cache"));

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let binary = std::fs::canonicalize(&binary).unwrap_or(binary);
    let mut cmd = CommandBuilder::new(&binary);
    cmd.cwd(std::env::current_dir().expect("a working folder"));
    cmd.arg(&dir);
    cmd.env("XDG_STATE_HOME", scratch.path().join("state"));
    cmd.env("XDG_CONFIG_HOME", scratch.path().join("config"));
    cmd.env("XDG_CACHE_HOME", &cache);
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("the reader starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let mut input = pair.master.take_writer().expect("pty writer");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = Screen {
        parser: vt100::Parser::new(
            NonZeroU16::new(ROWS).expect("rows"),
            NonZeroU16::new(COLS).expect("columns"),
            0,
        ),
        rx,
    };

    let Some(first) = screen.wait(has_headlines) else {
        eprintln!("no headlines seen; screen:\n{}", screen.text());
        std::process::exit(1);
    };
    println!("first frame with headlines: {:.1} ms", ms(first - start));

    // Keys spread over the loading (one every 50 ms), each timed from
    // being sent to the selection having moved on screen.
    let mut times = Vec::new();
    for _ in 0..keys {
        if !loading(&screen.text()) {
            break;
        }
        let Some(row) = selected_row(&screen.text()) else {
            break;
        };
        let sent = Instant::now();
        input
            .write_all(b"j")
            .and_then(|()| input.flush())
            .expect("key sent");
        match screen.wait(|s| selected_row(s).is_some_and(|r| r != row)) {
            Some(seen) => {
                // Over a frame's 16 ms: said with when, to find the cause.
                if seen - sent > Duration::from_millis(16) {
                    println!(
                        "  slow key at {:.2} s: {:.1} ms",
                        (sent - start).as_secs_f64(),
                        ms(seen - sent)
                    );
                }
                times.push(seen - sent);
            }
            None => break,
        }
        screen.pump(sent + Duration::from_millis(50));
    }
    if !times.is_empty() {
        times.sort();
        let median = times[times.len() / 2];
        let worst = times[times.len() - 1];
        println!(
            "keys while loading: {} pressed, median {:.1} ms, worst {:.1} ms",
            times.len(),
            ms(median),
            ms(worst)
        );
    }

    match screen.wait(|s| !loading(s) && has_headlines(s)) {
        Some(done) => println!("loaded: {:.2} s", (done - start).as_secs_f64()),
        None => println!("still loading after {} s", LIMIT.as_secs()),
    }
    // Searchable: a search for a word typed now is answered (not "indexing…").
    input
        .write_all(b"/harbour")
        .and_then(|()| input.flush())
        .expect("search typed");
    let answered = |s: &str| {
        let prompt = s.lines().last().unwrap_or_default();
        prompt.contains("/harbour") && (prompt.contains("match") || prompt.contains("checking"))
    };
    match screen.wait(answered) {
        Some(done) => println!("searchable: {:.2} s", (done - start).as_secs_f64()),
        None => println!("not searchable after {} s", LIMIT.as_secs()),
    }
    input
        .write_all(b"\x1b")
        .and_then(|()| input.flush())
        .expect("Esc sent");
    let _ = screen.wait(|s| !s.lines().last().unwrap_or_default().contains("/harbour"));
    match screen.wait(|s| !busy(s)) {
        Some(done) => println!("copies grouped: {:.2} s", (done - start).as_secs_f64()),
        None => println!("copies not grouped after {} s", LIMIT.as_secs()),
    }
    let status = screen
        .text()
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string();
    println!("status bar: {status}");
    input
        .write_all(b"q")
        .and_then(|()| input.flush())
        .expect("q sent");
    let _ = screen.wait(|_| false);
    let _ = child.wait();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
