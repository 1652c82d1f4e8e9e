//! What every output of hjemmel must be, whatever the spec says: properties checked on hostile input
//! by the fuzz targets (fuzz/fuzz_targets/) and by the stable smoke test (tests/fuzz_smoke.rs), which
//! both include this file. Each check gives `Err` with what is wrong and where, never panics.
//!
//! Each output format owns its escaping (docs/fuzzing.md): terminal text holds no control
//! characters, a CSV cell never starts a formula, a Markdown table keeps its rows, JSON parses, SVG is
//! well-formed XML.

#![allow(dead_code)]

/// The property of an output that a check verifies; named so that a known failure can be let pass
/// by name (`HJEMMEL_FUZZ_ALLOW` in the fuzz targets, `#[ignore]` in the smoke test).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Check {
    /// JSON output parses as one JSON document.
    JsonParses,
    /// SVG output is well-formed XML.
    XmlWellFormed,
    /// Text for a terminal (or a log, a Markdown comment, a graph file) holds no character that
    /// moves the cursor, rings, changes colour or reorders text.
    NoControlCharacters,
    /// No CSV cell starts with a character that makes a spreadsheet read a formula.
    NoCsvFormula,
    /// Every row of a Markdown table has the header's number of cells, and no row stands outside a
    /// table.
    MarkdownTables,
    /// Every line of GitHub Actions output is one workflow command: a line break in the spec's
    /// text never starts another (`::add-mask::`, `::stop-commands::`).
    GithubCommands,
}

impl Check {
    pub const ALL: [Check; 6] = [
        Check::JsonParses,
        Check::XmlWellFormed,
        Check::NoControlCharacters,
        Check::NoCsvFormula,
        Check::MarkdownTables,
        Check::GithubCommands,
    ];

    /// The name used in `HJEMMEL_FUZZ_ALLOW` and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Check::JsonParses => "json",
            Check::XmlWellFormed => "xml",
            Check::NoControlCharacters => "control",
            Check::NoCsvFormula => "csv-formula",
            Check::MarkdownTables => "markdown-table",
            Check::GithubCommands => "github-commands",
        }
    }

    /// Runs this check on `text`.
    pub fn run(self, text: &str) -> Result<(), String> {
        match self {
            Check::JsonParses => json_parses(text),
            Check::XmlWellFormed => xml_well_formed(text),
            Check::NoControlCharacters => no_control_characters(text),
            Check::NoCsvFormula => no_csv_formula(text),
            Check::MarkdownTables => markdown_tables_intact(text),
            Check::GithubCommands => one_command_a_line(text),
        }
    }
}

/// The text is one JSON document.
pub fn json_parses(text: &str) -> Result<(), String> {
    serde_json::from_str::<serde_json::Value>(text)
        .map(|_| ())
        .map_err(|e| format!("not JSON: {e}"))
}

/// The text is well-formed XML (an SVG picture).
pub fn xml_well_formed(text: &str) -> Result<(), String> {
    roxmltree::Document::parse(text)
        .map(|_| ())
        .map_err(|e| format!("not well-formed XML: {e}"))
}

/// A character that must not reach a terminal from the spec's text: C0 controls but line feed and
/// tab (ESC starts colour and OSC 8 links, BEL rings, CR overwrites the line, BS erases), DEL, C1
/// controls (U+0080–U+009F: CSI and OSC in one byte on some terminals), and the bidirectional
/// embeddings, overrides and isolates that show text in another order than it is (Trojan Source).
pub fn is_terminal_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// No [`is_terminal_control`] character in the text.
pub fn no_control_characters(text: &str) -> Result<(), String> {
    match text.char_indices().find(|&(_, c)| is_terminal_control(c)) {
        None => Ok(()),
        Some((at, c)) => Err(format!(
            "control character U+{:04X} at byte {at}, line {}: {:?}",
            c as u32,
            text[..at].matches('\n').count() + 1,
            line_around(text, at)
        )),
    }
}

/// The characters that make a spreadsheet read a cell as a formula when it starts with one (OWASP
/// "CSV injection"): `=`, `+`, `-`, `@`, and tab and carriage return, which some spreadsheets skip
/// before looking.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// No cell of the CSV text starts with one of [`FORMULA_STARTS`]: a cell that must start so is
/// neutralised (a leading `'`, as OWASP recommends), which this check accepts.
pub fn no_csv_formula(text: &str) -> Result<(), String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("not CSV: {e}"))?;
        for (column, cell) in record.iter().enumerate() {
            if cell.starts_with(FORMULA_STARTS) {
                return Err(format!(
                    "row {}, column {}: the cell starts a formula: {cell:?}",
                    row + 1,
                    column + 1
                ));
            }
        }
    }
    Ok(())
}

/// Every Markdown table (a header row, then a delimiter row of `---` cells) keeps its structure:
/// each row has the header's number of cells, and no line that reads as a table row (starts with `|`)
/// stands after a table has ended. A spec's text that ends a row early (a line break, even a lone CR,
/// which CommonMark counts as one) or adds a cell (an unescaped `|`) breaks this.
pub fn markdown_tables_intact(text: &str) -> Result<(), String> {
    let lines = markdown_lines(text);
    let mut i = 0;
    // Inside a fenced code block nothing is a table.
    let mut fence: Option<&str> = None;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            i += 1;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            i += 1;
            continue;
        }
        if !is_row(line) {
            i += 1;
            continue;
        }
        let is_table = lines.get(i + 1).is_some_and(|next| is_delimiter_row(next));
        if !is_table {
            return Err(format!(
                "line {}: a table row outside a table: {line:?}",
                i + 1
            ));
        }
        let columns = cells(line);
        let mut row = i + 1;
        while row < lines.len() && is_row(lines[row]) {
            let found = cells(lines[row]);
            if found != columns {
                return Err(format!(
                    "line {}: {found} cells in a table of {columns} columns: {:?}",
                    row + 1,
                    lines[row]
                ));
            }
            row += 1;
        }
        // A row cut short by a line break leaves its first part in the table (too few cells, found
        // above) and its rest after it: a table ends with a blank line or the end of the text.
        if let Some(after) = lines.get(row).filter(|after| !after.trim().is_empty()) {
            return Err(format!(
                "line {}: the table ends in the middle of its text: {after:?}",
                row + 1
            ));
        }
        i = row;
    }
    Ok(())
}

/// Every line is an `::error` or `::warning` workflow command, whose properties and message hold no
/// line break (GitHub escapes them as `%0D` and `%0A`).
pub fn one_command_a_line(text: &str) -> Result<(), String> {
    let Some(lines) = text.strip_suffix('\n') else {
        return match text {
            "" => Ok(()),
            _ => Err("the last command does not end with a line break".to_string()),
        };
    };
    for (i, line) in lines.split('\n').enumerate() {
        let command = ["::error ", "::error::", "::warning ", "::warning::"]
            .iter()
            .any(|start| line.starts_with(start));
        if !command || line.contains('\r') {
            return Err(format!(
                "line {} is not one workflow command: {line:?}",
                i + 1
            ));
        }
    }
    Ok(())
}

/// The lines of a Markdown text as CommonMark splits them: at LF, CR LF and a lone CR.
fn markdown_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

fn is_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

fn is_delimiter_row(line: &str) -> bool {
    is_row(line)
        && line.trim().trim_matches('|').split('|').all(|cell| {
            let cell = cell.trim().trim_start_matches(':').trim_end_matches(':');
            !cell.is_empty() && cell.chars().all(|c| c == '-')
        })
}

/// The cells of a row: the pipes that are not escaped with a backslash, less the leading one and a
/// trailing one (GitHub splits cells at an unescaped pipe even inside a code span).
fn cells(line: &str) -> usize {
    let line = line.trim();
    let mut pipes: usize = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => pipes += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    let ends_with_pipe = line.len() > 1 && line.ends_with('|') && !line.ends_with("\\|");
    // `| a | b |` has three pipes and two cells; `| a | b` has two pipes and two cells.
    if ends_with_pipe {
        pipes.saturating_sub(1)
    } else {
        pipes
    }
}

/// Up to 60 characters of the line around byte `at`, for a readable failure.
fn line_around(text: &str, at: usize) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_table_checks() {
        let good = "# t\n\n| a | b |\n|---|:-:|\n| 1 | x \\| y |\n\ntext\n";
        assert_eq!(markdown_tables_intact(good), Ok(()));
        assert!(markdown_tables_intact("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n").is_err());
        assert!(markdown_tables_intact("| a | b |\n|---|---|\n| 1\r| 2 |\n").is_err());
        assert!(markdown_tables_intact("| a | b |\n|---|---|\n| 1 | x\r# injected |\n").is_err());
        assert!(markdown_tables_intact("text\n| a | b |\n").is_err());
        assert_eq!(markdown_tables_intact("```\n| a |\n```\n"), Ok(()));
    }

    #[test]
    fn control_and_csv_checks() {
        assert_eq!(no_control_characters("a\tb\nc æ"), Ok(()));
        for bad in ["\u{1b}[2J", "\u{7}", "a\rb", "\u{9b}", "\u{202e}"] {
            assert!(no_control_characters(bad).is_err(), "{bad:?}");
        }
        assert_eq!(no_csv_formula("a,b\n'=1,\"x, y\"\n"), Ok(()));
        assert!(no_csv_formula("a,b\nx,=HYPERLINK(1)\n").is_err());
        assert!(no_csv_formula("a,\"+45 12\"\n").is_err());
    }

    #[test]
    fn github_command_checks() {
        assert_eq!(
            one_command_a_line("::error file=a::x%0A::warning::y\n::warning::z\n"),
            Ok(())
        );
        assert_eq!(one_command_a_line(""), Ok(()));
        assert!(one_command_a_line("::error::x\n::add-mask::y\n").is_err());
        assert!(one_command_a_line("::error::x\ry\n").is_err());
        assert!(one_command_a_line("::error::x").is_err());
    }
}
