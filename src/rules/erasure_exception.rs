use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::ActId;
use crate::law::citation::LegalRef;

declare_rule! {
    /// # ERASURE-EXCEPTION: a refusal to erase without its art. 17(3) ground and statute
    ///
    /// ## What it checks
    /// An `erasure refused "reason" under CITATIONS` statement cites a ground of art. 17(3)
    /// (`gdpr 17(3)(a)`–`(e)`). When the ground is art. 17(3)(b), a legal obligation or a task in the
    /// public interest, it also cites the statute that requires the processing: `law "..."` or a
    /// provision of a Danish act hjemmel knows (`arkivl`, `offl`, `fvl`, `dbl`, `tvol`).
    ///
    /// ## Why it matters
    /// The right to erasure (art. 17(1)) gives way only on the grounds of art. 17(3): freedom of
    /// expression (a); compliance with a legal obligation that requires processing by Union or Member
    /// State law, or a task in the public interest or in the exercise of official authority (b); public
    /// health (c); archiving in the public interest, research or statistics under art. 89(1), in so far
    /// as erasure would render them impossible or seriously impair them (d); legal claims (e). A refusal
    /// must say which ground applies (art. 12(4) asks for the reasons), and ground (b) is only as good as
    /// the law it points to. For a Danish authority that is typically the duty to journalise and keep
    /// documents (offentlighedsloven § 15), or the duty to preserve
    /// records and hand them to the public archive (arkivloven, Databeskyttelsesloven § 14).
    ///
    /// This is a warning: the statement names the ground, but whether it holds for a given request is
    /// for the case handler.
    ///
    /// ## Legal basis
    /// - GDPR art. 17(3)(b) (legal obligation or public task under Union or Member State law)
    /// - GDPR art. 17(3)(d) (archiving in the public interest, art. 89(1))
    /// - Offentlighedsloven (journalising duty) and arkivloven (preservation), as the statutes behind (b)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data case_file "Sagens dokumenter" confidential
    /// activity case_work "Sagsbehandling" {
    ///   purpose "Behandle ansøgninger om boligstøtte"
    ///   subjects citizens
    ///   data case_file
    ///   basis gdpr 6(1)(e), law "Lov om individuel boligstøtte"
    ///   erasure refused "Dokumenterne skal bevares"
    ///   retain case_file for 5 years after "sagens afslutning" then archive
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data case_file "Sagens dokumenter" confidential
    /// activity case_work "Sagsbehandling" {
    ///   purpose "Behandle ansøgninger om boligstøtte"
    ///   subjects citizens
    ///   data case_file
    ///   basis gdpr 6(1)(e), law "Lov om individuel boligstøtte"
    ///   erasure refused "Journaliserede dokumenter skal bevares" under gdpr 17(3)(b), offl 15(1), arkivl 21(1)
    ///   retain case_file for 5 years after "sagens afslutning" then archive
    /// }
    /// ```
    pub struct ErasureException {
        code: "ERASURE-EXCEPTION",
        severity: Warning,
        summary: "a refusal to erase cites its art. 17(3) ground and, for (b), the statute",
        provisions: [("GDPR", "art. 17(3)(b)"), ("GDPR", "art. 17(3)(d)")],
    }
}

impl Rule for ErasureException {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        for activity in &cx.model.activities {
            let Some(refusal) = &activity.erasure_refusal else {
                continue;
            };
            let grounds: Vec<&LegalRef> = refusal
                .basis
                .iter()
                .filter(|c| c.is_gdpr("17", 3, None))
                .collect();
            if grounds.is_empty() {
                let finding = cx
                    .finding(
                        format!(
                            "refusal to erase in activity `{}` cites no ground of art. 17(3)",
                            activity.name.node
                        ),
                        refusal.span,
                        "no `gdpr 17(3)(..)` among its citations",
                    )
                    .with_help(
                        "add the ground after `under`: e.g. `under gdpr 17(3)(b), law \"...\"` for a legal duty \
                         to keep the data, `gdpr 17(3)(d)` for archiving, `gdpr 17(3)(e)` for legal claims",
                    );
                cx.report(finding);
                continue;
            }
            let Some(legal_obligation) =
                grounds.iter().find(|c| c.gdpr_letter("17", 3) == Some('b'))
            else {
                continue;
            };
            if refusal.basis.iter().any(is_statute) {
                continue;
            }
            let finding = cx
                .finding(
                    format!(
                        "refusal to erase in activity `{}` cites art. 17(3)(b) but no statute",
                        activity.name.node
                    ),
                    legal_obligation.span(),
                    "needs the Union or Danish law that requires the processing",
                )
                .with_help(
                    "cite the statute that requires keeping the data, e.g. `offl 15(1)` (journalising) or \
                     `arkivl 21(1)` (preservation), or in words: `law \"...\"`",
                );
            cx.report(finding);
        }
    }
}

/// A statute: a law cited in words, or a provision of a Danish act.
fn is_statute(citation: &LegalRef) -> bool {
    match citation {
        LegalRef::Law { .. } => true,
        LegalRef::Provision { act, .. } => *act != ActId::Gdpr,
        LegalRef::Agreement { .. } => false,
    }
}
