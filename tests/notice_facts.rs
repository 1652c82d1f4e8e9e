//! The facts of the two seed notices and the statements of specs/lejre and specs/randers that say
//! them (tests/notice_facts/{lejre,randers}.toml, issue 13, point 5). Each fact the list calls said
//! must stand in its spec file, and specs/README.md ("The notices' facts in the spec") must show
//! every fact with the line of the spec it is on, so that neither the list nor the table drifts from
//! the specs unseen. The facts said (and the rights and the complaint, from law data) must also be
//! in the generated Danish notice, and the table's last column shows under which headings.
//!
//! The notices themselves are not in the repository; `quotes_are_the_notices_words` checks the
//! quoted words against them: `HJEMMEL_SEEDS=/path/to/shared/seeds cargo test --test notice_facts
//! -- --ignored`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hjemmel::i18n::Lang;
use hjemmel::notice::document::{Notice, Section};
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
    /// Words of the generated Danish notice that carry the fact, where they differ from the quoted
    /// words of `phrase` (and always for a "law" fact, which has no phrase).
    notice: Option<String>,
    /// A said fact the generated notice does not carry: why (an element it does not write yet).
    not_in_notice: Option<String>,
    /// Words of a heading the notice's words must stand under, where they stand in several places
    /// (a deadline of "30 dage", each department's "Adresser").
    under: Option<String>,
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
    let elements: BTreeSet<&str> = Element::ALL.iter().map(|&e| element_name(e)).collect();
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
            if fact.notice.is_some() || fact.not_in_notice.is_some() || fact.under.is_some() {
                assert!(
                    matches!(fact.status.as_str(), "said" | "law"),
                    "{id}: only a said or law fact is looked for in the notice"
                );
                assert!(
                    fact.notice.is_none() || fact.not_in_notice.is_none(),
                    "{id}: in the notice, or not"
                );
            }
            if fact.status == "law" {
                assert!(
                    fact.notice.is_some() || fact.not_in_notice.is_some(),
                    "{id}: a law fact has no phrase of the spec: `notice` gives the notice's words"
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
    let notices = Notices::build();
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
            let shown = in_notice_column(&in_notice(&notices, name, fact));
            assert!(
                cells[6].starts_with(&shown),
                "{README}: the last column of {id} begins with {shown}, not {}",
                cells[6]
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

/// The generated Danish notice of each list's spec (every audience, no draft marks), as sentences
/// under their headings: `hjemmel notice SPEC --lang da`.
struct Notices(Vec<(&'static str, Vec<(String, String)>)>);

impl Notices {
    fn build() -> Notices {
        Notices(
            LISTS
                .iter()
                .map(|&name| {
                    let facts = load(name);
                    let spec = root().join(&facts.spec);
                    let sources = hjemmel::source::load(&spec, Lang::Da)
                        .unwrap_or_else(|_| panic!("{} is read", facts.spec));
                    let (model, _) = hjemmel::compile(&sources, Lang::Da)
                        .unwrap_or_else(|_| panic!("{} is understood", facts.spec));
                    let audiences = hjemmel::notice::audience::choose(&model, None, Lang::Da)
                        .expect("every audience");
                    let notice = hjemmel::notice::build::build(&model, &audiences, &[], Lang::Da);
                    let markdown = hjemmel::notice::markdown::render(&notice);
                    assert!(markdown.len() > 1000, "{name}: a notice is written");
                    (name, sentences(&notice))
                })
                .collect(),
        )
    }

    fn of(&self, name: &str) -> &[(String, String)] {
        &self.0.iter().find(|(n, _)| *n == name).expect("a list").1
    }
}

/// Every sentence of the notice (a list's items each after its lead) with the headings above it,
/// `Til borgere › Børn og læring`; `title` for the title and the lines under it.
fn sentences(notice: &Notice) -> Vec<(String, String)> {
    fn walk(section: &Section, path: &mut Vec<String>, out: &mut Vec<(String, String)>) {
        path.push(section.heading.to_string());
        let at = path.join(" › ");
        // The heading too: an activity's or a unit's label is said there.
        out.push((at.clone(), section.heading.to_string()));
        for block in &section.blocks {
            out.push((at.clone(), block.text.to_string()));
            for item in &block.items {
                out.push((at.clone(), format!("{} {item}", block.text)));
            }
        }
        for sub in &section.subsections {
            walk(sub, path, out);
        }
        path.pop();
    }
    let mut out: Vec<(String, String)> = std::iter::once(&notice.title)
        .chain(&notice.meta)
        .map(|t| ("title".to_string(), t.clone()))
        .collect();
    for section in &notice.sections {
        walk(section, &mut Vec::new(), &mut out);
    }
    out
}

/// The words of the notice that carry a fact: `notice`, or the quoted words of its `phrase` (the
/// spec's own: a purpose, a label, a deadline's event), which the notice writes as they are.
fn notice_words(fact: &Fact) -> Option<String> {
    if let Some(words) = &fact.notice {
        return Some(words.clone());
    }
    let phrase = fact.phrase.as_deref()?;
    let quoted = &phrase[phrase.find('"')? + 1..];
    Some(quoted[..quoted.find('"').unwrap_or(quoted.len())].to_string())
}

/// Where a fact stands in the generated notice.
#[derive(Debug, PartialEq)]
enum InNotice {
    /// Under these headings.
    At(String),
    /// Said in the spec, but not in the notice, for this reason.
    NotCarried(String),
    /// Not said (nor law): nothing to look for.
    NotSaid,
}

fn in_notice(notices: &Notices, name: &str, fact: &Fact) -> InNotice {
    if let Some(why) = &fact.not_in_notice {
        return InNotice::NotCarried(why.clone());
    }
    if !matches!(fact.status.as_str(), "said" | "law") {
        return InNotice::NotSaid;
    }
    let Some(words) = notice_words(fact) else {
        return InNotice::NotCarried(String::new());
    };
    find(notices.of(name), fact, &words)
        .map(|at| InNotice::At(at.to_string()))
        .unwrap_or_else(|| InNotice::NotCarried(String::new()))
}

/// The headings of the first sentence of the notice that holds `words` (under the heading `under`
/// names, when it names one).
fn find<'n>(sentences: &'n [(String, String)], fact: &Fact, words: &str) -> Option<&'n str> {
    sentences
        .iter()
        .find(|(at, text)| {
            text.contains(words) && fact.under.as_ref().is_none_or(|under| at.contains(under))
        })
        .map(|(at, _)| at.as_str())
}

/// How specs/README.md's last column begins for a fact.
fn in_notice_column(at: &InNotice) -> String {
    match at {
        InNotice::At(headings) => format!("`{headings}`"),
        InNotice::NotCarried(_) => "not carried:".to_string(),
        InNotice::NotSaid => "—".to_string(),
    }
}

/// Issue 13, point 5: every fact the spec says (and the rights and the complaint, from law data)
/// is in the generated Danish notice, in the notice's words (`notice`) or the spec's own; a fact
/// the list calls not carried is indeed not there, so the list follows when the notice learns it.
#[test]
fn every_said_fact_is_in_the_generated_notice() {
    let notices = Notices::build();
    let mut wrong = Vec::new();
    for name in LISTS {
        for fact in &load(name).fact {
            if !matches!(fact.status.as_str(), "said" | "law") {
                continue;
            }
            let Some(words) = notice_words(fact) else {
                if fact.not_in_notice.is_some() {
                    continue; // no words to look for, and none are there
                }
                if std::env::var_os("NOTICE_FACTS_SHOW").is_some() {
                    println!("{}\tNOWORDS\t{:?}", fact.id, fact.phrase);
                }
                wrong.push(format!(
                    "{}: its phrase quotes no words: `notice` gives the notice's",
                    fact.id
                ));
                continue;
            };
            let found = find(notices.of(name), fact, &words);
            if std::env::var_os("NOTICE_FACTS_SHOW").is_some() {
                println!("{}\t{}", fact.id, found.unwrap_or("MISSING"));
                if found.is_none() {
                    println!("   {words}");
                }
            }
            match (found, &fact.not_in_notice) {
                (Some(_), None) | (None, Some(_)) => {}
                (None, None) => wrong.push(format!("{}: `{words}` is not in the notice", fact.id)),
                (Some(at), Some(_)) => wrong.push(format!(
                    "{}: `{words}` is in the notice now ({at}): drop `not_in_notice`",
                    fact.id
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
