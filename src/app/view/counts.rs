//! Line counts per block with prefix sums in O(log n): a Fenwick tree, so
//! that refining one block's count and finding the block holding a line
//! both stay cheap on articles of hundreds of thousands of blocks.

#[derive(Debug, Default, Clone)]
pub(super) struct Counts {
    values: Vec<usize>,
    /// `tree[i - 1]` holds the sum of the `i & i.wrapping_neg()` values ending at `i - 1`.
    tree: Vec<usize>,
    total: usize,
}

impl Counts {
    pub(super) fn new(values: Vec<usize>) -> Self {
        let mut tree = values.clone();
        for i in 1..=tree.len() {
            let parent = i + (i & i.wrapping_neg());
            if parent <= tree.len() {
                tree[parent - 1] += tree[i - 1];
            }
        }
        let total = values.iter().sum();
        Counts {
            values,
            tree,
            total,
        }
    }

    pub(super) fn total(&self) -> usize {
        self.total
    }

    pub(super) fn get(&self, block: usize) -> usize {
        self.values[block]
    }

    pub(super) fn set(&mut self, block: usize, value: usize) {
        let old = self.values[block];
        if old == value {
            return;
        }
        self.values[block] = value;
        self.total = self.total - old + value;
        let mut i = block + 1;
        while i <= self.tree.len() {
            self.tree[i - 1] = self.tree[i - 1] - old + value;
            i += i & i.wrapping_neg();
        }
    }

    /// Lines before `block`.
    pub(super) fn start(&self, block: usize) -> usize {
        let mut sum = 0;
        let mut i = block.min(self.tree.len());
        while i > 0 {
            sum += self.tree[i - 1];
            i -= i & i.wrapping_neg();
        }
        sum
    }

    /// The block holding `line` and the line's place in it; None past the end.
    pub(super) fn find(&self, line: usize) -> Option<(usize, usize)> {
        if line >= self.total {
            return None;
        }
        // The largest prefix of blocks whose lines all come before `line`.
        let mut at = 0;
        let mut left = line;
        let mut step = self.tree.len().next_power_of_two();
        while step > 0 {
            let next = at + step;
            if next <= self.tree.len() && self.tree[next - 1] <= left {
                at = next;
                left -= self.tree[next - 1];
            }
            step /= 2;
        }
        Some((at, left))
    }
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    fn prefix_sums_and_lookups_follow_updates() {
        let mut values = vec![3, 0, 1, 5, 0, 0, 2, 4, 1];
        let mut counts = Counts::new(values.clone());
        for step in 0..20 {
            let block = (step * 7) % values.len();
            let value = (step * 5) % 4;
            values[block] = value;
            counts.set(block, value);
            assert_eq!(counts.total(), values.iter().sum::<usize>());
            for b in 0..=values.len() {
                assert_eq!(counts.start(b), values[..b].iter().sum::<usize>());
            }
            let mut line = 0;
            for (b, &n) in values.iter().enumerate() {
                for k in 0..n {
                    assert_eq!(counts.find(line), Some((b, k)), "{values:?} {line}");
                    line += 1;
                }
            }
            assert_eq!(counts.find(line), None);
        }
    }
}
