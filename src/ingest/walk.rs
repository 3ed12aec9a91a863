//! Lists the files under the paths given: sorted, hidden entries skipped,
//! symlinks followed once (a loop is reported, never walked), assets ignored.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{problem, sniff};
use crate::article::Problem;

/// The files to read, in order, and what went wrong finding them.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Problem>,
}

/// Walks each of `roots` in turn. A root that is a file is listed as it is
/// (even hidden or an asset: it was asked for by name).
pub fn find_files(roots: &[PathBuf]) -> Found {
    let mut w = Walker::default();
    for root in roots {
        match fs::metadata(root) {
            Ok(m) if m.is_dir() => w.dir(root),
            Ok(_) => w.file(root),
            Err(e) => w.found.problems.push(problem(root, io_message(&e))),
        }
    }
    w.found
}

#[derive(Default)]
struct Walker {
    found: Found,
    /// Canonical paths of files already listed (a file reached twice is read once).
    seen_files: HashSet<PathBuf>,
    /// Canonical paths of folders already walked.
    seen_dirs: HashSet<PathBuf>,
    /// Canonical paths of the folders being walked, outermost first.
    ancestors: Vec<PathBuf>,
}

impl Walker {
    fn file(&mut self, path: &Path) {
        let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.seen_files.insert(key) {
            self.found.files.push(path.to_path_buf());
        }
    }

    fn dir(&mut self, dir: &Path) {
        let canon = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if let Some(ancestor) = self.ancestors.iter().find(|a| **a == canon) {
            let message = format!("symlink loop back to {}, not followed", ancestor.display());
            self.found.problems.push(problem(dir, message));
            return;
        }
        if !self.seen_dirs.insert(canon.clone()) {
            return;
        }
        let entries = match sorted_entries(dir) {
            Ok(entries) => entries,
            Err(e) => {
                let message = format!("cannot read folder: {}", reason(&e));
                self.found.problems.push(problem(dir, message));
                return;
            }
        };
        self.ancestors.push(canon);
        for path in entries {
            self.entry(&path);
        }
        self.ancestors.pop();
    }

    fn entry(&mut self, path: &Path) {
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => self.dir(path),
            Ok(m) if m.is_file() => {
                if sniff::asset_extension(path).is_none() {
                    self.file(path);
                }
            }
            // Sockets, pipes, devices: not articles, and reading may block.
            Ok(_) => {}
            Err(e) => {
                let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
                let message = if link {
                    "broken symlink, skipped".to_string()
                } else {
                    io_message(&e)
                };
                self.found.problems.push(problem(path, message));
            }
        }
    }
}

/// The folder's visible entries, sorted by name.
fn sorted_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        if !sniff::is_hidden(&name) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names.into_iter().map(|n| dir.join(n)).collect())
}

/// "cannot read: …" for an I/O error on a file.
pub fn io_message(e: &io::Error) -> String {
    format!("cannot read: {}", reason(e))
}

/// A short lowercase reason for an I/O error, with what to do where useful.
pub fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied; check its permissions".into(),
        io::ErrorKind::NotFound => "no such file or folder".into(),
        _ => {
            let text = e.to_string();
            let text = match text.find(" (os error") {
                Some(i) => &text[..i],
                None => &text,
            };
            lowercase_first(text)
        }
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_reasons_are_short_and_lowercase() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(
            io_message(&denied),
            "cannot read: permission denied; check its permissions"
        );
        let missing = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(io_message(&missing), "cannot read: no such file or folder");
        let other = io::Error::from_raw_os_error(21);
        assert_eq!(reason(&other), "is a directory");
    }
}
