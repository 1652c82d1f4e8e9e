//! Rule fixtures: tests/fixtures/rules/<CODE>/{fail,pass}_*.hjemmel, each with inline
//! `// expect: CODE` comments that must match the findings exactly, plus a snapshot of the rendered
//! output. Every rule has fixtures that must fire it and fixtures that must not.

mod support;

use std::path::Path;

use hjemmel::rules::registry::RULES;

#[test]
fn rule_fixtures_match_their_expectations() {
    insta::glob!("fixtures/rules/*/*.hjemmel", |path| {
        let name = support::relative(path);
        let checked = support::check_valid(&name);
        checked.assert_expectations(&name);
        let code = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
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
