//! Reads a collection from disk: walks folders, picks a reader per format,
//! and returns the articles plus one `Problem` per bad input. Never panics,
//! never stops on one file.
//!
//! One pipeline: walk ([`walk::find_stamped`]), then read, parse and clean
//! each file on its own ([`load_file`]), a chunk of files at a time on every
//! core, each chunk indexed. [`spawn`] runs it on a thread of its own,
//! starting from the cache, and sends a [`LoadEvent`] per step (the reader,
//! which shows the list while it grows); [`collect`] runs that to the end
//! and keeps the entries (`byline list`). [`load_paths`] reads everything,
//! bodies and all, without index or cache (`byline clean`, tests).

mod collect;
pub mod date;
mod dateline;
mod events;
mod ids;
mod json;
mod markdown;
mod names;
mod read;
mod sniff;
mod txt;
mod walk;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset, Utc};
use include_dir::{Dir, include_dir};
use rayon::prelude::*;

use crate::article::{Article, ArticleId, Meta, Problem};
use crate::cache::Stamp;
use crate::clean;
pub use collect::{Collected, collect, collect_then};
pub use events::{BATCH_FILES, FIRST_SCREEN, LoadEvent, spawn};
use names::folder_name;
use read::{KEPT_BUFFER, READ_BUFFER};
use sniff::{Decoded, Format};
pub use walk::{Found, Stamped, find_files, find_stamped, find_unstamped};

/// The sample collection built into the binary.
static SAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/sample");

/// What loading produced: every article that could be read, and what went wrong.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

impl Loaded {
    pub fn extend(&mut self, other: Loaded) {
        self.articles.extend(other.articles);
        self.problems.extend(other.problems);
    }

    /// Gives every article its id: [`build`] leaves them unset, so that
    /// a caller loading several files sets those of all their articles at
    /// once (hashed side by side, which is faster; see [`ids`]).
    pub(crate) fn identified(mut self) -> Self {
        ids::identify(&mut self.articles);
        self
    }

    pub(crate) fn problem(path: &Path, message: impl Into<String>) -> Self {
        Loaded {
            articles: vec![],
            problems: vec![problem(path, message)],
        }
    }
}

pub(crate) fn problem(path: &Path, message: impl Into<String>) -> Problem {
    Problem {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// The rules the walk uses, for `crate::watch`, so that live reload skips
/// what loading skips.
pub(crate) fn is_asset(path: &Path) -> bool {
    sniff::asset_extension(path).is_some()
}

/// Whether a file or folder name is hidden (starts with a dot).
pub(crate) fn is_hidden(name: &std::ffi::OsStr) -> bool {
    sniff::is_hidden(name)
}

/// The files a walk of `roots` finds (problems finding them are dropped).
pub(crate) fn files_under(roots: &[PathBuf]) -> Vec<PathBuf> {
    walk::find_files(roots).files
}

/// Loads every article under `paths` (folders are walked, files read directly),
/// in a sorted, repeatable order; problems are sorted by path.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let found = walk::find_files(paths);
    let mut out = Loaded {
        articles: vec![],
        problems: found.problems,
    };
    out.extend(load_files(&found.files));
    // Stable: one file's problems keep their order (line 2 before line 10).
    out.problems.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Loads `files` on every core; results keep the files' order.
pub fn load_files(files: &[PathBuf]) -> Loaded {
    let per_file: Vec<Loaded> = files.par_iter().map(|f| load_file(f)).collect();
    let mut out = Loaded::default();
    for loaded in per_file {
        out.extend(loaded);
    }
    out
}

/// Loads one file, whatever its format.
pub fn load_file(path: &Path) -> Loaded {
    read_file(path, None, Keep::Whole, &mut Vec::new())
        .0
        .identified()
}

/// [`load_file`], but only the articles at `slots` (places among the
/// file's articles, as [`crate::article::Entry::slot`] counts them) are
/// built: the others are passed over uncleaned, so that one story of an
/// export of hundreds costs one story's cleaning. The articles come in
/// slot order, without their slots; problems are those of the whole file.
pub fn load_slots(path: &Path, slots: &[u32]) -> Loaded {
    read_file(path, Some(slots), Keep::Whole, &mut Vec::new())
        .0
        .identified()
}

/// What [`load_chunk`] read.
pub(crate) struct Chunk {
    pub loaded: Loaded,
    /// The articles' word counts (as [`Article::entry_words`]).
    pub words: Vec<u32>,
    /// Each file's stamp, taken when it was opened, before reading it
    /// ([`Stamp::UNKNOWN`] for one that could not even be looked up).
    pub stamps: Vec<Stamp>,
}

/// Loads `files` one after another on this core; results keep the files'
/// order. Beside the articles, their word counts (as
/// [`Article::entry_words`]), which like the ids are found while the text
/// is still in the core's cache: a file's words as soon as it is read, the
/// ids a few articles at a time ([`ids::BATCH`]). `keep` says whether
/// the articles keep their raw text and removed lines.
pub(crate) fn load_chunk<P: AsRef<Path>>(files: &[P], keep: Keep) -> Chunk {
    // Most files hold one article: room for that many, grown only by
    // exports.
    let mut out = Loaded {
        articles: Vec::with_capacity(files.len()),
        problems: Vec::new(),
    };
    let mut words = Vec::with_capacity(files.len());
    let mut stamps = Vec::with_capacity(files.len());
    let mut from = 0;
    for file in files {
        let (loaded, stamp) = read_file(file.as_ref(), None, keep, &mut words);
        out.extend(loaded);
        stamps.push(stamp);
        if out.articles.len() - from >= ids::BATCH {
            ids::identify(&mut out.articles[from..]);
            from = out.articles.len();
        }
    }
    ids::identify(&mut out.articles[from..]);
    Chunk {
        loaded: out,
        words,
        stamps,
    }
}

/// What an article keeps besides its story (title, metadata, paragraphs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// Its text as read (`raw`) and what the cleaner removed, for the raw
    /// view: an article to show.
    Whole,
    /// Neither (`raw` left empty, `removed` dropped): an article only
    /// listed and indexed, whose body is read again when it is opened.
    /// The file is then read into a buffer kept for the next file.
    Story,
}

/// [`load_file`] but for the articles' ids (see [`Loaded::identified`]);
/// only the articles at `slots`, when given (see [`load_slots`]). Their
/// words (see [`FileInfo::words`]) are added to `words`. Beside what it
/// held, the file's stamp, taken from the open file before reading it.
fn read_file(
    path: &Path,
    slots: Option<&[u32]>,
    keep: Keep,
    words: &mut Vec<u32>,
) -> (Loaded, Stamp) {
    READ_BUFFER.with_borrow_mut(|bytes| {
        let (meta, read) = read::whole(path, bytes);
        // Looked up by path when it could not even be opened: a file
        // that cannot be read keeps its stamp, so that the cache keeps
        // its problem until it changes.
        let meta = meta.or_else(|| std::fs::metadata(path).ok());
        let stamp = meta.as_ref().map_or(Stamp::UNKNOWN, Stamp::of);
        let loaded = match read {
            Ok(len) => {
                let folder = folder_name(path).or_else(|| {
                    let abs = std::fs::canonicalize(path).ok()?;
                    folder_name(&abs)
                });
                let mtime = meta.and_then(|m| m.modified().ok());
                let info = FileInfo::new(path, folder, mtime, slots, keep, words);
                load_text(&info, &bytes[..len])
            }
            Err(e) => Loaded::problem(path, walk::io_message(&e)),
        };
        if bytes.capacity() > KEPT_BUFFER {
            *bytes = Vec::new();
        }
        (loaded, stamp)
    })
}

/// Parses `bytes` as the file at `path` would be (format from its extension).
pub fn load_bytes(path: &Path, bytes: &[u8], mtime: Option<SystemTime>) -> Loaded {
    let mut words = Vec::new();
    let info = FileInfo::new(
        path,
        folder_name(path),
        mtime,
        None,
        Keep::Whole,
        &mut words,
    );
    load_text(&info, bytes).identified()
}

/// Loads the sample collection compiled into the binary (assets/sample/),
/// each file as `sample/NAME.ext`. Hidden files and assets are skipped.
pub fn load_sample() -> Loaded {
    let mut files = Vec::new();
    sample_files(&SAMPLE, &mut files);
    files.sort_by_key(|f| f.path());
    let mut out = Loaded::default();
    for f in files {
        let path = Path::new("sample").join(f.path());
        out.extend(load_bytes(&path, f.contents(), None));
    }
    out
}

fn sample_files<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    for d in dir.dirs() {
        if !hidden(d.path()) {
            sample_files(d, out);
        }
    }
    for f in dir.files() {
        if !hidden(f.path()) && sniff::asset_extension(f.path()).is_none() {
            out.push(f);
        }
    }
}

fn hidden(path: &Path) -> bool {
    path.file_name().is_some_and(sniff::is_hidden)
}

/// What a reader knows about the file besides its text.
pub(crate) struct FileInfo<'a> {
    pub path: &'a Path,
    /// The parent folder's name (the fallback source for loose text).
    pub folder: Option<String>,
    /// The modification time (the fallback date for loose text, and the
    /// latest a date printed in the text may be).
    pub mtime: Option<DateTime<FixedOffset>>,
    /// The only slots to build, when not all are wanted.
    pub slots: Option<&'a [u32]>,
    /// The slot the next article found takes.
    pub next_slot: std::cell::Cell<u32>,
    /// What the articles keep besides their story.
    pub keep: Keep,
    /// Where the words of each article built go, in order (as
    /// [`Article::entry_words`] counts them, which cleaning does as it
    /// goes).
    pub words: std::cell::RefCell<&'a mut Vec<u32>>,
}

impl<'a> FileInfo<'a> {
    fn new(
        path: &'a Path,
        folder: Option<String>,
        mtime: Option<SystemTime>,
        slots: Option<&'a [u32]>,
        keep: Keep,
        words: &'a mut Vec<u32>,
    ) -> Self {
        FileInfo {
            path,
            folder,
            mtime: mtime.map(|t| DateTime::<Utc>::from(t).fixed_offset()),
            slots,
            next_slot: std::cell::Cell::new(0),
            keep,
            words: std::cell::RefCell::new(words),
        }
    }

    /// Gives `article` its text as read, `raw`, if it is kept whole.
    pub fn keep_raw(&self, article: &mut Article, raw: impl Into<String>) {
        if self.keep == Keep::Whole {
            article.raw = raw.into();
        }
    }

    /// Gives the next article found its slot; whether it is to be built.
    pub fn take_slot(&self) -> bool {
        let slot = self.next_slot.get();
        self.next_slot.set(slot + 1);
        self.slots.is_none_or(|wanted| wanted.contains(&slot))
    }
}

fn load_text(info: &FileInfo, bytes: &[u8]) -> Loaded {
    let path = info.path;
    let format = match sniff::classify(path) {
        Ok(format) => format,
        Err(ext) => {
            return Loaded::problem(path, format!("a .{ext} file is not an article, skipped"));
        }
    };
    let (text, lossy) = match sniff::decode(bytes) {
        Decoded::Binary => return Loaded::problem(path, "binary file, skipped"),
        Decoded::Text { text, lossy } => (text, lossy),
    };
    if text.trim().is_empty() {
        return Loaded::problem(path, "empty file");
    }
    let mut out = match format {
        Format::Json => json::load(info, &text),
        Format::JsonLines => json::load_lines(info, &text),
        Format::Markdown => markdown::load(info, &text),
        Format::Txt | Format::Unknown => txt::load(info, &text),
    };
    if lossy {
        out.problems
            .insert(0, problem(path, "not valid UTF-8; decoded lossily"));
    }
    out
}

/// Cleans `body` and builds the article; the known title wins over the
/// cleaner's guess. The caller gives it its raw text afterwards
/// ([`FileInfo::keep_raw`]), as `body` usually borrows from that, and the
/// id is set later (see [`Loaded::identified`]).
pub(crate) fn build(
    info: &FileInfo,
    known_title: Option<String>,
    body: &str,
    meta: Meta,
) -> Article {
    let cleaned = match info.keep {
        Keep::Whole => clean::clean(body, known_title.as_deref()),
        Keep::Story => clean::clean_story(body, known_title.as_deref()),
    };
    info.words.borrow_mut().push(cleaned.words);
    let title = known_title.unwrap_or(cleaned.title);
    Article {
        id: ArticleId(0),
        path: info.path.to_path_buf(),
        title,
        meta,
        paragraphs: cleaned.paragraphs,
        removed: cleaned.removed,
        raw: String::new(),
    }
}

/// The site of a URL, without `www.`: `https://www.example.com/a` → `example.com`.
pub(crate) fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Trims; `None` when nothing is left.
pub(crate) fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files of every format, some text with escapes, a BOM, bad bytes.
    fn sample_files(dir: &Path) -> Vec<PathBuf> {
        let story = "Harbor news\n\nShare this\n\nThe council voted on Tuesday to \
                     rebuild the old pier after the storm, officials said.\n\n\
                     It will cost two million dollars and take a year to finish.\n\n\
                     Related: more stories\n";
        let json_story = serde_json::to_string(story).unwrap();
        let files: [(&str, Vec<u8>); 6] = [
            ("a/story.txt", story.into()),
            ("a/bom.txt", [b"\xEF\xBB\xBF".as_slice(), story.as_bytes()].concat()),
            ("a/bad.txt", [story.as_bytes(), b"caf\xE9\n"].concat()),
            (
                "b/export.json",
                format!(r#"{{"articles": [{{"title": "One", "content": {json_story}}}, {{"title": "Two", "body": "Plain body text here."}}]}}"#).into(),
            ),
            (
                "b/feed.jsonl",
                format!("{{\"title\": \"Three\", \"text\": {json_story}}}\nnot json\n").into(),
            ),
            ("c/page.md", format!("# A heading\n\n{story}").into()),
        ];
        files
            .iter()
            .map(|(name, bytes)| {
                let path = dir.join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, bytes).unwrap();
                path
            })
            .collect()
    }

    #[test]
    fn articles_kept_as_story_are_whole_ones_without_raw_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let files = sample_files(dir.path());
        let Chunk {
            loaded: whole,
            words: whole_words,
            stamps,
        } = load_chunk(&files, Keep::Whole);
        let Chunk {
            loaded: story,
            words: story_words,
            ..
        } = load_chunk(&files, Keep::Story);
        let looked_up: Vec<Stamp> = files
            .iter()
            .map(|f| Stamp::of(&std::fs::metadata(f).unwrap()))
            .collect();
        assert_eq!(stamps, looked_up);
        assert_eq!(whole.problems, story.problems);
        assert_eq!(whole_words, story_words);
        let counted: Vec<u32> = whole.articles.iter().map(Article::entry_words).collect();
        assert_eq!(whole_words, counted);
        assert_eq!(whole.articles.len(), 7);
        assert_eq!(whole.articles.len(), story.articles.len());
        assert!(whole.articles.iter().all(|a| !a.raw.is_empty()));
        assert!(whole.articles.iter().any(|a| !a.removed.is_empty()));
        for (w, s) in whole.articles.iter().zip(&story.articles) {
            let stripped = Article {
                raw: String::new(),
                removed: Vec::new(),
                ..w.clone()
            };
            assert_eq!(*s, stripped);
        }
        // Whole articles are those `load_file` gives, file by file.
        let one_by_one: Vec<Article> = files.iter().flat_map(|f| load_file(f).articles).collect();
        assert_eq!(whole.articles, one_by_one);
    }

    #[test]
    fn read_buffer_is_reused_and_large_ones_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.txt");
        let line = "A line of a story that goes on for a while, as lines do.\n";
        std::fs::write(&big, line.repeat(KEPT_BUFFER / line.len() + 10)).unwrap();
        let small = dir.path().join("small.txt");
        std::fs::write(&small, line).unwrap();
        assert_eq!(load_file(&small).articles[0].raw, line);
        let kept = READ_BUFFER.with_borrow(Vec::capacity);
        assert!(kept >= line.len());
        assert_eq!(load_file(&big).articles.len(), 1);
        assert_eq!(READ_BUFFER.with_borrow(Vec::capacity), 0);
        assert_eq!(load_file(&small).articles[0].raw, line);
    }

    #[test]
    fn hosts_of_urls() {
        let host = |u| url_host(u);
        assert_eq!(
            host("https://www.example.com/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host("http://user@News.Example.org:8080").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(host("example.com/a"), None);
        assert_eq!(host("https:///path"), None);
    }
}
