//! The `byline` command: parses arguments and hands off to the TUI or a CLI mode.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use byline::config::Config;
use clap::{Parser, Subcommand};

/// A keyboard-driven terminal reader for local collections of scraped news.
///
/// With no PATH, opens the folders the config's `library` names, or else the
/// sample collection built into the binary.
#[derive(Parser)]
#[command(name = "byline", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Use this config file instead of ~/.config/byline/config.toml.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Folders (walked recursively) or files to open in the reader.
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print cleaned articles: title, blank line, paragraphs ("-" reads stdin).
    Clean {
        /// One JSON object per article per line.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List articles, newest first: date, source, title, path.
    List {
        /// One JSON object per article per line.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the effective configuration, defaults included, as TOML.
    Config,
}

/// mimalloc rather than the system's malloc. Loading a large collection
/// allocates and frees on every core at once (each file's text, each
/// article's lines and strings), and glibc's malloc serialised much of it
/// on its arena locks: opening 100,000 articles took 4.0-4.2 s of wall
/// time with glibc for `byline list` (6.6-6.8 s of CPU) and 5.1 or 9.0 s
/// for the reader, against 3.4-3.5 s (5.6-5.8 s of CPU) and 4.0-4.2 s with
/// mimalloc, at about the same peak memory. Built without transparent huge
/// pages, which would round the heap's resident memory up in 2 MB steps.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Clean { json, files }) => byline::cli::clean(&files, json),
        Some(Command::List { json, paths }) => byline::cli::list(&paths, json),
        Some(Command::Config) => print_config(cli.config.as_deref()),
        None => run_reader(&cli.paths, cli.config.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("byline: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the reader's worker threads (loading, cleaning, indexing: rayon's
/// pool) below the priority of the thread that answers keys. Loading keeps
/// every core busy; at equal priority a key could wait for a worker's time
/// slice to end before its frame was drawn (20-22 ms now and then while
/// 100,000 articles loaded, against 16 ms at most).
fn background_threads_yield_to_keys() {
    let lower = |_| {
        // SAFETY: `setpriority` only changes the calling thread's nice value
        // (on Linux, `PRIO_PROCESS` with 0 is the calling thread); a failure
        // leaves it as it was, which is harmless.
        #[cfg(target_os = "linux")]
        unsafe {
            libc::setpriority(libc::PRIO_PROCESS, 0, BACKGROUND_NICE);
        }
    };
    // Fails only when the pool was built already, and then it stays as is.
    let _ = rayon::ThreadPoolBuilder::new()
        .start_handler(lower)
        .build_global();
}

/// How much below the key thread's priority the workers run (nice values
/// go from -20 to 19; each step is about 10% less CPU share under
/// contention). At 5, a key still waited 16.4 ms once in 7 loads of
/// 100,000 articles; at 10, the worst of 8 loads was 8.3 ms, and loading
/// took no longer (the key thread is idle but for keys and new entries).
#[cfg(target_os = "linux")]
const BACKGROUND_NICE: libc::c_int = 10;

/// `byline config`: the effective configuration on stdout, its problems on stderr.
fn print_config(path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let (config, problems) = Config::load(path);
    for p in &problems {
        eprintln!("byline: {p}");
    }
    print!("{}", config.to_toml());
    Ok(ExitCode::SUCCESS)
}

/// Opens the reader on `paths`; with none, on the config's library folders,
/// or on the built-in sample when the config names none.
fn run_reader(paths: &[PathBuf], config_path: Option<&Path>) -> anyhow::Result<ExitCode> {
    use byline::{app::App, ingest, ingest::Loaded, library::Library, store::Store};
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal; for output to a pipe or a file use \
             `byline list PATH` or `byline clean FILE`"
        );
    }
    let (config, config_problems) = Config::load(config_path);
    let library_paths = config.library_paths();
    let paths = if paths.is_empty() {
        library_paths
    } else {
        paths.to_vec()
    };
    // The sample is small and built in: read at once. A folder is read on
    // another thread while the reader shows what has arrived.
    background_threads_yield_to_keys();
    let (loaded, loader, banner) = if paths.is_empty() {
        let hint = "sample collection · `byline PATH` opens your own";
        (ingest::load_sample(), None, Some(hint))
    } else {
        let cache = byline::cache::location(&paths);
        (
            Loaded::default(),
            Some(ingest::spawn(paths.clone(), cache)),
            None,
        )
    };
    let (store, mut problems) = Store::open_default();
    problems.extend(config_problems.into_iter().map(Into::into));
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut app = App::new(Library::new(loaded, store, problems))
        .with_keymap(config.keymap())
        .with_theme(config.effective_theme(no_color))
        .with_measure(config.reader_width);
    if let Some(banner) = banner {
        app = app.with_banner(banner);
    }
    if loader.is_some() {
        app = app.with_loading();
    }
    let leave_if_empty = loader.is_some();
    let feed = byline::tui::Feed {
        loader,
        leave_if_empty,
        cache: byline::cache::location(&paths).filter(|_| leave_if_empty),
        watch: paths,
    };
    let app = byline::tui::run(app, config.mouse, feed)?;
    if leave_if_empty && app.loading().is_none() && app.library().is_empty() {
        // Nothing to read: say why on the terminal rather than stay on an empty screen.
        for p in app.library().problems() {
            eprintln!("byline: {p}");
        }
        eprintln!("byline: no articles could be read");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
