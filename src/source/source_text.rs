//! The text of one spec file, read into memory.
//!
//! A spec file is read, never mapped: a mapped file that another process cuts short while hjemmel
//! runs ends the process with SIGBUS, and one changed under the map may no longer be the UTF-8 it
//! was checked to be. Reading costs the page faults of fresh memory, measured in
//! docs/performance.md ("Reading spec files").

use std::io::Read;

/// A spec file's text: valid UTF-8, without a leading byte-order mark.
pub struct SourceText(String);

/// How reading a file's text went, when the file could be read.
pub enum ReadText {
    /// The text.
    Text(SourceText),
    /// Bytes that are not UTF-8, as they are, for the error to point at the first bad one.
    NotUtf8(Vec<u8>),
    /// The file holds more than the bytes it was allowed (it grew since its size was taken).
    TooLarge,
}

impl SourceText {
    /// Reads at most `limit` bytes of `reader` as text; `expected` is the size to make room for.
    /// A leading byte-order mark is dropped.
    pub fn read(mut reader: impl Read, expected: u64, limit: u64) -> std::io::Result<ReadText> {
        // One byte more than the limit, to tell a file of exactly `limit` bytes from a larger one.
        let room = expected.min(limit).saturating_add(1);
        let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(usize::MAX));
        reader
            .by_ref()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Ok(ReadText::TooLarge);
        }
        Ok(match Self::from_bytes(bytes) {
            Ok(text) => ReadText::Text(text),
            Err(bytes) => ReadText::NotUtf8(bytes),
        })
    }

    /// Bytes as text without a leading byte-order mark, or the bytes back when they are not UTF-8.
    fn from_bytes(bytes: Vec<u8>) -> Result<SourceText, Vec<u8>> {
        // simdutf8 takes about 0.4 instructions a byte, std about one (docs/performance.md).
        if simdutf8::basic::from_utf8(&bytes).is_err() {
            return Err(bytes);
        }
        // SAFETY: checked to be UTF-8 just above.
        let mut text = unsafe { String::from_utf8_unchecked(bytes) };
        if text.starts_with('\u{FEFF}') {
            text.drain(..'\u{FEFF}'.len_utf8());
        }
        Ok(SourceText(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for SourceText {
    fn from(text: String) -> Self {
        SourceText(text)
    }
}

impl std::ops::Deref for SourceText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for SourceText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::{ReadText, SourceText};

    fn read(bytes: &[u8], limit: u64) -> ReadText {
        SourceText::read(bytes, bytes.len() as u64, limit).unwrap()
    }

    #[test]
    fn a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_too_large() {
        assert!(matches!(read(b"abcd", 4), ReadText::Text(t) if t.as_str() == "abcd"));
        assert!(matches!(read(b"abcde", 4), ReadText::TooLarge));
        // A file that grew since its size was taken: the limit, not the expected size, decides.
        let grown = SourceText::read(&b"abcdef"[..], 2, 4).unwrap();
        assert!(matches!(grown, ReadText::TooLarge));
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_bad_bytes_come_back() {
        assert!(matches!(read("\u{FEFF}x".as_bytes(), 10), ReadText::Text(t) if t.as_str() == "x"));
        assert!(matches!(read(b"a\xFFb", 10), ReadText::NotUtf8(b) if b == b"a\xFFb"));
    }
}
