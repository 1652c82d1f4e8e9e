use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::vocabulary::{DataClass, ReviewMode, SubjectKind};
use crate::syntax::span::Span;
use crate::tr;

declare_rule! {
    /// # DPIA-MISSING: high-risk processing without a data protection impact assessment
    ///
    /// ## What it checks
    /// An activity with one of these high-risk triggers refers to its data protection impact assessment
    /// with `dpia "..."`:
    ///
    /// - `cctv`: TV surveillance, systematic monitoring of an area (art. 35(3)(c) when the area is
    ///   publicly accessible and the scale is large);
    /// - `monitoring "..."`: other systematic monitoring of people, such as GPS tracking of vehicles or
    ///   phones, or scanning employees' mail and drives (WP248 criterion 3, systematic monitoring);
    /// - `large_scale` together with special-category (`special(...)`) or criminal-offence
    ///   (`criminal`) data (art. 35(3)(b));
    /// - `review automated` or `review ai`: people evaluated by a program or an AI system (WP248
    ///   criterion 1, evaluation or scoring; for AI also criterion 8, innovative technology).
    ///
    /// The finding names every trigger the activity has, and lists the provisions those triggers rest
    /// on. Where the data subjects include employees or children, it also points out that they are
    /// vulnerable data subjects (WP248 criterion 7: the employment relationship is one of unequal power),
    /// which is the second criterion WP248 counts for monitoring at work.
    ///
    /// Automated or AI-based review is labelled with the WP248 criteria, not with art. 35(3)(a). That
    /// point requires a systematic and extensive evaluation *on which decisions are based* that produce
    /// legal effects or similarly significantly affect the person; a review that flags log entries for
    /// a person to look into is no such decision, and the spec cannot state that a decision follows.
    /// Saying "art. 35(3)(a)" would assert more than the spec shows.
    ///
    /// ## Why it matters
    /// Where processing is likely to result in a high risk to people's rights and freedoms, the
    /// controller must assess its impact before it starts (art. 35(1)), and art. 35(3) names three cases
    /// where an assessment is always required. The Article 29 Working Party's guidelines (WP248 rev.01,
    /// endorsed by the EDPB on 25 May 2018) list nine criteria and say that processing meeting two of
    /// them will in most cases need an assessment. Datatilsynet's list under art. 35(4), published on
    /// 28 January 2019, adds, among others, location data and innovative technology together with one
    /// further WP248 criterion, and automated decisions on a person's access to a service or benefit.
    /// That is the list as published in 2019 (datatilsynet.dk, news of 28 January 2019; its items as
    /// reported from the draft sent to the EDPB); whether Datatilsynet has revised it since could not
    /// be verified — check the current list on datatilsynet.dk before relying on it.
    ///
    /// This is a warning, not an error: whether the risk is high depends on scale and context the spec
    /// does not state (how many people, which areas are filmed, whether a decision rests on the review).
    /// If a screening concluded that no assessment is needed, say so with
    /// `allow DPIA-MISSING "screening of <date>: ..."` in the activity.
    ///
    /// ## Legal basis
    /// - GDPR art. 35(1) (assessment of processing likely to result in a high risk)
    /// - GDPR art. 35(3)(b)–(c) (cases where an assessment is always required; (a) only where a decision
    ///   with legal or similarly significant effect rests on an automated evaluation)
    /// - Article 29 Working Party, Guidelines on DPIA, WP248 rev.01 (criteria for high risk)
    /// - Datatilsynet, list of processing that requires an impact assessment (art. 35(4)), published
    ///   28 January 2019 (later revisions not verified)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data location "Køretøjernes position" ordinary
    /// activity gps "GPS i hjemmeplejens biler" {
    ///   purpose "Planlægge kørsel og finde bilerne"
    ///   subjects employees
    ///   data location
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)", law "Lov om kommunernes styrelse"
    ///   monitoring "GPS-sporing af hjemmeplejens biler"
    ///   retain location for 30 days
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data location "Køretøjernes position" ordinary
    /// activity gps "GPS i hjemmeplejens biler" {
    ///   purpose "Planlægge kørsel og finde bilerne"
    ///   subjects employees
    ///   data location
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Aftale om kontrolforanstaltninger (KL/Forhandlingsfællesskabet)", law "Lov om kommunernes styrelse"
    ///   monitoring "GPS-sporing af hjemmeplejens biler"
    ///   dpia "Konsekvensanalyse for GPS i hjemmeplejen, 2024-05-01"
    ///   retain location for 30 days
    /// }
    /// ```
    pub struct DpiaMissing {
        code: "DPIA-MISSING",
        severity: Warning,
        summary: (
            "monitoring, large-scale sensitive data and automated review of people have an impact assessment",
            "overvågning, følsomme oplysninger i stort omfang og automatisk vurdering af personer har en konsekvensanalyse",
        ),
        provisions: [
            ("GDPR", "art. 35(1)"),
            ("GDPR", "art. 35(3)"),
            ("GDPR", "art. 35(4)"),
            ("Article 29 Working Party", "WP248 rev.01"),
        ],
    }
    texts {
        CCTV = ("TV surveillance", "tv-overvågning"),
        CCTV_LABEL = (
            "TV surveillance monitors an area systematically (art. 35(3)(c) when public, on a large scale)",
            "tv-overvågning overvåger et område systematisk (art. 35, stk. 3, litra c, når området er offentligt tilgængeligt og overvåges i stort omfang)",
        ),
        MONITORING = ("systematic monitoring", "systematisk overvågning"),
        MONITORING_LABEL = (
            "systematic monitoring of people (WP248 criterion 3)",
            "systematisk overvågning af personer (WP248, kriterium 3)",
        ),
        LARGE_SPECIAL = (
            "large-scale special-category data",
            "særlige kategorier af personoplysninger i stort omfang",
        ),
        LARGE_SPECIAL_LABEL = (
            "special-category data such as `{name}` on a large scale (art. 35(3)(b))",
            "særlige kategorier af personoplysninger som `{name}` i stort omfang (art. 35, stk. 3, litra b)",
        ),
        LARGE_CRIMINAL = (
            "large-scale criminal-offence data",
            "oplysninger om strafbare forhold i stort omfang",
        ),
        LARGE_CRIMINAL_LABEL = (
            "criminal-offence data such as `{name}` on a large scale (art. 35(3)(b))",
            "oplysninger om strafbare forhold som `{name}` i stort omfang (art. 35, stk. 3, litra b)",
        ),
        AI = ("AI-based review of people", "AI-baseret vurdering af personer"),
        AUTOMATED = ("automated review of people", "automatisk vurdering af personer"),
        AUTOMATED_LABEL = (
            "people are evaluated by automated means (WP248 criterion 1); art. 35(3)(a) only if decisions \
             with legal or similarly significant effect rest on the evaluation",
            "personer vurderes ved automatisk behandling (WP248, kriterium 1); art. 35, stk. 3, litra a, kun \
             hvis afgørelser med retsvirkning eller tilsvarende betydelig virkning hviler på vurderingen",
        ),
        AI_LABEL = (
            "people are evaluated by an AI system (WP248 criteria 1 and 8, evaluation and innovative \
             technology); art. 35(3)(a) only if decisions with legal or similarly significant effect \
             rest on the evaluation",
            "personer vurderes af et AI-system (WP248, kriterium 1 og 8, evaluering og innovativ teknologi); \
             art. 35, stk. 3, litra a, kun hvis afgørelser med retsvirkning eller tilsvarende betydelig \
             virkning hviler på vurderingen",
        ),
        VULNERABLE_EMPLOYEES = (
            "employees are vulnerable data subjects towards their employer (WP248 criterion 7)",
            "ansatte er sårbare registrerede over for deres arbejdsgiver (WP248, kriterium 7)",
        ),
        VULNERABLE_CHILDREN = (
            "children are vulnerable data subjects (WP248 criterion 7)",
            "børn er sårbare registrerede (WP248, kriterium 7)",
        ),
        AND = ("and", "og"),
        MESSAGE = (
            "activity `{activity}` has no impact assessment for its {triggers}",
            "aktiviteten `{activity}` har ingen konsekvensanalyse, selv om den omfatter {triggers}",
        ),
        LABEL = ("no `dpia` statement", "ingen `dpia`-angivelse"),
        HELP = (
            "carry out a data protection impact assessment before the processing starts and refer to it: \
             `dpia \"<title, date or case number>\"`; if a screening found no high risk, record that with \
             `allow DPIA-MISSING \"<the screening>\"`",
            "udfør en konsekvensanalyse vedrørende databeskyttelse, før behandlingen begynder, og henvis til den: \
             `dpia \"<titel, dato eller sagsnummer>\"`; viste en screening ingen høj risiko, så registrér det med \
             `allow DPIA-MISSING \"<screeningen>\"`",
        ),
    }
}

/// The guidelines that give the high-risk criteria.
const WP248: (&str, &str) = ("Article 29 Working Party", "WP248 rev.01");

impl Rule for DpiaMissing {
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
            if details.dpia.is_some() {
                continue;
            }
            // (what the trigger is, where it is written, the label there)
            let mut triggers: Vec<(&str, Span, String)> = Vec::new();
            // The provisions the triggers rest on (art. 35(1) put first for a finding): made only
            // when there is a trigger, since most activities have none.
            let mut cites: Vec<(&str, &str)> = Vec::new();
            if let Some(cctv) = details.cctv {
                triggers.push((text::CCTV.get(lang), cctv, tr!(lang, text::CCTV_LABEL)));
                cites.push(("GDPR", "art. 35(3)(c)"));
            }
            if let Some(monitoring) = &details.monitoring {
                triggers.push((
                    text::MONITORING.get(lang),
                    monitoring.span,
                    tr!(lang, text::MONITORING_LABEL),
                ));
                cites.push(WP248);
            }
            if let Some(large) = details.large_scale {
                let sensitive = activity.data.iter().find_map(|d| {
                    let category = model.data(d.id);
                    match category.class {
                        DataClass::Special => Some((
                            text::LARGE_SPECIAL,
                            text::LARGE_SPECIAL_LABEL,
                            &category.name.node,
                        )),
                        DataClass::Criminal => Some((
                            text::LARGE_CRIMINAL,
                            text::LARGE_CRIMINAL_LABEL,
                            &category.name.node,
                        )),
                        _ => None,
                    }
                });
                if let Some((what, label, name)) = sensitive {
                    triggers.push((what.get(lang), large, tr!(lang, label, name = name)));
                    cites.push(("GDPR", "art. 35(3)(b)"));
                }
            }
            // AI first: it is the stronger trigger (innovative technology, WP248 criterion 8).
            let ai = details.review.iter().find(|r| r.node == ReviewMode::Ai);
            let automated = details
                .review
                .iter()
                .find(|r| r.node == ReviewMode::Automated);
            if let Some(review) = ai.or(automated) {
                let (what, label) = if review.node == ReviewMode::Ai {
                    (text::AI, text::AI_LABEL)
                } else {
                    (text::AUTOMATED, text::AUTOMATED_LABEL)
                };
                triggers.push((what.get(lang), review.span, tr!(lang, label)));
                cites.push(WP248);
            }
            if triggers.is_empty() {
                continue;
            }
            cites.insert(0, ("GDPR", "art. 35(1)"));
            let names: Vec<&str> = triggers.iter().map(|t| t.0).collect();
            let mut finding = cx.finding(
                tr!(
                    lang,
                    text::MESSAGE,
                    activity = activity.name.node,
                    triggers = join_and(&names, text::AND.get(lang))
                ),
                activity.name.span,
                tr!(lang, text::LABEL),
            );
            for (_, span, label) in triggers {
                finding = finding.with_secondary(span, label);
            }
            let vulnerable = [
                (SubjectKind::Employees, text::VULNERABLE_EMPLOYEES),
                (SubjectKind::Children, text::VULNERABLE_CHILDREN),
            ];
            for (kind, label) in vulnerable {
                if let Some(group) = activity.subjects_of_kind(model, kind) {
                    finding = finding.with_secondary(group.span, tr!(lang, label));
                    cites.push(WP248);
                }
            }
            let mut seen: Vec<(&str, &str)> = Vec::new();
            cites.retain(|c| {
                let first = !seen.contains(c);
                seen.push(*c);
                first
            });
            let finding = cx.with_provisions(finding, cites);
            cx.report(finding.with_help(tr!(lang, text::HELP)));
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[&str], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}
