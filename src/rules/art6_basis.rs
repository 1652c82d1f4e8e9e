use super::{Context, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// # ART6-BASIS: processing without an art. 6(1) basis
    ///
    /// ## What it checks
    /// Every processing activity cites at least one lawful basis of GDPR art. 6(1), points (a) to (f).
    /// Other citations (art. 9(2) conditions, art. 32, Danish §§, sector statutes) do not count on their
    /// own: they supplement an art. 6(1) basis, they do not replace it. `gdpr 6(1)` without a point does
    /// not count either: it does not say which basis is relied on.
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
    ///   basis dbl 11(1)
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
        summary: "every processing activity has at least one art. 6(1) basis",
        provisions: [("GDPR", "art. 5(1)(a)"), ("GDPR", "art. 6(1)")],
    }
}

impl Rule for Art6Basis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        for activity in &cx.model.activities {
            // A point is needed: `gdpr 6(1)` alone does not say which basis is relied on.
            if activity
                .bases
                .iter()
                .any(|b| b.gdpr_letter("6", 1).is_some())
            {
                continue;
            }
            let mut finding = cx.finding(
                format!(
                    "activity `{}` has no lawful basis under art. 6(1)",
                    activity.name.node
                ),
                activity.name.span,
                "no art. 6(1) basis is cited for this activity",
            );
            if !activity.basis_spans.is_empty() {
                finding = finding
                    .with_secondary(activity.basis_span(), "none of these is an art. 6(1) basis");
            }
            let help = if cx.model.controller.public_authority {
                "add the basis relied on: for a public authority's tasks usually `gdpr 6(1)(e)` (or `gdpr 6(1)(c)` \
                 for a legal obligation) together with the statute that lays down the task"
            } else {
                "add the art. 6(1) basis relied on, e.g. `gdpr 6(1)(b)` for a contract or `gdpr 6(1)(c)` for a \
                 legal obligation"
            };
            cx.report(finding.with_help(help));
        }
    }
}
