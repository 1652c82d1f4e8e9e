//! `hjemmel diff --format markdown`: the change as a comment on a pull request — a heading, the
//! finding counts, then one table per kind of change. Sections without changes are left out.

use std::io::{self, Write};

use super::Diff;
use super::changes::Party;
use super::ending::OneFinalNewline;
use super::flows::{FlowPair, PartyKind, Place};
use super::words::{self, ADDED_MARK, REMOVED_MARK};
use crate::diagnostic::Diagnostic;
use crate::escape::{markdown_code as code, markdown_inline as text, markdown_inline_into};
use crate::i18n::{Lang, Text};
use crate::source::SourceMap;
use crate::tr;

/// The diff as Markdown, in memory: [`write_to`] into a string.
pub fn render(diff: &Diff<'_>, lang: Lang) -> String {
    let mut text = Vec::new();
    write_to(diff, lang, &mut text).expect("writing to memory does not fail");
    String::from_utf8(text).expect("the pieces written are strings")
}

/// Writes the diff as Markdown, row by row: for two large specs that differ everywhere the
/// document is hundreds of megabytes, which is never held whole.
pub fn write_to(diff: &Diff<'_>, lang: Lang, to: &mut dyn Write) -> io::Result<()> {
    let mut out = OneFinalNewline::new(to);
    document(diff, lang, &mut out)?;
    // Tables end with an empty line; the document does not.
    out.finish().map(drop)
}

/// Where the document goes.
type Out<'w> = OneFinalNewline<&'w mut dyn Write>;

fn document(diff: &Diff<'_>, lang: Lang, out: &mut Out<'_>) -> io::Result<()> {
    let c = diff.compared;
    out.write_all(
        format!(
            "### hjemmel diff\n\n{}\n\n",
            tr!(
                lang,
                words::COMPARING,
                old = old_spec(lang, c.old_path, c.revision),
                new = code(c.new_path)
            )
        )
        .as_bytes(),
    )?;
    if let (None, Some(revision)) = (diff.old, c.revision) {
        let absent = tr!(
            lang,
            words::ABSENT,
            path = code(c.old_path),
            revision = code(revision)
        );
        write!(out, "_{absent}._\n\n")?;
    }
    write!(
        out,
        "**{}:** {}\n\n",
        words::FINDINGS.get(lang),
        words::finding_counts(lang, diff.findings.counts())
    )?;
    if diff.is_empty() {
        return writeln!(out, "{}", tr!(lang, words::NO_CHANGES));
    }
    findings(diff, lang, out)?;
    flows(diff, lang, out)?;
    declarations(diff, lang, out)?;
    notice(diff, lang, out)
}

/// The sentences of the notice the change alters, one row each: its headings, the sentence before
/// and after (a removed one has no after, an added one no before), and the statement of the new
/// spec it is written from.
fn notice(diff: &Diff<'_>, lang: Lang, out: &mut Out<'_>) -> io::Result<()> {
    use super::notice::Sentence;
    let n = &diff.notice;
    let sources = diff.new.sources;
    let from = |s: &Sentence| {
        s.span
            .and_then(|span| words::span_location(sources, span))
            .map_or_else(String::new, |at| code(&at))
    };
    let section = |s: &Sentence| text(&words::notice_section(lang, &s.section));
    let added = n.added.iter().map(|s| {
        [
            ADDED_MARK.to_string(),
            section(s),
            String::new(),
            text(&s.text),
            from(s),
        ]
    });
    let removed = n.removed.iter().map(|s| {
        [
            REMOVED_MARK.to_string(),
            section(s),
            text(&s.text),
            String::new(),
            String::new(),
        ]
    });
    let changed = n.changed.iter().map(|c| {
        [
            "~".to_string(),
            section(&c.new),
            text(&c.old.text),
            text(&c.new.text),
            from(&c.new),
        ]
    });
    let header = [
        &words::NOTICE_SECTION,
        &words::BEFORE,
        &words::AFTER_CHANGE,
        &words::NOTICE_FROM,
    ];
    marked_table(
        out,
        &words::NOTICE,
        lang,
        &header,
        added.chain(removed).chain(changed),
    )
}

fn findings(diff: &Diff<'_>, lang: Lang, out: &mut Out<'_>) -> io::Result<()> {
    let f = &diff.findings;
    let header = [
        &words::SEVERITY,
        &words::CODE,
        &words::FINDING,
        &words::WHERE,
    ];
    // Thousands of findings for two large specs: each row made in one buffer ([`Row`]).
    let cells = |row: &mut Row, d: &Diagnostic, sources: &SourceMap| {
        row.cell().push_str(words::severity(lang, d.severity));
        push_code(row.cell(), &d.code);
        push_message(row.cell(), &d.message);
        let at = row.cell();
        if let Some(location) = words::location(sources, d) {
            push_code(at, &location);
        }
    };
    let names = || header.iter().map(|h| h.get(lang).to_string()).collect();
    let rows = f.introduced.iter().map(|d| (*d, diff.new.sources));
    row_table(
        out,
        &words::FINDINGS_INTRODUCED,
        lang,
        names(),
        rows,
        |row, (d, sources)| cells(row, d, sources),
    )?;
    if let Some(old) = diff.old {
        let rows = f.fixed.iter().map(|d| (*d, old.sources));
        row_table(
            out,
            &words::FINDINGS_FIXED,
            lang,
            names(),
            rows,
            |row, (d, sources)| cells(row, d, sources),
        )?;
    }
    let header = [
        &words::SEVERITY,
        &words::CODE,
        &words::FINDING,
        &words::WHERE,
        &words::REASON,
    ];
    let names = header.iter().map(|h| h.get(lang).to_string()).collect();
    row_table(
        out,
        &words::FINDINGS_WAIVED,
        lang,
        names,
        f.waived.iter(),
        |row, s| {
            cells(row, &s.finding, diff.new.sources);
            markdown_inline_into(row.cell(), &s.reason);
        },
    )
}

/// A finding's message as [`crate::escape::markdown_message`] writes it, into `row`: its `` `name` `` parts as
/// code spans, the rest as text; with an odd number of backticks the whole message is text.
fn push_message(row: &mut String, message: &str) {
    let backticks = memchr::memchr_iter(b'`', message.as_bytes()).count();
    if backticks % 2 == 1 {
        markdown_inline_into(row, message);
        return;
    }
    for (i, part) in message.split('`').enumerate() {
        if i % 2 == 1 {
            push_code(row, part);
        } else {
            markdown_inline_into(row, part);
        }
    }
}

/// Table rows made in one buffer: `| a | b |` and its line break, each cell written where
/// [`Row::cell`] leaves off, and written a few dozen rows at a time. Cells are escaped as they are written (`push_code`, `push_message`,
/// `markdown_inline_into`), as `line` expects of its cells.
#[derive(Default)]
struct Row {
    text: String,
    cells: usize,
}

impl Row {
    /// A new row, after the rows made before it and not yet taken ([`Row::take`]).
    fn start(&mut self) {
        self.text.push_str("| ");
        self.cells = 0;
    }

    /// The next cell, to write into.
    fn cell(&mut self) -> &mut String {
        if self.cells > 0 {
            self.text.push_str(" | ");
        }
        self.cells += 1;
        &mut self.text
    }

    /// The row's end, with empty cells up to `width`.
    fn end(&mut self, width: usize) {
        while self.cells < width {
            self.cell();
        }
        self.text.push_str(" |\n");
    }

    /// The rows made, written to `out` when they are at least `at` bytes.
    fn write_at(&mut self, at: usize, out: &mut Out<'_>) -> io::Result<()> {
        if self.text.len() >= at {
            out.write_all(self.text.as_bytes())?;
            self.text.clear();
        }
        Ok(())
    }
}

/// A heading and a table whose rows `cells` writes into one buffer, as [`write_table`] writes rows
/// of strings (more headings than cells: the rows get empty cells); nothing when there are no
/// items. For the long tables: no string is made per cell.
fn row_table<T>(
    out: &mut Out<'_>,
    heading: &Text,
    lang: Lang,
    names: Vec<String>,
    items: impl Iterator<Item = T>,
    mut cells: impl FnMut(&mut Row, T),
) -> io::Result<()> {
    let mut items = items.peekable();
    if items.peek().is_none() {
        return Ok(());
    }
    let width = names.len();
    write_head(out, heading, lang, names, 0)?;
    let mut row = Row::default();
    for item in items {
        row.start();
        cells(&mut row, item);
        debug_assert!(row.cells <= width, "a row has no more cells than headings");
        row.end(width);
        row.write_at(ROWS_WRITTEN_AT, out)?;
    }
    row.write_at(0, out)?;
    out.write_all(b"\n")
}

fn flows(diff: &Diff<'_>, lang: Lang, out: &mut Out<'_>) -> io::Result<()> {
    if diff.flows.is_empty() {
        return Ok(());
    }
    // The table `marked_table` writes, row by row in one buffer (`FlowRows`): two large specs have
    // millions of flows.
    let header = [&words::DATA_CATEGORY, &words::TO, &words::COUNTRY];
    let mut names = vec![String::new()];
    names.extend(header.iter().map(|h| h.get(lang).to_string()));
    write_head(out, &words::FLOWS, lang, names, FLOW_COLUMNS)?;
    let mut rows = FlowRows::default();
    let added = diff.flows.added().map(|pair| (ADDED_MARK, pair));
    let removed = diff.flows.removed().map(|pair| (REMOVED_MARK, pair));
    for (mark, pair) in added.chain(removed) {
        rows.write(mark, &pair, lang, out)?;
    }
    out.write_all(rows.row.as_bytes())?;
    out.write_all(b"\n")
}

/// Rows gathered before they are written: a dozen or more at a time, not one write per row, and a
/// small part of a large document (tests/scaling.rs).
/// Under 4 KiB, where glibc's `memcpy` starts copying with `rep movsb` (which callgrind counts a
/// byte at a time, so that the instruction counts would no longer compare).
const ROWS_WRITTEN_AT: usize = 2048;

/// `` `name` ``, as [`code`] writes it: a text of printable ASCII without `` ` `` and `|` has
/// nothing it would change (no fence longer than one backtick, no padding, no `\|`, no line break
/// or hidden character), and is written without the allocations of `code` (millions of flow rows).
fn push_code(row: &mut String, name: &str) {
    // `fold` with `&`, no early exit: the compiler tests the bytes many at a time.
    let plain = name.bytes().fold(true, |plain, b| {
        plain & (b.wrapping_sub(b' ') < 0x5f) & (b != b'`') & (b != b'|')
    });
    if plain {
        row.reserve(name.len() + 2);
        row.push('`');
        row.push_str(name);
        row.push('`');
    } else {
        row.push_str(&code(name));
    }
}

/// The buffer flow rows are made in ([`ROWS_WRITTEN_AT`]), and the cells made once: the party's cells once for its run of rows, and the flags once for each of their few
/// combinations.
#[derive(Default)]
struct FlowRows {
    row: String,
    party: PartyCells,
    flags: Vec<([Option<&'static str>; 2], String)>,
}

impl FlowRows {
    fn write(
        &mut self,
        mark: &str,
        pair: &FlowPair<'_>,
        lang: Lang,
        out: &mut Out<'_>,
    ) -> io::Result<()> {
        let row = &mut self.row;
        if row.len() >= ROWS_WRITTEN_AT {
            out.write_all(row.as_bytes())?;
            row.clear();
        }
        row.push_str("| ");
        row.push_str(mark);
        row.push_str(" | ");
        push_code(row, pair.data);
        row.push_str(" | ");
        row.push_str(self.party.of(lang, pair));
        row.push_str(" | ");
        let words = words::flow_mark_words(lang, pair);
        let flags = &mut self.flags;
        // hjemmel's own words: the same words are the same static string.
        let same = |w: &[Option<&str>; 2]| {
            w.iter().zip(&words).all(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => std::ptr::eq(*a, *b),
                (a, b) => a.is_none() && b.is_none(),
            })
        };
        let cell = match flags.iter().position(|(w, _)| same(w)) {
            Some(i) => &flags[i].1,
            None => {
                let joined: Vec<&str> = words.into_iter().flatten().collect();
                flags.push((words, text(&joined.join(", "))));
                &flags[flags.len() - 1].1
            }
        };
        row.push_str(cell);
        row.push_str(" |\n");
        Ok(())
    }
}

/// The cells of a flow row: the marker, data category, party, country and flags.
const FLOW_COLUMNS: usize = 5;

/// `` recipient `x` | DK ``: the party and country cells of a flow row, made again only when the
/// party changes.
#[derive(Default)]
struct PartyCells {
    /// The party, by the addresses of its name (one string of the model) and of its place (one
    /// per party of a flow table), and its kind.
    of: Option<(*const str, PartyKind, Option<*const Place>)>,
    text: String,
}

impl PartyCells {
    fn of(&mut self, lang: Lang, pair: &FlowPair<'_>) -> &str {
        let key = Some((
            pair.party as *const str,
            pair.kind,
            pair.place.map(|p| p as *const Place),
        ));
        if self.of != key {
            self.of = key;
            self.text = format!(
                "{} | {}",
                party(lang, pair),
                text(&words::place_words(lang, pair.place))
            );
        }
        &self.text
    }
}

fn declarations(diff: &Diff<'_>, lang: Lang, out: &mut Out<'_>) -> io::Result<()> {
    let ch = &diff.changes;

    // Thousands of activities for two large specs: each row made in one buffer.
    let activities = (ch.activities.added.iter().map(|a| (ADDED_MARK, a)))
        .chain(ch.activities.removed.iter().map(|a| (REMOVED_MARK, a)));
    let mut names = vec![String::new()];
    names.extend([&words::NAME, &words::DESCRIPTION].map(|h| h.get(lang).to_string()));
    row_table(
        out,
        &words::ACTIVITIES,
        lang,
        names,
        activities,
        |row, (mark, a)| {
            row.cell().push_str(mark);
            push_code(row.cell(), &a.name);
            markdown_inline_into(row.cell(), &a.label);
        },
    )?;

    let list = |citations: &[crate::law::citation::LegalRef]| {
        citations
            .iter()
            .map(|c| text(&words::citation(lang, c)))
            .collect::<Vec<_>>()
            .join("<br>")
    };
    let rows = ch.bases.iter().map(|b| {
        [
            code(&b.activity),
            list(&b.citations.added),
            list(&b.citations.removed),
        ]
    });
    let header = [&words::ACTIVITY, &words::ADDED, &words::REMOVED];
    table(out, &words::BASES, lang, &header, rows)?;

    let rows = ch.retention.iter().map(|r| {
        [
            code(&r.activity),
            code(&r.data),
            text(&words::period(lang, r.old.as_ref())),
            text(&words::period(lang, r.new.as_ref())),
        ]
    });
    let header = [
        &words::ACTIVITY,
        &words::DATA_CATEGORY,
        &words::BEFORE,
        &words::AFTER_CHANGE,
    ];
    table(out, &words::RETENTION, lang, &header, rows)?;

    let row = |mark: &str, d: &super::changes::DataFacts| {
        [
            mark.to_string(),
            code(&d.name),
            text(&d.label),
            code(&words::class(d.class, &d.special)),
        ]
    };
    let rows =
        marked(&ch.data.added, &ch.data.removed, row).chain(ch.reclassified.iter().map(|r| {
            [
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
    marked_table(out, &words::DATA, lang, &header, rows)?;

    let mechanisms = |list: &[super::changes::Mechanism]| {
        list.iter()
            .map(|m| code(&m.0))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let row = |mark: &str, p: &super::changes::ProcessorFacts| {
        [
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
    marked_table(out, &words::PROCESSORS, lang, &header, rows)?;

    let row = |mark: &str, r: &super::changes::RecipientFacts| {
        [
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
    marked_table(out, &words::RECIPIENTS, lang, &header, rows)?;

    let rows = ch.transfers.iter().map(|t| {
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
        let changed = words::marked_list(&t.mechanisms, |m| code(&m.0));
        [
            format!("{} {}", kind.get(lang), code(&t.party)),
            place,
            changed,
        ]
    });
    let header = [&words::PARTY, &words::COUNTRY, &words::MECHANISMS];
    table(out, &words::TRANSFERS, lang, &header, rows)
}

/// The added items' rows, then the removed ones', each row made as it is written.
fn marked<'a, T, const N: usize>(
    added: &'a [T],
    removed: &'a [T],
    row: impl Fn(&str, &T) -> [String; N] + Copy + 'a,
) -> impl Iterator<Item = [String; N]> + 'a {
    added
        .iter()
        .map(move |item| row(ADDED_MARK, item))
        .chain(removed.iter().map(move |item| row(REMOVED_MARK, item)))
}

/// A table whose first column is the `+`/`−` marker, with no heading of its own; a last column
/// beyond the headings given has an empty heading too.
fn marked_table<const N: usize>(
    out: &mut Out<'_>,
    heading: &Text,
    lang: Lang,
    header: &[&Text],
    rows: impl Iterator<Item = [String; N]>,
) -> io::Result<()> {
    let mut names = vec![String::new()];
    names.extend(header.iter().map(|h| h.get(lang).to_string()));
    write_table(out, heading, lang, names, rows)
}

/// A heading and a table; nothing when there are no rows.
fn table<const N: usize>(
    out: &mut Out<'_>,
    heading: &Text,
    lang: Lang,
    header: &[&Text],
    rows: impl Iterator<Item = [String; N]>,
) -> io::Result<()> {
    let names = header.iter().map(|h| h.get(lang).to_string()).collect();
    write_table(out, heading, lang, names, rows)
}

/// A heading and a table of rows of `N` cells (more headings than cells: the rows get empty cells;
/// fewer: the headings do); nothing when there are no rows. The rows are written as they come.
fn write_table<const N: usize>(
    out: &mut Out<'_>,
    heading: &Text,
    lang: Lang,
    names: Vec<String>,
    rows: impl Iterator<Item = [String; N]>,
) -> io::Result<()> {
    let mut rows = rows.peekable();
    if rows.peek().is_none() {
        return Ok(());
    }
    let width = write_head(out, heading, lang, names, N)?;
    for row in rows {
        let mut row = Vec::from(row);
        row.resize(width, String::new());
        line(out, &row)?;
    }
    out.write_all(b"\n")
}

/// A table's heading, names and rule, for rows of `cells` cells; the width of the table.
fn write_head(
    out: &mut Out<'_>,
    heading: &Text,
    lang: Lang,
    mut names: Vec<String>,
    cells: usize,
) -> io::Result<usize> {
    let width = cells.max(names.len());
    names.resize(width, String::new());
    write!(out, "#### {}\n\n", heading.get(lang))?;
    line(out, &names)?;
    line(out, &vec!["---".to_string(); width])?;
    Ok(width)
}

/// One table row. Every cell was escaped where it was made (`text`, `code`, `markdown_message`, or their
/// `push_`/`_into` forms), so
/// no `|` or line break in it can end the row or the table.
fn line(out: &mut Out<'_>, cells: &[String]) -> io::Result<()> {
    let mut row = Row::default();
    row.start();
    for cell in cells {
        row.cell().push_str(cell);
    }
    row.end(cells.len());
    row.write_at(0, out)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Names, places and messages as the spec or a hostile one may write them: every character the
    /// escapes treat apart, at the start, the end and inside.
    fn samples() -> Vec<String> {
        let mut samples: Vec<String> = [
            "",
            "payment",
            "specs/lejre/video.hjemmel:25:12",
            "`a` lacks `b`",
            "odd ` backtick",
            "``double`` and `one`",
            "`",
            "a|b",
            "line\nbreak\r",
            "tab\there",
            "æøå → § ’",
            "\u{1b}[31mred\u{7}\u{7f}",
            "a\u{202e}b",
            "@someone & <b>*x*</b> [l](u) _y_ ~z~ #h !i $m$ \\",
            "dpo@kommune.dk",
        ]
        .map(str::to_string)
        .to_vec();
        samples.extend((0u8..0x80).map(|b| format!("x{}y", b as char)));
        samples
    }

    #[test]
    fn a_code_span_is_written_as_markdown_code_writes_it() {
        for sample in samples() {
            let mut row = String::from("| ");
            push_code(&mut row, &sample);
            assert_eq!(row, format!("| {}", code(&sample)), "{sample:?}");
        }
    }

    #[test]
    fn a_message_is_written_as_markdown_message_writes_it() {
        for sample in samples() {
            let mut row = String::from("| ");
            push_message(&mut row, &sample);
            let expected = crate::escape::markdown_message(&sample);
            assert_eq!(row, format!("| {expected}"), "{sample:?}");
        }
    }
}
