//! `hjemmel explain CODE`: the documentation of a rule, as docs/rules/CODE.md holds it.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::exit;
use hjemmel::diagnostic::did_you_mean;
use hjemmel::rules::{docs, registry};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's code, e.g. ART9-BASIS (case does not matter).
    #[arg(value_name = "CODE")]
    code: String,
}

pub fn run(args: ExplainArgs) -> ExitCode {
    let code = args.code.trim().to_uppercase();
    match registry::find(&code) {
        Some(rule) => {
            let _ = std::io::stdout()
                .lock()
                .write_all(docs::page(rule.meta()).as_bytes());
            ExitCode::from(exit::OK)
        }
        None => {
            let codes = registry::RULES.iter().map(|r| r.meta().code);
            let hint = match did_you_mean(&code, codes) {
                Some(close) => format!("did you mean `{close}`? "),
                None => String::new(),
            };
            eprintln!(
                "error: no rule has the code `{}`\n  help: {hint}`hjemmel rules` lists every rule",
                args.code
            );
            ExitCode::from(exit::INVALID)
        }
    }
}
