//! The editor's requests, each answered from one finished analysis by asking src/ide/.

mod code_action;
mod completion;
pub mod formatting;
mod hover;
mod navigation;
mod rename;
mod symbols;

use lsp_server::{ErrorCode, Request, Response};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename, Request as LspRequest,
};

use super::snapshot::Snapshot;

/// Whether `method` is answered from an analysis (formatting reads only the document's text).
pub fn reads_analysis(method: &str) -> bool {
    [
        HoverRequest::METHOD,
        GotoDefinition::METHOD,
        References::METHOD,
        PrepareRenameRequest::METHOD,
        Rename::METHOD,
        DocumentSymbolRequest::METHOD,
        Completion::METHOD,
        CodeActionRequest::METHOD,
    ]
    .contains(&method)
}

/// The answer to `request` from `snapshot`.
pub fn handle(snapshot: &Snapshot, request: Request) -> Response {
    match request.method.as_str() {
        HoverRequest::METHOD => answer::<HoverRequest>(snapshot, request, hover::hover),
        GotoDefinition::METHOD => {
            answer::<GotoDefinition>(snapshot, request, navigation::definition)
        }
        References::METHOD => answer::<References>(snapshot, request, navigation::references),
        PrepareRenameRequest::METHOD => {
            answer::<PrepareRenameRequest>(snapshot, request, rename::prepare_rename)
        }
        Rename::METHOD => answer::<Rename>(snapshot, request, rename::rename),
        DocumentSymbolRequest::METHOD => {
            answer::<DocumentSymbolRequest>(snapshot, request, symbols::document_symbols)
        }
        Completion::METHOD => answer::<Completion>(snapshot, request, completion::completion),
        CodeActionRequest::METHOD => {
            answer::<CodeActionRequest>(snapshot, request, code_action::code_actions)
        }
        _ => Response::new_err(
            request.id,
            ErrorCode::MethodNotFound as i32,
            format!("hjemmel lsp does not answer {}", request.method),
        ),
    }
}

/// Why a request that was understood could not be answered: shown to the user.
pub struct Failed(pub String);

/// Reads the request's parameters as `R`'s, answers with `handler`.
fn answer<R: LspRequest>(
    snapshot: &Snapshot,
    request: Request,
    handler: fn(&Snapshot, R::Params) -> Result<R::Result, Failed>,
) -> Response {
    let params = match serde_json::from_value::<R::Params>(request.params) {
        Ok(params) => params,
        Err(e) => {
            return Response::new_err(request.id, ErrorCode::InvalidParams as i32, e.to_string());
        }
    };
    match handler(snapshot, params) {
        Ok(result) => Response::new_ok(request.id, result),
        Err(Failed(message)) => {
            Response::new_err(request.id, ErrorCode::RequestFailed as i32, message)
        }
    }
}
