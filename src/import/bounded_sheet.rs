//! A worksheet of a workbook read with a bound on its size: calamine's `worksheet_range` makes one
//! cell for every place between the first and the last cell written, so that a workbook of a few
//! hundred bytes with one cell in A1 and one in XFD1048576 asked for 17 billion cells (found by the
//! `import` fuzz target, docs/fuzzing.md), and a reader that pads rows back to A1 does the same.
//!
//! xlsx and xlsb sheets are streamed cell by cell, and a sheet whose cells reach past
//! [`MAX_CELLS`] counted from A1, or hold more than [`MAX_TEXT_BYTES`] of text, is refused as soon
//! as one does, before anything of that size is made. calamine reads every sheet of an .xls or
//! .ods workbook whole when it opens the file, so those are measured from the file's own records
//! first ([`check_before_opening`]), and refused before calamine opens them; so is a zipped
//! workbook (.xlsx, .xlsb, .ods) a part of which declares more than
//! [`zip_extent::MAX_PART_BYTES`] once inflated.

mod ods_extent;
mod xls_extent;
mod zip_extent;

use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Cell, Data, DataRef, Range, Reader, Sheets, Xlsx, XlsxError};

/// The most cells a sheet may span, counted from A1 (last row × last column): 1,048,576 rows (every
/// row a sheet may have) of 16 columns, or 65,536 rows of 256. `hjemmel ropa --format xlsx` fills
/// a sheet to its last row only in its sheets of two columns; its widest sheet has a row an
/// activity. At the bound, the cells and the rows padded back to column A take about 400 MB.
/// For .xls and .ods, whose sheets calamine holds all at once, the bound is on their sum.
pub const MAX_CELLS: u64 = 1 << 24;

/// The most text the cells of a sheet may hold, in bytes (256 MiB): a cell's text is copied for
/// every cell that shows it (a shared string, an .ods cell repeated), so that a small file could
/// otherwise ask for gigabytes of copies. The record of 100,000 activities that `hjemmel ropa
/// --format xlsx` writes holds about a tenth of it.
pub const MAX_TEXT_BYTES: u64 = 1 << 28;

/// Why a workbook is not read: the sheet it is about, when it is one sheet, and the reason.
#[derive(Debug)]
pub struct Refused {
    pub sheet: Option<String>,
    pub message: String,
}

impl Refused {
    /// The refusal as the error `hjemmel import` reports about `path`.
    pub fn about(self, path: &Path) -> super::ImportError {
        super::ImportError {
            file: path.to_path_buf(),
            place: self.sheet.map(|sheet| format!("sheet {sheet}")),
            message: self.message,
        }
    }
}

/// Refuses an .xls or .ods workbook (told by its content, as calamine would read it) whose sheets
/// span more than [`MAX_CELLS`] or hold more than [`MAX_TEXT_BYTES`] of text, before calamine
/// opens it and builds every sheet whole, and a zipped workbook a part of which declares more
/// than [`zip_extent::MAX_PART_BYTES`] once inflated. Any other file is left to calamine: `Ok`.
pub fn check_before_opening(path: &Path) -> Result<(), Refused> {
    let whole_file = |message: String| Refused {
        sheet: None,
        message,
    };
    let mut file = std::fs::File::open(path).map_err(|e| whole_file(e.to_string()))?;
    // The first bytes tell the format; a shorter file is none of these.
    let mut magic = Vec::with_capacity(xls_extent::SIGNATURE.len());
    (&mut file)
        .take(xls_extent::SIGNATURE.len() as u64)
        .read_to_end(&mut magic)
        .map_err(|e| whole_file(e.to_string()))?;
    if magic == xls_extent::SIGNATURE {
        file.rewind().map_err(|e| whole_file(e.to_string()))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| whole_file(e.to_string()))?;
        xls_extent::check(&bytes)
    } else if magic.starts_with(b"PK\x03\x04") {
        file.rewind().map_err(|e| whole_file(e.to_string()))?;
        // Not a zip: calamine refuses it itself.
        let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
            return Ok(());
        };
        zip_extent::check(&zip)?;
        ods_extent::check(&mut zip)
    } else {
        Ok(())
    }
}

/// The cells of the sheet `name`, as `worksheet_range` gives them, for a workbook that
/// [`check_before_opening`] let through: xlsx and xlsb streamed with the bound, .xls and .ods as
/// calamine read them when it opened the file.
pub fn sheet_range<RS: Read + Seek>(
    workbook: &mut Sheets<RS>,
    name: &str,
) -> Result<Range<Data>, String> {
    match workbook {
        Sheets::Xlsx(xlsx) => range(xlsx, name),
        Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb
                .worksheet_cells_reader(name)
                .map_err(|e| e.to_string())?;
            streamed(|| reader.next_cell().map_err(|e| e.to_string()))
        }
        whole @ (Sheets::Xls(_) | Sheets::Ods(_)) => {
            whole.worksheet_range(name).map_err(|e| e.to_string())
        }
    }
}

/// The cells of the sheet `name`, as `worksheet_range` gives them; an error that says how far the
/// sheet reaches when that is past [`MAX_CELLS`].
pub fn range<RS: Read + Seek>(workbook: &mut Xlsx<RS>, name: &str) -> Result<Range<Data>, String> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet holds no cells (as `worksheet_range` reads it).
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Range::default()),
        Err(e) => return Err(e.to_string()),
    };
    streamed(|| reader.next_cell().map_err(|e| e.to_string()))
}

/// The cells `next_cell` gives until it gives none, refused as soon as they reach past
/// [`MAX_CELLS`] from A1 or hold more than [`MAX_TEXT_BYTES`] of text.
fn streamed<'a>(
    mut next_cell: impl FnMut() -> Result<Option<Cell<DataRef<'a>>>, String>,
) -> Result<Range<Data>, String> {
    let mut cells = Vec::new();
    let (mut rows, mut columns, mut text) = (0u64, 0u64, 0u64);
    while let Some(cell) = next_cell()? {
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        rows = rows.max(u64::from(row) + 1);
        columns = columns.max(u64::from(column) + 1);
        if rows * columns > MAX_CELLS {
            return Err(too_far(column.into(), rows));
        }
        text += text_bytes(value);
        if text > MAX_TEXT_BYTES {
            return Err(too_much_text(row.into(), column.into()));
        }
        cells.push(Cell::new(cell.get_position(), Data::from(value.clone())));
    }
    Ok(Range::from_sparse(cells))
}

/// The bytes of text a cell's value holds.
fn text_bytes(value: &DataRef<'_>) -> u64 {
    let text = match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
        DataRef::SharedString(s) => s.len(),
        _ => 0,
    };
    text as u64
}

/// The message for a sheet that reaches to column `column` (from 0) of row `rows` (from 1).
fn too_far(column: u64, rows: u64) -> String {
    format!(
        "the sheet reaches to cell {}{rows}: more than the {MAX_CELLS} cells (rows × columns from A1) hjemmel reads",
        super::spreadsheet::column_letter(column as usize)
    )
}

/// The message for a sheet whose text passes [`MAX_TEXT_BYTES`] at cell (`row`, `column`), from 0.
fn too_much_text(row: u64, column: u64) -> String {
    format!(
        "the sheet's cells hold more than the {MAX_TEXT_BYTES} bytes of text hjemmel reads (at cell {}{})",
        super::spreadsheet::column_letter(column as usize),
        row + 1
    )
}

/// `read()`, or the message of the panic it ended in. calamine's readers panic on some malformed
/// files (an .xlsb naming a relationship its workbook lacks, a record shorter than its fields);
/// the panic is caught, and not printed (the hook is set aside while `read` runs: hjemmel reads
/// one workbook at a time), so that the file is refused with a message instead.
pub fn guarded<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(hook);
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("its reader failed: {message}")
    })
}
