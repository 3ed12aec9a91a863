//! Several short substrings looked for at once: the needles are bucketed by
//! their first byte, so a haystack costs one table look-up per byte plus a
//! comparison only where a needle could start.

/// A set of needles, bucketed by first byte.
pub struct Needles {
    buckets: Vec<Vec<&'static [u8]>>,
    /// Whether some needle starts with the byte: the common "no" in one load.
    starts: [bool; 256],
}

impl Needles {
    /// Builds the set; empty needles are ignored.
    pub fn new(needles: &[&'static str]) -> Needles {
        let mut buckets = vec![Vec::new(); 256];
        let mut starts = [false; 256];
        for n in needles.iter().filter(|n| !n.is_empty()) {
            buckets[n.as_bytes()[0] as usize].push(n.as_bytes());
            starts[n.as_bytes()[0] as usize] = true;
        }
        Needles { buckets, starts }
    }

    /// True when some needle occurs in `hay`.
    pub fn any_in(&self, hay: &str) -> bool {
        let h = hay.as_bytes();
        (0..h.len()).any(|i| {
            self.starts[h[i] as usize]
                && self.buckets[h[i] as usize]
                    .iter()
                    .any(|n| h[i..].starts_with(n))
        })
    }

    /// The length of the longest needle that `hay` has at byte `i` (0 when none).
    pub fn longest_at(&self, hay: &[u8], i: usize) -> usize {
        let rest = &hay[i..];
        if !self.starts[rest[0] as usize] {
            return 0;
        }
        self.buckets[rest[0] as usize]
            .iter()
            .filter(|n| rest.starts_with(n))
            .map(|n| n.len())
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_any_needle_and_the_longest_at_a_place() {
        let n = Needles::new(&["share", "shares", "photo:", "©"]);
        assert!(n.any_in("a photo: jo"));
        assert!(n.any_in("© 2020"));
        assert!(!n.any_in("a photograph"));
        assert_eq!(n.longest_at(b"shares", 0), 6);
        assert_eq!(n.longest_at(b"xshare", 0), 0);
    }
}
