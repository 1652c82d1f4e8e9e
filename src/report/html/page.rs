//! The report as it is written: text gathered in a small buffer and handed to the output whenever
//! the buffer is full, so that a report of hundreds of megabytes (100,000 activities) is never held
//! whole in memory. The parts of the report write into a [`Page`] as they would into a `String`
//! (`push_str`, `write!`), and escape what comes from the spec on the way in ([`Page::escaped`]).

use std::fmt;
use std::io;

use super::escape::escape_pieces;

/// Bytes gathered before they are handed on: large enough that the output is written in few calls,
/// small beside any document worth streaming. The output is handed whole chunks only, so that each
/// write to a file starts and ends at a multiple of 64 KiB: the kernel then takes the text into its
/// page cache in large pieces (folios) rather than a page at a time, and writing the 238 MB report
/// of 100,000 activities took about a third less system time than in chunks a few bytes over 64 KiB.
const CHUNK: usize = 64 * 1024;

/// Where the report's text goes: an output it is handed to piece by piece, or (for tests and
/// [`super::render`]) a string that keeps all of it.
pub struct Page<'w> {
    /// UTF-8 (only `&str` is pushed), kept as bytes so that a whole chunk can be handed on even
    /// where it ends inside a character.
    text: Vec<u8>,
    output: Option<&'w mut dyn io::Write>,
    /// The first error the output gave; nothing more is written to it after one.
    error: Option<io::Error>,
}

impl<'w> Page<'w> {
    /// A page handed to `output` a chunk at a time; [`Page::finish`] writes the rest.
    pub fn to_output(output: &'w mut dyn io::Write) -> Self {
        Page {
            text: Vec::with_capacity(CHUNK + CHUNK / 4),
            output: Some(output),
            error: None,
        }
    }

    /// A page kept whole in memory ([`Page::into_string`]).
    pub fn in_memory() -> Page<'static> {
        Page {
            text: Vec::new(),
            output: None,
            error: None,
        }
    }

    pub fn push_str(&mut self, text: &str) {
        self.text.extend_from_slice(text.as_bytes());
        self.hand_on_when_full();
    }

    pub fn push(&mut self, c: char) {
        self.text
            .extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        self.hand_on_when_full();
    }

    /// A number in decimal, without `core::fmt`: the overview writes two for each of 100,000
    /// activities.
    pub fn number(&mut self, n: usize) {
        self.text
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        self.hand_on_when_full();
    }

    /// `text` escaped for HTML as [`super::escape`] does it, without a string of its own.
    pub fn escaped(&mut self, text: &str) {
        escape_pieces(text, |piece| {
            self.text.extend_from_slice(piece.as_bytes());
            Ok::<(), ()>(())
        })
        .unwrap_or(());
        self.hand_on_when_full();
    }

    fn hand_on_when_full(&mut self) {
        if self.text.len() >= CHUNK && self.output.is_some() {
            self.hand_on(self.text.len() / CHUNK * CHUNK);
        }
    }

    /// Writes the first `len` bytes gathered to the output, unless it has failed before, and keeps
    /// the rest for the next.
    fn hand_on(&mut self, len: usize) {
        let Some(output) = self.output.as_mut() else {
            return;
        };
        if self.error.is_none()
            && let Err(error) = output.write_all(&self.text[..len])
        {
            self.error = Some(error);
        }
        self.text.drain(..len);
    }

    /// Writes the rest to the output; the first error the output gave, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.hand_on(self.text.len());
        match self.error.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// The whole text of a page made with [`Page::in_memory`].
    pub fn into_string(self) -> String {
        debug_assert!(
            self.output.is_none(),
            "a page handed to an output is not kept"
        );
        // Only `&str` is ever pushed, so the text is UTF-8.
        String::from_utf8(self.text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl fmt::Write for Page<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.push_str(text);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn a_page_is_handed_on_in_chunks_and_whole() {
        let mut output = Vec::new();
        let mut page = Page::to_output(&mut output);
        for i in 0..20_000 {
            let _ = write!(page, "<p>{i}</p>");
            page.escaped(" & ");
            assert!(page.text.len() < CHUNK + 64, "gathered text is handed on");
        }
        page.finish().unwrap();
        let mut expected = String::new();
        for i in 0..20_000 {
            let _ = write!(expected, "<p>{i}</p> &amp; ");
        }
        assert_eq!(String::from_utf8(output).unwrap(), expected);
    }

    /// Every write but the last is whole chunks, so that a file is written at multiples of 64 KiB,
    /// even where a chunk ends inside a character; the bytes are those pushed, in order.
    #[test]
    fn the_output_is_written_in_whole_chunks() {
        struct Writes(Vec<u8>, Vec<usize>);
        impl io::Write for Writes {
            fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
                self.0.extend_from_slice(bytes);
                self.1.push(bytes.len());
                Ok(bytes.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut output = Writes(Vec::new(), Vec::new());
        let mut page = Page::to_output(&mut output);
        let mut expected = String::new();
        for i in 0..60_000 {
            let text = ["Børn og unge ", "æ", "x", "§ 8 – "][i % 4];
            page.push_str(text);
            page.push('ø');
            expected.push_str(text);
            expected.push('ø');
            if i % 1000 == 0 {
                page.push_str(&"Ø".repeat(CHUNK / 3));
                expected.push_str(&"Ø".repeat(CHUNK / 3));
            }
        }
        page.finish().unwrap();
        let (bytes, writes) = (output.0, output.1);
        assert!(writes.len() > 10, "{writes:?}");
        let (last, whole) = writes.split_last().unwrap();
        assert!(
            whole.iter().all(|&len| len > 0 && len % CHUNK == 0),
            "{writes:?}"
        );
        assert!(*last < CHUNK);
        assert!(
            bytes
                .chunks(CHUNK)
                .any(|chunk| std::str::from_utf8(chunk).is_err()),
            "some chunk ends inside a character"
        );
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    }

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        let mut page = Page::in_memory();
        let numbers = [0, 1, 9, 10, 99, 100, 12_345, usize::MAX];
        for n in numbers {
            page.number(n);
            page.push(' ');
        }
        let expected: String = numbers.iter().map(|n| format!("{n} ")).collect();
        assert_eq!(page.into_string(), expected);
    }

    /// An output that fails (a full disk) is not written again, and its error is what the page ends
    /// with.
    #[test]
    fn the_first_error_of_the_output_is_kept() {
        struct Full(usize);
        impl io::Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                self.0 += 1;
                Err(io::Error::new(io::ErrorKind::StorageFull, "full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut full = Full(0);
        let mut page = Page::to_output(&mut full);
        for _ in 0..10 {
            page.push_str(&"x".repeat(CHUNK));
        }
        let error = page.finish().unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert_eq!(full.0, 1, "written once, then left alone");
    }
}
