//! The `byline` command: parses arguments and hands off to the TUI or a CLI mode.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A keyboard-driven terminal reader for local collections of scraped news.
///
/// With no PATH, opens the sample collection built into the binary.
#[derive(Parser)]
#[command(
    name = "byline",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Clean { json, files }) => byline::cli::clean(&files, json),
        Some(Command::List { json, paths }) => byline::cli::list(&paths, json),
        None => run_reader(&cli.paths),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("byline: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the reader on `paths`, or on the built-in sample when there are none.
fn run_reader(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    use byline::{app::App, ingest, library::Library, store::Store};
    let loaded = if paths.is_empty() {
        ingest::load_sample()
    } else {
        ingest::load_paths(paths)
    };
    let (store, problems) = Store::open_default();
    let mut app = App::new(Library::new(loaded, store, problems));
    if paths.is_empty() {
        app = app.with_banner("sample collection · `byline PATH` opens your own");
    }
    byline::tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}
