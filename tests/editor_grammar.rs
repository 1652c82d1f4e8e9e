//! The editors' highlighting cannot drift from the parser: every keyword of grammar/hjemmel.pest is
//! highlighted as a keyword by the VS Code extension's TextMate grammar
//! (editors/vscode/syntaxes/hjemmel.tmLanguage.json), the declaration and statement keywords with
//! their own scopes, and every word of the closed word lists (data classes, kinds, mechanisms,
//! places, units, acts) with the scope of its list; a keyword the parser does not know is not
//! highlighted as one. How the grammar colours real lines is tested by `npm test` in editors/vscode.
//!
//! The TextMate grammar writes each list of words as one group `\b(word|word|...)` of a rule's
//! regular expression; the group's scope is its capture's name, or the rule's name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use hjemmel::law::ActId;
use hjemmel::law::cctv::cctv;
use hjemmel::law::vocabulary::{
    Area, DataClass, Mechanism, RecipientKind, ReviewMode, SourceKind, SpecialKind, SubjectKind,
    TimeUnit,
};
use hjemmel::syntax::{DECLARATIONS, STATEMENTS};
use serde_json::Value;

const TEXTMATE: &str = "editors/vscode/syntaxes/hjemmel.tmLanguage.json";
const DECLARATION: &str = "keyword.declaration.hjemmel";
const STATEMENT: &str = "keyword.other.statement.hjemmel";

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every word the TextMate grammar lists in a `\b(a|b|c)` group, with the scopes it gets.
fn highlighted_words() -> BTreeMap<String, BTreeSet<String>> {
    let grammar: Value =
        serde_json::from_str(&read(TEXTMATE)).expect("the TextMate grammar is JSON");
    let mut words = BTreeMap::new();
    collect_rule(&grammar, &mut words);
    words
}

fn collect_rule(rule: &Value, words: &mut BTreeMap<String, BTreeSet<String>>) {
    match rule {
        Value::Object(fields) => {
            for (regex, captures) in [("match", "captures"), ("begin", "beginCaptures")] {
                let Some(regex) = fields.get(regex).and_then(Value::as_str) else {
                    continue;
                };
                for (group, list) in word_groups(regex) {
                    let scope = fields
                        .get(captures)
                        .or_else(|| fields.get("captures"))
                        .and_then(|c| c.get(group.to_string()))
                        .and_then(|c| c.get("name"))
                        .or_else(|| fields.get("name"))
                        .and_then(Value::as_str);
                    if let Some(scope) = scope {
                        for word in list {
                            words.entry(word).or_default().insert(scope.to_string());
                        }
                    }
                }
            }
            fields.values().for_each(|value| collect_rule(value, words));
        }
        Value::Array(rules) => rules.iter().for_each(|value| collect_rule(value, words)),
        _ => {}
    }
}

/// The capturing groups of `regex` that are a list of plain words after `\b`, with their numbers
/// (counted as Oniguruma counts them: every `(` not escaped, not in a class, not `(?`).
fn word_groups(regex: &str) -> Vec<(usize, Vec<String>)> {
    let bytes = regex.as_bytes();
    let (mut at, mut group, mut in_class) = (0, 0, false);
    let mut lists = Vec::new();
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 1,
            b'[' if !in_class => in_class = true,
            b']' if in_class => in_class = false,
            b'(' if !in_class && bytes.get(at + 1) != Some(&b'?') => {
                group += 1;
                let body = &regex[at + 1..];
                let after_word_boundary = regex[..at].ends_with("\\b");
                if let Some(end) = body.find(')')
                    && after_word_boundary
                    && body[..end].split('|').all(|w| {
                        !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                    })
                {
                    lists.push((group, body[..end].split('|').map(str::to_string).collect()));
                }
            }
            _ => {}
        }
        at += 1;
    }
    lists
}

/// The keywords of grammar/hjemmel.pest: every rule `@{ "word" ~ !ident_char }`.
fn pest_keywords() -> BTreeSet<String> {
    let pest = read("grammar/hjemmel.pest");
    let keywords: BTreeSet<String> = pest
        .lines()
        .filter_map(|line| {
            let rule = line.split_once("@{")?.1.trim();
            let rest = rule.strip_prefix('"')?;
            let (word, after) = rest.split_once('"')?;
            after
                .trim()
                .starts_with("~ !ident_char")
                .then(|| word.to_string())
        })
        .collect();
    assert!(
        keywords.len() > 100,
        "read only {} keywords from the pest grammar",
        keywords.len()
    );
    keywords
}

fn scopes_of<'a>(words: &'a BTreeMap<String, BTreeSet<String>>, word: &str) -> Vec<&'a str> {
    words
        .get(word)
        .map(|s| s.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn every_keyword_of_the_parser_is_highlighted_as_a_keyword() {
    let words = highlighted_words();
    let acts: BTreeSet<&str> = ActId::ALL.iter().map(|act| act.keyword()).collect();
    let missing: Vec<String> = pest_keywords()
        .into_iter()
        .filter(|word| !acts.contains(word.as_str()))
        .filter(|word| {
            !scopes_of(&words, word)
                .iter()
                .any(|s| s.starts_with("keyword."))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "keywords of grammar/hjemmel.pest that {TEXTMATE} does not highlight as keywords: {missing:?}"
    );
}

#[test]
fn declarations_and_statements_have_their_scopes() {
    let words = highlighted_words();
    for (list, scope) in [(DECLARATIONS, DECLARATION), (STATEMENTS, STATEMENT)] {
        for word in list {
            assert!(
                scopes_of(&words, word).contains(&scope),
                "`{word}` is not highlighted as {scope} in {TEXTMATE}: {:?}",
                scopes_of(&words, word)
            );
        }
    }
}

#[test]
fn no_word_is_highlighted_as_a_keyword_that_the_parser_does_not_know() {
    let keywords = pest_keywords();
    let stale: Vec<String> = highlighted_words()
        .into_iter()
        .filter(|(word, scopes)| {
            scopes.iter().any(|s| s.starts_with("keyword."))
                && !only_units(scopes)
                && !keywords.contains(word)
        })
        .map(|(word, _)| word)
        .collect();
    assert!(
        stale.is_empty(),
        "{TEXTMATE} highlights words the parser does not know as keywords: {stale:?}"
    );
}

/// Units of time are scoped `keyword.other.unit` (as in CSS grammars) but are words of a list.
fn only_units(scopes: &BTreeSet<String>) -> bool {
    scopes.iter().all(|s| s == "keyword.other.unit.hjemmel")
}

#[test]
fn every_word_of_the_closed_lists_has_the_scope_of_its_list() {
    let words = highlighted_words();
    let lists: Vec<(&str, Vec<&str>)> = vec![
        (
            "constant.language.data-class.hjemmel",
            DataClass::KEYWORDS.to_vec(),
        ),
        (
            "constant.language.special-kind.hjemmel",
            SpecialKind::KEYWORDS.to_vec(),
        ),
        (
            "constant.language.subject-kind.hjemmel",
            SubjectKind::KEYWORDS.to_vec(),
        ),
        (
            "constant.language.source-kind.hjemmel",
            SourceKind::KEYWORDS.to_vec(),
        ),
        (
            "constant.language.recipient-kind.hjemmel",
            RecipientKind::KEYWORDS.to_vec(),
        ),
        (
            "constant.language.mechanism.hjemmel",
            Mechanism::KEYWORDS.to_vec(),
        ),
        (
            "constant.language.review-mode.hjemmel",
            ReviewMode::KEYWORDS.to_vec(),
        ),
        ("constant.language.area.hjemmel", Area::KEYWORDS.to_vec()),
        ("keyword.other.unit.hjemmel", TimeUnit::KEYWORDS.to_vec()),
        ("constant.language.place.hjemmel", cctv().place_words()),
        (
            "constant.language.exception-ground.hjemmel",
            cctv().exception_words(),
        ),
        (
            "support.type.act.hjemmel",
            ActId::ALL.iter().map(|act| act.keyword()).collect(),
        ),
    ];
    for (scope, list) in lists {
        // Both ways: a word added to the law data is highlighted, a word removed is no longer.
        let highlighted: BTreeSet<&str> = words
            .iter()
            .filter(|(_, scopes)| scopes.contains(scope))
            .map(|(word, _)| word.as_str())
            .collect();
        let known: BTreeSet<&str> = list.into_iter().collect();
        assert_eq!(highlighted, known, "the words scoped {scope} in {TEXTMATE}");
    }
}

#[test]
fn word_groups_are_read_as_oniguruma_numbers_them() {
    let groups = word_groups(r"(?:\b(limit)|\b(for|every))\s+(-?\d+(?:\.\d+)?)\s+\b(days|day)\b");
    assert_eq!(
        groups,
        vec![
            (1, vec!["limit".to_string()]),
            (2, vec!["for".to_string(), "every".to_string()]),
            (4, vec!["days".to_string(), "day".to_string()]),
        ]
    );
    // Escaped and bracketed parentheses open no group; a group not after `\b` is not a word list.
    assert_eq!(
        word_groups(r"[(]\((a|b)\b(c)"),
        vec![(2, vec!["c".to_string()])]
    );
}
