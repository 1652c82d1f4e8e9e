use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Lang;
use crate::law::parameters::parameters;
use crate::law::vocabulary::TimeUnit;
use crate::report::source_date;
use crate::semantic::model::{Date, Model, ProcessorId};
use crate::tr;

declare_rule! {
    /// # PROCESSOR-SUPERVISION: a processor whose supervision is not documented, or not recent
    ///
    /// ## What it checks
    /// Every processor and sub-processor in use (one that an activity names with `via`, and the
    /// sub-processors below it) says when and how the controller last supervised it:
    /// `supervised YYYY-MM-DD "how"`, e.g. `supervised 2025-03-01 "ISAE 3000-erklæring for 2024
    /// gennemgået"`. A party without it is reported; so is one whose last supervision lies more than
    /// the period of supervision before the reference date.
    ///
    /// The period is the controller's own, `supervision every 2 years` in the controller block, or,
    /// when the spec sets none, one year: src/law/data/dk_parameters.toml,
    /// `processor_supervision_period`. Datatilsynet's guidance on supervising processors (October
    /// 2021) sets no fixed period; it makes the form and frequency depend on the risk to the data
    /// subjects. One year is a judgement drawn from the guidance's higher-risk concepts and the
    /// yearly auditor's statements that the standard data processing agreements ask for, marked
    /// unverified in the data, and a finding that rests on it says so.
    ///
    /// The reference date is the date of the document the spec encodes (`document "..." { date
    /// ... }` in the controller), so that the same spec gives the same findings on any day; without
    /// one, `SOURCE_DATE_EPOCH` when set, or else today. The finding names the date it counted from.
    ///
    /// ## Why it matters
    /// The controller may use only processors that give sufficient guarantees (art. 28(1)), and the
    /// processor must allow for and contribute to audits and inspections by the controller (art.
    /// 28(3)(h)). The controller remains responsible for the processing it entrusts, must review its
    /// measures where necessary (art. 24(1)) and must be able to show compliance (art. 5(2)).
    /// Datatilsynet reads these provisions as a duty to supervise each processor, and sub-processors
    /// through the chain, in a form and at intervals that fit the risk, and to document it. An
    /// agreement alone does not show that the processor keeps it.
    ///
    /// This is a warning: a privacy notice does not say how processors are supervised, so silence in
    /// a spec written from a notice is a gap in the documentation, not evidence that no supervision
    /// took place. A sub-processor may be supervised through the processor (its own audit of the
    /// sub-processor, reviewed by the controller): record that as the form.
    ///
    /// ## Legal basis
    /// - GDPR art. 28(1)
    /// - GDPR art. 28(3)(h)
    /// - GDPR art. 24(1)
    /// - GDPR art. 5(2)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse over behandlingsaktiviteter" { date 2026-11-01 }
    /// }
    /// subjects employees "Medarbejdere" employees
    /// data salary "Løn" confidential
    /// processor payroll "Lønservice A/S" {
    ///   agreement "Databehandleraftale af 2024-01-15"
    ///   country DK
    /// }
    /// activity pay "Lønudbetaling" {
    ///   purpose "Udbetaling af løn"
    ///   subjects employees
    ///   data salary
    ///   basis gdpr 6(1)(b), gdpr 6(1)(c), dbl 12(1), law "Skatteindberetningsloven"
    ///   retain all for 5 years
    ///   via payroll
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse over behandlingsaktiviteter" { date 2026-11-01 }
    /// }
    /// subjects employees "Medarbejdere" employees
    /// data salary "Løn" confidential
    /// processor payroll "Lønservice A/S" {
    ///   agreement "Databehandleraftale af 2024-01-15"
    ///   country DK
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    /// }
    /// activity pay "Lønudbetaling" {
    ///   purpose "Udbetaling af løn"
    ///   subjects employees
    ///   data salary
    ///   basis gdpr 6(1)(b), gdpr 6(1)(c), dbl 12(1), law "Skatteindberetningsloven"
    ///   retain all for 5 years
    ///   via payroll
    /// }
    /// ```
    pub struct ProcessorSupervision {
        code: "PROCESSOR-SUPERVISION",
        severity: Warning,
        summary: (
            "the controller's supervision of every processor in use is documented and recent",
            "den dataansvarliges tilsyn med hver databehandler, der bruges, er dokumenteret og nyligt",
        ),
        provisions: [
            ("GDPR", "art. 28(1)"),
            ("GDPR", "art. 28(3)(h)"),
            ("GDPR", "art. 24(1)"),
            ("GDPR", "art. 5(2)"),
        ],
    }
    texts {
        MISSING_PROCESSOR = (
            "the controller's supervision of processor `{name}` is not documented in the spec",
            "den dataansvarliges tilsyn med databehandleren `{name}` er ikke dokumenteret i specifikationen",
        ),
        MISSING_SUBPROCESSOR = (
            "the supervision of sub-processor `{name}` is not documented in the spec",
            "tilsynet med underdatabehandleren `{name}` er ikke dokumenteret i specifikationen",
        ),
        MISSING_LABEL = (
            "no `supervised` says when and how it was last supervised",
            "ingen `supervised` angiver, hvornår og hvordan der sidst blev ført tilsyn",
        ),
        MISSING_HELP = (
            "record the last supervision, its date and its form, in the block, e.g. \
             `supervised YYYY-MM-DD \"ISAE 3000-erklæring gennemgået\"`; supervise in a form and at \
             intervals that fit the risk ({period})",
            "angiv det seneste tilsyn, dets dato og form, i blokken, f.eks. \
             `supervised YYYY-MM-DD \"ISAE 3000-erklæring gennemgået\"`; før tilsyn i en form og med \
             en hyppighed, der passer til risikoen ({period})",
        ),
        OVERDUE = (
            "`{name}` was last supervised on {date}, more than {period} before {reference}",
            "der blev sidst ført tilsyn med `{name}` den {date}, mere end {period} før {reference}",
        ),
        OVERDUE_LABEL = (
            "the last supervision: {form}; due again by {due}",
            "seneste tilsyn: {form}; skulle være gentaget senest {due}",
        ),
        PERIOD_LABEL = (
            "the controller's period of supervision",
            "den dataansvarliges periode for tilsyn",
        ),
        OVERDUE_HELP = (
            "supervise `{name}` again and record it, e.g. `supervised YYYY-MM-DD \"...\"`; if the risk \
             allows a longer interval, state the controller's period with `supervision every N years` \
             ({period})",
            "før tilsyn med `{name}` igen og angiv det, f.eks. `supervised YYYY-MM-DD \"...\"`; tillader \
             risikoen et længere interval, så angiv den dataansvarliges periode med \
             `supervision every N years` ({period})",
        ),
        /// The period when the spec sets it.
        PERIOD_SET = (
            "every {period}, as the controller states",
            "med en periode på {period}, som den dataansvarlige angiver"
        ),
        /// The period when the spec sets none: the default, and that it is a judgement.
        PERIOD_DEFAULT = (
            "the spec sets no period; {period} is a judgement, unverified: {provision} sets no fixed period",
            "specifikationen angiver ingen periode; {period} er et skøn, ikke verificeret: {provision} fastsætter ingen fast periode",
        ),
        REFERENCE_DOCUMENT = ("the document's date, {date}", "dokumentets dato, {date}"),
        REFERENCE_EPOCH = ("{date} (from `SOURCE_DATE_EPOCH`)", "{date} (fra `SOURCE_DATE_EPOCH`)"),
        REFERENCE_TODAY = ("today, {date}", "i dag, {date}"),
    }
}

impl Rule for ProcessorSupervision {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let period = Period::of(model);
        let mut reference: Option<(Date, String)> = None;
        for (i, processor) in model.processors.iter().enumerate() {
            let id = ProcessorId(i as u32);
            let Some(path) = cx.flow.first_use_path(model, id) else {
                continue;
            };
            let Some(supervised) = &processor.supervised else {
                let message = if processor.parent.is_some() {
                    text::MISSING_SUBPROCESSOR
                } else {
                    text::MISSING_PROCESSOR
                };
                let finding = cx
                    .finding(
                        tr!(lang, message, name = processor.name.node),
                        processor.name.span,
                        tr!(lang, text::MISSING_LABEL),
                    )
                    .with_path(path)
                    .with_help(tr!(
                        lang,
                        text::MISSING_HELP,
                        period = period.describe(lang)
                    ));
                cx.report(finding);
                continue;
            };
            let (today, said) = reference.get_or_insert_with(|| reference_date(model, lang));
            let due = period.after(supervised.date.node);
            if *today <= due {
                continue;
            }
            let mut finding = cx
                .finding(
                    tr!(
                        lang,
                        text::OVERDUE,
                        name = processor.name.node,
                        date = supervised.date.node,
                        period = period.words(lang),
                        reference = said
                    ),
                    supervised.span,
                    tr!(
                        lang,
                        text::OVERDUE_LABEL,
                        form = supervised.form.node,
                        due = due
                    ),
                )
                .with_path(path)
                .with_help(tr!(
                    lang,
                    text::OVERDUE_HELP,
                    name = processor.name.node,
                    period = period.describe(lang)
                ));
            if let Some(set) = &model.controller.supervision {
                finding = finding.with_secondary(set.span, tr!(lang, text::PERIOD_LABEL));
            }
            cx.report(finding);
        }
    }
}

/// The period of supervision: the controller's, or the default from the law data.
struct Period {
    amount: u64,
    unit: TimeUnit,
    /// Set by the spec (`supervision every ...`), not the default.
    set: bool,
}

impl Period {
    fn of(model: &Model) -> Period {
        match &model.controller.supervision {
            Some(p) => Period {
                amount: p.amount,
                unit: p.unit,
                set: true,
            },
            None => {
                let default = &parameters().processor_supervision_period;
                Period {
                    amount: u64::from(default.value),
                    // The data says "years"; the unit is fixed here, as the parameter's test checks.
                    unit: if default.value == 1 {
                        TimeUnit::Year
                    } else {
                        TimeUnit::Years
                    },
                    set: false,
                }
            }
        }
    }

    /// `1 year`, `2 år`.
    fn words(&self, lang: Lang) -> String {
        format!("{} {}", self.amount, self.unit.word(self.amount, lang))
    }

    /// The period and where it comes from.
    fn describe(&self, lang: Lang) -> String {
        if self.set {
            tr!(lang, text::PERIOD_SET, period = self.words(lang))
        } else {
            let default = &parameters().processor_supervision_period;
            tr!(
                lang,
                text::PERIOD_DEFAULT,
                period = self.words(lang),
                provision = guidance(default.provision_in(lang))
            )
        }
    }

    /// The last day on which a supervision on `date` is still within the period.
    fn after(&self, date: Date) -> Date {
        let n = self.amount;
        match self.unit {
            TimeUnit::Day | TimeUnit::Days => from_days(days(date) + n as i64),
            TimeUnit::Week | TimeUnit::Weeks => from_days(days(date) + 7 * n as i64),
            TimeUnit::Month | TimeUnit::Months => add_months(date, n),
            TimeUnit::Year | TimeUnit::Years => add_months(date, n.saturating_mul(12)),
        }
    }
}

/// The guidance's part of the parameter's provision (after the GDPR articles, `; `).
fn guidance(provision: &str) -> &str {
    provision.rsplit("; ").next().unwrap_or(provision)
}

/// The date the period is counted back from, and how a finding says it.
fn reference_date(model: &Model, lang: Lang) -> (Date, String) {
    if let Some(date) = model
        .controller
        .document
        .as_ref()
        .and_then(|d| d.date.as_ref())
    {
        return (
            date.node,
            tr!(lang, text::REFERENCE_DOCUMENT, date = date.node),
        );
    }
    let set = std::env::var_os(source_date::VARIABLE);
    // A value that is not seconds since 1970 is reported by the commands that write documents;
    // here it counts as unset, and the finding says that today was used.
    if let Ok(Some(seconds)) = source_date::seconds(set.as_deref(), lang) {
        let date = from_days(seconds.div_euclid(86_400));
        return (date, tr!(lang, text::REFERENCE_EPOCH, date = date));
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let date = from_days(seconds.div_euclid(86_400));
    (date, tr!(lang, text::REFERENCE_TODAY, date = date))
}

/// `date` plus `months`, on the same day of the month or the month's last day (2024-02-29 plus a
/// year is 2025-02-28).
fn add_months(date: Date, months: u64) -> Date {
    let index = u64::from(date.year) * 12 + u64::from(date.month - 1) + months;
    let year = (index / 12).min(9999) as u16;
    let month = (index % 12) as u8 + 1;
    let last = days_in_month(year, month);
    Date {
        year,
        month,
        day: date.day.min(last),
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
fn days(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year) - i64::from(date.month <= 2),
        i64::from(date.month),
        i64::from(date.day),
    );
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01, within years 0 to 9999.
fn from_days(days: i64) -> Date {
    let (year, month, day) = crate::report::source_date::civil_from_days(days);
    Date {
        year: year.clamp(0, 9999) as u16,
        month: month as u8,
        day: day as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn days_and_dates_agree() {
        assert_eq!(days(date(1970, 1, 1)), 0);
        assert_eq!(days(date(2000, 2, 29)), 11_016);
        assert_eq!(from_days(20_658), date(2026, 7, 24));
        for n in [-1, 0, 59, 11_016, 20_658, 30_000] {
            assert_eq!(days(from_days(n)), n);
        }
    }

    #[test]
    fn a_period_ends_on_the_same_day_or_the_months_last() {
        let year = Period {
            amount: 1,
            unit: TimeUnit::Year,
            set: true,
        };
        assert_eq!(year.after(date(2025, 3, 1)), date(2026, 3, 1));
        assert_eq!(year.after(date(2024, 2, 29)), date(2025, 2, 28));
        let months = Period {
            amount: 18,
            unit: TimeUnit::Months,
            set: true,
        };
        assert_eq!(months.after(date(2025, 8, 31)), date(2027, 2, 28));
        let weeks = Period {
            amount: 2,
            unit: TimeUnit::Weeks,
            set: true,
        };
        assert_eq!(weeks.after(date(2025, 12, 25)), date(2026, 1, 8));
    }

    #[test]
    fn the_default_period_is_a_marked_judgement_in_years() {
        let default = &parameters().processor_supervision_period;
        assert_eq!(default.unit, "years");
        assert!(!default.verified, "no act or guidance sets a fixed period");
        assert!(!default.source.is_empty() && !default.checked.is_empty());
    }
}
