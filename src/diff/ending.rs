//! The end of a streamed document: every section of the human and Markdown diffs ends with an empty
//! line, the document itself with one line feed. A writer cannot take back what it wrote, so
//! [`OneFinalNewline`] holds back line feeds until more text follows them.

use std::io::{self, Write};

/// Passes everything on, except that the line feeds at the very end become one.
pub struct OneFinalNewline<W: Write> {
    inner: W,
    /// Line feeds written but not yet passed on: the document may end after them.
    held: usize,
}

impl<W: Write> OneFinalNewline<W> {
    pub fn new(inner: W) -> Self {
        OneFinalNewline { inner, held: 0 }
    }

    /// Writes one line feed if the document ended with any, and flushes.
    pub fn finish(mut self) -> io::Result<W> {
        if self.held > 0 {
            self.inner.write_all(b"\n")?;
        }
        self.inner.flush()?;
        Ok(self.inner)
    }

    fn pass_on_held(&mut self) -> io::Result<()> {
        const FEEDS: &[u8] = b"\n\n\n\n\n\n\n\n";
        while self.held > 0 {
            let now = self.held.min(FEEDS.len());
            self.inner.write_all(&FEEDS[..now])?;
            self.held -= now;
        }
        Ok(())
    }
}

impl<W: Write> Write for OneFinalNewline<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match buf.iter().rposition(|&b| b != b'\n') {
            None => self.held += buf.len(),
            Some(last_text) => {
                self.pass_on_held()?;
                self.inner.write_all(&buf[..=last_text])?;
                self.held = buf.len() - last_text - 1;
            }
        }
        Ok(buf.len())
    }

    /// Flushes what was passed on; held line feeds stay held.
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&str]) -> String {
        let mut out = OneFinalNewline::new(Vec::new());
        for piece in pieces {
            out.write_all(piece.as_bytes()).unwrap();
        }
        String::from_utf8(out.finish().unwrap()).unwrap()
    }

    #[test]
    fn line_feeds_at_the_end_become_one() {
        assert_eq!(through(&["a\n", "\n", "\n\n"]), "a\n");
        assert_eq!(through(&["a\n\n"]), "a\n");
        assert_eq!(through(&["a\n"]), "a\n");
        assert_eq!(through(&["a"]), "a");
    }

    #[test]
    fn line_feeds_before_more_text_all_stay() {
        let feeds = "\n".repeat(20);
        assert_eq!(through(&["a\n", &feeds, "b\n\n"]), format!("a\n{feeds}b\n"));
        assert_eq!(through(&["a\n\n", "\nb"]), "a\n\n\nb");
    }
}
