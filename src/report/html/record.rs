//! The record of processing activities (art. 30(1)) inside the report: the same fields as
//! `hjemmel ropa` gives, as one table for the controller and one per activity. Each activity's entry
//! is made as its table is written ([`Activities`]), as `hjemmel ropa` does: the record of 100,000
//! activities (some 280 MB) is never held whole.

use std::fmt::Write;

use rustc_hash::FxHashMap;

use super::escape::{Escaped, escape};
use super::page::Page;
use crate::flow::FlowGraph;
use crate::i18n::{Lang, Text};
use crate::ropa::fields::{self, Field};
use crate::ropa::{Activities, ActivityRecord, ControllerRecord, Entries, Shared};
use crate::semantic::model::Model;
use crate::tr;

/// The record's sections of `model`, worded in `lang`, under the report's own heading.
pub fn record(out: &mut Page<'_>, model: &Model, flow: &FlowGraph, lang: Lang) {
    let mut words = Words::of(lang);
    let _ = writeln!(
        out,
        "<h3>{}</h3>",
        Escaped(&tr!(lang, fields::CONTROLLER_SECTION))
    );
    out.push_str(TABLE_START);
    for field in &fields::controller_fields(&ControllerRecord::of(model), lang) {
        row(out, field, &mut words, |out, _, value| out.escaped(value));
    }
    out.push_str(TABLE_END);
    if model.activities.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"none\">{}</p>",
            Escaped(&tr!(lang, fields::NO_ACTIVITIES))
        );
    }
    let mut shared = SharedLines::default();
    let mut activities = Activities::new(model, flow, lang);
    while let Some(activity) = activities.next_entry() {
        out.push_str("<h3 class=\"activity\">");
        out.escaped(activity.label);
        out.push_str(" <span class=\"name\">");
        out.escaped(activity.name);
        out.push_str("</span></h3>\n");
        out.push_str(TABLE_START);
        for field in &fields::activity_fields(activity, lang) {
            shared.row(out, field, activity, &mut words);
        }
        out.push_str(TABLE_END);
    }
}

const TABLE_START: &str = "<table class=\"record\">\n<tbody>\n";
const TABLE_END: &str = "</tbody>\n</table>\n";

/// The escaped lines of the entries that many activities share (a data category, a processor, a
/// transfer), each escaped the first time it is written: at 100,000 activities they are half the
/// record's text, the same few hundred lines again and again. Kept by the entry's identity, with a
/// clone of the entry, so that no other entry can take its address while the line is kept.
#[derive(Default)]
struct SharedLines {
    data: Escapes<crate::ropa::DataEntry>,
    processors: Escapes<crate::ropa::ProcessorEntry>,
    transfers: Escapes<crate::ropa::TransferEntry>,
}

struct Escapes<T>(FxHashMap<usize, (Shared<T>, String)>);

impl<T> Default for Escapes<T> {
    fn default() -> Self {
        Escapes(FxHashMap::default())
    }
}

impl<T> Escapes<T> {
    /// The escaped `line` of `entry` (the line its field shows for it).
    fn of(&mut self, entry: &Shared<T>, line: &str) -> &str {
        &self
            .0
            .entry(entry.identity())
            .or_insert_with(|| (entry.clone(), escape(line)))
            .1
    }
}

impl SharedLines {
    /// The row of one of `activity`'s fields: the values of its shared entries from the kept lines,
    /// the others escaped as they come.
    fn row(
        &mut self,
        out: &mut Page<'_>,
        field: &Field,
        activity: &ActivityRecord<'_>,
        words: &mut Words,
    ) {
        // Each of these fields has one value per entry, in the entry's order (transfers: when there
        // are any; "none" otherwise).
        match field.key {
            "personal_data" => {
                if let Some(entries) = &activity.personal_data {
                    return row(out, field, words, |out, i, value| {
                        out.push_str(self.data.of(&entries[i], value))
                    });
                }
            }
            "processors" => {
                if let Some(entries) = &activity.processors {
                    return row(out, field, words, |out, i, value| {
                        out.push_str(self.processors.of(&entries[i], value))
                    });
                }
            }
            "transfers" if !activity.transfers.is_empty() => {
                let entries = &activity.transfers;
                return row(out, field, words, |out, i, value| {
                    out.push_str(self.transfers.of(&entries[i], value))
                });
            }
            _ => {}
        }
        row(out, field, words, |out, _, value| out.escaped(value))
    }
}

/// The words every table repeats, worded and escaped once for the record (not once per field of
/// each of 100,000 activities): each field's row up to its values, and the whole row of a field the
/// spec does not give.
struct Words {
    lang: Lang,
    /// Each field's rows, by its heading (a dozen or so, looked up by the addresses of its
    /// wordings: the same static texts in every table, in the same order).
    rows: Vec<(Text, Row)>,
    /// Where the next field's row is looked for first: after the last one.
    next: usize,
}

/// A field's row as the page writes it.
struct Row {
    /// `<tr><th scope="row">HEADING</th><td>`.
    open: String,
    /// The row of the field when the spec does not give it: "not stated".
    not_stated: String,
}

/// What closes every row.
const ROW_END: &str = "</td></tr>\n";

impl Words {
    fn of(lang: Lang) -> Self {
        Words {
            lang,
            rows: Vec::new(),
            next: 0,
        }
    }

    fn row(&mut self, heading: Text) -> &Row {
        let same =
            |text: &Text| std::ptr::eq(text.en, heading.en) && std::ptr::eq(text.da, heading.da);
        let at = match self.rows.get(self.next) {
            Some((text, _)) if same(text) => self.next,
            _ => match self.rows.iter().position(|(text, _)| same(text)) {
                Some(at) => at,
                None => {
                    let open = format!(
                        "<tr><th scope=\"row\">{}</th><td>",
                        Escaped(heading.get(self.lang))
                    );
                    let not_stated = format!(
                        "{open}<em class=\"missing\">{}</em>{ROW_END}",
                        Escaped(&tr!(self.lang, fields::NOT_STATED))
                    );
                    self.rows.push((heading, Row { open, not_stated }));
                    self.rows.len() - 1
                }
            },
        };
        self.next = at + 1;
        &self.rows[at].1
    }
}

/// One row of a record's table: the field's heading and its values, each written by `value` (its
/// index and its text), escaped.
fn row(
    out: &mut Page<'_>,
    field: &Field,
    words: &mut Words,
    mut value: impl FnMut(&mut Page<'_>, usize, &str),
) {
    let row = words.row(field.heading);
    match &field.values {
        None => out.push_str(&row.not_stated),
        Some(values) => {
            out.push_str(&row.open);
            if let [one] = values.as_slice() {
                value(out, 0, one);
            } else {
                out.push_str("<ul>");
                for (i, text) in values.iter().enumerate() {
                    out.push_str("<li>");
                    value(out, i, text);
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
            out.push_str(ROW_END);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record as written before its shared lines were kept: every value escaped as it comes.
    fn every_value_escaped(model: &Model, flow: &FlowGraph, lang: Lang) -> String {
        let mut expected = String::new();
        for activity in Activities::new(model, flow, lang) {
            for field in fields::activity_fields(&activity, lang) {
                let values: Vec<String> = match &field.values {
                    None => continue,
                    Some(values) => values.iter().map(|v| escape(v)).collect(),
                };
                expected.push_str(&escape(field.heading.get(lang)));
                expected.push_str("</th><td>");
                match values.as_slice() {
                    [one] => expected.push_str(one),
                    _ => expected
                        .push_str(&format!("<ul><li>{}</li></ul>", values.join("</li><li>"))),
                }
                expected.push_str(ROW_END);
            }
        }
        expected
    }

    /// Each value of a shared entry is the entry's own line, escaped, whichever activity shows it:
    /// the kept lines are the lines each value would have been, on specs with processors, transfers,
    /// data categories shared by many activities, and markup in their labels.
    #[test]
    fn shared_lines_are_each_entrys_own_line_escaped() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for spec in [
            "specs/lejre",
            "specs/randers",
            "tests/fixtures/report/hostile.hjemmel",
        ] {
            for lang in Lang::ALL {
                let outcome = crate::check_spec(&root.join(spec), lang);
                let checked = outcome.result.as_ref().expect("the spec is understood");
                let mut page = Page::in_memory();
                record(&mut page, &checked.model, &checked.flow, lang);
                let written = page.into_string();
                // The rows given, in order, without the headings' markup and the tables around.
                let rows: String = written
                    .split("<tr><th scope=\"row\">")
                    .skip(1)
                    .filter(|row| !row.contains("class=\"missing\""))
                    .map(|row| row.split("</tbody>").next().unwrap_or(row))
                    .collect();
                let expected = every_value_escaped(&checked.model, &checked.flow, lang);
                assert!(
                    rows.ends_with(&expected),
                    "{spec} ({lang:?}): the activities' rows differ"
                );
                assert!(
                    expected.len() > 500,
                    "{spec}: only {} bytes",
                    expected.len()
                );
            }
        }
    }
}
