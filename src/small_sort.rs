//! Sorting for the core's short lists without the standard library's sorts: their generic
//! driftsort and ipnsort add about 5 KB of wasm for each element type, 21 KB in all, for lists of
//! a few items (reasons, brand scores, markers found).

/// Stable insertion sort by key, for lists of tens of items at most.
pub fn sort_short_by_key<T, K: Ord>(list: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..list.len() {
        let mut j = i;
        while j > 0 {
            match (list.get(j - 1), list.get(j)) {
                (Some(before), Some(this)) if key(before) > key(this) => list.swap(j - 1, j),
                _ => break,
            }
            j -= 1;
        }
    }
}

/// The distinct indices of `found`, ascending: linear in its length and largest index, however
/// many repeats a hostile page makes. Indices far larger than the list (not indices into a list
/// of the caller's) are sorted by insertion instead of given a table that large.
pub fn sorted_unique(found: &[usize]) -> Vec<usize> {
    let Some(&largest) = found.iter().max() else {
        return Vec::new();
    };
    if largest / 16 > found.len() {
        let mut sorted = found.to_vec();
        sort_short_by_key(&mut sorted, |&i| i);
        sorted.dedup();
        return sorted;
    }
    let mut seen = vec![false; largest.saturating_add(1)];
    for &i in found {
        if let Some(flag) = seen.get_mut(i) {
            *flag = true;
        }
    }
    (0..=largest)
        .filter(|&i| seen.get(i) == Some(&true))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_key() {
        let mut list = [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_short_by_key(&mut list, |p| std::cmp::Reverse(p.0));
        assert_eq!(list, [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'e'), (0, 'd')]);
        let mut empty: [u8; 0] = [];
        sort_short_by_key(&mut empty, |x| *x);
    }

    #[test]
    fn keeps_each_index_once_in_order() {
        assert_eq!(sorted_unique(&[5, 1, 5, 3, 1]), vec![1, 3, 5]);
        assert_eq!(sorted_unique(&[]), Vec::<usize>::new());
        // Not indices into anything: no table of that size.
        assert_eq!(
            sorted_unique(&[usize::MAX, 3, usize::MAX]),
            vec![3, usize::MAX]
        );
    }
}
