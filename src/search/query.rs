//! Query parsing: what the user typed after `/` becomes required words,
//! phrases and a prefix, all folded the way the text was.

use super::fold::{TokenList, for_each_token};

/// A parsed search: every part must match for a document to match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded words that must each appear, whole (sorted, no repeats).
    pub words: Vec<String>,
    /// Sequences of words that must appear next to each other.
    pub phrases: Vec<Phrase>,
    /// The word being typed: some word must start with it.
    pub prefix: Option<String>,
}

/// Words that must appear consecutively, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// Folded words, at least two.
    pub words: Vec<String>,
    /// The last word is still being typed and matches any word it starts.
    pub last_is_prefix: bool,
}

/// A piece of the input: a bare word or the inside of a pair of quotes.
struct Piece<'a> {
    text: &'a str,
    /// Byte offset of `text` in the input.
    at: usize,
}

impl Query {
    /// Parses `input`: bare words are required words; text between double
    /// quotes (straight or curly) is a phrase; the last word is a prefix
    /// while it is being typed, i.e. when the input ends inside it (no
    /// trailing space, punctuation or closing quote). An unclosed quote is a phrase in
    /// progress. A bare word that folds to several words ("it's", "東京")
    /// is a phrase of them. Input with no words is the empty query.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let pieces = split(input);
        let mut last_prefix_piece = None;
        for (n, piece) in pieces.iter().enumerate() {
            let mut words = Vec::new();
            let mut reaches_end = false;
            for_each_token(piece.text, |w, r| {
                words.push(w.to_owned());
                reaches_end = piece.at + r.end == input.len();
            });
            let is_prefix = reaches_end && n + 1 == pieces.len();
            match words.len() {
                0 => {}
                1 if is_prefix => last_prefix_piece = words.pop(),
                1 => query.words.extend(words),
                _ => query.phrases.push(Phrase {
                    words,
                    last_is_prefix: is_prefix,
                }),
            }
        }
        query.prefix = last_prefix_piece;
        query.words.sort();
        query.words.dedup();
        query
    }

    /// True when the query has nothing to match, so it matches everything.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty() && self.prefix.is_none()
    }

    /// Whether a document made of `parts` (title, paragraphs, …: tokenized
    /// as if joined by newlines) matches every word, phrase and the prefix.
    /// Scans the text: for filtering a few documents or checking the index.
    pub fn matches<'a>(&self, parts: impl IntoIterator<Item = &'a str>) -> bool {
        let tokens = token_list(parts);
        let has = |pred: &dyn Fn(&str) -> bool| (0..tokens.len()).any(|i| pred(tokens.word(i)));
        self.words.iter().all(|w| has(&|t| t == w))
            && self
                .prefix
                .as_ref()
                .is_none_or(|p| has(&|t| t.starts_with(p.as_str())))
            && self.phrases.iter().all(|p| p.occurs_in(&tokens))
    }

    /// Whether every phrase of the query occurs in the document made of
    /// `parts`: the check the index cannot make (it keeps no positions).
    pub fn phrases_match<'a>(&self, parts: impl IntoIterator<Item = &'a str>) -> bool {
        if self.phrases.is_empty() {
            return true;
        }
        if self.phrases.iter().any(|p| p.words.len() > 64) {
            let tokens = token_list(parts);
            return self.phrases.iter().all(|p| p.occurs_in(&tokens));
        }
        // Shift-And: bit k of a phrase's state says its first k + 1 words
        // end at the current token; one pass, nothing stored per token.
        let mut states = vec![0u64; self.phrases.len()];
        let mut found = vec![false; self.phrases.len()];
        let mut missing = self.phrases.len();
        for part in parts {
            for_each_token(part, |token, _| {
                for (k, phrase) in self.phrases.iter().enumerate() {
                    if found[k] {
                        continue;
                    }
                    let state = (states[k] << 1 | 1) & phrase.mask(token);
                    states[k] = state;
                    if state >> (phrase.words.len() - 1) & 1 == 1 {
                        found[k] = true;
                        missing -= 1;
                    }
                }
            });
            if missing == 0 {
                return true;
            }
        }
        false
    }
}

impl Phrase {
    /// Whether the phrase starts at token `i` of `tokens`.
    pub(crate) fn starts_at(&self, tokens: &TokenList, i: usize) -> bool {
        let n = self.words.len();
        if i + n > tokens.len() {
            return false;
        }
        self.words.iter().enumerate().all(|(k, w)| {
            let t = tokens.word(i + k);
            if k + 1 == n && self.last_is_prefix {
                t.starts_with(w.as_str())
            } else {
                t == w
            }
        })
    }

    /// Bit `k` set when `token` matches word `k` of the phrase.
    #[inline]
    fn mask(&self, token: &str) -> u64 {
        let token = token.as_bytes();
        let last = self.words.len() - 1;
        let mut mask = 0;
        for (k, w) in self.words.iter().enumerate() {
            let w = w.as_bytes();
            // Most tokens differ in the first byte: skip the full compare.
            if w.first() != token.first() {
                continue;
            }
            let hit = if k == last && self.last_is_prefix {
                token.starts_with(w)
            } else {
                token == w
            };
            mask |= u64::from(hit) << k;
        }
        mask
    }

    fn occurs_in(&self, tokens: &TokenList) -> bool {
        (0..tokens.len()).any(|i| self.starts_at(tokens, i))
    }
}

fn token_list<'a>(parts: impl IntoIterator<Item = &'a str>) -> TokenList {
    let mut tokens = TokenList::default();
    for part in parts {
        tokens.push_text(part, 0);
    }
    tokens
}

/// Splits the input at whitespace outside quotes and at every quote.
fn split(input: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut start: Option<usize> = None;
    let mut quoted = false;
    for (i, c) in input.char_indices() {
        let is_quote = matches!(c, '"' | '“' | '”' | '„' | '＂');
        if is_quote {
            if let Some(s) = start.take() {
                pieces.push(Piece {
                    text: &input[s..i],
                    at: s,
                });
            }
            quoted = !quoted;
            if quoted {
                start = Some(i + c.len_utf8());
            }
        } else if c.is_whitespace() && !quoted {
            if let Some(s) = start.take() {
                pieces.push(Piece {
                    text: &input[s..i],
                    at: s,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        pieces.push(Piece {
            text: &input[s..],
            at: s,
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(words: &[&str], last_is_prefix: bool) -> Phrase {
        Phrase {
            words: words.iter().map(|w| w.to_string()).collect(),
            last_is_prefix,
        }
    }

    #[test]
    fn words_phrases_and_a_prefix() {
        let q = Query::parse("Café \"Harbour Bridge\" vot");
        assert_eq!(q.words, ["cafe"]);
        assert_eq!(q.phrases, [phrase(&["harbour", "bridge"], false)]);
        assert_eq!(q.prefix.as_deref(), Some("vot"));
    }

    #[test]
    fn trailing_space_makes_the_last_word_exact() {
        let q = Query::parse("harbour vot ");
        assert_eq!(q.words, ["harbour", "vot"]);
        assert_eq!(q.prefix, None);
    }

    #[test]
    fn unterminated_quote_is_a_phrase_in_progress() {
        let q = Query::parse("\"harbour bri");
        assert_eq!(q.phrases, [phrase(&["harbour", "bri"], true)]);
        assert_eq!(
            Query::parse("“harbour bridge ").phrases,
            [phrase(&["harbour", "bridge"], false)]
        );
        assert_eq!(Query::parse("\"harb").prefix.as_deref(), Some("harb"));
        assert_eq!(Query::parse("\"harb\"").words, ["harb"]);
    }

    #[test]
    fn closed_quote_at_the_end_is_exact() {
        let q = Query::parse("x “harbour bridge”");
        assert_eq!(q.phrases, [phrase(&["harbour", "bridge"], false)]);
        assert_eq!(q.words, ["x"]);
        assert_eq!(q.prefix, None);
    }

    #[test]
    fn words_that_fold_to_several_become_phrases() {
        assert_eq!(Query::parse("it's ").phrases, [phrase(&["it", "s"], false)]);
        assert_eq!(Query::parse("東京").phrases, [phrase(&["東", "京"], true)]);
    }

    #[test]
    fn empty_and_symbol_only_queries_are_empty() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("  \"\" 😀 ").is_empty());
        let q = Query::parse("cafe 😀");
        assert_eq!(
            (q.words.as_slice(), q.prefix.as_deref()),
            (&["cafe".to_string()][..], None)
        );
    }

    #[test]
    fn repeated_words_count_once() {
        assert_eq!(Query::parse("b a b ").words, ["a", "b"]);
    }

    #[test]
    fn matches_checks_every_part() {
        let doc = ["Harbour news", "The bridge over the harbour opened."];
        assert!(Query::parse("harbour bri").matches(doc));
        assert!(Query::parse("\"the harbour\"").matches(doc));
        assert!(!Query::parse("\"harbour bridge\"").matches(doc));
        assert!(
            Query::parse("\"news the\"").matches(doc),
            "parts join like lines"
        );
        assert!(!Query::parse("harbour brix").matches(doc));
        assert!(Query::parse("\"harbour bridge\"").phrases_match(["harbour bridge"]));
        assert!(!Query::parse("\"harbour bridge\"").phrases_match(["bridge harbour"]));
    }

    #[test]
    fn phrase_check_handles_repeats_and_all_phrases() {
        let q = Query::parse("\"a a b\" \"c d");
        assert!(q.phrases_match(["x a a a b", "c dog"]));
        assert!(!q.phrases_match(["x a b a a", "c dog"]));
        assert!(!q.phrases_match(["a a b c"]));
        let long: Vec<String> = (0..70).map(|i| format!("w{i}")).collect();
        let q = Query::parse(&format!("\"{}\"", long.join(" ")));
        assert!(q.phrases_match([long.join(" ").as_str()]));
        assert!(!q.phrases_match([long[1..].join(" ").as_str()]));
    }
}
