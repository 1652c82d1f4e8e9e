//! The fuzz targets' checks (fuzz/fuzz_targets/), bounded and deterministic, on the stable toolchain:
//! the repository's specs, examples and fixtures (fuzz/seeds/, built by fuzz/build_corpus.py), each
//! mutated by a seeded generator — byte flips, keyword splices, control characters and formula
//! starts in strings, Markdown structure, files split and joined, diffs — run as a user would run
//! them (tests/support/fuzz_case.rs) and checked (tests/support/output_checks.rs).
//!
//! One generation of cases is shared by the test functions below, one function per property, so a
//! failure names the property it breaks. Huge numbers and long lines make their own sets, each case
//! with one: a label past column 65,535 used to panic in miette (issue 11, point 2).
//!
//! The `import` target's checks (tests/support/import_case.rs) run the same way at the end: the
//! import seeds (fuzz/seeds-import/) mutated, and workbooks made from the seeds' rows with cells
//! far from A1 and hostile text.

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;
#[path = "support/fuzz_case.rs"]
mod fuzz_case;
#[path = "support/import_case.rs"]
mod import_case;
#[path = "support/output_checks.rs"]
mod output_checks;

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::OnceLock;

use fuzz_case::{FuzzInput, Violation};
use output_checks::Check;

/// Mutated cases per set: about 8 ms of CPU each in a debug build.
const CASES: usize = 1200;
/// Cases of the sets that make huge numbers or long lines (each case is a larger run).
const SPECIAL_CASES: usize = 100;
/// One case in so many is rendered as SARIF too (its rule descriptions, the same for every spec,
/// take longer than all the other outputs together in a debug build).
const SARIF_EVERY: usize = 8;

/// The outputs of case number `case`.
fn outputs(case: usize) -> fuzz_case::Outputs {
    if case.is_multiple_of(SARIF_EVERY) {
        fuzz_case::Outputs::Every
    } else {
        fuzz_case::Outputs::AllButSarif
    }
}

/// What a mutation does; a case remembers which it had, for the failure message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mutation {
    FlipBit,
    DeleteBytes,
    DuplicateLine,
    SpliceKeyword,
    /// ESC, OSC 8, BEL, CR, C1, bidi overrides, in a string or anywhere.
    ControlCharacter,
    /// `=`, `+`, `-`, `@` at the start of a string.
    FormulaStart,
    /// `|`, a line break and a heading, in a string.
    MarkdownStructure,
    /// A file boundary (0x00) or the old/new boundary of a diff (0x01).
    SplitFiles,
    /// The whole input before it again, as the old version of a diff.
    DiffWithOriginal,
    /// A number beyond any range (retention amounts overflow, issue 11 point 2).
    HugeNumber,
    /// A line past column 65,535 (miette's renderer panics, issue 11 point 2).
    LongLine,
}

/// The mutations every set uses.
const ORDINARY: &[Mutation] = &[
    Mutation::FlipBit,
    Mutation::DeleteBytes,
    Mutation::DuplicateLine,
    Mutation::SpliceKeyword,
    Mutation::ControlCharacter,
    Mutation::FormulaStart,
    Mutation::MarkdownStructure,
    Mutation::SplitFiles,
    Mutation::DiffWithOriginal,
];

const CONTROL: &[&[u8]] = &[
    b"\x1b[2J\x1b[31m",
    b"\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    b"\x07",
    b"\r",
    b"\x08",
    "\u{9b}31m".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{2066}".as_bytes(),
];
const FORMULAS: &[&[u8]] = &[
    b"=HYPERLINK(\"https://x\")",
    b"+45 12 34",
    b"-2+3",
    b"@SUM(A1)",
];
const MARKDOWN: &[&[u8]] = &[
    b"|",
    b" | x | y",
    b"\r# heading\r",
    b"\n| a |",
    b"![i](https://x)",
];
const HUGE: &[&[u8]] = &[
    b"5508753709683126373",
    b"18446744073709551616",
    b"99999999999999999999999999",
    b"4294967296",
];

/// The dictionary's entries (fuzz/hjemmel.dict), unescaped.
fn keywords() -> Vec<Vec<u8>> {
    let dict =
        std::fs::read_to_string(root().join("fuzz/hjemmel.dict")).expect("fuzz/hjemmel.dict");
    let words: Vec<Vec<u8>> = dict
        .lines()
        .filter(|line| line.starts_with('"'))
        .map(|line| unescape(&line[1..line.len() - 1]))
        .collect();
    assert!(
        words.len() > 100,
        "fuzz/hjemmel.dict: {} words",
        words.len()
    );
    words
}

/// libFuzzer's dictionary escapes: `\\`, `\"`, `\xNN`.
fn unescape(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'\\', Some(b'x')) => {
                let hex = std::str::from_utf8(&bytes[i + 2..i + 4]).expect("hex digits");
                out.push(u8::from_str_radix(hex, 16).expect("hex digits"));
                i += 4;
            }
            (b'\\', Some(&c)) => {
                out.push(c);
                i += 2;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The committed seeds, by name, so that the cases do not depend on the order of a directory.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(root().join("fuzz/seeds"))
        .expect("fuzz/seeds: run python3 fuzz/build_corpus.py")
        .map(|entry| {
            let path = entry.expect("a seed").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("a seed is readable"))
        })
        .collect();
    seeds.sort();
    assert!(seeds.len() > 300, "fuzz/seeds: {} seeds", seeds.len());
    seeds
}

/// Where a string's text starts: just after an opening quote, or anywhere when there is none.
fn in_a_string(bytes: &[u8], rng: &mut Rng) -> usize {
    let quotes: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'"').collect();
    // Every other quote opens a string, roughly; either way the text goes in or next to one.
    match quotes.len() {
        0 => rng.below(bytes.len() + 1),
        n => quotes[rng.below(n) & !1] + 1,
    }
}

/// A place between tokens: just after white space, or the start.
fn between_tokens(bytes: &[u8], rng: &mut Rng) -> usize {
    let spaces: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i].is_ascii_whitespace())
        .collect();
    match spaces.len() {
        0 => 0,
        n => spaces[rng.below(n)] + 1,
    }
}

fn insert(bytes: &mut Vec<u8>, at: usize, what: &[u8]) {
    bytes.splice(at..at, what.iter().copied());
}

/// One mutation of `bytes`.
fn mutate(bytes: &mut Vec<u8>, mutation: Mutation, keywords: &[Vec<u8>], rng: &mut Rng) {
    let len = bytes.len();
    match mutation {
        Mutation::FlipBit if len > 0 => {
            let at = rng.below(len);
            bytes[at] ^= 1 << rng.below(8);
        }
        Mutation::DeleteBytes if len > 0 => {
            let at = rng.below(len);
            let end = (at + 1 + rng.below(16)).min(len);
            bytes.drain(at..end);
        }
        Mutation::DuplicateLine if len > 0 => {
            let at = rng.below(len);
            let start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let end = bytes[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(len, |i| at + i + 1);
            let line = bytes[start..end].to_vec();
            insert(bytes, end, &line);
        }
        Mutation::SpliceKeyword => {
            let at = between_tokens(bytes, rng);
            let mut word = rng.pick(keywords).clone();
            word.push(b' ');
            insert(bytes, at, &word);
        }
        Mutation::ControlCharacter => {
            let at = match rng.below(4) {
                0 => rng.below(len + 1),
                _ => in_a_string(bytes, rng),
            };
            insert(bytes, at, rng.piece(CONTROL));
        }
        Mutation::FormulaStart => {
            let at = in_a_string(bytes, rng);
            insert(bytes, at, rng.piece(FORMULAS));
        }
        Mutation::MarkdownStructure => {
            let at = in_a_string(bytes, rng);
            insert(bytes, at, rng.piece(MARKDOWN));
        }
        Mutation::SplitFiles => {
            let at = between_tokens(bytes, rng);
            let separator = if rng.below(4) == 0 { 1 } else { 0 };
            insert(bytes, at, &[separator]);
        }
        Mutation::DiffWithOriginal => {
            let mut old = bytes.clone();
            old.retain(|&b| b != 1);
            old.push(1);
            insert(bytes, 0, &old);
        }
        Mutation::HugeNumber => {
            let digits: Vec<usize> = (0..len).filter(|&i| bytes[i].is_ascii_digit()).collect();
            let at = match digits.len() {
                0 => between_tokens(bytes, rng),
                n => digits[rng.below(n)],
            };
            let end = at
                + bytes[at..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            let huge = rng.piece(HUGE);
            bytes.splice(at..end, huge.iter().copied());
        }
        Mutation::LongLine => {
            // Either the whole spec on one line, or a line of padding before a token: columns past
            // 65,535 either way.
            if rng.below(2) == 0 {
                for b in bytes.iter_mut().filter(|b| **b == b'\n') {
                    *b = b' ';
                }
                insert(bytes, 0, &vec![b' '; 70_000]);
            } else {
                let at = between_tokens(bytes, rng);
                insert(bytes, at, &vec![b' '; 66_000 + rng.below(4_000)]);
            }
        }
        // An empty input takes what there is to insert.
        _ => {
            let word: &Vec<u8> = rng.pick(keywords);
            insert(bytes, 0, word)
        }
    }
}

/// One generated case and what running it gave.
struct CaseResult {
    name: String,
    input: Vec<u8>,
    panic: Option<String>,
    /// Whether the new version was understood (`None` after a panic).
    understood: Option<bool>,
    violations: Vec<Violation>,
    problems: Vec<String>,
}

impl CaseResult {
    /// The case as a failure message shows it, with a file that replays it in the fuzz targets
    /// (`cargo +nightly fuzz run renderers FILE`).
    fn describe(&self) -> String {
        let dir = root().join("target/fuzz-smoke");
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(self.name.replace(['/', ' ', ':'], "_"));
        let _ = std::fs::write(&file, &self.input);
        format!("{} (input: {})", self.name, file.display())
    }
}

/// Runs `count` cases made from the seeds with `mutations` (one to three each, `extra` always
/// among them when given), under `seed`.
fn run_cases(seed: u64, count: usize, extra: Option<Mutation>) -> Vec<CaseResult> {
    let seeds = seeds();
    let keywords = keywords();
    let mut rng = Rng(seed);
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let mut results = Vec::with_capacity(count);
    for case in 0..count {
        let (seed_name, seed_bytes) = rng.pick(&seeds);
        let mut input = seed_bytes.clone();
        let mut applied = BTreeSet::new();
        for _ in 0..=rng.below(3) {
            let mutation = *rng.pick(ORDINARY);
            mutate(&mut input, mutation, &keywords, &mut rng);
            applied.insert(mutation);
        }
        if let Some(extra) = extra {
            mutate(&mut input, extra, &keywords, &mut rng);
            applied.insert(extra);
        }
        let name = format!("case {case} of seed {seed:#x}: {seed_name} with {applied:?}");
        let dir = scratch.path().join("case");
        let run = catch_unwind(AssertUnwindSafe(|| {
            let checked = fuzz_case::check_input(&FuzzInput::from_bytes(&input), &dir);
            let rendered = fuzz_case::render_all(&checked, outputs(case));
            (
                checked.new.result.is_ok(),
                fuzz_case::violations(&rendered, &[]),
                fuzz_case::outcome_problems(&checked),
            )
        }));
        let (panic, understood, violations, problems) = match run {
            Ok((understood, violations, problems)) => {
                (None, Some(understood), violations, problems)
            }
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                (Some(message), None, Vec::new(), Vec::new())
            }
        };
        results.push(CaseResult {
            name,
            input,
            panic,
            understood,
            violations,
            problems,
        });
    }
    results
}

/// The shared set of ordinary cases.
fn ordinary_cases() -> &'static [CaseResult] {
    static CASES_RUN: OnceLock<Vec<CaseResult>> = OnceLock::new();
    CASES_RUN.get_or_init(|| run_cases(0x5EED_F022, CASES, None))
}

/// Fails with the first few cases that panicked.
fn assert_no_panic(results: &[CaseResult]) {
    let panicked: Vec<String> = results
        .iter()
        .filter_map(|r| {
            r.panic
                .as_ref()
                .map(|p| format!("{}\n  panicked: {p}", r.describe()))
        })
        .take(5)
        .collect();
    assert!(
        panicked.is_empty(),
        "{} of {} cases panicked; the first:\n{}",
        results.iter().filter(|r| r.panic.is_some()).count(),
        results.len(),
        panicked.join("\n")
    );
}

/// Fails with the first few cases whose output does not have the property `check`.
fn assert_holds(results: &[CaseResult], check: Check) {
    assert_holds_in(results.iter(), check);
}

/// [`assert_holds`] on some of the cases.
fn assert_holds_in<'a>(results: impl Iterator<Item = &'a CaseResult>, check: Check) {
    let mut checked = 0;
    let mut failing = Vec::new();
    for r in results.filter(|r| r.panic.is_none()) {
        checked += 1;
        if let Some(v) = r.violations.iter().find(|v| v.check == check) {
            failing.push(format!("{}\n  {v}", r.describe()));
        }
    }
    assert!(checked > 0, "no case to check");
    assert!(
        failing.is_empty(),
        "{} of {checked} cases: {}\n{}",
        failing.len(),
        check.name(),
        failing[..failing.len().min(5)].join("\n")
    );
}

#[test]
fn mutated_specs_never_panic() {
    let results = ordinary_cases();
    assert_no_panic(results);
    // The cases reach every stage: many specs are understood (and rendered in every format), many
    // are not (and their errors rendered).
    let understood = results
        .iter()
        .filter(|r| r.understood == Some(true))
        .count();
    let not_understood = results
        .iter()
        .filter(|r| r.understood == Some(false))
        .count();
    assert!(
        understood > results.len() / 10 && not_understood > results.len() / 10,
        "understood {understood}, not understood {not_understood} of {}",
        results.len()
    );
}

#[test]
fn a_spec_that_is_not_understood_says_why() {
    let results = ordinary_cases();
    let silent: Vec<String> = results
        .iter()
        .filter(|r| !r.problems.is_empty())
        .map(|r| format!("{}: {:?}", r.describe(), r.problems))
        .take(5)
        .collect();
    assert!(silent.is_empty(), "{}", silent.join("\n"));
}

#[test]
fn json_output_parses() {
    assert_holds(ordinary_cases(), Check::JsonParses);
}

#[test]
fn svg_output_is_well_formed_xml() {
    assert_holds(ordinary_cases(), Check::XmlWellFormed);
}

#[test]
fn terminal_output_holds_no_control_characters() {
    assert_holds(ordinary_cases(), Check::NoControlCharacters);
}

#[test]
fn csv_cells_never_start_a_formula() {
    assert_holds(ordinary_cases(), Check::NoCsvFormula);
}

#[test]
fn markdown_tables_keep_their_rows() {
    assert_holds(ordinary_cases(), Check::MarkdownTables);
}

#[test]
fn github_output_is_one_workflow_command_a_line() {
    assert_holds(ordinary_cases(), Check::GithubCommands);
}

/// Numbers past every integer type (retention amounts, ages, limits, dates): a located error or a
/// value, never a panic. (That such an amount is not silently taken for another is tests/fixtures/invalid/duration_too_long's.)
#[test]
fn huge_numbers_never_panic() {
    let results = run_cases(0xB16_B00B5, SPECIAL_CASES, Some(Mutation::HugeNumber));
    assert_no_panic(&results);
}

#[test]
fn long_lines_never_panic() {
    let results = run_cases(0x10_4611E, SPECIAL_CASES, Some(Mutation::LongLine));
    assert_no_panic(&results);
}

/// The seeds themselves, unmutated: every output of every spec, example and fixture in the
/// repository has every property but those other branches fix.
#[test]
fn the_seeds_outputs_are_well_formed() {
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let mut failing = Vec::new();
    for (i, (name, bytes)) in seeds().into_iter().enumerate() {
        let checked = fuzz_case::check_input(&FuzzInput::from_bytes(&bytes), scratch.path());
        let rendered = fuzz_case::render_all(&checked, outputs(i));
        for v in fuzz_case::violations(&rendered, &[]) {
            failing.push(format!("{name}: {v}"));
        }
    }
    assert!(failing.is_empty(), "{}", failing.join("\n"));
}

/// fuzz/seeds/ holds every spec file of the repository as it is now: a new fixture is fuzzed too
/// once `python3 fuzz/build_corpus.py` has been run.
#[test]
fn the_seeds_are_the_repositorys_specs() {
    let seeds: BTreeSet<Vec<u8>> = seeds().into_iter().map(|(_, bytes)| bytes).collect();
    let mut stale = Vec::new();
    let mut dirs = vec![
        root().join("specs"),
        root().join("examples"),
        root().join("tests/fixtures"),
    ];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a directory of specs") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "hjemmel")
                && !seeds.contains(&std::fs::read(&path).expect("a spec file"))
            {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "not in fuzz/seeds/ as they are (run python3 fuzz/build_corpus.py): {stale:#?}"
    );
}

// ---- `hjemmel import`: the readers and the writer (tests/support/import_case.rs) ----

/// Mutated import sources: each runs every reader, so about 20 ms of CPU in a debug build.
const IMPORT_CASES: usize = 150;
/// Workbooks made from the seeds' rows.
const WORKBOOK_CASES: usize = 40;

/// The import seeds (fuzz/seeds-import/), by name.
fn import_seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(root().join("fuzz/seeds-import"))
        .expect("fuzz/seeds-import: run python3 fuzz/build_corpus.py")
        .map(|entry| {
            let path = entry.expect("a seed").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("a seed is readable"))
        })
        .collect();
    seeds.sort();
    assert!(
        seeds.len() >= 15,
        "fuzz/seeds-import: {} seeds",
        seeds.len()
    );
    seeds
}

/// fuzz/import.dict's entries, unescaped.
fn import_keywords() -> Vec<Vec<u8>> {
    let dict = std::fs::read_to_string(root().join("fuzz/import.dict")).expect("fuzz/import.dict");
    dict.lines()
        .filter(|line| line.starts_with('"'))
        .map(|line| unescape(&line[1..line.len() - 1]))
        .collect()
}

/// One import case's run: the problems found and whether a reader read the source, or the panic.
type ImportRun = Result<(Vec<String>, bool), String>;

/// Runs one import case.
fn run_import_case(bytes: &[u8], dir: &Path) -> ImportRun {
    catch_unwind(AssertUnwindSafe(|| {
        let input = import_case::ImportInput::from_bytes(bytes);
        let checked = import_case::check_import(&input, dir);
        let read = checked.any_source_read();
        (checked.problems, read)
    }))
    .map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

/// Fails with the first few failing cases, each written to target/fuzz-smoke/ to replay
/// (`cargo +nightly fuzz run import FILE`).
fn assert_imports_hold(cases: &[(String, Vec<u8>, ImportRun)]) {
    let dir = root().join("target/fuzz-smoke");
    let mut failing = Vec::new();
    for (name, input, result) in cases {
        let what = match result {
            Ok((problems, _)) if problems.is_empty() => continue,
            Ok((problems, _)) => problems.join("\n  "),
            Err(panic) => format!("panicked: {panic}"),
        };
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("import-{}", name.replace(['/', ' ', ':'], "_")));
        let _ = std::fs::write(&file, input);
        failing.push(format!("{name} (input: {})\n  {what}", file.display()));
    }
    assert!(
        failing.is_empty(),
        "{} of {} import cases:\n{}",
        failing.len(),
        cases.len(),
        failing[..failing.len().min(3)].join("\n")
    );
}

/// Every import seed, unmutated: each source is read by its reader and imported.
#[test]
fn the_import_seeds_import() {
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let mut cases = Vec::new();
    let mut read = 0;
    for (name, bytes) in import_seeds() {
        let result = run_import_case(&bytes, scratch.path());
        if matches!(result, Ok((_, true))) {
            read += 1;
        }
        cases.push((name, bytes, result));
    }
    assert_imports_hold(&cases);
    // Every seed is read by some reader (not just the text register), but the malformed fixtures
    // and the CSV with docs/import.md's mapping (made for a workbook whose headings are in row 2).
    let unread: Vec<&str> = cases
        .iter()
        .filter(|(_, _, result)| !matches!(result, Ok((_, true))))
        .map(|(name, ..)| name.as_str())
        .filter(|name| !name.contains("malformed") && !name.ends_with("with_docs_mapping"))
        .collect();
    assert!(unread.is_empty(), "not read ({read} read): {unread:?}");
}

/// The import seeds, mutated: bytes flipped, deleted, lines doubled, headings, keys and phrases of
/// fuzz/import.dict spliced in, control characters and huge numbers.
#[test]
fn mutated_import_sources_read_or_say_why() {
    let seeds = import_seeds();
    let keywords = import_keywords();
    let mut rng = Rng(0x1A90_F022);
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let mut cases = Vec::new();
    let mut read = 0;
    for case in 0..IMPORT_CASES {
        let (seed_name, seed_bytes) = rng.pick(&seeds);
        let mut input = seed_bytes.clone();
        let mut applied = BTreeSet::new();
        for _ in 0..=rng.below(3) {
            let mutation = *rng.pick(&[
                Mutation::FlipBit,
                Mutation::DeleteBytes,
                Mutation::DuplicateLine,
                Mutation::SpliceKeyword,
                Mutation::ControlCharacter,
                Mutation::FormulaStart,
                Mutation::HugeNumber,
            ]);
            mutate(&mut input, mutation, &keywords, &mut rng);
            applied.insert(mutation);
        }
        let result = run_import_case(&input, scratch.path());
        if matches!(result, Ok((_, true))) {
            read += 1;
        }
        cases.push((
            format!("case {case}: {seed_name} with {applied:?}"),
            input,
            result,
        ));
    }
    assert_imports_hold(&cases);
    // The mutations leave many sources readable, so the writer meets what the readers make.
    assert!(
        read > IMPORT_CASES / 4,
        "{read} of {IMPORT_CASES} sources read"
    );
}

/// Workbooks made from the seeds' CSV rows: cells in their places, one moved far from A1 (up to
/// XFD1048576, where calamine used to ask for 17 billion cells), hostile text in some. A workbook
/// is read or refused with its reason; none takes memory out of proportion to its size.
#[test]
fn generated_workbooks_read_or_say_why() {
    let seeds = import_seeds();
    let rows_of = |bytes: &[u8]| -> Vec<Vec<String>> {
        let text = String::from_utf8_lossy(bytes);
        let delimiter = if text.lines().next().is_some_and(|l| l.contains(';')) {
            b';'
        } else {
            b','
        };
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .filter_map(Result::ok)
            .map(|r| r.iter().map(str::to_string).collect())
            .collect()
    };
    let sources: Vec<Vec<Vec<String>>> = seeds
        .iter()
        .filter(|(name, _)| name.contains("csv"))
        .map(|(_, bytes)| rows_of(bytes))
        .filter(|rows| rows.len() > 1)
        .collect();
    assert!(!sources.is_empty(), "no CSV seed");
    let mut rng = Rng(0xB00C_F022);
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let mut cases = Vec::new();
    for case in 0..WORKBOOK_CASES {
        let rows = rng.pick(&sources);
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        let (top, left) = (rng.below(3) as u32, rng.below(3) as u16);
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let mut text = cell.clone();
                if rng.below(8) == 0 {
                    text.insert_str(0, &String::from_utf8_lossy(rng.piece(CONTROL)));
                }
                let _ = sheet.write_string(top + r as u32, left + c as u16, &text);
            }
        }
        let far = match rng.below(4) {
            0 => (1_048_575, 16_383),
            1 => (rng.below(1_048_576) as u32, rng.below(16_384) as u16),
            2 => (rng.below(4096) as u32, rng.below(64) as u16),
            _ => (rows.len() as u32 + top, 0),
        };
        let _ = sheet.write_string(far.0, far.1, "x");
        let bytes = workbook.save_to_buffer().expect("a workbook");
        let result = run_import_case(&bytes, scratch.path());
        cases.push((format!("workbook {case}: a cell at {far:?}"), bytes, result));
    }
    assert_imports_hold(&cases);
}
