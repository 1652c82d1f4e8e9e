//! `hjemmel import`: spreadsheets in each supported layout, made by the tests, imported and the spec
//! written checked: it parses and resolves with no error, keeps what it could not place as comments,
//! types the legal bases it can read; an existing spec is not written over without `--force`. The
//! harness at the end imports every file of tests/fixtures/import/<from>/ with `--from <from>`.

use std::path::{Path, PathBuf};
use std::process::Output;

use hjemmel::i18n::Lang;

mod support;
use support::{hjemmel, hjemmel_in};

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("hjemmel-import-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The spec in `dir` resolves with no error and every file of it is in `hjemmel fmt`'s layout; its
/// files' text, concatenated.
fn resolves(dir: &Path) -> String {
    in_the_layout(dir);
    let outcome = hjemmel::check_spec(dir, Lang::En);
    if let Err(errors) = &outcome.result {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        panic!(
            "{} does not resolve: {messages:?}\n{}",
            dir.display(),
            spec_text(dir)
        );
    }
    spec_text(dir)
}

/// Every spec file in `dir` laid out by `hjemmel fmt` comes back unchanged: the writer writes the
/// activities in the layout itself (src/import/write.rs) instead of laying them out again.
fn in_the_layout(dir: &Path) {
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "hjemmel") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = hjemmel::fmt::format(&text)
            .unwrap_or_else(|_| panic!("{} does not parse", path.display()));
        if formatted != text {
            panic!(
                "{} is not in the layout:\n{}",
                path.display(),
                hjemmel::fmt::unified_diff("written", &text, &formatted)
            );
        }
        checked += 1;
    }
    assert!(checked > 0, "no spec file in {}", dir.display());
}

fn spec_text(dir: &Path) -> String {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "hjemmel"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            format!(
                "=== {}\n{}",
                p.file_name().unwrap().to_string_lossy(),
                std::fs::read_to_string(p).unwrap()
            )
        })
        .collect()
}

fn import(args: &[&str]) -> Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    hjemmel(&all)
}

fn ok(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn csv_semicolons_in_windows_1252_with_the_default_mapping() {
    let dir = scratch("cp1252");
    let text = "Behandlingsaktivitet;Formål;Kategorier af registrerede;Kategorier af personoplysninger;Behandlingsgrundlag;Tidsfrister for sletning;Bemærkninger\r\n\
                Løn til medarbejdere;Udbetaling af løn;Medarbejdere;Navn, Cpr-nummer;art. 6, stk. 1, litra c;5 år efter fratrædelse;Gælder også vikarer\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let source = dir.join("fortegnelse.csv");
    std::fs::write(&source, &bytes).unwrap();
    let out = dir.join("spec");
    let output = import(&[source.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    ok(&output);
    let spec = resolves(&out);
    assert!(
        spec.contains("activity loen_til_medarbejdere \"Løn til medarbejdere\""),
        "{spec}"
    );
    assert!(spec.contains("basis    gdpr 6(1)(c)"), "{spec}");
    assert!(
        spec.contains("retain   all for 5 years after \"fratrædelse\""),
        "{spec}"
    );
    assert!(
        spec.contains("// Kolonne \"Bemærkninger\": Gælder også vikarer"),
        "{spec}"
    );
    assert!(
        spec.contains("data cpr_nummer \"Cpr-nummer\" cpr"),
        "{spec}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("hjemmel check"), "{stderr}");
}

#[test]
fn xlsx_with_the_default_mapping() {
    let dir = scratch("xlsx");
    let source = dir.join("record.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let rows = [
        [
            "Processing activity",
            "Purposes of the processing",
            "Categories of data subjects",
            "Categories of personal data",
            "Legal basis",
            "Time limits for erasure",
            "Notes",
        ],
        [
            "Home care",
            "Care at home",
            "Citizens\nRelatives",
            "Name; Health information",
            "GDPR art. 6(1)(e)\nArt. 9(2)(h) GDPR\nLov om social service § 83",
            "5 years after the case is closed",
            "Reviewed\u{7} yearly\nby the DPO",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    workbook.save(&source).unwrap();
    let out = dir.join("spec");
    ok(&import(&[
        source.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]));
    let spec = resolves(&out);
    assert!(
        spec.contains("basis    gdpr 6(1)(e), gdpr 9(2)(h), law \"Lov om social service § 83\""),
        "{spec}"
    );
    assert!(spec.contains("subjects citizens, relatives"), "{spec}");
    assert!(
        spec.contains("retain   all for 5 years after \"the case is closed\""),
        "{spec}"
    );
    // A comment holds one clean line, whatever the cell held.
    assert!(
        spec.contains("// Kolonne \"Notes\": Reviewed yearly by the DPO"),
        "{spec}"
    );
    assert!(spec.contains("special(health)"), "{spec}");
}

#[test]
fn csv_commas_with_a_mapping_file() {
    let dir = scratch("mapping");
    let source = dir.join("export.csv");
    std::fs::write(
        &source,
        "\u{feff}Name,Why,Who,What,Ground,Kept,Firm\nNewsletter,Sending news,Subscribers,\"Email, Name\",GDPR art. 6(1)(a),until the subscriber leaves,Mailer ApS\n",
    )
    .unwrap();
    let mapping = dir.join("mapping.toml");
    std::fs::write(
        &mapping,
        "controller = \"Eksempel Kommune\"\n[columns]\nA = \"activity\"\nWhy = \"purpose\"\nWho = \"subjects\"\nWhat = \"data\"\nGround = \"basis\"\nKept = \"retention\"\nG = \"processors\"\n",
    )
    .unwrap();
    let out = dir.join("spec");
    ok(&import(&[
        source.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
        "--from",
        "csv",
    ]));
    let spec = resolves(&out);
    assert!(
        spec.contains("controller eksempel_kommune \"Eksempel Kommune\""),
        "{spec}"
    );
    // `email` and `name` are keywords (of the controller's `dpo` block): never a name.
    assert!(spec.contains("data     email_, name_"), "{spec}");
    assert!(spec.contains("via      mailer_aps"), "{spec}");
    assert!(
        spec.contains("processor mailer_aps \"Mailer ApS\""),
        "{spec}"
    );
    assert!(
        spec.contains("retain   all until \"the subscriber leaves\""),
        "{spec}"
    );
}

/// A workbook laid out as OS2compliance's register export writes it (ExcelExportService: one sheet
/// `Export`, the headings of RegisterDTO's `@ExcelColumn`s in row 1, every cell a string), with the
/// columns `sheet_name` and `headings` give.
/// `--mapping` says how to read a spreadsheet's columns: given for sources with layouts of their
/// own it changes nothing, and the user is told so rather than left to believe it was applied.
#[test]
fn a_mapping_file_no_source_reads_is_named_in_a_warning() {
    let dir = scratch("mapping_unused");
    let mapping = dir.join("mapping.toml");
    std::fs::write(&mapping, "[columns]\nName = \"activity\"\n").unwrap();
    let fides =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/fides/system.yml");
    let out = dir.join("spec");
    let output = import(&[
        fides.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
    ]);
    ok(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: the mapping file") && stderr.contains("was not used"),
        "{stderr}"
    );

    // Read by a spreadsheet, the same file is used, and nothing is said of it.
    let csv = dir.join("record.csv");
    std::fs::write(&csv, "Name\nNewsletter\n").unwrap();
    let out = dir.join("spec_csv");
    let output = import(&[
        csv.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
    ]);
    ok(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("was not used"), "{stderr}");
}

fn os2compliance_export(path: &Path, sheet_name: &str, headings: &[&str], rows: &[&[&str]]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name).unwrap();
    for (c, heading) in headings.iter().enumerate() {
        sheet.write_string(0, c as u16, *heading).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *cell).unwrap();
        }
    }
    workbook.save(path).unwrap();
}

/// Every column OS2compliance's register export writes by default, in its order (RegisterDTO).
const OS2COMPLIANCE_EXPORT_HEADINGS: [&str; 8] = [
    "Titel",
    "Afdeling",
    "Opdateret",
    "Konsekvens vurdering",
    "Risiko vurdering",
    "Risiko aktiver",
    "Status",
    "Aktiver",
];

#[test]
fn os2compliance_register_export_is_recognised_and_read() {
    let dir = scratch("os2compliance-export");
    let source = dir.join("export.xlsx");
    os2compliance_export(
        &source,
        "Export",
        &OS2COMPLIANCE_EXPORT_HEADINGS,
        &[
            &[
                "Sagsbehandling af børnesager",
                "Center for Børn og Familie",
                "01-12-2026",
                "Rød",
                "Gul",
                "Grøn",
                "Klar",
                "3",
            ],
            &["Lønudbetaling", "", "15-11-2026", "", "", "", "I gang", "0"],
        ],
    );
    let out = dir.join("spec");
    // `--from auto` tells the export from its sheet and headings.
    ok(&import(&[
        source.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]));
    let spec = resolves(&out);
    insta::assert_snapshot!("os2compliance_register_export", spec);
    assert!(
        spec.contains("from OS2compliance's register export export.xlsx"),
        "{spec}"
    );
    assert!(
        spec.contains("unit     \"Center for Børn og Familie\""),
        "{spec}"
    );
    assert!(spec.contains("// Kolonne \"Status\": Klar"), "{spec}");
    assert!(
        spec.contains("// Kolonne \"Konsekvens vurdering\": Rød"),
        "{spec}"
    );
    // An empty cell says nothing: no comment, no unit.
    assert_eq!(spec.matches("unit ").count(), 1, "{spec}");
    // `check` reads it (exit 1: the record's fields the export does not hold are findings), and
    // reports what the export did not say.
    let check = hjemmel(&["check", out.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let printed = String::from_utf8_lossy(&check.stdout);
    assert!(printed.contains("RECORD-INCOMPLETE"), "{printed}");

    // Saved as CSV, it is read as the export with `--from os2compliance`.
    let csv = dir.join("export.csv");
    std::fs::write(
        &csv,
        format!(
            "{}\nLønudbetaling;Løn og personale;15-11-2026;;;;I gang;0\n",
            OS2COMPLIANCE_EXPORT_HEADINGS.join(";")
        ),
    )
    .unwrap();
    let out = dir.join("spec-csv");
    ok(&import(&[
        csv.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--from",
        "os2compliance",
    ]));
    let spec = resolves(&out);
    assert!(spec.contains("unit     \"Løn og personale\""), "{spec}");
    assert!(spec.contains("// Kolonne \"Status\": I gang"), "{spec}");
}

#[test]
fn only_the_os2compliance_export_layout_is_read_as_that_export() {
    let dir = scratch("os2compliance-export-not");
    // A sheet `Export` with a heading the export never writes is a record kept in a spreadsheet.
    let other = dir.join("other.xlsx");
    os2compliance_export(
        &other,
        "Export",
        &["Behandlingsaktivitet", "Formål", "Status"],
        &[&["Lønudbetaling", "Udbetaling af løn", "Klar"]],
    );
    let out = dir.join("spec-other");
    ok(&import(&[
        other.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]));
    let spec = resolves(&out);
    assert!(spec.contains("from workbook other.xlsx"), "{spec}");
    assert!(spec.contains("purpose  \"Udbetaling af løn\""), "{spec}");
    // The export's headings on a sheet of another name: not told from its layout, and the default
    // mapping knows no `Titel`, which the message says; `--from os2compliance` reads it.
    let renamed = dir.join("renamed.xlsx");
    os2compliance_export(
        &renamed,
        "Ark1",
        &OS2COMPLIANCE_EXPORT_HEADINGS,
        &[&["Lønudbetaling", "Løn", "", "", "", "", "Klar", "0"]],
    );
    let out = dir.join("spec-renamed");
    let output = import(&[renamed.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no column holds the activity's name") && stderr.contains("\"Titel\""),
        "{stderr}"
    );
    assert!(!out.exists());
    ok(&import(&[
        renamed.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--from",
        "os2compliance",
    ]));
    assert!(resolves(&out).contains("from OS2compliance's register export renamed.xlsx"));
    // With a mapping file (headings of another version of OS2compliance), the mapping says which
    // column holds what, and the source is still the export.
    let renamed_mapping = dir.join("renamed.toml");
    std::fs::write(
        &renamed_mapping,
        "[columns]\nA = \"activity\"\nStatus = \"ignore\"\n",
    )
    .unwrap();
    let out = dir.join("spec-renamed-mapped");
    ok(&import(&[
        renamed.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--from",
        "os2compliance",
        "--mapping",
        renamed_mapping.to_str().unwrap(),
    ]));
    let spec = resolves(&out);
    assert!(
        spec.contains("from OS2compliance's register export renamed.xlsx"),
        "{spec}"
    );
    assert!(spec.contains("// Kolonne \"Afdeling\": Løn"), "{spec}");
    assert!(!spec.contains("Kolonne \"Status\""), "{spec}");
    // A mapping file given says how to read the workbook, whatever its layout.
    let export = dir.join("export.xlsx");
    os2compliance_export(
        &export,
        "Export",
        &OS2COMPLIANCE_EXPORT_HEADINGS,
        &[&["Lønudbetaling", "Løn", "", "", "", "", "Klar", "0"]],
    );
    let mapping = dir.join("mapping.toml");
    std::fs::write(
        &mapping,
        "[columns]\nTitel = \"activity\"\nStatus = \"ignore\"\n",
    )
    .unwrap();
    let out = dir.join("spec-mapped");
    ok(&import(&[
        export.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
    ]));
    let spec = resolves(&out);
    assert!(spec.contains("from workbook export.xlsx"), "{spec}");
    assert!(!spec.contains("Kolonne \"Status\""), "{spec}");
    assert!(spec.contains("// Kolonne \"Afdeling\": Løn"), "{spec}");
}

#[test]
fn an_existing_spec_is_not_written_over_without_force() {
    let dir = scratch("force");
    let source = dir.join("r.csv");
    std::fs::write(&source, "Behandlingsaktivitet;Formål\nA;B\n").unwrap();
    let out = dir.join("spec");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("mine.hjemmel"), "// mine\n").unwrap();
    let output = import(&[source.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already holds a spec"));
    assert!(!out.join("activities.hjemmel").exists());
    ok(&import(&[
        source.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--force",
    ]));
    assert!(out.join("activities.hjemmel").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("mine.hjemmel")).unwrap(),
        "// mine\n"
    );
}

#[test]
fn a_row_without_an_activity_name_and_an_unknown_from_are_errors() {
    let dir = scratch("errors");
    let source = dir.join("r.csv");
    std::fs::write(&source, "Behandlingsaktivitet;Formål\nA;B\n;C\n").unwrap();
    let out = dir.join("spec");
    let output = import(&[source.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("row 3") && stderr.contains("no activity name"),
        "{stderr}"
    );
    assert!(
        !out.exists(),
        "nothing is written when a source cannot be read"
    );
    let output = import(&[
        source.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--from",
        "word",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("os2compliance") && stderr.contains("hjemmel-xlsx"),
        "{stderr}"
    );
    let output = import(&[
        dir.join("missing.csv").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
}

/// `--from auto` knows an .xlsb by its extension and reads it as a workbook: this one is refused for
/// how far its cells reach, not as a file of an unknown format.
#[test]
fn auto_reads_an_xlsb_as_a_workbook() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/xlsx/malformed_far_cells.xlsb");
    let out = scratch("auto-xlsb").join("spec");
    let output = import(&[source.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("malformed_far_cells.xlsb") && stderr.contains("XFD1048576"),
        "{stderr}"
    );
}

/// `--from hjemmel-xlsx` checks the workbook's parts before calamine opens it, as `--from auto` and
/// `--from xlsx` do: a part that declares more than the bound once inflated is refused, named.
#[test]
fn hjemmel_xlsx_refuses_a_part_declared_too_large() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/xlsx/malformed_part_declared_too_large.xlsx");
    let out = scratch("hjemmel-xlsx-part").join("spec");
    let output = import(&[
        "--from",
        "hjemmel-xlsx",
        source.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("malformed_part_declared_too_large.xlsx")
            && stderr.contains("xl/worksheets/sheet1.xml"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// Exit 2, nothing read, and `source` named as `kind`, not a file.
fn refused_as_not_a_file(output: &Output, source: &str, kind: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{source}: {stderr}");
    assert!(
        stderr.contains(&format!("{source}: it is {kind}, not a file")),
        "{stderr}"
    );
}

/// A FIFO or a device named as a source or a mapping file is refused by name at once, in every
/// format (a FIFO would wait for a writer, `/dev/zero` never end), and nothing is written; a FIFO
/// among a Fides directory's manifests too.
#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_a_source_is_refused_at_once() {
    let dir = scratch("fifo-source");
    let mkfifo = |path: &Path| {
        let made = std::process::Command::new("mkfifo").arg(path).status();
        assert!(made.unwrap().success(), "mkfifo {}", path.display());
    };
    let fifo = dir.join("record.csv");
    mkfifo(&fifo);
    let out = dir.join("spec");
    let (fifo, out) = (fifo.to_str().unwrap(), out.to_str().unwrap());
    for (source, from, kind) in [
        (fifo, "auto", "a FIFO (named pipe)"),
        (fifo, "xlsx", "a FIFO (named pipe)"),
        ("/dev/zero", "csv", "a character device"),
        ("/dev/zero", "os2compliance", "a character device"),
    ] {
        let output = support::hjemmel_ends(&["import", "--from", from, source, "-o", out]);
        refused_as_not_a_file(&output, source, kind);
    }
    let record = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/csv/record.csv");
    let record = record.to_str().unwrap();
    let output = support::hjemmel_ends(&["import", record, "--mapping", "/dev/zero", "-o", out]);
    refused_as_not_a_file(&output, "/dev/zero", "a character device");
    assert!(!Path::new(out).exists());

    let manifests = dir.join("fides");
    std::fs::create_dir(&manifests).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/fides/system.yml"),
        manifests.join("a.yml"),
    )
    .unwrap();
    let waiting = manifests.join("b.yml");
    mkfifo(&waiting);
    let import_manifests = || {
        support::hjemmel_ends(&[
            "import",
            "--from",
            "fides",
            manifests.to_str().unwrap(),
            "-o",
            out,
        ])
    };
    refused_as_not_a_file(
        &import_manifests(),
        waiting.to_str().unwrap(),
        "a FIFO (named pipe)",
    );
    // The same directory without the FIFO imports: what was refused was the FIFO.
    std::fs::remove_file(&waiting).unwrap();
    let output = import_manifests();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A source of more than the bound (a spec's, 1 GiB) is refused before it is read: a sparse file,
/// so that the test writes nothing.
#[test]
fn a_source_over_the_bound_is_refused_unread() {
    let dir = scratch("large-source");
    let large = dir.join("record.csv");
    let file = std::fs::File::create(&large).unwrap();
    file.set_len(hjemmel::import::source_file::MAX_SOURCE_BYTES + 1)
        .unwrap();
    let out = dir.join("spec");
    let output = import(&[large.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("it holds 1073741825 bytes, more than the 1073741824 a source may hold"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// Every item that `hjemmel ropa --format md` lists under a field whose heading `field` accepts, in
/// English and Danish, for every spec and rules fixture: the spec, its text, and the item.
fn record_items(field: fn(&str) -> bool) -> Vec<(PathBuf, String, String)> {
    let mut specs: Vec<PathBuf> = vec!["specs/lejre".into(), "specs/randers".into()];
    for dir in std::fs::read_dir("tests/fixtures/rules").unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "hjemmel") {
                specs.push(path);
            }
        }
    }
    let mut items = Vec::new();
    for spec in &specs {
        let source = if spec.is_dir() {
            spec_text(spec)
        } else {
            std::fs::read_to_string(spec).unwrap()
        };
        for lang in ["en", "da"] {
            let output = hjemmel(&["--lang", lang, "ropa", spec.to_str().unwrap()]);
            if !output.status.success() {
                continue;
            }
            let md = String::from_utf8_lossy(&output.stdout);
            let mut in_field = false;
            for line in md.lines() {
                if line.starts_with("**") {
                    in_field = field(line);
                    continue;
                }
                if let Some(item) = line.strip_prefix("- ").filter(|_| in_field) {
                    items.push((spec.clone(), source.clone(), item.to_string()));
                }
            }
        }
    }
    items
}

/// Every rendering of a legal basis that `hjemmel ropa --format md` makes, in both languages, of every
/// spec and rules fixture, reads back as citations with nothing left over, each a citation the spec
/// itself writes (the same citation: `gdpr 6(1)(e)`, `dbl 8(2)(1)`, `law "..."` as in the spec).
#[test]
fn every_basis_ropa_renders_reads_back() {
    let mut read = 0;
    let items = record_items(|h| h == "**Legal basis**" || h == "**Behandlingsgrundlag**");
    for (spec, source, item) in &items {
        if item.starts_with('*') {
            continue; // *not stated*
        }
        let bases = hjemmel::import::basis_text::read(item);
        let one_each = bases.some_cases.is_some() || bases.citations.len() == 1;
        assert!(
            bases.unread.is_empty() && !bases.citations.is_empty() && one_each,
            "{}: `{item}` read as {bases:?}",
            spec.display()
        );
        for citation in &bases.citations {
            // `law "Forvaltningsloven § 7"` renders as `fvl 7` does: the typed citation of an
            // act the tool knows is the one read (the more precise of the two).
            let written_in_words = source.contains(&format!("law \"{item}\""));
            assert!(
                source.contains(citation.as_str()) || written_in_words,
                "{}: `{item}` read as `{citation}`, which the spec does not write",
                spec.display()
            );
        }
        read += 1;
    }
    assert!(read > 100, "only {read} bases read");
}

/// Every rendering of a deletion deadline that `hjemmel ropa --format md` makes, in both languages, of
/// every spec and rules fixture, is read as a deadline (or as "not stated").
#[test]
fn every_deadline_ropa_renders_reads_back() {
    use hjemmel::import::retention_text::{self, Read};
    let items = record_items(|h| {
        h.starts_with("**Time limits for erasure") || h.starts_with("**Tidsfrister for sletning")
    });
    for (spec, _, item) in &items {
        assert!(
            retention_text::read(item) != Read::Unread,
            "{}: `{item}` not read",
            spec.display()
        );
    }
    assert!(items.len() > 100, "only {} deadlines read", items.len());
}

/// Every file of tests/fixtures/import/<from>/ imported with `--from <from>`: the spec resolves with no
/// error, and its text is the snapshot; a file named `malformed*` is refused with exit code 2.
#[test]
fn fixtures_import_and_resolve() {
    insta::glob!("fixtures/import/*/*.*", |path| {
        if path.extension().is_some_and(|e| e == "toml") {
            return; // a mapping file beside its source
        }
        let from = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        let out = scratch(&format!(
            "fixture-{from}-{}",
            path.file_stem().unwrap().to_string_lossy()
        ));
        let spec_dir = out.join("spec");
        let mut args = vec![
            path.to_str().unwrap().to_string(),
            "-o".to_string(),
            spec_dir.to_str().unwrap().to_string(),
            "--from".to_string(),
            from.to_string(),
        ];
        let mapping = path.with_extension("toml");
        if mapping.exists() {
            args.push("--mapping".to_string());
            args.push(mapping.to_str().unwrap().to_string());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = import(&args);
        if path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .starts_with("malformed")
        {
            // A source that cannot be read: exit 2, a message naming the file, nothing written.
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{stderr}");
            assert!(
                stderr.contains(&*path.file_name().unwrap().to_string_lossy()),
                "{stderr}"
            );
            assert!(!spec_dir.exists(), "{} was written", spec_dir.display());
            return;
        }
        ok(&output);
        insta::assert_snapshot!(resolves(&spec_dir));
    });
}

/// docs/import.md's walk-through, run: its CSV imported as the page says gives the page's output,
/// the page's three files, and `hjemmel check`'s summary of findings by rule.
#[test]
fn the_walk_through_in_docs_import_md_is_what_hjemmel_does() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/import.md"))
        .expect("docs/import.md");
    // The code block after a line ending in `marker`.
    let block_after = |marker: &str| -> String {
        let at = page
            .find(marker)
            .unwrap_or_else(|| panic!("{marker} in docs/import.md"));
        let rest = &page[at..];
        let start = rest.find("```\n").expect("a code block") + 4;
        let end = rest[start..].find("```\n").expect("its end") + start;
        rest[start..end].to_string()
    };
    let dir = scratch("walk-through");
    std::fs::write(
        dir.join("fortegnelse.csv"),
        block_after("For example `fortegnelse.csv`:"),
    )
    .unwrap();
    let output = hjemmel_in(&dir, &["import", "fortegnelse.csv", "-o", "spec"]);
    ok(&output);
    let shown = block_after("2. Import it:");
    let printed = shown
        .strip_prefix("$ hjemmel import fortegnelse.csv -o spec\n")
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), printed);
    for file in ["activities", "declarations", "controller"] {
        assert_eq!(
            std::fs::read_to_string(dir.join("spec").join(format!("{file}.hjemmel"))).unwrap(),
            block_after(&format!("`spec/{file}.hjemmel`:")),
            "spec/{file}.hjemmel"
        );
    }
    let check = hjemmel_in(&dir, &["check", "spec"]);
    let summary = block_after("4. Check it.");
    let from = summary
        .find("findings by rule:")
        .expect("the page's summary");
    let printed = String::from_utf8_lossy(&check.stdout).into_owned()
        + &String::from_utf8_lossy(&check.stderr);
    let at = printed.find("findings by rule:").expect("check's summary");
    assert_eq!(&printed[at..], &summary[from..]);
}
