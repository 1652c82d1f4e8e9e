//! `--format github`: GitHub Actions workflow commands (`::error file=...,line=...::message`), which
//! the runner turns into annotations on the pull request's changed lines.
//! Format: https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions

use std::collections::HashMap;
use std::fmt::Write;

use super::SpecReport;
use super::location::Location;
use crate::diagnostic::{Diagnostic, Origin, Severity};
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
    // What many annotations share, escaped once: a spec's file names, and the title of each code.
    let mut titles: HashMap<(&str, Origin), String> = HashMap::new();
    for report in reports {
        let files: Vec<String> = report
            .sources
            .files()
            .map(|(_, f)| property(&f.name))
            .collect();
        for d in report.diagnostics {
            let title = titles
                .entry((d.code.as_str(), d.origin))
                .or_insert_with(|| property(&title_of(d, lang)));
            command(&mut out, report, &files, title, d, lang);
            out.push('\n');
        }
    }
    out
}

/// Appends the annotation of `d` to `out`: `files` are the spec's file names and `title` the
/// annotation's title, each escaped as a property.
fn command(
    out: &mut String,
    report: &SpecReport<'_>,
    files: &[String],
    title: &str,
    d: &Diagnostic,
    lang: Lang,
) {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    out.push_str("::");
    out.push_str(level);
    out.push(' ');
    if let Some((span, at)) = d
        .primary
        .as_ref()
        .and_then(|l| Some((l.span, Location::of(report.sources, l.span)?)))
    {
        let (line, column, end_line, end_column) = (at.line, at.column, at.end_line, at.end_column);
        // The file's name as escaped once per file, not the location's own.
        let file = &files[span.file.0 as usize];
        // Writing into a String cannot fail.
        let _ = write!(out, "file={file},line={line},endLine={end_line},");
        // Columns only on one line: GitHub ignores them otherwise.
        if line == end_line {
            let _ = write!(out, "col={column},endColumn={end_column},");
        }
    }
    out.push_str("title=");
    out.push_str(title);
    out.push_str("::");
    // The body's lines, escaped as they are added: escaping is character by character, so this is
    // the whole body escaped at once.
    push_data(out, &d.message);
    let mut line = |text: &str| {
        push_data(out, "\n");
        push_data(out, text);
    };
    if let Some(help) = &d.help {
        line(&tr!(lang, text::HELP, help = help));
    }
    if !d.path.is_empty() {
        line(&tr!(lang, text::PATH, path = d.path.join(" → ")));
    }
    if !d.provisions.is_empty() {
        line(&tr!(lang, text::SEE, provisions = d.provisions.join("; ")));
    }
    if !d.unverified.is_empty() {
        line(&tr!(
            lang,
            text::UNVERIFIED,
            provisions = d.unverified.join("; ")
        ));
    }
    if let Some(note) = &d.note {
        line(&tr!(lang, text::NOTE, note = note));
    }
}

/// The annotation's title: the code, the rule's title in `lang` beside it, and what kind of
/// diagnostic.
fn title_of(d: &Diagnostic, lang: Lang) -> String {
    match d.origin {
        Origin::Rule => tr!(
            lang,
            text::FINDING_TITLE,
            code = d.code,
            title = super::rule_title(&d.code, lang)
        ),
        Origin::Spec => tr!(lang, text::SPEC_ERROR_TITLE, code = d.code),
    }
}

/// Escapes a command's message: `%`, carriage returns and newlines; control and text-direction
/// characters (from a file name: a spec's own text cannot hold them) are shown escaped, since the
/// runner's log shows the message as a terminal would (`escape::terminal`).
#[cfg(test)]
fn data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_data(&mut out, text);
    out
}

/// [`data`], appended to `out`.
fn push_data(out: &mut String, text: &str) {
    push_escaped(out, text, false);
}

/// Escapes a property value: as a message, plus `:` and `,`, which separate properties.
fn property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text, true);
    out
}

/// [`data`] (or [`property`], when `in_property`) of `text`, appended to `out`.
fn push_escaped(out: &mut String, text: &str, in_property: bool) {
    let shown = crate::escape::terminal(text);
    let mut from = 0;
    for (at, c) in shown.char_indices() {
        let escaped = match c {
            '%' => "%25",
            '\r' => "%0D",
            '\n' => "%0A",
            ':' if in_property => "%3A",
            ',' if in_property => "%2C",
            _ => continue,
        };
        out.push_str(&shown[from..at]);
        out.push_str(escaped);
        from = at + c.len_utf8();
    }
    out.push_str(&shown[from..]);
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
