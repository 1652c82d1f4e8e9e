//! The hand-written parser (src/syntax/fast_parser.rs) against pest, which defines the language, on
//! arbitrary text, as tests/fast_parser.rs does for the repository's specs:
//! - the fast parser alone: when it builds a tree, pest builds the same one, spans included; when it
//!   calls the text invalid, pest rejects it too;
//! - the parser hjemmel runs (`parse_file`: the fast parser declaration by declaration, pest where it
//!   gives up) against pest alone: the same tree, or the same errors at the same locations.

#![no_main]

use hjemmel::syntax::parser::{Fallback, parse_file, parse_file_fast, parse_file_pest};
use hjemmel::syntax::span::FileId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let fast = parse_file_fast(FileId(0), text);
    let pest = parse_file_pest(FileId(0), text);
    match (&fast, &pest) {
        (Ok(f), Ok(p)) => {
            // Debug output shows every span; `==` on the tree ignores them.
            let (f, p) = (format!("{f:#?}"), format!("{p:#?}"));
            assert!(f == p, "the trees differ\n--- fast\n{f}\n--- pest\n{p}");
        }
        (Ok(_), Err(errors)) => panic!("the fast parser accepts what pest rejects: {errors:?}"),
        (Err(Fallback::Invalid), Ok(_)) => panic!("the fast parser rejects what pest accepts"),
        (Err(Fallback::Invalid), Err(_)) | (Err(Fallback::Unsure), _) => {}
    }
    let (used, pest) = (
        format!("{:#?}", parse_file(FileId(0), text)),
        format!("{pest:#?}"),
    );
    assert!(
        used == pest,
        "parse_file and pest differ\n--- parse_file\n{used}\n--- pest\n{pest}"
    );
});
