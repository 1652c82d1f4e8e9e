use std::sync::OnceLock;

use serde::Deserialize;

use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Lang;
use crate::i18n::citation::legal_ref;
use crate::law::ActId;
use crate::law::vocabulary::{DataClass, SubjectKind};
use crate::semantic::model::{Activity, Model};
use crate::tr;

declare_rule! {
    /// # DBL-BASIS-FIT: a § of Databeskyttelsesloven whose subject the activity does not have
    ///
    /// ## What it checks
    /// An activity whose `basis` cites a § of Databeskyttelsesloven that governs one kind of data or
    /// one group of people only, and that has none of it:
    ///
    /// - § 8 (criminal-offence data, any stykke: `dbl 8(1)`, `dbl 8(2)`, ...) with no data category of
    ///   class `criminal` and none the activity uses as such (`data logs as criminal when "..."`);
    /// - § 11 (CPR numbers, any stykke) with no data category of class `cpr`;
    /// - § 12 (employment, any stykke) with no group of data subjects of kind `employees`.
    ///
    /// Which § governs what is legal data, kept with its source in `src/law/data/dbl_subjects.toml`.
    /// An activity that lists no data (for § 8 and § 11) or no subjects (for § 12) is not judged:
    /// there is nothing to compare the citation with. One finding per § and activity, on its first
    /// citation, however many stykker are cited.
    ///
    /// Data that become criminal-offence data only in some cases (logs opened on a suspicion of a
    /// crime) are stated so in the activity: `data logs as criminal when "ved mistanke om en kriminel
    /// handling"`; the § 8 citation then fits. Where the activity does process such data under the §
    /// but the spec cannot say so otherwise, the author writes `allow DBL-BASIS-FIT "reason"` in the
    /// activity.
    ///
    /// ## Why it matters
    /// The bases an activity states are what the controller tells the data subjects (art. 13(1)(c),
    /// 14(1)(c)) and records (art. 30(1)(b) with art. 5(2)). A § of Databeskyttelsesloven that governs
    /// data or people the activity does not have cannot be a basis of it: § 8, stk. 1 allows a
    /// public authority to process "oplysninger om strafbare forhold" where necessary for its tasks,
    /// and stk. 2 governs their disclosure; § 11 governs the processing of "personnummer"; § 12
    /// governs processing "inden for ansættelsesforhold", of employees' data. Cited where there is no
    /// such data, the § is usually a general list of bases copied into every activity (Lejre's notice
    /// cites DBL §§ 8 and 11 for all of its ten departments), which misinforms the data subjects about
    /// what is done with their data. Or the data are misclassed: an activity that cites § 11 and lists
    /// "Cpr-nummer" as `ordinary` data escapes CPR-BASIS, and one that cites § 8 for logs it classes
    /// `ordinary` escapes ART10-BASIS. Either way the spec and the notice say something that is not
    /// so, hence a warning: the author decides which of the two it is.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(a) and 5(2), art. 13(1)(c), 14(1)(c), 30(1)(b)
    /// - Databeskyttelsesloven § 8 (GDPR art. 10), § 11 (GDPR art. 87), § 12 (GDPR art. 88)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data name "Navn og adresse" ordinary
    /// activity cases "Sagsbehandling" {
    ///   purpose "Behandling af borgerens ansøgning"
    ///   subjects citizens
    ///   data name
    ///   basis gdpr 6(1)(e), law "Lov om social service", dbl 11(1)
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data name "Navn og adresse" ordinary
    /// data cpr "CPR-nummer" cpr
    /// activity cases "Sagsbehandling" {
    ///   purpose "Behandling af borgerens ansøgning"
    ///   subjects citizens
    ///   data name, cpr
    ///   basis gdpr 6(1)(e), law "Lov om social service", dbl 11(1)
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    pub struct DblBasisFit {
        code: "DBL-BASIS-FIT",
        severity: Warning,
        summary: (
            "a basis cites DBL § 8, § 11 or § 12 only where the activity has the data or subjects that § governs",
            "et grundlag angiver kun databeskyttelseslovens § 8, § 11 eller § 12, hvor aktiviteten har de oplysninger eller registrerede, paragraffen gælder",
        ),
        provisions: [
            ("GDPR", "art. 5(1)(a)"),
            ("GDPR", "art. 13(1)(c)"),
            ("Databeskyttelsesloven", "§§ 8, 11, 12"),
        ],
    }
    texts {
        MESSAGE_DATA = (
            "`{cited}` is cited, but activity `{activity}` processes no {what}",
            "{cited} er angivet, men aktiviteten `{activity}` behandler ingen {what}",
        ),
        MESSAGE_SUBJECTS = (
            "`{cited}` is cited, but activity `{activity}` concerns no {what}",
            "{cited} er angivet, men aktiviteten `{activity}` vedrører ingen {what}",
        ),
        LABEL = ("§ {number} governs {what}", "§ {number} gælder {what}"),
        ALSO = ("§ {number} is cited here too", "§ {number} er også angivet her"),
        HELP_DATA = (
            "if the activity processes {what}, declare them as data of class `{class}` and list them in \
             its `data`; if it does not, remove the citation of § {number} from its `basis`",
            "behandler aktiviteten {what}, så erklær dem som oplysninger af klassen `{class}`, og angiv dem \
             under dens `data`; gør den ikke, så fjern henvisningen til § {number} fra dens `basis`",
        ),
        HELP_CRIMINAL = (
            "if the activity processes {what}, declare them as data of class `criminal`, or state the use \
             that makes its data such (`data logs as criminal when \"...\"`); if it does not, remove the \
             citation of § {number} from its `basis`",
            "behandler aktiviteten {what}, så erklær dem som oplysninger af klassen `criminal`, eller angiv \
             den anvendelse, der gør dens oplysninger til sådanne (`data logs as criminal when \"...\"`); \
             gør den ikke, så fjern henvisningen til § {number} fra dens `basis`",
        ),
        HELP_SUBJECTS = (
            "if the activity concerns {what}, list their group, of kind `{kind}`, in its `subjects`; if it \
             does not, remove the citation of § {number} from its `basis`",
            "vedrører aktiviteten {what}, så angiv deres gruppe, af arten `{kind}`, under dens `subjects`; \
             gør den ikke, så fjern henvisningen til § {number} fra dens `basis`",
        ),
    }
}

/// A § of Databeskyttelsesloven and the data class or kind of subjects it governs
/// (`src/law/data/dbl_subjects.toml`).
#[derive(Debug, Deserialize)]
struct Section {
    number: String,
    data_class: Option<String>,
    subjects: Option<String>,
    /// The GDPR provision the § fills in: `art. 10`.
    gdpr: String,
    what: String,
    what_da: String,
}

/// What a § governs, read from the data file's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Governs {
    Data(DataClass),
    Subjects(SubjectKind),
}

impl Section {
    fn governs(&self) -> Governs {
        match (&self.data_class, &self.subjects) {
            (Some(class), None) => Governs::Data(
                DataClass::from_keyword(class)
                    .unwrap_or_else(|| panic!("dbl_subjects.toml: no data class `{class}`")),
            ),
            (None, Some(kind)) => Governs::Subjects(
                SubjectKind::from_keyword(kind)
                    .unwrap_or_else(|| panic!("dbl_subjects.toml: no kind of subjects `{kind}`")),
            ),
            _ => panic!(
                "dbl_subjects.toml: § {} gives neither or both of `data_class` and `subjects`",
                self.number
            ),
        }
    }

    fn what(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.what,
            Lang::Da => &self.what_da,
        }
    }
}

#[derive(Debug, Deserialize)]
struct SectionsFile {
    section: Vec<Section>,
}

/// The §§ and what each governs.
fn sections() -> &'static [(Section, Governs)] {
    static SECTIONS: OnceLock<Vec<(Section, Governs)>> = OnceLock::new();
    SECTIONS.get_or_init(|| {
        let file: SectionsFile = crate::law::table::read_table!("dbl_subjects");
        file.section
            .into_iter()
            .map(|s| {
                let governs = s.governs();
                (s, governs)
            })
            .collect()
    })
}

/// Whether the activity has what the § governs; `None` when it lists nothing to judge by.
fn has(model: &Model, activity: &Activity, governs: Governs) -> Option<bool> {
    match governs {
        // Criminal-offence data also where the activity states a use that makes data such
        // (`data logs as criminal when "..."`).
        Governs::Data(DataClass::Criminal) => {
            (!activity.data.is_empty()).then(|| activity.criminal_data(model).is_some())
        }
        Governs::Data(class) => (!activity.data.is_empty()).then(|| {
            activity
                .data
                .iter()
                .any(|d| model.data(d.id).class == class)
        }),
        Governs::Subjects(kind) => (!activity.subjects.is_empty())
            .then(|| activity.subjects_of_kind(model, kind).is_some()),
    }
}

impl Rule for DblBasisFit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for activity in cx.activities {
            for (section, governs) in sections() {
                // Of every case or of some cases (`basis ... in some cases`): the § is cited.
                let mut cited = activity
                    .every_cited_basis()
                    .filter(|b| b.is(ActId::Dbl, &section.number, None, None));
                let Some(first) = cited.next() else {
                    continue;
                };
                if has(model, activity, *governs) != Some(false) {
                    continue;
                }
                let what = section.what(lang);
                let number = &section.number;
                let (message, help) = match governs {
                    Governs::Data(class) => (
                        tr!(
                            lang,
                            text::MESSAGE_DATA,
                            cited = legal_ref(lang, first),
                            activity = activity.name.node,
                            what = what
                        ),
                        if *class == DataClass::Criminal {
                            tr!(lang, text::HELP_CRIMINAL, what = what, number = number)
                        } else {
                            tr!(
                                lang,
                                text::HELP_DATA,
                                what = what,
                                class = class.keyword(),
                                number = number
                            )
                        },
                    ),
                    Governs::Subjects(kind) => (
                        tr!(
                            lang,
                            text::MESSAGE_SUBJECTS,
                            cited = legal_ref(lang, first),
                            activity = activity.name.node,
                            what = what
                        ),
                        tr!(
                            lang,
                            text::HELP_SUBJECTS,
                            what = what,
                            kind = kind.keyword(),
                            number = number
                        ),
                    ),
                };
                let mut finding = cx.finding(
                    message,
                    first.span(),
                    tr!(lang, text::LABEL, number = number, what = what),
                );
                for also in cited {
                    finding =
                        finding.with_secondary(also.span(), tr!(lang, text::ALSO, number = number));
                }
                let finding = cx.with_provisions(
                    finding.with_help(help),
                    [
                        ("Databeskyttelsesloven", format!("§ {number}")),
                        ("GDPR", section.gdpr.clone()),
                        ("GDPR", "art. 5(1)(a)".to_string()),
                        ("GDPR", "art. 13(1)(c)".to_string()),
                    ],
                );
                cx.report(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_maps_8_11_and_12() {
        let map: Vec<(&str, Governs)> = sections()
            .iter()
            .map(|(s, g)| (s.number.as_str(), *g))
            .collect();
        assert_eq!(
            map,
            [
                ("8", Governs::Data(DataClass::Criminal)),
                ("11", Governs::Data(DataClass::Cpr)),
                ("12", Governs::Subjects(SubjectKind::Employees)),
            ]
        );
        for (section, _) in sections() {
            assert!(ActId::Dbl.act().provision(&section.number).is_some());
            assert!(!section.what.is_empty() && !section.what_da.is_empty());
        }
    }
}
