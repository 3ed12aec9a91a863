//! Turns the paths of a batch into changes: keeps only article candidates
//! under the opened roots, and looks on disk to tell what became of each.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Change, ChangeKind};
use crate::ingest;

/// What was opened: folders (watched with everything under them) and
/// single files (watched through their folder, which sees a file replaced
/// by a rename, as editors and careful writers do).
#[derive(Debug, Default)]
pub struct Roots {
    pub dirs: Vec<PathBuf>,
    pub files: Vec<PathBuf>,
}

impl Roots {
    /// The path as the consumer knows it when `path` is something to
    /// report: an opened file, or an article candidate under an opened
    /// folder. `None` for everything else (hidden, temporary, assets,
    /// neighbours of an opened file).
    pub fn relevant(&self, path: &Path) -> Option<PathBuf> {
        if let Some(file) = self.files.iter().find(|f| same_file_name(f, path)) {
            return Some(file.clone());
        }
        let root = self.dirs.iter().find(|d| path.starts_with(d))?;
        let rel = path.strip_prefix(root).ok()?;
        if rel.components().any(|c| ingest::is_hidden(c.as_os_str())) {
            return None;
        }
        if let Some(name) = rel.file_name()
            && (is_temporary(name) || ingest::is_asset(path))
        {
            return None;
        }
        Some(path.to_path_buf())
    }
}

/// Whether `event` names the opened file `file`. Events come as the
/// watched folder joined with the name, and an opened `a.txt` is watched
/// through `.`, so `./a.txt` is the same.
fn same_file_name(file: &Path, event: &Path) -> bool {
    if file == event {
        return true;
    }
    let parent = |p: &Path| match p.parent() {
        Some(d) if d.as_os_str().is_empty() || d == Path::new(".") => PathBuf::from("."),
        Some(d) => d.to_path_buf(),
        None => PathBuf::new(),
    };
    file.file_name() == event.file_name() && parent(file) == parent(event)
}

/// Editors' and downloaders' files that are never articles: backups and
/// autosaves (`name~`, `#name#`), swap files, `.tmp`, partial downloads,
/// and vim's probe files (4913, 5036, … : it tries 4913 + 123·k).
pub fn is_temporary(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    if name.ends_with('~') || (name.len() > 1 && name.starts_with('#') && name.ends_with('#')) {
        return true;
    }
    if let Some((_, ext)) = name.rsplit_once('.') {
        let ext = ext.to_ascii_lowercase();
        return matches!(
            ext.as_str(),
            "swp" | "swo" | "swx" | "tmp" | "temp" | "part" | "crdownload"
        );
    }
    name.parse::<u64>()
        .is_ok_and(|n| n >= 4913 && (n - 4913) % 123 == 0)
}

/// The changes for one batch: each relevant path looked at on disk now.
/// Removals come first, then changes, each sorted by path, no path twice.
pub fn changes(roots: &Roots, paths: impl IntoIterator<Item = (PathBuf, bool)>) -> Vec<Change> {
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for (path, appeared) in paths {
        let Some(path) = roots.relevant(&path) else {
            continue;
        };
        match fs::metadata(&path) {
            // A folder that was there already: what changed inside it
            // comes as events of its own.
            Ok(m) if m.is_dir() => {
                if appeared {
                    let files = ingest::files_under(std::slice::from_ref(&path));
                    changed.extend(files.into_iter().filter(|f| roots.relevant(f).is_some()));
                }
            }
            Ok(m) if m.is_file() => changed.push(path),
            // Pipes, sockets, devices: never read.
            Ok(_) => {}
            Err(e) if gone(&e) => removed.push(path),
            // Unreadable: let the load say why.
            Err(_) => changed.push(path),
        }
    }
    let mut out = Vec::with_capacity(removed.len() + changed.len());
    let mut seen = HashSet::new();
    for (list, kind) in [
        (removed, ChangeKind::Removed),
        (changed, ChangeKind::Changed),
    ] {
        let mut list = list;
        list.sort();
        for path in list {
            if seen.insert(path.clone()) {
                out.push(Change { path, kind });
            }
        }
    }
    out
}

fn gone(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots(dirs: &[&str], files: &[&str]) -> Roots {
        Roots {
            dirs: dirs.iter().map(PathBuf::from).collect(),
            files: files.iter().map(PathBuf::from).collect(),
        }
    }

    #[test]
    fn temporary_names() {
        for name in [
            "a.txt~",
            "#a.md#",
            ".a.txt.swp",
            "a.swx",
            "x.TMP",
            "page.json.part",
            "4913",
            "5036",
        ] {
            assert!(is_temporary(OsStr::new(name)), "{name}");
        }
        for name in ["a.txt", "4914", "12345", "README", "#", "notes.md"] {
            assert!(!is_temporary(OsStr::new(name)), "{name}");
        }
    }

    #[test]
    fn only_article_candidates_under_a_root() {
        let r = roots(&["/news"], &[]);
        let yes = |p: &str| r.relevant(Path::new(p)).is_some();
        assert!(yes("/news/a.txt"));
        assert!(yes("/news/2024/b.jsonl"));
        assert!(yes("/news/2024"));
        assert!(!yes("/news/.git/index"));
        assert!(!yes("/news/2024/.hidden.txt"));
        assert!(!yes("/news/a.txt~"));
        assert!(!yes("/news/logo.PNG"));
        assert!(!yes("/news/style.css"));
        assert!(!yes("/elsewhere/a.txt"));
    }

    #[test]
    fn a_root_inside_a_hidden_folder_is_fine() {
        let r = roots(&["/home/me/.local/news"], &[]);
        assert!(
            r.relevant(Path::new("/home/me/.local/news/a.txt"))
                .is_some()
        );
    }

    #[test]
    fn an_opened_file_is_matched_as_it_was_named() {
        let r = roots(&[], &["a.txt", "/x/.b.md"]);
        assert_eq!(
            r.relevant(Path::new("./a.txt")),
            Some(PathBuf::from("a.txt"))
        );
        assert_eq!(
            r.relevant(Path::new("/x/.b.md")),
            Some(PathBuf::from("/x/.b.md"))
        );
        assert_eq!(r.relevant(Path::new("./c.txt")), None);
        assert_eq!(r.relevant(Path::new("/x/other.md")), None);
    }
}
