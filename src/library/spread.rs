//! Putting a few new items into their places in a long array, in place:
//! the items after the first place move up once each (a memory move per
//! stretch between two places), nothing is allocated while the array has
//! room, and nothing is compared. Adding a batch to a large collection
//! does this to each per-article array (see `append.rs`), where
//! building each array afresh cost a pass, an allocation and the page
//! faults of touching new memory.

/// Puts `new[j]` at index `places[j] + j` of `v`: before the item that was
/// at `places[j]` (after all of them when it is `v.len()`), the items
/// already there keeping their order, so that the one at `i` goes to `i`
/// plus the number of places `<= i`. `places` is ascending; new items of
/// one place go in their order in `new`.
pub(super) fn spread<T>(v: &mut Vec<T>, places: &[usize], new: Vec<T>) {
    let (n, k) = (v.len(), new.len());
    assert_eq!(places.len(), k, "one place per new item");
    assert!(
        places.windows(2).all(|w| w[0] <= w[1]) && places.last().is_none_or(|&p| p <= n),
        "places ascending, within the array"
    );
    if k == 0 {
        return;
    }
    v.reserve(k);
    let mut new = std::mem::ManuallyDrop::new(new);
    // SAFETY: `v` has room for `n + k` items. Going down from the end,
    // each stretch of old items, `places[j]..end`, moves up by `j + 1`
    // (into room past it: the slots above `end + j` were either never
    // initialised or already moved from), then new item `j` is moved into
    // the slot just below it; the stretches and slots written are disjoint
    // and together fill `0..n + k` once. Nothing in the loop can panic, so
    // no item is dropped twice or left behind: `v`'s length is set once
    // every slot holds an item, and `new`'s buffer is freed without
    // dropping the items moved out of it.
    unsafe {
        let base = v.as_mut_ptr();
        let from = new.as_ptr();
        let mut end = n;
        for j in (0..k).rev() {
            let place = places[j];
            std::ptr::copy(base.add(place), base.add(place + j + 1), end - place);
            std::ptr::write(base.add(place + j), std::ptr::read(from.add(j)));
            end = place;
        }
        v.set_len(n + k);
        new.set_len(0);
        std::mem::ManuallyDrop::drop(&mut new);
    }
}

/// Per old index `i` of an array of `len`, its index once [`spread`] put
/// new items at `places`: `i` plus the number of places `<= i`.
pub(super) fn moved(len: usize, places: &[usize]) -> Vec<usize> {
    let mut remap = Vec::with_capacity(len);
    let mut start = 0;
    for (j, &place) in places.iter().enumerate() {
        remap.extend((start..place).map(|i| i + j));
        start = start.max(place);
    }
    remap.extend((start..len).map(|i| i + places.len()));
    remap
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;

    /// What [`spread`] should give, built the plain way.
    fn spread_plainly<T: Clone>(v: &[T], places: &[usize], new: &[T]) -> Vec<T> {
        let mut out = Vec::new();
        let mut j = 0;
        for (i, item) in v.iter().enumerate() {
            while j < new.len() && places[j] <= i {
                out.push(new[j].clone());
                j += 1;
            }
            out.push(item.clone());
        }
        out.extend_from_slice(&new[j..]);
        out
    }

    #[test]
    fn items_go_to_their_places_and_the_old_ones_keep_their_order() {
        let mut rng = Rng(5);
        for round in 0..400 {
            let n = rng.below(40);
            let k = rng.below(12);
            // Owned strings: a slot moved twice or missed would show (or
            // crash) when they are compared and dropped.
            let old: Vec<String> = (0..n).map(|i| format!("old {i}")).collect();
            let new: Vec<String> = (0..k).map(|j| format!("new {j}")).collect();
            let mut places: Vec<usize> = (0..k).map(|_| rng.below(n + 1)).collect();
            places.sort_unstable();
            let want = spread_plainly(&old, &places, &new);
            let mut v = old.clone();
            if round % 2 == 0 {
                v.shrink_to_fit();
            }
            spread(&mut v, &places, new);
            assert_eq!(v, want, "{places:?}");
            let remap = moved(n, &places);
            for (i, item) in old.iter().enumerate() {
                assert_eq!(&v[remap[i]], item);
            }
            assert!(remap.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    #[should_panic(expected = "places ascending")]
    fn places_out_of_order_are_refused_before_anything_moves() {
        spread(&mut vec![1, 2, 3], &[2, 1], vec![7, 8]);
    }
}
