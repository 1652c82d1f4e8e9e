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
        let (line, column) = file.line_col(span.start as usize);
        let (end_line, end_column) = file.line_col(span.end as usize);
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
