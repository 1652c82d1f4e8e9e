//! Text laid out in a buffer and handed on to the output a chunk at a time, so that a notice of
//! any size is never held whole (docs/performance.md, "the notice written as it is built").

use std::io::{self, Write};

/// How much text is laid out before it is handed on; the buffer has room for twice as much, so that
/// the part that passes the mark is laid out without growing it.
const CHUNK: usize = 1 << 16;

/// The output of a notice writer: its buffer, and the first error of the output.
pub struct Chunked<'w> {
    out: &'w mut dyn Write,
    /// The text laid out and not yet handed on.
    pub text: String,
    /// Once the output has failed, nothing more is written; the error is returned at the end.
    error: Option<io::Error>,
}

impl<'w> Chunked<'w> {
    pub fn new(out: &'w mut dyn Write) -> Chunked<'w> {
        Chunked {
            out,
            text: String::with_capacity(2 * CHUNK),
            error: None,
        }
    }

    /// Whether a chunk's worth of text waits to be handed on.
    pub fn is_full(&self) -> bool {
        self.text.len() >= CHUNK
    }

    /// Writes the first `len` bytes of the text to the output and drops them from the buffer.
    pub fn hand_on(&mut self, len: usize) {
        if self.error.is_none()
            && let Err(error) = self.out.write_all(&self.text.as_bytes()[..len])
        {
            self.error = Some(error);
        }
        self.text.drain(..len);
    }

    /// Writes what is left; the first error of the output, if it failed.
    pub fn finish(mut self) -> io::Result<()> {
        self.hand_on(self.text.len());
        match self.error {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}
