//! `hjemmel rules`: every rule with its code, default severity and what it checks (in the language of
//! `--lang`; the JSON keys stay English).

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::exit;
use hjemmel::diagnostic::Origin;
use hjemmel::i18n::Lang;
use hjemmel::report;
use hjemmel::rules::registry::RULES;
use hjemmel::rules::{Cite, RuleMeta};

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
    /// A short title in the language of `--lang`.
    title: &'static str,
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
                        title: report::rule_title(m.code, lang),
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
            // The severity in the reader's words: in Danish `mangel` / `bør vurderes` (docs/cli.md).
            let severity = |m: &RuleMeta| report::severity(m.severity, Origin::Rule, lang);
            let width = RULES.iter().map(|r| r.meta().code.len()).max().unwrap_or(0);
            let severity_width = RULES
                .iter()
                .map(|r| severity(r.meta()).chars().count())
                .max()
                .unwrap_or(0);
            RULES
                .iter()
                .map(|r| {
                    let m = r.meta();
                    format!(
                        "{:width$}  {:severity_width$}  {}: {}\n",
                        m.code,
                        severity(m),
                        report::rule_title(m.code, lang),
                        m.summary.get(lang)
                    )
                })
                .collect()
        }
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::from(exit::OK)
}
