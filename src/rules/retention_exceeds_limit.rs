use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::vocabulary::TimeUnit;
use crate::semantic::model::{Period, RetentionLimit};

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
    ///   basis gdpr 6(1)(c), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)"
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
    ///   basis gdpr 6(1)(c), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)"
    ///   retain access_log for 5 years
    /// }
    /// ```
    pub struct RetentionExceedsLimit {
        code: "RETENTION-EXCEEDS-LIMIT",
        severity: Error,
        summary: "no activity keeps a category longer than the category's declared limit",
        provisions: [("GDPR", "art. 5(1)(e)")],
    }
}

impl Rule for RetentionExceedsLimit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for activity in &model.activities {
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
                let label = match &rule.period {
                    Period::Deadline { after: Some(_), .. } => format!(
                        "kept for {}: the period alone is longer than the limit",
                        rule.period.describe()
                    ),
                    _ => format!("kept for {}", rule.period.describe()),
                };
                let why = match &limit.reason {
                    Some(reason) => format!("the limit: {} ({})", limit.describe(), reason.node),
                    None => format!("the limit: {}", limit.describe()),
                };
                let finding = cx
                    .finding(
                        format!(
                            "`{name}` is kept longer than its limit of {} in activity `{}`",
                            limit.describe(),
                            activity.name.node
                        ),
                        rule.span,
                        label,
                    )
                    .with_secondary(limit.span, why)
                    .with_secondary(data.span, "the category kept");
                cx.report(finding.with_help(format!(
                    "shorten the deadline to at most {}, e.g. `retain {name} for {}`, or change the \
                     limit if what sets it has changed",
                    limit.describe(),
                    limit.describe()
                )));
            }
        }
    }
}

/// Is the deadline longer than the limit? Archiving cannot be compared; an event-based deadline is
/// compared by its own length, which is the least it can last.
fn exceeds(period: &Period, limit: &RetentionLimit) -> bool {
    let Period::Deadline { amount, unit, .. } = period else {
        return false;
    };
    match (months(*unit), months(limit.unit)) {
        (Some(kept), Some(allowed)) => amount * kept > limit.amount * allowed,
        _ => amount * unit.days() > limit.days(),
    }
}

/// Months in the unit, for units counted in months (so `5 years` equals `60 months`).
fn months(unit: TimeUnit) -> Option<u64> {
    match unit {
        TimeUnit::Month | TimeUnit::Months => Some(1),
        TimeUnit::Year | TimeUnit::Years => Some(12),
        _ => None,
    }
}
