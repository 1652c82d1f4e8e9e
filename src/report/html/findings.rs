//! The findings, one `<article>` each: severity and code, the message, the spec's words with the
//! offending ones marked and the related places, the fix, the data path, the provisions; then the
//! findings a waiver or the settings turned off, with the reasons.

use std::fmt::Write;

use super::escape::{escape, message};
use super::snippet::snippets;
use crate::config::waivers::{Suppressed, SuppressedBy};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::report::location::Location;
use crate::source::SourceMap;
use crate::texts;
use crate::tr;

texts! {
    ERROR = ("error", "fejl"),
    WARNING = ("warning", "advarsel"),
    NO_FINDINGS = ("hjemmel found nothing to report.", "hjemmel fandt intet at bemærke."),
    FIX = ("How to fix it", "Sådan rettes det"),
    DATA_PATH = ("Data path", "Oplysningernes vej"),
    PROVISIONS = ("Provisions", "Bestemmelser"),
    NOTE = ("Note", "Bemærk"),
    NONE_SUPPRESSED = (
        "No finding was turned off.",
        "Ingen fund er slået fra.",
    ),
    CODE = ("Code", "Kode"),
    FINDING = ("Finding", "Fund"),
    TURNED_OFF_BY = ("Turned off by", "Slået fra af"),
    REASON = ("Reason", "Begrundelse"),
    BY_WAIVER = ("a waiver in the spec at {place}", "en undtagelse i specifikationen, {place}"),
    BY_SETTINGS = ("the settings at {place}", "indstillingerne, {place}"),
    NO_PLACE = ("no place in a file", "intet sted i en fil"),
}

/// The severity in words.
pub fn severity(lang: Lang, severity: Severity) -> String {
    match severity {
        Severity::Error => tr!(lang, ERROR),
        Severity::Warning => tr!(lang, WARNING),
    }
}

/// Every finding, in the order the other formats give them.
pub fn findings(out: &mut String, sources: &SourceMap, findings: &[Diagnostic], lang: Lang) {
    if findings.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">{}</p>", tr!(lang, NO_FINDINGS));
    }
    for (i, d) in findings.iter().enumerate() {
        finding(out, sources, d, i + 1, lang);
    }
}

fn finding(out: &mut String, sources: &SourceMap, d: &Diagnostic, number: usize, lang: Lang) {
    let class = d.severity.as_str();
    let _ = writeln!(
        out,
        "<article class=\"finding {class}\" id=\"finding-{number}\">\n<h3><span class=\"badge {class}\">{}</span> <span class=\"code\">{}</span></h3>\n<p class=\"message\">{}</p>",
        severity(lang, d.severity),
        escape(&d.code),
        message(&d.message)
    );
    let labels: Vec<_> = d
        .primary
        .iter()
        .map(|l| (l, true))
        .chain(d.secondary.iter().map(|l| (l, false)))
        .collect();
    snippets(out, sources, &labels);
    out.push_str("<dl>\n");
    if let Some(help) = &d.help {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", tr!(lang, FIX), message(help));
    }
    if !d.path.is_empty() {
        let steps: Vec<String> = d.path.iter().map(|s| escape(s)).collect();
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd class=\"path\">{}</dd>",
            tr!(lang, DATA_PATH),
            steps.join(" → ")
        );
    }
    if !d.provisions.is_empty() {
        let items: String = d
            .provisions
            .iter()
            .map(|p| format!("<li>{}</li>", escape(p)))
            .collect();
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd><ul class=\"provisions\">{items}</ul></dd>",
            tr!(lang, PROVISIONS)
        );
    }
    if let Some(note) = &d.note {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            tr!(lang, NOTE),
            message(note)
        );
    }
    out.push_str("</dl>\n</article>\n");
}

/// The findings turned off, as a table: code, the finding and where it would be, what turned it off,
/// why.
pub fn suppressed(out: &mut String, sources: &SourceMap, suppressed: &[Suppressed], lang: Lang) {
    if suppressed.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">{}</p>", tr!(lang, NONE_SUPPRESSED));
        return;
    }
    let _ = writeln!(
        out,
        "<table class=\"suppressed\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        tr!(lang, CODE),
        tr!(lang, FINDING),
        tr!(lang, TURNED_OFF_BY),
        tr!(lang, REASON)
    );
    let place = |span| {
        Location::of(sources, span)
            .map(|l| escape(&format!("{}:{}:{}", l.file, l.line, l.column)))
            .unwrap_or_else(|| tr!(lang, NO_PLACE))
    };
    for s in suppressed {
        let at = s
            .finding
            .primary
            .as_ref()
            .map_or_else(|| tr!(lang, NO_PLACE), |l| place(l.span));
        let by = match s.by {
            SuppressedBy::Waiver => tr!(lang, BY_WAIVER, place = place(s.span)),
            SuppressedBy::Config => tr!(lang, BY_SETTINGS, place = place(s.span)),
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"code\">{}</td><td>{}<br><span class=\"where\">{at}</span></td><td>{by}</td><td>{}</td></tr>",
            escape(&s.finding.code),
            message(&s.finding.message),
            escape(&s.reason)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}
