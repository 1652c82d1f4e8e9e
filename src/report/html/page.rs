//! The report as it is written: text gathered in a small buffer and handed to the output whenever
//! the buffer is full, so that a report of hundreds of megabytes (100,000 activities) is never held
//! whole in memory. The parts of the report write into a [`Page`] as they would into a `String`
//! (`push_str`, `write!`), and escape what comes from the spec on the way in ([`Page::escaped`]).

use std::fmt;
use std::io;

use super::escape::escape_pieces;

/// Bytes gathered before they are handed on: large enough that the output is written in few calls,
/// small beside any document worth streaming.
const CHUNK: usize = 64 * 1024;

/// Where the report's text goes: an output it is handed to piece by piece, or (for tests and
/// [`super::render`]) a string that keeps all of it.
pub struct Page<'w> {
    text: String,
    output: Option<&'w mut dyn io::Write>,
    /// The first error the output gave; nothing more is written to it after one.
    error: Option<io::Error>,
}

impl<'w> Page<'w> {
    /// A page handed to `output` a chunk at a time; [`Page::finish`] writes the rest.
    pub fn to_output(output: &'w mut dyn io::Write) -> Self {
        Page {
            text: String::with_capacity(CHUNK + CHUNK / 4),
            output: Some(output),
            error: None,
        }
    }

    /// A page kept whole in memory ([`Page::into_string`]).
    pub fn in_memory() -> Page<'static> {
        Page {
            text: String::new(),
            output: None,
            error: None,
        }
    }

    pub fn push_str(&mut self, text: &str) {
        self.text.push_str(text);
        self.hand_on_when_full();
    }

    pub fn push(&mut self, c: char) {
        self.text.push(c);
        self.hand_on_when_full();
    }

    /// A number in decimal, without `core::fmt`: the overview writes two for each of 100,000
    /// activities.
    pub fn number(&mut self, n: usize) {
        self.text.push_str(itoa::Buffer::new().format(n));
        self.hand_on_when_full();
    }

    /// `text` escaped for HTML as [`super::escape`] does it, without a string of its own.
    pub fn escaped(&mut self, text: &str) {
        escape_pieces(text, |piece| {
            self.text.push_str(piece);
            Ok::<(), ()>(())
        })
        .unwrap_or(());
        self.hand_on_when_full();
    }

    fn hand_on_when_full(&mut self) {
        if self.text.len() >= CHUNK && self.output.is_some() {
            self.hand_on();
        }
    }

    /// Writes what is gathered to the output, unless it has failed before.
    fn hand_on(&mut self) {
        let Some(output) = self.output.as_mut() else {
            return;
        };
        if self.error.is_none()
            && let Err(error) = output.write_all(self.text.as_bytes())
        {
            self.error = Some(error);
        }
        self.text.clear();
    }

    /// Writes the rest to the output; the first error the output gave, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.hand_on();
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
        self.text
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
