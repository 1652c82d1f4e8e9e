use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::vocabulary::SubjectKind;
use crate::tr;

declare_rule! {
    /// # CONTROL-MEASURE: an employee control measure without a record of when employees were told
    ///
    /// ## What it checks
    /// An activity is a control measure towards employees (kontrolforanstaltning) when the spec
    /// declares it one, with the operational reason the notice gives for it:
    /// `control measure "At kunne dokumentere vintervedligeholdelsespligten"`. The reason is part of
    /// the statement, so a declared measure always states one. Such an activity:
    ///
    /// - states the date the employees were told of the measure (`notified YYYY-MM-DD`). The finding
    ///   says that the spec does not record it; it does not say that the employees were not told;
    /// - has a `subjects` group of kind `employees`: a measure towards employees whose activity
    ///   names no employees is reported once, and that finding says both what to add and how to
    ///   withdraw the declaration instead.
    ///
    /// Nothing is guessed. An activity about employees that reads a `system_log` source, is `cctv`
    /// or has a `review` is not taken to be a control measure unless it says so: a security log
    /// kept under art. 32, TV surveillance of the public or a log review may be a control measure
    /// or not, and only the controller, and its notice, can say which. No separate "is this a
    /// control measure?" note is given either: it would fire on every such activity that is not
    /// one, and a DPO would have to write a waiver to silence a question the notice already
    /// answers. The notice lists its control measures ("Følgende kontrolforanstaltninger er opsat"),
    /// and each of them is declared.
    ///
    /// The older `justification "..."` gave the operational reason without declaring the measure;
    /// the declaration replaces it. It is still read, and reported: on an activity not declared a
    /// control measure, with the text to write instead (`control measure "..."` with the same
    /// words); on an activity that is also declared, as a statement to remove. Whether the reason
    /// is specific enough, and whether the measure is proportionate, is a judgement the spec cannot
    /// show and hjemmel does not make. Whether the notification came in time is not checked: the
    /// DA/LO agreement asks for six weeks' notice before a measure starts; the text of the
    /// KL/Forhandlingsfællesskabet agreement, and so its period, was not found for this rule.
    ///
    /// ## Why it matters
    /// Under Danish labour law an employer may control its employees only when the measure has an
    /// operational reason ("sagligt begrundet i driftsmæssige årsager") and a reasonable purpose, is
    /// not offensive and not more intrusive than needed; the agreements on control measures add that
    /// employees are told of a new measure before it starts. The State's guidance says so for the
    /// agreement between the Ministry of Finance and the central organisations (Personaleadministrativ
    /// Vejledning, 4.8.4.5, Medarbejder- og Kompetencestyrelsen: "en pligt for arbejdsgiveren til at
    /// informere de ansatte forud for iværksættelsen af nye kontrolforanstaltninger"); the agreement
    /// between KL and Forhandlingsfællesskabet, which binds the municipalities and which Randers'
    /// notice cites, is of the same kind, but its text was not read for this rule. Processing under a
    /// collective agreement rests on databeskyttelseslovens § 12, stk. 1, and the employees must be
    /// told of it clearly and in time (art. 5(1)(a), 12 and 13).
    ///
    /// The finding is a warning and asks for a date, because the date is documentation the controller
    /// should be able to show (art. 5(2)), not a defect of the notice. A notice addressed to the
    /// employees is often the notification itself, but its version or the date it took effect does
    /// not show when the employees received it, nor that they were told before the measure began; the
    /// spec says so with `notified` (the date the notice was given to them, where the notice is the
    /// notification). GDPR art. 88 is not cited: it allows Member States to lay down rules for the
    /// employment context and imposes nothing on a controller; the Danish rule is § 12.
    ///
    /// ## Legal basis
    /// - Databeskyttelsesloven § 12, stk. 1 (processing in employment under law or collective agreement)
    /// - GDPR art. 5(1)(a) (lawfulness, fairness, transparency) and art. 13 (information to the employees)
    /// - Aftale om kontrolforanstaltninger between KL and Forhandlingsfællesskabet (text not read; the
    ///   duty to inform before a measure starts is as the State's guidance states it for the State's
    ///   agreement, Personaleadministrativ Vejledning 4.8.4.5, pav.medst.dk)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data keycard_log "Brug af nøglekort" ordinary
    /// source keycards "Nøglekortsystemet" system_log
    /// activity key_cards "Nøglekort" {
    ///   purpose "Adgangskontrol til rådhuset"
    ///   control measure "At håndtere fysisk adgangskontrol til rådhuset"
    ///   subjects employees
    ///   data keycard_log
    ///   sources keycards
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)", law "Lov om kommunernes styrelse"
    ///   retain all for 1 year
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data keycard_log "Brug af nøglekort" ordinary
    /// source keycards "Nøglekortsystemet" system_log
    /// activity key_cards "Nøglekort" {
    ///   purpose "Adgangskontrol til rådhuset"
    ///   control measure "At håndtere fysisk adgangskontrol til rådhuset"
    ///   subjects employees
    ///   data keycard_log
    ///   sources keycards
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)", law "Lov om kommunernes styrelse"
    ///   retain all for 1 year
    ///   notified 2024-01-15
    /// }
    /// ```
    pub struct ControlMeasure {
        code: "CONTROL-MEASURE",
        severity: Warning,
        summary: (
            "a declared control measure towards employees names them and records when they were told of it",
            "en erklæret kontrolforanstaltning over for ansatte nævner dem og oplyser, hvornår de fik besked om den",
        ),
        provisions: [
            ("Databeskyttelsesloven", "§ 12, stk. 1"),
            ("GDPR", "art. 5(1)(a)"),
            ("GDPR", "art. 13"),
            ("KL/Forhandlingsfællesskabet", "aftale om kontrolforanstaltninger"),
        ],
    }
    texts {
        MESSAGE = (
            "the spec does not record when the employees were told of control measure `{activity}`",
            "specifikationen oplyser ikke, hvornår de ansatte fik besked om kontrolforanstaltningen `{activity}`",
        ),
        ASK_WHEN = (
            "no `notified` date: were the employees told before the measure began?",
            "ingen `notified`-dato: fik de ansatte besked, før foranstaltningen blev taget i brug?",
        ),
        EMPLOYEES = (
            "employees are among the data subjects (`{group}`)",
            "ansatte er blandt de registrerede (`{group}`)",
        ),
        DECLARED = (
            "declared a control measure towards employees",
            "erklæret som kontrolforanstaltning over for ansatte",
        ),
        HELP_NOTIFIED = (
            "state when the employees were told of the measure, `notified YYYY-MM-DD`; where this notice \
             is how they were told, the date it was given to them",
            "angiv, hvornår de ansatte fik besked om foranstaltningen, `notified YYYY-MM-DD`; er denne \
             meddelelse orienteringen, så den dato, hvor de fik den",
        ),
        NO_EMPLOYEES = (
            "`{activity}` is declared a control measure towards employees, but none of its `subjects` \
             groups is of kind `employees`",
            "`{activity}` er erklæret som kontrolforanstaltning over for ansatte, men ingen af dens \
             `subjects`-grupper er af typen `employees`",
        ),
        WHOSE = (
            "a control measure towards whom?",
            "en kontrolforanstaltning over for hvem?",
        ),
        HELP_NO_EMPLOYEES = (
            "add the employees' group (a `subjects` group of kind `employees`) to the activity's \
             `subjects`{and_notified}; if the activity does not control employees, remove `control measure`",
            "tilføj de ansattes gruppe (en `subjects`-gruppe af typen `employees`) til aktivitetens \
             `subjects`{and_notified}; kontrollerer aktiviteten ikke ansatte, så fjern `control measure`",
        ),
        AND_NOTIFIED = (
            " and state when they were told of the measure, `notified YYYY-MM-DD`",
            " og angiv, hvornår de fik besked om foranstaltningen, `notified YYYY-MM-DD`",
        ),
        OLD_JUSTIFICATION = (
            "`justification` no longer declares a control measure: `{activity}` is a control measure \
             towards employees only if the spec says `control measure \"...\"`",
            "`justification` erklærer ikke længere en kontrolforanstaltning: `{activity}` er kun en \
             kontrolforanstaltning over for ansatte, hvis specifikationen siger `control measure \"...\"`",
        ),
        OLD_JUSTIFICATION_LABEL = (
            "the operational reason, in the older form",
            "den driftsmæssige begrundelse, i den ældre form",
        ),
        HELP_OLD_JUSTIFICATION = (
            "if `{activity}` is a control measure towards employees, write `control measure` in place of \
             `justification`, with the same text{and_notified}; if it is not, remove `justification`",
            "er `{activity}` en kontrolforanstaltning over for ansatte, så skriv `control measure` i stedet \
             for `justification`, med samme tekst{and_notified}; er den ikke, så fjern `justification`",
        ),
        BOTH = (
            "`{activity}` gives its operational reason twice: `justification` is replaced by the reason \
             in `control measure`",
            "`{activity}` angiver sin driftsmæssige begrundelse to gange: `justification` er afløst af \
             begrundelsen i `control measure`",
        ),
        HELP_BOTH = (
            "remove `justification`; where it says something the reason in `control measure` does not, \
             add it to that text",
            "fjern `justification`; siger den noget, som begrundelsen i `control measure` ikke siger, så \
             tilføj det til den tekst",
        ),
    }
}

impl Rule for ControlMeasure {
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
            let employees = activity.subjects_of_kind(model, SubjectKind::Employees);
            let and_notified = if details.notified.is_some() {
                ""
            } else {
                text::AND_NOTIFIED.get(lang)
            };
            let name = activity.name.node.as_str();
            let Some(declared) = &details.control_measure else {
                // The older form: the reason without the declaration. Reported with what to write.
                if let Some(justification) = &details.justification {
                    let finding = cx
                        .finding(
                            tr!(lang, text::OLD_JUSTIFICATION, activity = name),
                            justification.span,
                            tr!(lang, text::OLD_JUSTIFICATION_LABEL),
                        )
                        .with_help(tr!(
                            lang,
                            text::HELP_OLD_JUSTIFICATION,
                            activity = name,
                            and_notified = and_notified
                        ));
                    cx.report(finding);
                }
                continue;
            };
            if let Some(justification) = &details.justification {
                let finding = cx
                    .finding(
                        tr!(lang, text::BOTH, activity = name),
                        justification.span,
                        tr!(lang, text::OLD_JUSTIFICATION_LABEL),
                    )
                    .with_secondary(declared.reason.span, tr!(lang, text::DECLARED))
                    .with_help(tr!(lang, text::HELP_BOTH));
                cx.report(finding);
            }
            let Some(employees) = employees else {
                let finding = cx
                    .finding(
                        tr!(lang, text::NO_EMPLOYEES, activity = name),
                        declared.span,
                        tr!(lang, text::WHOSE),
                    )
                    .with_help(tr!(
                        lang,
                        text::HELP_NO_EMPLOYEES,
                        and_notified = and_notified
                    ));
                cx.report(finding);
                continue;
            };
            if details.notified.is_some() {
                continue;
            }
            let finding = cx
                .finding(
                    tr!(lang, text::MESSAGE, activity = name),
                    activity.name.span,
                    tr!(lang, text::ASK_WHEN),
                )
                .with_secondary(declared.span, tr!(lang, text::DECLARED))
                .with_secondary(
                    employees.span,
                    tr!(
                        lang,
                        text::EMPLOYEES,
                        group = model.subjects(employees.id).name.node
                    ),
                );
            cx.report(finding.with_help(tr!(lang, text::HELP_NOTIFIED)));
        }
    }
}
