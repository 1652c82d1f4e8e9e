use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::parameters::parameters;
use crate::law::vocabulary::SubjectKind;
use crate::tr;

declare_rule! {
    /// # CHILD-CONSENT: children's consent to an online service without parental consent
    ///
    /// ## What it checks
    /// An activity marked `online_service` (an information society service offered directly to the
    /// data subjects) that rests on consent (`gdpr 6(1)(a)`) and whose data subjects include a group
    /// of kind `children` says how the holder of parental responsibility gives or authorises the
    /// consent: `parental_consent "..."`. It is needed when the group's ages are not stated
    /// (`aged ...`), or when the youngest is under the Danish age limit.
    ///
    /// The age limit is reference data, in `src/law/data/dk_parameters.toml`: 15 years under
    /// Databeskyttelsesloven § 6, stk. 2–3 as amended in force 1 January 2024 (13 years before). The
    /// amendment was read in the bill and in reports after it took effect, not yet in the
    /// consolidated text; consent given before 2024 is judged under the old limit, which the rule
    /// cannot see.
    ///
    /// ## Why it matters
    /// A child under the age limit cannot consent alone to an information society service offered
    /// directly to children: the processing is lawful only if and to the extent that the holder of
    /// parental responsibility gives or authorises the consent, and the controller must make
    /// reasonable efforts to verify that (art. 8(1)–(2)). Without it, the consent, and the processing
    /// resting on it, is invalid.
    ///
    /// ## Legal basis
    /// - GDPR art. 8(1) and 8(2)
    /// - Databeskyttelsesloven § 6, stk. 2–3 (the Danish age limit)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects pupils "Elever i 4.–6. klasse" children { aged 9 to 13 }
    /// data profile "Brugerprofil i læse-appen" ordinary
    /// activity reading_app "Læse-app til fritiden" {
    ///   purpose "Tilbyde en frivillig læse-app uden for skoletiden"
    ///   subjects pupils
    ///   data profile
    ///   basis gdpr 6(1)(a)
    ///   online_service
    ///   withdrawal "Slet profilen i appen"
    ///   retain all for 1 year after "sidste login"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects pupils "Elever i 4.–6. klasse" children { aged 9 to 13 }
    /// data profile "Brugerprofil i læse-appen" ordinary
    /// activity reading_app "Læse-app til fritiden" {
    ///   purpose "Tilbyde en frivillig læse-app uden for skoletiden"
    ///   subjects pupils
    ///   data profile
    ///   basis gdpr 6(1)(a)
    ///   online_service
    ///   parental_consent "Forældremyndighedens indehaver godkender profilen med MitID i forældreportalen"
    ///   withdrawal "Slet profilen i appen"
    ///   retain all for 1 year after "sidste login"
    /// }
    /// ```
    pub struct ChildConsent {
        code: "CHILD-CONSENT",
        severity: Error,
        summary: (
            "children's consent to an online service below the Danish age limit has parental consent",
            "børns samtykke til en onlinetjeneste under den danske aldersgrænse gives eller godkendes af forældremyndighedens indehaver",
        ),
        provisions: [("GDPR", "art. 8(1)"), ("Databeskyttelsesloven", "§ 6")],
    }
    texts {
        MESSAGE = (
            "children under {limit} consent to online service `{activity}` without their parents",
            "børn under {limit} giver samtykke til onlinetjenesten `{activity}` uden deres forældre",
        ),
        LABEL = ("`{group}` are children, {why}", "`{group}` er børn, {why}"),
        AGES_NOT_STATED = ("ages not stated", "alderen er ikke angivet"),
        SOME_UNDER = (
            "aged {youngest} to {oldest}: some are under {limit}",
            "i alderen {youngest} til {oldest} år: nogle er under {limit}",
        ),
        CONSENT = ("the processing rests on consent", "behandlingen hviler på samtykke"),
        ONLINE = (
            "an information society service offered directly to them",
            "en informationssamfundstjeneste, der udbydes direkte til dem",
        ),
        AGES = ("the ages of the group", "gruppens alder"),
        HELP = (
            "below {limit} {unit} ({provision}) the holder of parental responsibility must give or authorise the \
             consent: say how, and how it is verified, e.g. `parental_consent \"Forældremyndighedens \
             indehaver godkender med MitID\"`{ages_hint}",
            "under {limit} {unit} ({provision}) skal indehaveren af forældremyndigheden give eller godkende \
             samtykket: angiv hvordan, og hvordan det kontrolleres, f.eks. `parental_consent \"Forældremyndighedens \
             indehaver godkender med MitID\"`{ages_hint}",
        ),
        AGES_HINT = (
            "; if all are old enough, state the group's ages with `aged ...`",
            "; er alle gamle nok, så angiv gruppens alder med `aged ...`",
        ),
    }
}

impl Rule for ChildConsent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let limit = &parameters().child_consent_age;
        for activity in cx.activities {
            let Some(online) = activity.details().online_service else {
                continue;
            };
            if activity.details().parental_consent.is_some() {
                continue;
            }
            // In some cases only (`basis ... in some cases`) too: art. 8 applies wherever consent is
            // relied on.
            let Some(consent) = activity
                .every_cited_basis()
                .find(|b| b.is_gdpr("6", 1, Some('a')))
            else {
                continue;
            };
            let under_limit = activity.subjects.iter().find_map(|s| {
                let group = model.subjects(s.id);
                if group.kind != SubjectKind::Children {
                    return None;
                }
                match &group.ages {
                    None => Some((s, group, tr!(lang, text::AGES_NOT_STATED))),
                    Some(ages) if ages.node.youngest < limit.value => Some((
                        s,
                        group,
                        tr!(
                            lang,
                            text::SOME_UNDER,
                            youngest = ages.node.youngest,
                            oldest = ages.node.oldest,
                            limit = limit.value
                        ),
                    )),
                    Some(_) => None,
                }
            });
            let Some((subjects, group, why)) = under_limit else {
                continue;
            };
            let mut finding = cx
                .finding(
                    tr!(
                        lang,
                        text::MESSAGE,
                        limit = limit.value,
                        activity = activity.name.node
                    ),
                    subjects.span,
                    tr!(lang, text::LABEL, group = group.name.node, why = why),
                )
                .with_secondary(consent.span(), tr!(lang, text::CONSENT))
                .with_secondary(online, tr!(lang, text::ONLINE));
            if let Some(ages) = &group.ages {
                finding = finding.with_secondary(ages.span, tr!(lang, text::AGES));
            }
            let ages_hint = if group.ages.is_none() {
                tr!(lang, text::AGES_HINT)
            } else {
                String::new()
            };
            cx.report(finding.with_help(tr!(
                lang,
                text::HELP,
                limit = limit.value,
                unit = limit.unit_in(lang),
                provision = limit.provision_in(lang),
                ages_hint = ages_hint
            )));
        }
    }
}
