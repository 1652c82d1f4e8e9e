//! `--format github`: GitHub Actions workflow commands (`::error file=...,line=...::message`), which
//! the runner turns into annotations on the pull request's changed lines.
//! Format: https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions

use super::SpecReport;
use super::location::Location;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::tr;

/// The annotation's own words, in English and Danish. The level (`error`, `warning`) and the
/// properties are the workflow command's syntax and stay as GitHub reads them.
pub mod text {
    crate::texts! {
        FINDING_TITLE = ("{code} · {title} (hjemmel finding)", "{code} · {title} (fund fra hjemmel)"),
        SPEC_ERROR_TITLE = (
            "{code} (hjemmel: the spec could not be checked)",
            "{code} (hjemmel: specifikationen kunne ikke kontrolleres)"
        ),
        HELP = ("help: {help}", "hjælp: {help}"),
        PATH = ("path: {path}", "dataflow: {path}"),
        SEE = ("see: {provisions}", "se: {provisions}"),
        UNVERIFIED = (
            "unverified: the reference data for {provisions} could not be verified against the text of the law",
            "ikke verificeret: referencedata for {provisions} er ikke efterprøvet mod lovteksten"
        ),
        NOTE = ("note: {note}", "bemærk: {note}"),
    }
}

/// One line per diagnostic, in English; suppressed findings are not annotated.
pub fn render(reports: &[SpecReport<'_>]) -> String {
    render_in(reports, Lang::En)
}

/// [`render`] with the annotations' words in `lang` (the findings' texts already are).
pub fn render_in(reports: &[SpecReport<'_>], lang: Lang) -> String {
    let mut out = String::new();
    for report in reports {
        for d in report.diagnostics {
            out.push_str(&command(report, d, lang));
            out.push('\n');
        }
    }
    out
}

fn command(report: &SpecReport<'_>, d: &Diagnostic, lang: Lang) -> String {
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
    properties.push(format!("title={}", property(&title_of(d, lang))));
    let mut body = vec![d.message.clone()];
    if let Some(help) = &d.help {
        body.push(tr!(lang, text::HELP, help = help));
    }
    if !d.path.is_empty() {
        body.push(tr!(lang, text::PATH, path = d.path.join(" → ")));
    }
    if !d.provisions.is_empty() {
        body.push(tr!(lang, text::SEE, provisions = d.provisions.join("; ")));
    }
    if !d.unverified.is_empty() {
        body.push(tr!(
            lang,
            text::UNVERIFIED,
            provisions = d.unverified.join("; ")
        ));
    }
    if let Some(note) = &d.note {
        body.push(tr!(lang, text::NOTE, note = note));
    }
    format!(
        "::{level} {}::{}",
        properties.join(","),
        data(&body.join("\n"))
    )
}

/// The annotation's title: the code, the rule's title in `lang` beside it, and what kind of
/// diagnostic.
fn title_of(d: &Diagnostic, lang: Lang) -> String {
    match d.origin {
        crate::diagnostic::Origin::Rule => tr!(
            lang,
            text::FINDING_TITLE,
            code = d.code,
            title = super::rule_title(&d.code, lang)
        ),
        crate::diagnostic::Origin::Spec => tr!(lang, text::SPEC_ERROR_TITLE, code = d.code),
    }
}

/// Escapes a command's message: `%`, carriage returns and newlines; control and text-direction
/// characters (from a file name: a spec's own text cannot hold them) are shown escaped, since the
/// runner's log shows the message as a terminal would (`escape::terminal`).
fn data(text: &str) -> String {
    crate::escape::terminal(text)
        .replace('%', "%25")
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
        assert_eq!(
            data("a\u{1b}]8;;x\u{7}b\u{202e}"),
            "a\\u{1b}]8;;x\\u{07}b\\u{202e}"
        );
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
