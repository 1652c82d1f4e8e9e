//! Every output format of `hjemmel check`, on one shared spec (tests/fixtures/formats/): findings of
//! both severities, a data path with related places, a finding waived in the spec and one turned
//! off by its hjemmel.toml. One spec for all formats, so that a reader can set the snapshots side by
//! side and see that each says the same thing.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use hjemmel::report::sarif::Paths;
use hjemmel::report::{SpecReport, github, human, json, sarif};
use hjemmel::rules::registry;
use hjemmel::source::{SourceFile, SourceMap};
use serde_json::Value;

const SPEC: &str = "tests/fixtures/formats";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The spec, checked and held to its `// expect:` comments.
fn checked() -> support::Checked {
    let checked = support::check_valid(SPEC);
    checked.assert_expectations(SPEC);
    checked
}

fn report(checked: &support::Checked) -> SpecReport<'_> {
    SpecReport {
        path: SPEC,
        sources: &checked.sources,
        diagnostics: &checked.diagnostics,
        suppressed: &checked.suppressed,
        understood: checked.understood,
    }
}

fn sarif_log(report: SpecReport<'_>) -> Value {
    let text = sarif::render(&[report], &Paths::new(root(), root()));
    serde_json::from_str(&text).expect("--format sarif is JSON")
}

#[test]
fn the_fixture_has_everything_a_format_must_show() {
    let checked = checked();
    use hjemmel::config::waivers::SuppressedBy;
    use hjemmel::diagnostic::Severity;
    let d = &checked.diagnostics;
    assert!(d.iter().any(|d| d.severity == Severity::Error));
    assert!(d.iter().any(|d| d.severity == Severity::Warning));
    assert!(
        d.iter()
            .any(|d| !d.path.is_empty() && !d.secondary.is_empty())
    );
    let by: BTreeSet<_> = checked
        .suppressed
        .iter()
        .map(|s| format!("{:?}", s.by))
        .collect();
    assert_eq!(
        by,
        BTreeSet::from([
            format!("{:?}", SuppressedBy::Waiver),
            format!("{:?}", SuppressedBy::Config)
        ])
    );
}

#[test]
fn human() {
    let checked = checked();
    insta::assert_snapshot!(human::render(&[report(&checked)], human::Style::PLAIN));
}

#[test]
fn json() {
    let checked = checked();
    insta::assert_snapshot!(json::render(&[report(&checked)]));
}

#[test]
fn github() {
    let checked = checked();
    insta::assert_snapshot!(github::render(&[report(&checked)]));
}

/// The SARIF log as the snapshot keeps it: the absolute root (this checkout's directory) replaced by
/// a mark, and only the rules the results use, their help pages replaced by the name of the page
/// after checking that they are the page (every rule's page would put all of docs/rules/ into this
/// snapshot).
#[test]
fn sarif() {
    let checked = checked();
    let mut log = sarif_log(report(&checked));
    let run = &mut log["runs"][0];

    let root_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].take();
    let root_uri = root_uri.as_str().expect("the root is given");
    assert!(root_uri.starts_with("file:///") && root_uri.ends_with('/'));
    run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///<root>/".into();

    let rules = run["tool"]["driver"]["rules"].take();
    let rules = rules.as_array().unwrap();
    assert_eq!(
        rules.len(),
        registry::RULES.len(),
        "every rule, nothing else"
    );
    for (rule, registered) in rules.iter().zip(registry::RULES) {
        let meta = registered.meta();
        assert_eq!(rule["id"], meta.code);
        let page = hjemmel::rules::docs::page(meta);
        assert_eq!(rule["help"]["markdown"], page.as_str());
        assert_eq!(rule["help"]["text"], page.as_str());
    }
    let used: BTreeSet<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    let shown: Vec<Value> = rules
        .iter()
        .filter(|r| used.contains(r["id"].as_str().unwrap()))
        .map(|r| {
            let mut r = r.clone();
            let page = format!("<docs/rules/{}.md>", r["id"].as_str().unwrap());
            r["help"] = serde_json::json!({ "text": page, "markdown": page });
            r
        })
        .collect();
    run["tool"]["driver"]["rules"] = shown.into();
    insta::assert_snapshot!(serde_json::to_string_pretty(&log).unwrap());
}

#[test]
fn sarif_for_a_spec_that_cannot_be_read() {
    let path = "tests/fixtures/cli/no_such_spec.hjemmel";
    let outcome = hjemmel::check_spec(&root().join(path), hjemmel::i18n::Lang::En);
    let log = sarif_log(outcome.report(path));
    let run = &log["runs"][0];
    let [result] = run["results"].as_array().unwrap().as_slice() else {
        panic!("one result: {run}");
    };
    assert_eq!(result["ruleId"], "read-error");
    assert_eq!(result["level"], "error");
    assert!(result.get("locations").is_none(), "no place, no location");
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .contains("no_such_spec.hjemmel")
    );
    // The spec error is described after the rules, and the result points at its description.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), registry::RULES.len() + 1);
    assert_eq!(result["ruleIndex"], registry::RULES.len());
    insta::assert_snapshot!(serde_json::to_string_pretty(&rules[registry::RULES.len()]).unwrap());
}

/// Fingerprints follow a finding, not its line: lines added above it, and the spec re-indented, leave
/// every fingerprint as it was, while the lines themselves move.
#[test]
fn sarif_fingerprints_survive_edits_elsewhere_in_the_spec() {
    let fingerprints = |shift: &str, indent: &str| -> Vec<(String, u64)> {
        let mut sources = SourceMap::new();
        let spec = std::fs::read_to_string(root().join(SPEC).join("spec.hjemmel")).unwrap();
        let spec: String = spec
            .lines()
            .map(|l| {
                let spaces = l.len() - l.trim_start().len();
                format!("{}{}\n", indent.repeat(spaces), l.trim_start())
            })
            .collect();
        sources.add(SourceFile::new(
            format!("{SPEC}/spec.hjemmel"),
            format!("{shift}{spec}"),
        ));
        let toml = std::fs::read_to_string(root().join(SPEC).join("hjemmel.toml")).unwrap();
        sources.add_config(SourceFile::new(format!("{SPEC}/hjemmel.toml"), toml));
        let checked = hjemmel::check_sources(&sources, hjemmel::i18n::Lang::En)
            .unwrap_or_else(|e| panic!("the spec is understood: {e:?}"));
        let log = sarif_log(SpecReport {
            path: SPEC,
            sources: &sources,
            diagnostics: &checked.findings,
            suppressed: &checked.suppressed,
            understood: true,
        });
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["primaryLocationLineHash"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let before = fingerprints("", " ");
    let after = fingerprints("// a new comment\n\n// and another\n", "  ");
    assert_eq!(before.len(), after.len());
    for ((print_before, line_before), (print_after, line_after)) in before.iter().zip(&after) {
        assert_eq!(
            print_before, print_after,
            "the fingerprint moved with the line"
        );
        assert_eq!(line_before + 3, *line_after);
    }
    let distinct: BTreeSet<&String> = before.iter().map(|(p, _)| p).collect();
    assert_eq!(
        distinct.len(),
        before.len(),
        "each result has its own fingerprint"
    );
}

/// Every rule fixture that must fire, and the seeds: each finding names the declaration it is about,
/// and that declaration is one of the spec (by kind and name), so that JSON and SARIF readers can
/// group by it.
#[test]
fn every_finding_names_the_declaration_it_is_about() {
    let mut specs = vec![root().join("specs/lejre"), root().join("specs/randers")];
    let rules = root().join("tests/fixtures/rules");
    for dir in std::fs::read_dir(&rules).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with("fail_") && name.ends_with(".hjemmel") {
                specs.push(path);
            }
        }
    }
    let mut findings = 0;
    for spec in &specs {
        let Ok(checked) = hjemmel::check_spec(spec, hjemmel::i18n::Lang::En).result else {
            continue;
        };
        let m = &checked.model;
        let declared: BTreeSet<(String, String)> =
            std::iter::once(("controller", &m.controller.name))
                .chain(m.subjects.iter().map(|d| ("subjects", &d.name)))
                .chain(m.data.iter().map(|d| ("data", &d.name)))
                .chain(m.sources.iter().map(|d| ("source", &d.name)))
                .chain(m.processors.iter().map(|d| ("processor", &d.name)))
                .chain(m.recipients.iter().map(|d| ("recipient", &d.name)))
                .chain(
                    m.joint_controllers
                        .iter()
                        .map(|d| ("joint_controller", &d.name)),
                )
                .chain(m.activities.iter().map(|d| ("activity", &d.name)))
                .map(|(k, n)| (k.to_string(), n.node.clone()))
                .collect();
        for d in checked
            .findings
            .iter()
            .chain(checked.suppressed.iter().map(|s| &s.finding))
        {
            findings += 1;
            let about = d.declaration.as_ref().unwrap_or_else(|| {
                panic!(
                    "{}: {} `{}` names no declaration",
                    spec.display(),
                    d.code,
                    d.message
                )
            });
            assert!(
                declared.contains(&(about.kind.keyword().to_string(), about.name.clone())),
                "{}: {} is about {:?}, which the spec does not declare",
                spec.display(),
                d.code,
                about
            );
        }
    }
    assert!(findings > 100, "too few findings looked at: {findings}");
}

/// Grouping says each problem once and hides nothing: every finding is either shown or listed under
/// the one that stands for its group, and the count per rule and the summary are the same as with
/// `--no-group`, which shows each finding on its own.
#[test]
fn grouped_and_ungrouped_human_output_count_the_same() {
    let path = "specs/randers";
    let checked = support::check_valid(path);
    let report = || SpecReport {
        path,
        sources: &checked.sources,
        diagnostics: &checked.diagnostics,
        suppressed: &checked.suppressed,
        understood: checked.understood,
    };
    let style = |group| human::Style {
        group,
        ..human::Style::PLAIN
    };
    let grouped = human::render(&[report()], style(true));
    let each = human::render(&[report()], style(false));
    let headers = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
            .count()
    };
    let listed = grouped.lines().filter(|l| l.starts_with("    - ")).count();
    assert_eq!(headers(&each), checked.diagnostics.len());
    assert!(
        headers(&grouped) < headers(&each),
        "randers has identical findings"
    );
    assert_eq!(headers(&grouped) + listed, checked.diagnostics.len());
    let tail = |text: &str| text[text.find("findings by rule:").unwrap()..].to_string();
    assert_eq!(tail(&grouped), tail(&each));
}

/// `--format github --lang da`: the title and the labels in Danish, the workflow command's syntax
/// (level, properties, escapes) as in English, line for line.
#[test]
fn github_in_danish() {
    let english = checked();
    let danish = support::check_in(Path::new(SPEC), hjemmel::i18n::Lang::Da);
    let en = github::render(&[report(&english)]);
    let da = github::render_in(&[report(&danish)], hjemmel::i18n::Lang::Da);
    assert_eq!(
        en,
        github::render_in(&[report(&english)], hjemmel::i18n::Lang::En)
    );
    assert_eq!(en.lines().count(), da.lines().count());
    for (en, da) in en.lines().zip(da.lines()) {
        // The same command and file properties; the title after them is in the reader's language.
        let head = |line: &str| line.split(",title=").next().unwrap().to_string();
        assert_eq!(head(en), head(da));
        assert!(
            da.starts_with("::error ") || da.starts_with("::warning "),
            "{da}"
        );
        let (properties, message) = da[2..].split_once("::").expect("one command per line");
        assert!(properties.contains("(fund fra hjemmel)"), "{properties}");
        assert!(!properties.contains("finding"), "{properties}");
        assert!(!message.contains('\n'));
        for english_label in [
            "%0Ahelp: ",
            "%0Asee: ",
            "%0Apath: ",
            "%0Aunverified: ",
            "%0Anote: ",
        ] {
            assert!(
                !message.contains(english_label),
                "{english_label} in {message}"
            );
        }
    }
    assert!(da.contains("%0Ahjælp: "));
    assert!(da.contains("%0Ase: "));
    assert!(da.contains("%0Adataflow: "));
}

/// `--format sarif --lang da`: the run says its language, the rules' short descriptions and the
/// messages' labels are Danish; ids, levels and fingerprints are the English log's.
#[test]
fn sarif_in_danish() {
    use hjemmel::i18n::Lang;
    let english = checked();
    let danish = support::check_in(Path::new(SPEC), Lang::Da);
    let paths = Paths::new(root(), root());
    let en: Value = serde_json::from_str(&sarif::render(&[report(&english)], &paths)).unwrap();
    let da: Value =
        serde_json::from_str(&sarif::render_in(&[report(&danish)], &paths, Lang::Da)).unwrap();
    let (en, da) = (&en["runs"][0], &da["runs"][0]);
    assert_eq!(en.get("language"), None);
    assert_eq!(da["language"], "da");
    let rules = da["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in rules {
        let code = rule["id"].as_str().unwrap();
        if let Some(r) = registry::find(code) {
            assert_eq!(
                rule["shortDescription"]["text"],
                r.meta().summary.da,
                "{code}"
            );
            // The full description and the help are the rule's Danish page.
            let page = hjemmel::rules::docs::page_in(r.meta(), Lang::Da);
            assert_eq!(rule["help"]["markdown"], page.as_str(), "{code}");
            assert_eq!(rule["help"]["text"], page.as_str(), "{code}");
            let full = rule["fullDescription"]["text"].as_str().unwrap();
            assert!(!full.is_empty(), "{code}");
            assert!(page.contains(&full[..full.len().min(60)]), "{code}: {full}");
            assert!(
                !hjemmel::rules::docs::page(r.meta()).contains(&full[..full.len().min(60)]),
                "{code}: English {full}"
            );
        }
    }
    let results = |run: &Value| run["results"].as_array().unwrap().clone();
    assert_eq!(results(en).len(), results(da).len());
    for (e, d) in results(en).iter().zip(&results(da)) {
        for key in ["ruleId", "ruleIndex", "level", "partialFingerprints"] {
            assert_eq!(e[key], d[key], "{key}");
        }
        // The places are the same; their labels are in the reader's language.
        for key in ["physicalLocation", "logicalLocations"] {
            assert_eq!(e["locations"][0][key], d["locations"][0][key], "{key}");
        }
        let text = d["message"]["text"].as_str().unwrap();
        for english_label in ["\nhelp: ", "\nsee: ", "\npath: ", "\nrelated: ", "\nnote: "] {
            assert!(!text.contains(english_label), "{english_label} in {text}");
        }
    }
    let all: String = results(da)
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap().to_string())
        .collect();
    assert!(all.contains("\nhjælp: ") && all.contains("\nse: ") && all.contains("\nse også: "));
}
