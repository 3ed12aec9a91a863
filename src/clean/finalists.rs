//! The last step of headline inference: the shortlisted candidates'
//! page-level signals (a quote of the line elsewhere in the page, a repeat
//! after the story, the share of its words its story repeats), looked up
//! only while they can still change which candidate wins.

use std::ops::Range;

use super::content_words::content_words;
use super::quotes::KeyFinder;
use super::region::Scored;
use super::story_words::StoryWords;

/// How far from a candidate a quote of it is looked for.
const QUOTE_WINDOW: usize = 300;

/// A shortlisted candidate with its page-level signals in: line `i`, its
/// story starting at `j`, its shape-and-place score `v`, whether the page
/// quotes it (`None` until looked up), whether it repeats after the story,
/// whether it lies beyond the usual window, its content words (a range of
/// a shared list), and its final score once its story is read.
struct Finalist {
    v: f32,
    i: usize,
    j: usize,
    quoted: Option<bool>,
    footer: bool,
    far: bool,
    words: Range<usize>,
    exact: Option<f32>,
}

impl Finalist {
    /// The final score, quoted or not, with `hit` of its words in its story.
    fn score(&self, quoted: bool, hit: usize) -> f32 {
        let v = if quoted { self.v + 1.5 } else { self.v };
        let v = if self.footer { v - 3.0 } else { v };
        with_overlap(v, self.words.len(), hit)
    }

    /// The least final score this candidate can end with: none of its words
    /// in its story and, while that is unknown, not quoted (beyond the
    /// usual window, where only a quoted headline counts, none at all).
    fn worst(&self) -> f32 {
        if let Some(e) = self.exact {
            return e;
        }
        match self.quoted {
            _ if self.far && self.quoted != Some(true) => f32::NEG_INFINITY,
            q => self.score(q.unwrap_or(false), 0),
        }
    }

    /// The greatest final score this candidate can end with: all of its
    /// words in its story and, while that is unknown, quoted.
    fn best(&self) -> f32 {
        if let Some(e) = self.exact {
            return e;
        }
        self.score(self.quoted.unwrap_or(true), self.words.len())
    }
}

/// `v` plus the word-overlap bonus for `hit` of `all` content words found
/// in the story.
fn with_overlap(v: f32, all: usize, hit: usize) -> f32 {
    // Few content words make the share noisy: damp it for short lines.
    let sure = (all as f32 / 4.0).min(1.0);
    v + if all > 0 {
        5.0 * sure * hit as f32 / all as f32
    } else {
        0.0
    }
}

/// Drops the finalists whose best case falls short of another's worst case:
/// they cannot win. (Scores only grow with the overlap and with a quote,
/// each step a rounding of a monotone operation, so the bounds hold.)
fn prune(finalists: &mut Vec<Finalist>) {
    let floor = finalists
        .iter()
        .map(Finalist::worst)
        .fold(f32::NEG_INFINITY, f32::max);
    finalists.retain(|f| f.best() >= floor);
}

/// True when a longer line within `QUOTE_WINDOW` of line `i` contains its
/// key: pages quote their headline elsewhere ("12 thoughts on “…”", "Share
/// options for: …").
// Out of line so that profiles show it apart from `pick`.
#[inline(never)]
fn quoted(lines: &[Scored], i: usize) -> bool {
    let key = lines[i].line.key();
    let finder = KeyFinder::new(key.as_bytes());
    lines[quote_window(lines, i)]
        .iter()
        .any(|s| s.line.key().len() > key.len() && finder.is_in(s.line.key().as_bytes()))
}

/// The lines where a quote of line `i` is looked for.
fn quote_window(lines: &[Scored], i: usize) -> Range<usize> {
    i.saturating_sub(QUOTE_WINDOW)..lines.len().min(i + QUOTE_WINDOW)
}

/// `quoted`, answered from `known` (lines looked up before, with their
/// answers) when one of them has the same key and the same window, as
/// repeats of a headline in all but the longest pages do.
fn quoted_again(lines: &[Scored], i: usize, known: &mut Vec<(usize, bool)>) -> bool {
    let same = |k: usize| {
        lines[k].line.key() == lines[i].line.key()
            && quote_window(lines, k) == quote_window(lines, i)
    };
    if let Some(&(_, q)) = known.iter().find(|&&(k, _)| same(k)) {
        return q;
    }
    let q = quoted(lines, i);
    known.push((i, q));
    q
}

/// The best of the shortlist `short` (score, line, story start; best
/// first) once quotes, footers and the word overlap with each story count;
/// ties go to the earlier in `short`.
///
/// Quotes and the overlap can only add to a score, by at most a known
/// bonus, so a candidate whose best case falls short of another's worst
/// case cannot win: it is dropped before its quotes are looked for or its
/// story read, and when one candidate is left, no story is read at all.
// Out of line so that profiles show it apart from `infer`.
#[inline(never)]
pub fn pick(
    lines: &[Scored],
    short: &[(f32, usize, usize)],
    lo: usize,
    end: usize,
) -> Option<usize> {
    let (finalists, words) = quote_round(lines, short, lo, end);
    if finalists.len() <= 1 {
        return finalists.first().map(|f| f.i);
    }
    story_round(lines, finalists, &words)
}

/// The finalists of `pick` left once quotes are known (or they are alone),
/// and the content words they ask about.
fn quote_round(
    lines: &[Scored],
    short: &[(f32, usize, usize)],
    lo: usize,
    end: usize,
) -> (Vec<Finalist>, Vec<u64>) {
    let n = lines.len();
    let mut words = Vec::new();
    let mut buf = String::new();
    let mut finalists = Vec::with_capacity(short.len());
    for &(v, i, j) in short {
        let key = lines[i].line.key();
        // Short keys are never looked for in other lines.
        let quotable = key.len() >= 15;
        // Beyond the usual window only a headline the page quotes counts.
        let far = i < lo;
        if far && !quotable {
            continue;
        }
        // A line repeated after the story is site chrome (an address, a
        // footer label), not the headline, which repeats above its story.
        let footer =
            lines[i].count >= 2 && end < n && lines[end..].iter().any(|s| s.line.key() == key);
        // A repeat of an earlier finalist's text shares its words.
        let text = lines[i].line.text;
        let range = match finalists
            .iter()
            .find(|f: &&Finalist| lines[f.i].line.text == text)
        {
            Some(f) => f.words.clone(),
            None => {
                let from = words.len();
                content_words(text, &mut buf, &mut words);
                from..words.len()
            }
        };
        finalists.push(Finalist {
            v,
            i,
            j,
            quoted: (!quotable).then_some(false),
            footer,
            far,
            words: range,
            exact: None,
        });
    }
    // Quotes first, the most promising candidate's first: each one known
    // narrows the bounds and may settle the others.
    prune(&mut finalists);
    // A far one needs its quote even when alone: unquoted, it does not count.
    let lone = |f: &[Finalist]| f.len() == 1 && !f[0].far;
    let mut known = Vec::new();
    while !lone(&finalists)
        && let Some(k) = most_promising(&finalists, |f| f.quoted.is_none())
    {
        finalists[k].quoted = Some(quoted_again(lines, finalists[k].i, &mut known));
        finalists.retain(|f| !f.far || f.quoted == Some(true));
        prune(&mut finalists);
    }
    (finalists, words)
}

/// The winner among `finalists` (two or more, quotes known) once their
/// stories are read, as far as needed.
fn story_round(lines: &[Scored], mut finalists: Vec<Finalist>, words: &[u64]) -> Option<usize> {
    drop_outdone_repeats(&mut finalists, words);
    if finalists.len() == 1 {
        return Some(finalists[0].i);
    }
    let first = finalists.iter().map(|f| f.j).min().unwrap_or(lines.len());
    let asked: Vec<u64> = finalists
        .iter()
        .flat_map(|f| &words[f.words.clone()])
        .copied()
        .collect();
    let mut story = StoryWords::new(first, &asked);
    // Then stories, likewise: a story read may settle the rest unread, and
    // one read in part may settle all: once enough of its candidate's words
    // have turned up, that candidate beats every other's best case.
    while finalists.len() > 1
        && let Some(k) = most_promising(&finalists, |f| f.exact.is_none())
    {
        let f = &finalists[k];
        let rivals = finalists
            .iter()
            .enumerate()
            .filter(|&(r, _)| r != k)
            .map(|(_, r)| r.best())
            .fold(f32::NEG_INFINITY, f32::max);
        let quoted = f.quoted == Some(true);
        let enough = (0..=f.words.len())
            .find(|&h| f.score(quoted, h) > rivals)
            .unwrap_or(usize::MAX);
        let hit = story.hits(lines, f.j, &words[f.words.clone()], enough);
        if hit >= enough {
            return Some(f.i);
        }
        finalists[k].exact = Some(f.score(quoted, hit));
        prune(&mut finalists);
    }
    // All left are exact; ties go to the first.
    let mut best: Option<(f32, usize)> = None;
    for f in &finalists {
        let v = f.best();
        if best.is_none_or(|(b, _)| v > b) {
            best = Some((v, f.i));
        }
    }
    best.map(|(_, i)| i)
}

/// Drops each finalist that another with the same words and the same
/// story beats however many of those words the story holds: both find the
/// same ones, so which of the two wins is known before either story is
/// read. (Repeats of the headline above its story are such pairs.)
fn drop_outdone_repeats(finalists: &mut Vec<Finalist>, words: &[u64]) {
    let mut k = 0;
    while k < finalists.len() {
        let b = &finalists[k];
        let outdone = finalists.iter().enumerate().any(|(a, f)| {
            a != k
                && f.j == b.j
                && words[f.words.clone()] == words[b.words.clone()]
                && beats_at_every_count(f, a < k, b)
        });
        if outdone {
            finalists.remove(k);
        } else {
            k += 1;
        }
    }
}

/// True when `a` scores above `b` (or as much, when `a` comes first), both
/// quotes known, whatever number of their (shared) words their story holds.
fn beats_at_every_count(a: &Finalist, a_first: bool, b: &Finalist) -> bool {
    let (qa, qb) = (a.quoted == Some(true), b.quoted == Some(true));
    (0..=a.words.len()).all(|h| {
        let (sa, sb) = (a.score(qa, h), b.score(qb, h));
        sa > sb || (sa == sb && a_first)
    })
}

/// The index of the finalist with the highest best case among those
/// `open` says are still open (the last of equals, as `max_by` gives).
fn most_promising(finalists: &[Finalist], open: impl Fn(&Finalist) -> bool) -> Option<usize> {
    finalists
        .iter()
        .enumerate()
        .filter(|(_, f)| open(f))
        .max_by(|a, b| a.1.best().total_cmp(&b.1.best()))
        .map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::super::content_words::tests::Rng;
    use super::*;

    /// `story_round` the plain way: every story read to its end, the best
    /// score winning, ties to the earlier.
    fn story_round_plainly(
        lines: &[Scored],
        finalists: &[Finalist],
        words: &[u64],
    ) -> Option<usize> {
        let mut best: Option<(f32, usize)> = None;
        for f in finalists {
            let words = &words[f.words.clone()];
            let hit = StoryWords::new(f.j, words).hits(lines, f.j, words, usize::MAX);
            let score = f.score(f.quoted == Some(true), hit);
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, f.i));
            }
        }
        best.map(|(_, i)| i)
    }

    const WORDS: &[&str] = &[
        "council",
        "bridge",
        "opens",
        "the",
        "new",
        "harbour",
        "crane",
        "vote",
        "delayed",
        "of",
        "mayor",
        "says",
        "budget",
        "river",
        "school",
        "fire",
        "storm",
        "élection",
        "Über",
    ];

    /// A line of `n` words from `WORDS`, some capitalised.
    fn random_line(rng: &mut Rng, n: usize) -> String {
        let mut line: Vec<String> = (0..n)
            .map(|_| {
                let w = WORDS[rng.below(WORDS.len())];
                match rng.below(3) {
                    0 => w.to_uppercase(),
                    _ => w.to_string(),
                }
            })
            .collect();
        if n > 6 {
            line.push(".".into());
        }
        line.join(" ")
    }

    #[test]
    fn quotes_known_from_repeats_agree_with_looking_again() {
        let mut rng = Rng(0x0123_4567_89ab_cdef);
        for round in 0..40 {
            // Pages short and longer than the quote window, full of repeats.
            let n = 2 + rng.below(if round % 4 == 0 { 800 } else { 60 });
            let heads: Vec<String> = (0..4).map(|_| random_line(&mut rng, 5)).collect();
            // Quotes only near the top, which a long page's window may miss.
            let texts: Vec<String> = (0..n)
                .map(|k| match rng.below(4) {
                    0 if k < 30 => format!("on “{}” and", heads[rng.below(4)]),
                    1 => random_line(&mut rng, 7),
                    _ => heads[rng.below(4)].clone(),
                })
                .collect();
            let lines: Vec<Scored> = texts.iter().map(|t| Scored::plain(t)).collect();
            let mut known = Vec::new();
            for _ in 0..30 {
                let i = rng.below(n);
                assert_eq!(
                    quoted_again(&lines, i, &mut known),
                    quoted(&lines, i),
                    "{round} {i}"
                );
            }
        }
    }

    #[test]
    fn pick_agrees_with_reading_everything() {
        let mut rng = Rng(0x7177_1e00_5eed_0042);
        let mut stories = 0;
        for round in 0..400 {
            let n = 4 + rng.below(60);
            // Headings, paragraphs and repeats of earlier lines, some of
            // them quoted inside longer lines.
            let mut texts: Vec<String> = Vec::new();
            for _ in 0..n {
                let text = match rng.below(5) {
                    0 if !texts.is_empty() => match rng.below(2) {
                        0 => texts[texts.len() - 1].clone(),
                        _ => texts[rng.below(texts.len())].clone(),
                    },
                    1 if !texts.is_empty() => {
                        let quoted = texts[rng.below(texts.len())].clone();
                        format!(
                            "{} “{quoted}” {}",
                            random_line(&mut rng, 2),
                            random_line(&mut rng, 3)
                        )
                    }
                    2 => {
                        let len = 8 + rng.below(60);
                        random_line(&mut rng, len)
                    }
                    _ => {
                        let len = 1 + rng.below(9);
                        random_line(&mut rng, len)
                    }
                };
                texts.push(text);
            }
            let mut lines: Vec<Scored> = texts.iter().map(|t| Scored::plain(t)).collect();
            for s in &mut lines {
                s.hard = rng.below(10) == 0;
                s.count = 1 + u32::from(rng.below(4) == 0);
            }
            // Scores close together, so that ties and near ties happen.
            let mut short: Vec<(f32, usize, usize)> = (0..1 + rng.below(12))
                .map(|_| {
                    let i = rng.below(n - 1);
                    // Often the story that other candidates have too.
                    let shared = (i / 8 + 1) * 8;
                    let j = match rng.below(2) {
                        0 if shared < n => shared,
                        _ => i + 1 + rng.below(n - i - 1),
                    };
                    (rng.below(12) as f32 * 0.5, i, j)
                })
                .collect();
            // Repeats of a candidate right below it, with its story.
            for k in 0..short.len() {
                let (v, i, j) = short[k];
                if i + 1 < j && texts[i + 1] == texts[i] && rng.below(2) == 0 {
                    short.push((v + rng.below(3) as f32 * 0.5 - 0.5, i + 1, j));
                }
            }
            short.sort_by(|a, b| b.0.total_cmp(&a.0));
            let lo = rng.below(n / 2 + 1);
            let end = n / 2 + rng.below(n / 2 + 1);
            let (finalists, words) = quote_round(&lines, &short, lo, end);
            let want = match finalists.len() {
                0 | 1 => finalists.first().map(|f| f.i),
                _ => story_round_plainly(&lines, &finalists, &words),
            };
            assert_eq!(pick(&lines, &short, lo, end), want, "{round}");
            stories += usize::from(finalists.len() > 1);
        }
        // Enough cases reach the stories.
        assert!(stories > 100, "{stories}");
    }
}
