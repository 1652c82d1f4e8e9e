//! `hjemmel diff OLD NEW` and `hjemmel diff --base REV NEW`: what a change to a spec does — data
//! flows, legal bases, deletion deadlines, parties, transfers — and which findings it introduces or
//! fixes. The exit code follows `--fail-on`, so a CI job can fail on new problems only.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, ValueEnum};

use super::exit;
use hjemmel::Outcome;
use hjemmel::diagnostic::Severity;
use hjemmel::diff::words::{ERROR_LABEL, HELP_LABEL, PATH_COUNT};
use hjemmel::diff::{self, Compared, OldVersion, Side};
use hjemmel::escape::terminal;
use hjemmel::i18n::Lang;
use hjemmel::report::{SpecReport, human};
use hjemmel::tr;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// OLD NEW: two specs (files or directories); with --base, NEW only.
    #[arg(required = true, num_args = 1..=2, value_name = "SPEC")]
    paths: Vec<PathBuf>,

    /// Compare NEW with the same path at this git revision (a commit, branch or tag).
    #[arg(long, value_name = "REV")]
    base: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// When to exit with code 1.
    #[arg(long, value_enum, default_value_t = FailOn::New, value_name = "WHEN")]
    fail_on: FailOn,

    /// Also say which sentences of the privacy notice (`hjemmel notice`) the change alters.
    #[arg(long)]
    notice: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Plain text, one section per kind of change, lines marked + and −.
    Human,
    /// Markdown with tables, to post as a comment on a pull request.
    Markdown,
    /// One JSON document (schema: docs/cli.md).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Exit 1 when the change introduces a finding of error severity (the default).
    New,
    /// Exit 1 when NEW has any finding of error severity, old or new.
    Any,
    /// Exit 0 whatever the findings (2 still means a spec could not be read).
    Never,
}

pub fn run(args: DiffArgs, lang: Lang) -> ExitCode {
    let (old_path, new_path) = match (&args.base, args.paths.as_slice()) {
        (None, [old, new]) => (old.clone(), new.clone()),
        (Some(_), [new]) => (new.clone(), new.clone()),
        _ => {
            let mut cli = super::Cli::command();
            cli.build();
            let diff = cli
                .find_subcommand_mut("diff")
                .expect("`diff` is a subcommand");
            diff.error(
                clap::error::ErrorKind::WrongNumberOfValues,
                tr!(lang, PATH_COUNT),
            )
            .exit()
        }
    };
    let old_shown = old_path.display().to_string();
    let new_shown = new_path.display().to_string();
    let compared = Compared {
        old_path: &old_shown,
        revision: args.base.as_deref(),
        new_path: &new_shown,
    };

    let new = hjemmel::check_spec(&new_path, lang);
    let old_looked_for = args.base.is_none() || new_path.exists();
    // `None`: with --base, the path did not exist at the revision (or NEW does not exist, and its
    // read error is all there is to say).
    // A spec the change did not touch is checked once: the old version shares the new one's check.
    let old: Option<OldVersion> = match &args.base {
        None => Some(OldVersion::of(
            hjemmel::source::load(&old_path, lang),
            &new,
            lang,
        )),
        Some(_) if !old_looked_for => None,
        Some(revision) => match diff::git::earlier(revision, &new_path) {
            Ok(earlier) => earlier
                .load(revision, &new_path, lang)
                .map(|loaded| OldVersion::of(loaded, &new, lang)),
            Err(error) => {
                let (message, help) = error.message(lang);
                // git's words and the revision are shown without control characters.
                let (message, help) = (terminal(&message), help.map(|h| terminal(&h).into_owned()));
                eprintln!("{}: {message}", ERROR_LABEL.get(lang));
                if let Some(help) = help {
                    eprintln!("  {}: {help}", HELP_LABEL.get(lang));
                }
                return ExitCode::from(exit::INVALID);
            }
        },
    };

    let mut stdout = std::io::stdout().lock();
    let old_outcome = old.as_ref().and_then(OldVersion::outcome);
    let (old_side, new_checked) = match (old_outcome.map(|o| &o.result), &new.result) {
        (None | Some(Ok(_)), Ok(new_checked)) => {
            (old.as_ref().and_then(|o| o.side(&new)), new_checked)
        }
        _ => {
            let text = invalid(
                args.format,
                compared,
                (old_outcome, old_looked_for),
                &new,
                lang,
            );
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            return ExitCode::from(exit::INVALID);
        }
    };
    let new_side = Side {
        sources: &new.sources,
        checked: new_checked,
    };
    // The notice part is asked for: it builds the notice of both versions and lists every sentence
    // that differs, which for a spec rewritten throughout is many times the size of the rest of the
    // diff (docs/performance.md).
    let result = diff::compare(compared, old_side, new_side);
    let result = if args.notice {
        result.with_notice(lang)
    } else {
        result
    };
    // Streamed in every format: for two large specs that differ everywhere the output is hundreds
    // of megabytes. A closed pipe (`hjemmel diff ... | head`) ends the writing, and is no error.
    let mut out = std::io::BufWriter::new(&mut stdout);
    let written = match args.format {
        Format::Human => diff::human::write_to(&result, lang, &mut out),
        Format::Markdown => diff::markdown::write_to(&result, lang, &mut out),
        Format::Json => diff::json::write_to(&result, lang, &mut out),
    };
    let _ = written.and_then(|()| out.flush());
    drop(out);

    let code = fail_on_code(args.fail_on, &result, new_checked);
    // The process ends here: the operating system takes the memory back at once, while running
    // the destructors of two large specs' models took a part of the run, as for `hjemmel check`.
    std::mem::forget(result);
    std::mem::forget(old);
    std::mem::forget(new);
    ExitCode::from(code)
}

/// The exit code `--fail-on` asks for.
fn fail_on_code(fail_on: FailOn, result: &diff::Diff<'_>, new_checked: &hjemmel::Checked) -> u8 {
    let fails = match fail_on {
        FailOn::New => result.findings.introduces_error(),
        FailOn::Any => new_checked
            .findings
            .iter()
            .any(|d| d.severity == Severity::Error),
        FailOn::Never => false,
    };
    if fails { exit::FINDINGS } else { exit::OK }
}

/// The spec errors of whichever spec could not be understood, as `hjemmel check` shows them.
fn invalid(
    format: Format,
    compared: Compared<'_>,
    (old, old_looked_for): (Option<&Outcome>, bool),
    new: &Outcome,
    lang: Lang,
) -> String {
    // The old version from git is named as its files are: `REV:PATH`.
    let old_path = match compared.revision {
        Some(revision) => format!("{revision}:{}", compared.old_path),
        None => compared.old_path.to_string(),
    };
    let reports: Vec<SpecReport> = [(old_path.as_str(), old), (compared.new_path, Some(new))]
        .into_iter()
        .filter_map(|(path, outcome)| outcome.map(|o| o.report(path)))
        .filter(|r| !r.understood)
        .collect();
    match format {
        Format::Json => diff::json::render_invalid(compared, old, old_looked_for, new),
        Format::Human => human::render(&reports, human_style(lang)),
        Format::Markdown => format!(
            "### hjemmel diff\n\n{}\n\n```text\n{}```\n",
            diff::words::NOT_COMPARED.get(lang),
            human::render(
                &reports,
                human::Style {
                    lang,
                    ..human::Style::PLAIN
                }
            )
        ),
    }
}

/// Colour on a terminal unless `NO_COLOR` is set, as `hjemmel check --color auto`.
fn human_style(lang: Lang) -> human::Style {
    human::Style {
        colour: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: super::terminal_width(),
        lang,
        group: true,
    }
}
