//! `--format human` (the default): miette diagnostics with the offending words underlined, related
//! declarations labelled, the fix, the data path and the provisions, then a summary line.
//!
//! miette stays behind this file: the rest of hjemmel only knows [`Diagnostic`].

use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::location::Location;
use super::{Counts, SpecReport};
use crate::config::waivers::SuppressedBy;
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::i18n::Lang;
use crate::source::{SourceMap, SourceText};
use crate::syntax::span::FileId;
use crate::tr;

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
    /// Terminal width to wrap at.
    pub width: usize,
    /// The language of the report's own words (the findings are worded when they are found).
    pub lang: Lang,
}

impl Style {
    /// Stable output for snapshots: no colour, 100 columns, English.
    pub const PLAIN: Style = Style {
        colour: false,
        width: 100,
        lang: Lang::En,
    };
}

/// The report's own words, in English and Danish.
pub mod text {
    crate::texts! {
        ERROR = ("error", "fejl"),
        WARNING = ("warning", "advarsel"),
        /// miette writes `help:` before the help of a finding; in Danish the word is replaced (one
        /// column to the left, so the text stays where miette's wrapping put it).
        HELP = ("  help: ", " hjælp: "),
        PATH = ("path: {path}", "dataflow: {path}"),
        SEE = ("see: {provisions}", "se: {provisions}"),
        NOTE = ("note: {note}", "bemærk: {note}"),
        UNVERIFIED = (
            "unverified: hjemmel's reference data for {provisions} could not be verified against the text of the law; check the provision before relying on this finding",
            "ikke verificeret: hjemmels referencedata for {provisions} er ikke efterprøvet mod lovteksten; kontrollér bestemmelsen, før fundet lægges til grund"
        ),
        WAIVED = ("waived", "undtaget"),
        TURNED_OFF = ("turned off", "slået fra"),
        SUPPRESSED = (
            "{how} [{code}] at {at}: {message}\n  reason ({place}): {reason}\n\n",
            "{how} [{code}] ved {at}: {message}\n  begrundelse ({place}): {reason}\n\n"
        ),
        CHECKED = ("checked {path}: {counts}{suppressed}\n", "kontrolleret {path}: {counts}{suppressed}\n"),
        SUPPRESSED_COUNT = (" ({n} suppressed)", " ({n} undtaget eller slået fra)"),
        NOT_READ = ("{path} could not be read\n", "{path} kunne ikke læses\n"),
        NOT_CHECKED = (
            "{path} could not be checked: {errors} in the spec\n",
            "{path} kunne ikke kontrolleres: {errors} i specifikationen\n"
        ),
        TOTAL = ("total: {counts}\n", "i alt: {counts}\n"),
        NO_FINDINGS = ("no findings", "ingen fund"),
        ONE_ERROR = ("1 error", "1 fejl"),
        ERRORS = ("{n} errors", "{n} fejl"),
        ONE_WARNING = ("1 warning", "1 advarsel"),
        WARNINGS = ("{n} warnings", "{n} advarsler"),
    }
}

/// Renders every spec's diagnostics, then one summary line for all, in `style.lang`.
pub fn render(reports: &[SpecReport<'_>], style: Style) -> String {
    let lang = style.lang;
    let theme = if style.colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    let mut total = Counts::default();
    for report in reports {
        for d in report.diagnostics {
            render_one(&handler, report.sources, d, lang, &mut out);
        }
        render_suppressed(report, lang, &mut out);
        total = total + Counts::of(report.diagnostics);
    }
    out.push_str(&summary_line(reports, total, lang));
    out
}

fn render_one(
    handler: &GraphicalReportHandler,
    sources: &SourceMap,
    d: &Diagnostic,
    lang: Lang,
    out: &mut String,
) {
    let view = View::new(sources, d, lang);
    let mut report = String::new();
    if handler.render_report(&mut report, &view).is_err() {
        // Rendering into a String cannot fail; keep the message even if miette did.
        report = format!(
            "{}[{}]: {}\n",
            severity(d.severity, lang),
            d.code,
            d.message
        );
    }
    out.push_str(&help_word(&report, lang));
    // Labels far from the primary one, or in another file, follow as notes with a snippet of their
    // own, so the reader is not shown every line in between.
    for note in &view.related {
        let _ = handler.render_report(out, note);
    }
    out.push('\n');
}

/// `error` or `warning` in `lang`.
fn severity(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => text::ERROR.get(lang),
        Severity::Warning => text::WARNING.get(lang),
    }
}

/// miette writes the word `help:` itself; in Danish it is put in Danish here, at the start of a line
/// only (after the colour codes, if any), never inside the text of a finding.
fn help_word(report: &str, lang: Lang) -> String {
    let (english, word) = (text::HELP.en, text::HELP.get(lang));
    if english == word {
        return report.to_string();
    }
    let mut out = String::with_capacity(report.len());
    for line in report.split_inclusive('\n') {
        let codes = colour_codes(line);
        match line[codes..].strip_prefix(english) {
            Some(rest) => {
                out.push_str(&line[..codes]);
                out.push_str(word);
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The length of the ANSI colour codes (`ESC [ ... m`) at the start of `line`.
fn colour_codes(line: &str) -> usize {
    let mut at = 0;
    while line[at..].starts_with("\u{1b}[") {
        match line[at..].find('m') {
            Some(end) => at += end + 1,
            None => break,
        }
    }
    at
}

/// Findings turned off by a waiver or the settings: one entry each, with the reason, so that a reader
/// of the report sees what was not reported and why.
fn render_suppressed(report: &SpecReport<'_>, lang: Lang, out: &mut String) {
    for s in report.suppressed {
        let at = |span| {
            Location::of(report.sources, span)
                .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
                .unwrap_or_else(|| report.path.to_string())
        };
        let finding_at = s
            .finding
            .primary
            .as_ref()
            .map_or_else(|| report.path.to_string(), |l| at(l.span));
        let how = match s.by {
            SuppressedBy::Waiver => text::WAIVED,
            SuppressedBy::Config => text::TURNED_OFF,
        };
        out.push_str(&tr!(
            lang,
            text::SUPPRESSED,
            how = how.get(lang),
            code = s.finding.code,
            at = finding_at,
            message = s.finding.message,
            place = at(s.span),
            reason = s.reason
        ));
    }
}

/// Spec-error codes that mean the files themselves could not be read (see `source::load`).
const UNREADABLE: &[&str] = &["read-error", "empty-spec", "not-utf8"];

/// `checked specs/randers: 4 errors, 2 warnings` / `specs/x could not be checked: 1 error`.
fn summary_line(reports: &[SpecReport<'_>], total: Counts, lang: Lang) -> String {
    let mut lines = String::new();
    for r in reports {
        let c = Counts::of(r.diagnostics);
        if r.understood {
            let suppressed = match r.suppressed.len() {
                0 => String::new(),
                n => tr!(lang, text::SUPPRESSED_COUNT, n = n),
            };
            lines.push_str(&tr!(
                lang,
                text::CHECKED,
                path = r.path,
                counts = counts_phrase(c, lang),
                suppressed = suppressed
            ));
        } else if r
            .diagnostics
            .iter()
            .any(|d| UNREADABLE.contains(&d.code.as_str()))
        {
            lines.push_str(&tr!(lang, text::NOT_READ, path = r.path));
        } else {
            lines.push_str(&tr!(
                lang,
                text::NOT_CHECKED,
                path = r.path,
                errors = errors(c.errors, lang)
            ));
        }
    }
    if reports.len() > 1 {
        lines.push_str(&tr!(lang, text::TOTAL, counts = counts_phrase(total, lang)));
    }
    lines
}

fn counts_phrase(c: Counts, lang: Lang) -> String {
    if c.errors == 0 && c.warnings == 0 {
        return tr!(lang, text::NO_FINDINGS);
    }
    format!("{}, {}", errors(c.errors, lang), warnings(c.warnings, lang))
}

fn errors(n: usize, lang: Lang) -> String {
    match n {
        1 => tr!(lang, text::ONE_ERROR),
        n => tr!(lang, text::ERRORS, n = n),
    }
}

fn warnings(n: usize, lang: Lang) -> String {
    match n {
        1 => tr!(lang, text::ONE_WARNING),
        n => tr!(lang, text::WARNINGS, n = n),
    }
}

/// A [`Diagnostic`] dressed for miette. Labels in the primary's file are drawn on its source; labels in
/// other files of the spec become related notes drawn on theirs.
struct View<'a> {
    d: &'a Diagnostic,
    lang: Lang,
    source: Option<NamedSource<Arc<SourceText>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Related>,
    help: Option<String>,
}

/// A label far from the primary one or in another file, drawn as a note of its own.
struct Related {
    source: NamedSource<Arc<SourceText>>,
    label: LabeledSpan,
    message: String,
}

impl<'a> View<'a> {
    fn new(sources: &SourceMap, d: &'a Diagnostic, lang: Lang) -> Self {
        let file = d
            .primary
            .as_ref()
            .map(|l| l.span.file)
            .filter(|f| f.0 != u32::MAX);
        let named = |id: FileId| {
            let f = sources.file(id);
            NamedSource::new(f.name.clone(), f.text.clone()).with_language("hjemmel")
        };
        let mut labels = Vec::new();
        let mut related = Vec::new();
        let primary_line = d.primary.as_ref().map(|l| line_of(sources, l.span));
        let all = d
            .primary
            .iter()
            .map(|l| (true, l))
            .chain(d.secondary.iter().map(|l| (false, l)));
        for (primary, label) in all {
            if label.span.is_synthetic() {
                continue;
            }
            let near = Some(label.span.file) == file
                && primary_line
                    .is_some_and(|p| line_of(sources, label.span).abs_diff(p) <= NEAR_LINES);
            if primary || near {
                labels.push(labeled(label, primary));
            } else {
                // Far away or in another file: its own snippet, so the reader is not shown every line between.
                related.push(Related {
                    source: named(label.span.file),
                    label: LabeledSpan::new_primary_with_span(
                        None,
                        (label.span.start as usize, label.span.len()),
                    ),
                    message: label.message.clone(),
                });
            }
        }
        View {
            d,
            lang,
            source: file.map(named),
            labels,
            related,
            help: help_text(d, lang),
        }
    }
}

/// Secondary labels further than this many lines from the primary one get a snippet of their own.
const NEAR_LINES: usize = 6;

fn line_of(sources: &SourceMap, span: crate::syntax::span::Span) -> usize {
    sources.file(span.file).line_col(span.start as usize).0
}

fn labeled(label: &Label, primary: bool) -> LabeledSpan {
    let span = (label.span.start as usize, label.span.len());
    let text = Some(label.message.clone()).filter(|m| !m.is_empty());
    if primary {
        LabeledSpan::new_primary_with_span(text, span)
    } else {
        LabeledSpan::new_with_span(text, span)
    }
}

/// The help line, then the data path and the provisions the finding rests on.
fn help_text(d: &Diagnostic, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(h) = &d.help {
        parts.push(h.clone());
    }
    if !d.path.is_empty() {
        parts.push(tr!(lang, text::PATH, path = d.path.join(" → ")));
    }
    if !d.provisions.is_empty() {
        parts.push(tr!(lang, text::SEE, provisions = d.provisions.join("; ")));
    }
    if !d.unverified.is_empty() {
        parts.push(tr!(
            lang,
            text::UNVERIFIED,
            provisions = d.unverified.join("; ")
        ));
    }
    if let Some(note) = &d.note {
        parts.push(tr!(lang, text::NOTE, note = note));
    }
    (!parts.is_empty()).then(|| parts.join("\n"))
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d.message)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d.message)
    }
}

impl std::error::Error for View<'_> {}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    }
}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}[{}]",
            severity(self.d.severity, self.lang),
            self.d.code
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.d.severity))
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

impl fmt::Debug for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl fmt::Display for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Related {}

impl miette::Diagnostic for Related {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}
