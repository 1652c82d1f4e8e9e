//! A record kept in a spreadsheet (xlsx or csv), one activity a row, read into a [`Register`] by a
//! mapping of columns to fields: a mapping file (TOML, `--mapping`), or the default mapping for the
//! column layout of a record of processing activities (src/import/default_mapping.toml).
//!
//! CSV may be separated by `;` (as Danish Excel saves it) or `,`, and be UTF-8 (with or without a
//! byte-order mark) or Windows-1252 (Danish Excel's "CSV (semikolonsepareret)").

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::register::{
    ImportError, ImportedActivity, ImportedData, ImportedDisclosure, ImportedParty,
    ImportedSubjects, Register, Unplaced,
};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Activity,
    Unit,
    Purpose,
    Subjects,
    Data,
    SpecialData,
    CriminalData,
    Cpr,
    Recipients,
    Transfers,
    Retention,
    Security,
    Basis,
    Kle,
    Processors,
    Sources,
    Comments,
    Controller,
    Address,
    Contact,
    /// Read and dropped (a column the record makes for itself, such as ropa's "Name in the spec").
    Ignore,
}

/// A mapping file: which column holds what.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The sheet of a workbook to read; the first when not given.
    #[serde(default)]
    pub sheet: Option<String>,
    /// The row of the column headings, from 1; the first row that is not empty when not given.
    #[serde(default)]
    pub header_row: Option<usize>,
    /// The controller, when the sheet does not name it.
    #[serde(default)]
    pub controller: Option<String>,
    /// Column heading (compared without regard to case, white space or a closing "(art. 30...)")
    /// or column letter (`A`, `AB`) → field.
    pub columns: HashMap<String, Field>,
}

impl Mapping {
    /// The default mapping: the headings of a record kept by the art. 30(1) fields.
    pub fn default_record() -> Mapping {
        toml::from_str(include_str!("default_mapping.toml"))
            .unwrap_or_else(|e| panic!("src/import/default_mapping.toml is malformed: {e}"))
    }

    /// A mapping file.
    pub fn load(path: &Path) -> Result<Mapping, ImportError> {
        let error = |place: Option<String>, message: String| ImportError {
            file: path.to_path_buf(),
            place,
            message,
        };
        super::source_file::check(path)?;
        let text = std::fs::read_to_string(path).map_err(|e| error(None, e.to_string()))?;
        toml::from_str(&text).map_err(|e| {
            let place = e.span().map(|s| {
                let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                format!("line {line}")
            });
            error(place, e.message().to_string())
        })
    }

    /// The field of column `index` with heading `heading`.
    fn field(&self, index: usize, heading: &str) -> Option<Field> {
        if let Some(field) = self.field_of_heading(heading) {
            return Some(field);
        }
        let letter = column_letter(index);
        self.columns.get(&letter).copied()
    }

    /// The field the mapping gives a column by its heading (not by its letter).
    pub fn field_of_heading(&self, heading: &str) -> Option<Field> {
        let wanted = normalise_heading(heading);
        if wanted.is_empty() {
            return None;
        }
        self.columns
            .iter()
            .find(|(k, _)| normalise_heading(k) == wanted)
            .map(|(_, f)| *f)
    }
}

/// A heading compared: lowercase, one space between words, without a closing `(art. 30...)` and
/// a final `:`.
fn normalise_heading(heading: &str) -> String {
    let mut text = heading.trim().to_lowercase();
    if let Some(open) = text.rfind("(art")
        && text.ends_with(')')
    {
        text.truncate(open);
    }
    text.trim()
        .trim_end_matches(':')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The rows of a sheet as text, with the sheet's name for messages. Every cell is a slice of text
/// held elsewhere (a CSV's cells in one buffer), so that a sheet of a hundred thousand rows is not
/// two million strings.
struct Sheet<'a> {
    name: Option<String>,
    /// The cells of every row, one row after another.
    cells: Vec<&'a str>,
    /// Where each row's cells end in `cells`.
    row_ends: Vec<usize>,
}

impl<'a> Sheet<'a> {
    /// A sheet of rows of owned cells.
    fn of_rows(name: Option<String>, rows: &'a [Vec<String>]) -> Self {
        let mut cells = Vec::with_capacity(rows.iter().map(Vec::len).sum());
        let mut row_ends = Vec::with_capacity(rows.len());
        for row in rows {
            cells.extend(row.iter().map(String::as_str));
            row_ends.push(cells.len());
        }
        Sheet {
            name,
            cells,
            row_ends,
        }
    }

    fn rows(&self) -> impl Iterator<Item = &[&'a str]> {
        let starts = std::iter::once(0).chain(self.row_ends.iter().copied());
        starts
            .zip(&self.row_ends)
            .map(|(start, &end)| &self.cells[start..end])
    }
}

/// Reads a csv file.
pub fn read_csv(path: &Path, mapping: &Mapping) -> Result<Register, ImportError> {
    read_csv_into(path, mapping, whole_register)
}

/// Reads a CSV and gives `then` its register without the activities, and its rows, whose
/// activities `then` takes one at a time (so that it need not hold them all).
pub fn read_csv_into<R>(
    path: &Path,
    mapping: &Mapping,
    then: impl FnOnce(Register, RowActivities<'_, '_>) -> R,
) -> Result<R, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| whole_file(path, e.to_string()))?;
    let text = decode(&bytes);
    let delimiter = delimiter(&text);
    // The cells are slices of `text` (kept until the rows are read), but for those whose doubled
    // quotes are made single, in `unescaped`.
    let super::csv_cells::Cells {
        mut cells,
        row_ends,
        unescaped,
        unescaped_cells,
    } = super::csv_cells::read(&text, delimiter).map_err(|(row, e)| ImportError {
        file: path.to_path_buf(),
        place: Some(format!("row {row}")),
        message: e.to_string(),
    })?;
    // Cells of UTF-8 text split at ASCII bytes (quotes, separators, line breaks), which are never
    // part of a longer character: UTF-8 still, so this one pass never fails. simdutf8 checks it
    // several times faster than std.
    let unescaped =
        simdutf8::compat::from_utf8(&unescaped).map_err(|e| whole_file(path, e.to_string()))?;
    let mut start = 0;
    for (cell, end) in unescaped_cells {
        cells[cell] = &unescaped[start..end];
        start = end;
    }
    let sheet = Sheet {
        name: None,
        cells,
        row_ends,
    };
    read_rows_into(path, &sheet, mapping, "CSV", then)
}

/// Reads a workbook (xlsx).
pub fn read_xlsx(path: &Path, mapping: &Mapping) -> Result<Register, ImportError> {
    use calamine::{Data, Reader};
    // .xls and .ods are read whole when opened: measured from the file first.
    super::bounded_sheet::check_before_opening(path).map_err(|refused| refused.about(path))?;
    // calamine panics on some malformed workbooks (an .xlsb whose sheet names a relationship its
    // workbook lacks): a panic is an error about the file, not the end of hjemmel.
    let (name, range) = super::bounded_sheet::guarded(|| {
        let mut workbook =
            calamine::open_workbook_auto(path).map_err(|e| whole_file(path, e.to_string()))?;
        let names = workbook.sheet_names();
        let name = match &mapping.sheet {
            Some(wanted) => names
                .iter()
                .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
                .cloned()
                .ok_or_else(|| {
                    whole_file(
                        path,
                        format!(
                            "no sheet `{wanted}` (the workbook has: {})",
                            names.join(", ")
                        ),
                    )
                })?,
            None => names
                .first()
                .cloned()
                .ok_or_else(|| whole_file(path, "the workbook has no sheet".to_string()))?,
        };
        let range = super::bounded_sheet::sheet_range(&mut workbook, &name)
            .map_err(|message| whole_file(path, message))?;
        Ok((name, range))
    })
    .map_err(|panic| whole_file(path, format!("the workbook cannot be read ({panic})")))??;
    // The range starts at its first cell that is not empty: rows and columns are padded back to A1,
    // so that letters and row numbers are the sheet's.
    let (top, left) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows = vec![Vec::new(); top];
    for row in range.rows() {
        let mut cells = vec![String::new(); left];
        cells.extend(row.iter().map(|cell| match cell {
            Data::Empty => String::new(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            other => other.to_string(),
        }));
        rows.push(cells);
    }
    let sheet = Sheet::of_rows(Some(name), &rows);
    read_rows(path, &sheet, mapping, "workbook")
}

fn whole_file(path: &Path, message: String) -> ImportError {
    ImportError {
        file: path.to_path_buf(),
        place: None,
        message,
    }
}

/// UTF-8 (a byte-order mark dropped), else Windows-1252. UTF-8 is taken without a copy, checked
/// by simdutf8 (several times faster than std's check).
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0,
    }
}

/// `;` or `,`: whichever separates more fields of the first line (outside quotes).
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if semicolons >= commas && semicolons > 0 {
        b';'
    } else {
        b','
    }
}

/// The items of a list in a cell, into `out` (emptied first, and given back): split at line
/// breaks, `;` and `,`.
fn items<'a, 'o>(cell: &'a str, out: &'o mut Vec<&'a str>) -> &'o [&'a str] {
    out.clear();
    // memchr finds up to three bytes at once: the parts between `\n`, `;` and `,` are split again
    // at `\r` where the cell has one (seldom), which gives the same pieces in the same order as
    // splitting at all four.
    let breaks = memchr::memchr3_iter(b'\n', b';', b',', cell.as_bytes());
    if memchr::memchr(b'\r', cell.as_bytes()).is_none() {
        out.extend(parts(cell, breaks).filter_map(piece));
        return out;
    }
    for part in parts(cell, breaks) {
        out.extend(parts(part, memchr::memchr_iter(b'\r', part.as_bytes())).filter_map(piece));
    }
    out
}

/// Lines of a cell, into `out` (emptied first, and given back): split at line breaks only (a
/// purpose or a measure may hold commas).
fn lines<'a, 'o>(cell: &'a str, out: &'o mut Vec<&'a str>) -> &'o [&'a str] {
    out.clear();
    out.extend(parts(cell, memchr::memchr2_iter(b'\n', b'\r', cell.as_bytes())).filter_map(piece));
    out
}

/// The parts of `text` between the positions of the ASCII bytes `breaks` finds (memchr, not a
/// str's split at characters, which decodes every character): an ASCII byte is never part of a
/// longer character, so every part is whole UTF-8.
fn parts<'a>(
    text: &'a str,
    breaks: impl Iterator<Item = usize> + 'a,
) -> impl Iterator<Item = &'a str> + 'a {
    let mut start = 0;
    breaks.chain([text.len()]).map(move |end| {
        let part = &text[start..end];
        start = end + 1;
        part
    })
}

/// A part of a list trimmed of white space and of a leading bullet; none when nothing is left.
fn piece(part: &str) -> Option<&str> {
    let mut piece = trim(part);
    if piece.starts_with(['-', '•', '*']) {
        piece = piece.trim_start_matches(['-', '•', '*']).trim();
    }
    (!piece.is_empty()).then_some(piece)
}

/// Each piece as an owned string, of a known count (a list grows once for a cell, as it did
/// when `items` gave a `Vec`).
fn owned<'p>(pieces: &'p [&str]) -> impl ExactSizeIterator<Item = String> + 'p {
    pieces.iter().map(|piece| piece.to_string())
}

/// The labels of the parties found so far (labels anyone may write, hashed as a spec's words are).
type PartySet = std::collections::HashSet<String, foldhash::fast::RandomState>;

/// `text.trim()`. ASCII white space is cut first (the space after a list's `,` most often); a
/// text that then starts and ends with an ASCII letter, digit or sign (most cells and pieces of a
/// register) is taken as it is, without Unicode's tables.
fn trim(text: &str) -> &str {
    let text = text.trim_ascii();
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

fn read_rows(
    path: &Path,
    sheet: &Sheet,
    mapping: &Mapping,
    what: &str,
) -> Result<Register, ImportError> {
    read_rows_into(path, sheet, mapping, what, whole_register)
}

/// The register with every row's activity in it.
fn whole_register(mut register: Register, rows: RowActivities) -> Register {
    register.activities = rows.activities().collect();
    register
}

/// The activities of a sheet's rows, each made as it is asked for: a register of 100,000 rows is
/// then never held whole (some million small strings), when the writer takes each as it comes.
pub struct RowActivities<'s, 'a> {
    rows: Vec<&'s [&'a str]>,
    labels: Vec<&'a str>,
    columns: Columns,
    /// The controller's label: a row naming another keeps it as a comment.
    controller: Option<String>,
}

impl<'a> RowActivities<'_, 'a> {
    /// Each activity's label, in the order of the rows.
    pub fn labels(&self) -> &[&'a str] {
        &self.labels
    }

    /// The rows' activities as the writer takes them: every label, then each activity.
    pub fn for_writer(
        &self,
    ) -> super::write::Activities<'a, impl Iterator<Item = ImportedActivity> + '_> {
        super::write::Activities {
            labels: self.labels.clone(),
            each: self.activities(),
        }
    }

    /// Each row's activity, in the order of the rows.
    pub fn activities(&self) -> impl ExactSizeIterator<Item = ImportedActivity> + '_ {
        // A cell's items or lines, as slices of it: one list for every cell, not a new one each.
        let mut pieces = Vec::new();
        self.rows.iter().zip(&self.labels).map(move |(row, label)| {
            self.columns
                .activity(row, label, self.controller.as_deref(), &mut pieces)
        })
    }
}

/// What each column of a sheet holds.
struct Columns {
    fields: Vec<Option<Field>>,
    /// What a value no field takes is called, by its column's heading or letter: made once a
    /// column, not once a cell.
    unplaced_fields: Vec<std::rc::Rc<str>>,
}

impl Columns {
    fn field(&self, column: usize) -> Option<Field> {
        self.fields.get(column).copied().flatten()
    }

    /// The activity of a row whose label is `label`. The register's parties and its controller
    /// are read from every row first ([`read_rows_into`]); `controller` is its label.
    fn activity<'a>(
        &self,
        row: &[&'a str],
        label: &str,
        controller: Option<&str>,
        pieces: &mut Vec<&'a str>,
    ) -> ImportedActivity {
        let mut activity = ImportedActivity {
            label: label.to_string(),
            ..ImportedActivity::default()
        };
        for (column, &cell) in row.iter().enumerate() {
            let cell = trim(cell);
            if cell.is_empty() {
                continue;
            }
            let unplaced = || Unplaced {
                field: std::rc::Rc::clone(&self.unplaced_fields[column]),
                value: cell.to_string(),
            };
            match self.field(column) {
                None => activity.unplaced.push(unplaced()),
                // Read with the register's parts, before the rows' activities.
                Some(Field::Ignore | Field::Activity | Field::Address | Field::Contact) => {}
                Some(Field::Unit) => activity.unit = Some(cell.to_string()),
                Some(Field::Purpose) => activity.purposes.extend(owned(lines(cell, pieces))),
                Some(Field::Subjects) => activity.subjects.extend(
                    owned(items(cell, pieces)).map(|label| ImportedSubjects { label, kind: None }),
                ),
                Some(Field::Data) => {
                    activity
                        .data
                        .extend(owned(items(cell, pieces)).map(|label| ImportedData {
                            label,
                            ..ImportedData::default()
                        }))
                }
                Some(Field::SpecialData) => {
                    activity
                        .data
                        .extend(owned(items(cell, pieces)).map(|label| {
                            // Special, of a kind the words tell only where the list says so.
                            let kind =
                                if crate::rules::health_data_class::certain_health_word(&label)
                                    .is_some()
                                {
                                    "special(health)"
                                } else {
                                    "special(any)"
                                };
                            ImportedData {
                                label,
                                class: Some(kind.to_string()),
                                about: Vec::new(),
                                retention: None,
                            }
                        }))
                }
                Some(Field::CriminalData) => {
                    activity
                        .data
                        .extend(owned(items(cell, pieces)).map(|label| ImportedData {
                            label,
                            class: Some("criminal".to_string()),
                            about: Vec::new(),
                            retention: None,
                        }))
                }
                Some(Field::Cpr) => match cell.to_lowercase().as_str() {
                    "nej" | "no" | "n" | "false" | "0" | "-" => {}
                    "ja" | "yes" | "j" | "y" | "x" | "true" | "1" => {
                        activity.data.push(ImportedData {
                            label: "CPR-nummer".to_string(),
                            class: Some("cpr".to_string()),
                            about: Vec::new(),
                            retention: None,
                        })
                    }
                    _ => activity.data.push(ImportedData {
                        label: cell.to_string(),
                        class: Some("cpr".to_string()),
                        about: Vec::new(),
                        retention: None,
                    }),
                },
                Some(Field::Recipients) => {
                    activity
                        .disclosures
                        .extend(items(cell, pieces).iter().map(|&label| ImportedDisclosure {
                            recipient: label.to_string(),
                            ..ImportedDisclosure::default()
                        }))
                }
                Some(Field::Processors) => activity.processors.extend(owned(items(cell, pieces))),
                // Which recipient or processor a transfer goes to, a row does not say: a comment.
                Some(Field::Transfers | Field::Comments) => activity.unplaced.push(unplaced()),
                Some(Field::Retention) => activity.retention = Some(cell.to_string()),
                Some(Field::Security) => activity.security.extend(owned(lines(cell, pieces))),
                Some(Field::Basis) => activity.bases.extend(owned(lines(cell, pieces))),
                Some(Field::Kle) => activity.kle.extend(owned(items(cell, pieces))),
                Some(Field::Sources) => activity.sources.extend(owned(items(cell, pieces))),
                // The first controller named is the register's; another is kept as a comment.
                Some(Field::Controller) => {
                    if controller != Some(cell) {
                        activity.unplaced.push(unplaced())
                    }
                }
            }
        }
        activity
    }
}

/// Reads a sheet's headings and, from every row, what the rows share: each activity's label, the
/// recipients and processors (each once, in the order first named) and the controller. `then`
/// gets the register of those and the rows, whose activities it takes one at a time.
fn read_rows_into<'s, 'a, R>(
    path: &Path,
    sheet: &'s Sheet<'a>,
    mapping: &Mapping,
    what: &str,
    then: impl FnOnce(Register, RowActivities<'s, 'a>) -> R,
) -> Result<R, ImportError> {
    let place = |row: usize| match &sheet.name {
        Some(name) => format!("sheet {name}, row {row}"),
        None => format!("row {row}"),
    };
    let is_empty = |row: &[&str]| row.iter().all(|c| trim(c).is_empty());
    let header_index = match mapping.header_row {
        Some(n) if n >= 1 => n - 1,
        _ => sheet
            .rows()
            .position(|r| !is_empty(r))
            .ok_or_else(|| whole_file(path, "the sheet is empty".to_string()))?,
    };
    let headings = sheet.rows().nth(header_index).unwrap_or_default();
    let width = sheet.rows().map(<[&str]>::len).max().unwrap_or(0);
    let columns = Columns {
        fields: (0..width)
            .map(|i| mapping.field(i, headings.get(i).copied().unwrap_or("")))
            .collect(),
        unplaced_fields: (0..width)
            .map(|column| {
                let heading = headings
                    .get(column)
                    .map(|h| h.trim())
                    .filter(|h| !h.is_empty())
                    .map_or_else(|| column_letter(column), str::to_string);
                format!("Kolonne \"{heading}\"").into()
            })
            .collect(),
    };
    if !columns.fields.contains(&Some(Field::Activity)) {
        return Err(ImportError {
            file: path.to_path_buf(),
            place: Some(place(header_index + 1)),
            message: format!(
                "no column holds the activity's name (headings: {}); name it in a mapping file (`--mapping`)",
                headings
                    .iter()
                    .filter(|h| !h.trim().is_empty())
                    .map(|h| format!("\"{}\"", h.trim()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let mut register = Register {
        // The file's name, not its path: the header of the files written says where they came from
        // without the importer's directories.
        source: format!("{what} {}", super::register::file_name(path)),
        ..Register::default()
    };
    let mut controller = mapping.controller.clone().map(|label| ImportedParty {
        label,
        ..ImportedParty::default()
    });
    // Each party once, found in a set: a register of thousands of rows names the same few often.
    let mut recipients = PartySet::default();
    let mut processors = PartySet::default();
    let mut pieces = Vec::new();
    // A row an activity (blank ones aside).
    let capacity = sheet.row_ends.len().saturating_sub(header_index + 1);
    let (mut rows, mut labels) = (Vec::with_capacity(capacity), Vec::with_capacity(capacity));
    for (index, row) in sheet.rows().enumerate().skip(header_index + 1) {
        if is_empty(row) {
            continue;
        }
        let mut label = "";
        for (column, &cell) in row.iter().enumerate() {
            let cell = trim(cell);
            if cell.is_empty() {
                continue;
            }
            let (parties, set) = match columns.field(column) {
                Some(Field::Activity) => {
                    label = cell;
                    continue;
                }
                Some(Field::Recipients) => (&mut register.recipients, &mut recipients),
                Some(Field::Processors) => (&mut register.processors, &mut processors),
                Some(Field::Controller) => {
                    let party = controller.get_or_insert_with(ImportedParty::default);
                    if party.label.is_empty() {
                        party.label = cell.to_string();
                    }
                    continue;
                }
                Some(Field::Address) => {
                    let party = controller.get_or_insert_with(ImportedParty::default);
                    party.address.get_or_insert_with(|| cell.to_string());
                    continue;
                }
                Some(Field::Contact) => {
                    let party = controller.get_or_insert_with(ImportedParty::default);
                    party.contact.get_or_insert_with(|| cell.to_string());
                    continue;
                }
                _ => continue,
            };
            for &label in items(cell, &mut pieces) {
                if !set.contains(label) {
                    set.insert(label.to_string());
                    parties.push(ImportedParty {
                        label: label.to_string(),
                        ..ImportedParty::default()
                    });
                }
            }
        }
        if label.trim().is_empty() {
            return Err(ImportError {
                file: path.to_path_buf(),
                place: Some(place(index + 1)),
                message: "the row has no activity name".to_string(),
            });
        }
        rows.push(row);
        labels.push(label);
    }
    let rows = RowActivities {
        rows,
        labels,
        columns,
        controller: controller.as_ref().map(|party| party.label.clone()),
    };
    register.controller = controller;
    Ok(then(register, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::write;

    #[test]
    fn headings_and_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(
            normalise_heading(" Formål med behandlingen (art. 30, stk. 1, litra b) "),
            "formål med behandlingen"
        );
        let mapping = Mapping::default_record();
        assert_eq!(
            mapping.field(0, "Kategorier af registrerede (art. 30(1)(c))"),
            Some(Field::Subjects)
        );
    }

    #[test]
    fn items_and_lines_are_split_trimmed_and_unbulleted() {
        let mut pieces = Vec::new();
        items(
            " Navn, Adresse;CPR\r\n- Løn\r•  Helbred ,, \u{a0}Børn\u{a0} ,-",
            &mut pieces,
        );
        assert_eq!(pieces, ["Navn", "Adresse", "CPR", "Løn", "Helbred", "Børn"]);
        items("a,b\nc", &mut pieces);
        assert_eq!(pieces, ["a", "b", "c"], "emptied first");
        lines("Formål, med komma\r\n\n * Andet;formål \r", &mut pieces);
        assert_eq!(pieces, ["Formål, med komma", "Andet;formål"]);
        items(" \t\r\n", &mut pieces);
        assert!(pieces.is_empty());
    }

    #[test]
    fn trim_is_strs_trim() {
        for text in [
            "",
            " ",
            "a",
            " a ",
            "\ta b\n",
            "\u{b}a\u{b}",
            "\u{a0}å\u{3000}",
            " æ ",
            "\u{85}x",
            "x\u{2028}",
            " - ",
            "\r\n",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    /// A CSV in a temporary file, with a mapping of its headings.
    fn csv_file(text: &str) -> (tempfile::NamedTempFile, Mapping) {
        let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
        std::io::Write::write_all(&mut file, text.as_bytes()).expect("written");
        let mapping = toml::from_str(
            "[columns]\nAktivitet = \"activity\"\nAnsvarlig = \"controller\"\n\
             Adresse = \"address\"\nModtagere = \"recipients\"\nDatabehandlere = \"processors\"\n",
        )
        .expect("a mapping");
        (file, mapping)
    }

    #[test]
    fn the_rows_share_their_parties_and_the_first_controller() {
        // The controller is first named on the second row; the third names another.
        let (file, mapping) = csv_file(
            "Aktivitet;Ansvarlig;Adresse;Modtagere;Databehandlere;Noter\n\
             A;;;X;P;\n\
             B;K1;Vej 1;Y, X;;n\n\
             ;;;;;\n\
             C;K2;Vej 2;Z;P, Q;\n",
        );
        let register = read_csv(file.path(), &mapping).expect("read");
        let controller = register.controller.as_ref().expect("a controller");
        assert_eq!(controller.label, "K1");
        assert_eq!(controller.address.as_deref(), Some("Vej 1"));
        let labels = |parties: &[ImportedParty]| -> Vec<String> {
            parties.iter().map(|p| p.label.clone()).collect()
        };
        assert_eq!(labels(&register.recipients), ["X", "Y", "Z"]);
        assert_eq!(labels(&register.processors), ["P", "Q"]);
        let activities: Vec<&str> = register
            .activities
            .iter()
            .map(|a| a.label.as_str())
            .collect();
        assert_eq!(activities, ["A", "B", "C"], "the blank row is no activity");
        let unplaced = |a: &ImportedActivity| -> Vec<String> {
            a.unplaced
                .iter()
                .map(|u| format!("{}: {}", u.field, u.value))
                .collect()
        };
        assert!(unplaced(&register.activities[0]).is_empty());
        assert_eq!(unplaced(&register.activities[1]), ["Kolonne \"Noter\": n"]);
        assert_eq!(
            unplaced(&register.activities[2]),
            ["Kolonne \"Ansvarlig\": K2"],
            "another controller is kept as a comment"
        );
        let recipients: Vec<&str> = register.activities[1]
            .disclosures
            .iter()
            .map(|d| d.recipient.as_str())
            .collect();
        assert_eq!(recipients, ["Y", "X"]);
        assert_eq!(register.activities[2].processors, ["P", "Q"]);
    }

    #[test]
    fn a_csv_written_as_it_is_read_is_the_csv_written_whole() {
        let (file, mapping) = csv_file(
            "Aktivitet;Ansvarlig;Modtagere;Databehandlere\n\
             Løn;Kommunen;Skat;Lønsystem\n\
             Løn;Andet;Skat, Banken;\n\
             Rekruttering;;;Lønsystem, Jobportal\n",
        );
        let whole = write::write(&read_csv(file.path(), &mapping).expect("read")).expect("written");
        let streamed = read_csv_into(file.path(), &mapping, |register, rows| {
            write::write_from(&register, rows.for_writer())
        })
        .expect("read")
        .expect("written");
        assert_eq!(streamed, whole);
        assert!(
            whole
                .files
                .iter()
                .any(|(_, pieces)| pieces.concat().contains("rekruttering"))
        );
    }

    #[test]
    fn separators_and_encodings() {
        assert_eq!(delimiter("a;b;\"c,d\"\n"), b';');
        assert_eq!(delimiter("a,b,c\n"), b',');
        assert_eq!(decode(b"\xEF\xBB\xBFR\xC3\xA5d"), "Råd");
        assert_eq!(decode(b"R\xE5d \xF8 \xE6"), "Råd ø æ");
        assert_eq!(decode(b"\xEF\xBB\xBFR\xE5d"), "Råd");
    }
}
