//! Everything the report shows from the spec goes through [`escape`]: names, labels, purposes, file
//! names, messages. A spec is text anyone may write, and the report is opened by a lawyer's browser.

use std::fmt;

/// `text` as HTML text or attribute value: `&`, `<`, `>`, `"` and `'` become character references,
/// and control and text-direction characters (a file name may hold them) become U+FFFD, as in the
/// SVG drawing: exactly as `escape::xml` does (a test holds the two equal for every character),
/// written a run at a time ([`escape_pieces`]).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let _ = escape_pieces(text, |piece| {
        out.push_str(piece);
        Ok::<(), ()>(())
    });
    out
}

/// `text` escaped as [`escape`] does it, as a value to format (`write!(out, "<li>{}</li>",
/// Escaped(name))`) without a string of its own.
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape_pieces(self.0, |piece| f.write_str(piece))
    }
}

/// What [`escape`] writes for each ASCII character: `None` where the character is kept as it is.
const ASCII: [Option<&str>; 128] = {
    let mut table: [Option<&str>; 128] = [None; 128];
    let mut c = 0;
    while c < 0x20 {
        // Tab, line feed and carriage return are kept (as `escape::xml` keeps them).
        if c != 0x09 && c != 0x0a && c != 0x0d {
            table[c] = Some("\u{FFFD}");
        }
        c += 1;
    }
    table[0x7f] = Some("\u{FFFD}");
    table[b'&' as usize] = Some("&amp;");
    table[b'<' as usize] = Some("&lt;");
    table[b'>' as usize] = Some("&gt;");
    table[b'"' as usize] = Some("&quot;");
    table[b'\'' as usize] = Some("&#39;");
    table
};

/// Whether [`escape`] keeps a character beyond ASCII as it is: not a C1 control, a text-direction
/// character, or one of the two noncharacters XML does not allow.
fn kept_beyond_ascii(c: char) -> bool {
    !(c.is_control() || crate::syntax::controls::is_bidi(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// `text` escaped as [`escape`] does it, handed to `write` in pieces: the runs kept as they are,
/// whole, and a replacement for each character that is not. Most of a report is text with nothing
/// to escape, written here in one piece instead of a character at a time into a new string.
pub fn escape_pieces<E>(text: &str, mut write: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let bytes = text.as_bytes();
    let mut kept_from = 0;
    let mut at = 0;
    while at < bytes.len() {
        at += plain_run(&bytes[at..]);
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        if byte == 0xC3 {
            // U+00C0 to U+00FF, the letters of Danish and its neighbours (æ, ø, å, é): always kept.
            at += 2;
            continue;
        }
        let (replacement, width) = if byte.is_ascii() {
            match ASCII[byte as usize] {
                None => {
                    at += 1;
                    continue;
                }
                Some(replacement) => (replacement, 1),
            }
        } else {
            let c = text[at..].chars().next().unwrap_or('\u{FFFD}');
            if kept_beyond_ascii(c) {
                at += c.len_utf8();
                continue;
            }
            ("\u{FFFD}", c.len_utf8())
        };
        if kept_from < at {
            write(&text[kept_from..at])?;
        }
        write(replacement)?;
        at += width;
        kept_from = at;
    }
    if kept_from < text.len() {
        write(&text[kept_from..])?;
    }
    Ok(())
}

/// The length of the run at the start of `bytes` that [`escape`] keeps as it is: printable ASCII
/// but the five characters HTML escapes, and (sixteen bytes at a time) the letters `Ã`..`ÿ` of
/// Danish and its neighbours. It may stop early (at a tab, `§`, a dash); the caller looks at that
/// byte itself. It always ends where a character ends.
fn plain_run(bytes: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let len = bytes.len();
        let mut run = 0;
        while let Some(sixteen) = bytes.get(run..run + 16) {
            // SAFETY: SSE2 is part of x86-64 itself: every processor this code is built for has it.
            let stops = unsafe { sse2::stops(sixteen, &sixteen[8..]) };
            if stops != 0 {
                return run + stops.trailing_zeros() as usize;
            }
            run += 16;
        }
        let rest = len - run;
        if rest == 0 {
            return run;
        }
        // The last bytes, fewer than sixteen: the last sixteen of the text read again (those
        // before `run` shifted out), or, in a text of 8 to 15 bytes, its first eight and last
        // eight, which overlap.
        if len >= 16 {
            let last = &bytes[len - 16..];
            // SAFETY: as above.
            let stops = unsafe { sse2::stops(last, &last[8..]) } >> (16 - rest);
            return run + (stops.trailing_zeros() as usize).min(rest);
        }
        if len >= 8 {
            // SAFETY: as above.
            let stops = unsafe { sse2::stops(bytes, &bytes[len - 8..]) };
            return match (stops & 0xff, stops >> 8) {
                (0, 0) => len,
                (0, last) => len - 8 + last.trailing_zeros() as usize,
                (first, _) => first.trailing_zeros() as usize,
            };
        }
        plain_run_by_words(bytes)
    }
    #[cfg(not(target_arch = "x86_64"))]
    plain_run_by_words(bytes)
}

/// Where [`escape`]'s runs end, sixteen bytes at a time: every text of the report goes through it,
/// and the word-at-a-time test ([`plain_run_by_words`]) with its byte-at-a-time ends took 4 to 8
/// instructions a byte, most of what escaping cost.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use crate::sse2::{load_halves, splat};
    use std::arch::x86_64::*;

    /// Bit `i` set where byte `i` of the 16 bytes (the first 8 of `low`, then the first 8 of
    /// `high`) ends a run: a control character (below 0x20, or DEL), one of the five characters
    /// HTML escapes, or the first byte of a character beyond ASCII other than `0xC3` (U+00C0 to
    /// U+00FF, always kept). The other bytes from 0x80 on continue a character whose first byte
    /// was kept.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(super) fn stops(low: &[u8], high: &[u8]) -> u32 {
        let v = load_halves(low, high);
        let below_space = _mm_cmpeq_epi8(_mm_min_epu8(v, splat(0x1f)), v);
        let first_byte = _mm_cmpeq_epi8(_mm_max_epu8(v, splat(0xc0)), v);
        let other_first_byte = _mm_andnot_si128(_mm_cmpeq_epi8(v, splat(0xc3)), first_byte);
        let mut stop = _mm_or_si128(below_space, other_first_byte);
        for b in [0x7f, b'&', b'<', b'>', b'"', b'\''] {
            stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, splat(b)));
        }
        _mm_movemask_epi8(stop) as u32
    }
}

/// [`plain_run`] of printable ASCII alone, eight bytes at a time while they all are, then byte by
/// byte: where there is no SSE2, and for a text of fewer than eight bytes.
fn plain_run_by_words(bytes: &[u8]) -> usize {
    let mut run = 0;
    for chunk in bytes.chunks_exact(8) {
        if !plain_word(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]))) {
            break;
        }
        run += 8;
    }
    run + bytes[run..]
        .iter()
        .take_while(|&&b| (0x20..0x7f).contains(&b) && ASCII[b as usize].is_none())
        .count()
}

/// Whether each of the eight bytes of `word` is printable ASCII and none of the five characters
/// HTML escapes: the word-at-a-time tests of Anderson's "Bit Twiddling Hacks", each of which sets
/// the high bit of some byte exactly when a byte of the word is below, above or equal to a value.
/// All are combined before the one branch.
fn plain_word(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    // Above `~` (0x7e): DEL and every byte of a character beyond ASCII.
    let above_tilde = word.wrapping_add(ONES) | word;
    let markup = zero_byte(word ^ (ONES * b'&' as u64))
        | zero_byte(word ^ (ONES * b'<' as u64))
        | zero_byte(word ^ (ONES * b'>' as u64))
        | zero_byte(word ^ (ONES * b'"' as u64))
        | zero_byte(word ^ (ONES * b'\'' as u64));
    (below_space | above_tilde | markup) & HIGHS == 0
}

/// A message as the human format writes it, with names from the spec in backticks, as HTML: escaped,
/// and each pair of backticks made a `<code>` element. An unpaired backtick stays as it is.
pub fn message(text: &str) -> String {
    labelled(text, &|_| None)
}

/// Like [`message`], but a name in backticks that `label` knows (a declaration of the spec) is
/// written as its label in quotation marks: the reader sees "Børn og læring", not
/// `boern_og_laering`.
pub fn labelled<'l>(text: &str, label: &dyn Fn(&str) -> Option<&'l str>) -> String {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len() + 32);
    let mut rest = escaped.as_str();
    while let Some(open) = memchr::memchr(b'`', rest.as_bytes()) {
        let Some(close) = memchr::memchr(b'`', &rest.as_bytes()[open + 1..]).map(|c| open + 1 + c)
        else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match label(name) {
            Some(label) => {
                out.push_str("<q>");
                let _ = escape_pieces(label, |piece| {
                    out.push_str(piece);
                    Ok::<(), ()>(())
                });
                out.push_str("</q>");
            }
            None => {
                out.push_str("<code>");
                out.push_str(name);
                out.push_str("</code>");
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file name may hold them (a spec's text cannot): a right-to-left override would reorder what
    /// the lawyer reads, an ESC is noise.
    #[test]
    fn control_and_text_direction_characters_never_reach_the_page() {
        assert_eq!(escape("a\u{202e}b\u{1b}c"), "a\u{FFFD}b\u{FFFD}c");
    }

    /// Every character, alone and between others, is escaped by the piece-wise writer exactly as
    /// `escape::xml` escapes it: the report's bytes did not change when it began writing in pieces.
    #[test]
    fn escaped_in_pieces_as_escape_xml_does_for_every_character() {
        let mut failures = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("a{c}b{c}");
            let expected = crate::escape::xml(&text);
            if Escaped(&text).to_string() != expected || escape(&text) != expected {
                failures.push(c);
            }
        }
        assert!(failures.is_empty(), "escaped differently: {failures:?}");
        // Each character that is escaped, and some that are kept, at every place of texts long
        // enough to be read sixteen bytes at a time, among ASCII and among Danish letters (whose
        // two bytes a block of sixteen may cut), the texts ending at every length.
        let escaped: Vec<char> =
            "&<>\"'\u{0}\u{1f}\u{7f}\u{85}\u{9f}\u{202e}\u{2066}\u{FFFF}\t\r\næÃÿ§–\u{10FFFF}"
                .chars()
                .collect();
        for c in escaped {
            for filler in ['x', 'ø', '\u{bf}'] {
                for len in [1, 15, 16, 17, 24, 33, 40] {
                    for at in 0..len {
                        let text: String =
                            (0..len).map(|i| if i == at { c } else { filler }).collect();
                        assert_eq!(
                            Escaped(&text).to_string(),
                            crate::escape::xml(&text),
                            "{c:?} at {at} of {len} among {filler:?}"
                        );
                    }
                }
            }
        }
        let mixed = "Børn & <unge> \"x\" 'y'\u{1b}\u{202e}\r\n\t\u{85}\u{FFFF}æ";
        assert_eq!(Escaped(mixed).to_string(), crate::escape::xml(mixed));
    }

    /// A run ends where a character ends, and holds only bytes [`escape`] keeps: what the sixteen
    /// bytes at a time find is what the eight at a time found, or further, past Danish letters.
    #[test]
    fn a_run_holds_only_kept_characters_and_ends_where_one_ends() {
        let texts = [
            "",
            "Behandling af ansøgninger om hjælpemidler (Dagtilbud, 99)",
            "Myndighedsudøvelse og sagsbehandling i dagtilbud & <x>",
            "ÆØÅæøåÆØÅæøåÆØÅæøåÆØÅæøå§ 8",
            "abcdefghijklmnopqrstuvwxyzabcdefÃ",
            "abcdefghijklmnoÃ",
            "abcdefghijklmnopÃÃÃ\u{85}",
            "– – – – – – – –",
            "x\u{202e}",
            "Databeskyttelsesloven's § 8, \"stk. 1\" <b>&amp;</b>\u{7f}\u{1b}\u{2066}",
        ];
        for text in texts {
            for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let bytes = &text.as_bytes()[from..];
                let run = plain_run(bytes);
                assert!(run >= plain_run_by_words(bytes), "{text:?} from {from}");
                assert!(
                    text.is_char_boundary(from + run),
                    "{text:?} from {from}: {run}"
                );
                let kept = &text[from..from + run];
                assert_eq!(escape(kept), kept, "{text:?} from {from}");
            }
        }
    }

    #[test]
    fn escapes_the_five_characters_of_html() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("Børn og læring § 8"), "Børn og læring § 8");
    }

    #[test]
    fn backticks_become_code_after_escaping() {
        assert_eq!(
            message("`a<b>` is kept in `x` and ` alone"),
            "<code>a&lt;b&gt;</code> is kept in <code>x</code> and ` alone"
        );
    }
}
