use super::basis_lists;
use super::suggest::add_to_basis;
use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::ActId;
use crate::law::citation::LegalRef;
use crate::law::vocabulary::DataClass;
use crate::tr;

declare_rule! {
    /// # ART10-BASIS: criminal-offence data without a ground in Databeskyttelsesloven § 8
    ///
    /// ## What it checks
    /// An activity that processes data about criminal convictions and offences (class `criminal`, or
    /// data the activity says become such data by their use: `data logs as criminal when "..."`):
    /// - by a public authority cites Databeskyttelsesloven § 8, stk. 1 (`dbl 8(1)`);
    /// - by any other controller cites one of § 8, stk. 3–5 (`dbl 8(3)`, `dbl 8(4)`, `dbl 8(5)`);
    /// - when a public authority discloses such data, the disclosure (or the activity) cites one of the
    ///   grounds of § 8, stk. 2 (`dbl 8(2)`, or a point `dbl 8(2)(1)` ... `dbl 8(2)(4)`).
    ///
    /// Data whose class comes from its use (`data logs as criminal when "ved mistanke om en kriminel
    /// handling"`) count as criminal-offence data in the activity that states the use, and the finding
    /// says so. A disclosure of such data counts as a disclosure of criminal-offence data when it goes
    /// to the police (recipient kind `police`), which receive it for an investigation; to other
    /// recipients it goes with the class it is declared with. The rule does not guess the use from a
    /// purpose or a condition: it reads only `criminal` data and the `as criminal when` statement.
    ///
    /// A ground of § 8 given only for some cases (`basis ... in some cases "..."`) does not alone cover every
    /// case in which the data is processed. The finding is then a warning, not an error: the data may
    /// be processed only in those cases, which the spec does not say. Where the provision covers every
    /// case in which the data is processed, state it without `in some cases`.
    ///
    /// ## Why it matters
    /// GDPR art. 10 allows criminal-offence data to be processed only under official authority or where
    /// Union or member-state law authorises it. In Denmark that law is Databeskyttelsesloven § 8: public
    /// authorities may process such data only where necessary for their tasks (stk. 1), and may disclose
    /// it only on the grounds listed in stk. 2. Ordinary data such as an access log becomes data about
    /// (suspected) offences when it is opened to look into a suspected crime: the log then tells what a
    /// named person is suspected of, and § 8 governs that use.
    ///
    /// ## Legal basis
    /// - GDPR art. 10
    /// - Databeskyttelsesloven § 8, stk. 1–5
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data convictions "Straffedomme" criminal
    /// activity children "Børnesager" {
    ///   purpose "Undersøgelse af børns forhold"
    ///   subjects citizens
    ///   data convictions
    ///   basis gdpr 6(1)(e), law "Barnets lov"
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data convictions "Straffedomme" criminal
    /// activity children "Børnesager" {
    ///   purpose "Undersøgelse af børns forhold"
    ///   subjects citizens
    ///   data convictions
    ///   basis gdpr 6(1)(e), dbl 8(1), law "Barnets lov"
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    pub struct Art10Basis {
        code: "ART10-BASIS",
        severity: Error,
        summary: (
            "criminal-offence data is processed and disclosed only on a ground in DBL § 8",
            "oplysninger om strafbare forhold behandles og videregives kun på et grundlag i databeskyttelseslovens § 8",
        ),
        provisions: [("GDPR", "art. 10"), ("Databeskyttelsesloven", "§ 8")],
    }
    texts {
        MESSAGE = (
            "criminal-offence data is processed without a ground in Databeskyttelsesloven § 8 in activity `{activity}`",
            "oplysninger om strafbare forhold behandles uden et grundlag i databeskyttelseslovens § 8 i aktiviteten `{activity}`",
        ),
        MESSAGE_SOME_CASES = (
            "criminal-offence data is processed in activity `{activity}`, and a ground in Databeskyttelsesloven § 8 is given only for some cases",
            "oplysninger om strafbare forhold behandles i aktiviteten `{activity}`, og et grundlag i databeskyttelseslovens § 8 er kun angivet for nogle tilfælde",
        ),
        LABEL = (
            "`{name}` is data about criminal convictions or offences (GDPR art. 10)",
            "`{name}` er oplysninger om strafbare forhold (databeskyttelsesforordningens art. 10)",
        ),
        LABEL_USE = (
            "`{name}` becomes data about criminal offences (GDPR art. 10) when used as stated: \"{when}\"",
            "`{name}` bliver oplysninger om strafbare forhold (databeskyttelsesforordningens art. 10), når de anvendes som angivet: \"{when}\"",
        ),
        NOT_AMONG_PUBLIC = ("`dbl 8(1)` is not among these", "`dbl 8(1)` er ikke blandt disse"),
        NOT_AMONG_PRIVATE = (
            "`dbl 8(3)`, `dbl 8(4)` or `dbl 8(5)` is not among these",
            "hverken `dbl 8(3)`, `dbl 8(4)` eller `dbl 8(5)` er blandt disse",
        ),
        HELP_PUBLIC = (
            "add `dbl 8(1)`: a public authority may process criminal-offence data where necessary for its tasks",
            "tilføj `dbl 8(1)`: en offentlig myndighed må behandle oplysninger om strafbare forhold, når det er nødvendigt for varetagelsen af dens opgaver",
        ),
        HELP_PRIVATE = (
            "add the ground of Databeskyttelsesloven § 8, stk. 3–5 relied on (consent, a legitimate interest that clearly outweighs, or a legal claim)",
            "tilføj det grundlag i databeskyttelseslovens § 8, stk. 3–5, som behandlingen hviler på (samtykke, en berettiget interesse, der klart overstiger, eller et retskrav)",
        ),
        DISCLOSED = (
            "criminal-offence data is disclosed to `{recipient}` without a ground in Databeskyttelsesloven § 8, stk. 2",
            "oplysninger om strafbare forhold videregives til `{recipient}` uden et grundlag i databeskyttelseslovens § 8, stk. 2",
        ),
        DISCLOSED_LABEL = (
            "`{name}` is criminal-offence data",
            "`{name}` er oplysninger om strafbare forhold",
        ),
        DISCLOSED_USE_LABEL = (
            "`{name}` is used as criminal-offence data in this activity and goes to the police",
            "`{name}` anvendes som oplysninger om strafbare forhold i denne aktivitet og går til politiet",
        ),
        DISCLOSURE_NO_GROUND = (
            "this disclosure cites no ground of § 8, stk. 2",
            "denne videregivelse angiver intet grundlag i § 8, stk. 2",
        ),
        DISCLOSURE_HELP = (
            "add the ground relied on after `under`: `dbl 8(2)(1)` consent, `dbl 8(2)(2)` a private or \
             public interest that clearly outweighs, `dbl 8(2)(3)` necessary for the authority's tasks or \
             the recipient's decision, or `dbl 8(2)(4)` necessary for a private person's or company's task",
            "tilføj grundlaget efter `under`: `dbl 8(2)(1)` samtykke, `dbl 8(2)(2)` en privat eller \
             offentlig interesse, der klart overstiger, `dbl 8(2)(3)` nødvendigt for myndighedens opgaver eller \
             for modtagerens afgørelse, eller `dbl 8(2)(4)` nødvendigt for en privat persons eller virksomheds opgave",
        ),
    }
}

fn cites_dbl_8(bases: &[LegalRef], paragraphs: &[u32]) -> bool {
    bases.iter().any(|b| {
        paragraphs
            .iter()
            .any(|&stk| b.is(ActId::Dbl, "8", Some(stk), None))
    })
}

impl Rule for Art10Basis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let public = model.controller.public_authority;
        for activity in cx.activities {
            let Some(criminal) = activity.criminal_data(model) else {
                continue;
            };
            let category = model.data(criminal.id);
            let name = &category.name.node;
            // Declared criminal, or criminal by the use the activity states.
            // Criminal by use: the label stands on the statement that says so, not on the `data`
            // line that lists the category as the ordinary data it otherwise is.
            let by_use = activity
                .criminal_use(criminal.id)
                .filter(|_| category.class != DataClass::Criminal);
            let at = by_use.map_or(criminal.span, |used| used.data.span);
            let label = || match by_use {
                Some(used) => tr!(lang, text::LABEL_USE, name = name, when = used.when.node),
                None => tr!(lang, text::LABEL, name = name),
            };
            let (needed, wanted): (&[u32], _) = if public {
                (&[1], text::NOT_AMONG_PUBLIC)
            } else {
                (&[3, 4, 5], text::NOT_AMONG_PRIVATE)
            };
            if !cites_dbl_8(&activity.bases, needed) {
                let mut finding = cx
                    .finding(
                        tr!(lang, text::MESSAGE, activity = activity.name.node),
                        at,
                        label(),
                    )
                    .with_secondary(activity.basis_span(), tr!(lang, wanted))
                    .with_help(tr!(
                        lang,
                        if public {
                            text::HELP_PUBLIC
                        } else {
                            text::HELP_PRIVATE
                        }
                    ));
                if public {
                    finding = finding
                        .with_suggestion(add_to_basis(lang, activity, "dbl 8(1)", None, true));
                }
                let of_some = |b: &LegalRef| cites_dbl_8(std::slice::from_ref(b), needed);
                if let Some(cases) = basis_lists::in_some_cases(activity, of_some) {
                    let message = tr!(
                        lang,
                        text::MESSAGE_SOME_CASES,
                        activity = activity.name.node
                    );
                    finding =
                        basis_lists::only_in_some_cases(lang, activity, finding, message, cases);
                }
                cx.report(finding);
            }
            if !public {
                continue;
            }
            for disclosure in &activity.disclosures {
                let Some(disclosed) = activity.criminal_disclosed(model, disclosure) else {
                    continue;
                };
                if cites_dbl_8(&disclosure.basis, &[2]) || cites_dbl_8(&activity.bases, &[2]) {
                    continue;
                }
                let recipient = &model.recipient(disclosure.recipient.id).name.node;
                let finding = cx
                    .finding(
                        tr!(lang, text::DISCLOSED, recipient = recipient),
                        disclosed.span,
                        tr!(
                            lang,
                            if model.data(disclosed.id).class == DataClass::Criminal {
                                text::DISCLOSED_LABEL
                            } else {
                                text::DISCLOSED_USE_LABEL
                            },
                            name = model.data(disclosed.id).name.node
                        ),
                    )
                    .with_secondary(disclosure.span, tr!(lang, text::DISCLOSURE_NO_GROUND))
                    .with_help(tr!(lang, text::DISCLOSURE_HELP));
                cx.report(finding);
            }
        }
    }
}
