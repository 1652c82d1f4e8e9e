//! The record of processing activities (art. 30(1)): snapshots of the three formats on the Lejre spec
//! and on fixtures that fill every field or leave fields out, and `hjemmel ropa` as a user runs it.
//!
//! Fixtures: tests/fixtures/ropa/ (`missing_fields.hjemmel` leaves out what a record needs,
//! `transfers.hjemmel` fills every field and sends data to third countries, `data_about.hjemmel`
//! has KLE numbers and data about some of an activity's groups only, `unit_and_collection.hjemmel`
//! has one activity with a unit and a `collect` and one with neither).

mod support;

use std::path::Path;

use hjemmel::i18n::Lang;
use hjemmel::ropa::{self, Record};
use support::hjemmel;

const MISSING: &str = "tests/fixtures/ropa/missing_fields.hjemmel";
const TRANSFERS: &str = "tests/fixtures/ropa/transfers.hjemmel";
const ABOUT: &str = "tests/fixtures/ropa/data_about.hjemmel";
const UNIT_AND_COLLECTION: &str = "tests/fixtures/ropa/unit_and_collection.hjemmel";

/// The record of the spec at `path`. Its entries borrow their words from the model, so the model is
/// kept for the rest of the test run (a few small specs).
fn record(path: &str, lang: Lang) -> Record<'static> {
    let outcome = Box::leak(Box::new(hjemmel::check_spec(Path::new(path), lang)));
    let checked = match &outcome.result {
        Ok(checked) => checked,
        Err(errors) => panic!("{path} must be understood: {errors:#?}"),
    };
    Record::build(&checked.model, &checked.flow, lang)
}

#[test]
fn lejre_as_markdown() {
    insta::assert_snapshot!(ropa::markdown::render(&record("specs/lejre", Lang::En)));
}

#[test]
fn lejre_as_csv() {
    insta::assert_snapshot!(ropa::csv::render(&record("specs/lejre", Lang::En)));
}

#[test]
fn lejre_as_json() {
    insta::assert_snapshot!(ropa::json::render(&record("specs/lejre", Lang::En)));
}

#[test]
fn lejre_in_danish() {
    insta::assert_snapshot!(ropa::markdown::render(&record("specs/lejre", Lang::Da)));
}

#[test]
fn missing_fields_as_markdown() {
    insta::assert_snapshot!(ropa::markdown::render(&record(MISSING, Lang::En)));
}

#[test]
fn missing_fields_as_csv_in_danish() {
    insta::assert_snapshot!(ropa::csv::render(&record(MISSING, Lang::Da)));
}

#[test]
fn missing_fields_as_json() {
    insta::assert_snapshot!(ropa::json::render(&record(MISSING, Lang::En)));
}

#[test]
fn transfers_as_markdown() {
    insta::assert_snapshot!(ropa::markdown::render(&record(TRANSFERS, Lang::En)));
}

#[test]
fn transfers_as_json_in_danish() {
    insta::assert_snapshot!(ropa::json::render(&record(TRANSFERS, Lang::Da)));
}

/// Art. 30(1)(e) identifies an international organisation by name, with the mechanism: the EPO's
/// adequacy decision is implied, the UNHCR's derogation declared; the JSON gives the spec's code.
#[test]
fn an_international_organisation_is_named_in_the_record() {
    const ORGANISATION: &str = "tests/fixtures/ropa/organisation.hjemmel";
    let en = ropa::markdown::render(&record(ORGANISATION, Lang::En));
    assert!(en.contains(
        "European Patent Organisation (EPO), an international organisation): adequacy decision for \
         the international organisation (art. 45)"
    ), "{en}");
    assert!(en.contains(
        "Office of the United Nations High Commissioner for Refugees (UNHCR), an international organisation)"
    ), "{en}");
    let da = ropa::markdown::render(&record(ORGANISATION, Lang::Da));
    assert!(
        da.contains("Den Europæiske Patentorganisation (EPO), en international organisation"),
        "{da}"
    );
    let json = ropa::json::render(&record(ORGANISATION, Lang::En));
    assert!(json.contains("\"country\": \"EPO\""), "{json}");
}

/// Art. 30(1)(a) names "where applicable, the joint controller": the record gives its name, contact
/// details and what the spec records of the arrangement (art. 26) with the activities it is a joint
/// controller of, in every format; an activity carried out alone names none, and a spec without
/// joint controllers has no such field.
#[test]
fn a_joint_controller_is_named_in_the_record() {
    const JOINT: &str = "tests/fixtures/ropa/joint_controllers.hjemmel";
    let line = "Styrelsen for Fællessystemet: Fællesvej 1, 1000 København K; kontakt@styrelsen.dk; DK; \
                arrangement: Aftale om fælles dataansvar for Fællessystemet, 2024; who answers the data \
                subjects: Kommunen besvarer henvendelser fra egne borgere; essence made available: \
                Aftalens hovedindhold står på kommunens hjemmeside under Databeskyttelse; joint \
                controller of: Booking i fællessystemet, Afbestilling i fællessystemet";
    let md = ropa::markdown::render(&record(JOINT, Lang::En));
    assert!(
        md.contains("**Joint controllers (art. 30(1)(a), art. 26)**"),
        "{md}"
    );
    assert!(md.contains(line), "{md}");
    let csv = ropa::csv::render(&record(JOINT, Lang::En));
    assert_eq!(
        csv.matches(line).count(),
        3,
        "one cell per activity's row: {csv}"
    );
    let da = ropa::markdown::render(&record(JOINT, Lang::Da));
    assert!(
        da.contains("hvem besvarer de registrerede: Kommunen besvarer"),
        "{da}"
    );
    let json = ropa::json::render(&record(JOINT, Lang::En));
    assert!(
        json.contains(
            "\"joint_controllers\": [\n      {\n        \"name\": \"Styrelsen for Fællessystemet\""
        ),
        "{json}"
    );
    assert!(
        json.contains("\"answers\": \"Kommunen besvarer henvendelser fra egne borgere\""),
        "{json}"
    );
    assert_eq!(
        json.matches("\"joint_controllers\"").count(),
        3,
        "the controller's and two activities': {json}"
    );
    let without = ropa::markdown::render(&record(MISSING, Lang::En));
    assert!(!without.contains("Joint controllers"), "{without}");
}

/// The organisational unit and how often data is collected are not fields of art. 30(1): a spec
/// where some activity gives them has them in every activity's entry (not stated where that
/// activity gives none), in the Markdown, the CSV and the report's record; a spec where no activity
/// gives them has neither field, rather than "not stated" in every entry.
#[test]
fn unit_and_collection_are_fields_only_of_a_spec_that_gives_them() {
    const FIELDS: [&str; 2] = ["Organisational unit", "How often data is collected"];
    let md = ropa::markdown::render(&record(UNIT_AND_COLLECTION, Lang::En));
    for field in FIELDS {
        assert_eq!(md.matches(&format!("**{field}**")).count(), 2, "{md}");
    }
    assert!(
        md.contains("**Organisational unit**\n\n- Børn og læring\n"),
        "{md}"
    );
    assert!(
        md.contains("**How often data is collected**\n\n- Børneattest: every 1 year\n"),
        "{md}"
    );
    assert_eq!(
        md.matches("**Organisational unit**\n\n- *not stated*")
            .count(),
        1,
        "{md}"
    );
    let csv = ropa::csv::render(&record(UNIT_AND_COLLECTION, Lang::En));
    let header = csv.lines().next().unwrap();
    assert!(FIELDS.iter().all(|field| header.contains(field)), "{csv}");
    assert!(
        csv.lines().nth(2).unwrap().ends_with(",not stated"),
        "{csv}"
    );

    let without_md = ropa::markdown::render(&record(MISSING, Lang::En));
    let without_csv = ropa::csv::render(&record(MISSING, Lang::En));
    for field in FIELDS {
        assert!(!without_md.contains(field), "{without_md}");
        assert!(!without_csv.contains(field), "{without_csv}");
    }

    let dir = tempfile::tempdir().unwrap();
    let report = |spec: &str| {
        let file = dir.path().join("report.html");
        let output = hjemmel(&["report", spec, "-o", file.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        std::fs::read_to_string(&file).unwrap()
    };
    let with = report(UNIT_AND_COLLECTION);
    for field in FIELDS {
        let row = format!("<tr><th scope=\"row\">{field}<td>");
        assert_eq!(with.matches(&row).count(), 2, "{with}");
    }
    let without = report(MISSING);
    for field in FIELDS {
        assert!(!without.contains(&format!(">{field}<")), "{without}");
    }
}

/// Data that an activity states becomes criminal-offence data by its use (`data ... as criminal
/// when "..."`) is listed so in that activity's categories (art. 30(1)(c)), with the use in the
/// notice's words, in every format; the category's declared class stays first.
#[test]
fn data_criminal_by_use_is_said_in_the_record() {
    let when = "ved konkret mistanke om et potentielt strafbart forhold";
    let md = ropa::markdown::render(&record("specs/randers", Lang::En));
    assert!(
        md.contains(&format!(
            "ordinary personal data; data about criminal offences (art. 10) when used as stated: \"{when}\""
        )),
        "{md}"
    );
    let da = ropa::markdown::render(&record("specs/randers", Lang::Da));
    assert!(
        da.contains("oplysninger om strafbare forhold (art. 10), når de anvendes som angivet"),
        "{da}"
    );
    let json = ropa::json::render(&record("specs/randers", Lang::En));
    // The four logs of `network_logging` and the key-card log of `key_cards`.
    assert_eq!(json.matches("\"criminal_when\"").count(), 5, "{json}");
    assert!(
        json.contains(&format!("\"criminal_when\": \"{when}\"")),
        "{json}"
    );
    let plain = ropa::json::render(&record(TRANSFERS, Lang::En));
    assert!(!plain.contains("criminal_when"), "{plain}");
}

/// Every field the spec leaves out reads "not stated", none is blank: in the CSV, no cell is empty.
#[test]
fn no_csv_cell_is_empty() {
    for path in ["specs/lejre", "specs/randers", MISSING, TRANSFERS, ABOUT] {
        for lang in Lang::ALL {
            let text = ropa::csv::render(&record(path, lang));
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let width = reader.headers().expect("a header row").len();
            let mut rows = 0;
            for row in reader.records() {
                let row = row.expect("a well-formed row");
                assert_eq!(row.len(), width, "{path}: a row as wide as the header");
                for (i, cell) in row.iter().enumerate() {
                    assert!(
                        !cell.trim().is_empty(),
                        "{path} ({lang:?}): column {i} is blank"
                    );
                }
                rows += 1;
            }
            let activities = record(path, lang).activities.len();
            assert_eq!(rows, activities, "{path}: one row per activity");
        }
    }
}

/// The JSON's `missing` lists exactly the keys whose value is null.
#[test]
fn json_missing_lists_the_null_fields() {
    for path in ["specs/lejre", "specs/randers", MISSING, TRANSFERS] {
        let doc: serde_json::Value =
            serde_json::from_str(&ropa::json::render(&record(path, Lang::En))).unwrap();
        let mut objects = vec![&doc["controller"]];
        objects.extend(doc["activities"].as_array().unwrap());
        for object in objects {
            let map = object.as_object().unwrap();
            let mut nulls: Vec<&str> = map
                .iter()
                .filter(|(_, v)| v.is_null())
                .map(|(k, _)| k.as_str())
                .collect();
            let mut missing: Vec<&str> = map["missing"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            nulls.sort_unstable();
            missing.sort_unstable();
            assert_eq!(nulls, missing, "{path}: {object}");
        }
    }
}

#[test]
fn ropa_writes_to_standard_output_by_default() {
    let output = hjemmel(&["ropa", "--format", "csv", MISSING]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text, ropa::csv::render(&record(MISSING, Lang::En)));
}

#[test]
fn ropa_writes_a_file_with_danish_field_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fortegnelse.md");
    let output = hjemmel(&[
        "--lang",
        "da",
        "ropa",
        TRANSFERS,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stdout.is_empty());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("# Fortegnelse over behandlingsaktiviteter"),
        "{text}"
    );
    assert!(text.contains("**Kategorier af registrerede (art. 30, stk. 1, litra c)**"));
}

#[test]
fn a_spec_that_cannot_be_read_gives_no_record_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("record.json");
    std::fs::write(&file, "earlier record").unwrap();
    let output = hjemmel(&[
        "ropa",
        "--format",
        "json",
        "tests/fixtures/cli/syntax_error.hjemmel",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("error[syntax]"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "earlier record");
}

/// Art. 30(1)(d): a department whose data a separate disclosure activity hands on lists those
/// recipients, with the activity that discloses them (Lejre's departments and "Videregivelse").
#[test]
fn recipients_are_found_through_the_flow_graph() {
    let record = record("specs/lejre", Lang::En);
    let boern = record
        .activities
        .iter()
        .find(|a| a.name == "boern_og_laering")
        .unwrap();
    let recipients = boern.recipients.as_ref().expect("recipients are derived");
    assert!(
        recipients
            .iter()
            .all(|r| r.via == ["Videregivelse af personoplysninger i sagerne"]),
        "{recipients:#?}"
    );
    assert!(
        recipients
            .iter()
            .any(|r| r.label.starts_with("Myndigheder"))
    );
    let lines = record.activity_fields(boern);
    let field = lines.iter().find(|f| f.key == "recipients").unwrap();
    assert!(
        field.lines(Lang::En)[0]
            .ends_with(", disclosed by Videregivelse af personoplysninger i sagerne"),
        "{:?}",
        field.lines(Lang::En)
    );
    // The disclosure activity itself lists them as its own, without "disclosed by".
    let own = record
        .activities
        .iter()
        .find(|a| a.label == "Videregivelse af personoplysninger i sagerne")
        .unwrap();
    let own = own.recipients.as_ref().unwrap();
    assert!(
        own.len() >= 3 && own.iter().all(|r| r.via.is_empty()),
        "{own:#?}"
    );
}

/// A processor whose country is not given is not reported as a transfer without a mechanism: its
/// place cannot be assessed.
#[test]
fn a_processor_of_unknown_country_cannot_be_assessed() {
    for (lang, expected) in [
        (Lang::En, "country not stated, cannot be assessed"),
        (Lang::Da, "land ikke angivet; kan ikke vurderes"),
    ] {
        let record = record("specs/lejre", lang);
        let lines: Vec<String> = record
            .activities
            .iter()
            .flat_map(|a| record.activity_fields(a))
            .filter(|f| f.key == "transfers")
            .flat_map(|f| f.lines(lang))
            .collect();
        assert!(lines.iter().any(|l| l.ends_with(expected)), "{lines:#?}");
        assert!(
            !lines
                .iter()
                .any(|l| l.contains("no transfer mechanism")
                    || l.contains("intet overførselsgrundlag")),
            "{lines:#?}"
        );
    }
}

/// Every format goes to standard output as it is made: output that cannot be written (`> /dev/full`)
/// is an error with exit code 2 (CSV and JSON once said nothing and exited 0), a pipe closed by its
/// reader (`| head`) is not.
#[cfg(target_os = "linux")]
#[test]
fn every_format_reports_standard_output_that_cannot_be_written() {
    // Larger than a pipe's buffer, so the closed pipe is noticed while writing.
    let fixture = std::fs::read_to_string(TRANSFERS).unwrap();
    let start = fixture.find("activity school_platform").unwrap();
    let activity = &fixture[start..start + fixture[start..].find("\n}\n").unwrap() + 3];
    let mut spec = fixture.replace(activity, "");
    for i in 0..150 {
        spec.push_str(&activity.replace(
            "school_platform \"Skoleplatform\"",
            &format!("a{i} \"A {i}\""),
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("spec.hjemmel");
    std::fs::write(&file, spec).unwrap();
    let path = file.to_str().unwrap();
    for format in ["md", "csv", "json"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut run = support::hjemmel_command(&["ropa", "--format", format, path]);
        run.stdout(full);
        let output = support::run(run);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output: No space left on device"),
            "{format}: {stderr}"
        );

        let mut run = support::hjemmel_command(&["ropa", "--format", format, path]);
        run.stdout(std::process::Stdio::piped());
        run.stderr(std::process::Stdio::piped());
        let mut child = run.spawn().unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn data_about_some_subjects_as_markdown() {
    insta::assert_snapshot!(ropa::markdown::render(&record(ABOUT, Lang::En)));
}

/// Which data is about which group (art. 30(1)(c)) and what each recipient receives about whom, as
/// Datatilsynet's guidance asks, and the KLE numbers, in every format: an activity without `about`
/// is about every group it names; a category listed plainly is about all of them.
#[test]
fn the_record_says_which_data_is_about_whom() {
    let md = ropa::markdown::render(&record(ABOUT, Lang::En));
    for line in [
        "**KLE numbers**\n\n- 17\\.15.00\n- 17\\.15.01\n",
        "**Categories of personal data by category of data subjects (art. 30(1)(c))**\n\n\
         - Børn: Navn, Helbredsoplysninger\n- Forældre: Navn, Indkomst\n",
        "- Skolen (public authorities; DK), receives Navn, Helbredsoplysninger about Børn; Navn, \
         Indkomst about Forældre\n",
        // The activity without `about` or KLE numbers, in a spec whose other activity has them.
        "**Categories of personal data by category of data subjects (art. 30(1)(c))**\n\n\
         - Forældre: Navn\n",
        "**KLE numbers**\n\n- *not stated*\n",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    let da = ropa::markdown::render(&record(ABOUT, Lang::Da));
    assert!(
        da.contains("- Skolen (offentlige myndigheder; DK), modtager Navn, Helbredsoplysninger om Børn; Navn, Indkomst om Forældre\n"),
        "{da}"
    );
    let csv = ropa::csv::render(&record(ABOUT, Lang::En));
    assert!(csv.contains(",17.15.00; 17.15.01,"), "{csv}");
    assert!(
        csv.contains(",\"Børn: Navn, Helbredsoplysninger; Forældre: Navn, Indkomst\","),
        "{csv}"
    );
    let json = ropa::json::render(&record(ABOUT, Lang::En));
    assert!(
        json.contains("\"kle\": [\n        \"17.15.00\",\n        \"17.15.01\"\n      ],"),
        "{json}"
    );
    assert!(
        json.contains(
            "\"receives\": [\n            {\n              \"subjects\": \"Børn\",\n              \"data\": [\n                \"Navn\",\n                \"Helbredsoplysninger\"\n              ]"
        ),
        "{json}"
    );
    assert_eq!(json.matches("\"data_by_subjects\"").count(), 2, "{json}");
    assert_eq!(json.matches("\"kle\"").count(), 1, "{json}");
    // A spec without them reads as before: no such field, no such key.
    for path in ["specs/lejre", "specs/randers", MISSING, TRANSFERS] {
        let md = ropa::markdown::render(&record(path, Lang::En));
        assert!(!md.contains("KLE numbers"), "{path}");
        assert!(!md.contains("by category of data subjects"), "{path}");
        assert!(!md.contains(", receives "), "{path}");
        let json = ropa::json::render(&record(path, Lang::En));
        for key in ["\"kle\"", "\"data_by_subjects\"", "\"receives\""] {
            assert!(!json.contains(key), "{path}: {key}");
        }
    }
}
