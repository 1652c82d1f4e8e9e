use super::{Context, Rule, RuleMeta, declare_rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::law::ActId;
use crate::law::cctv::{Cctv, ExceptionGround, SurveillanceGround, cctv};
use crate::law::vocabulary::TimeUnit;
use crate::semantic::model::{Activity, ExceptionDecl, Period, RetentionRule};
use crate::syntax::span::{Span, Spanned};
use crate::tr;

declare_rule! {
    /// # CCTV-RETENTION: TV-surveillance recordings kept more than 30 days
    ///
    /// ## What it checks
    /// An activity marked `cctv` keeps its recordings at most 30 days from recording. A longer period,
    /// a period that runs from some later event, or archiving (`archive`, or `for 30 days then
    /// archive`) is reported. A month counts as 31 days, a year as 366: a calendar month can be longer
    /// than 30 days, so `for 1 month` is reported and `for 30 days` is the way to write it.
    ///
    /// Recordings may be kept longer than 30 days only on a ground of tv-overvågningsloven § 4 c,
    /// stk. 5, declared with `exception tvol 4c(5) for GROUND`: `police_report` (a police report has
    /// been filed), `dispute` (the controller's handling of a specific dispute) or `crime_prevention`
    /// (processing for crime prevention under § 4 c, stk. 2). Such recordings get a period that runs
    /// from that event (`retain dispute_video for 30 days after "tvisten er afgjort"`). The exception
    /// does not stretch the routine period: `for 90 days` is reported with or without it.
    ///
    /// The rule then looks at the § the surveillance rests on, where the spec says it (`cctv tvol 2d`):
    ///
    /// - under §§ 2 a and 2 c (a municipality's surveillance to promote safety) no exception is
    ///   allowed at all (§ 4 d, stk. 3): a period from an event and the exception itself are errors;
    /// - a ground that does not apply to the surveillance (`crime_prevention`, sharing between
    ///   businesses under § 4 c, stk. 2, for an authority's surveillance under § 2 d) is an error;
    /// - for a dispute the person recorded must be told within 30 days and be given a copy on
    ///   request: `for dispute` without `with notice` is a warning (the duty may well be kept; the
    ///   spec does not say so).
    ///
    /// Where the spec does not say which § the surveillance rests on and the activity relies on an
    /// exception, the rule cannot tell whether an exception is allowed at all, and says so in a
    /// warning that asks for the §. Where no exception is relied on, the 30 days hold under every §
    /// and nothing is asked. An exception written the old way, `exception tvol 4c(5) "..."`, without
    /// its ground, gets a warning that says what to write instead.
    ///
    /// The 30 days, the §§ that allow no exception and the grounds each § allows are reference data
    /// (`src/law/data/tvol.toml`, `[cctv]`); the text of § 4 c, stk. 5 was read only as quoted by
    /// SikkerhedsBranchen and is marked unverified there.
    ///
    /// Recordings kept until an event (`retain video until "..."`) have no 30-day bound and are reported.
    ///
    /// ## Why it matters
    /// Recordings from crime-prevention surveillance must be deleted no later than 30 days after they
    /// were made (§ 4 c, stk. 4). They may be kept longer where necessary for a filed police report, the
    /// controller's handling of a specific dispute, or crime-prevention processing under § 4 c, stk. 2
    /// (§ 4 c, stk. 5); in a dispute the controller must tell the person recorded within the 30 days and
    /// hand over a copy on request. A municipality's recordings for the safety of people in an area
    /// (§§ 2 a, 2 c) must be deleted no later than 30 days after they were made, with no exception
    /// (§ 4 d, stk. 3). Keeping them longer breaks the statute and GDPR art. 5(1)(e).
    ///
    /// ## Legal basis
    /// - Tv-overvågningsloven § 4 c, stk. 4–5
    /// - Tv-overvågningsloven § 4 d, stk. 3
    /// - GDPR art. 5(1)(e)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects visitors "Besøgende" citizens
    /// data video "Videooptagelser" ordinary
    /// activity cameras "Tv-overvågning af rådhuset" {
    ///   purpose "Kriminalitetsforebyggelse"
    ///   cctv tvol 2d
    ///   dpia "Konsekvensanalyse for tv-overvågning, 2024-02-01"
    ///   subjects visitors
    ///   data video
    ///   basis gdpr 6(1)(e), tvol 2d(1)
    ///   retain video for 90 days
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects visitors "Besøgende" citizens
    /// data video "Videooptagelser" ordinary
    /// activity cameras "Tv-overvågning af rådhuset" {
    ///   purpose "Kriminalitetsforebyggelse"
    ///   cctv tvol 2d
    ///   dpia "Konsekvensanalyse for tv-overvågning, 2024-02-01"
    ///   subjects visitors
    ///   data video
    ///   basis gdpr 6(1)(e), tvol 2d(1)
    ///   retain video for 30 days
    /// }
    /// ```
    pub struct CctvRetention {
        code: "CCTV-RETENTION",
        severity: Error,
        summary: (
            "TV-surveillance recordings are deleted within 30 days, save the grounds of § 4 c, stk. 5",
            "optagelser fra tv-overvågning slettes inden 30 dage, bortset fra grundene i § 4 c, stk. 5",
        ),
        provisions: [("Tv-overvågningsloven", "§ 4 c, stk. 4–5"), ("Tv-overvågningsloven", "§ 4 d, stk. 3")],
    }
    texts {
        MESSAGE = (
            "surveillance recordings of activity `{activity}` are kept beyond {days} days",
            "optagelser fra tv-overvågningen i aktiviteten `{activity}` opbevares i mere end {days} dage",
        ),
        LABEL = ("kept {period}", "opbevaringsperiode: {period}"),
        LABEL_CALENDAR = (
            "kept {period}: a calendar month can have 31 days",
            "opbevaringsperiode: {period}; en kalendermåned kan have 31 dage",
        ),
        LABEL_EVENT = (
            "kept {period}: this does not end within {days} days of recording",
            "opbevaringsperiode: {period}; den udløber ikke senest {days} dage efter optagelsen",
        ),
        CCTV = ("this activity is TV surveillance", "denne aktivitet er tv-overvågning"),
        HELP = (
            "delete the recordings no later than {days} days after they were made: write `for {days} days`",
            "slet optagelserne senest {days} dage efter, at de er foretaget: skriv `for {days} days`",
        ),
        MESSAGE_EVENT = (
            "recordings of activity `{activity}` are kept from a later event, with no exception of tv-overvågningsloven § 4 c, stk. 5",
            "optagelser fra aktiviteten `{activity}` opbevares fra en senere begivenhed uden en undtagelse efter tv-overvågningslovens § 4 c, stk. 5",
        ),
        HELP_EVENT = (
            "if the recordings are kept for one of the grounds of § 4 c, stk. 5, declare it: {choices}; otherwise write `for {days} days`",
            "gemmes optagelserne af en af grundene i § 4 c, stk. 5, så angiv det: {choices}; skriv ellers `for {days} days`",
        ),
        MESSAGE_BARRED = (
            "recordings of activity `{activity}` under tv-overvågningsloven {section} are kept beyond {days} days, which {deletion} allows for no reason",
            "optagelser fra aktiviteten `{activity}` efter tv-overvågningslovens {section} opbevares i mere end {days} dage, hvilket {deletion} ikke tillader af nogen grund",
        ),
        GROUND = ("the surveillance rests on {section}", "overvågningen sker efter {section}"),
        NO_EXCEPTION = (
            "no exception applies to these recordings",
            "der gælder ingen undtagelse for disse optagelser",
        ),
        HELP_BARRED = (
            "delete the recordings no later than {days} days after they were made: write `for {days} days` and remove the exception",
            "slet optagelserne senest {days} dage efter, at de er foretaget: skriv `for {days} days`, og fjern undtagelsen",
        ),
        MESSAGE_EXCEPTION_BARRED = (
            "activity `{activity}` declares an exception to the {days}-day deadline, which {deletion} does not allow",
            "aktiviteten `{activity}` angiver en undtagelse fra fristen på {days} dage, som {deletion} ikke tillader",
        ),
        LABEL_EXCEPTION_BARRED = (
            "recordings under {section} are deleted within {days} days, with no exception",
            "optagelser efter {section} slettes inden {days} dage uden undtagelse",
        ),
        HELP_EXCEPTION_BARRED = (
            "remove the exception: recordings under {section} are deleted no later than {days} days after they were made, whatever happens",
            "fjern undtagelsen: optagelser efter {section} slettes senest {days} dage efter, at de er foretaget, uanset hvad der sker",
        ),
        MESSAGE_GROUND_BARRED = (
            "the ground `{word}` of tv-overvågningsloven § 4 c, stk. 5 does not apply to the surveillance of activity `{activity}` under {section}",
            "grunden `{word}` i tv-overvågningslovens § 4 c, stk. 5 gælder ikke for overvågningen i aktiviteten `{activity}` efter {section}",
        ),
        LABEL_GROUND_BARRED = ("not a ground for these recordings", "ikke en grund for disse optagelser"),
        HELP_GROUND_BARRED = (
            "if the recordings are kept for a ground that applies under {section}, write it instead: {choices}; otherwise remove the exception and keep them no longer than {days} days",
            "gemmes optagelserne af en grund, der gælder efter {section}, så angiv den i stedet: {choices}; fjern ellers undtagelsen, og opbevar dem højst {days} dage",
        ),
        MESSAGE_UNNAMED = (
            "the exception in activity `{activity}` does not say on which ground of tv-overvågningsloven § 4 c, stk. 5 recordings are kept longer",
            "undtagelsen i aktiviteten `{activity}` siger ikke, af hvilken grund i tv-overvågningslovens § 4 c, stk. 5 optagelser gemmes længere",
        ),
        LABEL_UNNAMED = (
            "which ground: {words}?",
            "hvilken grund: {words}?",
        ),
        HELP_UNNAMED = (
            "name the ground after the citation: {choices}",
            "angiv grunden efter henvisningen: {choices}",
        ),
        MESSAGE_NOT_NOTIFIED = (
            "recordings kept for a dispute in activity `{activity}`: the spec does not say that the person recorded is told",
            "optagelser gemmes til en tvist i aktiviteten `{activity}`: specifikationen siger ikke, at den optagne person får besked",
        ),
        LABEL_NOT_NOTIFIED = (
            "§ 4 c, stk. 5: the person is told within {notify} days and given a copy on request",
            "§ 4 c, stk. 5: personen skal have besked inden {notify} dage og på anmodning have en kopi",
        ),
        HELP_NOT_NOTIFIED = (
            "tell the person recorded within {notify} days that the recordings are kept and hand over a copy on request, and say so: `for {word} with notice`",
            "giv den optagne person besked inden {notify} dage om, at optagelserne gemmes, og udlever en kopi på anmodning, og angiv det: `for {word} with notice`",
        ),
        MESSAGE_GROUND_UNKNOWN = (
            "activity `{activity}` keeps recordings longer under tv-overvågningsloven § 4 c, stk. 5 but does not say which § the surveillance rests on",
            "aktiviteten `{activity}` gemmer optagelser længere efter tv-overvågningslovens § 4 c, stk. 5, men siger ikke, hvilken bestemmelse overvågningen sker efter",
        ),
        LABEL_GROUND_UNKNOWN = (
            "which § of tv-overvågningsloven? Under {barred} no exception is allowed",
            "hvilken bestemmelse i tv-overvågningsloven? Efter {barred} er der ingen undtagelse",
        ),
        HELP_GROUND_UNKNOWN = (
            "name the § the surveillance rests on after `cctv`: {grounds}; under {barred} no exception is allowed: remove it and keep the recordings no longer than {days} days",
            "angiv efter `cctv` den bestemmelse, overvågningen sker efter: {grounds}; efter {barred} er der ingen undtagelse: fjern den, og opbevar optagelserne højst {days} dage",
        ),
        RELIES = (
            "recordings are kept longer under this exception",
            "optagelser gemmes længere efter denne undtagelse",
        ),
        OR = ("or", "eller"),
        AND = ("and", "og"),
    }
}

/// The longest a period can last, in days, from recording: a month as 31 days and a year as 366, so
/// that a period that can run past the limit in some month is not taken to end within it.
fn longest_days(amount: u64, unit: TimeUnit) -> u64 {
    let days = match unit {
        TimeUnit::Day | TimeUnit::Days => 1,
        TimeUnit::Week | TimeUnit::Weeks => 7,
        TimeUnit::Month | TimeUnit::Months => 31,
        TimeUnit::Year | TimeUnit::Years => 366,
    };
    amount.saturating_mul(days)
}

/// How a retention rule of a surveillance activity stands against the deadline.
enum Keeping {
    /// Deleted within the deadline.
    Within,
    /// A routine period longer than the deadline (`calendar`: only because a month or year can be
    /// longer than its days as written would suggest).
    TooLong { calendar: bool },
    /// Kept from a later event: within the law only on a ground of § 4 c, stk. 5.
    FromEvent,
    /// Handed to an archive after (or instead of) the deadline.
    Archived,
}

fn keeping(period: &Period, limit: u64) -> Keeping {
    // Every form of period is named here, without a wildcard: a new form (such as a period until an
    // event) must be placed by whoever adds it.
    match period {
        Period::Archive
        | Period::Deadline {
            then_archive: true, ..
        } => Keeping::Archived,
        // From a later event, or until one: no 30-day bound of its own.
        Period::Deadline { after: Some(_), .. } | Period::Until { .. } => Keeping::FromEvent,
        Period::Deadline {
            amount,
            unit,
            after: None,
            then_archive: false,
        } => {
            if longest_days(*amount, *unit) <= limit {
                Keeping::Within
            } else {
                Keeping::TooLong {
                    calendar: amount.saturating_mul(unit.days()) <= limit,
                }
            }
        }
    }
}

/// The `exception tvol 4c(5) ...` statements of an activity.
fn exceptions_4c5(activity: &Activity) -> impl Iterator<Item = &ExceptionDecl> {
    activity
        .details()
        .exceptions
        .iter()
        .filter(|e| e.citation.is(ActId::Tvol, "4c", Some(5), None))
}

/// `` `exception tvol 4c(5) for police_report` or `... for dispute with notice` `` for the grounds
/// allowed (all of them when the surveillance's § is not known).
fn choices(data: &Cctv, ground: Option<&SurveillanceGround>, lang: Lang) -> String {
    let words: Vec<String> = data
        .exceptions
        .iter()
        .filter(|e| ground.is_none_or(|g| g.allows(e)))
        .map(|e| match e.notify_days {
            Some(_) => format!("`exception tvol 4c(5) for {} with notice`", e.word),
            None => format!("`exception tvol 4c(5) for {}`", e.word),
        })
        .collect();
    join_or(&words, lang)
}

fn join_or(words: &[String], lang: Lang) -> String {
    join(words, tr!(lang, text::OR))
}

fn join(words: &[String], conjunction: String) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

/// `§ 2 a and § 2 c`: the §§ whose recordings allow no exception.
fn barred_sections(data: &Cctv, lang: Lang) -> String {
    let barred: Vec<String> = data
        .grounds
        .iter()
        .filter(|g| g.exceptions.is_empty())
        .map(SurveillanceGround::cited)
        .collect();
    join(&barred, tr!(lang, text::AND))
}

/// `` `tvol 2`, `tvol 2d` ``: the §§ under which every ground the activity names is allowed, as
/// written after `cctv`.
fn fitting_grounds(data: &Cctv, activity: &Activity, lang: Lang) -> String {
    let fitting: Vec<String> = data
        .grounds
        .iter()
        .filter(|g| !g.exceptions.is_empty())
        .filter(|g| {
            exceptions_4c5(activity)
                .filter_map(|e| e.ground.as_ref())
                .all(|named| g.allows(named.node))
        })
        .map(|g| format!("`tvol {}`", g.section))
        .collect();
    join_or(&fitting, lang)
}

/// What is not in order with one declared exception, worst first.
enum Issue {
    /// The surveillance's § allows no exception (§ 4 d, stk. 3).
    Barred,
    /// The named ground does not apply to the surveillance's §.
    GroundBarred(&'static ExceptionGround),
    /// The ground of § 4 c, stk. 5 is not named (the old form).
    Unnamed,
    /// A ground with a duty to tell the person, without `with notice`.
    NotNotified(&'static ExceptionGround),
}

impl Rule for CctvRetention {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let data = cctv();
        let limit = u64::from(data.limit_days);
        for activity in cx.activities {
            let Some(cctv_span) = activity.details().cctv else {
                continue;
            };
            let ground = activity.details().cctv_ground.as_ref();
            let mut reported_barred = false;
            for rule in &activity.retention {
                if let Some(finding) =
                    retention_finding(cx, activity, cctv_span, ground, rule, limit, data)
                {
                    reported_barred |= ground.is_some_and(|g| g.node.exceptions.is_empty())
                        && matches!(keeping(&rule.period, limit), Keeping::FromEvent);
                    cx.report(finding);
                }
            }
            exception_findings(cx, activity, cctv_span, ground, reported_barred, data);
        }
    }
}

/// The finding on one retention rule, if it keeps recordings beyond what the law allows.
fn retention_finding(
    cx: &Context<'_>,
    activity: &Activity,
    cctv_span: Span,
    ground: Option<&Spanned<&'static SurveillanceGround>>,
    rule: &RetentionRule,
    limit: u64,
    data: &Cctv,
) -> Option<Diagnostic> {
    let lang = cx.lang;
    let name = activity.name.node.as_str();
    let period = rule.period.describe(lang);
    let excepted = exceptions_4c5(activity).next().is_some();
    let finding = match keeping(&rule.period, limit) {
        Keeping::Within => return None,
        Keeping::TooLong { calendar } => {
            let label = if calendar {
                tr!(lang, text::LABEL_CALENDAR, period = period)
            } else {
                tr!(lang, text::LABEL, period = period)
            };
            cx.finding(
                tr!(lang, text::MESSAGE, activity = name, days = limit),
                rule.span,
                label,
            )
            .with_help(tr!(lang, text::HELP, days = limit))
        }
        Keeping::Archived => cx
            .finding(
                tr!(lang, text::MESSAGE, activity = name, days = limit),
                rule.span,
                tr!(lang, text::LABEL, period = period),
            )
            .with_help(tr!(lang, text::HELP, days = limit)),
        Keeping::FromEvent => match ground {
            // §§ 2 a, 2 c: no ground of § 4 c, stk. 5 applies (§ 4 d, stk. 3).
            Some(g) if g.node.exceptions.is_empty() => {
                let mut finding = cx
                    .finding(
                        tr!(
                            lang,
                            text::MESSAGE_BARRED,
                            activity = name,
                            section = g.node.cited(),
                            days = limit,
                            deletion = g.node.deletion_in(lang)
                        ),
                        rule.span,
                        tr!(lang, text::LABEL, period = period),
                    )
                    .with_secondary(g.span, tr!(lang, text::GROUND, section = g.node.cited()));
                for e in exceptions_4c5(activity) {
                    finding = finding.with_secondary(e.span, tr!(lang, text::NO_EXCEPTION));
                }
                let help = if excepted {
                    tr!(lang, text::HELP_BARRED, days = limit)
                } else {
                    tr!(lang, text::HELP, days = limit)
                };
                return Some(finding.with_help(help));
            }
            _ if excepted => return None,
            _ => {
                // A ground is a fix only where the surveillance's § is known to allow it; else the
                // fix is the deadline itself.
                let help = match ground {
                    Some(g) => tr!(
                        lang,
                        text::HELP_EVENT,
                        choices = choices(data, Some(g.node), lang),
                        days = limit
                    ),
                    None => tr!(lang, text::HELP, days = limit),
                };
                cx.finding(
                    tr!(lang, text::MESSAGE_EVENT, activity = name),
                    rule.span,
                    tr!(lang, text::LABEL_EVENT, period = period, days = limit),
                )
                .with_help(help)
            }
        },
    };
    Some(finding.with_secondary(cctv_span, tr!(lang, text::CCTV)))
}

/// The findings on the activity's `exception tvol 4c(5)` statements: at most one per statement, the
/// worst problem first and the others as labels; the unknown § of the surveillance is asked once.
fn exception_findings(
    cx: &mut Context<'_>,
    activity: &Activity,
    cctv_span: Span,
    ground: Option<&Spanned<&'static SurveillanceGround>>,
    reported_barred: bool,
    data: &Cctv,
) {
    let lang = cx.lang;
    let name = activity.name.node.as_str();
    let limit = data.limit_days;
    let mut findings: Vec<(Issue, &ExceptionDecl)> = Vec::new();
    for e in exceptions_4c5(activity) {
        let issue = match (ground, &e.ground) {
            (Some(g), _) if g.node.exceptions.is_empty() => {
                if reported_barred {
                    continue;
                }
                Issue::Barred
            }
            (Some(g), Some(named)) if !g.node.allows(named.node) => Issue::GroundBarred(named.node),
            (_, None) => Issue::Unnamed,
            (_, Some(named)) if named.node.notify_days.is_some() && e.notice.is_none() => {
                Issue::NotNotified(named.node)
            }
            (_, Some(_)) => continue,
        };
        findings.push((issue, e));
    }
    // Where the surveillance's § is not stated, whether any exception is allowed cannot be judged:
    // asked once, on the first finding about an exception, or on its own.
    let mut ask_ground = ground.is_none() && exceptions_4c5(activity).next().is_some();
    for (issue, e) in &findings {
        let mut finding = match issue {
            Issue::Barred => {
                let g = ground.expect("barred only with a known ground");
                cx.finding(
                    tr!(
                        lang,
                        text::MESSAGE_EXCEPTION_BARRED,
                        activity = name,
                        days = limit,
                        deletion = g.node.deletion_in(lang)
                    ),
                    e.span,
                    tr!(
                        lang,
                        text::LABEL_EXCEPTION_BARRED,
                        section = g.node.cited(),
                        days = limit
                    ),
                )
                .with_secondary(g.span, tr!(lang, text::GROUND, section = g.node.cited()))
                .with_help(tr!(
                    lang,
                    text::HELP_EXCEPTION_BARRED,
                    section = g.node.cited(),
                    days = limit
                ))
            }
            Issue::GroundBarred(named) => {
                let g = ground.expect("barred only with a known ground");
                let span = e.ground.as_ref().map_or(e.span, |n| n.span);
                cx.finding(
                    tr!(
                        lang,
                        text::MESSAGE_GROUND_BARRED,
                        word = named.word,
                        activity = name,
                        section = g.node.cited()
                    ),
                    span,
                    tr!(lang, text::LABEL_GROUND_BARRED),
                )
                .with_secondary(g.span, tr!(lang, text::GROUND, section = g.node.cited()))
                .with_help(tr!(
                    lang,
                    text::HELP_GROUND_BARRED,
                    section = g.node.cited(),
                    choices = choices(data, Some(g.node), lang),
                    days = limit
                ))
            }
            Issue::Unnamed => {
                let g = ground.map(|g| g.node);
                let words: Vec<String> = data
                    .exceptions
                    .iter()
                    .filter(|x| g.is_none_or(|g| g.allows(x)))
                    .map(|x| format!("`{}`", x.word))
                    .collect();
                let mut finding = warning(cx.finding(
                    tr!(lang, text::MESSAGE_UNNAMED, activity = name),
                    e.span,
                    tr!(lang, text::LABEL_UNNAMED, words = join_or(&words, lang)),
                ));
                finding = finding.with_help(tr!(
                    lang,
                    text::HELP_UNNAMED,
                    choices = choices(data, g, lang)
                ));
                finding
            }
            Issue::NotNotified(named) => {
                let notify = named.notify_days.unwrap_or(limit);
                let span = e.ground.as_ref().map_or(e.span, |n| n.span);
                warning(cx.finding(
                    tr!(lang, text::MESSAGE_NOT_NOTIFIED, activity = name),
                    span,
                    tr!(lang, text::LABEL_NOT_NOTIFIED, notify = notify),
                ))
                .with_help(tr!(
                    lang,
                    text::HELP_NOT_NOTIFIED,
                    notify = notify,
                    word = named.word
                ))
            }
        };
        if ask_ground {
            finding = ask_for_ground(finding, cctv_span, data, activity, lang);
            ask_ground = false;
        }
        cx.report(finding);
    }
    if ask_ground {
        let first = exceptions_4c5(activity)
            .next()
            .expect("asked only with an exception");
        let finding = warning(
            cx.finding(
                tr!(lang, text::MESSAGE_GROUND_UNKNOWN, activity = name),
                cctv_span,
                tr!(
                    lang,
                    text::LABEL_GROUND_UNKNOWN,
                    barred = barred_sections(data, lang)
                ),
            )
            .with_secondary(first.span, tr!(lang, text::RELIES)),
        )
        .with_help(tr!(
            lang,
            text::HELP_GROUND_UNKNOWN,
            grounds = fitting_grounds(data, activity, lang),
            barred = barred_sections(data, lang),
            days = limit
        ));
        cx.report(finding);
    }
}

/// Adds the question which § the surveillance rests on to a finding about an exception: a label on
/// `cctv` and the change to make.
fn ask_for_ground(
    finding: Diagnostic,
    cctv_span: Span,
    data: &Cctv,
    activity: &Activity,
    lang: Lang,
) -> Diagnostic {
    let ask = tr!(
        lang,
        text::HELP_GROUND_UNKNOWN,
        grounds = fitting_grounds(data, activity, lang),
        barred = barred_sections(data, lang),
        days = data.limit_days
    );
    let help = match &finding.help {
        Some(h) => format!("{h}; {ask}"),
        None => ask,
    };
    finding
        .with_secondary(
            cctv_span,
            tr!(
                lang,
                text::LABEL_GROUND_UNKNOWN,
                barred = barred_sections(data, lang)
            ),
        )
        .with_help(help)
}

/// A finding that asks rather than asserts: the law may well be kept, the spec does not show it.
fn warning(mut finding: Diagnostic) -> Diagnostic {
    finding.severity = Severity::Warning;
    finding
}
