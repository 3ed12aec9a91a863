//! A memo of short lines, per thread: what measuring and classifying a
//! line's text gave, kept for the next time the same text comes.
//!
//! The short lines of a page are mostly its site's furniture (menus,
//! buttons, labels, share bars, section names), the same from one article
//! to the next: in a collection, four out of five lines under 64 bytes
//! repeat a line seen before. Those lines are the ones the context-free
//! checks spend most on (phrases, dates, bylines, captions), and both
//! `Line::measure` and `classify::line_reason` depend on the text alone,
//! so a remembered line is looked up once instead of being measured and
//! classified again. Long lines (prose) rarely repeat and are never kept.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::ops::Range;

use super::Reason;
use super::hash::FastBuild;
use super::signals::{Arena, Line, Measures};

/// Lines of fewer bytes than this are remembered.
const MAX_BYTES: usize = 80;
/// Lines kept at most; past that the memo starts again, so that it follows
/// what is being read (one site's furniture, then another's) in bounded
/// memory.
const MAX_LINES: usize = 1 << 12;

/// What is kept of a line.
struct Kept {
    /// Its text, in `Memo::bytes`.
    text: Range<usize>,
    /// Its key and lowercase head, as `Line::measure` appended them, in
    /// `Memo::bytes`.
    bytes: Range<usize>,
    measures: Measures,
    /// Its `classify::line_reason`.
    reason: Option<Reason>,
}

/// What `Memo::keep` needs of a line `Memo::recall` did not find: the hash
/// of its text, or `None` when the line is not worth keeping.
#[derive(Clone, Copy, Debug)]
pub struct Ticket(Option<u64>);

/// Remembered lines, found by the hash of their text. The texts and bytes
/// of all lines share one buffer, so that remembering a line allocates
/// nothing (but now and then a bigger buffer) and the table stays small.
#[derive(Default)]
pub struct Memo {
    /// Index in `lines` by the hash of the text; a line whose hash another
    /// line took over is no longer found (which only costs measuring it).
    by_hash: HashMap<u64, u32, FastBuild>,
    lines: Vec<Kept>,
    bytes: Vec<u8>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Runs `f` with this thread's memo.
pub fn with<R>(f: impl FnOnce(&mut Memo) -> R) -> R {
    MEMO.with(|m| f(&mut m.borrow_mut()))
}

/// Whether a line of this text is worth remembering (and looking up).
pub fn worth(text: &str) -> bool {
    text.len() < MAX_BYTES
}

/// The hash a text is found by.
fn hash(text: &str) -> u64 {
    FastBuild::default().hash_one(text)
}

impl Memo {
    /// The line of `text` and its reason, when remembered: its key and
    /// lowercase head appended to `arena` as `Line::measure` would.
    /// Otherwise the ticket that `keep` takes for the line once measured
    /// and classified: the hash of the text (looked up by, and kept by)
    /// is computed once per line rather than once to look and once to keep.
    pub fn recall<'a>(
        &self,
        text: &'a str,
        arena: &mut Arena,
    ) -> Result<(Line<'a>, Option<Reason>), Ticket> {
        if !worth(text) {
            return Err(Ticket(None));
        }
        let h = hash(text);
        let Some(&i) = self.by_hash.get(&h) else {
            return Err(Ticket(Some(h)));
        };
        let k = &self.lines[i as usize];
        if self.bytes[k.text.clone()] != *text.as_bytes() {
            return Err(Ticket(Some(h)));
        }
        let bytes = &self.bytes[k.bytes.clone()];
        Ok((Line::remembered(text, &k.measures, bytes, arena), k.reason))
    }

    /// The reason of the line `recall` gave `ticket` for, when a line of
    /// the same text has been kept since: a text that comes twice in one
    /// page (a headline and its repeats, mostly) is measured twice, as
    /// lines are kept only once the page's lines are all measured, but
    /// classified once.
    pub fn reason_again(&self, ticket: Ticket, text: &str) -> Option<Option<Reason>> {
        let Ticket(Some(h)) = ticket else {
            return None;
        };
        let k = &self.lines[*self.by_hash.get(&h)? as usize];
        (self.bytes[k.text.clone()] == *text.as_bytes()).then_some(k.reason)
    }

    /// Remembers `line` (measured and attached) and its reason, given the
    /// ticket `recall` gave for its text.
    pub fn keep(&mut self, ticket: Ticket, line: &Line, reason: Option<Reason>) {
        let Ticket(Some(h)) = ticket else {
            return;
        };
        debug_assert_eq!(h, hash(line.text));
        if self.lines.len() >= MAX_LINES {
            self.by_hash.clear();
            self.lines.clear();
            self.bytes.clear();
        }
        let at = self.bytes.len();
        self.bytes.extend_from_slice(line.text.as_bytes());
        let mid = self.bytes.len();
        self.bytes.extend_from_slice(line.bytes());
        self.lines.push(Kept {
            text: at..mid,
            bytes: mid..self.bytes.len(),
            measures: line.measures(),
            reason,
        });
        let i = self.lines.len() as u32 - 1;
        self.by_hash.insert(h, i);
    }
}

#[cfg(test)]
mod tests {
    use super::super::classify::line_reason;
    use super::super::signals::Arena;
    use super::*;

    /// Measures `texts` into one arena, as `clean` does, each line
    /// recalled from `memo` when it can be; the lines' debug forms and
    /// reasons.
    fn measured(texts: &[&str], memo: &mut Memo) -> Vec<String> {
        let mut arena = Arena::default();
        let mut lines = Vec::new();
        for t in texts {
            let (line, reason) = match memo.recall(t, &mut arena) {
                Ok((l, r)) => (l, Ok(r)),
                Err(ticket) => (Line::measure(t, &mut arena), Err(ticket)),
            };
            lines.push((line, reason));
        }
        let text = String::from_utf8(arena.bytes).unwrap();
        let mut end = text.len();
        let mut out = Vec::new();
        for (line, reason) in lines.iter_mut().rev() {
            line.attach(&text, end);
            end = line.at;
            let r = line_reason(line);
            match reason {
                Ok(kept) => assert_eq!(*kept, r, "{}", line.text),
                Err(ticket) => memo.keep(*ticket, line, r),
            }
            out.push(format!("{line:?} {r:?} {:?}", line.stop_ratio()));
        }
        out
    }

    #[test]
    fn recalled_lines_are_the_measured_lines() {
        let texts = [
            "Share",
            "By Jane Roe",
            "March 3, 2021 at 9:40 am",
            "Top NewsVideo",
            "Ärger über Öl",
            "Getty Images",
            "The mayor said the bridge would reopen in spring, after repairs.",
            "×",
            "Sign up for our newsletter",
        ];
        let mut memo = Memo::default();
        let fresh = measured(&texts, &mut memo);
        assert_eq!(memo.lines.len(), texts.len());
        assert_eq!(memo.by_hash.len(), texts.len());
        // Twice, in another order: every line comes from the memo, and at
        // another place in the arena.
        let mut again: Vec<&str> = texts.iter().rev().copied().collect();
        again.insert(0, "News > World");
        let recalled = measured(&again, &mut memo);
        // Only the places in the arena differ.
        let strip = |v: &[String]| -> Vec<String> {
            let mut v: Vec<String> = v
                .iter()
                .map(|s| {
                    let at = s.find(" at: ").unwrap();
                    let end = at + s[at..].find('}').unwrap();
                    format!("{}{}", &s[..at], &s[end..])
                })
                .collect();
            v.sort();
            v
        };
        let recalled: Vec<String> = recalled
            .into_iter()
            .filter(|s| !s.contains("News > World"))
            .collect();
        assert_eq!(strip(&recalled), strip(&fresh));
    }

    #[test]
    fn a_text_kept_since_its_ticket_gives_its_reason_again() {
        let mut memo = Memo::default();
        let mut arena = Arena::default();
        let texts = ["By Jane Roe", "By Jane Roe", "Share", "The end."];
        let tickets: Vec<Ticket> = texts
            .iter()
            .map(|t| memo.recall(t, &mut arena).err().unwrap())
            .collect();
        let lines: Vec<Line> = texts.iter().map(|t| Line::new(t)).collect();
        // Nothing kept yet: nothing to give again.
        assert!(
            tickets
                .iter()
                .zip(&texts)
                .all(|(&k, t)| memo.reason_again(k, t).is_none())
        );
        memo.keep(tickets[1], &lines[1], line_reason(&lines[1]));
        let again = memo.reason_again(tickets[0], texts[0]);
        assert_eq!(again, Some(line_reason(&lines[0])));
        assert_eq!(again, Some(Some(Reason::Byline)));
        assert_eq!(memo.reason_again(tickets[2], texts[2]), None);
        // A long line has no ticket to look by.
        let long = "word ".repeat(30);
        let ticket = memo.recall(long.trim(), &mut arena).err().unwrap();
        assert_eq!(memo.reason_again(ticket, long.trim()), None);
    }

    #[test]
    fn long_lines_are_not_kept_and_the_memo_is_bounded() {
        let mut memo = Memo::default();
        let long = "word ".repeat(30);
        measured(&[long.trim()], &mut memo);
        assert!(memo.lines.is_empty());
        let texts: Vec<String> = (0..MAX_LINES + 10).map(|i| format!("line {i}")).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        measured(&refs, &mut memo);
        assert!(memo.lines.len() <= MAX_LINES);
    }
}
