//! `textDocument/hover`: what a name is, else what a provision, rule code or keyword means.

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::Failed;
use crate::ide::{law, names};
use crate::lsp::snapshot::Snapshot;

pub fn hover(snapshot: &Snapshot, params: HoverParams) -> Result<Option<Hover>, Failed> {
    let at = &params.text_document_position_params;
    let Some(place) = snapshot.place(&at.text_document.uri, at.position) else {
        return Ok(None);
    };
    let analysis = &snapshot.analysis;
    let found = names::hover(analysis, place).or_else(|| law::hover(analysis, place));
    Ok(found.map(|h| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: h.markdown,
        }),
        range: snapshot.has(h.span).then(|| snapshot.range(h.span)),
    }))
}
