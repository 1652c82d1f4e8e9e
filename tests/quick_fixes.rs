//! A quick fix is a fix: every fix the editor offers (`hjemmel::ide::law::fixes`, from the
//! suggestions a diagnostic carries), applied to every fixture it is offered on, in both languages,
//! removes the finding it was offered for and causes no other. For a spec error, the spec may then
//! be understood, and the findings of a spec that was not understood before are not the fix's: what
//! is checked is that the error is gone and no other spec error appears.

use std::collections::BTreeMap;
use std::path::PathBuf;

use hjemmel::diagnostic::{Diagnostic, Origin};
use hjemmel::i18n::Lang;
use hjemmel::ide::{Analysis, Edit, law};
use hjemmel::source::{SourceFile, SourceMap};

fn analysis(text: &str, lang: Lang) -> Analysis {
    let mut sources = SourceMap::new();
    sources.add(SourceFile::new("fixture.hjemmel", text));
    Analysis::new(sources, lang)
}

/// The findings by code and the declaration they are about.
fn counts(diagnostics: &[Diagnostic]) -> BTreeMap<(String, String), usize> {
    let mut counts = BTreeMap::new();
    for d in diagnostics {
        let declaration = d.declaration.as_ref().map(|d| d.name.clone());
        *counts
            .entry((d.code.clone(), declaration.unwrap_or_default()))
            .or_default() += 1;
    }
    counts
}

fn fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["tests/fixtures/rules", "tests/fixtures/invalid"] {
        let mut stack = vec![PathBuf::from(folder)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "hjemmel") {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    files
}

/// What a DPO writes in place of a fix's placeholder.
const FILLED_IN: &str =
    "Skriv til kommunen@k.dk; vi stopper behandlingen, når vi modtager din besked";

/// The placeholder words (`TODO: ...`, inside quotes) a fix writes, if it writes any.
fn placeholder_in(edits: &[Edit]) -> Option<String> {
    edits.iter().find_map(|edit| {
        let start = edit.new_text.find("\"TODO")? + 1;
        let end = start + edit.new_text[start..].find('"')?;
        Some(edit.new_text[start..end].to_string())
    })
}

#[test]
fn every_quick_fix_removes_its_finding_and_causes_no_other() {
    let mut applied: BTreeMap<String, usize> = BTreeMap::new();
    let mut wrong = Vec::new();
    for path in fixtures() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for lang in Lang::ALL {
            let before = analysis(&text, lang);
            let before_counts = counts(before.diagnostics());
            for diagnostic in before.diagnostics() {
                for fix in law::fixes(&before, diagnostic) {
                    *applied.entry(diagnostic.code.clone()).or_default() += 1;
                    let mut fixed = Edit::apply_all(&text, &fix.edits);
                    // A fix that writes a placeholder for the DPO to fill in does not silence the
                    // finding by itself; filled in, it does.
                    if let Some(placeholder) = placeholder_in(&fix.edits) {
                        let left = analysis(&fixed, lang);
                        if !left.diagnostics().iter().any(|d| d.code == diagnostic.code) {
                            wrong.push(format!(
                                "{} ({lang:?}): \"{}\" for {}: its placeholder silences it",
                                path.display(),
                                fix.title,
                                diagnostic.code
                            ));
                        }
                        fixed = fixed.replace(&placeholder, FILLED_IN);
                    }
                    let after = analysis(&fixed, lang);
                    let key = (
                        diagnostic.code.clone(),
                        diagnostic
                            .declaration
                            .as_ref()
                            .map(|d| d.name.clone())
                            .unwrap_or_default(),
                    );
                    let understood_now = diagnostic.origin == Origin::Spec && after.checked.is_ok();
                    let after_counts = counts(after.diagnostics());
                    let gone = after_counts.get(&key).copied().unwrap_or(0)
                        < before_counts.get(&key).copied().unwrap_or(0);
                    let new: Vec<&(String, String)> = after_counts
                        .iter()
                        .filter(|(k, n)| **n > before_counts.get(*k).copied().unwrap_or(0))
                        .map(|(k, _)| k)
                        .collect();
                    if !gone || (!understood_now && !new.is_empty()) {
                        wrong.push(format!(
                            "{} ({lang:?}): \"{}\" for {}: gone {gone}, new {new:?}\n{fixed}",
                            path.display(),
                            fix.title,
                            diagnostic.code
                        ));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    // The fixes exist where the rules and the resolver say they do.
    for code in [
        "unknown-name",
        "invalid-value",
        "CONSENT-WITHDRAWAL",
        "ART9-BASIS",
        "ART10-BASIS",
    ] {
        assert!(
            applied.contains_key(code),
            "no fix applied for {code}: {applied:?}"
        );
    }
}
