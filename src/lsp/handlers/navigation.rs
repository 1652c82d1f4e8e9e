//! `textDocument/definition` and `textDocument/references`: where a name is declared and used.

use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse, Location, ReferenceParams};

use super::Failed;
use crate::ide::names;
use crate::lsp::snapshot::Snapshot;

pub fn definition(
    snapshot: &Snapshot,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>, Failed> {
    let at = &params.text_document_position_params;
    let Some(place) = snapshot.place(&at.text_document.uri, at.position) else {
        return Ok(None);
    };
    Ok(names::definition(&snapshot.analysis, place)
        .filter(|&span| snapshot.has(span))
        .map(|span| GotoDefinitionResponse::Scalar(snapshot.location(span))))
}

pub fn references(
    snapshot: &Snapshot,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>, Failed> {
    let at = &params.text_document_position;
    let Some(place) = snapshot.place(&at.text_document.uri, at.position) else {
        return Ok(None);
    };
    let spans = names::references(
        &snapshot.analysis,
        place,
        params.context.include_declaration,
    );
    Ok(Some(
        spans
            .into_iter()
            .filter(|&span| snapshot.has(span))
            .map(|span| snapshot.location(span))
            .collect(),
    ))
}
