//! What the commands that make a document (`ropa`, `report`, `graph`) share: the spec errors shown
//! when the spec cannot be understood, and the document written to a file, completely or not at all.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::exit;
use super::terminal_width;
use hjemmel::escape::terminal;
use hjemmel::i18n::Lang;
use hjemmel::report::{SpecReport, file, human};
use hjemmel::tr;
use hjemmel::{Checked, Outcome};

/// The checked spec of `outcome`, or, when it could not be understood, its errors shown (see
/// [`print_spec_errors`]) and `Err` with the exit code.
pub fn understood<'o>(outcome: &'o Outcome, path: &str, lang: Lang) -> Result<&'o Checked, u8> {
    match &outcome.result {
        Ok(checked) => Ok(checked),
        Err(_) => {
            print_spec_errors(outcome.report(path), lang);
            Err(exit::INVALID)
        }
    }
}

/// The spec could not be understood: its errors, as `hjemmel check` shows them, on standard error
/// (standard output is for the document).
pub fn print_spec_errors(report: SpecReport<'_>, lang: Lang) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let style = human::Style {
        colour,
        width: terminal_width(),
        lang,
        group: true,
    };
    let text = human::render(&[report], style);
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Writes a document to `path` piece by piece (`write` gets a buffered writer, so a large one is
/// never held whole), replacing any file there only once all of it is written (a device or FIFO is
/// written into; see [`file::write_output_with`]); says so on standard error. The exit code: OK, or
/// INVALID when the file could not be written.
pub fn write_file_with(
    path: &Path,
    lang: Lang,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> u8 {
    let name = path.display();
    match file::write_output_with(path, write) {
        Ok(()) => {
            eprintln!("{}", terminal(&tr!(lang, file::WROTE, file = name)));
            exit::OK
        }
        Err(file::WriteError::Directory) => {
            eprintln!("{}", tr!(lang, file::IS_A_DIRECTORY, file = name));
            exit::INVALID
        }
        Err(file::WriteError::Io(error)) => {
            eprintln!(
                "{}",
                terminal(&tr!(lang, file::CANNOT_WRITE, file = name, error = error))
            );
            exit::INVALID
        }
    }
}

/// Writes a document to standard output piece by piece (`write` gets a buffered writer), so a large
/// one is never held whole. A closed pipe (`| head`) is not an error worth reporting; any other
/// failure (`> /dev/full`, a full disk) is said on standard error, with exit code INVALID, as when
/// `-o` cannot write its file.
pub fn write_stdout_with(
    lang: Lang,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> u8 {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Ok(()) => exit::OK,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(error) => {
            eprintln!("{}", tr!(lang, file::CANNOT_WRITE_STDOUT, error = error));
            exit::INVALID
        }
    }
}

/// The spec compiled, without running the rules, for the commands that show no findings (`ropa`,
/// `notice`; `graph` likewise): at 100,000 activities the rules took a third of the time of
/// `hjemmel ropa`.
pub fn understood_without_rules(spec: &Path, lang: Lang) -> Outcome {
    match hjemmel::source::load(spec, lang) {
        Ok(sources) => {
            let result = hjemmel::compile(&sources, lang).map(|(model, flow)| Checked {
                model,
                flow,
                findings: Vec::new(),
                suppressed: Vec::new(),
            });
            Outcome { sources, result }
        }
        Err(failed) => Outcome {
            sources: failed.sources,
            result: Err(vec![failed.error]),
        },
    }
}
