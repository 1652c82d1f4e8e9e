//! `hjemmel import --from hjemmel-xlsx`: reads back the workbook `hjemmel ropa --format xlsx` writes,
//! with its headings in either language ([`crate::ropa::xlsx::SHEETS`] is the layout both follow).
//!
//! The texts are taken as the workbook gives them: legal bases and deadlines as the record words
//! them (the import's free-text readers make citations and periods of them again), kinds and classes
//! turned back into the spec language's words, since the workbook gives them in the record's.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};

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
    let mut workbook: Xlsx<_> = open_workbook(path).map_err(|e| ImportError {
        file: path.to_path_buf(),
        place: None,
        message: format!("not a workbook that can be read: {e}"),
    })?;
    let names = workbook.sheet_names();
    let mut tables = Vec::new();
    for sheet in layout::SHEETS {
        let parts = parts_of(sheet, &names);
        if parts.is_empty() {
            return Err(ImportError {
                file: path.to_path_buf(),
                place: None,
                message: format!(
                    "the sheet `{}` (`{}`) is missing",
                    sheet.name.da, sheet.name.en
                ),
            });
        }
        let mut table = Table::default();
        for name in parts {
            let cannot =
                |e: calamine::XlsxError| error(path, &name, None, format!("cannot be read: {e}"));
            // Cell by cell as the sheet's XML gives them, without the whole sheet in memory
            // (most of the import's memory at 100,000 activities); a sheet whose cells are out of
            // order (spreadsheets write them in order) is read whole and sorted instead.
            let kept = table.rows.len();
            let order = {
                let mut reader = workbook.worksheet_cells_reader(&name).map_err(cannot)?;
                let streamed = std::iter::from_fn(|| reader.next_cell().transpose()).map(|cell| {
                    cell.map(|cell| {
                        let (row, col) = cell.get_position();
                        (row, col, Data::from(cell.get_value().clone()))
                    })
                });
                table.read(path, sheet, &name, streamed)?
            };
            if order == Order::Kept {
                continue;
            }
            table.rows.truncate(kept);
            let range = super::bounded_sheet::range(&mut workbook, &name)
                .map_err(|e| error(path, &name, None, format!("cannot be read: {e}")))?;
            let (first_row, first_col) = range.start().unwrap_or((0, 0));
            let sorted = range.used_cells().map(|(row, col, data)| {
                Ok::<_, calamine::XlsxError>((
                    first_row + row as u32,
                    first_col + col as u32,
                    data.clone(),
                ))
            });
            table.read(path, sheet, &name, sorted)?;
        }
        tables.push(table);
    }
    Ok(Reading {
        file: path.to_path_buf(),
    }
    .register(&tables))
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

/// A sheet's rows, each cell in the place of its layout's column; the sheet and row each came from,
/// for messages.
#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

struct Row {
    sheet: String,
    /// 1-based, as the spreadsheet shows it.
    number: usize,
    cells: Vec<String>,
}

impl Row {
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

fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether a sheet's cells came in order, row by row and left to right in a row.
#[derive(Debug, PartialEq)]
enum Order {
    Kept,
    Broken,
}

impl Table {
    /// Reads the rows of a sheet from its non-empty cells in order, (row, column, value), the
    /// first row with a cell holding the headings. A cell out of order stops the reading:
    /// [`Order::Broken`], and the rows read so far are the caller's to drop.
    fn read<E: std::fmt::Display>(
        &mut self,
        file: &Path,
        layout: &SheetLayout,
        name: &str,
        cells: impl Iterator<Item = Result<(u32, u32, Data), E>>,
    ) -> Result<Order, ImportError> {
        let cannot = |e: E| error(file, name, None, format!("cannot be read: {e}"));
        let mut header: Option<u32> = None;
        let mut headings: Vec<(u32, Data)> = Vec::new();
        // Where each of the layout's columns is, by the sheet's column.
        let mut column_of: HashMap<u32, usize> = HashMap::new();
        let mut row: Option<(u32, Vec<String>)> = None;
        let mut last: Option<(u32, u32)> = None;
        for cell in cells {
            let (r, c, data) = cell.map_err(cannot)?;
            if matches!(data, Data::Empty) {
                continue;
            }
            if last.is_some_and(|last| (r, c) <= last) {
                return Ok(Order::Broken);
            }
            last = Some((r, c));
            let header_row = *header.get_or_insert(r);
            if r == header_row {
                headings.push((c, data));
                continue;
            }
            if column_of.is_empty() {
                column_of = columns(file, layout, name, &headings)?;
            }
            if row.as_ref().is_some_and(|(at, _)| *at != r) {
                self.push(name, row.take());
            }
            if let Some(&col) = column_of.get(&c) {
                let (_, cells) =
                    row.get_or_insert_with(|| (r, vec![String::new(); layout.columns.len()]));
                cells[col] = cell_text(&data);
            }
        }
        if column_of.is_empty() {
            columns(file, layout, name, &headings)?;
        }
        self.push(name, row);
        Ok(Order::Kept)
    }

    /// A row read, unless none of its cells in the layout's columns has text.
    fn push(&mut self, name: &str, row: Option<(u32, Vec<String>)>) {
        if let Some((at, cells)) = row
            && !cells.iter().all(String::is_empty)
        {
            self.rows.push(Row {
                sheet: name.to_string(),
                number: at as usize + 1,
                cells,
            });
        }
    }
}

/// Which of the layout's columns each heading names, by the sheet's column: an error for a heading
/// the layout does not have, one given twice, or a column of the layout no heading names.
fn columns(
    file: &Path,
    layout: &SheetLayout,
    name: &str,
    headings: &[(u32, Data)],
) -> Result<HashMap<u32, usize>, ImportError> {
    let mut at = vec![None; layout.columns.len()];
    for (col, heading) in headings {
        let heading = cell_text(heading);
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

/// The register being made of the tables.
struct Reading {
    file: PathBuf,
}

/// The columns every sheet of an activity's rows begins with.
const ACTIVITY_NAME: usize = 1;

impl Reading {
    fn register(&self, tables: &[Table]) -> Register {
        let [
            controller,
            record,
            subjects,
            recipients,
            processors,
            transfers,
            deadlines,
            sources,
        ] = tables
        else {
            return Register::default();
        };
        let mut register = Register {
            source: format!(
                "hjemmel workbook {}",
                super::register::file_name(&self.file)
            ),
            ..Register::default()
        };
        if let Some(row) = controller.rows.first() {
            let mut party = controller_party(row);
            let (dpo, unread) = dpo(row.lines(4));
            // A line of the DPO's cell that is none of the record's is kept as a comment.
            party
                .unplaced
                .extend(unread.into_iter().map(|value| Unplaced {
                    field: fields::DPO.da.to_string(),
                    value,
                }));
            register.dpo = dpo;
            register.controller = Some(party);
        }

        let mut by_name: HashMap<String, usize> = HashMap::new();
        for row in &record.rows {
            by_name.insert(
                row.get(ACTIVITY_NAME).to_string(),
                register.activities.len(),
            );
            register.activities.push(ImportedActivity {
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
        // Rows of an activity the record sheet does not list are kept where the register keeps
        // what it cannot place.
        let activity = |row: &Row, register: &mut Register| -> Option<usize> {
            let found = by_name.get(row.get(ACTIVITY_NAME)).copied();
            if found.is_none() {
                register.unplaced.push(Unplaced {
                    field: format!("sheet {}, row {}", row.sheet, row.number),
                    value: row.cells.join(" | "),
                });
            }
            found
        };

        // Data subjects × data.
        let mut groups_of: Vec<Vec<(String, Vec<String>)>> =
            vec![Vec::new(); register.activities.len()];
        for row in &subjects.rows {
            let Some(at) = activity(row, &mut register) else {
                continue;
            };
            let a = &mut register.activities[at];
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
                continue;
            }
            let groups = &mut groups_of[at];
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
        // A category about every group of its activity says nothing more than one about all.
        for (a, groups) in register.activities.iter_mut().zip(&groups_of) {
            for (data, (_, about)) in a.data.iter_mut().zip(groups) {
                let all = a.subjects.iter().all(|s| about.contains(&s.label));
                if !all {
                    data.about = about.clone();
                }
            }
        }

        // Each party once, found by its label (the sheets have a row for every activity it serves).
        let mut recipient_at: HashMap<String, usize> = HashMap::new();
        let mut processor_at: HashMap<String, usize> = HashMap::new();

        // Recipients.
        for row in &recipients.rows {
            let Some(at) = activity(row, &mut register) else {
                continue;
            };
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
            if let Entry::Vacant(entry) = recipient_at.entry(label.clone()) {
                entry.insert(register.recipients.len());
                register.recipients.push(ImportedParty {
                    label,
                    kind: recipient_kind(row.get(3)),
                    country: country(row.get(4)),
                    ..ImportedParty::default()
                });
            }
        }

        // Processors: the activity names those that are no one's sub-processor.
        for row in &processors.rows {
            let Some(at) = activity(row, &mut register) else {
                continue;
            };
            let label = row.get(2).to_string();
            let parent = row.optional(3);
            let a = &mut register.activities[at];
            if parent.is_none() && !a.processors.contains(&label) {
                a.processors.push(label.clone());
            }
            if let Entry::Vacant(entry) = processor_at.entry(label.clone()) {
                entry.insert(register.processors.len());
                register.processors.push(ImportedParty {
                    label,
                    country: country(row.get(4)),
                    subprocessor_of: parent,
                    ..ImportedParty::default()
                });
            }
        }

        // Transfers: each party's safeguards, once.
        for row in &transfers.rows {
            if activity(row, &mut register).is_none() {
                continue;
            }
            let label = row.get(2);
            let safeguards: Vec<String> = row
                .lines(4)
                .into_iter()
                .filter(|s| !is(fields::NO_MECHANISM, s))
                .collect();
            let documentation = row.lines(5);
            let processor = processor_at
                .get(label)
                .map(|&at| &mut register.processors[at]);
            let recipient = recipient_at
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
                        field: layout::DOCUMENTATION.da.to_string(),
                        value: line.clone(),
                    };
                    if !party.unplaced.contains(&unplaced) {
                        party.unplaced.push(unplaced);
                    }
                }
            }
        }

        // Sources: another activity's label, or a declared source with its kind.
        for row in &sources.rows {
            let Some(at) = activity(row, &mut register) else {
                continue;
            };
            let label = row.get(2).to_string();
            if label.is_empty() {
                continue;
            }
            let kind = row.get(3);
            let a = &mut register.activities[at];
            if is(layout::ACTIVITY_SOURCE, kind) {
                a.from_activities.push(label);
                continue;
            }
            a.sources.push(label.clone());
            if !register.sources.iter().any(|s| s.label == label) {
                register.sources.push(ImportedSource {
                    label,
                    kind: source_kind(kind),
                });
            }
        }

        // Deadlines: one for the activity when every category has the same, else each its own.
        let mut periods: Vec<Vec<(String, Option<String>)>> =
            vec![Vec::new(); register.activities.len()];
        for row in &deadlines.rows {
            let Some(at) = activity(row, &mut register) else {
                continue;
            };
            let (category, period) = (row.get(2).to_string(), row.optional(3));
            match row.optional(4) {
                Some(holder) => {
                    // A copy's categories are rows of their own, one after another.
                    let copies = &mut register.activities[at].copies;
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
                None => periods[at].push((category, period)),
            }
        }
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
        register
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
            field: format!("{label}, {}", layout::CLASS_WHEN_USED.da),
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
            field: fields::JOINT_CONTROLLERS.da.to_string(),
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
                        field: layout::SPECIAL_KINDS.da.to_string(),
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
                    field: layout::DATA_CLASS.da.to_string(),
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
