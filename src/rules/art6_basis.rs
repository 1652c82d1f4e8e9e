use super::basis_lists;
use super::{Context, Rule, RuleMeta, declare_rule};
use crate::diagnostic::Severity;
use crate::tr;

declare_rule! {
    /// # ART6-BASIS: processing without an art. 6(1) basis
    ///
    /// ## What it checks
    /// Every processing activity cites at least one lawful basis of GDPR art. 6(1), points (a) to (f).
    /// Other citations (art. 9(2) conditions, art. 32, Danish §§, sector statutes) do not count on their
    /// own: they supplement an art. 6(1) basis, they do not replace it. `gdpr 6(1)` without a point does
    /// not count either: it does not say which basis is relied on.
    ///
    /// A basis given only for some cases (`basis ... in some cases "..."`) is not a basis of every
    /// case: an activity whose only art. 6(1) basis is given so is still reported, because the spec
    /// names no basis for its other cases; the finding says so and points at that statement.
    ///
    /// ## Why it matters
    /// Processing is lawful only if and to the extent that one of the grounds of art. 6(1) applies. An
    /// activity without one cannot be shown to be lawful, and the privacy notice cannot tell the data
    /// subjects the legal basis as art. 13(1)(c) requires.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(a) (lawfulness, fairness and transparency)
    /// - GDPR art. 6(1) (the six lawful bases)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data address "Adresse" ordinary
    /// activity letters "Breve til borgere" {
    ///   purpose "Udsendelse af breve"
    ///   subjects citizens
    ///   data address
    ///   basis law "Lov om kommunernes styrelse"
    ///   retain all for 5 years
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data address "Adresse" ordinary
    /// activity letters "Breve til borgere" {
    ///   purpose "Udsendelse af breve"
    ///   subjects citizens
    ///   data address
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years
    /// }
    /// ```
    pub struct Art6Basis {
        code: "ART6-BASIS",
        severity: Error,
        summary: (
            "every processing activity has at least one art. 6(1) basis",
            "hver behandlingsaktivitet har mindst ét behandlingsgrundlag i art. 6, stk. 1",
        ),
        provisions: [("GDPR", "art. 5(1)(a)"), ("GDPR", "art. 6(1)")],
    }
    texts {
        MESSAGE = (
            "activity `{activity}` has no lawful basis under art. 6(1)",
            "aktiviteten `{activity}` har intet behandlingsgrundlag efter art. 6, stk. 1",
        ),
        LABEL_SOME_CASES = (
            "no art. 6(1) basis is cited for the other cases of this activity",
            "der er ikke angivet et behandlingsgrundlag efter art. 6, stk. 1, for aktivitetens øvrige tilfælde",
        ),
        MESSAGE_SOME_CASES = (
            "activity `{activity}` has a lawful basis under art. 6(1) only for some cases",
            "aktiviteten `{activity}` har kun et behandlingsgrundlag efter art. 6, stk. 1, for nogle tilfælde",
        ),
        LABEL = (
            "no art. 6(1) basis is cited for this activity",
            "der er ikke angivet et behandlingsgrundlag i art. 6, stk. 1, for denne aktivitet",
        ),
        NONE_OF_THESE = (
            "none of these is an art. 6(1) basis",
            "ingen af disse er et behandlingsgrundlag i art. 6, stk. 1",
        ),
        HELP_PUBLIC = (
            "add the basis relied on: for a public authority's tasks usually `gdpr 6(1)(e)` (or `gdpr 6(1)(c)` \
             for a legal obligation) together with the statute that lays down the task",
            "tilføj det behandlingsgrundlag, der anvendes: for en offentlig myndigheds opgaver normalt `gdpr 6(1)(e)` \
             (eller `gdpr 6(1)(c)` for en retlig forpligtelse) sammen med den lov, der fastlægger opgaven",
        ),
        HELP_PRIVATE = (
            "add the art. 6(1) basis relied on, e.g. `gdpr 6(1)(b)` for a contract or `gdpr 6(1)(c)` for a \
             legal obligation",
            "tilføj det behandlingsgrundlag i art. 6, stk. 1, der anvendes, f.eks. `gdpr 6(1)(b)` for en kontrakt \
             eller `gdpr 6(1)(c)` for en retlig forpligtelse",
        ),
    }
}

impl Rule for Art6Basis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let lang = cx.lang;
        for activity in cx.activities {
            // A point is needed: `gdpr 6(1)` alone does not say which basis is relied on.
            if activity
                .bases
                .iter()
                .any(|b| b.gdpr_letter("6", 1).is_some())
            {
                continue;
            }
            let mut finding = cx.finding(
                tr!(lang, text::MESSAGE, activity = activity.name.node),
                activity.name.span,
                tr!(lang, text::LABEL),
            );
            if !activity.basis_spans.is_empty() {
                finding =
                    finding.with_secondary(activity.basis_span(), tr!(lang, text::NONE_OF_THESE));
            }
            let help = if cx.model.controller.public_authority {
                text::HELP_PUBLIC
            } else {
                text::HELP_PRIVATE
            };
            finding = finding.with_help(tr!(lang, help));
            // A basis of some cases only leaves the other cases without one: still an error.
            if let Some(cases) =
                basis_lists::in_some_cases(activity, |b| b.gdpr_letter("6", 1).is_some())
            {
                let message = tr!(
                    lang,
                    text::MESSAGE_SOME_CASES,
                    activity = activity.name.node
                );
                finding = basis_lists::only_in_some_cases(lang, activity, finding, message, cases);
                finding.severity = Severity::Error;
                if let Some(primary) = finding.primary.as_mut() {
                    primary.message = tr!(lang, text::LABEL_SOME_CASES);
                }
            }
            cx.report(finding);
        }
    }
}
