//! Lists the files under the paths given: sorted, hidden entries skipped,
//! symlinks followed once (a loop is reported, never walked), assets ignored.
//!
//! Each file comes with its [`Stamp`] (size and modification time), which
//! the cache compares to know the file unchanged, when it is asked for
//! ([`find_stamped`]): that is one look-up of the file's inode per file,
//! which a walk for the files alone ([`find_unstamped`]) spares, the
//! folder entry telling already a plain file from the rest. Folders are read on every
//! core into a tree, then the tree is flattened in order, dropping a file or
//! folder reached a second time (through a symlink or a repeated root), so
//! the result is the same as walking one entry at a time.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::{names, problem, sniff};
use crate::article::Problem;
use crate::cache::Stamp;

/// The files to read, in order, and what went wrong finding them.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Problem>,
}

/// [`Found`] with each file's [`Stamp`], taken when it was listed.
#[derive(Debug, Default)]
pub struct Stamped {
    pub files: Vec<(PathBuf, Stamp)>,
    pub problems: Vec<Problem>,
}

/// Walks each of `roots` in turn. A root that is a file is listed as it is
/// (even hidden or an asset: it was asked for by name).
pub fn find_files(roots: &[PathBuf]) -> Found {
    let stamped = find_unstamped(roots);
    Found {
        files: stamped.files.into_iter().map(|(path, _)| path).collect(),
        problems: stamped.problems,
    }
}

/// [`find_files`], with the size and modification time of each file.
pub fn find_stamped(roots: &[PathBuf]) -> Stamped {
    walk(roots, true)
}

/// [`find_stamped`] without looking at the files themselves: a file
/// reached through no symlink has [`Stamp::UNKNOWN`] (whoever reads it
/// takes its stamp from the open file), and one that cannot be looked up
/// is listed all the same (reading it reports why it cannot be read).
pub fn find_unstamped(roots: &[PathBuf]) -> Stamped {
    walk(roots, false)
}

/// What a walk shares between its folders.
struct Walk {
    /// Set when a symlink is met.
    links: AtomicBool,
    /// Whether plain files are looked up for their stamps.
    stamps: bool,
}

fn walk(roots: &[PathBuf], stamps: bool) -> Stamped {
    let walk = Walk {
        links: AtomicBool::new(false),
        stamps,
    };
    let nodes: Vec<Node> = roots
        .par_iter()
        .map(|root| visit_root(root, &walk))
        .collect();
    // Without symlinks, one root's walk reaches each file once: no need to
    // build and compare its canonical path.
    let mut flat = Flattener {
        dedup: roots.len() > 1 || walk.links.into_inner(),
        ..Flattener::default()
    };
    for node in nodes {
        flat.node(node, None);
    }
    flat.out
}

/// What walking found at one path, before duplicates are dropped.
enum Node {
    File {
        path: PathBuf,
        /// Its canonical path, when not its folder's plus its name: the same
        /// file reached twice is listed once.
        key: Option<PathBuf>,
        stamp: Stamp,
    },
    Dir {
        /// Its canonical path: the same folder reached twice is walked once.
        key: PathBuf,
        children: Vec<Node>,
    },
    Problem(Problem),
    /// Not an article (an asset, a socket, a pipe): left out silently.
    Skip,
}

fn visit_root(root: &Path, walk: &Walk) -> Node {
    match fs::metadata(root) {
        Ok(m) if m.is_dir() => {
            let key = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            visit_dir(root, key, &[], walk)
        }
        Ok(m) => Node::File {
            path: root.to_path_buf(),
            key: Some(fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())),
            stamp: Stamp::of(&m),
        },
        Err(e) => Node::Problem(problem(root, io_message(&e))),
    }
}

/// Walks the folder `dir`, whose canonical path is `key`, inside the folders
/// `ancestors` (canonical paths, outermost first).
fn visit_dir(dir: &Path, key: PathBuf, ancestors: &[&Path], walk: &Walk) -> Node {
    if let Some(ancestor) = ancestors.iter().find(|a| **a == key) {
        let message = format!("symlink loop back to {}, not followed", ancestor.display());
        return Node::Problem(problem(dir, message));
    }
    let entries = match sorted_entries(dir) {
        Ok(entries) => entries,
        Err(e) => {
            // A folder that cannot even be looked up (its parent is not
            // searchable) is reported as a file would be.
            if let Err(e) = fs::metadata(dir) {
                return Node::Problem(problem(dir, io_message(&e)));
            }
            let message = format!("cannot read folder: {}", reason(&e));
            return Node::Problem(problem(dir, message));
        }
    };
    let mut inside = ancestors.to_vec();
    inside.push(&key);
    let children = entries
        .into_par_iter()
        .map(|entry| visit_entry(&key, entry, &inside, walk))
        .collect();
    Node::Dir { key, children }
}

/// One entry of the folder of canonical path `dir_key`.
fn visit_entry(dir_key: &Path, item: DirItem, ancestors: &[&Path], walk: &Walk) -> Node {
    let path = item.path;
    let name = names::file_name(&path).unwrap_or_default();
    // Not a symlink: its canonical path is its folder's plus its name, and
    // its metadata comes from the folder entry (no lookup of the whole path).
    let (meta, linked) = match item.kind {
        Kind::Dir => return visit_dir(&path, dir_key.join(name), ancestors, walk),
        Kind::File if sniff::asset_extension(&path).is_some() => return Node::Skip,
        Kind::File if !walk.stamps => {
            return Node::File {
                path,
                key: None,
                stamp: Stamp::UNKNOWN,
            };
        }
        Kind::File => (item.entry.metadata(), false),
        // Sockets, pipes, devices: not articles, and reading may block.
        Kind::Special => return Node::Skip,
        Kind::Other => {
            walk.links.store(true, Ordering::Relaxed);
            (fs::metadata(&path), true)
        }
    };
    let key = |path: &Path| {
        if linked {
            Some(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
        } else {
            None
        }
    };
    match meta {
        Ok(m) if m.is_dir() => {
            let key = key(&path).unwrap_or_else(|| dir_key.join(name));
            visit_dir(&path, key, ancestors, walk)
        }
        Ok(m) if m.is_file() => {
            if sniff::asset_extension(&path).is_some() {
                return Node::Skip;
            }
            Node::File {
                key: key(&path),
                path,
                stamp: Stamp::of(&m),
            }
        }
        // Sockets, pipes, devices: not articles, and reading may block.
        Ok(_) => Node::Skip,
        Err(e) => {
            let link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
            let message = if link {
                "broken symlink, skipped".to_string()
            } else {
                io_message(&e)
            };
            Node::Problem(problem(&path, message))
        }
    }
}

/// Drops what was reached before, in the walk's order, and lists the rest.
#[derive(Default)]
struct Flattener {
    out: Stamped,
    /// Whether a file or folder may be reached twice.
    dedup: bool,
    seen_files: HashSet<PathBuf>,
    seen_dirs: HashSet<PathBuf>,
}

impl Flattener {
    /// Takes in `node`, found in the folder of canonical path `dir_key`.
    fn node(&mut self, node: Node, dir_key: Option<&Path>) {
        match node {
            Node::File { path, key, stamp } => {
                if self.dedup {
                    let key = key.unwrap_or_else(|| match (dir_key, path.file_name()) {
                        (Some(dir), Some(name)) => dir.join(name),
                        _ => path.clone(),
                    });
                    if !self.seen_files.insert(key) {
                        return;
                    }
                }
                self.out.files.push((path, stamp));
            }
            Node::Dir { key, children } => {
                if self.dedup && !self.seen_dirs.insert(key.clone()) {
                    return;
                }
                for child in children {
                    self.node(child, Some(&key));
                }
            }
            Node::Problem(p) => self.out.problems.push(p),
            Node::Skip => {}
        }
    }
}

struct DirItem {
    /// Its folder's path joined with its name.
    path: PathBuf,
    entry: fs::DirEntry,
    kind: Kind,
}

enum Kind {
    /// A folder, not through a symlink.
    Dir,
    /// A plain file, not through a symlink.
    File,
    /// Anything else that is not a symlink: a socket, a pipe, a device.
    Special,
    /// A symlink, or an entry whose type could not be read: looked up by path.
    Other,
}

/// The folder's visible entries, sorted by name.
fn sorted_entries(dir: &Path) -> io::Result<Vec<DirItem>> {
    let mut items = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if names::file_name(&path).is_none_or(sniff::is_hidden) {
            continue;
        }
        let kind = match entry.file_type() {
            Ok(t) if t.is_dir() => Kind::Dir,
            Ok(t) if t.is_file() => Kind::File,
            Ok(t) if !t.is_symlink() => Kind::Special,
            _ => Kind::Other,
        };
        items.push(DirItem { path, entry, kind });
    }
    // All start with the folder's path: in the order of their names.
    items.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    Ok(items)
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

/// The first (up to) `n` files a walk of `roots` would list, found by
/// going down the first folders only: a handful of folder reads, so the
/// first headlines can be read before the whole walk is over. Symlinks
/// and unreadable folders are passed over (the full walk reports them).
pub fn peek(roots: &[PathBuf], n: usize) -> Vec<PathBuf> {
    fn down(dir: &Path, n: usize, out: &mut Vec<PathBuf>) {
        let Ok(items) = sorted_entries(dir) else {
            return;
        };
        for item in items {
            if out.len() >= n {
                return;
            }
            match item.kind {
                Kind::Dir => down(&item.path, n, out),
                Kind::File if sniff::asset_extension(&item.path).is_none() => out.push(item.path),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for root in roots {
        match fs::symlink_metadata(root) {
            Ok(m) if m.is_dir() => down(root, n, &mut out),
            Ok(m) if m.is_file() && out.len() < n => out.push(root.clone()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk one entry at a time, as it was before folders were read on
    /// every core: what `find_stamped` must still list.
    #[derive(Default)]
    struct Reference {
        found: Found,
        seen_files: HashSet<PathBuf>,
        seen_dirs: HashSet<PathBuf>,
        ancestors: Vec<PathBuf>,
    }

    impl Reference {
        fn walk(roots: &[PathBuf]) -> Found {
            let mut w = Reference::default();
            for root in roots {
                match fs::metadata(root) {
                    Ok(m) if m.is_dir() => w.dir(root),
                    Ok(_) => w.file(root),
                    Err(e) => w.found.problems.push(problem(root, io_message(&e))),
                }
            }
            w.found
        }

        fn file(&mut self, path: &Path) {
            let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            if self.seen_files.insert(key) {
                self.found.files.push(path.to_path_buf());
            }
        }

        fn dir(&mut self, dir: &Path) {
            let canon = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            if let Some(a) = self.ancestors.iter().find(|a| **a == canon) {
                let message = format!("symlink loop back to {}, not followed", a.display());
                self.found.problems.push(problem(dir, message));
                return;
            }
            if !self.seen_dirs.insert(canon.clone()) {
                return;
            }
            let mut names: Vec<_> = fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .filter(|n| !sniff::is_hidden(n))
                .collect();
            names.sort();
            self.ancestors.push(canon);
            for name in names {
                let path = dir.join(name);
                match fs::metadata(&path) {
                    Ok(m) if m.is_dir() => self.dir(&path),
                    Ok(m) if m.is_file() && sniff::asset_extension(&path).is_none() => {
                        self.file(&path)
                    }
                    Ok(_) => {}
                    Err(_) => {
                        let message = "broken symlink, skipped";
                        self.found.problems.push(problem(&path, message));
                    }
                }
            }
            self.ancestors.pop();
        }
    }

    fn write(root: &Path, rel: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, rel).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn walks_like_one_entry_at_a_time_through_symlinks_and_repeated_roots() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path().join("root");
        let far = dir.path().join("far");
        for rel in [
            "a/1.txt",
            "a/2.md",
            "a/b/3.json",
            "c.txt",
            ".h/x.txt",
            "d/pic.png",
        ] {
            write(&root, rel);
        }
        for rel in ["f.txt", "g/h.txt"] {
            write(&far, rel);
        }
        symlink(&far, root.join("a/0-far")).unwrap();
        symlink(&far, root.join("z-far-again")).unwrap();
        symlink(root.join("c.txt"), root.join("b-c-again.txt")).unwrap();
        symlink(&root, root.join("a/b/up")).unwrap();
        symlink(root.join("a/b"), root.join("a/b/self")).unwrap();
        symlink(root.join("nothing"), root.join("e-dangling")).unwrap();
        symlink(root.join("a"), far.join("g/back-into-a")).unwrap();

        let cases = [
            vec![root.clone()],
            vec![far.clone()],
            vec![root.clone(), far.clone()],
            vec![far.clone(), root.clone()],
            vec![root.join("a"), root.clone()],
            vec![root.clone(), root.join("a/b")],
            vec![root.join("c.txt"), root.clone(), root.join("c.txt")],
            vec![root.join("a/b/up/c.txt"), dir.path().join("missing")],
        ];
        for roots in cases {
            let want = Reference::walk(&roots);
            let got = find_stamped(&roots);
            let files: Vec<PathBuf> = got.files.iter().map(|(p, _)| p.clone()).collect();
            assert_eq!(files, want.files, "{roots:?}");
            assert_eq!(got.problems, want.problems, "{roots:?}");
            assert!(!files.is_empty(), "{roots:?}");
            for (path, stamp) in &got.files {
                assert_eq!(*stamp, Stamp::of(&fs::metadata(path).unwrap()));
            }
            // Without stamps: the same files, those reached through a
            // symlink (looked up to follow it) with their stamps.
            let bare = find_unstamped(&roots);
            assert_eq!(bare.problems, want.problems, "{roots:?}");
            assert_eq!(bare.files.len(), got.files.len(), "{roots:?}");
            for ((path, stamp), (want_path, want_stamp)) in bare.files.iter().zip(&got.files) {
                assert_eq!(path, want_path);
                assert!(*stamp == Stamp::UNKNOWN || stamp == want_stamp, "{path:?}");
            }
        }
        // The sample of cases above meets loops and duplicates.
        let all = find_files(std::slice::from_ref(&root));
        assert!(
            all.problems
                .iter()
                .any(|p| p.message.starts_with("symlink loop"))
        );
        let names: Vec<_> = all.files.iter().filter(|p| p.ends_with("c.txt")).collect();
        assert_eq!(
            names.len(),
            0,
            "c.txt is listed once, as b-c-again.txt: {names:?}"
        );
        assert!(all.files.contains(&root.join("b-c-again.txt")));
    }

    #[test]
    fn walks_like_one_entry_at_a_time_without_symlinks() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path().join("r");
        for i in 0..40 {
            write(&root, &format!("s{}/{}/{i:03}.txt", i % 3, i % 7));
        }
        write(&root, "Z.txt");
        write(&root, "s1/.hidden/x.txt");
        let roots = [root.clone()];
        let got = find_stamped(&roots);
        let files: Vec<PathBuf> = got.files.into_iter().map(|(p, _)| p).collect();
        assert_eq!(files, Reference::walk(&roots).files);
        assert_eq!(files.len(), 41);
        assert_eq!(
            files[0],
            root.join("Z.txt"),
            "sorted by byte, upper case first"
        );
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_left_out_by_every_walk_and_the_peek() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path().join("r");
        write(&root, "a.txt");
        write(&root, "c.txt");
        // A socket: reading it would fail, and a pipe's read would block.
        let _socket = std::os::unix::net::UnixListener::bind(root.join("b.txt")).unwrap();
        let roots = [root.clone()];
        let want = [root.join("a.txt"), root.join("c.txt")];
        let stamped = find_stamped(&roots);
        let bare = find_unstamped(&roots);
        for found in [&stamped, &bare] {
            let files: Vec<&PathBuf> = found.files.iter().map(|(p, _)| p).collect();
            assert_eq!(files, [&want[0], &want[1]]);
            assert!(found.problems.is_empty());
        }
        assert!(bare.files.iter().all(|(_, s)| *s == Stamp::UNKNOWN));
        assert!(stamped.files.iter().all(|(_, s)| *s != Stamp::UNKNOWN));
        assert_eq!(peek(&roots, 10), want);
    }

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
