//! The `hjemmel` binary as a user or a CI job runs it: exit codes (0 clean or warnings only, 1 error
//! findings or warnings with `--deny-warnings`, 2 a spec that cannot be read or a wrong command
//! line), the JSON document, and what a user sees when the spec cannot be read at all.
//!
//! Fixtures: tests/fixtures/cli/ (`empty_dir` holds only a README; `not_utf8.hjemmel` holds a 0xFF
//! byte and is marked binary in .gitattributes so that it stays byte for byte).

mod support;

use std::process::{Command, Output};

const CLEAN: &str = "tests/fixtures/cli/clean.hjemmel";
const ERRORS: &str = "tests/fixtures/cli/errors.hjemmel";
const WARNINGS_ONLY: &str = "tests/fixtures/cli/warnings_only.hjemmel";
const SYNTAX_ERROR: &str = "tests/fixtures/cli/syntax_error.hjemmel";
const MISSING: &str = "tests/fixtures/cli/no_such_spec.hjemmel";
const EMPTY_DIR: &str = "tests/fixtures/cli/empty_dir";
const NOT_UTF8: &str = "tests/fixtures/cli/not_utf8.hjemmel";

/// Runs the binary from the package root (so paths in the output are the relative ones above), with
/// a fixed width and without `NO_COLOR`, so that the `--color` rules are tested, not the environment.
fn hjemmel(args: &[&str]) -> Output {
    let mut command = support::hjemmel_command(args);
    command.env_remove("NO_COLOR");
    support::run(command)
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("hjemmel exits with a code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Both streams, labelled, as a snapshot stores them.
fn streams(output: &Output) -> String {
    format!(
        "exit code: {}\n--- stdout ---\n{}--- stderr ---\n{}",
        code(output),
        stdout(output),
        stderr(output)
    )
}

fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let output = hjemmel(&all);
    let doc = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "--format json is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (code(&output), doc)
}

#[test]
fn a_clean_spec_exits_0() {
    let output = hjemmel(&["check", CLEAN]);
    assert_eq!(code(&output), 0, "{}", streams(&output));
    assert_eq!(stdout(&output), format!("checked {CLEAN}: no findings\n"));
    assert_eq!(stderr(&output), "");
}

#[test]
fn error_findings_exit_1() {
    let output = hjemmel(&["check", ERRORS]);
    assert_eq!(code(&output), 1, "{}", streams(&output));
    let out = stdout(&output);
    assert!(out.contains("error[TRANSFER-UNDECLARED]"), "{out}");
    assert!(out.contains("error[RETENTION-MISSING]"), "{out}");
    assert!(
        out.ends_with(&format!("checked {ERRORS}: 2 errors, 1 warning\n")),
        "{out}"
    );
}

#[test]
fn warnings_alone_exit_0() {
    let output = hjemmel(&["check", WARNINGS_ONLY]);
    assert_eq!(code(&output), 0, "{}", streams(&output));
    assert!(
        stdout(&output).contains("warning[TRANSFER-DESTINATION-UNKNOWN]"),
        "{}",
        streams(&output)
    );
}

#[test]
fn warnings_exit_1_with_deny_warnings() {
    let output = hjemmel(&["check", "--deny-warnings", WARNINGS_ONLY]);
    assert_eq!(code(&output), 1, "{}", streams(&output));
    // A clean spec stays clean.
    assert_eq!(code(&hjemmel(&["check", "--deny-warnings", CLEAN])), 0);
}

#[test]
fn a_spec_that_cannot_be_read_exits_2() {
    for (path, summary) in [
        (MISSING, "could not be read"),
        (EMPTY_DIR, "could not be read"),
        (NOT_UTF8, "could not be read"),
        (SYNTAX_ERROR, "could not be checked: 1 error in the spec"),
    ] {
        let output = hjemmel(&["check", path]);
        assert_eq!(code(&output), 2, "{path}:\n{}", streams(&output));
        assert!(
            stdout(&output).ends_with(&format!("{path} {summary}\n")),
            "{path}:\n{}",
            streams(&output)
        );
    }
}

#[test]
fn an_unreadable_spec_wins_over_findings_in_another() {
    // Checked together, a spec with findings (1) and a spec that cannot be read (2) exit 2.
    let output = hjemmel(&["check", ERRORS, MISSING]);
    assert_eq!(code(&output), 2, "{}", streams(&output));
    assert!(stdout(&output).contains("total: 3 errors, 1 warning"));
}

#[test]
fn a_syntax_error_points_at_the_spec() {
    let output = hjemmel(&["check", SYNTAX_ERROR]);
    assert_eq!(code(&output), 2);
    let out = stdout(&output);
    assert!(out.contains("error[syntax]"), "{out}");
    assert!(out.contains(&format!("{SYNTAX_ERROR}:5:38")), "{out}");
}

#[test]
fn bad_usage_exits_2_with_a_message_on_stderr() {
    for args in [
        &["check", "--frobnicate", CLEAN][..],
        &["check"][..],
        &["check", "--format", "xml", CLEAN][..],
        &["inspect", CLEAN][..],
    ] {
        let output = hjemmel(args);
        assert_eq!(code(&output), 2, "{args:?}:\n{}", streams(&output));
        assert_eq!(stdout(&output), "", "{args:?}: usage errors go to stderr");
        assert!(
            stderr(&output).starts_with("error: "),
            "{args:?}:\n{}",
            streams(&output)
        );
    }
}

#[test]
fn json_output_has_version_specs_and_located_diagnostics() {
    let (exit, doc) = json(&[ERRORS]);
    assert_eq!(exit, 1);
    assert!(doc["version"].is_u64(), "{doc:#}");
    let specs = doc["specs"].as_array().expect("`specs` is an array");
    assert_eq!(specs.len(), 1);
    assert_eq!(specs[0]["path"], ERRORS);
    assert_eq!(specs[0]["status"], "checked");
    let diagnostics = specs[0]["diagnostics"].as_array().expect("an array");
    let found: Vec<(&str, &str, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("a code"),
                d["severity"].as_str().expect("a severity"),
                d["location"]["line"].as_u64().expect("a line"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("TRANSFER-DESTINATION-UNKNOWN", "warning", 11),
            ("TRANSFER-UNDECLARED", "error", 11),
            ("RETENTION-MISSING", "error", 17),
        ]
    );
    assert_eq!(doc["summary"]["errors"], 2, "{doc:#}");
    assert_eq!(doc["summary"]["warnings"], 1, "{doc:#}");
}

#[test]
fn json_output_for_a_clean_spec_and_an_invalid_one() {
    let (exit, doc) = json(&[CLEAN, SYNTAX_ERROR]);
    assert_eq!(exit, 2);
    let specs = doc["specs"].as_array().expect("`specs` is an array");
    assert_eq!(specs.len(), 2);
    assert_eq!(specs[0]["status"], "checked");
    assert_eq!(specs[0]["diagnostics"].as_array().map(Vec::len), Some(0));
    assert_eq!(specs[1]["status"], "invalid");
    let syntax = &specs[1]["diagnostics"][0];
    assert_eq!(syntax["code"], "syntax");
    assert_eq!(syntax["severity"], "error");
    assert_eq!(syntax["location"]["line"], 5);
}

#[test]
fn json_output_for_a_missing_path_has_no_location() {
    let (exit, doc) = json(&[MISSING]);
    assert_eq!(exit, 2);
    let d = &doc["specs"][0]["diagnostics"][0];
    assert_eq!(d["code"], "read-error");
    assert!(d["location"].is_null(), "{doc:#}");
}

#[test]
fn what_the_user_sees_for_a_missing_path() {
    insta::assert_snapshot!(streams(&hjemmel(&["check", "--color", "never", MISSING])));
}

#[test]
fn what_the_user_sees_for_a_directory_without_specs() {
    insta::assert_snapshot!(streams(&hjemmel(&["check", "--color", "never", EMPTY_DIR])));
}

#[test]
fn what_the_user_sees_for_a_file_that_is_not_utf8() {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(NOT_UTF8))
        .expect("the fixture is there");
    assert!(
        bytes.contains(&0xFF) && String::from_utf8(bytes).is_err(),
        "{NOT_UTF8} must hold the byte 0xFF (was it converted on checkout?)"
    );
    insta::assert_snapshot!(streams(&hjemmel(&["check", "--color", "never", NOT_UTF8])));
}

#[test]
fn explain_prints_the_rule_page() {
    let output = hjemmel(&["explain", "art9-basis"]);
    assert_eq!(code(&output), 0, "{}", streams(&output));
    let meta = hjemmel::rules::registry::find("ART9-BASIS").unwrap().meta();
    assert_eq!(stdout(&output), hjemmel::rules::docs::page(meta));
}

#[test]
fn explain_of_an_unknown_code_suggests_the_closest() {
    let output = hjemmel(&["explain", "ART9-BASE"]);
    assert_eq!(code(&output), 2, "{}", streams(&output));
    assert!(
        stderr(&output).contains("did you mean `ART9-BASIS`?"),
        "{}",
        streams(&output)
    );
}

#[test]
fn rules_lists_every_rule_in_both_formats() {
    let rules = hjemmel::rules::registry::RULES;
    let human = stdout(&hjemmel(&["rules"]));
    assert_eq!(human.lines().count(), rules.len(), "{human}");
    for rule in rules {
        assert!(human.contains(rule.meta().code), "{human}");
    }
    let output = hjemmel(&["rules", "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", streams(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let listed = value.as_array().expect("an array of rules");
    assert_eq!(listed.len(), rules.len());
    assert_eq!(listed[0]["code"], rules[0].meta().code);
    assert!(
        listed
            .iter()
            .all(|r| r["severity"] == "error" || r["severity"] == "warning")
    );
}

#[test]
fn github_format_writes_one_annotation_per_finding() {
    let output = hjemmel(&["check", "--format", "github", ERRORS]);
    assert_eq!(code(&output), 1);
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning "))
    );
    assert!(
        lines[0].starts_with(&format!("::warning file={ERRORS},line=11,")),
        "{out}"
    );
    // A newline inside a message would end the command: it is written as %0A.
    assert!(lines.iter().all(|l| l.contains("%0Asee: ")), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn github_format_for_a_spec_error_is_an_error_annotation() {
    let output = hjemmel(&["check", "--format", "github", SYNTAX_ERROR]);
    assert_eq!(code(&output), 2);
    let out = stdout(&output);
    assert!(
        out.starts_with(&format!("::error file={SYNTAX_ERROR},line=5,")),
        "{out}"
    );
}

/// `hjemmel check --format sarif ARGS` run in `dir` (relative to the package root).
fn sarif_in(dir: &str, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let output = Command::new(env!("CARGO_BIN_EXE_hjemmel"))
        .args(&all)
        .current_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .output()
        .expect("the hjemmel binary runs");
    let log = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "--format sarif is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (code(&output), log)
}

fn uris(log: &serde_json::Value) -> Vec<String> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let artifact = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
            artifact["uri"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn sarif_format_writes_a_log_with_the_usual_exit_codes() {
    let (exit, log) = sarif_in(".", &[ERRORS]);
    assert_eq!(exit, 1);
    assert_eq!(log["version"], "2.1.0");
    let levels: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["warning", "error", "error"]);
    assert_eq!(sarif_in(".", &[CLEAN]).0, 0);
    let (exit, log) = sarif_in(".", &[MISSING]);
    assert_eq!(exit, 2);
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "read-error");
}

#[test]
fn sarif_uris_are_relative_to_the_repository_wherever_hjemmel_runs() {
    let (_, from_root) = sarif_in(".", &[ERRORS]);
    let (_, from_below) = sarif_in("tests/fixtures/cli", &["errors.hjemmel"]);
    let root_uri = &from_root["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    if std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".git")
        .exists()
    {
        // In a work tree the root is found from below, and the URIs do not depend on where hjemmel ran.
        assert!(uris(&from_root).iter().all(|u| u == ERRORS));
        assert_eq!(uris(&from_root), uris(&from_below));
        assert_eq!(
            &from_below["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            root_uri
        );
    } else {
        // Outside a work tree (an unpacked crate) the current directory is the root.
        assert!(uris(&from_below).iter().all(|u| u == "errors.hjemmel"));
    }
    assert!(root_uri.as_str().unwrap().starts_with("file:///"));
}

#[test]
fn init_writes_a_starting_spec_that_checks_and_never_over_a_spec() {
    for lang in ["en", "da"] {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("ny-spec");
        let spec_path = spec.to_str().unwrap();
        let made = hjemmel(&["--lang", lang, "init", spec_path]);
        assert_eq!(code(&made), 0, "{}", streams(&made));
        let controller = std::fs::read_to_string(spec.join("controller.hjemmel")).unwrap();
        let activities = std::fs::read_to_string(spec.join("activities.hjemmel")).unwrap();
        let comment = if lang == "da" {
            "// Den dataansvarlige:"
        } else {
            "// The controller:"
        };
        assert!(controller.contains(comment), "{controller}");
        // It is a spec hjemmel understands, with the one finding its comments announce.
        let (checked, report) = json(&[spec_path]);
        assert_eq!(checked, 0, "{report}");
        let codes: Vec<&str> = report["specs"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["ART6-NATIONAL-LAW"], "{report}");
        // A second run refuses, and leaves the files as they are.
        std::fs::write(spec.join("activities.hjemmel"), "// mine\n").unwrap();
        let again = hjemmel(&["init", spec_path]);
        assert_eq!(code(&again), 2);
        assert!(
            stderr(&again).contains("activities.hjemmel"),
            "{}",
            streams(&again)
        );
        assert_eq!(
            std::fs::read_to_string(spec.join("activities.hjemmel")).unwrap(),
            "// mine\n"
        );
        // With --force it writes the starting spec again.
        let forced = hjemmel(&["--lang", lang, "init", "--force", spec_path]);
        assert_eq!(code(&forced), 0, "{}", streams(&forced));
        assert_eq!(
            std::fs::read_to_string(spec.join("activities.hjemmel")).unwrap(),
            activities
        );
    }
}
