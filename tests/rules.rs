//! Rule fixtures: tests/fixtures/rules/<CODE>/{fail,pass}_*.hjemmel, each with inline
//! `// expect: CODE` comments that must match the findings exactly, plus a snapshot of the rendered
//! output. Every rule has fixtures that must fire it and fixtures that must not.
//!
//! An expectation is written at the end of the line the finding points at:
//! - `// expect: CODE` one finding with that code on the line; `// expect: A, B` one of each;
//! - `// expect: CODE x2` two of them;
//! - `// expect: CODE "phrase"` (or `CODE x2 "one" "other"`): as well, a finding with that code on
//!   the line says each phrase in its message, one of its labels or its help. Use it where a rule
//!   has several messages, labels or helps, with words only the variant meant says, so that a
//!   change of which variant fires fails the fixture and not only its snapshot.
//!
//! The same comments hold in tests/fixtures/invalid/, the examples and the other spec fixtures
//! (read by tests/support/mod.rs).

mod support;

use std::path::Path;

use hjemmel::rules::registry::RULES;

#[test]
fn rule_fixtures_match_their_expectations() {
    insta::glob!("fixtures/rules/*/*.hjemmel", |path| {
        let name = support::relative(path);
        let checked = support::check_valid(&name);
        checked.assert_expectations(&name);
        let code = rule_of(path);
        let file = path.file_name().unwrap().to_str().unwrap();
        let fired = checked.diagnostics.iter().any(|d| d.code == code);
        if file.starts_with("fail") {
            assert!(fired, "{name} must fire {code}");
        } else if file.starts_with("pass") {
            assert!(!fired, "{name} must not fire {code}");
        } else {
            panic!("{name}: fixture names start with `fail` or `pass`");
        }
        insta::assert_snapshot!(checked.render(&name));
    });
}

/// A phrase that no finding on its line says fails the fixture, as a wrong count does: the
/// expectation syntax the fixtures rely on is itself checked.
#[test]
fn a_phrase_no_finding_says_fails_the_fixture() {
    let fixture = "tests/fixtures/rules/RETENTION-EXCEEDS-LIMIT/fail_longer_than_limit.hjemmel";
    let text = std::fs::read_to_string(fixture).unwrap();
    let said = "\"the limit: 5 years (Kommunens logpolitik, 2025)\"";
    assert!(text.contains(said), "{fixture} pins the limit's reason");
    let dir = tempfile::tempdir().unwrap();
    let check = |text: &str| {
        let path = dir.path().join("fixture.hjemmel");
        std::fs::write(&path, text).unwrap();
        let checked = support::check(&path);
        let name = path.display().to_string();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            checked.assert_expectations(&name)
        }))
        .is_ok()
    };
    assert!(check(&text), "the fixture as written holds");
    for wrong in [
        "\"the limit: 6 years\"",
        "\"the period alone is longer than the limit\"",
        "\"the limit: 5 years\" \"kept for 11 years\"",
    ] {
        assert!(
            !check(&text.replace(said, wrong)),
            "a finding that does not say {wrong} must fail the fixture"
        );
    }
}

#[test]
fn every_rule_has_failing_and_passing_fixtures() {
    for rule in RULES {
        let code = rule.meta().code;
        let dir = Path::new("tests/fixtures/rules").join(code);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{code} has no fixture folder {}", dir.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("fail")),
            "{code} has no `fail_*` fixture"
        );
        assert!(
            names.iter().any(|n| n.starts_with("pass")),
            "{code} has no `pass_*` fixture"
        );
    }
}

#[test]
fn no_snapshot_outlives_its_fixture() {
    let orphans = support::orphaned_snapshots(
        "rules__rule_fixtures_match_their_expectations@",
        "tests/fixtures/rules",
    );
    assert!(
        orphans.is_empty(),
        "delete these snapshots, their fixtures are gone: {orphans:#?}"
    );
}

/// The code a help text suggests: each `...` span in backticks.
fn suggested_code(help: &str) -> impl Iterator<Item = &str> {
    help.split('`').skip(1).step_by(2)
}

/// The statement a help suggests adding to the activity (or, for `retain`, putting in place of the
/// `retain` statement of the same categories), with its placeholders filled the way
/// an author would (`"..."` → a text, `YYYY-MM-DD` → a date); `None` when the help suggests no
/// whole statement, or one that changes or extends another (a disclosure, a list) rather than adds.
fn suggested_statement(help: &str) -> Option<String> {
    const ADDS: &[&str] = &[
        "retain",
        "withdrawal",
        "notice",
        "dpia",
        "logic",
        "providing",
        "interests",
        "notified",
        "justification",
        "compatibility",
        "parental_consent",
        "preserve",
        "security",
        "area",
        "erasure",
    ];
    // Only the help's first suggestion: a later one is an alternative or goes with another change.
    let code = suggested_code(help).next()?;
    let mut words = code.split_whitespace();
    let first = words.next().unwrap_or("");
    // A bare keyword (`area`) names a statement without saying what to write in it.
    if !ADDS.contains(&first) || words.next().is_none() {
        return None;
    }
    let filled = code
        .replace("\"...\"", "\"Eksempel\"")
        .replace("YYYY-MM-DD", "2024-01-01");
    (!filled.contains("...") && !filled.contains('<')).then_some(filled)
}

/// A fix is a fix (issue 10 point 8): where the help of a fixture's finding suggests adding a
/// statement to the activity (`retain ... for 30 days`, `withdrawal "..."`, `dpia "..."`), the
/// statement is added to that activity, and the spec checked again: it must still be valid, the
/// finding must be gone, and no finding may appear that was not there before. (Today's
/// counter-example was the help on a CCTV activity without retention, which suggested 90 days, a
/// period CCTV-RETENTION rejects.)
#[test]
fn a_statement_the_help_suggests_makes_the_finding_go_away() {
    use hjemmel::diagnostic::DeclarationKind;
    use hjemmel::source::{SourceFile, SourceMap};
    use std::collections::BTreeMap;

    let check = |text: &str| {
        let mut sources = SourceMap::new();
        sources.add(SourceFile::new("fixture.hjemmel", text));
        hjemmel::check_sources(&sources, hjemmel::i18n::Lang::En)
    };
    let counts = |findings: &[hjemmel::diagnostic::Diagnostic]| {
        let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
        for f in findings {
            let declaration = f.declaration.as_ref().map(|d| d.name.clone());
            *counts
                .entry((f.code.clone(), declaration.unwrap_or_default()))
                .or_default() += 1;
        }
        counts
    };
    let mut applied = 0;
    let mut wrong = Vec::new();
    for entry in glob_fixtures() {
        let text = std::fs::read_to_string(&entry).unwrap();
        let code = rule_of(&entry);
        let Ok(before) = check(&text) else { continue };
        for finding in before.findings.iter().filter(|f| f.code == code) {
            let Some(declaration) = &finding.declaration else {
                continue;
            };
            if declaration.kind != DeclarationKind::Activity {
                continue;
            }
            let Some(statement) = finding.help.as_deref().and_then(suggested_statement) else {
                continue;
            };
            let activity = before
                .model
                .activities
                .iter()
                .find(|a| a.name.node == declaration.name)
                .unwrap();
            // A `retain` of the categories some `retain` already names replaces it; anything else goes
            // just before the activity's closing brace.
            let targets = |rule: &hjemmel::semantic::model::RetentionRule| {
                if rule.all.is_some() {
                    return "all".to_string();
                }
                let names: Vec<&str> = rule
                    .targets
                    .iter()
                    .map(|t| before.model.data(t.id).name.node.as_str())
                    .collect();
                names.join(", ")
            };
            let replaced = activity
                .retention
                .iter()
                .find(|rule| statement.starts_with(&format!("retain {} ", targets(rule))));
            // A `compatibility` replaces the one the activity has (a `compatibility under` that
            // names no statute), a `withdrawal` the placeholder the activity has: an activity states
            // each once.
            let restated = ["compatibility ", "withdrawal \""]
                .into_iter()
                .find(|keyword| statement.starts_with(keyword))
                .and_then(|keyword| {
                    let body = activity.span.start as usize..activity.span.end as usize;
                    let at = body.start + text[body].find(&format!("\n  {keyword}"))? + 1;
                    let end = at + text[at..].find('\n')?;
                    Some(format!("{}  {statement}{}", &text[..at], &text[end..]))
                });
            let fixed = match (restated, replaced) {
                (Some(restated), _) => restated,
                (None, Some(rule)) => format!(
                    "{}{statement}{}",
                    &text[..rule.span.start as usize],
                    &text[rule.span.end as usize..]
                ),
                (None, None) => {
                    let close = activity.span.end as usize - 1;
                    format!("{}\n  {statement}\n{}", &text[..close], &text[close..])
                }
            };
            applied += 1;
            let after = match check(&fixed) {
                Ok(after) => after,
                Err(errors) => {
                    wrong.push(format!(
                        "{}: `{statement}` in `{}` makes the spec invalid: {:?}",
                        entry.display(),
                        declaration.name,
                        errors.iter().map(|e| &e.message).collect::<Vec<_>>()
                    ));
                    continue;
                }
            };
            if after
                .findings
                .iter()
                .any(|f| f.code == finding.code && f.message == finding.message)
            {
                wrong.push(format!(
                    "{}: `{statement}` in `{}` leaves the finding: {}",
                    entry.display(),
                    declaration.name,
                    finding.message
                ));
            }
            let (was, now) = (counts(&before.findings), counts(&after.findings));
            for (key, n) in &now {
                if n > was.get(key).unwrap_or(&0) {
                    wrong.push(format!(
                        "{}: `{statement}` in `{}` brings a new {} finding on `{}`",
                        entry.display(),
                        declaration.name,
                        key.0,
                        key.1
                    ));
                }
            }
        }
    }
    assert!(applied >= 25, "only {applied} suggestions were applied");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every rule fixture that must fire its rule.
fn glob_fixtures() -> Vec<std::path::PathBuf> {
    let mut fixtures = Vec::new();
    for rule in std::fs::read_dir("tests/fixtures/rules").unwrap() {
        for file in std::fs::read_dir(rule.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap();
            if name.starts_with("fail") && name.ends_with(".hjemmel") {
                fixtures.push(path);
            }
        }
    }
    fixtures.sort();
    fixtures
}

/// The rule a fixture is for: the name of its folder, tests/fixtures/rules/<CODE>/.
fn rule_of(fixture: &Path) -> &str {
    fixture
        .parent()
        .and_then(Path::file_name)
        .and_then(|name| name.to_str())
        .expect("a fixture stands in its rule's folder")
}
