//! `--format github`: GitHub Actions workflow commands (`::error file=...,line=...::message`), which
//! the runner turns into annotations on the pull request's changed lines.
//! Format: https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions

use super::SpecReport;
use super::location::Location;
use crate::diagnostic::{Diagnostic, Severity};

/// One line per diagnostic; suppressed findings are not annotated.
pub fn render(reports: &[SpecReport<'_>]) -> String {
    let mut out = String::new();
    for report in reports {
        for d in report.diagnostics {
            out.push_str(&command(report, d));
            out.push('\n');
        }
    }
    out
}

fn command(report: &SpecReport<'_>, d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = Vec::new();
    if let Some(l) = d
        .primary
        .as_ref()
        .and_then(|l| Location::of(report.sources, l.span))
    {
        properties.push(format!("file={}", property(&l.file)));
        properties.push(format!("line={}", l.line));
        properties.push(format!("endLine={}", l.end_line));
        // Columns only on one line: GitHub ignores them otherwise.
        if l.line == l.end_line {
            properties.push(format!("col={}", l.column));
            properties.push(format!("endColumn={}", l.end_column));
        }
    }
    properties.push(format!("title={}", property(&title_of(d))));
    let mut body = vec![d.message.clone()];
    if let Some(help) = &d.help {
        body.push(format!("help: {help}"));
    }
    if !d.path.is_empty() {
        body.push(format!("path: {}", d.path.join(" → ")));
    }
    if !d.provisions.is_empty() {
        body.push(format!("see: {}", d.provisions.join("; ")));
    }
    if !d.unverified.is_empty() {
        body.push(format!(
            "unverified: the reference data for {} could not be verified against the text of the law",
            d.unverified.join("; ")
        ));
    }
    if let Some(note) = &d.note {
        body.push(format!("note: {note}"));
    }
    format!(
        "::{level} {}::{}",
        properties.join(","),
        data(&body.join("\n"))
    )
}

/// The annotation's title: the code, the rule's title beside it, and what kind of diagnostic.
fn title_of(d: &Diagnostic) -> String {
    match d.origin {
        crate::diagnostic::Origin::Rule => {
            let title = super::rule_title(&d.code, crate::i18n::Lang::En);
            format!("{} · {title} (hjemmel finding)", d.code)
        }
        crate::diagnostic::Origin::Spec => {
            format!("{} (hjemmel: the spec could not be checked)", d.code)
        }
    }
}

/// Escapes a command's message: `%`, carriage returns and newlines.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as a message, plus `:` and `,`, which separate properties.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
