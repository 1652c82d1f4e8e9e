use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::ActId;
use crate::law::citation::LegalRef;
use crate::tr;

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
    ///   erasure refused "Dokumenterne skal bevares" under gdpr 17(3)(b), offl 15(1), arkivl 21(1)
    ///   retain case_file for 5 years after "sagens afslutning" then archive
    /// }
    /// ```
    pub struct ErasureException {
        code: "ERASURE-EXCEPTION",
        severity: Warning,
        summary: (
            "a refusal to erase cites its art. 17(3) ground and, for (b), the statute",
            "et afslag på sletning angiver sit grundlag i art. 17, stk. 3, og for litra b også loven",
        ),
        provisions: [("GDPR", "art. 17(3)(b)"), ("GDPR", "art. 17(3)(d)")],
    }
    texts {
        NO_GROUND = (
            "refusal to erase in activity `{activity}` cites no ground of art. 17(3)",
            "afslaget på sletning i aktiviteten `{activity}` angiver intet grundlag i art. 17, stk. 3",
        ),
        NO_GROUND_LABEL = (
            "no `gdpr 17(3)(..)` among its citations",
            "ingen `gdpr 17(3)(..)` blandt dets henvisninger",
        ),
        NO_GROUND_HELP = (
            "add the ground of art. 17(3) and the law behind it: e.g. `under gdpr 17(3)(b), offl 15(1), \
             arkivl 21(1)` for a public authority's duty to journalise documents and preserve them for a public \
             archive, `under gdpr 17(3)(b), law \"...\"` for another legal duty to keep the data, \
             `under gdpr 17(3)(d)` for archiving, `under gdpr 17(3)(e)` for legal claims",
            "tilføj grundlaget i art. 17, stk. 3, og loven bag det: f.eks. `under gdpr 17(3)(b), offl 15(1), \
             arkivl 21(1)` for en offentlig myndigheds pligt til at journalisere dokumenter og bevare dem for et \
             offentligt arkiv, `under gdpr 17(3)(b), law \"...\"` for en anden retlig pligt til at opbevare \
             oplysningerne, `under gdpr 17(3)(d)` for arkivering, `under gdpr 17(3)(e)` for retskrav",
        ),
        NO_STATUTE = (
            "refusal to erase in activity `{activity}` cites art. 17(3)(b) but no statute",
            "afslaget på sletning i aktiviteten `{activity}` angiver art. 17, stk. 3, litra b, men ingen lov",
        ),
        NO_STATUTE_LABEL = (
            "needs the Union or Danish law that requires the processing",
            "forudsætter den EU-retlige eller danske lov, der kræver behandlingen",
        ),
        NO_STATUTE_HELP = (
            "cite the statute that requires keeping the data, e.g. `offl 15(1)` (journalising) or \
             `arkivl 21(1)` (preservation), or in words: `law \"...\"`",
            "angiv den lov, der kræver, at oplysningerne opbevares, f.eks. `offl 15(1)` (journalisering) eller \
             `arkivl 21(1)` (bevaring), eller med ord: `law \"...\"`",
        ),
    }
}

impl Rule for ErasureException {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let lang = cx.lang;
        for activity in cx.activities {
            let Some(refusal) = &activity.details().erasure_refusal else {
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
                        tr!(lang, text::NO_GROUND, activity = activity.name.node),
                        refusal.span,
                        tr!(lang, text::NO_GROUND_LABEL),
                    )
                    .with_help(tr!(lang, text::NO_GROUND_HELP));
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
                    tr!(lang, text::NO_STATUTE, activity = activity.name.node),
                    legal_obligation.span(),
                    tr!(lang, text::NO_STATUTE_LABEL),
                )
                .with_help(tr!(lang, text::NO_STATUTE_HELP));
            cx.report(finding);
        }
    }
}

fn is_statute(citation: &LegalRef) -> bool {
    match citation {
        LegalRef::Law { .. } => true,
        LegalRef::Provision { act, .. } => *act != ActId::Gdpr,
        LegalRef::Agreement { .. } => false,
    }
}
