use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::ActId;
use crate::law::vocabulary::{DataClass, RecipientKind};

declare_rule! {
    /// # CPR-BASIS: CPR numbers without Databeskyttelsesloven § 11
    ///
    /// ## What it checks
    /// - An activity of a public authority that processes CPR numbers (class `cpr`) cites
    ///   Databeskyttelsesloven § 11, stk. 1 (`dbl 11(1)`); another controller cites § 11, stk. 2.
    /// - CPR numbers are never disclosed to the public (a recipient of kind `public`).
    ///
    /// ## Why it matters
    /// Art. 87 lets member states set the conditions for processing a national identification number.
    /// Denmark did so in Databeskyttelsesloven § 11: public authorities may process CPR numbers to
    /// identify a person uniquely or as a journal number (stk. 1); private controllers only on the
    /// grounds of stk. 2; and a CPR number may not be published without explicit consent (stk. 3).
    ///
    /// ## Legal basis
    /// - GDPR art. 87
    /// - Databeskyttelsesloven § 11
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data cpr "CPR-nummer" cpr
    /// activity cases "Sagsbehandling" {
    ///   purpose "Identifikation af borgeren i sagen"
    ///   subjects citizens
    ///   data cpr
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data cpr "CPR-nummer" cpr
    /// activity cases "Sagsbehandling" {
    ///   purpose "Identifikation af borgeren i sagen"
    ///   subjects citizens
    ///   data cpr
    ///   basis gdpr 6(1)(e), dbl 11(1)
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    pub struct CprBasis {
        code: "CPR-BASIS",
        severity: Error,
        summary: "CPR numbers are processed only under DBL § 11 and never published",
        provisions: [("Databeskyttelsesloven", "§ 11"), ("GDPR", "art. 87")],
    }
}

impl Rule for CprBasis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let public = model.controller.public_authority;
        let stk = if public { 1 } else { 2 };
        for activity in &model.activities {
            let Some(cpr) = activity
                .data
                .iter()
                .find(|d| model.data(d.id).class == DataClass::Cpr)
            else {
                continue;
            };
            if !activity
                .bases
                .iter()
                .any(|b| b.is(ActId::Dbl, "11", Some(stk), None))
            {
                let finding = cx
                    .finding(
                        format!(
                            "CPR numbers are processed without Databeskyttelsesloven § 11, stk. {stk} in activity `{}`",
                            activity.name.node
                        ),
                        cpr.span,
                        format!("`{}` is a CPR number", model.data(cpr.id).name.node),
                    )
                    .with_secondary(activity.basis_span(), format!("`dbl 11({stk})` is not among these"))
                    .with_help(if public {
                        "add `dbl 11(1)`: a public authority may process CPR numbers to identify a person uniquely or as a journal number"
                    } else {
                        "add the ground of `dbl 11(2)` relied on (it follows from law, consent, or the conditions of § 7)"
                    });
                cx.report(finding);
            }
            for disclosure in &activity.disclosures {
                if model.recipient(disclosure.recipient.id).kind != RecipientKind::Public {
                    continue;
                }
                if let Some(published) = disclosure
                    .data
                    .iter()
                    .find(|d| model.data(d.id).class == DataClass::Cpr)
                {
                    let finding = cx
                        .finding(
                            format!(
                                "CPR numbers are published to `{}`",
                                model.recipient(disclosure.recipient.id).name.node
                            ),
                            published.span,
                            "a CPR number may not be made public",
                        )
                        .with_secondary(disclosure.recipient.span, "this recipient is the public")
                        .with_help(if public {
                            "remove the CPR number from what is published: Databeskyttelsesloven § 11, stk. 1 lets a \
                             public authority use it only to identify a person or as a journal number"
                        } else {
                            "remove the CPR number from what is published: Databeskyttelsesloven § 11, stk. 3 forbids \
                             publishing CPR numbers without explicit consent"
                        });
                    cx.report(finding);
                }
            }
        }
    }
}
