use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Lang;
use crate::law::vocabulary::TimeUnit;
use crate::semantic::model::{Period, RetentionLimit};
use crate::tr;

declare_rule! {
    /// # RETENTION-EXCEEDS-LIMIT: data kept longer than its category's limit
    ///
    /// ## What it checks
    /// A data category may declare the longest time any activity may keep it
    /// (`data x "..." ordinary { limit 5 years "why" }`). Every activity that keeps the category
    /// deletes it within that limit.
    ///
    /// - A deadline from collection (`retain x for 10 years`) is compared with the limit. Months and
    ///   years are compared as months (`5 years` is within `60 months`), days and weeks as days, and
    ///   a mix as days (a month as 30 days, a year as 365).
    /// - A deadline after an event (`for 6 years after "sagens afslutning"`) runs from an event at or
    ///   after collection, so it is reported when its own length already exceeds the limit; a shorter
    ///   one cannot be compared and is not reported.
    /// - `retain x archive` (handed to the public archive under arkivloven) is not compared: the
    ///   archive's own rules decide how long records are kept there.
    /// - A criterion (`retain x until "ansættelsen ophører"`) gives no length to compare, and is not
    ///   reported; where the limit matters, state the deadline as `for N after "..."`.
    /// - A category with no `retain` is RETENTION-MISSING's finding, not this rule's.
    ///
    /// The statutory 30 days for TV-surveillance recordings is checked by CCTV-RETENTION; this rule
    /// reads only limits that the spec declares.
    ///
    /// ## Why it matters
    /// Personal data may be kept no longer than necessary for the purposes (storage limitation). A
    /// limit the controller has set, or that a guideline, statute or decision sets, is what
    /// "necessary" means for that data; keeping it longer is a breach the controller has itself
    /// documented.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(e) (storage limitation)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data access_log "Log over opslag i sager" ordinary { limit 5 years "Kommunens logpolitik, 2025" }
    /// activity logging "Logning af opslag" {
    ///   purpose "Kontrol af opslag i sager"
    ///   subjects employees
    ///   data access_log
    ///   basis gdpr 6(1)(c), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)", law "Lov om kommunernes styrelse"
    ///   retain access_log for 10 years
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data access_log "Log over opslag i sager" ordinary { limit 5 years "Kommunens logpolitik, 2025" }
    /// activity logging "Logning af opslag" {
    ///   purpose "Kontrol af opslag i sager"
    ///   subjects employees
    ///   data access_log
    ///   basis gdpr 6(1)(c), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)", law "Lov om kommunernes styrelse"
    ///   retain access_log for 5 years
    /// }
    /// ```
    pub struct RetentionExceedsLimit {
        code: "RETENTION-EXCEEDS-LIMIT",
        severity: Error,
        summary: (
            "no activity keeps a category longer than the category's declared limit",
            "ingen aktivitet opbevarer en kategori længere end den grænse, der er angivet for kategorien",
        ),
        provisions: [("GDPR", "art. 5(1)(e)")],
    }
    texts {
        MESSAGE = (
            "`{name}` is kept longer than its limit of {limit} in activity `{activity}`",
            "`{name}` opbevares længere end sin grænse på {limit} i aktiviteten `{activity}`",
        ),
        KEPT_AFTER = (
            "kept for {period}: the period alone is longer than the limit",
            "opbevares i {period}: alene perioden er længere end grænsen",
        ),
        KEPT = ("kept for {period}", "opbevares i {period}"),
        LIMIT_REASON = ("the limit: {limit} ({reason})", "grænsen: {limit} ({reason})"),
        LIMIT = ("the limit: {limit}", "grænsen: {limit}"),
        CATEGORY = ("the category kept", "den kategori, der opbevares"),
        /// `{spec}` is the limit as the spec writes it (`30 days`), `{limit}` the same in words.
        HELP = (
            "shorten the deadline to at most {limit}, e.g. `retain {name} for {spec}`, or change the \
             limit if what sets it has changed",
            "forkort fristen til højst {limit}, f.eks. `retain {name} for {spec}`, eller ændr \
             grænsen, hvis det, der fastsætter den, har ændret sig",
        ),
    }
}

impl Rule for RetentionExceedsLimit {
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
            for data in &activity.data {
                let category = model.data(data.id);
                let Some(limit) = &category.limit else {
                    continue;
                };
                let Some(rule) = activity.retention_of(data.id) else {
                    continue;
                };
                if !exceeds(&rule.period, limit) {
                    continue;
                }
                let name = &category.name.node;
                let period = rule.period.describe(lang);
                let label = match &rule.period {
                    Period::Deadline { after: Some(_), .. } => {
                        tr!(lang, text::KEPT_AFTER, period = period)
                    }
                    _ => tr!(lang, text::KEPT, period = period),
                };
                let words = limit.describe(lang);
                let why = match &limit.reason {
                    Some(reason) => tr!(
                        lang,
                        text::LIMIT_REASON,
                        limit = words,
                        reason = reason.node
                    ),
                    None => tr!(lang, text::LIMIT, limit = words),
                };
                let finding = cx
                    .finding(
                        tr!(
                            lang,
                            text::MESSAGE,
                            name = name,
                            limit = words,
                            activity = activity.name.node
                        ),
                        rule.span,
                        label,
                    )
                    .with_secondary(limit.span, why)
                    .with_secondary(data.span, tr!(lang, text::CATEGORY));
                cx.report(finding.with_help(tr!(
                    lang,
                    text::HELP,
                    limit = words,
                    name = name,
                    spec = limit.describe(Lang::En)
                )));
            }
        }
    }
}

fn exceeds(period: &Period, limit: &RetentionLimit) -> bool {
    // Archiving and `until "event"` give no number of days to compare with the limit.
    let Period::Deadline { amount, unit, .. } = period else {
        return false;
    };
    match (months(*unit), months(limit.unit)) {
        (Some(kept), Some(allowed)) => amount * kept > limit.amount * allowed,
        _ => amount * unit.days() > limit.days(),
    }
}

fn months(unit: TimeUnit) -> Option<u64> {
    match unit {
        TimeUnit::Month | TimeUnit::Months => Some(1),
        TimeUnit::Year | TimeUnit::Years => Some(12),
        _ => None,
    }
}
