//! The text of one spec file: owned, or mapped from the file when the file is large.
//!
//! Reading a file copies it from the page cache into fresh memory, and every page of that memory is
//! faulted in and zeroed first: for a 64 MB spec about 16,000 page faults and 50–130 ms, a tenth of
//! the whole check (docs/performance.md). Mapping the file reads the page cache in place, 16 pages per
//! fault. Small files, which is every hand-written spec, are read: for them mapping saves nothing
//! and costs a system call more.
//!
//! A mapped file must not be changed while `hjemmel` runs: text changed under the map may no longer
//! be the UTF-8 it was checked to be, and a file cut short ends the process with SIGBUS, as with any
//! program that maps its input (ripgrep does the same for large files). The text is checked for
//! UTF-8 once, when it is mapped.

use std::fs::File;
use std::ops::Deref;

use memmap2::Mmap;

/// Files at least this large are mapped rather than read.
pub const MAP_FROM_BYTES: u64 = 4 << 20;

/// A spec file's text: valid UTF-8, without a leading byte-order mark.
pub struct SourceText(Repr);

enum Repr {
    Owned(String),
    /// The mapped file; the text is `map[start..]`, checked to be UTF-8 (`start` skips a byte-order
    /// mark).
    Mapped {
        map: Mmap,
        start: usize,
    },
}

impl SourceText {
    /// The text of `file`: mapped when it is large, read otherwise. A leading byte-order mark is
    /// dropped. Bytes that are not UTF-8 come back as they are (`Ok(Err(bytes))`), for the error to
    /// point at the first bad one.
    pub fn read(mut file: File) -> std::io::Result<Result<SourceText, Vec<u8>>> {
        let len = file.metadata()?.len();
        if len < MAP_FROM_BYTES {
            let mut bytes = Vec::with_capacity(len as usize + 1);
            std::io::Read::read_to_end(&mut file, &mut bytes)?;
            return Ok(Self::from_bytes(bytes));
        }
        // SAFETY: the map is only ever read, and the text is checked for UTF-8 below. What the
        // module documentation says of files changed while mapped is the accepted risk.
        let map = unsafe { Mmap::map(&file)? };
        let start = if map.starts_with(BOM) { BOM.len() } else { 0 };
        // simdutf8 takes about 0.4 instructions a byte, std about one (docs/performance.md).
        Ok(match simdutf8::basic::from_utf8(&map[start..]) {
            Ok(_) => Ok(SourceText(Repr::Mapped { map, start })),
            Err(_) => Err(map.to_vec()),
        })
    }

    /// Bytes read into memory, as text without a leading byte-order mark.
    fn from_bytes(bytes: Vec<u8>) -> Result<SourceText, Vec<u8>> {
        let mut text = String::from_utf8(bytes).map_err(|e| e.into_bytes())?;
        if text.starts_with('\u{FEFF}') {
            text.drain(..BOM.len());
        }
        Ok(SourceText(Repr::Owned(text)))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(text) => text,
            // SAFETY: checked to be UTF-8 when mapped (see `read`).
            Repr::Mapped { map, start } => unsafe { std::str::from_utf8_unchecked(&map[*start..]) },
        }
    }

    /// Whether the text is mapped from its file (for tests).
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Repr::Mapped { .. })
    }
}

/// The UTF-8 byte-order mark, which editors on Windows may put first; it is not part of the spec.
const BOM: &[u8] = "\u{FEFF}".as_bytes();

impl From<String> for SourceText {
    fn from(text: String) -> Self {
        SourceText(Repr::Owned(text))
    }
}

impl Deref for SourceText {
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

impl miette::SourceCode for SourceText {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        self.as_str()
            .read_span(span, context_lines_before, context_lines_after)
    }
}
