use super::{Context, Rule, RuleMeta, declare_rule};
use crate::tr;

declare_rule! {
    /// # PURPOSE-MISSING: an activity without a purpose
    ///
    /// ## What it checks
    /// Every activity states at least one purpose (`purpose "..."`).
    ///
    /// This is an error, not a style warning: every other test of an activity is measured against its
    /// purpose — whether the data are necessary, how long they may be kept, whether a disclosure fits —
    /// and the record of processing cannot be produced without it (this rule, not RECORD-INCOMPLETE,
    /// reports art. 30(1)(b)). hjemmel does not judge whether a purpose is specific enough.
    ///
    /// ## Why it matters
    /// Personal data may be collected only for specified, explicit and legitimate purposes (art.
    /// 5(1)(b)). The purposes are part of the record of processing activities (art. 30(1)(b)) and of
    /// the information given to the data subjects (art. 13(1)(c), 14(1)(c)).
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(b) (purpose limitation)
    /// - GDPR art. 30(1)(b) (the purposes in the record of processing activities)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data contact_details "Navn og adresse" ordinary
    /// activity applications "Ansøgninger" {
    ///   subjects citizens
    ///   data contact_details
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data contact_details "Navn og adresse" ordinary
    /// activity applications "Ansøgninger" {
    ///   purpose "Modtage og behandle ansøgninger om boligstøtte"
    ///   subjects citizens
    ///   data contact_details
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years
    /// }
    /// ```
    pub struct PurposeMissing {
        code: "PURPOSE-MISSING",
        severity: Error,
        summary: ("every activity states its purpose", "hver aktivitet angiver sit formål"),
        provisions: [("GDPR", "art. 5(1)(b)"), ("GDPR", "art. 30(1)(b)")],
    }
    texts {
        MESSAGE = (
            "activity `{activity}` has no purpose",
            "aktiviteten `{activity}` har intet formål",
        ),
        LABEL = ("no `purpose` is stated", "der er ikke angivet noget `purpose`"),
        HELP = (
            "state why the data is processed, e.g. `purpose \"Modtage og behandle ansøgninger om boligstøtte\"`",
            "angiv, hvorfor oplysningerne behandles, f.eks. `purpose \"Modtage og behandle ansøgninger om boligstøtte\"`",
        ),
    }
}

impl Rule for PurposeMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let lang = cx.lang;
        for activity in cx.activities {
            if !activity.purposes.is_empty() {
                continue;
            }
            let finding = cx.finding(
                tr!(lang, text::MESSAGE, activity = activity.name.node),
                activity.name.span,
                tr!(lang, text::LABEL),
            );
            cx.report(finding.with_help(tr!(lang, text::HELP)));
        }
    }
}
