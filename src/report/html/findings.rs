//! The findings, one `<article>` each: severity and code, the message, the spec's words with the
//! offending ones marked and the related places, the fix, the data path, the provisions; then the
//! findings a waiver or the settings turned off, with the reasons.

use std::collections::HashSet;
use std::fmt::Write;

use super::about::provision_link;
use super::escape::{Escaped, escape, labelled, message};
use super::page::Page;
use super::snippet::snippets;
use crate::config::waivers::{Suppressed, SuppressedBy};
use crate::i18n::Lang;
use crate::report::group::Group;
use crate::report::location::Location;
use crate::source::SourceMap;
use crate::texts;
use crate::tr;

texts! {
    CONCERNS = ("Concerns", "Vedrører"),
    SHOWN_FOR = (
        "The spec's words below are those of {label}; the others are alike.",
        "Specifikationens ord nedenfor er fra {label}; de øvrige svarer hertil.",
    ),
    RULE_PAGE = ("the rule's page", "reglens side"),
    UNVERIFIED = ("unverified law data", "ikke verificerede retsdata"),
    UNVERIFIED_TEXT = (
        "This finding rests on legal reference data that hjemmel could not verify against the text of the law: {provisions}. Check the provision before relying on the finding.",
        "Fundet bygger på juridiske referencedata, som hjemmel ikke har kunnet efterprøve mod lovteksten: {provisions}. Kontrollér bestemmelsen, før fundet lægges til grund.",
    ),
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

/// Every finding, grouped and ordered by severity (`overview::groups`): one card per group, which
/// lists the declarations it concerns and quotes the spec's words of its first finding.
pub fn findings(
    out: &mut Page<'_>,
    sources: &SourceMap,
    groups: &[Group<'_>],
    cx: &Names<'_>,
    lang: Lang,
) {
    if groups.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">{}</p>", tr!(lang, NO_FINDINGS));
    }
    for (i, group) in groups.iter().enumerate() {
        finding(out, sources, group, i + 1, cx, lang);
    }
}

/// How the report names declarations: the label of each spec name.
pub struct Names<'a> {
    pub label: &'a dyn Fn(&str) -> Option<&'a str>,
}

fn finding(
    out: &mut Page<'_>,
    sources: &SourceMap,
    group: &Group<'_>,
    number: usize,
    cx: &Names<'_>,
    lang: Lang,
) {
    let d = group.first();
    let class = d.severity.as_str();
    let _ = writeln!(
        out,
        "<article class=\"finding {class}\" id=\"finding-{number}\">\n<h3><span class=\"badge {class}\">{}</span> <a class=\"code\" href=\"#rule-{code}\" title=\"{}\">{code}</a> <span class=\"title\">{}</span></h3>\n<p class=\"message\">{}</p>",
        escape(crate::report::severity(d.severity, d.origin, lang)),
        tr!(lang, RULE_PAGE),
        escape(crate::report::rule_title(&d.code, lang)),
        labelled(&d.message, cx.label),
        code = escape(&d.code),
    );
    if !d.unverified.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"unverified\"><span class=\"badge unverified\">{}</span> {}</p>",
            escape(&tr!(lang, UNVERIFIED)),
            escape(&tr!(
                lang,
                UNVERIFIED_TEXT,
                provisions = d.unverified.join("; ")
            ))
        );
    }
    // The declarations the group concerns, by label, each once (a set beside the list: a group of
    // the same finding in every activity is as long as the spec).
    let mut concerns: Vec<&str> = Vec::new();
    // Hashed as `SpecMap` hashes the spec's words, not with SipHash.
    let mut seen: HashSet<&str, foldhash::fast::RandomState> = HashSet::default();
    let mut kinds = Vec::new();
    for declaration in group.findings.iter().filter_map(|d| d.declaration.as_ref()) {
        let label = if declaration.label.is_empty() {
            declaration.name.as_str()
        } else {
            declaration.label.as_str()
        };
        if seen.insert(label) {
            concerns.push(label);
        }
        if !kinds.contains(&declaration.kind) {
            kinds.push(declaration.kind);
        }
    }
    if group.is_grouped() && !concerns.is_empty() {
        let kind = match kinds.as_slice() {
            [one] => Some(*one),
            _ => None,
        };
        let kinds = crate::report::human::kind_words(kind).1;
        let _ = write!(
            out,
            "<div class=\"concerns\"><strong>{}</strong> ({}): <ul>",
            tr!(lang, CONCERNS),
            Escaped(&format!("{} {}", concerns.len(), kinds.get(lang))),
        );
        for label in &concerns {
            out.push_str("<li>");
            out.escaped(label);
            out.push_str("</li>");
        }
        out.push_str("</ul></div>\n");
        let _ = writeln!(
            out,
            "<p class=\"shown-for\">{}</p>",
            escape(&tr!(lang, SHOWN_FOR, label = concerns[0]))
        );
    }
    let labels: Vec<_> = d
        .primary
        .iter()
        .map(|l| (l, true))
        .chain(d.secondary.iter().map(|l| (l, false)))
        .collect();
    snippets(out, sources, &labels);
    out.push_str("<dl>\n");
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            tr!(lang, FIX),
            labelled(help, cx.label)
        );
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
        // Written piece by piece into the page, not gathered into strings first: a card for each
        // group, and a large spec has thousands.
        let _ = write!(
            out,
            "<dt>{}</dt><dd><ul class=\"provisions\">",
            tr!(lang, PROVISIONS)
        );
        for p in &d.provisions {
            match provision_link(lang, p) {
                Some(href) => {
                    out.push_str("<li><a href=\"");
                    out.escaped(href);
                    out.push_str("\">");
                    out.escaped(p);
                    out.push_str("</a></li>");
                }
                None => {
                    out.push_str("<li>");
                    out.escaped(p);
                    out.push_str("</li>");
                }
            }
        }
        out.push_str("</ul></dd>\n");
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
pub fn suppressed(out: &mut Page<'_>, sources: &SourceMap, suppressed: &[Suppressed], lang: Lang) {
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
