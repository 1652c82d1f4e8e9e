use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Lang;
use crate::law::ActId;
use crate::law::citation::LegalRef;
use crate::law::vocabulary::SourceKind;
use crate::semantic::model::{Activity, Model, NoticeDecl, Origin, SourceId};
use crate::syntax::span::Span;
use crate::tr;

declare_rule! {
    /// # SOURCE-NOTICE: data from others than the data subject with no art. 14 notice
    ///
    /// ## What it checks
    /// An activity that gets data from others than the data subjects themselves says how they are
    /// told (`notice "..."`) or which exception it relies on instead (`notice exempt CITATIONS`). Data
    /// comes from others when the activity names, under `sources`, a source whose kind is
    /// `other_citizens`, `register`, `authority` or `organisation`.
    ///
    /// A notice that says once, for the whole controller, how people are told of data obtained from
    /// others is written in the controller: `controller k "..." { notice "..." }`. One that holds
    /// for everything from one source (what the municipality tells people of data it fetches from
    /// CPR, say) is written in that source's block: `source cpr "CPR" register { notice "..." }`.
    /// An activity without a `notice` of its own inherits, for each of its sources, the source's
    /// notice, else the controller's; an activity's own `notice` (a different practice, or `notice
    /// exempt ...`) takes the place of both for that activity. A `notice exempt` that cites no
    /// exception is reported once where it is written, not once per activity that inherits it.
    ///
    /// Sources of kind `data_subject` and `system_log` do not count: data the controller records by
    /// observing people (logs of their own use of a system) is collected from them, and art. 13 governs
    /// it (WP260 rev.01, paragraph 26). Nor do the controller's own: another activity named under
    /// `sources`, or a source of kind `staff` (the controller's own employees and departments). Data
    /// the controller already holds is not "obtained from" another source in the sense of art. 14; using
    /// it for another purpose is further processing, which PURPOSE-COMPATIBILITY checks (art. 6(4), and
    /// the information before further processing of art. 13(3), 14(4)).
    ///
    /// `notice exempt` must cite an exception to art. 14: a point of art. 14(5) (`gdpr 14(5)(a)`–`(d)`)
    /// or Databeskyttelsesloven § 22 (`dbl 22(1)`, `dbl 22(2)(5)`, ...). § 22, stk. 8 lifts only the
    /// right of access (art. 15), for the Ombudsman, so it does not count.
    ///
    /// ## Why it matters
    /// When personal data is not obtained from the data subject, the controller must tell them who it
    /// is, what it processes, why, on which basis, where the data came from and how long it is kept
    /// (art. 14(1)–(2)), within a month or at the first contact or disclosure (art. 14(3)). The duty
    /// does not apply where the data subject already has the information, informing them is impossible
    /// or would take a disproportionate effort, obtaining or disclosure is laid down by Union or Danish
    /// law with measures to protect their interests, or the data is subject to professional secrecy
    /// (art. 14(5)(a)–(d)). Databeskyttelsesloven § 22, stk. 1 and 2, made under art. 23, further lifts
    /// art. 13(1)–(3), 14(1)–(4), 15 and 34 where the data subject's interest must yield to decisive
    /// private interests (stk. 1) or public interests (stk. 2, nr. 1–10: national security, defence,
    /// crime prevention, important economic interests of the state, ...). A public authority that takes
    /// data from CPR or another authority relies on one of these, or must notify.
    ///
    /// A general practice stated once for the whole notice, such as Lejre Kommune's "Hvis vi indsamler
    /// eller modtager oplysninger om dig fra andre, får du normalt besked om det, når vi behandler den
    /// sag, som oplysningerne indgår i", says how people are told, and is accepted for every activity.
    /// A lawyer reading "normalt" would still ask which exception (art. 14(5), Databeskyttelsesloven
    /// § 22) covers the cases where no one is told. hjemmel does not report that: the hedge is in the
    /// prose, and a rule that searched free text for words like "normalt" would fire on harmless
    /// wording and miss the same hedge written otherwise. Where an activity relies on an exception,
    /// say so in that activity with `notice exempt ...`, which this rule then checks; the question for
    /// the rest belongs in the DPO's review of the notice, not in a finding.
    ///
    /// ## Legal basis
    /// - GDPR art. 14(1)–(3) (information where data is not obtained from the data subject)
    /// - GDPR art. 14(5)(a)–(d) (exceptions)
    /// - GDPR art. 13(3), 14(4) (information before further processing for another purpose)
    /// - Databeskyttelsesloven § 22 (restrictions of art. 13–15 and 34; stk. 3–6 not verified against
    ///   the official text)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data contact "Navn og adresse" ordinary
    /// source cpr_register "CPR-registret" register
    /// activity housing "Boligstøtte" {
    ///   purpose "Træffe afgørelse om boligstøtte"
    ///   subjects citizens
    ///   data contact
    ///   sources cpr_register
    ///   basis gdpr 6(1)(e), law "Lov om individuel boligstøtte"
    ///   retain contact for 5 years after "sagens afslutning"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data contact "Navn og adresse" ordinary
    /// source cpr_register "CPR-registret" register
    /// activity housing "Boligstøtte" {
    ///   purpose "Træffe afgørelse om boligstøtte"
    ///   subjects citizens
    ///   data contact
    ///   sources cpr_register
    ///   basis gdpr 6(1)(e), law "Lov om individuel boligstøtte"
    ///   notice "Ansøgningsskemaet oplyser, at kommunen henter adresse og husstand i CPR"
    ///   retain contact for 5 years after "sagens afslutning"
    /// }
    /// ```
    pub struct SourceNotice {
        code: "SOURCE-NOTICE",
        severity: Warning,
        summary: (
            "data from others than the data subject comes with an art. 14 notice or a cited exception",
            "oplysninger, der ikke er indsamlet hos den registrerede, ledsages af oplysning efter art. 14 eller en angivet undtagelse",
        ),
        provisions: [("GDPR", "art. 14"), ("Databeskyttelsesloven", "§ 22")],
    }
    texts {
        SOURCE = ("`{name}`", "`{name}`"),
        EXEMPT = (
            "`notice exempt` in activity `{activity}` cites no exception to art. 14",
            "`notice exempt` i aktiviteten `{activity}` angiver ingen undtagelse fra art. 14",
        ),
        SOURCE_EXEMPT = (
            "`notice exempt` of source `{source}` cites no exception to art. 14",
            "`notice exempt` for kilden `{source}` angiver ingen undtagelse fra art. 14",
        ),
        CONTROLLER_EXEMPT = (
            "`notice exempt` of controller `{controller}` cites no exception to art. 14",
            "`notice exempt` for den dataansvarlige `{controller}` angiver ingen undtagelse fra art. 14",
        ),
        EXEMPT_LABEL = (
            "no point of art. 14(5), nor Databeskyttelsesloven § 22, stk. 1–7",
            "hverken et litra i art. 14, stk. 5, eller databeskyttelseslovens § 22, stk. 1–7",
        ),
        DATA_FROM = ("data from {source}", "oplysninger fra {source}"),
        EXEMPT_HELP = (
            "cite the exception relied on: `gdpr 14(5)(a)` to `(d)` (for (c), also the law that \
             lays down the collection, `law \"...\"`), or `dbl 22(1)` or `dbl 22(2)(N)`",
            "angiv den undtagelse, der anvendes: `gdpr 14(5)(a)` til `(d)` (for litra c også den lov, der \
             fastsætter indsamlingen, `law \"...\"`), eller `dbl 22(1)` eller `dbl 22(2)(N)`",
        ),
        NOT_FROM_SUBJECTS = (
            "not collected from the data subjects themselves",
            "ikke indsamlet hos de registrerede selv",
        ),
        NEITHER_TWO = (
            "neither this nor {other} is the data subjects themselves",
            "hverken denne eller {other} er de registrerede selv",
        ),
        NEITHER_MANY = (
            "neither this nor {n} other sources named here are the data subjects themselves",
            "hverken denne eller de {n} andre kilder, der er nævnt her, er de registrerede selv",
        ),
        MESSAGE = (
            "activity `{activity}` gets data from {source} but does not say how the data subjects are told",
            "aktiviteten `{activity}` får oplysninger fra {source}, men angiver ikke, hvordan de registrerede oplyses om det",
        ),
        HELP = (
            "say how they are informed: `notice \"...\"` in the activity, or once for the source in its \
             block (`source NAME \"...\" KIND {{ notice \"...\" }}`); or cite the exception relied on: \
             `notice exempt gdpr 14(5)(c), law \"...\"` or `notice exempt dbl 22(2)(N)`",
            "angiv, hvordan de oplyses: `notice \"...\"` i aktiviteten, eller én gang for kilden i dens \
             blok (`source NAVN \"...\" ART {{ notice \"...\" }}`); eller angiv den undtagelse, der \
             anvendes: `notice exempt gdpr 14(5)(c), law \"...\"` eller `notice exempt dbl 22(2)(N)`",
        ),
    }
}

/// A controller's or a source's `notice exempt` is reported once for the spec, not once per
/// activity that inherits it: whether it was, kept across the runs of activities.
struct ExemptionsReported {
    controller: bool,
    /// By the source's place in the model.
    sources: Vec<bool>,
}

impl Rule for SourceNotice {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// The runs of activities share which exemptions were reported ([`ExemptionsReported`]).
    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let mut exemptions = cx.state(|| ExemptionsReported {
            controller: false,
            sources: vec![false; model.sources.len()],
        });
        let ExemptionsReported {
            controller: controller_exempt_reported,
            sources: source_exempt_reported,
        } = &mut *exemptions;
        for activity in cx.activities {
            // The activity's own notice covers every source it names.
            match &activity.notice {
                Some(NoticeDecl::Practice(_)) => continue,
                Some(NoticeDecl::Exempt { basis, span }) => {
                    if basis.iter().any(is_art14_exception) {
                        continue;
                    }
                    let Some((origin_span, _, name)) = activity.sources.iter().find_map(|o| {
                        from_others(model, o.id, lang).map(|(id, n)| (o.span, id, n))
                    }) else {
                        continue;
                    };
                    let finding = cx
                        .finding(
                            tr!(lang, text::EXEMPT, activity = activity.name.node),
                            *span,
                            tr!(lang, text::EXEMPT_LABEL),
                        )
                        .with_secondary(origin_span, tr!(lang, text::DATA_FROM, source = name))
                        .with_help(tr!(lang, text::EXEMPT_HELP));
                    cx.report(finding);
                    continue;
                }
                None => {}
            }
            // Otherwise each source is covered by its own notice, else by the controller's.
            let mut uncovered = Vec::new();
            for origin in &activity.sources {
                let Some((id, name)) = from_others(model, origin.id, lang) else {
                    continue;
                };
                let source = model.source(id);
                let (notice, of_source) = match (&source.notice, &model.controller.notice) {
                    (Some(own), _) => (own, true),
                    (None, Some(general)) => (general, false),
                    (None, None) => {
                        uncovered.push((origin.span, name));
                        continue;
                    }
                };
                let NoticeDecl::Exempt { basis, span } = notice else {
                    continue;
                };
                let reported = match of_source {
                    true => &mut source_exempt_reported[id.index()],
                    false => &mut *controller_exempt_reported,
                };
                if basis.iter().any(is_art14_exception) || *reported {
                    continue;
                }
                *reported = true;
                let message = match of_source {
                    true => tr!(lang, text::SOURCE_EXEMPT, source = source.name.node),
                    false => tr!(
                        lang,
                        text::CONTROLLER_EXEMPT,
                        controller = model.controller.name.node
                    ),
                };
                let finding = cx
                    .finding(message, *span, tr!(lang, text::EXEMPT_LABEL))
                    .with_secondary(origin.span, tr!(lang, text::DATA_FROM, source = name))
                    .with_help(tr!(lang, text::EXEMPT_HELP));
                cx.report(finding);
            }
            if !uncovered.is_empty() {
                report_missing(cx, activity, &uncovered);
            }
        }
    }
}

fn report_missing(cx: &mut Context<'_>, activity: &Activity, others: &[(Span, String)]) {
    let lang = cx.lang;
    let (span, name) = &others[0];
    // One label, not one per source: a department's spec may list half a dozen.
    let label = match others.len() {
        1 => tr!(lang, text::NOT_FROM_SUBJECTS),
        2 => tr!(lang, text::NEITHER_TWO, other = others[1].1),
        n => tr!(lang, text::NEITHER_MANY, n = n - 1),
    };
    let finding = cx.finding(
        tr!(
            lang,
            text::MESSAGE,
            activity = activity.name.node,
            source = name
        ),
        *span,
        label,
    );
    cx.report(finding.with_help(tr!(lang, text::HELP)));
}

/// The source, and its name in words, when it is someone other than the data subject and other than
/// the controller itself: `` `cpr_registret` ``.
fn from_others(model: &Model, origin: Origin, lang: Lang) -> Option<(SourceId, String)> {
    let id = obtained_from_others(model, origin)?;
    let name = &model.source(id).name.node;
    Some((id, tr!(lang, text::SOURCE, name = name)))
}

/// The source, when data from `origin` is obtained from someone other than the data subject and
/// other than the controller itself (art. 14); read by the notice's gaps too.
pub(crate) fn obtained_from_others(model: &Model, origin: Origin) -> Option<SourceId> {
    match origin {
        Origin::Source(id) => match model.source(id).kind {
            // Observation of the data subject (their own use of a system) is collection from them.
            SourceKind::DataSubject | SourceKind::SystemLog => None,
            // The controller's own staff and departments: data it already holds, not art. 14.
            SourceKind::Staff => None,
            _ => Some(id),
        },
        // Another activity of the same controller: internal reuse, PURPOSE-COMPATIBILITY's question.
        Origin::Activity(_) => None,
    }
}

/// A citation of an exception to art. 14: a point of art. 14(5), or Databeskyttelsesloven § 22
/// other than stk. 8 (which lifts only the right of access).
pub(crate) fn is_art14_exception(citation: &LegalRef) -> bool {
    citation.is_gdpr("14", 5, None)
        || (citation.is(ActId::Dbl, "22", None, None)
            && !citation.is(ActId::Dbl, "22", Some(8), None))
}
