//! Byte scans that run over most of a spec, sixteen bytes at a time.
//!
//! Reading a spec is a few scans repeated millions of times: the run of letters of a name, the
//! next quote, brace or slash of a block, the end of a quoted text. Most of what they pass over is
//! short (a name, a text of a few dozen bytes), where a call to `memchr` costs more in setting up
//! than in searching. With SSE2, which every x86-64
//! processor has, sixteen bytes are tested in a handful of instructions, inline; elsewhere the
//! same answer comes a byte at a time. The tests check both against the byte-by-byte definition.

/// The position of the first byte of `bytes[from..]` that is one of `needles`, if any.
#[inline]
pub(super) fn find_any<const N: usize>(
    bytes: &[u8],
    from: usize,
    needles: [u8; N],
) -> Option<usize> {
    let mut at = from;
    #[cfg(target_arch = "x86_64")]
    while let Some(sixteen) = bytes.get(at..at + 16) {
        // SAFETY: SSE2 is part of x86-64 itself: every processor this code is built for has it.
        let found = unsafe { sse2::equal_to_any(sixteen, needles) };
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize);
        }
        at += 16;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|b| needles.contains(b))
        .map(|i| at + i)
}

/// A way to run [`find_any`]: the scans of [`chunks::split`](super::chunks::split) are written once
/// and compiled for each.
pub(super) trait Finder {
    fn find_any<const N: usize>(bytes: &[u8], from: usize, needles: [u8; N]) -> Option<usize>;
}

/// [`find_any`] as it is, sixteen bytes at a time (SSE2) or a byte at a time.
pub(super) struct Portable;

impl Finder for Portable {
    #[inline(always)]
    fn find_any<const N: usize>(bytes: &[u8], from: usize, needles: [u8; N]) -> Option<usize> {
        find_any(bytes, from, needles)
    }
}

/// [`find_any`] 32 bytes at a time. Only for code compiled for AVX2 and run where the processor
/// has it (checked once, by the caller that chooses this finder).
#[cfg(target_arch = "x86_64")]
pub(super) struct Avx2;

#[cfg(target_arch = "x86_64")]
impl Finder for Avx2 {
    #[inline(always)]
    fn find_any<const N: usize>(bytes: &[u8], from: usize, needles: [u8; N]) -> Option<usize> {
        // SAFETY: `Avx2` is only used where the processor has AVX2 (see above).
        unsafe { avx2::find_any(bytes, from, needles) }
    }
}

/// Bit `i` set where byte `i` of `bytes` (16 of them) is not an ASCII letter, digit or `_`; `None`
/// when SSE2 is not there to ask (the caller then tests byte by byte).
#[inline]
pub(super) fn non_ident_bytes(bytes: &[u8]) -> Option<u32> {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of x86-64 itself.
        Some(unsafe { sse2::non_ident_bytes(bytes) })
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = bytes;
        None
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use crate::sse2::{load_halves, splat};
    use std::arch::x86_64::*;

    /// The first 16 bytes of `bytes` as a vector (one unaligned load once compiled).
    #[inline]
    #[target_feature(enable = "sse2")]
    fn load(bytes: &[u8]) -> __m128i {
        load_halves(bytes, &bytes[8..])
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    pub(super) fn equal_to_any<const N: usize>(bytes: &[u8], needles: [u8; N]) -> u32 {
        let v = load(bytes);
        let mut hits = _mm_setzero_si128();
        for needle in needles {
            hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, splat(needle)));
        }
        _mm_movemask_epi8(hits) as u32
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    pub(super) fn non_ident_bytes(bytes: &[u8]) -> u32 {
        let v = load(bytes);
        // Bytes from 0x80 on are negative as `i8`, so the signed comparisons never take them for
        // letters or digits. Setting bit 5 makes `A`..=`Z` into `a`..=`z` and nothing else a letter.
        let folded = _mm_or_si128(v, splat(0x20));
        let letter = _mm_and_si128(
            _mm_cmpgt_epi8(folded, splat(b'a' - 1)),
            _mm_cmplt_epi8(folded, splat(b'z' + 1)),
        );
        let digit = _mm_and_si128(
            _mm_cmpgt_epi8(v, splat(b'0' - 1)),
            _mm_cmplt_epi8(v, splat(b'9' + 1)),
        );
        let underscore = _mm_cmpeq_epi8(v, splat(b'_'));
        let ident = _mm_or_si128(_mm_or_si128(letter, digit), underscore);
        !(_mm_movemask_epi8(ident) as u32) & 0xFFFF
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    /// [`find_any`](super::find_any) with 32 bytes to a vector; the last bytes, fewer than 32, as
    /// it reads them.
    #[inline]
    #[target_feature(enable = "avx2")]
    pub(super) fn find_any<const N: usize>(
        bytes: &[u8],
        from: usize,
        needles: [u8; N],
    ) -> Option<usize> {
        let mut at = from;
        while let Some(block) = bytes.get(at..at + 32) {
            // SAFETY: `block` holds 32 bytes; the load takes any alignment.
            let v = unsafe { _mm256_loadu_si256(block.as_ptr().cast()) };
            let mut hits = _mm256_setzero_si256();
            for needle in needles {
                hits = _mm256_or_si256(hits, _mm256_cmpeq_epi8(v, _mm256_set1_epi8(needle as i8)));
            }
            let found = _mm256_movemask_epi8(hits) as u32;
            if found != 0 {
                return Some(at + found.trailing_zeros() as usize);
            }
            at += 32;
        }
        super::find_any(bytes, at, needles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_any_finds_the_first_needle_wherever_it_stands() {
        let needles = [b'"', b'{', b'}', b'/'];
        for len in [0, 1, 15, 16, 17, 31, 32, 40] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let expected = needles.contains(&b).then_some(at);
                    assert_eq!(
                        find_any(&bytes, 0, needles),
                        expected,
                        "{b:#04x} at {at} of {len}"
                    );
                }
            }
        }
        assert_eq!(find_any(b"{ab{", 1, needles), Some(3));
        assert_eq!(find_any(b"ab", 5, needles), None);
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_avx2_scan_finds_what_the_portable_one_finds() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let needles = [b'"', b'\\', b'\n'];
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100] {
            for at in 0..len {
                for b in [b'"', b'\\', b'\n', b'a', 0x80, 0xFF, 0] {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = b;
                    for from in [0, 1, at, at + 1, len, len + 3] {
                        assert_eq!(
                            Avx2::find_any(&bytes, from, needles),
                            Portable::find_any(&bytes, from, needles),
                            "{b:#04x} at {at} of {len}, from {from}"
                        );
                    }
                }
            }
        }
    }
}
