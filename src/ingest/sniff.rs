//! Decides what a file is: its format from the extension, whether it is a
//! non-article asset to ignore, and whether its bytes look binary; decodes text.

use std::borrow::Cow;
use std::path::Path;

/// How many leading bytes are looked at to tell text from binary.
const SNIFF_LEN: usize = 8 * 1024;

/// The formats we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Txt,
    Json,
    JsonLines,
    Markdown,
    /// No extension or one we don't know: read as text if it looks like text.
    Unknown,
}

/// Extensions of things that are never articles (yet), ignored in folders.
const ASSETS: &[&str] = &[
    // images
    "png", "jpg", "jpeg", "gif", "webp", "bmp", "svg", "ico", "tif", "tiff", "avif", "heic",
    // audio and video
    "mp3", "wav", "ogg", "oga", "flac", "m4a", "aac", "opus", "mp4", "m4v", "mkv", "webm", "mov",
    "avi", "wmv", // fonts
    "woff", "woff2", "ttf", "otf", "eot", // archives
    "zip", "gz", "tgz", "tar", "bz2", "xz", "7z", "rar", "zst", // documents and web assets
    "pdf", "css", "js", "mjs", "map", "html", "htm", "xhtml",
];

/// The extension's bytes, compared without case to the ASCII names below
/// (no lowercase copy made: what a lossy, lowercased one would match).
fn extension(path: &Path) -> Option<&[u8]> {
    super::names::extension(path)
}

fn is_one_of(ext: Option<&[u8]>, names: &[&'static str]) -> Option<&'static str> {
    let ext = ext?;
    names
        .iter()
        .copied()
        .find(|n| ext.eq_ignore_ascii_case(n.as_bytes()))
}

/// The format an extension names (case-insensitive).
fn format_of(ext: Option<&[u8]>) -> Format {
    let is = |names| is_one_of(ext, names).is_some();
    if is(&["txt", "text"]) {
        Format::Txt
    } else if is(&["json"]) {
        Format::Json
    } else if is(&["jsonl", "ndjson"]) {
        Format::JsonLines
    } else if is(&["md", "markdown"]) {
        Format::Markdown
    } else {
        Format::Unknown
    }
}

/// The lowercase extension when `path` is a known non-article asset.
pub fn asset_extension(path: &Path) -> Option<String> {
    classify(path).err().map(str::to_string)
}

/// The format of `path`, or `Err` with the lowercase extension of an
/// asset: both from one look at the extension. The formats come first:
/// most files are articles, and no format's extension is an asset's
/// (the long list of those is not looked through for them).
pub fn classify(path: &Path) -> Result<Format, &'static str> {
    let ext = extension(path);
    match format_of(ext) {
        Format::Unknown => match is_one_of(ext, ASSETS) {
            Some(asset) => Err(asset),
            None => Ok(Format::Unknown),
        },
        known => Ok(known),
    }
}

/// Whether a file or folder name is hidden (starts with a dot).
pub fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// True when the first 8 KB hold a NUL byte or more than 10% control bytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    // A count that takes only newlines for text (a few tests a byte, not
    // six) bounds the exact one: below the share, that is enough.
    let too_many = |n: usize| n * 10 > head.len();
    too_many(sum_per_chunk(head, rough_control)) && too_many(control_bytes(head))
}

/// 1 for a control byte other than a newline (an upper bound of the odd
/// ones [`control_bytes`] counts), else 0: in sums and differences, which the
/// compiler vectorizes (it does not with `&` of `!=` here).
fn rough_control(b: u8) -> u8 {
    u8::from(b < 0x20) - u8::from(b == b'\n') + u8::from(b == 0x7f)
}

/// The sum of `f` over `bytes`, 32 at a time in a byte, which the compiler
/// turns into vector operations.
fn sum_per_chunk(bytes: &[u8], f: impl Fn(u8) -> u8) -> usize {
    let mut chunks = bytes.chunks_exact(32);
    let mut n = 0;
    for chunk in &mut chunks {
        let in_chunk = chunk.iter().fold(0u8, |sum, &b| sum + f(b));
        n += usize::from(in_chunk);
    }
    n + chunks
        .remainder()
        .iter()
        .map(|&b| usize::from(f(b)))
        .sum::<usize>()
}

/// Control bytes that text files don't hold (tab, newlines, form feed and
/// escape do appear in text), one at a time, as the tests count them.
#[cfg(test)]
fn is_odd_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f
}

/// How many of `bytes` are odd control bytes: counted 32 at a time with
/// branch-free tests, which the compiler turns into vector compares.
fn control_bytes(bytes: &[u8]) -> usize {
    let odd = |b: u8| {
        let low = u8::from(b < 0x20)
            & u8::from(b != b'\t')
            & u8::from(b != b'\n')
            & u8::from(b != b'\r')
            & u8::from(b != 0x0c)
            & u8::from(b != 0x1b);
        low | u8::from(b == 0x7f)
    };
    sum_per_chunk(bytes, odd)
}

/// Text decoded from a file's bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded<'a> {
    Text {
        /// Borrowed from the bytes when they are valid UTF-8 already (the
        /// usual case: nothing is copied).
        text: Cow<'a, str>,
        /// Some bytes were not valid and were replaced.
        lossy: bool,
    },
    Binary,
}

/// Decodes UTF-8 (dropping a byte-order mark) or BOM-marked UTF-16; bytes
/// that look binary are not decoded. Valid UTF-8 is borrowed, so that a
/// buffer the file was read into can be read again for the next file.
///
/// Every byte read is checked here, so the check is `simdutf8`'s, which
/// takes 32 or 64 bytes a step where `std::str::from_utf8` takes 16 on
/// ASCII and one at a time past it: on /tmp/c3k (3,056 files) it went
/// from 13.3 M instructions to 4.6 M. It says valid or not exactly
/// as `std` does (the invalid case is decoded by `std`, lossily).
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some(text) = utf16(bytes) {
        return text;
    }
    if looks_binary(bytes) {
        return Decoded::Binary;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Decoded::Text {
            text: Cow::Borrowed(text),
            lossy: false,
        },
        Err(_) => Decoded::Text {
            text: Cow::Owned(String::from_utf8_lossy(bytes).into_owned()),
            lossy: true,
        },
    }
}

fn utf16(bytes: &[u8]) -> Option<Decoded<'static>> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let body = &bytes[2..];
    let units = body.chunks(2).map(|c| match (c, little) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    let mut lossy = body.len() % 2 == 1;
    let text = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    Some(Decoded::Text {
        text: Cow::Owned(text),
        lossy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(path: &Path) -> Format {
        format_of(extension(path))
    }

    /// What lets [`classify`] look at the formats first.
    #[test]
    fn no_format_extension_is_an_asset() {
        for ext in ["txt", "text", "json", "jsonl", "ndjson", "md", "markdown"] {
            assert!(!ASSETS.contains(&ext), "{ext}");
            assert_ne!(format_of(Some(ext.as_bytes())), Format::Unknown, "{ext}");
        }
    }

    #[test]
    fn formats_by_extension_any_case() {
        assert_eq!(format(Path::new("a/b.TXT")), Format::Txt);
        assert_eq!(format(Path::new("b.text")), Format::Txt);
        assert_eq!(format(Path::new("b.Json")), Format::Json);
        assert_eq!(format(Path::new("b.ndjson")), Format::JsonLines);
        assert_eq!(format(Path::new("b.JSONL")), Format::JsonLines);
        assert_eq!(format(Path::new("b.markdown")), Format::Markdown);
        assert_eq!(format(Path::new("README")), Format::Unknown);
        assert_eq!(format(Path::new("notes.org")), Format::Unknown);
    }

    #[test]
    fn assets() {
        assert_eq!(
            asset_extension(Path::new("x/photo.JPG")).as_deref(),
            Some("jpg")
        );
        assert_eq!(
            asset_extension(Path::new("page.html")).as_deref(),
            Some("html")
        );
        assert_eq!(asset_extension(Path::new("story.txt")), None);
        assert_eq!(asset_extension(Path::new("Makefile")), None);
        assert_eq!(classify(Path::new("x/photo.JPG")), Err("jpg"));
        assert_eq!(classify(Path::new("x/a.Md")), Ok(Format::Markdown));
        assert_eq!(classify(Path::new("x/a")), Ok(Format::Unknown));
    }

    /// As a lowercased, lossy copy of the extension compares.
    #[test]
    fn extensions_as_a_lowercase_copy_matches_them() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let names = [
            "a.txt",
            "a.TXT",
            "a.tXt",
            "a.txt2",
            "a.JSON",
            "a.jsonl",
            "a.NDJSON",
            "a.markdown",
            "a.mD",
            "a.PNG",
            "a.tar",
            "a.Html",
            ".txt",
            "a.",
            "a",
            "a.b.json",
            "a.jsön",
            "a.ｔｘｔ",
            "a/b.txt/",
            "a.txt/..",
        ];
        let mut paths: Vec<&Path> = names.iter().map(Path::new).collect();
        let odd = OsStr::from_bytes(b"a.tx\xfft");
        paths.push(Path::new(odd));
        for path in paths {
            let lower = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            let want_format = match lower.as_deref() {
                Some("txt" | "text") => Format::Txt,
                Some("json") => Format::Json,
                Some("jsonl" | "ndjson") => Format::JsonLines,
                Some("md" | "markdown") => Format::Markdown,
                _ => Format::Unknown,
            };
            let want_asset = lower.filter(|e| ASSETS.contains(&e.as_str()));
            assert_eq!(format(path), want_format, "{path:?}");
            assert_eq!(asset_extension(path), want_asset, "{path:?}");
            let want_class = match want_asset.as_deref() {
                Some(asset) => Err(asset),
                None => Ok(want_format),
            };
            assert_eq!(classify(path), want_class, "{path:?}");
        }
    }

    #[test]
    fn binary_sniffing() {
        assert!(looks_binary(b"abc\0def"));
        assert!(looks_binary(&[1, 2, 3, 4, b'a', b'b']));
        assert!(!looks_binary("Hello,\tworld.\r\nÜber café\x0c".as_bytes()));
        assert!(!looks_binary(b""));
        // Past the rough count (tabs and returns are many), the exact one.
        assert!(!looks_binary(b"a\tb\r\nc\td\r\n"));
        assert!(looks_binary(b"a\x01b\x02c\x03d\r\n"));
        // A NUL past the first 8 KB is not looked at.
        let mut late = vec![b'a'; SNIFF_LEN];
        late.push(0);
        assert!(!looks_binary(&late));
    }

    #[test]
    fn control_bytes_are_counted_like_one_at_a_time() {
        // Every byte value, in runs that end inside and at chunk edges.
        let all: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        for len in [0, 1, 31, 32, 33, 64, 255, 256, 1000] {
            let bytes = &all[..len];
            let want = bytes.iter().filter(|&&b| is_odd_control(b)).count();
            assert_eq!(control_bytes(bytes), want, "{len}");
        }
        assert_eq!(control_bytes(&[1; 64]), 64);
        for len in [0, 1, 31, 32, 33, 64, 255, 256, 1000] {
            let bytes = &all[..len];
            let rough = sum_per_chunk(bytes, rough_control);
            assert!(rough >= control_bytes(bytes), "{len}");
            let want = bytes.iter().filter(|&&b| rough_control(b) == 1).count();
            assert_eq!(rough, want, "{len}");
        }
        assert_eq!(control_bytes(b"\t\n\r\x0c\x1b text"), 0);
    }

    #[test]
    fn decodes_utf8_bom_and_invalid_bytes() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFhi"),
            Decoded::Text {
                text: "hi".into(),
                lossy: false
            }
        );
        assert_eq!(
            decode(b"caf\xE9"),
            Decoded::Text {
                text: "caf\u{FFFD}".into(),
                lossy: true
            }
        );
        assert_eq!(decode(b"\0\x01\x02"), Decoded::Binary);
    }

    /// [`decode`] of UTF-8 text as `std` checks it.
    fn decode_by_std(bytes: &[u8]) -> (String, bool) {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), false),
            Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
        }
    }

    proptest::proptest! {
        /// Text of any length (the check takes 64 bytes a step, then the
        /// rest), mostly valid, with one byte set anywhere: valid or not,
        /// and decoded, as `std` says.
        #[test]
        fn utf8_checked_as_std_checks_it(
            text in "[ a-z\n.,é’€😀\u{a0}]{0,200}",
            at in 0usize..400,
            byte in proptest::prelude::any::<u8>(),
            set in proptest::prelude::any::<bool>(),
        ) {
            let mut bytes = text.into_bytes();
            if set && !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
            if utf16(&bytes).is_none() && !looks_binary(&bytes) {
                let (want, lossy_want) = decode_by_std(&bytes);
                let Decoded::Text { text, lossy } = decode(&bytes) else {
                    panic!("not binary: {bytes:?}");
                };
                proptest::prop_assert_eq!((text.as_ref(), lossy), (want.as_str(), lossy_want));
            }
        }
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Héllo".encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend("Héllo".encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [le, be] {
            assert_eq!(
                decode(&bytes),
                Decoded::Text {
                    text: "Héllo".into(),
                    lossy: false
                }
            );
        }
    }
}
