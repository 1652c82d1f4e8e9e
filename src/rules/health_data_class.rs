use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use serde::Deserialize;

use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Lang;
use crate::law::vocabulary::DataClass;
use crate::tr;

declare_rule! {
    /// # HEALTH-DATA-CLASS: a data category that reads as health data but is not classed so
    ///
    /// ## What it checks
    /// A data category classed `ordinary` or `confidential` whose name or label holds a word that
    /// reads as data concerning health: "sygdomsperioder", "sygefravær", "diagnoser", "handicap",
    /// "medicin", "helbredsoplysninger", "allergier", "graviditet", "psykiske", "sick leave", ... The
    /// words, in Danish and English, are legal data kept in `src/law/data/health_words.toml`, each with
    /// why it is there. They are looked for the Danish way: lowercased, in compounds as well as alone
    /// ("sygdom" in "sygdomsperioder" and "kræftsygdom"), and some only as whole words ("kost", not
    /// "koster"). Words that also mean something else are left out or narrowed: "fravær" alone does not
    /// fire ("fraværsdage" may be holiday), only "sygefravær"; "behandling" (the GDPR's own word for
    /// processing) does not fire; "medicinsk udstyr" does not fire, "medicinliste" does.
    ///
    /// Some words are a question rather than a finding ("kost", "diæt", "hjælpemidler", "fleksjob",
    /// "misbrug", "psykolog"): diet may be the menu chosen or a diabetic's; the finding then says the
    /// category *may* be health data.
    ///
    /// The finding stands on the `data` declaration. Where the DPO has checked that the category holds
    /// no health data, the waiver goes in the declaration's block:
    /// `data diet "Kost ved skolens madordning" ordinary { allow HEALTH-DATA-CLASS "reason" }`.
    ///
    /// ## Why it matters
    /// Data concerning health are "personal data related to the physical or mental health of a natural
    /// person, including the provision of health care services, which reveal information about his or
    /// her health status" (art. 4(15); recital 35: any information on a disease, disability, disease
    /// risk, medical history or treatment). They are a special category (art. 9(1)): processing them
    /// is prohibited unless a condition of art. 9(2) applies, with the Danish rules that fill it in
    /// (Databeskyttelsesloven § 7, and § 12 for employees). The class is what makes hjemmel ask for
    /// that condition (ART9-BASIS, ART9-FIT) and for an impact assessment where the data are processed
    /// on a large scale (art. 35(3)(b)): a category of health data classed `ordinary` or `confidential`
    /// ("fortrolige" in a Danish notice) escapes all of them. Lejre's notice lists "sygdomsperioder,
    /// begrundelse for fravær" among its "fortrolige oplysninger": periods of illness are health data,
    /// whatever the notice calls them.
    ///
    /// The law defines health data by what they reveal, not by words; a word list can only raise the
    /// question. Hence a warning, and a waiver with its reason where the answer is no.
    ///
    /// ## Legal basis
    /// - GDPR art. 4(15) and recital 35
    /// - GDPR art. 9(1) and 9(2)
    /// - Databeskyttelsesloven § 7
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects pupils "Elever" children
    /// data absence "Sygdomsperioder" confidential
    /// activity school "Elevadministration" {
    ///   purpose "Registrering af elevers fravær"
    ///   subjects pupils
    ///   data absence
    ///   basis gdpr 6(1)(e), gdpr 9(2)(g), dbl 7(4), law "Folkeskoleloven"
    ///   retain all for 5 years after "udgangen af skoleåret"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects pupils "Elever" children
    /// data absence "Sygdomsperioder" special(health)
    /// activity school "Elevadministration" {
    ///   purpose "Registrering af elevers fravær"
    ///   subjects pupils
    ///   data absence
    ///   basis gdpr 6(1)(e), gdpr 9(2)(g), dbl 7(4), law "Folkeskoleloven"
    ///   retain all for 5 years after "udgangen af skoleåret"
    /// }
    /// ```
    pub struct HealthDataClass {
        code: "HEALTH-DATA-CLASS",
        severity: Warning,
        summary: (
            "a data category whose name or label reads as health data is classed as health data, a special category",
            "en kategori af oplysninger, hvis navn eller betegnelse lyder som helbredsoplysninger, er klassificeret som helbredsoplysninger, en særlig kategori",
        ),
        provisions: [("GDPR", "art. 9(1)"), ("Databeskyttelsesloven", "§ 7")],
    }
    texts {
        MESSAGE = (
            "data category `{name}` reads as health data (\"{word}\") but is classed `{class}`",
            "kategorien `{name}` lyder som helbredsoplysninger (\"{word}\"), men er klassificeret som `{class}`",
        ),
        MESSAGE_QUESTION = (
            "data category `{name}` may be health data (\"{word}\") but is classed `{class}`",
            "kategorien `{name}` kan være helbredsoplysninger (\"{word}\"), men er klassificeret som `{class}`",
        ),
        LABEL = (
            "\"{word}\" reads as data concerning health",
            "\"{word}\" lyder som oplysninger om helbred",
        ),
        LABEL_QUESTION = (
            "\"{word}\" may reveal a person's health",
            "\"{word}\" kan afsløre noget om en persons helbred",
        ),
        CLASS_LABEL = (
            "classed `{class}`, not as special-category data",
            "klassificeret som `{class}`, ikke som en særlig kategori af oplysninger",
        ),
        HELP = (
            "if the category reveals anything about a person's physical or mental health (art. 4(15)), class \
             it `special(health)`, and the activities that process it then need a condition of art. 9(2); \
             if it does not, say why in the declaration's block: `allow HEALTH-DATA-CLASS \"...\"`",
            "afslører kategorien noget om en persons fysiske eller psykiske helbred (art. 4, nr. 15), så \
             klassificér den som `special(health)`, og de aktiviteter, der behandler den, skal så have en \
             betingelse i art. 9, stk. 2; gør den ikke, så skriv hvorfor i erklæringens blok: \
             `allow HEALTH-DATA-CLASS \"...\"`",
        ),
    }
}

/// Where a stem must stand in a word (see `src/law/data/health_words.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum At {
    /// Anywhere in a word: compounds.
    Part,
    /// At the start of a word.
    Start,
    /// The whole word, or the word with one of the entry's `endings`.
    Word,
}

/// One word of the list. `lang`, `note` and `checked` are for the reader of the data file; the tests
/// check that each entry has them.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct HealthWord {
    stem: String,
    at: At,
    /// For `at = "word"`: the endings the word may add to the stem (`""` for none).
    #[serde(default)]
    endings: Vec<String>,
    #[serde(default)]
    except: Vec<String>,
    judgement: bool,
    lang: String,
    note: String,
    checked: String,
}

/// A word considered and left out, with why (`[[left_out]]`); the tests check that it does not fire.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct LeftOut {
    word: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct WordsFile {
    word: Vec<HealthWord>,
    left_out: Vec<LeftOut>,
}

fn words_file() -> &'static WordsFile {
    static WORDS: OnceLock<WordsFile> = OnceLock::new();
    WORDS.get_or_init(|| crate::law::table::read_table!("health_words"))
}

/// An automaton that finds any stem of the list in a text. A contiguous NFA, not the DFA the crate
/// would choose for so few stems: it answers the same, and building the DFA cost more than all of a
/// 10k spec's searches (docs/performance.md, ninth round).
fn any_stem() -> &'static AhoCorasick {
    static STEMS: OnceLock<AhoCorasick> = OnceLock::new();
    STEMS.get_or_init(|| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(words_file().word.iter().map(|w| w.stem.as_str()))
            .expect("the stems of health_words.toml make an automaton")
    })
}

/// The text lowercased, with every run of characters that are not letters or digits made one space.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The first word of `text` that the list says reveals health (an entry without `judgement`): how
/// `hjemmel import` classes a category whose source does not state its class.
pub(crate) fn certain_health_word(text: &str) -> Option<String> {
    health_word(text)
        .filter(|(_, entry)| !entry.judgement)
        .map(|(word, _)| word)
}

/// The first word of `text` that reads as health data, with the list entry it matched.
fn health_word(text: &str) -> Option<(String, &'static HealthWord)> {
    let text = normalise(text);
    // Every way a word can match needs its stem somewhere in the text: one pass over the text finds
    // whether any stem is there, and most labels ("Navn og adresse") end here.
    if !any_stem().is_match(&text) {
        return None;
    }
    let mut start = 0;
    for word in text.split(' ') {
        let from_here = &text[start..];
        start += word.len() + 1;
        for entry in &words_file().word {
            let stem = entry.stem.as_str();
            let fits = match entry.at {
                At::Part => word.contains(stem),
                At::Start => word.starts_with(stem),
                At::Word => word
                    .strip_prefix(stem)
                    .is_some_and(|ending| entry.endings.iter().any(|e| e == ending)),
            };
            if fits
                && !entry
                    .except
                    .iter()
                    .any(|e| from_here.starts_with(e.as_str()))
            {
                return Some((word.to_string(), entry));
            }
        }
    }
    None
}

impl Rule for HealthDataClass {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for data in &model.data {
            if !matches!(data.class, DataClass::Ordinary | DataClass::Confidential) {
                continue;
            }
            // The label first: it holds the notice's own words.
            let Some((span, (word, entry))) = [
                (&*data.label.node, data.label.span),
                (&*data.name.node, data.name.span),
            ]
            .into_iter()
            .find_map(|(text, span)| health_word(text).map(|found| (span, found))) else {
                continue;
            };
            let class = data.class.keyword();
            let (message, label) = if entry.judgement {
                (text::MESSAGE_QUESTION, text::LABEL_QUESTION)
            } else {
                (text::MESSAGE, text::LABEL)
            };
            let finding = cx
                .finding(
                    tr!(
                        lang,
                        message,
                        name = data.name.node,
                        word = word,
                        class = class
                    ),
                    span,
                    tr!(lang, label, word = word),
                )
                .with_secondary(data.class_span, tr!(lang, text::CLASS_LABEL, class = class))
                .with_help(tr!(lang, text::HELP));
            // The definitions of art. 4 are numbered points: "art. 4, nr. 15" in Danish, where the
            // bracket form would read as a stykke.
            let definition = match lang {
                Lang::En => "art. 4(15)",
                Lang::Da => "art. 4, nr. 15",
            };
            let finding = cx.with_provisions(
                finding,
                [
                    ("GDPR", definition),
                    ("GDPR", "art. 9(1)"),
                    ("Databeskyttelsesloven", "§ 7"),
                ],
            );
            cx.report(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fires(text: &str) -> Option<String> {
        health_word(text).map(|(word, _)| word)
    }

    #[test]
    fn danish_compounds_and_inflections_fire() {
        for (text, word) in [
            (
                "Eksamenskarakterer og bedømmelser, sygdomsperioder, begrundelse for fravær",
                "sygdomsperioder",
            ),
            ("Kræftsygdom", "kræftsygdom"),
            ("Langtidssygefravær", "langtidssygefravær"),
            ("SYGEMELDINGER", "sygemeldinger"),
            ("Helbredsoplysninger", "helbredsoplysninger"),
            ("Diagnoser", "diagnoser"),
            ("Handicapparkering", "handicapparkering"),
            ("Medicinliste", "medicinliste"),
            ("Hjertemedicin", "hjertemedicin"),
            ("Medicinske oplysninger", "medicinske"),
            ("Fødevareallergier", "fødevareallergier"),
            ("Graviditetsbetinget fravær", "graviditetsbetinget"),
            ("Gravide medarbejdere", "gravide"),
            ("Psykiske lidelser", "psykiske"),
            ("Børnepsykiatrisk udredning", "børnepsykiatrisk"),
            ("Alkoholmisbrug", "alkoholmisbrug"),
            ("Misbrug af alkohol", "misbrug"),
            ("Kost og institutionsbetegnelse", "kost"),
            ("Hjælpemidler", "hjælpemidler"),
            ("sick_leave", "sick"),
            ("Medical records", "medical"),
            ("Diagnosis", "diagnosis"),
            ("Pregnancy", "pregnancy"),
            ("Healthcare", "healthcare"),
        ] {
            assert_eq!(fires(text).as_deref(), Some(word), "{text}");
        }
    }

    #[test]
    fn words_that_only_look_like_health_data_do_not_fire() {
        for text in [
            "Fraværsdage",
            "Ferie og fravær",
            "Behandling af ansøgninger",
            "Leverandør af medicinsk udstyr",
            "Medicinalvirksomheder",
            "Koster og kostumer",
            "Kostpris",
            "Sygehusets adresse",
            "Sygeplejerskens navn",
            "Barselsorlov",
            "Arbejdskræfter",
            "Journalnummer",
            "Systemdiagnostik",
            "Diagnostics of the network",
            "Misbrug af it-systemer",
            "Medical equipment supplier",
            "Health and safety representative",
            "Navn, adresse og telefonnummer",
            "GPS-lokationer",
        ] {
            assert_eq!(fires(text), None, "{text}");
        }
    }

    #[test]
    fn every_word_left_out_is_not_in_the_list_and_does_not_fire() {
        let file = words_file();
        for left in &file.left_out {
            assert!(!left.why.is_empty());
            assert!(
                file.word.iter().all(|w| w.stem != left.word),
                "{} is both listed and left out",
                left.word
            );
            assert_eq!(fires(&left.word), None, "{}", left.word);
        }
    }

    #[test]
    fn every_word_says_why_it_is_there() {
        for word in &words_file().word {
            assert!(!word.note.is_empty(), "{}", word.stem);
            assert!(matches!(word.lang.as_str(), "da" | "en"), "{}", word.stem);
            assert_eq!(word.checked.len(), 10, "{}", word.stem);
            assert_eq!(word.stem, normalise(&word.stem), "{}", word.stem);
            assert_eq!(fires(&word.stem).as_deref(), Some(word.stem.as_str()));
        }
    }
}
