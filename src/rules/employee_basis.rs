use super::basis_lists;
use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::citation::legal_ref;
use crate::law::ActId;
use crate::law::citation::LegalRef;
use crate::law::vocabulary::{DataClass, SubjectKind};
use crate::semantic::model::{Activity, Model};
use crate::tr;

declare_rule! {
    /// # EMPLOYEE-BASIS: employee data without Databeskyttelsesloven § 12
    ///
    /// ## What it checks
    /// An activity whose subjects include a group of kind `employees`:
    ///
    /// - does not rest on consent, art. 6(1)(a) or art. 9(2)(a) (a separate finding; when it fires, the
    ///   others are not reported as well);
    /// - when its basis is employment law, cites Databeskyttelsesloven § 12, stk. 1 (`dbl 12(1)`;
    ///   `dbl 12` is accepted) together with the employment-law source it applies: a statute
    ///   (`law "..."`) or a collective agreement (`agreement "..."`). § 7, stk. 2 (`dbl 7(2)`, the
    ///   employment-law condition for special categories, art. 9(2)(b)) is accepted in place of § 12:
    ///   it too applies obligations laid down in other law, and is cited with that law.
    ///
    /// § 12 is not asked for where it is not the hook:
    ///
    /// - the activity rests on art. 6(1)(c) or (e) with the law that lays down the obligation or the
    ///   task (the same test as ART6-NATIONAL-LAW: `law "..."`, a Danish § the law data marks as laying
    ///   down a task or duty, or art. 32 with art. 6(1)(c)): user accounts in common public systems,
    ///   reporting pay to Skat, security logging;
    /// - the activity is TV surveillance (`cctv`) or cites tv-overvågningsloven in its basis: the
    ///   surveillance rests on that act, whoever walks past the camera;
    /// - the employees' data in it are criminal-offence data only (art. 10): Databeskyttelsesloven § 8
    ///   governs them (ART10-BASIS), not § 12, which covers the data of art. 6(1) and 9(1);
    /// - the activity rests on the employment contract, art. 6(1)(b), and processes no special
    ///   categories: the contract is a basis of its own for ordinary data.
    ///
    /// A citation of § 12 given only for some cases (`basis ... in some cases "..."`) does not alone cover every
    /// case in which the employees' data is processed. The finding is then a warning, not an error: the data may
    /// be processed only in those cases, which the spec does not say. Where the provision covers every
    /// case in which the employees' data is processed, state it without `in some cases`.
    ///
    /// ## Why it matters
    /// Art. 88 lets member states lay down more specific rules for processing in the employment
    /// context. Denmark did so in Databeskyttelsesloven § 12. Stk. 1 allows processing of employees'
    /// data covered by art. 6(1) and art. 9(1) where it is necessary to comply with or exercise the
    /// controller's or the data subject's employment-law obligations or rights as laid down in other
    /// legislation or in collective agreements. § 12 is therefore cited with the statute or agreement
    /// it refers to; on its own it names no obligation.
    ///
    /// Consent: § 12, stk. 3 allows employment processing on the basis of the employee's consent in
    /// accordance with art. 7. But consent must be freely given (art. 4(11), art. 7(4)), and recital 43
    /// and the EDPB Guidelines 05/2020 on consent (section 3.1.1, imbalance of power) say that, given
    /// the dependence of the employment relationship, employees can give free consent only in
    /// exceptional circumstances, where refusing has no adverse consequence at all. Datatilsynet's
    /// guidance on data protection in employment says the same. Consent is therefore flagged for
    /// review, not forbidden: hence a warning.
    ///
    /// But § 12 is a hook for employment-law obligations and rights, not for everything an employer
    /// does with its staff's data. Where a statute lays down the task or the duty (a municipality
    /// creating its staff as users of common public systems, reporting to Skat) the basis is art.
    /// 6(1)(c) or (e) with that statute, and asking for "the law or agreement behind § 12" points the
    /// author the wrong way (the legal review of the Randers notice, finding 39). The same holds for TV
    /// surveillance under tv-overvågningsloven, for criminal-offence data under § 8, and for ordinary
    /// data the employment contract requires (art. 6(1)(b)).
    ///
    /// The wording of § 12 is taken from secondary sources (Datatilsynet's guidance and commentary);
    /// `dbl.toml` marks § 12 as not verified against the official text.
    ///
    /// ## Legal basis
    /// - GDPR art. 88
    /// - Databeskyttelsesloven § 12, stk. 1 and 3
    /// - GDPR art. 4(11), art. 7(4) and recital 43; EDPB Guidelines 05/2020 on consent
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data sick_leave "Sygefravær" special(health)
    /// activity leave "Registrering af sygefravær" {
    ///   purpose "Registrering af sygefravær"
    ///   subjects employees
    ///   data sick_leave
    ///   basis gdpr 6(1)(b), gdpr 9(2)(b)
    ///   retain all for 5 years
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data sick_leave "Sygefravær" special(health)
    /// activity leave "Registrering af sygefravær" {
    ///   purpose "Registrering af sygefravær"
    ///   subjects employees
    ///   data sick_leave
    ///   basis gdpr 6(1)(b), gdpr 9(2)(b), dbl 12(1), agreement "Overenskomst for kommunalt ansatte"
    ///   retain all for 5 years
    /// }
    /// ```
    pub struct EmployeeBasis {
        code: "EMPLOYEE-BASIS",
        severity: Warning,
        summary: (
            "employee data rests on DBL § 12 with the law or collective agreement, not on consent",
            "oplysninger om ansatte behandles efter databeskyttelseslovens § 12 med loven eller overenskomsten, ikke på grundlag af samtykke",
        ),
        provisions: [("GDPR", "art. 88"), ("Databeskyttelsesloven", "§ 12")],
    }
    texts {
        GROUP = ("`{group}` is a group of employees", "`{group}` er en gruppe af ansatte"),
        CONSENT = (
            "employee data rests on consent in activity `{activity}`",
            "oplysninger om ansatte behandles på grundlag af samtykke i aktiviteten `{activity}`",
        ),
        CONSENT_LABEL = (
            "an employee's consent is seldom freely given",
            "en ansats samtykke er sjældent frivilligt",
        ),
        CONSENT_HELP = (
            "rest the processing on the employment-law obligation instead: `dbl 12(1)` with the law or \
             collective agreement (`law \"...\"` or `agreement \"...\"`); keep consent only where refusing \
             has no consequence for the employee, and record why",
            "lad i stedet behandlingen hvile på den arbejdsretlige forpligtelse: `dbl 12(1)` med loven eller \
             overenskomsten (`law \"...\"` eller `agreement \"...\"`); bevar kun samtykket, hvor et afslag ikke \
             får konsekvenser for den ansatte, og notér hvorfor",
        ),
        NO_DBL_12 = (
            "employee data is processed without Databeskyttelsesloven § 12 in activity `{activity}`",
            "oplysninger om ansatte behandles uden databeskyttelseslovens § 12 i aktiviteten `{activity}`",
        ),
        DBL_12_SOME_CASES = (
            "employee data is processed in activity `{activity}`, and Databeskyttelsesloven § 12 is given only for some cases",
            "oplysninger om ansatte behandles i aktiviteten `{activity}`, og databeskyttelseslovens § 12 er kun angivet for nogle tilfælde",
        ),
        NO_SOURCE = (
            "`{cited}` is cited without the law or collective agreement it applies in activity `{activity}`",
            "{cited} er angivet uden den lov eller overenskomst, den anvendes sammen med, i aktiviteten `{activity}`",
        ),
        REFERS = (
            "refers to obligations laid down in other law or collective agreements",
            "henviser til forpligtelser, der følger af anden lovgivning eller kollektive overenskomster",
        ),
        NOT_AMONG = ("`dbl 12(1)` is not among these", "`dbl 12(1)` er ikke blandt disse"),
        HELP = (
            "cite `dbl 12(1)` with the statute or collective agreement that lays down the employment-law obligation or \
             right, e.g. `dbl 12(1), agreement \"Overenskomst for kommunalt ansatte\"`",
            "angiv `dbl 12(1)` med den lov eller kollektive overenskomst, der fastlægger den arbejdsretlige forpligtelse \
             eller rettighed, f.eks. `dbl 12(1), agreement \"Overenskomst for kommunalt ansatte\"`",
        ),
    }
}

fn is_employment_provision(basis: &LegalRef) -> bool {
    basis.is(ActId::Dbl, "12", Some(1), None)
        || basis.is(ActId::Dbl, "7", Some(2), None)
        || matches!(basis, LegalRef::Provision { act: ActId::Dbl, number, paragraph: None, .. } if number == "12")
}

impl Rule for EmployeeBasis {
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
            let Some(employees) = activity.subjects_of_kind(model, SubjectKind::Employees) else {
                continue;
            };
            // Worded only when there is a finding.
            let group = || {
                tr!(
                    lang,
                    text::GROUP,
                    group = model.subjects(employees.id).name.node
                )
            };
            // In some cases only (`basis ... in some cases`) too: consent is cited.
            if let Some(consent) = activity.every_cited_basis().find(|b| b.is_consent()) {
                let finding = cx
                    .finding(
                        tr!(lang, text::CONSENT, activity = activity.name.node),
                        consent.span(),
                        tr!(lang, text::CONSENT_LABEL),
                    )
                    .with_secondary(employees.span, group())
                    .with_help(tr!(lang, text::CONSENT_HELP));
                cx.report(finding);
                continue;
            }
            if !needs_employment_law(model, activity) {
                continue;
            }
            let dbl_12 = activity.bases.iter().find(|b| is_employment_provision(b));
            let source = activity
                .bases
                .iter()
                .any(|b| matches!(b, LegalRef::Law { .. } | LegalRef::Agreement { .. }));
            let message = match (dbl_12, source) {
                (Some(_), true) => continue,
                (None, _) => tr!(lang, text::NO_DBL_12, activity = activity.name.node),
                (Some(cited), false) => tr!(
                    lang,
                    text::NO_SOURCE,
                    cited = legal_ref(lang, cited),
                    activity = activity.name.node
                ),
            };
            let (span, label) = match dbl_12 {
                Some(cited) => (cited.span(), tr!(lang, text::REFERS)),
                None => (employees.span, group()),
            };
            let mut finding = cx.finding(message, span, label);
            if dbl_12.is_some() {
                finding = finding.with_secondary(employees.span, group());
            } else {
                finding = finding.with_secondary(activity.basis_span(), tr!(lang, text::NOT_AMONG));
            }
            finding = finding.with_help(tr!(lang, text::HELP));
            if dbl_12.is_none()
                && let Some(cases) = basis_lists::in_some_cases(activity, is_employment_provision)
            {
                let message = tr!(lang, text::DBL_12_SOME_CASES, activity = activity.name.node);
                finding = basis_lists::only_in_some_cases(lang, activity, finding, message, cases);
            }
            cx.report(finding);
        }
    }
}

/// Whether the activity's basis is a matter for DBL § 12 at all (see the rule page): not when a
/// statute lays down the task or duty, not for TV surveillance, not for criminal-offence data alone,
/// not for ordinary data on the employment contract.
fn needs_employment_law(model: &Model, activity: &Activity) -> bool {
    let bases = &activity.bases;
    let statute = bases
        .iter()
        .any(|b| b.is_gdpr("6", 1, Some('c')) || b.is_gdpr("6", 1, Some('e')))
        && basis_lists::cites_task_or_duty_law(bases);
    let cctv = activity.details().cctv.is_some()
        || bases.iter().any(|b| {
            matches!(
                b,
                LegalRef::Provision {
                    act: ActId::Tvol,
                    ..
                }
            )
        });
    let classes = || activity.data.iter().map(|d| model.data(d.id).class);
    let criminal_only =
        !activity.data.is_empty() && classes().all(|class| class == DataClass::Criminal);
    let contract = bases.iter().any(|b| b.is_gdpr("6", 1, Some('b')))
        && classes().all(|class| class != DataClass::Special);
    !(statute || cctv || criminal_only || contract)
}
