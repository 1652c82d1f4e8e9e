//! `hjemmel ropa --format csv`: one row per activity, with a header row of field names in the
//! record's language. Each row repeats the controller's fields, so a row read on its own (a filter in
//! a spreadsheet) is still a complete entry of the record. Several values in one cell are joined with
//! `; `; a field the spec does not give reads "not stated".

use super::Record;
use super::fields;
use crate::escape::csv_cell;
use crate::tr;

/// The record as CSV (RFC 4180 quoting, `\n` line ends), no cell starting a formula.
pub fn render(record: &Record) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and every cell is a `String`.
    let _ = write(record, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The CSV of [`render`], written to `out` row by row, so that the document of a large spec is never
/// held in memory whole.
pub fn write(record: &Record, out: impl std::io::Write) -> std::io::Result<()> {
    let lang = record.lang;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let controller = record.controller_fields();
    let cell = |field: &fields::Field| field.lines(lang).join("; ");

    let mut header = vec![tr!(lang, fields::ACTIVITY), tr!(lang, fields::NAME_IN_SPEC)];
    header.extend(controller.iter().map(|f| tr!(lang, f.heading)));
    let activity_headings = match record.activities.first() {
        Some(first) => record.activity_fields(first),
        None => Vec::new(),
    };
    header.extend(activity_headings.iter().map(|f| tr!(lang, f.heading)));
    out.write_record(header.iter().map(|c| csv_cell(c).into_owned()))?;

    let controller_cells: Vec<String> = controller.iter().map(cell).collect();
    for activity in &record.activities {
        let mut row = vec![activity.label.clone(), activity.name.clone()];
        row.extend(controller_cells.iter().cloned());
        row.extend(record.activity_fields(activity).iter().map(cell));
        // A cell the spec wrote may start like a formula (`=`, `+`, `@`): `escape::csv_cell`.
        out.write_record(row.iter().map(|c| csv_cell(c).into_owned()))?;
    }
    out.flush()
}
