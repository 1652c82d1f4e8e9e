//! `hjemmel diff` as a reviewer or a CI job runs it: what each kind of change shows in every format,
//! that findings are matched across versions by what they are about and not by where they are, the
//! exit codes of `--fail-on`, and `--base REV` in a git repository made by the test.
//!
//! Fixtures: tests/fixtures/diff/<case>/old.hjemmel and new.hjemmel, one change each (the comment at
//! the top of each file says what it is).

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::{hjemmel, hjemmel_in};

const CASES: &[&str] = &[
    "new_subprocessor_third_country",
    "removed_recipient",
    "basis_and_retention",
    "fix_removes_finding",
    "unrelated_edit_shifts_lines",
    "new_activity",
];

/// Runs the binary in `dir` (the package root unless given), with a fixed width.
fn code(output: &Output) -> i32 {
    output.status.code().expect("hjemmel exits with a code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn pair(case: &str) -> (String, String) {
    (
        format!("tests/fixtures/diff/{case}/old.hjemmel"),
        format!("tests/fixtures/diff/{case}/new.hjemmel"),
    )
}

/// `hjemmel diff [extra...] OLD NEW` on a fixture pair.
/// `hjemmel diff --notice [EXTRA] OLD NEW` on a case: what a reviewer sees, the notice part included.
fn diff(case: &str, extra: &[&str]) -> Output {
    let (old, new) = pair(case);
    let mut args = vec!["diff", "--notice"];
    args.extend_from_slice(extra);
    args.push(&old);
    args.push(&new);
    hjemmel(&args)
}

fn json(case: &str) -> serde_json::Value {
    let output = diff(case, &["--format", "json", "--fail-on", "never"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("--format json is not JSON ({e}):\n{}", stdout(&output));
    })
}

/// The values of `field` in each object of a JSON array.
fn strings(array: &serde_json::Value, field: &str) -> Vec<String> {
    array
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {array}"))
        .iter()
        .map(|item| item[field].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn every_case_in_every_format_is_what_a_reviewer_sees() {
    for case in CASES {
        for format in ["human", "markdown", "json"] {
            let output = diff(case, &["--format", format, "--fail-on", "never"]);
            assert_eq!(code(&output), 0, "{case} {format}: {}", stderr(&output));
            assert_eq!(stderr(&output), "", "{case} {format}");
            insta::assert_snapshot!(format!("{case}.{format}"), stdout(&output));
        }
    }
}

#[test]
fn a_new_subprocessor_abroad_is_a_new_third_country_flow_and_a_new_error() {
    let doc = json("new_subprocessor_third_country");
    let flows = &doc["changes"]["flows"];
    assert_eq!(flows["removed"], serde_json::json!([]));
    let added = flows["added"].as_array().unwrap();
    assert_eq!(
        strings(&flows["added"], "data"),
        ["allergies", "schoolwork"]
    );
    for flow in added {
        assert_eq!(flow["party"], "helpdesk");
        assert_eq!(flow["party_kind"], "subprocessor");
        assert_eq!(flow["country"], "IN");
        assert_eq!(flow["third_country"], true);
        assert_eq!(
            flow["chain"],
            serde_json::json!(["platform", "hosting", "helpdesk"])
        );
    }
    assert_eq!(added[0]["class"], "special");
    assert_eq!(
        strings(&doc["changes"]["processors"]["added"], "parent"),
        ["hosting"]
    );
    let findings = &doc["findings"];
    assert_eq!(
        strings(&findings["introduced"], "code"),
        ["TRANSFER-UNDECLARED"]
    );
    assert_eq!(findings["fixed"], serde_json::json!([]));

    let human = stdout(&diff("new_subprocessor_third_country", &[]));
    assert!(
        human.contains("+ `allergies` → sub-processor `helpdesk` (platform → hosting → helpdesk) [IN] — third country, special category (art. 9)"),
        "{human}"
    );
}

#[test]
fn a_removed_recipient_removes_its_flows() {
    let doc = json("removed_recipient");
    let flows = &doc["changes"]["flows"];
    assert_eq!(flows["added"], serde_json::json!([]));
    assert_eq!(
        strings(&flows["removed"], "data"),
        ["cpr", "employee_id", "salary"]
    );
    assert_eq!(
        strings(&flows["removed"], "party"),
        ["pension", "pension", "pension"]
    );
    assert_eq!(
        strings(&doc["changes"]["recipients"]["removed"], "name"),
        ["pension"]
    );
    // No finding before or after: payroll on art. 6(1)(c) with the statute needs no DBL § 12
    // (EMPLOYEE-BASIS), so removing the recipient neither introduces nor fixes one.
    assert_eq!(doc["findings"]["summary"]["unchanged"]["warnings"], 0);
    assert_eq!(doc["findings"]["introduced"], serde_json::json!([]));
}

#[test]
fn changed_basis_retention_class_and_mechanism_are_listed() {
    let doc = json("basis_and_retention");
    let changes = &doc["changes"];
    assert_eq!(
        changes["bases"],
        serde_json::json!([{
            "activity": "enquiries",
            "added": ["GDPR art. 6(1)(c)", "Offentlighedsloven § 15, stk. 1"],
            "removed": ["GDPR art. 6(1)(e)"],
        }])
    );
    assert_eq!(
        changes["retention"],
        serde_json::json!([
            {
                "activity": "enquiries",
                "data": "attachments",
                "old": { "kind": "deadline", "amount": 90, "unit": "days", "after": null, "then_archive": false },
                "new": { "kind": "deadline", "amount": 1, "unit": "year", "after": null, "then_archive": false },
            },
            {
                "activity": "enquiries",
                "data": "enquiry",
                "old": { "kind": "deadline", "amount": 5, "unit": "years", "after": "sagens afslutning", "then_archive": true },
                "new": { "kind": "deadline", "amount": 10, "unit": "years", "after": "sagens afslutning", "then_archive": false },
            },
        ])
    );
    assert_eq!(
        changes["data"]["reclassified"][0]["new"]["class"],
        "confidential"
    );
    assert_eq!(
        changes["transfers"],
        serde_json::json!([{
            "party": "form_provider",
            "kind": "processor",
            "country": null,
            "mechanisms": { "added": ["scc"], "removed": ["dpf"] },
        }])
    );
    // Nothing flows anywhere new.
    assert_eq!(
        changes["flows"],
        serde_json::json!({ "added": [], "removed": [] })
    );
}

/// `notice.added`, `notice.removed` or `notice.changed` of a case's JSON document, in Danish: each
/// sentence as `section › ... | text` (a changed one `old => new`), and whether it has a place.
fn notice_sentences(case: &str, list: &str) -> Vec<(String, bool)> {
    let output = hjemmel(&[
        "--lang",
        "da",
        "diff",
        "--notice",
        "--format",
        "json",
        "--fail-on",
        "never",
        &pair(case).0,
        &pair(case).1,
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    doc["notice"][list]
        .as_array()
        .unwrap_or_else(|| panic!("{case}: notice.{list} is no array"))
        .iter()
        .map(|s| {
            let section: Vec<&str> = s["section"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h.as_str().unwrap())
                .collect();
            let text = match list {
                "changed" => format!(
                    "{} => {}",
                    s["old"].as_str().unwrap(),
                    s["new"].as_str().unwrap()
                ),
                _ => s["text"].as_str().unwrap().to_string(),
            };
            (
                format!("{} | {text}", section.join(" › ")),
                s["at"].is_object(),
            )
        })
        .collect()
}

/// Issue 13, point 6: the sentences of the notice a change alters, in their sections, the new ones
/// with the statement they come from.
#[test]
fn the_notice_shows_the_sentences_a_change_alters() {
    // Only the spec's own words are asserted (the notice's may be reworded): a deadline changed
    // is its sentence before and after, and nothing else of that activity's deadlines.
    let changed = notice_sentences("basis_and_retention", "changed");
    let deadlines: Vec<&(String, bool)> = changed
        .iter()
        .filter(|(s, _)| s.contains("Vedhæftede dokumenter"))
        .collect();
    assert_eq!(deadlines.len(), 1, "{changed:#?}");
    let (sentence, at) = deadlines[0];
    let (old, new) = sentence.split_once(" => ").unwrap();
    assert!(
        old.starts_with("Til borgere › Borgerhenvendelser via kontaktformularen | ")
            && old.contains("90 dage")
            && new.contains("1 år")
            && *at,
        "{sentence}"
    );

    // A recipient removed: its sentence removed; the purpose that named it changed.
    let removed = notice_sentences("removed_recipient", "removed");
    assert_eq!(removed.len(), 1, "{removed:#?}");
    assert!(
        removed[0]
            .0
            .starts_with("Til medarbejdere › Lønadministration | ")
            && removed[0].0.contains("Pensionskassen"),
        "{removed:#?}"
    );
    assert!(
        !removed[0].1,
        "a removed sentence has no place in the new spec"
    );
    let changed = notice_sentences("removed_recipient", "changed");
    assert_eq!(changed.len(), 1, "{changed:#?}");
    let (old, new) = changed[0].0.split_once(" => ").unwrap();
    assert!(
        old.starts_with("Til medarbejdere › Lønadministration | ")
            && old.ends_with("indberette til skat og pension")
            && new.ends_with("indberette til skat")
            && changed[0].1,
        "{changed:#?}"
    );
    assert!(notice_sentences("removed_recipient", "added").is_empty());

    // A new activity: its sentences added under its heading, each from a statement.
    let added = notice_sentences("new_activity", "added");
    let new_activity: Vec<&String> = added
        .iter()
        .filter(|(s, _)| s.starts_with("Til medarbejdere › Opfølgning på sygefravær | "))
        .map(|(s, at)| {
            assert!(at, "{s}: from a statement");
            s
        })
        .collect();
    for sentence in [
        "Følge op på sygefravær efter sygedagpengeloven",
        "Fraværsdage og samtaler om fravær",
        "5 år efter ansættelsens ophør.",
    ] {
        assert!(
            new_activity.iter().any(|s| s.ends_with(sentence)),
            "{sentence}: not added in {new_activity:#?}"
        );
    }
    assert!(notice_sentences("new_activity", "changed").is_empty());

    // A purpose reworded, and nothing else a reader sees: that sentence changed, no other.
    let changed = notice_sentences("unrelated_edit_shifts_lines", "changed");
    assert_eq!(changed.len(), 1, "{changed:#?}");
    let (old, new) = changed[0].0.split_once(" => ").unwrap();
    assert!(
        old.starts_with("Til borgere › Booking af kommunale lokaler | ")
            && old.ends_with("Udleje kommunale lokaler og opkræve betaling")
            && new.ends_with(
                "Udleje kommunens lokaler til borgere og foreninger og opkræve betaling for lejen"
            ),
        "{changed:#?}"
    );
    for list in ["added", "removed"] {
        assert!(notice_sentences("unrelated_edit_shifts_lines", list).is_empty());
    }
}

#[test]
fn a_fix_is_a_fixed_finding_located_in_the_old_version() {
    let doc = json("fix_removes_finding");
    let findings = &doc["findings"];
    assert_eq!(findings["introduced"], serde_json::json!([]));
    let fixed = &findings["fixed"][0];
    assert_eq!(fixed["code"], "RETENTION-MISSING");
    assert_eq!(
        fixed["location"]["file"],
        "tests/fixtures/diff/fix_removes_finding/old.hjemmel"
    );
    assert_eq!(
        fixed["message"],
        "`payment` is kept with no deletion deadline in activity `room_booking`"
    );
    assert_eq!(
        findings["summary"]["unchanged"],
        serde_json::json!({ "errors": 1, "warnings": 0 })
    );
}

#[test]
fn an_edit_that_moves_findings_to_other_lines_introduces_and_fixes_none() {
    let (old, new) = pair("unrelated_edit_shifts_lines");
    // The findings really are on other lines in the new version, or this test would prove nothing.
    let lines = |path: &str| {
        let output = hjemmel(&["check", "--format", "json", path]);
        let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let mut found: Vec<(String, u64)> = doc["specs"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["location"]["line"].as_u64().unwrap(),
                )
            })
            .collect();
        found.sort();
        found
    };
    let (before, after) = (lines(&old), lines(&new));
    assert_eq!(before.len(), 2);
    assert_eq!(
        before.iter().map(|(c, _)| c).collect::<Vec<_>>(),
        after.iter().map(|(c, _)| c).collect::<Vec<_>>()
    );
    for ((code, was), (_, is)) in before.iter().zip(&after) {
        assert_ne!(was, is, "{code} did not move");
    }

    let doc = json("unrelated_edit_shifts_lines");
    assert_eq!(doc["findings"]["introduced"], serde_json::json!([]));
    assert_eq!(doc["findings"]["fixed"], serde_json::json!([]));
    assert_eq!(
        doc["findings"]["summary"]["unchanged"],
        serde_json::json!({ "errors": 2, "warnings": 0 })
    );
    // The reworded purpose is the one thing a reader of the notice sees change.
    let human = stdout(&diff("unrelated_edit_shifts_lines", &[]));
    let after_findings = &human[human.find("Findings:").unwrap()..];
    let headings: Vec<&str> = after_findings
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .collect();
    assert_eq!(
        headings,
        [
            "Findings: introduced: 0, fixed: 0, unchanged: 2 (2 errors, 0 warnings)",
            "The privacy notice"
        ],
        "{human}"
    );
}

#[test]
fn fail_on_new_fails_only_on_an_introduced_error() {
    // A new error finding.
    assert_eq!(code(&diff("new_subprocessor_third_country", &[])), 1);
    assert_eq!(
        code(&diff(
            "new_subprocessor_third_country",
            &["--fail-on", "new"]
        )),
        1
    );
    // Only old debt remains: errors in NEW, none of them new.
    for case in ["fix_removes_finding", "unrelated_edit_shifts_lines"] {
        assert_eq!(code(&diff(case, &["--fail-on", "new"])), 0, "{case}");
        assert_eq!(code(&diff(case, &[])), 0, "{case}: `new` is the default");
        assert_eq!(code(&diff(case, &["--fail-on", "any"])), 1, "{case}");
        assert_eq!(code(&diff(case, &["--fail-on", "never"])), 0, "{case}");
    }
    // Warnings alone never fail.
    assert_eq!(code(&diff("removed_recipient", &["--fail-on", "any"])), 0);
    assert_eq!(
        code(&diff(
            "new_subprocessor_third_country",
            &["--fail-on", "never"]
        )),
        0
    );
}

#[test]
fn danish_headings_and_citations() {
    let output = diff("basis_and_retention", &["--lang", "da"]);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn a_spec_that_cannot_be_read_exits_2_with_its_errors() {
    let (old, _) = pair("fix_removes_finding");
    let output = hjemmel(&["diff", &old, "tests/fixtures/diff/no_such_spec.hjemmel"]);
    assert_eq!(code(&output), 2);
    let out = stdout(&output);
    assert!(out.contains("error[read-error]"), "{out}");
    assert!(
        out.contains("tests/fixtures/diff/no_such_spec.hjemmel could not be read"),
        "{out}"
    );

    let output = hjemmel(&[
        "diff",
        "--format",
        "json",
        "tests/fixtures/invalid/duplicate_name_same_file.hjemmel",
        &old,
    ]);
    assert_eq!(code(&output), 2);
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["old"]["status"], "invalid");
    assert_eq!(strings(&doc["old"]["errors"], "code"), ["duplicate-name"]);
    assert_eq!(doc["new"]["status"], "checked");
    assert_eq!(doc["changes"], serde_json::Value::Null);
    assert_eq!(doc["findings"], serde_json::Value::Null);
}

#[test]
fn one_path_needs_base_and_two_paths_refuse_it() {
    let (old, new) = pair("fix_removes_finding");
    let alone = hjemmel(&["diff", &new]);
    assert_eq!(code(&alone), 2);
    assert!(stderr(&alone).contains("--base REV"), "{}", stderr(&alone));
    let both = hjemmel(&["diff", "--base", "HEAD", &old, &new]);
    assert_eq!(code(&both), 2);
}

/// A git repository in a temporary directory, for `--base`.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("a temporary directory"),
        };
        repo.git(&["init", "--quiet"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) {
        let output = Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Copies a fixture into the repository at `to`.
    fn put(&self, fixture: &str, to: &str) {
        let target = self.path().join(to);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
        std::fs::copy(&from, &target).unwrap_or_else(|e| panic!("copy {fixture}: {e}"));
    }

    fn commit(&self) {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--message", "spec"]);
    }

    fn hjemmel(&self, args: &[&str]) -> Output {
        hjemmel_in(self.path(), args)
    }
}

#[test]
fn base_compares_with_the_spec_as_committed() {
    let repo = Repo::new();
    let (old, new) = pair("fix_removes_finding");
    repo.put(&old, "specs/booking/booking.hjemmel");
    repo.commit();
    repo.put(&new, "specs/booking/booking.hjemmel");

    for spec in [
        "specs/booking",
        "specs/booking/",
        "specs/booking/booking.hjemmel",
    ] {
        let output = repo.hjemmel(&["diff", "--base", "HEAD", spec]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let out = stdout(&output);
        assert!(
            out.contains(&format!("Comparing `{spec}` at `HEAD` with `{spec}`")),
            "{out}"
        );
        // The fixed finding points at the file as it was at the revision, not at a temporary copy.
        assert!(
            out.contains("HEAD:specs/booking/booking.hjemmel:19:21"),
            "{out}"
        );
        assert!(out.contains("fixed: 1 (1 error, 0 warnings)"), "{out}");
    }
    let output = repo.hjemmel(&["diff", "--base", "HEAD", "specs/booking"]);
    insta::assert_snapshot!(stdout(&output));

    // The working tree as committed: nothing changed.
    repo.commit();
    let output = repo.hjemmel(&["diff", "--base", "HEAD", "specs/booking"]);
    assert_eq!(code(&output), 0);
    assert!(
        stdout(&output).contains("No change to data flows, activities, legal bases, deletion deadlines, data categories, processors, recipients, transfers or findings."),
        "{}",
        stdout(&output)
    );
    // The revision before it still shows the fix.
    let output = repo.hjemmel(&["diff", "--base", "HEAD~1", "specs/booking"]);
    assert!(stdout(&output).contains("fixed: 1"), "{}", stdout(&output));
}

#[test]
fn base_with_a_new_error_fails_and_the_settings_file_comes_along() {
    let repo = Repo::new();
    let (old, new) = pair("new_subprocessor_third_country");
    repo.put(&old, "specs/school.hjemmel");
    repo.commit();
    repo.put(&new, "specs/school.hjemmel");
    let output = repo.hjemmel(&["diff", "--base", "HEAD", "specs/school.hjemmel"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(stdout(&output).contains("+ error[TRANSFER-UNDECLARED]"));

    // Turned off in the settings file at the revision, on again now: the error is new. (Had the
    // settings file not been copied out of git with the spec, it would count as old.)
    let settings =
        "[rules.TRANSFER-UNDECLARED]\nseverity = \"off\"\nreason = \"to be fixed by 2027\"\n";
    std::fs::write(repo.path().join("specs/hjemmel.toml"), settings).unwrap();
    repo.commit();
    std::fs::remove_file(repo.path().join("specs/hjemmel.toml")).unwrap();
    let output = repo.hjemmel(&["diff", "--base", "HEAD", "specs/school.hjemmel"]);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert!(stdout(&output).contains("introduced: 1 (1 error, 0 warnings)"));

    // Off now and not before: turned off, which is neither fixed nor new, with the reason.
    repo.commit();
    std::fs::write(repo.path().join("specs/hjemmel.toml"), settings).unwrap();
    let output = repo.hjemmel(&["diff", "--base", "HEAD", "specs/school.hjemmel"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let out = stdout(&output);
    assert!(
        out.contains("introduced: 0, fixed: 0, turned off: 1 (1 error, 0 warnings), unchanged: 0"),
        "{out}"
    );
    assert!(out.contains("  ~ error[TRANSFER-UNDECLARED]"), "{out}");
    assert!(
        out.contains("      turned off: to be fixed by 2027"),
        "{out}"
    );
}

#[test]
fn base_with_a_spec_new_since_the_revision_says_everything_is_new() {
    let repo = Repo::new();
    repo.put(
        "tests/fixtures/diff/removed_recipient/old.hjemmel",
        "README.hjemmel",
    );
    repo.commit();
    repo.put(
        "tests/fixtures/diff/fix_removes_finding/new.hjemmel",
        "specs/booking.hjemmel",
    );
    let output = repo.hjemmel(&["diff", "--base", "HEAD", "specs/booking.hjemmel"]);
    // The spec's one error is new, since the whole spec is.
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("`specs/booking.hjemmel` did not exist at `HEAD`: everything in it is new"),
        "{out}"
    );
    assert!(out.contains("+ `room_booking`"), "{out}");

    let output = repo.hjemmel(&[
        "diff",
        "--base",
        "HEAD",
        "--format",
        "json",
        "specs/booking.hjemmel",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["old"]["status"], "absent");
    assert_eq!(doc["old"]["revision"], "HEAD");
    assert_eq!(
        strings(&doc["changes"]["activities"]["added"], "name"),
        ["hall_keys", "room_booking"]
    );
}

#[test]
fn base_errors_exit_2_with_a_clear_message() {
    let repo = Repo::new();
    repo.put(
        "tests/fixtures/diff/fix_removes_finding/old.hjemmel",
        "spec.hjemmel",
    );
    repo.commit();

    let output = repo.hjemmel(&["diff", "--base", "no-such-branch", "spec.hjemmel"]);
    assert_eq!(code(&output), 2);
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("`no-such-branch` is not a revision of the repository"),
        "{}",
        stderr(&output)
    );

    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo.path().join("spec.hjemmel"),
        outside.path().join("spec.hjemmel"),
    )
    .unwrap();
    let output = hjemmel_in(outside.path(), &["diff", "--base", "HEAD", "spec.hjemmel"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("`spec.hjemmel` is not in a git repository"),
        "{}",
        stderr(&output)
    );

    // An old version that cannot be understood: its spec errors, in the file as it was.
    std::fs::write(repo.path().join("spec.hjemmel"), "controller x {").unwrap();
    repo.commit();
    repo.put(
        "tests/fixtures/diff/fix_removes_finding/old.hjemmel",
        "spec.hjemmel",
    );
    let output = repo.hjemmel(&["diff", "--base", "HEAD", "spec.hjemmel"]);
    assert_eq!(code(&output), 2);
    let out = stdout(&output);
    assert!(out.contains("╭─[HEAD:spec.hjemmel:1:"), "{out}");
    assert!(
        out.contains("HEAD:spec.hjemmel could not be checked"),
        "{out}"
    );

    // A NEW that does not exist: its read error, as `hjemmel check` gives it.
    let output = repo.hjemmel(&["diff", "--base", "HEAD", "gone.hjemmel"]);
    assert_eq!(code(&output), 2);
    assert!(
        stdout(&output).contains("cannot read `gone.hjemmel`"),
        "{}",
        stdout(&output)
    );
}

/// A repository git refuses for a reason of its own: git's message is shown, not "not in a git
/// repository", which would send the user looking for a repository that is there.
#[test]
fn base_shows_gits_own_message_when_git_refuses_the_repository() {
    let repo = Repo::new();
    repo.put(
        "tests/fixtures/diff/fix_removes_finding/old.hjemmel",
        "spec.hjemmel",
    );
    repo.commit();
    repo.git(&["config", "core.repositoryformatversion", "99"]);
    let output = repo.hjemmel(&["diff", "--base", "HEAD", "spec.hjemmel"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("git failed: fatal: Expected git repo version <= 1, found 99"),
        "{err}"
    );
    assert!(!err.contains("not in a git repository"), "{err}");
    // git will not touch the repository's settings now either: the file itself.
    repo.git(&[
        "config",
        "--file",
        ".git/config",
        "core.repositoryformatversion",
        "0",
    ]);

    // Owned by another user: git's "dubious ownership", with its advice. Only root can give the
    // files away.
    #[cfg(unix)]
    if unsafe { libc::geteuid() } == 0 {
        let chown = |owner: &str| {
            let status = Command::new("chown")
                .args(["-R", owner])
                .arg(repo.path())
                .status();
            assert!(status.unwrap().success());
        };
        chown("12345");
        let output = repo.hjemmel(&["diff", "--base", "HEAD", "spec.hjemmel"]);
        chown("0");
        assert_eq!(code(&output), 2);
        let err = stderr(&output);
        assert!(err.contains("detected dubious ownership"), "{err}");
        assert!(err.contains("safe.directory"), "{err}");
    }
}

/// `GIT_DIR` (or `GIT_WORK_TREE`) left set in the environment, as in a git hook, does not send
/// `--base` to another repository: the earlier version is the one in the spec's own repository.
#[test]
fn base_ignores_a_repository_named_in_the_environment() {
    let repo = Repo::new();
    let (old, new) = pair("fix_removes_finding");
    repo.put(&old, "spec.hjemmel");
    repo.commit();
    repo.put(&new, "spec.hjemmel");
    // Another repository, in which the spec never existed.
    let other = Repo::new();
    other.put(&new, "unrelated.hjemmel");
    other.commit();

    let mut command = support::hjemmel_command(&["diff", "--base", "HEAD", "spec.hjemmel"]);
    command
        .current_dir(repo.path())
        .env("GIT_DIR", other.path().join(".git"))
        .env("GIT_WORK_TREE", other.path());
    let output = support::run(command);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("fixed: 1 (1 error, 0 warnings)"), "{out}");
    assert!(!out.contains("did not exist"), "{out}");

    // The commit `hjemmel report` names is the spec's too.
    let head = |repo: &Repo| {
        let output = Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(repo.path())
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    };
    let html = repo.path().join("report.html");
    let mut command =
        support::hjemmel_command(&["report", "spec.hjemmel", "-o", html.to_str().unwrap()]);
    command
        .current_dir(repo.path())
        .env("GIT_DIR", other.path().join(".git"))
        .env("GIT_WORK_TREE", other.path());
    let output = support::run(command);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let html = std::fs::read_to_string(html).unwrap();
    assert!(
        html.contains(&format!("git commit {}", head(&repo))),
        "{html}"
    );
    assert!(!html.contains(&head(&other)), "{html}");
}

/// `diff --format json` writes its flows by hand and its other parts through serde, each indented to
/// its place: byte for byte the document serde_json writes whole (`json::render`), for every case,
/// the two municipalities' specs both ways, sub-processor chains and international organisations,
/// an old version that did not exist, and both languages.
#[test]
fn the_streamed_json_document_is_the_one_serde_writes() {
    use hjemmel::diff::{self, Compared, Side};
    use hjemmel::i18n::Lang;

    let mut pairs: Vec<(String, String)> = CASES.iter().map(|case| pair(case)).collect();
    for (old, new) in [
        ("specs/lejre", "specs/randers"),
        ("specs/randers", "specs/lejre"),
        (
            "examples/clean.hjemmel",
            "examples/transfer-through-subprocessor-chain.hjemmel",
        ),
        (
            "examples/transfer-through-subprocessor-chain.hjemmel",
            "examples/clean.hjemmel",
        ),
        (
            "examples/minimal.hjemmel",
            "tests/fixtures/ropa/organisation.hjemmel",
        ),
        (
            "tests/fixtures/graph/flows.hjemmel",
            "examples/transfer-through-subprocessor-chain.hjemmel",
        ),
    ] {
        pairs.push((old.to_string(), new.to_string()));
    }
    fn side(o: &hjemmel::Outcome) -> Option<Side<'_>> {
        Some(Side {
            sources: &o.sources,
            checked: o.result.as_ref().ok()?,
        })
    }
    for (old_path, new_path) in &pairs {
        for lang in [Lang::En, Lang::Da] {
            let old = hjemmel::check_spec(Path::new(old_path), lang);
            let new = hjemmel::check_spec(Path::new(new_path), lang);
            let compared = Compared {
                old_path,
                revision: None,
                new_path,
            };
            let new_side = side(&new).unwrap_or_else(|| panic!("{new_path} is understood"));
            for old in [Some(&old), None] {
                let result =
                    diff::compare(compared, old.and_then(side), new_side).with_notice(lang);
                let mut streamed = Vec::new();
                diff::json::write_to(&result, lang, &mut streamed).unwrap();
                let whole = diff::json::render(&result, lang);
                assert_eq!(
                    String::from_utf8(streamed).unwrap(),
                    whole,
                    "{old_path} → {new_path} ({lang:?}, old version given: {})",
                    old.is_some()
                );
            }
        }
    }
}

/// A spec whose text did not change is checked once: the old version shares the new one's check,
/// and the diff is, in every format and language, the one of two versions checked each on its
/// own. A copy that differs in one byte is checked on its own.
#[test]
fn an_unchanged_spec_shares_its_check_and_diffs_as_if_checked_twice() {
    use hjemmel::diff::{self, Compared, OldVersion, Side};
    use hjemmel::i18n::Lang;

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("lejre");
    std::fs::create_dir(&copy).unwrap();
    for entry in std::fs::read_dir("specs/lejre").unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
    }
    let old_path = copy.display().to_string();
    let compared = Compared {
        old_path: &old_path,
        revision: None,
        new_path: "specs/lejre",
    };
    for lang in [Lang::En, Lang::Da] {
        let new = hjemmel::check_spec(Path::new("specs/lejre"), lang);
        let new_side = Side {
            sources: &new.sources,
            checked: new.result.as_ref().expect("specs/lejre is understood"),
        };
        assert!(
            !new_side.checked.findings.is_empty(),
            "a spec with findings"
        );
        let shared = OldVersion::of(hjemmel::source::load(&copy, lang), &new, lang);
        assert!(matches!(shared, OldVersion::SameAsNew(_)));
        let alone = hjemmel::check_spec(&copy, lang);
        let alone_side = Side {
            sources: &alone.sources,
            checked: alone.result.as_ref().unwrap(),
        };
        let with_shared = diff::compare(compared, shared.side(&new), new_side).with_notice(lang);
        let checked_twice = diff::compare(compared, Some(alone_side), new_side).with_notice(lang);
        assert!(
            checked_twice.notice.is_empty(),
            "the same spec has the same notice"
        );
        assert_eq!(
            with_shared.findings.counts(),
            checked_twice.findings.counts()
        );
        assert_eq!(
            diff::human::render(&with_shared, lang),
            diff::human::render(&checked_twice, lang)
        );
        assert_eq!(
            diff::markdown::render(&with_shared, lang),
            diff::markdown::render(&checked_twice, lang)
        );
        assert_eq!(
            diff::json::render(&with_shared, lang),
            diff::json::render(&checked_twice, lang)
        );
    }

    // One byte more in one file: a different text, checked on its own.
    let file = copy.join("video.hjemmel");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push('\n');
    std::fs::write(&file, text).unwrap();
    let new = hjemmel::check_spec(Path::new("specs/lejre"), Lang::En);
    let old = OldVersion::of(hjemmel::source::load(&copy, Lang::En), &new, Lang::En);
    assert!(matches!(old, OldVersion::Checked(_)));
}
