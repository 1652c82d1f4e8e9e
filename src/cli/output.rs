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

/// Writes the document to `path`, replacing any file there only once all of it is written; says so on
/// standard error. The exit code: OK, or INVALID when the file could not be written.
pub fn write_file(path: &Path, contents: &[u8], lang: Lang) -> u8 {
    let name = path.display();
    match file::write_atomically(path, contents) {
        Ok(()) => {
            eprintln!("{}", terminal(&tr!(lang, file::WROTE, file = name)));
            exit::OK
        }
        Err(error) => {
            eprintln!(
                "{}",
                terminal(&tr!(lang, file::CANNOT_WRITE, file = name, error = error))
            );
            exit::INVALID
        }
    }
}

/// Writes the document to standard output; a closed pipe is not an error worth reporting.
pub fn write_stdout(contents: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(contents).and_then(|()| stdout.flush());
    exit::OK
}
