//! `hjemmel fmt [--check] PATH...`: writes specs in the canonical layout (src/fmt/, docs/fmt.md).
//! A file that does not parse is not touched; its errors are shown as `check` shows them.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::exit;
use super::output::print_spec_errors;
use hjemmel::escape::terminal;
use hjemmel::fmt::{format_in, text};
use hjemmel::i18n::Lang;
use hjemmel::report::{SpecReport, file};
use hjemmel::source::{SourceFile, SourceMap};
use hjemmel::tr;

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Spec files or directories (every `.hjemmel` file in it, as `check` reads them); `-`, or none
    /// with standard input not a terminal, reads standard input and writes standard output.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Write nothing; name the files that are not in the canonical layout and exit 1 if there are any.
    #[arg(long)]
    check: bool,

    /// As `--check`, and print a unified diff of what would change on standard output (the names
    /// of the files that would change go to standard error).
    #[arg(long)]
    diff: bool,
}

/// What to do with a file not in the layout.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Write,
    Check,
    Diff,
}

/// What became of the files: the worst decides the exit code.
#[derive(Default)]
struct Tally {
    invalid: bool,
    unformatted: bool,
}

pub fn run(args: FmtArgs, lang: Lang) -> ExitCode {
    let mut tally = Tally::default();
    let stdin = args.paths.is_empty() || args.paths.iter().any(|p| p.as_os_str() == "-");
    if args.paths.is_empty() && std::io::stdin().is_terminal() {
        eprintln!("{}", tr!(lang, text::NO_INPUT));
        return ExitCode::from(exit::INVALID);
    }
    let mode = if args.diff {
        Mode::Diff
    } else if args.check {
        Mode::Check
    } else {
        Mode::Write
    };
    if stdin {
        format_stdin(mode, lang, &mut tally);
    }
    for path in args.paths.iter().filter(|p| p.as_os_str() != "-") {
        format_path(path, mode, lang, &mut tally);
    }
    ExitCode::from(if tally.invalid {
        exit::INVALID
    } else if tally.unformatted {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// Standard input to standard output (with `--check`, only the verdict).
fn format_stdin(mode: Mode, lang: Lang, tally: &mut Tally) {
    let mut input = String::new();
    if let Err(error) = std::io::stdin().read_to_string(&mut input) {
        eprintln!(
            "{}",
            terminal(&tr!(lang, text::CANNOT_READ_STDIN, error = error))
        );
        tally.invalid = true;
        return;
    }
    let input = input.strip_prefix('\u{feff}').unwrap_or(&input);
    let Some(formatted) = formatted("-", input, lang, tally) else {
        return;
    };
    if mode != Mode::Write {
        if formatted != input {
            would_reformat("-", input, &formatted, mode, lang, tally);
        }
        return;
    }
    if super::output::write_stdout_with(lang, |out| out.write_all(formatted.as_bytes())) != exit::OK
    {
        tally.invalid = true;
    }
}

/// A file, or every `.hjemmel` file of a directory.
fn format_path(path: &Path, mode: Mode, lang: Lang, tally: &mut Tally) {
    let display = path.display().to_string();
    let sources = match hjemmel::source::load(path, lang) {
        Ok(sources) => sources,
        Err(failed) => {
            let errors = [failed.error];
            print_spec_errors(report(&display, &failed.sources, &errors), lang);
            tally.invalid = true;
            return;
        }
    };
    for (_, source) in sources.spec_files() {
        let text = source.text.as_str();
        let Some(formatted) = formatted(&source.name, text, lang, tally) else {
            continue;
        };
        if formatted == text {
            continue;
        }
        let name = terminal(&source.name);
        if mode != Mode::Write {
            would_reformat(&source.name, text, &formatted, mode, lang, tally);
            continue;
        }
        match file::write_output_with(Path::new(&source.name), |out| {
            out.write_all(formatted.as_bytes())
        }) {
            Ok(()) => eprintln!("{}", tr!(lang, text::REFORMATTED, file = name)),
            Err(file::WriteError::Io(error)) => {
                eprintln!(
                    "{}",
                    terminal(&tr!(lang, file::CANNOT_WRITE, file = name, error = error))
                );
                tally.invalid = true;
            }
            // It was read as a regular file a moment ago; it has been replaced since.
            Err(file::WriteError::Directory) => {
                eprintln!("{}", tr!(lang, file::IS_A_DIRECTORY, file = name));
                tally.invalid = true;
            }
        }
    }
}

/// Says that file `name` would change: its name on standard output with `--check`; with `--diff`,
/// the diff on standard output and the name on standard error.
fn would_reformat(
    name: &str,
    before: &str,
    after: &str,
    mode: Mode,
    lang: Lang,
    tally: &mut Tally,
) {
    tally.unformatted = true;
    let said = tr!(lang, text::WOULD_REFORMAT, file = terminal(name));
    if mode != Mode::Diff {
        println!("{said}");
        return;
    }
    eprintln!("{said}");
    let diff = hjemmel::fmt::unified_diff(name, before, after);
    let diff = terminal(&diff);
    if super::output::write_stdout_with(lang, |out| out.write_all(diff.as_bytes())) != exit::OK {
        tally.invalid = true;
    }
}

/// The text laid out, or its errors shown and `None`.
fn formatted(name: &str, text: &str, lang: Lang, tally: &mut Tally) -> Option<String> {
    match format_in(text, lang) {
        Ok(formatted) => Some(formatted),
        Err(errors) => {
            // The errors are located in the only file of this source map, as `format` expects.
            let mut sources = SourceMap::new();
            sources.add(SourceFile::new(name, text));
            print_spec_errors(report(name, &sources, &errors), lang);
            tally.invalid = true;
            None
        }
    }
}

fn report<'a>(
    path: &'a str,
    sources: &'a SourceMap,
    errors: &'a [hjemmel::diagnostic::Diagnostic],
) -> SpecReport<'a> {
    SpecReport {
        path,
        sources,
        diagnostics: errors,
        suppressed: &[],
        understood: false,
    }
}
