//! How far the tables of an .ods workbook reach, read from its `content.xml` before calamine opens
//! it.
//!
//! calamine's `Ods` reads every table when it opens the file, and expands what the XML only counts:
//! a cell repeated by `table:number-columns-repeated` (up to 16,384 times) and a row by
//! `table:number-rows-repeated` (up to 1,048,576), copying the cell's text each time, up to 100
//! million cells a table. One row of 16,384 numbers repeated 6,000 times, an .ods of 815 bytes,
//! took hjemmel past 4 GB before it aborted. So `content.xml` is read here as calamine reads it
//! (quick-xml, configured as calamine configures it; the same elements and attributes, the same
//! caps, a cell empty as calamine finds it empty), and the workbook is refused when its tables
//! reach past [`MAX_CELLS`] from A1 together, or their text, copies counted, passes
//! [`MAX_TEXT_BYTES`]. `content.xml` itself may hold at most [`MAX_CONTENT_BYTES`].
//!
//! quick-xml holds one event whole (a text up to the next `<`, a tag up to its `>`) in the buffer
//! it is read into, so no more than [`MAX_CONTENT_BYTES`] are read: one event is never larger,
//! and calamine would hold the same event when it read the file.

use std::io::{BufReader, Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{MAX_CELLS, MAX_TEXT_BYTES, Refused};

/// The most bytes `content.xml` may hold once decompressed (1 GiB): deflate packs a thousand
/// bytes into one, and calamine reads every byte however few cells they make.
pub const MAX_CONTENT_BYTES: u64 = 1 << 30;
/// calamine's own caps: the rows of a table and the cells of a row it expands repeats to.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// `Ok` when calamine may open the workbook (or will refuse it itself: no `content.xml`).
pub fn check<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<(), Refused> {
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = Reader::from_reader(BufReader::new(content.take(MAX_CONTENT_BYTES + 1)));
    // As calamine's `parse_content` configures it: an empty element is read as a start and an end.
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut event_bytes = Vec::new();
    let mut tables = Tables::default();
    let mut position = 0;
    loop {
        event_bytes.clear();
        let event = xml.read_event_into(&mut event_bytes);
        // All of the bound read: `content.xml` is longer.
        if xml.get_ref().get_ref().limit() == 0 {
            return Err(Refused {
                sheet: None,
                message: format!(
                    "the workbook's content.xml holds more than the {MAX_CONTENT_BYTES} bytes hjemmel reads"
                ),
            });
        }
        tables.passed(xml.buffer_position() - position);
        position = xml.buffer_position();
        match event {
            Ok(Event::Start(start)) => tables.tag(&Tag::Start(&start))?,
            Ok(Event::End(end)) => tables.tag(&Tag::End(end.name().0))?,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            // calamine stops where the XML cannot be read, as here.
            Err(_) => break,
        }
    }
    Ok(())
}

/// A start tag (an empty element is read as a start and an end, as calamine reads it) or an end.
enum Tag<'a> {
    Start(&'a BytesStart<'a>),
    End(&'a str),
}

impl Tag<'_> {
    fn name(&self) -> &str {
        match self {
            Tag::Start(start) => start.name().0,
            Tag::End(name) => name,
        }
    }

    fn is_start(&self) -> bool {
        matches!(self, Tag::Start(_))
    }

    fn is_end(&self) -> bool {
        !self.is_start()
    }

    /// The value of attribute `name`, its entities decoded (left as written when they cannot be).
    fn attribute(&self, name: &str) -> Option<String> {
        let Tag::Start(start) = self else {
            return None;
        };
        let attribute = start
            .attributes()
            .with_checks(false)
            .map_while(Result::ok)
            .find(|attribute| attribute.key.0 == name)?;
        Some(
            quick_xml::escape::unescape(&attribute.value)
                .map_or_else(|_| attribute.value.to_string(), |value| value.into_owned()),
        )
    }
}

/// A count from an attribute (`None` when absent), as calamine parses it: a count it cannot parse
/// makes it refuse the file, so it is taken as one.
fn count(tag: &Tag, name: &str) -> u64 {
    tag.attribute(name)
        .map_or(1, |v| v.parse::<usize>().map_or(1, |n| n as u64))
}

/// The tables read so far, as calamine's `parse_content`, `read_table`, `read_row` and
/// `get_datatype` meet the tags.
#[derive(Default)]
struct Tables {
    /// The table being read (its name), when one is.
    table: Option<String>,
    /// The cells of the tables before it, from A1, and their text, copies counted.
    cells: u64,
    text: u64,
    // The table being read: its rows so far (repeats counted), the rows and columns its
    // non-empty cells reach from A1, the cells calamine has pushed (repeats of a row not counted)
    // and their text (counted).
    rows: u64,
    reach_rows: u64,
    reach_columns: u64,
    pushed: u64,
    table_text: u64,
    row: Option<Row>,
    cell: Option<Cell>,
}

struct Row {
    repeats: u64,
    /// The cells pushed so far, and the empty ones waiting for a non-empty one after them.
    width: u64,
    empty_waiting: u64,
    text: u64,
}

struct Cell {
    name: String,
    repeats: u64,
    empty: bool,
    /// calamine reads the text of a string cell up to the first end of a cell, else skips to the
    /// end of this one, same-named elements nested.
    string: bool,
    nested: u64,
    in_annotation: bool,
    text: u64,
}

const TABLE: &str = "table:table";
const ROW: &str = "table:table-row";
const CELL: &str = "table:table-cell";
const COVERED_CELL: &str = "table:covered-table-cell";

impl Tables {
    /// The bytes of the next event (a tag, a text, a comment): in a string cell, more than the
    /// text they make, and counted as its text.
    fn passed(&mut self, bytes: u64) {
        if let Some(cell) = &mut self.cell
            && cell.string
        {
            cell.text = cell.text.saturating_add(bytes);
        }
    }

    fn tag(&mut self, tag: &Tag) -> Result<(), Refused> {
        if self.cell.is_some() {
            self.in_cell(tag);
            return Ok(());
        }
        let name = tag.name();
        if self.row.is_some() {
            if tag.is_start() && (name == CELL || name == COVERED_CELL) {
                self.start_cell(tag);
            } else if tag.is_end() && name == ROW {
                self.end_row()?;
            }
            return Ok(());
        }
        match &self.table {
            None if tag.is_start() && name == TABLE => {
                self.table = tag.attribute("table:name");
            }
            Some(_) if tag.is_start() && name == ROW => {
                let remaining = MAX_ROWS.saturating_sub(self.rows);
                let repeats = count(tag, "table:number-rows-repeated").min(remaining);
                self.rows += repeats;
                self.row = Some(Row {
                    repeats,
                    width: 0,
                    empty_waiting: 0,
                    text: 0,
                });
            }
            Some(_) if tag.is_end() && name == TABLE => self.end_table()?,
            _ => {}
        }
        Ok(())
    }

    fn start_cell(&mut self, tag: &Tag) {
        let Tag::Start(start) = tag else { return };
        // get_datatype: a value sets the cell once; a string type without a value reads the
        // cell's text; a formula is kept beside the value.
        let (mut value_set, mut string, mut error, mut empty_string_value) =
            (false, false, false, false);
        let mut formula = false;
        // The text the cell holds in strings (a value or a formula), copied for each repeat.
        let mut text = 0u64;
        for attribute in start.attributes().with_checks(false).map_while(Result::ok) {
            let value = &*attribute.value;
            match attribute.key.0 {
                "office:value" | "office:boolean-value" if !value_set => value_set = true,
                key @ ("office:string-value" | "office:date-value" | "office:time-value")
                    if !value_set =>
                {
                    value_set = true;
                    empty_string_value = key == "office:string-value" && value.is_empty();
                    text += value.len() as u64;
                }
                "office:value-type" if !value_set => string = value == "string",
                "calcext:value-type" => error = value == "error",
                "table:formula" => {
                    formula = !value.is_empty();
                    text += value.len() as u64;
                }
                _ => {}
            }
        }
        let string = (!value_set && string) || (error && empty_string_value);
        self.cell = Some(Cell {
            name: tag.name().to_owned(),
            repeats: count(tag, "table:number-columns-repeated"),
            empty: !value_set && !string && !formula,
            string,
            nested: 1,
            in_annotation: false,
            text,
        });
    }

    fn in_cell(&mut self, tag: &Tag) {
        let Some(cell) = &mut self.cell else { return };
        let name = tag.name();
        let done = if cell.string {
            if cell.in_annotation {
                cell.in_annotation = !(tag.is_end() && name == "office:annotation");
                false
            } else if tag.is_start() && name == "office:annotation" {
                cell.in_annotation = true;
                false
            } else if tag.is_start() && name == "text:s" {
                cell.text = cell.text.saturating_add(count(tag, "text:c"));
                false
            } else {
                tag.is_end() && (name == CELL || name == COVERED_CELL)
            }
        } else if name == cell.name && tag.is_start() {
            cell.nested += 1;
            false
        } else if name == cell.name && tag.is_end() {
            cell.nested -= 1;
            cell.nested == 0
        } else {
            false
        };
        if done {
            self.end_cell();
        }
    }

    /// read_row: empty cells are pushed only when a non-empty one follows them in the row, and a
    /// row holds at most 16,384 cells.
    fn end_cell(&mut self) {
        let (Some(cell), Some(row)) = (self.cell.take(), &mut self.row) else {
            return;
        };
        row.width += row.empty_waiting.min(MAX_COLUMNS - row.width);
        row.empty_waiting = 0;
        let repeats = cell.repeats.min(MAX_COLUMNS - row.width);
        if cell.empty {
            row.empty_waiting = repeats;
        } else {
            row.width += repeats;
            row.text = row.text.saturating_add(repeats.saturating_mul(cell.text));
        }
    }

    fn end_row(&mut self) -> Result<(), Refused> {
        let Some(row) = self.row.take() else {
            return Ok(());
        };
        self.pushed += row.width;
        if row.width > 0 {
            self.reach_rows = self.rows;
            self.reach_columns = self.reach_columns.max(row.width);
        }
        self.table_text = self
            .table_text
            .saturating_add(row.repeats.saturating_mul(row.text));
        self.check()
    }

    fn end_table(&mut self) -> Result<(), Refused> {
        self.check()?;
        self.cells += self.reach_rows * self.reach_columns;
        self.text = self.text.saturating_add(self.table_text);
        let table = std::mem::take(self);
        self.cells = table.cells;
        self.text = table.text;
        Ok(())
    }

    /// The table so far, with the tables before it, within the bounds.
    fn check(&self) -> Result<(), Refused> {
        let refused = |message: String| Refused {
            sheet: self.table.clone(),
            message,
        };
        let reach = self.reach_rows * self.reach_columns;
        let cells = self.cells + reach.max(self.pushed);
        if cells > MAX_CELLS {
            return Err(refused(format!(
                "the sheet reaches to cell {}{}{}: more than the {MAX_CELLS} cells (rows × columns from A1, every sheet of an .ods) hjemmel reads",
                super::super::spreadsheet::column_letter(self.reach_columns.max(1) as usize - 1),
                self.reach_rows,
                if self.cells > 0 {
                    " with the sheets before it"
                } else {
                    ""
                },
            )));
        }
        if self.text.saturating_add(self.table_text) > MAX_TEXT_BYTES {
            return Err(refused(format!(
                "the sheets' cells hold more than the {MAX_TEXT_BYTES} bytes of text hjemmel reads (a repeated cell's text counted each time)"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    /// An .ods of one table whose rows are `rows` (the XML inside `<table:table>`).
    /// [`super::check`] of a zip in memory.
    fn check(file: Cursor<Vec<u8>>) -> Result<(), Refused> {
        super::check(&mut zip::ZipArchive::new(file).unwrap())
    }

    fn ods(rows: &str) -> Cursor<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("content.xml", stored).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0"?><office:document-content><office:body><office:spreadsheet><!-- <table:table-row table:number-rows-repeated="9"> --><table:table table:name="Ark1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
        .unwrap();
        let mut file = zip.finish().unwrap();
        file.set_position(0);
        file
    }

    fn row(repeats: u64, cells: &str) -> String {
        format!(
            r#"<table:table-row table:number-rows-repeated="{repeats}">{cells}</table:table-row>"#
        )
    }

    fn numbers(columns: u64) -> String {
        format!(
            r#"<table:table-cell table:number-columns-repeated="{columns}" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>"#
        )
    }

    #[test]
    fn empty_rows_and_columns_as_an_office_suite_writes_them_cost_nothing() {
        // LibreOffice ends a sheet with its empty rows and columns, counted.
        let sheet = row(1, &numbers(3))
            + &row(
                1_048_575,
                r#"<table:table-cell table:number-columns-repeated="1024"/>"#,
            );
        assert!(check(ods(&sheet)).is_ok());
    }

    #[test]
    fn repeated_cells_are_counted_up_to_the_bound_and_refused_past_it() {
        // 1,048,576 rows of 16 columns is the bound itself; of 17, past it.
        assert!(check(ods(&row(1_048_576, &numbers(16)))).is_ok());
        let refused = check(ods(&row(1_048_576, &numbers(17)))).unwrap_err();
        assert_eq!(refused.sheet.as_deref(), Some("Ark1"));
        assert!(refused.message.contains("Q1048576"), "{}", refused.message);
        // An empty cell before a number is pushed, and reaches as far.
        let gap =
            r#"<table:table-cell table:number-columns-repeated="16"/>"#.to_string() + &numbers(1);
        assert!(check(ods(&row(1_048_576, &gap))).is_err());
        // A count written with a character reference is read as calamine reads it.
        let referenced = r#"<table:table-row table:number-rows-repeated="&#49;048576">"#
            .to_string()
            + &numbers(17)
            + "</table:table-row>";
        assert!(check(ods(&referenced)).is_err());
    }

    #[test]
    fn text_copied_into_repeated_cells_is_counted() {
        let spaces = r#"<table:table-cell table:number-columns-repeated="100" office:value-type="string"><text:p><text:s text:c="3000000"/></text:p></table:table-cell>"#;
        let refused = check(ods(&row(1, spaces))).unwrap_err();
        assert!(
            refused.message.contains("bytes of text"),
            "{}",
            refused.message
        );
        let few = spaces.replace("3000000", "30");
        assert!(check(ods(&row(1, &few))).is_ok());
    }
}
