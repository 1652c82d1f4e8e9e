//! `hjemmel check PATH...`: each path is a spec (a `.hjemmel` file, or a directory whose `.hjemmel`
//! files form one spec). Findings go to standard output; the exit code tells findings from a spec
//! that could not be read.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{exit, terminal_width};
use hjemmel::diagnostic::Severity;
use hjemmel::i18n::Lang;
use hjemmel::report::{self, SpecReport, human};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Spec files or directories to check; each is checked on its own.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Exit 1 when there are warnings, not only errors.
    #[arg(long)]
    deny_warnings: bool,

    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = Colour::Auto, value_name = "WHEN")]
    color: Colour,

    /// Show each finding on its own in the human output, instead of identical findings in several
    /// declarations once with the list of the others (JSON, SARIF and GitHub always give each).
    #[arg(long)]
    no_group: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics for people, with the spec's words underlined.
    Human,
    /// One JSON document (schema: docs/cli.md).
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers (docs/cli.md).
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Colour {
    Auto,
    Always,
    Never,
}

pub fn run(args: CheckArgs, lang: Lang) -> ExitCode {
    let outcomes: Vec<(String, hjemmel::Outcome)> = args
        .paths
        .iter()
        .map(|p| (p.display().to_string(), hjemmel::check_spec(p, lang)))
        .collect();
    let reports: Vec<SpecReport> = outcomes
        .iter()
        .map(|(path, outcome)| outcome.report(path))
        .collect();

    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`hjemmel check ... | head`) is not an error worth a panic.
    let _ = match args.format {
        // Written as it is made: with many findings the document runs to hundreds of MiB.
        Format::Json => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut stdout);
            report::json::write(&reports, &mut out).and_then(|()| out.flush())
        }
        Format::Github => stdout.write_all(report::github::render_in(&reports, lang).as_bytes()),
        Format::Sarif => {
            let paths = report::sarif::Paths::from_current_dir();
            let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut stdout);
            report::sarif::write_in(&reports, &paths, lang, &mut out).and_then(|()| out.flush())
        }
        Format::Human => {
            let colour = match args.color {
                Colour::Always => true,
                Colour::Never => false,
                Colour::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let width = terminal_width();
            let text = human::render(
                &reports,
                human::Style {
                    colour,
                    width,
                    lang,
                    group: !args.no_group,
                },
            );
            stdout.write_all(text.as_bytes())
        }
    };
    let _ = stdout.flush();

    let failing =
        |s: Severity| s == Severity::Error || (args.deny_warnings && s == Severity::Warning);
    let code = if reports.iter().any(|r| !r.understood) {
        exit::INVALID
    } else if reports
        .iter()
        .flat_map(|r| r.diagnostics.iter())
        .any(|d| failing(d.severity))
    {
        exit::FINDINGS
    } else {
        exit::OK
    };
    // The process ends here: the operating system takes the memory back at once, while running every
    // destructor of a large spec's model takes a noticeable part of the run (docs/performance.md).
    drop(reports);
    std::mem::forget(outcomes);
    ExitCode::from(code)
}
