//! How large the parts of a zipped workbook (.xlsx, .xlsm, .xlsb, .ods) are once inflated, read
//! from the zip's central directory before calamine opens it.
//!
//! Deflate packs about a thousand bytes into one: an .xlsx of 3 MB whose sheet is 3 GiB of spaces
//! kept calamine inflating and reading for as long as that takes, however few cells it made. Each
//! part declares its size in the central directory, so the workbook is refused before a byte is
//! inflated when one declares more than [`MAX_PART_BYTES`]. A part that inflates to more than it
//! declares is not read past its declared size: the zip crate, calamine's, stops it there with an
//! error ("File is larger than its declared uncompressed size"; a test below holds it to
//! that).

use std::io::{Read, Seek};

use super::Refused;

/// The most bytes a part of a zipped workbook (a sheet, the shared strings, an .ods's
/// `content.xml`, an image) may declare once inflated (1 GiB): a sheet at the bounds on cells and
/// text is about that much XML (16,777,216 cells of about 45 bytes each and 256 MiB of text), and
/// the largest sheet of the record of 100,000 activities that `hjemmel ropa --format xlsx` writes
/// is about half of it (520 MB). Reading 1 GiB of XML takes seconds, not minutes.
pub const MAX_PART_BYTES: u64 = 1 << 30;

/// `Ok` when no part of the zip declares more than [`MAX_PART_BYTES`].
pub fn check<R: Read + Seek>(zip: &zip::ZipArchive<R>) -> Result<(), Refused> {
    for index in 0..zip.len() {
        let Ok(part) = zip.by_index_data(index) else {
            continue;
        };
        if part.size() > MAX_PART_BYTES {
            return Err(Refused {
                sheet: None,
                message: format!(
                    "the workbook's part {} declares {} bytes once inflated: more than the {MAX_PART_BYTES} bytes hjemmel reads of a part",
                    part.name().unwrap_or_default(),
                    part.size()
                ),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::MAX_PART_BYTES;
    use crate::import::bounded_sheet::check_before_opening;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/xlsx")
            .join(name)
    }

    /// `zip` with the uncompressed size of part `name` declared as `size` in its local header and
    /// its central directory entry (as tests/fixtures/import/make_bounded_parts.py writes it).
    fn declared(mut zip: Vec<u8>, name: &str, size: u32) -> Vec<u8> {
        // signature, offset of the uncompressed size, of the name's length, of the name
        for (signature, size_at, name_len_at, name_at) in
            [(b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)]
        {
            let at = (0..zip.len() - name_at)
                .find(|&at| {
                    let name_len =
                        u16::from_le_bytes([zip[at + name_len_at], zip[at + name_len_at + 1]]);
                    zip[at..].starts_with(signature)
                        && zip[at + name_at..].get(..usize::from(name_len)) == Some(name.as_bytes())
                })
                .unwrap();
            zip[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
        }
        zip
    }

    fn check_bytes(bytes: &[u8]) -> Result<(), super::Refused> {
        let dir = std::env::temp_dir().join(format!("hjemmel-zip-extent-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{}.xlsx", bytes.len()));
        std::fs::write(&path, bytes).unwrap();
        let result = check_before_opening(&path);
        std::fs::remove_dir_all(&dir).unwrap();
        result
    }

    #[test]
    fn a_part_that_declares_more_than_the_bound_is_refused_before_it_is_inflated() {
        let refused =
            check_before_opening(&fixture("malformed_part_declared_too_large.xlsx")).unwrap_err();
        assert!(
            refused.message.contains("xl/worksheets/sheet1.xml")
                && refused.message.contains("2147483648")
                && refused.message.contains("1073741824"),
            "{}",
            refused.message
        );
        // At the bound the part is read (and found to be shorter than it declared: the zip's
        // checksum still holds); one byte past it, refused.
        let lying = std::fs::read(fixture("malformed_part_declared_too_large.xlsx")).unwrap();
        let sheet = "xl/worksheets/sheet1.xml";
        assert!(check_bytes(&declared(lying.clone(), sheet, MAX_PART_BYTES as u32)).is_ok());
        assert!(check_bytes(&declared(lying, sheet, MAX_PART_BYTES as u32 + 1)).is_err());
    }

    #[test]
    fn workbooks_as_writers_write_them_are_read() {
        for name in [
            "record.ods",
            "malformed_far_cells.xlsx",
            "malformed_far_cells.xlsb",
        ] {
            assert!(check_before_opening(&fixture(name)).is_ok(), "{name}");
        }
    }

    #[test]
    fn a_part_that_inflates_past_its_declared_size_is_not_read_past_it() {
        // The sheet declares its own 4 KB and is followed by 16 MiB of spaces: calamine's zip
        // reader stops at the declared size (hjemmel relies on it: the bound is on the size declared).
        let path = fixture("malformed_inflates_past_declared.xlsx");
        assert!(check_before_opening(&path).is_ok());
        let mapping = crate::import::spreadsheet::Mapping::default_record();
        let error = crate::import::spreadsheet::read_xlsx(&path, &mapping).unwrap_err();
        assert!(
            error
                .message
                .contains("larger than its declared uncompressed size"),
            "{}",
            error.message
        );
    }
}
