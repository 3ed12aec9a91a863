//! The lazy wrap against the eager one: what is on screen after opening,
//! paging, G, moving up across unwrapped paragraphs, a huge paragraph,
//! unbroken words, the raw view and a resize.

use super::cache::EAGER;
use super::doc::CHUNK_ABOVE;
use super::*;
use crate::article::{ArticleId, Meta};
use crate::clean::{Reason, Removed};
use crate::sanitize::sanitize_line;

const ROWS: usize = 20;

fn article(paragraphs: Vec<String>) -> Article {
    Article {
        id: ArticleId::from_content("Title", &paragraphs),
        path: "/news/a.txt".into(),
        title: "A long article".into(),
        meta: Meta {
            source: Some("Gazette".into()),
            ..Meta::default()
        },
        raw: paragraphs.join("\n\n"),
        paragraphs,
        removed: vec![],
    }
}

/// Deterministic prose: words of 1 to 12 letters, some sentences.
fn prose(seed: u64, bytes: usize) -> String {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut s = String::new();
    while s.len() < bytes {
        let len = 1 + next() % 12;
        s.extend((0..len).map(|k| (b'a' + ((next() + k) % 26) as u8) as char));
        s.push_str(if next() % 9 == 0 { ". " } else { " " });
    }
    s.trim_end().to_string()
}

/// Many paragraphs, more than is wrapped eagerly.
fn long_article() -> Article {
    let paragraphs: Vec<String> = (0..600)
        .map(|i| prose(i, 300 + (i as usize * 37) % 900))
        .collect();
    let a = article(paragraphs);
    assert!(a.paragraphs.iter().map(String::len).sum::<usize>() > EAGER);
    a
}

fn cache(article: &Article, width: u16, raw: bool) -> ReaderCache {
    let mut cache = ReaderCache::default();
    cache.refresh(Some((0, width, raw)), Some(article), None);
    cache
}

fn screen(cache: &ReaderCache, top: usize) -> Vec<ReaderLine> {
    let lines: Vec<_> = cache
        .lines_from(top)
        .take(ROWS)
        .map(|(_, l)| l.clone())
        .collect();
    let numbers: Vec<_> = cache.lines_from(top).take(ROWS).map(|(i, _)| i).collect();
    assert_eq!(numbers, (top..top + lines.len()).collect::<Vec<_>>());
    lines
}

/// The reader's lines as the eager wrap (before it was lazy) had them, for
/// the clean view: written out again independently of the blocks.
fn eager(article: &Article, width: usize) -> Vec<ReaderLine> {
    let wrap = |kind, text: &str| -> Vec<ReaderLine> {
        let options = textwrap::Options::new(width).break_words(true);
        textwrap::wrap(text, options)
            .into_iter()
            .map(|l| ReaderLine::new(kind, l.into_owned()))
            .collect()
    };
    let mut out = wrap(LineKind::Title, &sanitize_line(&article.title));
    out.extend(wrap(LineKind::Meta, &meta_line(article)));
    out.push(ReaderLine::blank());
    for (i, p) in article.paragraphs.iter().enumerate() {
        if i > 0 {
            out.push(ReaderLine::blank());
        }
        out.extend(wrap(LineKind::Body, &sanitize_line(p)));
    }
    out
}

/// Where `window` starts in `lines`.
fn find(lines: &[ReaderLine], window: &[ReaderLine]) -> usize {
    let starts: Vec<_> = (0..=lines.len() - window.len())
        .filter(|&i| lines[i..i + window.len()] == *window)
        .collect();
    assert_eq!(starts.len(), 1, "found at {starts:?}");
    starts[0]
}

#[test]
fn a_normal_article_is_wrapped_whole_as_before() {
    let a = article((0..8).map(|i| prose(i, 700)).collect());
    let cache = cache(&a, 60, false);
    assert!(cache.is_exact());
    let all = eager(&a, 60);
    assert_eq!(cache.len(), all.len());
    assert_eq!(cache.all_lines(None), all);
    assert_eq!(reader_lines(&a, 60, false, None), all);
}

#[test]
fn a_long_article_wraps_only_its_first_screen_when_opened() {
    let a = long_article();
    let all = eager(&a, 60);
    let mut cache = cache(&a, 60, false);
    assert!(!cache.is_exact());
    assert_eq!(cache.settle(Some(&a), 0, ROWS), 0);
    assert!(cache.wrapped_blocks() < 20, "{}", cache.wrapped_blocks());
    assert_eq!(screen(&cache, 0), all[..ROWS]);
    // Every line, wrapped on demand, is the eager wrap's.
    assert_eq!(cache.all_lines(Some(&a)), all);
}

#[test]
fn g_shows_the_exact_last_lines() {
    let a = long_article();
    let all = eager(&a, 60);
    let mut cache = cache(&a, 60, false);
    cache.settle(Some(&a), 0, ROWS);
    let top = cache.to_end(Some(&a), ROWS);
    assert_eq!(top, cache.len() - ROWS);
    assert_eq!(screen(&cache, top), all[all.len() - ROWS..]);
    assert!(cache.wrapped_blocks() < 30, "{}", cache.wrapped_blocks());
    // Asking for further down stays at the end.
    assert_eq!(cache.settle(Some(&a), top + 5, ROWS), top);
    assert_eq!(cache.scroll_by(Some(&a), top, 3, ROWS), top);
}

#[test]
fn paging_down_from_the_top_shows_the_eager_lines() {
    let a = long_article();
    let all = eager(&a, 60);
    let mut cache = cache(&a, 60, false);
    let mut top = cache.settle(Some(&a), 0, ROWS);
    for _ in 0..60 {
        top = cache.scroll_by(Some(&a), top, ROWS as isize - 2, ROWS);
        assert_eq!(screen(&cache, top), all[top..top + ROWS]);
    }
    top = cache.scroll_by(Some(&a), top, -7, ROWS);
    assert_eq!(screen(&cache, top), all[top..top + ROWS]);
}

#[test]
fn moving_up_from_the_end_is_exact_across_unwrapped_paragraphs() {
    let a = long_article();
    let all = eager(&a, 60);
    let mut cache = cache(&a, 60, false);
    let mut top = cache.to_end(Some(&a), ROWS);
    // Lines below the top are all wrapped: the distance to the end is exact.
    let mut expected = all.len() - ROWS;
    for step in [1, 1, 3, 18, 18, 1, 10, 18, 18, 18, 2, 18, 18] {
        top = cache.scroll_by(Some(&a), top, -step, ROWS);
        expected -= step as usize;
        assert_eq!(cache.len() - top, all.len() - expected);
        assert_eq!(screen(&cache, top), all[expected..expected + ROWS]);
    }
    for _ in 0..150 {
        top = cache.scroll_by(Some(&a), top, -1, ROWS);
        expected -= 1;
        assert_eq!(screen(&cache, top), all[expected..expected + ROWS]);
    }
}

#[test]
fn a_jump_to_the_middle_then_moves_by_exact_lines() {
    let a = long_article();
    let all = eager(&a, 60);
    let mut cache = cache(&a, 60, false);
    let top = cache.settle(Some(&a), cache.len() / 2, ROWS);
    let at = find(&all, &screen(&cache, top));
    assert!((all.len() / 3..all.len() * 2 / 3).contains(&at), "{at}");
    let down = cache.scroll_by(Some(&a), top, 18, ROWS);
    assert_eq!(down, top + 18);
    assert_eq!(screen(&cache, down), all[at + 18..at + 18 + ROWS]);
    let up = cache.scroll_by(Some(&a), down, -40, ROWS);
    assert_eq!(screen(&cache, up), all[at - 22..at - 22 + ROWS]);
    // The top of the article is the top.
    let first = cache.scroll_by(Some(&a), up, isize::MIN / 2, ROWS);
    assert_eq!((first, screen(&cache, first)), (0, all[..ROWS].to_vec()));
    // Wrapping the rest keeps the place.
    let line = cache.settle(Some(&a), cache.len() / 2, ROWS);
    let before = screen(&cache, line);
    let after = cache.wrap_all(Some(&a), line);
    assert!(cache.is_exact());
    assert_eq!(screen(&cache, after), before);
    assert_eq!(cache.all_lines(None), all);
}

fn words(lines: &[ReaderLine]) -> Vec<String> {
    let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    text.join(" ")
        .split_whitespace()
        .map(String::from)
        .collect()
}

#[test]
fn a_huge_paragraph_is_wrapped_in_chunks_showing_the_same_text() {
    let p = prose(7, 4 * CHUNK_ABOVE);
    let a = article(vec![p.clone()]);
    let whole = eager(&a, 60);
    let mut cache = cache(&a, 60, false);
    let top = cache.settle(Some(&a), 0, ROWS);
    // The first screen is what wrapping the whole paragraph gave.
    assert_eq!(screen(&cache, top), whole[..ROWS]);
    assert!(cache.wrapped_blocks() < 8);
    // The end shows the paragraph's last words, in lines of the width.
    let end = cache.to_end(Some(&a), ROWS);
    let shown = screen(&cache, end);
    let tail: Vec<&str> = p.split_whitespace().collect();
    let shown_words = words(&shown);
    assert_eq!(shown_words[..], tail[tail.len() - shown_words.len()..]);
    assert_eq!(shown.last(), whole.last());
    // Chunks end a line early at most where they are cut: the same text,
    // in nearly the same lines.
    let all = cache.all_lines(Some(&a));
    assert_eq!(words(&all), words(&whole));
    assert!(
        all.len() - whole.len() <= 4,
        "{} {}",
        all.len(),
        whole.len()
    );
    assert!(all.iter().all(|l| l.text.chars().count() <= 60));
}

#[test]
fn very_long_unbroken_words_are_broken_at_the_width() {
    let word = |k: usize| -> String {
        (0..5_000)
            .map(|i| (b'a' + ((i * 7 + k) % 26) as u8) as char)
            .collect()
    };
    let p: Vec<String> = (0..20).map(word).collect();
    let p = p.join(" ");
    let a = article(vec![p.clone()]);
    let whole = eager(&a, 40);
    let mut cache = cache(&a, 40, false);
    let top = cache.settle(Some(&a), 0, ROWS);
    assert_eq!(screen(&cache, top), whole[..ROWS]);
    let end = cache.to_end(Some(&a), ROWS);
    let shown = screen(&cache, end);
    assert_eq!(shown, whole[whole.len() - ROWS..]);
    let text: String = shown.iter().map(|l| l.text.as_str()).collect();
    assert!(p.ends_with(&text));
}

#[test]
fn the_raw_view_is_wrapped_lazily_to_the_same_lines() {
    let mut a = long_article();
    a.raw = a.paragraphs.join("\nShare this story\n\n");
    a.removed = (1..a.paragraphs.len())
        .map(|_| Removed {
            text: "Share this story".into(),
            reason: Reason::ShareWidget,
        })
        .collect();
    let all = reader_lines(&a, 60, true, None);
    assert_eq!(all[0].text, RAW_LEGEND);
    assert!(
        all.iter()
            .any(|l| l.note.as_deref() == Some("[share-widget]"))
    );
    let mut cache = cache(&a, 60, true);
    assert!(!cache.is_exact());
    let top = cache.settle(Some(&a), 0, ROWS);
    assert_eq!(screen(&cache, top), all[..ROWS]);
    let end = cache.to_end(Some(&a), ROWS);
    assert_eq!(screen(&cache, end), all[all.len() - ROWS..]);
}

#[test]
fn another_width_wraps_again() {
    let a = long_article();
    let mut cache = cache(&a, 60, false);
    let end = cache.to_end(Some(&a), ROWS);
    assert_eq!(
        screen(&cache, end),
        eager(&a, 60)[eager(&a, 60).len() - ROWS..]
    );
    cache.refresh(Some((0, 30, false)), Some(&a), None);
    assert_eq!(cache.key(), Some((0, 30, false)));
    let narrow = eager(&a, 30);
    let top = cache.settle(Some(&a), 0, ROWS);
    assert_eq!(screen(&cache, top), narrow[..ROWS]);
    assert!(
        screen(&cache, top)
            .iter()
            .all(|l| l.text.chars().count() <= 30)
    );
    let end = cache.to_end(Some(&a), ROWS);
    assert_eq!(screen(&cache, end), narrow[narrow.len() - ROWS..]);
}

#[test]
fn the_reading_time_is_the_articles() {
    let a = long_article();
    let minutes = format!("{} min read", a.reading_minutes());
    assert!(meta_line(&a).ends_with(&minutes), "{}", meta_line(&a));
}

#[test]
fn any_mix_of_jumps_and_moves_shows_the_eager_lines_moved_exactly() {
    let a = long_article();
    let all = eager(&a, 50);
    let mut cache = cache(&a, 50, false);
    let mut top = cache.settle(Some(&a), 0, ROWS);
    let mut at: usize = 0; // where the screen is in the eager wrap
    let mut seed = 99u64;
    for round in 0..400 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (seed >> 33) as usize;
        let (line, moved) = match r % 8 {
            // A jump somewhere (as a restored position does): anywhere.
            0 => (cache.settle(Some(&a), r % cache.len(), ROWS), None),
            1 => (cache.to_end(Some(&a), ROWS), Some(all.len() - ROWS)),
            2 if round % 5 == 0 => (
                cache.scroll_by(Some(&a), top, isize::MIN / 2, ROWS),
                Some(0),
            ),
            _ => {
                let step = (r / 8 % 61) as isize - 30;
                let line = cache.scroll_by(Some(&a), top, step, ROWS);
                let to = at.saturating_add_signed(step).min(all.len() - ROWS);
                (line, Some(to))
            }
        };
        top = line;
        let shown = screen(&cache, top);
        assert_eq!(shown.len(), ROWS);
        at = match moved {
            Some(to) => {
                assert_eq!(shown, all[to..to + ROWS], "round {round}");
                to
            }
            None => find(&all, &shown),
        };
        // Below the screen the count is exact, so the end is where it is.
        if cache.counts_exact_from(top) {
            assert_eq!(cache.len() - top, all.len() - at, "round {round}");
        }
    }
}
