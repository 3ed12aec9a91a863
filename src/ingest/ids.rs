//! The ids of many articles at once. An id is FNV-1a over the article's
//! text ([`ArticleId::from_content`]): each byte's step needs the one
//! before it (a multiply), so one article is hashed at a few cycles a
//! byte however many steps the core could take at once. Hashing
//! [`LANES`] articles side by side gives it that many independent steps:
//! the same ids, in about a quarter of the time.

use crate::article::{Article, ArticleId, FNV_OFFSET, FNV_PRIME, hashed_parts};

/// Articles hashed side by side: a multiply takes about as many cycles,
/// and a core starts one a cycle.
const LANES: usize = 4;

/// Articles worth hashing together: enough to keep the lanes full most
/// of the time, few enough that their text is still in the core's cache
/// when they are hashed just after being read (on 100,000 articles, ids
/// took 3.0% of a first load with 8, 2.8% with 16, 3.0% with 32).
pub(crate) const BATCH: usize = 4 * LANES;

/// Sets each article's id, as [`ArticleId::from_content`] gives it.
pub(crate) fn identify(articles: &mut [Article]) {
    let contents = articles
        .iter()
        .map(|a| (a.title.as_str(), a.paragraphs.as_slice()));
    let ids = ids_of(contents);
    for (article, id) in articles.iter_mut().zip(ids) {
        article.id = id;
    }
}

/// The id of each `(title, paragraphs)`, in order.
fn ids_of<'a>(contents: impl Iterator<Item = (&'a str, &'a [String])>) -> Vec<ArticleId> {
    let contents: Vec<(&str, &[String])> = contents.collect();
    // Longest first: the lanes then run out at about the same time, and
    // little is left to hash one lane alone at the end.
    let mut order: Vec<usize> = (0..contents.len()).collect();
    order.sort_by_key(|&k| {
        let (title, paragraphs) = contents[k];
        let body: usize = paragraphs.iter().map(|p| p.len() + 1).sum();
        std::cmp::Reverse(title.len() + body)
    });
    let mut queue = order.into_iter().map(|k| {
        let (title, paragraphs) = contents[k];
        lane(k, title, paragraphs)
    });
    let mut lanes: Vec<_> = queue.by_ref().take(LANES).collect();
    let mut done = Vec::new();
    loop {
        refill(&mut lanes, &mut queue, &mut done);
        // As the queue runs out, fewer lanes side by side.
        match lanes.as_mut_slice() {
            [a, b, c, d] => step([a, b, c, d]),
            [a, b, c] => step([a, b, c]),
            [a, b] => step([a, b]),
            _ => break,
        }
    }
    done.extend(lanes.into_iter().map(Lane::finish));
    let mut ids = vec![ArticleId(0); done.len()];
    for (k, hash) in done {
        ids[k] = ArticleId(hash);
    }
    ids
}

/// Parts shorter than this (the separators between paragraphs, short
/// titles) are hashed by their lane alone: each part's end costs all
/// lanes a stop.
const SHORT: usize = 16;

/// One article being hashed: the hash so far, what is left of the part
/// at hand, and the parts after it.
struct Lane<'a, P> {
    article: usize,
    hash: u64,
    part: &'a [u8],
    rest: P,
}

/// The lane of article `k`, before its first byte.
fn lane<'a>(
    k: usize,
    title: &'a str,
    paragraphs: &'a [String],
) -> Lane<'a, impl Iterator<Item = &'a [u8]>> {
    Lane {
        article: k,
        hash: FNV_OFFSET,
        part: &[],
        rest: hashed_parts(title, paragraphs),
    }
}

impl<'a, P: Iterator<Item = &'a [u8]>> Lane<'a, P> {
    /// Moves on to the next part of [`SHORT`] bytes or more, hashing the
    /// shorter ones on the way; false when there is none (the hash is the
    /// id).
    fn ready(&mut self) -> bool {
        while self.part.len() < SHORT {
            self.hash = self.part.iter().fold(self.hash, |h, &b| fnv(h, b));
            match self.rest.next() {
                Some(part) => self.part = part,
                None => {
                    self.part = &[];
                    return false;
                }
            }
        }
        true
    }

    /// The article's number and hash, the rest of its bytes hashed alone.
    fn finish(mut self) -> (usize, u64) {
        loop {
            self.hash = self.part.iter().fold(self.hash, |h, &b| fnv(h, b));
            match self.rest.next() {
                Some(part) => self.part = part,
                None => return (self.article, self.hash),
            }
        }
    }
}

/// Makes every lane one with bytes to hash: a lane with none left is
/// `done`, and the next article from `queue` takes its place, if any.
fn refill<'a, P: Iterator<Item = &'a [u8]>>(
    lanes: &mut Vec<Lane<'a, P>>,
    queue: &mut impl Iterator<Item = Lane<'a, P>>,
    done: &mut Vec<(usize, u64)>,
) {
    let mut l = 0;
    while let Some(lane) = lanes.get_mut(l) {
        if lane.ready() {
            l += 1;
            continue;
        }
        done.push((lane.article, lane.hash));
        match queue.next() {
            Some(next) => *lane = next,
            None => drop(lanes.swap_remove(l)),
        }
    }
}

/// Hashes as many bytes in every lane as the shortest part at hand holds,
/// one byte of each lane in turn.
fn step<'a, P, const N: usize>(lanes: [&mut Lane<'a, P>; N]) {
    let n = lanes.iter().map(|l| l.part.len()).min().unwrap_or(0);
    let parts: [&[u8]; N] = std::array::from_fn(|l| &lanes[l].part[..n]);
    let mut hash: [u64; N] = std::array::from_fn(|l| lanes[l].hash);
    for i in 0..n {
        for (h, part) in hash.iter_mut().zip(parts) {
            *h = fnv(*h, part[i]);
        }
    }
    for (lane, h) in lanes.into_iter().zip(hash) {
        lane.hash = h;
        lane.part = &lane.part[n..];
    }
}

/// One FNV-1a step.
fn fnv(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn owned(contents: &[(String, Vec<String>)]) -> Vec<ArticleId> {
        ids_of(contents.iter().map(|(t, p)| (t.as_str(), p.as_slice())))
    }

    fn one_at_a_time(contents: &[(String, Vec<String>)]) -> Vec<ArticleId> {
        let id = |(t, p): &(String, Vec<String>)| ArticleId::from_content(t, p);
        contents.iter().map(id).collect()
    }

    #[test]
    fn few_and_empty_articles() {
        let text = |s: &str| s.to_string();
        let cases: Vec<Vec<(String, Vec<String>)>> = vec![
            vec![],
            vec![(text(""), vec![])],
            vec![(
                text(" A title "),
                vec![text("One."), text(""), text(" Two. ")],
            )],
            (0..9)
                .map(|k| (format!("T{k}"), vec!["x".repeat(k * 7); k % 3]))
                .collect(),
        ];
        for contents in cases {
            assert_eq!(owned(&contents), one_at_a_time(&contents));
        }
    }

    proptest! {
        /// Any number of articles, of any lengths (the lanes run out at
        /// different bytes), with blanks, padding and non-ASCII text.
        #[test]
        fn ids_as_one_at_a_time(
            contents in prop::collection::vec(
                ("[ a-zé\u{a0}]{0,12}", prop::collection::vec("[ \tA-Za-z.’]{0,90}", 0..6)),
                0..13,
            )
        ) {
            prop_assert_eq!(owned(&contents), one_at_a_time(&contents));
        }
    }
}
