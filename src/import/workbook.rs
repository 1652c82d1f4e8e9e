//! `hjemmel import --from hjemmel-xlsx`: reads back the workbook `hjemmel ropa --format xlsx` writes,
//! with its headings in either language ([`crate::ropa::xlsx::SHEETS`] is the layout both follow).
//!
//! The texts are taken as the workbook gives them: legal bases and deadlines as the record words
//! them (the import's free-text readers make citations and periods of them again), kinds and classes
//! turned back into the spec language's words, since the workbook gives them in the record's.
//!
//! The register is made row by row as the sheets are read: no sheet's rows are held (at 100,000
//! activities the workbook has 1.9 million rows, and holding them as text took most of a GiB).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use calamine::{Data, DataRef, Reader, Xlsx, open_workbook};

use super::register::{
    ImportError, ImportedActivity, ImportedCopy, ImportedData, ImportedDisclosure, ImportedDpo,
    ImportedParty, ImportedSource, ImportedSubjects, ImportedUse, Register, Unplaced,
};
use crate::i18n::{Lang, Text};
use crate::law::countries::CountryRef;
use crate::law::vocabulary::{DataClass, RecipientKind, SourceKind, SubjectKind};
use crate::ropa::fields;
use crate::ropa::words;
use crate::ropa::xlsx::{self as layout, SheetLayout};

/// The register of the workbook at `path`.
pub fn read(path: &Path) -> Result<Register, ImportError> {
    // A sheet whose cells come out of order (spreadsheets write them in order) is read whole and
    // sorted; its rows read before that showed have gone into the register already, so the
    // register is made again from the start.
    let mut sorted = HashSet::new();
    loop {
        // calamine panics on some malformed files (a compound file, as an .xlsx protected by a
        // password is, with a sector past its end): an error about the file, not the end of hjemmel.
        let outcome =
            super::bounded_sheet::guarded(|| read_sheets(path, &sorted)).map_err(|panic| {
                ImportError {
                    file: path.to_path_buf(),
                    place: None,
                    message: format!("not a workbook that can be read ({panic})"),
                }
            })??;
        match outcome {
            Outcome::Read(register) => return Ok(*register),
            Outcome::OutOfOrder(name) => {
                // A sheet read sorted is in order: this is never expected, and ends the loop.
                if !sorted.insert(name.clone()) {
                    return Err(error(
                        path,
                        &name,
                        None,
                        "its cells are out of order".into(),
                    ));
                }
            }
        }
    }
}

/// What reading the sheets came to.
enum Outcome {
    Read(Box<Register>),
    /// The sheet of this name had cells out of order.
    OutOfOrder(String),
}

/// The sheets of [`layout::SHEETS`], in its order.
#[derive(Clone, Copy, PartialEq)]
enum Sheet {
    Controller,
    Record,
    Subjects,
    Recipients,
    Processors,
    Transfers,
    Deadlines,
    Sources,
}

const SHEETS: [Sheet; 8] = [
    Sheet::Controller,
    Sheet::Record,
    Sheet::Subjects,
    Sheet::Recipients,
    Sheet::Processors,
    Sheet::Transfers,
    Sheet::Deadlines,
    Sheet::Sources,
];

/// Reads every sheet into the register, cell by cell as the sheet's XML gives them, except the
/// sheets named in `sorted`, which are read whole and sorted.
fn read_sheets(path: &Path, sorted: &HashSet<String>) -> Result<Outcome, ImportError> {
    // A part that declares more than the bound once inflated is refused before calamine inflates it.
    super::bounded_sheet::check_before_opening(path).map_err(|refused| refused.about(path))?;
    let mut workbook: Xlsx<_> = open_workbook(path).map_err(|e| ImportError {
        file: path.to_path_buf(),
        place: None,
        message: format!("not a workbook that can be read: {e}"),
    })?;
    let names = workbook.sheet_names();
    let mut reading = Reading::new(path);
    for (layout, sheet) in layout::SHEETS.iter().zip(SHEETS) {
        let parts = parts_of(layout, &names);
        if parts.is_empty() {
            return Err(ImportError {
                file: path.to_path_buf(),
                place: None,
                message: format!(
                    "the sheet `{}` (`{}`) is missing",
                    layout.name.da, layout.name.en
                ),
            });
        }
        for name in parts {
            let cannot = |e: String| error(path, &name, None, format!("cannot be read: {e}"));
            let mut each_row = |row: &Row| reading.row(sheet, row);
            if sorted.contains(&name) {
                let range = super::bounded_sheet::range(&mut workbook, &name).map_err(cannot)?;
                let (first_row, first_col) = range.start().unwrap_or((0, 0));
                let cells = range.used_cells().map(|(row, col, data)| {
                    Ok::<_, String>((first_row + row as u32, first_col + col as u32, data))
                });
                read_rows(path, layout, &name, cells, &mut each_row)?;
                continue;
            }
            let mut reader = workbook
                .worksheet_cells_reader(&name)
                .map_err(|e| cannot(e.to_string()))?;
            let cells = std::iter::from_fn(|| reader.next_cell().transpose()).map(|cell| {
                cell.map(|cell| {
                    let (row, col) = cell.get_position();
                    (row, col, cell)
                })
            });
            if read_rows(path, layout, &name, cells, &mut each_row)? == Order::Broken {
                return Ok(Outcome::OutOfOrder(name));
            }
        }
        reading.sheet_read(sheet);
    }
    Ok(Outcome::Read(Box::new(reading.register)))
}

/// Whether a workbook with these sheets is one `hjemmel ropa --format xlsx` wrote: it has every sheet
/// of the layout, in one language or the other (what `--from auto` tells it by).
pub fn has_the_layout(names: &[String]) -> bool {
    layout::SHEETS
        .iter()
        .all(|sheet| !parts_of(sheet, names).is_empty())
}

/// The sheets of `layout`: its name in either language, then the sheets it goes on in (`Modtagere
/// 2`), in the workbook's order.
fn parts_of(layout: &SheetLayout, names: &[String]) -> Vec<String> {
    let is_part = |name: &str| {
        [layout.name.en, layout.name.da].iter().any(|base| {
            name == *base
                || name.strip_prefix(base).is_some_and(|rest| {
                    rest.strip_prefix(' ')
                        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                })
        })
    };
    names.iter().filter(|n| is_part(n)).cloned().collect()
}

fn error(file: &Path, sheet: &str, place: Option<String>, message: String) -> ImportError {
    let place = match place {
        Some(p) => format!("sheet {sheet}, {p}"),
        None => format!("sheet {sheet}"),
    };
    ImportError {
        file: file.to_path_buf(),
        place: Some(place),
        message,
    }
}

/// A column's letters: 0 → `A`, 26 → `AA`.
fn column_letters(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A row of a sheet, each cell in the place of its layout's column; the sheet and row it came
/// from, for messages.
struct Row<'a> {
    sheet: &'a str,
    /// 1-based, as the spreadsheet shows it.
    number: usize,
    cells: &'a [String],
}

impl Row<'_> {
    fn get(&self, col: usize) -> &str {
        self.cells.get(col).map_or("", String::as_str)
    }

    /// The cell's values, one per line; none for an empty cell or one that says "not stated".
    fn lines(&self, col: usize) -> Vec<String> {
        let text = self.get(col);
        if text.is_empty() || is(fields::NOT_STATED, text) {
            return Vec::new();
        }
        text.lines().map(str::to_string).collect()
    }

    fn optional(&self, col: usize) -> Option<String> {
        let text = self.get(col);
        (!text.is_empty() && !is(fields::NOT_STATED, text)).then(|| text.to_string())
    }
}

/// `text` is `words` in either language.
fn is(words: Text, text: &str) -> bool {
    Lang::ALL.iter().any(|&lang| words.get(lang) == text)
}

/// A cell's value as calamine gives it: streamed from the sheet's XML, or from a whole sheet.
trait CellValue {
    fn is_empty(&self) -> bool;
    /// Appends the cell's text to `out`.
    fn push_text(&self, out: &mut String);
}

impl CellValue for &Data {
    fn is_empty(&self) -> bool {
        matches!(self, Data::Empty)
    }

    fn push_text(&self, out: &mut String) {
        match self {
            Data::Empty => {}
            Data::String(s) => out.push_str(s),
            other => {
                use std::fmt::Write as _;
                let _ = write!(out, "{other}");
            }
        }
    }
}

impl CellValue for calamine::Cell<DataRef<'_>> {
    fn is_empty(&self) -> bool {
        matches!(self.get_value(), DataRef::Empty)
    }

    fn push_text(&self, out: &mut String) {
        match self.get_value() {
            DataRef::String(s) => out.push_str(s),
            DataRef::SharedString(s) => out.push_str(s),
            // As the whole sheet's cell would be written.
            other => (&Data::from(other.clone())).push_text(out),
        }
    }
}

/// Whether a sheet's cells came in order, row by row and left to right in a row.
#[derive(Debug, PartialEq)]
enum Order {
    Kept,
    Broken,
}

/// Reads the rows of a sheet from its non-empty cells in order, (row, column, value), the first
/// row with a cell holding the headings, and hands each row to `each_row`, unless none of its
/// cells in the layout's columns has text. A cell out of order stops the reading:
/// [`Order::Broken`], after the rows before it were handed on.
fn read_rows<V: CellValue, E: std::fmt::Display>(
    file: &Path,
    layout: &SheetLayout,
    name: &str,
    cells: impl Iterator<Item = Result<(u32, u32, V), E>>,
    each_row: &mut impl FnMut(&Row),
) -> Result<Order, ImportError> {
    let cannot = |e: E| error(file, name, None, format!("cannot be read: {e}"));
    let mut header: Option<u32> = None;
    let mut headings: Vec<(u32, String)> = Vec::new();
    // Where each of the layout's columns is, by the sheet's column.
    let mut column_of: HashMap<u32, usize> = HashMap::new();
    // The row being read (the number of the sheet's row, when it has a cell in a layout's column)
    // and its cells, kept from row to row so that their buffers are reused.
    let mut row: Option<u32> = None;
    let mut texts = vec![String::new(); layout.columns.len()];
    let mut hand_on = |row: &mut Option<u32>, texts: &mut [String]| {
        if let Some(at) = row.take() {
            if texts.iter().any(|t| !t.is_empty()) {
                each_row(&Row {
                    sheet: name,
                    number: at as usize + 1,
                    cells: texts,
                });
            }
            texts.iter_mut().for_each(String::clear);
        }
    };
    let mut last: Option<(u32, u32)> = None;
    for cell in cells {
        let (r, c, value) = cell.map_err(cannot)?;
        if value.is_empty() {
            continue;
        }
        if last.is_some_and(|last| (r, c) <= last) {
            return Ok(Order::Broken);
        }
        last = Some((r, c));
        let header_row = *header.get_or_insert(r);
        if r == header_row {
            let mut text = String::new();
            value.push_text(&mut text);
            headings.push((c, text));
            continue;
        }
        if column_of.is_empty() {
            column_of = columns(file, layout, name, &headings)?;
        }
        if row.is_some_and(|at| at != r) {
            hand_on(&mut row, &mut texts);
        }
        if let Some(&col) = column_of.get(&c) {
            row = Some(r);
            value.push_text(&mut texts[col]);
        }
    }
    if column_of.is_empty() {
        columns(file, layout, name, &headings)?;
    }
    hand_on(&mut row, &mut texts);
    Ok(Order::Kept)
}

/// Which of the layout's columns each heading names, by the sheet's column: an error for a heading
/// the layout does not have, one given twice, or a column of the layout no heading names.
fn columns(
    file: &Path,
    layout: &SheetLayout,
    name: &str,
    headings: &[(u32, String)],
) -> Result<HashMap<u32, usize>, ImportError> {
    let mut at = vec![None; layout.columns.len()];
    for (col, heading) in headings {
        let heading = heading.trim();
        if heading.is_empty() {
            continue;
        }
        let column = format!("column {}", column_letters(*col as usize));
        match layout.columns.iter().position(|(h, _)| is(*h, heading)) {
            Some(c) if at[c].is_none() => at[c] = Some(*col),
            Some(_) => {
                return Err(error(
                    file,
                    name,
                    Some(column),
                    format!("the column `{heading}` is there twice"),
                ));
            }
            None => {
                return Err(error(
                    file,
                    name,
                    Some(column),
                    format!("unknown column `{heading}`"),
                ));
            }
        }
    }
    // A column added to the layout later may be missing: the workbook was written before.
    let missing = at
        .iter()
        .zip(layout.columns)
        .position(|(found, (heading, _))| found.is_none() && !layout.is_added(*heading));
    if let Some(missing) = missing {
        let (heading, _) = layout.columns[missing];
        return Err(error(
            file,
            name,
            None,
            format!("the column `{}` (`{}`) is missing", heading.da, heading.en),
        ));
    }
    Ok(at
        .into_iter()
        .enumerate()
        .filter_map(|(c, col)| Some((col?, c)))
        .collect())
}

/// The register being made of the sheets' rows, sheet after sheet in the order of
/// [`layout::SHEETS`] (the record's activities before the rows that refer to them).
struct Reading {
    register: Register,
    /// Whether the controller's row was read: only the first one is.
    controller_read: bool,
    /// The activities by the name the sheets refer to them by.
    by_name: HashMap<String, usize>,
    /// Each activity's data categories, each with the groups of data subjects it is about.
    groups_of: Vec<Vec<(String, Vec<String>)>>,
    /// Each party once, found by its label (the sheets have a row for every activity it serves).
    recipient_at: HashMap<String, usize>,
    processor_at: HashMap<String, usize>,
    /// Each activity's deadlines that are not a copy's: (category, period).
    periods: Vec<Vec<(String, Option<String>)>>,
}

/// The columns every sheet of an activity's rows begins with.
const ACTIVITY_NAME: usize = 1;

impl Reading {
    fn new(file: &Path) -> Reading {
        Reading {
            register: Register {
                source: format!("hjemmel workbook {}", super::register::file_name(file)),
                ..Register::default()
            },
            controller_read: false,
            by_name: HashMap::new(),
            groups_of: Vec::new(),
            recipient_at: HashMap::new(),
            processor_at: HashMap::new(),
            periods: Vec::new(),
        }
    }

    /// A row of `sheet` into the register.
    fn row(&mut self, sheet: Sheet, row: &Row) {
        match sheet {
            Sheet::Controller => self.controller(row),
            Sheet::Record => self.activity_row(row),
            Sheet::Subjects => self.subjects(row),
            Sheet::Recipients => self.recipient(row),
            Sheet::Processors => self.processor(row),
            Sheet::Transfers => self.transfer(row),
            Sheet::Deadlines => self.deadline(row),
            Sheet::Sources => self.source(row),
        }
    }

    /// What is known once every row of `sheet` is read.
    fn sheet_read(&mut self, sheet: Sheet) {
        let register = &mut self.register;
        match sheet {
            Sheet::Record => {
                self.groups_of = vec![Vec::new(); register.activities.len()];
                self.periods = vec![Vec::new(); register.activities.len()];
            }
            // A category about every group of its activity says nothing more than one about all.
            Sheet::Subjects => {
                for (a, groups) in register.activities.iter_mut().zip(&self.groups_of) {
                    for (data, (_, about)) in a.data.iter_mut().zip(groups) {
                        let all = a.subjects.iter().all(|s| about.contains(&s.label));
                        if !all {
                            data.about = about.clone();
                        }
                    }
                }
            }
            // Deadlines: one for the activity when every category has the same, else each its own.
            Sheet::Deadlines => {
                let periods = std::mem::take(&mut self.periods);
                for (a, periods) in register.activities.iter_mut().zip(periods) {
                    let first = periods.first().and_then(|(_, p)| p.clone());
                    let same = first.is_some()
                        && periods.iter().all(|(_, p)| *p == first)
                        && a.data
                            .iter()
                            .all(|d| periods.iter().any(|(c, _)| *c == d.label));
                    if same {
                        a.retention = first;
                        continue;
                    }
                    for (category, period) in periods {
                        if let Some(data) = a.data.iter_mut().find(|d| d.label == category) {
                            data.retention = period;
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn controller(&mut self, row: &Row) {
        if std::mem::replace(&mut self.controller_read, true) {
            return;
        }
        let mut party = controller_party(row);
        let (dpo, unread) = dpo(row.lines(4));
        // A line of the DPO's cell that is none of the record's is kept as a comment.
        party
            .unplaced
            .extend(unread.into_iter().map(|value| Unplaced {
                field: fields::DPO.da.into(),
                value,
            }));
        self.register.dpo = dpo;
        self.register.controller = Some(party);
    }

    fn activity_row(&mut self, row: &Row) {
        let activities = &mut self.register.activities;
        self.by_name
            .insert(row.get(ACTIVITY_NAME).to_string(), activities.len());
        activities.push(ImportedActivity {
            label: row.get(0).to_string(),
            unit: row.optional(2),
            kle: row.lines(3),
            purposes: row.lines(4),
            bases: row.lines(5),
            subjects: row
                .lines(6)
                .into_iter()
                .map(|label| ImportedSubjects { label, kind: None })
                .collect(),
            security: row.lines(12),
            ..ImportedActivity::default()
        });
    }

    /// The activity a row is of. A row of an activity the record sheet does not list is kept
    /// where the register keeps what it cannot place.
    fn activity(&mut self, row: &Row) -> Option<usize> {
        let found = self.by_name.get(row.get(ACTIVITY_NAME)).copied();
        if found.is_none() {
            self.register.unplaced.push(Unplaced {
                field: format!("sheet {}, row {}", row.sheet, row.number).into(),
                value: row.cells.join(" | "),
            });
        }
        found
    }

    /// Data subjects × data.
    fn subjects(&mut self, row: &Row) {
        let Some(at) = self.activity(row) else {
            return;
        };
        let a = &mut self.register.activities[at];
        let group = row.get(7);
        if !group.is_empty() {
            let kind = subject_kind(row.get(8));
            match a.subjects.iter_mut().find(|s| s.label == group) {
                Some(s) => s.kind = s.kind.take().or(kind),
                None => a.subjects.push(ImportedSubjects {
                    label: group.to_string(),
                    kind,
                }),
            }
        }
        let label = row.get(2);
        if label.is_empty() {
            return;
        }
        let groups = &mut self.groups_of[at];
        let at_data = match groups.iter().position(|(l, _)| l == label) {
            Some(i) => i,
            None => {
                let (class, unplaced) = data_class(row.get(3), &row.lines(4));
                a.data.push(ImportedData {
                    label: label.to_string(),
                    class,
                    ..ImportedData::default()
                });
                a.unplaced.extend(unplaced);
                read_use(a, label, row);
                groups.push((label.to_string(), Vec::new()));
                groups.len() - 1
            }
        };
        if !group.is_empty() {
            groups[at_data].1.push(group.to_string());
        }
    }

    fn recipient(&mut self, row: &Row) {
        let Some(at) = self.activity(row) else {
            return;
        };
        let register = &mut self.register;
        let label = row.get(2).to_string();
        let basis = row
            .lines(7)
            .into_iter()
            .filter(|b| !is(layout::AS_ACTIVITY, b))
            .collect();
        register.activities[at]
            .disclosures
            .push(ImportedDisclosure {
                recipient: label.clone(),
                data: row.lines(5),
                basis,
                condition: row.optional(8),
            });
        if let Entry::Vacant(entry) = self.recipient_at.entry(label.clone()) {
            entry.insert(register.recipients.len());
            register.recipients.push(ImportedParty {
                label,
                kind: recipient_kind(row.get(3)),
                country: country(row.get(4)),
                ..ImportedParty::default()
            });
        }
    }

    /// Processors: the activity names those that are no one's sub-processor.
    fn processor(&mut self, row: &Row) {
        let Some(at) = self.activity(row) else {
            return;
        };
        let register = &mut self.register;
        let label = row.get(2).to_string();
        let parent = row.optional(3);
        let a = &mut register.activities[at];
        if parent.is_none() && !a.processors.contains(&label) {
            a.processors.push(label.clone());
        }
        if let Entry::Vacant(entry) = self.processor_at.entry(label.clone()) {
            entry.insert(register.processors.len());
            register.processors.push(ImportedParty {
                label,
                country: country(row.get(4)),
                subprocessor_of: parent,
                ..ImportedParty::default()
            });
        }
    }

    /// Transfers: each party's safeguards, once.
    fn transfer(&mut self, row: &Row) {
        if self.activity(row).is_none() {
            return;
        }
        let register = &mut self.register;
        let label = row.get(2);
        let safeguards: Vec<String> = row
            .lines(4)
            .into_iter()
            .filter(|s| !is(fields::NO_MECHANISM, s))
            .collect();
        let documentation = row.lines(5);
        let processor = self
            .processor_at
            .get(label)
            .map(|&at| &mut register.processors[at]);
        let recipient = self
            .recipient_at
            .get(label)
            .map(|&at| &mut register.recipients[at]);
        for party in processor.into_iter().chain(recipient) {
            if party.transfer.is_none() && !safeguards.is_empty() {
                party.transfer = Some(safeguards.join("; "));
            }
            for line in &documentation {
                if let Some(text) = record_value(crate::ropa::TIA, line) {
                    party.tia.get_or_insert_with(|| text.to_string());
                    continue;
                }
                if let Some(text) = record_value(crate::ropa::DPF_LISTED, line) {
                    party.dpf_listed.get_or_insert_with(|| text.to_string());
                    continue;
                }
                let unplaced = Unplaced {
                    field: layout::DOCUMENTATION.da.into(),
                    value: line.clone(),
                };
                if !party.unplaced.contains(&unplaced) {
                    party.unplaced.push(unplaced);
                }
            }
        }
    }

    /// Sources: another activity's label, or a declared source with its kind.
    fn source(&mut self, row: &Row) {
        let Some(at) = self.activity(row) else {
            return;
        };
        let register = &mut self.register;
        let label = row.get(2).to_string();
        if label.is_empty() {
            return;
        }
        let kind = row.get(3);
        let a = &mut register.activities[at];
        if is(layout::ACTIVITY_SOURCE, kind) {
            a.from_activities.push(label);
            return;
        }
        a.sources.push(label.clone());
        if !register.sources.iter().any(|s| s.label == label) {
            register.sources.push(ImportedSource {
                label,
                kind: source_kind(kind),
            });
        }
    }

    fn deadline(&mut self, row: &Row) {
        let Some(at) = self.activity(row) else {
            return;
        };
        let (category, period) = (row.get(2).to_string(), row.optional(3));
        match row.optional(4) {
            Some(holder) => {
                // A copy's categories are rows of their own, one after another.
                let copies = &mut self.register.activities[at].copies;
                match copies.last_mut() {
                    Some(copy) if copy.holder == holder && copy.period == period => {
                        copy.data.push(category);
                    }
                    _ => copies.push(ImportedCopy {
                        data: vec![category],
                        holder,
                        period,
                    }),
                }
            }
            None => self.periods[at].push((category, period)),
        }
    }
}

/// The class `label` is of in activity `a` when used as stated, from the columns of the data
/// subjects' sheet (5 and 6), joined to a use of the same class and words; what cannot be read of
/// it is kept as a comment.
fn read_use(a: &mut ImportedActivity, label: &str, row: &Row) {
    let (class, when) = (row.optional(5), row.optional(6));
    if class.is_none() && when.is_none() {
        return;
    }
    let read = class
        .as_deref()
        .and_then(|c| data_class(c, &[]).0)
        .zip(when.clone());
    let Some((class, when)) = read else {
        a.unplaced.push(Unplaced {
            field: format!("{label}, {}", layout::CLASS_WHEN_USED.da).into(),
            value: format!(
                "{} ({}: {})",
                class.unwrap_or_default(),
                layout::STATED_USE.da,
                when.unwrap_or_default()
            ),
        });
        return;
    };
    match a
        .uses
        .iter_mut()
        .find(|u| u.class == class && u.when == when)
    {
        Some(by_use) => by_use.data.push(label.to_string()),
        None => a.uses.push(ImportedUse {
            data: vec![label.to_string()],
            class,
            when,
        }),
    }
}

/// The value of a line the record words `words` (`prefix: {text}`), in either language.
fn record_value(words: Text, line: &str) -> Option<&str> {
    Lang::ALL.iter().find_map(|&lang| {
        let template = words.get(lang);
        let at = template.find('{')?;
        line.strip_prefix(&template[..at])
    })
}

/// The DPO of the controller's row, each line `name: ...`, `e-mail: ...` as the record words them;
/// the lines that are not.
fn dpo(lines: Vec<String>) -> (Option<ImportedDpo>, Vec<String>) {
    let mut dpo = ImportedDpo::default();
    let mut unread = Vec::new();
    for line in lines {
        let mut read = false;
        let slots = [
            (fields::DPO_NAME, &mut dpo.name),
            (fields::DPO_EMAIL, &mut dpo.email),
            (fields::DPO_PHONE, &mut dpo.phone),
            (fields::DPO_ADDRESS, &mut dpo.address),
            (fields::DPO_WEB, &mut dpo.web),
        ];
        for (words, slot) in slots {
            let value = Lang::ALL.iter().find_map(|&lang| {
                let prefix = words.get(lang).strip_suffix("{value}")?;
                line.strip_prefix(prefix)
            });
            if let Some(value) = value.filter(|_| slot.is_none()) {
                *slot = Some(value.to_string());
                read = true;
                break;
            }
        }
        if !read {
            unread.push(line);
        }
    }
    let any = dpo != ImportedDpo::default();
    (any.then_some(dpo), unread)
}

fn controller_party(row: &Row) -> ImportedParty {
    let unplaced = row
        .lines(5)
        .into_iter()
        .map(|value| Unplaced {
            field: fields::JOINT_CONTROLLERS.da.into(),
            value,
        })
        .collect();
    ImportedParty {
        label: row.get(0).to_string(),
        address: row.optional(1),
        contact: row.optional(2),
        country: row.optional(3),
        unplaced,
        ..ImportedParty::default()
    }
}

/// The spec's word for a kind of data subjects the workbook words in either language.
fn subject_kind(text: &str) -> Option<String> {
    SubjectKind::ALL
        .iter()
        .find(|k| is(k.text(), text))
        .map(|k| k.keyword().to_string())
}

/// The country as the workbook gives it, the record's words for a place without a code turned back
/// into the spec's (`outside_eea`, `unknown`).
fn country(text: &str) -> Option<String> {
    if text.is_empty() || is(fields::NOT_STATED, text) {
        return None;
    }
    for (place, keyword) in [
        (CountryRef::OutsideEea, "outside_eea"),
        (CountryRef::Unknown, "unknown"),
    ] {
        if Lang::ALL
            .iter()
            .any(|&lang| words::country(lang, Some(&place)) == text)
        {
            return Some(keyword.to_string());
        }
    }
    Some(text.to_string())
}

/// The spec's word for a kind of source the workbook words in either language.
fn source_kind(text: &str) -> Option<String> {
    SourceKind::ALL
        .iter()
        .find(|k| is(k.text(), text))
        .map(|k| k.keyword().to_string())
}

/// The spec's word for a category of recipients the workbook words in either language.
fn recipient_kind(text: &str) -> Option<String> {
    RecipientKind::ALL
        .iter()
        .find(|&&k| is(words::recipient_kind_text(k), text))
        .map(|k| k.keyword().to_string())
}

/// The spec's word for a class (`special(health, genetic)`), and what could not be read of it.
fn data_class(class: &str, kinds: &[String]) -> (Option<String>, Vec<Unplaced>) {
    let found = DataClass::ALL.iter().copied().find(|&c| {
        Lang::ALL
            .iter()
            .any(|&lang| layout::class_words(lang, c) == class)
    });
    let mut unplaced = Vec::new();
    let word = match found {
        Some(DataClass::Special) => {
            let mut words = Vec::new();
            for kind in kinds {
                match layout::special_kind(kind) {
                    Some(k) => words.push(k.keyword()),
                    None => unplaced.push(Unplaced {
                        field: layout::SPECIAL_KINDS.da.into(),
                        value: kind.clone(),
                    }),
                }
            }
            Some(format!("special({})", words.join(", ")))
        }
        Some(other) => Some(other.keyword().to_string()),
        None => {
            if !class.is_empty() {
                unplaced.push(Unplaced {
                    field: layout::DATA_CLASS.da.into(),
                    value: class.to_string(),
                });
            }
            None
        }
    };
    (word, unplaced)
}

#[cfg(test)]
mod tests {
    use super::column_letters;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
