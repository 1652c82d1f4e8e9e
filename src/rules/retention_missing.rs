use super::{Context, Rule, RuleMeta, declare_rule};
use crate::tr;

declare_rule! {
    /// # RETENTION-MISSING: data kept with no deletion deadline
    ///
    /// ## What it checks
    /// Every data category an activity processes is covered by a `retain` statement: a duration
    /// (`retain x for 90 days`), an event and a duration (`retain x for 5 years after "udgangen af
    /// journalperioden"`), or archiving under arkivloven (`retain x archive`). `retain all ...` covers
    /// every category of the activity not named in another `retain`.
    ///
    /// ## Why it matters
    /// Personal data may be kept no longer than necessary for the purpose (storage limitation). The
    /// data subjects must be told the period, or the criteria that decide it, and the record of
    /// processing must state the time limits for erasure where possible.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(e) (storage limitation)
    /// - GDPR art. 13(2)(a) and 14(2)(a) (information on the storage period)
    /// - GDPR art. 30(1)(f) (time limits for erasure in the record)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data location "Enhedens sidst kendte lokation" ordinary
    /// activity mdm "Mobile Device Management" {
    ///   purpose "Find og spær bortkomne enheder"
    ///   subjects employees
    ///   data location
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Overenskomst for kommunalt ansatte", law "Lov om kommunernes styrelse"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data location "Enhedens sidst kendte lokation" ordinary
    /// activity mdm "Mobile Device Management" {
    ///   purpose "Find og spær bortkomne enheder"
    ///   subjects employees
    ///   data location
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Overenskomst for kommunalt ansatte", law "Lov om kommunernes styrelse"
    ///   retain location for 30 days
    /// }
    /// ```
    pub struct RetentionMissing {
        code: "RETENTION-MISSING",
        severity: Error,
        summary: (
            "every category an activity keeps has a deletion deadline",
            "hver kategori, en aktivitet opbevarer, har en slettefrist",
        ),
        provisions: [("GDPR", "art. 5(1)(e)"), ("GDPR", "art. 13(2)(a)"), ("GDPR", "art. 30(1)(f)")],
    }
    texts {
        MESSAGE = (
            "`{name}` is kept with no deletion deadline in activity `{activity}`",
            "`{name}` opbevares uden slettefrist i aktiviteten `{activity}`",
        ),
        LABEL = (
            "no `retain` statement covers this category",
            "ingen `retain`-angivelse omfatter denne kategori",
        ),
        OTHER = (
            "the deadlines given cover other categories",
            "de angivne frister omfatter andre kategorier",
        ),
        HELP = (
            "add a deadline, e.g. `retain {name} for 90 days`, `retain {name} for 5 years after \"udgangen af \
             journalperioden\"`, or `retain {name} archive` when it goes to the public archive",
            "tilføj en slettefrist, f.eks. `retain {name} for 90 days`, `retain {name} for 5 years after \"udgangen af \
             journalperioden\"` eller `retain {name} archive`, når oplysningerne afleveres til offentligt arkiv",
        ),
    }
}

impl Rule for RetentionMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for activity in &model.activities {
            for data in &activity.data {
                if activity.retention_of(data.id).is_some() {
                    continue;
                }
                let name = &model.data(data.id).name.node;
                let mut finding = cx.finding(
                    tr!(
                        lang,
                        text::MESSAGE,
                        name = name,
                        activity = activity.name.node
                    ),
                    data.span,
                    tr!(lang, text::LABEL),
                );
                if let Some(other) = activity.retention.first() {
                    finding = finding.with_secondary(other.span, tr!(lang, text::OTHER));
                }
                cx.report(finding.with_help(tr!(lang, text::HELP, name = name)));
            }
        }
    }
}
