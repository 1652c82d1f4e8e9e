//! The layout rules, one by one.

use super::format;

fn fmt(text: &str) -> String {
    let once = format(text).expect("parses");
    assert_eq!(format(&once).expect("parses"), once, "idempotent");
    once
}

#[test]
fn activity_values_start_in_one_column() {
    assert_eq!(
        fmt(
            "activity a \"A\" {\npurpose \"p\"\n      data x,y\nbasis gdpr 6(1)(e),dbl 8(1)\ncctv\ncontrol measure \"m\"\nmonitoring \"m\"\n}\n"
        ),
        "activity a \"A\" {\n  purpose  \"p\"\n  data     x, y\n  basis    gdpr 6(1)(e), dbl 8(1)\n  cctv\n  control measure \"m\"\n  monitoring \"m\"\n}\n"
    );
}

#[test]
fn processor_and_dpo_blocks_have_their_own_columns() {
    assert_eq!(
        fmt(
            "controller c \"C\" {\ncontact \"x\"\ndpo { name \"n\"\nemail \"e\" }\n}\nprocessor p \"P\" {\nagreement \"a\"\ncountry DK\nsupervised 2026-01-01 \"s\"\n}\n"
        ),
        "controller c \"C\" {\n  contact \"x\"\n  dpo {\n    name    \"n\"\n    email   \"e\"\n  }\n}\n\n\
         processor p \"P\" {\n  agreement \"a\"\n  country   DK\n  supervised 2026-01-01 \"s\"\n}\n"
    );
}

/// A comment between a one-line declaration and its one-line block ends the line, so the block
/// goes on the next and the declaration, now of two lines, is no row of its neighbours' table but
/// stands apart as other declarations of several lines do (as a row, its block came after the
/// comment, inside it, and the formatter refused the file).
#[test]
fn a_comment_before_a_one_line_block_keeps_the_block_out_of_it() {
    assert_eq!(
        fmt(
            "recipient a \"A\" police\nrecipient police \"Politiet\" police // c\n { country unknown }\nrecipient bb \"BB\" police\n"
        ),
        "recipient a \"A\" police\n\nrecipient police \"Politiet\" police // c\n{ country unknown }\n\n\
         recipient bb \"BB\" police\n"
    );
}

#[test]
fn one_line_declarations_form_tables_and_long_cells_stay_out() {
    assert_eq!(
        fmt(
            "source a \"A\" register { unnamed }\n// kept\nsource bb \"BB\" data_subject\nsource a_name_longer_than_the_cap_of_24 \"C\" staff\n\nsource c \"C\" staff\n"
        ),
        "source a  \"A\"  register { unnamed }\n// kept\nsource bb \"BB\" data_subject\n\
         source a_name_longer_than_the_cap_of_24 \"C\" staff\n\nsource c \"C\" staff\n"
    );
}

#[test]
fn block_declarations_stand_apart_and_empty_lines_are_kept_once() {
    assert_eq!(
        fmt(
            "\n\ndata a \"A\" ordinary\nactivity x \"X\" {\n\n\npurpose \"p\"\n\n\n\ndata a\n\n}\ndata b \"B\" ordinary\n\n\n"
        ),
        "data a \"A\" ordinary\n\nactivity x \"X\" {\n  purpose  \"p\"\n\n  data     a\n}\n\ndata b \"B\" ordinary\n"
    );
}

#[test]
fn blocks_on_one_line_stay_on_one_line() {
    assert_eq!(
        fmt(
            "recipient r \"R\" police {country   DK}\ncontroller c \"C\" { public authority document \"D\" {   } }\n"
        ),
        "recipient r \"R\" police { country DK }\ncontroller c \"C\" { public authority document \"D\" {} }\n"
    );
    assert_eq!(
        fmt("data a \"A\" ordinary {\n}\n"),
        "data a \"A\" ordinary {}\n"
    );
}

#[test]
fn statements_on_one_line_are_split_and_clause_breaks_are_kept() {
    assert_eq!(
        fmt(
            "activity x \"X\" { purpose \"p\"\ndata a, b disclose a,\nb\nto r\nunder gdpr 6(1)(c) review manual\n| ai }\n"
        ),
        "activity x \"X\" {\n  purpose  \"p\"\n  data     a, b\n  disclose a,\n           b\n        to r\n        under gdpr 6(1)(c)\n  review   manual\n           | ai\n}\n"
    );
}

#[test]
fn comments_stay_where_they_were() {
    let text = "// file\nactivity x \"X\" { // brace\n  // above\n  purpose  \"p\" // end\n  data     a, // in a list\n           b\n  // last\n} // after\n// end of file\n";
    assert_eq!(fmt(text), text);
}

#[test]
fn an_unknown_statement_is_left_as_written() {
    assert_eq!(
        fmt("activity x \"X\" {\npurpse   \"p\"  // not a comment here\n}\n"),
        "activity x \"X\" {\n  purpse   \"p\"  // not a comment here\n}\n"
    );
}

#[test]
fn a_file_that_does_not_parse_is_refused_with_located_errors() {
    let errors = format("activity x \"X\" {\n  purpose\n").expect_err("does not parse");
    assert!(errors.iter().all(|e| e.primary.is_some()), "{errors:?}");
}

#[test]
fn crlf_and_unicode_white_space_become_plain() {
    assert_eq!(
        fmt("data\u{a0}a \"A\"\tordinary\r\n// c\r\n"),
        "data a \"A\" ordinary\n// c\n"
    );
}

/// Every `.hjemmel` file under `dir`.
fn spec_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            spec_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "hjemmel") {
            found.push(path);
        }
    }
}

#[test]
fn the_fast_parsers_outline_lays_out_as_pests_tree_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["specs", "examples", "tests/fixtures"] {
        spec_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "{} spec files", files.len());
    let mut compared = 0;
    for path in &files {
        // A few fixtures are not UTF-8 on purpose.
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(formatted) = format(&text) else {
            continue;
        };
        assert_eq!(
            Some(formatted),
            super::format_by_pest(&text),
            "{}",
            path.display()
        );
        compared += 1;
    }
    assert!(compared > 50, "{compared} specs laid out");
}

#[test]
fn the_lexer_reads_escapes_open_texts_and_slashes() {
    let texts = |text| {
        super::tokens::lex(text)
            .0
            .iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts("a/b \"x\\\"y\" \"open \\\n c//d\n\"end\\"),
        vec!["a/b", "\"x\\\"y\"", "\"open \\", "c", "//d", "\"end\\"]
    );
}
