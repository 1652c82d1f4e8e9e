//! Arbitrary bytes as a spec (format: tests/support/fuzz_case.rs) through every renderer — human,
//! JSON, SARIF, GitHub, the HTML report, the record (Markdown, CSV, JSON), the graph (DOT, Mermaid,
//! SVG) and diff (human, Markdown, JSON) — with the output checks of
//! tests/support/output_checks.rs. A check known to fail until another branch is merged can be let
//! pass by name: `HJEMMEL_FUZZ_ALLOW=control,csv-formula` (docs/fuzzing.md).

#![no_main]

#[path = "../../tests/support/fuzz_case.rs"]
mod fuzz_case;
#[path = "../../tests/support/output_checks.rs"]
mod output_checks;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use output_checks::Check;

/// The checks named in `HJEMMEL_FUZZ_ALLOW` (comma-separated), read once.
fn allowed() -> &'static [Check] {
    static ALLOWED: OnceLock<Vec<Check>> = OnceLock::new();
    ALLOWED.get_or_init(|| {
        let names = std::env::var("HJEMMEL_FUZZ_ALLOW").unwrap_or_default();
        let allowed: Vec<Check> = names
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| {
                Check::ALL
                    .into_iter()
                    .find(|c| c.name() == name)
                    .unwrap_or_else(|| panic!("HJEMMEL_FUZZ_ALLOW: no check `{name}`"))
            })
            .collect();
        allowed
    })
}

fuzz_target!(|bytes: &[u8]| {
    let input = fuzz_case::FuzzInput::from_bytes(bytes);
    let checked = fuzz_case::check_input(&input, &fuzz_case::scratch_dir());
    let rendered = fuzz_case::render_all(&checked, fuzz_case::Outputs::Every);
    let violations = fuzz_case::violations(&rendered, allowed());
    if let Some(first) = violations.first() {
        panic!("{first}");
    }
});
