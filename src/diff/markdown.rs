//! `hjemmel diff --format markdown`: the change as a comment on a pull request — a heading, the
//! finding counts, then one table per kind of change. Sections without changes are left out.

use super::Diff;
use super::changes::Party;
use super::flows::{FlowPair, PartyKind};
use super::words::{self, ADDED_MARK, REMOVED_MARK};
use crate::diagnostic::Diagnostic;
use crate::escape::{markdown_code as code, markdown_inline as text, markdown_message};
use crate::i18n::{Lang, Text};
use crate::source::SourceMap;
use crate::tr;

pub fn render(diff: &Diff<'_>, lang: Lang) -> String {
    let mut out = String::new();
    let c = diff.compared;
    out.push_str(&format!(
        "### hjemmel diff\n\n{}\n\n",
        tr!(
            lang,
            words::COMPARING,
            old = old_spec(lang, c.old_path, c.revision),
            new = code(c.new_path)
        )
    ));
    if let (None, Some(revision)) = (diff.old, c.revision) {
        let absent = tr!(
            lang,
            words::ABSENT,
            path = code(c.old_path),
            revision = code(revision)
        );
        out.push_str(&format!("_{absent}._\n\n"));
    }
    out.push_str(&format!(
        "**{}:** {}\n\n",
        words::FINDINGS.get(lang),
        words::finding_counts(lang, diff.findings.counts())
    ));
    if diff.is_empty() {
        out.push_str(&tr!(lang, words::NO_CHANGES));
        out.push('\n');
        return out;
    }
    findings(diff, lang, &mut out);
    flows(diff, lang, &mut out);
    declarations(diff, lang, &mut out);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn findings(diff: &Diff<'_>, lang: Lang, out: &mut String) {
    let f = &diff.findings;
    let header = [
        &words::SEVERITY,
        &words::CODE,
        &words::FINDING,
        &words::WHERE,
    ];
    let row = |d: &Diagnostic, sources: &SourceMap| {
        vec![
            words::severity(lang, d.severity).to_string(),
            code(&d.code),
            markdown_message(&d.message),
            words::location(sources, d).map_or_else(String::new, |at| code(&at)),
        ]
    };
    let rows = f
        .introduced
        .iter()
        .map(|d| row(d, diff.new.sources))
        .collect();
    table(out, &words::FINDINGS_INTRODUCED, lang, &header, rows);
    if let Some(old) = diff.old {
        let rows = f.fixed.iter().map(|d| row(d, old.sources)).collect();
        table(out, &words::FINDINGS_FIXED, lang, &header, rows);
    }
    let header = [
        &words::SEVERITY,
        &words::CODE,
        &words::FINDING,
        &words::WHERE,
        &words::REASON,
    ];
    let rows = f
        .waived
        .iter()
        .map(|s| {
            let mut cells = row(&s.finding, diff.new.sources);
            cells.push(text(&s.reason));
            cells
        })
        .collect();
    table(out, &words::FINDINGS_WAIVED, lang, &header, rows);
}

fn flows(diff: &Diff<'_>, lang: Lang, out: &mut String) {
    let row = |mark: &str, pair: &FlowPair| {
        vec![
            mark.to_string(),
            code(pair.data),
            party(lang, pair),
            text(&words::place(lang, pair.place.as_ref())),
            text(&words::flow_marks(lang, pair).join(", ")),
        ]
    };
    let rows = marked(&diff.flows.added, &diff.flows.removed, row);
    let header = [&words::DATA_CATEGORY, &words::TO, &words::COUNTRY];
    marked_table(out, &words::FLOWS, lang, &header, rows);
}

fn declarations(diff: &Diff<'_>, lang: Lang, out: &mut String) {
    let ch = &diff.changes;

    let row = |mark: &str, a: &super::changes::ActivityRef| {
        vec![mark.to_string(), code(&a.name), text(&a.label)]
    };
    let rows = marked(&ch.activities.added, &ch.activities.removed, row);
    let header = [&words::NAME, &words::DESCRIPTION];
    marked_table(out, &words::ACTIVITIES, lang, &header, rows);

    let list = |citations: &[crate::law::citation::LegalRef]| {
        citations
            .iter()
            .map(|c| text(&words::citation(lang, c)))
            .collect::<Vec<_>>()
            .join("<br>")
    };
    let rows = ch
        .bases
        .iter()
        .map(|b| {
            vec![
                code(&b.activity),
                list(&b.citations.added),
                list(&b.citations.removed),
            ]
        })
        .collect();
    let header = [&words::ACTIVITY, &words::ADDED, &words::REMOVED];
    table(out, &words::BASES, lang, &header, rows);

    let rows = ch
        .retention
        .iter()
        .map(|r| {
            vec![
                code(&r.activity),
                code(&r.data),
                text(&words::period(lang, r.old.as_ref())),
                text(&words::period(lang, r.new.as_ref())),
            ]
        })
        .collect();
    let header = [
        &words::ACTIVITY,
        &words::DATA_CATEGORY,
        &words::BEFORE,
        &words::AFTER_CHANGE,
    ];
    table(out, &words::RETENTION, lang, &header, rows);

    let row = |mark: &str, d: &super::changes::DataFacts| {
        vec![
            mark.to_string(),
            code(&d.name),
            text(&d.label),
            code(&words::class(d.class, &d.special)),
        ]
    };
    let mut rows = marked(&ch.data.added, &ch.data.removed, row);
    rows.extend(ch.reclassified.iter().map(|r| {
        vec![
            String::new(),
            code(&r.new.name),
            text(&r.new.label),
            format!(
                "{} → {}",
                code(&words::class(r.old.class, &r.old.special)),
                code(&words::class(r.new.class, &r.new.special))
            ),
        ]
    }));
    let header = [&words::NAME, &words::DESCRIPTION, &words::CLASS];
    marked_table(out, &words::DATA, lang, &header, rows);

    let mechanisms = |list: &[super::changes::Mechanism]| {
        list.iter()
            .map(|m| code(&m.0))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let row = |mark: &str, p: &super::changes::ProcessorFacts| {
        vec![
            mark.to_string(),
            code(&p.name),
            text(&p.label),
            text(&words::place(lang, Some(&p.place))),
            mechanisms(&p.mechanisms),
            p.parent.as_ref().map_or_else(String::new, |parent| {
                tr!(lang, words::SUBPROCESSOR_OF, parent = code(parent))
            }),
        ]
    };
    let rows = marked(&ch.processors.added, &ch.processors.removed, row);
    let header = [
        &words::NAME,
        &words::DESCRIPTION,
        &words::COUNTRY,
        &words::MECHANISMS,
    ];
    marked_table(out, &words::PROCESSORS, lang, &header, rows);

    let row = |mark: &str, r: &super::changes::RecipientFacts| {
        vec![
            mark.to_string(),
            code(&r.name),
            text(&r.label),
            code(r.kind.keyword()),
            text(&words::place(lang, r.place.as_ref())),
            mechanisms(&r.mechanisms),
        ]
    };
    let rows = marked(&ch.recipients.added, &ch.recipients.removed, row);
    let header = [
        &words::NAME,
        &words::DESCRIPTION,
        &words::KIND,
        &words::COUNTRY,
        &words::MECHANISMS,
    ];
    marked_table(out, &words::RECIPIENTS, lang, &header, rows);

    let rows = ch
        .transfers
        .iter()
        .map(|t| {
            let kind = match t.kind {
                Party::Processor => words::PROCESSOR,
                Party::Recipient => words::RECIPIENT,
            };
            let place = t.place.as_ref().map_or_else(String::new, |(was, is)| {
                format!(
                    "{} → {}",
                    text(&words::place(lang, was.as_ref())),
                    text(&words::place(lang, is.as_ref()))
                )
            });
            let changed = t
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
            vec![
                format!("{} {}", kind.get(lang), code(&t.party)),
                place,
                changed,
            ]
        })
        .collect();
    let header = [&words::PARTY, &words::COUNTRY, &words::MECHANISMS];
    table(out, &words::TRANSFERS, lang, &header, rows);
}

/// The added items' rows, then the removed ones'.
fn marked<T>(
    added: &[T],
    removed: &[T],
    row: impl Fn(&str, &T) -> Vec<String>,
) -> Vec<Vec<String>> {
    added
        .iter()
        .map(|item| row(ADDED_MARK, item))
        .chain(removed.iter().map(|item| row(REMOVED_MARK, item)))
        .collect()
}

/// A table whose first column is the `+`/`−` marker, with no heading of its own; a last column
/// beyond the headings given has an empty heading too.
fn marked_table(
    out: &mut String,
    heading: &Text,
    lang: Lang,
    header: &[&Text],
    rows: Vec<Vec<String>>,
) {
    if rows.is_empty() {
        return;
    }
    let mut names = vec![String::new()];
    names.extend(header.iter().map(|h| h.get(lang).to_string()));
    write_table(out, heading, lang, names, rows);
}

/// A heading and a table; nothing when there are no rows.
fn table(out: &mut String, heading: &Text, lang: Lang, header: &[&Text], rows: Vec<Vec<String>>) {
    if rows.is_empty() {
        return;
    }
    let names = header.iter().map(|h| h.get(lang).to_string()).collect();
    write_table(out, heading, lang, names, rows);
}

fn write_table(
    out: &mut String,
    heading: &Text,
    lang: Lang,
    mut names: Vec<String>,
    rows: Vec<Vec<String>>,
) {
    let width = rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(names.len());
    names.resize(width, String::new());
    out.push_str(&format!("#### {}\n\n", heading.get(lang)));
    out.push_str(&line(&names));
    out.push_str(&line(&vec!["---".to_string(); width]));
    for mut row in rows {
        row.resize(width, String::new());
        out.push_str(&line(&row));
    }
    out.push('\n');
}

/// One table row. Every cell was escaped where it was made (`text`, `code`, `markdown_message`), so
/// no `|` or line break in it can end the row or the table.
fn line(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// The old spec: `` `path` ``, or `` `path` at `revision` ``.
fn old_spec(lang: Lang, path: &str, revision: Option<&str>) -> String {
    match revision {
        Some(revision) => tr!(
            lang,
            words::AT_REVISION,
            path = code(path),
            revision = code(revision)
        ),
        None => code(path),
    }
}

/// The party of a flow: `` sub-processor `helpdesk` (platform → hosting → helpdesk) ``.
/// `words::party`, with the names escaped for Markdown.
fn party(lang: Lang, pair: &FlowPair) -> String {
    let kind = match pair.kind {
        PartyKind::Processor => words::PROCESSOR,
        PartyKind::Subprocessor => words::SUBPROCESSOR,
        PartyKind::Recipient => words::RECIPIENT,
    };
    let mut party = format!("{} {}", kind.get(lang), code(pair.party));
    if pair.chain.len() > 1 {
        let chain: Vec<String> = pair.chain.iter().map(|name| text(name)).collect();
        party.push_str(&format!(" ({})", chain.join(" → ")));
    }
    party
}
