use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Lang;
use crate::semantic::model::Activity;
use crate::syntax::span::Span;
use crate::tr;

declare_rule! {
    /// # RETENTION-MISSING: data kept with no deletion deadline
    ///
    /// ## What it checks
    /// Every data category an activity processes is covered by a `retain` statement: a duration
    /// (`retain x for 90 days`), an event and a duration (`retain x for 5 years after "udgangen af
    /// journalperioden"`), a criterion (`retain x until "ansættelsen ophører"`), or archiving under
    /// arkivloven (`retain x archive`). `retain all ...` covers every category of the activity not
    /// named in another `retain`.
    ///
    /// One finding per activity, not one per category: the first category without a deadline carries
    /// the finding, each other one is shown with it, and the message names them all.
    ///
    /// ## Why it matters
    /// Personal data may be kept no longer than necessary for the purpose (storage limitation). The
    /// data subjects must be told the period, or if that is not possible the criteria used to decide
    /// it (art. 13(2)(a), 14(2)(a)), and the record of processing must state the time limits for
    /// erasure where possible. A criterion such as "until the employment ends" or "until you withdraw
    /// your consent" is what art. 13(2)(a) allows, so `until "..."` meets this rule. It says nothing on
    /// how long after the event the data goes; where that matters, write `for N after "..."` instead.
    ///
    /// On a TV-surveillance activity (`cctv`) the help suggests the statutory deadline of
    /// tv-overvågningsloven § 4 c, stk. 4, and § 4 d, stk. 3, read from the reference data, so that
    /// following it never causes CCTV-RETENTION.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(e) (storage limitation)
    /// - GDPR art. 13(2)(a) and 14(2)(a) (information on the storage period or its criteria)
    /// - GDPR art. 30(1)(f) (time limits for erasure in the record)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data location "Enhedens sidst kendte lokation" ordinary
    /// activity mdm "Mobile Device Management" {
    ///   purpose "Find og spær bortkomne enheder"
    ///   subjects employees
    ///   data location
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Overenskomst for kommunalt ansatte", law "Lov om kommunernes styrelse"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data location "Enhedens sidst kendte lokation" ordinary
    /// activity mdm "Mobile Device Management" {
    ///   purpose "Find og spær bortkomne enheder"
    ///   subjects employees
    ///   data location
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Overenskomst for kommunalt ansatte", law "Lov om kommunernes styrelse"
    ///   retain location for 90 days
    /// }
    /// ```
    pub struct RetentionMissing {
        code: "RETENTION-MISSING",
        severity: Error,
        summary: (
            "every category an activity keeps has a deletion deadline or a criterion for it",
            "hver kategori, en aktivitet opbevarer, har en slettefrist eller et kriterium for den",
        ),
        provisions: [("GDPR", "art. 5(1)(e)"), ("GDPR", "art. 13(2)(a)"), ("GDPR", "art. 30(1)(f)")],
    }
    texts {
        MESSAGE = (
            "`{name}` is kept with no deletion deadline in activity `{activity}`",
            "`{name}` opbevares uden slettefrist i aktiviteten `{activity}`",
        ),
        MESSAGE_MANY = (
            "{names} are kept with no deletion deadline in activity `{activity}`",
            "{names} opbevares uden slettefrist i aktiviteten `{activity}`",
        ),
        AND = ("and", "og"),
        LABEL = (
            "no `retain` statement covers this category",
            "ingen `retain`-angivelse omfatter denne kategori",
        ),
        ALSO = (
            "no `retain` statement covers this one either",
            "heller ikke denne er omfattet af en `retain`-angivelse",
        ),
        OTHER = (
            "the deadlines given cover other categories",
            "de angivne frister omfatter andre kategorier",
        ),
        HELP = (
            "add a deadline, e.g. `retain {names} for 90 days`; it may also run from an event (`for 5 years \
             after \"udgangen af journalperioden\"`), be a criterion (`until \"ansættelsen ophører\"`) or be \
             the hand-over to the public archive (`archive`)",
            "tilføj en slettefrist, f.eks. `retain {names} for 90 days`; fristen kan også løbe fra en begivenhed \
             (`for 5 years after \"udgangen af journalperioden\"`), være et kriterium (`until \"ansættelsen \
             ophører\"`) eller være aflevering til offentligt arkiv (`archive`)",
        ),
        CCTV_HELP = (
            "recordings of TV surveillance are deleted within {days} days ({provision}): `retain {names} for \
             {days} days`",
            "optagelser fra tv-overvågning slettes senest efter {days} dage ({provision}): `retain {names} for \
             {days} days`",
        ),
    }
}

impl Rule for RetentionMissing {
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
            // `retain all ...` gives every category a deadline: nothing to look up.
            if activity.retention.iter().any(|r| r.all.is_some()) {
                continue;
            }
            // Each category once, in the order first named: a category may stand in two `data`
            // statements.
            let mut missing: Vec<(Span, &str)> = Vec::new();
            for data in &activity.data {
                if activity.retention_of(data.id).is_some() {
                    continue;
                }
                let name = model.data(data.id).name.node.as_str();
                if !missing.iter().any(|(_, n)| *n == name) {
                    missing.push((data.span, name));
                }
            }
            if let Some(finding) = finding(cx, activity, &missing, lang) {
                cx.report(finding);
            }
        }
    }
}

/// The one finding for an activity whose categories in `missing` have no deadline.
fn finding(
    cx: &Context<'_>,
    activity: &Activity,
    missing: &[(Span, &str)],
    lang: Lang,
) -> Option<crate::diagnostic::Diagnostic> {
    let ((first_span, first_name), others) = missing.split_first()?;
    let names: Vec<String> = missing.iter().map(|(_, n)| format!("`{n}`")).collect();
    let message = match others {
        [] => tr!(
            lang,
            text::MESSAGE,
            name = first_name,
            activity = activity.name.node
        ),
        _ => tr!(
            lang,
            text::MESSAGE_MANY,
            names = join_and(&names, text::AND.get(lang)),
            activity = activity.name.node
        ),
    };
    let mut finding = cx.finding(message, *first_span, tr!(lang, text::LABEL));
    for (span, _) in others {
        finding = finding.with_secondary(*span, tr!(lang, text::ALSO));
    }
    if let Some(other) = activity.retention.first() {
        finding = finding.with_secondary(other.span, tr!(lang, text::OTHER));
    }
    // The names as a `retain` statement lists them: `a, b, c`.
    let listed = missing
        .iter()
        .map(|(_, n)| *n)
        .collect::<Vec<_>>()
        .join(", ");
    let help = if activity.details().cctv.is_some() {
        let cctv = crate::law::cctv::cctv();
        let provision = match &activity.details().cctv_ground {
            Some(ground) => ground.node.deletion_in(lang),
            None => cctv.deletion_in(lang),
        };
        tr!(
            lang,
            text::CCTV_HELP,
            days = cctv.limit_days,
            provision = provision,
            names = listed
        )
    } else {
        tr!(lang, text::HELP, names = listed)
    };
    Some(finding.with_help(help))
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}
