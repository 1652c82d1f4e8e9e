//! How far the sheets of an .xls workbook reach, read from its records before calamine opens it.
//!
//! calamine's `Xls` reads every sheet when it opens the file: it reserves room for the cells each
//! sheet's DIMENSIONS record names, then builds the sheet as one cell for every place between its
//! first and last cell (`Range::from_sparse`). A cell record holds its row and its column in 16
//! bits each, though a BIFF8 sheet has 256 columns, and DIMENSIONS holds rows in 32 bits: a
//! workbook of 5.5 KB asked for 137 GB (a cell in column 65,536) or 44 TB (DIMENSIONS of 4 billion
//! rows) and hjemmel aborted. So the compound file is read here as calamine reads it (its chains of
//! sectors, the `Workbook` stream, each sheet from where its BOUNDSHEET record says it starts,
//! embedded substreams skipped), and the workbook is refused when a sheet, or the sheets together,
//! reach past [`MAX_CELLS`] from A1. What calamine would reject on its own is left to it; what would
//! make it panic or read without end (a chain of sectors that loops, a sector past the end of the
//! file, a sheet that starts past the end of its stream) is refused here.
//!
//! The compound file is read here, not with the cfb crate: the bound must measure the stream
//! calamine builds the sheets from, and calamine takes the first entry named `Workbook` (or
//! `Book`) in the directory's order, linked into the root's tree or not, where cfb looks the name
//! up in the tree. A file with both (tests/fixtures/import/xlsx/malformed_orphan_workbook.xls)
//! would show cfb a sheet of one cell and calamine one of 4 billion rows.
//!
//! calamine copies a shared string into every cell that shows it (a LABELSST record of 14 bytes
//! naming a string of up to 196,605 bytes), so the text of those copies is counted too, from the
//! shared string table as calamine reads it ([`shared_strings`]), and refused past
//! [`MAX_TEXT_BYTES`] for all sheets together.

mod shared_strings;

use super::{MAX_CELLS, MAX_TEXT_BYTES, Refused};

/// The first bytes of a compound file (MS-CFB 2.2).
pub const SIGNATURE: [u8; 8] = *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sector numbers from here on are not sectors (MS-CFB 2.1).
const NOT_A_SECTOR: u32 = 0xFFFF_FFFA;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
const MINI_SECTOR: usize = 64;
/// A stream shorter than this is kept in the mini stream (MS-CFB 2.2).
const MINI_STREAM_CUTOFF: usize = 4096;

/// `Ok` when calamine may open the workbook: its sheets stay within the bound, or calamine will
/// refuse the file itself before it builds a sheet.
pub fn check(file: &[u8]) -> Result<(), Refused> {
    match workbook_stream(file) {
        Ok(Some(stream)) => check_sheets(&stream).map(|_| ()),
        Ok(None) => Ok(()),
        Err(message) => Err(Refused {
            sheet: None,
            message,
        }),
    }
}

/// The sectors of a compound file, as calamine's `Cfb` reads them.
struct Compound<'a> {
    /// The file after its header: sector `n` starts at `n × size`.
    sectors: &'a [u8],
    size: usize,
    fat: Vec<u32>,
}

/// A fault of the compound file that calamine does not survive.
fn damaged(what: &str) -> String {
    format!("the workbook's compound file is damaged ({what})")
}

impl Compound<'_> {
    /// Sector `id`, `None` when calamine refuses it (past the number of sectors the file's length
    /// allows); an error when it lies past the end of the file, which calamine pads or, reading it
    /// first, cuts into a slice that panics.
    fn sector(&self, id: u32, max_id: u32) -> Result<Option<&[u8]>, String> {
        if id > max_id {
            return Ok(None);
        }
        let start = id as usize * self.size;
        self.sectors
            .get(start..start + self.size)
            .map(Some)
            .ok_or_else(|| damaged(&format!("sector {id} lies past the end of the file")))
    }

    /// The chain of sectors from `start`, cut at `len` bytes, as calamine's `get_chain` reads it;
    /// `None` when calamine refuses it. `len` at most the file's length (else an error: calamine
    /// would follow a chain that loops that far), or `None` for the directory, whose chain must
    /// not loop.
    fn chain(
        &self,
        start: u32,
        len: Option<usize>,
        max_id: u32,
        file_len: usize,
    ) -> Result<Option<Vec<u8>>, String> {
        if len.is_some_and(|len| len > file_len) {
            return Err(damaged("a stream is longer than the file"));
        }
        let len = len.unwrap_or(usize::MAX);
        let mut chain = Vec::new();
        let mut id = start;
        let mut steps = 0usize;
        while id != END_OF_CHAIN {
            let Some(sector) = self.sector(id, max_id)? else {
                return Ok(None);
            };
            chain.extend_from_slice(&sector[..sector.len().min(len - chain.len())]);
            if chain.len() >= len {
                break;
            }
            steps += 1;
            if steps > max_id as usize + 1 {
                return Err(damaged("a chain of sectors loops"));
            }
            id = *self
                .fat
                .get(id as usize)
                .ok_or_else(|| damaged("a chain of sectors leaves the allocation table"))?;
        }
        Ok(Some(chain))
    }
}

/// The `Workbook` (or `Book`) stream, as calamine's `Cfb::new` and `get_stream` read it; `None`
/// when calamine refuses the file before reading a sheet.
fn workbook_stream(file: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let u16_at = |at: usize| u16::from_le_bytes([file[at], file[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes(file[at..at + 4].try_into().unwrap_or_default());
    if file.len() < 512 || file[..8] != SIGNATURE || u16_at(32) != 6 {
        return Ok(None);
    }
    let size = match u16_at(30) {
        9 => 512,
        12 if file.len() >= 4096 => 4096,
        _ => return Ok(None),
    };
    let version = u16_at(26);
    let max_id = (file.len() / size) as u32;
    let mut compound = Compound {
        sectors: &file[size..],
        size,
        fat: Vec::new(),
    };
    let to_u32s = |bytes: &[u8]| -> Vec<u32> {
        bytes
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect()
    };
    // The allocation table's sectors: 109 in the header, the rest in a chain of DIFAT sectors
    // whose last entry is the next one.
    let mut difat = to_u32s(&file[76..512]);
    let mut id = u32_at(68);
    let mut difat_sectors = 0usize;
    while id < NOT_A_SECTOR {
        difat_sectors += 1;
        if difat_sectors > max_id as usize + 1 {
            return Ok(None);
        }
        let Some(sector) = compound.sector(id, max_id)? else {
            return Ok(None);
        };
        difat.extend(to_u32s(sector));
        let Some(next) = difat.pop() else {
            return Ok(None);
        };
        id = next;
    }
    for id in difat.into_iter().filter(|id| *id < DIFAT_SECTOR) {
        let Some(sector) = compound.sector(id, max_id)? else {
            return Ok(None);
        };
        let entries = to_u32s(sector);
        compound.fat.extend(entries);
    }
    let Some(directory) = compound.chain(u32_at(48), None, max_id, file.len())? else {
        return Ok(None);
    };
    // Directory entries: a UTF-16 name, the first sector and the length of the stream.
    let entries: Vec<(String, u32, usize)> = directory
        .chunks_exact(128)
        .map(|entry| {
            let mut name = String::from_utf16_lossy(
                &entry[..64]
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect::<Vec<_>>(),
            );
            if let Some(end) = name.find('\0') {
                name.truncate(end);
            }
            let start = u32::from_le_bytes(entry[116..120].try_into().unwrap_or_default());
            let len = if size == 512 {
                u32::from_le_bytes(entry[120..124].try_into().unwrap_or_default()) as u64
            } else {
                u64::from_le_bytes(entry[120..128].try_into().unwrap_or_default())
            };
            (name, start, usize::try_from(len).unwrap_or(usize::MAX))
        })
        .collect();
    let Some(root) = entries.first() else {
        return Ok(None);
    };
    if version != 3 && root.1 == END_OF_CHAIN {
        return Ok(None);
    }
    let mini_fat_len = u32_at(64) as usize;
    let (mini_stream, mini_fat) = if mini_fat_len > 0 {
        let Some(mini_stream) = compound.chain(root.1, Some(root.2), max_id, file.len())? else {
            return Ok(None);
        };
        let mini_fat_bytes = mini_fat_len.saturating_mul(size);
        let Some(mini_fat) =
            compound.chain(u32_at(60), Some(mini_fat_bytes), max_id, file.len())?
        else {
            return Ok(None);
        };
        (mini_stream, to_u32s(&mini_fat))
    } else {
        (Vec::new(), Vec::new())
    };
    let named = |wanted: &str| {
        entries
            .iter()
            .find(|(name, ..)| name.eq_ignore_ascii_case(wanted))
    };
    let Some((_, start, len)) = named("Workbook").or_else(|| named("Book")) else {
        return Ok(None);
    };
    if *len >= MINI_STREAM_CUTOFF {
        return compound.chain(*start, Some(*len), max_id, file.len());
    }
    // A short stream: a chain of 64-byte sectors of the mini stream.
    let mini = Compound {
        sectors: &mini_stream,
        size: MINI_SECTOR,
        fat: mini_fat,
    };
    let mini_max_id = max_id.saturating_mul(8);
    mini.chain(*start, Some(*len), mini_max_id, file.len())
}

/// A BIFF record: its type and data (a CONTINUE record's data is part of the record before it,
/// and never a record of its own, as calamine's `RecordIter` reads them).
struct Records<'a> {
    stream: &'a [u8],
}

impl<'a> Iterator for Records<'a> {
    /// The record's type, its data, and the CONTINUE records after it (headers and all).
    type Item = (u16, &'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let header = |s: &[u8]| {
            (
                u16::from_le_bytes([s[0], s[1]]),
                u16::from_le_bytes([s[2], s[3]]) as usize,
            )
        };
        if self.stream.len() < 4 {
            return None;
        }
        let (kind, len) = header(self.stream);
        let data = self.stream.get(4..4 + len)?;
        self.stream = &self.stream[4 + len..];
        let continued = self.stream;
        while self.stream.len() > 4 && header(self.stream).0 == CONTINUE {
            let (_, len) = header(self.stream);
            if self.stream.len() < len + 4 {
                // calamine stops at a CONTINUE record cut short.
                self.stream = &[];
                return None;
            }
            self.stream = &self.stream[4 + len..];
        }
        let continued = &continued[..continued.len() - self.stream.len()];
        Some((kind, data, continued))
    }
}

const CONTINUE: u16 = 0x003C;
const CODEPAGE: u16 = 0x0042;
const SST: u16 = 0x00FC;
const LABELSST: u16 = 0x00FD;
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
/// The records calamine makes a cell of, its row and column in their first four bytes: NUMBER,
/// LABEL, RSTRING, BOOLERR, RK, FORMULA (and LABELSST, read on its own: [`LABELSST`]).
const CELLS: [u16; 6] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x0006];

/// Each sheet calamine would build, read from where its BOUNDSHEET record says it starts, and
/// the text its cells copy from the shared string table: `Ok` with the bytes of that text.
fn check_sheets(stream: &[u8]) -> Result<u64, Refused> {
    let mut sheets = Vec::new();
    let mut strings = Vec::new();
    // calamine decodes text by the CODEPAGE record met last (UTF-16LE, 1200, until one is).
    let mut utf16 = true;
    for (kind, data, continued) in (Records { stream }) {
        match kind {
            BOUNDSHEET => {
                if data.len() < 6 {
                    return Err(Refused {
                        sheet: None,
                        message: "a sheet's BOUNDSHEET record is cut short".to_string(),
                    });
                }
                let start = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize;
                sheets.push((start, sheet_name(&data[6..], sheets.len())));
            }
            CODEPAGE if data.len() >= 2 => {
                utf16 = u16::from_le_bytes([data[0], data[1]]) == 1200;
            }
            SST => {
                strings =
                    shared_strings::text_bytes(data, continued, utf16).map_err(|message| {
                        Refused {
                            sheet: None,
                            message,
                        }
                    })?;
            }
            EOF => break,
            _ => {}
        }
    }
    // Each sheet is read from its start to its EOF; sheets that overlap, or have no EOF, read the
    // stream again for each (calamine does): refused past a few times the stream's length.
    let mut budget = stream.len().saturating_mul(4).saturating_add(1 << 20);
    let (mut total, mut text) = (0u64, 0u64);
    for (start, name) in sheets {
        let refused = |message: String| Refused {
            sheet: Some(name.clone()),
            message,
        };
        let Some(records) = stream.get(start..) else {
            return Err(refused(format!(
                "the sheet starts at byte {start}, past the end of the workbook stream ({} bytes)",
                stream.len()
            )));
        };
        let (cells, read) = sheet_cells(records, &strings, &mut text).map_err(&refused)?;
        budget = budget.checked_sub(read).ok_or_else(|| {
            refused("the workbook's sheets read its records over and over".to_string())
        })?;
        total = total.saturating_add(cells);
        if total > MAX_CELLS {
            return Err(refused(format!(
                "with the sheets before it, the workbook spans {total} cells: more than the {MAX_CELLS} cells (rows × columns from A1, every sheet of an .xls) hjemmel reads"
            )));
        }
    }
    Ok(text)
}

/// The cells a sheet spans from A1, and the bytes of records read, from its BOF to its EOF as
/// calamine reads it; an error when the sheet, or the room its DIMENSIONS record asks for, is past
/// [`MAX_CELLS`], or when the text its cells copy from the shared strings (`strings`, the bytes of
/// each), added to `text` (the sheets' before it), passes [`MAX_TEXT_BYTES`].
fn sheet_cells(records: &[u8], strings: &[u64], text: &mut u64) -> Result<(u64, usize), String> {
    let mut records = Records { stream: records };
    let full = records.stream.len();
    let (mut rows, mut columns) = (0u64, 0u64);
    let mut reach = |row: u64, column: u64| -> Result<(), String> {
        rows = rows.max(row + 1);
        columns = columns.max(column + 1);
        if rows * columns > MAX_CELLS {
            return Err(super::too_far(column, rows));
        }
        Ok(())
    };
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (kind, data, _) in records.by_ref() {
        // Embedded substreams (charts) carry cell records calamine skips.
        if depth > 0 {
            match kind {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let u16_at = |at: usize| u64::from(u16::from_le_bytes([data[at], data[at + 1]]));
        match kind {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => dimensions(data)?,
            MULRK if data.len() >= 6 => {
                let (row, first, last) = (u16_at(0), u16_at(2), u16_at(data.len() - 2));
                if last < first {
                    // calamine counts the values as `last - first + 1` in 16 bits.
                    return Err("a MULRK record's last column comes before its first".to_string());
                }
                let values = (data.len() as u64 - 6) / 6;
                reach(row, (first + values.max(1) - 1).max(last))?;
            }
            // A copy of shared string `index`.
            LABELSST if data.len() >= 10 => {
                reach(u16_at(0), u16_at(2))?;
                let index = u32::from_le_bytes([data[6], data[7], data[8], data[9]]) as usize;
                if let Some(bytes) = strings.get(index) {
                    *text += bytes;
                    if *text > MAX_TEXT_BYTES {
                        return Err(format!(
                            "with the sheets before it, the workbook's cells copy more than the {MAX_TEXT_BYTES} bytes of text hjemmel reads from its shared strings (at cell {}{}; a shared string counted once for every cell that shows it)",
                            super::super::spreadsheet::column_letter(u16_at(2) as usize),
                            u16_at(0) + 1
                        ));
                    }
                }
            }
            kind if CELLS.contains(&kind) && data.len() >= 4 => reach(u16_at(0), u16_at(2))?,
            _ => {}
        }
    }
    Ok((rows * columns, full - records.stream.len()))
}

/// A DIMENSIONS record, read as calamine's `parse_dimensions` reads it: an error when the rows ×
/// columns it asks room for are past [`MAX_CELLS`], or it ends before it starts (calamine
/// subtracts them unchecked).
fn dimensions(data: &[u8]) -> Result<(), String> {
    let u16_at = |at: usize| u32::from(u16::from_le_bytes([data[at], data[at + 1]]));
    let u32_at =
        |at: usize| u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
    let (first_row, row_end, mut first_column, column_end) = match data.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return Ok(()), // calamine refuses the record
    };
    if first_column > 0xFF || column_end < first_column {
        first_column = 0;
    }
    let (last_row, last_column) = if row_end >= 1 && column_end >= 1 {
        (row_end - 1, column_end - 1)
    } else {
        (first_row, first_column)
    };
    if last_row < first_row || last_column < first_column {
        return Err("the sheet's DIMENSIONS record ends before it starts".to_string());
    }
    let cells = (u64::from(last_row - first_row) + 1) * (u64::from(last_column - first_column) + 1);
    if cells > MAX_CELLS {
        return Err(format!(
            "the sheet's DIMENSIONS record asks room for {cells} cells: more than the {MAX_CELLS} cells hjemmel reads"
        ));
    }
    Ok(())
}

/// A sheet's name from its BOUNDSHEET record (a short string: its length in characters, a byte
/// of flags, then one byte or two a character), for messages; `sheet N` when it cannot be read.
fn sheet_name(data: &[u8], index: usize) -> String {
    let fallback = || format!("{}", index + 1);
    let [chars, flags, text @ ..] = data else {
        return fallback();
    };
    let chars = usize::from(*chars);
    if flags & 1 == 0 {
        text.get(..chars)
            .map(|t| t.iter().map(|&b| char::from(b)).collect())
            .unwrap_or_else(fallback)
    } else {
        text.get(..chars * 2)
            .map(|t| {
                let units: Vec<u16> = t
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            })
            .unwrap_or_else(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/import/xlsx/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap()
    }

    /// `bytes` with the one occurrence of `old` replaced by `new`.
    fn patched(mut bytes: Vec<u8>, old: &[u8], new: &[u8]) -> Vec<u8> {
        let at = bytes.windows(old.len()).position(|w| w == old).unwrap();
        bytes[at..at + new.len()].copy_from_slice(new);
        bytes
    }

    #[test]
    fn a_cell_in_the_last_column_a_sheet_has_is_read_and_one_past_it_refused() {
        // The RK record of the far cell: row 65,536, column 65,536; then column 256 (IV), the
        // last of a BIFF8 sheet: 65,536 × 256 cells is the bound itself.
        let far = fixture("malformed_far_column.xls");
        let refused = check(&far).unwrap_err();
        assert_eq!(refused.sheet.as_deref(), Some("far"));
        assert!(refused.message.contains("65536"), "{}", refused.message);
        let last_column = patched(
            far,
            b"\x7e\x02\x0a\x00\xff\xff\xff\xff",
            b"\x7e\x02\x0a\x00\xff\xff\xff\x00",
        );
        assert!(check(&last_column).is_ok());
        let one_past = patched(
            last_column,
            b"\x7e\x02\x0a\x00\xff\xff\xff\x00",
            b"\x7e\x02\x0a\x00\xff\xff\x00\x01",
        );
        assert!(check(&one_past).is_err());
    }

    #[test]
    fn dimensions_are_refused_past_the_bound_and_when_they_end_before_they_start() {
        let dimensions = |first_row: u32, row_end: u32| {
            let mut record = Vec::new();
            record.extend(first_row.to_le_bytes());
            record.extend(row_end.to_le_bytes());
            record.extend([0, 0, 0, 1, 0, 0]); // columns A to IV
            record
        };
        assert!(super::dimensions(&dimensions(0, 65_536)).is_ok());
        assert!(super::dimensions(&dimensions(0, 65_537)).is_err());
        assert!(super::dimensions(&dimensions(9, 5)).is_err());
        assert!(check(&fixture("malformed_dimensions.xls")).is_err());
    }

    #[test]
    fn a_workbook_as_an_office_suite_writes_it_is_read() {
        assert!(check(&fixture("record.xls")).is_ok());
        // Not a compound file: left to calamine, which says why.
        assert!(check(b"not a workbook").is_ok());
        // Cut short: its sectors lie past the end of the file, which calamine pads with zeros or,
        // reading one past the end first, panics on.
        let refused = check(&fixture("record.xls")[..600]).unwrap_err();
        assert!(refused.message.contains("damaged"), "{}", refused.message);
    }

    #[test]
    fn the_workbook_stream_measured_is_the_one_calamine_reads() {
        // Two `Workbook` streams: calamine reads the first in the directory's order (not linked
        // into the root's tree), of 4 billion rows; the second, the root's child, is one cell.
        let orphan = fixture("malformed_orphan_workbook.xls");
        let refused = check(&orphan).unwrap_err();
        assert!(
            refused.message.contains("DIMENSIONS"),
            "{}",
            refused.message
        );
        // The streams swapped: the sheet of one cell comes first, and is the one read.
        let (first, second) = (1536..1536 + 4096, 1536 + 4096..1536 + 8192);
        let mut swapped = orphan.clone();
        swapped[first.clone()].copy_from_slice(&orphan[second.clone()]);
        swapped[second].copy_from_slice(&orphan[first]);
        assert!(check(&swapped).is_ok());
    }

    #[test]
    fn the_text_of_shared_strings_is_counted_as_calamine_copies_it() {
        use calamine::{Data, Reader};
        // LibreOffice writes every text cell as a LABELSST: the text counted is the text calamine
        // makes of them, byte for byte.
        let path = format!(
            "{}/tests/fixtures/import/xlsx/record.xls",
            env!("CARGO_MANIFEST_DIR")
        );
        let stream = workbook_stream(&fixture("record.xls")).unwrap().unwrap();
        let counted = check_sheets(&stream).unwrap();
        let mut workbook: calamine::Xls<_> = calamine::open_workbook(&path).unwrap();
        let mut copied = 0;
        for name in workbook.sheet_names() {
            for cell in workbook.worksheet_range(&name).unwrap().used_cells() {
                if let Data::String(text) = cell.2 {
                    copied += text.len() as u64;
                }
            }
        }
        assert!(copied > 500, "{copied}");
        assert_eq!(counted, copied);
    }

    #[test]
    fn copies_of_a_shared_string_past_the_bound_are_refused() {
        // 3,072 cells naming one string of 32,768 characters of 3 bytes: 302 MB of copies.
        let copies = fixture("malformed_shared_string_copies.xls");
        let refused = check(&copies).unwrap_err();
        assert_eq!(refused.sheet.as_deref(), Some("Ark1"));
        assert!(
            refused.message.contains("268435456") && refused.message.contains("shared strings"),
            "{}",
            refused.message
        );
        // The cell at which the copies pass the bound: 2,731 × 98,304 bytes.
        assert!(refused.message.contains("A2731"), "{}", refused.message);
    }

    #[test]
    fn a_sheet_that_starts_past_its_stream_is_refused() {
        let mut stream = Vec::new();
        // BOUNDSHEET: the sheet's BOF at byte 1,000,000; a visible worksheet named "A".
        stream.extend([0x85, 0x00, 0x09, 0x00]);
        stream.extend(1_000_000u32.to_le_bytes());
        stream.extend([0, 0, 1, 0, b'A']);
        stream.extend([0x0A, 0x00, 0x00, 0x00]); // EOF
        let refused = check_sheets(&stream).unwrap_err();
        assert_eq!(refused.sheet.as_deref(), Some("A"));
    }
}
