use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Text;
use crate::law::vocabulary::{SourceKind, SubjectKind};
use crate::semantic::model::{Activity, Model, Origin};
use crate::syntax::span::Span;
use crate::tr;

declare_rule! {
    /// # CONTROL-MEASURE: an employee control measure without its justification and notification
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
    /// Such an activity states its operational justification (`justification "..."`) and the date the
    /// employees were told of the measure (`notified YYYY-MM-DD`). One finding names what is missing.
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
    /// the municipalities, adds that employees are told of a new measure before it starts. The same
    /// facts are what the GDPR asks for: the processing must be fair and transparent and for a
    /// specified, legitimate purpose with no more data than needed (art. 5(1)(a)–(c)), and rules on
    /// monitoring at work must safeguard the employees' dignity and transparency (art. 88(2)). A spec
    /// that cannot say why a measure is needed, or when the employees learned of it, cannot show
    /// either.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(a)–(c) (lawfulness, fairness, transparency; purpose limitation; data minimisation)
    /// - GDPR art. 88 (processing in the context of employment; monitoring systems at work)
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
    ///   justification "Tyverier fra kontorerne i 2023; loggen ses kun ved konkret mistanke"
    ///   notified 2024-01-15
    /// }
    /// ```
    pub struct ControlMeasure {
        code: "CONTROL-MEASURE",
        severity: Warning,
        summary: (
            "an employee control measure states its justification and when employees were told",
            "en kontrolforanstaltning over for ansatte angiver sin begrundelse, og hvornår de ansatte fik besked",
        ),
        provisions: [
            ("GDPR", "art. 5(1)(a)-(c)"),
            ("GDPR", "art. 88"),
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
            "control measure `{activity}` has {missing}",
            "kontrolforanstaltningen `{activity}` har {missing}",
        ),
        MISSING_BOTH = (
            "no `justification` and no `notified` date",
            "ingen `justification` og ingen `notified`-dato",
        ),
        MISSING_JUSTIFICATION = ("no `justification`", "ingen `justification`"),
        MISSING_NOTIFIED = ("no `notified` date", "ingen `notified`-dato"),
        ASK_BOTH = (
            "why is it needed, and when were the employees told?",
            "hvorfor er den nødvendig, og hvornår fik de ansatte besked?",
        ),
        ASK_WHY = ("why is it needed?", "hvorfor er den nødvendig?"),
        ASK_WHEN = ("when were the employees told?", "hvornår fik de ansatte besked?"),
        EMPLOYEES = (
            "employees are among the data subjects (`{group}`)",
            "ansatte er blandt de registrerede (`{group}`)",
        ),
        TRIGGER = ("{what}: a control measure", "{what}: en kontrolforanstaltning"),
        HELP_BOTH = (
            "state the operational reason, `justification \"...\"`, and when the employees were told, \
             `notified YYYY-MM-DD`",
            "angiv den driftsmæssige begrundelse, `justification \"...\"`, og hvornår de ansatte fik besked, \
             `notified YYYY-MM-DD`",
        ),
        HELP_JUSTIFICATION = (
            "state the operational reason for the measure: `justification \"...\"`",
            "angiv den driftsmæssige begrundelse for foranstaltningen: `justification \"...\"`",
        ),
        HELP_NOTIFIED = (
            "state when the employees were told of the measure: `notified YYYY-MM-DD`",
            "angiv, hvornår de ansatte fik besked om foranstaltningen: `notified YYYY-MM-DD`",
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
            let details = activity.details();
            let (missing, ask, help) = match (&details.justification, &details.notified) {
                (Some(_), Some(_)) => continue,
                (None, None) => (text::MISSING_BOTH, text::ASK_BOTH, text::HELP_BOTH),
                (None, Some(_)) => (
                    text::MISSING_JUSTIFICATION,
                    text::ASK_WHY,
                    text::HELP_JUSTIFICATION,
                ),
                (Some(_), None) => (text::MISSING_NOTIFIED, text::ASK_WHEN, text::HELP_NOTIFIED),
            };
            let finding = cx
                .finding(
                    tr!(
                        lang,
                        text::MESSAGE,
                        activity = activity.name.node,
                        missing = missing.get(lang)
                    ),
                    activity.name.span,
                    tr!(lang, ask),
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
            cx.report(finding.with_help(tr!(lang, help)));
        }
    }
}
