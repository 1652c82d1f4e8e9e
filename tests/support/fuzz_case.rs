//! One fuzz input run as a user would run it: arbitrary bytes become a spec on disk (one file, or
//! several files and a `hjemmel.toml`, and for `diff` an old and a new version), which is loaded,
//! parsed, resolved and checked, then rendered in every output format; each output is checked with
//! [`output_checks`](super::output_checks). Shared by the fuzz targets (fuzz/fuzz_targets/) and the
//! stable smoke test (tests/fuzz_smoke.rs), which include this file next to output_checks.rs.
//!
//! The bytes are read so that a fuzzer reaches every shape with a byte or two:
//! - a byte 0x01 splits the old version (before it) from the new one (after it), for `diff`;
//!   without one, the new version is compared with no old version (a spec that is all new);
//! - in each version, bytes 0x00 split files: one part is one `.hjemmel` file; with several parts,
//!   the last is the spec's `hjemmel.toml`;
//! - the first byte's lowest bit chooses the language (English or Danish).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use hjemmel::Outcome;
use hjemmel::diff::{self, Compared, Side};
use hjemmel::flow::render::{self as graph, RenderOptions};
use hjemmel::i18n::Lang;
use hjemmel::report::{self, human};
use hjemmel::ropa::{self, Record};

use super::output_checks::Check;

/// At most this many `.hjemmel` files in one version (the rest of the input goes into the last).
const MAX_FILES: usize = 6;

/// A spec version as files: `.hjemmel` texts and maybe a settings file.
#[derive(Debug, Clone, Default)]
pub struct SpecFiles {
    pub specs: Vec<Vec<u8>>,
    pub config: Option<Vec<u8>>,
}

impl SpecFiles {
    /// One version's bytes: parts split at 0x00; with several, the last is `hjemmel.toml`.
    pub fn from_bytes(bytes: &[u8]) -> SpecFiles {
        let mut parts: Vec<&[u8]> = bytes.splitn(MAX_FILES + 1, |&b| b == 0).collect();
        let config = (parts.len() > 1).then(|| parts.pop().unwrap_or_default().to_vec());
        SpecFiles {
            specs: parts.into_iter().map(<[u8]>::to_vec).collect(),
            config,
        }
    }

    /// Writes the version into the empty directory `dir`; gives the path to check: the file
    /// itself when the spec is one file without settings, the directory otherwise.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        for (i, text) in self.specs.iter().enumerate() {
            std::fs::write(dir.join(format!("part{i}.hjemmel")), text)?;
        }
        if let Some(config) = &self.config {
            std::fs::write(dir.join("hjemmel.toml"), config)?;
        }
        Ok(if self.specs.len() == 1 && self.config.is_none() {
            dir.join("part0.hjemmel")
        } else {
            dir.to_path_buf()
        })
    }
}

/// A whole fuzz input: the language, maybe an old version, and the new version.
#[derive(Debug, Clone)]
pub struct FuzzInput {
    pub lang: Lang,
    pub old: Option<SpecFiles>,
    pub new: SpecFiles,
}

impl FuzzInput {
    pub fn from_bytes(bytes: &[u8]) -> FuzzInput {
        let lang = match bytes.first() {
            Some(b) if b & 1 == 1 => Lang::Da,
            _ => Lang::En,
        };
        let (old, new) = match bytes.iter().position(|&b| b == 1) {
            Some(at) => (Some(SpecFiles::from_bytes(&bytes[..at])), &bytes[at + 1..]),
            None => (None, bytes),
        };
        FuzzInput {
            lang,
            old,
            new: SpecFiles::from_bytes(new),
        }
    }
}

/// The input written out under `dir` (which is emptied first) and checked: the new version's and,
/// when there is one, the old version's outcome, with the paths as shown.
pub struct CheckedInput {
    pub lang: Lang,
    pub new_path: String,
    pub new: Outcome,
    pub old: Option<(String, Outcome)>,
}

/// A directory of this process's own for the inputs' files, in the system's temporary directory
/// (a fuzzer runs millions of inputs: one directory, emptied for each).
pub fn scratch_dir() -> PathBuf {
    std::env::temp_dir().join(format!("hjemmel-fuzz-{}", std::process::id()))
}

/// Loads, parses, resolves and checks both versions of `input`, written under `dir`.
pub fn check_input(input: &FuzzInput, dir: &Path) -> CheckedInput {
    let _ = std::fs::remove_dir_all(dir);
    let check = |files: &SpecFiles, name: &str| {
        let path = files
            .write_to(&dir.join(name))
            .expect("the fuzz directory is writable");
        let shown = path.display().to_string();
        let outcome = hjemmel::check_spec(&path, input.lang);
        (shown, outcome)
    };
    let (new_path, new) = check(&input.new, "new");
    let old = input.old.as_ref().map(|old| check(old, "old"));
    CheckedInput {
        lang: input.lang,
        new_path,
        new,
        old,
    }
}

/// One rendered output: which command and format made it, and its text.
pub struct Rendered {
    pub format: &'static str,
    pub text: String,
    /// The properties this format's output must have.
    pub checks: &'static [Check],
}

/// Terminal text (or text that ends up in a terminal, a log or a pull-request comment).
const TERMINAL: &[Check] = &[Check::NoControlCharacters];

/// Which outputs [`render_all`] makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outputs {
    Every,
    /// Every output but SARIF, whose rule descriptions (the same for every spec) take most of the
    /// time of a debug build: for the smoke test's cases but one in so many.
    AllButSarif,
}

/// Every output hjemmel makes of the checked input, as the commands make them (human output
/// without colour, so that an ESC in it comes from the spec).
pub fn render_all(checked: &CheckedInput, outputs: Outputs) -> Vec<Rendered> {
    let lang = checked.lang;
    let mut out = Vec::new();
    let mut add = |format, text, checks| {
        out.push(Rendered {
            format,
            text,
            checks,
        })
    };
    let new_report = checked.new.report(&checked.new_path);
    let reports = [new_report];
    let style = human::Style {
        lang,
        ..human::Style::PLAIN
    };
    add("check human", human::render(&reports, style), TERMINAL);
    add(
        "check human --no-group",
        human::render(
            &reports,
            human::Style {
                group: false,
                ..style
            },
        ),
        TERMINAL,
    );
    add(
        "check json",
        report::json::render(&reports),
        &[Check::JsonParses],
    );
    if outputs == Outputs::Every {
        let paths = report::sarif::Paths::new("/", "/");
        add(
            "check sarif",
            report::sarif::render_in(&reports, &paths, lang),
            &[Check::JsonParses],
        );
    }
    add(
        "check github",
        report::github::render_in(&reports, lang),
        &[Check::NoControlCharacters, Check::GithubCommands],
    );

    let Ok(new_checked) = &checked.new.result else {
        return out;
    };
    let options = report::html::Options {
        lang,
        made_on: Some("2026-12-05".to_string()),
        commit: None,
    };
    add(
        "report html",
        report::html::render(
            &checked.new_path,
            &checked.new.sources,
            new_checked,
            &options,
        ),
        &[],
    );
    let record = Record::build(&new_checked.model, &new_checked.flow, lang);
    add(
        "ropa md",
        ropa::markdown::render(&record),
        &[Check::NoControlCharacters, Check::MarkdownTables],
    );
    add(
        "ropa csv",
        ropa::csv::render(&record),
        &[Check::NoCsvFormula],
    );
    add(
        "ropa json",
        ropa::json::render(&record),
        &[Check::JsonParses],
    );
    add(
        "ropa dpv",
        ropa::dpv::render(lang, &new_checked.model, &new_checked.flow),
        &[Check::JsonParses],
    );
    let graph_options = RenderOptions {
        category: None,
        lang,
    };
    let (model, flow) = (&new_checked.model, &new_checked.flow);
    add(
        "graph dot",
        graph::dot::render(model, flow, &graph_options),
        TERMINAL,
    );
    add(
        "graph mermaid",
        graph::mermaid::render(model, flow, &graph_options),
        TERMINAL,
    );
    add(
        "graph svg",
        graph::svg::render(model, flow, &graph_options),
        &[Check::XmlWellFormed],
    );
    // `graph --category`: only the first category's flows.
    if !model.data.is_empty() {
        let only_first = RenderOptions {
            category: Some(hjemmel::semantic::model::DataId(0)),
            lang,
        };
        add(
            "graph svg --category",
            graph::svg::render(model, flow, &only_first),
            &[Check::XmlWellFormed],
        );
    }

    // `diff`: against the old version when it is understood too, against nothing otherwise.
    let old = match &checked.old {
        Some((path, outcome)) => match &outcome.result {
            Ok(old_checked) => Some((path.as_str(), outcome, old_checked)),
            Err(_) => None,
        },
        None => None,
    };
    let compared = Compared {
        old_path: old.map_or(checked.new_path.as_str(), |(path, ..)| path),
        revision: old.is_none().then_some("HEAD"),
        new_path: &checked.new_path,
    };
    let old_side = old.map(|(_, outcome, old_checked)| Side {
        sources: &outcome.sources,
        checked: old_checked,
    });
    let new_side = Side {
        sources: &checked.new.sources,
        checked: new_checked,
    };
    let result = diff::compare(compared, old_side, new_side).with_notice(lang);
    add("diff human", diff::human::render(&result, lang), TERMINAL);
    add(
        "diff markdown",
        diff::markdown::render(&result, lang),
        &[Check::NoControlCharacters, Check::MarkdownTables],
    );
    add(
        "diff json",
        diff::json::render(&result, lang),
        &[Check::JsonParses],
    );
    out
}

/// A property an output does not have.
#[derive(Debug, Clone)]
pub struct Violation {
    pub check: Check,
    pub format: &'static str,
    pub detail: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): {}",
            self.format,
            self.check.name(),
            self.detail
        )
    }
}

/// Every check of every output, except those in `skip`.
pub fn violations(rendered: &[Rendered], skip: &[Check]) -> Vec<Violation> {
    let mut found = Vec::new();
    for output in rendered {
        for &check in output.checks.iter().filter(|c| !skip.contains(c)) {
            if let Err(detail) = check.run(&output.text) {
                found.push(Violation {
                    check,
                    format: output.format,
                    detail,
                });
            }
        }
    }
    found
}

/// What every run must give besides well-formed output: a spec that was not understood says why.
pub fn outcome_problems(checked: &CheckedInput) -> Vec<String> {
    let mut problems = Vec::new();
    let mut outcomes = vec![(&checked.new_path, &checked.new)];
    outcomes.extend(checked.old.iter().map(|(path, outcome)| (path, outcome)));
    for (path, outcome) in outcomes {
        if let Err(errors) = &outcome.result
            && errors.is_empty()
        {
            problems.push(format!("{path}: not understood, and no error says why"));
        }
    }
    problems
}
