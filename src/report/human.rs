//! `--format human` (the default): miette diagnostics with the offending words underlined, related
//! declarations labelled, the fix, the data path and the provisions, then a summary line.
//!
//! miette stays behind this file: the rest of hjemmel only knows [`Diagnostic`].

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use std::fmt;

use super::excerpt::Excerpt;
use super::excerpt_source::ExcerptSource;
use super::group::{self, Group};
use super::location::Location;
use super::wrap;
use super::{Counts, SpecReport, rule_title, severity};
use crate::config::waivers::SuppressedBy;
use crate::diagnostic::{DeclarationKind, Diagnostic, Label, Origin, Severity};
use crate::escape::{terminal, terminal_line};
use crate::i18n::Lang;
use crate::source::SourceMap;
use crate::syntax::span::Span;
use crate::tr;

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
    /// Terminal width to wrap at.
    pub width: usize,
    /// The language of the report's own words (the findings are worded when they are found).
    pub lang: Lang,
    /// Identical findings across declarations shown once, with the list of the others
    /// ([`group::group`]); `hjemmel check --no-group` shows each on its own.
    pub group: bool,
}

impl Style {
    /// Stable output for snapshots: no colour, 100 columns, English, grouped as the command groups.
    pub const PLAIN: Style = Style {
        colour: false,
        width: 100,
        lang: Lang::En,
        group: true,
    };
}

/// The report's own words, in English and Danish.
pub mod text {
    crate::texts! {
        /// A spec error: the spec could not be read (not a legal finding).
        ERROR = ("error", "fejl"),
        WARNING = ("warning", "advarsel"),
        /// A rule's error: likely non-compliance. "Mangel" is what a Danish lawyer calls a defect
        /// that must be remedied; "fejl" reads as a mistake of the tool or the spec (docs/cli.md).
        FINDING_ERROR = ("error", "mangel"),
        /// A rule's warning: needs assessment. "Advarsel" reads as "maybe nothing"; "bør vurderes"
        /// says what the reader must do (docs/cli.md).
        FINDING_WARNING = ("warning", "bør vurderes"),
        BY_RULE = ("findings by rule:\n", "fund pr. regel:\n"),
        SAME_FOR_ONE = (
            "the same finding for one more {kind}:",
            "samme fund for én anden {kind}:"
        ),
        SAME_FOR_MANY = (
            "the same finding for {n} more {kinds}:",
            "samme fund for {n} andre {kinds}:"
        ),
        ACTIVITY = ("activity", "aktivitet"),
        ACTIVITIES = ("activities", "aktiviteter"),
        PROCESSOR = ("processor", "databehandler"),
        PROCESSORS = ("processors", "databehandlere"),
        RECIPIENT = ("recipient", "modtager"),
        RECIPIENTS = ("recipients", "modtagere"),
        JOINT_CONTROLLER = ("joint controller", "fælles dataansvarlig"),
        JOINT_CONTROLLERS = ("joint controllers", "fælles dataansvarlige"),
        SOURCE = ("source", "kilde"),
        SOURCES = ("sources", "kilder"),
        DATA_CATEGORY = ("data category", "kategori af personoplysninger"),
        DATA_CATEGORIES = ("data categories", "kategorier af personoplysninger"),
        SUBJECT_GROUP = ("group of data subjects", "gruppe af registrerede"),
        SUBJECT_GROUPS = ("groups of data subjects", "grupper af registrerede"),
        CONTROLLER = ("controller", "dataansvarlig"),
        CONTROLLERS = ("controllers", "dataansvarlige"),
        PLACE = ("place", "sted"),
        PLACES = ("places", "steder"),
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
        ONE_ERROR = ("1 error", "1 mangel"),
        ERRORS = ("{n} errors", "{n} mangler"),
        ONE_WARNING = ("1 warning", "1 til vurdering"),
        WARNINGS = ("{n} warnings", "{n} til vurdering"),
        ONE_SPEC_ERROR = ("1 error", "1 fejl"),
        SPEC_ERRORS = ("{n} errors", "{n} fejl"),
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
    let layout = Layout::of(&theme, style.width);
    let wrapping = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(CONTEXT_LINES)
        // The words textwrap's Unicode separator finds, without its line-break pass over plain text.
        .with_word_separator(super::wrap::separator());
    let handlers = Handlers {
        laid_out: wrapping.clone().with_wrap_lines(false),
        wrapping,
        layout,
    };
    let mut out = String::new();
    let mut total = Counts::default();
    for report in reports {
        if style.group {
            for g in group::group(report.diagnostics) {
                render_one(&handlers, report.sources, g.first(), lang, &mut out);
                render_others(report, &g, lang, &mut out);
            }
        } else {
            for d in report.diagnostics {
                render_one(&handlers, report.sources, d, lang, &mut out);
            }
        }
        render_suppressed(report, lang, &mut out);
        total = total + Counts::of(report.diagnostics);
    }
    out.push_str(&by_rule(reports, lang));
    out.push_str(&summary_line(reports, total, lang));
    out
}

/// After the first finding of a group, the others: each declaration by its label and name, and where.
fn render_others(report: &SpecReport<'_>, g: &Group<'_>, lang: Lang, out: &mut String) {
    let others = &g.findings[1..];
    if others.is_empty() {
        return;
    }
    let kinds: Vec<Option<DeclarationKind>> = others
        .iter()
        .map(|d| d.declaration.as_ref().map(|x| x.kind))
        .collect();
    let kind = kinds
        .iter()
        .all(|k| *k == kinds[0])
        .then_some(kinds[0])
        .flatten();
    let (one, many) = kind_words(kind);
    // The blank line miette ends a finding with goes after the list.
    if out.ends_with("\n\n") {
        out.pop();
    }
    let heading = match others.len() {
        1 => tr!(lang, text::SAME_FOR_ONE, kind = one.get(lang)),
        n => tr!(lang, text::SAME_FOR_MANY, n = n, kinds = many.get(lang)),
    };
    out.push_str(&format!("  {heading}\n"));
    for d in others {
        let at = d
            .primary
            .as_ref()
            .and_then(|l| Location::of(report.sources, l.span))
            .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
            .unwrap_or_else(|| report.path.to_string());
        let who = match &d.declaration {
            Some(x) if !x.label.is_empty() => format!("{} (`{}`)", x.label, x.name),
            Some(x) => format!("`{}`", x.name),
            None => d.message.clone(),
        };
        let line = format!("    - {who}, {at}\n");
        out.push_str(&terminal(&line));
    }
    out.push('\n');
}

/// The words for a kind of declaration, one and many (`activity`, `activities`; `aktivitet`,
/// `aktiviteter`); `place` when the group mixes kinds.
pub fn kind_words(kind: Option<DeclarationKind>) -> (crate::i18n::Text, crate::i18n::Text) {
    match kind {
        Some(DeclarationKind::Activity) => (text::ACTIVITY, text::ACTIVITIES),
        Some(DeclarationKind::Processor) => (text::PROCESSOR, text::PROCESSORS),
        Some(DeclarationKind::Recipient) => (text::RECIPIENT, text::RECIPIENTS),
        Some(DeclarationKind::JointController) => (text::JOINT_CONTROLLER, text::JOINT_CONTROLLERS),
        Some(DeclarationKind::Source) => (text::SOURCE, text::SOURCES),
        Some(DeclarationKind::Data) => (text::DATA_CATEGORY, text::DATA_CATEGORIES),
        Some(DeclarationKind::Subjects) => (text::SUBJECT_GROUP, text::SUBJECT_GROUPS),
        Some(DeclarationKind::Controller) => (text::CONTROLLER, text::CONTROLLERS),
        None => (text::PLACE, text::PLACES),
    }
}

/// The count per rule of every spec's findings (not spec errors), errors first, then by count:
/// `RETENTION-MISSING  10 × error  no deletion deadline`. Empty when there are none.
fn by_rule(reports: &[SpecReport<'_>], lang: Lang) -> String {
    let mut counts: Vec<(Severity, &str, usize)> = Vec::new();
    for d in reports
        .iter()
        .flat_map(|r| r.diagnostics)
        .filter(|d| d.origin == Origin::Rule)
    {
        match counts
            .iter_mut()
            .find(|(s, c, _)| *s == d.severity && *c == d.code)
        {
            Some((_, _, n)) => *n += 1,
            None => counts.push((d.severity, &d.code, 1)),
        }
    }
    if counts.is_empty() {
        return String::new();
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
    let code_width = counts.iter().map(|c| c.1.len()).max().unwrap_or(0);
    let words: Vec<&str> = counts
        .iter()
        .map(|c| severity(c.0, Origin::Rule, lang))
        .collect();
    let word_width = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    let mut out = tr!(lang, text::BY_RULE);
    for ((_, code, n), word) in counts.iter().zip(&words) {
        let title = rule_title(code, lang);
        let line = format!("  {code:<code_width$}  {n:>3} × {word:<word_width$}  {title}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    out
}

/// miette's renderer twice: wrapping the texts, and not wrapping them, for texts [`Layout`] has laid
/// out already.
struct Handlers {
    wrapping: GraphicalReportHandler,
    laid_out: GraphicalReportHandler,
    layout: Layout,
}

impl Handlers {
    fn for_texts(&self, laid_out: bool) -> &GraphicalReportHandler {
        if laid_out {
            &self.laid_out
        } else {
            &self.wrapping
        }
    }
}

/// The texts of a finding laid out in lines as miette's wrapping lays them out ([`wrap::lay_out`]),
/// so that miette need not wrap them: its wrapping (textwrap, word by word) cost about an eighth
/// of `check` at 10,000 activities.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// miette wraps at the width less two.
    width: usize,
    /// The widths of the indents before a message's first line, by severity (miette's icon between
    /// two spaces and one), and before its other lines.
    error: usize,
    warning: usize,
    advice: usize,
    message_rest: usize,
}

/// The width of miette's indent before a help's lines (`  help: `, then as many spaces).
const HELP_INDENT: usize = 8;

impl Layout {
    fn of(theme: &GraphicalTheme, width: usize) -> Layout {
        let indent = |c: &str| 3 + textwrap::core::display_width(c);
        let c = &theme.characters;
        Layout {
            width: width.saturating_sub(2),
            error: indent(&c.error),
            warning: indent(&c.warning),
            advice: indent(&c.advice),
            message_rest: indent(&c.vbar.to_string()),
        }
    }

    fn message(&self, text: &str, severity: miette::Severity) -> Option<String> {
        let first = match severity {
            miette::Severity::Error => self.error,
            miette::Severity::Warning => self.warning,
            miette::Severity::Advice => self.advice,
        };
        wrap::lay_out(text, self.width, first, self.message_rest)
    }

    fn help(&self, text: &str) -> Option<String> {
        wrap::lay_out(text, self.width, HELP_INDENT, HELP_INDENT)
    }
}

fn render_one(
    handlers: &Handlers,
    sources: &SourceMap,
    d: &Diagnostic,
    lang: Lang,
    out: &mut String,
) {
    let view = View::new(sources, d, lang, &handlers.layout);
    let handler = handlers.for_texts(view.laid_out);
    let mut report = String::new();
    if handler.render_report(&mut report, &view).is_err() {
        // Rendering into a String cannot fail; keep the message even if miette did.
        report = format!("{}: {}\n", header(d, lang), view.message);
    }
    out.push_str(&help_word(&report, lang));
    // Labels far from the primary one, or in another file, follow as notes with a snippet of their
    // own, so the reader is not shown every line in between.
    for note in &view.related {
        let _ = handlers.for_texts(note.laid_out).render_report(out, note);
    }
    out.push('\n');
}

/// `error[RETENTION-MISSING] · no deletion deadline`: the code, and beside it the rule's title in the
/// reader's language (the code is English and stable; `mangel[RETENTION-MISSING] · ingen slettefrist`).
fn header(d: &Diagnostic, lang: Lang) -> String {
    let severity = severity(d.severity, d.origin, lang);
    let title = match d.origin {
        Origin::Rule => rule_title(&d.code, lang),
        Origin::Spec => "",
    };
    if title.is_empty() {
        format!("{severity}[{}]", d.code)
    } else {
        format!("{severity}[{}] · {title}", d.code)
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
        // The reason may come from hjemmel.toml, whose strings may hold any character.
        out.push_str(&terminal(&tr!(
            lang,
            text::SUPPRESSED,
            how = how.get(lang),
            code = s.finding.code,
            at = finding_at,
            message = s.finding.message,
            place = at(s.span),
            reason = terminal_line(&s.reason)
        )));
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
                errors = spec_errors(c.errors, lang)
            ));
        }
    }
    if reports.len() > 1 {
        lines.push_str(&tr!(lang, text::TOTAL, counts = counts_phrase(total, lang)));
    }
    // The paths are the user's, and a file name may hold any character but `/`.
    terminal(&lines).into_owned()
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

fn spec_errors(n: usize, lang: Lang) -> String {
    match n {
        1 => tr!(lang, text::ONE_SPEC_ERROR),
        n => tr!(lang, text::SPEC_ERRORS, n = n),
    }
}

fn warnings(n: usize, lang: Lang) -> String {
    match n {
        1 => tr!(lang, text::ONE_WARNING),
        n => tr!(lang, text::WARNINGS, n = n),
    }
}

/// Lines miette shows before and after the labelled ones.
const CONTEXT_LINES: usize = 1;

/// A [`Diagnostic`] dressed for miette. Labels in the primary's file are drawn on an excerpt of it;
/// labels in other files of the spec, or far from the primary one, become related notes drawn on an
/// excerpt of their own.
struct View<'a> {
    d: &'a Diagnostic,
    /// The message, without control characters (`escape::terminal`).
    message: String,
    lang: Lang,
    source: Option<ExcerptSource<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Related<'a>>,
    help: Option<String>,
    /// Whether `message` and `help` are laid out in lines already ([`Layout`]), for miette to show
    /// as they are; otherwise miette wraps them.
    laid_out: bool,
}

/// A label far from the primary one or in another file, drawn as a note of its own.
struct Related<'a> {
    source: ExcerptSource<'a>,
    label: LabeledSpan,
    message: String,
    /// Whether `message` is laid out in lines already.
    laid_out: bool,
}

impl<'a> View<'a> {
    fn new(sources: &'a SourceMap, d: &'a Diagnostic, lang: Lang, layout: &Layout) -> Self {
        let file = d
            .primary
            .as_ref()
            .map(|l| l.span.file)
            .filter(|f| f.0 != u32::MAX);
        let mut near: Vec<(&Label, bool)> = Vec::new();
        let mut related = Vec::new();
        let primary_line = d
            .primary
            .as_ref()
            .filter(|_| file.is_some())
            .map(|l| line_of(sources, l.span));
        let all = d
            .primary
            .iter()
            .map(|l| (true, l))
            .chain(d.secondary.iter().map(|l| (false, l)));
        for (primary, label) in all {
            if label.span.is_synthetic() {
                continue;
            }
            let is_near = Some(label.span.file) == file
                && primary_line
                    .is_some_and(|p| line_of(sources, label.span).abs_diff(p) <= NEAR_LINES);
            if primary || is_near {
                near.push((label, primary));
            } else {
                // Far away or in another file: its own snippet, so the reader is not shown every line between.
                let source = excerpt_of(sources, &[label.span]);
                let message = terminal(&label.message).into_owned();
                let laid_out = layout.message(&message, miette::Severity::Advice);
                related.push(Related {
                    label: LabeledSpan::new_primary_with_span(None, source.span(label.span)),
                    source,
                    laid_out: laid_out.is_some(),
                    message: laid_out.unwrap_or(message),
                });
            }
        }
        let spans: Vec<Span> = near.iter().map(|(l, _)| l.span).collect();
        let source = file.map(|_| excerpt_of(sources, &spans));
        let labels = match &source {
            Some(source) => near
                .iter()
                .map(|(label, primary)| labeled(label, source.span(label.span), *primary))
                .collect(),
            None => Vec::new(),
        };
        let message = terminal(&d.message).into_owned();
        let help = help_text(d, lang).map(|h| terminal(&h).into_owned());
        let laid_out_message = layout.message(&message, miette_severity(d.severity));
        let laid_out_help = help.as_deref().map(|h| layout.help(h));
        let (message, help, laid_out) = match (laid_out_message, laid_out_help) {
            (Some(message), None) => (message, None, true),
            (Some(message), Some(Some(help))) => (message, Some(help), true),
            _ => (message, help, false),
        };
        View {
            d,
            message,
            lang,
            source,
            labels,
            related,
            help,
            laid_out,
        }
    }
}

/// The lines miette draws around `spans` (of one file, not synthetic; at least one): from the line
/// before the first to the lines after the last, long lines cut around the spans' ends. One line
/// more after than miette shows, since it reads one further when a span ends at a line's end.
fn excerpt_of<'a>(sources: &'a SourceMap, spans: &[Span]) -> ExcerptSource<'a> {
    let file = sources.file(spans[0].file);
    let from = spans.iter().map(|s| s.start as usize).min().unwrap_or(0);
    let to = spans.iter().map(|s| s.end as usize).max().unwrap_or(from);
    let points: Vec<usize> = spans
        .iter()
        .flat_map(|s| [s.start as usize, s.end as usize])
        .collect();
    let excerpt = Excerpt::around(file, from, to, CONTEXT_LINES, CONTEXT_LINES + 1, &points);
    ExcerptSource::new(file, &excerpt)
}

/// Secondary labels further than this many lines from the primary one get a snippet of their own.
const NEAR_LINES: usize = 6;

fn line_of(sources: &SourceMap, span: Span) -> usize {
    sources.file(span.file).line_col(span.start as usize).0
}

fn labeled(label: &Label, span: miette::SourceSpan, primary: bool) -> LabeledSpan {
    let text = Some(terminal(&label.message).into_owned()).filter(|m| !m.is_empty());
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
        write!(f, "{}", self.message)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
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
        Some(Box::new(header(self.d, self.lang)))
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

impl fmt::Debug for Related<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl fmt::Display for Related<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Related<'_> {}

impl miette::Diagnostic for Related<'_> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, lines};
    use crate::syntax::span::FileId;

    /// A spec on one line: a used data category, then `unused` ones, each a finding
    /// (UNUSED-DECLARATION), further and further along the line.
    fn one_line_spec(unused: usize) -> SourceMap {
        let mut text = String::from(
            "controller k \"Kommune\" { public authority contact \"post@k.dk\" dpo { email \"dpo@k.dk\" } } \
             subjects citizens \"Borgere\" citizens data used \"Navn\" ordinary \
             activity a \"Ansøgninger\" { purpose \"Behandle ansøgninger\" subjects citizens data used \
             basis gdpr 6(1)(e), law \"Lov om kommunernes styrelse\" retain all for 5 years } ",
        );
        for i in 0..unused {
            text.push_str(&format!("data unused_{i} \"Ubrugt æ {i}\" ordinary "));
        }
        let mut sources = SourceMap::new();
        sources.add(SourceFile::new("one.hjemmel", text));
        sources
    }

    /// Bytes the line look-ups scanned and bytes written, per finding, rendering every finding of a
    /// one-line spec with `unused` findings on its own (`group: false`) and grouped.
    fn cost_per_finding(unused: usize) -> (usize, usize) {
        let sources = one_line_spec(unused);
        let checked = crate::check_sources(&sources, Lang::En).expect("the spec is valid");
        assert_eq!(checked.findings.len(), unused);
        let report = SpecReport {
            path: "one.hjemmel",
            sources: &sources,
            diagnostics: &checked.findings,
            suppressed: &[],
            understood: true,
        };
        let before = lines::scanned();
        let mut written = 0;
        for group in [false, true] {
            let style = Style {
                group,
                ..Style::PLAIN
            };
            written += render(std::slice::from_ref(&report), style).len();
        }
        ((lines::scanned() - before) / unused, written / unused)
    }

    /// The human format costs the same per finding however far along one line the findings are:
    /// miette is handed an excerpt, not the line, and the line look-ups scan a block at most. Before,
    /// miette read the line up to every label and printed all of it under every finding.
    #[test]
    fn a_finding_on_a_long_line_costs_the_same_wherever_it_is() {
        let (scanned_small, written_small) = cost_per_finding(200);
        let (scanned_large, written_large) = cost_per_finding(3_200);
        assert!(
            scanned_large <= scanned_small * 5 / 4 + 64,
            "scanned per finding: {scanned_small} then {scanned_large}"
        );
        assert!(
            written_large <= written_small * 5 / 4 + 64,
            "written per finding: {written_small} then {written_large}"
        );
        assert!(written_large < 2_000, "{written_large}");
    }

    /// The findings' texts are laid out for miette (which then need not wrap them), and, wrapped by
    /// miette instead, read the same.
    #[test]
    fn findings_are_laid_out_as_miette_wraps_them() {
        let sources = one_line_spec(3);
        let checked = crate::check_sources(&sources, Lang::En).expect("the spec is valid");
        let theme = GraphicalTheme::unicode_nocolor();
        for width in [30, 60, 100] {
            let handlers = Handlers {
                wrapping: GraphicalReportHandler::new_themed(theme.clone())
                    .with_width(width)
                    .with_word_separator(super::wrap::separator()),
                laid_out: GraphicalReportHandler::new_themed(theme.clone())
                    .with_width(width)
                    .with_wrap_lines(false),
                layout: Layout::of(&theme, width),
            };
            for d in &checked.findings {
                for lang in [Lang::En, Lang::Da] {
                    let view = View::new(&sources, d, lang, &handlers.layout);
                    assert!(view.laid_out, "{}", d.message);
                    let mut laid_out = String::new();
                    render_one(&handlers, &sources, d, lang, &mut laid_out);
                    let unwrapped = View::new(&sources, d, lang, &Layout::of(&theme, 0));
                    assert!(!unwrapped.laid_out);
                    let mut wrapped = String::new();
                    handlers
                        .wrapping
                        .render_report(&mut wrapped, &unwrapped)
                        .unwrap();
                    wrapped = help_word(&wrapped, lang) + "\n";
                    assert_eq!(laid_out, wrapped);
                    // The message's and the help's lines (miette draws the snippets as they are).
                    let text_lines = laid_out.lines().filter(|l| {
                        ["  ⚠ ", "  │ ", "  help: ", " hjælp: ", "        "]
                            .iter()
                            .any(|indent| l.starts_with(indent))
                    });
                    let widths: Vec<usize> = text_lines.map(|l| l.chars().count()).collect();
                    assert!(widths.len() >= 3, "{laid_out}");
                    assert!(widths.iter().all(|&w| w <= width), "{laid_out}");
                }
            }
        }
    }

    /// A label past column 65,535 made miette panic (an underline padded wider than `u16::MAX`).
    #[test]
    fn a_label_past_column_65535_is_drawn_with_the_line_cut() {
        let sources = one_line_spec(2_500);
        let checked = crate::check_sources(&sources, Lang::En).expect("the spec is valid");
        let last = checked.findings.last().expect("findings");
        let (line, column) = sources
            .file(FileId(0))
            .line_col(last.primary.as_ref().unwrap().span.start as usize);
        assert!(line == 1 && column > 70_000, "{line}:{column}");
        let shown = render(
            &[SpecReport {
                path: "one.hjemmel",
                sources: &sources,
                diagnostics: std::slice::from_ref(last),
                suppressed: &[],
                understood: true,
            }],
            Style::PLAIN,
        );
        assert!(
            shown.contains(&format!("[one.hjemmel:1:{column}]")),
            "{shown}"
        );
        assert!(
            shown.contains(
                " 1 │ …97\" ordinary data unused_2498 \"Ubrugt æ 2498\" ordinary data unused_2499 "
            ),
            "{shown}"
        );
        assert!(shown.lines().all(|l| l.chars().count() < 200), "{shown}");
    }
}
