//! Every spec in examples/ is run here, so the examples cannot drift from the tool: each must be
//! understood, its findings must match its `// expect: CODE` comments exactly, the clean examples
//! must have no findings at all, and each problem example must fire the rule it is about.

mod support;

use std::path::{Path, PathBuf};

/// Examples that must produce no findings.
const CLEAN: &[&str] = &["clean.hjemmel", "minimal.hjemmel"];

/// Problem examples and the rule each one is about.
const HEADLINES: &[(&str, &str)] = &[
    ("art9-without-basis.hjemmel", "ART9-BASIS"),
    (
        "transfer-through-subprocessor-chain.hjemmel",
        "TRANSFER-UNDECLARED",
    ),
    ("missing-deletion-deadline.hjemmel", "RETENTION-MISSING"),
];

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "hjemmel"))
        .collect();
    paths.sort();
    paths
}

fn file_name(path: &Path) -> &str {
    path.file_name().unwrap().to_str().unwrap()
}

#[test]
fn every_example_is_understood_and_matches_its_expectations() {
    let paths = examples();
    assert!(!paths.is_empty(), "examples/ holds no .hjemmel files");
    for path in paths {
        let name = support::relative(&path);
        let checked = support::check_valid(&name);
        checked.assert_expectations(&name);
    }
}

#[test]
fn clean_examples_have_no_findings() {
    for file in CLEAN {
        let name = format!("examples/{file}");
        let checked = support::check(Path::new(&name));
        assert!(
            checked.understood && checked.diagnostics.is_empty(),
            "{name} must have no findings:\n{}",
            checked.render(&name)
        );
    }
}

#[test]
fn problem_examples_fire_their_headline_rule() {
    for (file, code) in HEADLINES {
        let name = format!("examples/{file}");
        let checked = support::check(Path::new(&name));
        assert!(
            checked.diagnostics.iter().any(|d| d.code == *code),
            "{name} must fire {code}:\n{}",
            checked.render(&name)
        );
    }
}

#[test]
fn every_example_is_listed_in_the_readme_and_classified() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/README.md"))
            .expect("examples/README.md exists");
    for path in examples() {
        let file = file_name(&path);
        assert!(
            readme.contains(&format!("`{file}`")),
            "examples/README.md does not list `{file}`"
        );
        assert!(
            CLEAN.contains(&file) || HEADLINES.iter().any(|(f, _)| *f == file),
            "examples/{file} is neither in CLEAN nor in HEADLINES of tests/examples.rs"
        );
    }
}
