//! The documentation cannot drift from the tool:
//! - every ```hjemmel block in docs/language.md and docs/cli.md is a whole spec that hjemmel
//!   understands (findings are fine; spec errors are not). Blocks that are only part of a spec are
//!   marked ```hjemmel-fragment and skipped;
//! - every spec-error code the compiler can give, and every word of the language's closed word
//!   lists, is documented in docs/language.md;
//! - every block of output in docs/cli.md that is headed `<!-- output of: hjemmel check ... -->`,
//!   `<!-- output of: hjemmel graph ... -->` or `<!-- output of: hjemmel diff ... -->` is exactly
//!   what that command prints, and every block
//!   headed `<!-- results of: hjemmel check --format sarif ... -->` is the `results` of the SARIF log
//!   it prints.
//!
//! Blocks are checked in memory rather than through temporary files: the source is padded with
//! empty lines so that an error points at its line in the Markdown file itself.

mod support;

use std::path::{Path, PathBuf};

use hjemmel::law::ActId;
use hjemmel::law::vocabulary::{
    DataClass, Mechanism, RecipientKind, ReviewMode, SourceKind, SpecialKind, SubjectKind, TimeUnit,
};
use hjemmel::report::{SpecReport, human, json};
use hjemmel::source::{SourceFile, SourceMap};

const DOCS_WITH_SPECS: &[&str] = &["docs/language.md", "docs/cli.md"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A fenced block: its info string, the 1-based line of its first content line, and its text.
struct Block {
    info: String,
    first_line: usize,
    text: String,
}

/// Every fenced code block of a Markdown text (``` fences only, as the docs use).
fn blocks(markdown: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        match open.take() {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    open = Some(Block {
                        info: info.trim().to_string(),
                        first_line: i + 2,
                        text: String::new(),
                    });
                }
            }
            Some(mut block) => {
                if trimmed == "```" {
                    found.push(block);
                } else {
                    block.text.push_str(line);
                    block.text.push('\n');
                    open = Some(block);
                }
            }
        }
    }
    assert!(open.is_none(), "a fenced block is not closed");
    found
}

#[test]
fn every_hjemmel_block_in_the_docs_is_understood() {
    let mut checked = 0;
    for doc in DOCS_WITH_SPECS {
        let markdown = read(doc);
        for block in blocks(&markdown) {
            match block.info.as_str() {
                "hjemmel" => {}
                "hjemmel-fragment" => continue,
                other => {
                    assert!(
                        !other.starts_with("hjemmel"),
                        "{doc}:{}: unknown block kind ```{other} (use ```hjemmel or ```hjemmel-fragment)",
                        block.first_line - 1
                    );
                    continue;
                }
            }
            let padded = "\n".repeat(block.first_line - 1) + &block.text;
            let mut sources = SourceMap::new();
            sources.add(SourceFile::new(*doc, padded));
            if let Err(errors) = hjemmel::check_sources(&sources, hjemmel::i18n::Lang::En) {
                let rendered = human::render(
                    &[SpecReport {
                        path: doc,
                        sources: &sources,
                        diagnostics: &errors,
                        suppressed: &[],
                        understood: false,
                    }],
                    human::Style::PLAIN,
                );
                panic!(
                    "the ```hjemmel block at {doc}:{} is not understood:\n{rendered}",
                    block.first_line - 1
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no ```hjemmel blocks were found in the docs");
}

/// The spec-error codes the compiler can give: the string literal that follows each call of
/// `Diagnostic::spec_error` or `spec_error_at` in src/.
fn spec_error_codes() -> Vec<String> {
    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut codes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for marker in ["spec_error(", "spec_error_at("] {
            for (at, _) in text.match_indices(marker) {
                let rest = text[at + marker.len()..].trim_start();
                if let Some(literal) = rest.strip_prefix('"') {
                    let code = &literal[..literal.find('"').unwrap()];
                    codes.push(code.to_string());
                }
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn every_spec_error_code_is_documented() {
    let codes = spec_error_codes();
    assert!(
        codes.len() >= 10,
        "found too few spec-error codes in src/ ({codes:?}): has the way they are created changed?"
    );
    let language = read("docs/language.md");
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| !language.contains(&format!("| `{c}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/language.md (section \"What hjemmel rejects\") does not list these spec-error codes: {missing:?}"
    );
}

#[test]
fn every_word_of_the_language_is_documented() {
    let language = read("docs/language.md");
    let lists: &[(&str, &[&str])] = &[
        ("kind of data subjects", SubjectKind::KEYWORDS),
        ("data class", DataClass::KEYWORDS),
        ("kind of special data", SpecialKind::KEYWORDS),
        ("source kind", SourceKind::KEYWORDS),
        ("recipient kind", RecipientKind::KEYWORDS),
        ("transfer mechanism", Mechanism::KEYWORDS),
        ("review mode", ReviewMode::KEYWORDS),
        ("unit of time", TimeUnit::KEYWORDS),
    ];
    let acts: Vec<&str> = ActId::ALL.iter().map(|a| a.keyword()).collect();
    let mut missing = Vec::new();
    for (what, words) in lists
        .iter()
        .copied()
        .chain(std::iter::once(("act", acts.as_slice())))
    {
        for word in words {
            let documented =
                language.contains(&format!("`{word}`")) || language.contains(&format!("`{word}("));
            if !documented {
                missing.push(format!("{what} `{word}`"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/language.md does not document: {missing:?}"
    );
}

/// What `hjemmel check ARGS` prints on standard output, computed in-process as src/cli/check.rs does
/// (without colour, at the default width). Understands `--format`, `--lang`, `--color never` and
/// `--deny-warnings`, which does not change the output.
/// The keywords of the grammar: every `kw_NAME = @{ "word" ~ !ident_char }` rule.
fn grammar_keywords() -> std::collections::BTreeSet<String> {
    read("grammar/hjemmel.pest")
        .lines()
        .filter(|line| line.starts_with("kw_"))
        .filter_map(|line| {
            let (_, rest) = line.split_once('"')?;
            let (word, _) = rest.split_once('"')?;
            Some(word.to_string())
        })
        .collect()
}

/// The keywords in the first column of the table "Every statement" of docs/language.md: the words
/// in backticks (a cell may hold several, e.g. `disclose` … `to` … `under` … `when`).
fn statement_table_keywords(language: &str) -> std::collections::BTreeSet<String> {
    let table = language
        .split_once("### Every statement")
        .expect("docs/language.md has the section \"Every statement\"")
        .1;
    let rows = table
        .lines()
        .skip_while(|line| !line.starts_with("| keyword |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'));
    let mut words = std::collections::BTreeSet::new();
    for row in rows {
        let first = row.split('|').nth(1).unwrap_or_default();
        for (i, part) in first.split('`').enumerate() {
            if i % 2 == 1 {
                words.insert(part.to_string());
            }
        }
    }
    words
}

#[test]
fn the_table_of_statements_and_the_grammar_have_the_same_keywords() {
    let grammar = grammar_keywords();
    assert!(
        grammar.len() >= 60,
        "found too few keywords in grammar/hjemmel.pest ({}): has the way they are written changed?",
        grammar.len()
    );
    let table = statement_table_keywords(&read("docs/language.md"));
    let missing: Vec<_> = grammar.difference(&table).collect();
    let unknown: Vec<_> = table.difference(&grammar).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "docs/language.md's table \"Every statement\" lacks {missing:?} and names {unknown:?}, \
         which the grammar does not have"
    );
}

fn check_output(args: &[&str]) -> String {
    let mut format = "human";
    let mut lang = hjemmel::i18n::Lang::En;
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--format" => format = it.next().expect("--format takes a value"),
            "--lang" => {
                lang = match it.next() {
                    Some(&"da") => hjemmel::i18n::Lang::Da,
                    Some(&"en") => hjemmel::i18n::Lang::En,
                    other => panic!("the docs test does not know the language {other:?}"),
                }
            }
            "--color" => assert_eq!(it.next(), Some(&"never"), "documented output is uncoloured"),
            "--deny-warnings" => {}
            path if !path.starts_with('-') => paths.push(path),
            other => panic!("the docs test does not know the option {other}"),
        }
    }
    let outcomes: Vec<(&str, hjemmel::Outcome)> = paths
        .iter()
        .map(|p| (*p, hjemmel::check_spec(Path::new(p), lang)))
        .collect();
    let reports: Vec<SpecReport> = outcomes
        .iter()
        .map(|(path, outcome)| outcome.report(path))
        .collect();
    match format {
        "json" => json::render(&reports),
        "github" => hjemmel::report::github::render(&reports),
        // The package root is the root of the repository the docs describe.
        "sarif" => hjemmel::report::sarif::render(
            &reports,
            &hjemmel::report::sarif::Paths::new(root(), root()),
        ),
        "human" => human::render(
            &reports,
            human::Style {
                lang,
                ..human::Style::PLAIN
            },
        ),
        other => panic!("unknown format {other}"),
    }
}

/// Lines without trailing white space (editors strip it from Markdown), without trailing empty lines.
fn normalised(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end().to_string()
}

/// What `hjemmel graph ARGS` prints, computed in-process as src/cli/graph.rs does. Understands
/// `--format` and `--category`.
fn graph_output(args: &[&str]) -> String {
    use hjemmel::flow::render::{self, RenderOptions};
    let mut format = "dot";
    let mut category = None;
    let mut path = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--format" => format = it.next().expect("--format takes a value"),
            "--category" => category = it.next().copied(),
            spec if !spec.starts_with('-') => path = Some(spec),
            other => panic!("the docs test does not know the option {other}"),
        }
    }
    let path = path.expect("a documented graph names its spec");
    let sources = hjemmel::source::load(&root().join(path), hjemmel::i18n::Lang::En)
        .unwrap_or_else(|e| panic!("{path}: {}", e.error.message));
    let (model, flow) = hjemmel::compile(&sources, hjemmel::i18n::Lang::En)
        .unwrap_or_else(|_| panic!("a documented graph is of a valid spec: {path}"));
    let options = RenderOptions {
        category: category.map(|c| render::find_category(&model, c).expect("a known category")),
        lang: hjemmel::i18n::Lang::En,
    };
    match format {
        "dot" => render::dot::render(&model, &flow, &options),
        "mermaid" => render::mermaid::render(&model, &flow, &options),
        "svg" => render::svg::render(&model, &flow, &options),
        other => panic!("unknown format {other}"),
    }
}

/// What `hjemmel ropa ARGS` prints on standard output, computed in-process as src/cli/ropa.rs does.
fn ropa_output(args: &[&str]) -> String {
    let mut format = "md";
    let mut path: Option<&str> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--format" => format = it.next().expect("--format takes a value"),
            p if !p.starts_with('-') => path = Some(p),
            other => panic!("the docs test does not know the option {other}"),
        }
    }
    let path = path.expect("a spec");
    let lang = hjemmel::i18n::Lang::En;
    let outcome = hjemmel::check_spec(Path::new(path), lang);
    let checked = outcome
        .result
        .as_ref()
        .expect("a documented spec is understood");
    let record = hjemmel::ropa::Record::build(&checked.model, &checked.flow, lang);
    match format {
        "md" => hjemmel::ropa::markdown::render(&record),
        "csv" => hjemmel::ropa::csv::render(&record),
        "json" => hjemmel::ropa::json::render(&record),
        "dpv" => hjemmel::ropa::dpv::render(lang, &checked.model, &checked.flow),
        other => panic!("unknown format {other}"),
    }
}

/// What `hjemmel diff ARGS` prints, from the binary as scripts/update-cli-doc.py runs it: the diff
/// reads both specs from disk, and `--base` would run git.
fn diff_output(args: &[&str]) -> String {
    let output = support::hjemmel(&[&["diff"], args].concat());
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Every line `MARKER COMMAND -->` of a doc, with its index among the lines (0-based), the command,
/// and the code block that follows it.
fn marked_blocks<'d>(doc: &str, markdown: &'d str, marker: &str) -> Vec<(usize, &'d str, Block)> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(command) = line
            .strip_prefix(marker)
            .and_then(|rest| rest.strip_suffix(" -->"))
        else {
            continue;
        };
        let block = blocks(&lines[i + 1..].join("\n"))
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{doc}:{}: no block follows", i + 1));
        found.push((i, command, block));
    }
    found
}

#[test]
fn documented_command_output_is_what_the_command_prints() {
    const MARKER: &str = "<!-- output of: hjemmel ";
    let doc = "docs/cli.md";
    let markdown = read(doc);
    let mut compared = Vec::new();
    for (i, command, block) in marked_blocks(doc, &markdown, MARKER) {
        let args: Vec<&str> = command.split_whitespace().collect();
        let actual = match args.split_first() {
            Some((&"check", rest)) => check_output(rest),
            Some((&"graph", rest)) => graph_output(rest),
            Some((&"ropa", rest)) => ropa_output(rest),
            Some((&"diff", rest)) => diff_output(rest),
            _ => panic!(
                "{doc}:{}: the docs test does not run `hjemmel {command}`",
                i + 1
            ),
        };
        assert!(
            normalised(&block.text) == normalised(&actual),
            "{doc}:{}: the output of `hjemmel {command}` has changed; replace the block with:\n{actual}",
            i + 1
        );
        compared.push(args[0]);
    }
    for command in ["check", "graph", "diff", "ropa"] {
        assert!(
            compared.contains(&command),
            "{doc} has no `{MARKER}{command} ...` blocks"
        );
    }
}

#[test]
fn documented_sarif_results_are_what_the_command_prints() {
    const MARKER: &str = "<!-- results of: hjemmel check ";
    let doc = "docs/cli.md";
    let markdown = read(doc);
    let mut compared = 0;
    for (i, command, block) in marked_blocks(doc, &markdown, MARKER) {
        let args: Vec<&str> = command.split_whitespace().collect();
        assert!(
            args.windows(2).any(|w| w == ["--format", "sarif"]),
            "{doc}:{}: `results of` is for SARIF logs",
            i + 1
        );
        let log: serde_json::Value = serde_json::from_str(&check_output(&args)).unwrap();
        let actual = &log["runs"][0]["results"];
        let documented: serde_json::Value = serde_json::from_str(&block.text)
            .unwrap_or_else(|e| panic!("{doc}:{}: the block is not JSON: {e}", i + 1));
        assert!(
            &documented == actual,
            "{doc}:{}: the results of `hjemmel check {command}` have changed; replace the block with:\n{}",
            i + 1,
            serde_json::to_string_pretty(actual).unwrap()
        );
        compared += 1;
    }
    assert!(compared > 0, "{doc} has no `{MARKER}...` blocks");
}

/// How hjemmel shows a citation written in a spec (`dbl 8(2)(1)` → `Databeskyttelsesloven § 8, stk. 2, nr. 1`).
fn shown(written: &str) -> String {
    use hjemmel::syntax::ast::{Declaration, Statement};
    let text = format!("activity a \"A\" {{ basis {written} }}");
    let file = hjemmel::syntax::parser::parse_file(hjemmel::syntax::span::FileId(0), &text)
        .unwrap_or_else(|e| panic!("`{written}` does not parse: {}", e[0].message));
    let Some(Declaration::Activity(activity)) = file.declarations.first() else {
        panic!("`{written}`: no activity");
    };
    let Some(Statement::Basis(citations, _)) = activity.statements.first() else {
        panic!("`{written}`: no basis statement");
    };
    assert_eq!(citations.len(), 1, "`{written}` is one citation");
    hjemmel::law::citation::validate(&citations[0], hjemmel::i18n::Lang::En)
        .unwrap_or_else(|e| panic!("`{written}` is not valid: {}", e.message))
        .to_string()
}

#[test]
fn documented_renderings_of_citations_are_right() {
    let language = read("docs/language.md");
    let table = language
        .split_once("| written | shown as |")
        .expect("docs/language.md has the table of citations as written and shown")
        .1;
    let mut rows = 0;
    for line in table.lines().skip(2) {
        let Some(cells) = line.strip_prefix('|').and_then(|l| l.strip_suffix('|')) else {
            break;
        };
        let cells: Vec<&str> = cells.split('|').map(str::trim).collect();
        let written = cells[0].trim_matches('`');
        assert_eq!(shown(written), cells[1], "how `{written}` is shown");
        rows += 1;
    }
    assert!(rows > 0, "the table of citations is empty");
}

/// docs/import.md shows the default mapping whole: the page's copy is the file the import reads.
#[test]
fn the_default_mapping_in_docs_import_md_is_the_file() {
    let file = read("src/import/default_mapping.toml");
    let shown: Vec<Block> = blocks(&read("docs/import.md"))
        .into_iter()
        .filter(|b| b.info == "toml" && b.text.starts_with("# The default mapping of"))
        .collect();
    assert_eq!(
        shown.len(),
        1,
        "docs/import.md shows the default mapping once"
    );
    assert_eq!(
        shown[0].text, file,
        "docs/import.md (line {}) differs from src/import/default_mapping.toml",
        shown[0].first_line
    );
}
