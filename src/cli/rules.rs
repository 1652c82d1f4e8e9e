//! `hjemmel rules`: every rule with its code, default severity and what it checks (in the language of
//! `--lang`; the JSON keys stay English).

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::exit;
use hjemmel::i18n::Lang;
use hjemmel::rules::Cite;
use hjemmel::rules::registry::RULES;

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per rule.
    Human,
    /// A JSON array of rules.
    Json,
}

#[derive(Serialize)]
struct RuleJson {
    code: &'static str,
    severity: &'static str,
    summary: &'static str,
    provisions: &'static [Cite],
}

pub fn run(args: RulesArgs, lang: Lang) -> ExitCode {
    let text = match args.format {
        Format::Json => {
            let rules: Vec<RuleJson> = RULES
                .iter()
                .map(|r| {
                    let m = r.meta();
                    RuleJson {
                        code: m.code,
                        severity: m.severity.as_str(),
                        summary: m.summary.get(lang),
                        provisions: m.provisions,
                    }
                })
                .collect();
            let mut json = serde_json::to_string_pretty(&rules).expect("rules are plain data");
            json.push('\n');
            json
        }
        Format::Human => {
            let width = RULES.iter().map(|r| r.meta().code.len()).max().unwrap_or(0);
            RULES
                .iter()
                .map(|r| {
                    let m = r.meta();
                    format!(
                        "{:width$}  {:7}  {}\n",
                        m.code,
                        m.severity.as_str(),
                        m.summary.get(lang)
                    )
                })
                .collect()
        }
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::from(exit::OK)
}
