//! The rows of `hjemmel ropa --format xlsx`: every row of more than one line carries its own height,
//! as tall as its tallest cell's lines (LibreOffice does not grow a row for wrapped text it did not write itself,
//! so the lines would run into the next row), and the sheet's default height is Excel's. The writer
//! sets each row's height through the sheet's default while the row is written (src/ropa/xlsx.rs,
//! `Book::row`), so a height given to the wrong row shows here.

mod support;

use std::io::Read;

use hjemmel::i18n::Lang;
use hjemmel::ropa::xlsx;

/// Excel's tallest row, as the sheet XML writes it (409 points in whole pixels).
const TALLEST: f64 = 408.75;

/// The sheets' XML of the workbook of specs/`name` in `lang`, by file name.
fn sheets(name: &str, lang: Lang) -> Vec<(String, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(name);
    let bytes = support::workbook_of(&path, lang);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut sheets = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let file_name = file.name().unwrap().to_string();
        if file_name.starts_with("xl/worksheets/sheet") {
            let mut xml = String::new();
            file.read_to_string(&mut xml).unwrap();
            sheets.push((file_name, xml));
        }
    }
    assert_eq!(
        sheets.len(),
        xlsx::SHEETS.len(),
        "{name}: one file per sheet"
    );
    sheets
}

/// Checks every row of every sheet; the number of rows and their distinct heights.
fn rows_are_as_tall_as_their_lines(name: &str, lang: Lang) -> (usize, Vec<f64>) {
    let mut rows = 0;
    let mut heights: Vec<f64> = Vec::new();
    for (file, xml) in sheets(name, lang) {
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let format = doc
            .descendants()
            .find(|n| n.has_tag_name("sheetFormatPr"))
            .expect("sheetFormatPr");
        assert_eq!(format.attribute("defaultRowHeight"), Some("15"), "{file}");
        assert_eq!(format.attribute("customHeight"), None, "{file}");
        for row in doc.descendants().filter(|n| n.has_tag_name("row")) {
            let at = format!(
                "{name} ({lang:?}) {file} row {}",
                row.attribute("r").unwrap()
            );
            rows += 1;
            // A row of one line has the default height and says nothing.
            let height: f64 = match row.attribute("ht") {
                Some(ht) => {
                    assert_eq!(row.attribute("customHeight"), Some("1"), "{at}");
                    ht.parse().unwrap()
                }
                None => 15.0,
            };
            let lines = row
                .descendants()
                .filter(|n| n.has_tag_name("t"))
                .map(|t| t.text().unwrap_or("").split('\n').count())
                .max()
                .unwrap_or(1);
            let needed = (lines as f64 * 15.0).min(TALLEST);
            assert!(
                height >= needed,
                "{at}: {height} pt for {lines} lines ({needed} pt)"
            );
            if !heights.contains(&height) {
                heights.push(height);
            }
        }
    }
    (rows, heights)
}

#[test]
fn every_row_has_the_height_of_its_own_lines() {
    for name in ["lejre", "randers"] {
        for lang in Lang::ALL {
            let (rows, heights) = rows_are_as_tall_as_their_lines(name, lang);
            assert!(rows > 50, "{name}: {rows} rows");
            // Rows of one, two and more lines, up to the tallest: a height given to the row before
            // or after would be too low for some of them.
            assert!(heights.len() >= 4, "{name} ({lang:?}): {heights:?}");
            assert!(
                name != "lejre" || heights.contains(&TALLEST),
                "{name}: {heights:?}"
            );
            assert!(heights.contains(&15.0), "{name}: {heights:?}");
        }
    }
}
