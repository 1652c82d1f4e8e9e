use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::vocabulary::ReviewMode;

declare_rule! {
    /// # AUTOMATED-REVIEW: automated review of people without human review or a stated logic
    ///
    /// ## What it checks
    /// An activity that reviews people by a program (`review automated`) or an AI system (`review ai`)
    /// also has a person review the results (`manual` among its review modes, e.g.
    /// `review manual | ai`) and states what the data subjects are told of the logic involved
    /// (`logic "..."`). One finding names what is missing: the human review, the logic, or both.
    ///
    /// ## Why it matters
    /// Art. 22(1) gives people the right not to be subject to a decision based *solely* on automated
    /// processing, including profiling, that produces legal effects concerning them or similarly
    /// significantly affects them. Such a decision is allowed only under art. 22(2) (a contract, Union or
    /// Danish law that lays down suitable safeguards, or explicit consent), and under (a) and (c) the
    /// person has at least the right to human intervention (art. 22(3)). Human review that can change the
    /// outcome takes a decision out of "solely automated". Where art. 22 applies, the data subjects must
    /// be told of the automated decision-making and given meaningful information about the logic
    /// involved and its significance and envisaged consequences (art. 13(2)(f), 14(2)(g)), and they may
    /// ask for it (art. 15(1)(h)).
    ///
    /// This is a warning, not an error: the spec says *how* people are reviewed, not whether a decision
    /// with legal or similarly significant effects rests on the review. An automated search of logs
    /// that only flags entries for a person to look into is not a decision under art. 22; state the
    /// human review (`review manual | automated`) and the logic all the same, since transparency
    /// (art. 5(1)(a), 12) and Datatilsynet expect it for automated evaluation of people.
    ///
    /// ## Legal basis
    /// - GDPR art. 22(1)–(3) (decisions based solely on automated processing; safeguards, human
    ///   intervention)
    /// - GDPR art. 13(2)(f) and 14(2)(g) (information on the logic involved)
    /// - GDPR art. 15(1)(h) (access to the same information)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data logs "Log over brug af it-systemer" ordinary
    /// activity log_review "Gennemgang af logs" {
    ///   purpose "Opdage misbrug af adgang til borgeroplysninger"
    ///   subjects employees
    ///   data logs
    ///   basis gdpr 6(1)(e), dbl 12(1)
    ///   review ai
    ///   dpia "Konsekvensanalyse for AI-gennemgang af logs, 2024-05-01"
    ///   retain logs for 6 months
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data logs "Log over brug af it-systemer" ordinary
    /// activity log_review "Gennemgang af logs" {
    ///   purpose "Opdage misbrug af adgang til borgeroplysninger"
    ///   subjects employees
    ///   data logs
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)"
    ///   justification "Gentagne opslag uden arbejdsmæssigt formål i 2023"
    ///   notified 2024-04-01
    ///   review manual | ai
    ///   logic "Modellen markerer opslag, der afviger fra medarbejderens sædvanlige mønster; en medarbejder i it-sikkerhed vurderer hvert markeret opslag"
    ///   dpia "Konsekvensanalyse for AI-gennemgang af logs, 2024-05-01"
    ///   retain logs for 6 months
    /// }
    /// ```
    pub struct AutomatedReview {
        code: "AUTOMATED-REVIEW",
        severity: Warning,
        summary: "automated or AI-based review of people has human review and a stated logic",
        provisions: [("GDPR", "art. 22"), ("GDPR", "art. 13(2)(f)"), ("GDPR", "art. 14(2)(g)")],
    }
}

impl Rule for AutomatedReview {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        for activity in &cx.model.activities {
            let ai = activity.review.iter().find(|r| r.node == ReviewMode::Ai);
            let automated = activity
                .review
                .iter()
                .find(|r| r.node == ReviewMode::Automated);
            let Some(review) = ai.or(automated) else {
                continue;
            };
            let human = activity.review.iter().any(|r| r.node == ReviewMode::Manual);
            let logic = activity.logic.is_some();
            let (missing, label, help) = match (human, logic) {
                (true, true) => continue,
                (false, false) => (
                    "no human review and no stated logic",
                    "reviewed without a person and without a stated logic",
                    "have a person review the results (`review manual | ...`) and state what people are told \
                     of the logic: `logic \"...\"`",
                ),
                (false, true) => (
                    "no human review",
                    "no `manual` review alongside",
                    "have a person review the results before anything is decided: `review manual | ...`",
                ),
                (true, false) => (
                    "no stated logic",
                    "no `logic` statement says how the review works",
                    "state what people are told of the logic involved: `logic \"...\"`",
                ),
            };
            let how = if review.node == ReviewMode::Ai {
                "by AI"
            } else {
                "automatically"
            };
            let finding = cx
                .finding(
                    format!(
                        "activity `{}` reviews people {how} with {missing}",
                        activity.name.node
                    ),
                    review.span,
                    label,
                )
                .with_help(help);
            cx.report(finding);
        }
    }
}
