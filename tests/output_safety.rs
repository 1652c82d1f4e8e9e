//! Output is never an attack on its reader (issue 11, point 3; docs/cli.md, "Output safety").
//!
//! A spec can no longer hold control characters (tests/fixtures/invalid/forbidden_characters.hjemmel),
//! but its words may still hold the markup of an output (`|`, `[x](url)`, `=HYPERLINK`), and other
//! text reaches the outputs unchecked: the names of files and directories, and hjemmel.toml, whose
//! strings may hold any character (`\u001b`). Each test writes a spec that tries all of it through
//! every channel it can reach (a quoted text, a directory name, a waiver's reason, hjemmel.toml) and
//! checks the output it lands in: no control character on a terminal, no structure added to a
//! Markdown comment or record, no formula in a CSV cell, graphs that still parse.

mod support;

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use support::hjemmel;

/// What a terminal must never receive: an escape sequence that writes a hidden link (OSC 8), one
/// that clears the screen, a bell, a carriage return (to overwrite the line), a right-to-left
/// override, DEL and a C1 control (CSI).
const TERMINAL_ATTACK: &str =
    "\u{1b}]8;;https:evil\u{7}klik\u{1b}]8;;\u{7}\r\u{1b}[2J\u{7}\u{202e}\u{7f}\u{9b}";

/// The spec's words: Markdown and spreadsheet markup, plain when `hostile` is false, so that both
/// versions of an output can be compared structure for structure.
fn words(hostile: bool) -> [&'static str; 7] {
    if hostile {
        [
            // controller: a formula, a heading, a table cell end, a link, a mention, HTML, an image, code
            "=HYPERLINK(\\\"https://evil\\\",\\\"x\\\") ## | [c](https://e) @org/team <img src=x> ![i](https://e/i.png) `code`",
            // subjects, data, activity: formulas after the other signs OWASP names
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "+cmd|' /C calc'!A0 | # h |",
            // a purpose, a statute's title, a waiver's reason
            "| x | y | ![i](https://e/i.png) <script>alert(1)</script>",
            "Lov [om](https://e) <b>biblioteks</b>virksomhed *x* _y_ ~z~ $m$",
            "@org/team [se her](https://evil) | ## overskrift <img src=x> ![i](https://e/i.png) `x",
        ]
    } else {
        [
            "Eksempel Kommune",
            "Borgere",
            "Navn og lån",
            "Udlån på biblioteket",
            "Udlåne materialer",
            "Lov om biblioteksvirksomhed",
            "Lånene slettes i udlånssystemet",
        ]
    }
}

/// A spec in `dir`: `waived` adds a waiver (in the spec) and a rule turned off (in hjemmel.toml) for
/// the findings of activity `second`, and one more activity; the old version of a diff has neither.
fn write_spec(dir: &Path, hostile: bool, waived: bool) {
    let [
        controller,
        subjects,
        data,
        activity,
        purpose,
        statute,
        reason,
    ] = words(hostile);
    let (waiver, extra) = if waived {
        (
            format!("  allow RETENTION-MISSING \"{reason}\"\n"),
            format!(
                "activity third \"{activity} 3\" {{\n  purpose \"{purpose}\"\n  subjects borrowers\n  data loans\n  basis gdpr 6(1)(e), law \"{statute}\"\n  security \"x\"\n}}\n"
            ),
        )
    } else {
        (String::new(), String::new())
    };
    // The new version cites the statute as amended: a change of legal basis.
    let amended = if waived { " (ændret)" } else { "" };
    let spec = format!(
        r#"controller eksempel "{controller}" {{
  public authority
  contact "+45 12 34 56 78"
  dpo {{ email "dpo@eksempel.dk" }}
}}
subjects borrowers "{subjects}" citizens
data loans "{data}" ordinary
activity library_loans "{activity}" {{
  purpose "{purpose}"
  subjects borrowers
  data loans
  basis gdpr 6(1)(e), law "{statute}{amended}"
  security "Kun personale"
}}
activity second "{activity} 2" {{
  purpose "{purpose}"
  subjects borrowers
  data loans
  basis gdpr 6(1)(e)
  security "Kun personale"
{waiver}}}
{extra}"#
    );
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("a.hjemmel"), spec).unwrap();
    if waived {
        let reason = if hostile {
            // TOML's escapes, and a line break that would end a table row.
            format!(
                "{} klik\\n## injected\\n| x | y |",
                toml_escape(TERMINAL_ATTACK)
            )
        } else {
            "fastsat i kommunens retningslinjer for udlån".to_string()
        };
        let toml =
            format!("[rules.ART6-NATIONAL-LAW]\nseverity = \"off\"\nreason = \"{reason}\"\n");
        std::fs::write(dir.join("hjemmel.toml"), toml).unwrap();
    }
}

/// `text` as a TOML basic string's body, every character below space and beyond ASCII as `\uXXXX`.
fn toml_escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if (c as u32) < 0x20 || !c.is_ascii() || c == '\u{7f}' => {
                format!("\\u{:04X}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

/// A directory whose name holds the terminal attack (a name may hold anything but `/`).
fn hostile_name(hostile: bool) -> String {
    if hostile {
        format!("spec{TERMINAL_ATTACK}")
    } else {
        "spec-plain".to_string()
    }
}

/// An old and a new version of the spec in a temporary directory: (dir, old, new).
fn versions(hostile: bool) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old");
    let new = dir.path().join(hostile_name(hostile));
    write_spec(&old, hostile, false);
    write_spec(&new, hostile, true);
    (dir, old, new)
}

fn run(args: &[&str]) -> String {
    let output = hjemmel(args);
    assert!(
        matches!(output.status.code(), Some(0..=2)),
        "{args:?}: {output:?}"
    );
    let mut text = String::from_utf8(output.stdout).expect("UTF-8");
    text.push_str(&String::from_utf8(output.stderr).expect("UTF-8"));
    text
}

/// A character a reader's screen must not receive: a control character but LF and TAB, or a
/// text-direction embedding, override or isolate.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_no_hidden(what: &str, text: &str) {
    if let Some((at, c)) = text.char_indices().find(|(_, c)| hidden(*c)) {
        panic!(
            "{what}: {c:?} at byte {at}:\n{}",
            text.escape_debug().to_string().replace("\\n", "\n")
        );
    }
}

#[test]
fn no_output_sends_a_control_character_to_the_terminal() {
    let (_dir, old, new) = versions(true);
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    // The snippet of a spec that holds the characters themselves, which the error must not repeat.
    let forbidden = "tests/fixtures/invalid/forbidden_characters.hjemmel";
    let runs: &[&[&str]] = &[
        &["check", new],
        &["check", "--lang", "da", new],
        &["check", "--no-group", new],
        &["check", forbidden],
        &["check", "--lang", "da", forbidden],
        &["diff", "--fail-on", "never", old, new],
        &[
            "diff",
            "--fail-on",
            "never",
            "--format",
            "markdown",
            old,
            new,
        ],
        &["ropa", new],
        &["ropa", "--format", "csv", new],
        &["notice", new],
        &["notice", "--format", "html", new],
        &["graph", new],
        &["graph", "--format", "mermaid", new],
        &["graph", "--format", "svg", new],
    ];
    // Text from the command line: a rule code, a category, paths to read and write, a revision.
    let (esc, out_dir) = ("\u{1b}]8;;https:evil\u{7}x\u{1b}[2J\r", _dir.path());
    let (missing, written, unwritable) = (
        format!("missing{esc}.hjemmel"),
        out_dir.join(format!("record{esc}.md")),
        out_dir.join(format!("no{esc}/graph.svg")),
    );
    let (code, category) = (format!("ART9{esc}"), format!("loans{esc}"));
    let (written, unwritable) = (written.to_str().unwrap(), unwritable.to_str().unwrap());
    let revision = format!("HEAD{esc}");
    let command_line: &[&[&str]] = &[
        &["check", &missing],
        &["ropa", &missing],
        &["explain", &code],
        &["graph", "--category", &category, new],
        &["graph", "-o", unwritable, new],
        &["ropa", "-o", written, new],
        &["diff", "--base", &revision, new],
    ];
    for args in command_line {
        assert_no_hidden(&format!("{args:?}"), &run(args));
    }
    for args in runs {
        let text = run(args);
        assert!(
            text.contains("\\u{1b}") || !args.contains(&new) || args[0] != "check",
            "{args:?}: the name is shown, escaped:\n{text}"
        );
        assert_no_hidden(&format!("{args:?}"), &text);
        // hjemmel.toml's reason holds line breaks: none of its lines stands as a line of the output.
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with("## injected") || l.starts_with("| x | y |")),
            "{args:?}: a line from hjemmel.toml:\n{text}"
        );
    }
}

/// The shape of a Markdown document as GitHub's flavour reads it: every block and inline element,
/// without the text in them.
fn structure(markdown: &str) -> Vec<String> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|event| match event {
        Event::Start(tag) => Some(match tag {
            Tag::Link { .. } => "link".to_string(),
            Tag::Image { .. } => "image".to_string(),
            Tag::Heading { level, .. } => format!("heading {level}"),
            tag => format!("{tag:?}"),
        }),
        Event::End(TagEnd::TableRow | TagEnd::TableHead) => Some("end of row".to_string()),
        Event::End(_) => Some("end".to_string()),
        Event::Html(_) | Event::InlineHtml(_) => Some("html".to_string()),
        Event::Code(_) => Some("code".to_string()),
        Event::SoftBreak | Event::HardBreak => Some("line break".to_string()),
        _ => None,
    })
    .collect()
}

/// No `@` of the text starts a mention: GitHub links `@name` after a space or at the start.
fn assert_no_mention(what: &str, markdown: &str) {
    let chars: Vec<char> = markdown.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let starts = *c == '@'
            && (i == 0 || !chars[i - 1].is_alphanumeric())
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        assert!(!starts, "{what}: a mention at char {i}:\n{markdown}");
    }
}

#[test]
fn the_pull_request_comment_keeps_its_structure() {
    let comment = |hostile| {
        let (_dir, old, new) = versions(hostile);
        run(&[
            "diff",
            "--fail-on",
            "never",
            "--format",
            "markdown",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ])
    };
    let (plain, hostile) = (comment(false), comment(true));
    // The comment shows every kind of table the spec's words reach.
    for heading in [
        "Findings introduced",
        "Findings turned off",
        "Processing activities",
        "Legal bases",
    ] {
        assert!(plain.contains(heading), "no `{heading}`:\n{plain}");
    }
    assert!(hostile.contains("HYPERLINK") || hostile.contains("biblioteks"));
    let (expected, found) = (structure(&plain), structure(&hostile));
    assert_eq!(
        expected, found,
        "the spec's words changed the comment's structure:\n--- plain\n{plain}\n--- hostile\n{hostile}"
    );
    assert_no_mention("diff --format markdown", &hostile);
}

#[test]
fn the_record_in_markdown_keeps_its_structure() {
    let record = |hostile| {
        let (_dir, _, new) = versions(hostile);
        run(&["ropa", "--format", "md", new.to_str().unwrap()])
    };
    let (plain, hostile) = (record(false), record(true));
    assert_eq!(
        structure(&plain),
        structure(&hostile),
        "--- plain\n{plain}\n--- hostile\n{hostile}"
    );
    assert_no_mention("ropa --format md", &hostile);
    assert!(
        hostile.contains("dpo@eksempel.dk"),
        "an e-mail address stays one"
    );
}

#[test]
fn the_notice_in_markdown_keeps_its_structure() {
    let notice = |hostile| {
        let (_dir, _, new) = versions(hostile);
        run(&["notice", "--format", "md", new.to_str().unwrap()])
    };
    let (plain, hostile) = (notice(false), notice(true));
    assert_eq!(
        structure(&plain),
        structure(&hostile),
        "--- plain\n{plain}\n--- hostile\n{hostile}"
    );
    assert_no_mention("notice --format md", &hostile);
}

#[test]
fn no_csv_cell_starts_a_formula_and_a_phone_number_reads_as_written() {
    let (_dir, _, new) = versions(true);
    let csv = run(&["ropa", "--format", "csv", new.to_str().unwrap()]);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        cells.extend(record.unwrap().iter().map(str::to_string));
    }
    assert!(cells.iter().any(|c| c == "+45 12 34 56 78"), "{cells:#?}");
    for cell in &cells {
        let plain_number = cell
            .trim_start_matches(['+', '-'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ');
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || plain_number,
            "a formula: {cell:?}"
        );
    }
    for attack in &words(true)[..4] {
        let attack = attack.replace("\\\"", "\"");
        assert!(
            cells.iter().any(|c| c.contains(&format!("'{attack}"))),
            "`{attack}` is kept, behind a `'`: {cells:#?}"
        );
    }
}

#[test]
fn graphs_of_hostile_words_still_parse() {
    let (_dir, _, new) = versions(true);
    let new = new.to_str().unwrap();
    let svg = run(&["graph", "--format", "svg", new]);
    roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"));
    let dot = run(&["graph", "--format", "dot", new]);
    dot_parser::ast::Graph::try_from(dot.as_str())
        .unwrap_or_else(|e| panic!("not DOT: {e:?}\n{dot}"));
    let mermaid = run(&["graph", "--format", "mermaid", new]);
    // A `%%` comment runs to the end of its line, whatever it holds.
    for line in mermaid
        .lines()
        .filter(|l| l.contains('"') && !l.starts_with("%%"))
    {
        // Each label is one quoted string: its own quotes are entity codes.
        assert_eq!(line.matches('"').count() % 2, 0, "{line}");
        assert!(
            !line.contains("<img") && !line.contains("<script"),
            "{line}"
        );
    }
}

/// With colours on, the only escape sequences are hjemmel's own colours (`ESC [ ... m`): the hostile
/// name and reason are shown escaped as without colours.
#[test]
fn colours_are_the_only_escape_sequences() {
    let (_dir, _, new) = versions(true);
    let forbidden = run(&[
        "check",
        "--color",
        "always",
        "tests/fixtures/invalid/forbidden_characters.hjemmel",
    ]);
    let text = run(&["check", "--color", "always", new.to_str().unwrap()]) + &forbidden;
    let mut rest = text.as_str();
    let mut sequences = 0;
    while let Some(at) = rest.find('\u{1b}') {
        let after = &rest[at + 1..];
        let body = after.strip_prefix('[').expect("only CSI sequences");
        let end = body
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .expect("a sequence ends");
        assert_eq!(
            &body[end..end + 1],
            "m",
            "only colours (SGR): {:?}",
            &rest[at..]
        );
        sequences += 1;
        rest = &body[end + 1..];
    }
    assert!(sequences > 0, "the colours are on");
    let without_colours: String = {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    assert_no_hidden("check --color always", &without_colours);
    assert!(
        without_colours.contains("\\u{1b}]8;;https:evil"),
        "{without_colours}"
    );
}
