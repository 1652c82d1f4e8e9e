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
use crate::source::SourceMap;
use crate::syntax::span::FileId;

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
    /// Terminal width to wrap at.
    pub width: usize,
}

impl Style {
    /// Stable output for snapshots: no colour, 100 columns.
    pub const PLAIN: Style = Style {
        colour: false,
        width: 100,
    };
}

/// Renders every spec's diagnostics, then one summary line for all.
pub fn render(reports: &[SpecReport<'_>], style: Style) -> String {
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
            render_one(&handler, report.sources, d, &mut out);
        }
        render_suppressed(report, &mut out);
        total = total + Counts::of(report.diagnostics);
    }
    out.push_str(&summary_line(reports, total));
    out
}

fn render_one(
    handler: &GraphicalReportHandler,
    sources: &SourceMap,
    d: &Diagnostic,
    out: &mut String,
) {
    let view = View::new(sources, d);
    if handler.render_report(out, &view).is_err() {
        // Rendering into a String cannot fail; keep the message even if miette did.
        out.push_str(&format!(
            "{}[{}]: {}\n",
            d.severity.as_str(),
            d.code,
            d.message
        ));
    }
    // Labels far from the primary one, or in another file, follow as notes with a snippet of their
    // own, so the reader is not shown every line in between.
    for note in &view.related {
        let _ = handler.render_report(out, note);
    }
    out.push('\n');
}

/// Findings turned off by a waiver or the settings: one entry each, with the reason, so that a reader
/// of the report sees what was not reported and why.
fn render_suppressed(report: &SpecReport<'_>, out: &mut String) {
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
            SuppressedBy::Waiver => "waived",
            SuppressedBy::Config => "turned off",
        };
        out.push_str(&format!(
            "{how} [{}] at {finding_at}: {}\n  reason ({}): {}\n\n",
            s.finding.code,
            s.finding.message,
            at(s.span),
            s.reason
        ));
    }
}

/// Spec-error codes that mean the files themselves could not be read (see `source::load`).
const UNREADABLE: &[&str] = &["read-error", "empty-spec", "not-utf8"];

/// `checked specs/randers: 4 errors, 2 warnings` / `specs/x could not be checked: 1 error`.
fn summary_line(reports: &[SpecReport<'_>], total: Counts) -> String {
    let mut lines = String::new();
    for r in reports {
        let c = Counts::of(r.diagnostics);
        if r.understood {
            let suppressed = match r.suppressed.len() {
                0 => String::new(),
                n => format!(" ({n} suppressed)"),
            };
            lines.push_str(&format!(
                "checked {}: {}{suppressed}\n",
                r.path,
                counts_phrase(c)
            ));
        } else if r
            .diagnostics
            .iter()
            .any(|d| UNREADABLE.contains(&d.code.as_str()))
        {
            lines.push_str(&format!("{} could not be read\n", r.path));
        } else {
            lines.push_str(&format!(
                "{} could not be checked: {} in the spec\n",
                r.path,
                plural(c.errors, "error")
            ));
        }
    }
    if reports.len() > 1 {
        lines.push_str(&format!("total: {}\n", counts_phrase(total)));
    }
    lines
}

fn counts_phrase(c: Counts) -> String {
    if c.errors == 0 && c.warnings == 0 {
        return "no findings".to_string();
    }
    format!(
        "{}, {}",
        plural(c.errors, "error"),
        plural(c.warnings, "warning")
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A [`Diagnostic`] dressed for miette. Labels in the primary's file are drawn on its source; labels in
/// other files of the spec become related notes drawn on theirs.
struct View<'a> {
    d: &'a Diagnostic,
    source: Option<NamedSource<Arc<String>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Related>,
    help: Option<String>,
}

/// A label far from the primary one or in another file, drawn as a note of its own.
struct Related {
    source: NamedSource<Arc<String>>,
    label: LabeledSpan,
    message: String,
}

impl<'a> View<'a> {
    fn new(sources: &SourceMap, d: &'a Diagnostic) -> Self {
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
            source: file.map(named),
            labels,
            related,
            help: help_text(d),
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
fn help_text(d: &Diagnostic) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(h) = &d.help {
        parts.push(h.clone());
    }
    if !d.path.is_empty() {
        parts.push(format!("path: {}", d.path.join(" → ")));
    }
    if !d.provisions.is_empty() {
        parts.push(format!("see: {}", d.provisions.join("; ")));
    }
    if let Some(note) = &d.note {
        parts.push(format!("note: {note}"));
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
            self.d.severity.as_str(),
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
