//! The cells of a CSV text, each a slice of the text where it can be, read by a crate: simd-csv
//! where it reads the text as the csv crate does, else the csv crate.
//!
//! simd-csv finds quotes, separators and line ends with SIMD searches (memchr's way) where csv
//! steps through every byte (a sixth of the 10k import's instructions). The two read every text
//! of plain cells and cells quoted as RFC 4180 quotes (`"` at both ends, a `"` inside doubled)
//! alike; any other text they read differently (a quote inside a cell, text after a closing
//! quote, lines ended by a lone `\r` as old Mac Excel saved them). So each cell simd-csv gives
//! is taken only when it is plain or quoted so; at the first that is neither, the whole text is
//! read again by csv, whose reading hjemmel has always had.
//!
//! A plain cell, and a quoted one without a doubled `"`, is its text's own slice (no second copy
//! of a 121 MB file); only a cell whose doubled quotes are undone is copied, into `unescaped`.
//! simd-csv reads through a buffer of its own: where a row starts in the text is found from
//! simd-csv's position, and the row's bytes are compared with the text's before a slice is taken.

use memchr::{memchr, memchr2};

/// The cells of a CSV text.
#[derive(Debug, Default)]
pub struct Cells<'a> {
    /// Every cell, one row after another: a slice of the text, or `""` for a cell whose text is
    /// in `unescaped` (see `unescaped_cells`).
    pub cells: Vec<&'a str>,
    /// Where each row's cells end in `cells`.
    pub row_ends: Vec<usize>,
    /// The texts of the cells that are not a slice of the text (doubled quotes made single), one
    /// after another. UTF-8 when read from a text, but not checked here (csv gives bytes).
    pub unescaped: Vec<u8>,
    /// For each cell whose text is in `unescaped`, in order: its place in `cells`, and where its
    /// text ends in `unescaped`.
    pub unescaped_cells: Vec<(usize, usize)>,
}

impl<'a> Cells<'a> {
    /// Adds a cell whose text is not a slice of the CSV's: `text` after what `unescaped` has of
    /// it already.
    fn push_unescaped(&mut self, text: &[u8]) {
        self.unescaped.extend_from_slice(text);
        self.unescaped_cells
            .push((self.cells.len(), self.unescaped.len()));
        self.cells.push("");
    }
}

/// The cells of `csv` separated by `delimiter` (no header row; rows of any length; blank lines
/// skipped; a byte-order mark at the start dropped). An error is csv's, with the row it is in.
pub fn read(csv: &str, delimiter: u8) -> Result<Cells<'_>, (usize, csv::Error)> {
    match read_plain(csv, delimiter, None) {
        Some(cells) => Ok(cells),
        None => read_any(csv.as_bytes(), delimiter),
    }
}

/// simd-csv's reading (through a buffer of `capacity` bytes, simd-csv's own size if none), or
/// none when a cell is neither plain nor quoted as RFC 4180 quotes.
fn read_plain(csv: &str, delimiter: u8, capacity: Option<usize>) -> Option<Cells<'_>> {
    let bytes = csv.as_bytes();
    let mut builder = simd_csv::ZeroCopyReaderBuilder::new();
    builder
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true);
    if let Some(capacity) = capacity {
        builder.buffer_capacity(capacity);
    }
    let mut reader = builder.from_reader(bytes);
    let mut cells = Cells::default();
    // simd-csv drops a byte-order mark, then gives where the last row read ends; a row starts
    // after the blank lines (bytes `\r` and `\n`) it skips.
    let mut row_start = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    // An error (none is expected of a text in memory): csv reads it again and says what it is.
    while let Some(record) = reader.read_byte_record().ok()? {
        row_start += bytes
            .get(row_start..)?
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let row = record.as_slice();
        // The row's place in the text, checked byte for byte: a slice is taken only of the text
        // simd-csv read.
        if bytes.get(row_start..row_start + row.len())? != row {
            return None;
        }
        // The row's next `"` or `\r`: the cells before it are plain, found so by one search, not
        // one a cell.
        let mut special = next_quote_or_cr(row, 0);
        for raw in record.iter() {
            // `raw` is part of `row`: its place in the text follows from its place in the row.
            let offset = (raw.as_ptr() as usize)
                .checked_sub(row.as_ptr() as usize)
                .filter(|offset| offset + raw.len() <= row.len())?;
            let end = offset + raw.len();
            if special < offset {
                special = next_quote_or_cr(row, offset);
            }
            if special >= end {
                // Cut at ASCII bytes (separators, line ends): on a character's boundary always.
                cells
                    .cells
                    .push(csv.get(row_start + offset..row_start + end)?);
            } else {
                push_quoted(&mut cells, csv, row_start + offset, raw)?;
                special = next_quote_or_cr(row, end);
            }
        }
        cells.row_ends.push(cells.cells.len());
        row_start = usize::try_from(reader.position()).ok()?;
        if cells.row_ends.len() == ROWS_TO_ESTIMATE_FROM {
            reserve_for_the_rest(&mut cells.cells, row_start, bytes.len());
        }
    }
    Some(cells)
}

/// After how many rows the number of cells in the whole text is estimated.
const ROWS_TO_ESTIMATE_FROM: usize = 64;

/// Reserves room for the cells of a text of `len` bytes from those of its first `read` bytes
/// (and a quarter more): the list is then not grown, each time copied, a dozen times (at 100k
/// rows). Too much costs address space only, never touched; too little, one growing. At most a
/// cell a byte (and one), as many as a text can hold, whatever the first rows say.
fn reserve_for_the_rest(cells: &mut Vec<&str>, read: usize, len: usize) {
    let estimate = (cells.len() as f64 * len as f64 / read.max(1) as f64 * 1.25) as usize;
    // A list that cannot be had is grown as it fills.
    let _ = cells.try_reserve(estimate.min(len + 1).saturating_sub(cells.len()));
}

/// Where the first `"` or `\r` at or after `from` is in `row` (the row's length if none).
fn next_quote_or_cr(row: &[u8], from: usize) -> usize {
    row.get(from..)
        .and_then(|rest| memchr2(b'"', b'\r', rest))
        .map_or(row.len(), |at| from + at)
}

/// Pushes a cell with a `"` or `\r` in it (`raw`, at `start` in `csv`) as csv reads it when it is
/// quoted as RFC 4180 quotes: without its quotes and with each doubled `"` once; none for any
/// other cell.
fn push_quoted<'a>(cells: &mut Cells<'a>, csv: &'a str, start: usize, raw: &[u8]) -> Option<()> {
    let mut inside = raw.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    if memchr(b'"', inside).is_none() {
        // Cut at ASCII bytes (quotes): on a character's boundary always.
        cells
            .cells
            .push(csv.get(start + 1..start + 1 + inside.len())?);
        return Some(());
    }
    // (On none the whole reading is dropped, the part of a cell written here with it.)
    while let Some(quote) = memchr(b'"', inside) {
        if inside.get(quote + 1) != Some(&b'"') {
            return None;
        }
        cells.unescaped.extend_from_slice(&inside[..=quote]);
        inside = &inside[quote + 2..];
    }
    cells.push_unescaped(inside);
    Some(())
}

/// csv's reading of any text, every cell copied into `unescaped`.
fn read_any(csv: &[u8], delimiter: u8) -> Result<Cells<'static>, (usize, csv::Error)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(csv);
    let mut cells = Cells::default();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(cells),
            Err(e) => return Err((cells.row_ends.len() + 1, e)),
        }
        for cell in &record {
            cells.push_unescaped(cell);
        }
        cells.row_ends.push(cells.cells.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of every cell, and where each row ends: what a reading gives, however its cells
    /// are kept.
    fn texts<'c>(cells: &'c Cells<'_>) -> (Vec<&'c [u8]>, &'c [usize]) {
        let mut texts: Vec<&[u8]> = cells.cells.iter().map(|cell| cell.as_bytes()).collect();
        let mut start = 0;
        for &(cell, end) in &cells.unescaped_cells {
            texts[cell] = &cells.unescaped[start..end];
            start = end;
        }
        (texts, &cells.row_ends)
    }

    /// Whether `cell` is a slice of `text` (not a copy).
    fn is_slice_of(cell: &str, text: &str) -> bool {
        let range = text.as_bytes().as_ptr_range();
        range.start <= cell.as_ptr() && cell.as_ptr() <= range.end
    }

    /// Every text of up to five of these bytes, with either delimiter (the bytes that make a CSV's
    /// shape, and one that does not).
    fn every_short_text(each: &mut impl FnMut(&str, u8)) {
        const BYTES: [&str; 6] = ["\"", ";", ",", "\r", "\n", "a"];
        let mut texts: Vec<String> = vec![String::new()];
        let mut start = 0;
        for _ in 0..5 {
            let end = texts.len();
            for i in start..end {
                for b in BYTES {
                    texts.push(format!("{}{b}", texts[i]));
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
            let by_csv = read_any(text.as_bytes(), delimiter).expect("csv reads any text");
            match read_plain(text, delimiter, None) {
                Some(cells) => {
                    taken += 1;
                    assert_eq!(texts(&cells), texts(&by_csv), "{text:?}");
                }
                None => left += 1,
            }
            // simd-csv's buffer so small that every row is read in pieces (its rows' places in
            // the text found across them).
            for capacity in [1, 2, 3] {
                if let Some(cells) = read_plain(text, delimiter, Some(capacity)) {
                    assert_eq!(texts(&cells), texts(&by_csv), "{text:?} {capacity}");
                }
            }
            assert_eq!(texts(&read(text, delimiter).unwrap()), texts(&by_csv));
        });
        // Both readings are used: a check that took nothing, or everything, would prove little.
        assert!(taken > 5_000 && left > 5_000, "taken {taken}, left {left}");
    }

    #[test]
    fn plain_and_quoted_cells_are_slices_of_the_text() {
        let text = "\u{feff}a;\"b;\"\"c\"\"\r\nd\";\r\n\n\"\"\ne;\"f\";æøå\n";
        let cells = read_plain(text, b';', None).expect("RFC 4180 quoting");
        assert_eq!(
            texts(&cells),
            texts(&read_any(text.as_bytes(), b';').unwrap())
        );
        assert_eq!(cells.row_ends, [3, 4, 7]);
        assert_eq!(cells.cells, ["a", "", "", "", "e", "f", "æøå"]);
        // Only the cell with doubled quotes is copied.
        assert_eq!(cells.unescaped, "b;\"c\"\r\nd".as_bytes());
        assert_eq!(cells.unescaped_cells, [(1, cells.unescaped.len())]);
        for (i, cell) in cells.cells.iter().enumerate() {
            assert_eq!(is_slice_of(cell, text), i != 1, "cell {i}");
        }
    }

    #[test]
    fn rows_read_across_simd_csvs_buffer_are_slices_of_the_text() {
        // Rows longer than simd-csv's buffer (8 KiB), quoted cells over line breaks, blank lines.
        let mut text = String::from("\u{feff}\r\n");
        for row in 0..400 {
            let long = "x".repeat(row * 37 % 9_000);
            text.push_str(&format!(
                "r{row},\"{long}\nø\",\"q\"\"{row}\",,\"\"\r\n{}",
                if row % 7 == 0 { "\n\r\n" } else { "" }
            ));
        }
        let cells = read_plain(&text, b',', None).expect("RFC 4180 quoting");
        assert_eq!(
            texts(&cells),
            texts(&read_any(text.as_bytes(), b',').unwrap())
        );
        assert_eq!(cells.row_ends.len(), 400);
        assert_eq!(cells.unescaped_cells.len(), 400);
        // Every cell but the 400 copied is a slice of the text.
        let copied: Vec<usize> = cells
            .unescaped_cells
            .iter()
            .map(|&(cell, _)| cell)
            .collect();
        for (i, cell) in cells.cells.iter().enumerate() {
            assert_eq!(is_slice_of(cell, &text), !copied.contains(&i), "cell {i}");
        }
    }

    #[test]
    fn room_for_the_cells_is_reserved_from_the_first_rows() {
        // 64 rows tell of 3,000 cells: room for them and a quarter more, reserved once.
        let text = "a;b;c\n".repeat(1_000);
        let cells = read_plain(&text, b';', None).expect("plain cells");
        assert_eq!(cells.cells.len(), 3_000);
        assert_eq!(cells.cells.capacity(), 3_750);
        // First rows that promise more cells than the text can hold: a cell a byte, and one.
        let text = format!("{}{}\n", ";;;;;;;;;;\n".repeat(64), "x".repeat(100_000));
        let cells = read_plain(&text, b';', None).expect("plain cells");
        assert_eq!(cells.cells.len(), 64 * 11 + 1);
        assert_eq!(cells.cells.capacity(), text.len() + 1);
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
            assert!(read_plain(text, b';', None).is_none(), "{text:?}");
            assert_eq!(
                texts(&read(text, b';').unwrap()),
                texts(&read_any(text.as_bytes(), b';').unwrap())
            );
        }
        let cells = read("a;b\rc;d\r", b';').unwrap();
        assert_eq!(
            cells.row_ends,
            [2, 4],
            "a lone \\r ends a row, as csv reads it"
        );
        assert_eq!(texts(&cells).0, [b"a", b"b", b"c", b"d"]);
    }
}
