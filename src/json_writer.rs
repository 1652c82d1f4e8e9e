//! A JSON writer that writes what `serde_json::to_writer_pretty` writes, byte for byte, for the
//! documents that can run to hundreds of MiB: `check --format json` (src/report/json.rs),
//! `ropa --format json` (src/ropa/json.rs), and `ropa --format dpv` (src/ropa/dpv.rs). It belongs to
//! none of them, so it lives on its own.
//!
//! serde_json escapes a string by looking every byte up in a table and branching on it (about a
//! third of writing the check document at 10,000 activities); nearly every string of a report needs
//! no escape at all. Here the bytes to escape are found eight at a time in a word, and what lies
//! between them is copied at once. The document is gathered in a buffer and handed to the output
//! in large pieces, not one `write_all` per token.
//!
//! The shape of each document stays defined by its `Serialize` types: a test writes every spec of
//! the repository both ways and compares the bytes (`the_hand_written_document_is_the_serde_one` in
//! src/report/json.rs).

use std::io::{self, Write};

/// Bytes gathered before they are handed to the output.
const FLUSH_AT: usize = 64 * 1024;

/// A comma, a line break and the deepest indentation that is written at once.
const BREAK: &[u8; 2 + 2 * 32] =
    b",\n                                                                ";

/// The pretty writer: two spaces of indentation, `": "` after a key, as serde_json's pretty format.
pub struct JsonWriter<'w, W: Write> {
    out: &'w mut W,
    buf: Vec<u8>,
    /// How many objects and arrays are open.
    depth: usize,
    /// The innermost open object or array has no value yet (no comma before the next one).
    empty: bool,
}

impl<'w, W: Write> JsonWriter<'w, W> {
    pub fn new(out: &'w mut W) -> Self {
        JsonWriter {
            out,
            buf: Vec::with_capacity(FLUSH_AT + 4096),
            depth: 0,
            empty: true,
        }
    }

    /// Hands what is gathered to the output when there is enough of it: called between values.
    pub fn flush_some(&mut self) -> io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes what is left.
    pub fn finish(self) -> io::Result<()> {
        self.out.write_all(&self.buf)
    }

    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// A comma unless the container is still empty, a line break and the indentation.
    #[inline]
    fn line(&mut self) {
        let width = 2 * self.depth;
        if width <= BREAK.len() - 2 {
            // All of `BREAK` (a copy of fixed length, made without a call), then cut to the width:
            // every key and value of the document starts with this.
            let start = self.buf.len();
            let comma = !self.empty;
            if comma {
                self.buf.extend_from_slice(BREAK);
            } else {
                self.buf.extend_from_slice(&BREAK[1..]);
            }
            self.buf.truncate(start + usize::from(comma) + 1 + width);
        } else {
            let start = usize::from(self.empty);
            self.buf.extend_from_slice(&BREAK[start..2]);
            (0..self.depth).for_each(|_| self.buf.extend_from_slice(b"  "));
        }
        self.empty = false;
    }

    pub fn begin_object(&mut self) {
        self.open(b'{');
    }

    /// The first keys of every document hjemmel writes (`check --format json`, `ropa --format
    /// json`): its schema's version and the tool that wrote it.
    pub fn document_header(&mut self, schema_version: u32) {
        self.key("version");
        self.number(u64::from(schema_version));
        self.key("tool");
        self.string("hjemmel");
        self.key("tool_version");
        self.string(env!("CARGO_PKG_VERSION"));
    }

    pub fn end_object(&mut self) {
        self.close(b'}');
    }

    pub fn begin_array(&mut self) {
        self.open(b'[');
    }

    pub fn end_array(&mut self) {
        self.close(b']');
    }

    fn open(&mut self, bracket: u8) {
        self.depth += 1;
        self.empty = true;
        self.buf.push(bracket);
    }

    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.empty {
            // The line break before the bracket has no comma.
            self.empty = true;
            self.line();
        }
        self.buf.push(bracket);
        // The container it closes is a value of the one around it.
        self.empty = false;
    }

    /// An object's key (a name of the schema: written as it is), then the value follows.
    #[inline]
    pub fn key(&mut self, key: &str) {
        self.line();
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"\": ");
    }

    /// The start of the next value of an array.
    pub fn element(&mut self) {
        self.line();
    }

    pub fn string(&mut self, s: &str) {
        self.buf.push(b'"');
        escape_into(&mut self.buf, s);
        self.buf.push(b'"');
    }

    /// One string made of `parts`, escaped as the string they join into, without joining them first
    /// (a node's identifier: a prefix and the spec's name).
    pub fn string_parts(&mut self, parts: &[&str]) {
        self.buf.push(b'"');
        for part in parts {
            escape_into(&mut self.buf, part);
        }
        self.buf.push(b'"');
    }

    pub fn optional_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    pub fn number(&mut self, n: u64) {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    pub fn bool(&mut self, b: bool) {
        self.buf
            .extend_from_slice(if b { b"true" } else { b"false" });
    }

    pub fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
    }

    /// An array of strings.
    pub fn strings<'s>(&mut self, items: impl IntoIterator<Item = &'s str>) {
        self.begin_array();
        for s in items {
            self.element();
            self.string(s);
        }
        self.end_array();
    }
}

/// A byte JSON escapes: a control character, `"` or `\\`.
#[inline(always)]
fn needs_escape(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// Eight copies of a byte, one in each byte of a word.
const fn each_byte(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// The place of the first byte of `bytes` that [`needs_escape`], tested eight bytes at a time in a
/// word (nearly every string of a report has none, and a finding's help that quotes `law "..."`
/// has a few in a few hundred bytes).
#[inline]
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    for (i, word) in words.enumerate() {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let found = zero_bytes(word ^ each_byte(b'"'))
            | zero_bytes(word ^ each_byte(b'\\'))
            | bytes_below_0x20(word);
        if found != 0 {
            // The lowest mark is exact (only marks above a marked byte can be false), and the word
            // was read little-endian: its lowest byte is the first.
            return Some(8 * i + (found.trailing_zeros() / 8) as usize);
        }
    }
    let tested = bytes.len() - tail.len();
    tail.iter()
        .position(|&b| needs_escape(b))
        .map(|at| tested + at)
}

/// The high bit of each byte of `word` that is zero, and perhaps of bytes above one that is.
#[inline(always)]
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(each_byte(0x01)) & !word & each_byte(0x80)
}

/// The high bit of each byte of `word` below 0x20, and perhaps of bytes above one that is.
#[inline(always)]
fn bytes_below_0x20(word: u64) -> u64 {
    word.wrapping_sub(each_byte(0x20)) & !word & each_byte(0x80)
}

/// `s` escaped as serde_json escapes it (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control
/// characters as `\u00xx`), appended to `out`: the words between two escapes are copied at once.
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    static HEX_DIGITS: [u8; 16] = *b"0123456789abcdef";
    let mut rest = s.as_bytes();
    while let Some(at) = first_to_escape(rest) {
        out.extend_from_slice(&rest[..at]);
        let b = rest[at];
        rest = &rest[at + 1..];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX_DIGITS[usize::from(b >> 4)],
                HEX_DIGITS[usize::from(b & 0xF)],
            ]),
        }
    }
    out.extend_from_slice(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        let samples = [
            String::new(),
            "plain words, no escape at all: § æøå – ’".to_string(),
            every_ascii.clone(),
            format!("{}\"", "x".repeat(40)),
            format!("{}\\{}", "y".repeat(17), "z".repeat(16)),
            format!("{}\u{1b}[31m", "a".repeat(31)),
            "\u{7f}\u{85}\u{202e}".to_string(),
        ];
        for s in samples {
            assert_escaped_as_serde_json(&s);
        }
    }

    /// `s` in quotes, escaped by [`escape_into`], is the JSON string serde_json writes.
    fn assert_escaped_as_serde_json(s: &str) {
        let mut ours = vec![b'"'];
        escape_into(&mut ours, s);
        ours.push(b'"');
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string(s).unwrap(),
            "{s:?}"
        );
    }

    /// Each byte to escape at each place of strings longer and shorter than a word, among bytes
    /// that look like one to the word's test but are not (a character of UTF-8 whose bytes are a
    /// quote or a control character plus 0x80, a space, `#`, `[`, `]`).
    #[test]
    fn a_byte_to_escape_is_found_wherever_it_is() {
        for len in 0..40 {
            for at in 0..len {
                for special in [
                    '"', '\\', '\n', '\u{0}', '\u{1f}', ' ', '#', '[', ']', '¢', 'Ü', 'ğ',
                ] {
                    for filler in ["a", "¢", "\u{7f}"] {
                        let mut s: String = filler.repeat(len);
                        // Keep the place on a character boundary of the filler.
                        let at = at - at % filler.len();
                        s.replace_range(at..at + filler.len(), special.encode_utf8(&mut [0; 4]));
                        assert_escaped_as_serde_json(&s);
                    }
                }
            }
        }
    }

    #[test]
    fn nesting_is_written_as_serde_json_pretty_writes_it() {
        let mut out = Vec::new();
        let mut w = JsonWriter::new(&mut out);
        w.begin_object();
        // In the order of serde_json's own map (sorted keys).
        w.key("deep");
        for _ in 0..40 {
            w.begin_array();
            w.element();
        }
        w.bool(true);
        for _ in 0..40 {
            w.end_array();
        }
        w.key("empty_array");
        w.begin_array();
        w.end_array();
        w.key("empty_object");
        w.begin_object();
        w.end_object();
        w.key("list");
        w.strings(["a", "b\n"]);
        w.key("n");
        w.number(18_446_744_073_709_551_615);
        w.key("none");
        w.optional_string(None);
        w.key("zero");
        w.number(0);
        w.end_object();
        w.finish().unwrap();
        let mut deep = serde_json::json!(true);
        for _ in 0..40 {
            deep = serde_json::json!([deep]);
        }
        let expected = serde_json::json!({
            "empty_object": {},
            "empty_array": [],
            "n": u64::MAX,
            "deep": deep,
            "list": ["a", "b\n"],
            "none": null,
            "zero": 0,
        });
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&expected).unwrap()
        );
    }
}
