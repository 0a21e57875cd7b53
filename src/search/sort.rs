//! Sorting, kept small for the wasm. Each closure passed to the standard library's sorts compiles
//! to its own copy of the sort (2–5 kB each), so search sorts only `u64` keys (packing what it
//! orders by into one number) and `(&str, u32)` pairs at build time, and uses a few-line insertion
//! sort for the short lists (clauses, hints, a window of hits).

/// Sort keys ascending and drop duplicates.
pub(crate) fn sort_dedup(keys: &mut Vec<u64>) {
    sort_keys(keys);
    keys.dedup();
}

/// Sort keys ascending: an insertion sort for a few, else a least-significant-digit radix sort by
/// bytes, skipping the bytes no two keys differ in (a posting merge's keys, doc << 32 | order,
/// differ in about four). The standard library's sort, built for size as the page's wasm is, is
/// a heap sort: its n log n compares made a posting merge the costliest part of a keystroke.
pub(crate) fn sort_keys(keys: &mut Vec<u64>) {
    if keys.len() <= 24 {
        insertion_sort_by(keys, |a, b| a < b);
        return;
    }
    let (mut any, mut all) = (0u64, u64::MAX);
    for &k in keys.iter() {
        any |= k;
        all &= k;
    }
    let differ = any ^ all;
    let mut buf = vec![0u64; keys.len()];
    for shift in (0..64).step_by(8) {
        if differ >> shift & 0xff == 0 {
            continue;
        }
        let mut at = [0usize; 256];
        for &k in keys.iter() {
            at[(k >> shift & 0xff) as usize] += 1;
        }
        let mut sum = 0;
        for a in at.iter_mut() {
            (*a, sum) = (sum, sum + *a);
        }
        // Each byte's slots start where the smaller bytes' end, so every key lands inside `buf`.
        for &k in keys.iter() {
            let slot = &mut at[(k >> shift & 0xff) as usize];
            buf[*slot] = k;
            *slot += 1;
        }
        std::mem::swap(keys, &mut buf);
    }
}

/// Keep the `k` smallest keys, sorted: [`best_k`] when `k` is small, else a whole sort and a cut.
/// A whole sort then a cut cost a tenth of a keystroke's time at PolNeAR scale in the page's wasm;
/// the standard library's selection (`select_nth_unstable`) costs about 1 kB gzipped there.
pub(crate) fn smallest(keys: &mut Vec<u64>, k: usize) {
    if keys.len() <= k || k > 256 {
        sort_keys(keys);
        keys.truncate(k);
        return;
    }
    *keys = best_k(keys, k, |a, b| a.cmp(b));
}

/// The first `k` of `items` in `order`, sorted (ties keep input order). One pass keeping the best
/// `k` so far in order (a binary search and an insert for each item that beats the worst kept):
/// O(n) comparisons when, as usual, few items beat the worst kept.
pub(crate) fn best_k<T: Copy>(items: &[T], k: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<T> {
    let mut best: Vec<T> = Vec::with_capacity(k + 1);
    for item in items {
        if best.len() == k && best.last().is_some_and(|worst| order(item, worst).is_ge()) {
            continue;
        }
        let at = best.partition_point(|b| order(b, item).is_le());
        best.insert(at, *item);
        best.truncate(k);
    }
    best
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
        // Against a whole sort, over pseudo-random keys with repeats, for cuts on both sides of
        // the one-pass path's bounds.
        let mut next = crate::search::matching::tests::xorshift(0x9E37_79B9_7F4A_7C15);
        let keys: Vec<u64> = (0..3000).map(|_| next(2000) as u64).collect();
        for n in [0, 1, 24, 25, 3000] {
            let mut got = keys[..n].to_vec();
            let mut want = got.clone();
            sort_dedup(&mut got);
            want.sort_unstable();
            want.dedup();
            assert_eq!(got, want, "{n} keys sorted");
        }
        // Keys that differ only in high bytes, in low bytes, or not at all.
        for shape in [|k: u64| k << 52, |k: u64| k, |_: u64| 7] {
            let mut got: Vec<u64> = keys.iter().map(|&k| shape(k)).collect();
            let mut want = got.clone();
            sort_keys(&mut got);
            want.sort_unstable();
            assert_eq!(got, want);
        }
        for k in [0, 1, 2, 64, 256, 257, 2999, 3000, 5000] {
            let (mut got, mut want) = (keys.clone(), keys.clone());
            smallest(&mut got, k);
            want.sort_unstable();
            want.truncate(k);
            assert_eq!(got, want, "the {k} smallest of 3000");
        }
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd')];
        insertion_sort_by(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, [(1, 'b'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }
}
