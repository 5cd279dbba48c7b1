//! The allocator of a bench binary: the system allocator, as tests and
//! library users have, or mimalloc (the window's allocator) when built with
//! `BENCH_ALLOCATOR=mimalloc` (cargo rebuilds when it changes), to compare.
//! Included by `monte_carlo.rs` and `projection.rs` with `#[path]`.

use std::alloc::{GlobalAlloc, Layout, System};

/// The system allocator, or mimalloc when built with
/// `BENCH_ALLOCATOR=mimalloc` (cargo rebuilds when it changes).
struct BenchAllocator;

pub const MIMALLOC: bool = is_mimalloc(option_env!("BENCH_ALLOCATOR"));

const fn is_mimalloc(name: Option<&str>) -> bool {
    let Some(name) = name else { return false };
    let (a, b) = (name.as_bytes(), b"mimalloc");
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

// SAFETY: forwards every call to one allocator, fixed at compile time.
unsafe impl GlobalAlloc for BenchAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe {
            if MIMALLOC {
                mimalloc::MiMalloc.alloc(layout)
            } else {
                System.alloc(layout)
            }
        }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from the same allocator.
        unsafe {
            if MIMALLOC {
                mimalloc::MiMalloc.dealloc(ptr, layout)
            } else {
                System.dealloc(ptr, layout)
            }
        }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe {
            if MIMALLOC {
                mimalloc::MiMalloc.alloc_zeroed(layout)
            } else {
                System.alloc_zeroed(layout)
            }
        }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from the same allocator.
        unsafe {
            if MIMALLOC {
                mimalloc::MiMalloc.realloc(ptr, layout, new_size)
            } else {
                System.realloc(ptr, layout, new_size)
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: BenchAllocator = BenchAllocator;
