//! The spec's own names: where each is declared, where it is used, renaming, the outline.
//!
//! Everything is read from the [`NameIndex`], built once per version of the spec from the syntax
//! trees of the declarations that parse; a request looks up the word at the cursor (a binary search
//! in its file) and then reads only the declarations and uses of that one name.

mod complete;
mod hover;
mod index;
mod rename;
#[cfg(test)]
mod tests;

pub use index::NameIndex;

use super::{Analysis, Completion, Edit, Hover, NameKind, Place, Symbol};
use crate::i18n::Lang;
use crate::semantic::resolve;
use crate::source::SourceMap;
use crate::syntax::span::{FileId, Span};
use index::{Item, What};

/// Where the name at `at` is declared.
pub fn definition(analysis: &Analysis, at: Place) -> Option<Span> {
    let index = analysis.names();
    let item = index.item_at(at.file, at.offset)?;
    let declared = index.declaration_of(index.name_of(item.what))?;
    Some(declared.name_span)
}

/// Every use of the name at `at`, across the files of the spec; its declaration too when asked.
pub fn references(analysis: &Analysis, at: Place, include_declaration: bool) -> Vec<Span> {
    let index = analysis.names();
    let Some(item) = index.item_at(at.file, at.offset) else {
        return Vec::new();
    };
    spans_of(index, item, include_declaration)
}

/// The words of every use of the name of `item` and, when asked, of its declarations: in the order
/// of the files and of their text.
fn spans_of(index: &NameIndex, item: Item, include_declaration: bool) -> Vec<Span> {
    let entry = index.entry(index.name_of(item.what));
    let declarations = entry
        .declarations
        .iter()
        .filter(|_| include_declaration)
        .map(|&d| What::Declaration(d));
    let uses = entry.uses.iter().map(|&u| What::Use(u));
    let mut spans: Vec<Span> = declarations.chain(uses).map(|w| w.span(index)).collect();
    spans.sort();
    note_visited(spans.len());
    spans
}

/// The name at `at`, when it can be renamed: a declared name, at its declaration or at a use.
pub fn prepare_rename(analysis: &Analysis, at: Place) -> Option<Span> {
    let index = analysis.names();
    let item = index.item_at(at.file, at.offset)?;
    index.declaration_of(index.name_of(item.what))?;
    Some(item.what.span(index))
}

/// The edits that rename the name at `at` everywhere; why not (worded in the analysis' language)
/// when the new name is not a name or is taken.
pub fn rename(analysis: &Analysis, at: Place, new_name: &str) -> Result<Vec<Edit>, String> {
    rename::rename(analysis, at, new_name)
}

/// The declarations of one file, as an outline.
pub fn document_symbols(analysis: &Analysis, file: FileId) -> Vec<Symbol> {
    let index = analysis.names();
    index
        .file(file)
        .top
        .iter()
        .map(|&d| symbol(index, d))
        .collect()
}

fn symbol(index: &NameIndex, d: u32) -> Symbol {
    let declared = &index.declarations[d as usize];
    Symbol {
        name: index.text(declared.name).to_string(),
        label: declared.label.clone(),
        kind: declared.kind,
        span: declared.span,
        name_span: declared.name_span,
        children: declared
            .children
            .iter()
            .map(|&c| symbol(index, c))
            .collect(),
    }
}

/// What the name at `at` is: its kind, label and where it is declared.
pub fn hover(analysis: &Analysis, at: Place) -> Option<Hover> {
    hover::hover(analysis, at)
}

/// The declared names of the kind that may stand at `at`.
pub fn complete(analysis: &Analysis, at: Place) -> Vec<Completion> {
    complete::complete(analysis, at)
}

/// `file.hjemmel:12`: where a span starts, as a person finds it.
fn file_line(sources: &SourceMap, span: Span) -> String {
    let file = sources.file(span.file);
    let (line, _) = file.line_col(span.start as usize);
    format!("{}:{line}", file.name)
}

/// The kind with its article, as the resolver's messages name it (`a data category`).
fn noun_with_article(kind: NameKind, lang: Lang) -> &'static str {
    use resolve::text;
    match kind {
        NameKind::Controller => text::THE_CONTROLLER,
        NameKind::Subjects => text::A_SUBJECTS,
        NameKind::Data => text::A_DATA,
        NameKind::Source => text::A_SOURCE,
        NameKind::Processor => text::A_PROCESSOR,
        NameKind::Recipient => text::A_RECIPIENT,
        NameKind::JointController => text::A_JOINT_CONTROLLER,
        NameKind::Activity => text::AN_ACTIVITY,
    }
    .get(lang)
}

#[cfg(test)]
thread_local! {
    /// Declarations and uses the requests of this thread read, for the test that a request reads
    /// the one name it is about and not the whole spec.
    static VISITED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn note_visited(items: usize) {
    VISITED.with(|v| v.set(v.get() + items));
}

#[cfg(not(test))]
fn note_visited(_items: usize) {}

/// What the editor is told about the spec's names, in English and Danish.
pub mod text {
    crate::texts! {
        CONTROLLER = ("controller", "dataansvarlig"),
        SUBJECTS = ("group of data subjects", "gruppe af registrerede"),
        DATA = ("data category", "kategori af personoplysninger"),
        SOURCE = ("source", "kilde"),
        PROCESSOR = ("processor", "databehandler"),
        SUBPROCESSOR = ("sub-processor", "underdatabehandler"),
        RECIPIENT = ("recipient", "modtager"),
        JOINT_CONTROLLER = ("joint controller", "fælles dataansvarlig"),
        ACTIVITY = ("processing activity", "behandlingsaktivitet"),
        SUBPROCESSOR_OF = ("sub-processor of {parent}", "underdatabehandler for {parent}"),
        PURPOSE = ("Purpose: {purpose}", "Formål: {purpose}"),
        DECLARED_AT = ("Declared at {place}", "Erklæret i {place}"),
        NOT_USED = ("not used", "ikke brugt"),
        USED_ONCE = ("used once", "brugt én gang"),
        USED_TIMES = ("used {count} times", "brugt {count} gange"),
        NO_NAME_HERE = (
            "there is no declared name here to rename",
            "her står intet erklæret navn at omdøbe"
        ),
        NOT_A_NAME = (
            "`{name}` is not a name: a name starts with a letter or `_` and holds letters, digits and `_`",
            "`{name}` er ikke et navn: et navn begynder med et bogstav eller `_` og består af bogstaver, cifre og `_`"
        ),
        TAKEN = (
            "`{name}` is already declared as {kind} at {place}",
            "`{name}` er allerede erklæret som {kind} i {place}"
        ),
        USED_UNDECLARED = (
            "`{name}` is already written at {place}, where it names nothing: renamed, {kind} would take over that use",
            "`{name}` står allerede i {place}, hvor det ikke navngiver noget: efter omdøbningen ville {kind} overtage det"
        ),
        READ_AS_KEYWORD = (
            "`{name}` cannot be this name: at {place} it would be read as a word of the language",
            "`{name}` kan ikke være dette navn: i {place} ville det blive læst som et ord i sproget"
        ),
        SYNTAX_ERRORS = (
            "{file} has syntax errors, and a rename could miss the uses there: fix them first",
            "{file} har syntaksfejl, og en omdøbning kunne overse navnet der: ret dem først"
        ),
    }
}

/// The kind in words, without an article (a heading of a hover).
fn noun(kind: NameKind, sub: bool, lang: Lang) -> &'static str {
    match kind {
        NameKind::Controller => text::CONTROLLER,
        NameKind::Subjects => text::SUBJECTS,
        NameKind::Data => text::DATA,
        NameKind::Source => text::SOURCE,
        NameKind::Processor if sub => text::SUBPROCESSOR,
        NameKind::Processor => text::PROCESSOR,
        NameKind::Recipient => text::RECIPIENT,
        NameKind::JointController => text::JOINT_CONTROLLER,
        NameKind::Activity => text::ACTIVITY,
    }
    .get(lang)
}
