use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::vocabulary::ReviewMode;
use crate::tr;

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
    ///   basis gdpr 6(1)(e), dbl 12(1), law "Lov om kommunernes styrelse"
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
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)", law "Lov om kommunernes styrelse"
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
        summary: (
            "automated or AI-based review of people has human review and a stated logic",
            "automatisk eller AI-baseret vurdering af personer har menneskelig gennemgang og en beskrevet logik",
        ),
        provisions: [("GDPR", "art. 22"), ("GDPR", "art. 13(2)(f)"), ("GDPR", "art. 14(2)(g)")],
    }
    texts {
        MESSAGE = (
            "activity `{activity}` reviews people {how} with {missing}",
            "aktiviteten `{activity}` vurderer personer {how} {missing}",
        ),
        BY_AI = ("by AI", "ved hjælp af kunstig intelligens (AI)"),
        AUTOMATICALLY = ("automatically", "automatisk"),
        MISSING_BOTH = (
            "no human review and no stated logic",
            "uden menneskelig gennemgang og uden en beskrevet logik",
        ),
        MISSING_HUMAN = ("no human review", "uden menneskelig gennemgang"),
        MISSING_LOGIC = ("no stated logic", "uden en beskrevet logik"),
        LABEL_BOTH = (
            "reviewed without a person and without a stated logic",
            "vurderes uden en person og uden en beskrevet logik",
        ),
        LABEL_HUMAN = ("no `manual` review alongside", "ingen `manual`-gennemgang ved siden af"),
        LABEL_LOGIC = (
            "no `logic` statement says how the review works",
            "ingen `logic`-angivelse beskriver, hvordan vurderingen foregår",
        ),
        HELP_BOTH = (
            "have a person review the results (`review manual | ...`) and state what people are told \
             of the logic: `logic \"...\"`",
            "lad en person gennemgå resultaterne (`review manual | ...`), og angiv, hvad de registrerede får \
             at vide om logikken: `logic \"...\"`",
        ),
        HELP_HUMAN = (
            "have a person review the results before anything is decided: `review manual | ...`",
            "lad en person gennemgå resultaterne, før der træffes afgørelse: `review manual | ...`",
        ),
        HELP_LOGIC = (
            "state what people are told of the logic involved: `logic \"...\"`",
            "angiv, hvad de registrerede får at vide om den involverede logik: `logic \"...\"`",
        ),
    }
}

impl Rule for AutomatedReview {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let lang = cx.lang;
        for activity in &cx.model.activities {
            let details = activity.details();
            let ai = details.review.iter().find(|r| r.node == ReviewMode::Ai);
            let automated = details
                .review
                .iter()
                .find(|r| r.node == ReviewMode::Automated);
            let Some(review) = ai.or(automated) else {
                continue;
            };
            let human = details.review.iter().any(|r| r.node == ReviewMode::Manual);
            let logic = details.logic.is_some();
            let (missing, label, help) = match (human, logic) {
                (true, true) => continue,
                (false, false) => (text::MISSING_BOTH, text::LABEL_BOTH, text::HELP_BOTH),
                (false, true) => (text::MISSING_HUMAN, text::LABEL_HUMAN, text::HELP_HUMAN),
                (true, false) => (text::MISSING_LOGIC, text::LABEL_LOGIC, text::HELP_LOGIC),
            };
            let how = if review.node == ReviewMode::Ai {
                text::BY_AI
            } else {
                text::AUTOMATICALLY
            };
            let finding = cx
                .finding(
                    tr!(
                        lang,
                        text::MESSAGE,
                        activity = activity.name.node,
                        how = how.get(lang),
                        missing = missing.get(lang)
                    ),
                    review.span,
                    tr!(lang, label),
                )
                .with_help(tr!(lang, help));
            cx.report(finding);
        }
    }
}
