//! Lists inside stories: numbered lists and ranked tables, whose lines count
//! 1, 2, 3… (allowing a few cell or link lines between items), and bullet
//! lists set between story sentences. Their items belong together, in any
//! language, even though each is too short to read like prose.

use super::Reason;
use super::region::{self, Scored};

/// Lines allowed between two consecutive items (table cells, links).
const MAX_GAP: usize = 8;
/// Items needed before a run counts as a list.
const MIN_ITEMS: usize = 3;

/// The item number a line starts with: "3) …", "3. …", "3 - …", "3a etapa",
/// or a bare "3".
fn item_number(text: &str) -> Option<u32> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let n: u32 = text[..digits].parse().ok()?;
    let rest = &text[digits..];
    let mut cs = rest.chars();
    let ok = match cs.next() {
        None => true,
        Some(')' | ':' | '-' | '–' | ' ' | 'ª' | 'º' | '°') => true,
        Some('.') => matches!(cs.next(), None | Some(' ')),
        // Ordinal suffixes such as "1a", "2nd": one or two letters, then a space.
        Some(c) if c.is_alphabetic() => {
            let suffix: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            let ordinal = suffix.chars().count() == 1
                || ["st", "nd", "rd", "th", "er", "re", "te", "ne"].contains(&suffix.as_str());
            ordinal && rest[suffix.len()..].starts_with(' ')
        }
        Some(_) => false,
    };
    ok.then_some(n)
}

/// Reasons a list line may lose: the short-line heuristics that misfire on
/// list items and table cells. Widgets, promos and the like stay removed.
pub fn overridable(r: Option<Reason>) -> bool {
    matches!(
        r,
        None | Some(Reason::Byline | Reason::Counter | Reason::RelatedLinks | Reason::Navigation)
    )
}

/// Marks the lines of numbered lists (counting up by one from any number, so
/// a table whose count is broken by a stray cell resumes): from the first
/// item to the last, plus
/// the last item's own lines (as many as the typical gap between items).
pub fn mark(lines: &[Scored]) -> Vec<bool> {
    let n = lines.len();
    let nums: Vec<Option<u32>> = lines.iter().map(|s| item_number(s.line.text)).collect();
    let mut span = vec![false; n];
    let mut i = 0;
    while i < n {
        let Some(k) = nums[i].filter(|_| overridable(lines[i].reason)) else {
            i += 1;
            continue;
        };
        // The items found: from `first` to `last`, `items` of them.
        let (first, mut last, mut items) = (i, i, 1);
        let mut want = k + 1;
        while let Some(j) = (last + 1..n.min(last + 2 + MAX_GAP)).find(|&j| nums[j] == Some(want)) {
            last = j;
            items += 1;
            want += 1;
        }
        let has_text = lines[first..=last].iter().any(|s| s.line.letters >= 3);
        if items < MIN_ITEMS {
            i += 1;
            continue;
        }
        if !has_text {
            // Every run starting inside this one is as bare: skip it whole,
            // which keeps the scan linear.
            i = last + 1;
            continue;
        }
        let gap = (last - first) / (items - 1);
        let mut end = last + 1;
        while end < n && end <= last + gap.saturating_sub(1) && overridable(lines[end].reason) {
            end += 1;
        }
        for flag in &mut span[first..end] {
            *flag = true;
        }
        i = end;
    }
    span
}

/// True when `text` starts with a bullet: a bullet glyph, or a dash or
/// asterisk followed by a space.
fn is_bullet(text: &str) -> bool {
    let mut cs = text.chars();
    match cs.next() {
        Some('•' | '◦' | '▪' | '‣' | '●' | '○' | '■') => true,
        Some('-' | '*' | '–' | '—') => cs.next() == Some(' '),
        _ => false,
    }
}

/// How far from a bullet list the story sentences around it may be.
const BULLET_REACH: usize = 2;

/// Marks bullet lists (two or more bullet lines in a row) that sit between
/// story sentences: a sentence of prose at most `BULLET_REACH` lines before
/// the first item and after the last. Menus scraped as bullets have no
/// prose on both sides, so they stay chrome.
pub fn mark_bullets(lines: &[Scored]) -> Vec<bool> {
    let n = lines.len();
    let mut span = vec![false; n];
    let sentence = |s: &Scored| !s.hard && s.line.terminal && region::is_prose(&s.line);
    let mut i = 0;
    while i < n {
        if !is_bullet(lines[i].line.text) {
            i += 1;
            continue;
        }
        let first = i;
        while i < n && is_bullet(lines[i].line.text) && overridable(lines[i].reason) {
            i += 1;
        }
        let last = i; // one past the run
        if last - first < 2 {
            i = first + 1;
            continue;
        }
        let before = lines[first.saturating_sub(BULLET_REACH)..first]
            .iter()
            .any(sentence);
        let after = lines[last..n.min(last + BULLET_REACH)].iter().any(sentence);
        if before && after {
            for flag in &mut span[first..last] {
                *flag = true;
            }
        }
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers() {
        assert_eq!(item_number("3) A red kite"), Some(3));
        assert_eq!(item_number("12. Pack a lunch"), Some(12));
        assert_eq!(item_number("1a etapa: Lisboa"), Some(1));
        assert_eq!(item_number("7"), Some(7));
        assert_eq!(item_number("3.409"), None);
        assert_eq!(item_number("2019 was a good year"), None);
        assert_eq!(item_number("10am start"), None);
    }

    #[test]
    fn marks_numbered_list_with_links_between() {
        let texts = [
            "Intro", "1) Kite", "http://x", "2) Ball", "http://y", "3) Drum", "http://z", "Footer",
        ];
        let lines: Vec<Scored> = texts.iter().map(|t| Scored::plain(t)).collect();
        let m = mark(&lines);
        assert_eq!(m, [false, true, true, true, true, true, true, false]);
    }

    #[test]
    fn bullets_between_sentences_are_a_list_but_bullet_menus_are_not() {
        let story = "The council said the road would stay closed until the wall is safe.";
        let texts = [
            story,
            "• Boats moved",
            "• Road closed",
            story,
            "• Home",
            "• World",
            "About",
        ];
        let lines: Vec<Scored> = texts.iter().map(|t| Scored::plain(t)).collect();
        let m = mark_bullets(&lines);
        assert_eq!(m, [false, true, true, false, false, false, false]);
    }

    #[test]
    fn pagination_is_not_a_list() {
        let lines: Vec<Scored> = ["1", "2", "3", "4"]
            .iter()
            .map(|t| Scored::plain(t))
            .collect();
        assert!(mark(&lines).iter().all(|m| !m));
    }
}
