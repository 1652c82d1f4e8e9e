//! Each rule's documentation carries a non-compliant and a compliant example in the language. They
//! are run here: the first must fire the rule, the second must not, and both must be valid specs.

use hjemmel::rules::registry::RULES;
use hjemmel::source::{SourceFile, SourceMap};

/// The first ```hjemmel block after `heading` in `docs`.
fn example<'a>(docs: &'a str, heading: &str) -> &'a str {
    let after = docs
        .split_once(heading)
        .unwrap_or_else(|| panic!("no `{heading}`"))
        .1;
    let start = after.find("```hjemmel\n").expect("a ```hjemmel block") + "```hjemmel\n".len();
    let end = after[start..].find("```").expect("the block is closed");
    &after[start..start + end]
}

fn codes_found(code: &str, text: &str, which: &str) -> Vec<String> {
    let mut sources = SourceMap::new();
    sources.add(SourceFile::new(format!("{code} {which} example"), text));
    match hjemmel::check_sources(&sources, hjemmel::i18n::Lang::En) {
        Ok(checked) => checked.findings.into_iter().map(|d| d.code).collect(),
        Err(errors) => panic!("the {which} example of {code} is not a valid spec: {errors:#?}"),
    }
}

#[test]
fn non_compliant_examples_fire_their_rule() {
    for rule in RULES {
        let meta = rule.meta();
        let found = codes_found(
            meta.code,
            example(meta.docs, "## Non-compliant example"),
            "non-compliant",
        );
        assert!(
            found.iter().any(|c| c == meta.code),
            "{}: non-compliant example gave {found:?}",
            meta.code
        );
    }
}

#[test]
fn compliant_examples_are_clean() {
    // Not only silent on its own rule: a compliant example that trips another rule would teach the
    // reader a bad habit.
    for rule in RULES {
        let meta = rule.meta();
        let found = codes_found(
            meta.code,
            example(meta.docs, "## Compliant example"),
            "compliant",
        );
        assert!(
            found.is_empty(),
            "{}: compliant example gave {found:?}",
            meta.code
        );
    }
}

/// docs/rules/ is generated from the rules' documentation; it must match. Run with
/// `UPDATE_RULE_DOCS=1` to write it anew.
#[test]
fn generated_rule_pages_are_current() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(hjemmel::rules::docs::DIRECTORY);
    let files = hjemmel::rules::docs::files();
    if std::env::var_os("UPDATE_RULE_DOCS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (name, text) in &files {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &files {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    let expected: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !expected.contains(&name.as_str()) {
            stale.push(format!("{name} (no such rule)"));
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules/ is stale ({stale:?}); run `UPDATE_RULE_DOCS=1 cargo test --test rule_docs`"
    );
}
