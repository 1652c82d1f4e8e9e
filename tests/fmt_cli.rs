//! `hjemmel fmt` as a user runs it: `--check` and its exit codes, files rewritten in place (and the
//! ones already formatted left alone), standard input, and a spec that does not parse.
//! Fixtures: tests/fixtures/fmt/comments.hjemmel has a comment in every place a comment can stand,
//! laid out badly; comments.formatted.hjemmel is what `fmt` makes of it.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use support::{hjemmel, hjemmel_command};

const UNFORMATTED: &str = "tests/fixtures/fmt/comments.hjemmel";
const FORMATTED: &str = "tests/fixtures/fmt/comments.formatted.hjemmel";
const SYNTAX_ERROR: &str = "tests/fixtures/cli/syntax_error.hjemmel";

fn code(output: &Output) -> i32 {
    output.status.code().expect("hjemmel exits with a code")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).expect("readable")
}

/// `hjemmel fmt ARGS` with `input` on standard input.
fn with_stdin(args: &[&str], input: &str) -> Output {
    let mut command: Command = hjemmel_command(args);
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("hjemmel runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("written");
    child.wait_with_output().expect("hjemmel ends")
}

#[test]
fn every_comment_stays_in_its_place() {
    let output = with_stdin(&["fmt", "-"], &read(UNFORMATTED));
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), read(FORMATTED));
    // Each comment of the input, in the same order, in the output.
    let comments = |t: &str| -> Vec<String> {
        t.lines()
            .filter_map(|l| l.find("//").map(|at| l[at..].to_string()))
            .collect()
    };
    assert_eq!(comments(&read(FORMATTED)), comments(&read(UNFORMATTED)));
    assert_eq!(comments(&read(UNFORMATTED)).len(), 15);
}

#[test]
fn check_names_the_files_that_would_change_and_writes_nothing() {
    let before = read(UNFORMATTED);
    let output = hjemmel(&["fmt", "--check", UNFORMATTED, FORMATTED]);
    assert_eq!(code(&output), 1);
    assert_eq!(
        text(&output.stdout),
        format!("would reformat {UNFORMATTED}\n")
    );
    assert_eq!(read(UNFORMATTED), before);

    let output = hjemmel(&["fmt", "--check", FORMATTED]);
    assert_eq!(code(&output), 0);
    assert_eq!(text(&output.stdout), "");

    let output = hjemmel(&["fmt", "--check", "specs/lejre/consent.hjemmel"]);
    assert_eq!(code(&output), 0, "{}", text(&output.stdout));
}

#[test]
fn files_are_rewritten_in_place_and_formatted_ones_left_alone() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let unformatted = dir.path().join("a.hjemmel");
    let formatted = dir.path().join("b.hjemmel");
    std::fs::copy(UNFORMATTED, &unformatted).expect("copied");
    std::fs::copy(FORMATTED, &formatted).expect("copied");
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    for path in [&unformatted, &formatted] {
        std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(old))
            .expect("mtime set");
    }
    let mtime = |p: &Path| {
        std::fs::metadata(p)
            .and_then(|m| m.modified())
            .expect("mtime")
    };

    // A directory means every `.hjemmel` file in it.
    let directory = dir.path().to_str().expect("UTF-8 path");
    let output = hjemmel(&["fmt", directory]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stderr),
        format!("reformatted {}\n", unformatted.display())
    );
    assert_eq!(read(&unformatted), read(FORMATTED));
    assert_ne!(mtime(&unformatted), old);
    assert_eq!(
        mtime(&formatted),
        old,
        "an already formatted file is not written"
    );

    let output = hjemmel(&["fmt", "--check", directory]);
    assert_eq!(code(&output), 0);
}

#[test]
fn a_spec_that_does_not_parse_is_not_touched() {
    let before = read(SYNTAX_ERROR);
    for args in [
        &["fmt", SYNTAX_ERROR][..],
        &["fmt", "--check", SYNTAX_ERROR][..],
    ] {
        let output = hjemmel(args);
        assert_eq!(code(&output), 2, "{args:?}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("error[syntax]") && stderr.contains(&format!("{SYNTAX_ERROR}:")),
            "located: {stderr}"
        );
        assert_eq!(read(SYNTAX_ERROR), before);
    }
    // Standard input too: nothing on standard output.
    let output = with_stdin(&["fmt"], &before);
    assert_eq!(code(&output), 2);
    assert_eq!(text(&output.stdout), "");
    // A missing file: exit 2, as for `check`.
    let output = hjemmel(&["fmt", "tests/fixtures/fmt/no_such_spec.hjemmel"]);
    assert_eq!(code(&output), 2);
}

#[test]
fn standard_input_goes_to_standard_output() {
    let output = with_stdin(&["fmt"], "data  x \"X\"   ordinary\n");
    assert_eq!(code(&output), 0);
    assert_eq!(text(&output.stdout), "data x \"X\" ordinary\n");
    let output = with_stdin(&["fmt", "--check", "-"], "data  x \"X\"   ordinary\n");
    assert_eq!(code(&output), 1);
    assert_eq!(text(&output.stdout), "would reformat -\n");
}

/// `before` with the hunks of unified diff `diff` applied, each line checked against `before`.
fn apply(before: &str, diff: &str) -> String {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut at = 0; // lines of `old` used so far
    for line in diff.split_inclusive('\n').skip(2) {
        if let Some(header) = line.strip_prefix("@@ -") {
            let start: usize = header
                .split([',', ' '])
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a hunk header");
            // A hunk that starts at line N (from 1) keeps the lines before it.
            let keep = start.saturating_sub(1).max(at);
            out.extend(old[at..keep].iter().copied());
            at = keep;
        } else if let Some(added) = line.strip_prefix('+') {
            out.push_str(added);
        } else if let Some(removed) = line.strip_prefix('-') {
            assert_eq!(old[at], removed, "a removed line is the input's");
            at += 1;
        } else if let Some(kept) = line.strip_prefix(' ') {
            assert_eq!(old[at], kept, "a context line is the input's");
            out.push_str(kept);
            at += 1;
        }
    }
    out.extend(old[at..].iter().copied());
    out
}

#[test]
fn diff_prints_what_would_change_as_a_unified_diff() {
    let before = read(UNFORMATTED);
    let output = hjemmel(&["fmt", "--diff", UNFORMATTED, FORMATTED]);
    assert_eq!(code(&output), 1);
    assert_eq!(
        text(&output.stderr),
        format!("would reformat {UNFORMATTED}\n")
    );
    let diff = text(&output.stdout);
    assert!(
        diff.starts_with(&format!("--- {UNFORMATTED}\n+++ {UNFORMATTED}\n@@ -1,")),
        "{diff}"
    );
    assert_eq!(apply(&before, &diff), read(FORMATTED));
    assert_eq!(read(UNFORMATTED), before, "nothing written");

    // With `--check` as well, and from standard input; nothing for a file in the layout.
    let output = with_stdin(&["fmt", "--check", "--diff", "-"], &before);
    assert_eq!(code(&output), 1);
    assert_eq!(apply(&before, &text(&output.stdout)), read(FORMATTED));
    let output = hjemmel(&["fmt", "--diff", FORMATTED]);
    assert_eq!((code(&output), text(&output.stdout)), (0, String::new()));
}

/// The project's own specs and examples are in the layout `fmt` writes: what the docs show a DPO is
/// what `hjemmel fmt` makes, and a change that leaves them unformatted fails here, as it would fail
/// a municipality's `fmt --check` in CI.
#[test]
fn the_seeds_and_examples_are_formatted() {
    let output = hjemmel(&["fmt", "--check", "specs/lejre", "specs/randers", "examples"]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
}
