//! Byte offsets ↔ the protocol's positions (line, column), the column counted in UTF-16 code units
//! as LSP says unless the editor and the server agreed on UTF-8 bytes (`positionEncoding`).
//!
//! One [`LineMap`] per file text, built once: the start of every line, and how many UTF-16 units
//! come before each block of [`BLOCK`] bytes, so that a column is found by a binary search and a scan
//! of at most one block, even in a spec written on one long line (a scan from the line's start would
//! make the diagnostics of such a spec quadratic).

use lsp_types::{Position, Range};

/// How the protocol counts a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8 (agreed through `positionEncoding`).
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
}

/// Bytes between two counts of UTF-16 units.
const BLOCK: usize = 1024;

/// Where lines start in one text, and UTF-16 counts at every [`BLOCK`].
#[derive(Debug, Clone)]
pub struct LineMap {
    /// The byte offset of each line's first byte; the first is 0.
    line_starts: Vec<u32>,
    /// UTF-16 units in the text before byte `i * BLOCK`.
    units_before_block: Vec<u32>,
}

/// The UTF-16 units a byte of UTF-8 adds: a character's first byte counts its units (two for a
/// four-byte character, outside the Basic Multilingual Plane), continuation bytes none. Without
/// branches, so that [`units_in`] is vectorised.
fn units(byte: u8) -> u32 {
    u32::from(byte & 0xC0 != 0x80) + u32::from(byte >= 0xF0)
}

fn units_in(bytes: &[u8]) -> u32 {
    bytes.iter().map(|&b| units(b)).sum()
}

impl LineMap {
    /// Reads `text` once.
    pub fn new(text: &str) -> LineMap {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| (i + 1) as u32));
        let mut units_before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut total = 0;
        for block in bytes.chunks(BLOCK) {
            units_before_block.push(total);
            total += units_in(block);
        }
        units_before_block.push(total);
        LineMap {
            line_starts,
            units_before_block,
        }
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s as usize <= offset) - 1
    }

    /// UTF-16 units in `text[..offset]`.
    fn units_before(&self, text: &str, offset: usize) -> u32 {
        let block = offset / BLOCK;
        self.units_before_block[block] + units_in(&text.as_bytes()[block * BLOCK..offset])
    }

    /// The position of byte `offset` (clamped to the text).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let character = match encoding {
            Encoding::Utf8 => (offset - start) as u32,
            // Most lines are short: count them directly.
            Encoding::Utf16 if offset - start <= BLOCK => units_in(&text.as_bytes()[start..offset]),
            Encoding::Utf16 => self.units_before(text, offset) - self.units_before(text, start),
        };
        Position::new(line as u32, character)
    }

    /// The range of bytes `start..end`.
    pub fn range(&self, text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, start, encoding),
            self.position(text, end.max(start), encoding),
        )
    }

    /// The byte offset of `position`. As the protocol says, a line past the last is the end of the
    /// text and a column past the line's end is the line's end; a column inside a character (half
    /// of a surrogate pair, a byte inside a UTF-8 sequence) is the start of that character.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return text.len();
        };
        let start = start as usize;
        let end = self
            .line_starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next as usize - 1);
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let wanted = position.character as usize;
        match encoding {
            Encoding::Utf8 => {
                let mut at = wanted.min(line.len());
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                start + at
            }
            Encoding::Utf16 => {
                let mut counted = 0;
                for (i, c) in line.char_indices() {
                    let next = counted + c.len_utf16();
                    if next > wanted {
                        return start + i;
                    }
                    counted = next;
                }
                start + line.len()
            }
        }
    }

    /// The position just after the text's last character.
    pub fn end(&self, text: &str, encoding: Encoding) -> Position {
        self.position(text, text.len(), encoding)
    }
}

/// The byte offset of `position` in `text`, found without a [`LineMap`] (for one edit of a
/// document: a scan for the line ends before it, then the line), clamped as [`LineMap::offset`].
pub fn offset_in(text: &str, position: Position, encoding: Encoding) -> usize {
    let bytes = text.as_bytes();
    let start = match position.line {
        0 => 0,
        line => match memchr::memchr_iter(b'\n', bytes).nth(line as usize - 1) {
            Some(end) => end + 1,
            None => return text.len(),
        },
    };
    let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
    // The line alone, as a text of one line: its map is one entry.
    let line = &text[start..end];
    start + LineMap::new(line).offset(line, Position::new(0, position.character), encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line and UTF-16 column counted the slow way.
    fn naive(text: &str, offset: usize) -> Position {
        let before = &text[..offset];
        let line = before.matches('\n').count() as u32;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        Position::new(line, text[start..offset].encode_utf16().count() as u32)
    }

    #[test]
    fn danish_letters_and_emoji_count_as_utf16_units() {
        let text = "activity æble \"Ørsted 😀 Å\"\n  purpose \"x\"\n";
        let map = LineMap::new(text);
        let o = text.find("Å").unwrap();
        // "activity æble \"Ørsted " is 22 characters, the emoji two units and a space.
        assert_eq!(map.position(text, o, Encoding::Utf16), Position::new(0, 25));
        assert_eq!(map.offset(text, Position::new(0, 25), Encoding::Utf16), o);
        // In UTF-8 the column is bytes: æ, Ø take two, the emoji four.
        assert_eq!(
            map.position(text, o, Encoding::Utf8),
            Position::new(0, o as u32)
        );
        assert_eq!(
            map.offset(text, Position::new(0, o as u32), Encoding::Utf8),
            o
        );
        let second = text.find("purpose").unwrap();
        assert_eq!(
            map.position(text, second, Encoding::Utf16),
            Position::new(1, 2)
        );
    }

    #[test]
    fn every_offset_round_trips_as_a_naive_count_finds_it() {
        let mut text = String::new();
        for n in 0..200 {
            text.push_str(&"æ😀x".repeat(n * 13 % 700));
            text.push_str(if n % 3 == 0 { "\r\n" } else { "\n" });
        }
        let map = LineMap::new(&text);
        for offset in (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .step_by(7)
        {
            let position = map.position(&text, offset, Encoding::Utf16);
            assert_eq!(position, naive(&text, offset), "offset {offset}");
            // The `\n` after a `\r` is no column of the line: it goes back to the line's end.
            let back = map.offset(&text, position, Encoding::Utf16);
            assert!(
                back == offset || &text[back..offset] == "\r",
                "offset {offset}"
            );
            let utf8 = map.position(&text, offset, Encoding::Utf8);
            let back = map.offset(&text, utf8, Encoding::Utf8);
            assert!(
                back == offset || &text[back..offset] == "\r",
                "offset {offset}"
            );
        }
    }

    #[test]
    fn an_offset_found_without_a_map_is_the_maps() {
        let text = "ab😀\ncd\r\n\næø";
        let map = LineMap::new(text);
        for line in 0..5 {
            for character in 0..6 {
                for encoding in [Encoding::Utf8, Encoding::Utf16] {
                    let p = Position::new(line, character);
                    assert_eq!(
                        offset_in(text, p, encoding),
                        map.offset(text, p, encoding),
                        "{p:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn positions_outside_the_text_are_clamped() {
        let text = "ab😀\ncd\r\n";
        let map = LineMap::new(text);
        // Past the line's end: the line's end (before `\r\n`).
        assert_eq!(map.offset(text, Position::new(1, 99), Encoding::Utf16), 9);
        // Past the last line: the end of the text.
        assert_eq!(
            map.offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(map.offset(text, Position::new(0, 3), Encoding::Utf16), 2);
        // Inside a UTF-8 sequence: the character's start.
        assert_eq!(map.offset(text, Position::new(0, 4), Encoding::Utf8), 2);
        assert_eq!(
            map.position(text, 999, Encoding::Utf16),
            Position::new(2, 0)
        );
        assert_eq!(map.end(text, Encoding::Utf16), Position::new(2, 0));
        let empty = LineMap::new("");
        assert_eq!(empty.position("", 0, Encoding::Utf16), Position::new(0, 0));
        assert_eq!(empty.offset("", Position::new(3, 3), Encoding::Utf16), 0);
    }

    #[test]
    fn a_column_in_a_long_line_is_found_past_many_blocks() {
        let text = "ø😀".repeat(10 * BLOCK);
        let map = LineMap::new(&text);
        let offset = text.len() - 6;
        assert_eq!(
            map.position(&text, offset, Encoding::Utf16),
            naive(&text, offset)
        );
    }
}
