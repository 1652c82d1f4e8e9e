//! `hjemmel ropa --format xlsx`: the record as a workbook a DPO opens in a spreadsheet. One sheet for
//! the controller (art. 30(1)(a)), one row per activity with the art. 30(1) fields on the record
//! sheet, and one sheet each for what the record can only list on that row: which data is about which
//! group of data subjects (and of which class it is when used as stated), what each recipient
//! receives about whom, the processors, the transfers out of the EU/EEA with their safeguards, and the
//! deletion deadline of each data category and of each copy another holder keeps.
//!
//! The cells hold the record's own words (the legal bases and deadlines as `ropa --format md` words
//! them), several values of one cell one per line; `hjemmel import --from hjemmel-xlsx`
//! (`crate::import::workbook`) reads the workbook back. Its layout, [`SHEETS`], is shared by both, and
//! documented in docs/ropa-xlsx.md.
//!
//! Every sheet is written in rust_xlsxwriter's constant-memory mode, a row at a time as the
//! activities' entries are made, so the record of a large spec is never held whole; a sheet that
//! reaches Excel's last row goes on in a sheet of the same name with a number (`Modtagere 2`).

use std::io::{self, Write};

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use super::fields::{self, Field};
use super::{ActivityRecord, ControllerRecord, Entries, words};
use crate::escape::terminal_line;
use crate::i18n::{Lang, Text};
use crate::law::countries::CountryRef;
use crate::law::vocabulary::{DataClass, SpecialKind};
use crate::semantic::model::{Activity, Model, Origin};
use crate::texts;
use crate::tr;

texts! {
    SHEET_CONTROLLER = ("Controller", "Dataansvarlig"),
    SHEET_RECORD = ("Record", "Fortegnelse"),
    SHEET_SUBJECTS = ("Data subjects and data", "Registrerede og oplysninger"),
    SHEET_RECIPIENTS = ("Recipients", "Modtagere"),
    SHEET_PROCESSORS = ("Processors", "Databehandlere"),
    SHEET_TRANSFERS = ("Transfers", "Overførsler"),
    SHEET_DEADLINES = ("Deadlines", "Slettefrister"),
    SHEET_SOURCES = ("Sources", "Kilder"),

    COUNTRY = ("Country", "Land"),
    KLE = ("KLE numbers", "KLE-numre"),
    SUBJECTS_GROUP = ("Category of data subjects", "Kategori af registrerede"),
    SUBJECTS_KIND = ("Kind of data subjects", "Type af registrerede"),
    DATA_CATEGORY = ("Category of personal data", "Kategori af personoplysninger"),
    DATA_CLASS = ("Class of data", "Type af oplysninger"),
    SPECIAL_KINDS = (
        "Special categories (art. 9(1))",
        "Særlige kategorier (art. 9, stk. 1)",
    ),
    /// The class data are of in this activity when used as stated (`data ... as criminal when
    /// "..."`), beside the class they are declared with.
    CLASS_WHEN_USED = (
        "Class when used as stated",
        "Type af oplysninger ved den angivne anvendelse",
    ),
    /// The use that gives them that class, in the notice's words.
    STATED_USE = ("Stated use", "Angivet anvendelse"),
    /// The class of special-category data, its kinds in a column of their own.
    SPECIAL_CLASS = (
        "special category (art. 9)",
        "særlig kategori af personoplysninger (art. 9)",
    ),
    RECIPIENT = ("Recipient", "Modtager"),
    RECIPIENT_KIND = ("Category of recipient", "Kategori af modtager"),
    DISCLOSED_DATA = ("Personal data disclosed", "Videregivne personoplysninger"),
    ABOUT = ("About whom", "Om hvem"),
    DISCLOSURE_BASIS = ("Legal basis of the disclosure", "Hjemmel til videregivelsen"),
    CONDITION = ("When", "Hvornår"),
    SOURCE = ("Source", "Kilde"),
    SOURCE_KIND = ("Kind of source", "Type af kilde"),
    /// The kind of a source that is another activity of the spec.
    ACTIVITY_SOURCE = ("processing activity", "behandlingsaktivitet"),
    /// A disclosure that cites no basis of its own rests on the activity's.
    AS_ACTIVITY = ("the activity's legal basis", "aktivitetens behandlingsgrundlag"),
    PROCESSOR = ("Processor", "Databehandler"),
    SUBPROCESSOR_OF = ("Sub-processor of", "Underdatabehandler for"),
    PARTY = ("Processor or recipient", "Databehandler eller modtager"),
    SAFEGUARDS = (
        "Transfer mechanism and safeguards (art. 30(1)(e))",
        "Overførselsgrundlag og fornødne garantier (art. 30, stk. 1, litra e)",
    ),
    DOCUMENTATION = ("Documentation of the safeguards", "Dokumentation af garantierne"),
    DEADLINE = ("Time limit for erasure (art. 30(1)(f))", "Tidsfrist for sletning (art. 30, stk. 1, litra f)"),
    KEPT_BY = ("Copy kept by", "Kopi opbevares af"),
    /// `hjemmel ropa --format xlsx` without `-o`, its standard output a terminal.
    TO_TERMINAL = (
        "a workbook cannot be shown on a terminal: write it to a file with `-o FILE`, or redirect standard output",
        "en projektmappe kan ikke vises i en terminal: skriv den til en fil med `-o FIL`, eller omdiriger standardoutput",
    ),
}

/// A sheet of the workbook: its name and its columns' headings with their widths (in characters).
#[derive(Debug)]
pub struct SheetLayout {
    pub name: Text,
    pub columns: &'static [(Text, f64)],
    /// The columns added to the sheet after its first layout: a workbook written before lacks them,
    /// and is read as if they were empty.
    pub added: &'static [Text],
}

impl SheetLayout {
    /// Whether the column headed `heading` was added after the sheet's first layout.
    pub fn is_added(&self, heading: Text) -> bool {
        self.added.contains(&heading)
    }
}

/// The controller: one row (art. 30(1)(a)).
pub const CONTROLLER: SheetLayout = SheetLayout {
    name: SHEET_CONTROLLER,
    columns: &[
        (fields::CONTROLLER, 30.0),
        (fields::ADDRESS, 30.0),
        (fields::CONTACT, 30.0),
        (COUNTRY, 10.0),
        (fields::DPO, 40.0),
        (fields::JOINT_CONTROLLERS, 50.0),
    ],
    added: &[],
};

/// One row per activity with the art. 30(1) fields, as `ropa --format md` words them.
pub const RECORD: SheetLayout = SheetLayout {
    name: SHEET_RECORD,
    columns: &[
        (fields::ACTIVITY, 30.0),
        (fields::NAME_IN_SPEC, 18.0),
        (fields::UNIT, 18.0),
        (KLE, 12.0),
        (fields::PURPOSES, 40.0),
        (fields::LEGAL_BASES, 40.0),
        (fields::DATA_SUBJECTS, 25.0),
        (fields::PERSONAL_DATA, 45.0),
        (fields::RECIPIENTS, 40.0),
        (fields::PROCESSORS, 35.0),
        (fields::TRANSFERS, 45.0),
        (fields::RETENTION, 40.0),
        (fields::SECURITY, 40.0),
        (fields::COLLECTION, 25.0),
    ],
    added: &[],
};

/// One row per activity, data category and group of data subjects the category is about; a group no
/// category is about has a row with no category, a category of an activity without subjects one
/// with no group. A category of another class when used as stated (`data ... as criminal when
/// "..."`) has that class and the use in columns of their own.
pub const SUBJECTS: SheetLayout = SheetLayout {
    name: SHEET_SUBJECTS,
    columns: &[
        (fields::ACTIVITY, 30.0),
        (fields::NAME_IN_SPEC, 18.0),
        (DATA_CATEGORY, 30.0),
        (DATA_CLASS, 30.0),
        (SPECIAL_KINDS, 30.0),
        (CLASS_WHEN_USED, 25.0),
        (STATED_USE, 30.0),
        (SUBJECTS_GROUP, 30.0),
        (SUBJECTS_KIND, 16.0),
    ],
    added: &[CLASS_WHEN_USED, STATED_USE],
};

/// One row per disclosure: what the recipient receives, about whom, on what basis.
pub const RECIPIENTS: SheetLayout = SheetLayout {
    name: SHEET_RECIPIENTS,
    columns: &[
        (fields::ACTIVITY, 30.0),
        (fields::NAME_IN_SPEC, 18.0),
        (RECIPIENT, 30.0),
        (RECIPIENT_KIND, 25.0),
        (COUNTRY, 10.0),
        (DISCLOSED_DATA, 35.0),
        (ABOUT, 25.0),
        (DISCLOSURE_BASIS, 40.0),
        (CONDITION, 30.0),
    ],
    added: &[],
};

/// One row per activity and processor or sub-processor.
pub const PROCESSORS: SheetLayout = SheetLayout {
    name: SHEET_PROCESSORS,
    columns: &[
        (fields::ACTIVITY, 30.0),
        (fields::NAME_IN_SPEC, 18.0),
        (PROCESSOR, 30.0),
        (SUBPROCESSOR_OF, 30.0),
        (COUNTRY, 10.0),
    ],
    added: &[],
};

/// One row per activity and party outside the EU/EEA its data reach.
pub const TRANSFERS: SheetLayout = SheetLayout {
    name: SHEET_TRANSFERS,
    columns: &[
        (fields::ACTIVITY, 30.0),
        (fields::NAME_IN_SPEC, 18.0),
        (PARTY, 30.0),
        (COUNTRY, 25.0),
        (SAFEGUARDS, 50.0),
        (DOCUMENTATION, 40.0),
    ],
    added: &[],
};

/// One row per activity and data category with its deadline, and per category of each copy another
/// holder keeps (`copy ... kept by "..."`), with the copy's own deadline and its holder.
pub const DEADLINES: SheetLayout = SheetLayout {
    name: SHEET_DEADLINES,
    columns: &[
        (fields::ACTIVITY, 30.0),
        (fields::NAME_IN_SPEC, 18.0),
        (DATA_CATEGORY, 30.0),
        (DEADLINE, 50.0),
        (KEPT_BY, 25.0),
    ],
    added: &[],
};

/// One row per activity and place its data comes from: a declared source with its kind, or another
/// activity (art. 14(2)(f); the record's "disclosed by").
pub const SOURCES: SheetLayout = SheetLayout {
    name: SHEET_SOURCES,
    columns: &[
        (fields::ACTIVITY, 30.0),
        (fields::NAME_IN_SPEC, 18.0),
        (SOURCE, 30.0),
        (SOURCE_KIND, 25.0),
    ],
    added: &[],
};

/// Every sheet, in the workbook's order.
pub const SHEETS: [&SheetLayout; 8] = [
    &CONTROLLER,
    &RECORD,
    &SUBJECTS,
    &RECIPIENTS,
    &PROCESSORS,
    &TRANSFERS,
    &DEADLINES,
    &SOURCES,
];

/// Excel's last row (0-based): a sheet goes on in another past it.
const LAST_ROW: u32 = 1_048_575;

/// Excel's longest cell, in UTF-16 code units.
const LONGEST_CELL: usize = 32_767;

/// Excel's default row height in points: a line of the default font.
const DEFAULT_ROW_HEIGHT: f64 = 15.0;

/// The class of a data category in the workbook's words: the class alone, the art. 9 kinds in a
/// column of their own.
pub fn class_words(lang: Lang, class: DataClass) -> String {
    match class {
        DataClass::Special => tr!(lang, SPECIAL_CLASS),
        other => words::data_class(lang, other, &[]),
    }
}

/// The country as the workbook's country columns give it: the ISO code as the spec writes it, or
/// the record's words for a place without one; empty when not stated.
pub fn country_cell(lang: Lang, country: Option<&CountryRef>) -> String {
    match country {
        None => String::new(),
        Some(CountryRef::Code(code) | CountryRef::Organisation(code)) => code.clone(),
        Some(other) => words::country(lang, Some(other)),
    }
}

/// A cell's text: each value on a line of its own, control characters and line breaks within a
/// value shown escaped (a spreadsheet shows them as nothing, or as a line that is no value), cut at
/// Excel's limit. `write_string` never makes a formula of it, whatever it starts with.
fn cell<S: AsRef<str>>(values: &[S]) -> String {
    let mut text = String::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&terminal_line(value.as_ref()));
    }
    cut(text)
}

/// `text` cut to fit a cell, with `…` to say so.
fn cut(mut text: String) -> String {
    if text.len() <= LONGEST_CELL {
        return text;
    }
    let mut units = 0;
    let mut end = 0;
    for (at, c) in text.char_indices() {
        units += c.len_utf16();
        if units > LONGEST_CELL - 1 {
            break;
        }
        end = at + c.len_utf8();
    }
    text.truncate(end);
    text.push('…');
    text
}

/// The height of a row (in points) that shows all of its wrapped cells: spreadsheets do not grow a
/// row for wrapped text they did not write themselves, and the lines ran into the next row.
fn row_height<S: AsRef<str>>(layout: &SheetLayout, cells: &[S]) -> f64 {
    /// Excel's tallest row.
    const TALLEST: f64 = 409.0;
    let lines = cells
        .iter()
        .zip(layout.columns)
        .map(|(text, (_, width))| {
            // A character of the default font is about a unit of width; a little less is kept for
            // the words that do not end at the edge.
            let per_line = (width * 0.9).max(1.0) as usize;
            // A line of no more bytes than fit is one line, without counting its characters.
            text.as_ref()
                .split('\n')
                .map(|line| match line.len() <= per_line {
                    true => 1,
                    false => line.chars().count().div_ceil(per_line).max(1),
                })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1);
    (lines as f64 * DEFAULT_ROW_HEIGHT).min(TALLEST)
}

/// The workbook being written, a row at a time in each sheet.
///
/// Each row's height is given through its sheet's default height, not `set_row_height`:
/// rust_xlsxwriter keeps a record of every row given a height (about 530 bytes, a GiB at 100,000
/// activities) that constant-memory mode never frees, and looks it up for every cell. A row
/// without one is written with the default height of the moment it is flushed, which is when the
/// first cell of the next row is written; so the default becomes a row's height right after its
/// first cell has flushed the row before ([`Book::row`]). The XML is the same `ht` with
/// `customHeight` either way (tests/workbook_rows.rs). Before saving, the last row gets its height
/// of its own and the default goes back to Excel's ([`Book::finish_sheet`]).
struct Book {
    workbook: Workbook,
    lang: Lang,
    heading: Format,
    body: Format,
    sheets: Vec<SheetState>,
}

/// Where a sheet's next row goes.
struct SheetState {
    layout: &'static SheetLayout,
    /// The worksheet's index in the workbook.
    index: usize,
    /// Its next row.
    row: u32,
    /// 1 for the first sheet of the layout, then 2, 3, ... for the sheets it goes on in.
    part: u32,
    /// The last row written and its height, which the sheet's default height holds until the
    /// next row is written.
    last_written: (u32, f64),
}

impl Book {
    /// `made_at`: seconds since 1970 the workbook says it was created (`SOURCE_DATE_EPOCH`); `None`
    /// for now.
    fn new(lang: Lang, made_at: Option<i64>) -> Result<Book, XlsxError> {
        let heading = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color(Color::RGB(0xD9E2F3))
            .set_border(FormatBorder::Thin);
        let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let mut workbook = Workbook::new();
        // Deflating the sheets' XML (a GiB at 100,000 activities) was a third of the work at the
        // default level 6; level 2 takes 0.4 of its time for a file a quarter larger.
        workbook.set_zip_compression_level(2);
        if let Some(seconds) = made_at {
            let created = ExcelDateTime::from_timestamp(seconds)?;
            workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        }
        let mut book = Book {
            workbook,
            lang,
            heading,
            body,
            sheets: Vec::new(),
        };
        for layout in SHEETS {
            let sheet = book.add_sheet(layout, 1)?;
            book.sheets.push(sheet);
        }
        Ok(book)
    }

    /// A new worksheet for `layout` with its heading row, frozen.
    fn add_sheet(
        &mut self,
        layout: &'static SheetLayout,
        part: u32,
    ) -> Result<SheetState, XlsxError> {
        let name = match part {
            1 => layout.name.get(self.lang).to_string(),
            n => format!("{} {n}", layout.name.get(self.lang)),
        };
        let headings: Vec<&str> = layout
            .columns
            .iter()
            .map(|(h, _)| h.get(self.lang))
            .collect();
        let height = row_height(layout, &headings);
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        for (col, (heading, width)) in headings.iter().zip(layout.columns).enumerate() {
            let col = col as u16;
            // The body's format is the columns': a cell written without one takes it, and the
            // format is looked up once per column rather than hashed for every cell.
            sheet.set_column_format(col, &self.body)?;
            sheet.set_column_width(col, width.1)?;
            sheet.write_string_with_format(0, col, *heading, &self.heading)?;
        }
        // The heading row is the first row: nothing is flushed before it.
        sheet.set_default_row_height(height);
        sheet.set_freeze_panes(1, 0)?;
        // Printed (or made a PDF of) for Datatilsynet: across the page, the headings on every page.
        sheet.set_landscape();
        sheet.set_repeat_rows(0, 0)?;
        Ok(SheetState {
            layout,
            index: self.workbook.worksheets().len() - 1,
            row: 1,
            part,
            last_written: (0, height),
        })
    }

    /// Writes a row of `sheet` (its place in [`SHEETS`]).
    fn row(&mut self, sheet: usize, cells: Vec<String>) -> Result<(), XlsxError> {
        if self.sheets[sheet].row > LAST_ROW {
            let state = &self.sheets[sheet];
            let (layout, part) = (state.layout, state.part + 1);
            self.finish_sheet(sheet)?;
            self.sheets[sheet] = self.add_sheet(layout, part)?;
        }
        let state = &mut self.sheets[sheet];
        let worksheet = self.workbook.worksheet_from_index(state.index)?;
        let height = row_height(state.layout, &cells);
        let mut written = false;
        for (col, text) in cells.into_iter().enumerate() {
            if !text.is_empty() {
                worksheet.write_string(state.row, col as u16, text)?;
                if !written {
                    // The row before has been flushed with the default: now it is this row's.
                    worksheet.set_default_row_height(height);
                    written = true;
                }
            }
        }
        if written {
            state.last_written = (state.row, height);
        } else {
            // A row with no text is not written: only its height is, as a row of its own.
            worksheet.set_row_height(state.row, height)?;
        }
        state.row += 1;
        Ok(())
    }

    /// The last row's height, the default height back to Excel's, and the autofilter over the
    /// sheet's rows.
    fn finish_sheet(&mut self, sheet: usize) -> Result<(), XlsxError> {
        let state = &self.sheets[sheet];
        let last_col = state.layout.columns.len() as u16 - 1;
        let last_row = state.row.saturating_sub(1).max(1);
        let worksheet = self.workbook.worksheet_from_index(state.index)?;
        // The last row is flushed when the workbook is saved, after the default is put back.
        let (row, height) = state.last_written;
        worksheet.set_row_height(row, height)?;
        worksheet.set_default_row_height(DEFAULT_ROW_HEIGHT);
        worksheet.autofilter(0, 0, last_row, last_col)?;
        Ok(())
    }

    fn save(mut self) -> Result<Vec<u8>, XlsxError> {
        for sheet in 0..self.sheets.len() {
            self.finish_sheet(sheet)?;
        }
        self.workbook.save_to_buffer()
    }
}

/// The record as a workbook, written to `out` once whole (`hjemmel ropa -o` replaces the file only
/// then). The activities' entries come in the order of `model`'s activities, as
/// [`super::Activities`] makes them; the rows are written as they come.
pub fn write<'m>(
    model: &'m Model,
    lang: Lang,
    controller: &ControllerRecord,
    activities: impl Entries<'m>,
    made_at: Option<i64>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let bytes = workbook(model, lang, controller, activities, made_at).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

/// The workbook's bytes; `made_at`, seconds since 1970, is the creation time it records (else now).
pub fn workbook<'m>(
    model: &'m Model,
    lang: Lang,
    controller: &ControllerRecord,
    mut activities: impl Entries<'m>,
    made_at: Option<i64>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Book::new(lang, made_at)?;
    book.row(0, controller_row(controller, lang))?;
    let not_stated = tr!(lang, fields::NOT_STATED);
    let mut rows = Vec::new();
    let mut index = 0;
    while let Some(entry) = activities.next_entry() {
        let Some(activity) = model.activities.get(index) else {
            break;
        };
        index += 1;
        activity_rows(model, activity, entry, lang, &not_stated, &mut rows);
        for (sheet, cells) in rows.drain(..) {
            book.row(sheet, cells)?;
        }
    }
    book.save()
}

fn controller_row(controller: &ControllerRecord, lang: Lang) -> Vec<String> {
    let fields = fields::controller_fields(controller, lang);
    let field = |key: &str| {
        fields
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| f.values.as_ref())
            .map(|values| cell(values))
            .unwrap_or_default()
    };
    vec![
        field("name"),
        field("address"),
        field("contact"),
        cell(&[country_cell(lang, controller.country.as_ref())]),
        field("dpo"),
        field("joint_controllers"),
    ]
}

/// The rows one activity adds to each sheet, by the sheet's place in [`SHEETS`].
fn activity_rows(
    model: &Model,
    a: &Activity,
    entry: &ActivityRecord<'_>,
    lang: Lang,
    not_stated: &str,
    rows: &mut Vec<(usize, Vec<String>)>,
) {
    let label = cell(&[entry.label]);
    let name = cell(&[entry.name]);
    let start = || vec![label.clone(), name.clone()];

    // The record: each field as the other formats word it, "not stated" when the spec does not
    // give it.
    let fields = fields::activity_fields(entry, lang);
    let field = |key: &str| -> String {
        let found: Option<&Field> = fields.iter().find(|f| f.key == key);
        match found.and_then(|f| f.values.as_ref()) {
            Some(values) => cell(values),
            None if key == "unit" || key == "collection" => String::new(),
            None => not_stated.to_string(),
        }
    };
    let kle: Vec<String> = a.kle().iter().map(|k| k.node.to_string()).collect();
    let mut record = start();
    record.push(field("unit"));
    record.push(cell(&kle));
    for key in [
        "purposes",
        "legal_bases",
        "data_subjects",
        "personal_data",
        "recipients",
        "processors",
        "transfers",
        "retention",
        "security",
        "collection",
    ] {
        record.push(field(key));
    }
    rows.push((1, record));

    // Data subjects × data: each category with the groups it is about.
    let mut grouped = vec![false; a.subjects.len()];
    for d in &a.data {
        let data = model.data(d.id);
        let kinds: Vec<&str> = data.special.iter().map(|k| k.description(lang)).collect();
        // Another class by this activity's use of the data, as the record shows it.
        let (class_when_used, stated_use) = match a.criminal_use(d.id) {
            Some(by_use) => (
                cell(&[class_words(lang, by_use.class)]),
                cell(&[&by_use.when.node]),
            ),
            None => (String::new(), String::new()),
        };
        let data_cells = [
            cell(&[&data.label.node]),
            cell(&[class_words(lang, data.class)]),
            cell(&kinds),
            class_when_used,
            stated_use,
        ];
        let mut any = false;
        for group in a.subjects_of(d.id) {
            any = true;
            if let Some(at) = a.subjects.iter().position(|s| s.id == group) {
                grouped[at] = true;
            }
            let subjects = model.subjects(group);
            let mut row = start();
            row.extend(data_cells.iter().cloned());
            row.push(cell(&[&subjects.label.node]));
            row.push(cell(&[subjects.kind.word(lang)]));
            rows.push((2, row));
        }
        if !any {
            let mut row = start();
            row.extend(data_cells.iter().cloned());
            rows.push((2, row));
        }
    }
    for (s, done) in a.subjects.iter().zip(grouped) {
        if !done {
            let subjects = model.subjects(s.id);
            let mut row = start();
            row.extend(std::iter::repeat_n(String::new(), 5));
            row.push(cell(&[&subjects.label.node]));
            row.push(cell(&[subjects.kind.word(lang)]));
            rows.push((2, row));
        }
    }

    // Recipients: each disclosure, what it hands over and about whom.
    for disclosure in &a.disclosures {
        let recipient = model.recipient(disclosure.recipient.id);
        let data: Vec<&str> = disclosure
            .data
            .iter()
            .map(|d| model.data(d.id).label.node.as_str())
            .collect();
        let mut about: Vec<&str> = Vec::new();
        for d in &disclosure.data {
            for group in a.subjects_of(d.id) {
                let group = model.subjects(group).label.node.as_str();
                if !about.contains(&group) {
                    about.push(group);
                }
            }
        }
        let basis: Vec<String> = if disclosure.basis.is_empty() {
            vec![tr!(lang, AS_ACTIVITY)]
        } else {
            disclosure
                .basis
                .iter()
                .map(|b| words::legal_ref(lang, b))
                .collect()
        };
        let mut row = start();
        row.push(cell(&[&recipient.label.node]));
        row.push(cell(
            &[words::recipient_kind_text(recipient.kind).get(lang)],
        ));
        row.push(cell(&[country_cell(
            lang,
            recipient.country.as_ref().map(|c| &c.node),
        )]));
        row.push(cell(&data));
        row.push(cell(&about));
        row.push(cell(&basis));
        row.push(cell(&[disclosure
            .condition
            .as_ref()
            .map_or("", |c| c.node.as_str())]));
        rows.push((3, row));
    }

    // Processors and their sub-processors, as the record lists them.
    for p in entry.processors.iter().flatten() {
        let mut row = start();
        row.push(cell(&[&p.label]));
        row.push(cell(&[p.subprocessor_of.as_deref().unwrap_or("")]));
        row.push(cell(&[country_cell(lang, p.country.as_ref())]));
        rows.push((4, row));
    }

    // Transfers, with their safeguards as the record words them.
    for t in &entry.transfers {
        let safeguards = match &t.mechanisms {
            Some(mechanisms) => cell(mechanisms),
            None => cell(&[tr!(lang, fields::NO_MECHANISM)]),
        };
        let mut row = start();
        row.push(cell(&[&t.party]));
        row.push(cell(&[words::country(lang, t.country.as_ref())]));
        row.push(safeguards);
        row.push(cell(&t.documentation));
        rows.push((5, row));
    }

    // Sources: declared sources with their kind, and the activities the data comes from.
    for origin in &a.sources {
        let (label, kind) = match origin.id {
            Origin::Source(id) => {
                let source = model.source(id);
                (&source.label.node, source.kind.word(lang).to_string())
            }
            Origin::Activity(id) => (
                &model.activities[id.index()].label.node,
                tr!(lang, ACTIVITY_SOURCE),
            ),
        };
        let mut row = start();
        row.push(cell(&[label]));
        row.push(cell(&[kind]));
        rows.push((7, row));
    }

    // Deadlines: each category, and each copy another holder keeps.
    for group in entry.retention.iter().flatten() {
        let period = match &group.period {
            Some(period) => cell(&[period.as_str()]),
            None => not_stated.to_string(),
        };
        for category in &group.categories {
            let mut row = start();
            row.push(cell(&[category]));
            row.push(period.clone());
            row.push(cell(&[group.holder.unwrap_or("")]));
            rows.push((6, row));
        }
    }
}

/// The art. 9(1) kind a description names in either language.
pub fn special_kind(text: &str) -> Option<SpecialKind> {
    SpecialKind::ALL
        .iter()
        .copied()
        .find(|k| Lang::ALL.iter().any(|&lang| k.description(lang) == text))
}
