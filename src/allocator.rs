//! The allocator of the `hjemmel` binary (and of examples/phases.rs, so that its phases add up to the
//! binary's run): mimalloc.
//!
//! A spec becomes millions of small strings and vectors; glibc's malloc and free were about a third
//! of the run at 100,000 activities (docs/performance.md). The `mimalloc` crate's allocator calls
//! `mi_malloc_aligned` for every allocation, about three times the instructions of `mi_malloc`;
//! every mimalloc block is at least word-aligned, so `mi_malloc` serves any alignment up to 8.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys::{
    mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned, mi_zalloc,
    mi_zalloc_aligned,
};

/// Alignment every mimalloc block has.
const WORD: usize = std::mem::size_of::<usize>();

pub struct MiMalloc;

// SAFETY: mimalloc returns blocks of at least the requested size and alignment (word alignment
// always, larger alignments through the `_aligned` calls), or null when out of memory.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain C calls with a size and a power-of-two alignment.
        unsafe {
            if layout.align() <= WORD {
                mi_malloc(layout.size()) as *mut u8
            } else {
                mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            if layout.align() <= WORD {
                mi_zalloc(layout.size()) as *mut u8
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator.
        unsafe { mi_free(ptr as *mut c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`'s alignment.
        unsafe {
            if layout.align() <= WORD {
                mi_realloc(ptr as *mut c_void, new_size) as *mut u8
            } else {
                mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}
