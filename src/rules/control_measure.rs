use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Text;
use crate::law::vocabulary::{SourceKind, SubjectKind};
use crate::semantic::model::{Activity, Model, Origin};
use crate::syntax::span::Span;
use crate::tr;

declare_rule! {
    /// # CONTROL-MEASURE: an employee control measure without a record of when employees were told
    ///
    /// ## What it checks
    /// An activity is taken to be a control measure towards employees when one of its `subjects` groups
    /// is of kind `employees` and it watches what they do:
    ///
    /// - one of its `sources` is of kind `system_log` (logs of IT systems, key cards, GPS units, a
    ///   device-management system), or
    /// - it is TV surveillance (`cctv`), or
    /// - it reviews data about people (`review manual`, `automated` or `ai`).
    ///
    /// Such an activity states the date the employees were told of the measure (`notified
    /// YYYY-MM-DD`). The finding says that the spec does not record it; it does not say that the
    /// employees were not told.
    ///
    /// The operational reason is not asked for separately. A notice gives the reason for a measure as
    /// its purpose ("kriminalpræventive og tryghedsskabende formål", "dokumentation af
    /// vintervedligeholdelsespligten"), and a purpose that names the operational need is the
    /// operational reason a lawyer looks for: the activity's `purpose` is taken as the reason, and
    /// `justification "..."` adds the circumstances where the notice states them (e.g. when logs are
    /// opened). Whether the purpose is specific enough, and whether the measure is proportionate, is
    /// a judgement the spec cannot show and hjemmel does not make.
    ///
    /// Not taken as a control measure: an employee activity whose data comes only from the employee, the
    /// staff or registers (payroll, sick-leave follow-up), however sensitive — that is personnel
    /// administration, not control. A control measure the spec describes without a `system_log`
    /// source, `cctv` or `review` (for example opening a mailbox during an absence) is not found; give
    /// it the source it reads or its `review` mode to have it checked. Whether the notification came in
    /// time is not checked: the DA/LO agreement asks for six weeks' notice before a measure starts; the
    /// period of the KL/Forhandlingsfællesskabet agreement was not confirmed for this rule.
    ///
    /// ## Why it matters
    /// Under Danish labour law an employer may control its employees only when the measure has an
    /// operational reason and a reasonable purpose, is not offensive and not more intrusive than
    /// needed; the agreement on control measures between KL and Forhandlingsfællesskabet, which binds
    /// the municipalities, adds that employees are told of a new measure before it starts. Processing
    /// under a collective agreement rests on databeskyttelseslovens § 12, stk. 1, and the employees
    /// must be told of it clearly and in time (art. 5(1)(a), 12 and 13).
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
    /// - Aftale om kontrolforanstaltninger between KL and Forhandlingsfællesskabet
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data keycard_log "Brug af nøglekort" ordinary
    /// source keycards "Nøglekortsystemet" system_log
    /// activity key_cards "Nøglekort" {
    ///   purpose "Adgangskontrol til rådhuset"
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
            "an employee control measure records when the employees were told of it",
            "en kontrolforanstaltning over for ansatte oplyser, hvornår de ansatte fik besked om den",
        ),
        provisions: [
            ("Databeskyttelsesloven", "§ 12, stk. 1"),
            ("GDPR", "art. 5(1)(a)"),
            ("GDPR", "art. 13"),
            ("KL/Forhandlingsfællesskabet", "aftale om kontrolforanstaltninger"),
        ],
    }
    texts {
        TRIGGER_LOG = (
            "a system log about the employees' use of equipment",
            "en systemlog over de ansattes brug af udstyr",
        ),
        TRIGGER_CCTV = ("TV surveillance", "tv-overvågning"),
        TRIGGER_REVIEW = (
            "data about the employees is reviewed",
            "oplysninger om de ansatte gennemgås",
        ),
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
        TRIGGER = ("{what}: a control measure", "{what}: en kontrolforanstaltning"),
        HELP_NOTIFIED = (
            "state when the employees were told of the measure, `notified YYYY-MM-DD`; where this notice \
             is how they were told, the date it was given to them",
            "angiv, hvornår de ansatte fik besked om foranstaltningen, `notified YYYY-MM-DD`; er denne \
             meddelelse orienteringen, så den dato, hvor de fik den",
        ),
    }
}

fn control_trigger(model: &Model, activity: &Activity) -> Option<(Span, Text)> {
    let log = activity.sources.iter().find(|s| match s.id {
        Origin::Source(id) => model.source(id).kind == SourceKind::SystemLog,
        Origin::Activity(_) => false,
    });
    if let Some(source) = log {
        return Some((source.span, text::TRIGGER_LOG));
    }
    let details = activity.details();
    if let Some(span) = details.cctv {
        return Some((span, text::TRIGGER_CCTV));
    }
    details
        .review
        .first()
        .map(|r| (r.span, text::TRIGGER_REVIEW))
}

impl Rule for ControlMeasure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for activity in &model.activities {
            let Some(employees) = activity.subjects_of_kind(model, SubjectKind::Employees) else {
                continue;
            };
            let Some((trigger, what)) = control_trigger(model, activity) else {
                continue;
            };
            // The purpose is taken as the operational reason (see the page); only the date is asked for.
            if activity.details().notified.is_some() {
                continue;
            }
            let finding = cx
                .finding(
                    tr!(lang, text::MESSAGE, activity = activity.name.node),
                    activity.name.span,
                    tr!(lang, text::ASK_WHEN),
                )
                .with_secondary(
                    employees.span,
                    tr!(
                        lang,
                        text::EMPLOYEES,
                        group = model.subjects(employees.id).name.node
                    ),
                )
                .with_secondary(trigger, tr!(lang, text::TRIGGER, what = what.get(lang)));
            cx.report(finding.with_help(tr!(lang, text::HELP_NOTIFIED)));
        }
    }
}
