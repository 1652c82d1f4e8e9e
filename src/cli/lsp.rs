//! `hjemmel lsp`: the language server, speaking the Language Server Protocol on standard input and
//! output for an editor (src/lsp/, docs/cli.md). Nothing else is written to standard output.

use std::process::ExitCode;

use clap::Args;

use super::exit;
use hjemmel::i18n::Lang;
use hjemmel::lsp::{Exit, serve};

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over standard input and output (the only transport; editors pass this flag).
    #[arg(long)]
    stdio: bool,
}

pub fn run(_args: LspArgs, lang: Lang) -> ExitCode {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let outcome = serve(connection, lang);
    // The reader ends after `exit`, the writer when every sender is gone.
    let joined = io_threads.join();
    match (outcome, joined) {
        (Ok(Exit::Clean), Ok(())) => ExitCode::from(exit::OK),
        (Ok(Exit::Abrupt), _) => ExitCode::from(exit::FINDINGS),
        (Err(e), _) => {
            eprintln!("hjemmel lsp: {e}");
            ExitCode::from(exit::INVALID)
        }
        (Ok(Exit::Clean), Err(e)) => {
            eprintln!("hjemmel lsp: {e}");
            ExitCode::from(exit::INVALID)
        }
    }
}
