use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::ai_act::ai_act;
use crate::law::vocabulary::{ReviewMode, SubjectKind};
use crate::tr;

declare_rule! {
    /// # AUTOMATED-REVIEW: automated review of people without human review or a stated logic
    ///
    /// ## What it checks
    /// An activity that reviews people by a program (`review automated`) or an AI system (`review ai`)
    /// also has a person review the results (`manual` among its review modes, e.g.
    /// `review manual | ai`) and states what the data subjects are told of how the review works
    /// (`logic "..."`). One finding names what is missing: the human review, the logic, or both.
    ///
    /// ## Why it matters
    /// People must be able to understand how data about them is used: processing must be fair and
    /// transparent (art. 5(1)(a)), and the information given to them must be clear and plain
    /// (art. 12) and tell them the purposes and how the processing is done (art. 13). An automated or
    /// AI-based evaluation of what people do is exactly what they cannot see for themselves; a spec
    /// that cannot say what the review looks for, or who looks at its results, cannot show that they
    /// were told. The data in log reviews is observed about the person by the controller itself, so
    /// the information duty is art. 13, not art. 14.
    ///
    /// An AI system that monitors or evaluates the performance and behaviour of employees is a
    /// high-risk AI system under the AI Act (Regulation (EU) 2024/1689, Annex III, point 4(b)). The
    /// employer as deployer must then inform the workers' representatives and the employees affected
    /// before it is put into use (art. 26(7)), and under art. 4 the staff operating it need sufficient
    /// AI literacy, which applies since 2 February 2025. The high-risk duties apply from 2 August 2026
    /// under the Regulation as adopted; the Digital Omnibus on AI, reported as adopted in June 2026,
    /// moves them for Annex III systems to 2 December 2027 — not verified in the Official Journal, so
    /// the finding says both. These facts are reference data (`src/law/data/ai_act.toml`); the finding
    /// on AI review of employees quotes them in its note and says which are not verified.
    ///
    /// Art. 22 and 13(2)(f) are named only when no person reviews the results (`manual` is missing),
    /// because only then can a decision rest on the review alone. A decision based *solely* on
    /// automated processing that has legal or similarly significant effects on a person is allowed
    /// only under art. 22(2), with the right to human intervention (art. 22(3)), and the person must be
    /// told of it and of the logic involved (art. 13(2)(f)). An automated search of logs that only
    /// flags entries for a person to look into is no such decision.
    ///
    /// This is a warning, not an error: the spec says *how* people are reviewed, not whether a decision
    /// with legal or similarly significant effects rests on the review, nor whether an AI system is
    /// intended for the Annex III purpose.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(a), 12 and 13 (transparency)
    /// - AI Act (Regulation (EU) 2024/1689) Annex III, point 4(b); art. 26(7); art. 4
    /// - GDPR art. 22 and 13(2)(f), where no person reviews the results
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
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)", law "Lov om kommunernes styrelse"
    ///   notified 2024-04-01
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
        provisions: [
            ("GDPR", "art. 5(1)(a)"),
            ("GDPR", "art. 12"),
            ("GDPR", "art. 13"),
            ("AI Act", "Annex III, point 4(b)"),
            ("AI Act", "art. 26(7)"),
            ("AI Act", "art. 4"),
            ("GDPR", "art. 22"),
        ],
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
             of how the review works: `logic \"...\"`",
            "lad en person gennemgå resultaterne (`review manual | ...`), og angiv, hvad de registrerede får \
             at vide om, hvordan vurderingen foregår: `logic \"...\"`",
        ),
        HELP_HUMAN = (
            "have a person review the results before anything is decided about anyone: `review manual | ...`",
            "lad en person gennemgå resultaterne, før der træffes afgørelse om nogen: `review manual | ...`",
        ),
        HELP_LOGIC = (
            "state what people are told of how the review works: `logic \"...\"`",
            "angiv, hvad de registrerede får at vide om, hvordan vurderingen foregår: `logic \"...\"`",
        ),
        SOLELY = (
            "no person reviews the results: a decision with legal or similarly significant effect \
             resting on this review alone falls under art. 22",
            "ingen person gennemgår resultaterne: en afgørelse med retsvirkning eller tilsvarende betydelig \
             virkning, der alene hviler på denne vurdering, er omfattet af art. 22",
        ),
        AI_ACT_EMPLOYEES = (
            "AI Act: {annex}; {inform}; {literacy}; {dates}",
            "Forordningen om kunstig intelligens: {annex}; {inform}; {literacy}; {dates}",
        ),
        AI_ACT = ("AI Act: {literacy}", "Forordningen om kunstig intelligens: {literacy}"),
    }
}

/// The provisions a finding lists: transparency always; the AI Act where an AI system reviews people
/// (Annex III, point 4(b) and art. 26(7) when they are employees); art. 22 and 13(2)(f) only when no
/// person reviews the results.
fn provisions(ai: bool, employees: bool, human: bool) -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<(&str, &str)> = vec![
        ("GDPR", "art. 5(1)(a)"),
        ("GDPR", "art. 12"),
        ("GDPR", "art. 13"),
    ];
    if ai && employees {
        list.push(("AI Act", "Annex III, point 4(b)"));
        list.push(("AI Act", "art. 26(7)"));
    }
    if ai {
        list.push(("AI Act", "art. 4"));
    }
    if !human {
        list.push(("GDPR", "art. 22"));
        list.push(("GDPR", "art. 13(2)(f)"));
    }
    list
}

impl Rule for AutomatedReview {
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
            let is_ai = review.node == ReviewMode::Ai;
            let how = if is_ai {
                text::BY_AI
            } else {
                text::AUTOMATICALLY
            };
            let employees = activity
                .subjects_of_kind(model, SubjectKind::Employees)
                .is_some();
            let mut finding = cx
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
            if !human {
                finding = finding.with_secondary(activity.name.span, tr!(lang, text::SOLELY));
            }
            finding = cx.with_provisions(finding, provisions(is_ai, employees, human));
            if is_ai {
                let literacy = ai_act("art4").said(lang);
                finding.note = Some(if employees {
                    tr!(
                        lang,
                        text::AI_ACT_EMPLOYEES,
                        annex = ai_act("annex3_4b").said(lang),
                        inform = ai_act("art26_7").said(lang),
                        literacy = literacy,
                        dates = ai_act("high_risk_dates").said(lang)
                    )
                } else {
                    tr!(lang, text::AI_ACT, literacy = literacy)
                });
            }
            cx.report(finding);
        }
    }
}
