//! Sixteen bytes as one SSE2 vector, for the scans that look at sixteen bytes at a time: the
//! lexer's (src/syntax/scan.rs) and the report's escape (src/report/html/escape.rs). SSE2 is part
//! of x86-64 itself, so these are always there to call.

use std::arch::x86_64::*;

/// The first 8 bytes of `low` and of `high` as one vector, `low`'s first: two loads once compiled,
/// or one where `high` follows `low` in memory.
#[inline]
#[target_feature(enable = "sse2")]
pub(crate) fn load_halves(low: &[u8], high: &[u8]) -> __m128i {
    let eight = |bytes: &[u8]| {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&bytes[..8]);
        i64::from_le_bytes(eight)
    };
    _mm_set_epi64x(eight(high), eight(low))
}

/// `b` in each of the sixteen bytes.
#[inline]
#[target_feature(enable = "sse2")]
pub(crate) fn splat(b: u8) -> __m128i {
    _mm_set1_epi8(b as i8)
}
