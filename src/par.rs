//! Work spread over the machine's cores, for the command line: one article per task, results in
//! input order. Articles are independent (parsing and extraction read one text each), so the only
//! shared state is the next index to take. In the browser (wasm32, one thread) it is a plain loop.

/// `f` applied to every item, in order; on native builds the items are shared out among up to
/// [`std::thread::available_parallelism`] threads, each taking the next item when it is free (so
/// one long article does not hold up a fixed share of the others).
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        map_on(items, &f, threads)
    }
    #[cfg(target_arch = "wasm32")]
    items.iter().map(f).collect()
}

/// [`map`] on at most `threads` threads (one: this thread alone).
#[cfg(not(target_arch = "wasm32"))]
pub fn map_on<T: Sync, U: Send>(items: &[T], f: &(impl Fn(&T) -> U + Sync), threads: usize) -> Vec<U> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { return done };
            done.push((i, f(item)));
        }
    };
    let mut all: Vec<(usize, U)> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            // A panic in `f` on another thread is raised again here, as if the loop had run here.
            all.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        all
    });
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, u)| u).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_on_any_number_of_threads() {
        let items: Vec<u64> = (0..1000).collect();
        let want: Vec<u64> = items.iter().map(|x| x * x).collect();
        for threads in [1, 2, 3, 8] {
            assert_eq!(map_on(&items, &|x| x * x, threads), want, "{threads} threads");
        }
        assert_eq!(map(&items, |x| x * x), want);
        assert!(map(&[] as &[u64], |x| x * x).is_empty());
    }
}
