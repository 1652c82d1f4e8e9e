//! The characters no spec may hold, anywhere: in a quoted text, a comment, or between words.
//!
//! A spec's text reaches terminals, Markdown comments on pull requests, spreadsheets and graphs. A
//! control character in it could move the cursor, recolour or hide the text around it, ring the bell,
//! or write a link the reader never sees (`ESC ] 8`); a bidirectional override shows the reader
//! text in another order than the one hjemmel reads ("Trojan Source", CVE-2021-42574, which rustc
//! denies in literals and comments for the same reason). None of them has a use in a spec, so the
//! lexer rejects them with a located error instead of each output guessing what to do with them
//! (docs/language.md, "Characters").
//!
//! Forbidden: the C0 controls except TAB and LF (a CR only where a CRLF line ends), DEL, the C1
//! controls (U+0080 to U+009F), and the bidirectional embeddings, overrides and isolates (U+202A to
//! U+202E, U+2066 to U+2069). `forbidden` in grammar/hjemmel.pest is the same set.

/// A character no spec may hold where it stands (a CR is allowed before a LF only).
pub fn is_forbidden(c: char, next: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => true,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// A byte that may start a forbidden character: cheap to test on every byte, so that the exact test
/// runs only on the few blocks that hold one (`§` starts with 0xC2, `–` and `’` with 0xE2). Written
/// without branches (0x0B..=0x1F as one unsigned comparison) so that a block is tested in a few
/// vector instructions.
#[inline(always)]
fn suspicious(b: u8) -> bool {
    (b < b'\t') | (b.wrapping_sub(0x0B) < 0x15) | (b == 0x7F) | (b == 0xC2) | (b == 0xE2)
}

/// The exact test at byte `i`, which [`suspicious`] flagged.
fn forbidden_at(bytes: &[u8], i: usize) -> bool {
    let at = |k: usize| bytes.get(i + k).copied();
    match bytes[i] {
        b'\r' => at(1) != Some(b'\n'),
        b if b < 0x20 => b != b'\t' && b != b'\n',
        0x7F => true,
        // U+0080..U+009F are 0xC2 0x80..0x9F in UTF-8.
        0xC2 => matches!(at(1), Some(0x80..=0x9F)),
        // U+202A..U+202E are 0xE2 0x80 0xAA..0xAE; U+2066..U+2069 are 0xE2 0x81 0xA6..0xA9.
        0xE2 => matches!(
            (at(1), at(2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        ),
        _ => false,
    }
}

/// Bytes tested at once: a block with no suspicious byte is passed in one vectorised test.
const BLOCK: usize = 64;

/// Whether some byte of `block` is [`suspicious`]. `fold` with `|` rather than `any`: no early
/// exit, so the compiler tests the block in a few vector instructions (as wide as the processor
/// the caller is compiled for, see [`quiet_blocks_end`]).
#[inline(always)]
fn block_is_suspicious(block: &[u8; BLOCK]) -> bool {
    block.iter().fold(false, |any, &b| any | suspicious(b))
}

/// Where the first block of [`BLOCK`] bytes from `at` on that holds a [`suspicious`] byte starts,
/// or where the bytes left are fewer than a block.
#[inline(always)]
fn quiet_blocks_end_portable(bytes: &[u8], mut at: usize) -> usize {
    while let Some(block) = bytes.get(at..at + BLOCK) {
        let block: &[u8; BLOCK] = block.try_into().expect("a slice of BLOCK bytes");
        if block_is_suspicious(block) {
            break;
        }
        at += BLOCK;
    }
    at
}

/// [`quiet_blocks_end_portable`] compiled for AVX2: 32 bytes to a vector instead of 16.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn quiet_blocks_end_avx2(bytes: &[u8], at: usize) -> usize {
    quiet_blocks_end_portable(bytes, at)
}

/// [`quiet_blocks_end_portable`], with AVX2 where the processor has it: the test runs over every
/// byte of a spec, and twice the width is about half the instructions.
fn quiet_blocks_end(bytes: &[u8], at: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { quiet_blocks_end_avx2(bytes, at) };
    }
    quiet_blocks_end_portable(bytes, at)
}

/// Where the first forbidden character of `text` starts, if there is one. Runs over every byte of a
/// spec, so blocks without a suspicious byte are passed with one test each.
pub fn first_forbidden(text: &str) -> Option<usize> {
    forbidden_from(text, 0)
}

/// [`first_forbidden`] from byte `from` on (a character boundary).
fn forbidden_from(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        at = quiet_blocks_end(bytes, at);
        if at + BLOCK > bytes.len() {
            break;
        }
        if let Some(found) = (at..at + BLOCK).find(|&i| forbidden_at(bytes, i)) {
            return Some(found);
        }
        at += BLOCK;
    }
    (at..bytes.len()).find(|&i| forbidden_at(bytes, i))
}

/// Every forbidden character of `text`: where it starts, and the character.
pub fn all_forbidden(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = forbidden_from(text, from)?;
        let c = text[at..].chars().next()?;
        from = at + c.len_utf8();
        Some((at, c))
    })
}

/// The character as the messages show it: `\u{1b}`, never the character itself.
pub fn escaped(c: char) -> String {
    format!("\\u{{{:02x}}}", c as u32)
}

/// The character's Unicode abbreviation (`ESC`, `RLO`), for the message: what to look for in an
/// editor that shows invisible characters.
pub fn abbreviation(c: char) -> &'static str {
    match c {
        '\u{0}' => "NUL",
        '\u{7}' => "BEL",
        '\u{8}' => "BS",
        '\u{b}' => "VT",
        '\u{c}' => "FF",
        '\r' => "CR",
        '\u{1b}' => "ESC",
        '\u{7f}' => "DEL",
        '\u{85}' => "NEL",
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        c if (c as u32) < 0x20 => "C0",
        _ => "C1",
    }
}

/// One of the bidirectional embeddings, overrides and isolates (not a control character as such).
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_kind_and_passes_what_a_spec_may_hold() {
        for bad in [
            "\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "\u{80}", "\u{85}", "\u{9f}", "\u{202a}",
            "\u{202e}", "\u{2066}", "\u{2069}", "\r", "\u{b}", "\u{c}",
        ] {
            // Beyond the first block, after text that is suspicious but allowed.
            let text = format!("{}§ – ’ \r\n\t{bad}x", "a".repeat(40));
            let at = text.rfind(bad).unwrap();
            assert_eq!(first_forbidden(&text), Some(at), "{bad:?}");
        }
        for good in [
            "\t", "\n", "\r\n", "§", "–", "’", "\u{a0}", "\u{2029}", "\u{202f}", "\u{2065}",
            "\u{206a}", "æøå",
        ] {
            let text = format!("a{good}b{good}");
            assert_eq!(first_forbidden(&text), None, "{good:?}");
        }
        assert_eq!(first_forbidden("x\r"), Some(1), "a CR at the very end");
    }

    /// The block test agrees with the byte test for every byte in every place of a block.
    #[test]
    fn the_block_test_agrees_with_the_byte_test() {
        for b in 0..=255u8 {
            for lane in 0..BLOCK {
                let mut block = [b'a'; BLOCK];
                block[lane] = b;
                assert_eq!(
                    block_is_suspicious(&block),
                    suspicious(b),
                    "{b:#04x} in {lane}"
                );
            }
        }
    }

    /// Blocks passed with AVX2 and without agree, and a forbidden character is found in every place
    /// of a text longer than a few blocks (in a block, at its edges, in the tail).
    #[test]
    fn finds_a_forbidden_character_in_every_place() {
        let reference = |bytes: &[u8]| (0..bytes.len()).find(|&i| forbidden_at(bytes, i));
        for bad in ["\u{1b}", "\u{85}", "\u{202e}", "\r", "\u{7f}"] {
            for len in [0, 1, 63, 64, 65, 127, 128, 200] {
                for at in 0..len {
                    // `len` bytes (or one short) of letters with a `§` (allowed, but suspicious)
                    // every 80 bytes: blocks with and without a suspicious byte.
                    let filler = format!("{}§ ", "abcdefghijklmnopqrstuvwxyz".repeat(3));
                    let mut text = String::new();
                    for c in filler.chars().cycle() {
                        if text.len() + c.len_utf8() > len {
                            break;
                        }
                        text.push(c);
                    }
                    let at = (0..=at.min(text.len()))
                        .rev()
                        .find(|&i| text.is_char_boundary(i));
                    let Some(at) = at else { continue };
                    text.insert_str(at, bad);
                    assert_eq!(first_forbidden(&text), Some(at), "{bad:?} at {at} of {len}");
                    assert_eq!(first_forbidden(&text), reference(text.as_bytes()));
                    let bytes = text.as_bytes();
                    let portable = quiet_blocks_end_portable(bytes, 0);
                    assert!(portable <= at || portable + BLOCK > bytes.len());
                    #[cfg(target_arch = "x86_64")]
                    if std::arch::is_x86_feature_detected!("avx2") {
                        // SAFETY: the processor has AVX2, checked just above.
                        assert_eq!(unsafe { quiet_blocks_end_avx2(bytes, 0) }, portable);
                    }
                }
            }
        }
    }

    #[test]
    fn lists_every_one_and_agrees_with_the_character_test() {
        let text = "a\u{1b}b\u{202e}c\rd\r\n";
        let found: Vec<(usize, char)> = all_forbidden(text).collect();
        assert_eq!(found, vec![(1, '\u{1b}'), (3, '\u{202e}'), (7, '\r')]);
        let chars: Vec<char> = text.chars().collect();
        let by_char: Vec<char> = chars
            .iter()
            .enumerate()
            .filter(|(i, c)| is_forbidden(**c, chars.get(i + 1).copied()))
            .map(|(_, c)| *c)
            .collect();
        assert_eq!(by_char, vec!['\u{1b}', '\u{202e}', '\r']);
        assert_eq!(escaped('\u{1b}'), "\\u{1b}");
    }
}
