//! An [`Excerpt`] as miette reads it: the human format hands miette the few lines a finding shows,
//! never the whole file.
//!
//! miette finds a label's line by reading its source from the start up to the label, and prints every
//! character of the lines it shows. Handed a whole file, that made the human format quadratic (26 s
//! for a spec of 10,000 activities), and on a spec written on one line it printed the whole line
//! under every finding and panicked past column 65,535 (a formatting width over `u16::MAX` in its
//! underline). Handed an excerpt, miette reads a few hundred bytes, and the lines it draws are short.
//!
//! The excerpt is the file's own lines, each long one cut to windows joined by [`CUT`]; labels are
//! moved into its offsets with [`ExcerptSource::span`]. What miette reads back is told in the file's
//! terms: the line numbers of the file, and for the position a header shows, the column in the file
//! counted in characters, as the other formats count it.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::excerpt::{CUT, Excerpt};
use crate::escape::{terminal, terminal_source};
use crate::source::SourceFile;
use crate::syntax::span::Span;

/// The text miette reads for one snippet, and where its parts are in the file.
pub struct ExcerptSource<'a> {
    file: &'a SourceFile,
    text: String,
    /// Lines in the file before the excerpt's first.
    lines_before: usize,
    /// Each piece of the file shown: where it starts in `text`, and where it is in the file.
    pieces: Vec<(usize, Range<usize>)>,
}

impl<'a> ExcerptSource<'a> {
    pub fn new(file: &'a SourceFile, excerpt: &Excerpt) -> Self {
        let mut text = String::new();
        let mut pieces = Vec::new();
        for line in &excerpt.lines {
            if line.cut_before() {
                text.push_str(CUT);
            }
            for (i, piece) in line.pieces.iter().enumerate() {
                if i > 0 {
                    text.push_str(CUT);
                }
                pieces.push((text.len(), piece.clone()));
                // Offsets are kept: each forbidden character becomes one `?` per byte.
                text.push_str(&terminal_source(&file.text[piece.clone()]));
            }
            if line.cut_after() {
                text.push_str(CUT);
            }
            if line.line.end < file.text.len() {
                text.push('\n');
            }
        }
        ExcerptSource {
            file,
            text,
            lines_before: excerpt.lines.first().map_or(0, |l| l.number - 1),
            pieces,
        }
    }

    /// Where the file's `span` is in the excerpt. Ends that fall in a cut part (never the ends of the
    /// spans the excerpt was made around) move to the cut's mark.
    pub fn span(&self, span: Span) -> SourceSpan {
        let start = self.offset(span.start as usize);
        let end = self.offset(span.end as usize).max(start);
        (start, end - start).into()
    }

    fn offset(&self, in_file: usize) -> usize {
        let after = self.pieces.partition_point(|(_, p)| p.start <= in_file);
        match after.checked_sub(1).map(|i| &self.pieces[i]) {
            Some((at, piece)) => at + in_file.min(piece.end) - piece.start,
            None => 0,
        }
    }

    /// Where the excerpt's `offset` is in the file, when it is in a piece of it.
    fn in_file(&self, offset: usize) -> Option<usize> {
        let after = self.pieces.partition_point(|(at, _)| *at <= offset);
        let (at, piece) = &self.pieces[after.checked_sub(1)?];
        let in_file = piece.start + (offset - at);
        (in_file <= piece.end).then_some(in_file)
    }

    /// The excerpt as miette is handed it (for tests).
    #[cfg(test)]
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl SourceCode for ExcerptSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let read = self
            .text
            .as_str()
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette reports a column only when it reads no lines before (for the header of a
        // snippet); it counts bytes there, the other formats characters.
        let column = match self.in_file(span.offset()) {
            Some(offset) if context_lines_before == 0 => self.file.line_col(offset).1 - 1,
            _ => read.column(),
        };
        Ok(Box::new(
            MietteSpanContents::new_named(
                terminal(&self.file.name).into_owned(),
                read.data(),
                *read.span(),
                read.line() + self.lines_before,
                column,
                // miette compares a snippet's line plus this count with the next one's line, both
                // counted from the start of its source: the file's, here.
                read.line_count() + self.lines_before,
            )
            .with_language("hjemmel"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::excerpt::{AFTER, BEFORE};
    use crate::syntax::span::FileId;

    #[test]
    fn spans_are_moved_into_the_excerpt_and_read_back_in_the_files_terms() {
        let filler = "ø".repeat(100_000);
        let text = format!("first\n{filler} word {filler}\nlast\n");
        let file = SourceFile::new("x.hjemmel", text.clone());
        let at = text.find("word").unwrap();
        let word = Span::new(FileId(0), at, at + 4);
        let excerpt = Excerpt::around(&file, at, at + 4, 1, 2, &[at, at + 4]);
        let source = ExcerptSource::new(&file, &excerpt);
        let shown = format!(
            "first\n{CUT}{} word {}{CUT}\nlast\n",
            "ø".repeat(BEFORE - 1),
            "ø".repeat(AFTER - 1)
        );
        assert_eq!(source.text(), shown);
        let span = source.span(word);
        assert_eq!(&source.text()[span.offset()..][..span.len()], "word");
        let read = source.read_span(&span, 0, 0).unwrap();
        assert_eq!((read.line(), read.column()), (1, 100_001));
        let read = source.read_span(&span, 1, 1).unwrap();
        assert_eq!(read.line(), 0);
        assert_eq!(read.name(), Some("x.hjemmel"));
    }
}
