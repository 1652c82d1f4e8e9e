//! OS2compliance's register export: the workbook its register list ("Fortegnelse") exports to Excel,
//! one register a row under the headings the user picked. It is read as a spreadsheet by the
//! mapping src/import/data/os2compliance-export.toml (which says where each heading comes from): the
//! title becomes the activity, the department its unit, and every other column (status,
//! assessments, counts) a comment beside the activity. The export holds no purpose, legal basis,
//! data or deadline, so `hjemmel check` reports all of them.

use std::path::Path;
use std::sync::OnceLock;

use super::register::{ImportError, Register, file_name};
use super::spreadsheet::{self, Field, Mapping};

/// The name of the one sheet OS2compliance's export writes.
const SHEET: &str = "Export";

/// The mapping of the export's headings.
pub fn mapping() -> &'static Mapping {
    static MAPPING: OnceLock<Mapping> = OnceLock::new();
    MAPPING.get_or_init(|| {
        toml::from_str(include_str!("data/os2compliance-export.toml")).unwrap_or_else(|e| {
            panic!("src/import/data/os2compliance-export.toml is malformed: {e}")
        })
    })
}

/// Reads an export as OS2compliance writes it (xlsx), or saved as csv, by the export's mapping or,
/// when one is given, the caller's (a version of OS2compliance whose headings differ).
pub fn read(path: &Path, given: Option<&Mapping>) -> Result<Register, ImportError> {
    let mapping = given.unwrap_or_else(|| mapping());
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("txt"));
    let mut register = if is_csv {
        spreadsheet::read_csv(path, mapping)?
    } else {
        spreadsheet::read_xlsx(path, mapping)?
    };
    register.source = format!("OS2compliance's register export {}", file_name(path));
    Ok(register)
}

/// Whether a row of headings is the export's: every heading that is not empty is one the export
/// writes, and the register's title (`Titel`) is among them.
pub fn has_the_layout(headings: &[String]) -> bool {
    let mut title = false;
    for heading in headings.iter().filter(|h| !h.trim().is_empty()) {
        match mapping().field_of_heading(heading) {
            None => return false,
            Some(Field::Activity) => title = true,
            Some(_) => {}
        }
    }
    title
}

/// Whether an open workbook is OS2compliance's register export: its first sheet is named `Export`
/// and the first row that is not empty holds the export's headings. Only that row is read, so that
/// telling the format costs next to nothing on a large workbook; a sheet that cannot be read is not
/// the export (the reader it is left to says why).
pub fn is_export<RS: std::io::Read + std::io::Seek>(workbook: &mut calamine::Xlsx<RS>) -> bool {
    use calamine::{DataType, Reader};
    if workbook.sheet_names().first().map(String::as_str) != Some(SHEET) {
        return false;
    }
    let Ok(mut cells) = workbook.worksheet_cells_reader(SHEET) else {
        return false;
    };
    let mut headings = Vec::new();
    let mut first_row = None;
    while let Ok(Some(cell)) = cells.next_cell() {
        let Some(text) = cell.get_value().as_string() else {
            continue;
        };
        let row = cell.get_position().0;
        if *first_row.get_or_insert(row) != row {
            break;
        }
        headings.push(text);
    }
    has_the_layout(&headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_layout_is_the_exports_headings_with_the_title() {
        assert!(has_the_layout(&strings(&["Titel", "Afdeling", "Status"])));
        assert!(has_the_layout(&strings(&["titel", "", "risiko vurdering"])));
        // Without the title, or with a heading the export does not write: another layout.
        assert!(!has_the_layout(&strings(&["Afdeling", "Status"])));
        assert!(!has_the_layout(&strings(&["Titel", "Formål"])));
        assert!(!has_the_layout(&[]));
    }

    #[test]
    fn the_mapping_places_the_title_and_the_department() {
        assert_eq!(mapping().field_of_heading("Titel"), Some(Field::Activity));
        assert_eq!(mapping().field_of_heading("Afdeling"), Some(Field::Unit));
        assert_eq!(mapping().field_of_heading("Status"), Some(Field::Comments));
        assert_eq!(mapping().field_of_heading("Formål"), None);
    }
}
