//! `hjemmel diff --format human` (the default): plain text for a terminal or a log, one section per
//! kind of change, each line marked `+` (added) or `−` (removed).

use super::Diff;
use super::changes::Party;
use super::words::{self, ADDED_MARK, REMOVED_MARK, code};
use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, Text};
use crate::source::SourceMap;
use crate::tr;

/// The diff as text for a terminal. The text holds paths, git's revision names and the spec's words,
/// and no colour of its own, so it is neutralised as a whole (`escape::terminal`).
pub fn render(diff: &Diff<'_>, lang: Lang) -> String {
    crate::escape::terminal(&unescaped(diff, lang)).into_owned()
}

fn unescaped(diff: &Diff<'_>, lang: Lang) -> String {
    let mut out = String::new();
    let c = diff.compared;
    out.push_str(&tr!(
        lang,
        words::COMPARING,
        old = words::old_spec(lang, c.old_path, c.revision),
        new = code(c.new_path)
    ));
    out.push('\n');
    if let (None, Some(revision)) = (diff.old, c.revision) {
        out.push_str(&tr!(
            lang,
            words::ABSENT,
            path = code(c.old_path),
            revision = code(revision)
        ));
        out.push('\n');
    }
    out.push('\n');

    findings(diff, lang, &mut out);
    if diff.is_empty() {
        out.push_str(&tr!(lang, words::NO_CHANGES));
        out.push('\n');
        return out;
    }
    flows(diff, lang, &mut out);
    declarations(diff, lang, &mut out);
    // Sections end with an empty line; the output does not.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn findings(diff: &Diff<'_>, lang: Lang, out: &mut String) {
    let f = &diff.findings;
    out.push_str(&format!(
        "{}: {}\n",
        words::FINDINGS.get(lang),
        words::finding_counts(lang, f.counts())
    ));
    let new_sources = diff.new.sources;
    for finding in &f.introduced {
        finding_line(ADDED_MARK, finding, new_sources, lang, out);
    }
    if let Some(old) = diff.old {
        for finding in &f.fixed {
            finding_line(REMOVED_MARK, finding, old.sources, lang, out);
        }
    }
    for waived in &f.waived {
        finding_line("~", &waived.finding, new_sources, lang, out);
        out.push_str(&format!(
            "      {}: {}\n",
            words::WAIVED.get(lang),
            // A reason from hjemmel.toml may hold line breaks: it stays on its own line.
            crate::escape::terminal_line(&waived.reason)
        ));
    }
    out.push('\n');
}

fn finding_line(
    mark: &str,
    finding: &Diagnostic,
    sources: &SourceMap,
    lang: Lang,
    out: &mut String,
) {
    out.push_str(&format!(
        "  {mark} {}[{}] {}\n",
        words::severity(lang, finding.severity),
        finding.code,
        finding.message
    ));
    if let Some(at) = words::location(sources, finding) {
        out.push_str(&format!("      {at}\n"));
    }
}

fn flows(diff: &Diff<'_>, lang: Lang, out: &mut String) {
    let line = |mark: &str, pair: &super::flows::FlowPair| {
        let mut text = format!(
            "{mark} {} → {} [{}]",
            code(pair.data),
            words::party(lang, pair),
            words::place(lang, pair.place.as_ref())
        );
        let marks = words::flow_marks(lang, pair);
        if !marks.is_empty() {
            text.push_str(&format!(" — {}", marks.join(", ")));
        }
        text
    };
    let lines = marked(&diff.flows.added, &diff.flows.removed, line);
    section(out, &words::FLOWS, lang, lines);
}

fn declarations(diff: &Diff<'_>, lang: Lang, out: &mut String) {
    let ch = &diff.changes;

    let activity = |mark: &str, a: &super::changes::ActivityRef| {
        format!("{mark} {} \"{}\"", code(&a.name), a.label)
    };
    let lines = marked(&ch.activities.added, &ch.activities.removed, activity);
    section(out, &words::ACTIVITIES, lang, lines);

    let mut lines = Vec::new();
    for change in &ch.bases {
        lines.push(code(&change.activity));
        let cite = |mark: &str, c: &crate::law::citation::LegalRef| {
            format!("  {mark} {}", words::citation(lang, c))
        };
        lines.extend(marked(
            &change.citations.added,
            &change.citations.removed,
            cite,
        ));
    }
    section(out, &words::BASES, lang, lines);

    let lines = ch
        .retention
        .iter()
        .map(|r| {
            format!(
                "{}, {}: {} → {}",
                code(&r.activity),
                code(&r.data),
                words::period(lang, r.old.as_ref()),
                words::period(lang, r.new.as_ref())
            )
        })
        .collect();
    section(out, &words::RETENTION, lang, lines);

    let data = |mark: &str, d: &super::changes::DataFacts| {
        format!(
            "{mark} {} \"{}\" ({})",
            code(&d.name),
            d.label,
            code(&words::class(d.class, &d.special))
        )
    };
    let mut lines = marked(&ch.data.added, &ch.data.removed, data);
    lines.extend(ch.reclassified.iter().map(|r| {
        format!(
            "{}: {} → {}",
            code(&r.new.name),
            code(&words::class(r.old.class, &r.old.special)),
            code(&words::class(r.new.class, &r.new.special))
        )
    }));
    section(out, &words::DATA, lang, lines);

    let processor = |mark: &str, p: &super::changes::ProcessorFacts| {
        let mut text = format!(
            "{mark} {} \"{}\" [{}]",
            code(&p.name),
            p.label,
            words::place(lang, Some(&p.place))
        );
        if let Some(parent) = &p.parent {
            text.push_str(&format!(
                ", {}",
                tr!(lang, words::SUBPROCESSOR_OF, parent = code(parent))
            ));
        }
        text.push_str(&mechanisms_suffix(lang, &p.mechanisms));
        text
    };
    let lines = marked(&ch.processors.added, &ch.processors.removed, processor);
    section(out, &words::PROCESSORS, lang, lines);

    let recipient = |mark: &str, r: &super::changes::RecipientFacts| {
        format!(
            "{mark} {} \"{}\" ({}) [{}]{}",
            code(&r.name),
            r.label,
            code(r.kind.keyword()),
            words::place(lang, r.place.as_ref()),
            mechanisms_suffix(lang, &r.mechanisms)
        )
    };
    let lines = marked(&ch.recipients.added, &ch.recipients.removed, recipient);
    section(out, &words::RECIPIENTS, lang, lines);

    let lines = ch
        .transfers
        .iter()
        .map(|t| {
            let kind = match t.kind {
                Party::Processor => words::PROCESSOR,
                Party::Recipient => words::RECIPIENT,
            };
            let mut parts = Vec::new();
            if let Some((was, is)) = &t.place {
                parts.push(format!(
                    "{} {} → {}",
                    words::COUNTRY.get(lang),
                    words::place(lang, was.as_ref()),
                    words::place(lang, is.as_ref())
                ));
            }
            if !t.mechanisms.is_empty() {
                let list = t
                    .mechanisms
                    .added
                    .iter()
                    .map(|m| format!("{ADDED_MARK} {}", code(&m.0)))
                    .chain(
                        t.mechanisms
                            .removed
                            .iter()
                            .map(|m| format!("{REMOVED_MARK} {}", code(&m.0))),
                    )
                    .collect::<Vec<_>>()
                    .join(", ");
                parts.push(format!("{} {list}", words::MECHANISMS.get(lang)));
            }
            format!(
                "{} {}: {}",
                kind.get(lang),
                code(&t.party),
                parts.join("; ")
            )
        })
        .collect();
    section(out, &words::TRANSFERS, lang, lines);
}

/// `` , transfer mechanisms: `scc`, `derogation(a)` ``, or nothing when there are none.
fn mechanisms_suffix(lang: Lang, mechanisms: &[super::changes::Mechanism]) -> String {
    if mechanisms.is_empty() {
        return String::new();
    }
    // The spec's own words, in backticks as the Markdown writes them.
    let list: Vec<String> = mechanisms.iter().map(|m| code(&m.0)).collect();
    format!(", {}: {}", words::MECHANISMS.get(lang), list.join(", "))
}

/// The added items marked `+`, then the removed ones marked `−`.
fn marked<T>(added: &[T], removed: &[T], line: impl Fn(&str, &T) -> String) -> Vec<String> {
    added
        .iter()
        .map(|item| line(ADDED_MARK, item))
        .chain(removed.iter().map(|item| line(REMOVED_MARK, item)))
        .collect()
}

/// A heading and its lines, indented; nothing when there are no lines.
fn section(out: &mut String, heading: &Text, lang: Lang, lines: Vec<String>) {
    if lines.is_empty() {
        return;
    }
    out.push_str(heading.get(lang));
    out.push('\n');
    for line in lines {
        out.push_str("  ");
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
}
