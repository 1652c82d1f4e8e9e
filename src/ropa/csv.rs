//! `hjemmel ropa --format csv`: one row per activity, with a header row of field names in the
//! record's language. Each row repeats the controller's fields, so a row read on its own (a filter in
//! a spreadsheet) is still a complete entry of the record. Several values in one cell are joined with
//! `; `; a field the spec does not give reads "not stated".

use std::io::{self, Write};

use super::fields::{self, Field};
use super::{ActivityRecord, ControllerRecord, Entries, Record};
use crate::escape::csv_cell;
use crate::tr;

/// The record as CSV (RFC 4180 quoting, `\n` line ends), no cell starting a formula.
pub fn render(record: &Record) -> String {
    super::in_memory(|out| {
        write(
            record.lang,
            &record.controller,
            record.activities.iter(),
            out,
        )
    })
}

/// The CSV of [`render`], written to `out` row by row, so that the document of a large spec is never
/// held in memory whole, nor the entries of its activities when they come from
/// [`super::Activities`].
pub fn write<'m>(
    lang: crate::i18n::Lang,
    controller: &ControllerRecord,
    activities: impl Entries<'m>,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_csv(lang, controller, activities, out).map_err(io_error)
}

/// The error of the output itself, as it was: a closed pipe must still read as one to the caller
/// (`hjemmel ropa --format csv | head` is no error), not as a CSV error.
fn io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn write_csv<'m>(
    lang: crate::i18n::Lang,
    controller: &ControllerRecord,
    mut activities: impl Entries<'m>,
    out: &mut dyn Write,
) -> csv::Result<()> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let not_stated = tr!(lang, fields::NOT_STATED);
    // One cell: the field's values, or "not stated", joined with `; `.
    let cell = |field: &Field, into: &mut String| {
        into.clear();
        match &field.values {
            Some(values) => {
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        into.push_str("; ");
                    }
                    into.push_str(value);
                }
            }
            None => into.push_str(&not_stated),
        }
    };

    let controller = fields::controller_fields(controller, lang);
    let mut header = vec![tr!(lang, fields::ACTIVITY), tr!(lang, fields::NAME_IN_SPEC)];
    header.extend(controller.iter().map(|f| tr!(lang, f.heading)));
    // The header row, with the activities' headings when there is an activity to take them from.
    let mut header = Some(header);
    let mut write_header = |out: &mut csv::Writer<_>, first: Option<&ActivityRecord>| {
        let Some(mut header) = header.take() else {
            return Ok(());
        };
        if let Some(first) = first {
            let headings = fields::activity_fields(first, lang);
            header.extend(headings.iter().map(|f| tr!(lang, f.heading)));
        }
        out.write_record(header.iter().map(|c| csv_cell(c).into_owned()))
    };

    let mut text = String::new();
    let controller_cells: Vec<String> = controller
        .iter()
        .map(|field| {
            cell(field, &mut text);
            csv_cell(&text).into_owned()
        })
        .collect();
    while let Some(activity) = activities.next_entry() {
        write_header(&mut out, Some(activity))?;
        // A cell the spec wrote may start like a formula (`=`, `+`, `@`): `escape::csv_cell`.
        out.write_field(csv_cell(activity.label).as_bytes())?;
        out.write_field(csv_cell(activity.name).as_bytes())?;
        for controller_cell in &controller_cells {
            out.write_field(controller_cell)?;
        }
        for field in fields::activity_fields(activity, lang) {
            cell(&field, &mut text);
            out.write_field(csv_cell(&text).as_bytes())?;
        }
        out.write_record(None::<&[u8]>)?;
    }
    write_header(&mut out, None)?;
    Ok(out.flush()?)
}
