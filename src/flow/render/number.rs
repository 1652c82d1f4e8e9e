//! Numbers written into a picture without `core::fmt`: an SVG of a large spec holds millions of
//! coordinates, and `format!("{x:.1}")` takes the slow exact path of the float formatter for each
//! (most of the time of `graph --format svg` went there). The digits are the same as `{:.1}` and
//! `{}` give; the tests below compare them.

/// Appends `value` as `format!("{value:.1}")` does: one decimal, the exact value of the binary
/// number rounded half to even, `-0.0` for a negative value that rounds to zero.
pub fn push_tenths(out: &mut String, value: f64) {
    let mut text = [0u8; TEXT];
    match tenths_into(&mut text, value) {
        Some(at) => push_ascii(out, &text[at..]),
        None => push_formatted(out, value),
    }
}

/// What the formatter writes: out of line, so that the common path saves no registers for it.
#[cold]
#[inline(never)]
fn push_formatted(out: &mut String, value: f64) {
    out.push_str(&format!("{value:.1}"));
}

/// The room [`tenths_into`] writes into: a sign, up to 18 digits, the point and a tenth.
const TEXT: usize = 24;

/// Writes [`push_tenths`]'s digits into the end of `text`; where they begin. `None` for a value
/// that is not finite or is beyond any picture (2^59 and more), which the formatter writes.
fn tenths_into(text: &mut [u8; TEXT], value: f64) -> Option<usize> {
    const MANTISSA_BITS: u32 = 52;
    if !value.is_finite() {
        return None;
    }
    let bits = value.to_bits();
    let biased = ((bits >> MANTISSA_BITS) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << MANTISSA_BITS) - 1);
    // value = mantissa * 2^exponent, exactly.
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << MANTISSA_BITS), biased - 1075)
    };
    // mantissa < 2^53, so 10 * mantissa < 2^57, and with a shift of up to 6 it fits a u64.
    let tenths: u64 = if exponent >= 0 {
        if exponent > 6 {
            // 2^59 and more: beyond any picture; the formatter's own digits.
            return None;
        }
        (mantissa << exponent) * 10
    } else if exponent < -58 {
        // Under 2^-6, less than half a tenth: zero tenths.
        0
    } else {
        let shift = (-exponent) as u32;
        let scaled = mantissa * 10;
        let whole = scaled >> shift;
        let rest = scaled & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        if rest > half || (rest == half && whole % 2 == 1) {
            whole + 1
        } else {
            whole
        }
    };
    // The digits from the last.
    let mut at = TEXT - 2;
    text[at] = b'.';
    text[at + 1] = b'0' + (tenths % 10) as u8;
    at = digits_before(text, at, tenths / 10);
    if value.is_sign_negative() {
        at -= 1;
        text[at] = b'-';
    }
    Some(at)
}

/// [`push_tenths`] with the text of the numbers written last kept by their bits: a picture writes
/// the same numbers again and again (the x of a column, the height an edge runs at, which each
/// curve repeats twice or three times), and copying a kept text costs a fraction of making it.
pub struct Tenths {
    /// A direct-mapped cache: a number's slot is a hash of its bits.
    slots: Box<[Slot]>,
}

/// A number's text, the first `len` bytes of `text`; `len` 0 for an empty slot.
#[derive(Clone, Copy)]
struct Slot {
    bits: u64,
    len: u8,
    text: [u8; TEXT],
}

/// 2^10 slots of 40 bytes: enough for the numbers a picture repeats near each other, small enough
/// to stay in the cache.
const SLOT_BITS: u32 = 10;

impl Default for Tenths {
    fn default() -> Tenths {
        let empty = Slot {
            bits: f64::NAN.to_bits(),
            len: 0,
            text: [0; TEXT],
        };
        Tenths {
            slots: vec![empty; 1 << SLOT_BITS].into_boxed_slice(),
        }
    }
}

impl Tenths {
    /// Appends `value` as [`push_tenths`] does.
    pub fn push(&mut self, out: &mut String, value: f64) {
        let bits = value.to_bits();
        // Fibonacci hashing: the top bits of the product depend on every bit of the number.
        let hash = (bits.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOT_BITS)) as usize;
        let slot = &mut self.slots[hash];
        if slot.bits != bits || slot.len == 0 {
            let Some(at) = tenths_into(&mut slot.text, value) else {
                return push_formatted(out, value);
            };
            // At the start, so that the copy below begins with the text.
            slot.text.copy_within(at.., 0);
            slot.bits = bits;
            slot.len = (TEXT - at) as u8;
        }
        push_ascii_padded(out, &slot.text, slot.len as usize);
    }
}

/// Appends the first `len` bytes of `text` (ASCII) by copying all of it into `out`'s spare room:
/// a copy of a fixed size is a few moves, where one of a few bytes was a call of `memcpy`, for
/// each of the millions of numbers in a large picture. What is copied after the `len` bytes lies
/// past the string's end.
fn push_ascii_padded(out: &mut String, text: &[u8; TEXT], len: usize) {
    assert!(len <= TEXT);
    debug_assert!(text[..len].is_ascii());
    // SAFETY: `reserve` leaves room for `TEXT` bytes after the end; only the first `len` bytes
    // become part of the string, and they are ASCII (the digits, `.` and `-` of `tenths_into`), so
    // it stays UTF-8.
    unsafe {
        let bytes = out.as_mut_vec();
        bytes.reserve(TEXT);
        let end = bytes.len();
        std::ptr::copy_nonoverlapping(text.as_ptr(), bytes.as_mut_ptr().add(end), TEXT);
        bytes.set_len(end + len);
    }
}

/// Writes `value`'s digits into `text` so that they end before `end`; where they begin. Two
/// digits at a time, from a table of the hundred pairs.
fn digits_before(text: &mut [u8], end: usize, mut value: u64) -> usize {
    const PAIRS: &[u8; 200] = b"00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
    let mut at = end;
    while value >= 100 {
        let pair = (value % 100) as usize * 2;
        value /= 100;
        at -= 2;
        text[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if value >= 10 {
        let pair = value as usize * 2;
        at -= 2;
        text[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        text[at] = b'0' + value as u8;
    }
    at
}

/// Appends ASCII bytes (digits, `.` and `-`) as text. Checking them as UTF-8 (`str::from_utf8`), or
/// pushing them a byte at a time, cost as much as making the digits, for each of the millions of
/// numbers in a large picture.
fn push_ascii(out: &mut String, ascii: &[u8]) {
    debug_assert!(ascii.is_ascii());
    // SAFETY: the callers write only ASCII digits, `.` and `-` into `ascii`, and ASCII is UTF-8.
    out.push_str(unsafe { std::str::from_utf8_unchecked(ascii) });
}

/// Appends `value` in decimal, as `{}` writes it.
pub fn push_usize(out: &mut String, value: usize) {
    let mut text = [0u8; 20];
    let end = text.len();
    let at = digits_before(&mut text, end, value as u64);
    push_ascii(out, &text[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenths(value: f64) -> String {
        let mut out = String::new();
        push_tenths(&mut out, value);
        out
    }

    #[test]
    fn tenths_are_written_as_the_formatter_writes_them() {
        // Ties (exact in binary) round to even; near-ties by their exact value.
        let chosen = [
            0.0,
            -0.0,
            0.25,
            0.75,
            1.25,
            -0.25,
            -0.01,
            0.05,
            0.15,
            0.95,
            9.95,
            99.95,
            123456789.25,
            1e17,
            1e18,
            2f64.powi(58),
            2f64.powi(59) - 1.0,
            2f64.powi(60),
            5e-324,
            1e-30,
            2.8f32 as f64,
            1.2f32 as f64,
            224.0,
            1e300,
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
        ];
        for value in chosen {
            assert_eq!(tenths(value), format!("{value:.1}"), "{value:e}");
        }
        // Every tenth, half tenth and a spread of others over the range of a picture.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..200_000u64 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let random = (state >> 11) as f64 / (1u64 << 53) as f64;
            for value in [
                i as f64 / 20.0,
                -(i as f64) / 20.0,
                random * 1e7,
                random * 3.0,
                (i as f64 / 20.0) + (random - 0.5) * 1e-9,
            ] {
                assert_eq!(tenths(value), format!("{value:.1}"), "{value:e}");
            }
        }
    }

    /// Kept texts are those of their own numbers: numbers repeated near each other and far
    /// apart, in more slots than the cache has, and the ones the formatter writes.
    #[test]
    fn kept_tenths_are_the_tenths_of_their_numbers() {
        let mut kept = Tenths::default();
        let (mut cached, mut direct) = (String::new(), String::new());
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut recent = [0.0f64; 64];
        for i in 0..300_000usize {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let value = match state % 5 {
                0 => recent[(state >> 8) as usize % recent.len()],
                1 => (state >> 20) as f64 / 64.0,
                2 => -((state >> 30) as f64) / 10.0,
                3 => [0.0, -0.0, f64::NAN, f64::INFINITY, 2f64.powi(60), 1e-30][i % 6],
                _ => f64::from_bits(state),
            };
            recent[i % recent.len()] = value;
            cached.clear();
            direct.clear();
            kept.push(&mut cached, value);
            push_tenths(&mut direct, value);
            assert_eq!(cached, direct, "{value:e}");
        }
    }

    #[test]
    fn integers_are_written_as_the_formatter_writes_them() {
        for value in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            let mut out = String::new();
            push_usize(&mut out, value);
            assert_eq!(out, value.to_string());
        }
    }
}
