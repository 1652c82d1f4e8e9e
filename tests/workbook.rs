//! `hjemmel ropa --format xlsx` and reading its workbook back (`import::workbook`): the register read
//! from the workbook of specs/lejre and specs/randers, in both languages, holds what the model says,
//! field by field; a workbook that lacks a sheet or a column, or has one it does not know, is an
//! error that names them; no cell is a formula.

mod support;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use hjemmel::i18n::Lang;
use hjemmel::import::workbook;
use hjemmel::law::countries::CountryRef;
use hjemmel::law::vocabulary::DataClass;
use hjemmel::ropa::{Record, words, xlsx};
use rust_xlsxwriter::Workbook;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hjemmel-workbook-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(name)
}

fn code(_lang: Lang, country: Option<&CountryRef>) -> Option<String> {
    match country? {
        CountryRef::Code(c) | CountryRef::Organisation(c) => Some(c.clone()),
        // The record's words for a place without a code are read back as the spec's.
        CountryRef::OutsideEea => Some("outside_eea".to_string()),
        CountryRef::Unknown => Some("unknown".to_string()),
    }
}

/// The workbook of `spec` in `lang`, read back, checked against the model.
fn round_trip(name: &str, lang: Lang) {
    let outcome = hjemmel::check_spec(&spec(name), lang);
    let checked = outcome.result.as_ref().expect("the spec is understood");
    let (model, flow) = (&checked.model, &checked.flow);
    let bytes = support::workbook_of(&spec(name), lang);
    let path = scratch(&format!("{name}-{lang:?}.xlsx"));
    std::fs::write(&path, bytes).unwrap();
    let register = workbook::read(&path).expect("the workbook is read back");
    let record = Record::build(model, flow, lang);
    let at = |what: &str, a: &str| format!("{name} ({lang:?}), {a}: {what}");

    let c = register.controller.as_ref().expect("the controller");
    assert_eq!(c.label, model.controller.label.node);
    assert_eq!(
        c.address,
        model
            .controller
            .address
            .as_ref()
            .map(|t| t.node.to_string())
    );
    assert_eq!(
        c.contact,
        model
            .controller
            .contact
            .as_ref()
            .map(|t| t.node.to_string())
    );
    assert_eq!(c.country, code(lang, Some(&model.controller.country)));

    assert_eq!(register.activities.len(), model.activities.len());
    for ((a, entry), imported) in model
        .activities
        .iter()
        .zip(&record.activities)
        .zip(&register.activities)
    {
        let label = a.label.node.as_str();
        let details = a.details();
        assert_eq!(imported.label, label);
        assert_eq!(
            imported.unit,
            details.unit.as_ref().map(|u| u.node.to_string()),
            "{}",
            at("unit", label)
        );
        let kle: Vec<String> = a.kle().iter().map(|k| k.node.to_string()).collect();
        assert_eq!(imported.kle, kle, "{}", at("kle", label));
        let purposes: Vec<&str> = a.purposes.iter().map(|p| p.node.as_str()).collect();
        assert_eq!(imported.purposes, purposes, "{}", at("purposes", label));
        let bases: Vec<String> = entry
            .legal_bases
            .iter()
            .flatten()
            .map(|b| b.to_string())
            .collect();
        assert_eq!(imported.bases, bases, "{}", at("bases", label));
        let security: Vec<&str> = details.security.iter().map(|s| s.node.as_str()).collect();
        assert_eq!(imported.security, security, "{}", at("security", label));

        let subjects: Vec<(String, Option<String>)> = a
            .subjects
            .iter()
            .map(|s| {
                let group = model.subjects(s.id);
                (
                    group.label.node.to_string(),
                    Some(group.kind.keyword().to_string()),
                )
            })
            .collect();
        let read: Vec<(String, Option<String>)> = imported
            .subjects
            .iter()
            .map(|s| (s.label.clone(), s.kind.clone()))
            .collect();
        assert_eq!(read, subjects, "{}", at("subjects", label));

        assert_eq!(imported.data.len(), a.data.len(), "{}", at("data", label));
        for (d, read) in a.data.iter().zip(&imported.data) {
            let data = model.data(d.id);
            assert_eq!(read.label, data.label.node);
            let class = match data.class {
                DataClass::Special => {
                    let kinds: Vec<&str> = data.special.iter().map(|k| k.keyword()).collect();
                    format!("special({})", kinds.join(", "))
                }
                other => other.keyword().to_string(),
            };
            assert_eq!(
                read.class.as_deref(),
                Some(class.as_str()),
                "{}",
                at("class", label)
            );
            let groups: Vec<String> = a
                .subjects_of(d.id)
                .map(|s| model.subjects(s).label.node.to_string())
                .collect();
            let about = if groups.len() == a.subjects.len() {
                Vec::new()
            } else {
                groups
            };
            assert_eq!(read.about, about, "{}", at("about", label));
        }

        let processors: Vec<String> = a
            .processors
            .iter()
            .map(|p| model.processor(p.id).label.node.to_string())
            .collect();
        assert_eq!(
            imported.processors,
            processors,
            "{}",
            at("processors", label)
        );

        assert_eq!(imported.disclosures.len(), a.disclosures.len());
        for (d, read) in a.disclosures.iter().zip(&imported.disclosures) {
            assert_eq!(read.recipient, model.recipient(d.recipient.id).label.node);
            let data: Vec<String> = d
                .data
                .iter()
                .map(|x| model.data(x.id).label.node.to_string())
                .collect();
            assert_eq!(read.data, data, "{}", at("disclosed data", label));
            let basis: Vec<String> = d.basis.iter().map(|b| words::legal_ref(lang, b)).collect();
            assert_eq!(read.basis, basis, "{}", at("disclosure basis", label));
        }

        // The deadline of each category, as the record words it: one for the activity when they
        // are all the same.
        let mut periods: Vec<(String, Option<String>)> = Vec::new();
        for group in entry
            .retention
            .iter()
            .flatten()
            .filter(|g| g.holder.is_none())
        {
            for category in &group.categories {
                periods.push((
                    category.to_string(),
                    group.period.as_ref().map(|p| p.to_string()),
                ));
            }
        }
        let first = periods.first().and_then(|(_, p)| p.clone());
        let one = first.is_some()
            && periods.iter().all(|(_, p)| *p == first)
            && periods.len() == a.data.len();
        if one {
            assert_eq!(imported.retention, first, "{}", at("retention", label));
            assert!(imported.data.iter().all(|d| d.retention.is_none()));
        } else {
            assert_eq!(imported.retention, None, "{}", at("retention", label));
            for d in &imported.data {
                let period = periods
                    .iter()
                    .find(|(c, _)| *c == d.label)
                    .and_then(|(_, p)| p.clone());
                assert_eq!(d.retention, period, "{}", at("category retention", label));
            }
        }

        // Data of another class when used as stated (`data ... as criminal when "..."`).
        let mut uses: Vec<(String, String, String)> = a
            .data
            .iter()
            .filter_map(|d| {
                let by_use = a.criminal_use(d.id)?;
                Some((
                    model.data(d.id).label.node.to_string(),
                    by_use.class.keyword().to_string(),
                    by_use.when.node.to_string(),
                ))
            })
            .collect();
        let mut read: Vec<(String, String, String)> = imported
            .uses
            .iter()
            .flat_map(|u| {
                u.data
                    .iter()
                    .map(|d| (d.clone(), u.class.clone(), u.when.clone()))
            })
            .collect();
        uses.sort();
        read.sort();
        assert_eq!(read, uses, "{}", at("uses", label));

        // The copies other holders keep, each with its holder and its own period as the record
        // words it.
        let copies: Vec<(Vec<String>, String, Option<String>)> = entry
            .retention
            .iter()
            .flatten()
            .filter_map(|g| {
                Some((
                    g.categories.iter().map(|c| c.to_string()).collect(),
                    g.holder?.to_string(),
                    g.period.as_ref().map(|p| p.to_string()),
                ))
            })
            .collect();
        let read: Vec<(Vec<String>, String, Option<String>)> = imported
            .copies
            .iter()
            .map(|c| (c.data.clone(), c.holder.clone(), c.period.clone()))
            .collect();
        assert_eq!(read, copies, "{}", at("copies", label));
    }

    // The parties, with their country and transfer.
    for p in &model.processors {
        let Some(read) = register.processors.iter().find(|r| r.label == p.label.node) else {
            continue;
        };
        assert_eq!(
            read.country,
            code(lang, p.country.as_ref().map(|c| &c.node))
        );
        let parent = p
            .parent
            .map(|id| model.processor(id).label.node.to_string());
        assert_eq!(read.subprocessor_of, parent, "{}", p.label.node);
    }
    for r in &model.recipients {
        let Some(read) = register.recipients.iter().find(|x| x.label == r.label.node) else {
            continue;
        };
        assert_eq!(
            read.kind.as_deref(),
            Some(r.kind.keyword()),
            "{}",
            r.label.node
        );
        assert_eq!(
            read.country,
            code(lang, r.country.as_ref().map(|c| &c.node))
        );
    }
    for entry in &record.activities {
        for t in &entry.transfers {
            let party = register
                .processors
                .iter()
                .chain(&register.recipients)
                .find(|p| p.label == t.party)
                .expect("a party of a transfer is a processor or recipient");
            assert_eq!(party.transfer, t.mechanisms.as_ref().map(|m| m.join("; ")));
        }
    }
    assert!(
        register.processors.len() + register.recipients.len() > 3,
        "{name}: parties read"
    );
}

#[test]
fn randers_shows_uses_and_copies() {
    // The checks of the round trip above compare something for randers.
    let outcome = hjemmel::check_spec(&spec("randers"), Lang::En);
    let model = &outcome
        .result
        .as_ref()
        .expect("the spec is understood")
        .model;
    let uses = model
        .activities
        .iter()
        .filter(|a| a.data.iter().any(|d| a.criminal_use(d.id).is_some()))
        .count();
    let copies: usize = model
        .activities
        .iter()
        .map(|a| a.details().copies.len())
        .sum();
    assert_eq!((uses, copies), (2, 1));
}

#[test]
fn lejre_round_trips_in_english_and_danish() {
    round_trip("lejre", Lang::En);
    round_trip("lejre", Lang::Da);
}

#[test]
fn randers_round_trips_in_english_and_danish() {
    round_trip("randers", Lang::En);
    round_trip("randers", Lang::Da);
}

/// A workbook with the sheets and headings of the layout in Danish, `change` made to it.
fn layout_workbook(name: &str, change: impl Fn(&str, &mut Vec<&'static str>)) -> PathBuf {
    let mut book = Workbook::new();
    for sheet in xlsx::SHEETS {
        if name == "no-sheet" && sheet.name.da == "Modtagere" {
            continue;
        }
        let ws = book.add_worksheet();
        ws.set_name(sheet.name.da).unwrap();
        let mut headings: Vec<&'static str> = sheet.columns.iter().map(|(h, _)| h.da).collect();
        change(sheet.name.da, &mut headings);
        for (col, h) in headings.iter().enumerate() {
            ws.write_string(0, col as u16, *h).unwrap();
        }
    }
    let path = scratch(&format!("{name}.xlsx"));
    book.save(&path).unwrap();
    path
}

#[test]
fn a_missing_sheet_or_column_or_an_unknown_column_is_named() {
    let read = |path: PathBuf| workbook::read(&path).expect_err("not a workbook of hjemmel's");

    let e = read(layout_workbook("no-sheet", |_, _| {}));
    assert!(e.message.contains("`Modtagere`"), "{e}");

    let e = read(layout_workbook("extra", |sheet, h| {
        if sheet == "Fortegnelse" {
            h.push("Bemærkninger");
        }
    }));
    assert_eq!(
        e.place.as_deref(),
        Some("sheet Fortegnelse, column O"),
        "{e}"
    );
    assert!(e.message.contains("unknown column `Bemærkninger`"), "{e}");

    let e = read(layout_workbook("missing", |sheet, h| {
        if sheet == "Databehandlere" {
            h.retain(|x| *x != "Land");
        }
    }));
    assert_eq!(e.place.as_deref(), Some("sheet Databehandlere"), "{e}");
    assert!(e.message.contains("`Land`"), "{e}");

    // The bare layout, no rows: an empty register, not an error.
    let register = workbook::read(&layout_workbook("empty", |_, _| {})).unwrap();
    assert!(register.activities.is_empty());
}

/// A workbook written before the columns of [`xlsx::SheetLayout::added`] were: its rows are read,
/// the columns it lacks as empty ones; a column of the first layout is still missed.
#[test]
fn a_workbook_without_the_columns_added_later_is_read() {
    assert!(!xlsx::SUBJECTS.added.is_empty());
    let write = |name: &str, leave_out: &str| {
        let mut book = Workbook::new();
        for sheet in xlsx::SHEETS {
            let ws = book.add_worksheet();
            ws.set_name(sheet.name.da).unwrap();
            let headings: Vec<&str> = sheet
                .columns
                .iter()
                .filter(|(h, _)| !sheet.is_added(*h) && h.da != leave_out)
                .map(|(h, _)| h.da)
                .collect();
            let row: Vec<String> = match sheet.name.da {
                "Fortegnelse" => vec!["Nøglekort".into(), "key_cards".into()],
                // The order of the first layout: category, class, kinds, group, kind.
                "Registrerede og oplysninger" => vec![
                    "Nøglekort".into(),
                    "key_cards".into(),
                    "Nøglekortlog".into(),
                    xlsx::class_words(Lang::Da, DataClass::Criminal),
                    String::new(),
                    "Medarbejdere".into(),
                ],
                _ => Vec::new(),
            };
            for (col, h) in headings.iter().enumerate() {
                ws.write_string(0, col as u16, *h).unwrap();
            }
            for (col, value) in row.iter().enumerate() {
                ws.write_string(1, col as u16, value).unwrap();
            }
        }
        let path = scratch(&format!("{name}.xlsx"));
        book.save(&path).unwrap();
        path
    };

    let register = workbook::read(&write("older", "")).expect("an older workbook is read");
    let [activity] = register.activities.as_slice() else {
        panic!("one activity: {register:?}");
    };
    let [data] = activity.data.as_slice() else {
        panic!("one category: {activity:?}");
    };
    assert_eq!(data.label, "Nøglekortlog");
    assert_eq!(data.class.as_deref(), Some("criminal"));
    assert_eq!(activity.subjects[0].label, "Medarbejdere");
    assert!(activity.uses.is_empty() && activity.unplaced.is_empty());

    let e = workbook::read(&write("older-no-class", "Type af oplysninger"))
        .expect_err("a column of the first layout is missed");
    assert!(e.message.contains("`Type af oplysninger`"), "{e}");
}

#[test]
fn a_text_that_looks_like_a_formula_is_a_text() {
    let dir = scratch("formula");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.hjemmel"),
        r#"controller eksempel "=HYPERLINK(https://evil)" {
  public authority
  contact "+45 12 34 56 78"
}
subjects borrowers "@SUM(1+1)*cmd|' /C calc'!A0" citizens
data loans "-2+3+cmd|' /C calc'!A0" ordinary
activity library_loans "+cmd|' /C calc'!A0" {
  purpose "=1+1"
  subjects borrowers
  data loans
  basis gdpr 6(1)(e)
  security "Kun personale"
}
"#,
    )
    .unwrap();
    let file = scratch("formula.xlsx");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hjemmel"))
        .args(["ropa", "--format", "xlsx", "-o"])
        .arg(&file)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let mut texts = 0;
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name}"
        );
        let range = book.worksheet_range(&name).unwrap();
        for (_, _, cell) in range.used_cells() {
            assert!(matches!(cell, Data::String(_)), "{name}: {cell:?}");
            texts += 1;
        }
    }
    let range = book.worksheet_range("Record").unwrap();
    assert_eq!(
        range.get_value((1, 0)),
        Some(&Data::String("+cmd|' /C calc'!A0".into()))
    );
    assert_eq!(range.get_value((1, 4)), Some(&Data::String("=1+1".into())));
    assert!(texts > 20);

    // Without `-o`, to a pipe: the workbook's bytes (a zip archive).
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hjemmel"))
        .args(["ropa", "--format", "xlsx"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
}

/// The workbook `bytes` with the last two rows of each of `sheets` (their XML in the archive)
/// swapped, so that the sheet's cells come out of order after the rows before them.
fn with_last_rows_swapped(bytes: &[u8], sheets: &[&str]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut text = Vec::new();
        file.read_to_end(&mut text).unwrap();
        if sheets.contains(&name.as_str()) {
            let xml = String::from_utf8(text).unwrap();
            let end = xml.find("</sheetData>").unwrap();
            let mut starts: Vec<usize> = xml.match_indices("<row ").map(|(at, _)| at).collect();
            starts.push(end);
            // The rows with cells (the last row's height is given again by an empty one).
            let rows: Vec<(usize, usize)> = starts
                .windows(2)
                .map(|w| (w[0], w[1]))
                .filter(|&(from, to)| !xml[from..to].ends_with("/>"))
                .collect();
            let [.., before_last, last] = rows[..] else {
                panic!("{name} has fewer than two rows");
            };
            assert_eq!(before_last.1, last.0);
            let swapped = format!(
                "{}{}{}{}",
                &xml[..before_last.0],
                &xml[last.0..last.1],
                &xml[before_last.0..before_last.1],
                &xml[last.1..]
            );
            text = swapped.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Rows are read into the register as a sheet gives them; a sheet whose cells come out of order is
/// read whole and sorted, and the register made again, so that it is the one of the workbook in
/// order (no row counted twice, none lost).
#[test]
fn a_sheet_with_rows_out_of_order_is_read_as_if_in_order() {
    let bytes = support::workbook_of(&spec("lejre"), Lang::En);
    let in_order = scratch("lejre-in-order.xlsx");
    std::fs::write(&in_order, &bytes).unwrap();
    let expected = workbook::read(&in_order).expect("the workbook is read");
    // The data subjects' sheet and the recipients' (a row each disclosure).
    let sheets = ["xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"];
    let swapped = with_last_rows_swapped(&bytes, &sheets);
    assert_ne!(swapped, bytes);
    let out_of_order = scratch("lejre-out-of-order.xlsx");
    std::fs::write(&out_of_order, &swapped).unwrap();
    let mut book: Xlsx<_> = open_workbook(&out_of_order).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[2], "Data subjects and data");
    let mut reader = book.worksheet_cells_reader(&names[3]).unwrap();
    let mut rows = Vec::new();
    while let Some(cell) = reader.next_cell().unwrap() {
        rows.push(cell.get_position().0);
    }
    assert!(!rows.is_sorted(), "the recipients' rows are out of order");
    drop(reader);

    let read = workbook::read(&out_of_order).expect("the workbook is read");
    // The file's name aside, which the register gives as its source.
    assert!(read.source.ends_with("lejre-out-of-order.xlsx"));
    let read = hjemmel::import::Register {
        source: expected.source.clone(),
        ..read
    };
    let disclosures = |r: &hjemmel::import::Register| -> usize {
        r.activities.iter().map(|a| a.disclosures.len()).sum()
    };
    assert!(disclosures(&expected) > 10);
    assert_eq!(disclosures(&read), disclosures(&expected));
    assert_eq!(read, expected);
}
