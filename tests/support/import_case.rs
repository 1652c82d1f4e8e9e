//! One fuzz input through every reader of `hjemmel import` (src/import/) and, where a reader gives a
//! register, through the writer; shared by the fuzz target fuzz/fuzz_targets/import.rs and the
//! stable smoke test tests/fuzz_smoke.rs, which include this file.
//!
//! The bytes are one source file, optionally followed by [`MAPPING_MARKER`] and a mapping file
//! (TOML, `--mapping`). The source is read as CSV and as a workbook (xlsx, and as .xls, .xlsb and
//! .ods) with that mapping when it loads (the default mapping otherwise), as hjemmel's own workbook, as OS2compliance JSON and as a
//! Fides manifest; the mapping reader reads the mapping part, or the source when there is none. The
//! free-text readers of legal bases and deadlines read the source's text through a register made of
//! its lines ([`text_register`]), so that the writer meets every string the fuzzer makes.
//!
//! What must hold (docs/fuzzing.md, "The import target"):
//! - no reader panics; a reader gives a register or an error that names the file it was given, with
//!   a message;
//! - the writer writes every register a reader gives (its `Err` is a fault of hjemmel);
//! - the files written hold no control character but the line feed (no tab, CR, ESC, DEL, C1 or
//!   bidi control) and parse, and the spec they make resolves with no error at all: the importer
//!   leaves out what the source does not say so that `check` reports it as a *finding*; it never
//!   writes a statement that the resolver refuses.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use hjemmel::i18n::Lang;
use hjemmel::import::register::{
    ImportError, ImportedActivity, ImportedCopy, ImportedData, ImportedDisclosure, ImportedParty,
    ImportedSource, ImportedSubjects, ImportedUse, Register, Unplaced,
};
use hjemmel::import::spreadsheet::{self, Mapping};
use hjemmel::import::{basis_text, fides, os2compliance, retention_text, workbook, write};
use hjemmel::source::{SourceFile, SourceMap};

/// Splits the source from the mapping file that follows it (bytes that no CSV, JSON or YAML file
/// holds, and no workbook but by chance).
pub const MAPPING_MARKER: &[u8] = b"\n\x00hjemmel-mapping\x00\n";

/// At most this many lines of the source go into [`text_register`] (each becomes several values).
const TEXT_LINES: usize = 64;

/// A fuzz input: a source file and maybe a mapping file.
#[derive(Debug, Clone)]
pub struct ImportInput {
    pub source: Vec<u8>,
    pub mapping: Option<Vec<u8>>,
}

impl ImportInput {
    pub fn from_bytes(bytes: &[u8]) -> ImportInput {
        match find(bytes, MAPPING_MARKER) {
            Some(at) => ImportInput {
                source: bytes[..at].to_vec(),
                mapping: Some(bytes[at + MAPPING_MARKER.len()..].to_vec()),
            },
            None => ImportInput {
                source: bytes.to_vec(),
                mapping: None,
            },
        }
    }

    /// The input as bytes again.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = self.source.clone();
        if let Some(mapping) = &self.mapping {
            bytes.extend_from_slice(MAPPING_MARKER);
            bytes.extend_from_slice(mapping);
        }
        bytes
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// What one reader made of the input.
pub struct ReaderRun {
    /// `csv`, `xlsx`, `hjemmel-xlsx`, `xls`, `xlsb`, `ods`, `os2compliance`, `fides`, `mapping`,
    /// `text`.
    pub reader: &'static str,
    /// The file it was given.
    pub file: PathBuf,
    /// The register, or the error (for the mapping reader, an empty register when it loads).
    pub result: Result<Register, ImportError>,
}

/// Every reader's run, and what is wrong with each (empty when all is well).
pub struct ImportChecked {
    pub runs: Vec<ReaderRun>,
    pub problems: Vec<String>,
}

impl ImportChecked {
    /// Whether any reader but the text register's gave a register.
    pub fn any_source_read(&self) -> bool {
        self.runs
            .iter()
            .any(|r| r.reader != "text" && r.reader != "mapping" && r.result.is_ok())
    }
}

/// A directory of this process's own for the inputs' files (emptied for each input).
pub fn scratch_dir() -> PathBuf {
    std::env::temp_dir().join(format!("hjemmel-fuzz-import-{}", std::process::id()))
}

/// Runs every reader on `input` (its files written under `dir`), and the writer on every register.
pub fn check_import(input: &ImportInput, dir: &Path) -> ImportChecked {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("the fuzz directory is writable");
    let file = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("the fuzz directory is writable");
        path
    };
    let mut runs = Vec::new();

    let mapping_bytes = input.mapping.as_deref().unwrap_or(&input.source);
    let mapping_file = file("mapping.toml", mapping_bytes);
    let loaded = Mapping::load(&mapping_file);
    let mapping = match (&loaded, &input.mapping) {
        (Ok(mapping), Some(_)) => mapping.clone(),
        _ => Mapping::default_record(),
    };
    runs.push(ReaderRun {
        reader: "mapping",
        file: mapping_file,
        result: loaded.map(|_| Register::default()),
    });

    let csv = file("source.csv", &input.source);
    let csv_read = spreadsheet::read_csv(&csv, &mapping);
    let streamed = streamed_problems(&csv, &mapping, &csv_read);
    runs.push(ReaderRun {
        reader: "csv",
        result: csv_read,
        file: csv,
    });
    let xlsx = file("source.xlsx", &input.source);
    runs.push(ReaderRun {
        reader: "xlsx",
        result: spreadsheet::read_xlsx(&xlsx, &mapping),
        file: xlsx.clone(),
    });
    runs.push(ReaderRun {
        reader: "hjemmel-xlsx",
        result: workbook::read(&xlsx),
        file: xlsx,
    });
    // The other workbooks `read_xlsx` reads, told by their extension (calamine reads .xls and .ods
    // whole when it opens them, .xlsb cell by cell).
    for (reader, name) in [
        ("xls", "source.xls"),
        ("xlsb", "source.xlsb"),
        ("ods", "source.ods"),
    ] {
        let path = file(name, &input.source);
        runs.push(ReaderRun {
            reader,
            result: spreadsheet::read_xlsx(&path, &mapping),
            file: path,
        });
    }
    let json = PathBuf::from("source.json");
    runs.push(ReaderRun {
        reader: "os2compliance",
        result: os2compliance::read_bytes(&input.source, &json),
        file: json,
    });
    let yaml = PathBuf::from("source.yml");
    runs.push(ReaderRun {
        reader: "fides",
        result: fides::read_bytes(&input.source, &yaml),
        file: yaml,
    });
    runs.push(ReaderRun {
        reader: "text",
        result: Ok(text_register(&String::from_utf8_lossy(&input.source))),
        file: PathBuf::from("source.txt"),
    });

    let mut problems = streamed;
    for run in &runs {
        match &run.result {
            Err(error) => problems.extend(error_problems(run, error)),
            Ok(register) if run.reader != "mapping" => {
                problems.extend(
                    written_problems(register)
                        .into_iter()
                        .map(|p| format!("{}: {p}", run.reader)),
                );
            }
            Ok(_) => {}
        }
    }
    ImportChecked { runs, problems }
}

/// A CSV written as `hjemmel import` writes it into a new directory, each row's activity made as
/// the writer comes to it, must be the CSV written from its whole register (`whole`), or fail
/// alike.
fn streamed_problems(
    csv: &Path,
    mapping: &Mapping,
    whole: &Result<Register, ImportError>,
) -> Vec<String> {
    let streamed = spreadsheet::read_csv_into(csv, mapping, |register, rows| {
        write::write_from(&register, rows.for_writer())
    });
    let same = match (streamed, whole) {
        (Ok(streamed), Ok(whole)) => streamed == write::write(whole),
        (Err(streamed), Err(whole)) => streamed == *whole,
        _ => false,
    };
    if same {
        Vec::new()
    } else {
        vec!["csv: written as it is read, it differs from the CSV written whole".to_string()]
    }
}

/// An error must name the file it was given and say what is wrong.
fn error_problems(run: &ReaderRun, error: &ImportError) -> Vec<String> {
    let mut problems = Vec::new();
    if error.file != run.file {
        problems.push(format!(
            "{}: the error names {} instead of {}",
            run.reader,
            error.file.display(),
            run.file.display()
        ));
    }
    if error.message.trim().is_empty() {
        problems.push(format!(
            "{}: an error without a message: {error:?}",
            run.reader
        ));
    }
    problems
}

/// What is wrong with the spec the writer makes of `register`: a writer fault, a control character,
/// a statement the parser or the resolver refuses.
pub fn written_problems(register: &Register) -> Vec<String> {
    let written = match write::write(register) {
        Ok(written) => written,
        Err(error) => return vec![format!("the writer failed: {error}")],
    };
    let mut problems = Vec::new();
    let mut sources = SourceMap::new();
    for (name, pieces) in &written.files {
        let text = pieces.concat();
        if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_control(c)) {
            let line = text[..at].matches('\n').count() + 1;
            problems.push(format!(
                "{name}, line {line}: control character U+{:04X}",
                c as u32
            ));
        }
        sources.add(SourceFile::new(name.clone(), text));
    }
    if let Err(errors) = hjemmel::check_sources(&sources, Lang::En) {
        for error in errors {
            let at = error.primary.as_ref().map(|label| {
                let file = sources.file(label.span.file);
                let (line, column) = file.line_col(label.span.start as usize);
                format!("{}:{line}:{column}", file.name)
            });
            problems.push(format!(
                "the spec written is refused: [{}] {} at {}",
                error.code,
                error.message,
                at.unwrap_or_default()
            ));
        }
    }
    if !problems.is_empty() {
        for (name, pieces) in &written.files {
            problems.push(format!("--- {name}\n{}", pieces.concat()));
        }
    }
    problems
}

/// A character the writer must never write: every control character but the line feed, and the
/// bidirectional controls (src/syntax/controls.rs refuses them in a spec).
pub fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A register made of the text's lines, so that the free-text readers (legal bases, deadlines) and
/// the writer meet whatever the fuzzer writes: the first line names the controller and the
/// activity, every line is a purpose, a legal basis, a deadline, a group, a category, a recipient, a
/// party's country and transfer mechanism, a KLE number and an unplaced value.
pub fn text_register(text: &str) -> Register {
    // Each label once, as every reader gives its parties (and `import::merge` keeps them).
    let mut seen = std::collections::HashSet::new();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| seen.insert(*l))
        .take(TEXT_LINES)
        .collect();
    let first = lines.first().copied().unwrap_or_default().to_string();
    let strings = |f: fn(&str) -> String| lines.iter().map(|l| f(l)).collect::<Vec<_>>();
    // The free-text readers on their own, line by line and whole: they must not panic.
    for line in lines.iter().copied().chain([text]) {
        let _ = basis_text::read(line);
        let _ = retention_text::read(line);
    }
    let party = |label: &str| ImportedParty {
        label: label.to_string(),
        country: Some(label.to_string()),
        transfer: Some(label.to_string()),
        tia: Some(label.to_string()),
        dpf_listed: Some(label.to_string()),
        address: Some(label.to_string()),
        contact: Some(label.to_string()),
        subprocessor_of: Some(first.clone()),
        unplaced: vec![Unplaced {
            field: label.into(),
            value: label.to_string(),
        }],
        kind: None,
    };
    let data: Vec<ImportedData> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| ImportedData {
            label: l.to_string(),
            // Half the categories give the line as their class: a class the writer must check.
            class: (i % 2 == 1).then(|| l.to_string()),
            about: vec![first.clone()],
            retention: Some(l.to_string()),
        })
        .collect();
    let activity = ImportedActivity {
        label: first.clone(),
        unit: Some(first.clone()),
        purposes: strings(str::to_string),
        kle: strings(str::to_string),
        subjects: lines
            .iter()
            .map(|l| ImportedSubjects {
                label: l.to_string(),
                kind: Some(l.to_string()),
            })
            .collect(),
        data,
        bases: strings(str::to_string),
        sources: strings(str::to_string),
        from_activities: strings(str::to_string),
        processors: strings(str::to_string),
        disclosures: lines
            .iter()
            .map(|l| ImportedDisclosure {
                recipient: l.to_string(),
                data: vec![l.to_string(), first.clone()],
                basis: vec![l.to_string()],
                condition: Some(l.to_string()),
            })
            .collect(),
        retention: Some(text.to_string()),
        security: strings(str::to_string),
        // Each line as the class and the use of the data, and as a copy's holder and deadline:
        // text the writer must check or keep in quotes.
        uses: lines
            .iter()
            .map(|l| ImportedUse {
                data: vec![l.to_string(), first.clone()],
                class: l.to_string(),
                when: l.to_string(),
            })
            .collect(),
        copies: lines
            .iter()
            .map(|l| ImportedCopy {
                data: vec![l.to_string()],
                holder: l.to_string(),
                period: Some(l.to_string()),
            })
            .collect(),
        unplaced: strings(str::to_string)
            .into_iter()
            .map(|value| Unplaced {
                field: first.as_str().into(),
                value,
            })
            .collect(),
    };
    Register {
        source: first.clone(),
        controller: Some(ImportedParty {
            kind: Some(first.clone()),
            ..party(&first)
        }),
        activities: vec![activity],
        processors: lines.iter().map(|l| party(l)).collect(),
        recipients: lines
            .iter()
            .map(|l| ImportedParty {
                kind: Some(l.to_string()),
                ..party(l)
            })
            .collect(),
        dpo: Some(hjemmel::import::register::ImportedDpo {
            name: Some(first.clone()),
            email: Some(first.clone()),
            phone: Some(first.clone()),
            address: Some(first.clone()),
            web: Some(first.clone()),
        }),
        sources: lines
            .iter()
            .map(|l| ImportedSource {
                label: l.to_string(),
                kind: Some(l.to_string()),
            })
            .collect(),
        unplaced: vec![Unplaced {
            field: first.as_str().into(),
            value: text.chars().take(200).collect(),
        }],
    }
}
