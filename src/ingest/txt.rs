//! Reads raw scraped text: no metadata, so the cleaner infers the title, the
//! date is the one printed near the top (a dateline or byline), else the
//! file's modification time, and the source is its folder's name.

use super::{FileInfo, Loaded, build, dateline};
use crate::article::Meta;

/// One article from the whole text.
pub(super) fn load(info: &FileInfo, text: &str) -> Loaded {
    if !info.take_slot() {
        return Loaded::default();
    }
    let meta = Meta {
        source: info.folder.clone(),
        published: dateline::find(text, info.mtime).or(info.mtime),
        ..Meta::default()
    };
    let mut article = build(info, None, text, meta);
    info.keep_raw(&mut article, text);
    Loaded {
        articles: vec![article],
        problems: vec![],
    }
}
