//! The spec's own names: where each is declared, where it is used, renaming, the outline.
//! (Package `ide-names` fills this in; the signatures are the server's interface.)

use super::{Analysis, Completion, Edit, Hover, Place, Symbol};
use crate::source::SourceMap;
use crate::syntax::span::{FileId, Span};

/// Every name declared and used in the files of a spec that parse.
#[derive(Debug, Default)]
pub struct NameIndex {}

impl NameIndex {
    pub fn build(_sources: &SourceMap) -> NameIndex {
        NameIndex {}
    }
}

/// Where the name at `at` is declared.
pub fn definition(_analysis: &Analysis, _at: Place) -> Option<Span> {
    None
}

/// Every use of the name at `at`, across the files of the spec; its declaration too when asked.
pub fn references(_analysis: &Analysis, _at: Place, _include_declaration: bool) -> Vec<Span> {
    Vec::new()
}

/// The name at `at`, when it can be renamed.
pub fn prepare_rename(_analysis: &Analysis, _at: Place) -> Option<Span> {
    None
}

/// The edits that rename the name at `at` everywhere; why not (worded in the analysis' language)
/// when the new name is not a name or is taken.
pub fn rename(_analysis: &Analysis, _at: Place, _new_name: &str) -> Result<Vec<Edit>, String> {
    Err(String::new())
}

/// The declarations of one file, as an outline.
pub fn document_symbols(_analysis: &Analysis, _file: FileId) -> Vec<Symbol> {
    Vec::new()
}

/// What the name at `at` is: its kind, label and where it is declared.
pub fn hover(_analysis: &Analysis, _at: Place) -> Option<Hover> {
    None
}

/// The declared names of the kind that may stand at `at`.
pub fn complete(_analysis: &Analysis, _at: Place) -> Vec<Completion> {
    Vec::new()
}
