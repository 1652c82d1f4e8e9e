//! A spec written on one line, its findings past column 65,535: every format renders it, without a
//! panic, with the columns the other lines would have, and the human format and the HTML report show
//! a window of the line around the words, not the line.

mod support;

use std::path::PathBuf;

use serde_json::Value;

/// A fixture with findings of two processors (secondary labels too, and æ/é before the labels), put
/// on one line after 80,000 spaces: every label is past column 80,000.
/// Each test writes its own copy (`name`), since the tests run at once.
fn one_line_spec(name: &str) -> (PathBuf, String) {
    let fixture = std::fs::read_to_string(
        "tests/fixtures/rules/TRANSFER-UNDECLARED/fail_overseas_territories_are_outside.hjemmel",
    )
    .expect("the fixture is there");
    let words: Vec<&str> = fixture
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect();
    let text = " ".repeat(80_000) + &words.join(" ");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("long_lines");
    std::fs::create_dir_all(&dir).expect("a directory for the spec");
    let path = dir.join(format!("{name}.hjemmel"));
    std::fs::write(&path, &text).expect("the spec is written");
    (path, text)
}

fn run(args: &[&str]) -> (i32, String) {
    let output = support::hjemmel(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let code = output.status.code().expect("hjemmel exits, not killed");
    (code, String::from_utf8(output.stdout).expect("UTF-8"))
}

/// The 1-based column of a byte offset on the spec's one line, counted in characters.
fn column_of(text: &str, offset: usize) -> usize {
    text[..offset].chars().count() + 1
}

/// The column of each finding's primary label, as the JSON output gives it (checked against the
/// text in [`json_sarif_and_github_count_columns_on_the_long_line`]).
fn primary_columns(path: &str) -> Vec<u64> {
    let (_, out) = run(&["check", path, "--format", "json"]);
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let columns: Vec<u64> = json["specs"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["location"]["column"].as_u64().expect("a column"))
        .collect();
    assert_eq!(columns.len(), 2, "{json}");
    columns
}

#[test]
fn human_output_shows_a_window_of_the_line_and_the_column() {
    let (path, _) = one_line_spec("human");
    let path = path.to_str().unwrap();
    let (code, out) = run(&["check", path]);
    assert_eq!(code, 1, "{out}");
    for column in primary_columns(path) {
        assert!(out.contains(&format!("human.hjemmel:1:{column}")), "{out}");
    }
    assert!(out.contains("TRANSFER-UNDECLARED"), "{out}");
    assert!(out.contains(" 1 │ …"), "the line is shown cut: {out}");
    let longest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest < 1_000, "a line of {longest} characters: {out}");
}

#[test]
fn json_sarif_and_github_count_columns_on_the_long_line() {
    let (path, text) = one_line_spec("machine");
    let path = path.to_str().unwrap();

    let (code, out) = run(&["check", path, "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let mut locations = Vec::new();
    collect_locations(&json, &mut locations);
    assert!(locations.len() >= 4, "{json}");
    for l in &locations {
        let start = l["byte_start"].as_u64().unwrap() as usize;
        let end = l["byte_end"].as_u64().unwrap() as usize;
        assert_eq!(l["line"], 1);
        assert_eq!(l["column"], column_of(&text, start), "{l}");
        assert_eq!(l["end_column"], column_of(&text, end), "{l}");
        assert!(column_of(&text, start) > 80_000);
    }

    let (code, out) = run(&["check", path, "--format", "sarif"]);
    assert_eq!(code, 1, "{out}");
    let sarif: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    let primary = primary_columns(path);
    let columns: Vec<u64> = results
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["region"]["startColumn"].as_u64())
        .map(|c| c.expect("a start column"))
        .collect();
    assert_eq!(columns, primary);

    let (code, out) = run(&["check", path, "--format", "github"]);
    assert_eq!(code, 1, "{out}");
    for column in primary {
        assert!(
            out.contains(&format!("line=1,endLine=1,col={column},")),
            "{out}"
        );
    }
}

#[test]
fn the_html_report_shows_a_window_of_the_line() {
    let (path, _) = one_line_spec("report");
    let html = path.with_extension("html");
    let (code, out) = run(&[
        "report",
        path.to_str().unwrap(),
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    let report = std::fs::read_to_string(&html).expect("the report is written");
    // The two findings are one card (the same finding for two processors), drawn at the first.
    let first = primary_columns(path.to_str().unwrap())[0];
    assert!(
        report.contains(&format!("report.hjemmel:1:{first}<")),
        "the place of the finding"
    );
    assert!(report.contains("<span class=\"cut\">…</span>"));
    assert!(report.contains("<mark class=\"primary\">BL</mark>"));
    // Every snippet is a window: the report does not hold the 80,000 spaces.
    assert!(!report.contains(&" ".repeat(1_000)));
}

/// Every object with a `byte_start` in the JSON output.
fn collect_locations<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            if map.contains_key("byte_start") {
                out.push(value);
            }
            map.values().for_each(|v| collect_locations(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_locations(v, out)),
        _ => {}
    }
}
