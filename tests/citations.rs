//! Citations are checked against the structure of the act they cite (src/law/citation.rs): every
//! provision that exists is accepted and written out as a lawyer writes it, and every one that
//! does not (a paragraph, a letter or a nr. one past the last, a zero, a point where the provision
//! has none) is rejected, with the words that tell the author what exists. Each limit is tried on
//! both sides, so that a count check that is off by one, or a help that names the wrong range,
//! fails here (issue 11 point 7: cargo-mutants found them untested).

use hjemmel::i18n::Lang;
use hjemmel::law::ActId;
use hjemmel::law::acts::{LaysDown, ProvidesFor};
use hjemmel::law::citation::{LegalRef, Point};
use hjemmel::source::{SourceFile, SourceMap};

/// The citation as the activity's second basis, checked: the citation as the model holds it, or
/// the message, labels and help of the error it gives.
fn cite(citation: &str) -> Result<LegalRef, String> {
    let spec = format!(
        r#"controller k "Eksempel Kommune" {{ public authority contact "post@k.dk" dpo {{ email "dpo@k.dk" }} }}
subjects citizens "Borgere" citizens
data name "Navn" ordinary
activity a "Sagsbehandling" {{
  purpose "Behandling af sager"
  subjects citizens
  data name
  basis gdpr 6(1)(e), {citation}
  retain all for 1 years
}}
"#
    );
    let mut sources = SourceMap::new();
    sources.add(SourceFile::new("citation.hjemmel", spec));
    match hjemmel::check_sources(&sources, Lang::En) {
        Ok(checked) => Ok(checked.model.activities[0].bases[1].clone()),
        Err(errors) => {
            let error = errors
                .iter()
                .find(|e| e.code == "invalid-citation")
                .unwrap_or_else(|| panic!("`{citation}` gives no invalid-citation: {errors:#?}"));
            let labels = error.primary.iter().chain(&error.secondary);
            Err(std::iter::once(error.message.clone())
                .chain(labels.map(|l| l.message.clone()))
                .chain(error.help.clone())
                .collect::<Vec<_>>()
                .join("\n"))
        }
    }
}

/// Each citation is accepted and written out as the second text says.
fn assert_accepted(cases: &[(&str, &str)]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(citation, written)| match cite(citation) {
            Ok(legal) if legal.to_string() == *written => None,
            Ok(legal) => Some(format!(
                "`{citation}` is written `{legal}`, not `{written}`"
            )),
            Err(error) => Some(format!("`{citation}` is rejected:\n{error}")),
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// Each citation is rejected, and its error says every one of the phrases.
fn assert_rejected(cases: &[(&str, &[&str])]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(citation, phrases)| match cite(citation) {
            Ok(legal) => Some(format!("`{citation}` is accepted as `{legal}`")),
            Err(error) => {
                let missing: Vec<&&str> = phrases.iter().filter(|p| !error.contains(**p)).collect();
                (!missing.is_empty())
                    .then(|| format!("`{citation}`: the error does not say {missing:?}:\n{error}"))
            }
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn gdpr_paragraphs_and_letters_that_exist_are_accepted() {
    assert_accepted(&[
        ("gdpr 6(1)(a)", "GDPR art. 6(1)(a)"),
        ("gdpr 6(1)(f)", "GDPR art. 6(1)(f)"),
        ("gdpr 6(4)", "GDPR art. 6(4)"),
        ("gdpr 6(4)(e)", "GDPR art. 6(4)(e)"),
        ("gdpr 6", "GDPR art. 6"),
        ("gdpr 9(2)(j)", "GDPR art. 9(2)(j)"),
        ("gdpr 17(3)(b)", "GDPR art. 17(3)(b)"),
        ("gdpr 99(2)", "GDPR art. 99(2)"),
    ]);
}

#[test]
fn gdpr_paragraphs_and_letters_past_the_last_are_rejected() {
    assert_rejected(&[
        // One past the last letter of a paragraph: the range and the help name the last one.
        (
            "gdpr 6(1)(g)",
            &[
                "GDPR art. 6(1) has no point (g)",
                "GDPR art. 6(1) has points (a) to (f)",
                "write one of `gdpr 6(1)(a)` ... `gdpr 6(1)(f)`",
            ],
        ),
        (
            "gdpr 9(2)(k)",
            &[
                "no point (k)",
                "points (a) to (j)",
                "`gdpr 9(2)(a)` ... `gdpr 9(2)(j)`",
            ],
        ),
        ("gdpr 6(4)(f)", &["no point (f)", "points (a) to (e)"]),
        // A paragraph one past the last, and paragraph 0.
        (
            "gdpr 6(5)",
            &[
                "GDPR art. 6 has no paragraph (5)",
                "has paragraphs (1) to (4)",
                "write one of `gdpr 6(1)` ... `gdpr 6(4)`",
            ],
        ),
        ("gdpr 6(0)", &["has no paragraph (0)", "(1) to (4)"]),
        ("gdpr 9(5)(a)", &["has no paragraph (5)"]),
        // A letter in a paragraph without points.
        (
            "gdpr 6(2)(a)",
            &[
                "GDPR art. 6(2) has no points",
                "is not divided into points",
                "cite it as `gdpr 6(2)`",
            ],
        ),
        // What is not a paragraph number or a letter.
        (
            "gdpr 6(x)",
            &["`(x)` is not a paragraph number", "numbered (1), (2)"],
        ),
        (
            "gdpr 6(1)(E)",
            &[
                "`(E)` is not a point",
                "lowercase letters",
                "lowercase letter: `gdpr 6(1)(e)`",
            ],
        ),
        (
            "gdpr 6(1)(ab)",
            &["`(ab)` is not a point", "has points (a) to (f)"],
        ),
        (
            "gdpr 6(1)(1)",
            &["`(1)` is not a point", "has points (a) to (f)"],
        ),
        // Too many parts, and an article that does not exist.
        (
            "gdpr 6(1)(e)(1)",
            &[
                "`gdpr 6(1)(e)(1)` has too many parts",
                "write e.g. `gdpr 6(1)(a)`",
            ],
        ),
        (
            "gdpr 100",
            &["GDPR has no article 100", "GDPR has articles 1 to 99"],
        ),
        ("gdpr 0", &["GDPR has no article 0"]),
    ]);
}

/// An article of one unnumbered paragraph is cited without a paragraph; its points directly.
#[test]
fn gdpr_articles_of_one_paragraph() {
    assert_accepted(&[
        ("gdpr 10", "GDPR art. 10"),
        ("gdpr 50", "GDPR art. 50"),
        ("gdpr 50(a)", "GDPR art. 50(a)"),
        ("gdpr 50(d)", "GDPR art. 50(d)"),
        // `(1)` before the point is tolerated: Danish practice writes "stk. 1" for the only one.
        ("gdpr 50(1)(d)", "GDPR art. 50(d)"),
    ]);
    assert_rejected(&[
        // No points: no part at all may follow.
        (
            "gdpr 10(1)",
            &[
                "GDPR art. 10 has no numbered paragraphs",
                "a single paragraph is cited by its number alone",
                "cite it as `gdpr 10`",
            ],
        ),
        (
            "gdpr 10(a)",
            &["has no numbered paragraphs", "cite it as `gdpr 10`"],
        ),
        (
            "gdpr 10(1)(a)",
            &["has no numbered paragraphs", "cite it as `gdpr 10`"],
        ),
        // Points: one past the last, a paragraph other than 1, a capital, two letters.
        (
            "gdpr 50(e)",
            &["GDPR art. 50 has no point (e)", "has points (a) to (d)"],
        ),
        ("gdpr 50(1)(e)", &["has no point (e)", "(a) to (d)"]),
        (
            "gdpr 50(2)(a)",
            &[
                "has no numbered paragraphs",
                "cite the point directly, e.g. `gdpr 50(a)`",
            ],
        ),
        ("gdpr 50(A)", &["has no point (A)", "(a) to (d)"]),
        ("gdpr 50(ab)", &["has no point (ab)"]),
        ("gdpr 50(1)", &["has no point (1)"]),
        ("gdpr 50(a)(b)", &["has no numbered paragraphs"]),
    ]);
}

#[test]
fn danish_sections_stk_and_nr_that_exist_are_accepted() {
    assert_accepted(&[
        ("dbl 8(2)(1)", "Databeskyttelsesloven § 8, stk. 2, nr. 1"),
        ("dbl 8(2)(4)", "Databeskyttelsesloven § 8, stk. 2, nr. 4"),
        ("dbl 8(7)", "Databeskyttelsesloven § 8, stk. 7"),
        ("dbl 10(3)(3)", "Databeskyttelsesloven § 10, stk. 3, nr. 3"),
        ("dbl 13", "Databeskyttelsesloven § 13"),
        ("tvol 4c(5)", "Tv-overvågningsloven § 4 c, stk. 5"),
        ("tvol 4c(2)(4)", "Tv-overvågningsloven § 4 c, stk. 2, nr. 4"),
        // A single paragraph's points are cited directly, with `(1)` before them tolerated.
        ("offl 30(1)", "Offentlighedsloven § 30, nr. 1"),
        ("offl 30(2)", "Offentlighedsloven § 30, nr. 2"),
        ("offl 30(1)(2)", "Offentlighedsloven § 30, nr. 2"),
        ("arkivl 4(5)", "Arkivloven § 4, nr. 5"),
    ]);
}

#[test]
fn danish_stk_and_nr_past_the_last_are_rejected() {
    assert_rejected(&[
        (
            "dbl 8(2)(5)",
            &[
                "Databeskyttelsesloven § 8, stk. 2 has no point (5)",
                "Databeskyttelsesloven § 8, stk. 2 has nr. 1 to 4",
                "write one of `dbl 8(2)(1)` ... `dbl 8(2)(4)`",
            ],
        ),
        ("dbl 8(2)(0)", &["has no point (0)", "nr. 1 to 4"]),
        (
            "dbl 8(2)(x)",
            &[
                "`(x)` is not a point (nr.) of Databeskyttelsesloven § 8, stk. 2",
                "points (nr.) are numbers",
                "has nr. 1 to 4",
            ],
        ),
        (
            "dbl 8(8)",
            &[
                "Databeskyttelsesloven § 8 has no paragraph (8)",
                "has paragraphs (1) to (7)",
            ],
        ),
        ("dbl 8(0)", &["has no paragraph (0)"]),
        (
            "dbl 7(1)(1)",
            &["§ 7, stk. 1 has no points", "cite it as `dbl 7(1)`"],
        ),
        (
            "dbl 13(1)",
            &["§ 13 has no numbered paragraphs", "cite it as `dbl 13`"],
        ),
        (
            "dbl 8(2)(1)(1)",
            &[
                "`dbl 8(2)(1)(1)` has too many parts",
                "write e.g. `dbl 8(1)(1)` for stk. 1, nr. 1",
            ],
        ),
        (
            "dbl 99",
            &[
                "Databeskyttelsesloven has no § 99",
                "no such § in Databeskyttelsesloven",
                "Databeskyttelsesloven has §§ 1 to 48",
            ],
        ),
        // A single paragraph with points: one past the last nr., nr. 0, a paragraph other than 1.
        (
            "offl 30(3)",
            &["Offentlighedsloven § 30 has no point (3)", "has nr. 1 to 2"],
        ),
        ("offl 30(0)", &["has no point (0)", "nr. 1 to 2"]),
        ("offl 30(1)(3)", &["has no point (3)"]),
        (
            "offl 30(2)(1)",
            &[
                "§ 30 has no numbered paragraphs",
                "cite the point directly, e.g. `offl 30(1)`",
            ],
        ),
        ("offl 30(x)", &["has no point (x)", "nr. 1 to 2"]),
    ]);
}

/// An act whose table is incomplete keeps a § it does not list as written, as long as stk. and nr.
/// are numbers.
#[test]
fn a_section_an_incomplete_table_does_not_list_is_kept_as_written() {
    assert_accepted(&[
        ("offl 200", "Offentlighedsloven § 200"),
        ("offl 200(3)", "Offentlighedsloven § 200, stk. 3"),
        ("offl 200(3)(2)", "Offentlighedsloven § 200, stk. 3, nr. 2"),
    ]);
    assert_rejected(&[
        (
            "offl 200(a)",
            &[
                "`offl 200(a)` is not a valid citation",
                "not a § with stk. and nr.",
                "e.g. `offl 200(1)` or `offl 200(1)(2)`",
            ],
        ),
        (
            "offl 200(1)(b)",
            &["`offl 200(1)(b)` is not a valid citation"],
        ),
        (
            "offl 200(1)(2)(3)",
            &["`offl 200(1)(2)(3)` is not a valid citation"],
        ),
    ]);
}

#[test]
fn an_unknown_act_names_the_known_ones() {
    assert_rejected(&[
        (
            "gdrp 6(1)(e)",
            &["unknown act `gdrp`", "did you mean `gdpr`?", "Known acts: "],
        ),
        ("xyzzy 1", &["unknown act `xyzzy`", "known acts: "]),
    ]);
}

/// What the rules ask of a citation: `is` with and without paragraph and point, the letter of a
/// GDPR paragraph, consent, and the provision's reference data.
#[test]
fn rules_read_act_number_paragraph_and_point() {
    let cited = |c: &str| cite(c).unwrap_or_else(|e| panic!("`{c}` is rejected: {e}"));
    let e = cited("gdpr 6(1)(e)");
    assert!(e.is(ActId::Gdpr, "6", None, None));
    assert!(e.is(ActId::Gdpr, "6", Some(1), None));
    assert!(e.is(ActId::Gdpr, "6", Some(1), Some(Point::Letter('e'))));
    assert!(!e.is(ActId::Gdpr, "6", Some(2), None));
    assert!(!e.is(ActId::Gdpr, "6", Some(1), Some(Point::Letter('f'))));
    assert!(!e.is(ActId::Gdpr, "9", Some(1), None));
    assert!(!e.is(ActId::Dbl, "6", Some(1), None));
    assert!(e.is_gdpr("6", 1, Some('e')) && e.is_gdpr("6", 1, None));
    assert!(!e.is_gdpr("6", 1, Some('a')) && !e.is_gdpr("6", 2, None));

    assert_eq!(e.gdpr_letter("6", 1), Some('e'));
    assert_eq!(e.gdpr_letter("6", 2), None);
    assert_eq!(e.gdpr_letter("9", 1), None);
    assert_eq!(cited("gdpr 9(2)(h)").gdpr_letter("9", 2), Some('h'));
    assert_eq!(cited("gdpr 6(1)").gdpr_letter("6", 1), None);
    assert_eq!(cited("dbl 8(2)(1)").gdpr_letter("8", 2), None);
    assert_eq!(cited("law \"Serviceloven\"").gdpr_letter("6", 1), None);

    assert!(cited("gdpr 6(1)(a)").is_consent());
    assert!(cited("gdpr 9(2)(a)").is_consent());
    assert!(!e.is_consent() && !cited("gdpr 9(2)(b)").is_consent());

    assert_eq!(e.provision().map(|p| p.number.as_str()), Some("6"));
    // What a § does for art. 6(3), and what further processing it provides for, as the law data
    // says: ART6-NATIONAL-LAW and PURPOSE-COMPATIBILITY read them through the citation.
    assert_eq!(cited("arkivl 21").lays_down(), Some(LaysDown::Duty));
    assert_eq!(
        cited("arkivl 21").provides_for(),
        Some(ProvidesFor::Archiving)
    );
    assert_eq!(cited("dbl 5(2)").lays_down(), Some(LaysDown::Condition));
    assert_eq!(
        cited("offl 7").provides_for(),
        Some(ProvidesFor::Disclosure)
    );
    assert_eq!(cited("dbl 5(2)").provides_for(), None);
    assert_eq!(cited("offl 200").lays_down(), None);
    assert!(cited("offl 200").provision().is_none());
    assert!(cited("law \"Serviceloven\"").provision().is_none());
}
