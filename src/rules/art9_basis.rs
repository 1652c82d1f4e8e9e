use super::basis_lists;
use super::suggest::add_to_basis;
use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::ActId;
use crate::law::art9;
use crate::law::citation::{LegalRef, Point};
use crate::law::vocabulary::SubjectKind;
use crate::semantic::model::Activity;
use crate::tr;

declare_rule! {
    /// # ART9-BASIS: special-category data without an art. 9(2) condition
    ///
    /// ## What it checks
    /// An activity that processes special-category data (GDPR art. 9(1): racial or ethnic origin,
    /// political opinions, religious or philosophical beliefs, trade-union membership, genetic data,
    /// biometric data for identification, health, sex life or sexual orientation) cites a condition that
    /// lifts the prohibition of art. 9(1).
    ///
    /// These count as a condition: any point of GDPR art. 9(2) (`gdpr 9(2)(a)` ... `gdpr 9(2)(j)`);
    /// Databeskyttelsesloven § 7, stk. 1–4 (the Danish provisions that implement art. 9(2)(a), (b), (c),
    /// (d), (e), (f), (g) and (h)); § 10 (research and statistics, art. 9(2)(j)); and § 12, stk. 1 when
    /// every data subject of the activity is an employee (employment-law duties, art. 9(2)(b) and art. 88).
    /// Whether the condition fits the purpose is a separate question (ART9-FIT).
    ///
    /// A condition given only for some cases (`basis ... in some cases "..."`) does not alone cover every
    /// case in which the data is processed. The finding is then a warning, not an error: the data may
    /// be processed only in those cases, which the spec does not say. Where the provision covers every
    /// case in which the data is processed, state it without `in some cases`.
    ///
    /// ## Why it matters
    /// Art. 9(1) prohibits processing special-category data; it is lawful only where one of the
    /// exceptions of art. 9(2) applies, in addition to an art. 6(1) basis. Without one, the processing is
    /// unlawful however good the art. 6 basis is.
    ///
    /// ## Legal basis
    /// - GDPR art. 9(1) and 9(2)
    /// - Databeskyttelsesloven § 7 (and § 10, § 12 for research and employment)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data health "Helbredsoplysninger" special(health)
    /// activity care "Hjemmesygepleje" {
    ///   purpose "Hjemmesygepleje efter lægehenvisning"
    ///   subjects citizens
    ///   data health
    ///   basis gdpr 6(1)(e), law "Sundhedsloven § 138"
    ///   retain all for 10 years after "seneste tilførsel til journalen"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data health "Helbredsoplysninger" special(health)
    /// activity care "Hjemmesygepleje" {
    ///   purpose "Hjemmesygepleje efter lægehenvisning"
    ///   subjects citizens
    ///   data health
    ///   basis gdpr 6(1)(e), gdpr 9(2)(h), dbl 7(3), law "Sundhedsloven § 138"
    ///   retain all for 10 years after "seneste tilførsel til journalen"
    /// }
    /// ```
    pub struct Art9Basis {
        code: "ART9-BASIS",
        severity: Error,
        summary: (
            "special-category data is processed only with an art. 9(2) condition",
            "særlige kategorier af personoplysninger behandles kun, når en betingelse i art. 9, stk. 2, er opfyldt",
        ),
        provisions: [("GDPR", "art. 9(1)–(2)"), ("Databeskyttelsesloven", "§ 7")],
    }
    texts {
        MESSAGE = (
            "special-category data is processed without an art. 9(2) condition in activity `{activity}`",
            "særlige kategorier af personoplysninger behandles uden en betingelse i art. 9, stk. 2, i aktiviteten `{activity}`",
        ),
        LABEL = (
            "`{name}` is special-category data ({kinds})",
            "`{name}` er en særlig kategori af personoplysninger ({kinds})",
        ),
        MESSAGE_SOME_CASES = (
            "special-category data is processed in activity `{activity}`, and an art. 9(2) condition is given only for some cases",
            "særlige kategorier af personoplysninger behandles i aktiviteten `{activity}`, og en betingelse i art. 9, stk. 2, er kun angivet for nogle tilfælde",
        ),
        NONE_OF_THESE = (
            "none of these is an art. 9(2) condition",
            "ingen af disse er en betingelse i art. 9, stk. 2",
        ),
        ALSO_SPECIAL = (
            "also special-category data",
            "også en særlig kategori af personoplysninger",
        ),
        NOT_EMPLOYEES = (
            "not employees: Databeskyttelsesloven § 12 covers only employees' data",
            "ikke ansatte: databeskyttelseslovens § 12 omfatter kun oplysninger om ansatte",
        ),
        HELP = (
            "add the condition relied on with the Danish provision that fills it in: e.g. `gdpr 9(2)(b)` with \
             `dbl 12(1)` for employment-law duties, `gdpr 9(2)(g)` with `dbl 7(4)` and the sector statute for a \
             substantial public interest, or `gdpr 9(2)(h)` with `dbl 7(3)` for health care given by health \
             professionals bound by secrecy (in social care, (h) rests on art. 9(3) and the sector statute instead)",
            "tilføj den betingelse, der anvendes, med den danske bestemmelse, der udfylder den: f.eks. `gdpr 9(2)(b)` \
             med `dbl 12(1)` for arbejdsretlige forpligtelser, `gdpr 9(2)(g)` med `dbl 7(4)` og sektorloven for \
             væsentlige samfundsinteresser eller `gdpr 9(2)(h)` med `dbl 7(3)` for sundhedsydelser fra \
             sundhedspersoner med tavshedspligt (på socialområdet hviler litra h i stedet på art. 9, stk. 3, og sektorloven)",
        ),
    }
}

impl Rule for Art9Basis {
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
            let Some(special) = activity.data.iter().find(|d| model.data(d.id).is_special()) else {
                continue;
            };
            let only_employees = !activity.subjects.is_empty()
                && activity
                    .subjects
                    .iter()
                    .all(|s| model.subjects(s.id).kind == SubjectKind::Employees);
            if activity
                .bases
                .iter()
                .any(|b| is_art9_condition(b, only_employees))
            {
                continue;
            }
            let category = model.data(special.id);
            let kinds: Vec<&str> = category
                .special
                .iter()
                .map(|k| k.description(lang))
                .collect();
            let mut finding = cx
                .finding(
                    tr!(lang, text::MESSAGE, activity = activity.name.node),
                    special.span,
                    tr!(
                        lang,
                        text::LABEL,
                        name = category.name.node,
                        kinds = kinds.join(", ")
                    ),
                )
                .with_secondary(activity.basis_span(), tr!(lang, text::NONE_OF_THESE));
            for other in activity
                .data
                .iter()
                .filter(|d| d.id != special.id && model.data(d.id).is_special())
            {
                finding = finding.with_secondary(other.span, tr!(lang, text::ALSO_SPECIAL));
            }
            let not_employees = activity
                .subjects
                .iter()
                .find(|s| model.subjects(s.id).kind != SubjectKind::Employees);
            if let Some(other) = not_employees.filter(|_| cites_dbl_12(activity)) {
                finding = finding.with_secondary(other.span, tr!(lang, text::NOT_EMPLOYEES));
            }
            finding = finding.with_help(tr!(lang, text::HELP));
            // The help's conditions as edits, each a choice for the DPO: only those that fit what the
            // spec says (employees for § 12, the activity's area for the letter).
            let area = activity.details().area.as_ref().map(|a| a.node);
            for (letter, danish) in [('b', "dbl 12(1)"), ('g', "dbl 7(4)"), ('h', "dbl 7(3)")] {
                let fits = area.is_none_or(|area| art9::fits(letter, area));
                if !fits || (letter == 'b' && !only_employees) {
                    continue;
                }
                let Some(condition) = art9::art9_letter(letter) else {
                    continue;
                };
                finding = finding.with_suggestion(add_to_basis(
                    lang,
                    activity,
                    &format!("gdpr 9(2)({letter}), {danish}"),
                    Some(condition.covers_in(lang)),
                    false,
                ));
            }
            if let Some(cases) =
                basis_lists::in_some_cases(activity, |b| is_art9_condition(b, only_employees))
            {
                let message = tr!(
                    lang,
                    text::MESSAGE_SOME_CASES,
                    activity = activity.name.node
                );
                finding = basis_lists::only_in_some_cases(lang, activity, finding, message, cases);
            }
            cx.report(finding);
        }
    }
}

/// Does this citation lift the art. 9(1) prohibition? See the rule's documentation for the list.
/// DISCLOSURE-BASIS counts the conditions of a disclosure the same way.
pub(super) fn is_art9_condition(basis: &LegalRef, only_employees: bool) -> bool {
    basis.is_gdpr("9", 2, None)
        && matches!(
            basis,
            LegalRef::Provision {
                point: Some(Point::Letter(_)),
                ..
            }
        )
        || (1..=4).any(|stk| basis.is(ActId::Dbl, "7", Some(stk), None))
        || basis.is(ActId::Dbl, "10", None, None)
        || only_employees && basis.is(ActId::Dbl, "12", Some(1), None)
}

fn cites_dbl_12(activity: &Activity) -> bool {
    activity
        .bases
        .iter()
        .any(|b| b.is(ActId::Dbl, "12", None, None))
}
