//! `textDocument/completion`: the spec's names of the kind that fits, and the language's and the
//! law's words (keywords, provisions, countries, rule codes).

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};

use super::Failed;
use crate::ide::{Completion, CompletionKind, NameKind, law, names};
use crate::lsp::snapshot::Snapshot;

pub fn completion(
    snapshot: &Snapshot,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>, Failed> {
    let at = &params.text_document_position;
    let Some(place) = snapshot.place(&at.text_document.uri, at.position) else {
        return Ok(None);
    };
    let analysis = &snapshot.analysis;
    let mut offered = names::complete(analysis, place);
    offered.extend(law::complete(analysis, place));
    Ok(Some(CompletionResponse::Array(
        offered.into_iter().map(|c| item(snapshot, c)).collect(),
    )))
}

fn item(snapshot: &Snapshot, c: Completion) -> CompletionItem {
    let text = c.insert.clone().unwrap_or_else(|| c.label.clone());
    let (text_edit, insert_text) = match c.replace.filter(|&span| snapshot.has(span)) {
        Some(span) => (
            Some(CompletionTextEdit::Edit(TextEdit::new(
                snapshot.range(span),
                text,
            ))),
            None,
        ),
        None => (None, c.insert),
    };
    CompletionItem {
        label: c.label,
        kind: Some(item_kind(c.kind)),
        detail: c.detail,
        documentation: c.documentation.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        insert_text,
        text_edit,
        ..CompletionItem::default()
    }
}

fn item_kind(kind: CompletionKind) -> CompletionItemKind {
    match kind {
        CompletionKind::Keyword => CompletionItemKind::KEYWORD,
        CompletionKind::Name(NameKind::Activity) => CompletionItemKind::FUNCTION,
        CompletionKind::Name(NameKind::Data) => CompletionItemKind::FIELD,
        CompletionKind::Name(NameKind::Subjects) => CompletionItemKind::STRUCT,
        CompletionKind::Name(NameKind::Source) => CompletionItemKind::MODULE,
        CompletionKind::Name(NameKind::Recipient) => CompletionItemKind::INTERFACE,
        CompletionKind::Name(_) => CompletionItemKind::CLASS,
        CompletionKind::Provision => CompletionItemKind::REFERENCE,
        CompletionKind::Country => CompletionItemKind::ENUM_MEMBER,
        CompletionKind::RuleCode => CompletionItemKind::CONSTANT,
    }
}
