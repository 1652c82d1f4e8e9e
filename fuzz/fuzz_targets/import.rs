//! Arbitrary bytes through every reader of `hjemmel import` — CSV and xlsx with a mapping file,
//! hjemmel's own workbook, OS2compliance JSON, Fides YAML, the mapping TOML, the free-text readers
//! of legal bases and deadlines — and every register read through the writer (the input format and
//! the checks are in tests/support/import_case.rs): never a panic or a hang, a register or an error
//! that names the file, and a written spec without control characters that parses and resolves.

#![no_main]

#[path = "../../tests/support/import_case.rs"]
mod import_case;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let input = import_case::ImportInput::from_bytes(bytes);
    let checked = import_case::check_import(&input, &import_case::scratch_dir());
    assert!(
        checked.problems.is_empty(),
        "{}",
        checked.problems.join("\n")
    );
});
