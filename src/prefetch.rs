//! Asking the processor to load memory a loop will read a few steps later.
//!
//! Two passes over a large spec read memory the processor cannot guess the place of: the first
//! words of each declaration (a few bytes every 600 or so, in a text larger than the cache) and each
//! activity's lists (small allocations of their own) when the flow graph is built. At 100,000
//! activities each such read missed the cache; loaded a few steps ahead, it does not wait.

/// Starts loading the cache line at `at` into the cache. Any address may be given: a prefetch never
/// faults, so a dangling pointer (that of an empty `Vec`) is harmless.
#[inline(always)]
pub(crate) fn prefetch<T>(at: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: SSE, which the prefetch instruction belongs to, is part of every x86-64
        // processor; and a prefetch reads nothing the program sees, whatever the address.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(at.cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}
