//! The record of processing activities (art. 30(1)) inside the report: the same fields as
//! `hjemmel ropa` gives, as one table for the controller and one per activity. Each activity's entry
//! is made as its table is written ([`Activities`]), as `hjemmel ropa` does: the record of 100,000
//! activities (some 280 MB) is never held whole.
//!
//! An activity's table is written straight from its entry ([`ActivityTables`]), in the fields, order
//! and words of `ropa::fields::activity_fields` (a test holds the two equal): gathering each field's
//! values into lists of strings, then escaping them, was a third of what the report's own part took.

use std::fmt::Write;

use rustc_hash::FxHashMap;

use super::escape::{Escaped, escape};
use super::page::Page;
use super::template::Template;
use crate::flow::FlowGraph;
use crate::i18n::{Lang, Text};
use crate::law::countries::CountryRef;
use crate::ropa::fields::{self, Field};
use crate::ropa::{
    Activities, ActivityRecord, ControllerRecord, Entries, RecipientEntry, RetentionEntry, Shared,
};
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
    let mut tables = ActivityTables::of(lang);
    let mut activities = Activities::new(model, flow, lang);
    while let Some(activity) = activities.next_entry() {
        tables.write(out, activity);
    }
}

// The record is most of the report (86 % of it at 10,000 activities), so its tables leave out the
// tags HTML lets a page leave out and the parser puts back: `<tbody>`, and the ends of header
// cells, cells and list items (each closed by the next one, or by `</tr>` and `</ul>`). The page
// the browser builds is the same; the document is some 12 % smaller.
const TABLE_START: &str = "<table class=\"record\">\n";
const TABLE_END: &str = "</table>\n";

/// Writes the escaped line of a shared entry (a data category, a processor, a transfer, a
/// citation, a period), worded by `line` and escaped the first time and kept on the entry itself: at
/// 100,000 activities these are half the record's text, the same few hundred lines again and again.
/// An entry made for one activity alone (a citation in free text, data criminal by its use) is
/// escaped and not kept: there would be one for each of 100,000 activities.
fn write_shared<T>(out: &mut Page<'_>, entry: &Shared<T>, line: impl FnOnce() -> String) {
    if !entry.is_shared() {
        return out.escaped(&line());
    }
    out.push_str(entry.html_line(|_| escape(&line())));
}

/// The model's texts that many activities show (a group of data subjects, a category's label in a
/// retention group, a recipient), each escaped the first time: kept by the text's address, which is
/// the same text for as long as the model is borrowed (`'m`), and never another one's.
#[derive(Default)]
struct ModelTexts<'m> {
    escaped: FxHashMap<(usize, usize), String>,
    /// A recipient's country in words, escaped, by the address of the model's country: each
    /// recipient's entry lends its own, for every activity that discloses to it.
    countries: FxHashMap<usize, String>,
    model: std::marker::PhantomData<&'m str>,
}

impl<'m> ModelTexts<'m> {
    fn write(&mut self, out: &mut Page<'_>, text: &'m str) {
        out.push_str(
            self.escaped
                .entry((text.as_ptr() as usize, text.len()))
                .or_insert_with(|| escape(text)),
        );
    }

    /// `country` in words (`DE`, `outside the EU/EEA`), escaped.
    fn country(&mut self, out: &mut Page<'_>, lang: Lang, country: &'m CountryRef) {
        out.push_str(
            self.countries
                .entry(country as *const CountryRef as usize)
                .or_insert_with(|| escape(&crate::ropa::words::country(lang, Some(country)))),
        );
    }

    /// `texts` joined by commas.
    fn joined(&mut self, out: &mut Page<'_>, texts: &[&'m str]) {
        for (i, text) in texts.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.write(out, text);
        }
    }
}

/// The fields of an activity's table, in the order `ropa::fields::activity_fields` gives them.
const HEADINGS: [Text; 11] = [
    fields::UNIT,
    fields::PURPOSES,
    fields::LEGAL_BASES,
    fields::DATA_SUBJECTS,
    fields::PERSONAL_DATA,
    fields::RECIPIENTS,
    fields::PROCESSORS,
    fields::TRANSFERS,
    fields::RETENTION,
    fields::SECURITY,
    fields::COLLECTION,
];

/// Writes each activity's table, with what every table repeats worded and escaped once: the rows'
/// openings, the lines of shared entries, the templates of the lines worded per activity.
struct ActivityTables<'m> {
    /// The rows only some specs have (`kle`, `data ... about`): [`fields::activity_fields`] words them.
    /// (`unit` and `collect`, also only in some specs, are among [`HEADINGS`].)
    kle: Row,
    data_by_subjects: Row,
    lang: Lang,
    /// The row of each of [`HEADINGS`].
    rows: Vec<Row>,
    /// The model's texts, kept escaped.
    model_texts: ModelTexts<'m>,
    lines: Lines,
}

/// The lines an activity's entry has of its own (its recipients, its retention groups), read once
/// as templates.
struct Lines {
    lang: Lang,
    /// `{label} ({what})`.
    labelled: Template,
    /// `{label} ({what}; {country})`.
    labelled_in: Template,
    /// `{entry}, disclosed by {via}`.
    disclosed_by: Template,
    /// `all categories: {period}`.
    all_categories: Template,
    /// `{categories}: {period}`.
    some_categories: Template,
    /// `{categories} (copy kept by {holder}): {period}`.
    copy: Template,
    /// The transfers' line when there are none, escaped.
    no_transfers: String,
    /// "not stated", as a retention group without a period says it.
    not_stated: String,
}

impl<'m> ActivityTables<'m> {
    fn of(lang: Lang) -> ActivityTables<'m> {
        ActivityTables {
            kle: Row::of(fields::KLE, lang),
            data_by_subjects: Row::of(fields::DATA_BY_SUBJECTS, lang),
            lang,
            rows: HEADINGS
                .iter()
                .map(|&heading| Row::of(heading, lang))
                .collect(),
            model_texts: ModelTexts::default(),
            lines: Lines::of(lang),
        }
    }

    /// `a`'s heading and table.
    fn write(&mut self, out: &mut Page<'_>, a: &ActivityRecord<'m>) {
        let ActivityTables {
            kle,
            data_by_subjects,
            lang,
            rows,
            model_texts,
            lines,
        } = self;
        let lang = *lang;
        out.push_str("<h3 class=\"activity\">");
        out.escaped(a.label);
        out.push_str(" <span class=\"name\">");
        out.escaped(a.name);
        out.push_str("</span></h3>\n");
        out.push_str(TABLE_START);
        // A shared entry's line is worded by `ropa::fields` the first time it is written: each is
        // one of a few hundred, so the fields of an activity are made only when one is new.
        let mut made: Option<Vec<Field<'_>>> = None;
        let mut line = |key: &str, i: usize| -> String {
            let fields = made.get_or_insert_with(|| fields::activity_fields(a, lang));
            fields
                .iter()
                .find(|f| f.key == key)
                .and_then(|f| f.values.as_ref())
                .map_or_else(String::new, |values| values[i].to_string())
        };
        let [
            unit,
            purposes,
            bases,
            subjects,
            data,
            recipients,
            processors,
            transfers,
            retention,
            security,
            collection,
        ] = &rows[..]
        else {
            unreachable!("a row for each heading")
        };
        if a.shows.unit {
            match a.unit {
                Some(text) => values(out, unit, 1, |out, _| out.escaped(text)),
                None => out.push_str(&unit.not_stated),
            }
        }
        if a.shows.kle {
            texts(out, kle, (!a.kle.is_empty()).then_some(&a.kle[..]));
        }
        texts(out, purposes, a.purposes.as_deref());
        match &a.legal_bases {
            Some(list) => values(out, bases, list.len(), |out, i| {
                write_shared(out, &list[i], || list[i].to_string())
            }),
            None => out.push_str(&bases.not_stated),
        }
        match &a.data_subjects {
            Some(list) => values(out, subjects, list.len(), |out, i| {
                model_texts.write(out, list[i])
            }),
            None => out.push_str(&subjects.not_stated),
        }
        match &a.personal_data {
            Some(list) => values(out, data, list.len(), |out, i| {
                write_shared(out, &list[i], || line("personal_data", i))
            }),
            None => out.push_str(&data.not_stated),
        }
        if a.shows.data_by_subjects {
            match a.data_by_subjects.len() {
                0 => out.push_str(&data_by_subjects.not_stated),
                count => values(out, data_by_subjects, count, |out, i| {
                    out.escaped(&line("data_by_subjects", i))
                }),
            }
        }
        match &a.recipients {
            // What a recipient receives about whom is worded by the record's fields: few specs say it.
            Some(list) => values(out, recipients, list.len(), |out, i| {
                if list[i].receives.is_empty() {
                    lines.recipient(out, &list[i], model_texts)
                } else {
                    out.escaped(&line("recipients", i))
                }
            }),
            None => out.push_str(&recipients.not_stated),
        }
        match &a.processors {
            Some(list) => values(out, processors, list.len(), |out, i| {
                write_shared(out, &list[i], || line("processors", i))
            }),
            None => out.push_str(&processors.not_stated),
        }
        if a.transfers.is_empty() {
            values(out, transfers, 1, |out, _| {
                out.push_str(&lines.no_transfers)
            });
        } else {
            let list = &a.transfers;
            values(out, transfers, list.len(), |out, i| {
                write_shared(out, &list[i], || line("transfers", i))
            });
        }
        match &a.retention {
            Some(list) => values(out, retention, list.len(), |out, i| {
                lines.retention(out, &list[i], model_texts)
            }),
            None => out.push_str(&retention.not_stated),
        }
        texts(out, security, a.security.as_deref());
        if a.shows.collection {
            texts(out, collection, a.collection.as_deref());
        }
        out.push_str(TABLE_END);
    }
}

impl Lines {
    fn of(lang: Lang) -> Lines {
        Lines {
            lang,
            labelled: Template::of(fields::LABELLED, lang, &["label", "what"]),
            labelled_in: Template::of(fields::LABELLED_IN, lang, &["label", "what", "country"]),
            disclosed_by: Template::of(fields::DISCLOSED_BY, lang, &["entry", "via"]),
            all_categories: Template::of(fields::ALL_CATEGORIES, lang, &["period"]),
            some_categories: Template::of(fields::SOME_CATEGORIES, lang, &["categories", "period"]),
            copy: Template::of(fields::COPY, lang, &["categories", "holder", "period"]),
            no_transfers: escape(&tr!(lang, fields::NO_TRANSFERS)),
            not_stated: tr!(lang, fields::NOT_STATED),
        }
    }

    /// `Skat (public authorities; DE), disclosed by Løn`.
    fn recipient<'m>(
        &self,
        out: &mut Page<'_>,
        r: &RecipientEntry<'m>,
        texts: &mut ModelTexts<'m>,
    ) {
        let entry = |out: &mut Page<'_>, texts: &mut ModelTexts<'m>| match r.country {
            Some(code) => self.labelled_in.write(out, |out, at| match at {
                0 => texts.write(out, r.label),
                1 => texts.write(out, r.description),
                _ => texts.country(out, self.lang, code),
            }),
            None => self.labelled.write(out, |out, at| match at {
                0 => texts.write(out, r.label),
                _ => texts.write(out, r.description),
            }),
        };
        if r.via.is_empty() {
            entry(out, texts);
        } else {
            self.disclosed_by.write(out, |out, at| match at {
                0 => entry(out, texts),
                _ => texts.joined(out, &r.via),
            });
        }
    }

    /// `Løn og pension: 5 years from collection`.
    fn retention<'m>(
        &self,
        out: &mut Page<'_>,
        g: &RetentionEntry<'m>,
        texts: &mut ModelTexts<'m>,
    ) {
        let period = |out: &mut Page<'_>| match &g.period {
            Some(period) => write_shared(out, period, || period.to_string()),
            None => out.escaped(&self.not_stated),
        };
        if let Some(holder) = g.holder {
            self.copy.write(out, |out, at| match at {
                0 => texts.joined(out, &g.categories),
                1 => out.escaped(holder),
                _ => period(out),
            });
        } else if g.all {
            self.all_categories.write(out, |out, _| period(out));
        } else {
            self.some_categories.write(out, |out, at| match at {
                0 => texts.joined(out, &g.categories),
                _ => period(out),
            });
        }
    }
}

/// `texts`, escaped, each a value of `row`; "not stated" when there are none.
fn texts<S: AsRef<str>>(out: &mut Page<'_>, row: &Row, texts: Option<&[S]>) {
    match texts {
        Some(list) => values(out, row, list.len(), |out, i| out.escaped(list[i].as_ref())),
        None => out.push_str(&row.not_stated),
    }
}

/// A row with `count` values, each written by `value` (by its index): one alone, more as a list.
fn values(
    out: &mut Page<'_>,
    row: &Row,
    count: usize,
    mut value: impl FnMut(&mut Page<'_>, usize),
) {
    out.push_str(&row.open);
    if count == 1 {
        value(out, 0);
    } else {
        out.push_str("<ul>");
        for i in 0..count {
            out.push_str("<li>");
            value(out, i);
        }
        out.push_str("</ul>");
    }
    out.push_str(ROW_END);
}

/// The rows of a table of `ropa::fields`' fields (the controller's; in the test, the activities' as
/// they were written before [`ActivityTables`]), worded and escaped once for the record: each field's
/// row up to its values, and the whole row of a field the spec does not give.
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
    /// `<tr><th scope="row">HEADING<td>`.
    open: String,
    /// The row of the field when the spec does not give it: "not stated".
    not_stated: String,
}

impl Row {
    fn of(heading: Text, lang: Lang) -> Row {
        let open = format!("<tr><th scope=\"row\">{}<td>", Escaped(heading.get(lang)));
        let not_stated = format!(
            "{open}<em>{}</em>{ROW_END}",
            Escaped(&tr!(lang, fields::NOT_STATED))
        );
        Row { open, not_stated }
    }
}

/// What closes every row (and its last cell).
const ROW_END: &str = "</tr>\n";

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
                    self.rows.push((heading, Row::of(heading, self.lang)));
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
                }
                out.push_str("</ul>");
            }
            out.push_str(ROW_END);
        }
    }
}

/// The spec generator of the benchmarks, for the test below.
#[cfg(test)]
#[path = "../../../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

#[cfg(test)]
mod tests {
    use super::*;

    /// The record as it was written before the activities' tables were written from their entries:
    /// each field of `ropa::fields::activity_fields`, each value escaped as it comes.
    fn from_the_fields(model: &Model, flow: &FlowGraph, lang: Lang) -> String {
        let mut out = Page::in_memory();
        let mut words = Words::of(lang);
        for activity in Activities::new(model, flow, lang) {
            out.push_str("<h3 class=\"activity\">");
            out.escaped(activity.label);
            out.push_str(" <span class=\"name\">");
            out.escaped(activity.name);
            out.push_str("</span></h3>\n");
            out.push_str(TABLE_START);
            for field in &fields::activity_fields(&activity, lang) {
                row(&mut out, field, &mut words, |out, _, value| {
                    out.escaped(value)
                });
            }
            out.push_str(TABLE_END);
        }
        out.into_string()
    }

    /// Each activity's table is the table of `ropa::fields`' fields, byte for byte: the same
    /// fields in the same order, the same words, the shared entries' lines kept escaped, on specs
    /// with processors, transfers, recipients reached through other activities, copies kept by
    /// others, criminal data by use, markup in labels, and a generated spec of every kind.
    #[test]
    fn each_activitys_table_is_its_fields_escaped() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().expect("a temporary directory");
        let generated = dir.path().join("synth.hjemmel");
        let mut text = Vec::new();
        super::synth::Generator::new(400, 1)
            .write(&mut text)
            .expect("writing to memory");
        std::fs::write(&generated, text).expect("writing the generated spec");
        // An activity with a unit, data collected anew, and a copy with no period of its own.
        let collected = dir.path().join("collect.hjemmel");
        std::fs::write(
            &collected,
            r#"controller k "Eksempel <Kommune>" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
subjects employees "Medarbejdere & 'ledere'" employees
data attest "Børneattest" criminal
data scan "Scanningsresultater" cpr
source region "Andre myndigheder" authority { unnamed }
activity hiring "Ansættelse" {
  unit "Center for <Børn> og Familie"
  purpose "Ansættelse af personale med kontakt til børn"
  subjects employees
  data attest, scan
  sources region
  basis gdpr 6(1)(c), dbl 8(3), boerneattest 2(1)
  retain attest for 5 years
  collect attest, scan every 1 year
  copy attest kept by "lederen" until "\"sagen\" er afsluttet"
}
"#,
        )
        .expect("writing the spec");
        let mut every = String::new();
        for spec in [
            root.join("specs/lejre"),
            root.join("specs/randers"),
            root.join("tests/fixtures/report/hostile.hjemmel"),
            root.join("tests/fixtures/ropa/data_about.hjemmel"),
            root.join(
                "tests/fixtures/rules/ART10-BASIS/pass_logs_criminal_by_use_to_another_authority.hjemmel",
            ),
            generated,
            collected,
        ] {
            for lang in Lang::ALL {
                let outcome = crate::check_spec(&spec, lang);
                let checked = outcome.result.as_ref().expect("the spec is understood");
                let mut page = Page::in_memory();
                record(&mut page, &checked.model, &checked.flow, lang);
                let written = page.into_string();
                let expected = from_the_fields(&checked.model, &checked.flow, lang);
                let tables = &written[written.find("<h3 class=\"activity\">").unwrap_or(0)..];
                if tables != expected {
                    let at = tables
                        .bytes()
                        .zip(expected.bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(tables.len().min(expected.len()));
                    let from = at.saturating_sub(200);
                    panic!(
                        "{} ({lang:?}): the tables differ at byte {at}:\n{}\n----- expected:\n{}",
                        spec.display(),
                        String::from_utf8_lossy(&tables.as_bytes()[from..(at + 200).min(tables.len())]),
                        String::from_utf8_lossy(&expected.as_bytes()[from..(at + 200).min(expected.len())])
                    );
                }
                every.push_str(&expected);
                assert!(
                    expected.len() > 1000,
                    "{}: only {} bytes",
                    spec.display(),
                    expected.len()
                );
            }
        }
        // The lines worded for each activity, and the shared ones, in both languages.
        for line in [
            ", disclosed by ",
            ", videregives af ",
            " (copy kept by ",
            " (kopi, som ",
            "when used as stated",
            "når de anvendes som angivet",
            "sub-processor of ",
            "standard contractual clauses",
            "all categories: ",
            "alle kategorier: ",
            "every 1 year",
            "med et interval på 1 år",
            "Center for &lt;Børn&gt; og Familie",
        ] {
            assert!(every.contains(line), "no {line:?} in the tables compared");
        }
    }
}
