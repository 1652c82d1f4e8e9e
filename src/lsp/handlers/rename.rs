//! `textDocument/prepareRename` and `textDocument/rename`: a name renamed across the spec's files.

use std::collections::HashMap;

use lsp_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, WorkspaceEdit,
};

use super::Failed;
use crate::ide::{Edit, names};
use crate::lsp::snapshot::Snapshot;

pub fn prepare_rename(
    snapshot: &Snapshot,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, Failed> {
    let Some(place) = snapshot.place(&params.text_document.uri, params.position) else {
        return Ok(None);
    };
    Ok(names::prepare_rename(&snapshot.analysis, place)
        .filter(|&span| snapshot.has(span))
        .map(|span| PrepareRenameResponse::Range(snapshot.range(span))))
}

/// The edits as one workspace edit; a refusal with a reason is shown to the user, one without a
/// reason (no name at the cursor) is no edit.
pub fn rename(snapshot: &Snapshot, params: RenameParams) -> Result<Option<WorkspaceEdit>, Failed> {
    let at = &params.text_document_position;
    let Some(place) = snapshot.place(&at.text_document.uri, at.position) else {
        return Ok(None);
    };
    match names::rename(&snapshot.analysis, place, &params.new_name) {
        Ok(edits) => Ok(Some(workspace_edit(snapshot, &edits))),
        Err(reason) if reason.is_empty() => Ok(None),
        Err(reason) => Err(Failed(reason)),
    }
}

/// Edits of the analysis' files as the protocol's, by file.
// `WorkspaceEdit` keys its changes by `Uri`, whose hash and equality read only its text (the
// interior mutability clippy sees is fluent-uri's cache).
#[allow(clippy::mutable_key_type)]
pub fn workspace_edit(snapshot: &Snapshot, edits: &[Edit]) -> WorkspaceEdit {
    let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
    for edit in edits.iter().filter(|e| snapshot.has(e.span)) {
        changes
            .entry(snapshot.info(edit.span.file).uri.clone())
            .or_default()
            .push(TextEdit::new(
                snapshot.range(edit.span),
                edit.new_text.clone(),
            ));
    }
    WorkspaceEdit::new(changes)
}
