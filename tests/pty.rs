//! End to end: the real binary in a pseudo-terminal, driven by keys, its
//! screen read back through a vt100 parser.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(10);
const ROWS: u16 = 30;
const COLS: u16 = 110;

/// Writes a .txt article dated `days_old` days before a fixed day (the
/// modification time is its date, which orders the list).
fn write_article(dir: &Path, name: &str, text: &str, days_old: u64) {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 - days_old * 86_400);
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(when).unwrap();
}

/// The terminal as the test sees it: the parser fed by the pty, and all
/// bytes received so far.
struct Screen {
    parser: vt100::Parser,
    bytes: Vec<u8>,
    rx: Receiver<Vec<u8>>,
    closed: bool,
}

impl Screen {
    /// Feeds output until `done` holds for the screen, or fails after [`TIMEOUT`].
    fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !done(self.parser.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(chunk) => {
                    self.parser.process(&chunk);
                    self.bytes.extend_from_slice(&chunk);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "{what}: not seen; screen:\n{}",
                        self.parser.screen().contents()
                    )
                }
            }
        }
    }

    /// Feeds output until the program closes the pty, or fails after [`TIMEOUT`].
    fn drain_until_closed(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.closed {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(chunk) => {
                    self.parser.process(&chunk);
                    self.bytes.extend_from_slice(&chunk);
                }
                Err(RecvTimeoutError::Disconnected) => self.closed = true,
                Err(RecvTimeoutError::Timeout) => panic!("the program did not exit"),
            }
        }
    }

    fn contains(&self, text: &str) -> bool {
        self.parser.screen().contents().contains(text)
    }
}

/// Starts the binary on `articles` in a pty, with its state in `state` and
/// its config folder inside it too (so the real home is never read).
fn spawn(
    articles: &Path,
    state: &Path,
    config: Option<&Path>,
    no_color: bool,
) -> (
    Screen,
    Box<dyn Write + Send>,
    Box<dyn portable_pty::Child + Send + Sync>,
) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_byline"));
    cmd.arg(articles);
    if let Some(config) = config {
        cmd.arg("--config");
        cmd.arg(config);
    }
    cmd.env("HOME", state);
    cmd.env("XDG_STATE_HOME", state);
    cmd.env("XDG_CACHE_HOME", state.join("cache"));
    cmd.env("XDG_CONFIG_HOME", state.join("config"));
    cmd.env("TERM", "xterm-256color");
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);

    let mut reader = pair.master.try_clone_reader().unwrap();
    let keys = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let screen = Screen {
        parser: vt100::Parser::new(
            NonZeroU16::new(ROWS).unwrap(),
            NonZeroU16::new(COLS).unwrap(),
            0,
        ),
        bytes: Vec::new(),
        rx,
        closed: false,
    };
    // The master must outlive the child's output; it is kept by the reader
    // clone and the writer, so dropping the pair here is fine.
    (screen, keys, child)
}

fn send(keys: &mut Box<dyn Write + Send>, bytes: &[u8]) {
    keys.write_all(bytes).unwrap();
    keys.flush().unwrap();
}

/// Presses q, reads the screen to the end and checks the exit status is 0.
fn quit(
    screen: &mut Screen,
    keys: &mut Box<dyn Write + Send>,
    child: &mut Box<dyn portable_pty::Child + Send + Sync>,
) {
    send(keys, b"q");
    screen.drain_until_closed();
    assert!(
        child.wait().unwrap().success(),
        "byline did not exit with 0"
    );
}

#[test]
fn open_an_article_and_quit() {
    let articles = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    write_article(
        articles.path(),
        "kiln.txt",
        "Pottery kiln relit after a decade\n\nThe village kiln was fired again on Saturday.\n",
        1,
    );
    write_article(
        articles.path(),
        "swifts.txt",
        "Swifts return early to the old mill\n\nBirdwatchers counted forty nests under the eaves this week.\n",
        2,
    );
    write_article(
        articles.path(),
        "market.txt",
        "Winter market moves indoors\n\nStalls will fill the drill hall from December.\n",
        3,
    );

    let (mut screen, mut keys, mut child) = spawn(articles.path(), state.path(), None, false);

    screen.wait_for("the headline list", |s| {
        let text = s.contents();
        text.contains("Pottery kiln relit")
            && text.contains("Swifts return early")
            && text.contains("Winter market moves indoors")
    });
    assert!(screen.parser.screen().alternate_screen());
    screen.wait_for("the first article previewed", |s| {
        s.contents().contains("The village kiln was fired again")
    });
    assert!(!screen.contains("Birdwatchers"));

    keys.write_all(b"j").unwrap();
    keys.flush().unwrap();
    screen.wait_for("the second article previewed", |s| {
        let text = s.contents();
        text.contains("2/3") && text.contains("Birdwatchers counted forty nests under the eaves")
    });
    assert!(screen.contains("3 unread"), "a preview is not a read");
    keys.write_all(b"\r").unwrap();
    keys.flush().unwrap();
    screen.wait_for("the second article opened and marked read", |s| {
        s.contents().contains("2 unread")
    });

    keys.write_all(b"q").unwrap();
    keys.flush().unwrap();
    screen.drain_until_closed();
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status:?}");
    assert!(!screen.parser.screen().alternate_screen());
    let output = String::from_utf8_lossy(&screen.bytes);
    assert!(output.contains("\x1b[?1049l"), "alternate screen not left");
    assert!(output.contains("\x1b[?25h"), "cursor not shown again");
    assert!(output.contains("\x1b[?1000h"), "mouse captured by default");
    assert!(output.contains("\x1b[38;5;"), "colours by default");
}

#[test]
fn config_keys_star_copy_with_osc52_no_mouse_and_the_session_comes_back() {
    let articles = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    std::fs::write(
        articles.path().join("export.json"),
        r#"[{"title": "Ferry timetable changes in spring", "url": "https://example.com/ferry",
             "published": "2024-03-02T10:00:00Z", "source": "Harbour News",
             "text": "The ferry will leave half an hour earlier on weekdays from April."},
            {"title": "Library opens on Sundays", "url": "https://example.com/library",
             "published": "2024-03-01T10:00:00Z", "source": "Harbour News",
             "text": "The library will open from noon to four on Sundays."}]"#,
    )
    .unwrap();
    let config = state.path().join("byline.toml");
    std::fs::write(
        &config,
        "mouse = false\n[keys]\nstar = \"x\"\nbogus = \"z\"\n",
    )
    .unwrap();

    let (mut screen, mut keys, mut child) =
        spawn(articles.path(), state.path(), Some(&config), false);
    // The unknown action is reported, as a problem.
    screen.wait_for("the list and one problem", |s| {
        let text = s.contents();
        text.contains("Library opens on Sundays") && text.contains("1 problem")
    });
    send(&mut keys, b"jx");
    screen.wait_for("the star", |s| s.contents().contains("★ Library opens"));
    send(&mut keys, b"y");
    screen.wait_for("the copy message", |s| {
        s.contents().contains("copied https://example.com/library")
    });
    quit(&mut screen, &mut keys, &mut child);
    let output = String::from_utf8_lossy(&screen.bytes);
    let osc52 = "\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLmNvbS9saWJyYXJ5\x07";
    assert!(output.contains(osc52), "no OSC 52 for the link");
    assert!(
        !output.contains("\x1b[?1000h"),
        "mouse captured although mouse = false"
    );

    // Started again: the star and the selection are back.
    let (mut screen, mut keys, mut child) =
        spawn(articles.path(), state.path(), Some(&config), false);
    screen.wait_for("the list again", |s| {
        let text = s.contents();
        text.contains("★ Library opens") && text.contains("2/2")
    });
    quit(&mut screen, &mut keys, &mut child);
}

#[test]
fn no_color_draws_without_colours() {
    let articles = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    write_article(
        articles.path(),
        "kiln.txt",
        "Pottery kiln relit after a decade\n\nThe village kiln was fired again on Saturday.\n",
        1,
    );
    let (mut screen, mut keys, mut child) = spawn(articles.path(), state.path(), None, true);
    screen.wait_for("the list", |s| s.contents().contains("1 unread"));
    quit(&mut screen, &mut keys, &mut child);
    let output = String::from_utf8_lossy(&screen.bytes);
    assert!(output.contains("\x1b[1m"), "bold is still used");
    // Colours are SGR 38;… (text) and 48;… (background); none at all.
    assert!(!output.contains("\x1b[38;"), "a text colour was drawn");
    assert!(
        !output.contains("\x1b[48;"),
        "a background colour was drawn"
    );
}

/// The reader pane's text (right of the list) as one string.
fn reader_text(screen: &vt100::Screen) -> String {
    let list = 44; // 40% of 110 columns, then the separator
    screen
        .rows(list + 1, COLS - list - 1)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn search_star_quit_restart_and_the_star_search_and_place_are_kept() {
    let articles = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let notes: Vec<String> = (1..=40)
        .map(|i| format!("Note {i:02}: the kiln was stoked with oak and left to cool."))
        .collect();
    write_article(
        articles.path(),
        "kiln.txt",
        &format!(
            "Pottery kiln relit after a decade\n\n{}\n",
            notes.join("\n\n")
        ),
        1,
    );
    write_article(
        articles.path(),
        "swifts.txt",
        "Swifts return early to the old mill\n\nBirdwatchers counted forty nests.\n",
        2,
    );
    write_article(
        articles.path(),
        "market.txt",
        "Winter market moves indoors\n\nStalls will fill the drill hall.\n",
        3,
    );

    let (mut screen, mut keys, mut child) = spawn(articles.path(), state.path(), None, false);
    screen.wait_for("the list", |s| s.contents().contains("Winter market"));
    send(&mut keys, b"/kil");
    screen.wait_for("the prompt narrowing the list", |s| {
        let text = s.contents();
        text.contains(" /kil") && text.contains("1 match") && !text.contains("Winter market")
    });
    // Enter keeps the search; Enter again opens; s stars; Space pages down.
    send(&mut keys, b"\r");
    screen.wait_for("the search kept", |s| s.contents().contains("/kil 1 match"));
    send(&mut keys, b"\rs ");
    screen.wait_for("starred and scrolled", |s| {
        let reader = reader_text(s);
        s.contents().contains("★ Pottery kiln")
            && !reader.contains("Note 01")
            && reader.contains("Note 12")
    });
    quit(&mut screen, &mut keys, &mut child);

    let (mut screen, mut keys, mut child) = spawn(articles.path(), state.path(), None, false);
    screen.wait_for("the search, the star and the place back", |s| {
        let reader = reader_text(s);
        let text = s.contents();
        text.contains("★ Pottery kiln")
            && text.contains("1 listed: /kil 1 match")
            && !text.contains("Winter market")
            && reader.contains("Note 12")
            && !reader.contains("Note 01")
    });
    // Esc in the prompt clears the search: everything is listed again.
    send(&mut keys, b"/\x1b");
    screen.wait_for("the list whole again", |s| {
        s.contents().contains("Winter market")
    });
    quit(&mut screen, &mut keys, &mut child);
}

#[test]
fn a_folder_is_listed_while_it_loads_and_in_full_at_the_end() {
    let articles = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    // More files than one batch of the loader.
    for i in 0..600 {
        let text =
            format!("Parish note number {i}\n\nThe parish council met for the {i}th time.\n");
        write_article(articles.path(), &format!("note{i:03}.txt"), &text, i % 50);
    }
    let (mut screen, mut keys, mut child) = spawn(articles.path(), state.path(), None, false);
    screen.wait_for("the list, loaded", |s| {
        let text = s.contents();
        text.contains("600 articles") && !text.contains("loading")
    });
    let output = String::from_utf8_lossy(&screen.bytes);
    // The first frame is drawn before anything is read.
    assert!(output.contains("loading"), "no loading status was drawn");
    send(&mut keys, b"G");
    screen.wait_for("the last headline", |s| s.contents().contains("600/600"));
    quit(&mut screen, &mut keys, &mut child);
}

#[test]
fn a_folder_with_nothing_readable_leaves_and_says_why() {
    let articles = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    std::fs::write(articles.path().join("empty.txt"), "").unwrap();
    let (mut screen, _keys, mut child) = spawn(articles.path(), state.path(), None, false);
    screen.drain_until_closed();
    assert!(!child.wait().unwrap().success());
    let output = String::from_utf8_lossy(&screen.bytes);
    assert!(output.contains("no articles could be read"), "{output}");
    assert!(output.contains("empty file"), "{output}");
}
