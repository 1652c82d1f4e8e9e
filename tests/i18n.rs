//! English and Danish (`--lang da`): every text has both languages with the same placeholders, the
//! Danish is not a forgotten copy of the English, a Danish finding has every placeholder filled, the
//! language changes the words and nothing else, and snapshots show what a Danish reader sees.

mod support;

use std::path::Path;
use std::process::Command;

use hjemmel::diagnostic::Diagnostic;
use hjemmel::i18n::{Lang, Text, all_texts, rule_texts};

/// Texts that are rightly the same in both languages (names, codes, notation), by their English.
/// Keep this list short: a text here is not checked for a forgotten translation.
const SAME_IN_BOTH: &[&str] = &[
    // Tags of the flow graph's data categories: a citation and an abbreviation, alike in Danish.
    "art. 9",
    "art. 10",
    "CPR",
    // GDPR art. 4(26): the Danish text's term is spelled as the English (`hjemmel diff`'s mark).
    "international organisation",
    // The notice's version line: "version" is the Danish word too ("Denne version 2.1", Randers).
    "Version {version}",
];

/// The placeholder names of a template, sorted.
fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Text::placeholders(template);
    names.sort_unstable();
    names
}

/// A template's words without its placeholders: `` `{name}` is kept `` → `` `` is kept ``.
fn words(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        if rest[open..].starts_with("{{") {
            rest = &rest[open + 2..];
            continue;
        }
        match rest[open..].find('}') {
            Some(close) => rest = &rest[open + close + 1..],
            None => break,
        }
    }
    out.push_str(rest);
    out
}

fn is_placeholder_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[test]
fn every_text_has_both_languages_and_the_danish_is_not_a_copy() {
    let mut problems = Vec::new();
    let modules: Vec<_> = rule_texts().into_iter().chain(all_texts()).collect();
    assert!(
        modules.len() > 35,
        "the rules' texts and the modules' are all listed"
    );
    for (module, texts) in modules {
        for (name, text) in texts {
            let at = format!("{module}::{name}");
            if text.en.trim().is_empty() || text.da.trim().is_empty() {
                problems.push(format!("{at}: a language is empty"));
            }
            if placeholders(text.en) != placeholders(text.da) {
                problems.push(format!(
                    "{at}: placeholders differ: {:?} / {:?}",
                    placeholders(text.en),
                    placeholders(text.da)
                ));
            }
            for placeholder in placeholders(text.en)
                .into_iter()
                .chain(placeholders(text.da))
            {
                if !is_placeholder_name(placeholder) {
                    problems.push(format!(
                        "{at}: `{{{placeholder}}}` is not a placeholder: write a literal brace as `{{{{` or `}}}}`"
                    ));
                }
            }
            let has_words = words(text.en).chars().any(char::is_alphabetic);
            if has_words && text.en == text.da && !SAME_IN_BOTH.contains(&text.en) {
                problems.push(format!("{at}: the Danish is the English: {:?}", text.en));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_has_a_summary_and_words_for_its_findings() {
    for rule in hjemmel::rules::registry::RULES {
        let meta = rule.meta();
        assert!(
            meta.texts.iter().any(|(name, _)| *name == "SUMMARY"),
            "{}: the summary is among its texts",
            meta.code
        );
        assert!(
            meta.texts.len() > 1,
            "{}: its findings are worded with texts of its own",
            meta.code
        );
    }
}

/// Every text a reader sees of a finding.
fn shown(d: &Diagnostic) -> Vec<&str> {
    let mut all = vec![d.message.as_str()];
    all.extend(d.primary.iter().map(|l| l.message.as_str()));
    all.extend(d.secondary.iter().map(|l| l.message.as_str()));
    all.extend(d.help.as_deref());
    all.extend(d.note.as_deref());
    all.extend(d.path.iter().map(String::as_str));
    all.extend(d.provisions.iter().map(String::as_str));
    all
}

/// A `{name}` left in a finding: a placeholder without a value.
fn unfilled(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}')
            && is_placeholder_name(&after[..close])
        {
            return Some(&after[..close]);
        }
        rest = after;
    }
    None
}

/// Findings in a stable order that does not depend on their words: place, then code.
fn by_place(mut findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    findings.sort_by_key(|d| {
        let (file, start) = d
            .primary
            .as_ref()
            .map_or((0, 0), |l| (l.span.file.0, l.span.start));
        (file, start, d.code.clone())
    });
    findings
}

/// The diagnostics of one spec in English and in Danish, paired by place, once each Danish one is
/// checked to have every placeholder filled and a message of its own.
fn danish_beside_english(
    name: &str,
    english: Vec<Diagnostic>,
    danish: Vec<Diagnostic>,
) -> Vec<(Diagnostic, Diagnostic)> {
    let pairs: Vec<_> = by_place(english)
        .into_iter()
        .zip(by_place(danish))
        .collect();
    for (en, da) in &pairs {
        for text in shown(da) {
            assert_eq!(unfilled(text), None, "{name}: [{}] {text:?}", da.code);
        }
        assert_ne!(
            en.message, da.message,
            "{name}: [{}] message in English",
            da.code
        );
    }
    pairs
}

#[test]
fn every_fixture_in_danish_finds_the_same_with_every_placeholder_filled_and_danish_words() {
    insta::glob!("fixtures/rules/*/*.hjemmel", |path| {
        let name = support::relative(path);
        let english = support::check_in(path, Lang::En);
        let danish = support::check_in(path, Lang::Da);
        assert!(danish.understood, "{name} is a valid spec in Danish too");
        assert_eq!(
            english.actual(),
            danish.actual(),
            "{name}: the language changes the words, not the findings"
        );
        for (en, da) in danish_beside_english(&name, english.diagnostics, danish.diagnostics) {
            assert_ne!(en.help, da.help, "{name}: [{}] help in English", da.code);
            let label = |d: &Diagnostic| d.primary.as_ref().map(|l| l.message.clone());
            assert_ne!(
                label(&en),
                label(&da),
                "{name}: [{}] label in English",
                da.code
            );
            for (e, d) in en.secondary.iter().zip(&da.secondary) {
                assert_ne!(
                    e.message, d.message,
                    "{name}: [{}] secondary label in English",
                    da.code
                );
            }
        }
    });
}

#[test]
fn danish_rule_fixtures_as_a_danish_reader_sees_them() {
    for (snapshot, code, file) in [
        ("art9_basis", "ART9-BASIS", "fail_health_without_condition"),
        (
            "art6_not_a_basis",
            "ART6-NOT-A-BASIS",
            "fail_security_article_beside_a_basis",
        ),
        ("child_consent", "CHILD-CONSENT", "fail_ages_not_stated"),
        (
            "transfer_undeclared",
            "TRANSFER-UNDECLARED",
            "fail_chain_to_india_through_germany",
        ),
    ] {
        let name = format!("tests/fixtures/rules/{code}/{file}.hjemmel");
        let checked = support::check_valid(&name);
        assert!(
            checked.diagnostics.iter().any(|d| d.code == code),
            "{name} fires {code}"
        );
        let danish = support::check_in(Path::new(&name), Lang::Da);
        insta::assert_snapshot!(snapshot, danish.render_in(&name, Lang::Da));
    }
}

#[test]
fn hjemmel_lang_da_check_lejre() {
    let output = Command::new(env!("CARGO_BIN_EXE_hjemmel"))
        .args(["--lang", "da", "check", "specs/lejre"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .output()
        .expect("the hjemmel binary runs");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    assert!(
        stdout.ends_with("kontrolleret specs/lejre: 13 mangler, 52 til vurdering\n"),
        "{stdout}"
    );
    insta::assert_snapshot!(stdout);
}

#[test]
fn hjemmel_rules_lang_da_lists_the_summaries_in_danish() {
    let output = Command::new(env!("CARGO_BIN_EXE_hjemmel"))
        .args(["rules", "--lang", "da"])
        .output()
        .expect("the hjemmel binary runs");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    for rule in hjemmel::rules::registry::RULES {
        let meta = rule.meta();
        assert!(
            stdout.contains(meta.summary.da),
            "{} is listed with its Danish summary:\n{stdout}",
            meta.code
        );
    }
}

#[test]
fn every_invalid_spec_in_danish_gives_the_same_errors_in_danish_words() {
    insta::glob!("fixtures/invalid/*", |path| {
        let name = support::relative(path);
        let english = support::check_in(path, Lang::En);
        let danish = support::check_in(path, Lang::Da);
        assert!(!danish.understood, "{name} is rejected in Danish too");
        assert_eq!(
            english.actual(),
            danish.actual(),
            "{name}: the language changes the words, not the errors"
        );
        for (en, da) in danish_beside_english(&name, english.diagnostics, danish.diagnostics) {
            if en.help.is_some() {
                assert_ne!(en.help, da.help, "{name}: [{}] help in English", da.code);
            }
        }
    });
}

#[test]
fn danish_spec_errors_as_a_danish_reader_sees_them() {
    let mut shown_all = String::new();
    for name in [
        "tests/fixtures/cli/no_such_spec.hjemmel",
        "tests/fixtures/invalid/config_bad_severity",
        "tests/fixtures/invalid/waiver_unknown_rule.hjemmel",
        "tests/fixtures/invalid/several_errors_reported_together.hjemmel",
        "tests/fixtures/invalid/citation_gdpr_9_2_k.hjemmel",
        "tests/fixtures/invalid/syntax_activity_not_closed_before_next.hjemmel",
        "tests/fixtures/invalid/syntax_law_without_quotes.hjemmel",
    ] {
        let danish = support::check_in(Path::new(name), Lang::Da);
        assert!(!danish.understood, "{name} is a spec error");
        shown_all.push_str(&danish.render_in(name, Lang::Da));
    }
    insta::assert_snapshot!(shown_all);
}

/// The English words a Danish reader must not meet: every keyword of the vocabulary's enums (areas,
/// source and recipient kinds, data classes, ...), the English severity words and the labels of the
/// GitHub and SARIF formats (`help`, `see`, `unverified`, ...), taken from the code, not written out
/// here.
fn english_words() -> Vec<&'static str> {
    let labels = [
        hjemmel::report::github::text::ALL,
        hjemmel::report::sarif::text::ALL,
    ]
    .into_iter()
    .flatten()
    .filter(|(name, _)| !name.starts_with("SPEC_ERROR"))
    .filter_map(|(name, text)| match *name {
        "FINDING_TITLE" => Some("finding"),
        _ => text.en.split(':').next().filter(|w| !w.contains(' ')),
    });
    support::english_words_and(labels)
}

/// Each English vocabulary word of `text`, as a line of the report of
/// [`no_english_vocabulary_word_reaches_a_danish_reader`].
fn english_in(english: &[&str], name: &str, format: &str, text: &str, found: &mut Vec<String>) {
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        let lower = word.to_lowercase();
        if english.contains(&lower.as_str()) {
            found.push(format!("{name}: `{word}` in Danish output{format}"));
        }
    }
}

/// The words of GitHub annotations a person reads: each command's title and message, unescaped;
/// the level and the file properties are the command's syntax.
fn github_prose(commands: &str) -> String {
    let unescape = |t: &str| {
        t.replace("%0A", "\n")
            .replace("%0D", "")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let mut out = String::new();
    for line in commands.lines() {
        let Some(rest) = line.strip_prefix("::") else {
            continue;
        };
        let (properties, message) = rest.split_once("::").expect("a workflow command");
        let title = properties
            .split(',')
            .find_map(|p| p.strip_prefix("title="))
            .expect("every annotation has a title");
        out.push_str(&unescape(title));
        out.push('\n');
        out.push_str(&unescape(message));
        out.push('\n');
    }
    out
}

/// The words of a SARIF log a person reads: each result's message (its links' brackets dropped)
/// and each rule's short description. The full description and help are the rules' pages, in
/// English until there are Danish ones.
fn sarif_prose(log: &str) -> String {
    let log: serde_json::Value = serde_json::from_str(log).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["language"], "da");
    let mut out = String::new();
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        out.push_str(rule["shortDescription"]["text"].as_str().unwrap());
        out.push('\n');
    }
    for result in run["results"].as_array().unwrap() {
        let text = result["message"]["text"].as_str().unwrap();
        // `[label](1)`: the label is text, the id is not.
        let text = text.replace("\\[", "").replace("\\]", "");
        let mut kept = String::new();
        let mut rest = text.as_str();
        while let Some(open) = rest.find("](") {
            kept.push_str(&rest[..open]);
            rest = rest[open..]
                .find(')')
                .map_or("", |close| &rest[open + close + 1..]);
        }
        kept.push_str(rest);
        out.push_str(&kept.replace('[', " "));
        out.push('\n');
    }
    out
}

/// The names and labels a diff quotes from its two specs (compiled in English: the names are the
/// same in every language).
fn diff_spec_words(path: &Path) -> Vec<String> {
    let outcome = hjemmel::check_spec(path, Lang::Da);
    let Ok(result) = &outcome.result else {
        return Vec::new();
    };
    let mut words = support::names_and_labels(&result.model);
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
}

/// The prose of a human rendering: without the quoted lines of the spec, file names, anything in
/// backticks or double quotes (words of the spec), rule codes, and the spec's own names and labels.
fn prose(rendered: &str, spec_words: &[String]) -> String {
    let mut out = String::new();
    // Code in backticks may be wrapped onto the next line: the state runs on across lines.
    let mut in_code = false;
    let mut in_quote = false;
    for line in rendered.lines() {
        let trimmed = line.trim_start();
        // `12 │   area school`: a line of the spec; `╭─[file:1:2]`: its file.
        let quoted_spec_line = trimmed
            .split_once('│')
            .is_some_and(|(number, _)| number.trim().chars().all(|c| c.is_ascii_digit()));
        if quoted_spec_line || trimmed.starts_with('╭') {
            continue;
        }
        let mut kept = String::new();
        for c in line.chars() {
            match c {
                '`' if !in_quote => in_code = !in_code,
                '"' if !in_code => in_quote = !in_quote,
                _ if !in_code && !in_quote => kept.push(c),
                _ => {}
            }
        }
        out.push_str(&kept);
        out.push('\n');
    }
    for word in spec_words {
        out = out.replace(word.as_str(), " ");
    }
    // Codes stay English (a title in the reader's language stands beside each).
    for rule in hjemmel::rules::registry::RULES {
        out = out.replace(rule.meta().code, " ");
    }
    out.split_whitespace()
        .filter(|w| !w.contains('/') && !w.contains(".hjemmel"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every `.hjemmel` file of the rule fixtures, and the two seeds.
fn fixtures_and_seeds() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = vec![root.join("specs/lejre"), root.join("specs/randers")];
    let mut dirs: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "hjemmel"))
            .collect();
        files.sort();
        specs.extend(files);
    }
    specs
}

#[test]
fn no_english_vocabulary_word_reaches_a_danish_reader() {
    let english = english_words();
    assert!(english.contains(&"school") && english.contains(&"warning"));
    assert!(
        ["help", "see", "unverified", "related", "finding"]
            .iter()
            .all(|w| english.contains(w))
    );
    // The filter keeps the prose and drops the spec's own words.
    let sample = "  ⚠ passer ikke til school i `school`\n 13 │   area school\n ·   ╰── \"care\"\n";
    assert_eq!(prose(sample, &[]), "⚠ passer ikke til school i · ╰──");
    let mut checked = 0;
    let mut found = Vec::new();
    for path in fixtures_and_seeds() {
        let name = support::relative(&path);
        let outcome = hjemmel::check_spec(&path, Lang::Da);
        let Ok(result) = &outcome.result else {
            continue;
        };
        let mut spec_words: Vec<String> = support::names_and_labels(&result.model)
            .into_iter()
            .chain(result.suppressed.iter().map(|s| s.reason.clone()))
            .filter(|w| !w.is_empty())
            .collect();
        // Longest first, so that a label is taken out before a name inside it.
        spec_words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let rendered = hjemmel::report::human::render(
            &[outcome.report(&name)],
            hjemmel::report::human::Style {
                lang: Lang::Da,
                ..hjemmel::report::human::Style::PLAIN
            },
        );
        english_in(
            &english,
            &name,
            "",
            &prose(&rendered, &spec_words),
            &mut found,
        );
        // The same findings as GitHub annotations and as SARIF: the words for a person in them.
        let report = [outcome.report(&name)];
        let github = hjemmel::report::github::render_in(&report, Lang::Da);
        english_in(
            &english,
            &name,
            " (github)",
            &prose(&github_prose(&github), &spec_words),
            &mut found,
        );
        let paths = hjemmel::report::sarif::Paths::new(
            env!("CARGO_MANIFEST_DIR"),
            env!("CARGO_MANIFEST_DIR"),
        );
        let sarif = hjemmel::report::sarif::render_in(&report, &paths, Lang::Da);
        english_in(
            &english,
            &name,
            " (sarif)",
            &prose(&sarif_prose(&sarif), &spec_words),
            &mut found,
        );
        checked += 1;
    }
    assert!(checked > 100, "too few specs checked: {checked}");
    // `hjemmel rules --lang da` and `hjemmel diff --lang da` (plain and Markdown) on the diff fixtures.
    let rules = support::hjemmel(&["--lang", "da", "rules"]);
    assert!(rules.status.success());
    let rules = String::from_utf8(rules.stdout).unwrap();
    english_in(&english, "rules", "", &prose(&rules, &[]), &mut found);
    let diffs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff");
    let mut cases: Vec<_> = std::fs::read_dir(&diffs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "too few diff fixtures: {}", cases.len());
    for case in cases {
        let name = support::relative(&case);
        let (old, new) = (case.join("old.hjemmel"), case.join("new.hjemmel"));
        let spec_words: Vec<String> = [&old, &new]
            .into_iter()
            .flat_map(|p| diff_spec_words(p))
            .collect();
        for format in ["human", "markdown"] {
            let output = support::hjemmel(&[
                "--lang",
                "da",
                "diff",
                "--fail-on",
                "never",
                "--format",
                format,
                old.to_str().unwrap(),
                new.to_str().unwrap(),
            ]);
            let text = String::from_utf8(output.stdout).unwrap();
            assert!(!text.is_empty(), "{name}: no diff output");
            english_in(
                &english,
                &name,
                &format!(" (diff, {format})"),
                &prose(&text, &spec_words),
                &mut found,
            );
        }
    }
    found.sort();
    found.dedup();
    assert!(
        found.is_empty(),
        "English words in Danish output:\n{}",
        found.join("\n")
    );
}

/// TRANSFER-MECHANISM-SCOPE names an adequacy decision in the reader's language: the Danish name
/// where the law data gives one (`decision_da` in src/law/data/countries.toml), else the English.
#[test]
fn an_adequacy_decision_is_named_in_the_readers_language() {
    use hjemmel::law::countries::countries;
    let path = Path::new(
        "tests/fixtures/rules/TRANSFER-MECHANISM-SCOPE/fail_adequacy_korea_exclusions_not_shown.hjemmel",
    );
    let korea = countries().adequacy("KR").unwrap();
    for lang in [Lang::En, Lang::Da] {
        let outcome = hjemmel::check_spec(path, lang);
        let checked = outcome.result.as_ref().unwrap();
        let finding = checked
            .findings
            .iter()
            .find(|d| d.code == "TRANSFER-MECHANISM-SCOPE")
            .unwrap();
        let shown = shown(finding).join("\n");
        let named = korea.decision_in(lang);
        assert!(
            shown.contains(&format!(
                "{named} {}",
                match lang {
                    Lang::En => "does not cover",
                    Lang::Da => "omfatter ikke",
                }
            )),
            "{shown}"
        );
        if lang == Lang::Da && korea.decision_in(Lang::Da) != korea.decision_in(Lang::En) {
            assert!(!shown.contains(korea.decision_in(Lang::En)), "{shown}");
        }
    }
}
