//! Arbitrary bytes as a spec (one file, or several and a `hjemmel.toml`, and an old version; the
//! format is in tests/support/fuzz_case.rs) through load → parse → resolve → rules: never a panic,
//! never a hang, and a spec that is not understood always says why.

#![no_main]

#[path = "../../tests/support/fuzz_case.rs"]
mod fuzz_case;
#[path = "../../tests/support/output_checks.rs"]
mod output_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let input = fuzz_case::FuzzInput::from_bytes(bytes);
    let checked = fuzz_case::check_input(&input, &fuzz_case::scratch_dir());
    let problems = fuzz_case::outcome_problems(&checked);
    assert!(problems.is_empty(), "{problems:#?}");
});
