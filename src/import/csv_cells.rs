//! The cells of a CSV text, every cell's text one after another in one buffer, read by a crate:
//! simd-csv where it reads the text as the csv crate does, else the csv crate.
//!
//! simd-csv finds quotes, separators and line ends with SIMD searches (memchr's way) where csv
//! steps through every byte (a sixth of the 10k import's instructions). The two read every text
//! of plain cells and cells quoted as RFC 4180 quotes (`"` at both ends, a `"` inside doubled)
//! alike; any other text they read differently (a quote inside a cell, text after a closing
//! quote, lines ended by a lone `\r` as old Mac Excel saved them). So each cell simd-csv gives
//! is taken only when it is plain or quoted so; at the first that is neither, the whole text is
//! read again by csv, whose reading hjemmel has always had.

use memchr::{memchr, memchr2};

/// The cells of a CSV text.
#[derive(Debug, Default, PartialEq)]
pub struct Cells {
    /// Every cell's text, unquoted, one after another.
    pub text: Vec<u8>,
    /// Where each cell ends in `text`.
    pub cell_ends: Vec<usize>,
    /// Where each row's cells end in `cell_ends`.
    pub row_ends: Vec<usize>,
}

impl Cells {
    fn with_capacity(text_len: usize) -> Self {
        Cells {
            // A cell's text is never longer than the CSV it is read from.
            text: Vec::with_capacity(text_len),
            ..Cells::default()
        }
    }
}

/// The cells of `csv` separated by `delimiter` (no header row; rows of any length; blank lines
/// skipped; a byte-order mark at the start dropped). An error is csv's, with the row it is in.
pub fn read(csv: &[u8], delimiter: u8) -> Result<Cells, (usize, csv::Error)> {
    match read_plain(csv, delimiter) {
        Some(cells) => Ok(cells),
        None => read_any(csv, delimiter),
    }
}

/// simd-csv's reading, or none when a cell is neither plain nor quoted as RFC 4180 quotes.
fn read_plain(csv: &[u8], delimiter: u8) -> Option<Cells> {
    let mut reader = simd_csv::ZeroCopyReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(csv);
    let mut cells = Cells::with_capacity(csv.len());
    // An error (none is expected of a text in memory): csv reads it again and says what it is.
    while let Some(record) = reader.read_byte_record().ok()? {
        for raw in record.iter() {
            push_cell(&mut cells.text, raw)?;
            cells.cell_ends.push(cells.text.len());
        }
        cells.row_ends.push(cells.cell_ends.len());
    }
    Some(cells)
}

/// Pushes a cell as csv reads it: a cell without `"` or `\r` as it is, a quoted one without its
/// quotes and with each doubled `"` once; none for any other cell.
fn push_cell(out: &mut Vec<u8>, raw: &[u8]) -> Option<()> {
    if memchr2(b'"', b'\r', raw).is_none() {
        out.extend_from_slice(raw);
        return Some(());
    }
    let mut inside = raw.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    while let Some(quote) = memchr(b'"', inside) {
        if inside.get(quote + 1) != Some(&b'"') {
            return None;
        }
        out.extend_from_slice(&inside[..=quote]);
        inside = &inside[quote + 2..];
    }
    out.extend_from_slice(inside);
    Some(())
}

/// csv's reading of any text.
fn read_any(csv: &[u8], delimiter: u8) -> Result<Cells, (usize, csv::Error)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(csv);
    let mut cells = Cells::with_capacity(csv.len());
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(cells),
            Err(e) => return Err((cells.row_ends.len() + 1, e)),
        }
        for cell in &record {
            cells.text.extend_from_slice(cell);
            cells.cell_ends.push(cells.text.len());
        }
        cells.row_ends.push(cells.cell_ends.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of up to five of these bytes, with either delimiter (the bytes that make a CSV's
    /// shape, and one that does not).
    fn every_short_text(each: &mut impl FnMut(&[u8], u8)) {
        const BYTES: [&[u8]; 6] = [b"\"", b";", b",", b"\r", b"\n", b"a"];
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        let mut start = 0;
        for _ in 0..5 {
            let end = texts.len();
            for i in start..end {
                for b in BYTES {
                    let mut text = texts[i].clone();
                    text.extend_from_slice(b);
                    texts.push(text);
                }
            }
            start = end;
        }
        for text in &texts {
            for delimiter in [b';', b','] {
                each(text, delimiter);
            }
        }
    }

    #[test]
    fn simd_csv_is_taken_only_where_it_reads_as_csv_does() {
        let (mut taken, mut left) = (0, 0);
        every_short_text(&mut |text, delimiter| {
            let by_csv = read_any(text, delimiter).expect("csv reads any text");
            match read_plain(text, delimiter) {
                Some(cells) => {
                    taken += 1;
                    assert_eq!(cells, by_csv, "{:?}", String::from_utf8_lossy(text));
                }
                None => left += 1,
            }
            assert_eq!(read(text, delimiter).unwrap(), by_csv);
        });
        // Both readings are used: a check that took nothing, or everything, would prove little.
        assert!(taken > 5_000 && left > 5_000, "taken {taken}, left {left}");
    }

    #[test]
    fn plain_and_quoted_cells_are_read_by_simd_csv() {
        let text = "\u{feff}a;\"b;\"\"c\"\"\r\nd\";\r\n\n\"\"\ne;f;æøå\n".as_bytes();
        let cells = read_plain(text, b';').expect("RFC 4180 quoting");
        assert_eq!(cells, read_any(text, b';').unwrap());
        assert_eq!(cells.row_ends, [3, 4, 7]);
        assert_eq!(
            &cells.text[..cells.cell_ends[1]],
            "ab;\"c\"\r\nd".as_bytes()
        );
    }

    #[test]
    fn other_quoting_and_lone_carriage_returns_are_read_by_csv() {
        for text in [
            "a\"b;c\nd;e\"f\n", // a quote inside a cell
            "\"a\"b;c\n",       // text after a closing quote
            "a;b\rc;d\r",       // lines ended by a lone \r
            "\"a;b\nc",         // a quote never closed
            "\"a\"\"\n",        // a closing quote doubled
        ] {
            assert_eq!(read_plain(text.as_bytes(), b';'), None, "{text:?}");
            assert_eq!(
                read(text.as_bytes(), b';').unwrap(),
                read_any(text.as_bytes(), b';').unwrap()
            );
        }
        let cells = read("a;b\rc;d\r".as_bytes(), b';').unwrap();
        assert_eq!(
            cells.row_ends,
            [2, 4],
            "a lone \\r ends a row, as csv reads it"
        );
    }
}
