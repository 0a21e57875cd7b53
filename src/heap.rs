//! The page build's memory allocator (the only `unsafe` code in the crate): blocks in power-of-two
//! size classes, each class with a free list threaded through its free blocks, carved in address
//! order from memory the wasm grows a run of pages at a time.
//!
//! Why: std's allocator on wasm (dlmalloc) is about 3 kB of the page's gzipped wasm; this is a few
//! hundred bytes, and allocation and freeing are O(1). What it costs: a block is up to twice the
//! size asked for, and memory freed to one class is reused only by that class. That suits the page:
//! one corpus and index, then per-keystroke allocations that repeat. The worker's full build (which
//! parses any number of articles) keeps dlmalloc.
//!
//! The logic ([`Heap`]) takes its memory from a function, so native tests run it over an arena
//! with a randomized workload that checks alignment, overlap and contents; `lib.rs` installs it as
//! the global allocator of the page's wasm (single-threaded: built without the atomics feature).

use std::alloc::Layout;
use std::ptr::null_mut;
#[cfg(target_arch = "wasm32")]
use std::{alloc::GlobalAlloc, cell::UnsafeCell};

/// Bytes in a wasm page: memory grows in whole pages.
pub const PAGE: usize = 65536;
/// Smallest block, and the alignment of every block carved: enough for any primitive (u128
/// included) and for the free-list link a free block holds.
const BASE: usize = 16;
/// Pages grown at least at once (1 MiB): fewer `memory.grow` calls, each of which makes the page's
/// JS refresh its views of the memory.
const MIN_GROW_PAGES: usize = 16;
/// Size classes: class `c` holds blocks of `2^c` bytes (the small ones are unused).
const CLASSES: usize = usize::BITS as usize;

/// Size classes over memory obtained from `grow`, which takes a number of pages and returns the
/// address of that many fresh bytes (`pages * PAGE`), or `None` when memory cannot grow.
pub struct Heap<G> {
    /// Per class: the first free block (0 = none); each free block's first word is the next one.
    free: [usize; CLASSES],
    /// Next unused address of the current run, and its end.
    top: usize,
    end: usize,
    grow: G,
}

/// The class of a layout: the smallest power of two holding it and its alignment (at least
/// [`BASE`]); `None` when none fits in the address space.
fn class_of(size: usize, align: usize) -> Option<usize> {
    Some(size.max(align).max(BASE).checked_next_power_of_two()?.trailing_zeros() as usize)
}

impl<G: FnMut(usize) -> Option<usize>> Heap<G> {
    /// An empty heap: memory is asked of `grow` on the first allocation.
    pub const fn new(grow: G) -> Heap<G> {
        Heap { free: [0; CLASSES], top: 0, end: 0, grow }
    }

    /// A block for `layout`, or null when memory cannot grow.
    ///
    /// # Safety
    /// The memory `grow` returned must be valid, writable and used by nothing else.
    pub unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let Some(c) = class_of(layout.size(), layout.align()) else { return null_mut() };
        let head = self.free[c];
        // A recycled block is BASE-aligned (every block is); a stricter alignment takes a new one.
        if head != 0 && layout.align() <= BASE {
            // SAFETY: `head` is a free block of class c, at least BASE bytes, holding the next link.
            self.free[c] = unsafe { (head as *const usize).read() };
            return head as *mut u8;
        }
        self.carve(1 << c, layout.align().max(BASE)).map_or(null_mut(), |a| a as *mut u8)
    }

    /// `size` fresh bytes aligned to `align` (a power of two) from the current run, growing memory
    /// when the run is too short.
    fn carve(&mut self, size: usize, align: usize) -> Option<usize> {
        let start = |top: usize| top.checked_add(align - 1).map(|t| t & !(align - 1));
        let mut at = start(self.top)?;
        if at.checked_add(size)? > self.end {
            // Enough for the block wherever the new pages start (the rest of the run may be lost).
            let pages = size.checked_add(align)?.div_ceil(PAGE).max(MIN_GROW_PAGES);
            let base = (self.grow)(pages)?;
            if base != self.end || self.end == 0 {
                // Not contiguous with the current run (or the first run): start over at `base`.
                self.top = base;
                at = start(base)?;
            }
            self.end = base.checked_add(pages.checked_mul(PAGE)?)?;
            if at.checked_add(size)? > self.end {
                return None;
            }
        }
        self.top = at + size;
        Some(at)
    }

    /// Give back a block.
    ///
    /// # Safety
    /// `ptr` came from this heap's [`Heap::alloc`] or [`Heap::realloc`] with `layout`, and is not
    /// used after.
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        if let Some(c) = class_of(layout.size(), layout.align()) {
            // SAFETY: the block is ours, at least BASE bytes and BASE-aligned: room for the link.
            unsafe { (ptr as *mut usize).write(self.free[c]) };
            self.free[c] = ptr as usize;
        }
    }

    /// Resize a block: in place while the size stays in its class, else moved.
    ///
    /// # Safety
    /// As for [`Heap::dealloc`]; on success the old pointer is not used after.
    pub unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if class_of(layout.size(), layout.align()) == class_of(new_size, layout.align()) {
            return ptr;
        }
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else { return null_mut() };
        // SAFETY: the caller's contract for alloc, dealloc and the old block.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}

/// The wasm's linear memory, grown by `memory.grow`.
#[cfg(target_arch = "wasm32")]
fn grow_memory(pages: usize) -> Option<usize> {
    match core::arch::wasm32::memory_grow(0, pages) {
        usize::MAX => None,
        old => old.checked_mul(PAGE),
    }
}

/// How a heap gets memory: pages in, the address of the new bytes out.
#[cfg(target_arch = "wasm32")]
type Grow = fn(usize) -> Option<usize>;

/// [`Heap`] as the global allocator of a single-threaded wasm.
#[cfg(target_arch = "wasm32")]
pub struct PageHeap(UnsafeCell<Heap<Grow>>);

#[cfg(target_arch = "wasm32")]
impl PageHeap {
    /// The heap over the wasm's memory.
    pub const fn new() -> PageHeap {
        PageHeap(UnsafeCell::new(Heap::new(grow_memory as Grow)))
    }
}

#[cfg(target_arch = "wasm32")]
impl Default for PageHeap {
    fn default() -> PageHeap {
        PageHeap::new()
    }
}

// SAFETY: wasm32 without the atomics feature runs one thread, so the cell is never shared; the
// allocator is installed only in that configuration (lib.rs).
#[cfg(target_arch = "wasm32")]
unsafe impl Sync for PageHeap {}

// SAFETY: Heap hands out distinct blocks of at least the layout's size and alignment from memory
// that only it uses (memory.grow's fresh pages), and one thread calls it at a time, never
// reentrantly (it allocates nothing itself).
#[cfg(target_arch = "wasm32")]
unsafe impl GlobalAlloc for PageHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { (*self.0.get()).alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { (*self.0.get()).dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe { (*self.0.get()).realloc(ptr, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARENA: usize = 256 << 20;

    /// A heap over a 256 MiB arena handed out a run of pages at a time (with, when `gap`, a page
    /// skipped between runs so runs are not contiguous); returns the heap and the arena's range.
    fn arena_heap(gap: bool) -> (Heap<impl FnMut(usize) -> Option<usize>>, std::ops::Range<usize>) {
        let arena: &'static mut [u128] = vec![0u128; ARENA >> 4].leak();
        let range = arena.as_ptr() as usize..arena.as_ptr() as usize + ARENA;
        let mut next = range.start;
        let end = range.end;
        let heap = Heap::new(move |pages: usize| {
            let base = next;
            let after = base.checked_add(pages * PAGE + if gap { PAGE } else { 0 })?;
            if after > end {
                return None;
            }
            next = after;
            Some(base)
        });
        (heap, range)
    }

    /// xorshift, deterministic.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> usize {
            (self.next() % n) as usize
        }
    }

    fn fill(ptr: *mut u8, len: usize, tag: u8) {
        unsafe { std::ptr::write_bytes(ptr, tag, len) }
    }

    fn intact(ptr: *const u8, len: usize, tag: u8) -> bool {
        unsafe { std::slice::from_raw_parts(ptr, len) }.iter().all(|&b| b == tag)
    }

    /// Random allocations, frees and reallocations of sizes from 1 byte to 200 kB and alignments
    /// up to 256: every block is aligned, inside the arena, and keeps its contents until freed
    /// (a block handed out twice, or overlapping another, would overwrite a live block's tag).
    fn workload(gap: bool, seed: u64) {
        let (mut heap, range) = arena_heap(gap);
        let mut rng = Rng(seed);
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        for step in 0..40_000u32 {
            let tag = (step % 251) as u8 + 1;
            match rng.below(10) {
                0..=3 => {
                    let size = match rng.below(10) {
                        0 => 1 + rng.below(200_000),
                        1..=3 => 1 + rng.below(4096),
                        _ => 1 + rng.below(64),
                    };
                    let align = 1 << rng.below(9);
                    let layout = Layout::from_size_align(size, align).unwrap();
                    let p = unsafe { heap.alloc(layout) };
                    assert!(!p.is_null(), "step {step}: out of memory for {layout:?}");
                    assert_eq!(p as usize % align, 0, "step {step}: {layout:?} misaligned at {p:?}");
                    assert!(range.contains(&(p as usize)) && p as usize + size <= range.end, "step {step}");
                    fill(p, size, tag);
                    live.push((p, layout, tag));
                }
                4..=7 if !live.is_empty() => {
                    let (p, layout, t) = live.swap_remove(rng.below(live.len() as u64));
                    assert!(intact(p, layout.size(), t), "step {step}: a live block was overwritten");
                    unsafe { heap.dealloc(p, layout) };
                }
                _ if !live.is_empty() => {
                    let k = rng.below(live.len() as u64);
                    let (p, layout, t) = live[k];
                    assert!(intact(p, layout.size(), t), "step {step}: a live block was overwritten");
                    let new_size = 1 + rng.below(2 * layout.size() as u64 + 64);
                    let q = unsafe { heap.realloc(p, layout, new_size) };
                    assert!(!q.is_null(), "step {step}: realloc failed");
                    assert_eq!(q as usize % layout.align(), 0, "step {step}: realloc lost the alignment");
                    assert!(intact(q, layout.size().min(new_size), t), "step {step}: realloc lost the contents");
                    fill(q, new_size, tag);
                    live[k] = (q, Layout::from_size_align(new_size, layout.align()).unwrap(), tag);
                }
                _ => {}
            }
        }
        for (p, layout, t) in live {
            assert!(intact(p, layout.size(), t), "a live block was overwritten");
            unsafe { heap.dealloc(p, layout) };
        }
    }

    #[test]
    fn random_workload_keeps_blocks_apart_aligned_and_intact() {
        for seed in [1, 0x9e37_79b9_7f4a_7c15, 42] {
            workload(false, seed);
        }
    }

    #[test]
    fn runs_that_are_not_contiguous_are_used_apart() {
        workload(true, 7);
    }

    #[test]
    fn freed_blocks_are_reused_so_a_repeated_pattern_does_not_grow_memory() {
        let grown = std::rc::Rc::new(std::cell::Cell::new(0usize));
        let g = grown.clone();
        let (mut inner, _) = arena_heap(false);
        let mut heap = Heap::new(move |pages| {
            g.set(g.get() + pages);
            (inner.grow)(pages)
        });
        for round in 0..1000 {
            let blocks: Vec<(*mut u8, Layout)> = (1..40)
                .map(|k| {
                    let layout = Layout::from_size_align(k * 37 + round % 7, 8).unwrap();
                    (unsafe { heap.alloc(layout) }, layout)
                })
                .collect();
            for (p, layout) in blocks {
                unsafe { heap.dealloc(p, layout) };
            }
        }
        assert_eq!(grown.get(), MIN_GROW_PAGES, "one run served every round");
    }

    #[test]
    fn when_memory_cannot_grow_allocation_fails_with_null() {
        let mut heap = Heap::new(|_| None);
        assert!(unsafe { heap.alloc(Layout::from_size_align(10, 8).unwrap()) }.is_null());
        let (mut small, _) = arena_heap(false);
        // Larger than the whole arena.
        assert!(unsafe { small.alloc(Layout::from_size_align(ARENA + 1, 8).unwrap()) }.is_null());
        assert!(!unsafe { small.alloc(Layout::from_size_align(100, 8).unwrap()) }.is_null());
        assert!(class_of(usize::MAX, 1).is_none());
    }

    #[test]
    fn realloc_within_a_class_stays_in_place() {
        let (mut heap, _) = arena_heap(false);
        let layout = Layout::from_size_align(40, 8).unwrap();
        let p = unsafe { heap.alloc(layout) };
        assert_eq!(unsafe { heap.realloc(p, layout, 64) }, p, "40 and 64 bytes share the 64-byte class");
        let moved = unsafe { heap.realloc(p, Layout::from_size_align(64, 8).unwrap(), 65) };
        assert_ne!(moved, p, "65 bytes need the next class");
    }
}
