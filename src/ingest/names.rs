//! The names in a path that loading looks at: a file's name and extension
//! (hidden? which format?) and the folder it is filed under (the source of
//! loose text). On Unix they are found in the path's bytes, from its end,
//! as `Path::file_name`, `Path::extension` and `Path::components` find
//! them: those parse the path component by component, and took about 600
//! instructions a call (`extension`, twice a file) and 1,700 (the folder)
//! on /tmp/c3k's paths, 0.75% of a first `byline list`, for a few bytes'
//! search. Found in the bytes, telling the format takes 0.7 M instructions
//! there instead of 2.2 M, and the folders 3.0 M instead of 5.2 M.
//! Elsewhere (other separators, prefixes) `Path`'s own are used.

use std::ffi::OsStr;
use std::path::Path;

/// The file name, as `Path::file_name` gives it.
pub(super) fn file_name(path: &Path) -> Option<&OsStr> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        last_name(path.as_os_str().as_bytes()).map(OsStr::from_bytes)
    }
    #[cfg(not(unix))]
    {
        path.file_name()
    }
}

/// The extension's bytes, as `Path::extension` gives them: after the file
/// name's last dot, if that dot does not open the name.
pub(super) fn extension(path: &Path) -> Option<&[u8]> {
    let name = file_name(path)?.as_encoded_bytes();
    let dot = memchr::memrchr(b'.', name)?;
    (dot > 0).then(|| &name[dot + 1..])
}

/// The name of the nearest enclosing folder that is not a date or number
/// (`news/harbor-gazette/2026-11/x.txt` → `harbor-gazette`): collections are
/// often filed by source, then by year or month.
pub(super) fn folder_name(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let folders = folders(path.as_os_str().as_bytes());
        let names = folders.map(String::from_utf8_lossy);
        names
            .into_iter()
            .find(|n| !is_date_like(n))
            .map(|n| n.into_owned())
    }
    #[cfg(not(unix))]
    {
        folder_by_components(path)
    }
}

/// [`folder_name`] as `Path` finds it, component by component: the
/// folders are the path's components before its last, nearest first.
/// Used where paths are not plain bytes, and as the tests' reference.
#[cfg(any(not(unix), test))]
fn folder_by_components(path: &Path) -> Option<String> {
    path.components()
        .rev()
        .skip(1)
        .filter_map(|c| match c {
            std::path::Component::Normal(name) => Some(name),
            _ => None,
        })
        .map(|n| n.to_string_lossy())
        .find(|n| !is_date_like(n))
        .map(|n| n.into_owned())
}

/// True for folder names made only of digits and separators: `2026`, `2026-11`, `11_24`.
fn is_date_like(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_digit())
        && name
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.'))
}

/// The last component of a Unix path when it is a name: what is left after
/// the trailing separators and `.` components `Path::components` skips
/// (`a/b/./` ends in `b`), unless that is `.`, `..` or the root.
#[cfg(unix)]
fn last_name(mut bytes: &[u8]) -> Option<&[u8]> {
    while let [rest @ .., b'/'] | [rest @ .., b'/', b'.'] = bytes {
        bytes = rest;
    }
    let name = match memchr::memrchr(b'/', bytes) {
        Some(slash) => &bytes[slash + 1..],
        None => bytes,
    };
    (!matches!(name, b"" | b"." | b"..")).then_some(name)
}

/// The names of the folders a Unix path's last component is in, nearest
/// first, as `Path::components` gives them: empty and `.` components are
/// not components, and `..` is not a name.
#[cfg(unix)]
fn folders(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    // What `rsplit` at each `/` gives, the separators found a vector at a
    // time rather than a byte at a time.
    let mut end = bytes.len();
    let slashes = memchr::memrchr_iter(b'/', bytes).map(Some).chain([None]);
    let parts = slashes.map(move |slash| {
        let start = slash.map_or(0, |s| s + 1);
        let part = bytes.get(start..end).unwrap_or_default();
        end = slash.unwrap_or(0);
        part
    });
    let components = parts.filter(|p| !matches!(*p, b"" | b"."));
    components.skip(1).filter(|p| *p != b"..")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn source_folder_skips_year_and_month_folders() {
        let p = Path::new("news/harbor-gazette/2026/11-24/story.txt");
        assert_eq!(folder_name(p).as_deref(), Some("harbor-gazette"));
        let p = Path::new("news/2026-edition/story.txt");
        assert_eq!(folder_name(p).as_deref(), Some("2026-edition"));
        assert_eq!(folder_name(Path::new("story.txt")), None);
    }

    #[test]
    fn names_as_path_finds_them() {
        let by_ancestors = |path: &Path| {
            path.ancestors()
                .skip(1)
                .filter_map(Path::file_name)
                .map(|n| n.to_string_lossy())
                .find(|n| !is_date_like(n))
                .map(|n| n.into_owned())
        };
        for p in [
            "",
            "/",
            "//",
            ".",
            "..",
            "...",
            "./",
            "/.",
            "a",
            "/a",
            "a/",
            "a/b",
            "a/b/",
            "a//b",
            "./a/b",
            "a/./b",
            "a/b/.",
            "a/b/./",
            "a/b/..",
            "../a",
            "a/../b",
            ".a",
            "a.",
            "a.b.c",
            "..b",
            "a/.b",
            "a/.b.txt",
            "/2026/11/x.txt",
            "/x/2026/./11/x.txt",
            "news/2026/..",
            "/tmp/c100k/harbor/2024-09/export.json",
        ] {
            let path = Path::new(p);
            assert_eq!(folder_name(path), by_ancestors(path), "{p}");
            assert_eq!(folder_name(path), folder_by_components(path), "{p}");
            assert_eq!(file_name(path), path.file_name(), "{p}");
            let ext = path.extension().map(OsStr::as_encoded_bytes);
            assert_eq!(extension(path), ext, "{p}");
        }
    }

    proptest! {
        /// Any path of names, dots, separators and digits.
        #[test]
        fn names_of_any_path_as_path_finds_them(p in "[a./1-]{0,14}") {
            let path = Path::new(&p);
            prop_assert_eq!(folder_name(path), folder_by_components(path));
            prop_assert_eq!(file_name(path), path.file_name());
            prop_assert_eq!(extension(path), path.extension().map(OsStr::as_encoded_bytes));
        }
    }
}
