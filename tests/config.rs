//! A spec's settings (`hjemmel.toml`) and waivers (`allow CODE "reason"`): what they change, and that
//! reports show why. Fixtures: tests/fixtures/config/<case>/ (a spec directory each). Malformed
//! settings and waivers are under tests/fixtures/invalid/.

mod support;

use hjemmel::config::waivers::SuppressedBy;
use hjemmel::diagnostic::Severity;

fn check(case: &str) -> support::Checked {
    let path = format!("tests/fixtures/config/{case}");
    let checked = support::check_valid(&path);
    checked.assert_expectations(&path);
    checked
}

fn finding<'a>(checked: &'a support::Checked, code: &str) -> &'a hjemmel::diagnostic::Diagnostic {
    checked
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} finding"))
}

#[test]
fn settings_change_a_rules_severity_and_say_why() {
    let checked = check("severity_changed");
    let lowered = finding(&checked, "RETENTION-MISSING");
    assert_eq!(lowered.severity, Severity::Warning);
    assert!(
        lowered
            .note
            .as_deref()
            .is_some_and(|n| n.contains("lowered to a warning") && n.contains("archive office")),
        "{:?}",
        lowered.note
    );
    let raised = finding(&checked, "TRANSFER-DESTINATION-UNKNOWN");
    assert_eq!(raised.severity, Severity::Error);
    assert!(
        raised
            .note
            .as_deref()
            .is_some_and(|n| n.contains("raised to an error"))
    );
    assert!(checked.suppressed.is_empty());
    insta::assert_snapshot!(checked.render("tests/fixtures/config/severity_changed"));
}

#[test]
fn settings_turn_a_rule_off_and_the_report_lists_what_was_turned_off() {
    let checked = check("rule_off");
    assert!(checked.diagnostics.is_empty());
    let [suppressed] = &checked.suppressed[..] else {
        panic!("one finding must be suppressed: {:?}", checked.suppressed);
    };
    assert_eq!(suppressed.finding.code, "RETENTION-MISSING");
    assert_eq!(suppressed.by, SuppressedBy::Config);
    assert!(suppressed.reason.contains("ESDH"));
    let rendered = checked.render("tests/fixtures/config/rule_off");
    assert!(rendered.contains("turned off [RETENTION-MISSING]"));
    assert!(rendered.contains("(1 suppressed)"));
    insta::assert_snapshot!(rendered);
}

#[test]
fn a_waiver_turns_a_rule_off_for_its_own_declaration_only() {
    let checked = check("waivers");
    // The second activity keeps its finding (its `// expect:` comment); the first one's is waived.
    assert_eq!(checked.diagnostics.len(), 1);
    let [suppressed] = &checked.suppressed[..] else {
        panic!("one finding must be waived: {:?}", checked.suppressed);
    };
    assert_eq!(suppressed.by, SuppressedBy::Waiver);
    assert_eq!(suppressed.finding.code, "RETENTION-MISSING");
    assert!(suppressed.reason.contains("CPR register"));
    insta::assert_snapshot!(checked.render("tests/fixtures/config/waivers"));
}

#[test]
fn a_waiver_for_another_rule_suppresses_nothing() {
    // The same spec as `waivers`, read from text with the waiver naming a rule that does not fire.
    let path = std::path::Path::new("tests/fixtures/config/waivers/spec.hjemmel");
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("allow RETENTION-MISSING", "allow DPO-MISSING");
    let mut sources = hjemmel::source::SourceMap::new();
    sources.add(hjemmel::source::SourceFile::new("spec.hjemmel", text));
    let checked = hjemmel::check_sources(&sources, hjemmel::i18n::Lang::En)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(checked.suppressed.is_empty());
    assert_eq!(
        checked
            .findings
            .iter()
            .filter(|d| d.code == "RETENTION-MISSING")
            .count(),
        2
    );
}
