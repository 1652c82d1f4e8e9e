//! The OS2compliance and Fides readers on the hand-written files of tests/fixtures/import/: each
//! register compared field by field with what the file says.

use std::path::{Path, PathBuf};

use hjemmel::import::{
    ImportedActivity, ImportedData, ImportedDisclosure, ImportedParty, ImportedSubjects, Register,
    Unplaced, fides, os2compliance,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn unplaced(field: &str, value: &str) -> Unplaced {
    Unplaced {
        field: field.into(),
        value: value.into(),
    }
}

fn subjects(label: &str, kind: Option<&str>) -> ImportedSubjects {
    ImportedSubjects {
        label: label.into(),
        kind: kind.map(Into::into),
    }
}

fn data(label: &str, class: Option<&str>, about: &[&str]) -> ImportedData {
    ImportedData {
        label: label.into(),
        class: class.map(Into::into),
        about: strings(about),
        retention: None,
    }
}

fn disclosure(recipient: &str, items: &[&str]) -> ImportedDisclosure {
    ImportedDisclosure {
        recipient: recipient.into(),
        data: strings(items),
        basis: Vec::new(),
        condition: None,
    }
}

fn only_activity(register: &Register) -> &ImportedActivity {
    assert_eq!(register.activities.len(), 1, "{register:#?}");
    &register.activities[0]
}

#[test]
fn os2compliance_kl_standard_record() {
    let register = os2compliance::read(&fixture("os2compliance/kl_standard_record.json")).unwrap();
    let activity = only_activity(&register);
    assert_eq!(
        activity.label,
        "Behandling af personoplysninger i forbindelse med kommunens administration af veje og stier"
    );
    // KL's records have no purpose field: the description is the purpose
    assert_eq!(
        activity.purposes,
        [
            "Kommunen behandler personoplysninger for at administrere og vedligeholde veje, stier og parkeringsanlæg."
        ]
    );
    // register-gdpr-valp6 only opens the art. 6 letters
    assert_eq!(
        activity.bases,
        ["art. 6, stk. 1, litra e", "databeskyttelseslovens § 11"]
    );
    // the main group 05 is covered by its groups
    assert_eq!(activity.kle, ["05.00", "05.01"]);
    assert!(activity.subjects.is_empty() && activity.data.is_empty());
    assert_eq!(activity.retention, None);
    assert_eq!(activity.unplaced, [unplaced("packageName", "kl_article30")]);
    assert!(register.recipients.is_empty() && register.processors.is_empty());
    assert_eq!(register.controller, None);
}

#[test]
fn os2compliance_register_with_its_data_processing() {
    let register =
        os2compliance::read(&fixture("os2compliance/register_with_data_processing.json")).unwrap();
    let activity = only_activity(&register);
    assert_eq!(activity.label, "Visitation til hjemmepleje");
    assert_eq!(activity.unit.as_deref(), Some("Sundhed og Omsorg"));
    assert_eq!(
        activity.purposes,
        ["At visitere borgere til personlig pleje og praktisk hjælp."]
    );
    assert_eq!(activity.kle, ["27.15"]);
    assert_eq!(
        activity.bases,
        [
            "art. 6, stk. 1, litra e",
            "art. 9, stk. 2, litra h",
            "databeskyttelseslovens § 11",
            "Serviceloven § 83",
        ]
    );
    assert_eq!(
        activity.subjects,
        [
            subjects("Borgere over 18 år", Some("citizens")),
            subjects("Ansatte", Some("employees")),
        ]
    );
    // ordinary data about both groups is about all of them; the rest only about the citizens
    assert_eq!(
        activity.data,
        [
            data("Almindelige personoplysninger", Some("ordinary"), &[]),
            data(
                "Fortrolige personoplysninger (CPR nr.)",
                Some("cpr"),
                &["Borgere over 18 år"]
            ),
            data(
                "Helbredsoplysninger",
                Some("special(health)"),
                &["Borgere over 18 år"]
            ),
        ]
    );
    assert_eq!(
        activity.disclosures,
        [disclosure(
            "Offentlige myndigheder",
            &[
                "Almindelige personoplysninger",
                "Fortrolige personoplysninger (CPR nr.)",
                "Helbredsoplysninger",
            ]
        )]
    );
    assert_eq!(
        activity.retention.as_deref(),
        Some(
            "5 år efter sagsafslutning, eleven er afgangsført/udmeldt og den ansattes fratrædelse"
        )
    );
    assert_eq!(
        activity.security,
        ["Adgang efter arbejdsbetinget behov; logning af opslag."]
    );
    assert!(activity.sources.is_empty() && activity.processors.is_empty());
    // the client's sort keys and allowed actions are dropped, the rest kept
    assert_eq!(
        activity.unplaced,
        [
            unplaced(
                "dataProcessing.elaboration",
                "Oplysninger slettes efter journalføringsreglerne."
            ),
            unplaced(
                "note (Borgere over 18 år)",
                "Helbredsoplysninger fra egen læge"
            ),
            unplaced(
                "dataProcessing.personCountIdentifier",
                "1.000-10.000 (dp-person-cnt-1000-10000)"
            ),
            unplaced("id", "42"),
            unplaced("status", "Færdig"),
            unplaced("description", "Sagsbehandling efter serviceloven."),
        ]
    );
    assert_eq!(
        register.recipients,
        [ImportedParty {
            label: "Offentlige myndigheder".into(),
            kind: Some("authority".into()),
            unplaced: vec![unplaced("receiverLocation", "Beliggende indenfor EU")],
            ..ImportedParty::default()
        }]
    );
}

#[test]
fn os2compliance_values_that_cannot_be_placed_are_kept() {
    let register = os2compliance::read(&fixture("os2compliance/unplaceable_choice.json")).unwrap();
    let activity = only_activity(&register);
    assert_eq!(activity.bases, ["art. 6, stk. 1, litra a"]);
    assert_eq!(
        activity.unplaced,
        [unplaced("gdprChoices", "egen-hjemmel-frivillige")]
    );
    // a municipality's own category of subjects: its identifier, the kind left to the writer
    assert_eq!(
        activity.subjects,
        [subjects("egen-kategori-frivillige", None)]
    );
    assert_eq!(
        activity.data,
        [data("Almindelige personoplysninger", Some("ordinary"), &[])]
    );
    // "Det er der ikke taget stilling til": no deadline
    assert_eq!(activity.retention, None);
}

#[test]
fn os2compliance_malformed_json_names_its_line() {
    let path = fixture("os2compliance/malformed.json");
    let error = os2compliance::read(&path).unwrap_err();
    assert_eq!(error.file, path);
    assert_eq!(error.place.as_deref(), Some("line 4, column 14"));
    assert!(error.message.starts_with("not valid JSON"), "{error}");
}

#[test]
fn fides_system_manifest() {
    let register = fides::read(&fixture("fides/system.yml")).unwrap();
    assert_eq!(
        register.controller,
        Some(ImportedParty {
            label: "Eksempel ApS".into(),
            address: Some("Eksempelvej 1, 9999 Eksempelby".into()),
            contact: Some("privacy@eksempel.invalid".into()),
            unplaced: vec![unplaced("controller.phone", "+45 00 00 00 00")],
            ..ImportedParty::default()
        })
    );
    assert_eq!(register.activities.len(), 3);

    let booking = &register.activities[0];
    assert_eq!(booking.label, "Booking af behandlinger");
    assert_eq!(booking.unit.as_deref(), Some("Klinikken"));
    assert_eq!(
        booking.purposes,
        ["Essential for Service (essential.service)"]
    );
    // customers and patients: whose they are is not said, so no kind
    assert_eq!(
        booking.subjects,
        [subjects("Customer", None), subjects("Patient", None)]
    );
    assert_eq!(
        booking.data,
        [
            data("Name", Some("ordinary"), &[]),
            data("User Contact Email", Some("ordinary"), &[]),
            data("Health and Medical Data", Some("special(health)"), &[]),
            // any country's number: not taken for a CPR number
            data("National Identification Number", None, &[]),
        ]
    );
    assert_eq!(
        booking.bases,
        ["art. 6, stk. 1, litra b", "art. 9, stk. 2, litra h"]
    );
    assert_eq!(
        booking.retention.as_deref(),
        Some("5 år efter sidste behandling")
    );
    assert_eq!(booking.security, ["Kryptering af data i hvile"]);
    assert_eq!(booking.processors, ["Mail Eksempel A/S"]);
    assert_eq!(
        booking.disclosures,
        [disclosure(
            "Forsikring Eksempel A/S",
            &["Name", "Health and Medical Data"]
        )]
    );
    // data from the user: the data subject, not a named source
    assert!(booking.sources.is_empty());
    assert_eq!(
        booking.unplaced,
        [
            unplaced("description", "Booking af behandlinger i klinikken."),
            unplaced("system_type", "Application"),
        ]
    );

    let marketing = &register.activities[1];
    assert_eq!(
        marketing.label,
        "Bookingsystem: marketing.communications.email"
    );
    assert_eq!(marketing.bases, ["art. 6, stk. 1, litra a"]);
    assert_eq!(marketing.processors, ["Mail Eksempel A/S"]);
    // the insurer's flow carries none of this declaration's data; the third parties get e-mail
    assert_eq!(
        marketing.disclosures,
        [disclosure("Samarbejdspartnere", &["User Contact Email"])]
    );
    assert_eq!(
        marketing.unplaced,
        [unplaced(
            "egress",
            "system `analytics` (inside the organisation)"
        )]
    );

    let mail = &register.activities[2];
    assert_eq!(
        mail.purposes,
        ["Essential Email Service Notifications (essential.service.notifications.email)"]
    );

    assert_eq!(
        register.processors,
        [ImportedParty {
            label: "Mail Eksempel A/S".into(),
            address: Some("Postvej 2, 9999 Eksempelby".into()),
            ..ImportedParty::default()
        }]
    );
    let recipients: Vec<&str> = register
        .recipients
        .iter()
        .map(|p| p.label.as_str())
        .collect();
    assert_eq!(
        recipients,
        ["Forsikring Eksempel A/S", "Samarbejdspartnere"]
    );
    assert!(register.recipients.iter().all(|p| p.kind.is_none()));
    assert_eq!(
        register.unplaced,
        [
            unplaced(
                "data_protection_officer",
                "DPO Eksempel, dpo@eksempel.invalid"
            ),
            unplaced("system `insurer`", "processes_personal_data: false"),
            unplaced("system `analytics`", "no privacy_declarations"),
        ]
    );
}

#[test]
fn fides_values_that_cannot_be_placed_are_kept() {
    let register = fides::read(&fixture("fides/unplaceable.yml")).unwrap();
    let activity = only_activity(&register);
    assert_eq!(
        activity.subjects,
        [
            subjects("Job Applicant", None),
            subjects("Employee", Some("employees")),
        ]
    );
    // the organisation's own category says CPR; a fingerprint may or may not identify
    assert_eq!(
        activity.data,
        [
            data("CPR-nummer", Some("cpr"), &[]),
            data("Fingerprint", None, &[]),
        ]
    );
    assert!(activity.bases.is_empty());
    assert_eq!(
        activity.unplaced,
        [
            unplaced("system_type", "Application"),
            unplaced("uses_profiling", "true"),
            unplaced("dataset `medlemmer` retention", "3 år efter udmeldelse"),
            unplaced("dataset `medlemmer` third_country_transfers", "USA"),
            unplaced("legal_basis_for_processing", "Because we say so"),
            unplaced("features", "Matching af medlemmer"),
        ]
    );
}

#[test]
fn fides_malformed_manifest_names_its_place() {
    let path = fixture("fides/malformed.yml");
    let error = fides::read(&path).unwrap_err();
    assert_eq!(error.file, path);
    assert_eq!(error.place.as_deref(), Some("line 7, column 26"));
    assert!(
        error
            .message
            .contains("system[0].privacy_declarations[0].data_categories"),
        "{error}"
    );
}

#[test]
fn fides_directory_reads_every_manifest_and_stops_at_the_malformed_one() {
    let error = fides::read(&fixture("fides")).unwrap_err();
    assert!(error.file.ends_with("malformed.yml"), "{error}");
}
