//! `textDocument/codeAction`: the quick fixes of the findings in the range the editor asks about.

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
};

use super::Failed;
use super::rename::workspace_edit;
use crate::ide::law;
use crate::lsp::diagnostics::{rule_pages_base, to_lsp};
use crate::lsp::snapshot::Snapshot;

pub fn code_actions(
    snapshot: &Snapshot,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>, Failed> {
    if let Some(only) = &params.context.only
        && !only
            .iter()
            .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
    {
        return Ok(Some(Vec::new()));
    }
    let Some(file) = snapshot.file_of(&params.text_document.uri) else {
        return Ok(None);
    };
    let (start, end) = snapshot.offsets(file, params.range);
    let base = rule_pages_base();
    let mut actions = Vec::new();
    for d in snapshot.analysis.diagnostics() {
        let Some(primary) = &d.primary else { continue };
        let span = primary.span;
        // The finding's words touch the range (a cursor in them, or a selection over them).
        if span.file != file || span.start as usize > end || (span.end as usize) < start {
            continue;
        }
        let fixes = law::fixes(&snapshot.analysis, d);
        if fixes.is_empty() {
            continue;
        }
        let diagnostic = to_lsp(snapshot, d, &base).map(|(_, lsp)| vec![lsp]);
        for fix in fixes {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone(),
                edit: Some(workspace_edit(snapshot, &fix.edits)),
                is_preferred: Some(fix.preferred),
                ..CodeAction::default()
            }));
        }
    }
    Ok(Some(actions))
}
