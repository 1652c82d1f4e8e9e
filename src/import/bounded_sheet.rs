//! A worksheet of a workbook read with a bound on its size: calamine's `worksheet_range` makes one
//! cell for every place between the first and the last cell written, so that a workbook of a few
//! hundred bytes with one cell in A1 and one in XFD1048576 asked for 17 billion cells (found by the
//! `import` fuzz target, docs/fuzzing.md), and a reader that pads rows back to A1 does the same.
//! Here the cells are streamed, and a sheet whose cells reach past [`MAX_CELLS`] counted from A1 is
//! refused as soon as one does, before anything of that size is made.

use std::io::{Read, Seek};

use calamine::{Cell, Data, DataRef, Range, Xlsx, XlsxError};

/// The most cells a sheet may span, counted from A1 (last row × last column): 1,048,576 rows (every
/// row a sheet may have) of 16 columns, or 65,536 rows of 256. `hjemmel ropa --format xlsx` fills
/// a sheet to its last row only in its sheets of two columns; its widest sheet has a row an
/// activity. At the bound, the cells and the rows padded back to column A take about 400 MB.
pub const MAX_CELLS: u64 = 1 << 24;

/// The cells of the sheet `name`, as `worksheet_range` gives them; an error that says how far the
/// sheet reaches when that is past [`MAX_CELLS`].
pub fn range<RS: Read + Seek>(workbook: &mut Xlsx<RS>, name: &str) -> Result<Range<Data>, String> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet holds no cells (as `worksheet_range` reads it).
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Range::default()),
        Err(e) => return Err(e.to_string()),
    };
    let mut cells = Vec::new();
    let (mut rows, mut columns) = (0u64, 0u64);
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        rows = rows.max(u64::from(row) + 1);
        columns = columns.max(u64::from(column) + 1);
        if rows * columns > MAX_CELLS {
            return Err(format!(
                "the sheet reaches to cell {}{rows}: more than the {MAX_CELLS} cells (rows × columns from A1) hjemmel reads",
                super::spreadsheet::column_letter(column as usize)
            ));
        }
        cells.push(Cell::new(
            cell.get_position(),
            Data::from(cell.get_value().clone()),
        ));
    }
    Ok(Range::from_sparse(cells))
}
