//! The machine-readable formats keep their promises: every document `--format sarif` writes is valid
//! against the official SARIF 2.1.0 schema (tests/schemas/, see its README for the source) and meets
//! what GitHub code scanning requires beyond it; every document `--format json` writes is valid
//! against its own published schema, docs/schema/check-v1.schema.json. Both are checked on every
//! fixture and example: clean specs, findings, spec errors, paths that cannot be read, suppressions.

mod support;

use std::path::{Path, PathBuf};

use hjemmel::report::sarif::Paths;
use hjemmel::report::{SpecReport, json, sarif};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator(schema: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join(schema))
        .unwrap_or_else(|e| panic!("cannot read {schema}: {e}"));
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema is a valid JSON schema")
}

/// Every spec the tests know, as the paths a user would give: fixtures, examples and the real specs,
/// plus paths that cannot be read.
fn spec_paths() -> Vec<String> {
    fn entries(dir: &str) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
            .map(|e| e.unwrap().path())
            .collect();
        found.sort();
        found
    }
    let is_spec = |p: &Path| p.is_dir() || p.extension().is_some_and(|e| e == "hjemmel");
    let mut paths = vec![
        root().join("tests/fixtures/formats"),
        root().join("tests/fixtures/cli/no_such_spec.hjemmel"),
    ];
    for dir in [
        "tests/fixtures/cli",
        "tests/fixtures/config",
        "tests/fixtures/invalid",
        "examples",
        "specs",
    ] {
        paths.extend(entries(dir).into_iter().filter(|p| is_spec(p)));
    }
    for rule in entries("tests/fixtures/rules") {
        paths.extend(entries(&support::relative(&rule)));
    }
    paths.iter().map(|p| support::relative(p)).collect()
}

/// Each spec's outcome, by the path given.
fn check_all(paths: &[String]) -> Vec<(&str, hjemmel::Outcome)> {
    paths
        .iter()
        .map(|p| {
            (
                p.as_str(),
                hjemmel::check_spec(&root().join(p), hjemmel::i18n::Lang::En),
            )
        })
        .collect()
}

fn assert_valid(validator: &jsonschema::Validator, document: &str, what: &str) -> Value {
    let value: Value = serde_json::from_str(document)
        .unwrap_or_else(|e| panic!("{what} is not JSON ({e}):\n{document}"));
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match its schema:\n{}\n{document}",
        errors.join("\n")
    );
    value
}

fn paths() -> Paths {
    Paths::new(root(), root())
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let validator = validator("tests/schemas/sarif-schema-2.1.0.json");
    let paths = spec_paths();
    assert!(paths.len() > 50, "too few specs found: {paths:?}");
    let outcomes = check_all(&paths);
    let reports: Vec<SpecReport> = outcomes.iter().map(|(p, o)| o.report(p)).collect();
    let mut kinds = Kinds::default();
    for report in &reports {
        let document = sarif::render(std::slice::from_ref(report), &self::paths());
        let log = assert_valid(&validator, &document, &format!("SARIF of {}", report.path));
        kinds.note(report);
        assert_github_accepts(&log, report.path);
    }
    // All specs in one log, as `hjemmel check --format sarif a b c` writes it.
    let document = sarif::render(&reports, &self::paths());
    let log = assert_valid(&validator, &document, "SARIF of all specs together");
    assert_github_accepts(&log, "all specs together");
    kinds.assert_all_seen();
}

#[test]
fn json_output_is_valid_against_its_published_schema() {
    let validator = validator("docs/schema/check-v1.schema.json");
    let paths = spec_paths();
    let outcomes = check_all(&paths);
    let reports: Vec<SpecReport> = outcomes.iter().map(|(p, o)| o.report(p)).collect();
    let mut kinds = Kinds::default();
    for report in &reports {
        let document = json::render(std::slice::from_ref(report));
        assert_valid(&validator, &document, &format!("JSON of {}", report.path));
        kinds.note(report);
    }
    assert_valid(
        &validator,
        &json::render(&reports),
        "JSON of all specs together",
    );
    kinds.assert_all_seen();
}

#[test]
fn the_json_schema_rejects_what_the_format_does_not_allow() {
    // A schema that accepted anything would pass the test above: it must refuse a broken document.
    let validator = validator("docs/schema/check-v1.schema.json");
    let reports_path = "tests/fixtures/formats";
    let outcome = hjemmel::check_spec(&root().join(reports_path), hjemmel::i18n::Lang::En);
    let good: Value = serde_json::from_str(&json::render(&[outcome.report(reports_path)])).unwrap();
    assert!(validator.is_valid(&good));
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut doc = good.clone();
        f(&mut doc);
        doc
    };
    for (what, doc) in [
        ("another version", broken(&|d| d["version"] = 2.into())),
        ("an unknown field", broken(&|d| d["extra"] = true.into())),
        (
            "a severity that does not exist",
            broken(&|d| d["specs"][0]["diagnostics"][0]["severity"] = "fatal".into()),
        ),
        (
            "a diagnostic without location",
            broken(&|d| {
                d["specs"][0]["diagnostics"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("location");
            }),
        ),
        (
            "a spec error in a checked spec",
            broken(&|d| d["specs"][0]["diagnostics"][0]["origin"] = "spec".into()),
        ),
        (
            "a line 0",
            broken(&|d| d["specs"][0]["diagnostics"][0]["location"]["line"] = 0.into()),
        ),
        (
            "a declaration of a kind that does not exist",
            broken(&|d| d["specs"][0]["diagnostics"][0]["declaration"]["kind"] = "form".into()),
        ),
        (
            "a finding without its declaration field",
            broken(&|d| {
                d["specs"][0]["diagnostics"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("declaration");
            }),
        ),
        (
            "unverified provisions that are not a list",
            broken(&|d| d["specs"][0]["diagnostics"][0]["unverified"] = "art. 5".into()),
        ),
    ] {
        assert!(!validator.is_valid(&doc), "the schema accepts {what}");
    }
}

#[test]
fn the_sarif_schema_rejects_what_sarif_does_not_allow() {
    // The vendored schema must be the strict one (and read as draft 4, with formats checked): a
    // validator that accepted anything would make the test above worthless.
    let validator = validator("tests/schemas/sarif-schema-2.1.0.json");
    let path = "tests/fixtures/formats";
    let outcome = hjemmel::check_spec(&root().join(path), hjemmel::i18n::Lang::En);
    let good: Value =
        serde_json::from_str(&sarif::render(&[outcome.report(path)], &paths())).unwrap();
    assert!(validator.is_valid(&good));
    fn result(d: &mut Value) -> &mut Value {
        &mut d["runs"][0]["results"][0]
    }
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut doc = good.clone();
        f(&mut doc);
        doc
    };
    for (what, doc) in [
        ("SARIF 2.2", broken(&|d| d["version"] = "2.2.0".into())),
        (
            "a level that does not exist",
            broken(&|d| result(d)["level"] = "critical".into()),
        ),
        (
            "a line 0",
            broken(&|d| {
                result(d)["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into()
            }),
        ),
        (
            "an unknown kind of suppression",
            broken(&|d| {
                let results = d["runs"][0]["results"].as_array_mut().unwrap();
                let suppressed = results
                    .iter_mut()
                    .find(|r| r.get("suppressions").is_some())
                    .unwrap();
                suppressed["suppressions"][0]["kind"] = "waiver".into();
            }),
        ),
    ] {
        assert!(!validator.is_valid(&doc), "the SARIF schema accepts {what}");
    }
}

/// The kinds of spec the validation must have covered, so that a change to the fixtures cannot
/// quietly leave one out.
#[derive(Default)]
struct Kinds {
    clean: bool,
    findings: bool,
    waived: bool,
    turned_off: bool,
    spec_errors: bool,
    unreadable: bool,
}

impl Kinds {
    fn note(&mut self, report: &SpecReport) {
        use hjemmel::config::waivers::SuppressedBy;
        self.clean |= report.understood && report.diagnostics.is_empty();
        self.findings |= report.understood && !report.diagnostics.is_empty();
        self.waived |= report
            .suppressed
            .iter()
            .any(|s| s.by == SuppressedBy::Waiver);
        self.turned_off |= report
            .suppressed
            .iter()
            .any(|s| s.by == SuppressedBy::Config);
        self.spec_errors |= !report.understood && !report.sources.is_empty();
        self.unreadable |= !report.understood && report.sources.is_empty();
    }

    fn assert_all_seen(&self) {
        assert!(
            self.clean
                && self.findings
                && self.waived
                && self.turned_off
                && self.spec_errors
                && self.unreadable,
            "not every kind of spec was validated"
        );
    }
}

/// What GitHub code scanning needs beyond the schema (docs.github.com, "SARIF support for code
/// scanning"): required properties, their limits, and results that point at rules that exist.
fn assert_github_accepts(log: &Value, what: &str) {
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "{what}: one run");
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "hjemmel");
    let rules = driver["rules"].as_array().expect("rules");
    assert!(
        rules.len() >= hjemmel::rules::registry::RULES.len(),
        "{what}: every rule is described"
    );
    for rule in rules {
        let id = rule["id"].as_str().expect("rule id");
        for field in ["shortDescription", "fullDescription", "help"] {
            let text = rule[field]["text"].as_str().unwrap_or_default();
            assert!(!text.is_empty(), "{what}: rule {id} has no {field}.text");
        }
        assert!(rule["name"].as_str().unwrap().chars().count() <= 255);
        for field in ["shortDescription", "fullDescription"] {
            let length = rule[field]["text"].as_str().unwrap().chars().count();
            assert!(
                length <= 1024,
                "{what}: {id}'s {field} is {length} characters"
            );
        }
        let tags = rule["properties"]["tags"].as_array().expect("tags");
        assert!(
            tags.len() <= 10,
            "{what}: {id} has more tags than GitHub shows"
        );
    }
    for result in run["results"].as_array().expect("results") {
        let id = result["ruleId"].as_str().expect("ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            rules[index]["id"], id,
            "{what}: ruleIndex points at the rule"
        );
        assert!(
            !result["message"]["text"].as_str().unwrap().is_empty(),
            "{what}: a result without message"
        );
        assert!(
            result["partialFingerprints"]["primaryLocationLineHash"].is_string(),
            "{what}: {id} has no fingerprint"
        );
        if let Some(locations) = result["locations"].as_array() {
            assert_eq!(locations.len(), 1, "{what}: one location per result");
            let location = &locations[0]["physicalLocation"];
            assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            let uri = location["artifactLocation"]["uri"].as_str().unwrap();
            assert!(
                !uri.starts_with('/') && !uri.starts_with(".."),
                "{what}: {uri} is not relative to the repository"
            );
            // Draft 4, the schema's draft, has no `uri-reference` format to check this.
            assert!(
                uri.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)),
                "{what}: {uri} is not a URI path"
            );
            for field in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(location["region"][field].as_u64().unwrap() >= 1);
            }
        }
    }
}
