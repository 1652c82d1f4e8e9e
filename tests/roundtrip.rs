//! Issue 15, point 2: the workbook `hjemmel ropa --format xlsx` writes, imported back with
//! `hjemmel import`, gives a spec with the same model. For each spec and each language: the workbook
//! is written, imported, the spec imported resolves with no error, and the record of the original
//! and of the imported spec are equal, in Markdown and in JSON, except the names in the spec (the
//! writer makes them of the labels).

use std::path::{Path, PathBuf};

use hjemmel::i18n::Lang;
use serde_json::Value;

mod support;
use support::hjemmel;

/// The specs that go round: the two municipalities, and a fixture with what they do not show
/// between them (KLE numbers, data about some subjects, a sub-processor, transfers with their
/// documentation, per-category deadlines, an activity that takes its data from another).
const SPECS: &[&str] = &[
    "specs/lejre",
    "specs/randers",
    "tests/fixtures/roundtrip/transfers.hjemmel",
];

/// What goes round with them, in a spec of its own: data of another class when used as stated
/// that is about some of the groups only (`data ... about ... as criminal when`), and copies other
/// holders keep: two by one holder with different periods, one `for` a time, one with no period.
const USES_AND_COPIES: &str = r#"controller eksempel "Eksempel Kommune" {
  public authority
  contact "kommune@eksempel.dk"
  dpo { email "dpo@eksempel.dk" }
}

subjects children "Børn i dagtilbud"     children
subjects parents  "Forældre til børnene" citizens

data child_name "Barnets navn"                        ordinary
data door_log   "Log over åbning af institutionens dør" ordinary
data photos     "Fotos fra hverdagen"                 ordinary

activity door_access "Adgangskontrol ved institutionens dør" {
  purpose  "Styre adgangen til institutionen"
  subjects children, parents
  data     child_name, photos about children
  data     door_log about parents
  data     door_log about parents as criminal when "ved mistanke om indbrud"
  basis    gdpr 6(1)(e), dbl 8(1)
  retain   all for 30 days
  copy     door_log kept by "institutionens leder" for 7 days after "hændelsen"
  copy     photos kept by "forældrene"
  copy     child_name kept by "institutionens leder" until "barnet stopper"
}
"#;

fn succeeds(args: &[&str]) -> String {
    let out = hjemmel(args);
    assert!(
        out.status.success(),
        "hjemmel {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "hjemmel-roundtrip-test-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The spec imported from the workbook of `original` in `lang`, its directory.
fn round_trip(original: &Path, lang: &str) -> PathBuf {
    let spec = original.display();
    let name = original.file_name().unwrap_or_default().to_string_lossy();
    let dir = scratch(&format!("{name}-{lang}"));
    let workbook = dir.join("record.xlsx");
    let imported = dir.join("spec");
    succeeds(&[
        "ropa",
        "--format",
        "xlsx",
        "--lang",
        lang,
        original.to_str().unwrap(),
        "-o",
        workbook.to_str().unwrap(),
    ]);
    succeeds(&[
        "import",
        workbook.to_str().unwrap(),
        "-o",
        imported.to_str().unwrap(),
    ]);
    let outcome = hjemmel::check_spec(&imported, Lang::En);
    if let Err(errors) = &outcome.result {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        panic!("the spec imported from {spec} ({lang}) does not resolve: {messages:?}");
    }
    imported
}

fn record(spec: &Path, format: &str, lang: &str) -> String {
    succeeds(&[
        "ropa",
        "--format",
        format,
        "--lang",
        lang,
        spec.to_str().unwrap(),
    ])
}

/// The Markdown record without the names in the spec.
fn markdown_compared(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| {
            !line.starts_with("Name in the spec:") && !line.starts_with("Navn i specifikationen:")
        })
        .map(str::to_string)
        .collect()
}

/// The JSON record without the names in the spec (`name` beside a `label`).
fn json_compared(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let has_label = map.contains_key("label") || map.contains_key("name_in_spec");
            Value::Object(
                map.into_iter()
                    .filter(|(k, _)| !(k == "name" && has_label))
                    .map(|(k, v)| (k, json_compared(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(json_compared).collect()),
        other => other,
    }
}

/// The first line where two renderings part, for a message that shows it.
fn first_difference(a: &[String], b: &[String]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    format!(
        "line {}:\n  original: {:?}\n  imported: {:?}",
        at + 1,
        a.get(at),
        b.get(at)
    )
}

/// The records of `original` and of the spec imported from its workbook are equal, in both
/// languages.
fn goes_round(original: &Path) {
    let spec = original.display();
    for lang in ["da", "en"] {
        let imported = round_trip(original, lang);

        let a = markdown_compared(&record(original, "md", lang));
        let b = markdown_compared(&record(&imported, "md", lang));
        assert!(
            a == b,
            "{spec} ({lang}): the Markdown records differ at {}",
            first_difference(&a, &b)
        );

        let json = |path: &Path| -> Value {
            serde_json::from_str(&record(path, "json", lang)).expect("JSON")
        };
        let a = json_compared(json(original));
        let b = json_compared(json(&imported));
        if a != b {
            let a = serde_json::to_string_pretty(&a).unwrap();
            let b = serde_json::to_string_pretty(&b).unwrap();
            let a: Vec<String> = a.lines().map(str::to_string).collect();
            let b: Vec<String> = b.lines().map(str::to_string).collect();
            panic!(
                "{spec} ({lang}): the JSON records differ at {}",
                first_difference(&a, &b)
            );
        }
    }
}

#[test]
fn the_workbook_imported_back_gives_the_same_record() {
    for spec in SPECS {
        goes_round(&root().join(spec));
    }
}

#[test]
fn uses_and_copies_go_round() {
    let dir = scratch("uses-and-copies");
    std::fs::write(dir.join("spec.hjemmel"), USES_AND_COPIES).unwrap();
    goes_round(&dir);
    // They come back as statements, not as comments beside the activity.
    let imported = round_trip(&dir, "da");
    let activities = std::fs::read_to_string(imported.join("activities.hjemmel")).unwrap();
    assert!(
        activities.contains("as criminal when \"ved mistanke om indbrud\""),
        "{activities}"
    );
    assert_eq!(activities.matches("\n  copy ").count(), 3, "{activities}");
    assert!(!activities.contains("  //"), "{activities}");
}
