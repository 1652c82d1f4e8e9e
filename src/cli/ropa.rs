//! `hjemmel ropa SPEC`: the record of processing activities of GDPR art. 30(1), made from the spec, as
//! Markdown, CSV, JSON or an Excel workbook. The spec's findings do not matter here; a spec that cannot be understood
//! gives no record.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output;
use hjemmel::i18n::Lang;
use hjemmel::report::source_date;
use hjemmel::ropa::{self, Activities, ControllerRecord};
use hjemmel::tr;

#[derive(Debug, Args)]
pub struct RopaArgs {
    /// The spec: a `.hjemmel` file, or a directory whose `.hjemmel` files form one spec.
    #[arg(value_name = "SPEC")]
    spec: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,

    /// Write the record to FILE (completely or not at all) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A Markdown document: one section per activity.
    Md,
    /// CSV: a header row, then one row per activity.
    Csv,
    /// One JSON document (schema: docs/cli.md).
    Json,
    /// An Excel workbook (docs/ropa-xlsx.md): to a file with `-o`, or to standard output when it is
    /// not a terminal.
    Xlsx,
    /// JSON-LD in the W3C Data Privacy Vocabulary (DPV 2.x).
    Dpv,
}

pub fn run(args: RopaArgs, lang: Lang) -> ExitCode {
    // A workbook is binary: on a terminal it would only garble the screen.
    if args.format == Format::Xlsx && args.output.is_none() && std::io::stdout().is_terminal() {
        eprintln!("{}", tr!(lang, ropa::xlsx::TO_TERMINAL));
        return ExitCode::from(super::exit::INVALID);
    }
    // A workbook records when it was made: `SOURCE_DATE_EPOCH` when set, so that a build can make
    // the same workbook twice; a value that cannot be read is an error before any work.
    let made_at = match args.format {
        Format::Xlsx => {
            let set = std::env::var_os(source_date::VARIABLE);
            match source_date::seconds(set.as_deref(), lang) {
                Ok(seconds) => seconds,
                Err(message) => {
                    eprintln!("{message}");
                    return ExitCode::from(super::exit::INVALID);
                }
            }
        }
        _ => None,
    };
    let path = args.spec.display().to_string();
    let outcome = output::understood_without_rules(&args.spec, lang);
    let checked = match output::understood(&outcome, &path, lang) {
        Ok(checked) => checked,
        Err(code) => return ExitCode::from(code),
    };
    // Each activity's entry is made as it is written, and the document written as it is made: the
    // record of 100,000 activities is some 160 MB of Markdown and 280 MB of JSON.
    let (model, flow) = (&checked.model, &checked.flow);
    let controller = ControllerRecord::of(model);
    let activities = Activities::new(model, flow, lang);
    let format = args.format;
    let write = |out: &mut dyn std::io::Write| match format {
        Format::Md => ropa::markdown::write(lang, &controller, activities, out),
        Format::Csv => ropa::csv::write(lang, &controller, activities, out),
        Format::Json => ropa::json::write(lang, &controller, activities, out),
        Format::Xlsx => ropa::xlsx::write(model, lang, &controller, activities, made_at, out),
        Format::Dpv => ropa::dpv::write(lang, model, flow, out),
    };
    let code = match &args.output {
        Some(file) => output::write_file_with(file, lang, write),
        None => output::write_stdout_with(lang, write),
    };
    // The process ends here: the operating system takes the memory back at once, while running the
    // destructors of a large spec's model took a part of the run, as for `hjemmel check`.
    std::mem::forget(outcome);
    ExitCode::from(code)
}
