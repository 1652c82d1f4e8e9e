//! Shared by the test files: check a spec, render it as a user sees it, read inline expectations.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use hjemmel::config::waivers::Suppressed;
use hjemmel::diagnostic::Diagnostic;
use hjemmel::i18n::Lang;
use hjemmel::report::{SpecReport, human};
use hjemmel::source::SourceMap;

/// The workbook `hjemmel ropa --format xlsx` writes for the spec at `path` in `lang`, dated now.
pub fn workbook_of(path: &Path, lang: Lang) -> Vec<u8> {
    use hjemmel::ropa::{Activities, ControllerRecord, xlsx};
    let outcome = hjemmel::check_spec(path, lang);
    let checked = outcome.result.as_ref().expect("the spec is understood");
    let (model, flow) = (&checked.model, &checked.flow);
    let controller = ControllerRecord::of(model);
    let activities = Activities::new(model, flow, lang);
    xlsx::workbook(model, lang, &controller, activities, None).expect("the workbook is written")
}

/// The `hjemmel` binary with `args`, as the tests run it: at the package root (so that paths are
/// the repository's), 100 columns wide, without colour.
pub fn hjemmel_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hjemmel"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1");
    command
}

/// Runs [`hjemmel_command`] and gives what it printed.
pub fn hjemmel(args: &[&str]) -> Output {
    run(hjemmel_command(args))
}

/// [`hjemmel`] run in `dir`.
pub fn hjemmel_in(dir: &Path, args: &[&str]) -> Output {
    let mut command = hjemmel_command(args);
    command.current_dir(dir);
    run(command)
}

/// Runs a command of the binary to its end.
pub fn run(mut command: Command) -> Output {
    command.output().expect("the hjemmel binary runs")
}

/// Runs [`hjemmel_command`] with `args` to its end, or fails the test if it has not ended within
/// a minute (a FIFO or a device read would make it wait or read for ever). For commands that print
/// little: the pipes are read once it has ended, so a run that fills one would wait.
pub fn hjemmel_ends(args: &[&str]) -> Output {
    let mut child = hjemmel_command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the hjemmel binary runs");
    for _ in 0..600 {
        if child.try_wait().expect("the child's state").is_some() {
            return child.wait_with_output().expect("its output");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.kill().expect("the child is stopped");
    panic!("`hjemmel {}` hangs", args.join(" "));
}

/// What checking a spec gave.
pub struct Checked {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub suppressed: Vec<Suppressed>,
    pub understood: bool,
}

pub fn check(path: &Path) -> Checked {
    check_in(path, Lang::En)
}

/// Checks a spec with the findings worded in `lang`.
pub fn check_in(path: &Path, lang: Lang) -> Checked {
    let outcome = hjemmel::check_spec(path, lang);
    let (diagnostics, suppressed, understood) = match outcome.result {
        Ok(checked) => (checked.findings, checked.suppressed, true),
        Err(errors) => (errors, Vec::new(), false),
    };
    Checked {
        sources: outcome.sources,
        diagnostics,
        suppressed,
        understood,
    }
}

/// Checks a spec and fails with the rendered output unless it is a valid spec.
pub fn check_valid(path: &str) -> Checked {
    let checked = check(Path::new(path));
    assert!(
        checked.understood,
        "{path} must be a valid spec:\n{}",
        checked.render(path)
    );
    checked
}

impl Checked {
    /// The human rendering, without colour at a fixed width, as snapshots store it.
    pub fn render(&self, path: &str) -> String {
        self.render_in(path, Lang::En)
    }

    /// [`Checked::render`] with the report's own words in `lang`.
    pub fn render_in(&self, path: &str, lang: Lang) -> String {
        human::render(
            &[SpecReport {
                path,
                sources: &self.sources,
                diagnostics: &self.diagnostics,
                suppressed: &self.suppressed,
                understood: self.understood,
            }],
            human::Style {
                lang,
                ..human::Style::PLAIN
            },
        )
    }

    /// (file name, line, code) of every diagnostic, counted.
    pub fn actual(&self) -> BTreeMap<(String, usize, String), usize> {
        let mut found = BTreeMap::new();
        for d in &self.diagnostics {
            let key = match &d.primary {
                Some(label) => {
                    let file = self.sources.file(label.span.file);
                    (
                        file.name.clone(),
                        file.line_col(label.span.start as usize).0,
                        d.code.clone(),
                    )
                }
                None => (String::new(), 0, d.code.clone()),
            };
            *found.entry(key).or_insert(0) += 1;
        }
        found
    }

    /// Every `// expect: CODE[, CODE...]` comment in the spec's files, by (file, line, code), counted.
    /// `// expect: CODE x2` expects two diagnostics with that code on the line; a quoted phrase after
    /// the code (`// expect: CODE "phrase"`) is checked by [`Checked::expected_phrases`].
    pub fn expected(&self) -> BTreeMap<(String, usize, String), usize> {
        let mut expected = BTreeMap::new();
        for (file, line, item) in self.expectation_items() {
            *expected.entry((file, line, item.code)).or_insert(0) += item.count;
        }
        expected
    }

    /// Every phrase of a `// expect: CODE "phrase"` comment, by (file, line, code): a diagnostic with
    /// that code on that line must say it, in its message, a label or its help. It pins which of a
    /// rule's message variants fires, where the count of findings alone would not tell them apart.
    pub fn expected_phrases(&self) -> Vec<((String, usize, String), String)> {
        let mut phrases = Vec::new();
        for (file, line, item) in self.expectation_items() {
            for phrase in item.phrases {
                phrases.push(((file.clone(), line, item.code.clone()), phrase));
            }
        }
        phrases
    }

    /// The items of every `// expect:` comment, with the file name and line they stand on.
    fn expectation_items(&self) -> Vec<(String, usize, Expectation)> {
        let mut items = Vec::new();
        for (_, file) in self.sources.files() {
            for (i, line) in file.text.lines().enumerate() {
                let Some((_, rest)) = line.split_once("// expect:") else {
                    continue;
                };
                for item in split_outside_quotes(rest) {
                    items.push((file.name.clone(), i + 1, Expectation::parse(&item)));
                }
            }
        }
        items
    }

    /// The texts a reader is shown for the diagnostics with `code` on `line` of `file`: message,
    /// labels and help of each.
    fn texts_at(&self, (file, line, code): &(String, usize, String)) -> Vec<String> {
        self.diagnostics
            .iter()
            .filter(|d| &d.code == code)
            .filter(|d| match &d.primary {
                Some(label) => {
                    let source = self.sources.file(label.span.file);
                    &source.name == file && source.line_col(label.span.start as usize).0 == *line
                }
                None => file.is_empty() && *line == 0,
            })
            .map(|d| {
                let labels = d
                    .primary
                    .iter()
                    .chain(&d.secondary)
                    .map(|l| l.message.as_str());
                std::iter::once(d.message.as_str())
                    .chain(labels)
                    .chain(d.help.as_deref())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    }

    /// Panics with the rendered output unless the diagnostics are exactly the expected ones, and
    /// each expected phrase is said by a diagnostic it is written for.
    pub fn assert_expectations(&self, path: &str) {
        let (expected, actual) = (self.expected(), self.actual());
        assert_eq!(
            expected,
            actual,
            "diagnostics of {path} differ from its `// expect:` comments (left: expected, right: actual)\n{}",
            self.render(path)
        );
        for (at, phrase) in self.expected_phrases() {
            let texts = self.texts_at(&at);
            assert!(
                texts.iter().any(|t| t.contains(&phrase)),
                "{path}:{}: no {} diagnostic on the line says {phrase:?}; it says:\n{}",
                at.1,
                at.2,
                texts.join("\n---\n")
            );
        }
    }
}

/// One item of an `// expect:` comment: `CODE`, `CODE x2`, `CODE "phrase"`, `CODE x2 "a" "b"`.
struct Expectation {
    code: String,
    count: usize,
    phrases: Vec<String>,
}

impl Expectation {
    fn parse(item: &str) -> Expectation {
        let (head, quoted) = match item.find('"') {
            Some(i) => item.split_at(i),
            None => (item, ""),
        };
        let phrases: Vec<String> = quoted
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        assert!(
            quoted.matches('"').count() % 2 == 0 && phrases.iter().all(|p| !p.is_empty()),
            "`{item}`: a phrase is a non-empty text in double quotes"
        );
        let (code, count) = match head.trim().split_once(" x") {
            Some((code, n)) => (code.trim(), n.trim().parse().expect("`xN` is a count")),
            None => (head.trim(), 1),
        };
        assert!(
            !code.is_empty() && !code.contains(' '),
            "`{item}`: an expectation is a code, then `xN` and phrases in double quotes"
        );
        Expectation {
            code: code.to_string(),
            count,
            phrases,
        }
    }
}

/// `A "x, y", B` → [`A "x, y"`, `B`]: the items of an `// expect:` comment, whose phrases may hold
/// commas.
fn split_outside_quotes(text: &str) -> Vec<String> {
    let (mut items, mut item, mut quoted) = (Vec::new(), String::new(), false);
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                item.push(c);
            }
            ',' if !quoted => items.push(std::mem::take(&mut item)),
            _ => item.push(c),
        }
    }
    items.push(item);
    items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

/// The path relative to the package root, as a user would type it (stable in snapshots).
pub fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Snapshots of glob tests named `<prefix>@<dir>__<file>.snap` whose fixture no longer exists: a
/// renamed or deleted fixture must take its snapshot with it.
pub fn orphaned_snapshots(prefix: &str, fixtures: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/snapshots")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(rest) = name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(".snap"))
        else {
            continue;
        };
        let fixture = root.join(fixtures).join(rest.replace("__", "/"));
        if !fixture.exists() {
            orphans.push(name);
        }
    }
    orphans
}

/// English keywords of the vocabulary that Danish writes the same way: words (`et register`, `en
/// person`, `administration`, `social`) and abbreviations (`CPR`, `AI`, `DPF-listen`, `SCC`, `BCR`).
pub const ALSO_DANISH: &[&str] = &[
    "register",
    "person",
    "organisation",
    "administration",
    "social",
    "cpr",
    "ai",
    "dpf",
    "scc",
    "bcr",
];

/// The English words a Danish reader must not meet: every keyword of the vocabulary's enums (areas,
/// source and recipient kinds, data classes, ...), the English severity words and `more` (a
/// format's own labels), taken from the code, less the keywords Danish writes the same way.
pub fn english_words_and(more: impl IntoIterator<Item = &'static str>) -> Vec<&'static str> {
    use hjemmel::law::vocabulary::*;
    let keywords = [
        DataClass::KEYWORDS,
        SpecialKind::KEYWORDS,
        SubjectKind::KEYWORDS,
        SourceKind::KEYWORDS,
        RecipientKind::KEYWORDS,
        Mechanism::KEYWORDS,
        ReviewMode::KEYWORDS,
        Area::KEYWORDS,
        TimeUnit::KEYWORDS,
    ];
    let severities = [
        hjemmel::report::human::text::FINDING_ERROR.en,
        hjemmel::report::human::text::FINDING_WARNING.en,
        hjemmel::report::human::text::ERROR.en,
        hjemmel::report::human::text::WARNING.en,
    ];
    let mut words: Vec<&str> = keywords
        .into_iter()
        .flatten()
        .copied()
        .chain(severities)
        .chain(more)
        .filter(|w| !ALSO_DANISH.contains(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Every name and label the spec declares (controller, groups, data, sources, processors,
/// recipients, activities), leaving out empty ones: the spec's own words, which a check on the
/// language of the output must not count.
pub fn names_and_labels(m: &hjemmel::semantic::model::Model) -> Vec<String> {
    std::iter::once((&m.controller.name, &m.controller.label))
        .chain(m.subjects.iter().map(|d| (&d.name, &d.label)))
        .chain(m.data.iter().map(|d| (&d.name, &d.label)))
        .chain(m.sources.iter().map(|d| (&d.name, &d.label)))
        .chain(m.processors.iter().map(|d| (&d.name, &d.label)))
        .chain(m.recipients.iter().map(|d| (&d.name, &d.label)))
        .chain(m.activities.iter().map(|d| (&d.name, &d.label)))
        .flat_map(|(n, l)| [n.node.clone(), l.node.to_string()])
        .filter(|w| !w.is_empty())
        .collect()
}
