//! Looking for one line's key inside other lines' keys (a page quoting its
//! headline), with a search that costs little to set up: a key is looked
//! for in a few dozen short lines, where building a general substring
//! searcher (`memmem::Finder`, which also ranks the key's bytes and sets up
//! Two-Way) cost more than all the searching.

/// How many of a key's first bytes its search pair is chosen from.
#[cfg(target_arch = "x86_64")]
const PAIR_FROM: usize = 16;

/// A key to look for in other keys.
pub struct KeyFinder<'k> {
    key: &'k [u8],
    how: How<'k>,
}

/// How a key is looked for: by a pair of its bytes checked for many
/// positions at once (SSE2 or AVX2), candidates confirmed by comparing the
/// key, or else by the general searcher.
enum How<'k> {
    #[cfg(target_arch = "x86_64")]
    Avx2(memchr::arch::x86_64::avx2::packedpair::Finder),
    #[cfg(target_arch = "x86_64")]
    Sse2(memchr::arch::x86_64::sse2::packedpair::Finder),
    General(memchr::memmem::Finder<'k>),
}

impl<'k> KeyFinder<'k> {
    /// A finder for `key`, by the fastest way this machine has.
    pub fn new(key: &'k [u8]) -> KeyFinder<'k> {
        #[cfg(target_arch = "x86_64")]
        {
            use memchr::arch::x86_64::{avx2, sse2};
            // The pair: the two rarest bytes (by a table of byte
            // frequencies in common text) among the first few of the key,
            // as good a pair for a headline and cheaper to rank.
            let head = &key[..key.len().min(PAIR_FROM)];
            if let Some(pair) = memchr::arch::all::packedpair::Pair::new(head) {
                if let Some(f) = avx2::packedpair::Finder::with_pair(key, pair) {
                    return KeyFinder {
                        key,
                        how: How::Avx2(f),
                    };
                }
                if let Some(f) = sse2::packedpair::Finder::with_pair(key, pair) {
                    return KeyFinder {
                        key,
                        how: How::Sse2(f),
                    };
                }
            }
        }
        KeyFinder::general(key)
    }

    /// A finder for `key` by the general searcher (where no pair search
    /// exists, and for tests).
    fn general(key: &'k [u8]) -> KeyFinder<'k> {
        KeyFinder {
            key,
            how: How::General(memchr::memmem::Finder::new(key)),
        }
    }

    /// True when the key occurs in `hay`.
    pub fn is_in(&self, hay: &[u8]) -> bool {
        match &self.how {
            #[cfg(target_arch = "x86_64")]
            How::Avx2(f) if hay.len() >= f.min_haystack_len() => f.find(hay, self.key).is_some(),
            #[cfg(target_arch = "x86_64")]
            How::Sse2(f) if hay.len() >= f.min_haystack_len() => f.find(hay, self.key).is_some(),
            How::General(f) => f.find(hay).is_some(),
            // Too short for the vectors: a few positions, compared directly.
            #[cfg(target_arch = "x86_64")]
            _ => self.in_short(hay),
        }
    }

    /// `is_in` position by position, for haystacks shorter than a vector.
    fn in_short(&self, hay: &[u8]) -> bool {
        self.key.is_empty() || hay.windows(self.key.len()).any(|w| w == self.key)
    }
}

#[cfg(test)]
mod tests {
    use super::super::content_words::tests::Rng;
    use super::*;

    /// Every way of looking for `key` this machine has, and the plain one.
    fn all_finders(key: &[u8]) -> Vec<KeyFinder<'_>> {
        let mut finders = vec![KeyFinder::new(key), KeyFinder::general(key)];
        #[cfg(target_arch = "x86_64")]
        if let Some(f) = memchr::arch::x86_64::sse2::packedpair::Finder::new(key) {
            finders.push(KeyFinder {
                key,
                how: How::Sse2(f),
            });
        }
        finders
    }

    #[test]
    fn finds_keys_as_a_plain_search_does() {
        let mut rng = Rng(0x9e37_79b9_0bad_cafe);
        // Few letters, so that near misses and repeats are common.
        let alphabet = b"abcab\xc3\xa9";
        let text = |rng: &mut Rng, n: usize| -> Vec<u8> {
            (0..n)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect()
        };
        for round in 0..3000 {
            let n = 1 + rng.below(40);
            let key = text(&mut rng, n);
            let hay = match rng.below(3) {
                // The key inside, at any place, in haystacks long and short.
                0 => {
                    let n = rng.below(120);
                    let mut hay = text(&mut rng, n);
                    let at = rng.below(hay.len() + 1);
                    hay.splice(at..at, key.iter().copied());
                    hay
                }
                _ => {
                    let n = rng.below(200);
                    text(&mut rng, n)
                }
            };
            let want = hay.windows(key.len()).any(|w| w == key.as_slice());
            for f in all_finders(&key) {
                assert_eq!(f.is_in(&hay), want, "{round}");
            }
        }
    }
}
