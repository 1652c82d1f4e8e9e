use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::parameters::parameters;
use crate::law::vocabulary::SubjectKind;

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
        summary: "children's consent to an online service below the Danish age limit has parental consent",
        provisions: [("GDPR", "art. 8(1)"), ("Databeskyttelsesloven", "§ 6")],
    }
}

impl Rule for ChildConsent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let limit = &parameters().child_consent_age;
        for activity in &model.activities {
            let Some(online) = activity.online_service else {
                continue;
            };
            if activity.parental_consent.is_some() {
                continue;
            }
            let Some(consent) = activity.bases.iter().find(|b| b.is_gdpr("6", 1, Some('a'))) else {
                continue;
            };
            let under_limit = activity.subjects.iter().find_map(|s| {
                let group = model.subjects(s.id);
                if group.kind != SubjectKind::Children {
                    return None;
                }
                match &group.ages {
                    None => Some((s, group, "ages not stated".to_string())),
                    Some(ages) if ages.node.youngest < limit.value => Some((
                        s,
                        group,
                        format!(
                            "aged {} to {}: some are under {}",
                            ages.node.youngest, ages.node.oldest, limit.value
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
                    format!(
                        "children under {} consent to online service `{}` without their parents",
                        limit.value, activity.name.node
                    ),
                    subjects.span,
                    format!("`{}` are children, {why}", group.name.node),
                )
                .with_secondary(consent.span(), "the processing rests on consent")
                .with_secondary(
                    online,
                    "an information society service offered directly to them",
                );
            if let Some(ages) = &group.ages {
                finding = finding.with_secondary(ages.span, "the ages of the group");
            }
            cx.report(finding.with_help(format!(
                "below {} {} ({}) the holder of parental responsibility must give or authorise the \
                 consent: say how, and how it is verified, e.g. `parental_consent \"Forældremyndighedens \
                 indehaver godkender med MitID\"`{}",
                limit.value,
                limit.unit,
                limit.provision,
                if group.ages.is_none() {
                    "; if all are old enough, state the group's ages with `aged ...`"
                } else {
                    ""
                }
            )));
        }
    }
}
