//! The facts of the two seed notices and the statements of specs/lejre and specs/randers that say
//! them (tests/notice_facts/{lejre,randers}.toml, issue 13, point 5). Each fact the list calls said
//! must stand in its spec file, and specs/README.md ("The notices' facts in the spec") must show
//! every fact with the line of the spec it is on, so that neither the list nor the table drifts from
//! the specs unseen.
//!
//! The notices themselves are not in the repository; `quotes_are_the_notices_words` checks the
//! quoted words against them: `HJEMMEL_SEEDS=/path/to/shared/seeds cargo test --test notice_facts
//! -- --ignored`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hjemmel::notice::elements::Element;
use serde::Deserialize;

const LISTS: [&str; 2] = ["lejre", "randers"];
const README: &str = "specs/README.md";
const SECTION: &str = "## The notices' facts in the spec";

/// One notice's list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Facts {
    /// The notice's file name in the seeds directory.
    seed: String,
    /// The spec that encodes it, from the repository's root.
    spec: String,
    fact: Vec<Fact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fact {
    id: String,
    words: String,
    element: String,
    status: String,
    file: Option<String>,
    phrase: Option<String>,
    note: Option<String>,
    why: Option<String>,
}

/// What the list may say of a fact, besides "said" (see lejre.toml).
const NOT_SAID: [&str; 4] = ["law", "spec", "language", "not a fact"];

/// The name the lists give an element: its name in src/notice/elements.rs. The match has no `_`, so
/// a new element fails to compile here until it is named.
fn element_name(element: Element) -> &'static str {
    match element {
        Element::Controller => "Controller",
        Element::Dpo => "Dpo",
        Element::PurposesAndBasis => "PurposesAndBasis",
        Element::LegitimateInterests => "LegitimateInterests",
        Element::DataCategories => "DataCategories",
        Element::Recipients => "Recipients",
        Element::Transfers => "Transfers",
        Element::Retention => "Retention",
        Element::Rights => "Rights",
        Element::WithdrawConsent => "WithdrawConsent",
        Element::Complaint => "Complaint",
        Element::StatutoryRequirement => "StatutoryRequirement",
        Element::Source => "Source",
        Element::AutomatedDecisions => "AutomatedDecisions",
    }
}

const ELEMENTS: [Element; 14] = [
    Element::Controller,
    Element::Dpo,
    Element::PurposesAndBasis,
    Element::LegitimateInterests,
    Element::DataCategories,
    Element::Recipients,
    Element::Transfers,
    Element::Retention,
    Element::Rights,
    Element::WithdrawConsent,
    Element::Complaint,
    Element::StatutoryRequirement,
    Element::Source,
    Element::AutomatedDecisions,
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(name: &str) -> Facts {
    let path = root()
        .join("tests/notice_facts")
        .join(format!("{name}.toml"));
    toml::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The 1-based line of the first statement (not a comment) of `text` that holds `phrase`.
fn line_of(text: &str, phrase: &str) -> Option<usize> {
    text.lines()
        .position(|line| !line.trim_start().starts_with("//") && line.contains(phrase))
        .map(|i| i + 1)
}

/// Where a said fact stands: `file:line` in its spec.
fn location(facts: &Facts, fact: &Fact) -> String {
    let (Some(file), Some(phrase)) = (&fact.file, &fact.phrase) else {
        panic!("{}: a said fact needs `file` and `phrase`", fact.id);
    };
    let text = read(&root().join(&facts.spec).join(file));
    let line = line_of(&text, phrase).unwrap_or_else(|| {
        panic!(
            "{}: `{phrase}` is not in {}/{file}: the spec changed, or the list is wrong",
            fact.id, facts.spec
        )
    });
    format!("{file}:{line}")
}

#[test]
fn every_fact_is_well_formed() {
    let elements: BTreeSet<&str> = ELEMENTS.iter().map(|&e| element_name(e)).collect();
    for name in LISTS {
        let facts = load(name);
        assert!(!facts.fact.is_empty(), "{name}: no facts");
        let prefix = name[..1].to_uppercase();
        for (i, fact) in facts.fact.iter().enumerate() {
            let id = &fact.id;
            assert_eq!(
                *id,
                format!("{prefix}{}", i + 1),
                "{name}: ids are numbered in order"
            );
            assert!(
                !fact.words.trim().is_empty() && !fact.words.contains('\n'),
                "{id}: `words` are the notice's words, on one line"
            );
            assert!(
                fact.element == "none" || elements.contains(fact.element.as_str()),
                "{id}: `{}` is no element of src/notice/elements.rs (nor \"none\")",
                fact.element
            );
            if fact.status == "said" {
                assert!(fact.why.is_none(), "{id}: a said fact needs no `why`");
            } else {
                assert!(
                    NOT_SAID.contains(&fact.status.as_str()),
                    "{id}: unknown status `{}`",
                    fact.status
                );
                assert!(
                    fact.file.is_none() && fact.phrase.is_none(),
                    "{id}: a fact that is not said has no `file` or `phrase`"
                );
                assert!(
                    fact.why
                        .as_deref()
                        .is_some_and(|why| !why.trim().is_empty()),
                    "{id}: a fact that is not said says why"
                );
            }
            if let Some(note) = &fact.note {
                assert!(!note.trim().is_empty(), "{id}: an empty note");
            }
        }
    }
}

#[test]
fn every_said_fact_stands_in_its_spec() {
    for name in LISTS {
        let facts = load(name);
        for fact in facts.fact.iter().filter(|f| f.status == "said") {
            location(&facts, fact); // panics with the fact's id when the phrase is gone
        }
    }
}

/// How the table's status column begins for each status of the lists: (a), (b) and (c) are the
/// brief's reasons a fact is not said.
fn status_label(status: &str) -> &'static str {
    match status {
        "said" => "said",
        "law" => "law",
        "spec" => "(a) not added",
        "language" => "(b) language",
        "not a fact" => "(c) not a fact",
        other => panic!("unknown status `{other}`"),
    }
}

/// specs/README.md shows each fact in one row, `| id | words | element | statement | status | ... |`,
/// said ones with the `file:line` their phrase stands on today.
#[test]
fn readme_table_matches_the_lists() {
    let readme = read(&root().join(README));
    let start = readme
        .find(SECTION)
        .unwrap_or_else(|| panic!("{README} has no section \"{SECTION}\""));
    let section = &readme[start + SECTION.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    for name in LISTS {
        let facts = load(name);
        for fact in &facts.fact {
            let id = &fact.id;
            let rows: Vec<Vec<&str>> = section
                .lines()
                .map(|l| l.split('|').map(str::trim).collect::<Vec<_>>())
                .filter(|cells| cells.len() > 6 && cells[1] == id)
                .collect();
            assert_eq!(rows.len(), 1, "{README}: {id} needs exactly one row");
            let cells = &rows[0];
            assert!(!cells[2].is_empty(), "{README}: {id} quotes no words");
            let element = match fact.element.as_str() {
                "none" => "—".to_owned(),
                name => format!("`{name}`"),
            };
            assert_eq!(cells[3], element, "{README}: the element of {id}");
            if fact.status == "said" {
                let at = format!("`{}`", location(&facts, fact));
                assert!(
                    cells[4].starts_with(&at),
                    "{README}: {id} is at {at}, not {}",
                    cells[4]
                );
            } else {
                assert_eq!(cells[4], "—", "{README}: {id} is not said, so no statement");
            }
            let label = status_label(&fact.status);
            assert!(
                cells[5].starts_with(label),
                "{README}: the status of {id} begins with \"{label}\", not {}",
                cells[5]
            );
        }
    }
}

/// The quoted words are the notice's, whitespace aside. The notices live outside the repository.
#[test]
#[ignore = "needs the seed notices: HJEMMEL_SEEDS=<dir> cargo test --test notice_facts -- --ignored"]
fn quotes_are_the_notices_words() {
    let dir = PathBuf::from(
        std::env::var_os("HJEMMEL_SEEDS").expect("HJEMMEL_SEEDS names the seeds directory"),
    );
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in LISTS {
        let facts = load(name);
        let seed = squeeze(&read(&dir.join(&facts.seed)));
        let missing: Vec<&str> = facts
            .fact
            .iter()
            .filter(|f| !seed.contains(&squeeze(&f.words)))
            .map(|f| f.id.as_str())
            .collect();
        assert!(
            missing.is_empty(),
            "{name}: not the notice's words: {missing:?}"
        );
    }
}
