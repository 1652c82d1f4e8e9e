use super::art9_basis::is_art9_condition;
use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::ActId;
use crate::law::citation::LegalRef;
use crate::law::vocabulary::RecipientKind;

declare_rule! {
    /// # DISCLOSURE-BASIS: a disclosure without its own basis
    ///
    /// ## What it checks
    /// Every `disclose ... to RECIPIENT` states its own basis after `under`, and that basis includes a
    /// ground that can carry a disclosure: a point of GDPR art. 6(1) (`gdpr 6(1)` alone names none) or
    /// Databeskyttelsesloven § 8, stk. 2 (criminal-offence data). Forvaltningsloven § 28 alone is not
    /// enough: since 2018, § 28, stk. 1 refers disclosures between authorities to the GDPR and
    /// Databeskyttelsesloven, so it is cited with an art. 6(1) basis, not instead of one. Reporting to
    /// the tax authorities (a recipient of kind `tax`) is a legal obligation and must rest on
    /// art. 6(1)(c). Special-category data in a disclosure also needs an art. 9(2) condition
    /// in the disclosure's basis, counted as ART9-BASIS counts them (a point of art. 9(2), or
    /// Databeskyttelsesloven § 7, stk. 1-4 or § 10; for emergency services: art. 9(2)(c), vital
    /// interests).
    ///
    /// ## Why it matters
    /// A disclosure is a processing operation of its own, with its own purpose: the basis for collecting
    /// the data does not automatically cover passing it on. Typical bases: to Skat, art. 6(1)(c) with the
    /// reporting statute; to the police, art. 6(1)(c) where the authority is obliged to disclose, otherwise
    /// art. 6(1)(e) with an art. 6(4) compatibility assessment; to emergency services, art. 6(1)(d) (and
    /// art. 9(2)(c) for health data); to other authorities, art. 6(1)(e) (or (c)) with forvaltningsloven
    /// § 28 and the statute behind the recipient's task.
    ///
    /// ## Legal basis
    /// - GDPR art. 6(1) and 6(4)
    /// - Databeskyttelsesloven § 8, stk. 2
    /// - Forvaltningsloven § 28
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data income "Indkomstforhold" confidential
    /// recipient skat "Skattestyrelsen" tax { country DK }
    /// activity benefits "Udbetaling af ydelser" {
    ///   purpose "Udbetaling og indberetning af sociale ydelser"
    ///   subjects citizens
    ///   data income
    ///   basis gdpr 6(1)(e), law "Lov om aktiv socialpolitik"
    ///   retain all for 5 years after "udgangen af journalperioden"
    ///   disclose income to skat
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data income "Indkomstforhold" confidential
    /// recipient skat "Skattestyrelsen" tax { country DK }
    /// activity benefits "Udbetaling af ydelser" {
    ///   purpose "Udbetaling og indberetning af sociale ydelser"
    ///   subjects citizens
    ///   data income
    ///   basis gdpr 6(1)(e), law "Lov om aktiv socialpolitik"
    ///   retain all for 5 years after "udgangen af journalperioden"
    ///   disclose income to skat under gdpr 6(1)(c), law "Skatteindberetningsloven" when "årlig indberetning"
    /// }
    /// ```
    pub struct DisclosureBasis {
        code: "DISCLOSURE-BASIS",
        severity: Error,
        summary: "each disclosure to a recipient has its own basis",
        provisions: [("GDPR", "art. 6(1)"), ("Databeskyttelsesloven", "§ 8, stk. 2"), ("Forvaltningsloven", "§ 28")],
    }
}

/// A ground that can carry a disclosure on its own. Forvaltningsloven § 28 is not one: since 2018 it
/// refers disclosures between authorities to the GDPR and Databeskyttelsesloven, so it goes with an
/// art. 6(1) basis rather than replacing it.
fn carries_disclosure(basis: &LegalRef) -> bool {
    basis.gdpr_letter("6", 1).is_some() || basis.is(ActId::Dbl, "8", Some(2), None)
}

/// What a lawyer would expect as the basis for this kind of recipient.
fn typical_basis(kind: RecipientKind) -> &'static str {
    match kind {
        RecipientKind::Tax => {
            "`under gdpr 6(1)(c), law \"...\"` naming the statute that obliges the reporting"
        }
        RecipientKind::Police => {
            "`under gdpr 6(1)(c)` where the law obliges the disclosure, otherwise `under gdpr 6(1)(e)` with an \
             art. 6(4) compatibility assessment"
        }
        RecipientKind::Emergency => {
            "`under gdpr 6(1)(d)` (vital interests), with `gdpr 9(2)(c)` for health data"
        }
        RecipientKind::Authority => {
            "`under gdpr 6(1)(e), fvl 28(1)` with the statute behind the recipient's task"
        }
        RecipientKind::Public => {
            "`under gdpr 6(1)(e)` with the statute that provides for publication, or `gdpr 6(1)(a)` consent"
        }
        RecipientKind::Organisation | RecipientKind::Person => {
            "`under gdpr 6(1)(...)` with the point relied on"
        }
    }
}

impl Rule for DisclosureBasis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for activity in &model.activities {
            for disclosure in &activity.disclosures {
                let recipient = model.recipient(disclosure.recipient.id);
                let label = format!(
                    "disclosed to `{}` ({})",
                    recipient.name.node,
                    recipient.kind.keyword()
                );
                // Several disclosures to one recipient are told apart by their condition.
                let what = match &disclosure.condition {
                    Some(when) => format!(
                        "the disclosure to `{}` ({})",
                        recipient.name.node, when.node
                    ),
                    None => format!("the disclosure to `{}`", recipient.name.node),
                };
                if !disclosure.basis.iter().any(carries_disclosure) {
                    let message = if disclosure.basis.is_empty() {
                        format!("{what} states no basis")
                    } else {
                        format!("{what} cites no ground that can carry a disclosure")
                    };
                    let finding = cx
                        .finding(message, disclosure.recipient.span, label)
                        .with_secondary(
                            disclosure.span,
                            "a disclosure needs its own basis after `under`",
                        )
                        .with_help(format!("add {}", typical_basis(recipient.kind)));
                    cx.report(finding);
                    continue;
                }
                if recipient.kind == RecipientKind::Tax
                    && !disclosure
                        .basis
                        .iter()
                        .any(|b| b.is_gdpr("6", 1, Some('c')))
                {
                    let finding = cx
                        .finding(
                            format!(
                                "the report to `{}` does not rest on a legal obligation, art. 6(1)(c)",
                                recipient.name.node
                            ),
                            disclosure.recipient.span,
                            label,
                        )
                        .with_secondary(disclosure.span, "no `gdpr 6(1)(c)` among these")
                        .with_help(format!("add {}", typical_basis(recipient.kind)));
                    cx.report(finding);
                    continue;
                }
                let special = disclosure
                    .data
                    .iter()
                    .find(|d| model.data(d.id).is_special());
                if let Some(special) = special
                    && !disclosure.basis.iter().any(|b| is_art9_condition(b, false))
                {
                    let finding = cx
                        .finding(
                            format!(
                                "special-category data is disclosed to `{}` without an art. 9(2) condition",
                                recipient.name.node
                            ),
                            special.span,
                            format!("`{}` is special-category data", model.data(special.id).name.node),
                        )
                        .with_secondary(disclosure.recipient.span, label)
                        .with_help(format!(
                            "add the art. 9(2) condition for the disclosure after `under`; typical here: {}",
                            typical_basis(recipient.kind)
                        ));
                    cx.report(finding);
                }
            }
        }
    }
}
