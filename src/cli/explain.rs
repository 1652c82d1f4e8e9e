//! `hjemmel explain CODE`: the documentation of a rule, as docs/rules/CODE.md holds it (in Danish with
//! `--lang da`, as docs/rules/da/CODE.md holds it).

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::exit;
use hjemmel::diagnostic::did_you_mean;
use hjemmel::i18n::Lang;
use hjemmel::rules::{docs, registry};
use hjemmel::tr;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's code, e.g. ART9-BASIS (case does not matter).
    #[arg(value_name = "CODE")]
    code: String,
}

pub fn run(args: ExplainArgs, lang: Lang) -> ExitCode {
    let code = args.code.trim().to_uppercase();
    match registry::find(&code) {
        Some(rule) => {
            let _ = std::io::stdout()
                .lock()
                .write_all(docs::page_in(rule.meta(), lang).as_bytes());
            ExitCode::from(exit::OK)
        }
        None => {
            let codes = registry::RULES.iter().map(|r| r.meta().code);
            let hint = match did_you_mean(&code, codes) {
                Some(close) => tr!(lang, registry::text::DID_YOU_MEAN, code = close),
                None => String::new(),
            };
            let message = tr!(
                lang,
                registry::text::NO_SUCH_RULE,
                code = args.code,
                hint = hint
            );
            eprintln!("{}", hjemmel::escape::terminal(&message));
            ExitCode::from(exit::INVALID)
        }
    }
}
