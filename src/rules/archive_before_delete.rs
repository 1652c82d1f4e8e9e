use super::{Context, Rule, RuleMeta, declare_rule};
use crate::semantic::model::Period;
use crate::tr;

declare_rule! {
    /// # ARCHIVE-BEFORE-DELETE: records to be preserved are deleted without going to the archive
    ///
    /// ## What it checks
    /// An activity whose records must be preserved (`preserve "..."`) hands them to the public archive
    /// by their deletion date: each of its `retain` statements archives (`retain x archive`,
    /// `retain x for 5 years then archive`, or `retain x until "..." then archive`). A statement that
    /// only deletes (`retain x for 5 years`, or `retain x until "..."`) is reported.
    ///
    /// The `preserve` statement covers the whole activity. When only some of its categories are to be
    /// preserved (the case files, not the access log), split the activity, or waive the finding for it
    /// with `allow ARCHIVE-BEFORE-DELETE "..."` and say why.
    ///
    /// ## Why it matters
    /// Municipal and regional records that contain personal data and must be preserved are to be
    /// handed to a public archive no later than the time the authority would otherwise have to delete
    /// the data (arkivloven § 21, stk. 1). Which records must be preserved, and which may be disposed
    /// of, follows from the rules on preservation and disposal issued under arkivloven § 10 (for
    /// municipalities and regions, § 10, stk. 2), and disposal outside those rules is not allowed.
    /// Databeskyttelsesloven § 14 lets personal data be transferred to an archive under the archives
    /// legislation, and the GDPR allows keeping data longer for archiving in the public interest
    /// (art. 5(1)(e), 89(1)). Deleting preservation-worthy records at the end of their period, without
    /// handing them over first, destroys them for good.
    ///
    /// Verify: arkivloven § 21 was read in a copy that still refers to the old persondataloven; the
    /// wording in force (after lov nr. 503 af 23. maj 2018) and DBL § 14 should be checked against
    /// retsinformation.dk. State authorities hand over to Rigsarkivet under the Rigsarkivet's own rules
    /// (arkivloven §§ 12–15); this rule applies the same test to them.
    ///
    /// ## Legal basis
    /// - Arkivloven § 21, stk. 1 (hand-over no later than the deletion date)
    /// - Arkivloven § 10, stk. 2 (rules on preservation and disposal of municipal and regional records)
    /// - Databeskyttelsesloven § 14 (transfer to archives under the archives legislation)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data minutes "Referater fra byrådets møder" ordinary
    /// activity council "Byrådets møder" {
    ///   purpose "Dokumentere byrådets beslutninger"
    ///   subjects citizens
    ///   data minutes
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   preserve "Bevaringsværdige efter Rigsarkivets bestemmelser for kommuner"
    ///   retain minutes for 10 years
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data minutes "Referater fra byrådets møder" ordinary
    /// activity council "Byrådets møder" {
    ///   purpose "Dokumentere byrådets beslutninger"
    ///   subjects citizens
    ///   data minutes
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   preserve "Bevaringsværdige efter Rigsarkivets bestemmelser for kommuner"
    ///   retain minutes for 10 years then archive
    /// }
    /// ```
    pub struct ArchiveBeforeDelete {
        code: "ARCHIVE-BEFORE-DELETE",
        severity: Warning,
        summary: (
            "records to be preserved go to the public archive by their deletion date",
            "oplysninger, der skal bevares, afleveres til offentligt arkiv senest på slettetidspunktet",
        ),
        provisions: [("Arkivloven", "§ 21, stk. 1"), ("Databeskyttelsesloven", "§ 14")],
    }
    texts {
        MESSAGE = (
            "records of activity `{activity}` must be preserved but are deleted without going to the archive",
            "oplysningerne i aktiviteten `{activity}` skal bevares, men slettes uden at blive afleveret til arkiv",
        ),
        LABEL = (
            "kept {period}, then deleted, not archived",
            "opbevares i {period} og slettes derefter uden aflevering til arkiv",
        ),
        PRESERVE = ("the records must be preserved", "oplysningerne skal bevares"),
        HELP = (
            "hand them to the public archive by the deletion date: add `then archive` \
             (`retain ... for 10 years then archive`), or `retain ... archive`",
            "aflever dem til offentligt arkiv senest på slettetidspunktet: tilføj `then archive` \
             (`retain ... for 10 years then archive`), eller skriv `retain ... archive`",
        ),
    }
}

impl Rule for ArchiveBeforeDelete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let lang = cx.lang;
        for activity in cx.activities {
            let Some(preserve) = &activity.details().preserve else {
                continue;
            };
            for rule in &activity.retention {
                // `until "..."` deletes when the event comes, without archiving, as a deadline does.
                if !matches!(
                    rule.period,
                    Period::Deadline {
                        then_archive: false,
                        ..
                    } | Period::Until {
                        then_archive: false,
                        ..
                    }
                ) {
                    continue;
                }
                let finding = cx
                    .finding(
                        tr!(lang, text::MESSAGE, activity = activity.name.node),
                        rule.span,
                        tr!(lang, text::LABEL, period = rule.period.describe(lang)),
                    )
                    .with_secondary(preserve.span, tr!(lang, text::PRESERVE))
                    .with_help(tr!(lang, text::HELP));
                cx.report(finding);
            }
        }
    }
}
