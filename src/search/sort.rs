//! Sorting, kept small for the wasm. Each closure passed to the standard library's sorts compiles
//! to its own copy of the sort (2–5 kB each), so search sorts only `u64` keys (packing what it
//! orders by into one number) and `(&str, u32)` pairs at build time, and uses a few-line insertion
//! sort for the short lists (clauses, hints, a window of hits).

/// Sort keys ascending and drop duplicates.
pub(crate) fn sort_dedup(keys: &mut Vec<u64>) {
    keys.sort_unstable();
    keys.dedup();
}

/// Keep the `k` smallest keys, sorted. A whole sort then a cut, with the sort [`sort_dedup`]
/// already links: the standard library's selection (`select_nth_unstable`: median of medians,
/// ninthers, its own heap sort) cost the page's wasm about 1 kB gzipped, and the lists cut here
/// (a prefix's completions, a word's typo matches, facet values) are a few thousand keys at most.
pub(crate) fn smallest(keys: &mut Vec<u64>, k: usize) {
    keys.sort_unstable();
    keys.truncate(k);
}

/// Sort strings with their ids (by string, then id).
pub(crate) fn sort_strs(v: &mut [(&str, u32)]) {
    v.sort_unstable();
}

/// Stable insertion sort for short slices (up to a few hundred items).
pub(crate) fn insertion_sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts() {
        let mut k = vec![5, 1, 4, 1, 3];
        sort_dedup(&mut k);
        assert_eq!(k, [1, 3, 4, 5]);
        let mut k = vec![9, 2, 7, 4, 8];
        smallest(&mut k, 3);
        assert_eq!(k, [2, 4, 7]);
        for (n, want) in [(0, &[][..]), (5, &[2, 4, 7, 8, 9][..]), (9, &[2, 4, 7, 8, 9][..])] {
            let mut k = vec![9, 2, 7, 4, 8];
            smallest(&mut k, n);
            assert_eq!(k, want, "the {n} smallest");
        }
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd')];
        insertion_sort_by(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, [(1, 'b'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }
}
