//! `textDocument/documentSymbol`: the declarations of a file as an outline, each with what it holds.

use lsp_types::{DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind};

use super::Failed;
use crate::ide::{NameKind, Symbol, names};
use crate::lsp::snapshot::Snapshot;

pub fn document_symbols(
    snapshot: &Snapshot,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>, Failed> {
    let Some(file) = snapshot.file_of(&params.text_document.uri) else {
        return Ok(None);
    };
    let symbols = names::document_symbols(&snapshot.analysis, file);
    Ok(Some(DocumentSymbolResponse::Nested(
        symbols
            .iter()
            .filter_map(|s| convert(snapshot, s))
            .collect(),
    )))
}

fn convert(snapshot: &Snapshot, symbol: &Symbol) -> Option<DocumentSymbol> {
    if !snapshot.has(symbol.span) || !snapshot.has(symbol.name_span) {
        return None;
    }
    let children: Vec<DocumentSymbol> = symbol
        .children
        .iter()
        .filter_map(|c| convert(snapshot, c))
        .collect();
    #[allow(deprecated)] // `deprecated` is a field the type requires; `tags` replaces it
    Some(DocumentSymbol {
        name: symbol.name.clone(),
        detail: (!symbol.label.is_empty()).then(|| symbol.label.clone()),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: snapshot.range(symbol.span),
        selection_range: snapshot.range(symbol.name_span),
        children: (!children.is_empty()).then_some(children),
    })
}

/// The outline's icon for each kind of declaration: parties as objects and classes, data as
/// fields, activities (what is done) as functions.
pub fn symbol_kind(kind: NameKind) -> SymbolKind {
    match kind {
        NameKind::Controller | NameKind::JointController => SymbolKind::OBJECT,
        NameKind::Processor => SymbolKind::CLASS,
        NameKind::Recipient => SymbolKind::INTERFACE,
        NameKind::Source => SymbolKind::PACKAGE,
        NameKind::Subjects => SymbolKind::STRUCT,
        NameKind::Data => SymbolKind::FIELD,
        NameKind::Activity => SymbolKind::FUNCTION,
    }
}
