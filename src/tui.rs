//! The terminal: set up (raw mode, alternate screen, mouse capture), restore
//! on quit, on error and on panic, and the event loop
//! (events → key map → `Action` → `update` → draw).

use std::io::{self, Stdout, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{self, Action, App};
use crate::ui;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Runs the reader on `app` until the user quits; the terminal is restored
/// whatever happens.
pub fn run(mut app: App) -> io::Result<()> {
    install_panic_hook();
    let _guard = Restore;
    let mut terminal = setup()?;
    let size = terminal.size()?;
    app::update(
        &mut app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    event_loop(&mut terminal, &mut app)
}

fn event_loop(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    while !app.should_quit() {
        terminal.draw(|frame| ui::draw(app, frame))?;
        // Blocks until there is input: nothing changes on its own.
        let event = event::read()?;
        if let Some(action) = app::action_for(&event) {
            app::update(app, action);
        }
    }
    Ok(())
}

fn setup() -> io::Result<Term> {
    enable_raw_mode()?;
    // Cleared directly: `Terminal::clear` asks the terminal where the cursor
    // is, which stalls on terminals that do not answer.
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        Clear(ClearType::All)
    )?;
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
