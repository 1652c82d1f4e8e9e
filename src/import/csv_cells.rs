//! A CSV text's cells as slices of the text itself, read exactly as the csv crate reads it with
//! `flexible(true)` and no headers (`"` quotes, a doubled `"` inside quotes is one, a record ends at
//! `\r`, `\n` or `\r\n`, blank lines are skipped, nothing is an error). The csv crate copies every
//! cell into a record of its own, byte by byte through its state machine: at a hundred thousand
//! rows that was an eighth of the import and a second copy of the file. Here the text is scanned
//! with `memchr` and a cell is a slice of it; only a cell that held a doubled quote, or text after
//! its closing quote, is put together in a buffer of its own. The unit tests compare both readers
//! on every short text of the bytes that matter.

use memchr::{memchr, memchr3};

/// The cells of a CSV text, row by row.
pub struct CsvCells<'a> {
    /// Every row's cells, one row after another.
    pub cells: Vec<&'a str>,
    /// Where each row's cells end in `cells`.
    pub row_ends: Vec<usize>,
}

/// Where a cell's text is.
enum Span {
    /// `start..end` of the text.
    Text(usize, usize),
    /// `start..end` of the buffer of cells put together.
    Buffer(usize, usize),
}

/// How a cell ended.
#[derive(PartialEq)]
enum CellEnd {
    Delimiter,
    /// At a line break or the end of the text: the row ends too.
    Row,
}

/// Reads `text` into cells; `buffer` holds the cells put together from pieces (see the module).
pub fn read<'a>(text: &'a str, delimiter: u8, buffer: &'a mut String) -> CsvCells<'a> {
    let bytes = text.as_bytes();
    let is_break = |b: u8| b == b'\r' || b == b'\n';
    let mut spans = Vec::new();
    let mut row_ends = Vec::new();
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    loop {
        // Blank lines and the break that ended the last row.
        while at < bytes.len() && is_break(bytes[at]) {
            at += 1;
        }
        if at >= bytes.len() {
            break;
        }
        loop {
            pieces.clear();
            let end;
            if bytes.get(at) == Some(&b'"') {
                at += 1;
                let mut start = at;
                loop {
                    let Some(quote) = memchr(b'"', &bytes[at..]).map(|i| at + i) else {
                        // No closing quote: the cell runs to the end of the text.
                        pieces.push((start, bytes.len()));
                        at = bytes.len();
                        end = CellEnd::Row;
                        break;
                    };
                    pieces.push((start, quote));
                    at = quote + 1;
                    match bytes.get(at) {
                        // A doubled quote is one quote of the cell, which goes on.
                        Some(b'"') => {
                            start = at;
                            at += 1;
                        }
                        None => {
                            end = CellEnd::Row;
                            break;
                        }
                        Some(&b) if b == delimiter => {
                            at += 1;
                            end = CellEnd::Delimiter;
                            break;
                        }
                        Some(&b) if is_break(b) => {
                            end = CellEnd::Row;
                            break;
                        }
                        // Text after the closing quote belongs to the cell, unquoted.
                        Some(_) => {
                            let (stop, ends) = unquoted_end(bytes, at, delimiter);
                            pieces.push((at, stop));
                            at = stop + usize::from(ends == CellEnd::Delimiter);
                            end = ends;
                            break;
                        }
                    }
                }
            } else {
                let (stop, ends) = unquoted_end(bytes, at, delimiter);
                pieces.push((at, stop));
                at = stop + usize::from(ends == CellEnd::Delimiter);
                end = ends;
            }
            spans.push(match pieces.as_slice() {
                &[(start, end)] => Span::Text(start, end),
                _ => {
                    let start = buffer.len();
                    for &(from, to) in &pieces {
                        buffer.push_str(&text[from..to]);
                    }
                    Span::Buffer(start, buffer.len())
                }
            });
            if end == CellEnd::Row {
                break;
            }
        }
        row_ends.push(spans.len());
    }
    let buffer: &'a str = buffer;
    let cells = spans
        .iter()
        .map(|span| match *span {
            Span::Text(start, end) => &text[start..end],
            Span::Buffer(start, end) => &buffer[start..end],
        })
        .collect();
    CsvCells { cells, row_ends }
}

/// Where an unquoted cell starting at `at` ends (the delimiter, a line break or the end of the
/// text), and how.
fn unquoted_end(bytes: &[u8], at: usize, delimiter: u8) -> (usize, CellEnd) {
    match memchr3(delimiter, b'\r', b'\n', &bytes[at..]) {
        Some(i) if bytes[at + i] == delimiter => (at + i, CellEnd::Delimiter),
        Some(i) => (at + i, CellEnd::Row),
        None => (bytes.len(), CellEnd::Row),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells as the csv crate reads them, with the settings `read_csv` used.
    fn by_csv_crate(text: &str, delimiter: u8) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).unwrap() {
            rows.push(
                record
                    .iter()
                    .map(|cell| String::from_utf8(cell.to_vec()).unwrap())
                    .collect(),
            );
        }
        rows
    }

    fn by_slices(text: &str, delimiter: u8) -> Vec<Vec<String>> {
        let mut buffer = String::new();
        let read = read(text, delimiter, &mut buffer);
        let mut start = 0;
        read.row_ends
            .iter()
            .map(|&end| {
                let row = read.cells[start..end]
                    .iter()
                    .map(|c| c.to_string())
                    .collect();
                start = end;
                row
            })
            .collect()
    }

    #[test]
    fn every_short_text_reads_as_the_csv_crate_reads_it() {
        // Every text of up to five of these pieces: quotes, both delimiters, every line break,
        // a letter and a character of two bytes (39,214 readings).
        let alphabet = ["\"", ";", ",", "\r", "\n", "a", "é"];
        let mut texts = vec![String::new()];
        let mut checked = 0;
        for _ in 0..5 {
            let mut longer = Vec::new();
            for text in &texts {
                for piece in alphabet {
                    longer.push(format!("{text}{piece}"));
                }
            }
            for text in &longer {
                for delimiter in [b';', b','] {
                    assert_eq!(
                        by_slices(text, delimiter),
                        by_csv_crate(text, delimiter),
                        "{text:?} with {:?}",
                        delimiter as char
                    );
                    checked += 1;
                }
            }
            texts = longer;
        }
        assert_eq!(checked, 39_214);
    }

    #[test]
    fn cells_without_doubled_quotes_are_slices_of_the_text() {
        let text = "a;\"b;c\"\n\n\"d\"\"e\";f\"g\r\n\"h\"i;";
        let mut buffer = String::new();
        let read = read(text, b';', &mut buffer);
        assert_eq!(read.cells, ["a", "b;c", "d\"e", "f\"g", "hi", ""]);
        assert_eq!(read.row_ends, [2, 4, 6]);
        let inside = |cell: &str| text.as_bytes().as_ptr_range().contains(&cell.as_ptr());
        assert!(inside(read.cells[1]) && inside(read.cells[3]));
        assert!(!inside(read.cells[2]) && !inside(read.cells[4]));
        // Only the cells of several pieces were copied.
        assert_eq!(buffer, "d\"ehi");
    }
}
