//! Reading spec files: a large file is mapped rather than read (src/source/source_text.rs), and
//! checking it must give exactly what checking the same text read into memory gives, byte-order
//! mark and bad bytes included.

mod support;

use hjemmel::i18n::Lang;
use hjemmel::source::{self, MAP_FROM_BYTES};

/// A spec with one finding (ART9-BASIS), from examples/.
const SPEC: &str = "examples/art9-without-basis.hjemmel";

const BOM: &str = "\u{FEFF}";

/// The example spec followed by comment lines up to at least `size` bytes, so that the findings
/// are the example's and only the size differs.
fn padded(size: u64) -> String {
    let mut text = std::fs::read_to_string(SPEC).unwrap();
    let line = "// padding: a comment line the parser skips, so the file is large enough to map\n";
    while (text.len() as u64) < size {
        text.push_str(line);
    }
    text
}

/// Writes `bytes` to a file in a fresh directory and checks it; gives what a user sees.
fn check_file(bytes: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.hjemmel");
    std::fs::write(&path, bytes).unwrap();
    let checked = support::check(&path);
    let shown = checked
        .render("spec.hjemmel")
        .replace(&path.display().to_string(), "spec.hjemmel");
    (checked.understood, shown)
}

fn is_mapped(bytes: &[u8]) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.hjemmel");
    std::fs::write(&path, bytes).unwrap();
    let sources = source::load(&path, Lang::En).unwrap();
    let (_, file) = sources.spec_files().next().unwrap();
    file.text.is_mapped()
}

#[test]
fn small_files_are_read_and_large_ones_mapped() {
    let small = std::fs::read(SPEC).unwrap();
    assert!(!is_mapped(&small));
    assert!(is_mapped(padded(MAP_FROM_BYTES).as_bytes()));
}

#[test]
fn a_mapped_file_gives_the_findings_of_the_same_text_read() {
    let large = padded(MAP_FROM_BYTES);
    let (understood, mapped) = check_file(large.as_bytes());
    assert!(understood, "{mapped}");
    assert!(mapped.contains("ART9-BASIS"), "{mapped}");

    // The same text, given to the checker from memory.
    let mut sources = source::SourceMap::new();
    sources.add(source::SourceFile::new("spec.hjemmel", large.clone()));
    let checked = hjemmel::check_sources(&sources, Lang::En).unwrap();
    let from_memory = support::Checked {
        sources,
        diagnostics: checked.findings,
        suppressed: checked.suppressed,
        understood: true,
    }
    .render("spec.hjemmel");
    assert_eq!(mapped, from_memory);
}

#[test]
fn a_byte_order_mark_is_dropped_whether_the_file_is_read_or_mapped() {
    for text in [
        std::fs::read_to_string(SPEC).unwrap(),
        padded(MAP_FROM_BYTES),
    ] {
        let with_bom = format!("{BOM}{text}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spec.hjemmel");
        std::fs::write(&path, &with_bom).unwrap();
        let sources = source::load(&path, Lang::En).unwrap();
        let (_, file) = sources.spec_files().next().unwrap();
        assert_eq!(
            file.text.as_str(),
            text,
            "mapped: {}",
            file.text.is_mapped()
        );
        assert_eq!(check_file(with_bom.as_bytes()), check_file(text.as_bytes()));
    }
}

#[test]
fn bad_bytes_in_a_mapped_file_are_reported_where_they_are() {
    let small = std::fs::read_to_string(SPEC).unwrap();
    let large = padded(MAP_FROM_BYTES);
    // A 0xFF byte in the label of `health`, at the same place in both files.
    let at = small.find("Helbreds").unwrap();
    for text in [&small, &large] {
        let mut bytes = text.as_bytes().to_vec();
        bytes[at] = 0xFF;
        let (understood, shown) = check_file(&bytes);
        assert!(!understood, "{shown}");
        let line = small[..at].matches('\n').count() + 1;
        assert!(
            shown.contains(&format!("invalid byte at line {line}, column 17")),
            "{}: {shown}",
            text.len()
        );
    }
}
