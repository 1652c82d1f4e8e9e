//! Line and column positions of spans, for the machine-readable formats.

use serde::Serialize;

use crate::source::SourceMap;
use crate::syntax::span::Span;

/// Where a span is, in the terms editors and CI annotations use (1-based lines and columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location<'a> {
    /// The file's name, borrowed from the source map: a report of many findings copies it never.
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Byte offsets in the file, end exclusive.
    pub byte_start: usize,
    pub byte_end: usize,
}

impl<'a> Location<'a> {
    pub fn of(sources: &'a SourceMap, span: Span) -> Option<Location<'a>> {
        if span.is_synthetic() {
            return None;
        }
        let file = sources.file(span.file);
        let (start, end) = (span.start as usize, span.end as usize);
        let (line, column) = file.line_col(start);
        let (end_line, end_column) = match file.text.as_bytes().get(start..end) {
            // A span is short: its end is counted on from its start, not looked up again.
            Some(inside) if inside.len() <= SHORT_SPAN => after(inside, line, column),
            _ => file.line_col(end),
        };
        Some(Location {
            file: &file.name,
            line,
            column,
            end_line,
            end_column,
            byte_start: span.start as usize,
            byte_end: span.end as usize,
        })
    }
}

/// Spans up to this many bytes long have their end counted from their start (nearly all: a name, a
/// statement); a longer one (a whole declaration) is looked up in the line index like the start.
const SHORT_SPAN: usize = 256;

/// The line and column just after `inside`, which starts at `line` and `column`: columns count
/// characters as `SourceFile::line_col` does (every byte but UTF-8 continuation bytes), so the
/// count adds up over any split of the text.
fn after(inside: &[u8], line: usize, column: usize) -> (usize, usize) {
    let chars = |bytes: &[u8]| bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    match memchr::memrchr(b'\n', inside) {
        None => (line, column + chars(inside)),
        Some(last) => (
            line + memchr::memchr_iter(b'\n', inside).count(),
            chars(&inside[last + 1..]) + 1,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use crate::syntax::span::FileId;

    #[test]
    fn an_end_counted_from_the_start_is_the_end_looked_up() {
        let text = "ab\ncæø\n\nx€y\n".repeat(40) + &"z".repeat(300);
        let mut sources = SourceMap::new();
        sources.add(SourceFile::new("t.hjemmel", text.clone()));
        let file = sources.file(FileId(0));
        for start in 0..=text.len() {
            for end in [
                start,
                start + 1,
                start + 3,
                start + 7,
                start + 40,
                start + 257,
            ] {
                if end > text.len() {
                    continue;
                }
                let location = Location::of(&sources, Span::new(FileId(0), start, end)).unwrap();
                assert_eq!(
                    (location.end_line, location.end_column),
                    file.line_col(end),
                    "{start}..{end}"
                );
                assert_eq!((location.line, location.column), file.line_col(start));
            }
        }
    }
}
