//! One finished analysis with what the protocol needs to speak of it: each file's URI and its
//! line map, so that spans become ranges and the editor's positions become places.

use std::path::PathBuf;
use std::sync::OnceLock;

use lsp_types::{Location, Position, Range, Uri};

use super::position::{Encoding, LineMap};
use super::uri;
use crate::diagnostic::Diagnostic;
use crate::ide::{Analysis, Place};
use crate::syntax::span::{FileId, Span};

/// A file of the analysed spec, by the analysis' [`FileId`].
#[derive(Debug)]
pub struct FileInfo {
    pub path: PathBuf,
    pub uri: Uri,
    /// The open document's version the text is of; `None` for a file read from disk.
    pub version: Option<i32>,
    /// Built on the first conversion that needs it.
    lines: OnceLock<LineMap>,
}

/// An analysis of one state of the workspace (`generation`), shared by the requests that read it.
pub struct Snapshot {
    /// Counts the changes to the workspace: the analysis is of the state after this many.
    pub generation: u64,
    pub analysis: Analysis,
    pub files: Vec<FileInfo>,
    pub encoding: Encoding,
    /// Why the spec directory could not be read, when it could not: shown on the first file.
    pub load_error: Option<Diagnostic>,
}

impl Snapshot {
    pub fn new(
        generation: u64,
        analysis: Analysis,
        files: Vec<super::workspace::WorkspaceFile>,
        encoding: Encoding,
        load_error: Option<Diagnostic>,
    ) -> Snapshot {
        let files = files
            .into_iter()
            .map(|f| FileInfo {
                path: f.path,
                uri: f.uri,
                version: f.version,
                lines: OnceLock::new(),
            })
            .collect();
        Snapshot {
            generation,
            analysis,
            files,
            encoding,
            load_error,
        }
    }

    /// The file the editor names by `uri`.
    pub fn file_of(&self, uri: &Uri) -> Option<FileId> {
        let path = uri::to_path(uri)?;
        let index = self.files.iter().position(|f| f.path == path)?;
        Some(FileId(index as u32))
    }

    pub fn text(&self, file: FileId) -> &str {
        self.analysis.sources.file(file).text.as_str()
    }

    pub fn info(&self, file: FileId) -> &FileInfo {
        &self.files[file.0 as usize]
    }

    fn lines(&self, file: FileId) -> &LineMap {
        self.info(file)
            .lines
            .get_or_init(|| LineMap::new(self.text(file)))
    }

    /// The place the editor's `position` in `uri` names.
    pub fn place(&self, uri: &Uri, position: Position) -> Option<Place> {
        let file = self.file_of(uri)?;
        let offset = self
            .lines(file)
            .offset(self.text(file), position, self.encoding);
        Some(Place { file, offset })
    }

    /// The byte offsets `range` names in `file`.
    pub fn offsets(&self, file: FileId, range: Range) -> (usize, usize) {
        let (lines, text) = (self.lines(file), self.text(file));
        (
            lines.offset(text, range.start, self.encoding),
            lines.offset(text, range.end, self.encoding),
        )
    }

    pub fn range(&self, span: Span) -> Range {
        let file = span.file;
        self.lines(file).range(
            self.text(file),
            span.start as usize,
            span.end as usize,
            self.encoding,
        )
    }

    pub fn location(&self, span: Span) -> Location {
        Location::new(self.info(span.file).uri.clone(), self.range(span))
    }

    /// Whether `span` points into a file of this analysis (a synthetic span does not).
    pub fn has(&self, span: Span) -> bool {
        !span.is_synthetic()
            && (span.file.0 as usize) < self.files.len()
            && span.end as usize <= self.text(span.file).len()
    }
}
