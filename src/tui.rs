//! The terminal: set up (raw mode, alternate screen, mouse capture when
//! wanted), restore on quit, on error and on panic, the event loop
//! (events → key map → `Action` → `update` → draw), with what the loading
//! and indexing threads send handed over as it comes ([`Background`]), and
//! the effects `update`
//! queues: opening a link (detached, never through a shell) and copying one
//! (OSC 52).

use std::io::{self, Stdout, Write, stdout};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{self, Action, App, Effect};
use crate::background::Background;
use crate::ingest::LoadEvent;
use crate::live::Live;
use crate::ui;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Where the collection comes from, besides what the app holds already.
#[derive(Default)]
pub struct Feed {
    /// The loading thread ([`crate::ingest::spawn`]), if loading goes on.
    pub loader: Option<Receiver<LoadEvent>>,
    /// Quit when loading ends with nothing to show.
    pub leave_if_empty: bool,
    /// Folders and files to watch for changes (live reload).
    pub watch: Vec<std::path::PathBuf>,
    /// The cache file to save what was learned to.
    pub cache: Option<std::path::PathBuf>,
}

/// Runs the reader on `app` until the user quits; the terminal is restored
/// whatever happens. With `mouse`, clicks and the wheel are captured.
/// With a `loader` ([`crate::ingest::spawn`]), articles are added as they
/// are read, and with `leave_if_empty` the reader leaves when none could
/// be. Pending state (reading positions, the session) is saved at the end.
/// Returns the app as it was left.
pub fn run(mut app: App, mouse: bool, feed: Feed) -> io::Result<App> {
    let Feed {
        loader,
        leave_if_empty,
        watch,
        cache,
    } = feed;
    install_panic_hook();
    let _guard = Restore;
    let mut terminal = setup(mouse)?;
    let size = terminal.size()?;
    app::update(
        &mut app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let background = Background::with_cache(&app, loader, leave_if_empty, cache);
    let result = event_loop(&mut terminal, &mut app, background, watch);
    let saved = app.save_state();
    result.and(saved).map(|()| app)
}

/// How often the loop looks for what other threads send while they work
/// (and nothing else is pending): what they send is on screen this soon
/// after it comes, for the cost of a look at a few channels.
const PENDING_POLL: Duration = Duration::from_millis(10);

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    background: Background,
    watch: Vec<std::path::PathBuf>,
) -> io::Result<()> {
    let mut background = background;
    let result = run_loop(terminal, app, &mut background, watch);
    background.finish(app);
    result
}

/// `watch`: the folders and files to watch for changes once the first
/// load is over ([`Live`]).
fn run_loop(
    terminal: &mut Term,
    app: &mut App,
    background: &mut Background,
    watch: Vec<std::path::PathBuf>,
) -> io::Result<()> {
    let mut watch = Some(watch).filter(|w| !w.is_empty());
    let mut live: Option<Live> = None;
    let mut redraw = true;
    while !app.should_quit() {
        if redraw {
            terminal.draw(|frame| ui::draw(app, frame))?;
        }
        redraw = true;
        // A key waiting goes first: what other threads send can wait a frame.
        let key_waiting = event::poll(Duration::ZERO)?;
        if !key_waiting && background.poll(app) {
            continue;
        }
        // Changes on disk are watched for once the first load is over.
        if !background.is_pending()
            && let Some(roots) = watch.take()
        {
            live = Some(Live::start(&roots, background.take_walked()));
        }
        let mut live = live.as_mut();
        if let Some(live) = &mut live
            && live.poll(app)
        {
            continue;
        }
        // While work is pending, wait for input only a little: a search
        // being checked goes on a step at a time between keys, what other
        // threads send (and changes on disk) are looked for every so often.
        let wait = if key_waiting {
            None
        } else if app.has_pending_work() {
            Some(Duration::ZERO)
        } else if background.is_pending() || app.is_opening() {
            Some(PENDING_POLL)
        } else {
            live.as_ref().map(|l| l.patience())
        };
        if let Some(wait) = wait
            && !event::poll(wait)?
        {
            if app.has_pending_work() {
                app.work();
            } else if !app.take_opened() {
                redraw = false;
            }
            continue;
        }
        // Input is waiting, or nothing is pending: then this blocks until
        // there is input, as nothing changes on its own.
        let event = event::read()?;
        if let Some(action) = app.action_for(&event) {
            app::update(app, action);
        }
        for effect in app.take_effects() {
            perform(app, effect);
        }
    }
    Ok(())
}

/// Does what `update` asked for; a failure becomes the status message.
fn perform(app: &mut App, effect: Effect) {
    match effect {
        // `update` only queues http(s) links; the `open` crate starts the
        // system's opener directly (no shell), detached, with its output
        // sent nowhere so nothing is drawn over the screen.
        Effect::OpenUrl(url) => {
            if let Err(e) = open::that_detached(&url) {
                app.set_message(format!("could not open the link: {e}"));
            }
        }
        Effect::Copy(text) => {
            let mut out = stdout();
            if let Err(e) = out
                .write_all(osc52(&text).as_bytes())
                .and_then(|()| out.flush())
            {
                app.set_message(format!("could not copy: {e}"));
            }
        }
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn setup(mouse: bool) -> io::Result<Term> {
    enable_raw_mode()?;
    // Cleared directly: `Terminal::clear` asks the terminal where the cursor
    // is, which stalls on terminals that do not answer.
    execute!(stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    terminal.hide_cursor()?;
    Ok(terminal)
}

/// Puts the terminal back as it was; safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// Restores the terminal when dropped: on quit and on error.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

/// Restores the terminal before the previous panic hook prints its message.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
            ("hello", "aGVsbG8="),
            (
                "https://example.com/a?b=c",
                "aHR0cHM6Ly9leGFtcGxlLmNvbS9hP2I9Yw==",
            ),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }
}
