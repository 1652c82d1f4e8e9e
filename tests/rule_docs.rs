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

/// docs/rules/ (and docs/rules/da/) is generated from the rules' documentation; it must match. Run
/// with `UPDATE_RULE_DOCS=1` to write it anew.
#[test]
fn generated_rule_pages_are_current() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(hjemmel::rules::docs::DIRECTORY);
    let files = hjemmel::rules::docs::files();
    if std::env::var_os("UPDATE_RULE_DOCS").is_some() {
        for sub in ["", hjemmel::rules::docs::DANISH_DIRECTORY] {
            let sub = dir.join(sub);
            std::fs::create_dir_all(&sub).unwrap();
            for entry in std::fs::read_dir(&sub).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    std::fs::remove_file(path).unwrap();
                }
            }
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
    for sub in ["", hjemmel::rules::docs::DANISH_DIRECTORY] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let entry = entry.unwrap();
            if !entry.path().is_file() {
                continue;
            }
            let file = entry.file_name().to_string_lossy().into_owned();
            let name = if sub.is_empty() {
                file
            } else {
                format!("{sub}/{file}")
            };
            if !expected.contains(&name.as_str()) {
                stale.push(format!("{name} (no such rule)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules/ is stale ({stale:?}); run `UPDATE_RULE_DOCS=1 cargo test --test rule_docs`"
    );
}

/// Each Danish page (src/rules/da/CODE.md) records the fingerprint of the English doc comment it was
/// translated from: when the English page changes, this fails until the Danish one is brought up to
/// date and its first line given the new fingerprint.
#[test]
fn danish_pages_follow_the_english() {
    let mut behind = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        let now = hjemmel::rules::docs::fingerprint(meta.docs);
        match hjemmel::rules::docs::recorded_fingerprint(meta.docs_da) {
            Some(recorded) if recorded == now => {}
            recorded => behind.push(format!(
                "{}: src/rules/da/{}.md records {recorded:?}; the English page is now {now}",
                meta.code, meta.code
            )),
        }
    }
    assert!(
        behind.is_empty(),
        "the English page changed since the Danish was translated; translate the change and put the \
         new fingerprint in the first line:\n{}",
        behind.join("\n")
    );
}

/// The ```hjemmel blocks of a page, in order.
fn hjemmel_blocks(page: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("```hjemmel\n") {
        let body = &rest[start + "```hjemmel\n".len()..];
        let end = body.find("```").expect("the block is closed");
        blocks.push(&body[..end]);
        rest = &body[end..];
    }
    blocks
}

/// The Danish page shows the same examples as the English one (the examples are run from the English
/// page), under the Danish headings of the same sections.
#[test]
fn danish_pages_have_the_sections_and_examples_of_the_english() {
    use hjemmel::i18n::Lang;
    let headings = [
        "## Hvad reglen kontrollerer",
        "## Hvorfor det er vigtigt",
        "## Retsgrundlag",
        "## Eksempel med mangel",
        "## Eksempel uden mangel",
    ];
    for rule in RULES {
        let meta = rule.meta();
        let english = hjemmel::rules::docs::page_in(meta, Lang::En);
        let danish = hjemmel::rules::docs::page_in(meta, Lang::Da);
        assert!(
            danish.starts_with(&format!("# {}: ", meta.code)),
            "{}: the Danish page starts with `# {}: ` and its Danish title",
            meta.code,
            meta.code
        );
        let mut at = 0;
        for heading in headings {
            let found = danish[at..]
                .find(heading)
                .unwrap_or_else(|| panic!("{}: no `{heading}` (in this order)", meta.code));
            at += found + heading.len();
        }
        assert_eq!(
            hjemmel_blocks(&danish),
            hjemmel_blocks(&english),
            "{}: the Danish page's examples differ from the English",
            meta.code
        );
    }
}

/// The findings of one rule on a spec text.
fn findings_of(code: &str, text: &str) -> Vec<hjemmel::diagnostic::Diagnostic> {
    let mut sources = SourceMap::new();
    sources.add(SourceFile::new(format!("{code} example"), text));
    match hjemmel::check_sources(&sources, hjemmel::i18n::Lang::En) {
        Ok(checked) => checked
            .findings
            .into_iter()
            .filter(|d| d.code == code)
            .collect(),
        Err(errors) => panic!("{code}: not a valid spec: {errors:#?}"),
    }
}

/// The code a help text suggests: each `...` span in backticks.
fn suggested_code(help: &str) -> Vec<&str> {
    help.split('`').skip(1).step_by(2).collect()
}

/// Whether `line` holds the suggested `code`. What the author fills in stands for anything: a quoted
/// text in the suggestion (`"..."`, `"Databehandleraftale 2024"`), `...`, `<...>` and `YYYY-MM-DD`.
fn holds_suggestion(line: &str, code: &str) -> bool {
    let normal = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut pattern = String::new();
    let mut quoted = false;
    for (i, part) in normal(code).split('"').enumerate() {
        if i > 0 {
            quoted = !quoted;
        }
        if quoted {
            pattern.push_str("...");
        } else {
            pattern.push_str(part);
        }
    }
    let pattern = pattern.replace("YYYY-MM-DD", "...");
    let line = normal(line);
    let mut at = 0;
    for piece in pattern
        .split("...")
        .flat_map(|p| p.split(['<', '>']).step_by(2))
        .filter(|p| !p.trim().is_empty())
    {
        match line[at..].find(piece.trim()) {
            Some(found) => at += found + piece.trim().len(),
            None => return false,
        }
    }
    true
}

/// The lines of `new` that are not in a longest common subsequence with `old`: what an edit added
/// or changed.
fn added_lines<'a>(old: &[&str], new: &[&'a str]) -> Vec<&'a str> {
    let (n, m) = (old.len(), new.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut added) = (0, 0, Vec::new());
    while j < m {
        if i < n && old[i] == new[j] {
            i += 1;
            j += 1;
        } else if i < n && lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            added.push(new[j]);
            j += 1;
        }
    }
    added
}

/// A fix is a fix: each rule page's compliant example is its non-compliant example with the change
/// the finding's help suggests, and nothing else. Every line the compliant example adds or changes
/// holds code that the help of the rule's finding on the non-compliant example suggests (in
/// backticks), and `compliant_examples_are_clean` checks that the result has no finding at all, of
/// this rule or any other. Rules whose help suggests no code are not judged here.
#[test]
fn the_help_applied_is_the_compliant_example() {
    let mut wrong = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        let before = example(meta.docs, "## Non-compliant example");
        let after = example(meta.docs, "## Compliant example");
        let helps: Vec<String> = findings_of(meta.code, before)
            .into_iter()
            .filter_map(|d| d.help)
            .collect();
        let suggestions: Vec<&str> = helps.iter().flat_map(|h| suggested_code(h)).collect();
        if suggestions.is_empty() {
            continue;
        }
        let old: Vec<&str> = before.lines().collect();
        let new: Vec<&str> = after.lines().collect();
        for line in added_lines(&old, &new) {
            if !suggestions.iter().any(|s| holds_suggestion(line, s)) {
                wrong.push(format!(
                    "{}: the compliant example's line `{}` is not what the help suggests ({:?})",
                    meta.code,
                    line.trim(),
                    helps
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
