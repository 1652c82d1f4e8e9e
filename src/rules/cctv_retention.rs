use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::ActId;
use crate::semantic::model::Period;
use crate::tr;

/// Tv-overvågningsloven § 4 c, stk. 4 and § 4 d, stk. 3: recordings are deleted within 30 days.
const CCTV_LIMIT_DAYS: u64 = 30;

declare_rule! {
    /// # CCTV-RETENTION: TV-surveillance recordings kept more than 30 days
    ///
    /// ## What it checks
    /// An activity marked `cctv` keeps its recordings at most 30 days from recording. A longer period, a
    /// period that runs from some later event, or archiving (`archive`, or `for 30 days then archive`) is
    /// accepted only with a declared exception under tv-overvågningsloven § 4 c, stk. 5
    /// (`exception tvol 4c(5) "..."`: the recordings are needed for a specific dispute, or are handed to
    /// the police).
    ///
    /// Months count as 30 days, so `for 1 month` passes and `for 5 weeks` does not.
    ///
    /// Recordings kept until an event (`retain video until "..."`) have no 30-day bound and are reported.
    ///
    /// ## Why it matters
    /// Recordings from crime-prevention surveillance must be deleted no later than 30 days after they were
    /// made (§ 4 c, stk. 4), unless kept for a specific dispute or handed to the police (§ 4 c, stk. 5). A
    /// municipality's recordings for the safety of people in an area (§§ 2 a, 2 c) must be deleted within
    /// 30 days (§ 4 d, stk. 3). Keeping them longer breaks the statute and GDPR art. 5(1)(e).
    ///
    /// ## Legal basis
    /// - Tv-overvågningsloven § 4 c, stk. 4–5
    /// - Tv-overvågningsloven § 4 d, stk. 3
    /// - GDPR art. 5(1)(e)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects visitors "Besøgende" citizens
    /// data video "Videooptagelser" ordinary
    /// activity cameras "Tv-overvågning af rådhuset" {
    ///   purpose "Kriminalitetsforebyggelse"
    ///   cctv
    ///   dpia "Konsekvensanalyse for tv-overvågning, 2024-02-01"
    ///   subjects visitors
    ///   data video
    ///   basis gdpr 6(1)(e), tvol 2d(1)
    ///   retain video for 90 days
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects visitors "Besøgende" citizens
    /// data video "Videooptagelser" ordinary
    /// activity cameras "Tv-overvågning af rådhuset" {
    ///   purpose "Kriminalitetsforebyggelse"
    ///   cctv
    ///   dpia "Konsekvensanalyse for tv-overvågning, 2024-02-01"
    ///   subjects visitors
    ///   data video
    ///   basis gdpr 6(1)(e), tvol 2d(1)
    ///   retain video for 30 days
    ///   exception tvol 4c(5) "længere ved en konkret tvist eller politiets behandling af en sag"
    /// }
    /// ```
    pub struct CctvRetention {
        code: "CCTV-RETENTION",
        severity: Error,
        summary: (
            "TV-surveillance recordings are deleted within 30 days, save a specific dispute or police case",
            "optagelser fra tv-overvågning slettes inden 30 dage, medmindre de gemmes til en konkret tvist eller en politisag",
        ),
        provisions: [("Tv-overvågningsloven", "§ 4 c, stk. 4–5"), ("Tv-overvågningsloven", "§ 4 d, stk. 3")],
    }
    texts {
        MESSAGE = (
            "surveillance recordings of activity `{activity}` are kept beyond 30 days",
            "optagelser fra tv-overvågningen i aktiviteten `{activity}` opbevares i mere end 30 dage",
        ),
        LABEL = ("kept {period}", "opbevaringsperiode: {period}"),
        CCTV = ("this activity is TV surveillance", "denne aktivitet er tv-overvågning"),
        HELP = (
            "delete recordings within 30 days (`for 30 days`); if they are kept longer for a specific \
             dispute or handed to the police, declare it: `exception tvol 4c(5) \"...\"`",
            "slet optagelserne inden 30 dage (`for 30 days`); gemmes de længere til en konkret tvist eller \
             udleveres de til politiet, så angiv det: `exception tvol 4c(5) \"...\"`",
        ),
    }
}

impl Rule for CctvRetention {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for activity in &model.activities {
            let Some(cctv) = activity.details().cctv else {
                continue;
            };
            // The exception of § 4 c, stk. 5 covers recordings kept for a specific dispute or handed to the
            // police: a period that runs from such an event. It does not stretch the routine period.
            let excepted = activity
                .details()
                .exceptions
                .iter()
                .any(|e| e.citation.is(ActId::Tvol, "4c", Some(5), None));
            for rule in &activity.retention {
                let within = match &rule.period {
                    // `for 30 days then archive` keeps the recordings beyond 30 days, in the archive.
                    Period::Deadline {
                        then_archive: true, ..
                    }
                    | Period::Archive => false,
                    // Kept until an event: no 30-day bound at all.
                    Period::Until { .. } => false,
                    Period::Deadline { after: Some(_), .. } => excepted,
                    period => period
                        .days_from_collection()
                        .is_some_and(|d| d <= CCTV_LIMIT_DAYS),
                };
                if within {
                    continue;
                }
                let finding = cx
                    .finding(
                        tr!(lang, text::MESSAGE, activity = activity.name.node),
                        rule.span,
                        tr!(lang, text::LABEL, period = rule.period.describe(lang)),
                    )
                    .with_secondary(cctv, tr!(lang, text::CCTV))
                    .with_help(tr!(lang, text::HELP));
                cx.report(finding);
            }
        }
    }
}
