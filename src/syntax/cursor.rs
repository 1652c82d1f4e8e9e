//! The lexical pieces of grammar/hjemmel.pest, read byte by byte for the fast parser
//! (`fast_parser.rs`).
//!
//! Each method matches what the pest rule of the same name matches, or nothing (and then leaves the
//! position where it was). Outside strings and comments the grammar's classes are Unicode classes
//! (`WHITE_SPACE`, `XID_START`, `XID_CONTINUE`): ASCII is decided with tables, and a non-ASCII
//! character (`æ`, `ø`, `å` in a Danish name) with the very functions pest's generated parser calls
//! (`pest::unicode`), so that both parsers take exactly the same identifiers and white space.

use memchr::{memchr, memchr2};

pub(super) struct Cursor<'a> {
    pub text: &'a str,
    bytes: &'a [u8],
    pub pos: usize,
    /// Where the last token read ends: a construct's words end there, not after the white space and
    /// comments skipped behind it (see `words_end` in parser.rs).
    pub last_end: usize,
    /// The chunk holds something this parser leaves to pest (sub-processors nested too deep); the
    /// result is not trusted.
    pub unsure: bool,
}

/// A position to come back to when an optional part does not match.
#[derive(Clone, Copy)]
pub(super) struct Mark {
    pos: usize,
    last_end: usize,
}

/// A quoted string: where it stands (quotes included) and where its body is.
pub(super) struct Quoted {
    pub start: usize,
    pub end: usize,
    pub body: std::ops::Range<usize>,
    /// The body holds a backslash, so escapes may need undoing.
    pub escaped: bool,
}

/// ASCII letters, digits and `_`: the ASCII part of `XID_CONTINUE`. A table, since words are most
/// of a spec.
static IDENT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

fn is_ident_byte(b: u8) -> bool {
    IDENT[b as usize]
}

/// Bit 7 of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// 1 in every byte of a word: `EACH * b` is `b` in every byte.
const EACH: u64 = 0x0101_0101_0101_0101;

/// Bit 7 set in each byte of `w` that is not an ASCII identifier byte ([`IDENT`]), eight bytes at a
/// time: names are most of a spec, and a byte at a time cost a table look-up, a test and a branch
/// each. Each test adds a constant to the low seven bits of every byte, which never carries into
/// the next byte, so bit 7 of a sum says whether that byte reached the constant's bound.
fn non_ident_bytes(w: u64) -> u64 {
    let low = w & !HIGH;
    // Bit 7 set where the byte is `bound` or more.
    let at_least = |x: u64, bound: u8| x + EACH * u64::from(0x80 - bound);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    // Setting bit 5 makes `A`..=`Z` into `a`..=`z` and no other byte into a letter.
    let folded = low | (EACH * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    // Bit 7 of `x + 0x7F` is clear only where `x` is 0.
    let underscore = !at_least(low ^ (EACH * u64::from(b'_')), 1);
    // A byte with bit 7 set (non-ASCII) is no ASCII identifier byte either.
    !((digit | letter | underscore) & !w) & HIGH
}

/// The end of the run of ASCII identifier bytes that starts at `from`.
#[inline]
fn ident_run_end(bytes: &[u8], mut from: usize) -> usize {
    while let Some(sixteen) = bytes.get(from..from + 16) {
        let Some(stops) = super::scan::non_ident_bytes(sixteen) else {
            break;
        };
        if stops != 0 {
            return from + stops.trailing_zeros() as usize;
        }
        from += 16;
    }
    while let Some(eight) = bytes.get(from..from + 8) {
        let w = u64::from_le_bytes(eight.try_into().unwrap_or([0; 8]));
        let stops = non_ident_bytes(w);
        if stops != 0 {
            // Little-endian: the first byte in the text is the lowest byte of the word.
            return from + (stops.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while bytes.get(from).is_some_and(|&b| is_ident_byte(b)) {
        from += 1;
    }
    from
}

/// ASCII members of Unicode `White_Space` (pest's `WHITE_SPACE`), as a table: `skip` runs between
/// every two tokens.
static SPACE: [bool; 256] = {
    let mut table = [false; 256];
    table[b' ' as usize] = true;
    table[b'\t' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'\r' as usize] = true;
    table[0x0B] = true;
    table[0x0C] = true;
    table
};

fn is_space(b: u8) -> bool {
    SPACE[b as usize]
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Cursor {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            last_end: 0,
            unsure: false,
        }
    }

    pub fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            last_end: self.last_end,
        }
    }

    pub fn reset(&mut self, mark: Mark) {
        self.pos = mark.pos;
        self.last_end = mark.last_end;
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn took(&mut self, start: usize, end: usize) -> (usize, usize) {
        self.pos = end;
        self.last_end = end;
        (start, end)
    }

    /// White space and `//` comments, as pest skips them between the parts of a non-atomic rule.
    ///
    /// Inlined, with comments and non-ASCII bytes left to [`skip_rest`](Self::skip_rest): it runs
    /// between every two tokens, and most of the time skips one space or nothing.
    #[inline]
    pub fn skip(&mut self) {
        let bytes = self.bytes;
        let mut pos = self.pos;
        while let Some(&b) = bytes.get(pos) {
            if is_space(b) {
                pos += 1;
            } else {
                self.pos = pos;
                if b == b'/' || b >= 0x80 {
                    self.skip_rest();
                }
                return;
            }
        }
        self.pos = pos;
    }

    /// [`skip`](Self::skip) from a `/` or a non-ASCII byte on.
    #[cold]
    #[inline(never)]
    fn skip_rest(&mut self) {
        let bytes = self.bytes;
        let mut pos = self.pos;
        while let Some(&b) = bytes.get(pos) {
            if is_space(b) {
                pos += 1;
            } else if b == b'/' && bytes.get(pos + 1) == Some(&b'/') {
                pos = memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
            } else if let Some(len) = self.unicode_space_at(pos) {
                pos += len;
            } else {
                break;
            }
        }
        self.pos = pos;
    }

    /// The non-ASCII character at byte `at` (a character boundary), if there is one.
    fn unicode_char_at(&self, at: usize) -> Option<char> {
        if self.bytes.get(at).is_some_and(|&b| b >= 0x80) {
            self.text.get(at..)?.chars().next()
        } else {
            None
        }
    }

    /// The length of the character at `at` when it is non-ASCII white space that a spec may hold
    /// (`!forbidden ~ WHITE_SPACE` in the grammar: NEL is white space, but forbidden).
    #[cold]
    #[inline(never)]
    fn unicode_space_at(&self, at: usize) -> Option<usize> {
        let c = self.unicode_char_at(at)?;
        (pest::unicode::WHITE_SPACE(c) && !super::controls::is_forbidden(c, None))
            .then(|| c.len_utf8())
    }

    /// The length of the character at `at` when it is non-ASCII `XID_CONTINUE` (`ident_char`): it
    /// would continue a word.
    #[cold]
    #[inline(never)]
    fn unicode_continue_at(&self, at: usize) -> Option<usize> {
        let c = self.unicode_char_at(at)?;
        pest::unicode::XID_CONTINUE(c).then(|| c.len_utf8())
    }

    /// The length of the character at `at` when it is non-ASCII `XID_START`: it may start a word.
    #[cold]
    #[inline(never)]
    fn unicode_start_at(&self, at: usize) -> Option<usize> {
        let c = self.unicode_char_at(at)?;
        pest::unicode::XID_START(c).then(|| c.len_utf8())
    }

    /// The length of the Latin-1 letter at `at` (`æ`, `ø`, `å`, `Æ`, `Ø`, `Å`, `é`, ...: U+00C0 to
    /// U+00FF but `×` and `÷`), which is both `XID_START` and `XID_CONTINUE`. Decided from its two
    /// bytes, inline: the Danish letters are most of the non-ASCII characters of a spec's names,
    /// and the Unicode tables cost a hundred instructions a character.
    #[inline]
    fn latin1_letter_at(&self, at: usize) -> Option<usize> {
        match self.bytes.get(at..at + 2)? {
            [0xC3, second] if (0x80..=0xBF).contains(second) && !matches!(second, 0x97 | 0xB7) => {
                Some(2)
            }
            _ => None,
        }
    }

    /// The end of the `ident` starting here, without moving: `(XID_START | "_") ~ XID_CONTINUE*`.
    ///
    /// Most words of a spec are ASCII and shorter than 32 bytes: such a word is decided from one
    /// or two sixteen-byte tests, inline; any other word (longer, non-ASCII, at the end of the
    /// text) by [`word_end_any`](Self::word_end_any), out of line. The call alone cost more than
    /// the test: it saved and restored six registers and loaded its constants each time. Names of
    /// data categories (`cpr_child_social_132`) are often longer than sixteen bytes.
    #[inline]
    fn word_end(&self) -> Option<usize> {
        if self
            .bytes
            .get(self.pos)
            .is_some_and(|&first| first.is_ascii_alphabetic() || first == b'_')
        {
            let mut at = self.pos;
            for _ in 0..2 {
                let Some(sixteen) = self.bytes.get(at..at + 16) else {
                    break;
                };
                let Some(stops) = super::scan::non_ident_bytes(sixteen) else {
                    break;
                };
                if stops != 0 {
                    // The first byte is a letter or `_`, so the first stop is after it.
                    let end = at + stops.trailing_zeros() as usize;
                    if self.bytes[end] < 0x80 {
                        return Some(end);
                    }
                    break;
                }
                at += 16;
            }
        }
        self.word_end_any()
    }

    /// [`word_end`](Self::word_end) for any word.
    #[inline(never)]
    fn word_end_any(&self) -> Option<usize> {
        let first = *self.bytes.get(self.pos)?;
        let mut end = if first.is_ascii_alphabetic() || first == b'_' {
            self.pos + 1
        } else if first >= 0x80 {
            let len = self.latin1_letter_at(self.pos);
            self.pos + len.or_else(|| self.unicode_start_at(self.pos))?
        } else {
            return None;
        };
        loop {
            end = ident_run_end(self.bytes, end);
            // An ASCII byte that is no identifier byte ends the word; a non-ASCII character ends
            // it unless it is `XID_CONTINUE` (`smørrebrød`).
            match self.bytes.get(end) {
                Some(&b) if b >= 0x80 => match self
                    .latin1_letter_at(end)
                    .or_else(|| self.unicode_continue_at(end))
                {
                    Some(len) => end += len,
                    None => return Some(end),
                },
                _ => return Some(end),
            }
        }
    }

    /// The word starting here (`ident`), without moving.
    #[inline]
    pub fn peek_word(&self) -> Option<&'a str> {
        let end = self.word_end()?;
        Some(&self.text[self.pos..end])
    }

    /// `ident`.
    #[inline]
    pub fn ident(&mut self) -> Option<(usize, usize)> {
        let end = self.word_end()?;
        Some(self.took(self.pos, end))
    }

    /// The word [`peek_word`](Self::peek_word) just returned, as the keyword it is: `keyword(word)`
    /// without comparing again (the word ends where no identifier character follows).
    pub fn take_word(&mut self, word: &str) -> usize {
        let start = self.pos;
        debug_assert_eq!(
            self.bytes.get(start..start + word.len()),
            Some(word.as_bytes())
        );
        self.took(start, start + word.len());
        start
    }

    /// A keyword (`kw_*`): the word, not followed by a character that could continue it. Inlined,
    /// so that the comparison with a keyword known at the call is a few instructions.
    #[inline]
    pub fn keyword(&mut self, keyword: &str) -> Option<usize> {
        let start = self.pos;
        let end = start + keyword.len();
        if self.bytes.get(start..end) != Some(keyword.as_bytes()) {
            return None;
        }
        match self.bytes.get(end) {
            Some(&b) if is_ident_byte(b) => return None,
            Some(&b) if b >= 0x80 && self.unicode_continue_at(end).is_some() => return None,
            _ => {}
        }
        self.took(start, end);
        Some(start)
    }

    /// A literal such as `{` or `special`, as pest matches it: no check of what follows.
    pub fn literal(&mut self, s: &str) -> Option<usize> {
        if self.bytes[self.pos..].starts_with(s.as_bytes()) {
            let start = self.pos;
            self.took(start, start + s.len());
            Some(start)
        } else {
            None
        }
    }

    /// `string`: `"` up to the next unescaped `"` on the same line.
    pub fn string(&mut self) -> Option<Quoted> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.pos;
        let mut i = start + 1;
        let mut escaped = false;
        loop {
            let found = super::scan::find_any(self.bytes, i, [b'"', b'\\', b'\n'])?;
            match self.bytes[found] {
                b'"' => {
                    self.took(start, found + 1);
                    return Some(Quoted {
                        start,
                        end: found + 1,
                        body: start + 1..found,
                        escaped,
                    });
                }
                b'\\' => {
                    escaped = true;
                    // `\"` and `\\` are escapes; any other backslash stands for itself.
                    i = found + 1;
                    if matches!(self.bytes.get(i), Some(b'"' | b'\\')) {
                        i += 1;
                    }
                }
                _ => return None,
            }
        }
    }

    fn digits(&self, from: usize) -> usize {
        let mut i = from;
        while self.bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    }

    /// `number`: `-`? digits, then `.` digits if both are there.
    pub fn number(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        let mut i = start;
        if self.bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        let end = self.digits(i);
        if end == i {
            return None;
        }
        let mut end = end;
        if self.bytes.get(end) == Some(&b'.') {
            let frac = self.digits(end + 1);
            if frac > end + 1 {
                end = frac;
            }
        }
        Some(self.took(start, end))
    }

    /// `kle_number`: digits, then `.` digits as often as they come.
    pub fn kle_number(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        let mut end = self.digits(start);
        if end == start {
            return None;
        }
        while self.bytes.get(end) == Some(&b'.') {
            let next = self.digits(end + 1);
            if next == end + 1 {
                break;
            }
            end = next;
        }
        Some(self.took(start, end))
    }

    /// `date`: `DDDD-DD-DD`.
    pub fn date(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        let shape = b"0000-00-00";
        let slice = self.bytes.get(start..start + shape.len())?;
        let fits = slice.iter().zip(shape).all(|(&b, &s)| {
            if s == b'-' {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        fits.then(|| self.took(start, start + shape.len()))
    }

    /// `act_citation`: `act_name`, white space (no comments), `provision`. Returns the act's and the
    /// provision's ranges.
    pub fn act_citation(&mut self) -> Option<((usize, usize), (usize, usize))> {
        let start = self.pos;
        let mut i = start;
        while self.bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        }
        if i == start {
            return None;
        }
        let act_end = i;
        loop {
            if self.bytes.get(i).is_some_and(|&b| is_space(b)) {
                i += 1;
            } else if let Some(len) = self.unicode_space_at(i) {
                i += len;
            } else {
                break;
            }
        }
        if i == act_end {
            return None;
        }
        let provision_start = i;
        let mut end = self.digits(i);
        if end == i {
            return None;
        }
        if self.bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
            end += 1;
        }
        // ("(" ~ ASCII_ALPHANUMERIC+ ~ ")")*
        while self.bytes.get(end) == Some(&b'(') {
            let mut j = end + 1;
            while self.bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                j += 1;
            }
            if j == end + 1 || self.bytes.get(j) != Some(&b')') {
                break;
            }
            end = j + 1;
        }
        self.took(start, end);
        Some(((start, act_end), (provision_start, end)))
    }

    /// `mechanism`: an `ident`, then `(` alphanumerics `)` if written right behind it.
    pub fn mechanism(&mut self) -> Option<(usize, usize)> {
        let (start, mut end) = self.ident()?;
        if self.bytes.get(end) == Some(&b'(') {
            let mut j = end + 1;
            while self.bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                j += 1;
            }
            if j > end + 1 && self.bytes.get(j) == Some(&b')') {
                end = j + 1;
            }
        }
        Some(self.took(start, end))
    }

    /// `rule_code`: letters, digits, `-` and `_`, as many as there are (no check of what follows).
    pub fn rule_code(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        let mut end = start;
        while self
            .bytes
            .get(end)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            end += 1;
        }
        (end > start).then(|| self.took(start, end))
    }

    /// The rest of `unknown_field`: anything up to a newline or `}`.
    pub fn rest_of_line(&mut self) {
        let end = memchr2(b'\n', b'}', &self.bytes[self.pos..])
            .map_or(self.bytes.len(), |i| self.pos + i);
        self.took(self.pos, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Latin-1 shortcut takes exactly the characters pest's tables take, at the start of a
    /// name and after its first character.
    #[test]
    fn latin1_letters_are_the_ones_pest_takes() {
        for c in '\u{80}'..='\u{7FF}' {
            let text = c.to_string();
            let cursor = Cursor::new(&text);
            let shortcut = cursor.latin1_letter_at(0).is_some();
            if shortcut {
                assert!(pest::unicode::XID_START(c), "{c:?}");
                assert!(pest::unicode::XID_CONTINUE(c), "{c:?}");
            } else if ('\u{C0}'..='\u{FF}').contains(&c) {
                assert!(
                    !pest::unicode::XID_CONTINUE(c),
                    "{c:?} is left to the tables"
                );
            }
        }
        let name = Cursor::new("smørrebrød_ÆØÅ×");
        assert_eq!(name.word_end(), Some("smørrebrød_ÆØÅ".len()));
    }

    /// The inline path (two sixteen-byte tests) ends every word where the general one does: short
    /// and long words (about 16 and 32 bytes, and longer), words that end in a non-ASCII letter or
    /// at the end of the text, and non-words.
    #[test]
    fn the_short_word_path_agrees_with_the_general_one() {
        let text = "a, purpose_of_the_activity_x \"q\" smørrebrød _x9 9x ø_1 abcdefghijklmnoø \
                    abcdefghijklmno, abcdefghijklmnop, abcdefghijklmn× {b}\n  cpr_child_it_60 z \
                    abcdefghijklmnopqrstuvwxyz01234, abcdefghijklmnopqrstuvwxyz012345 \
                    abcdefghijklmnopqrstuvwxyz0123456 abcdefghijklmnopqrstuvwxyz01234ø \
                    abcdefghijklmnopqrstuvwxyzø abcdefghijklmnopqrstuvwxyz0123456789_long_word";
        for pos in 0..=text.len() {
            if !text.is_char_boundary(pos) {
                continue;
            }
            let mut cursor = Cursor::new(text);
            cursor.pos = pos;
            assert_eq!(cursor.word_end(), cursor.word_end_any(), "at {pos}");
        }
    }

    /// The word-at-a-time test agrees with the table for every byte in every place of a word.
    #[test]
    fn eight_bytes_at_a_time_agree_with_the_table() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = *b"aZ_09zA_";
                bytes[lane] = b;
                let stops = non_ident_bytes(u64::from_le_bytes(bytes));
                let expected = if is_ident_byte(b) {
                    0
                } else {
                    0x80u64 << (8 * lane)
                };
                assert_eq!(stops, expected, "byte {b:#04x} in lane {lane}");
            }
        }
        #[cfg(target_arch = "x86_64")]
        for b in 0..=255u8 {
            for lane in 0..16 {
                let mut bytes = *b"aZ_09zA_bY_18xB_";
                bytes[lane] = b;
                let expected = if is_ident_byte(b) { 0 } else { 1 << lane };
                let stops = super::super::scan::non_ident_bytes(&bytes).unwrap();
                assert_eq!(stops, expected, "byte {b:#04x} in lane {lane}");
            }
        }
        let text = b"abc_DEF_0123456789_xyz_and_a_long_tail_beyond_sixteen,rest";
        for from in 0..text.len() {
            let by_byte = (from..text.len())
                .find(|&i| !is_ident_byte(text[i]))
                .unwrap_or(text.len());
            assert_eq!(ident_run_end(text, from), by_byte, "from {from}");
        }
    }
}
