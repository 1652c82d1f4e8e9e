use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::ActId;
use crate::law::citation::LegalRef;
use crate::law::vocabulary::SourceKind;
use crate::semantic::model::{Activity, Model, NoticeDecl, Origin};
use crate::syntax::span::Span;

declare_rule! {
    /// # SOURCE-NOTICE: data from others than the data subject with no art. 14 notice
    ///
    /// ## What it checks
    /// An activity that gets data from others than the data subjects themselves says how they are
    /// told (`notice "..."`) or which exception it relies on instead (`notice exempt CITATIONS`). Data
    /// comes from others when the activity names, under `sources`, a source whose kind is
    /// `other_citizens`, `register`, `authority`, `organisation` or `staff`, or another activity.
    ///
    /// Sources of kind `data_subject` and `system_log` do not count: data the controller records by
    /// observing people (logs of their own use of a system) is collected from them, and art. 13 governs
    /// it (WP260 rev.01, paragraph 26).
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
    /// data from CPR or another authority relies on one of these, or must notify. Data taken from
    /// another activity of the controller is reused for a new purpose: the data subjects must be told
    /// of that purpose before the further processing (art. 13(3), 14(4)), which `notice` records too.
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
        summary: "data from others than the data subject comes with an art. 14 notice or a cited exception",
        provisions: [("GDPR", "art. 14"), ("Databeskyttelsesloven", "§ 22")],
    }
}

impl Rule for SourceNotice {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for activity in &model.activities {
            let others: Vec<(Span, String)> = activity
                .sources
                .iter()
                .filter_map(|origin| from_others(model, origin.id).map(|n| (origin.span, n)))
                .collect();
            let Some((first_span, first_name)) = others.first() else {
                continue;
            };
            match &activity.notice {
                Some(NoticeDecl::Practice(_)) => {}
                Some(NoticeDecl::Exempt { basis, span }) => {
                    if !basis.iter().any(is_art14_exception) {
                        let finding = cx
                            .finding(
                                format!(
                                    "`notice exempt` in activity `{}` cites no exception to art. 14",
                                    activity.name.node
                                ),
                                *span,
                                "no point of art. 14(5), nor Databeskyttelsesloven § 22, stk. 1–7",
                            )
                            .with_secondary(*first_span, format!("data from {first_name}"))
                            .with_help(
                                "cite the exception relied on: `gdpr 14(5)(a)` to `(d)` (for (c), also the law that \
                                 lays down the collection, `law \"...\"`), or `dbl 22(1)` or `dbl 22(2)(N)`",
                            );
                        cx.report(finding);
                    }
                }
                None => report_missing(cx, activity, &others),
            }
        }
    }
}

fn report_missing(cx: &mut Context<'_>, activity: &Activity, others: &[(Span, String)]) {
    let (span, name) = &others[0];
    // One label, not one per source: a department's spec may list half a dozen.
    let label = match others.len() {
        1 => "not collected from the data subjects themselves".to_string(),
        2 => format!(
            "neither this nor {} is the data subjects themselves",
            others[1].1
        ),
        n => format!(
            "neither this nor {} other sources named here are the data subjects themselves",
            n - 1
        ),
    };
    let finding = cx.finding(
        format!(
            "activity `{}` gets data from {name} but does not say how the data subjects are told",
            activity.name.node
        ),
        *span,
        label,
    );
    cx.report(finding.with_help(
        "say how they are informed: `notice \"...\"`; or cite the exception relied on: `notice exempt \
         gdpr 14(5)(c), law \"...\"` or `notice exempt dbl 22(2)(N)`",
    ));
}

/// The origin in words (`` `cpr_register` ``, `` activity `intake` ``), when it is not the data subject.
fn from_others(model: &Model, origin: Origin) -> Option<String> {
    match origin {
        Origin::Source(id) => {
            let source = model.source(id);
            match source.kind {
                // Observation of the data subject (their own use of a system) is collection from them.
                SourceKind::DataSubject | SourceKind::SystemLog => None,
                _ => Some(format!("`{}`", source.name.node)),
            }
        }
        Origin::Activity(id) => Some(format!(
            "activity `{}`",
            model.activities[id.index()].name.node
        )),
    }
}

/// Art. 14(5)(a)–(d), or Databeskyttelsesloven § 22 save stk. 8 (which lifts art. 15 only).
fn is_art14_exception(citation: &LegalRef) -> bool {
    citation.is_gdpr("14", 5, None)
        || (citation.is(ActId::Dbl, "22", None, None)
            && !citation.is(ActId::Dbl, "22", Some(8), None))
}
