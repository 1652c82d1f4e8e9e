//! `hjemmel lsp`: the language server, over stdio (lsp-server's connection, lsp-types' messages).
//!
//! The workspace is one spec directory ([`workspace`]); after each change the analysis thread
//! ([`worker`]) checks the spec and publishes every file's diagnostics ([`diagnostics`]); requests
//! are answered on threads of their own from the latest analysis ([`handlers`], asking src/ide/),
//! so that the loop ([`main_loop`]) only reads messages and hands them on. Positions are converted
//! by one line map per file ([`position`]).

pub mod diagnostics;
pub mod handlers;
mod main_loop;
pub mod position;
pub mod snapshot;
pub mod uri;
mod worker;
pub mod workspace;

use std::sync::Arc;

pub use main_loop::{Exit, serve};

/// What the loop hears from its own threads.
pub enum Event {
    /// An analysis finished.
    Analysed(Arc<snapshot::Snapshot>),
    /// A request was answered.
    Answered(lsp_server::Response),
}
