//! `hjemmel import SOURCE... -o DIR`: a record kept elsewhere written as a spec directory, never
//! over an existing spec unless `--force`, each file completely or not at all (a directory it makes
//! is made whole or not at all).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{exit, output};
use hjemmel::escape::terminal;
use hjemmel::i18n::Lang;
use hjemmel::import::spreadsheet::{self, Mapping};
use hjemmel::import::{self, ImportError, Register, text};
use hjemmel::tr;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The files to read: one register, or several read as one.
    #[arg(value_name = "SOURCE", required = true)]
    sources: Vec<PathBuf>,

    /// The directory to write the spec into; made if it does not exist.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: PathBuf,

    /// The format of the sources; `auto` tells it from each file's name and content.
    #[arg(long, value_enum, default_value_t = From::Auto)]
    from: From,

    /// Which column of a spreadsheet holds what (TOML; docs/import.md); without it, the default
    /// mapping for a record kept by the art. 30(1) fields.
    #[arg(long, value_name = "FILE.toml")]
    mapping: Option<PathBuf>,

    /// Write over the files it writes if DIR already holds a spec.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum From {
    /// From each file's extension and content.
    Auto,
    /// A spreadsheet saved as CSV (`;` or `,`; UTF-8 or Windows-1252), one activity a row.
    Csv,
    /// A workbook (xlsx), one activity a row.
    Xlsx,
    /// OS2compliance's JSON records (.json) or its register export to Excel (.xlsx, or saved as .csv).
    Os2compliance,
    /// Fides manifests (YAML).
    Fides,
    /// The workbook `hjemmel ropa --format xlsx` writes.
    HjemmelXlsx,
}

/// Why a source gave no register.
enum Failed {
    Read(ImportError),
    Unknown(PathBuf),
}

pub fn run(args: ImportArgs, lang: Lang) -> ExitCode {
    let mapping = match &args.mapping {
        Some(file) => match Mapping::load(file) {
            Ok(mapping) => mapping,
            Err(error) => return failed(Failed::Read(error), lang),
        },
        None => Mapping::default_record(),
    };
    let mapped = args.mapping.is_some();
    let mut registers = Vec::with_capacity(args.sources.len());
    let mut mapping_used = false;
    for source in &args.sources {
        if let Err(error) = import::source_file::check(source) {
            return failed(Failed::Read(error), lang);
        }
        let from = match format_of(source, args.from, mapped) {
            Ok(from) => from,
            Err(why) => return failed(why, lang),
        };
        if from == From::Csv && args.sources.len() == 1 && !args.output.exists() {
            return import_csv(source, &mapping, &args.output, lang);
        }
        match read(source, from, &mapping, mapped) {
            Ok((register, used)) => {
                registers.push(register);
                mapping_used |= used;
            }
            Err(why) => return failed(why, lang),
        }
    }
    // A mapping file given for sources whose layout is fixed changes nothing: say so rather than
    // let the user believe it was applied.
    if let Some(file) = args.mapping.as_ref().filter(|_| !mapping_used) {
        let file = file.display().to_string();
        eprintln!(
            "{}",
            terminal(&tr!(lang, text::MAPPING_NOT_USED, file = file))
        );
    }
    let register = import::merge(registers);
    let comments = if args.output.exists() {
        let written = match import::write::write(&register) {
            Ok(written) => written,
            Err(error) => return writer_failed(&error, lang),
        };
        let code = write_into_dir(&args.output, &written.files, args.force, lang);
        if code != exit::OK {
            return ExitCode::from(code);
        }
        written.comments
    } else {
        match write_new_dir(&args.output, lang, |sink| {
            import::write::write_streaming(&register, sink)
        }) {
            Ok(comments) => comments,
            Err(code) => return code,
        }
    };
    summary(&args.output, register.activities.len(), comments, lang);
    // The process ends here: the register (some million small strings at 100,000 activities) is
    // left to the system rather than freed one by one, 4 % of the import's time.
    std::mem::forget(register);
    ExitCode::from(exit::OK)
}

/// One CSV into a new directory, written as it is read: each row's activity is made as the writer
/// comes to it and dropped once written, so that the register (some million small strings at
/// 100,000 rows, more than half the import's memory) is never held whole.
fn import_csv(source: &Path, mapping: &Mapping, dir: &Path, lang: Lang) -> ExitCode {
    let written = spreadsheet::read_csv_into(source, mapping, |register, rows| {
        let comments = write_new_dir(dir, lang, |sink| {
            import::write::write_streaming_from(&register, rows.for_writer(), sink)
        });
        (comments, rows.labels().len())
    });
    match written {
        Ok((Ok(comments), activities)) => {
            summary(dir, activities, comments, lang);
            ExitCode::from(exit::OK)
        }
        Ok((Err(code), _)) => code,
        Err(error) => failed(Failed::Read(error), lang),
    }
}

/// What was imported, and what to run next.
fn summary(dir: &Path, activities: usize, comments: usize, lang: Lang) {
    let dir = dir.display().to_string();
    eprintln!(
        "{}",
        tr!(
            lang,
            text::SUMMARY,
            activities = activities,
            comments = comments
        )
    );
    eprintln!("{}", terminal(&tr!(lang, text::NEXT, dir = dir)));
}

fn writer_failed(error: &str, lang: Lang) -> ExitCode {
    eprintln!(
        "{}",
        terminal(&tr!(lang, text::WRITER_FAILED, error = error))
    );
    ExitCode::from(exit::INVALID)
}

fn failed(why: Failed, lang: Lang) -> ExitCode {
    let message = match why {
        Failed::Read(error) => tr!(lang, text::CANNOT_READ, error = error),
        Failed::Unknown(file) => tr!(lang, text::UNKNOWN_FORMAT, file = file.display()),
    };
    eprintln!("{}", terminal(&message));
    ExitCode::from(exit::INVALID)
}

/// The register of one source, by its format, and whether `mapping` was read by it. `mapped`: a
/// mapping file was given, which says how to read a spreadsheet whatever its layout.
fn read(
    source: &Path,
    from: From,
    mapping: &Mapping,
    mapped: bool,
) -> Result<(Register, bool), Failed> {
    let (register, mapping_used) = match from {
        From::Csv => (spreadsheet::read_csv(source, mapping), true),
        From::Xlsx => (spreadsheet::read_xlsx(source, mapping), true),
        From::HjemmelXlsx => (import::workbook::read(source), false),
        From::Os2compliance if !has_extension(source, "json") => (
            import::os2compliance_export::read(source, mapped.then_some(mapping)),
            mapped,
        ),
        From::Os2compliance => (import::os2compliance::read(source), false),
        From::Fides => (import::fides::read(source), false),
        From::Auto => return Err(Failed::Unknown(source.to_path_buf())),
    };
    register
        .map(|register| (register, mapping_used))
        .map_err(Failed::Read)
}

/// The format of a source: `from`, or for `auto` what [`detect`] tells.
fn format_of(source: &Path, from: From, mapped: bool) -> Result<From, Failed> {
    match from {
        From::Auto => detect(source, mapped),
        from => Ok(from),
    }
}

fn has_extension(source: &Path, wanted: &str) -> bool {
    source
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
}

/// The format of a source, from its extension and, for a workbook, its sheets and (without a
/// mapping file) the headings of OS2compliance's register export.
fn detect(source: &Path, mapped: bool) -> Result<From, Failed> {
    let extension = source
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "txt" => Ok(From::Csv),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Ok(workbook_format(source, mapped)),
        "json" => Ok(From::Os2compliance),
        "yml" | "yaml" => Ok(From::Fides),
        _ => Err(Failed::Unknown(source.to_path_buf())),
    }
}

/// The format of a workbook, opened once: hjemmel's own when it has the sheets `hjemmel ropa
/// --format xlsx` writes; without a mapping file, OS2compliance's register export when it has that
/// export's sheet and headings; else a record kept in a spreadsheet. Not readable: left to the
/// spreadsheet reader, which says why.
fn workbook_format(source: &Path, mapped: bool) -> From {
    use calamine::Reader;
    // An .xls or .ods past the bound is not opened here: calamine reads it whole.
    if import::bounded_sheet::check_before_opening(source).is_err() {
        return From::Xlsx;
    }
    // calamine panics on some malformed files: left to the reader, which says why.
    import::bounded_sheet::guarded(|| {
        let Ok(mut workbook) = calamine::open_workbook_auto(source) else {
            return From::Xlsx;
        };
        if import::workbook::has_the_layout(&workbook.sheet_names()) {
            return From::HjemmelXlsx;
        }
        if !mapped
            && let calamine::Sheets::Xlsx(xlsx) = &mut workbook
            && import::os2compliance_export::is_export(xlsx)
        {
            return From::Os2compliance;
        }
        From::Xlsx
    })
    .unwrap_or(From::Xlsx)
}

/// Writes a spec as a new directory `dir`, `write` handing each piece of the activities' file to
/// the sink it is given: the directory made beside `dir` under a temporary name, the
/// activities' file written piece by piece as the writer makes each (not held whole), the other
/// files after, and renamed into place once every file is in it. How many values were kept as
/// comments, or the exit code of a failure (the temporary directory removed).
fn write_new_dir(
    dir: &Path,
    lang: Lang,
    write: impl FnOnce(
        &mut dyn FnMut(String) -> std::io::Result<()>,
    ) -> Result<import::write::Written, import::write::Failure<std::io::Error>>,
) -> Result<usize, ExitCode> {
    let cannot = |error| ExitCode::from(cannot_use_dir(dir, error, lang));
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Err(error) = std::fs::create_dir_all(&parent) {
        return Err(cannot(error));
    }
    let staging = match tempfile::Builder::new()
        .prefix(".hjemmel-import-")
        .tempdir_in(&parent)
    {
        Ok(staging) => staging,
        Err(error) => return Err(cannot(error)),
    };
    let activities_path = staging.path().join(import::write::ACTIVITIES);
    // Made at the first piece: a register without activities has no such file.
    let mut activities: Option<std::fs::File> = None;
    let written = write(&mut |piece| {
        let file = match &mut activities {
            Some(file) => file,
            None => activities.insert(std::fs::File::create(&activities_path)?),
        };
        file.write_all(piece.as_bytes())
    });
    let written = match written {
        Ok(written) => written,
        Err(import::write::Failure::Writer(error)) => return Err(writer_failed(&error, lang)),
        Err(import::write::Failure::Sink(error)) => return Err(cannot(error)),
    };
    let mut names = Vec::new();
    for (name, pieces) in &written.files {
        let file = std::fs::File::create(staging.path().join(name))
            .and_then(|mut file| write_pieces(&mut file, pieces));
        if let Err(error) = file {
            return Err(cannot(error));
        }
        names.push(name.as_str());
    }
    if let Some(file) = activities.take() {
        // Closed before the directory is renamed, as each file was before.
        drop(file);
        names.push(import::write::ACTIVITIES);
    }
    let staged = staging.keep();
    if let Err(error) = std::fs::rename(&staged, dir) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(cannot(error));
    }
    for name in names {
        eprintln!(
            "{}",
            terminal(&tr!(
                lang,
                hjemmel::report::file::WROTE,
                file = dir.join(name).display()
            ))
        );
    }
    Ok(written.comments)
}

/// Writes the files into the directory `dir`, which exists: each file completely or not at all,
/// and a spec there written over only with `force`.
fn write_into_dir(dir: &Path, files: &[(String, Vec<String>)], force: bool, lang: Lang) -> u8 {
    let shown = dir.display().to_string();
    if !force {
        match super::first_spec_file(dir) {
            Ok(Some(file)) => {
                eprintln!(
                    "{}",
                    terminal(&tr!(lang, text::ALREADY_A_SPEC, dir = shown, file = file))
                );
                return exit::INVALID;
            }
            Ok(None) => {}
            Err(error) => return cannot_use_dir(dir, error, lang),
        }
    }
    for (name, pieces) in files {
        let code = output::write_file_with(&dir.join(name), lang, |out| write_pieces(out, pieces));
        if code != exit::OK {
            return code;
        }
    }
    exit::OK
}

/// Says that the directory `dir` cannot be made or written into, and why: the exit code.
fn cannot_use_dir(dir: &Path, error: std::io::Error, lang: Lang) -> u8 {
    let shown = dir.display().to_string();
    eprintln!(
        "{}",
        terminal(&tr!(lang, text::CANNOT_USE_DIR, dir = shown, error = error))
    );
    exit::INVALID
}

/// A file's text, written one piece after another.
fn write_pieces(out: &mut dyn std::io::Write, pieces: &[String]) -> std::io::Result<()> {
    pieces
        .iter()
        .try_for_each(|piece| out.write_all(piece.as_bytes()))
}
