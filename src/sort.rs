//! One small sort for the whole crate. Each element type or closure given to the standard
//! library's sorts compiles to its own copy of pdqsort/driftsort (2–3.5 kB of wasm each); this heap
//! sort compiles to a few hundred bytes per element type, and the comparison goes through `dyn Fn`
//! so closures add nothing. O(n log n), in place, no recursion; not stable (ties keep no order, so
//! callers that need determinism compare on a full key). Hot paths that sort many `u64` keys per
//! keystroke keep the standard sort (`search::sort`), one instantiation for all of them.

/// Sort ascending by `less` (a strict "comes before").
pub fn sort_by<T>(v: &mut [T], less: &dyn Fn(&T, &T) -> bool) {
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift(v, start, n, less);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end, less);
    }
}

fn sift<T>(v: &mut [T], mut root: usize, end: usize, less: &dyn Fn(&T, &T) -> bool) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

/// Sort ascending by `Ord` (statically dispatched: for hot loops over small keys).
pub fn sort<T: Ord>(v: &mut [T]) {
    fn sift<T: Ord>(v: &mut [T], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v[child] < v[child + 1] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// Sort ascending and drop repeats.
pub fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    sort(v);
    v.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Agrees with the standard sort on random inputs of every small length, with many ties.
    #[test]
    fn agrees_with_std() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for n in 0..300 {
            let v: Vec<(u8, String)> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((x % 7) as u8, format!("{}", x % 5))
                })
                .collect();
            let (mut ours, mut by, mut std) = (v.clone(), v.clone(), v);
            sort(&mut ours);
            sort_by(&mut by, &|a, b| a < b);
            std.sort();
            assert_eq!(ours, std, "n = {n}");
            assert_eq!(by, std, "sort_by, n = {n}");
        }
        let mut d = vec![3, 1, 3, 2, 1];
        sort_dedup(&mut d);
        assert_eq!(d, [1, 2, 3]);
    }
}
