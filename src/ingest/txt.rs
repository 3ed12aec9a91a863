//! Reads raw scraped text: no metadata, so the cleaner infers the title, the
//! date is the file's modification time and the source its folder's name.

use super::{FileInfo, Loaded, build};
use crate::article::Meta;

/// One article from the whole text.
pub(super) fn load(info: &FileInfo, text: String) -> Loaded {
    let meta = Meta {
        source: info.folder.clone(),
        published: info.mtime,
        ..Meta::default()
    };
    let mut article = build(info.path, None, &text, meta);
    article.raw = text;
    Loaded {
        articles: vec![article],
        problems: vec![],
    }
}
