//! Walking folders when loading: sorted order, hidden files and folders
//! skipped, problems sorted by path, symlinks followed once and loops ended.

mod ingest_common;

use std::path::PathBuf;

use byline::ingest;
use ingest_common::{STORY, article_names, file_names, noise, write};
use tempfile::TempDir;

#[test]
fn walk_is_sorted_and_skips_hidden_files_and_folders() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("root");
    write(&root, "b.txt", "B\n\nb");
    write(&root, "a/z.txt", "AZ\n\nx");
    write(&root, "a/m.txt", "AM\n\nx");
    write(&root, "c.md", "# C\n\nc");
    write(&root, ".hidden.txt", "Hidden\n\nx");
    write(&root, ".git/HEAD", "ref: refs/heads/main");
    write(&root, ".cache/a.json", "{\"title\": \"Hidden\"}");
    write(&root, "a/.DS_Store", noise(64, 9));

    let loaded = ingest::load_paths(std::slice::from_ref(&root));
    assert_eq!(loaded.problems, vec![]);
    let paths: Vec<_> = loaded
        .articles
        .iter()
        .map(|a| a.path.strip_prefix(&root).unwrap().to_path_buf())
        .collect();
    let want: Vec<PathBuf> = ["a/m.txt", "a/z.txt", "b.txt", "c.md"]
        .iter()
        .map(PathBuf::from)
        .collect();
    assert_eq!(paths, want);
    // A hidden file named on its own is read.
    let named = ingest::load_paths(&[root.join(".hidden.txt")]);
    assert_eq!(named.articles.len(), 1);
}

#[test]
fn problems_are_sorted_by_path() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "z.txt", "");
    write(dir.path(), "a/y.json", "5");
    write(dir.path(), "m.bin", noise(100, 5));
    // Found while walking, before any file is read: still sorted in place.
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("zz-dangling")).unwrap();
    let loaded = ingest::load_paths(&[dir.path().to_path_buf()]);
    let mut sorted = loaded.problems.clone();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(loaded.problems, sorted);
    let mut want = vec!["y.json", "m.bin", "z.txt"];
    if cfg!(unix) {
        want.push("zz-dangling");
    }
    assert_eq!(file_names(&loaded.problems), want);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_once_and_walking_ends() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("root");
    write(&root, "a/story.txt", STORY);
    symlink(&root, root.join("a/back-to-root")).unwrap();
    symlink(root.join("a"), root.join("a/self")).unwrap();

    let loaded = ingest::load_paths(&[root]);
    assert_eq!(loaded.articles.len(), 1);
    assert_eq!(file_names(&loaded.problems), ["back-to-root", "self"]);
    for p in &loaded.problems {
        assert!(p.message.starts_with("symlink loop back to "), "{p}");
        assert!(p.message.ends_with(", not followed"), "{p}");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_and_each_file_read_once() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    write(&elsewhere, "far.txt", "Far away\n\nx");
    let root = dir.path().join("root");
    write(&root, "near.txt", "Near\n\nx");
    symlink(&elsewhere, root.join("linked")).unwrap();
    symlink(root.join("near.txt"), root.join("near-again.txt")).unwrap();
    symlink(root.join("missing.txt"), root.join("dangling.txt")).unwrap();

    let loaded = ingest::load_paths(&[root]);
    assert_eq!(article_names(&loaded), ["far.txt", "near-again.txt"]);
    assert_eq!(file_names(&loaded.problems), ["dangling.txt"]);
    assert_eq!(loaded.problems[0].message, "broken symlink, skipped");
}
