//! The language and the law at a place: keywords, provisions, countries, rule codes, quick fixes.
//! Each answer is read from the text around the cursor (a token scan), so that a file that does not
//! parse gets one too; the legal facts come from src/law/, the keywords from the grammar.

mod complete;
mod fix;
mod hover;
mod keywords;
mod scan;

pub use hover::text as hover_text;
pub use keywords::Block;

use super::{Analysis, Completion, Fix, Hover, Place};
use crate::diagnostic::Diagnostic;

/// What the provision, rule code or keyword at `at` means.
pub fn hover(analysis: &Analysis, at: Place) -> Option<Hover> {
    let text = file_text(analysis, at)?;
    hover::at(text, at.file, at.offset, analysis.lang)
}

/// Statement keywords where they fit, a provision's parts, country codes, rule codes after `allow`.
pub fn complete(analysis: &Analysis, at: Place) -> Vec<Completion> {
    match file_text(analysis, at) {
        Some(text) => complete::at(text, at.file, at.offset, analysis.lang),
        None => Vec::new(),
    }
}

/// The quick fixes of a diagnostic whose help is mechanical.
pub fn fixes(analysis: &Analysis, diagnostic: &Diagnostic) -> Vec<Fix> {
    fix::of(&analysis.sources, diagnostic)
}

/// The text of the file `at` is in, when the analysis has it.
fn file_text(analysis: &Analysis, at: Place) -> Option<&str> {
    ((at.file.0 as usize) < analysis.sources.len())
        .then(|| analysis.sources.file(at.file).text.as_str())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::ide::Edit;
    use crate::source::{SourceFile, SourceMap};
    use crate::syntax::span::FileId;

    pub fn analysis(text: &str, lang: Lang) -> Analysis {
        let mut sources = SourceMap::new();
        sources.add(SourceFile::new("spec.hjemmel", text));
        Analysis::new(sources, lang)
    }

    /// Whether the spec stops at a spec error (it does not parse or resolve).
    pub fn does_not_parse(text: &str) -> bool {
        analysis(text, Lang::En).checked.is_err()
    }

    fn codes(analysis: &Analysis) -> Vec<String> {
        let mut codes: Vec<String> = analysis
            .diagnostics()
            .iter()
            .map(|d| d.code.clone())
            .collect();
        codes.sort();
        codes
    }

    /// Applies the fixes of the first diagnostic `code` and checks the spec again: the finding is
    /// gone and no other appears. Returns the fixed text.
    fn fixed(text: &str, code: &str, lang: Lang) -> String {
        assert_eq!(fixes_of(text, code, lang).len(), 1);
        fixed_by(text, code, lang, 0)
    }

    fn fixes_of(text: &str, code: &str, lang: Lang) -> Vec<Fix> {
        let before = analysis(text, lang);
        let diagnostic = before
            .diagnostics()
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("no {code} in {:?}", codes(&before)));
        fixes(&before, diagnostic)
    }

    /// [`fixed`] with the fix `which` of several.
    fn fixed_by(text: &str, code: &str, lang: Lang, which: usize) -> String {
        let before = analysis(text, lang);
        let fixes = fixes_of(text, code, lang);
        assert!(!fixes[which].title.is_empty());
        let after_text = Edit::apply_all(text, &fixes[which].edits);
        let after = analysis(&after_text, lang);
        let mut expected = codes(&before);
        let gone = expected.iter().position(|c| c == code).unwrap();
        expected.remove(gone);
        assert_eq!(codes(&after), expected, "after the fix:\n{after_text}");
        after_text
    }

    const CONTROLLER: &str = "controller k \"Eksempel Kommune\" { public authority contact \"kommune@k.dk\" dpo { email \"dpo@k.dk\" } }\nsubjects citizens \"Borgere\" citizens\n";

    #[test]
    fn a_misspelt_name_is_replaced_by_the_name_meant() {
        let text = format!(
            "{CONTROLLER}data portrait \"Portræt\" ordinary\nactivity a \"A\" {{\n  purpose \"p\"\n  subjects citizen\n  data portrait\n  basis gdpr 6(1)(e), law \"Lov § 1\"\n  retain all for 2 years\n}}\n"
        );
        for lang in Lang::ALL {
            let after = fixed(&text, "unknown-name", lang);
            assert!(after.contains("subjects citizens\n"), "{after}");
        }
        let before = analysis(&text, Lang::En);
        let fix = &fixes(&before, &before.diagnostics()[0])[0];
        assert!(fix.preferred);
        assert_eq!(fix.title, "write `citizens`");
    }

    #[test]
    fn a_misspelt_statement_is_replaced_by_the_statement_meant() {
        let text = format!(
            "{CONTROLLER}data portrait \"Portræt\" ordinary\nactivity a \"A\" {{\n  purpse \"p\"\n  subjects citizens\n  data portrait\n  basis gdpr 6(1)(e), law \"Lov § 1\"\n  retain all for 2 years\n}}\n"
        );
        let after = fixed(&text, "unknown-statement", Lang::Da);
        assert!(after.contains("  purpose \"p\""), "{after}");
    }

    #[test]
    fn a_misspelt_word_of_a_closed_list_is_replaced_by_the_word_meant() {
        let text = format!(
            "{CONTROLLER}data portrait \"Portræt\" ordnary\nactivity a \"A\" {{\n  purpose \"p\"\n  subjects citizens\n  data portrait\n  basis gdpr 6(1)(e), law \"Lov § 1\"\n  retain all for 2 yeras\n}}\n"
        );
        let before = analysis(&text, Lang::En);
        assert_eq!(codes(&before), ["invalid-value", "invalid-value"]);
        let all: Vec<Edit> = before
            .diagnostics()
            .iter()
            .flat_map(|d| fixes(&before, d))
            .flat_map(|f| f.edits)
            .collect();
        let after = Edit::apply_all(&text, &all);
        assert!(
            after.contains("\" ordinary\n") && after.contains("for 2 years\n"),
            "{after}"
        );
        assert!(codes(&analysis(&after, Lang::En)).is_empty());
    }

    /// The CONSENT-WITHDRAWAL fix applied: its placeholder keeps the finding (a notice must not say
    /// "TODO"); filled in, the finding goes and no other comes. Returns the text with the placeholder.
    fn filled(text: &str, code: &str, lang: Lang) -> String {
        let before = analysis(text, lang);
        let fixes = fixes_of(text, code, lang);
        let with_placeholder = Edit::apply_all(text, &fixes[0].edits);
        let left = analysis(&with_placeholder, lang);
        assert!(
            left.diagnostics().iter().any(|d| d.code == code),
            "the placeholder silenced {code}:\n{with_placeholder}"
        );
        let start = with_placeholder.find("\"TODO").unwrap() + 1;
        let end = start + with_placeholder[start..].find('"').unwrap();
        let done = format!(
            "{}Skriv til kommunen@k.dk{}",
            &with_placeholder[..start],
            &with_placeholder[end..]
        );
        let mut expected = codes(&before);
        expected.remove(expected.iter().position(|c| c == code).unwrap());
        assert_eq!(
            codes(&analysis(&done, lang)),
            expected,
            "filled in:\n{done}"
        );
        with_placeholder
    }

    #[test]
    fn consent_without_withdrawal_gets_a_withdrawal_statement_to_fill_in() {
        let text = format!(
            "{CONTROLLER}data portrait \"Portrætbillede\" ordinary\nactivity portraits \"Portrætbilleder på hjemmesiden\" {{\n  purpose \"Vise medarbejdere og borgere i kommunens nyheder\"\n  subjects citizens\n  data portrait\n  basis gdpr 6(1)(a)\n  retain all for 2 years\n}}\n"
        );
        let after = filled(&text, "CONSENT-WITHDRAWAL", Lang::En);
        assert!(
            after.contains("  retain all for 2 years\n  withdrawal \"TODO: "),
            "{after}"
        );
        let after = filled(&text, "CONSENT-WITHDRAWAL", Lang::Da);
        assert!(
            after.contains("withdrawal \"TODO: hvor og hvordan"),
            "{after}"
        );
        // A block on one line: before its brace.
        let one_line = format!(
            "{CONTROLLER}data portrait \"P\" ordinary\nactivity portraits \"P\" {{ purpose \"p\" subjects citizens data portrait basis gdpr 6(1)(a) retain all for 2 years }}\n"
        );
        let after = filled(&one_line, "CONSENT-WITHDRAWAL", Lang::En);
        assert!(after.contains("2 years withdrawal \"TODO"), "{after}");
        // The warning (the right is stated, not the channel) gets the same fix.
        let right = text.replace(
            "  retain all",
            "  withdrawal right \"Du kan altid trække dit samtykke tilbage\"\n  retain all",
        );
        filled(&right, "CONSENT-WITHDRAWAL", Lang::En);
    }

    #[test]
    fn criminal_data_of_a_public_authority_gets_dbl_8_1_in_its_basis() {
        let text = format!(
            "{CONTROLLER}data record \"Straffeattest\" criminal\nactivity hiring \"Ansættelse\" {{\n  purpose \"Vurdere ansøgere\"\n  subjects citizens\n  data record\n  basis gdpr 6(1)(e), law \"Lov om ansættelse § 1\"\n  retain all for 2 years\n}}\n"
        );
        let after = fixed(&text, "ART10-BASIS", Lang::En);
        assert!(
            after.contains("basis gdpr 6(1)(e), law \"Lov om ansættelse § 1\", dbl 8(1)\n"),
            "{after}"
        );
    }

    #[test]
    fn special_data_gets_the_conditions_of_the_help_that_fit_as_choices() {
        let text = format!(
            "{CONTROLLER}data health \"Helbredsoplysninger\" special(health)\nactivity care \"Hjemmesygepleje\" {{\n  purpose \"Hjemmesygepleje efter lægehenvisning\"\n  subjects citizens\n  data health\n  basis gdpr 6(1)(e), law \"Sundhedsloven § 138\"\n  retain all for 10 years after \"seneste tilførsel til journalen\"\n}}\n"
        );
        let choices = fixes_of(&text, "ART9-BASIS", Lang::En);
        let titles: Vec<&str> = choices.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(titles[0].starts_with("add `gdpr 9(2)(g), dbl 7(4)` to the basis (substantial"));
        assert!(titles[1].starts_with("add `gdpr 9(2)(h), dbl 7(3)` to the basis"));
        assert!(choices.iter().all(|f| !f.preferred), "a choice for the DPO");
        for which in 0..choices.len() {
            fixed_by(&text, "ART9-BASIS", Lang::En, which);
        }
        let da = fixes_of(&text, "ART9-BASIS", Lang::Da);
        assert!(
            da[1].title.contains("sundheds- eller socialfaglig"),
            "{}",
            da[1].title
        );
        // Employees: the employment-law condition too; an area that (h) does not fit: not (h).
        let staff = text
            .replace(
                "citizens \"Borgere\" citizens",
                "citizens \"Ansatte\" employees",
            )
            .replace("  data health\n", "  data health\n  area employment\n");
        let choices = fixes_of(&staff, "ART9-BASIS", Lang::En);
        let titles: Vec<&str> = choices.iter().map(|f| f.title.as_str()).collect();
        assert!(
            titles[0].starts_with("add `gdpr 9(2)(b), dbl 12(1)`"),
            "{titles:?}"
        );
        assert!(titles.iter().all(|t| !t.contains("9(2)(h)")), "{titles:?}");
        for which in 0..choices.len() {
            fixed_by(&staff, "ART9-BASIS", Lang::En, which);
        }
    }

    #[test]
    fn a_diagnostic_without_suggestions_has_no_fix_and_a_place_outside_the_files_none() {
        let text = format!("{CONTROLLER}activity a \"A\" {{ purpose \"p\" }}\n");
        let a = analysis(&text, Lang::En);
        for d in a.diagnostics() {
            if d.suggestions.is_empty() {
                assert!(fixes(&a, d).is_empty(), "{}", d.code);
            }
        }
        let outside = Place {
            file: FileId(7),
            offset: 3,
        };
        assert!(hover(&a, outside).is_none());
        assert!(complete(&a, outside).is_empty());
    }

    /// A request on a large spec answers from the text around the cursor and the file before it:
    /// measured here only to show it does not grow with more than the file (the benchmark is the
    /// place for times).
    #[test]
    fn answers_on_a_large_spec() {
        let mut text = String::from(CONTROLLER);
        text.push_str("data d \"D\" ordinary\n");
        for i in 0..2000 {
            text.push_str(&format!(
                "activity a{i} \"A\" {{\n  purpose \"p\"\n  subjects citizens\n  data d\n  basis gdpr 6(1)(e), law \"Lov § 1\"\n  retain all for 1 year\n}}\n"
            ));
        }
        let a = analysis(&text, Lang::En);
        let end = Place {
            file: FileId(0),
            offset: text.len() - 3,
        };
        let _ = complete(&a, end);
        let on = Place {
            file: FileId(0),
            offset: text.rfind("6(1)(e)").unwrap(),
        };
        assert!(hover(&a, on).is_some());
    }
}
