//! Command-line interface: one file per subcommand.

mod check;
mod diff;
mod explain;
mod fmt;
mod graph;
mod import;
mod init;
mod lsp;
mod notice;
mod output;
mod report;
mod ropa;
mod rules;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes, documented in docs/cli.md.
pub mod exit {
    /// No error findings (warnings allowed unless `--deny-warnings`).
    pub const OK: u8 = 0;
    /// The spec was understood and has findings of error severity.
    pub const FINDINGS: u8 = 1;
    /// The spec could not be read, parsed or resolved, or the command line was wrong.
    pub const INVALID: u8 = 2;
}

/// hjemmel: checks how an organisation processes personal data against the GDPR and Danish
/// data-protection law.
#[derive(Debug, Parser)]
#[command(name = "hjemmel", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,

    /// The language of messages and reports.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::En, value_name = "LANG")]
    lang: LangArg,
}

/// `--lang`: kept apart from [`hjemmel::i18n::Lang`] so the library does not depend on clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LangArg {
    /// English.
    En,
    /// Danish (dansk).
    Da,
}

impl From<LangArg> for hjemmel::i18n::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::En => hjemmel::i18n::Lang::En,
            LangArg::Da => hjemmel::i18n::Lang::Da,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check one or more specs and report findings.
    Check(check::CheckArgs),
    /// Show what a change to a spec does: data flows, legal bases, deadlines, parties, findings.
    #[command(
        override_usage = "hjemmel diff [OPTIONS] OLD NEW\n       hjemmel diff [OPTIONS] --base REV NEW"
    )]
    Diff(diff::DiffArgs),
    /// Print the documentation of a rule.
    Explain(explain::ExplainArgs),
    /// Write specs in the canonical layout (`--check`: only say which files would change).
    Fmt(fmt::FmtArgs),
    /// List every rule with its code, default severity and what it checks.
    Rules(rules::RulesArgs),
    /// Write the record of processing activities (GDPR art. 30(1)) made from a spec.
    Ropa(ropa::RopaArgs),
    /// Write the privacy notice (GDPR art. 13 and 14) a citizen or an employee reads, from a spec.
    Notice(notice::NoticeArgs),
    /// Write a self-contained HTML report of a spec: findings, data flows and the record.
    Report(report::ReportArgs),
    /// Print the flow graph of a spec: who sends which personal data to whom.
    Graph(graph::GraphArgs),
    /// Start a new spec: write a commented controller.hjemmel and activities.hjemmel into a directory.
    Init(init::InitArgs),
    /// Write a spec directory from a record kept elsewhere: a spreadsheet (csv, xlsx), OS2compliance,
    /// Fides, or hjemmel's own workbook (docs/import.md).
    Import(import::ImportArgs),
    /// Serve an editor: the language server (diagnostics as you type, hover, go to definition,
    /// completion, rename, quick fixes, formatting) over standard input and output.
    Lsp(lsp::LspArgs),
}

pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.lang.into();
    match cli.command {
        Command::Check(args) => check::run(args, lang),
        Command::Diff(args) => diff::run(args, lang),
        Command::Explain(args) => explain::run(args, lang),
        Command::Fmt(args) => fmt::run(args, lang),
        Command::Rules(args) => rules::run(args, lang),
        Command::Ropa(args) => ropa::run(args, lang),
        Command::Notice(args) => notice::run(args, lang),
        Command::Report(args) => report::run(args, lang),
        Command::Graph(args) => graph::run(args, lang),
        Command::Init(args) => init::run(args, lang),
        Command::Import(args) => import::run(args, lang),
        Command::Lsp(args) => lsp::run(args, lang),
    }
}

/// The width to wrap human output at: the terminal's, else `COLUMNS`, else 100.
fn terminal_width() -> usize {
    if let Some((terminal_size::Width(width), _)) = terminal_size::terminal_size() {
        return usize::from(width);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// The name of a `.hjemmel` file in `dir`, if it has one: a spec that `init` and `import` do not
/// write over.
fn first_spec_file(dir: &std::path::Path) -> std::io::Result<Option<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".hjemmel"))
        .collect();
    names.sort();
    Ok(names.into_iter().next())
}
